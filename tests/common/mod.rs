//! What the UI and CLI tests share: the app opened in a test window, settled, and the
//! verdict the engine gives for its scenario; the real binary run with arguments. (Each
//! test file uses some of these.)
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

use eframe::egui::{self, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::app::CostExplorerApp;
use llm_cost_explorer::engine::{evaluate, verdict};

pub(crate) mod json;

pub(crate) fn app() -> Harness<'static, CostExplorerApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_| CostExplorerApp::fresh())
}

/// The app opened on `preset` in a window of `size` points, settled.
pub(crate) fn app_on(preset: &'static str, size: egui::Vec2) -> Harness<'static, CostExplorerApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |_| CostExplorerApp::on_preset(preset).expect("preset"));
    settle(&mut harness);
    harness
}

/// The verdict the engine gives for the app's current scenario.
pub(crate) fn expected_headline(harness: &Harness<'_, CostExplorerApp>) -> String {
    verdict::headline(&evaluate(harness.state().scenario()))
}

pub(crate) fn settle(harness: &mut Harness<'_, CostExplorerApp>) {
    harness.run_steps(3);
}

/// Replaces the first deployment's name by typing, as a user does (the first "Name" field
/// is the first API's, the second the deployment's).
pub(crate) fn type_deployment_name(harness: &mut Harness<'_, CostExplorerApp>, name: &str) {
    let names: Vec<_> = harness.query_all_by_label("Name").collect();
    assert!(names.len() >= 2, "an API and a deployment name field");
    names[1].focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_label("Name")
        .nth(1)
        .expect("deployment name")
        .type_text(name);
    settle(harness);
}

/// Scrolls the controls until the widget labelled `label` is inside the window, as a user
/// scrolls to a field below the fold (a click outside the window would land nowhere).
pub(crate) fn scroll_into_view(harness: &mut Harness<'_, CostExplorerApp>, label: &str) {
    let window = harness.ctx.content_rect();
    for _ in 0..30 {
        // Scrolling animates: wait for the widget to come to rest before judging.
        let mut rect = harness.get_by_label(label).rect();
        for _ in 0..60 {
            harness.step();
            let now = harness.get_by_label(label).rect();
            if now == rect {
                break;
            }
            rect = now;
        }
        // Below the menu bar and wholly above the window's bottom edge.
        if rect.top() >= window.top() + 24.0 && rect.bottom() <= window.bottom() - 4.0 {
            return;
        }
        harness.get_by_label(label).scroll_down();
    }
    panic!("{label} never scrolled into the window");
}

/// The real binary run with `args`.
pub(crate) fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What it printed on stderr.
pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A temporary path as an argument.
pub(crate) fn path_arg(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}
