//! Properties of the full cost, for any preset with random traffic shape, owning costs,
//! overheads, lens and constraints: the report's costs are the staircase's and the
//! layers' sums, marginal never exceeds full, constraints never move a cost, and the
//! recommendation never names an option a constraint rules out.

use llm_cost_engine::engine::timeline::timeline;
use llm_cost_engine::engine::{OptionKind, evaluate_at, priced_options, verdict};
use llm_cost_engine::scenario::{
    Compute, Constraints, HourlyBilling, Lens, Overheads, Owning, Scenario, TimelineSettings,
    presets, validate::validate,
};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Extras {
    preset: usize,
    peak: f64,
    active_hours: f64,
    active_billing: bool,
    owning: Owning,
    overheads: Overheads,
    api_fte: f64,
    horizon: f64,
    constraints: Constraints,
}

fn extras() -> impl Strategy<Value = Extras> {
    (
        0usize..8,
        prop_oneof![Just(1.0), 1.0..20.0_f64],
        prop_oneof![Just(24.0), 0.5..24.0_f64],
        any::<bool>(),
        (0.0..0.3_f64, 0.0..0.3_f64, 0.0..500.0_f64, 0.0..5_000.0_f64),
        (0.0..100_000.0_f64, 0.0..5_000.0_f64),
        0.0..2.0_f64,
        1.0..120.0_f64,
        (
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(0.0..2.0_f64),
            proptest::option::of(prop_oneof![0.1..10.0_f64, 10.0..100_000.0_f64]),
        ),
    )
        .prop_map(
            |(
                preset,
                peak,
                active_hours,
                active_billing,
                (capital, maintenance, facilities, setup),
                (one_off, fee),
                api_fte,
                horizon,
                (data_must_stay, mostly_batch, mlops, inter_token_ms),
            )| Extras {
                preset,
                peak,
                active_hours,
                active_billing,
                owning: Owning {
                    capital_rate_per_year: capital,
                    maintenance_rate_per_year: maintenance,
                    facilities_usd_per_node_month: facilities,
                    setup_usd_per_node: setup,
                },
                overheads: Overheads {
                    one_off_usd: one_off,
                    monthly_fee_usd: fee,
                },
                api_fte,
                horizon,
                constraints: Constraints {
                    data_must_stay,
                    mostly_batch,
                    mlops_fte_available: mlops,
                    inter_token_ms,
                    ..Constraints::default()
                },
            },
        )
}

fn scenario(extras: &Extras, lens: Lens) -> Scenario {
    let names = presets::names();
    let mut scenario = presets::load(&names[extras.preset % names.len()]).expect("preset");
    scenario.workload.peak_to_average = extras.peak;
    scenario.workload.active_hours_per_day = extras.active_hours;
    scenario.accounting.lens = lens;
    scenario.accounting.horizon_months = extras.horizon;
    scenario.constraints = extras.constraints.clone();
    for api in &mut scenario.apis {
        api.engineering_fte = extras.api_fte;
        api.overheads = extras.overheads.clone();
    }
    for deployment in &mut scenario.deployments {
        deployment.owning = extras.owning.clone();
        deployment.overheads = extras.overheads.clone();
        if let Compute::RentedHourly { billing, .. } = &mut deployment.compute
            && extras.active_billing
        {
            *billing = HourlyBilling::ActiveHours;
        }
    }
    scenario
}

fn near(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn costs_are_the_layers_and_marginal_never_exceeds_full(
        extras in extras(),
        volume in prop_oneof![Just(0.0), 0.0..1e12_f64, Just(1e15)],
    ) {
        let full = scenario(&extras, Lens::Full);
        prop_assert!(validate(&full).is_empty(), "{:?}", validate(&full));
        let mut marginal = scenario(&extras, Lens::Marginal);
        // One node owned and the implementation paid: what the marginal lens drops.
        marginal.accounting.one_offs_paid = true;
        for deployment in &mut marginal.deployments {
            deployment.owned_nodes = 1;
        }
        let full_report = evaluate_at(&full, volume);
        let marginal_report = evaluate_at(&marginal, volume);
        let full_options = priced_options(&full);
        for (index, option) in full_report.options.iter().enumerate() {
            let Some(cost) = option.monthly_cost_usd else { continue };
            let stairs = full_options[index].staircase.expect("priced");
            prop_assert!(near(stairs.cost(volume), cost), "{}: staircase", option.name);
            let layers = option.layers.expect("layers");
            prop_assert!(near(layers.total(), cost), "{}: layers {} vs {cost}", option.name, layers.total());
            let lower = marginal_report.options[index].monthly_cost_usd.expect("serves");
            prop_assert!(lower <= cost * (1.0 + 1e-12), "{}: marginal {lower} > full {cost}", option.name);
            if option.kind == OptionKind::Api {
                prop_assert!(near(lower, cost - layers.one_off), "{}", option.name);
            }
            prop_assert_eq!(
                marginal_report.options[index].fully_loaded_usd_per_million_tokens,
                option.usd_per_million_tokens
            );
        }
    }

    #[test]
    fn constraints_change_the_recommendation_never_a_cost(
        extras in extras(),
        volume in 0.0..1e11_f64,
    ) {
        let constrained = scenario(&extras, Lens::Full);
        let mut free = constrained.clone();
        free.constraints = Constraints::default();
        let with = evaluate_at(&constrained, volume);
        let without = evaluate_at(&free, volume);
        for (a, b) in with.options.iter().zip(&without.options) {
            prop_assert_eq!(a.monthly_cost_usd, b.monthly_cost_usd);
        }
        prop_assert_eq!(&with.cheaper_ranges, &without.cheaper_ranges);
        prop_assert_eq!(&with.crossovers, &without.crossovers);
        let ruled_out: Vec<&str> = with
            .options
            .iter()
            .filter(|o| o.ruled_out.is_some())
            .map(|o| o.name.as_str())
            .collect();
        if let Some(ranges) = &with.recommended_ranges {
            for range in ranges {
                prop_assert!(!ruled_out.contains(&range.option.as_str()), "{} recommended", range.option);
            }
        }
        // The sentence recommends what the constraints allow: a ruled-out option is only
        // named as what the choice is compared against.
        let headline = verdict::headline(&with);
        for name in &ruled_out {
            let recommended = [format!("{name} is cheapest"), format!("{name} is the self-hosted option")];
            prop_assert!(recommended.iter().all(|words| !headline.contains(words.as_str())), "{headline}");
        }
        prop_assert!(!headline.contains("NaN") && !headline.contains("inf"), "{headline}");
    }

    #[test]
    fn the_marginal_timeline_is_the_marginal_chart_every_month(
        extras in extras(),
        volume in 0.0..1e10_f64,
        months in 1u32..24,
    ) {
        let mut marginal = scenario(&extras, Lens::Marginal).with_tokens_per_month(volume);
        marginal.timeline = TimelineSettings { months, ..TimelineSettings::default() };
        // Every node owned and the implementation paid: nothing is bought or paid up front,
        // so each month's cash is the month's marginal cost.
        marginal.accounting.one_offs_paid = true;
        for deployment in &mut marginal.deployments {
            deployment.owned_nodes = 1_000_000_000;
        }
        let report = evaluate_at(&marginal, volume);
        let over_time = timeline(&marginal);
        for row in &over_time.rows {
            for cost in &row.costs {
                let chart = report.option(cost.option_id).and_then(|o| o.monthly_cost_usd).expect("serves");
                prop_assert!(near(cost.monthly_usd, chart), "{} month {}: {} vs {chart}", cost.option, row.month, cost.monthly_usd);
            }
        }
    }
}
