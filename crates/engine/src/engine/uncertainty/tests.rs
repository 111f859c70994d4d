//! Hand-checked bands, intervals and tornado of the full-stack preset.

use crate::engine::evaluate;
use crate::scenario::presets;
use crate::scenario::ranges::{DeploymentInput, Range, WorkloadInput};

fn close(actual: Option<f64>, expected: f64) -> bool {
    actual.is_some_and(|actual| (actual - expected).abs() <= expected * 1e-9)
}

/// GPT-4o at 3:1 costs $4.375 per 1M. Llama on 2x A100 has a fixed F = FTE × engineer /
/// 12 + infrastructure and $rent per node of C = throughput × 3600 × 730 × 0.6 tokens.
/// At the values (F = $9,625, C = 1.5768B, $3,600) self-hosting first wins in the third
/// node's step, at (9,625 + 3 × 3,600) / 4.375e-6 = 4.6686B, loses at the fourth node and
/// wins for good from (9,625 + 5 × 3,600) / 4.375e-6 = 6.3143B. Favourable corner
/// (1,200 tok/s, 0.5 FTE, $150k, $250, $3,600: F = $6,500, C = 1.8922B): first win at
/// 13,700 / 4.375e-6 = 3.1314B, for good from 17,300 / 4.375e-6 = 3.9543B. Unfavourable
/// corner (800 tok/s, 1.0 FTE, $200k, $1,000, $5,040: F = $17,666.67, C = 1.2614B): the
/// 37th node's step is the first win, (F + 37 × 5,040) / 4.375e-6 = 46.662B, and the 48th
/// holds for good from (F + 48 × 5,040) / 4.375e-6 = 59.334B.
#[test]
fn the_full_stack_interval_is_exact_at_the_corners() {
    let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
    let [interval] = report.crossover_intervals.as_slice() else {
        panic!("one pair: {:?}", report.crossover_intervals);
    };
    let first = interval.first_win;
    assert!(close(first.low, 13_700.0 / 4.375e-6), "{first:?}");
    assert!(close(first.value, 20_425.0 / 4.375e-6), "{first:?}");
    let unfavourable_fixed = 200_000.0 / 12.0 + 1_000.0;
    assert!(
        close(first.high, (unfavourable_fixed + 37.0 * 5_040.0) / 4.375e-6),
        "{first:?}"
    );
    let for_good = interval.wins_for_good;
    assert!(close(for_good.low, 17_300.0 / 4.375e-6), "{for_good:?}");
    assert!(close(for_good.value, 27_625.0 / 4.375e-6), "{for_good:?}");
    assert!(
        close(
            for_good.high,
            (unfavourable_fixed + 48.0 * 5_040.0) / 4.375e-6
        ),
        "{for_good:?}"
    );
}

/// At 1B tokens a month one node serves the whole volume at every corner: $13,225 at the
/// values, $6,500 + $3,600 at the favourable corner, $17,666.67 + $5,040 at the other.
/// The API has no ranges, so its band is its cost.
#[test]
fn the_full_stack_bands_at_one_billion() {
    let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
    let api = &report.options[0];
    assert_eq!(api.monthly_cost_low_usd, api.monthly_cost_usd);
    assert_eq!(api.monthly_cost_high_usd, api.monthly_cost_usd);
    let own = &report.options[1];
    assert!(close(own.monthly_cost_usd, 13_225.0));
    assert!(close(own.monthly_cost_low_usd, 10_100.0));
    assert!(close(
        own.monthly_cost_high_usd,
        200_000.0 / 12.0 + 1_000.0 + 5_040.0
    ));
}

#[test]
fn the_tornado_has_every_ranged_input_largest_swing_first() {
    let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
    let names: Vec<&str> = report
        .sensitivity
        .iter()
        .map(|s| s.input.as_str())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
    for bar in &report.sensitivity {
        assert!(bar.low < bar.high, "{bar:?}");
        assert!(bar.swing() >= 0.0);
    }
    let swings: Vec<f64> = report.sensitivity.iter().map(|s| s.swing()).collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    // Rent decides most: at $5,040 a node costs nearly what it saves.
    assert_eq!(names[0], "rent per month", "{names:?}");
    // Rent at its value ($3,600, its low) gives the point answer.
    let rent = &report.sensitivity[0];
    assert!(
        close(rent.wins_for_good_at_low, 27_625.0 / 4.375e-6),
        "{rent:?}"
    );
    // Every input is monotone here: the corners are exact.
    assert!(
        report
            .ranged_inputs
            .iter()
            .all(|input| input.method == super::Method::Corners)
    );
}

#[test]
fn without_ranges_the_interval_is_a_point_and_the_tornado_is_empty() {
    let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
    scenario.deployments[0].ranges.clear();
    let report = evaluate(&scenario);
    assert!(report.sensitivity.is_empty());
    assert!(report.ranged_inputs.is_empty());
    let interval = &report.crossover_intervals[0];
    assert_eq!(interval.first_win.low, interval.first_win.value);
    assert_eq!(interval.first_win.high, interval.first_win.value);
    assert_eq!(interval.wins_for_good.low, interval.wins_for_good.high);
    let own = &report.options[1];
    assert_eq!(own.monthly_cost_low_usd, own.monthly_cost_usd);
    assert_eq!(own.monthly_cost_high_usd, own.monthly_cost_usd);
}

/// Hours per month are not monotone (capacity and always-on rent both scale with them):
/// they are sampled, said so, and the band still contains the point.
#[test]
fn hours_per_month_are_sampled() {
    let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
    scenario.workload.ranges.insert(
        WorkloadInput::HoursPerMonth,
        Range {
            low: 720.0,
            high: 744.0,
        },
    );
    scenario.deployments[0]
        .ranges
        .remove(&DeploymentInput::Throughput);
    let report = evaluate(&scenario);
    let hours = report
        .ranged_inputs
        .iter()
        .find(|input| input.input == "hours per month")
        .expect("hours ranged");
    assert_eq!(hours.method, super::Method::Sampled);
    assert!(hours.samples.is_some_and(|count| count >= 3));
    for option in &report.options {
        let (low, cost, high) = (
            option.monthly_cost_low_usd.expect("low"),
            option.monthly_cost_usd.expect("cost"),
            option.monthly_cost_high_usd.expect("high"),
        );
        assert!(low <= cost && cost <= high, "{option:?}");
    }
}

/// An upper end where self-hosting never wins for good is `None` ("possibly never").
#[test]
fn a_corner_that_never_wins_leaves_the_high_open() {
    let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
    // At $7,000 a node (4.44 $/1M at 1.5768B tokens a node) self-hosting never catches
    // GPT-4o's $4.375.
    scenario.deployments[0].ranges.insert(
        DeploymentInput::MonthlyRent,
        Range {
            low: 3_600.0,
            high: 7_000.0,
        },
    );
    scenario.deployments[0]
        .ranges
        .remove(&DeploymentInput::Throughput);
    let report = evaluate(&scenario);
    let interval = &report.crossover_intervals[0];
    assert!(interval.wins_for_good.value.is_some());
    assert_eq!(interval.wins_for_good.high, None);
    let rent = report
        .sensitivity
        .iter()
        .find(|bar| bar.input == "rent per month")
        .expect("rent bar");
    assert_eq!(rent.wins_for_good_at_high, None);
    assert_eq!(rent.swing(), f64::INFINITY);
}

/// A hybrid that sends its API share to the API it is compared with: d = local − share ×
/// API, so the API's prices move d one way and stay exact (corners, not samples), and the
/// interval holds the answer at every end of the price's range.
#[test]
fn a_hybrid_through_the_compared_api_stays_exact() {
    use crate::engine::pair::pair_outcome;
    use crate::engine::priced_options;
    use crate::scenario::Hybrid;
    use crate::scenario::ranges::ApiInput;
    let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    scenario.hybrid = Some(Hybrid {
        local_share: 0.5,
        deployment: scenario.deployments[0].id.into(),
        api: scenario.apis[0].id.into(),
    });
    scenario.apis[0].ranges.insert(
        ApiInput::OutputPrice,
        Range {
            low: 8.0,
            high: 15.0,
        },
    );
    let report = evaluate(&scenario);
    let price = report
        .ranged_inputs
        .iter()
        .find(|input| input.input == "output price")
        .expect("price ranged");
    assert_eq!(price.method, super::Method::Corners);
    let hybrid = report
        .crossover_intervals
        .iter()
        .find(|interval| interval.self_hosted.starts_with("Hybrid"))
        .expect("the hybrid's interval");
    for output in [8.0, 10.0, 12.0, 15.0] {
        let mut moved = scenario.clone();
        moved.apis[0].usd_per_million_output = output;
        let priced = priced_options(&moved);
        let own = priced.last().expect("hybrid");
        let at = pair_outcome(
            &priced[0].staircase.expect("api"),
            &own.staircase.expect("serves"),
            own.reach.max_tokens_per_month(),
            1e15,
        )
        .first_win
        .expect("wins");
        let (low, high) = (
            hybrid.first_win.low.expect("low"),
            hybrid.first_win.high.expect("high"),
        );
        assert!(
            low <= at * (1.0 + 1e-9) && at <= high * (1.0 + 1e-9),
            "{output}: {hybrid:?}"
        );
    }
}

/// Two APIs built without identifiers (both 0): the second's price range stays its own.
#[test]
fn ranges_of_options_without_identifiers_are_not_credited_to_another() {
    use crate::scenario::ApiOption;
    use crate::scenario::ranges::ApiInput;
    let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    let mut dear = ApiOption {
        name: "Dear API".into(),
        usd_per_million_input: 5.0,
        usd_per_million_output: 20.0,
        ..ApiOption::default()
    };
    dear.ranges.insert(
        ApiInput::OutputPrice,
        Range {
            low: 15.0,
            high: 25.0,
        },
    );
    scenario.apis.push(dear);
    for api in &mut scenario.apis {
        api.id = Default::default();
    }
    scenario.deployments[0].id = Default::default();
    scenario.deployments[0].ranges.clear();
    let report = evaluate(&scenario);
    let first = &report.options[0];
    assert_eq!(
        first.monthly_cost_low_usd, first.monthly_cost_usd,
        "{first:?}"
    );
    assert_eq!(first.monthly_cost_high_usd, first.monthly_cost_usd);
    let second = &report.options[1];
    assert!(
        second.monthly_cost_low_usd < second.monthly_cost_high_usd,
        "{second:?}"
    );
}
