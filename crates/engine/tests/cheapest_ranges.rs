//! The cheapest ranges never guess: at any volume, the option they name is the option
//! that is cheapest when every cost is evaluated directly, including near-ties (an API
//! within a hair of a deployment's long-run price per token), huge fixed costs,
//! absurd magnitudes, and dozens of nearly identical deployments.

use llm_cost_engine::engine::{self, CheaperRange, OptionKind, Report, priced_options};
use llm_cost_engine::scenario::validate::validate;
use llm_cost_engine::scenario::{
    ApiOption, Compute, Deployment, Electricity, Scenario, Volume, Workload, presets,
};
use proptest::prelude::*;

mod common;

/// Hours in the generated scenarios' month.
const HOURS: f64 = 730.0;
/// Volumes up to which the tool models traffic.
const MAX_VOLUME: f64 = 1e15;

/// Every option's cost at `volume`, evaluated directly from its staircase.
fn direct_costs(scenario: &Scenario, volume: f64) -> Vec<(String, f64)> {
    // An option that cannot run as configured there (its model does not fit, or it
    // needs more nodes than its limit) is never the cheapest.
    priced_options(scenario)
        .into_iter()
        .filter(|option| option.reach.reason_at(volume).is_none())
        .filter_map(|option| Some((option.name, option.staircase?.cost(volume))))
        .collect()
}

/// The range that holds `volume` (ranges are half-open at their start).
fn range_at(report: &Report, volume: f64) -> &CheaperRange {
    report
        .cheaper_ranges
        .iter()
        .find(|range| {
            range.from_tokens_per_month <= volume
                && range.to_tokens_per_month.is_none_or(|to| volume <= to)
        })
        .expect("the ranges cover every volume")
}

/// The ranges tile `[0, ∞)` without gaps, overlaps or zero-width pieces.
fn assert_tiles(report: &Report) -> Result<(), TestCaseError> {
    let ranges = &report.cheaper_ranges;
    prop_assert!(!ranges.is_empty());
    prop_assert_eq!(ranges[0].from_tokens_per_month, 0.0);
    for pair in ranges.windows(2) {
        prop_assert_eq!(
            pair[0].to_tokens_per_month,
            Some(pair[1].from_tokens_per_month)
        );
        prop_assert!(pair[0].from_tokens_per_month < pair[1].from_tokens_per_month);
    }
    // Open-ended up to the tool's own limit; where a deployment's node count stops the
    // model sooner, the ranges stop there and say so.
    let modelled = report.modelled_up_to_tokens_per_month;
    let last_end = ranges.last().and_then(|r| r.to_tokens_per_month);
    if modelled >= MAX_VOLUME {
        prop_assert_eq!(last_end, None);
    } else {
        prop_assert_eq!(last_end, Some(modelled));
        prop_assert!(
            report
                .warnings
                .iter()
                .any(|w| w.contains("models volumes up to"))
        );
    }
    Ok(())
}

/// Every volume the ranges and crossovers cover is one the tool accepts (`--volume`,
/// the slider, a file): the ranges never reach where the tool stops modelling.
fn assert_covered_volumes_are_accepted(
    scenario: &Scenario,
    report: &Report,
) -> Result<(), TestCaseError> {
    let marks = common::named_volumes(report);
    // The generated scenarios stretch other limits (throughputs below 0.01 tok/s); what
    // is asked here is that no covered volume needs more nodes than the tool counts.
    for volume in marks {
        let problems: Vec<_> = validate(&scenario.with_tokens_per_month(volume))
            .into_iter()
            .filter(|problem| problem.message.contains("would need"))
            .collect();
        prop_assert!(
            problems.is_empty(),
            "{volume} is covered but refused: {problems:?}"
        );
    }
    Ok(())
}

/// At `volume`, the option the ranges name (or one of those said to take turns) costs
/// no more than the cheapest option evaluated directly. A volume within rounding of a
/// range boundary may go either way, so a relative 1e-9 is allowed.
fn assert_named_is_cheapest(
    scenario: &Scenario,
    report: &Report,
    volume: f64,
) -> Result<(), TestCaseError> {
    let costs = direct_costs(scenario, volume);
    let cheapest = costs
        .iter()
        .map(|(_, cost)| *cost)
        .fold(f64::INFINITY, f64::min);
    let range = range_at(report, volume);
    let named_best = costs
        .iter()
        .filter(|(name, _)| *name == range.option || range.alternates_with.contains(name))
        .map(|(_, cost)| *cost)
        .fold(f64::INFINITY, f64::min);
    prop_assert!(
        named_best <= cheapest + 1e-9 * cheapest.abs().max(1.0),
        "at {volume}: ranges name {} (+{:?}) at {named_best}, but the cheapest costs {cheapest}: {costs:?}",
        range.option,
        range.alternates_with
    );
    Ok(())
}

/// A node whose long-run $ per token is the API's times `1 + gap`, with fixed cost.
fn near_tied_node(
    name: String,
    api_usd_per_token: f64,
    capacity: f64,
    gap: f64,
    fixed_usd: f64,
) -> Deployment {
    Deployment {
        id: Default::default(),
        name,
        compute: Compute::RentedMonthly {
            usd_per_month: capacity * api_usd_per_token * (1.0 + gap),
        },
        electricity: Electricity::Flat {
            usd_per_month_per_node: 0.0,
        },
        throughput_tokens_per_second: capacity / (3600.0 * HOURS),
        utilization: 1.0,
        infrastructure_usd_per_month: fixed_usd,
        ..Deployment::default()
    }
}

/// An API charging `usd_per_million` for input and output alike.
fn api_at(usd_per_million: f64) -> ApiOption {
    ApiOption {
        id: Default::default(),
        name: "API".into(),
        usd_per_million_input: usd_per_million,
        usd_per_million_output: usd_per_million,
        ..ApiOption::default()
    }
}

/// A relative gap between prices: exactly zero, tiny, or a few percent, either side.
fn gap_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        (-12.0..-1.0_f64, any::<bool>()).prop_map(|(exponent, below)| {
            let gap = 10f64.powf(exponent);
            if below { -gap } else { gap }
        }),
    ]
}

prop_compose! {
    fn near_tie()(
        api_usd_per_million in 0.05..60.0_f64,
        nodes in proptest::collection::vec(
            (4.0..12.0_f64, gap_strategy(), prop_oneof![Just(0.0), 0.0..1e3_f64, 1e3..1e8_f64]),
            1..4,
        ),
        input_share in 0.0..=1.0_f64,
    ) -> Scenario {
        let api_usd_per_token = api_usd_per_million * 1e-6;
        let deployments = nodes
            .into_iter()
            .enumerate()
            .map(|(index, (log_capacity, gap, fixed))| {
                near_tied_node(format!("Node {index}"), api_usd_per_token, 10f64.powf(log_capacity), gap, fixed)
            })
            .collect();
        Scenario {
            workload: Workload {
                volume: Volume::Tokens { tokens_per_month: 1e8, input_share },
                ..Workload::default()
            },
            apis: vec![api_at(api_usd_per_million)],
            deployments,
            hours_per_month: HOURS,
            ..Scenario::default()
        }
    }
}

/// Volumes to probe: spread over every magnitude, plus around every range boundary
/// and crossover, where a guess would show first.
fn probe_volumes(report: &Report, seed: u64) -> Vec<f64> {
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64: deterministic per case, no extra dependency.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut volumes: Vec<f64> = (0..120).map(|_| 10f64.powf(15.0 * next())).collect();
    volumes.push(0.0);
    volumes.push(MAX_VOLUME);
    volumes.push(report.modelled_up_to_tokens_per_month);
    let marks = report
        .cheaper_ranges
        .iter()
        .map(|range| range.from_tokens_per_month)
        .chain(report.crossovers.iter().map(|c| c.volume_tokens_per_month));
    for mark in marks.filter(|mark| *mark > 0.0) {
        for factor in [0.999, 0.999_999, 1.000_001, 1.001] {
            volumes.push(mark * factor);
        }
        volumes.push(mark * (1.0 + 0.1 * next()));
    }
    // A volume within rounding of a boundary is on whichever side the last bit puts
    // it, and a node step there makes the two sides differ by a whole node: those
    // are not questions the ranges can answer, so they are not asked.
    let boundaries: Vec<f64> = report
        .cheaper_ranges
        .iter()
        .map(|range| range.from_tokens_per_month)
        .filter(|from| *from > 0.0)
        .collect();
    volumes.retain(|volume| {
        *volume <= report.modelled_up_to_tokens_per_month
            && boundaries
                .iter()
                .all(|boundary| (volume - boundary).abs() > 1e-9 * boundary)
    });
    volumes
}

proptest! {
    // Each case probes hundreds of volumes of a near-tie: 128 cases keep the suite quick.
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn near_ties_never_make_the_ranges_guess(scenario in near_tie(), seed in any::<u64>()) {
        let report = engine::evaluate(&scenario);
        assert_tiles(&report)?;
        assert_covered_volumes_are_accepted(&scenario, &report)?;
        for volume in probe_volumes(&report, seed) {
            assert_named_is_cheapest(&scenario, &report, volume)?;
        }
    }

    #[test]
    fn listed_crossovers_are_real_and_turn_taking_is_reported(scenario in near_tie()) {
        let report = engine::evaluate(&scenario);
        for crossover in &report.crossovers {
            let volume = crossover.volume_tokens_per_month;
            let cost = |name: &str, at: f64| {
                direct_costs(&scenario, at)
                    .into_iter()
                    .find(|(option, _)| option == name)
                    .map(|(_, cost)| cost)
                    .expect("option serves")
            };
            // Just above the crossover the side it names is the cheaper of the two,
            // unless the next crossover of the same pair comes even sooner.
            let above = volume * (1.0 + 1e-12) + 1e-6;
            let next_is_sooner = report.crossovers.iter().any(|other| {
                other.self_hosted == crossover.self_hosted
                    && other.volume_tokens_per_month > volume
                    && other.volume_tokens_per_month <= above
            });
            // A crossover that sits on a node step is checked by its own entry.
            let own_stairs = priced_options(&scenario)
                .into_iter()
                .find(|option| option.name == crossover.self_hosted)
                .and_then(|option| option.staircase)
                .expect("serves");
            if next_is_sooner || own_stairs.steps(above) != own_stairs.steps(volume) {
                continue;
            }
            let own_minus_api = cost(&crossover.self_hosted, above) - cost(&crossover.api, above);
            let scale = cost(&crossover.api, above).max(1.0);
            if crossover.self_hosted_cheaper_above {
                prop_assert!(own_minus_api <= 1e-6 * scale, "{crossover:?}: {own_minus_api}");
            } else {
                prop_assert!(own_minus_api >= -1e-6 * scale, "{crossover:?}: {own_minus_api}");
            }
        }
        // A stretch the search did not walk is never silent: the JSON field and a
        // warning both say so.
        for turns in &report.alternations {
            prop_assert!(report.warnings.iter().any(|w| w.contains(&turns.self_hosted) && w.contains("take turns")));
        }
    }
}

#[test]
fn every_preset_names_the_cheapest_option_at_every_probed_volume() {
    for preset in presets::PRESETS {
        let scenario = presets::load(preset.name).expect("preset");
        let report = engine::evaluate(&scenario);
        assert_tiles(&report).expect("tiles");
        for volume in probe_volumes(&report, 0x5eed ^ preset.name.len() as u64) {
            assert_named_is_cheapest(&scenario, &report, volume)
                .unwrap_or_else(|error| panic!("{}: {error}", preset.name));
        }
    }
}

#[test]
fn a_150_deployment_near_tie_still_names_the_cheapest_everywhere() {
    let api_usd_per_token = 3e-6;
    let deployments = (0..150)
        .map(|index| {
            let gap = (f64::from(index) - 75.0) * 1e-5;
            let capacity = 10f64.powf(6.0 + f64::from(index % 7) * 0.5);
            near_tied_node(
                format!("Node {index}"),
                api_usd_per_token,
                capacity,
                gap,
                f64::from(index) * 10.0,
            )
        })
        .collect();
    let scenario = Scenario {
        apis: vec![api_at(3.0)],
        deployments,
        hours_per_month: HOURS,
        ..Scenario::default()
    };
    let report = engine::evaluate(&scenario);
    assert_tiles(&report).expect("tiles");
    for volume in probe_volumes(&report, 150) {
        assert_named_is_cheapest(&scenario, &report, volume).expect("cheapest");
    }
    // The cheapest in the long run is the node priced furthest below the API.
    let last = report.cheaper_ranges.last().expect("ranges");
    assert_eq!(last.option, "Node 0");
    assert_eq!(last.kind, OptionKind::SelfHosted);
}

#[test]
fn a_near_tie_is_said_in_the_json_the_text_and_the_verdict() {
    // API at $3/M against nodes whose long-run price is 0.1% lower, with $50 fixed:
    // they take turns over about 985 node steps between 20.5B and 271B tokens/month.
    let capacity = 100.0 * 3600.0 * HOURS;
    let mut node = near_tied_node("Node".into(), 3e-6, capacity, 0.0, 50.0);
    node.compute = Compute::RentedMonthly {
        usd_per_month: 787.6,
    };
    let scenario = Scenario {
        apis: vec![api_at(3.0)],
        deployments: vec![node],
        hours_per_month: HOURS,
        ..Scenario::default()
    }
    .with_tokens_per_month(50e9);
    let report = engine::evaluate(&scenario);
    let turns = report.alternations.first().expect("reported as a field");
    assert!(
        turns
            .node_steps
            .is_some_and(|steps| (900.0..1100.0).contains(&steps))
    );
    let json = serde_json::to_value(&report).expect("JSON");
    assert!(json["alternations"][0]["from_tokens_per_month"].is_number());
    let text = llm_cost_engine::report_text::render(&report);
    assert!(text.contains("take turns at each node step"), "{text}");
    let verdict = engine::verdict::headline(&report);
    assert!(
        verdict.contains(
            "then the two alternate as nodes are added (they take turns at every added node \
             from 20.5B to 271B); self-hosting is cheaper for good above 275B"
        ),
        "{verdict}"
    );
}
