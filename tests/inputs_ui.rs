//! The inputs users know least, as they set them: the price picker (open it from an API,
//! search "sonnet", pick a model; the prices, the verdict and the chart follow) and the
//! estimate from the hardware and the model.

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::prepare;
use llm_cost_explorer::figure::{Figure, default_bounds};

mod common;
use common::{app_on, expected_headline, scroll_into_view, settle};

#[test]
fn searching_the_picker_and_picking_a_model_sets_the_apis_prices() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", egui::vec2(1280.0, 800.0));
    let before = prepare(harness.state().scenario());
    harness.get_by_label("Prices from the catalogue…").click();
    settle(&mut harness);
    harness.get_by_label("Search").focus();
    harness.run_steps(1);
    harness.get_by_label("Search").type_text("sonnet");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    // The built-in list always has it, whatever the user imported.
    harness.get_by_label("Claude Sonnet 4.5").click();
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    let api = &scenario.apis[0];
    assert_eq!(api.name, "GPT-4o", "the option keeps its name");
    assert_eq!(
        (api.usd_per_million_input, api.usd_per_million_output),
        (3.0, 15.0)
    );
    assert!(
        scenario
            .sources
            .iter()
            .any(|source| source.figure == "GPT-4o prices"
                && source.source.contains("Claude Sonnet 4.5")),
        "the scenario says where the prices came from"
    );
    // The picker closed; the verdict and the chart are the new prices'.
    assert!(harness.query_by_label("Search").is_none());
    harness.get_by_label(&expected_headline(&harness));
    let after = prepare(&scenario);
    let curve = |model: &llm_cost_explorer::engine::Model| {
        Figure::new(model, default_bounds(model)).curves[0]
            .points
            .clone()
    };
    assert_ne!(curve(&before), curve(&after), "the API's curve moved");
    // Undo puts the old prices back.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().apis[0].usd_per_million_input,
        2.5
    );
}

#[test]
fn the_estimate_says_a_model_does_not_fit_and_sets_prefill_and_decode_rates() {
    let mut harness = app_on("70b-full-stack-2xa100", egui::vec2(1280.0, 800.0));
    scroll_into_view(&mut harness, "Estimate from the hardware and model");
    harness
        .get_by_label("Estimate from the hardware and model")
        .click();
    settle(&mut harness);
    // Llama 3.1 70B FP16 with 16 requests of 8k: 140 + 42.9 + 14 GB on 160 GB.
    assert!(
        harness
            .query_all_by_label_contains("= 197 GB of 160 GB: does not fit")
            .next()
            .is_some(),
        "the memory line"
    );
    assert!(
        harness
            .query_all_by_label_contains("smallest listed node that fits is 8x H100 80GB")
            .next()
            .is_some()
    );
    scroll_into_view(&mut harness, "Use the estimate");
    harness.get_by_label("Use the estimate").click();
    settle(&mut harness);
    let phases = harness.state().scenario().deployments[0]
        .phases
        .clone()
        .expect("prefill and decode rates set");
    assert!(phases.prefill_tokens_per_second > phases.decode_tokens_per_second);
    // The controls now show the two rates, and the costs use them.
    assert!(harness.query_by_label("Prefill").is_some());
    harness.get_by_label(&expected_headline(&harness));
}

#[test]
fn your_own_node_is_named_and_estimated_from_the_figures_typed() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", egui::vec2(1280.0, 800.0));
    scroll_into_view(&mut harness, "Hardware");
    harness.get_by_label("Hardware").click();
    settle(&mut harness);
    // At the foot of the list, below the listed nodes.
    harness.get_by_label("Your own node…").scroll_to_me();
    settle(&mut harness);
    harness.get_by_label("Your own node…").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().deployments[0].hardware.name,
        "My node"
    );
    assert!(harness.query_by_label("Node name").is_some());
    scroll_into_view(&mut harness, "Estimate from the hardware and model");
    harness
        .get_by_label("Estimate from the hardware and model")
        .click();
    settle(&mut harness);
    harness.get_by_label("This node is not listed: give its memory bandwidth and compute.");
    assert!(
        harness
            .query_all_by_label_contains("Estimate at")
            .next()
            .is_none(),
        "no estimate without a bandwidth"
    );
    // The bandwidth typed (as the field would set it) gives the estimate: 10 requests of
    // 8k fit in 16 GB beside 4 GB of weights.
    harness.state_mut().scenario_mut().deployments[0]
        .hardware
        .memory_bandwidth_gb_s = Some(500.0);
    settle(&mut harness);
    assert!(
        harness
            .query_all_by_label_contains("Estimate at 10 requests")
            .next()
            .is_some()
    );
}
