//! The cost engine: pure functions from a `Scenario` to a `Report` and a [`Model`].
//!
//! No UI, no I/O, no clocks. The app prepares a [`Model`] when the scenario changes, the
//! CLI and the exporters prepare one per command: every number shown anywhere comes
//! from here.

pub mod api;
pub mod basis;
pub mod cheapest;
pub mod compare;
pub mod constraints;
pub mod crossover;
pub mod curve;
pub mod explain;
mod guard;
mod key;
mod latency_constraint;
mod model;
mod options;
pub mod pair;
mod prepared;
pub mod reasons;
mod report;
mod residency_constraint;
pub mod self_hosted;
pub mod staircase;
pub mod timeline;
pub mod uncertainty;
pub mod verdict;

pub use key::{OptionKey, PairKey};
pub use model::{Model, prepare};
pub use options::{OptionSource, PricedOption, Reach, priced_options};
pub use prepared::PreparedOption;
pub use reasons::{CannotRun, RuledOut};
pub use report::{
    Alternation, CheaperRange, Crossover, OptionKind, OptionReport, Report, SelfHostedFigures,
};

use crate::scenario::validate::CeilingReason;
use crate::scenario::{Deployment, Lens, Scenario};
use crate::units::format_tokens;
use basis::Basis;
use self_hosted::Layers;
use staircase::Staircase;

/// Evaluates the scenario at its own volume.
pub fn evaluate(scenario: &Scenario) -> Report {
    evaluate_at(scenario, scenario.tokens_per_month())
}

/// Evaluates the scenario at `tokens_per_month` (input share kept).
pub fn evaluate_at(scenario: &Scenario, tokens_per_month: f64) -> Report {
    evaluate_with_bands(scenario, priced_options(scenario), tokens_per_month).0
}

/// The report at `tokens_per_month` and every option ready for the views (its staircase,
/// reach and cost band), from the scenario's options priced once for both.
pub(crate) fn evaluate_with_bands<'a>(
    scenario: &'a Scenario,
    options: Vec<PricedOption<'a>>,
    tokens_per_month: f64,
) -> (Report, Vec<PreparedOption>) {
    let volume = guard::non_negative(tokens_per_month);
    let requests_per_month = scenario
        .workload
        .tokens_per_request()
        .filter(|tokens| *tokens > 0.0)
        .map(|tokens| volume / tokens);
    let mut warnings = scenario_warnings(scenario);

    let cheapest_api = options
        .iter()
        .filter(|o| o.kind == OptionKind::Api)
        .filter_map(|o| Some(((o.key, o.name.clone()), o.staircase?.cost(volume))))
        .min_by(|a, b| a.1.total_cmp(&b.1));

    let context = RowContext {
        scenario,
        basis: Basis::of(scenario),
        volume,
        requests_per_month,
        cheapest_api,
        full_costs: full_lens_costs(scenario, volume),
    };
    let assessment = constraints::assess(scenario, &options);
    let ranges = uncertainty::analyse(scenario, &options, volume);
    let rows: Vec<OptionReport> = options
        .iter()
        .zip(&ranges.bands)
        .zip(&assessment.ruled_out)
        .enumerate()
        .map(|(index, ((option, band), ruled_out))| {
            let mut row = option_report(option, index, &context, &mut warnings);
            row.ruled_out.clone_from(ruled_out);
            // An option that cannot run saves nothing and pays nothing back, however its
            // cost compares: every view reads these two from here.
            if row.cannot_run.is_some()
                && let Some(figures) = &mut row.self_hosted
            {
                figures.monthly_savings_usd = None;
                figures.payback_months = None;
            }
            // An option that cannot run at this volume has a cost, but no range is shown
            // for it, as no band is drawn: it is not an option here.
            if let (Some(cost), None) = (row.monthly_cost_usd, &row.cannot_run) {
                let (low, high) = band.at(volume, cost);
                row.monthly_cost_low_usd = Some(low);
                row.monthly_cost_high_usd = Some(high);
            }
            row
        })
        .collect();

    let ceiling = crate::scenario::validate::volume_ceiling(scenario);
    if let Some(reason) = ceiling.set_by {
        warnings.push(ceiling_warning(scenario, reason, ceiling.tokens_per_month));
    }
    let limit = ceiling.tokens_per_month;
    let analysis = analyse_crossovers(&options, limit);
    let recommended_ranges = assessment.rules_out_any().then(|| {
        let allowed: Vec<&PricedOption> = options
            .iter()
            .zip(&assessment.ruled_out)
            .filter(|(_, out)| out.is_none())
            .map(|(option, _)| option)
            .collect();
        cheapest_ranges(&allowed, limit)
    });
    for turns in &analysis.alternations {
        warnings.push(alternation_warning(turns));
    }
    let lens_note = lens_note(scenario, &rows);
    let report = Report {
        scenario: scenario.title.clone(),
        volume_tokens_per_month: volume,
        input_share: guard::share(scenario.workload.input_share()),
        requests_per_month,
        options: rows,
        crossovers: analysis.crossovers,
        alternations: analysis.alternations,
        cheaper_ranges: analysis.ranges,
        modelled_up_to_tokens_per_month: limit,
        crossover_intervals: ranges.intervals,
        sensitivity: ranges.sensitivity,
        ranged_inputs: ranges.inputs,
        lens: scenario.accounting.lens,
        lens_note,
        constraints_applied: assessment.applied,
        recommended_ranges,
        warnings,
        no_engineering_time: without_engineering_time(&options),
        currency: scenario.currency.clone(),
    };
    let prepared = options
        .into_iter()
        .zip(ranges.bands)
        .map(|(option, band)| PreparedOption {
            key: option.key,
            name: option.name,
            kind: option.kind,
            staircase: option.staircase,
            reach: option.reach,
            band,
        })
        .collect();
    (report, prepared)
}

/// What every row of the report is computed against.
struct RowContext<'a> {
    scenario: &'a Scenario,
    basis: Basis,
    volume: f64,
    requests_per_month: Option<f64>,
    /// The cheapest API at the volume (its key and name) and its cost.
    cheapest_api: Option<((OptionKey, String), f64)>,
    /// Each option's cost under the full lens when the report's lens is another one.
    full_costs: Option<Vec<Option<f64>>>,
}

/// Each option's monthly cost at `volume` under the full lens, for the fully-loaded
/// $ per 1M; `None` when the scenario already uses it.
fn full_lens_costs(scenario: &Scenario, volume: f64) -> Option<Vec<Option<f64>>> {
    if scenario.accounting.lens == Lens::Full {
        return None;
    }
    let mut full = scenario.clone();
    full.accounting.lens = Lens::Full;
    Some(
        priced_options(&full)
            .iter()
            .map(|option| option.staircase.map(|stairs| stairs.cost(volume)))
            .collect(),
    )
}

fn option_report(
    option: &PricedOption,
    index: usize,
    context: &RowContext,
    warnings: &mut Vec<String>,
) -> OptionReport {
    let volume = context.volume;
    let monthly_cost_usd = option.staircase.map(|stairs| stairs.cost(volume));
    let per_unit =
        |cost: Option<f64>, units: f64| cost.and_then(|cost| (units > 0.0).then(|| cost / units));
    let (layers, self_hosted) = match option.source {
        OptionSource::Api(api_option) => {
            let layers = api::layers(
                api_option,
                &context.scenario.workload,
                &context.basis,
                volume,
            );
            (option.staircase.map(|_| layers), None)
        }
        OptionSource::Deployment(deployment) => self_hosted_figures(
            deployment,
            volume,
            None,
            context,
            option.one_off_usd,
            warnings,
        )
        .unzip(),
        OptionSource::Hybrid {
            deployment,
            local_share,
            api_usd_per_token,
            api_fixed,
            ..
        } => {
            let api_part = Layers {
                api: Some(volume * (1.0 - local_share) * api_usd_per_token),
                ..api_fixed
            };
            self_hosted_figures(
                deployment,
                volume * local_share,
                Some(api_part),
                context,
                option.one_off_usd,
                &mut Vec::new(),
            )
            .unzip()
        }
    };
    if option.staircase.is_none() {
        warnings.push(format!(
            "{} cannot serve any traffic: its throughput × utilization × hours is zero. \
             Set a throughput and utilization above zero.",
            option.name
        ));
    }
    let full_cost = match &context.full_costs {
        Some(costs) => costs.get(index).copied().flatten(),
        None => monthly_cost_usd,
    };
    OptionReport {
        key: option.key,
        name: option.name.clone(),
        kind: option.kind,
        monthly_cost_usd,
        yearly_cost_usd: monthly_cost_usd.map(|usd| usd * 12.0),
        monthly_cost_low_usd: monthly_cost_usd,
        monthly_cost_high_usd: monthly_cost_usd,
        usd_per_million_tokens: per_unit(monthly_cost_usd, volume / 1e6),
        usd_per_request: context
            .requests_per_month
            .and_then(|requests| per_unit(monthly_cost_usd, requests)),
        cannot_run: option.reach.reason_at(volume),
        ruled_out: None,
        layers,
        fully_loaded_usd_per_million_tokens: per_unit(full_cost, volume / 1e6),
        self_hosted,
    }
}

/// A deployment's layers and figures when it serves `local_tokens` (for a hybrid, with
/// `api_part`: the API's share of traffic and fixed costs).
fn self_hosted_figures(
    deployment: &Deployment,
    local_tokens: f64,
    api_part: Option<Layers>,
    context: &RowContext,
    one_off_usd: f64,
    warnings: &mut Vec<String>,
) -> Option<(Layers, SelfHostedFigures)> {
    let sizing = self_hosted::size(deployment, &context.basis, local_tokens)?;
    let mut layers = sizing.layers;
    if let Some(part) = api_part {
        layers.engineering += part.engineering;
        layers.fees += part.fees;
        layers.one_off += part.one_off;
        layers.api = part.api;
    }
    let total = layers.total();
    let cheapest_api = context.cheapest_api.as_ref();
    let monthly_savings_usd = cheapest_api.map(|(_, api_cost)| api_cost - total);
    // Payback: what is paid up front (the nodes still to buy and their setup, the
    // implementation) is repaid by what the API would cost minus what running the option
    // still costs each month (everything but the write-off, the cost of capital and spread
    // one-offs). Nodes the marginal lens counts as owned are not bought again; with every
    // node owned there is nothing to pay back.
    let purchase_usd = self_hosted::node_upfront_usd(deployment)
        .map(|per_node| per_node * (sizing.nodes - sizing.owned_nodes))
        .filter(|purchase| *purchase > 0.0);
    let payback_months = purchase_usd.and_then(|purchase| {
        let running = total - layers.compute - layers.capital - layers.one_off;
        let monthly_gain = cheapest_api?.1 - running;
        (monthly_gain > 0.0).then(|| (purchase + one_off_usd) / monthly_gain)
    });
    let memory_needed_gb = deployment.model.memory_needed_gb();
    let memory_available_gb = deployment.hardware.memory_gb;
    if memory_needed_gb > memory_available_gb {
        // Named by the option first, as every warning about one option is, so a caption
        // that already says the option cannot run can leave this out.
        warnings.push(format!(
            "{}: {} ({}) needs about {memory_needed_gb:.0} GB but {} has \
             {memory_available_gb:.0} GB: it does not fit in memory. Choose a smaller precision \
             or model, or more memory.",
            deployment.name,
            deployment.model.name,
            deployment.model.precision.label(),
            deployment.hardware.name,
        ));
    }
    if let Some(max_nodes) = deployment.max_nodes
        && sizing.serving_nodes > f64::from(max_nodes)
    {
        warnings.push(format!(
            "{} needs {} serving nodes at {} tokens/month but the scenario allows {max_nodes}.",
            deployment.name,
            sizing.serving_nodes,
            format_tokens(local_tokens),
        ));
    }
    let figures = SelfHostedFigures {
        nodes: sizing.nodes as u64,
        serving_nodes: sizing.serving_nodes as u64,
        owned_nodes: sizing.owned_nodes as u64,
        busy_share: sizing.busy_share,
        capacity_tokens_per_month_per_node: self_hosted::capacity_per_node(
            deployment,
            &context.basis,
        ),
        compared_with_api: cheapest_api.map(|((_, name), _)| name.clone()),
        compared_with_api_id: cheapest_api.map(|((key, _), _)| *key),
        monthly_savings_usd,
        purchase_usd,
        payback_months,
        hardware_life_months: self_hosted::life_months(deployment),
        memory_needed_gb,
        memory_available_gb,
    };
    Some((layers, figures))
}

/// Warnings about the scenario as a whole, independent of volume.
fn scenario_warnings(scenario: &Scenario) -> Vec<String> {
    let mut warnings: Vec<String> = crate::scenario::validate::contradictions(scenario)
        .iter()
        .map(|problem| format!("{}: {}", problem.field, problem.message))
        .collect();
    if scenario.apis.is_empty() {
        warnings.push("The scenario has no API option to compare with.".to_owned());
    }
    if scenario.deployments.is_empty() {
        warnings.push("The scenario has no self-hosted deployment to compare with.".to_owned());
    }
    if let Some(hybrid) = &scenario.hybrid {
        if scenario.hybrid_deployment().is_none() {
            warnings.push(format!(
                "The hybrid names deployment {}, which the scenario does not have; it is left out.",
                hybrid.deployment
            ));
        }
        if scenario.hybrid_api().is_none() {
            warnings.push(format!(
                "The hybrid names API {}, which the scenario does not have; it is left out.",
                hybrid.api
            ));
        }
    }
    warnings
}

/// The self-hosted and hybrid options that count no engineers' time.
fn without_engineering_time(options: &[PricedOption]) -> Vec<String> {
    options
        .iter()
        .filter(|option| match option.source {
            OptionSource::Deployment(deployment) | OptionSource::Hybrid { deployment, .. } => {
                deployment.engineering_fte <= 0.0
            }
            OptionSource::Api(_) => false,
        })
        .map(|option| option.name.clone())
        .collect()
}

/// What the marginal lens treated as owned or paid, option by option: "Marginal cost:
/// Mac Studio cluster: none of its 141 nodes owned, all counted in full; one-off costs
/// counted (not yet paid)." `None` under the full lens.
fn lens_note(scenario: &Scenario, rows: &[OptionReport]) -> Option<String> {
    if scenario.accounting.lens != Lens::Marginal {
        return None;
    }
    let mut parts: Vec<String> = rows
        .iter()
        .filter(|row| row.kind != OptionKind::Api)
        .filter_map(|row| {
            let figures = row.self_hosted.as_ref()?;
            let (owned, nodes) = (figures.owned_nodes, figures.nodes);
            let plural = |count: u64| if count == 1 { "node" } else { "nodes" };
            Some(if figures.hardware_life_months.is_none() {
                format!(
                    "{} is rented, so its marginal cost is its full cost",
                    row.name
                )
            } else if owned == 0 {
                format!(
                    "{}: none of its {nodes} {} owned, all counted in full",
                    row.name,
                    plural(nodes)
                )
            } else if owned >= nodes {
                let which = if nodes == 1 {
                    "its node".to_owned()
                } else {
                    format!("all {nodes} nodes")
                };
                format!(
                    "{}: {which} owned (no write-off, cost of capital or setup)",
                    row.name
                )
            } else {
                format!(
                    "{}: {owned} of its {nodes} nodes owned, {} counted in full",
                    row.name,
                    nodes - owned
                )
            })
        })
        .collect();
    parts.push(
        if scenario.accounting.one_offs_paid {
            "one-off costs already paid"
        } else {
            "one-off costs counted (not yet paid)"
        }
        .to_owned(),
    );
    Some(format!("Marginal cost: {}.", parts.join("; ")))
}

/// "Above 3.6T tokens/month Llama … would need more than 1,000,000,000 serving nodes, so
/// the tool models volumes up to 3.6T only": said whenever something other than the
/// 10¹⁵ limit ends the modelled volumes.
fn ceiling_warning(scenario: &Scenario, reason: CeilingReason, limit: f64) -> String {
    use crate::scenario::validate::limits;
    let why = match reason {
        CeilingReason::Nodes(index) => format!(
            "{} would need more than {} serving nodes",
            scenario.deployments[index].name,
            crate::units::group_thousands(limits::SERVING_NODES as u64)
        ),
        CeilingReason::RequestsPerDay => format!(
            "the requests would pass {} a day",
            crate::units::group_thousands(limits::REQUESTS_PER_DAY.1 as u64)
        ),
        CeilingReason::PeakRequests => format!(
            "the peak would pass {} requests a second",
            crate::units::group_thousands(limits::PEAK_REQUESTS_PER_SECOND.1 as u64)
        ),
    };
    format!(
        "Above {} tokens/month {why}, so the tool models volumes up to {} only: crossovers, \
         ranges and curves stop there.",
        format_tokens(limit),
        format_tokens(limit)
    )
}

/// "GPT-4o and Llama … take turns at each of about 1,200 node steps from 4.7B to 9.1B
/// tokens/month": the warning that goes with an [`Alternation`].
fn alternation_warning(turns: &Alternation) -> String {
    format!(
        "{} and {} cost within one node of each other, so they take turns {} from {}; \
         those crossovers are not listed one by one.",
        turns.api,
        turns.self_hosted,
        turns.steps_words(),
        turns.span_words()
    )
}

struct CrossoverAnalysis {
    crossovers: Vec<Crossover>,
    alternations: Vec<Alternation>,
    ranges: Vec<CheaperRange>,
}

/// Crossovers of every API with every self-hosted option, and the cheapest ranges
/// over all options, up to `limit` tokens a month (where the model stops).
fn analyse_crossovers(options: &[PricedOption], limit: f64) -> CrossoverAnalysis {
    // An option that cannot run at any volume has no crossovers and is never cheapest;
    // one with a node limit has them only up to the volume its limit serves.
    let usable: Vec<(&PricedOption, Staircase)> = options
        .iter()
        .filter(|option| option.reach.max_tokens_per_month() > 0.0)
        .filter_map(|option| Some((option, option.staircase?)))
        .collect();
    let mut crossovers = Vec::new();
    let mut alternations = Vec::new();
    for (api, api_stairs) in usable.iter().filter(|(o, _)| o.kind == OptionKind::Api) {
        for (own, own_stairs) in usable.iter().filter(|(o, _)| o.kind != OptionKind::Api) {
            let reach = own.reach.max_tokens_per_month().min(limit);
            let found = crossover::crossings_up_to(api_stairs, own_stairs, reach);
            let within = |volume: f64| volume <= reach;
            crossovers.extend(
                found
                    .points
                    .iter()
                    .filter(|p| within(p.volume))
                    .map(|point| Crossover {
                        pair: PairKey {
                            api: api.key,
                            self_hosted: own.key,
                        },
                        api: api.name.clone(),
                        self_hosted: own.name.clone(),
                        volume_tokens_per_month: point.volume,
                        self_hosted_cheaper_above: !point.first_cheaper_above,
                        at_node_step: point.at_node_step,
                        monthly_cost_usd: api_stairs.cost(point.volume),
                    }),
            );
            if let Some(turns) = found.turn_taking.filter(|turns| within(turns.from)) {
                // The stretch is counted only as far as the model goes, so its node steps
                // are a number, never "infinitely many" or a saturated count; one that
                // runs to the tool's own limit is "at every node step … and above".
                let end = turns.to.map_or(reach, |to| to.min(reach));
                let ends_before_limit = turns.to.is_some_and(|to| to < reach);
                let to = (ends_before_limit || reach < limit).then_some(end);
                let node_steps = to.map(|end| {
                    if turns.to == Some(end) {
                        turns.node_steps
                    } else {
                        (end - turns.from) * crossover::step_density(&[api_stairs, own_stairs])
                    }
                });
                alternations.push(Alternation {
                    pair: PairKey {
                        api: api.key,
                        self_hosted: own.key,
                    },
                    api: api.name.clone(),
                    self_hosted: own.name.clone(),
                    from_tokens_per_month: turns.from,
                    to_tokens_per_month: to,
                    node_steps: node_steps.filter(|steps| steps.is_finite()),
                });
            }
        }
    }
    crossovers.sort_by(|a, b| {
        a.volume_tokens_per_month
            .total_cmp(&b.volume_tokens_per_month)
    });
    let all: Vec<&PricedOption> = options.iter().collect();
    let ranges = cheapest_ranges(&all, limit);
    CrossoverAnalysis {
        crossovers,
        alternations,
        ranges,
    }
}

/// Where each of `options` is cheapest, over the volumes up to `limit` (the last range
/// open-ended when the limit is the tool's own, ending at `limit` when a deployment's node
/// count sets it); an option that cannot run at a volume is never cheapest there.
fn cheapest_ranges(options: &[&PricedOption], limit: f64) -> Vec<CheaperRange> {
    let usable: Vec<(&PricedOption, Staircase)> = options
        .iter()
        .filter(|option| option.reach.max_tokens_per_month() > 0.0)
        .filter_map(|option| Some((*option, option.staircase?)))
        .collect();
    let stairs: Vec<Staircase> = usable.iter().map(|(_, stairs)| *stairs).collect();
    let reach: Vec<f64> = usable
        .iter()
        .map(|(option, _)| option.reach.max_tokens_per_month())
        .collect();
    let name = |index: usize| usable[index].0.name.clone();
    let key = |index: usize| usable[index].0.key;
    let open_ended = limit >= crate::scenario::validate::limits::TOKENS_PER_MONTH.1;
    cheapest::cheapest_ranges_within(&stairs, &reach, limit)
        .into_iter()
        .filter(|range| range.from < limit || (range.from == 0.0 && limit == 0.0))
        .map(|range| {
            let to = match range.to {
                Some(to) if to < limit => Some(to),
                _ if open_ended => None,
                _ => Some(limit),
            };
            CheaperRange {
                option_id: key(range.option),
                option: name(range.option),
                kind: usable[range.option].0.kind,
                from_tokens_per_month: range.from,
                to_tokens_per_month: to,
                alternates_with_ids: range.alternates_with.iter().copied().map(key).collect(),
                alternates_with: range.alternates_with.into_iter().map(name).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
