//! Properties of bands, crossover intervals and the tornado over random scenarios with
//! random ranges, checked against costs evaluated directly at points inside the box.

use llm_cost_engine::engine::pair::pair_outcome;
use llm_cost_engine::engine::{self, Report, priced_options};
use llm_cost_engine::scenario::ranges::{
    ApiInput, DeploymentInput, InputKey, Range, RangedInput, WorkloadInput,
};
use llm_cost_engine::scenario::{ApiOption, Compute, Deployment, Scenario};
use proptest::prelude::*;

mod common;

/// A range around `value`: `None`, or `value × [low factor, high factor]` kept in limits.
fn range_around(value: f64, factors: Option<(f64, f64)>, limits: (f64, f64)) -> Option<Range> {
    let (low, high) = factors?;
    Some(Range {
        low: (value * low).clamp(limits.0, limits.1).min(value),
        high: (value * high).clamp(limits.0, limits.1).max(value),
    })
}

fn factors() -> impl Strategy<Value = Option<(f64, f64)>> {
    proptest::option::of((0.3..=1.0_f64, 1.0..=3.0_f64))
}

fn compute_strategy() -> impl Strategy<Value = Compute> {
    common::compute_strategy(10.0..50_000.0, 6.0..60.0, 0.1..30.0, 10.0..20_000.0)
}

prop_compose! {
    fn ranged_scenario()(
        (input_price, output_price) in (0.01..50.0_f64, 0.01..100.0_f64),
        price_factors in (factors(), factors()),
        compute in compute_strategy(),
        (throughput, utilization, fte, infra) in (0.5..1e5_f64, 0.05..=1.0_f64, 0.0..2.0_f64, 0.0..5000.0_f64),
        deployment_factors in proptest::collection::vec(factors(), 9),
        batch_share in 0.0..=1.0_f64,
        batch_factors in factors(),
        max_nodes in proptest::option::of(1u32..50),
    ) -> Scenario {
        let mut api = ApiOption {
            name: "API".into(),
            usd_per_million_input: input_price,
            usd_per_million_output: output_price,
            ..ApiOption::default()
        };
        for (input, factors) in [ApiInput::InputPrice, ApiInput::OutputPrice].into_iter().zip([price_factors.0, price_factors.1]) {
            if let Some(range) = range_around(input.value(&api).unwrap_or(0.0), factors, input.limits()) {
                api.ranges.insert(input, range);
            }
        }
        let mut deployment = Deployment {
            name: "Own".into(),
            compute,
            throughput_tokens_per_second: throughput,
            utilization,
            engineering_fte: fte,
            infrastructure_usd_per_month: infra,
            max_nodes,
            ..Deployment::default()
        };
        let inputs = [
            DeploymentInput::Throughput,
            DeploymentInput::Utilization,
            DeploymentInput::EngineeringFte,
            DeploymentInput::Infrastructure,
            DeploymentInput::PurchasePrice,
            DeploymentInput::HourlyRent,
            DeploymentInput::MonthlyRent,
            DeploymentInput::Tariff,
            DeploymentInput::LoadWatts,
        ];
        for (input, factors) in inputs.into_iter().zip(deployment_factors) {
            if let Some(value) = input.value(&deployment)
                && let Some(range) = range_around(value, factors, input.limits())
            {
                deployment.ranges.insert(input, range);
            }
        }
        let mut scenario = Scenario { apis: vec![api], deployments: vec![deployment], ..Scenario::default() };
        scenario.workload.batch_share = batch_share;
        if let Some(range) = range_around(batch_share.max(0.01), batch_factors, (0.0, 1.0)) {
            scenario.workload.ranges.insert(WorkloadInput::BatchShare, range.including(batch_share));
        }
        scenario.assign_ids();
        scenario
    }
}

/// A point inside the input box: each ranged input at `low + t × (high − low)`.
fn inside(scenario: &Scenario, inputs: &[RangedInput], t: &[f64]) -> Scenario {
    let mut moved = scenario.clone();
    for (input, t) in inputs.iter().zip(t.iter().cycle()) {
        moved.set_input(
            input.key,
            input.range.low + t * (input.range.high - input.range.low),
        );
    }
    moved
}

fn all_exact(report: &Report) -> bool {
    report
        .ranged_inputs
        .iter()
        .all(|input| input.method == engine::uncertainty::Method::Corners)
}

/// `a ≤ b` for volumes where `None` is never (past every volume).
fn not_later(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (_, None) => true,
        (None, Some(_)) => false,
        (Some(a), Some(b)) => a <= b * (1.0 + 1e-9) + 1e-6,
    }
}

fn log_volume() -> impl Strategy<Value = f64> {
    (0.0..15.0_f64).prop_map(|exponent| 10f64.powf(exponent))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_band_holds_the_point_and_every_cost_inside_the_box(
        scenario in ranged_scenario(),
        volume in log_volume(),
        t in proptest::collection::vec(0.0..=1.0_f64, 1..6),
    ) {
        let model = engine::prepare(&scenario.with_tokens_per_month(volume));
        let inputs = scenario.ranged_inputs();
        let moved = inside(&scenario, &inputs, &t);
        for (index, option) in model.options().iter().enumerate() {
            let Some((low, high)) = option.cost_band(volume) else { continue };
            let cost = option.cost(volume).expect("serves");
            prop_assert!(low <= cost && cost <= high, "{low} {cost} {high}");
            if all_exact(model.report()) {
                let direct = priced_options(&moved)[index].staircase.expect("serves").cost(volume);
                let slack = 1e-9 * high.abs().max(1.0);
                prop_assert!(low - slack <= direct && direct <= high + slack,
                    "{}: {direct} outside {low}..{high}", option.name);
            }
        }
    }

    #[test]
    fn intervals_are_ordered_and_hold_every_point_of_the_box(
        scenario in ranged_scenario(),
        t in proptest::collection::vec(0.0..=1.0_f64, 1..6),
    ) {
        let report = engine::evaluate(&scenario);
        let interval = &report.crossover_intervals[0];
        for spread in [interval.first_win, interval.wins_for_good] {
            prop_assert!(not_later(spread.low, spread.value), "{spread:?}");
            prop_assert!(not_later(spread.value, spread.high), "{spread:?}");
        }
        if all_exact(&report) {
            let moved = inside(&scenario, &scenario.ranged_inputs(), &t);
            let priced = priced_options(&moved);
            let outcome = pair_outcome(
                &priced[0].staircase.expect("api"),
                &priced[1].staircase.expect("own"),
                priced[1].reach.max_tokens_per_month(),
                report.modelled_up_to_tokens_per_month,
            );
            prop_assert!(not_later(interval.first_win.low, outcome.first_win));
            prop_assert!(not_later(outcome.first_win, interval.first_win.high));
            prop_assert!(not_later(interval.wins_for_good.low, outcome.wins_for_good));
            prop_assert!(not_later(outcome.wins_for_good, interval.wins_for_good.high));
        }
    }

    #[test]
    fn widening_a_range_never_narrows_the_interval(
        scenario in ranged_scenario(),
        which in 0usize..16,
        stretch in 1.0..2.0_f64,
    ) {
        let inputs = scenario.ranged_inputs();
        prop_assume!(!inputs.is_empty());
        let report = engine::evaluate(&scenario);
        prop_assume!(all_exact(&report));
        let input = &inputs[which % inputs.len()];
        let mut wider = scenario.clone();
        let widened = Range { low: input.range.low / stretch, high: input.range.high * stretch };
        match input.key {
            InputKey::Api(_, key) => {
                let limits = key.limits();
                wider.apis[0].ranges.insert(key, clamp(widened, limits));
            }
            InputKey::Deployment(_, key) => {
                let limits = key.limits();
                wider.deployments[0].ranges.insert(key, clamp(widened, limits));
            }
            InputKey::Workload(key) => {
                wider.workload.ranges.insert(key, clamp(widened, key.limits()));
            }
        }
        let wide = engine::evaluate(&wider);
        let (narrow, wide) = (&report.crossover_intervals[0], &wide.crossover_intervals[0]);
        for (narrow, wide) in [(narrow.first_win, wide.first_win), (narrow.wins_for_good, wide.wins_for_good)] {
            prop_assert!(not_later(wide.low, narrow.low), "{narrow:?} {wide:?}");
            prop_assert!(not_later(narrow.high, wide.high), "{narrow:?} {wide:?}");
        }
    }
}

fn clamp(range: Range, limits: (f64, f64)) -> Range {
    Range {
        low: range.low.clamp(limits.0, limits.1),
        high: range.high.clamp(limits.0, limits.1),
    }
}
