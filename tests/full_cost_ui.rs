//! The lens and the constraints, driven through the accessibility tree as a user would:
//! switch to marginal cost and back, and tick a constraint that changes the verdict.

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::scenario::Lens;

mod common;
use common::{app_on, expected_headline, scroll_into_view, settle};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn the_lens_toggle_counts_an_owned_card_at_its_running_cost_and_undo_puts_it_back() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", SIZE);
    let shown = |harness: &egui_kittest::Harness<'_, _>, text: &str| {
        harness.query_all_by_label(text).count() > 0
    };
    // Full cost: the $400 card written off over 36 months plus $5 of power.
    assert!(shown(&harness, "$16.11"));
    harness.get_by_label("Marginal").click();
    settle(&mut harness);
    assert_eq!(harness.state().scenario().accounting.lens, Lens::Marginal);
    // Marginal: the card is already bought; only its power counts.
    assert!(shown(&harness, "$5.00"));
    assert!(!shown(&harness, "$16.11"));
    harness.get_by_label(&expected_headline(&harness));
    harness.get_by_label("– (owned)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().scenario().accounting.lens, Lens::Full);
    assert!(shown(&harness, "$16.11"));
}

#[test]
fn a_constraint_changes_the_verdict_but_not_a_cost() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    let before = expected_headline(&harness);
    assert!(
        before.starts_with("At 100M tokens/month the API (GPT-4o)"),
        "{before}"
    );
    // The group is at the foot of the controls: scroll to it, open it, tick the box.
    scroll_into_view(&mut harness, "Costs counted and constraints");
    harness
        .get_by_label("Costs counted and constraints")
        .click();
    settle(&mut harness);
    scroll_into_view(&mut harness, "Data must stay in our environment");
    harness
        .get_by_label("Data must stay in our environment")
        .click();
    settle(&mut harness);
    assert!(harness.state().scenario().constraints.data_must_stay);
    let after = expected_headline(&harness);
    assert!(
        after.starts_with("Self-hosting is required: data must stay in your environment."),
        "{after}"
    );
    // The sentence on screen is the engine's; the API is marked, its cost unchanged.
    harness.get_by_label(&after);
    harness.get_by_label("ruled out");
    assert!(harness.query_all_by_label("$350.00").count() > 0);
}

#[test]
fn a_pinned_scenario_is_counted_with_the_lens_now_chosen() {
    let mut harness = app_on("gpt5-nano-vs-rtx4060ti", SIZE);
    harness.get_by_label("Pin to compare").click();
    settle(&mut harness);
    harness.get_by_label("Marginal").click();
    settle(&mut harness);
    let pinned = harness.state().pinned().expect("pinned");
    assert_eq!(pinned.scenario().accounting.lens, Lens::Marginal);
    // Both sides count the card at its power alone: the same scenario, no difference.
    let card = |report: &llm_cost_explorer::engine::Report| report.options[1].monthly_cost_usd;
    assert_eq!(card(pinned.report()), Some(5.0));
    assert_eq!(
        card(&llm_cost_explorer::engine::evaluate(
            harness.state().scenario()
        )),
        Some(5.0)
    );
}
