//! The open scenario: what is being edited, what it was loaded as, and where it lives.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::scenario::{Scenario, presets};

/// Where the open scenario came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    /// A shipped preset (saving it asks for a file).
    Preset(String),
    /// A scenario file on disk.
    File(PathBuf),
    /// Made with New.
    Untitled,
}

/// The scenario being edited and the version it is compared with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// What the sliders edit.
    pub scenario: Scenario,
    /// The scenario as loaded or last saved: "changed" marks and resets compare with it.
    pub baseline: Scenario,
    /// Where it came from.
    pub origin: Origin,
}

impl Default for Document {
    fn default() -> Self {
        let scenario = presets::load(presets::DEFAULT_PRESET).unwrap_or_default();
        Self {
            baseline: scenario.clone(),
            scenario,
            origin: Origin::Preset(presets::DEFAULT_PRESET.to_owned()),
        }
    }
}

impl Document {
    /// A document for a freshly loaded scenario (its options given identifiers if they
    /// have none, so edits and the baseline refer to the same options).
    pub fn loaded(mut scenario: Scenario, origin: Origin) -> Self {
        scenario.assign_ids();
        Self {
            baseline: scenario.clone(),
            scenario,
            origin,
        }
    }

    /// Gives identifiers to options restored from an older session, the same in the
    /// scenario and its baseline (both started as one scenario, option by option).
    pub fn assign_ids(&mut self) {
        self.baseline.assign_ids();
        self.scenario.assign_ids();
    }

    /// Resets every field of the scenario (and of the baseline it is compared with) that
    /// is outside the plausible ranges; returns what was reset, in a line for the user,
    /// or `None` when both were valid.
    pub fn reset_invalid_fields(&mut self) -> Option<String> {
        use crate::scenario::repair::reset_invalid_fields;
        let baseline = reset_invalid_fields(&self.baseline);
        if let Some(repaired) = baseline {
            self.baseline = repaired.scenario;
        }
        let repaired = reset_invalid_fields(&self.scenario)?;
        self.scenario = repaired.scenario;
        let mut fields: Vec<String> = Vec::new();
        for problem in &repaired.reset {
            if !fields.contains(&problem.field) {
                fields.push(problem.field.clone());
            }
        }
        Some(if repaired.replaced_whole {
            format!(
                "the saved scenario had values that cannot be right ({}) and was replaced by \
                 the default one",
                fields.join(", ")
            )
        } else {
            format!(
                "the saved scenario had values that cannot be right, reset to their defaults: {}",
                fields.join(", ")
            )
        })
    }

    /// Whether there are edits that are not in a file.
    pub fn is_dirty(&self) -> bool {
        self.scenario != self.baseline
    }

    /// The file this document saves to, if it has one.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(path) => Some(path),
            _ => None,
        }
    }

    /// Short name for the title bar: the file name, the preset name or "Untitled".
    pub fn display_name(&self) -> String {
        match &self.origin {
            Origin::File(path) => path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| path.display().to_string()),
            Origin::Preset(name) => format!("preset {name}"),
            Origin::Untitled => "Untitled".to_owned(),
        }
    }

    /// The window title: "name • — LLM Cost Explorer" with a mark for unsaved edits.
    pub fn window_title(&self) -> String {
        let mark = if self.is_dirty() { " •" } else { "" };
        format!("{}{mark} — LLM Cost Explorer", self.display_name())
    }

    /// A file name to suggest in Save As: the file's own, or one made from the title.
    pub fn suggested_file_name(&self, extension: &str) -> String {
        if let Some(stem) = self.path().and_then(|path| path.file_stem()) {
            return format!("{}.{extension}", stem.to_string_lossy());
        }
        let slug: String = self
            .scenario
            .title
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug = slug
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        let slug = if slug.is_empty() {
            "scenario".to_owned()
        } else {
            slug
        };
        format!("{slug}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_marks_unsaved_edits() {
        let mut document = Document::default();
        assert_eq!(
            document.window_title(),
            "preset gpt4o-vs-dedicated-server — LLM Cost Explorer"
        );
        document.scenario.hours_per_month = 720.0;
        assert!(document.window_title().contains(" •"));
    }

    #[test]
    fn suggested_names_come_from_the_title() {
        let document = Document::default();
        assert_eq!(
            document.suggested_file_name("ron"),
            "gpt-4o-vs-a-dedicated-a100-server.ron"
        );
        let on_disk = Document::loaded(Scenario::default(), Origin::File("/tmp/x/plan.ron".into()));
        assert_eq!(on_disk.suggested_file_name("png"), "plan.png");
    }
}
