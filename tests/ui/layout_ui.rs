//! The chart is the hero of the window: its plot's rectangle against the window's, at the
//! sizes a laptop, a projector and a large screen give, with the controls shown and hidden
//! and in presentation mode.

use eframe::egui;
use egui_kittest::kittest::Queryable as _;
use llm_cost_explorer::theme::Look;

use crate::common::{app_on, settle};

/// The plot's width and height as shares of the window's, and its height in points.
fn plot_of(
    preset: &'static str,
    size: egui::Vec2,
    presentation: bool,
    controls: Option<bool>,
) -> (f32, f32, f32) {
    let mut harness = app_on(preset, size);
    if presentation {
        harness.state_mut().set_look(Look {
            presentation: true,
            ..Look::default()
        });
    }
    if let Some(shown) = controls {
        harness.state_mut().show_controls(shown);
    }
    settle(&mut harness);
    let frame = harness
        .state()
        .last_plot_frame()
        .expect("the chart was drawn");
    (
        frame.width() / size.x,
        frame.height() / size.y,
        frame.height(),
    )
}

#[test]
fn at_1280x800_the_plot_takes_half_the_height_and_more_than_half_the_width() {
    for preset in ["70b-full-stack-2xa100", "chat-10k-requests-a10g"] {
        let (across, down, _) = plot_of(preset, egui::vec2(1280.0, 800.0), false, None);
        assert!(
            across >= 0.55 && down >= 0.5,
            "{preset}: {across:.2} × {down:.2}"
        );
    }
}

#[test]
fn at_1024x640_the_controls_start_hidden_and_the_plot_is_300_points_high() {
    let size = egui::vec2(1024.0, 640.0);
    let harness = app_on("chat-10k-requests-a10g", size);
    assert!(
        !harness.state().controls_open(),
        "hidden below 1,100 points wide"
    );
    for preset in ["70b-full-stack-2xa100", "chat-10k-requests-a10g"] {
        let (_, _, height) = plot_of(preset, size, false, None);
        assert!(height >= 300.0, "{preset}: {height}");
        // Shown on request, the plot keeps its height.
        let (_, _, height) = plot_of(preset, size, false, Some(true));
        assert!(height >= 300.0, "{preset} with the controls: {height}");
    }
}

#[test]
fn in_presentation_the_plot_takes_60_percent_of_the_height() {
    for size in [egui::vec2(1024.0, 640.0), egui::vec2(1920.0, 1080.0)] {
        for preset in ["70b-full-stack-2xa100", "gpt4o-vs-dedicated-server"] {
            let (_, down, _) = plot_of(preset, size, true, None);
            assert!(down >= 0.6, "{preset} at {size:?}: {down:.2}");
        }
    }
}

/// In presentation mode the table under the chart keeps the two numbers a room reads: the
/// cost a month and the difference from the cheapest API; the rest stays on the screen
/// for one person.
#[test]
fn in_presentation_the_table_shows_the_two_numbers_that_matter() {
    let size = egui::vec2(1920.0, 1080.0);
    let mut harness = app_on("70b-full-stack-2xa100", size);
    settle(&mut harness);
    assert!(
        harness.query_by_label("Payback").is_some(),
        "the full table"
    );
    harness.state_mut().set_look(Look {
        presentation: true,
        ..Look::default()
    });
    settle(&mut harness);
    harness.get_by_label("vs cheapest API");
    // GPT-4o at 1B tokens and 3:1: 750M × $2.50 + 250M × $10.00 = $4,375; the server
    // costs $8,850 more (as the verdict says).
    assert!(
        harness.query_all_by_label("$4,375").count() >= 1,
        "GPT-4o a month"
    );
    harness.get_by_label("costs $8,850/mo more");
    for gone in ["Payback", "$/year", "Nodes", "Busy"] {
        assert!(
            harness.query_by_label(gone).is_none(),
            "{gone} is left out in presentation"
        );
    }
}
