//! Files, presets, undo and export in the app, driven through its accessibility tree as a
//! user would: a preset switched, a file dropped or refused, an edit undone, a PNG saved.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::app::CostExplorerApp;

use crate::common;
use common::{app, expected_headline, settle};

#[test]
fn switching_preset_replaces_the_scenario() {
    let mut harness = app();
    harness.get_by_label("Start from").click();
    settle(&mut harness);
    harness.get_by_label("sonnet-vs-rtx4090").click();
    settle(&mut harness);

    assert_eq!(
        harness.state().scenario().title,
        "Claude Sonnet 4.5 vs a bought RTX 4090"
    );
    // The 70B model does not fit a 24 GB card: cheaper or not, it is not recommended; the
    // verdict, the warning and the table row say it cannot run.
    let headline = expected_headline(&harness);
    assert!(
        headline.starts_with(
            "At 10.0M tokens/month only the API (Claude Sonnet 4.5, $70.00/month) can run"
        ),
        "{headline}"
    );
    harness.get_by_label(&headline);
    harness.get_by_label_contains("does not fit in memory");
    harness.get_by_label("cannot run as configured");
}

#[test]
fn edits_ask_before_a_preset_replaces_them() {
    let mut harness = app();
    harness
        .get_by_role_and_label(Role::Slider, "Monthly volume")
        .set_value_accesskit(300e6);
    settle(&mut harness);
    harness.get_by_label("Start from").click();
    settle(&mut harness);
    harness.get_by_label("sonnet-vs-rtx4090").click();
    settle(&mut harness);
    harness.get_by_label("Unsaved changes");
    assert_eq!(
        harness.state().scenario().title,
        "GPT-4o vs a dedicated A100 server"
    );
    harness.get_by_label("Discard changes").click();
    settle(&mut harness);
    assert_eq!(
        harness.state().scenario().title,
        "Claude Sonnet 4.5 vs a bought RTX 4090"
    );
}

#[test]
fn discarding_on_quit_keeps_nothing_that_was_discarded() {
    let mut harness = app();
    let original = harness.state().scenario().clone();
    harness
        .get_by_role_and_label(Role::Slider, "Monthly volume")
        .set_value_accesskit(5e9);
    settle(&mut harness);
    harness.get_by_label("File").click();
    settle(&mut harness);
    harness.get_by_label("Quit").click();
    settle(&mut harness);
    harness.get_by_label("Discard changes").click();
    settle(&mut harness);
    // What is persisted at exit is the scenario as loaded, not the discarded edit.
    assert_eq!(harness.state().scenario(), &original);
    assert!(!harness.state().document().is_dirty());
}

#[derive(Debug)]
struct DroppedPath(PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(harness: &mut Harness<'_, CostExplorerApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path)));
    settle(harness);
}

#[test]
fn a_malformed_file_is_reported_and_the_scenario_kept() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("broken.ron");
    std::fs::write(
        &path,
        "(\n  title: \"Broken\",\n  hours_per_month: seven,\n)\n",
    )
    .expect("write");
    let mut harness = app();
    drop_file(&mut harness, path.clone());

    let message = harness.state().notices().join("\n");
    assert!(message.contains("broken.ron:3:"), "{message}");
    harness.get_by_label_contains("broken.ron:3:");
    assert_eq!(
        harness.state().scenario().title,
        "GPT-4o vs a dedicated A100 server"
    );
    // The file itself is untouched.
    assert!(
        std::fs::read_to_string(&path)
            .expect("read")
            .contains("seven")
    );

    harness.get_by_label("Dismiss").click();
    settle(&mut harness);
    assert!(harness.state().notices().is_empty());
}

#[test]
fn a_dropped_scenario_opens_and_names_the_window() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("plan.ron");
    let scenario =
        llm_cost_explorer::scenario::presets::load("chat-10k-requests-a10g").expect("preset");
    llm_cost_explorer::scenario::file::save(&scenario, &path).expect("save");
    let mut harness = app();
    drop_file(&mut harness, path);
    assert_eq!(harness.state().scenario(), &scenario);
    assert_eq!(
        harness.state().document().window_title(),
        "plan.ron — LLM Cost Explorer"
    );
    harness.get_by_label(&expected_headline(&harness));
}

#[test]
fn undo_and_redo_a_slider_edit() {
    let mut harness = app();
    let original = harness.state().scenario().clone();
    harness
        .get_by_role_and_label(Role::Slider, "Monthly volume")
        .set_value_accesskit(2e9);
    settle(&mut harness);
    let edited = harness.state().scenario().clone();
    assert_ne!(edited, original);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().scenario(), &original);
    harness.get_by_label(&expected_headline(&harness));

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut harness);
    assert_eq!(harness.state().scenario(), &edited);
}

#[test]
fn undo_from_the_edit_menu_keeps_redo() {
    let mut harness = app();
    let original = harness.state().scenario().clone();
    harness
        .get_by_role_and_label(Role::Slider, "Utilization")
        .set_value_accesskit(0.3);
    settle(&mut harness);
    let edited = harness.state().scenario().clone();

    harness.get_by_label("Edit").click();
    settle(&mut harness);
    // Menu entries carry their shortcut in the label ("Undo Ctrl+Z").
    harness.get_by_label_contains("Undo").click();
    settle(&mut harness);
    assert_eq!(harness.state().scenario(), &original);

    harness.get_by_label("Edit").click();
    settle(&mut harness);
    harness.get_by_label_contains("Redo").click();
    settle(&mut harness);
    assert_eq!(harness.state().scenario(), &edited);
}

#[test]
fn the_app_exports_a_png_of_its_chart() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("chart.png");
    let mut harness = app_drawing_on_its_device();
    let ctx = harness.ctx.clone();
    harness.state_mut().export_png_to(&ctx, path.clone());
    let message = finish_exports(&mut harness);
    assert!(message.contains("Exported"), "{message}");
    let image = image::open(&path).expect("a PNG was written").to_rgba8();
    // Twice the screen's pixels per point.
    assert!(
        image.width() > 1200 && image.height() > 700,
        "{}x{}",
        image.width(),
        image.height()
    );
    // The API's whole curve is drawn, not a stub at the edge: a line across the chart is
    // thousands of pixels of its colour (a view that lagged a pass once drew only a few).
    let api_blue = |p: &image::Rgba<u8>| p.0[..3] == [37, 99, 235] || p.0[..3] == [96, 165, 250];
    let drawn = image.pixels().filter(|p| api_blue(p)).count();
    assert!(drawn > 3_000, "{drawn} pixels of the API curve's colour");
}

/// The app on the GPU, settled: exports draw on the window's own device, as in the app.
fn app_drawing_on_its_device() -> Harness<'static, CostExplorerApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .wgpu()
        .build_eframe(|cc| CostExplorerApp::fresh().with_window_device(cc));
    settle(&mut harness);
    harness
}

/// Waits for the app's background exports, then returns its messages.
fn finish_exports(harness: &mut Harness<'_, CostExplorerApp>) -> String {
    for _ in 0..600 {
        if !harness.state().exports_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    settle(harness);
    harness.state().notices().join("\n")
}

#[test]
fn the_export_dialog_sets_the_slide_size_theme_and_format() {
    let folder = tempfile::tempdir().expect("temp dir");
    let mut harness = app_drawing_on_its_device();
    harness.get_by_label("Export…").click();
    settle(&mut harness);
    harness.get_by_label("Size").click();
    settle(&mut harness);
    harness.get_by_label("16:9 (1920 × 1080)").click();
    settle(&mut harness);
    let ctx = harness.ctx.clone();
    let png = folder.path().join("slide.png");
    harness.state_mut().export_png_to(&ctx, png.clone());
    let message = finish_exports(&mut harness);
    assert!(message.contains("Exported"), "{message}");
    let image = image::open(&png).expect("a PNG").to_rgba8();
    assert_eq!((image.width(), image.height()), (1920, 1080));
    // Light by default, whatever the app shows: the corner is the slide's white.
    assert_eq!(image.get_pixel(2, 2).0[..3], [255, 255, 255]);

    harness.get_by_label("PDF report").click();
    settle(&mut harness);
    let pdf = folder.path().join("report.pdf");
    harness.state_mut().export_pdf_to(&ctx, pdf.clone());
    let message = finish_exports(&mut harness);
    assert!(message.contains("Exported"), "{message}");
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
}

/// Every section of the controls opened, so every field's widget is drawn.
fn open_every_section(harness: &mut Harness<'_, CostExplorerApp>) {
    use egui_kittest::kittest::NodeT as _;
    for _ in 0..40 {
        let closed = harness
            .query_all_by_role(Role::DisclosureTriangle)
            .find(|node| node.accesskit_node().data().is_expanded() == Some(false));
        let Some(closed) = closed else {
            return;
        };
        closed.scroll_to_me();
        harness.run_steps(1);
        harness
            .query_all_by_role(Role::DisclosureTriangle)
            .find(|node| node.accesskit_node().data().is_expanded() == Some(false))
            .expect("still closed")
            .click();
        harness.run_steps(2);
    }
}

/// A scenario whose every bounded field sits at one end of its plausible range.
fn at_the_limits(highest: bool) -> llm_cost_explorer::scenario::Scenario {
    use llm_cost_explorer::scenario::validate::limits;
    use llm_cost_explorer::scenario::{Compute, Electricity, Volume};
    let end = |(low, high): (f64, f64)| if highest { high } else { low };
    let mut scenario =
        llm_cost_explorer::scenario::presets::load("70b-full-stack-2xa100").expect("preset");
    scenario.hours_per_month = end(limits::HOURS_PER_MONTH);
    scenario.days_per_month = end(limits::DAYS_PER_MONTH);
    scenario.accounting.horizon_months = end(limits::HORIZON_MONTHS);
    scenario.workload.volume = Volume::Tokens {
        // The slowest node at the lowest utilization serves a few tokens a month.
        tokens_per_month: if highest { 1e9 } else { 0.0 },
        input_share: if highest { 1.0 } else { 0.0 },
    };
    scenario.workload.ranges.clear();
    scenario.workload.cached_input_share = if highest { 1.0 } else { 0.0 };
    scenario.workload.batch_share = if highest { 1.0 } else { 0.0 };
    scenario.workload.active_hours_per_day = end(limits::ACTIVE_HOURS_PER_DAY);
    scenario.workload.peak_to_average = end(limits::PEAK_TO_AVERAGE);
    for api in &mut scenario.apis {
        api.ranges.clear();
        api.usd_per_million_input = end((limits::SMALLEST_POSITIVE, 10_000.0));
        api.usd_per_million_output = end((limits::SMALLEST_POSITIVE, 10_000.0));
        api.usd_per_million_cached_input = None;
        api.batch_discount = if highest { 1.0 } else { 0.0 };
    }
    for deployment in &mut scenario.deployments {
        deployment.ranges.clear();
        deployment.phases = None;
        deployment.throughput_tokens_per_second = end(limits::THROUGHPUT);
        deployment.utilization = end(limits::UTILIZATION);
        deployment.spare_nodes = if highest { limits::SPARE_NODES } else { 0 };
        deployment.max_nodes = Some(if highest { limits::NODE_LIMIT.1 } else { 1 });
        deployment.hardware.gpus = if highest { limits::GPUS_PER_NODE.1 } else { 1 };
        deployment.hardware.memory_gb = end(limits::MEMORY_GB);
        deployment.model.params_billion = end(limits::PARAMS_BILLION);
        deployment.model.kv_cache_gb = end(limits::KV_CACHE_GB);
        deployment.engineering_fte = end(limits::FTE);
        deployment.engineer_usd_per_year = end(limits::ENGINEER_USD_PER_YEAR);
        deployment.infrastructure_usd_per_month = end(limits::INFRASTRUCTURE_USD_PER_MONTH);
        deployment.compute = Compute::Bought {
            price_usd: end(limits::PRICE_USD),
            amortization_months: end(limits::AMORTIZATION_MONTHS),
            resale_usd: 0.0,
        };
        deployment.electricity = Electricity::Metered {
            usd_per_kwh: end(limits::USD_PER_KWH),
            pue: end(limits::PUE),
        };
    }
    scenario
}

#[test]
fn opening_a_file_at_the_limits_changes_nothing() {
    let folder = tempfile::tempdir().expect("temp dir");
    for highest in [false, true] {
        let scenario = at_the_limits(highest);
        let path = folder.path().join(format!("limits-{highest}.ron"));
        // Saving validates: every value here is one a file may hold.
        llm_cost_explorer::scenario::file::save(&scenario, &path).expect("a valid scenario");
        let loaded = llm_cost_explorer::scenario::file::load(&path).expect("loads");
        let mut harness = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_max_steps(12)
            .build_eframe(|_| CostExplorerApp::on_file(&path).expect("opens"));
        settle(&mut harness);
        open_every_section(&mut harness);
        settle(&mut harness);
        assert_eq!(
            harness.state().scenario(),
            &loaded,
            "a widget changed a value (highest: {highest})"
        );
        assert!(!harness.state().document().is_dirty(), "highest: {highest}");
    }
}

/// The Help menu: F1 lists the shortcuts, Esc closes the list; the start screen offers
/// every preset with its line and loads the one picked.
#[test]
fn help_lists_the_shortcuts_and_the_start_screen_loads_a_preset() {
    let mut harness = common::app_on("gpt4o-vs-dedicated-server", egui::vec2(1280.0, 800.0));
    harness.key_press(Key::F1);
    harness.run_steps(3);
    harness.get_by_label("Keyboard shortcuts");
    harness.get_by_label("Export the chart as PNG");
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(
        harness.query_by_label("Export the chart as PNG").is_none(),
        "closed"
    );

    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("How the costs are worked out").click();
    harness.run_steps(3);
    // The model document, in the app.
    harness.get_by_label("Fit in memory");
    harness.key_press(Key::Escape);
    harness.run_steps(2);

    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("Start screen…").click();
    harness.run_steps(3);
    for preset in llm_cost_explorer::scenario::presets::PRESETS {
        assert!(
            harness.query_by_label(preset.name).is_some(),
            "{}",
            preset.name
        );
    }
    harness.get_by_label("agent-fleet-mac-studio").click();
    harness.run_steps(3);
    assert_eq!(
        harness.state().document().display_name(),
        "preset agent-fleet-mac-studio"
    );
}

/// In presentation mode (always light) the View menu shows the light theme as the one in
/// use, whatever was chosen for after.
#[test]
fn the_view_menu_shows_the_theme_in_use() {
    let mut harness = common::app_on("gpt4o-vs-dedicated-server", egui::vec2(1280.0, 800.0));
    harness.get_by_label("Presentation").click();
    harness.run_steps(3);
    harness.get_by_label("View").click();
    harness.run_steps(3);
    harness.get_by_label("Light (presentation)");
}
