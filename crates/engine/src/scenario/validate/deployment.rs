//! Checks of one self-hosted deployment: hardware, model, people, how it is paid for, and
//! how many nodes it would need.

use super::checker::{Checker, plain_number};
use super::limits;
use crate::scenario::{Compute, Deployment, Electricity, Scenario, Volume};

pub(super) fn check_deployment(
    check: &mut Checker,
    scenario: &Scenario,
    index: usize,
    deployment: &Deployment,
) {
    let at = |field: &str| format!("deployments[{index}].{field}");
    check.name(at("name"), &deployment.name);
    if scenario.deployments[..index]
        .iter()
        .any(|other| other.name == deployment.name)
        || scenario.apis.iter().any(|api| api.name == deployment.name)
    {
        check.fail(
            at("name"),
            format!(
                "{:?} is used twice; every option needs its own name",
                deployment.name
            ),
        );
    }
    check.text(
        at("hardware.name"),
        &deployment.hardware.name,
        limits::NAME_CHARS,
        true,
    );
    check.text(
        at("model.name"),
        &deployment.model.name,
        limits::NAME_CHARS,
        true,
    );
    let before = check.problems.len();
    check.range(
        at("throughput_tokens_per_second"),
        deployment.throughput_tokens_per_second,
        limits::THROUGHPUT,
        "tokens per second (a node that serves nothing can never carry the volume)",
    );
    check.range(
        at("utilization"),
        deployment.utilization,
        limits::UTILIZATION,
        "(a share)",
    );
    if check.problems.len() == before {
        check_node_count(check, scenario, index, deployment);
    }
    if deployment.spare_nodes > limits::SPARE_NODES {
        check.fail(
            at("spare_nodes"),
            format!(
                "must be at most {} (it is {})",
                limits::SPARE_NODES,
                deployment.spare_nodes
            ),
        );
    }
    if deployment.max_nodes == Some(0) {
        check.fail(
            at("max_nodes"),
            "must be at least 1, or left out for no limit".to_owned(),
        );
    } else if let Some(max_nodes) = deployment.max_nodes
        && max_nodes > limits::NODE_LIMIT.1
    {
        check.fail(
            at("max_nodes"),
            format!(
                "must be at most {} serving nodes, or left out for no limit (it is {max_nodes})",
                limits::NODE_LIMIT.1
            ),
        );
    }
    if deployment.owned_nodes > limits::NODE_LIMIT.1 {
        check.fail(
            at("owned_nodes"),
            format!(
                "must be at most {} (it is {})",
                limits::NODE_LIMIT.1,
                deployment.owned_nodes
            ),
        );
    }
    let (fewest_gpus, most_gpus) = limits::GPUS_PER_NODE;
    let gpus = deployment.hardware.gpus;
    if !(fewest_gpus..=most_gpus).contains(&gpus) {
        check.fail(
            at("hardware.gpus"),
            format!("must be between {fewest_gpus} and {most_gpus} GPUs (it is {gpus})"),
        );
    }
    check_hardware_and_people(check, &at, deployment);
    check_payment(check, &at, deployment);
}

/// The node's memory and power, the model's size, and the people and infrastructure.
fn check_hardware_and_people(
    check: &mut Checker,
    at: &dyn Fn(&str) -> String,
    deployment: &Deployment,
) {
    check.range(
        at("hardware.memory_gb"),
        deployment.hardware.memory_gb,
        limits::MEMORY_GB,
        "GB",
    );
    check.range(
        at("hardware.idle_watts"),
        deployment.hardware.idle_watts,
        limits::WATTS,
        "W",
    );
    check.range(
        at("hardware.load_watts"),
        deployment.hardware.load_watts,
        limits::WATTS,
        "W",
    );
    check.range(
        at("model.params_billion"),
        deployment.model.params_billion,
        limits::PARAMS_BILLION,
        "billion",
    );
    check.range(
        at("model.kv_cache_gb"),
        deployment.model.kv_cache_gb,
        limits::KV_CACHE_GB,
        "GB",
    );
    check.range(
        at("engineering_fte"),
        deployment.engineering_fte,
        limits::FTE,
        "FTE",
    );
    check.range(
        at("engineer_usd_per_year"),
        deployment.engineer_usd_per_year,
        limits::ENGINEER_USD_PER_YEAR,
        "$ per year",
    );
    check.range(
        at("infrastructure_usd_per_month"),
        deployment.infrastructure_usd_per_month,
        limits::INFRASTRUCTURE_USD_PER_MONTH,
        "$ per month",
    );
}

/// How compute and electricity are paid for.
fn check_payment(check: &mut Checker, at: &dyn Fn(&str) -> String, deployment: &Deployment) {
    match deployment.compute {
        Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd,
        } => {
            check.range(at("compute.price_usd"), price_usd, limits::PRICE_USD, "$");
            check.range(
                at("compute.amortization_months"),
                amortization_months,
                limits::AMORTIZATION_MONTHS,
                "months",
            );
            check.range(
                at("compute.resale_usd"),
                resale_usd,
                (0.0, price_usd.clamp(0.0, limits::PRICE_USD.1)),
                "$ (at most the price)",
            );
        }
        Compute::RentedHourly { usd_per_hour, .. } => {
            check.range(
                at("compute.usd_per_hour"),
                usd_per_hour,
                limits::USD_PER_HOUR,
                "$ per hour",
            );
        }
        Compute::RentedMonthly { usd_per_month } => {
            check.range(
                at("compute.usd_per_month"),
                usd_per_month,
                limits::USD_PER_NODE_MONTH,
                "$ per month",
            );
        }
    }
    match deployment.electricity {
        Electricity::Metered { usd_per_kwh, pue } => {
            check.range(
                at("electricity.usd_per_kwh"),
                usd_per_kwh,
                limits::USD_PER_KWH,
                "$ per kWh",
            );
            check.range(
                at("electricity.pue"),
                pue,
                limits::PUE,
                "(power usage effectiveness)",
            );
        }
        Electricity::Flat {
            usd_per_month_per_node,
        } => check.range(
            at("electricity.usd_per_month_per_node"),
            usd_per_month_per_node,
            limits::USD_PER_NODE_MONTH,
            "$ per month",
        ),
    }
}

/// Refuses a deployment that would need more nodes than anyone can count at the
/// scenario's volume (a throughput typed in the wrong unit, say).
fn check_node_count(
    check: &mut Checker,
    scenario: &Scenario,
    index: usize,
    deployment: &Deployment,
) {
    let capacity =
        deployment.tokens_per_node_per_month(scenario.hours_per_month, &scenario.workload);
    let volume = scenario.tokens_per_month();
    if !(capacity > 0.0 && volume <= limits::TOKENS_PER_MONTH.1) {
        return;
    }
    let nodes = (volume / capacity).ceil();
    if nodes > limits::SERVING_NODES {
        check.fail(
            format!("deployments[{index}].throughput_tokens_per_second"),
            format!(
                "at {} tokens per month this deployment would need {} nodes (more than {}); \
                 check the throughput (tokens per second per node), the utilization and the volume",
                plain_number(volume),
                plain_number(nodes),
                plain_number(limits::SERVING_NODES)
            ),
        );
    }
}

/// The largest monthly volume at which `deployment` needs at most
/// [`limits::SERVING_NODES`] serving nodes; `None` when it serves nothing (another check
/// refuses that).
pub fn node_ceiling(scenario: &Scenario, deployment: &Deployment) -> Option<f64> {
    let capacity =
        deployment.tokens_per_node_per_month(scenario.hours_per_month, &scenario.workload);
    if !(capacity > 0.0 && capacity.is_finite()) {
        return None;
    }
    let mut ceiling = limits::SERVING_NODES * capacity;
    // The product can round one unit past the last volume a billion nodes serve.
    while ceiling > 0.0 && (ceiling / capacity).ceil() > limits::SERVING_NODES {
        ceiling = ceiling.next_down();
    }
    Some(ceiling)
}

/// What ends the volumes the tool models for a scenario, short of 10¹⁵ tokens a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CeilingReason {
    /// The deployment at this index would need more serving nodes than can be counted.
    Nodes(usize),
    /// The requests a day would pass the most modelled.
    RequestsPerDay,
    /// The peak in requests per second, which grows with the volume, would pass the most
    /// modelled.
    PeakRequests,
}

/// Where the tool stops modelling the scenario: the largest volume it accepts, 10¹⁵
/// tokens a month or less where a deployment would need more nodes than can be counted,
/// or the requests (a day, or at the peak) would pass their limits.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeCeiling {
    /// The largest volume modelled, tokens per month.
    pub tokens_per_month: f64,
    /// What sets it, when not the 10¹⁵ limit.
    pub set_by: Option<CeilingReason>,
}

/// The [`VolumeCeiling`] of `scenario`: every volume up to it is accepted (by `--volume`,
/// the slider, a file: checked here the way validation checks the scenario moved to that
/// volume, rounding of a workload in requests included) and every range, crossover and
/// curve stops there.
pub fn volume_ceiling(scenario: &Scenario) -> VolumeCeiling {
    let mut ceiling = VolumeCeiling {
        tokens_per_month: limits::TOKENS_PER_MONTH.1,
        set_by: None,
    };
    let mut lower = |tokens: f64, reason: CeilingReason| {
        if tokens.is_finite() && tokens >= 0.0 && tokens < ceiling.tokens_per_month {
            ceiling = VolumeCeiling {
                tokens_per_month: tokens,
                set_by: Some(reason),
            };
        }
    };
    let workload = &scenario.workload;
    if let (
        Volume::Requests {
            requests_per_day, ..
        },
        Some(per_request),
    ) = (&workload.volume, workload.tokens_per_request())
    {
        let requests_per_day = *requests_per_day;
        let per_request_day = per_request * scenario.days_per_month;
        if per_request_day > 0.0 {
            lower(
                limits::REQUESTS_PER_DAY.1 * per_request_day,
                CeilingReason::RequestsPerDay,
            );
        }
        if let Some(peak) = workload.peak_requests_per_second
            && peak > 0.0
            && requests_per_day > 0.0
        {
            lower(
                scenario.tokens_per_month() * (limits::PEAK_REQUESTS_PER_SECOND.1 / peak),
                CeilingReason::PeakRequests,
            );
        }
    }
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        if let Some(volume) = node_ceiling(scenario, deployment) {
            lower(volume, CeilingReason::Nodes(index));
        }
    }
    // Moving a workload given in requests to a volume rounds: step down until the moved
    // scenario passes the same checks validation makes.
    for _ in 0..200 {
        if accepts(scenario, ceiling.tokens_per_month) {
            break;
        }
        ceiling.tokens_per_month *= 1.0 - 4.0 * f64::EPSILON;
    }
    ceiling
}

/// Whether `scenario` moved to `tokens` a month stays within the volume's, the requests'
/// and the node count's limits.
fn accepts(scenario: &Scenario, tokens: f64) -> bool {
    let days = scenario.days_per_month;
    let mut workload = scenario.workload.clone();
    workload.set_tokens_per_month(tokens, days);
    let volume = workload.tokens_per_month(days);
    if volume > limits::TOKENS_PER_MONTH.1 {
        return false;
    }
    if let Volume::Requests {
        requests_per_day, ..
    } = workload.volume
        && requests_per_day > limits::REQUESTS_PER_DAY.1
    {
        return false;
    }
    if workload
        .peak_requests_per_second
        .is_some_and(|peak| peak > limits::PEAK_REQUESTS_PER_SECOND.1)
    {
        return false;
    }
    scenario.deployments.iter().all(|deployment| {
        let capacity = deployment.tokens_per_node_per_month(scenario.hours_per_month, &workload);
        capacity.is_nan() || capacity <= 0.0 || (volume / capacity).ceil() <= limits::SERVING_NODES
    })
}
