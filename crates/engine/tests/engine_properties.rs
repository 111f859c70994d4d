//! Properties the engine must hold for any sensible input, not just the presets.

use llm_cost_engine::engine::timeline::timeline;
use llm_cost_engine::engine::{self, Report, priced_options};
use llm_cost_engine::figure::{TimelineMeasure, timeline_figure};
use llm_cost_engine::scenario::{
    ApiOption, Compute, Deployment, Electricity, Hardware, Hybrid, Scenario, TimelineSettings,
    Volume, Workload,
};
use proptest::prelude::*;

mod common;

fn api_strategy() -> impl Strategy<Value = ApiOption> {
    (
        0.0..20.0_f64,
        0.0..80.0_f64,
        proptest::option::of(0.0..5.0_f64),
        0.0..=1.0_f64,
    )
        .prop_map(|(input, output, cached, discount)| ApiOption {
            id: Default::default(),
            name: "API".into(),
            usd_per_million_input: input,
            usd_per_million_cached_input: cached,
            usd_per_million_output: output,
            batch_discount: discount,
            ..ApiOption::default()
        })
}

fn compute_strategy() -> impl Strategy<Value = Compute> {
    common::compute_strategy(0.0..50_000.0, 1.0..60.0, 0.0..30.0, 0.0..20_000.0)
}

fn deployment_strategy(name: &'static str) -> impl Strategy<Value = Deployment> {
    (
        compute_strategy(),
        1.0..5000.0_f64,
        0.05..=1.0_f64,
        0u32..3,
        0.0..2.0_f64,
        0.0..2000.0_f64,
        (0.0..500.0_f64, 0.0..2000.0_f64, 0.0..0.5_f64, any::<bool>()),
    )
        .prop_map(
            move |(
                compute,
                throughput,
                utilization,
                spares,
                fte,
                infra,
                (idle, load, kwh, flat),
            )| {
                Deployment {
                    id: Default::default(),
                    name: name.into(),
                    hardware: Hardware {
                        idle_watts: idle,
                        load_watts: load,
                        ..Hardware::default()
                    },
                    compute,
                    electricity: if flat {
                        Electricity::Flat {
                            usd_per_month_per_node: kwh * 100.0,
                        }
                    } else {
                        Electricity::Metered {
                            usd_per_kwh: kwh,
                            pue: 1.2,
                        }
                    },
                    throughput_tokens_per_second: throughput,
                    utilization,
                    spare_nodes: spares,
                    engineering_fte: fte,
                    infrastructure_usd_per_month: infra,
                    ..Deployment::default()
                }
            },
        )
}

prop_compose! {
    fn scenario_strategy()(
        api in api_strategy(),
        first in deployment_strategy("First"),
        second in proptest::option::of(deployment_strategy("Second")),
        hybrid_share in proptest::option::of(0.0..=1.0_f64),
        input_share in 0.0..=1.0_f64,
        cached in 0.0..=1.0_f64,
        batch in 0.0..=1.0_f64,
        hours in prop_oneof![Just(730.0), Just(720.0)],
    ) -> Scenario {
        let mut deployments = vec![first];
        deployments.extend(second);
        Scenario {
            workload: Workload {
                volume: Volume::Tokens { tokens_per_month: 1e8, input_share },
                cached_input_share: cached,
                batch_share: batch,
                ..Workload::default()
            },
            apis: vec![api],
            hybrid: hybrid_share.map(|local_share| Hybrid {
                local_share,
                deployment: "First".into(),
                api: "API".into(),
            }),
            deployments,
            hours_per_month: hours,
            ..Scenario::default()
        }
    }
}

fn costs(report: &Report) -> Vec<f64> {
    report
        .options
        .iter()
        .map(|option| {
            option
                .monthly_cost_usd
                .expect("every generated option serves")
        })
        .collect()
}

fn cost_of(scenario: &Scenario, name: &str, volume: f64) -> f64 {
    priced_options(scenario)
        .iter()
        .find(|option| option.name == name)
        .and_then(|option| option.staircase)
        .map(|stairs| stairs.cost(volume))
        .expect("option exists and serves")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn cost_never_falls_as_volume_grows(scenario in scenario_strategy(), low in 0.0..1e11_f64, factor in 1.0..100.0_f64) {
        let lower = costs(&engine::evaluate_at(&scenario, low));
        let higher = costs(&engine::evaluate_at(&scenario, low * factor));
        for (a, b) in lower.iter().zip(&higher) {
            prop_assert!(b >= a, "{a} then {b}");
        }
    }

    #[test]
    fn costs_are_equal_at_every_smooth_crossover(scenario in scenario_strategy()) {
        let report = engine::evaluate(&scenario);
        for crossover in &report.crossovers {
            let volume = crossover.volume_tokens_per_month;
            let api = cost_of(&scenario, &crossover.api, volume);
            let own = cost_of(&scenario, &crossover.self_hosted, volume);
            if crossover.at_node_step {
                // A new node makes the cost jump: the order flips across the step edge.
                // Just above means the next representable volume: a smooth crossing can
                // follow a few hundred tokens later and flip the order back.
                let above = volume.next_up();
                let before = own - api;
                let after = cost_of(&scenario, &crossover.self_hosted, above)
                    - cost_of(&scenario, &crossover.api, above);
                prop_assert!(before <= 0.0 && after > 0.0, "{before} {after}");
            } else {
                // Where two slopes nearly match, the root −intercept / slope amplifies
                // rounding by the inverse of the gap: equal to 1e-7, not to the last bit.
                prop_assert!((api - own).abs() <= 1e-7 * api.abs().max(own.abs()), "{api} vs {own} at {volume}");
            }
        }
    }

    #[test]
    fn nothing_is_ever_nan_or_infinite(scenario in scenario_strategy(), volume in 0.0..1e13_f64) {
        let report = engine::evaluate_at(&scenario, volume);
        // JSON would write NaN and infinity as null and hide them; RON writes every
        // f64 as it is, so scanning its text sees every number in the report.
        let text = ron::to_string(&report).expect("serializes");
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
            .collect();
        for bad in ["NaN", "inf", "-inf"] {
            prop_assert!(!words.contains(&bad), "{bad} in {text}");
        }

        for option in &report.options {
            prop_assert!(option.monthly_cost_usd.is_some_and(f64::is_finite));
        }
    }

    #[test]
    fn cheaper_ranges_tile_zero_to_infinity(scenario in scenario_strategy()) {
        let report = engine::evaluate(&scenario);
        let ranges = report.cheaper_ranges;
        prop_assert!(!ranges.is_empty());
        prop_assert_eq!(ranges[0].from_tokens_per_month, 0.0);
        for pair in ranges.windows(2) {
            prop_assert_eq!(pair[0].to_tokens_per_month, Some(pair[1].from_tokens_per_month));
            prop_assert!(pair[0].from_tokens_per_month < pair[1].from_tokens_per_month);
            // Neighbours differ: another option, or the same one now taking turns.
            prop_assert!(
                pair[0].option != pair[1].option
                    || pair[0].alternates_with != pair[1].alternates_with
            );
        }
        // Open-ended, or ending where the model stops when a deployment sets that limit
        // below 10^15 tokens a month (a billion nodes of a slow one: a random case had
        // 131.4T).
        let modelled = report.modelled_up_to_tokens_per_month;
        let end = (modelled < llm_cost_engine::scenario::validate::limits::TOKENS_PER_MONTH.1)
            .then_some(modelled);
        prop_assert_eq!(ranges.last().and_then(|r| r.to_tokens_per_month), end);
    }

    #[test]
    fn the_named_cheapest_really_is_cheapest_inside_its_range(scenario in scenario_strategy()) {
        let report = engine::evaluate(&scenario);
        for range in &report.cheaper_ranges {
            let probe = match range.to_tokens_per_month {
                Some(to) => range.from_tokens_per_month + 0.5 * (to - range.from_tokens_per_month),
                None => range.from_tokens_per_month * 1.5 + 1e6,
            };
            let at_probe = engine::evaluate_at(&scenario, probe);
            // Where the range says options take turns at every node, one of them is the
            // cheapest at any volume inside it, not necessarily the one named first.
            let winner = std::iter::once(&range.option_id)
                .chain(&range.alternates_with_ids)
                .filter_map(|key| at_probe.option(*key).and_then(|o| o.monthly_cost_usd))
                .fold(f64::INFINITY, f64::min);
            prop_assert!(winner.is_finite(), "{} costs nothing at {}", range.option, probe);
            for option in &at_probe.options {
                let cost = option.monthly_cost_usd.expect("serves");
                prop_assert!(winner <= cost * (1.0 + 1e-9) + 1e-9, "{} {} beats {} {} at {}", option.name, cost, range.option, winner, probe);
            }
        }
    }
}

#[test]
fn the_number_scan_would_see_a_nan() {
    let mut report = engine::evaluate(&Scenario::default());
    report.input_share = f64::NAN;
    let text = ron::to_string(&report).expect("serializes");
    assert!(text.contains("NaN"), "{text}");
}

#[test]
fn zero_throughput_gives_null_cost_and_a_warning_not_nan() {
    let mut scenario = Scenario {
        apis: vec![ApiOption::default()],
        deployments: vec![Deployment::default()],
        ..Scenario::default()
    };
    scenario.deployments[0].throughput_tokens_per_second = 0.0;
    let report = engine::evaluate(&scenario);
    let json = serde_json::to_value(&report).expect("serializes");
    assert!(json["options"][1]["monthly_cost_usd"].is_null());
    assert!(report.warnings.iter().any(|w| w.contains("cannot serve")));
    assert_eq!(report.cheaper_ranges.len(), 1);
}

#[test]
fn zero_volume_and_zero_prices_are_defined() {
    let scenario = Scenario {
        apis: vec![ApiOption::default()],
        deployments: vec![Deployment::default()],
        ..Scenario::default()
    };
    let report = engine::evaluate_at(&scenario, 0.0);
    assert_eq!(report.options[0].monthly_cost_usd, Some(0.0));
    assert_eq!(report.options[0].usd_per_million_tokens, None);
    assert!(report.options[1].monthly_cost_usd.is_some_and(|c| c > 0.0));
}

/// `scenario` with a timeline of `months` at `growth` a month from `volume`.
fn over_time(scenario: &Scenario, volume: f64, months: u32, growth: f64) -> Scenario {
    let mut scenario = scenario.with_tokens_per_month(volume);
    scenario.timeline = TimelineSettings {
        months,
        growth_per_month: growth,
        volumes: Vec::new(),
    };
    scenario
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Without growth, every month costs what the monthly chart gives at that volume,
    /// except that bought nodes are paid in month 1 instead of being written off.
    #[test]
    fn without_growth_every_month_costs_what_the_chart_gives(
        scenario in scenario_strategy(),
        volume in 0.0..1e12_f64,
        months in 1u32..48,
    ) {
        let scenario = over_time(&scenario, volume, months, 0.0);
        let report = engine::evaluate(&scenario);
        let timeline = timeline(&scenario);
        prop_assert_eq!(timeline.rows.len(), months as usize);
        for (index, option) in report.options.iter().enumerate() {
            let chart = option.monthly_cost_usd.expect("serves");
            let bought = scenario
                .deployments
                .iter()
                .find(|deployment| deployment.name == option.name)
                .filter(|deployment| deployment.compute.is_bought());
            let (first, later) = match (bought, &option.self_hosted, &option.layers) {
                (Some(deployment), Some(figures), Some(layers)) => {
                    let Compute::Bought { price_usd, .. } = deployment.compute else {
                        unreachable!("filtered to bought")
                    };
                    let running = chart - layers.compute;
                    (figures.nodes as f64 * price_usd + running, running)
                }
                _ if option.kind == engine::OptionKind::Hybrid && scenario.deployments[0].compute.is_bought() => continue,
                _ => (chart, chart),
            };
            for row in &timeline.rows {
                let want = if row.month == 1 { first } else { later };
                let got = row.costs[index].monthly_usd;
                prop_assert!(near(got, want), "{} month {}: {got} vs {want}", option.name, row.month);
            }
            if bought.is_none() && option.kind != engine::OptionKind::Hybrid {
                let total = timeline.rows.last().expect("rows").costs[index].cumulative_usd;
                prop_assert!(near(total, f64::from(months) * chart), "{}: {total} vs {months} × {chart}", option.name);
            }
        }
    }

    /// The timeline chart draws what the timeline says: each month's running cash
    /// mid-month with its purchases as a bar on top, the running total at each month's
    /// end, every point inside the bounds.
    #[test]
    fn the_timeline_chart_draws_the_timeline(
        scenario in scenario_strategy(),
        volume in 0.0..1e11_f64,
        growth in -0.2..0.4_f64,
        months in 1u32..60,
    ) {
        let scenario = over_time(&scenario, volume, months, growth);
        let model = engine::prepare(&scenario);
        let timeline = model.timeline();
        for (measure, cumulative) in [(TimelineMeasure::Monthly, false), (TimelineMeasure::Cumulative, true)] {
            let figure = timeline_figure(&model, measure, None);
            for (index, name) in timeline.option_names().iter().enumerate() {
                let curve = figure.curves.iter().find(|c| c.name == *name).expect("a curve per option");
                let mut drawn: Vec<[f64; 2]> = curve.points.iter().chain(&curve.blocked).copied().collect();
                drawn.sort_by(|a, b| a[0].total_cmp(&b[0]));
                drawn.dedup();
                for row in &timeline.rows {
                    let cost = &row.costs[index];
                    let bought = cost.purchase_usd.filter(|usd| *usd > 0.0);
                    let (x, y) = if cumulative {
                        (f64::from(row.month), cost.cumulative_usd)
                    } else {
                        // Each month's running cost on the line; nodes bought that month
                        // as a bar on top of it, reaching the month's whole cash.
                        (f64::from(row.month) - 0.5, cost.monthly_usd - bought.unwrap_or(0.0))
                    };
                    prop_assert!(drawn.iter().any(|p| p[0] == x && near(p[1], y)), "{name} month {}", row.month);
                    prop_assert!(y <= figure.bounds.max[1] && x <= figure.bounds.max[0]);
                    let bar = figure.bars.iter().find(|bar| {
                        bar.ink == curve.ink && bar.x.0 < x && x < bar.x.1
                    });
                    match (cumulative, bought) {
                        (false, Some(usd)) => {
                            let bar = bar.ok_or_else(|| TestCaseError::fail(format!("{name} month {}: no bar", row.month)))?;
                            prop_assert!(near(bar.y.0, y) && near(bar.y.1 - bar.y.0, usd) && bar.y.1 <= figure.bounds.max[1]);
                        }
                        _ => prop_assert!(bar.is_none(), "{name} month {}: a bar without a purchase", row.month),
                    }
                }
            }
        }
    }

    /// The break-even month is the first whose cumulative cost is at most the API's, and
    /// the best switch costs no more than staying or self-hosting from month 1.
    #[test]
    fn break_even_and_best_switch_are_what_their_definitions_say(
        scenario in scenario_strategy(),
        volume in 1e3..1e11_f64,
        growth in -0.2..0.4_f64,
    ) {
        let scenario = over_time(&scenario, volume, 36, growth);
        let timeline = timeline(&scenario);
        let column = |name: &str| timeline.option_names().iter().position(|n| *n == name).expect("named");
        for (even, switch) in timeline.break_even.iter().zip(&timeline.best_switch) {
            let (own, api) = (column(&even.self_hosted), column(&even.api));
            let cumulative = |row: &engine::timeline::TimelineRow, at: usize| row.costs[at].cumulative_usd;
            let first = timeline
                .rows
                .iter()
                .find(|row| cumulative(row, own) <= cumulative(row, api))
                .map(|row| row.month);
            // Every generated deployment fits and has no node limit, so it runs throughout.
            prop_assert_eq!(even.month, first);
            let last = timeline.rows.last().expect("rows");
            prop_assert!(near(switch.stay_usd, cumulative(last, api)));
            prop_assert!(switch.total_usd <= switch.stay_usd * (1.0 + 1e-12));
            prop_assert!(switch.total_usd <= cumulative(last, own) * (1.0 + 1e-12) + 1e-9);
            prop_assert!(near(switch.saving_usd, switch.stay_usd - switch.total_usd));
            prop_assert!(near(switch.plan_monthly_usd.iter().sum(), switch.total_usd));
            prop_assert_eq!(switch.month.is_none(), switch.saving_usd == 0.0);
        }
    }
}
