//! "Show the math": each option's formula with the scenario's numbers substituted.
//!
//! Analysts check a published claim by redoing its arithmetic; these lines let them
//! see every input and every intermediate figure the engine used.

use super::basis::Basis;
use super::key::listed_keys;
use super::self_hosted::Layers;
use super::{OptionKind, OptionReport, Report, SelfHostedFigures, api, self_hosted};
use crate::scenario::{
    ApiOption, Compute, Deployment, Electricity, HourlyBilling, Lens, Scenario, Workload,
};
use crate::units::{format_percent, format_short_number, format_tokens, format_usd};

/// One option's derivation, line by line.
#[derive(Clone, Debug, PartialEq)]
pub struct Derivation {
    /// The option's name.
    pub option: String,
    /// Formula lines with numbers in them.
    pub lines: Vec<String>,
}

/// Derivations for every API and deployment at the report's volume.
pub fn derivations(scenario: &Scenario, report: &Report) -> Vec<Derivation> {
    let keys = listed_keys(scenario);
    let (api_keys, deployment_keys) = keys.split_at(scenario.apis.len());
    let mut out: Vec<Derivation> = scenario
        .apis
        .iter()
        .zip(api_keys)
        .map(|(option, key)| api_derivation(option, report.option(*key), scenario, report))
        .collect();
    for (deployment, key) in scenario.deployments.iter().zip(deployment_keys) {
        let row = report
            .option(*key)
            .filter(|o| o.kind == OptionKind::SelfHosted);
        out.push(deployment_derivation(deployment, row, scenario, report));
    }
    out
}

/// "compute + electricity + … = $1 + $2 + … = $3/month": a total from its named layers.
fn total_line(label: &str, layers: &Layers) -> String {
    let named = layers.named();
    let names: Vec<String> = named
        .iter()
        .map(|(layer, _)| layer.label().to_lowercase())
        .collect();
    let values: Vec<String> = named.iter().map(|(_, usd)| format_usd(*usd)).collect();
    format!(
        "{label} = {} = {} = {}/month",
        names.join(" + "),
        values.join(" + "),
        format_usd(layers.total())
    )
}

fn api_derivation(
    option: &ApiOption,
    row: Option<&OptionReport>,
    scenario: &Scenario,
    report: &Report,
) -> Derivation {
    let volume_text = format_tokens(report.volume_tokens_per_month);
    let workload = &scenario.workload;
    let share = report.input_share;
    let blended = api::blended_usd_per_million(option, workload);
    let effective = api::effective_usd_per_million(option, workload);
    let cost = row.and_then(|o| o.monthly_cost_usd).unwrap_or(0.0);
    let mut derivation = Derivation {
        option: option.name.clone(),
        lines: vec![blend_line(option, workload, share, blended)],
    };
    derivation
        .lines
        .extend(bill_part_lines(option, workload, share));
    derivation.lines.push(tier_line(option, workload, blended));
    if let Some(uplift) = option.in_region_uplift {
        let tokens = api::ServiceTiers::of(option, workload).usd_per_million();
        derivation.lines.push(format!(
            "in-region: · (1 + uplift) = {} · (1 + {}) = {}/1M",
            format_usd(tokens),
            format_percent(uplift),
            format_usd(tokens * api::region_factor(option)),
        ));
    }
    let tools = api::tool_usd_per_million(option, workload);
    if tools > 0.0 {
        derivation.lines.push(format!(
            "tools = calls per request · fee per call / tokens per request · 1M = {} · {} / \
             1,000 / {} · 1M = {}/1M; price = {}/1M",
            format_short_number(workload.tool_calls()),
            format_usd(option.usd_per_thousand_tool_calls),
            format_short_number(workload.tokens_per_request().unwrap_or(0.0)),
            format_usd(tools),
            format_usd(effective),
        ));
    }
    derivation.lines.push(format!(
        "usage = V / 1M · price = {volume_text} / 1M · {} = {}/month",
        format_usd(effective),
        format_usd(effective * report.volume_tokens_per_month / 1e6)
    ));
    let basis = Basis::of(scenario);
    let storage = api::cache_storage_usd(option, &basis);
    if storage > 0.0 {
        derivation.lines.push(format!(
            "cache storage = prefix / 1M · price an hour · hours cached = {} / 1M · {} · {} = \
             {}/month (in the fee)",
            crate::units::group_thousands(basis.cached_prefix_tokens.round() as u64),
            format_usd(option.usd_per_million_cache_hour),
            format_short_number(basis.cached_hours()),
            format_usd(storage),
        ));
    }
    let fixed = api::fixed_costs(option, &basis);
    if fixed.total() > 0.0 {
        derivation.lines.push(format!(
            "fixed = engineering ({} FTE · {} / 12) + fee + one-off / horizon = {} + {} + {} = \
             {}/month",
            format_short_number(option.engineering_fte),
            format_usd(option.engineer_usd_per_year),
            format_usd(fixed.engineering),
            format_usd(fixed.fees),
            format_usd(fixed.one_off),
            format_usd(fixed.total()),
        ));
    }
    derivation.lines.push(format!(
        "api(V) = usage{} = {}/month",
        if fixed.total() > 0.0 { " + fixed" } else { "" },
        format_usd(cost)
    ));
    derivation
}

/// The service tiers: "with batch: blended · (1 − b·d) = …" where only standard and batch
/// traffic is sent at a plain discount, else each tier's share and price.
fn tier_line(option: &ApiOption, workload: &Workload, blended: f64) -> String {
    let tiers = api::ServiceTiers::of(option, workload);
    if tiers.standard_and_batch_only() && !option.batch_cache_reads_at_standard {
        return format!(
            "with batch: blended · (1 − b·d) = {} · (1 − {:.2}·{:.2}) = {}/1M",
            format_usd(blended),
            tiers.batch_share,
            option.batch_discount,
            format_usd(tiers.usd_per_million()),
        );
    }
    let standard_share = 1.0 - tiers.batch_share - tiers.flex_share - tiers.priority_share;
    let mut parts = vec![format!(
        "{standard_share:.2}·{} standard",
        format_usd(tiers.standard)
    )];
    if tiers.batch_share > 0.0 {
        let rule = if option.batch_cache_reads_at_standard {
            ", cache reads at the standard cached price"
        } else {
            ""
        };
        parts.push(format!(
            "{:.2}·{} batch{rule}",
            tiers.batch_share,
            format_usd(tiers.batch)
        ));
    }
    if tiers.flex_share > 0.0 {
        let refused = workload.flex_failure_share;
        let failures = if refused > 0.0 {
            format!(
                " ({} at flex, {} refused and sent again at standard{})",
                format_usd(tiers.flex),
                format_percent(refused),
                if option.flex_failures_billed {
                    ", refusals billed"
                } else {
                    ", refusals free"
                }
            )
        } else {
            String::new()
        };
        parts.push(format!(
            "{:.2}·{} flex{failures}",
            tiers.flex_share,
            format_usd(tiers.flex_with_failures)
        ));
    }
    if tiers.priority_share > 0.0 {
        parts.push(format!(
            "{:.2}·{} priority",
            tiers.priority_share,
            format_usd(tiers.priority)
        ));
    }
    if tiers.pinned_classes > 0.0 {
        parts.push(format!(
            "{} of classes at their own tiers",
            format_usd(tiers.pinned_classes)
        ));
    }
    format!(
        "service tiers = {} = {}/1M",
        parts.join(" + "),
        format_usd(tiers.usd_per_million())
    )
}

/// "blended = s·((1−c)·p_in + c·p_cached) + (1−s)·p_out = …", with the written and
/// reasoning shares in the formula only where the workload has them.
fn blend_line(option: &ApiOption, workload: &Workload, share: f64, blended: f64) -> String {
    let cached = option
        .usd_per_million_cached_input
        .unwrap_or(option.usd_per_million_input);
    let (read, written) = workload.cache_shares();
    let reasoning = workload.reasoning_share;
    let input_words = if written > 0.0 {
        format!(
            "(1−{read:.2}−{written:.2})·{} + {read:.2}·{} + {written:.2}·{}",
            format_usd(option.usd_per_million_input),
            format_usd(cached),
            format_usd(api::write_price(option, workload.cache_lifetime)),
        )
    } else {
        format!(
            "(1−{read:.2})·{} + {read:.2}·{}",
            format_usd(option.usd_per_million_input),
            format_usd(cached),
        )
    };
    let extra = api::extra_reasoning(option);
    let reasoned = if extra > 0.0 {
        format!("({reasoning:.2}+{extra:.2})")
    } else {
        format!("{reasoning:.2}")
    };
    let output_words = if reasoning > 0.0 || extra > 0.0 {
        format!(
            "((1−{reasoning:.2})·{} + {reasoned}·{})",
            format_usd(option.usd_per_million_output),
            format_usd(
                option
                    .usd_per_million_reasoning
                    .unwrap_or(option.usd_per_million_output)
            ),
        )
    } else {
        format_usd(option.usd_per_million_output)
    };
    let formula = match (written > 0.0, reasoning > 0.0 || extra > 0.0) {
        (false, false) => "s·((1−c)·p_in + c·p_cached) + (1−s)·p_out",
        (true, false) => "s·((1−c−w)·p_in + c·p_cached + w·p_write) + (1−s)·p_out",
        (false, true) => "s·((1−c)·p_in + c·p_cached) + (1−s)·((1−r)·p_out + r·p_reasoning)",
        (true, true) => {
            "s·((1−c−w)·p_in + c·p_cached + w·p_write) + (1−s)·((1−r)·p_out + r·p_reasoning)"
        }
    };
    // An effort's extra reasoning `e` (its multiplier less 1) joins the reasoning share.
    let formula = if extra > 0.0 {
        formula.replace("r·p_reasoning", "(r+e)·p_reasoning")
    } else {
        formula.to_owned()
    };
    format!(
        "blended = {formula} = {share:.3}·({input_words}) + {:.3}·{output_words} = {}/1M",
        1.0 - share,
        format_usd(blended),
    )
}

/// What cache writes and reasoning add to the blended price: "of which cache writes: s·w·
/// p_write = …/1M; reasoning: (1−s)·r·p_reasoning = …/1M", where the workload has them.
fn bill_part_lines(option: &ApiOption, workload: &Workload, share: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let (_, written) = workload.cache_shares();
    if written > 0.0 {
        let write = api::write_price(option, workload.cache_lifetime);
        lines.push(format!(
            "of which {} cache writes = s·w·p_write = {share:.3}·{written:.2}·{} = {}/1M",
            workload.cache_lifetime.label(),
            format_usd(write),
            format_usd(share * written * write)
        ));
    }
    let reasoning = workload.reasoning_share;
    let extra = api::extra_reasoning(option);
    let price = option
        .usd_per_million_reasoning
        .unwrap_or(option.usd_per_million_output);
    if extra > 0.0 {
        let effort = option
            .reasoning_effort
            .as_ref()
            .map_or("", |effort| effort.level.label());
        lines.push(format!(
            "of which reasoning = (1−s)·(r+e)·p_reasoning = {:.3}·({reasoning:.2}+{extra:.2})·{} \
             = {}/1M ({effort} effort: ×{} the output, e = {extra:.2})",
            1.0 - share,
            format_usd(price),
            format_usd((1.0 - share) * (reasoning + extra) * price),
            format_short_number(extra + 1.0),
        ));
    } else if reasoning > 0.0 {
        lines.push(format!(
            "of which reasoning = (1−s)·r·p_reasoning = {:.3}·{reasoning:.2}·{} = {}/1M",
            1.0 - share,
            format_usd(price),
            format_usd((1.0 - share) * reasoning * price)
        ));
    }
    lines
}

fn deployment_derivation(
    deployment: &Deployment,
    row: Option<&OptionReport>,
    scenario: &Scenario,
    report: &Report,
) -> Derivation {
    let hours = scenario.hours_per_month;
    let volume_text = format_tokens(report.volume_tokens_per_month);
    let shape = shape_factors(&scenario.workload);
    let (Some(figures), Some(layers)) = (
        row.and_then(|o| o.self_hosted.as_ref()),
        row.and_then(|o| o.layers.as_ref()),
    ) else {
        return Derivation {
            option: deployment.name.clone(),
            lines: vec![format!(
                "capacity = T·3600·H·u = {:.0} · 3600 · {hours:.0} · {} = 0: no number of nodes can serve any traffic",
                deployment.throughput_tokens_per_second,
                format_percent(deployment.utilization)
            )],
        };
    };
    let throughput = deployment.throughput_for(report.input_share);
    let mut lines = Vec::new();
    if let Some(phases) = &deployment.phases {
        lines.push(format!(
            "T = 1 / (s / prefill + (1 − s) / decode) = 1 / ({:.3} / {:.0} + {:.3} / {:.0}) = {throughput:.0} tok/s",
            report.input_share,
            phases.prefill_tokens_per_second,
            1.0 - report.input_share,
            phases.decode_tokens_per_second,
        ));
    }
    lines.extend([
        format!(
            "capacity per node C = T·3600·H{}·u{} = {:.0} tok/s · 3600 · {hours:.0} h{} · {}{} = {} tokens/month",
            shape.symbols.0,
            shape.symbols.1,
            throughput,
            shape.values.0,
            format_percent(deployment.utilization),
            shape.values.1,
            format_tokens(figures.capacity_tokens_per_month_per_node)
        ),
        format!(
            "nodes = max(1, ceil(V / C)) + spares = max(1, ceil({volume_text} / {})) + {} = {}",
            format_tokens(figures.capacity_tokens_per_month_per_node),
            deployment.spare_nodes,
            figures.nodes
        ),
        format!(
            "busy share = V / (n · T · 3600 · H) = {}",
            format_percent(figures.busy_share)
        ),
    ]);
    lines.push(compute_line(deployment, figures, layers, scenario));
    lines.push(electricity_line(deployment, figures, layers, hours));
    lines.extend(owning_lines(deployment, figures, layers, scenario));
    lines.push(format!(
        "engineering = FTE · loaded cost / 12 = {} · {} / 12 = {}",
        format_short_number(deployment.engineering_fte),
        format_usd(deployment.engineer_usd_per_year),
        format_usd(self_hosted::engineering(deployment))
    ));
    lines.push(total_line("self(V)", layers));
    if let (Some(payback), Some(purchase)) = (figures.payback_months, figures.purchase_usd) {
        let running = layers.total() - layers.compute - layers.capital - layers.one_off;
        lines.push(format!(
            "payback = upfront / (API − running costs) = {} / ({} − {}) = {payback:.1} months",
            format_usd(purchase + deployment.overheads.one_off_usd.max(0.0)),
            format_usd(figures.monthly_savings_usd.unwrap_or(0.0) + layers.total()),
            format_usd(running),
        ));
    }
    Derivation {
        option: deployment.name.clone(),
        lines,
    }
}

/// The traffic shape's factors in the capacity formula, as symbols and numbers: empty
/// for all-day traffic without peaks, so the formula reads as it always did.
struct ShapeFactors {
    symbols: (&'static str, &'static str),
    values: (String, String),
}

fn shape_factors(workload: &Workload) -> ShapeFactors {
    let active = workload.active_share();
    let peak = workload.peak_to_average();
    let (active_symbol, active_value) = if active < 1.0 {
        ("·(A/24)", format!(" · ({:.1}/24)", active * 24.0))
    } else {
        ("", String::new())
    };
    let (peak_symbol, peak_value) = if peak > 1.0 {
        ("/P", format!(" / {peak:.2}"))
    } else {
        ("", String::new())
    };
    ShapeFactors {
        symbols: (active_symbol, peak_symbol),
        values: (active_value, peak_value),
    }
}

/// Capital, maintenance, facilities and setup of bought nodes, when any costs something.
fn owning_lines(
    deployment: &Deployment,
    figures: &SelfHostedFigures,
    layers: &Layers,
    scenario: &Scenario,
) -> Vec<String> {
    let Compute::Bought {
        price_usd,
        resale_usd,
        ..
    } = deployment.compute
    else {
        return Vec::new();
    };
    let owning = &deployment.owning;
    let nodes = figures.nodes;
    let mut lines = Vec::new();
    if layers.capital > 0.0 {
        lines.push(format!(
            "capital = n · (price + resale) / 2 · rate / 12 = {nodes} · ({} + {}) / 2 · {} / 12 = {}",
            format_usd(price_usd),
            format_usd(resale_usd),
            format_percent(owning.capital_rate_per_year),
            format_usd(layers.capital)
        ));
    }
    if layers.maintenance > 0.0 {
        lines.push(format!(
            "maintenance = n · price · rate / 12 = {nodes} · {} · {} / 12 = {}",
            format_usd(price_usd),
            format_percent(owning.maintenance_rate_per_year),
            format_usd(layers.maintenance)
        ));
    }
    if layers.facilities > 0.0 {
        lines.push(format!(
            "facilities = n · per node = {nodes} · {} = {}",
            format_usd(owning.facilities_usd_per_node_month),
            format_usd(layers.facilities)
        ));
    }
    if layers.one_off > 0.0 {
        lines.push(format!(
            "one-off = (n · setup + implementation) / horizon = ({nodes} · {} + {}) / {:.0} = {}",
            format_usd(owning.setup_usd_per_node),
            format_usd(deployment.overheads.one_off_usd),
            scenario.accounting.horizon_months,
            format_usd(layers.one_off)
        ));
    }
    if layers.fees > 0.0 {
        lines.push(format!("fees = {}/month", format_usd(layers.fees)));
    }
    lines
}

/// How compute is paid for, with the numbers.
fn compute_line(
    deployment: &Deployment,
    figures: &SelfHostedFigures,
    layers: &Layers,
    scenario: &Scenario,
) -> String {
    let hours = scenario.hours_per_month;
    let compute = format_usd(layers.compute);
    let nodes = figures.nodes;
    match deployment.compute {
        Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd,
        } if scenario.accounting.lens == Lens::Marginal => format!(
            "compute = (n − owned) · (price − resale) / months = ({nodes} − {}) · ({} − {}) / \
             {amortization_months:.0} = {compute} (marginal cost: owned nodes write nothing \
             off)",
            figures.owned_nodes,
            format_usd(price_usd),
            format_usd(resale_usd),
        ),
        Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd,
        } => format!(
            "compute = n · (price − resale) / months = {nodes} · ({} − {}) / \
             {amortization_months:.0} = {compute}",
            format_usd(price_usd),
            format_usd(resale_usd),
        ),
        Compute::RentedHourly {
            usd_per_hour,
            billing: HourlyBilling::AlwaysOn,
        } => format!(
            "compute = n · rate · H = {nodes} · {}/h · {hours:.0} h = {compute} \
             (paid whether busy or not)",
            format_usd(usd_per_hour),
        ),
        Compute::RentedHourly {
            usd_per_hour,
            billing: HourlyBilling::ActiveHours,
        } => format!(
            "compute = n · rate · H · A / 24 = {nodes} · {}/h · {hours:.0} h · {:.1} / 24 = \
             {compute} (paid for the active hours)",
            format_usd(usd_per_hour),
            scenario.workload.active_share() * 24.0,
        ),
        Compute::RentedHourly {
            usd_per_hour,
            billing: HourlyBilling::BusyHours,
        } => format!(
            "compute = rate · busy hours = {}/h · V / (T · 3600) = {compute}",
            format_usd(usd_per_hour),
        ),
        Compute::RentedMonthly { usd_per_month } => format!(
            "compute = n · rent = {nodes} · {} = {compute}",
            format_usd(usd_per_month),
        ),
    }
}

/// What electricity costs, with the numbers (rent includes it).
fn electricity_line(
    deployment: &Deployment,
    figures: &SelfHostedFigures,
    layers: &Layers,
    hours: f64,
) -> String {
    let electricity = format_usd(layers.electricity);
    if !deployment.compute.is_bought() {
        return "electricity = included in the rent".to_owned();
    }
    match deployment.electricity {
        Electricity::Metered { usd_per_kwh, pue } => format!(
            "electricity = (n·P_idle + (P_load − P_idle)·busy·n_serving) / 1000 · H · tariff · \
             PUE = (… {:.0} W idle, {:.0} W load) · {hours:.0} h · {}/kWh · {pue:.2} = \
             {electricity}",
            deployment.hardware.idle_watts,
            deployment.hardware.load_watts,
            format_usd(usd_per_kwh),
        ),
        Electricity::Flat {
            usd_per_month_per_node,
        } => format!(
            "electricity = n · flat = {} · {} = {electricity}",
            figures.nodes,
            format_usd(usd_per_month_per_node),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::presets;

    #[test]
    fn derivations_show_the_engines_numbers() {
        let scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        let report = evaluate(&scenario);
        let all = derivations(&scenario, &report);
        assert_eq!(all.len(), 2);
        assert!(
            all[0].lines[0].ends_with("= $3.50/1M"),
            "{}",
            all[0].lines[0]
        );
        assert!(
            all[0].lines[2].ends_with("= $350.00/month"),
            "{}",
            all[0].lines[2]
        );
        let last = all[1].lines.last().expect("total line");
        assert!(last.ends_with("= $550.00/month"), "{last}");
    }

    #[test]
    fn bought_hardware_shows_payback_where_it_can_run() {
        // The preset's 70B model does not fit the 24 GB card: no payback is shown.
        let mut scenario = presets::load("sonnet-vs-rtx4090").expect("preset");
        let all = derivations(&scenario, &evaluate(&scenario));
        let last = all[1].lines.last().expect("a last line");
        assert!(!last.contains("payback"), "{last}");
        // On a 48 GB card it fits, and the same $2,000 pays back in 33.2 months.
        scenario.deployments[0].hardware.memory_gb = 48.0;
        let all = derivations(&scenario, &evaluate(&scenario));
        let payback = all[1].lines.last().expect("payback line");
        assert!(payback.contains("33.2 months"), "{payback}");
        assert!(payback.contains("$2,000"), "{payback}");
    }
}
