//! Stable identifiers of options, so that nothing refers to an API or a deployment by
//! its position or its display name.
//!
//! Positions change when an option is removed and names change when it is renamed; an
//! identifier does neither. The app compares an option with the loaded file's version of
//! the same option by identifier, and the hybrid routes to its deployment and API by
//! identifier. Files written before identifiers existed still load: options without one
//! get one in order, and a hybrid that names its options is linked to them by name.

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{ApiOption, Deployment, Scenario};

/// An option's identifier, unique among a scenario's APIs and deployments together.
/// Zero means "not assigned yet" (an option just added, or read from an older file).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct OptionId(pub u32);

impl OptionId {
    /// Whether an identifier has been given.
    pub fn is_assigned(self) -> bool {
        self.0 != 0
    }
}

/// How a hybrid names one of its options: by identifier (what this version writes) or by
/// name (files from before identifiers, until [`Scenario::assign_ids`] links them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionRef {
    /// The option with this identifier.
    Id(OptionId),
    /// The option with this name.
    Name(String),
}

impl Default for OptionRef {
    fn default() -> Self {
        OptionRef::Name(String::new())
    }
}

impl From<&str> for OptionRef {
    fn from(name: &str) -> Self {
        OptionRef::Name(name.to_owned())
    }
}

impl From<OptionId> for OptionRef {
    fn from(id: OptionId) -> Self {
        OptionRef::Id(id)
    }
}

impl fmt::Display for OptionRef {
    /// `"GPT-4o"` for a name, `id 3` for an identifier: how messages name a missing option.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionRef::Id(id) => write!(f, "id {}", id.0),
            OptionRef::Name(name) => write!(f, "{name:?}"),
        }
    }
}

impl Serialize for OptionRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OptionRef::Id(id) => serializer.serialize_u32(id.0),
            OptionRef::Name(name) => serializer.serialize_str(name),
        }
    }
}

impl<'de> Deserialize<'de> for OptionRef {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OptionRefVisitor)
    }
}

struct OptionRefVisitor;

impl Visitor<'_> for OptionRefVisitor {
    type Value = OptionRef;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an option's id (a whole number) or its name (text in quotes)")
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<OptionRef, E> {
        u32::try_from(value)
            .map(|id| OptionRef::Id(OptionId(id)))
            .map_err(|_| E::custom(format!("option id {value} is too large")))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<OptionRef, E> {
        u64::try_from(value)
            .map_err(|_| E::custom(format!("option id {value} is negative")))
            .and_then(|value| self.visit_u64(value))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<OptionRef, E> {
        Ok(OptionRef::Name(name.to_owned()))
    }
}

/// What an option looks like to [`OptionRef`] resolution.
trait Identified {
    fn id(&self) -> OptionId;
    fn name(&self) -> &str;
}

impl Identified for ApiOption {
    fn id(&self) -> OptionId {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
}

impl Identified for Deployment {
    fn id(&self) -> OptionId {
        self.id
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// The option `reference` points to: by identifier, or by name when it holds one.
fn resolve<'a, T: Identified>(options: &'a [T], reference: &OptionRef) -> Option<&'a T> {
    match reference {
        OptionRef::Id(id) if id.is_assigned() => options.iter().find(|o| o.id() == *id),
        OptionRef::Id(_) => None,
        OptionRef::Name(name) => options.iter().find(|o| o.name() == name),
    }
}

impl Scenario {
    /// Gives every option without an identifier (or sharing one) a new one, then links
    /// a hybrid that names its options to their identifiers. Run on every scenario read
    /// from a file, a preset or a saved session, and after every edit in the app.
    pub fn assign_ids(&mut self) {
        let mut next = self.next_id().0;
        let mut seen = std::collections::HashSet::new();
        let ids = self
            .apis
            .iter_mut()
            .map(|api| &mut api.id)
            .chain(self.deployments.iter_mut().map(|d| &mut d.id));
        for id in ids {
            if !id.is_assigned() || !seen.insert(*id) {
                *id = OptionId(next);
                seen.insert(*id);
                next += 1;
            }
        }
        let linked = self.hybrid.as_ref().map(|hybrid| {
            (
                resolve(&self.deployments, &hybrid.deployment).map(|d| d.id),
                resolve(&self.apis, &hybrid.api).map(|a| a.id),
            )
        });
        if let (Some(hybrid), Some((deployment, api))) = (self.hybrid.as_mut(), linked) {
            if let Some(id) = deployment {
                hybrid.deployment = OptionRef::Id(id);
            }
            if let Some(id) = api {
                hybrid.api = OptionRef::Id(id);
            }
        }
    }

    /// An identifier no option of the scenario has.
    pub fn next_id(&self) -> OptionId {
        let largest = self
            .apis
            .iter()
            .map(|a| a.id.0)
            .chain(self.deployments.iter().map(|d| d.id.0))
            .max()
            .unwrap_or(0);
        OptionId(largest.saturating_add(1))
    }

    /// The deployment the hybrid routes its self-hosted share to, if it exists.
    pub fn hybrid_deployment(&self) -> Option<&Deployment> {
        resolve(&self.deployments, &self.hybrid.as_ref()?.deployment)
    }

    /// The API the hybrid sends the rest of its traffic to, if it exists.
    pub fn hybrid_api(&self) -> Option<&ApiOption> {
        resolve(&self.apis, &self.hybrid.as_ref()?.api)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Hybrid;
    use crate::scenario::file::from_ron;

    fn two_by_two() -> Scenario {
        let api = |name: &str| ApiOption {
            name: name.to_owned(),
            usd_per_million_input: 1.0,
            usd_per_million_output: 2.0,
            ..ApiOption::default()
        };
        let deployment = |name: &str| Deployment {
            name: name.to_owned(),
            ..Deployment::default()
        };
        Scenario {
            apis: vec![api("A"), api("B")],
            deployments: vec![deployment("X"), deployment("Y")],
            hybrid: Some(Hybrid {
                local_share: 0.5,
                deployment: "Y".into(),
                api: "B".into(),
            }),
            ..Scenario::default()
        }
    }

    #[test]
    fn options_get_distinct_ids_and_the_hybrid_is_linked_by_name() {
        let mut scenario = two_by_two();
        scenario.assign_ids();
        let ids: Vec<u32> = scenario
            .apis
            .iter()
            .map(|a| a.id.0)
            .chain(scenario.deployments.iter().map(|d| d.id.0))
            .collect();
        assert_eq!(ids, [1, 2, 3, 4]);
        let hybrid = scenario.hybrid.as_ref().expect("hybrid");
        assert_eq!(hybrid.deployment, OptionRef::Id(OptionId(4)));
        assert_eq!(hybrid.api, OptionRef::Id(OptionId(2)));
    }

    #[test]
    fn renaming_keeps_the_hybrid_and_removing_keeps_the_others_ids() {
        let mut scenario = two_by_two();
        scenario.assign_ids();
        scenario.deployments[1].name = "Renamed".to_owned();
        assert_eq!(
            scenario.hybrid_deployment().map(|d| d.name.as_str()),
            Some("Renamed")
        );
        scenario.apis.remove(0);
        scenario.assign_ids();
        assert_eq!(scenario.apis[0].id, OptionId(2), "B keeps its id");
        assert_eq!(scenario.hybrid_api().map(|a| a.name.as_str()), Some("B"));
    }

    #[test]
    fn duplicate_and_missing_ids_are_replaced() {
        let mut scenario = two_by_two();
        scenario.apis[0].id = OptionId(7);
        scenario.apis[1].id = OptionId(7);
        scenario.assign_ids();
        assert_eq!(scenario.apis[0].id, OptionId(7));
        let mut ids: Vec<u32> = scenario.deployments.iter().map(|d| d.id.0).collect();
        ids.push(scenario.apis[1].id.0);
        ids.sort_unstable();
        assert_eq!(ids, [8, 9, 10]);
    }

    #[test]
    fn a_saved_file_keeps_ids_and_an_old_one_gets_them() {
        let mut scenario = two_by_two();
        scenario.assign_ids();
        let text = ron::to_string(&scenario).expect("serializes");
        assert!(text.contains("deployment:4"), "{text}");
        let again = from_ron(&text, "saved").expect("loads");
        assert_eq!(again, scenario);

        let old = r#"(
            apis: [(name: "A", usd_per_million_input: 1.0)],
            deployments: [(name: "X")],
            hybrid: Some((local_share: 0.5, deployment: "X", api: "A")),
        )"#;
        let loaded = from_ron(old, "old").expect("loads");
        assert_eq!(loaded.hybrid_deployment().map(|d| d.id), Some(OptionId(2)));
        let hybrid = loaded.hybrid.as_ref().expect("hybrid");
        assert_eq!(hybrid.api, OptionRef::Id(OptionId(1)));
    }

    #[test]
    fn a_negative_or_huge_id_is_refused_with_words() {
        let text = r#"(hybrid: Some((deployment: -1)))"#;
        let error = from_ron(text, "f").expect_err("refused").to_string();
        assert!(error.contains("negative"), "{error}");
    }
}
