//! Puts a scenario that did not come through [`super::file::load`] (the app's saved
//! session) back within the plausible ranges: each field validation names is reset to its
//! default, and every other field is kept.
//!
//! A file the user opens is refused whole with its problems, since they can fix it; a
//! saved session cannot be fixed by hand, and refusing it would lose the rest of the
//! work. The reset goes through the scenario's serde tree: the field path a [`Problem`]
//! names (`deployments[0].electricity.pue`) is found in it and replaced by the value at
//! the same place in a default scenario, a default API or a default deployment. Where the
//! default has no such place (another enum choice), the nearest enclosing value that
//! both have is replaced.

use serde_json::Value;

use super::validate::{Problem, validate};
use super::{ApiOption, Deployment, Scenario, Source};

/// Rounds of resetting before giving up: a reset can uncover a problem the first one
/// hid (a volume reset to one that a deployment's throughput cannot carry).
const ROUNDS: usize = 4;

/// What [`reset_invalid_fields`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired {
    /// The scenario, valid.
    pub scenario: Scenario,
    /// The problems that were found, each field reset to its default.
    pub reset: Vec<Problem>,
    /// True when fields could not be reset one by one and the whole scenario was replaced
    /// by the default one.
    pub replaced_whole: bool,
}

/// `None` when `scenario` is valid; else the scenario with every invalid field reset.
pub fn reset_invalid_fields(scenario: &Scenario) -> Option<Repaired> {
    let first = validate(scenario);
    if first.is_empty() {
        return None;
    }
    let defaults = Defaults::new();
    let mut reset = Vec::new();
    let mut current = scenario.clone();
    let mut problems = first;
    for _ in 0..ROUNDS {
        let Some(next) = reset_fields(&current, &problems, &defaults) else {
            break;
        };
        reset.append(&mut problems);
        current = next;
        problems = validate(&current);
        if problems.is_empty() {
            return Some(Repaired {
                scenario: current,
                reset,
                replaced_whole: false,
            });
        }
    }
    reset.extend(problems);
    Some(Repaired {
        scenario: Scenario::default(),
        reset,
        replaced_whole: true,
    })
}

/// The default values a reset takes from, as serde trees.
struct Defaults {
    scenario: Value,
    api: Value,
    deployment: Value,
    source: Value,
}

impl Defaults {
    fn new() -> Self {
        let tree = |value: Result<Value, serde_json::Error>| value.unwrap_or(Value::Null);
        Self {
            scenario: tree(serde_json::to_value(Scenario::default())),
            api: tree(serde_json::to_value(ApiOption::default())),
            deployment: tree(serde_json::to_value(Deployment::default())),
            source: tree(serde_json::to_value(Source::default())),
        }
    }

    /// The default element of a list the scenario holds, by the list's name.
    fn element(&self, list: &str) -> Option<&Value> {
        match list {
            "apis" => Some(&self.api),
            "deployments" => Some(&self.deployment),
            "sources" => Some(&self.source),
            _ => None,
        }
    }
}

/// One step of a field path: a field's name, or a position in a list.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
}

/// `deployments[0].electricity.pue` as its steps.
fn steps(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            steps.push(Step::Field(rest[..open].to_owned()));
            rest = &rest[open..];
            while let Some(inner) = rest.strip_prefix('[') {
                let Some(close) = inner.find(']') else { break };
                if let Ok(index) = inner[..close].parse() {
                    steps.push(Step::Index(index));
                }
                rest = &inner[close + 1..];
            }
        } else if !rest.is_empty() {
            steps.push(Step::Field(rest.to_owned()));
        }
    }
    steps
}

/// The child of `value` at `step`, looking through an enum choice's wrapper
/// (`{"Tokens": {…}}`) for a field.
fn child_mut<'a>(value: &'a mut Value, step: &Step) -> Option<&'a mut Value> {
    match (value, step) {
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        (Value::Object(map), Step::Field(name)) => {
            if map.contains_key(name) {
                return map.get_mut(name);
            }
            if map.len() == 1 {
                let inner = map.values_mut().next()?;
                return match inner {
                    Value::Object(fields) => fields.get_mut(name),
                    _ => None,
                };
            }
            None
        }
        _ => None,
    }
}

/// The default for the value at `path`: from the default scenario, entering a list's
/// default element at an index. `None` where the defaults have no such place.
fn default_at(defaults: &Defaults, path: &[Step]) -> Option<Value> {
    let mut list_name: Option<&str> = None;
    let mut current: &Value = &defaults.scenario;
    for step in path {
        current = match step {
            Step::Index(_) => defaults.element(list_name?)?,
            Step::Field(name) => {
                list_name = Some(name);
                field_of(current, name)?
            }
        };
    }
    Some(current.clone())
}

/// The field `name` of `value`, looking through an enum choice's wrapper.
fn field_of<'a>(value: &'a Value, name: &str) -> Option<&'a Value> {
    let Value::Object(map) = value else {
        return None;
    };
    map.get(name).or_else(|| {
        if map.len() == 1 {
            map.values().next().and_then(|inner| inner.get(name))
        } else {
            None
        }
    })
}

/// The scenario with the field of each problem replaced by its default; `None` when a
/// path cannot be found or the result does not read back as a scenario.
fn reset_fields(
    scenario: &Scenario,
    problems: &[Problem],
    defaults: &Defaults,
) -> Option<Scenario> {
    let mut tree = serde_json::to_value(scenario).ok()?;
    for problem in problems {
        let path = steps(&problem.field);
        // The longest prefix of the path that both the scenario and the defaults have.
        let mut replaced = false;
        for length in (1..=path.len()).rev() {
            let prefix = &path[..length];
            let Some(default) = default_at(defaults, prefix) else {
                continue;
            };
            let mut place = Some(&mut tree);
            for step in prefix {
                place = place.and_then(|value| child_mut(value, step));
            }
            if let Some(place) = place {
                *place = default;
                replaced = true;
                break;
            }
        }
        if !replaced {
            return None;
        }
    }
    serde_json::from_value(tree).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Volume, presets};

    #[test]
    fn a_valid_scenario_is_left_alone() {
        let scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        assert_eq!(reset_invalid_fields(&scenario), None);
    }

    #[test]
    fn each_invalid_field_is_reset_and_the_rest_kept() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        scenario.workload.volume = Volume::Tokens {
            tokens_per_month: f64::NAN,
            input_share: 0.75,
        };
        scenario.deployments[0].spare_nodes = u32::MAX;
        scenario.deployments[0].utilization = f64::INFINITY;
        let title = scenario.title.clone();
        let repaired = reset_invalid_fields(&scenario).expect("repaired");
        assert!(!repaired.replaced_whole);
        assert!(validate(&repaired.scenario).is_empty());
        let fields: Vec<&str> = repaired.reset.iter().map(|p| p.field.as_str()).collect();
        assert!(
            fields.contains(&"workload.volume.tokens_per_month"),
            "{fields:?}"
        );
        assert!(fields.contains(&"deployments[0].spare_nodes"), "{fields:?}");
        assert!(fields.contains(&"deployments[0].utilization"), "{fields:?}");
        let defaults = Deployment::default();
        let deployment = &repaired.scenario.deployments[0];
        assert_eq!(deployment.spare_nodes, defaults.spare_nodes);
        assert_eq!(deployment.utilization, defaults.utilization);
        // The rest is kept: the title, the deployment's name and hardware.
        assert_eq!(repaired.scenario.title, title);
        assert_eq!(deployment.name, scenario.deployments[0].name);
        assert_eq!(deployment.hardware, scenario.deployments[0].hardware);
        // The volume is the default's, with the file's input share kept.
        match repaired.scenario.workload.volume {
            Volume::Tokens {
                tokens_per_month,
                input_share,
            } => {
                assert!(tokens_per_month.is_finite());
                assert_eq!(input_share, 0.75);
            }
            Volume::Requests { .. } => panic!("the volume kept its kind"),
        }
    }

    #[test]
    fn paths_are_read_with_indices() {
        assert_eq!(
            steps("deployments[2].electricity.pue"),
            [
                Step::Field("deployments".into()),
                Step::Index(2),
                Step::Field("electricity".into()),
                Step::Field("pue".into())
            ]
        );
        assert_eq!(
            steps("timeline.volumes[3]"),
            [
                Step::Field("timeline".into()),
                Step::Field("volumes".into()),
                Step::Index(3)
            ]
        );
    }
}
