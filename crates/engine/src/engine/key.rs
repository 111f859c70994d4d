//! Which option a row, a curve, a range or a crossover belongs to, by identifier rather
//! than by name: every view joins the report's parts with these keys, so a renamed option
//! (or, in a scenario still being edited, two options with one name) never crosses lines.

use serde::{Serialize, Serializer};

use crate::scenario::{OptionId, Scenario};

/// An option of a prepared scenario: one of its APIs or deployments by identifier, or its
/// hybrid (a scenario has at most one). Written to JSON as the identifier's number, or
/// `"hybrid"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OptionKey {
    /// The API or deployment with this identifier.
    Listed(OptionId),
    /// The hybrid of a deployment and an API.
    Hybrid,
}

impl Serialize for OptionKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OptionKey::Listed(id) => serializer.serialize_u32(id.0),
            OptionKey::Hybrid => serializer.serialize_str("hybrid"),
        }
    }
}

/// The API and the self-hosted (or hybrid) option a crossover, an alternation, an interval
/// or a tornado bar compares: how views find the same pair in each of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct PairKey {
    /// The API.
    pub api: OptionKey,
    /// The self-hosted or hybrid option.
    pub self_hosted: OptionKey,
}

/// The keys of a scenario's APIs, then its deployments, in display order.
///
/// A scenario read from a file, a preset or the app has distinct identifiers
/// ([`Scenario::assign_ids`]); one built in code may have none, or repeat one. Then every
/// option is keyed by its position instead (1, 2, … over APIs and deployments together),
/// which is distinct, and stable for as long as that scenario is not edited.
pub(crate) fn listed_keys(scenario: &Scenario) -> Vec<OptionKey> {
    let ids: Vec<OptionId> = scenario
        .apis
        .iter()
        .map(|api| api.id)
        .chain(scenario.deployments.iter().map(|deployment| deployment.id))
        .collect();
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    let distinct = ids.iter().all(|id| id.is_assigned() && seen.insert(*id));
    ids.iter()
        .enumerate()
        .map(|(position, id)| {
            let id = if distinct {
                *id
            } else {
                OptionId(u32::try_from(position + 1).unwrap_or(u32::MAX))
            };
            OptionKey::Listed(id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{ApiOption, Deployment};

    #[test]
    fn assigned_identifiers_are_the_keys_and_missing_ones_fall_back_to_positions() {
        let mut scenario = Scenario {
            apis: vec![ApiOption::default(), ApiOption::default()],
            deployments: vec![Deployment::default()],
            ..Scenario::default()
        };
        let positions: Vec<OptionKey> = (1..=3).map(|n| OptionKey::Listed(OptionId(n))).collect();
        assert_eq!(listed_keys(&scenario), positions);
        scenario.apis[0].id = OptionId(7);
        scenario.apis[1].id = OptionId(7);
        scenario.deployments[0].id = OptionId(9);
        assert_eq!(listed_keys(&scenario), positions, "a repeated id is no key");
        scenario.apis[1].id = OptionId(4);
        assert_eq!(
            listed_keys(&scenario),
            [7, 4, 9].map(|n| OptionKey::Listed(OptionId(n))).to_vec()
        );
    }

    #[test]
    fn keys_are_written_as_numbers_or_hybrid() {
        let json = serde_json::to_string(&[OptionKey::Listed(OptionId(3)), OptionKey::Hybrid]);
        assert_eq!(json.expect("json"), r#"[3,"hybrid"]"#);
    }
}
