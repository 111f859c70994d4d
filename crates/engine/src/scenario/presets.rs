//! The shipped scenarios, embedded in the binary so they work from any folder.

use super::Scenario;
use super::file::{ScenarioError, from_ron};

/// A named scenario compiled into the binary.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// File stem in `presets/`, used on the command line.
    pub name: &'static str,
    /// The RON text.
    pub text: &'static str,
}

macro_rules! preset {
    ($name:literal) => {
        Preset {
            name: $name,
            text: include_str!(concat!("../../../../presets/", $name, ".ron")),
        }
    };
}

/// Every shipped preset, in the order the picker lists them.
pub const PRESETS: &[Preset] = &[
    preset!("gpt4o-vs-dedicated-server"),
    preset!("gpt4o-mini-classification"),
    preset!("70b-full-stack-2xa100"),
    preset!("sonnet-vs-rtx4090"),
    preset!("sonnet-vs-rented-a100"),
    preset!("gpt5-nano-vs-rtx4060ti"),
    preset!("chat-10k-requests-a10g"),
    preset!("agent-fleet-mac-studio"),
];

/// The preset that the app opens on first start.
pub const DEFAULT_PRESET: &str = "gpt4o-vs-dedicated-server";

/// Names of all presets.
pub fn names() -> Vec<String> {
    PRESETS
        .iter()
        .map(|preset| preset.name.to_owned())
        .collect()
}

/// Parses the named preset.
pub fn load(name: &str) -> Result<Scenario, ScenarioError> {
    let preset = PRESETS
        .iter()
        .find(|preset| preset.name == name)
        .ok_or_else(|| ScenarioError::UnknownPreset {
            name: name.to_owned(),
            available: names(),
        })?;
    from_ron(preset.text, &format!("preset {}", preset.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_and_validates() {
        for preset in PRESETS {
            let scenario = load(preset.name).unwrap_or_else(|error| panic!("{error}"));
            assert!(!scenario.title.is_empty(), "{}", preset.name);
            assert!(!scenario.description.is_empty(), "{}", preset.name);
            assert!(!scenario.sources.is_empty(), "{}", preset.name);
            assert!(scenario.sources.iter().all(|s| !s.as_of.is_empty()));
        }
    }

    #[test]
    fn unknown_presets_list_the_real_ones() {
        let message = load("gpt-9").unwrap_err().to_string();
        assert!(message.contains("gpt-9"), "{message}");
        assert!(message.contains(DEFAULT_PRESET), "{message}");
    }
}
