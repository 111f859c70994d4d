//! The engine against hand-computed reports: hybrids, node limits, payback, warnings.

use super::*;
use crate::scenario::{Hybrid, presets};

fn dedicated_server() -> Scenario {
    presets::load("gpt4o-vs-dedicated-server").expect("preset")
}

#[test]
fn hybrid_sends_a_share_to_the_deployment_and_the_rest_to_the_api() {
    let mut scenario = dedicated_server();
    scenario.hybrid = Some(Hybrid {
        local_share: 0.5,
        deployment: "Llama 3.1 70B on a dedicated A100".into(),
        api: "GPT-4o".into(),
    });
    let report = evaluate(&scenario);
    let hybrid = &report.options[2];
    assert_eq!(hybrid.kind, OptionKind::Hybrid);
    assert_eq!(
        hybrid.name,
        "Hybrid: 50% Llama 3.1 70B on a dedicated A100 + GPT-4o"
    );
    // 50M tokens on the $550 server plus 50M on GPT-4o at $3.50/M = $725.
    assert!((hybrid.monthly_cost_usd.expect("cost") - 725.0).abs() < 1e-9);
    let layers = hybrid.layers.as_ref().expect("layers");
    assert_eq!(layers.api, Some(175.0));
    assert!((layers.total() - 725.0).abs() < 1e-9);
    // Its node fills at 946.08M local tokens, i.e. 1,892.16M in total.
    let at = |volume: f64| {
        evaluate_at(&scenario, volume).options[2]
            .self_hosted
            .as_ref()
            .expect("layers")
            .nodes
    };
    assert_eq!(at(1_892.0e6), 1);
    assert_eq!(at(1_893.0e6), 2);
    // Against GPT-4o alone: 550 + 1.75/M · V = 3.50/M · V at V = 314.29M.
    let hybrid_crossing: Vec<f64> = report
        .crossovers
        .iter()
        .filter(|c| c.self_hosted.starts_with("Hybrid"))
        .map(|c| c.volume_tokens_per_month)
        .collect();
    assert_eq!(hybrid_crossing.len(), 1);
    assert!((hybrid_crossing[0] - 550.0 / 1.75e-6).abs() < 1e-3);
}

#[test]
fn a_model_that_does_not_fit_is_never_recommended() {
    // The published RTX 4090 claim: a 70B 4-bit model (~40 GB) on a 24 GB card.
    let report = evaluate(&presets::load("sonnet-vs-rtx4090").expect("preset"));
    let gpu = &report.options[1];
    assert_eq!(
        gpu.cannot_run.as_ref().map(ToString::to_string).as_deref(),
        Some("does not fit: needs 40 GB of memory, the node has 24 GB")
    );
    // It would be cheaper, but nothing names it cheapest: no crossover, no range.
    assert!(gpu.monthly_cost_usd < report.options[0].monthly_cost_usd);
    assert!(report.crossovers.is_empty());
    assert!(
        report
            .cheaper_ranges
            .iter()
            .all(|range| range.kind == OptionKind::Api)
    );
    assert_eq!(report.cheapest().map(|o| o.kind), Some(OptionKind::Api));
    let headline = verdict::headline(&report);
    assert_eq!(
        headline,
        "At 10.0M tokens/month only the API (Claude Sonnet 4.5, $70.00/month) can run as \
         configured: Llama 3.1 70B on an RTX 4090 cannot (does not fit: needs 40 GB of \
         memory, the node has 24 GB)."
    );
}

#[test]
fn past_its_node_limit_a_deployment_is_not_the_cheapest() {
    // Two dedicated servers at most: 2 × 946.08M tokens/month.
    let mut scenario = dedicated_server();
    scenario.deployments[0].max_nodes = Some(2);
    let report = evaluate_at(&scenario, 1e9);
    let last = report.cheaper_ranges.last().expect("ranges");
    assert_eq!(last.kind, OptionKind::Api);
    let limit = 2.0 * 946.08e6;
    assert!((last.from_tokens_per_month - limit).abs() < 1.0, "{last:?}");
    assert!(report.options[1].cannot_run.is_none());
    let beyond = evaluate_at(&scenario, 2.5e9);
    let reason = beyond.options[1]
        .cannot_run
        .as_ref()
        .map(ToString::to_string)
        .expect("over its limit");
    assert!(
        reason.starts_with("needs more than its limit of 2 serving nodes above 1.89B"),
        "{reason}"
    );
    assert_eq!(beyond.cheapest().map(|o| o.name.as_str()), Some("GPT-4o"));
    assert!(
        beyond
            .crossovers
            .iter()
            .all(|c| c.volume_tokens_per_month <= limit + 1.0)
    );
}

#[test]
fn exceeding_the_node_limit_warns() {
    let mut scenario = dedicated_server();
    scenario.deployments[0].max_nodes = Some(2);
    assert!(evaluate_at(&scenario, 1.8e9).warnings.is_empty());
    let warnings = evaluate_at(&scenario, 2.0e9).warnings;
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("needs 3 serving nodes"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("allows 2"), "{}", warnings[0]);
}

#[test]
fn rented_hardware_has_no_payback_and_bought_hardware_that_never_saves_has_none() {
    let report = evaluate(&dedicated_server());
    let figures = report.options[1].self_hosted.as_ref().expect("figures");
    assert_eq!((figures.purchase_usd, figures.payback_months), (None, None));
    assert_eq!(figures.monthly_savings_usd, Some(-200.0));

    let mut scenario = presets::load("agent-fleet-mac-studio").expect("preset");
    scenario.apis[0].usd_per_million_input = 0.1;
    scenario.apis[0].usd_per_million_output = 0.1;
    let figures = evaluate(&scenario).options[1]
        .self_hosted
        .clone()
        .expect("figures");
    assert_eq!(figures.purchase_usd, Some(6000.0));
    // $4/month of API can never repay $6,000 when power alone costs $9.32.
    assert_eq!(figures.payback_months, None);
    assert_eq!(
        figures.payback_words().as_deref(),
        Some("does not pay back within its 36-month life")
    );
}

#[test]
fn payback_after_the_hardware_life_is_said_as_none_within_it() {
    // At 40M tokens/month the Mac Studio saves too little: 54.2 months > 36.
    let report = evaluate(&presets::load("agent-fleet-mac-studio").expect("preset"));
    let figures = report.options[1].self_hosted.clone().expect("figures");
    let months = figures.payback_months.expect("a positive monthly gain");
    assert!((months - 54.2).abs() < 0.05, "{months}");
    assert_eq!(figures.hardware_life_months, Some(36.0));
    assert_eq!(
        figures.payback_words().as_deref(),
        Some("does not pay back within its 36-month life")
    );
    let paid_back = evaluate_at(
        &presets::load("agent-fleet-mac-studio").expect("preset"),
        65e6,
    );
    let figures = paid_back.options[1].self_hosted.clone().expect("figures");
    assert!(figures.payback_months.is_some_and(|m| m <= 36.0));
    assert!(
        figures
            .payback_words()
            .is_some_and(|words| words.ends_with(" months")),
        "{figures:?}"
    );
}

#[test]
fn a_hybrid_naming_a_missing_deployment_is_left_out_with_a_warning() {
    let mut scenario = dedicated_server();
    scenario.hybrid = Some(Hybrid {
        local_share: 0.5,
        deployment: "Nope".into(),
        api: "GPT-4o".into(),
    });
    let report = evaluate(&scenario);
    assert_eq!(report.options.len(), 2);
    assert!(report.warnings.iter().any(|w| w.contains("\"Nope\"")));
}
