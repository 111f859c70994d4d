//! The timeline worked out by hand for a bought and a rented preset with growth.

use super::*;
use crate::scenario::{TimelineSettings, presets};

fn with_growth(preset: &str, growth: f64) -> Scenario {
    let mut scenario = presets::load(preset).expect("preset");
    scenario.timeline = TimelineSettings {
        months: 36,
        growth_per_month: growth,
        volumes: Vec::new(),
    };
    scenario
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 0.005, "{what}: got {got}, want {want}");
}

fn cost<'a>(row: &'a TimelineRow, option: &str) -> &'a MonthCost {
    row.costs
        .iter()
        .find(|cost| cost.option == option)
        .expect("option in row")
}

/// GPT-5 nano against a $400 RTX 4060 Ti (flat $5 a month of power per node), from 120M
/// tokens a month growing 5% a month.
///
/// The API costs (5/6 × $0.05 + 1/6 × $0.40) per 1M = $0.108333 per 1M, $13.00 in month
/// 1, so $13 × (1.05^36 − 1) / 0.05 = $1,245.87 over 36 months. A node serves 300 tok/s ×
/// 3600 × 730 × 0.6 = 473.04M tokens a month; month 30's volume, 120M × 1.05^29 = 494M,
/// is the first to need a second node. So the GPU costs $405 in month 1, $5 a month until
/// month 29, $410 in month 30 and $10 a month after: $800 + 29 × $5 + 7 × $10 = $1,015.
#[test]
fn a_bought_gpu_is_paid_when_each_node_is_first_needed() {
    let timeline = timeline(&with_growth("gpt5-nano-vs-rtx4060ti", 0.05));
    let gpu = "Llama 3.1 8B on an RTX 4060 Ti";
    assert_eq!(timeline.months, 36);
    assert_eq!(timeline.rows.len(), 36);
    close(
        cost(&timeline.rows[0], "GPT-5 nano").monthly_usd,
        13.0,
        "API month 1",
    );
    close(
        cost(&timeline.rows[0], gpu).monthly_usd,
        405.0,
        "GPU month 1",
    );
    assert_eq!(cost(&timeline.rows[0], gpu).purchase_usd, Some(400.0));
    close(cost(&timeline.rows[1], gpu).monthly_usd, 5.0, "GPU month 2");
    assert_eq!(cost(&timeline.rows[28], gpu).purchase_usd, Some(0.0));
    close(
        cost(&timeline.rows[29], gpu).monthly_usd,
        410.0,
        "GPU month 30",
    );
    close(
        cost(&timeline.rows[30], gpu).monthly_usd,
        10.0,
        "GPU month 31",
    );
    let last = timeline.rows.last().expect("36 rows");
    close(
        cost(last, "GPT-5 nano").cumulative_usd,
        1245.87,
        "API total",
    );
    close(cost(last, gpu).cumulative_usd, 1015.0, "GPU total");
    // Month 22: $510 against $500.57 on the API; month 23: $515 against $538.60.
    assert_eq!(timeline.break_even[0].month, Some(23));
    assert_eq!(timeline.break_even[0].api, "GPT-5 nano");
    // Buying in month 1 is best: any later start pays the same $400 with less time to
    // repay it.
    let switch = &timeline.best_switch[0];
    assert_eq!(switch.month, Some(1));
    close(switch.total_usd, 1015.0, "switch total");
    close(switch.saving_usd, 1245.87 - 1015.0, "saving");
    close(switch.stay_usd, 1245.87, "staying");
}

/// GPT-4o against a $500-a-month dedicated server (+$50 infrastructure), from 100M tokens
/// a month growing 15% a month.
///
/// GPT-4o costs (13/15 × $2.50 + 2/15 × $10) per 1M = $3.50 per 1M: $350 in month 1, and
/// $350 × (1.15^36 − 1) / 0.15 = $355,020.99 over 36 months. A server serves 600 tok/s ×
/// 3600 × 730 × 0.6 = 946.08M tokens a month; servers are rented as needed (1 until month
/// 17, 15 in month 36), $66,300 in all. Cumulative, the servers catch up in month 7
/// ($3,850 against $3,873.38; month 6: $3,300 against $3,063.81). Staying on GPT-4o for
/// months 1–4 ($1,747.68, each below $550) and renting from month 5 ($66,300 − 4 × $550)
/// costs $65,847.68, the least of any month.
#[test]
fn rented_servers_break_even_after_the_cheapest_month_to_switch() {
    let timeline = timeline(&with_growth("gpt4o-vs-dedicated-server", 0.15));
    let servers = timeline.option_names()[1].to_owned();
    let last = timeline.rows.last().expect("rows");
    close(cost(last, "GPT-4o").cumulative_usd, 355_020.99, "API total");
    close(
        cost(last, &servers).cumulative_usd,
        66_300.0,
        "servers total",
    );
    assert_eq!(cost(last, &servers).purchase_usd, None, "rent buys nothing");
    assert_eq!(timeline.break_even[0].month, Some(7));
    let switch = &timeline.best_switch[0];
    assert_eq!(switch.month, Some(5));
    close(switch.total_usd, 65_847.68, "switch total");
    close(switch.saving_usd, 355_020.99 - 65_847.68, "saving");
}

#[test]
fn staying_is_best_when_the_api_is_cheaper_throughout() {
    // At 120M tokens a month without growth the GPU never catches up with GPT-5 nano
    // ($13 a month) within 36 months: $580 against $468.
    let timeline = timeline(&with_growth("gpt5-nano-vs-rtx4060ti", 0.0));
    assert_eq!(timeline.break_even[0].month, None);
    let switch = &timeline.best_switch[0];
    assert_eq!(switch.month, None);
    assert_eq!(switch.saving_usd, 0.0);
    close(switch.total_usd, 468.0, "staying");
}

#[test]
fn a_setup_that_cannot_run_is_never_switched_to() {
    // The RTX 4090 preset's 70B model does not fit in 24 GB: it has costs but no
    // break-even and no switch, whatever they would be.
    let timeline = timeline(&with_growth("sonnet-vs-rtx4090", 0.1));
    assert!(timeline.rows[0].costs[1].cannot_run.is_some());
    assert_eq!(timeline.break_even[0].month, None);
    assert_eq!(timeline.best_switch[0].month, None);
    // The sentence says why there is no switch, rather than that every switch costs more.
    let reason = timeline.best_switch[0]
        .cannot_run
        .as_deref()
        .expect("a reason");
    assert!(reason.starts_with("does not fit"), "{reason}");
    let sentence = words::headline(&timeline).expect("a sentence");
    assert!(
        sentence.contains("cannot run as configured to the end of it"),
        "{sentence}"
    );
}

#[test]
fn the_horizon_stops_where_volume_leaves_what_the_tool_models() {
    let mut scenario = with_growth("gpt4o-vs-dedicated-server", 1.0);
    scenario.timeline.months = 120;
    let timeline = timeline(&scenario);
    // 100M × 2^23 = 8.4 × 10^14; month 25 would be 1.7 × 10^15.
    assert_eq!(timeline.months, 24);
    assert_eq!(timeline.rows.len(), 24);
    assert!(
        timeline.warnings[0].contains("after month 24"),
        "{:?}",
        timeline.warnings
    );
}

#[test]
fn a_list_of_volumes_sets_the_months() {
    let mut scenario = with_growth("gpt4o-vs-dedicated-server", 0.15);
    scenario.timeline.volumes = vec![100e6, 2e9, 0.0];
    let timeline = timeline(&scenario);
    assert_eq!(timeline.months, 3);
    assert!(timeline.from_list);
    assert_eq!(timeline.growth_per_month, 0.0);
    let tokens: Vec<f64> = timeline.rows.iter().map(|row| row.tokens).collect();
    assert_eq!(tokens, vec![100e6, 2e9, 0.0]);
    // 2B tokens need three servers; at zero volume one is still paid for.
    close(timeline.rows[1].costs[1].monthly_usd, 1550.0, "month 2");
    close(timeline.rows[2].costs[1].monthly_usd, 550.0, "month 3");
}

#[test]
fn bought_nodes_are_kept_when_volume_falls() {
    let mut scenario = with_growth("gpt5-nano-vs-rtx4060ti", 0.0);
    scenario.timeline.volumes = vec![1e9, 100e6];
    let timeline = timeline(&scenario);
    let gpu = &timeline.rows[1].costs[1];
    // Three nodes bought in month 1 (1B / 473.04M), still powered in month 2.
    close(
        timeline.rows[0].costs[1].monthly_usd,
        3.0 * 405.0,
        "month 1",
    );
    close(gpu.monthly_usd, 15.0, "month 2");
    assert_eq!(gpu.purchase_usd, Some(0.0));
}

#[test]
fn years_add_up_to_the_total() {
    let timeline = timeline(&with_growth("70b-full-stack-2xa100", 0.1));
    let years = timeline.yearly();
    assert_eq!(years.len(), 3);
    assert_eq!((years[2].0, years[2].1), (25, 36));
    for (option, total) in timeline.totals().iter().enumerate() {
        let summed: f64 = years.iter().map(|year| year.2[option]).sum();
        assert!((summed - total).abs() < 1e-6 * total.max(1.0));
    }
}
