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
