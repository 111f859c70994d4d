//! Checks of the traffic's shape, the costs beyond prices (owning, overheads, people on
//! the API side), the horizon and the constraints.

use super::checker::{Checker, plain_number};
use super::limits;
use crate::scenario::ranges::DeploymentInput;
use crate::scenario::{Constraints, LongContextTier, Overheads, Scenario, Volume, Workload};
use crate::units::{Currency, currency_problems};

/// Every check of this module on `scenario`.
pub(super) fn check_costs(check: &mut Checker, scenario: &Scenario) {
    check_traffic_shape(check, &scenario.workload);
    for (index, api) in scenario.apis.iter().enumerate() {
        let at = |field: &str| format!("apis[{index}].{field}");
        check.range(
            at("engineering_fte"),
            api.engineering_fte,
            limits::FTE,
            "FTE",
        );
        check.range(
            at("engineer_usd_per_year"),
            api.engineer_usd_per_year,
            limits::ENGINEER_USD_PER_YEAR,
            "$ per year",
        );
        check_overheads(check, &at, &api.overheads);
        if let Some(tier) = &api.long_context {
            check_long_context(check, &at, tier);
        }
    }
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        let at = |field: &str| format!("deployments[{index}].{field}");
        let owning = &deployment.owning;
        check.range(
            at("owning.capital_rate_per_year"),
            owning.capital_rate_per_year,
            limits::RATE_PER_YEAR,
            "(a share per year; 8% is 0.08)",
        );
        check.range(
            at("owning.maintenance_rate_per_year"),
            owning.maintenance_rate_per_year,
            limits::RATE_PER_YEAR,
            "(a share of the price per year; 10% is 0.1)",
        );
        check.range(
            at("owning.facilities_usd_per_node_month"),
            owning.facilities_usd_per_node_month,
            limits::USD_PER_NODE_MONTH,
            "$ per node per month",
        );
        check.range(
            at("owning.setup_usd_per_node"),
            owning.setup_usd_per_node,
            limits::PRICE_USD,
            "$ per node",
        );
        check_overheads(check, &at, &deployment.overheads);
        let hardware = &deployment.hardware;
        for (field, value) in [
            (
                "hardware.memory_bandwidth_gb_s",
                hardware.memory_bandwidth_gb_s,
            ),
            ("hardware.fp16_tflops", hardware.fp16_tflops),
        ] {
            if let Some(value) = value {
                check.range(at(field), value, limits::NODE_RATE, "(GB/s or TFLOPS)");
            }
        }
        if let Some(phases) = &deployment.phases {
            check.range(
                at("phases.prefill_tokens_per_second"),
                phases.prefill_tokens_per_second,
                limits::THROUGHPUT,
                "tokens per second",
            );
            check.range(
                at("phases.decode_tokens_per_second"),
                phases.decode_tokens_per_second,
                limits::THROUGHPUT,
                "tokens per second",
            );
            if deployment.ranges.contains_key(&DeploymentInput::Throughput) {
                check.fail(
                    at("ranges"),
                    "a range of Throughput has no effect while phases gives the prefill and \
                     decode rates; drop one of them"
                        .to_owned(),
                );
            }
        }
    }
    check.range(
        "accounting.horizon_months",
        scenario.accounting.horizon_months,
        limits::HORIZON_MONTHS,
        "months",
    );
    check_currency(check, &scenario.currency);
    check_constraints(check, &scenario.constraints);
}

/// The constraints' numbers: the engineers available and the time between tokens allowed.
fn check_constraints(check: &mut Checker, constraints: &Constraints) {
    if let Some(available) = constraints.mlops_fte_available {
        check.range(
            "constraints.mlops_fte_available",
            available,
            limits::FTE,
            "FTE",
        );
    }
    if let Some(target) = constraints.inter_token_ms {
        check.range(
            "constraints.inter_token_ms",
            target,
            limits::INTER_TOKEN_MS,
            "ms",
        );
    }
}

/// The currency results are shown in: a three-letter code, a symbol that cannot be taken
/// for part of the number or for other money, and a rate (1 for US dollars).
fn check_currency(check: &mut Checker, currency: &Currency) {
    for (field, problem) in currency_problems(currency, limits::CURRENCY_PER_USD) {
        check.fail(field.to_owned(), problem);
    }
}

/// A long-context tier's prices and threshold.
fn check_long_context(check: &mut Checker, at: &dyn Fn(&str) -> String, tier: &LongContextTier) {
    let price = limits::USD_PER_MILLION_TOKENS;
    for (field, value) in [
        (
            "long_context.usd_per_million_input",
            tier.usd_per_million_input,
        ),
        (
            "long_context.usd_per_million_output",
            tier.usd_per_million_output,
        ),
    ] {
        check.range(at(field), value, price, "$ per 1M tokens");
    }
    if let Some(cached) = tier.usd_per_million_cached_input {
        check.range(
            at("long_context.usd_per_million_cached_input"),
            cached,
            price,
            "$ per 1M tokens",
        );
    }
    let (low, high) = limits::LONG_CONTEXT_THRESHOLD;
    if !(low..=high).contains(&tier.above_input_tokens) {
        check.fail(
            at("long_context.above_input_tokens"),
            format!(
                "must be between {low} and {high} prompt tokens (it is {})",
                tier.above_input_tokens
            ),
        );
    }
}

fn check_overheads(check: &mut Checker, at: &dyn Fn(&str) -> String, overheads: &Overheads) {
    check.range(
        at("overheads.one_off_usd"),
        overheads.one_off_usd,
        limits::ONE_OFF_USD,
        "$",
    );
    check.range(
        at("overheads.monthly_fee_usd"),
        overheads.monthly_fee_usd,
        limits::MONTHLY_FEE_USD,
        "$ per month",
    );
}

/// Peak-to-average ratio, active hours, and a peak given in requests per second.
fn check_traffic_shape(check: &mut Checker, workload: &Workload) {
    check.range(
        "workload.long_context_share",
        workload.long_context_share,
        (0.0, 1.0),
        "(a share of requests)",
    );
    check.range(
        "workload.peak_to_average",
        workload.peak_to_average,
        limits::PEAK_TO_AVERAGE,
        "(peak traffic over the average; 1 means no peak)",
    );
    check.range(
        "workload.active_hours_per_day",
        workload.active_hours_per_day,
        limits::ACTIVE_HOURS_PER_DAY,
        "hours a day",
    );
    let Some(peak) = workload.peak_requests_per_second else {
        return;
    };
    let field = "workload.peak_requests_per_second".to_owned();
    if workload.peak_to_average != 1.0 {
        check.fail(
            field.clone(),
            format!(
                "and peak_to_average ({}) both give the peak; keep one of them",
                plain_number(workload.peak_to_average)
            ),
        );
    }
    let Volume::Requests {
        requests_per_day, ..
    } = workload.volume
    else {
        check.fail(
            field,
            "is only meaningful for a workload given in requests per day; give the \
             peak-to-average ratio (peak_to_average) instead"
                .to_owned(),
        );
        return;
    };
    let before = check.problems.len();
    check.scales_with_volume(
        field.clone(),
        peak,
        limits::PEAK_REQUESTS_PER_SECOND,
        "requests per second",
    );
    let hours = workload.active_hours_per_day;
    if check.problems.len() != before {
        return;
    }
    let Some(average) = workload.average_requests_per_second() else {
        if peak > 0.0 {
            check.fail(
                field,
                "is a peak over an average of 0 requests a day; give the requests per day, \
                 or leave the peak out (None)"
                    .to_owned(),
            );
        }
        return;
    };
    let ratio = peak / average;
    if ratio < 1.0 {
        check.fail(
            field,
            format!(
                "a peak of {} requests/s is below the average of the active hours ({} \
                 requests/s: {} requests a day over {} hours)",
                plain_number(peak),
                plain_number((average * 1000.0).round() / 1000.0),
                plain_number(requests_per_day),
                plain_number(hours)
            ),
        );
    } else if ratio > limits::PEAK_TO_AVERAGE.1 {
        check.fail(
            field,
            format!(
                "makes the peak {} times the average of the active hours; at most {} is \
                 modelled",
                plain_number(ratio.round()),
                plain_number(limits::PEAK_TO_AVERAGE.1)
            ),
        );
    }
}
