//! The desktop app driven through its accessibility tree, as a user (or a screen
//! reader) would: sliders moved, pickers clicked, keys pressed. Each test checks that
//! what the screen says matches what the engine computes for the edited scenario.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui::{self, Key, Modifiers, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use llm_cost_explorer::app::CostExplorerApp;
use llm_cost_explorer::engine::{evaluate, verdict};

fn app() -> Harness<'static, CostExplorerApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .build_eframe(|_| CostExplorerApp::fresh())
}

/// The app opened on `preset` in a window of `size` points, settled.
fn app_on(preset: &'static str, size: egui::Vec2) -> Harness<'static, CostExplorerApp> {
    let mut harness = Harness::builder()
        .with_size(size)
        .with_max_steps(12)
        .build_eframe(move |_| CostExplorerApp::on_preset(preset).expect("preset"));
    settle(&mut harness);
    harness
}

/// The verdict the engine gives for the app's current scenario.
fn expected_headline(harness: &Harness<'_, CostExplorerApp>) -> String {
    verdict::headline(&evaluate(harness.state().scenario()))
}

fn settle(harness: &mut Harness<'_, CostExplorerApp>) {
    harness.run_steps(3);
}

/// Replaces the first deployment's name by typing, as a user does (the first "Name" field
/// is the first API's, the second the deployment's).
fn type_deployment_name(harness: &mut Harness<'_, CostExplorerApp>, name: &str) {
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
fn the_app_exports_a_png_of_its_chart() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("chart.png");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_max_steps(12)
        .wgpu()
        // Exports draw on the window's own device, as in the app.
        .build_eframe(|cc| CostExplorerApp::fresh().with_window_device(cc));
    settle(&mut harness);
    let ctx = harness.ctx.clone();
    harness.state_mut().export_png_to(&ctx, path.clone());
    for _ in 0..600 {
        if !harness.state().exports_running() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    settle(&mut harness);
    let message = harness.state().notices().join("\n");
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
