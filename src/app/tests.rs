//! The app state without a window: loading, looks, presentation mode and notices.

use super::*;
use theme::ThemeMode;

#[test]
fn the_session_survives_a_restart() {
    let mut persisted = Persisted::default();
    persisted.document.scenario.hours_per_month = 720.0;
    persisted.look = Look {
        mode: ThemeMode::Light,
        presentation: true,
    };
    persisted.controls_open = false;
    persisted.recent_files = vec![PathBuf::from("/tmp/plan.ron")];
    // eframe stores app state as RON.
    let text = ron::to_string(&persisted).expect("serializes");
    let restored: Persisted = ron::from_str(&text).expect("restores");
    assert_eq!(restored, persisted);
    assert!(restored.document.is_dirty(), "unsaved edits stay marked");
}

#[test]
fn state_from_an_older_version_falls_back_field_by_field() {
    let restored: Persisted = ron::from_str("(controls_open: false)").expect("restores");
    assert!(!restored.controls_open);
    assert_eq!(restored.document, Document::default());
}

#[test]
fn no_export_replaces_the_open_scenario() {
    use dialogs::Purpose;
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("plan-breakdown.csv");
    crate::scenario::file::save(&crate::scenario::Scenario::default(), &path).expect("saved");
    let before = std::fs::read(&path).expect("read");
    let mut app = CostExplorerApp::on_file(&path).expect("opens");
    let ctx = egui::Context::default();
    // The file itself as a PNG, and as the breakdown written beside a CSV.
    app.chosen_path(&ctx, Purpose::ExportPng, path.clone());
    app.chosen_path(&ctx, Purpose::ExportCsv, folder.path().join("plan.csv"));
    assert!(!app.exports_running(), "nothing was started");
    let notices = app.notices();
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(
        notices
            .iter()
            .all(|notice| notice.contains("is the open scenario's file")),
        "{notices:?}"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

/// A frame in which nothing changed prepares nothing: the model, what is derived from it
/// and the comparison with a pinned scenario are the last frame's (the same generation).
/// An edit (the lens toggle's, applied at the start of a frame) is prepared, and Undo
/// takes it back.
#[test]
fn an_idle_frame_prepares_nothing_and_an_edit_stays_undoable() {
    let ctx = egui::Context::default();
    let mut app = CostExplorerApp::on_preset("70b-full-stack-2xa100").expect("preset");
    app.set_pinned(true);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    };
    let mut frame = eframe::Frame::_new_kittest();
    let mut run = |app: &mut CostExplorerApp| {
        // No renderer takes the font atlas here.
        ctx.run_ui(input(), |ui| eframe::App::ui(app, ui, &mut frame))
            .textures_delta
            .clear();
    };
    run(&mut app);
    run(&mut app);
    let seen = (
        app.model.generation(),
        app.derived.generation,
        app.pinned.as_ref().map(Model::generation),
    );
    run(&mut app);
    run(&mut app);
    let again = (
        app.model.generation(),
        app.derived.generation,
        app.pinned.as_ref().map(Model::generation),
    );
    assert_eq!(seen, again, "nothing was prepared again");

    let before = app.scenario().clone();
    app.pending_edits
        .push(Edit::Lens(crate::scenario::Lens::Marginal));
    run(&mut app);
    assert_eq!(
        app.scenario().accounting.lens,
        crate::scenario::Lens::Marginal
    );
    assert_ne!(app.model.generation(), seen.0, "the edit was prepared");
    run(&mut app);
    app.undo();
    assert_eq!(*app.scenario(), before, "the edit is undone");
}

#[test]
fn a_usage_export_fills_the_scenario_as_one_edit_and_its_report_stays_to_be_read() {
    use dialogs::Purpose;
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/engine/tests/fixtures/usage");
    let mut app = CostExplorerApp::on_preset("gpt4o-vs-dedicated-server").expect("preset");
    let ctx = egui::Context::default();
    app.chosen_path(
        &ctx,
        Purpose::ImportUsage,
        fixtures.join("openai-completions.json"),
    );
    assert_eq!(app.pending_edits.len(), 1, "one edit, undone as one");
    let mut scenario = app.scenario().clone();
    app.pending_edits.remove(0).apply(&mut scenario);
    assert_eq!(scenario.timeline.volumes, vec![240e6, 540e6]);
    let notice = app.notices.last().expect("a report");
    assert!(notice.stays && !notice.is_error, "stays until dismissed");
    assert!(
        notice.text.contains("from the export's counts:"),
        "{}",
        notice.text
    );
    // A file that is not an export changes nothing and says where it is wrong.
    let folder = tempfile::tempdir().expect("temp dir");
    let broken = folder.path().join("usage.json");
    std::fs::write(&broken, "{\"data\": [ }").expect("written");
    app.chosen_path(&ctx, Purpose::ImportUsage, broken);
    assert!(app.pending_edits.is_empty());
    let notice = app.notices.last().expect("an error");
    assert!(
        notice.is_error && notice.text.contains("line 1, column 12"),
        "{}",
        notice.text
    );
}
