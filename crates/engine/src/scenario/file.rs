//! Reading and writing scenario files as RON, with errors a user can act on.
//!
//! A parse error names the file, line and column; a value that makes no sense names
//! the field (`deployments[0].utilization`). Saving writes a temporary file beside the
//! target and renames it over, so a failed save never destroys the previous file.

use std::fmt;
use std::path::{Path, PathBuf};

use super::validate::{Problem, validate};
use super::{SCENARIO_VERSION, Scenario};
use crate::safe_io::{self, FileProblem, MAX_SCENARIO_BYTES};

/// Why a scenario could not be loaded or saved.
#[derive(Debug, thiserror::Error)]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("cannot open {path}: {problem}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        problem: FileProblem,
    },
    /// The text is not a valid scenario (syntax, unknown or missing field, wrong type).
    #[error("{origin}:{line}:{column}: {message}")]
    Parse {
        /// File path or preset name.
        origin: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The file parsed but some values make no sense.
    #[error("{origin}: {}", ProblemList(problems))]
    Invalid {
        /// File path or preset name.
        origin: String,
        /// Each field that is wrong, and why.
        problems: Vec<Problem>,
    },
    /// The file was written by a newer version of this program.
    #[error(
        "{origin}: scenario file version {found} is newer than this program understands \
         (version {SCENARIO_VERSION}); update llm-cost-explorer to open it"
    )]
    TooNew {
        /// File path or preset name.
        origin: String,
        /// The version in the file.
        found: u32,
    },
    /// The scenario could not be turned into text (should not happen for valid data).
    #[error("cannot write the scenario as RON: {0}")]
    Serialize(String),
    /// The file could not be written.
    #[error("cannot save {path}: {problem} (the previous file, if any, is unchanged)")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        problem: FileProblem,
    },
    /// No preset has this name.
    #[error("there is no preset named {name:?}; the presets are: {}", available.join(", "))]
    UnknownPreset {
        /// The name asked for.
        name: String,
        /// The names that exist.
        available: Vec<String>,
    },
}

struct ProblemList<'a>(&'a [Problem]);

impl fmt::Display for ProblemList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [one] => write!(f, "{one}"),
            many => {
                write!(f, "{} values need fixing:", many.len())?;
                for problem in many {
                    write!(f, "\n  - {problem}")?;
                }
                Ok(())
            }
        }
    }
}

/// Parses and validates scenario text; `origin` (a path or preset name) goes into errors.
pub fn from_ron(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let mut scenario: Scenario = ron::from_str(text).map_err(|error| ScenarioError::Parse {
        origin: origin.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: describe_parse_error(&error.code),
    })?;
    if scenario.version > SCENARIO_VERSION {
        return Err(ScenarioError::TooNew {
            origin: origin.to_owned(),
            found: scenario.version,
        });
    }
    scenario.assign_ids();
    let problems = validate(&scenario);
    if !problems.is_empty() {
        return Err(ScenarioError::Invalid {
            origin: origin.to_owned(),
            problems,
        });
    }
    Ok(scenario)
}

/// The parser's complaint in plain words: unknown and missing fields name the fields
/// that exist, without Rust's backticks.
fn describe_parse_error(code: &ron::Error) -> String {
    let list = |names: &[&str]| {
        names
            .iter()
            .map(|name| name.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let inside = |outer: &Option<String>| {
        outer
            .as_ref()
            .map(|outer| format!(" in {outer}"))
            .unwrap_or_default()
    };
    match code {
        ron::Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "unknown field \"{found}\"{}; the fields there are: {}",
            inside(outer),
            list(expected)
        ),
        ron::Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "unknown choice \"{found}\"{}; the choices are: {}",
            inside(outer),
            list(expected)
        ),
        ron::Error::MissingStructField { field, outer } => {
            format!("the field \"{field}\"{} is missing", inside(outer))
        }
        ron::Error::DuplicateStructField { field, outer } => {
            format!("the field \"{field}\"{} is given twice", inside(outer))
        }
        ron::Error::ExpectedOption => {
            "expected Some(…) or None: an optional value is written Some(5.0), or None for none"
                .to_owned()
        }
        other => other.to_string().replace('`', "\""),
    }
}

/// The scenario as pretty RON text.
pub fn to_ron(scenario: &Scenario) -> Result<String, ScenarioError> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .depth_limit(6);
    ron::ser::to_string_pretty(scenario, config)
        .map(|text| text + "\n")
        .map_err(|error| ScenarioError::Serialize(error.to_string()))
}

/// Reads a scenario file.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text =
        safe_io::read_text(path, MAX_SCENARIO_BYTES).map_err(|problem| ScenarioError::Read {
            path: path.to_owned(),
            problem,
        })?;
    from_ron(&text, &path.display().to_string())
}

/// Saves a scenario file atomically (temporary file, then rename).
///
/// A scenario that would not load again (two options with one name, a resale value
/// above the price) is refused with the fields to fix, so every saved file opens.
pub fn save(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    let problems = validate(scenario);
    if !problems.is_empty() {
        return Err(ScenarioError::Invalid {
            origin: format!("not saved to {}", path.display()),
            problems,
        });
    }
    let text = to_ron(scenario)?;
    safe_io::write_atomically(path, text.as_bytes()).map_err(|problem| ScenarioError::Write {
        path: path.to_owned(),
        problem,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn every_preset_round_trips_through_text() {
        for preset in presets::PRESETS {
            let scenario = presets::load(preset.name).expect("preset loads");
            let text = to_ron(&scenario).expect("serializes");
            let again = from_ron(&text, "round trip").expect("reloads");
            assert_eq!(scenario, again, "{}", preset.name);
        }
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let text = "(\n  title: \"x\",\n  hours_per_month: 7x0,\n)";
        let error = from_ron(text, "broken.ron").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("broken.ron:3:"), "{message}");
        assert!(matches!(error, ScenarioError::Parse { line: 3, .. }));
    }

    #[test]
    fn unknown_fields_are_named() {
        let error = from_ron("(titel: \"x\")", "typo.ron").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("titel"), "{message}");
        assert!(message.contains("typo.ron:1:"), "{message}");
    }

    #[test]
    fn an_empty_scenario_uses_defaults() {
        let scenario = from_ron("()", "empty.ron").expect("defaults are valid");
        assert_eq!(scenario.hours_per_month, 730.0);
        assert_eq!(scenario.version, SCENARIO_VERSION);
    }

    #[test]
    fn newer_files_are_refused_with_advice() {
        let error = from_ron("(version: 99)", "future.ron").unwrap_err();
        assert!(error.to_string().contains("newer"), "{error}");
    }

    #[test]
    fn saving_replaces_the_file_whole() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("scenario.ron");
        let scenario = presets::load("sonnet-vs-rtx4090").expect("preset");
        save(&scenario, &path).expect("first save");
        save(&scenario, &path).expect("second save");
        assert_eq!(load(&path).expect("reload"), scenario);
        let leftovers = std::fs::read_dir(folder.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_scenario_that_would_not_load_again_is_not_saved() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("twins.ron");
        let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        scenario.deployments.push(scenario.deployments[0].clone());
        let message = save(&scenario, &path).unwrap_err().to_string();
        assert!(message.contains("deployments[1].name"), "{message}");
        assert!(!path.exists());
    }

    #[test]
    fn saving_into_a_missing_folder_fails_cleanly() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("no-such-folder").join("x.ron");
        let error = save(&Scenario::default(), &path).unwrap_err();
        assert!(error.to_string().contains("cannot save"), "{error}");
    }
}
