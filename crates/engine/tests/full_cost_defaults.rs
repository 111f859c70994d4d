//! Every file keeps its meaning: with a peak-to-average ratio of 1, traffic all day and
//! no owning costs, overheads or constraints (what every existing file says by leaving
//! them out), each preset gives exactly the numbers it gave before those inputs existed.
//!
//! The fixture was written by the release build just before they were added: each
//! option's monthly cost and payback, every crossover and cheapest range at seven volumes
//! (0 to 10¹⁵ tokens/month), and the timeline's totals after 24 months at 7% growth.

use llm_cost_engine::engine::timeline::timeline;
use llm_cost_engine::engine::{evaluate_at, prepare};
use llm_cost_engine::scenario::{
    Accounting, Constraints, HourlyBilling, Lens, Overheads, Owning, Scenario, TimelineSettings,
    presets,
};
use serde_json::Value;

const BEFORE: &str = include_str!("fixtures/reports-before-full-cost.json");

/// The preset with every new input written out at its default, as a user could save it.
fn with_defaults_spelled_out(mut scenario: Scenario) -> Scenario {
    scenario.workload.peak_to_average = 1.0;
    scenario.workload.active_hours_per_day = 24.0;
    scenario.accounting = Accounting {
        lens: Lens::Full,
        horizon_months: 36.0,
        one_offs_paid: false,
    };
    scenario.constraints = Constraints::default();
    for api in &mut scenario.apis {
        api.engineering_fte = 0.0;
        api.overheads = Overheads::default();
    }
    for deployment in &mut scenario.deployments {
        deployment.owning = Owning::default();
        deployment.overheads = Overheads::default();
    }
    scenario
}

fn numbers(value: &Value) -> Vec<Option<f64>> {
    value
        .as_array()
        .expect("a list")
        .iter()
        .map(Value::as_f64)
        .collect()
}

/// Equal to the last bit, or both absent.
fn same(got: Option<f64>, want: Option<f64>, what: &str) {
    assert_eq!(
        got.map(f64::to_bits),
        want.map(f64::to_bits),
        "{what}: {got:?} now, {want:?} before"
    );
}

#[test]
fn every_preset_gives_the_numbers_it_gave_before() {
    let before: Value = serde_json::from_str(BEFORE).expect("fixture parses");
    let presets = before.as_object().expect("presets by name");
    assert_eq!(
        presets.len(),
        presets::names().len(),
        "one entry per preset"
    );
    for (name, rows) in presets {
        let scenario = with_defaults_spelled_out(presets::load(name).expect("preset loads"));
        for row in rows.as_array().expect("rows") {
            let volume = row["volume"].as_f64().expect("volume");
            let report = evaluate_at(&scenario, volume);
            let at = format!("{name} at {volume}");
            let costs = numbers(&row["costs"]);
            assert_eq!(costs.len(), report.options.len(), "{at}: options");
            for ((option, cost), payback) in report
                .options
                .iter()
                .zip(costs)
                .zip(numbers(&row["payback"]))
            {
                same(
                    option.monthly_cost_usd,
                    cost,
                    &format!("{at}: {}", option.name),
                );
                // An option that cannot run no longer shows the payback it used to
                // (issue 23: a 70B model on a 24 GB card paid back nothing).
                let payback = payback.filter(|_| option.cannot_run.is_none());
                same(
                    option.self_hosted.as_ref().and_then(|f| f.payback_months),
                    payback,
                    &format!("{at}: payback of {}", option.name),
                );
            }
            let crossovers: Vec<Option<f64>> = report
                .crossovers
                .iter()
                .map(|c| Some(c.volume_tokens_per_month))
                .collect();
            assert_eq!(crossovers.len(), numbers(&row["crossovers"]).len(), "{at}");
            for (got, want) in crossovers.into_iter().zip(numbers(&row["crossovers"])) {
                same(got, want, &format!("{at}: crossover"));
            }
            let ranges = row["ranges"].as_array().expect("ranges");
            assert_eq!(ranges.len(), report.cheaper_ranges.len(), "{at}: ranges");
            for (range, want) in report.cheaper_ranges.iter().zip(ranges) {
                assert_eq!(range.option, want[0].as_str().expect("name"), "{at}");
                same(Some(range.from_tokens_per_month), want[1].as_f64(), &at);
                same(range.to_tokens_per_month, want[2].as_f64(), &at);
            }
            if let Some(totals) = row["timeline_totals"].as_array() {
                let mut over_time = scenario.with_tokens_per_month(volume);
                over_time.timeline = TimelineSettings {
                    months: 24,
                    growth_per_month: 0.07,
                    ..TimelineSettings::default()
                };
                let months = timeline(&over_time);
                let last = months.rows.last().expect("a month");
                for (cost, want) in last.costs.iter().zip(totals) {
                    same(
                        Some(cost.cumulative_usd),
                        want.as_f64(),
                        &format!("{at}: 24 months of {}", cost.option),
                    );
                }
            }
        }
    }
}

#[test]
fn new_inputs_left_at_their_defaults_are_not_written_to_files() {
    for name in presets::names() {
        let scenario = presets::load(&name).expect("preset loads");
        let text = llm_cost_engine::scenario::file::to_ron(&scenario).expect("writes");
        for field in [
            "peak_to_average",
            "active_hours_per_day",
            "accounting",
            "constraints",
            "owning",
            "overheads",
            "peak_requests_per_second",
        ] {
            assert!(!text.contains(field), "{name} writes {field}");
        }
        // The prepared model reads the same basis as the report.
        assert_eq!(prepare(&scenario).report().lens, Lens::Full);
    }
    // Hourly billing keeps its old spelling, and the new policy has its own.
    assert_eq!(HourlyBilling::default(), HourlyBilling::AlwaysOn);
}
