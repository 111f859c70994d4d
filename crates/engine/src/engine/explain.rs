//! "Show the math": each option's formula with the scenario's numbers substituted.
//!
//! Analysts check a published claim by redoing its arithmetic; these lines let them
//! see every input and every intermediate figure the engine used.

use super::{OptionKind, Report, SelfHostedFigures, api, self_hosted};
use crate::scenario::{ApiOption, Compute, Deployment, Electricity, HourlyBilling, Scenario};
use crate::units::{format_percent, format_tokens, format_usd};

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
    let mut out: Vec<Derivation> = scenario
        .apis
        .iter()
        .map(|option| api_derivation(option, scenario, report))
        .collect();
    for deployment in &scenario.deployments {
        let figures = report
            .option(&deployment.name)
            .filter(|o| o.kind == OptionKind::SelfHosted)
            .and_then(|o| o.self_hosted.as_ref());
        out.push(deployment_derivation(deployment, figures, scenario, report));
    }
    out
}

fn api_derivation(option: &ApiOption, scenario: &Scenario, report: &Report) -> Derivation {
    let volume_text = format_tokens(report.volume_tokens_per_month);
    let workload = &scenario.workload;
    let share = report.input_share;
    let cached = option
        .usd_per_million_cached_input
        .unwrap_or(option.usd_per_million_input);
    let blended = api::blended_usd_per_million(option, workload);
    let effective = api::effective_usd_per_million(option, workload);
    let cost = report
        .option(&option.name)
        .and_then(|o| o.monthly_cost_usd)
        .unwrap_or(0.0);
    Derivation {
        option: option.name.clone(),
        lines: vec![
            format!(
                "blended = s·((1−c)·p_in + c·p_cached) + (1−s)·p_out = {:.3}·((1−{:.2})·{} + {:.2}·{}) + {:.3}·{} = {}/1M",
                share,
                workload.cached_input_share,
                format_usd(option.usd_per_million_input),
                workload.cached_input_share,
                format_usd(cached),
                1.0 - share,
                format_usd(option.usd_per_million_output),
                format_usd(blended),
            ),
            format!(
                "with batch: blended · (1 − b·d) = {} · (1 − {:.2}·{:.2}) = {}/1M",
                format_usd(blended),
                workload.batch_share,
                option.batch_discount,
                format_usd(effective),
            ),
            format!(
                "api(V) = V / 1M · price = {volume_text} / 1M · {} = {}/month",
                format_usd(effective),
                format_usd(cost)
            ),
        ],
    }
}

fn deployment_derivation(
    deployment: &Deployment,
    figures: Option<&SelfHostedFigures>,
    scenario: &Scenario,
    report: &Report,
) -> Derivation {
    let hours = scenario.hours_per_month;
    let volume_text = format_tokens(report.volume_tokens_per_month);
    let Some(figures) = figures else {
        return Derivation {
            option: deployment.name.clone(),
            lines: vec![format!(
                "capacity = T·3600·H·u = {:.0} · 3600 · {hours:.0} · {} = 0: no number of nodes can serve any traffic",
                deployment.throughput_tokens_per_second,
                format_percent(deployment.utilization)
            )],
        };
    };
    let layers = &figures.layers;
    let mut lines = vec![
        format!(
            "capacity per node C = T·3600·H·u = {:.0} tok/s · 3600 · {hours:.0} h · {} = {} tokens/month",
            deployment.throughput_tokens_per_second,
            format_percent(deployment.utilization),
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
    ];
    lines.push(compute_line(deployment, figures, hours));
    lines.push(electricity_line(deployment, figures, hours));
    lines.push(format!(
        "engineering = FTE · loaded cost / 12 = {:.2} · {} / 12 = {}",
        deployment.engineering_fte,
        format_usd(deployment.engineer_usd_per_year),
        format_usd(self_hosted::engineering(deployment))
    ));
    lines.push(format!(
        "self(V) = compute + electricity + engineering + infrastructure = {} + {} + {} + {} = {}/month",
        format_usd(layers.compute),
        format_usd(layers.electricity),
        format_usd(layers.engineering),
        format_usd(layers.infrastructure),
        format_usd(layers.total())
    ));
    if let (Some(payback), Compute::Bought { price_usd, .. }) =
        (figures.payback_months, &deployment.compute)
    {
        lines.push(format!(
            "payback = upfront / (API − running costs) = {} / ({} − {}) = {payback:.1} months",
            format_usd(figures.nodes as f64 * price_usd),
            format_usd(figures.monthly_savings_usd.unwrap_or(0.0) + layers.total()),
            format_usd(layers.total() - layers.compute),
        ));
    }
    Derivation {
        option: deployment.name.clone(),
        lines,
    }
}

/// How compute is paid for, with the numbers.
fn compute_line(deployment: &Deployment, figures: &SelfHostedFigures, hours: f64) -> String {
    let compute = format_usd(figures.layers.compute);
    let nodes = figures.nodes;
    match deployment.compute {
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
fn electricity_line(deployment: &Deployment, figures: &SelfHostedFigures, hours: f64) -> String {
    let electricity = format_usd(figures.layers.electricity);
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
    fn bought_hardware_shows_payback() {
        let scenario = presets::load("sonnet-vs-rtx4090").expect("preset");
        let all = derivations(&scenario, &evaluate(&scenario));
        let payback = all[1].lines.last().expect("payback line");
        assert!(payback.contains("33.2 months"), "{payback}");
        assert!(payback.contains("$2,000"), "{payback}");
    }
}
