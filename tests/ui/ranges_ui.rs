//! Ranges in the app, driven through the accessibility tree: a "±" beside a control gives
//! the value a low and a high, and the verdict, the table, the chart and the tornado
//! follow what the engine computes for the edited scenario.

use eframe::egui;
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::{evaluate, prepare, verdict};
use llm_cost_explorer::figure::{Figure, Tornado, default_bounds};
use llm_cost_explorer::scenario::ranges::DeploymentInput;

use crate::common;
use common::app_on;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn a_range_toggled_on_a_control_adds_the_band_the_interval_and_the_tornado() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", SIZE);
    assert!(
        harness.query_by_label("What moves it").is_none(),
        "no ranges yet"
    );
    assert!(harness.query_by_label("Range $/month").is_none());

    // Below the workload and the API in the controls: scrolled to, as a user would.
    common::scroll_into_view(&mut harness, "Range of Purchase price");
    harness.get_by_label("Range of Purchase price").click();
    harness.run_steps(3);
    let scenario = harness.state().scenario().clone();
    let range = scenario.deployments[0].ranges[&DeploymentInput::PurchasePrice];
    assert_eq!((range.low, range.high), (320.0, 480.0), "±20% of $400");

    let report = evaluate(&scenario);
    let sentence = verdict::range_sentence(&report).expect("a range sentence");
    harness.get_by_label(&sentence);
    harness.get_by_label("Range $/month");
    // By hand: the card written off over 36 months plus $5 of power, at $320 and $480:
    // 320 / 36 + 5 = $13.89 and 480 / 36 + 5 = $18.33.
    assert!(
        harness.query_all_by_label("$13.89 – $18.33").count() > 0,
        "the card's range in the table"
    );
    let model = prepare(&scenario);
    let figure = Figure::new(&model, default_bounds(&model));
    assert!(!figure.curves[1].band.is_empty(), "the band is drawn");
    assert!(figure.interval.is_some(), "the interval is drawn");

    harness.get_by_label("What moves it").click();
    harness.run_steps(3);
    let tornado = Tornado::new(&report).expect("a tornado");
    harness.get_by_label(&tornado.bars[0].summary());
}

#[test]
fn dropping_the_range_takes_the_band_and_the_tab_away() {
    let mut harness = app_on("70b-full-stack-2xa100", SIZE);
    harness.get_by_label("What moves it").click();
    harness.run_steps(3);
    for control in [
        "Range of Throughput",
        "Range of Engineering",
        "Range of Engineer cost",
        "Range of Infrastructure",
        "Range of Rent",
    ] {
        harness.get_by_label(control).scroll_to_me();
        harness.run_steps(3);
        harness.get_by_label(control).click_accesskit();
        harness.run_steps(3);
    }
    harness.run_steps(2);
    let left = &harness.state().scenario().deployments[0].ranges;
    assert!(left.is_empty(), "{left:?}");
    assert!(harness.query_by_label("What moves it").is_none());
    assert!(verdict::range_sentence(&evaluate(harness.state().scenario())).is_none());
}

#[test]
fn paying_another_way_drops_the_range_it_no_longer_has_and_the_scenario_still_saves() {
    let mut harness = app_on("70b-full-stack-2xa100", SIZE);
    harness.get_by_label("Buy").scroll_to_me();
    harness.run_steps(2);
    harness.get_by_label("Buy").click_accesskit();
    harness.run_steps(3);
    let scenario = harness.state().scenario();
    assert!(scenario.deployments[0].compute.is_bought());
    let ranges = &scenario.deployments[0].ranges;
    assert!(
        !ranges.contains_key(&DeploymentInput::MonthlyRent),
        "{ranges:?}"
    );
    assert!(ranges.contains_key(&DeploymentInput::EngineeringFte));
    let problems = llm_cost_explorer::scenario::validate::validate(scenario);
    assert!(problems.is_empty(), "{problems:?}");
}

/// With nine ranged inputs at 1024×640 in presentation mode, "What moves it" shows every
/// input's bar, the column scrolling, none left out.
#[test]
fn the_tornado_shows_every_input_on_a_small_screen() {
    use llm_cost_explorer::scenario::ranges::{ApiInput, Range, WorkloadInput};
    use llm_cost_explorer::theme::Look;
    let mut harness = app_on("70b-full-stack-2xa100", egui::vec2(1024.0, 640.0));
    {
        let scenario = harness.state_mut().scenario_mut();
        let api = &mut scenario.apis[0];
        api.ranges.insert(
            ApiInput::InputPrice,
            Range {
                low: 2.0,
                high: 3.0,
            },
        );
        api.ranges.insert(
            ApiInput::OutputPrice,
            Range {
                low: 8.0,
                high: 12.0,
            },
        );
        api.ranges.insert(
            ApiInput::BatchDiscount,
            Range {
                low: 0.4,
                high: 0.6,
            },
        );
        scenario.workload.ranges.insert(
            WorkloadInput::InputShare,
            Range {
                low: 0.6,
                high: 0.8,
            },
        );
    }
    harness.state_mut().set_look(Look {
        presentation: true,
        ..Look::default()
    });
    harness.run_steps(3);
    harness.get_by_label("What moves it").click();
    harness.run_steps(4);
    let report = evaluate(harness.state().scenario());
    let tornado = Tornado::new(&report).expect("a tornado");
    assert!(tornado.bars.len() >= 8, "{} bars", tornado.bars.len());
    for bar in &tornado.bars {
        harness.get_by_label(&bar.summary());
    }
    assert!(
        harness.query_by_label_contains("move it less").is_none(),
        "no input left out"
    );
}
