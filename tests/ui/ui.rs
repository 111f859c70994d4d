//! The desktop app driven through its accessibility tree, as a user (or a screen
//! reader) would: sliders moved, pickers clicked, keys pressed. Each test checks that
//! what the screen says matches what the engine computes for the edited scenario.

use eframe::egui::{self, accesskit::Role};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::{evaluate, verdict};

use crate::common;
use common::{app, app_on, expected_headline, settle, type_deployment_name};

#[test]
fn moving_the_volume_slider_changes_the_verdict() {
    let mut harness = app();
    let before = expected_headline(&harness);
    harness.get_by_label(&before);
    assert!(
        before.starts_with("At 100M tokens/month the API (GPT-4o) is cheaper by $200.00/month"),
        "{before}"
    );

    harness
        .get_by_role_and_label(Role::Slider, "Monthly volume")
        .set_value_accesskit(200e6);
    settle(&mut harness);

    assert!((harness.state().scenario().tokens_per_month() - 200e6).abs() < 1.0);
    let after = expected_headline(&harness);
    assert!(
        after.starts_with("At 200M tokens/month self-hosting (Llama 3.1 70B on a dedicated A100) is cheaper than GPT-4o by $150.00/month"),
        "{after}"
    );
    harness.get_by_label(&after);
    assert!(harness.query_by_label(&before).is_none());
}

#[test]
fn low_utilization_removes_the_crossover() {
    let mut harness = app();
    assert_eq!(evaluate(harness.state().scenario()).crossovers.len(), 1);
    harness
        .get_by_role_and_label(Role::Slider, "Utilization")
        .set_value_accesskit(0.05);
    settle(&mut harness);

    let scenario = harness.state().scenario();
    assert_eq!(scenario.deployments[0].utilization, 0.05);
    // At 5% a node takes 78.8M tokens, worth $276 of GPT-4o, less than its $500 rent:
    // self-hosting never wins.
    let report = evaluate(scenario);
    assert!(report.crossovers.is_empty());
    let headline = expected_headline(&harness);
    assert!(
        headline.ends_with("self-hosting is not the cheapest option at any volume."),
        "{headline}"
    );
    harness.get_by_label(&headline);
}

#[test]
fn choosing_hardware_fills_in_its_figures() {
    let mut harness = app();
    common::scroll_into_view(&mut harness, "Hardware");
    harness.get_by_label("Hardware").click();
    settle(&mut harness);
    harness.get_by_label("H100 80GB").click();
    settle(&mut harness);

    let deployment = &harness.state().scenario().deployments[0];
    assert_eq!(deployment.hardware.name, "H100 80GB");
    assert_eq!(
        deployment.throughput_tokens_per_second, 419.0,
        "70B on one H100 (Lambda)"
    );
    // Still rented by the month, at the catalogue's $2.50/h for 730 hours.
    assert_eq!(
        deployment.compute,
        llm_cost_explorer::scenario::Compute::RentedMonthly {
            usd_per_month: 1825.0
        }
    );
    harness.get_by_label(&expected_headline(&harness));
    // The edited value is marked with a reset button.
    assert!(
        !harness
            .query_all_by_label("• reset")
            .collect::<Vec<_>>()
            .is_empty()
    );
}

#[test]
fn a_name_clash_is_flagged_before_saving() {
    let mut harness = app();
    assert_eq!(harness.query_all_by_label("Name").count(), 2);
    type_deployment_name(&mut harness, "GPT-4o");
    assert_eq!(harness.state().scenario().deployments[0].name, "GPT-4o");
    harness.get_by_label_contains("Fix before saving: deployments[0].name");
}

#[test]
fn hybrid_routing_adds_a_third_option() {
    let mut harness = app();
    harness.get_by_label("Hybrid routing").click_accesskit();
    settle(&mut harness);
    harness
        .get_by_label("Route a share of traffic to the deployment")
        .click_accesskit();
    settle(&mut harness);
    harness
        .get_by_role_and_label(Role::Slider, "Self-hosted share")
        .set_value_accesskit(0.25);
    settle(&mut harness);

    let report = evaluate(harness.state().scenario());
    let hybrid = report.options.last().expect("hybrid row");
    assert_eq!(
        hybrid.name,
        "Hybrid: 25% Llama 3.1 70B on a dedicated A100 + GPT-4o"
    );
    // 25M tokens on the $550 server and 75M on GPT-4o at $3.50/M: $812.50.
    assert_eq!(hybrid.monthly_cost_usd, Some(812.5));
    assert_eq!(
        harness.query_all_by_label("$812.50").count(),
        2,
        "in the table and the layer bars"
    );
}

#[test]
fn removing_the_first_api_leaves_the_second_unmarked() {
    let mut harness = app_on("chat-10k-requests-a10g", egui::vec2(1280.0, 800.0));
    // Open the second API's fields too, so its rows (and any marks) are on screen.
    harness
        .get_by_role_and_label(Role::DisclosureTriangle, "GPT-4o")
        .click_accesskit();
    settle(&mut harness);
    assert_eq!(harness.query_all_by_label("• reset").count(), 0);
    harness
        .get_all_by_label("Remove this API")
        .next()
        .expect("the first API's button")
        .click_accesskit();
    settle(&mut harness);
    let names: Vec<&str> = harness
        .state()
        .scenario()
        .apis
        .iter()
        .map(|api| api.name.as_str())
        .collect();
    assert_eq!(names, ["GPT-4o"]);
    // GPT-4o is compared with GPT-4o as loaded, not with the removed GPT-4o mini.
    assert_eq!(harness.query_all_by_label("• reset").count(), 0);
}

#[test]
fn renaming_a_deployment_keeps_the_hybrid_that_routes_to_it() {
    let mut harness = app();
    harness.get_by_label("Hybrid routing").click_accesskit();
    settle(&mut harness);
    harness
        .get_by_label("Route a share of traffic to the deployment")
        .click_accesskit();
    settle(&mut harness);
    type_deployment_name(&mut harness, "Our server");
    let scenario = harness.state().scenario();
    assert_eq!(scenario.deployments[0].name, "Our server");
    assert!(scenario.hybrid.is_some(), "the hybrid stays");
    let report = evaluate(scenario);
    assert_eq!(
        report.options.last().map(|o| o.name.as_str()),
        Some("Hybrid: 50% Our server + GPT-4o")
    );
}

#[test]
fn switching_to_requests_per_day_changes_no_cost_or_crossover() {
    for preset in llm_cost_explorer::scenario::presets::PRESETS {
        let mut harness = app_on(preset.name, egui::vec2(1280.0, 800.0));
        let before = evaluate(harness.state().scenario());
        let (other, back) = if harness
            .state()
            .scenario()
            .workload
            .tokens_per_request()
            .is_some()
        {
            ("Tokens per month", "Requests per day")
        } else {
            ("Requests per day", "Tokens per month")
        };
        for mode in [other, back] {
            harness.get_by_label(mode).click();
            settle(&mut harness);
            let after = evaluate(harness.state().scenario());
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(1.0);
            for (was, is) in before.options.iter().zip(&after.options) {
                let (was, is) = (was.monthly_cost_usd, is.monthly_cost_usd);
                assert!(
                    close(was.unwrap_or(0.0), is.unwrap_or(0.0)),
                    "{}: {mode}: {was:?} became {is:?}",
                    preset.name
                );
            }
            assert_eq!(
                before.crossovers.len(),
                after.crossovers.len(),
                "{}",
                preset.name
            );
            for (was, is) in before.crossovers.iter().zip(&after.crossovers) {
                assert!(
                    close(was.volume_tokens_per_month, is.volume_tokens_per_month),
                    "{}: {mode}: crossover {} became {}",
                    preset.name,
                    was.volume_tokens_per_month,
                    is.volume_tokens_per_month
                );
            }
            // The headline reads the same, to the digit.
            assert_eq!(
                verdict::headline(&before),
                verdict::headline(&after),
                "{}",
                preset.name
            );
        }
    }
}

#[test]
fn names_follow_the_hardware_unless_typed() {
    let mut harness = app_on("70b-full-stack-2xa100", egui::vec2(1280.0, 800.0));
    common::scroll_into_view(&mut harness, "Hardware");
    harness.get_by_label("Hardware").click();
    settle(&mut harness);
    harness.get_by_label("H100 80GB").click();
    settle(&mut harness);
    let scenario = harness.state().scenario();
    assert_eq!(scenario.deployments[0].name, "Llama 3.1 70B on H100");
    assert_eq!(scenario.title, "Full-stack 70B on H100 vs GPT-4o");
    harness.get_by_label("Full-stack 70B on H100 vs GPT-4o");

    // A name the user typed stays what they typed.
    type_deployment_name(&mut harness, "Our cluster");
    common::scroll_into_view(&mut harness, "Hardware");
    harness.get_by_label("Hardware").click();
    settle(&mut harness);
    harness.get_by_label("A100 80GB").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().deployments[0].name,
        "Our cluster"
    );
}

#[test]
fn presentation_keeps_the_volume_at_hand_and_leaving_restores_the_panels() {
    let mut harness = app();
    assert!(harness.state().controls_open());
    harness.get_by_label("Presentation").click();
    settle(&mut harness);
    assert!(!harness.state().controls_open(), "controls tucked away");
    // The volume slider stays on screen above the chart.
    harness
        .get_by_role_and_label(Role::Slider, "Monthly volume")
        .set_value_accesskit(200e6);
    settle(&mut harness);
    assert!((harness.state().scenario().tokens_per_month() - 200e6).abs() < 1.0);
    harness.get_by_label(&expected_headline(&harness));
    harness.get_by_label("Presentation").click();
    settle(&mut harness);
    assert!(harness.state().controls_open(), "the panels as they were");
}

#[test]
fn at_1024x640_every_column_the_verdict_and_the_controls_are_there() {
    let harness = app_on("chat-10k-requests-a10g", egui::vec2(1024.0, 640.0));
    harness.get_by_label(&expected_headline(&harness));
    // The table scrolls sideways rather than drop a column.
    for header in [
        "Option",
        "$/month",
        "$/year",
        "$/1M tokens",
        "$/request",
        "Nodes",
        "Busy",
        "vs cheapest API",
        "Payback",
    ] {
        harness.get_by_label(header);
    }
    harness.get_by_role_and_label(Role::Slider, "Monthly volume");
    harness.get_by_label("Cost by layer at this volume");
}
