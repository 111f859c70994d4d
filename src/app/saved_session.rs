//! Checks the saved session before eframe reads it, so a damaged file never stops the
//! app from starting and is never lost.
//!
//! eframe keeps the session in one RON file (a map from keys to RON strings): egui's
//! memory, the window, and this app's state. eframe ignores a file it cannot parse and
//! starts with nothing, silently; egui trusts the zoom factor it finds, and a zoom of
//! 0, NaN or 1000 breaks every start. So before the window opens, the file is read
//! here: a file that does not parse is moved aside (kept for the user) and the app
//! starts clean with a one-line notice; an out-of-range zoom is reset to 100 %; app
//! state that no longer parses is dropped with a notice.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use eframe::egui;

/// The key eframe stores egui's memory under.
const EGUI_KEY: &str = "egui";
/// Zoom factors egui is given back unchanged; anything else becomes 1.0.
pub(super) const ZOOM_RANGE: (f32, f32) = (0.25, 5.0);

/// Where eframe keeps this app's session file.
pub(super) fn session_path(app_id: &str) -> Option<PathBuf> {
    eframe::storage_dir(app_id).map(|folder| folder.join("app.ron"))
}

/// Largest session file read: egui's memory and a scenario take a few hundred KB at most.
const MAX_SESSION_BYTES: u64 = crate::safe_io::MAX_SCENARIO_BYTES;

/// Moves the session file aside as `app.ron.damaged` (the file, or the link or pipe that
/// stood in its place, kept for the user) and says so, with `why`.
fn set_aside(path: &Path, why: &str) -> String {
    let aside = path.with_extension("ron.damaged");
    match std::fs::rename(path, &aside) {
        Ok(()) => format!(
            "The last session {why}, so the app starts clean; it is kept as {}.",
            aside.display()
        ),
        Err(_) => format!(
            "The last session {why}, so the app starts clean; it could not be moved aside \
             from {}.",
            path.display()
        ),
    }
}

/// Repairs the session file at `path` in place; returns a notice for the user when
/// something had to be dropped, or `None` when the file was fine or absent.
///
/// Before a byte is read, the path must be a regular file of at most
/// [`MAX_SESSION_BYTES`] (a named pipe would keep the app from ever opening its window;
/// a link to `/dev/zero` would fill the memory): anything else is moved aside, so eframe
/// never reads it either.
pub(super) fn repair(path: &Path) -> Option<String> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            // A link to nothing is still in the way of a new session file.
            return std::fs::symlink_metadata(path)
                .is_ok()
                .then(|| set_aside(path, "was a link to a file that does not exist"));
        }
        Err(_) => return Some(set_aside(path, "could not be read")),
    };
    if !metadata.is_file() {
        return Some(set_aside(path, "was not a regular file"));
    }
    let text = match crate::safe_io::read_text(path, MAX_SESSION_BYTES) {
        Ok(text) => text,
        Err(problem) => {
            return Some(set_aside(path, &format!("could not be read ({problem})")));
        }
    };
    let Ok(mut entries) = ron::from_str::<BTreeMap<String, String>>(&text) else {
        return Some(set_aside(path, "could not be read"));
    };
    let mut notices = Vec::new();
    let mut changed = false;
    if let Some(memory_text) = entries.get(EGUI_KEY) {
        match ron::from_str::<egui::Memory>(memory_text) {
            Ok(mut memory) => {
                let zoom = memory.options.zoom_factor;
                if !(zoom.is_finite() && (ZOOM_RANGE.0..=ZOOM_RANGE.1).contains(&zoom)) {
                    memory.options.zoom_factor = 1.0;
                    if let Ok(fixed) = ron::to_string(&memory) {
                        entries.insert(EGUI_KEY.to_owned(), fixed);
                    } else {
                        entries.remove(EGUI_KEY);
                    }
                    changed = true;
                    notices.push(format!("the saved zoom ({zoom}) was reset to 100%"));
                }
            }
            Err(_) => {
                entries.remove(EGUI_KEY);
                changed = true;
            }
        }
    }
    if let Some(app_text) = entries.get(eframe::APP_KEY) {
        match super::restore_state(app_text) {
            None => {
                entries.remove(eframe::APP_KEY);
                changed = true;
                notices.push(
                    "the saved scenario and settings could not be read and were dropped".into(),
                );
            }
            Some((persisted, Some(reset))) => {
                match ron::to_string(&persisted) {
                    Ok(fixed) => {
                        entries.insert(eframe::APP_KEY.to_owned(), fixed);
                    }
                    Err(_) => {
                        entries.remove(eframe::APP_KEY);
                    }
                }
                changed = true;
                notices.push(reset);
            }
            Some((_, None)) => {}
        }
    }
    // Written back so eframe reads the repaired session; where it cannot be (a read-only
    // folder), the app repairs the same state again as it restores it.
    if changed && let Ok(text) = ron::to_string(&entries) {
        crate::safe_io::write_atomically(path, text.as_bytes()).ok();
    }
    (!notices.is_empty()).then(|| format!("Last session: {}.", notices.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session_with_zoom(zoom: &str) -> String {
        let mut memory = egui::Memory::default();
        memory.options.zoom_factor = 1.0;
        let memory_text = ron::to_string(&memory)
            .expect("memory serializes")
            .replace("zoom_factor:1.0", &format!("zoom_factor:{zoom}"));
        let mut entries = BTreeMap::new();
        entries.insert(EGUI_KEY.to_owned(), memory_text);
        ron::to_string(&entries).expect("serializes")
    }

    fn zoom_after_repair(text: &str) -> (Option<String>, f32) {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        std::fs::write(&path, text).expect("write");
        let notice = repair(&path);
        let repaired = std::fs::read_to_string(&path).expect("still there");
        let entries: BTreeMap<String, String> = ron::from_str(&repaired).expect("map");
        let memory: egui::Memory = ron::from_str(&entries[EGUI_KEY]).expect("memory");
        (notice, memory.options.zoom_factor)
    }

    #[test]
    fn a_sane_zoom_is_left_alone() {
        let text = session_with_zoom("1.5");
        assert!(
            text.contains("zoom_factor:1.5"),
            "the test edits the real field"
        );
        assert_eq!(zoom_after_repair(&text), (None, 1.5));
    }

    #[test]
    fn zero_nan_and_huge_zooms_are_reset() {
        for zoom in ["0.0", "NaN", "1000.0", "-2.0", "inf"] {
            let (notice, repaired) = zoom_after_repair(&session_with_zoom(zoom));
            assert_eq!(repaired, 1.0, "{zoom}");
            assert!(notice.is_some_and(|n| n.contains("zoom")), "{zoom}");
        }
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_the_app_starts_clean() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        std::fs::write(&path, "{\"egui\": \"(unfinished").expect("write");
        let notice = repair(&path).expect("a notice");
        assert!(notice.contains("starts clean"), "{notice}");
        assert!(!path.exists());
        let aside = folder.path().join("app.ron.damaged");
        assert_eq!(
            std::fs::read_to_string(aside).expect("kept"),
            "{\"egui\": \"(unfinished"
        );
    }

    #[test]
    fn unreadable_app_state_is_dropped_with_a_notice() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        let mut entries = BTreeMap::new();
        entries.insert(eframe::APP_KEY.to_owned(), "(look: 42)".to_owned());
        std::fs::write(&path, ron::to_string(&entries).expect("ron")).expect("write");
        let notice = repair(&path).expect("a notice");
        assert!(notice.contains("dropped"), "{notice}");
        let repaired: BTreeMap<String, String> =
            ron::from_str(&std::fs::read_to_string(&path).expect("read")).expect("map");
        assert!(!repaired.contains_key(eframe::APP_KEY));
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_link_to_a_device_is_moved_aside_unread() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        std::os::unix::fs::symlink("/dev/zero", &path).expect("symlink");
        let notice = repair(&path).expect("a notice");
        assert!(notice.contains("not a regular file"), "{notice}");
        assert!(
            std::fs::symlink_metadata(&path).is_err(),
            "nothing left for eframe"
        );
        let aside = folder.path().join("app.ron.damaged");
        assert!(
            std::fs::symlink_metadata(&aside)
                .expect("kept")
                .file_type()
                .is_symlink()
        );
        // A named pipe: reading it would wait forever for a writer.
        let pipe = folder.path().join("pipe").join("app.ron");
        std::fs::create_dir(pipe.parent().expect("folder")).expect("folder");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let notice = repair(&pipe).expect("a notice");
        assert!(notice.contains("not a regular file"), "{notice}");
        assert!(std::fs::symlink_metadata(&pipe).is_err());
    }

    #[test]
    fn a_binary_session_is_kept_aside_with_a_notice() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        std::fs::write(&path, [0x28, 0xff, 0xfe, 0x00, 0x29]).expect("write");
        let notice = repair(&path).expect("a notice");
        assert!(notice.contains("starts clean"), "{notice}");
        assert!(notice.contains("UTF-8"), "{notice}");
        assert!(!path.exists());
        assert_eq!(
            std::fs::read(folder.path().join("app.ron.damaged")).expect("kept"),
            [0x28, 0xff, 0xfe, 0x00, 0x29]
        );
    }

    #[test]
    fn a_saved_scenario_out_of_range_is_reset_field_by_field() {
        use crate::scenario::Volume;
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("app.ron");
        let mut persisted = super::super::Persisted::default();
        let scenario = &mut persisted.document.scenario;
        scenario.workload.volume = Volume::Tokens {
            tokens_per_month: f64::NAN,
            input_share: 0.6,
        };
        scenario.deployments[0].spare_nodes = u32::MAX;
        let title = scenario.title.clone();
        let mut entries = BTreeMap::new();
        entries.insert(
            eframe::APP_KEY.to_owned(),
            ron::to_string(&persisted).expect("ron"),
        );
        std::fs::write(&path, ron::to_string(&entries).expect("ron")).expect("write");
        let notice = repair(&path).expect("a notice");
        assert!(
            notice.contains("workload.volume.tokens_per_month")
                && notice.contains("deployments[0].spare_nodes"),
            "{notice}"
        );
        let repaired: BTreeMap<String, String> =
            ron::from_str(&std::fs::read_to_string(&path).expect("read")).expect("map");
        let (restored, again) =
            super::super::restore_state(&repaired[eframe::APP_KEY]).expect("restores");
        assert_eq!(
            again, None,
            "the file was repaired, not only the state in memory"
        );
        let scenario = &restored.document.scenario;
        assert!(crate::scenario::validate::validate(scenario).is_empty());
        assert_eq!(scenario.title, title);
        assert_eq!(scenario.workload.input_share(), 0.6);
    }

    #[test]
    fn no_file_means_no_notice() {
        let folder = tempfile::tempdir().expect("temp dir");
        assert_eq!(repair(&folder.path().join("app.ron")), None);
    }
}
