//! Random in-limit scenarios at every magnitude the limits allow, near-ties and exact ties
//! included, never make the report claim what its own numbers deny:
//! - two options said to take turns are each really cheapest somewhere in that stretch;
//! - every number the text report prints is finite and written out (no "NaN", "inf",
//!   "n/a" or saturated count);
//! - every volume the ranges, crossovers and the modelled limit cover is one the tool
//!   accepts (as `--volume` would).

use llm_cost_engine::engine::{self, Report, priced_options};
use llm_cost_engine::report_text;
use llm_cost_engine::scenario::validate::validate;
use llm_cost_engine::scenario::{
    ApiOption, Compute, Deployment, Electricity, Hardware, Scenario, Volume, Workload,
};
use proptest::prelude::*;

mod common;

/// A value spread over decades: `10^low` to `10^high`, or exactly 0 now and then.
fn magnitude(low: f64, high: f64, zero_sometimes: bool) -> impl Strategy<Value = f64> {
    (low..high, 0u8..10).prop_map(move |(exponent, dice)| {
        if zero_sometimes && dice == 0 {
            0.0
        } else {
            10f64.powf(exponent)
        }
    })
}

fn deployment_strategy(name: &'static str) -> impl Strategy<Value = Deployment> {
    (
        common::compute_strategy(0.0..1e7, 1.0..240.0, 0.0..1e4, 0.0..1e6),
        magnitude(-2.0, 7.0, false),
        0.01..=1.0_f64,
        magnitude(-1.0, 3.0, true),
        magnitude(0.0, 8.0, true),
    )
        .prop_map(
            move |(compute, throughput, utilization, fte, infra)| Deployment {
                id: Default::default(),
                name: name.into(),
                hardware: Hardware::default(),
                compute,
                electricity: Electricity::Flat {
                    usd_per_month_per_node: 0.0,
                },
                throughput_tokens_per_second: throughput,
                utilization,
                engineering_fte: fte,
                infrastructure_usd_per_month: infra,
                ..Deployment::default()
            },
        )
}

prop_compose! {
    fn scenario_strategy()(
        input in magnitude(-6.0, 4.0, true),
        output in magnitude(-6.0, 4.0, true),
        first in deployment_strategy("First"),
        second in proptest::option::of(deployment_strategy("Second")),
        volume in magnitude(0.0, 15.0, true),
        tie in proptest::option::of(prop_oneof![
            Just(0.0), Just(1e-12), Just(-1e-12), Just(1e-6), Just(-1e-6), Just(1e-3), Just(-1e-3)
        ]),
        per_request in proptest::option::of(magnitude(0.0, 6.0, false)),
        peak in proptest::option::of(1.0..100.0_f64),
    ) -> Scenario {
        let mut deployments = vec![first];
        deployments.extend(second);
        // Some workloads are given in requests (a few tokens to a million each), some with
        // a peak in requests a second: both move with the volume and have limits of their
        // own, which must end the modelled volumes too.
        let days = llm_cost_engine::scenario::DEFAULT_DAYS_PER_MONTH;
        let workload = match per_request {
            Some(tokens) => Workload {
                volume: Volume::Requests {
                    requests_per_day: volume / (tokens * days),
                    input_tokens_per_request: tokens / 2.0,
                    output_tokens_per_request: tokens / 2.0,
                },
                peak_requests_per_second: peak
                    .filter(|_| volume > 0.0)
                    .map(|ratio| ratio * volume / (tokens * days * 86_400.0)),
                ..Workload::default()
            },
            None => Workload {
                volume: Volume::Tokens { tokens_per_month: volume, input_share: 0.5 },
                ..Workload::default()
            },
        };
        let mut scenario = Scenario {
            workload,
            apis: vec![ApiOption {
                id: Default::default(),
                name: "API".into(),
                usd_per_million_input: input,
                usd_per_million_output: output.max(1e-6),
                ..ApiOption::default()
            }],
            deployments,
            ..Scenario::default()
        };
        if let Some(gap) = tie {
            // Price the API at the first deployment's long-run price per token, exactly
            // (the case that once claimed turn-taking where the API is always cheaper) or
            // a hair either side (where the two really take turns for long stretches).
            let priced = priced_options(&scenario);
            if let Some(stairs) = priced.get(1).and_then(|option| option.staircase) {
                let per_million = stairs.long_run_usd_per_token() * 1e6 * (1.0 + gap);
                scenario.apis[0].usd_per_million_input = per_million;
                scenario.apis[0].usd_per_million_output = per_million;
            }
        }
        scenario
    }
}

/// Each option's cost at `volume`, `None` where it cannot run there.
fn costs_at(scenario: &Scenario, volume: f64) -> Vec<(String, Option<f64>)> {
    priced_options(scenario)
        .into_iter()
        .map(|option| {
            let runs = option.reach.reason_at(volume).is_none();
            let cost = option.staircase.filter(|_| runs).map(|s| s.cost(volume));
            (option.name, cost)
        })
        .collect()
}

/// Volumes inside `from..to` where a stepped option is at its cheapest (just before a
/// node is added) or its dearest (just after): where turns are taken, if anywhere.
fn turn_volumes(scenario: &Scenario, from: f64, to: f64) -> Vec<f64> {
    let mut volumes = Vec::new();
    for option in priced_options(scenario) {
        let Some(stairs) = option.staircase else {
            continue;
        };
        for end in stairs.step_ends_between(from, to, 64) {
            volumes.push(end);
            volumes.push(end * (1.0 + 1e-9));
        }
    }
    volumes.retain(|volume| *volume > from && *volume <= to);
    volumes
}

/// Whether `first` costs less than `second` at some of `volumes`.
fn cheaper_somewhere(scenario: &Scenario, volumes: &[f64], first: &str, second: &str) -> bool {
    volumes.iter().any(|&volume| {
        let costs = costs_at(scenario, volume);
        let cost = |name: &str| costs.iter().find(|(n, _)| n == name).and_then(|(_, c)| *c);
        matches!((cost(first), cost(second)), (Some(a), Some(b)) if a < b)
    })
}

fn assert_turns_are_real(scenario: &Scenario, report: &Report) -> Result<(), TestCaseError> {
    let modelled = report.modelled_up_to_tokens_per_month;
    for turns in &report.alternations {
        let to = turns.to_tokens_per_month.unwrap_or(modelled);
        let volumes = turn_volumes(scenario, turns.from_tokens_per_month, to);
        prop_assert!(
            cheaper_somewhere(scenario, &volumes, &turns.api, &turns.self_hosted)
                && cheaper_somewhere(scenario, &volumes, &turns.self_hosted, &turns.api),
            "{turns:?} is claimed, but one side is never cheaper"
        );
    }
    for range in &report.cheaper_ranges {
        let to = range.to_tokens_per_month.unwrap_or(modelled);
        let volumes = turn_volumes(scenario, range.from_tokens_per_month, to);
        for other in &range.alternates_with {
            prop_assert!(
                cheaper_somewhere(scenario, &volumes, other, &range.option)
                    && cheaper_somewhere(scenario, &volumes, &range.option, other),
                "{range:?}: {other} and {} are said to take turns",
                range.option
            );
        }
    }
    Ok(())
}

/// Words the text report must never print: numbers that are not numbers, and counts
/// that saturated.
fn assert_printed_numbers_are_finite(report: &Report) -> Result<(), TestCaseError> {
    let text = report_text::render(report);
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ';' | ',' | ':'))
        .collect();
    for bad in ["NaN", "inf", "-inf", "∞", "n/a", "n/a/month"] {
        prop_assert!(!words.contains(&bad), "{bad} printed in\n{text}");
    }
    prop_assert!(!text.contains("18446744073709551615"), "{text}");
    prop_assert!(!text.contains("18,446,744,073,709,551,615"), "{text}");
    // No run of digits longer than a grouped trillion's: nothing printed in full that
    // should have been written with a suffix.
    let longest_digits = text
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0);
    prop_assert!(
        longest_digits <= 16,
        "a {longest_digits}-digit number in\n{text}"
    );
    Ok(())
}

fn assert_covered_volumes_are_accepted(
    scenario: &Scenario,
    report: &Report,
) -> Result<(), TestCaseError> {
    let marks = common::named_volumes(report);
    for volume in marks {
        let problems = validate(&scenario.with_tokens_per_month(volume));
        prop_assert!(
            problems.is_empty(),
            "{volume} tokens/month is covered but refused: {problems:?}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn hostile_scenarios_get_a_report_that_agrees_with_itself(scenario in scenario_strategy()) {
        // Only in-limit scenarios: the rest are refused before any report is made.
        prop_assume!(validate(&scenario).is_empty());
        let report = engine::evaluate(&scenario);
        assert_turns_are_real(&scenario, &report)?;
        assert_printed_numbers_are_finite(&report)?;
        assert_covered_volumes_are_accepted(&scenario, &report)?;
    }
}

/// An API priced at a deployment's long-run price per token, with no fixed costs: the two
/// tie at each node step and the API is cheaper between, so no turns are taken and the
/// API is cheapest throughout; the same when both cost nothing at all.
#[test]
fn equal_long_run_prices_take_no_turns() {
    let deployment = Deployment {
        id: Default::default(),
        name: "Node".into(),
        compute: Compute::RentedMonthly {
            usd_per_month: 1000.0,
        },
        electricity: Electricity::Flat {
            usd_per_month_per_node: 0.0,
        },
        // 1,000 tok/s at full use over 730 hours: 2.628B tokens a node a month.
        throughput_tokens_per_second: 1000.0,
        utilization: 1.0,
        engineering_fte: 0.0,
        infrastructure_usd_per_month: 0.0,
        ..Deployment::default()
    };
    let per_million = 1000.0 / 2.628e9 * 1e6;
    let scenario = Scenario {
        apis: vec![ApiOption {
            id: Default::default(),
            name: "API".into(),
            usd_per_million_input: per_million,
            usd_per_million_output: per_million,
            ..ApiOption::default()
        }],
        deployments: vec![deployment],
        ..Scenario::default()
    };
    assert!(validate(&scenario).is_empty(), "{:?}", validate(&scenario));
    let report = engine::evaluate(&scenario);
    assert!(report.alternations.is_empty(), "{:?}", report.alternations);
    assert_eq!(
        report.cheaper_ranges.len(),
        1,
        "{:?}",
        report.cheaper_ranges
    );
    assert_eq!(report.cheaper_ranges[0].option, "API");
    assert!(report.cheaper_ranges[0].alternates_with.is_empty());
    let text = report_text::render(&report);
    assert!(!text.contains("take turns"), "{text}");
}
