//! The price picker as a user drives it: open it from an API, search "sonnet", pick a
//! model, and the API's prices, the verdict and the chart follow.

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::prepare;
use llm_cost_explorer::figure::{Figure, default_bounds};

mod common;
use common::{app_on, expected_headline, settle};

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
