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
