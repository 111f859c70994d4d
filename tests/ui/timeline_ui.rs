//! The "Over time" tab and the pin, driven through the accessibility tree as a user
//! would: set a growth, read the break-even and the switch; pin, change the API, and read
//! the comparison.

use eframe::egui::{self, Key};
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::engine::compare::compare;
use llm_cost_explorer::engine::prepare;
use llm_cost_explorer::engine::timeline::words;
use llm_cost_explorer::figure::{TimelineMeasure, timeline_figure};

use crate::common;
use common::{app_on, settle};

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

#[test]
fn growth_typed_in_the_timeline_tab_marks_the_break_even_and_the_switch() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    harness.get_by_label("Over time").click();
    settle(&mut harness);
    // A focused drag value is a text field with its text selected: typing replaces it.
    harness.get_by_label("Growth").focus();
    harness.run_steps(1);
    harness.get_by_label("Growth").type_text("15");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    let scenario = harness.state().scenario().clone();
    assert!(
        (scenario.timeline.growth_per_month - 0.15).abs() < 1e-12,
        "{}",
        scenario.timeline.growth_per_month
    );
    let model = prepare(&scenario);
    // The sentence above the chart is the engine's, and the chart marks both months.
    let sentence = words::headline(model.timeline()).expect("a switch");
    assert!(sentence.contains("in month 5 saves $289,173"), "{sentence}");
    harness.get_by_label(&sentence);
    // The tab opens on the running total, where the break-even month is marked.
    let figure = timeline_figure(&model, TimelineMeasure::Cumulative, None);
    assert_eq!(figure.labels[0].text, "Breaks even in month 7");
    assert_eq!(
        figure.volume_marker.as_ref().map(|m| m.text.as_str()),
        Some("Switch: month 5")
    );
    harness.get_by_label("Each month").click();
    settle(&mut harness);
}

#[test]
fn pinning_keeps_the_scenario_and_the_readout_compares_after_an_edit() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    harness.get_by_label("Pin to compare").click();
    settle(&mut harness);
    assert!(harness.state().pinned().is_some());
    harness.get_by_label("Unpin");
    // Half the API's prices: the read-out says how much less than pinned.
    {
        let scenario = harness.state_mut().scenario_mut();
        scenario.apis[0].usd_per_million_input /= 2.0;
        scenario.apis[0].usd_per_million_output /= 2.0;
    }
    settle(&mut harness);
    let pinned = harness.state().pinned().expect("pinned").clone();
    let lines = compare(&prepare(harness.state().scenario()), &pinned).lines();
    assert!(
        lines[0].ends_with("$175.00/month less than pinned (−50%)."),
        "{lines:?}"
    );
    for line in &lines {
        harness.get_by_label(line);
    }
    harness.get_by_label("Unpin").click();
    settle(&mut harness);
    assert!(harness.state().pinned().is_none());
    assert!(harness.query_by_label(&lines[0]).is_none());
}

/// The monthly-volumes window: volumes applied there are an edit like any other (the
/// timeline follows, Undo takes them back), and opening the export window closes it, as
/// only one window is open at a time.
#[test]
fn monthly_volumes_applied_in_their_window_can_be_undone() {
    let mut harness = app_on("gpt4o-vs-dedicated-server", SIZE);
    harness.get_by_label("Over time").click();
    settle(&mut harness);
    harness.get_by_label("Monthly volumes…").click();
    settle(&mut harness);
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("50M\n60M\n70M");
    settle(&mut harness);
    harness.get_by_label("Apply").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().timeline.volumes,
        [50e6, 60e6, 70e6]
    );
    assert!(
        harness.query_by_label("Apply").is_none(),
        "the window closed"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert!(
        harness.state().scenario().timeline.volumes.is_empty(),
        "undone"
    );

    harness.get_by_label("Monthly volumes…").click();
    settle(&mut harness);
    assert!(harness.query_by_label("Apply").is_some());
    harness.get_by_label("Export…").click();
    settle(&mut harness);
    assert!(
        harness.query_by_label("Apply").is_none(),
        "one window at a time"
    );
    harness.get_by_label("PDF report");
}
