//! Low and high guesses beside an input's value: "rent is $3,600 a month, somewhere
//! between $3,600 and $5,040".
//!
//! Each API, deployment and the workload may carry a `ranges` map from an input to its
//! low and high, e.g. `ranges: { MonthlyRent: (low: 3600.0, high: 5040.0) }`. The value
//! itself stays in its usual field, so files without ranges, and every part of the
//! engine that prices a point, are untouched. The engine reads the ranges through
//! [`Scenario::ranged_inputs`] and moves one input at a time with
//! [`Scenario::set_input`]; the band, interval and tornado are built from that alone.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{OptionId, Scenario};

pub(super) mod checked;
mod inputs;

pub use inputs::{ApiInput, DeploymentInput, WorkloadInput};

/// An input's low and high guess. The value lies between them (files that say otherwise
/// are refused); `low == high` says the figure is known.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The lowest plausible value.
    pub low: f64,
    /// The highest plausible value.
    pub high: f64,
}

impl Range {
    /// Whether `value` lies within the range, ends included.
    pub fn contains(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }

    /// The range stretched to take in `value`: what the engine uses, so a band always
    /// contains the point even while a user drags the value past an end.
    pub fn including(&self, value: f64) -> Range {
        Range {
            low: self.low.min(value),
            high: self.high.max(value),
        }
    }
}

/// The ranged inputs of one API, one deployment or the workload.
pub type Ranges<K> = BTreeMap<K, Range>;

/// Whether a ranged input raises or lowers an option's cost as it grows, when that is
/// known for every value of every other input (so the extremes are at the corners).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// A higher value never lowers the cost.
    Raises,
    /// A higher value never raises the cost.
    Lowers,
}

/// Which input of which part of the scenario a range belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InputKey {
    /// An input of the API with this identifier.
    Api(OptionId, ApiInput),
    /// An input of the deployment with this identifier.
    Deployment(OptionId, DeploymentInput),
    /// An input of the workload.
    Workload(WorkloadInput),
}

pub use crate::units::Unit;

impl InputKey {
    /// How its numbers are written.
    pub fn unit(self) -> Unit {
        match self {
            InputKey::Api(_, ApiInput::BatchDiscount) => Unit::Share,
            InputKey::Api(..) => Unit::Dollars,
            InputKey::Deployment(_, input) => match input {
                DeploymentInput::Throughput => Unit::TokensPerSecond,
                DeploymentInput::Utilization => Unit::Share,
                DeploymentInput::EngineeringFte => Unit::Fte,
                DeploymentInput::AmortizationMonths => Unit::Months,
                DeploymentInput::Pue => Unit::Plain,
                DeploymentInput::IdleWatts | DeploymentInput::LoadWatts => Unit::Watts,
                _ => Unit::Dollars,
            },
            InputKey::Workload(WorkloadInput::HoursPerMonth) => Unit::Hours,
            InputKey::Workload(_) => Unit::Share,
        }
    }
}

/// One input with a range, as the engine uses it.
#[derive(Clone, Debug, PartialEq)]
pub struct RangedInput {
    /// Which input.
    pub key: InputKey,
    /// How the tornado and the verdict name it, e.g. "rent per month" or, when the
    /// scenario has several deployments, "rent per month (Llama on 2x A100)".
    pub label: String,
    /// Its value.
    pub value: f64,
    /// Its range, stretched to contain the value.
    pub range: Range,
}

impl RangedInput {
    /// How its numbers are written.
    pub fn unit(&self) -> Unit {
        self.key.unit()
    }
}

impl Scenario {
    /// Every input that carries a range wider than a point, in control order: the
    /// workload, then each API, then each deployment. Ranges on an input the option does
    /// not have (a monthly rent on a bought node) are left out.
    pub fn ranged_inputs(&self) -> Vec<RangedInput> {
        let mut inputs = Vec::new();
        let mut push = |key: InputKey, label: String, value: f64, range: &Range| {
            let range = range.including(value);
            if range.low.is_finite() && range.high.is_finite() && range.low < range.high {
                inputs.push(RangedInput {
                    key,
                    label,
                    value,
                    range,
                });
            }
        };
        for input in WorkloadInput::ALL {
            if let Some(range) = self.workload.ranges.get(&input) {
                push(
                    InputKey::Workload(input),
                    input.label().to_owned(),
                    input.value(self),
                    range,
                );
            }
        }
        let several_apis = self.apis.len() > 1;
        for api in &self.apis {
            for input in ApiInput::ALL {
                if let (Some(range), Some(value)) = (api.ranges.get(&input), input.value(api)) {
                    let label = owned_label(input.label(), &api.name, several_apis);
                    push(InputKey::Api(api.id, input), label, value, range);
                }
            }
        }
        let several_deployments = self.deployments.len() > 1;
        for deployment in &self.deployments {
            for input in DeploymentInput::ALL {
                let value = input.value(deployment);
                if let (Some(range), Some(value)) = (deployment.ranges.get(&input), value) {
                    let label = owned_label(input.label(), &deployment.name, several_deployments);
                    push(
                        InputKey::Deployment(deployment.id, input),
                        label,
                        value,
                        range,
                    );
                }
            }
        }
        inputs
    }

    /// Keeps every range meaningful after an edit elsewhere (another way of paying, a
    /// catalogue's price): a range on an input the option no longer has is dropped, and one
    /// the value has left is stretched to take it in, so the scenario always saves and
    /// reloads. Returns whether anything changed.
    pub fn tidy_ranges(&mut self) -> bool {
        fn tidy<K: Ord + Copy>(
            ranges: &mut Ranges<K>,
            value_of: impl Fn(K) -> Option<f64>,
        ) -> bool {
            let before = ranges.clone();
            ranges.retain(|input, _| value_of(*input).is_some());
            for (input, range) in ranges.iter_mut() {
                if let Some(value) = value_of(*input) {
                    *range = range.including(value);
                }
            }
            *ranges != before
        }
        let probe = self.clone();
        let mut changed = tidy(&mut self.workload.ranges, |input| Some(input.value(&probe)));
        for api in &mut self.apis {
            let values = api.clone();
            changed |= tidy(&mut api.ranges, |input| input.value(&values));
        }
        for deployment in &mut self.deployments {
            let values = deployment.clone();
            changed |= tidy(&mut deployment.ranges, |input| input.value(&values));
        }
        changed
    }

    /// Sets one input to `value` (no-op when the option it names is gone).
    pub fn set_input(&mut self, key: InputKey, value: f64) {
        match key {
            InputKey::Api(id, input) => {
                if let Some(api) = self.apis.iter_mut().find(|api| api.id == id) {
                    input.set(api, value);
                }
            }
            InputKey::Deployment(id, input) => {
                if let Some(deployment) = self.deployments.iter_mut().find(|d| d.id == id) {
                    input.set(deployment, value);
                }
            }
            InputKey::Workload(input) => input.set(self, value),
        }
    }
}

fn owned_label(input: &str, owner: &str, several: bool) -> String {
    if several {
        format!("{input} ({owner})")
    } else {
        input.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::file::{ScenarioError, from_ron, to_ron};
    use crate::scenario::presets;

    const FULL_STACK: &str = include_str!("../../../../../presets/70b-full-stack-2xa100.ron");

    #[test]
    fn the_full_stack_preset_carries_the_published_ranges() {
        let scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        let ranges = &scenario.deployments[0].ranges;
        let expect = |input, low, high| assert_eq!(ranges[&input], Range { low, high });
        expect(DeploymentInput::MonthlyRent, 3_600.0, 5_040.0);
        expect(DeploymentInput::EngineeringFte, 0.5, 1.0);
        expect(DeploymentInput::EngineerCost, 150_000.0, 200_000.0);
        expect(DeploymentInput::Infrastructure, 250.0, 1_000.0);
        expect(DeploymentInput::Throughput, 800.0, 1_200.0);
        assert_eq!(ranges.len(), 5);
        let labels: Vec<String> = scenario
            .ranged_inputs()
            .into_iter()
            .map(|i| i.label)
            .collect();
        assert_eq!(labels.len(), 5, "{labels:?}");
        let text = to_ron(&scenario).expect("writes");
        assert_eq!(from_ron(&text, "again").expect("reads"), scenario);
    }

    #[test]
    fn a_range_without_its_value_is_refused_with_line_and_column() {
        let text = FULL_STACK.replace(
            "MonthlyRent: (low: 3600.0, high: 5040.0)",
            "MonthlyRent: (low: 3700.0, high: 5040.0)",
        );
        match from_ron(&text, "team.ron") {
            Err(ScenarioError::Parse {
                line,
                column,
                message,
                ..
            }) => {
                assert!(line > 30, "{line}:{column}");
                assert!(message.contains("MonthlyRent"), "{message}");
                assert!(
                    message.contains("does not contain the value 3600"),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_range_on_an_input_the_option_lacks_or_out_of_order_is_refused() {
        let text = FULL_STACK.replace(
            "MonthlyRent: (low: 3600.0, high: 5040.0)",
            "PurchasePrice: (low: 1.0, high: 2.0)",
        );
        let error = from_ron(&text, "team.ron")
            .expect_err("refused")
            .to_string();
        assert!(
            error.contains("PurchasePrice") && error.contains("no such input"),
            "{error}"
        );
        let text = FULL_STACK.replace(
            "EngineeringFte: (low: 0.5, high: 1.0)",
            "EngineeringFte: (low: 1.0, high: 0.5)",
        );
        let error = from_ron(&text, "team.ron")
            .expect_err("refused")
            .to_string();
        assert!(error.contains("swap them"), "{error}");
    }

    #[test]
    fn hours_outside_their_range_are_refused_by_validation() {
        let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
        scenario.workload.ranges.insert(
            WorkloadInput::HoursPerMonth,
            Range {
                low: 700.0,
                high: 720.0,
            },
        );
        let text = to_ron(&scenario).expect("writes");
        let error = from_ron(&text, "x.ron").expect_err("refused").to_string();
        assert!(error.contains("workload.ranges.HoursPerMonth"), "{error}");
    }

    #[test]
    fn tidying_drops_a_range_the_option_no_longer_has_and_stretches_the_rest() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        assert!(!scenario.tidy_ranges(), "a preset is tidy");
        scenario.deployments[0].compute = crate::scenario::Compute::RentedHourly {
            usd_per_hour: 6.0,
            billing: crate::scenario::HourlyBilling::AlwaysOn,
        };
        scenario.deployments[0].engineering_fte = 2.0;
        assert!(scenario.tidy_ranges());
        let ranges = &scenario.deployments[0].ranges;
        assert!(!ranges.contains_key(&DeploymentInput::MonthlyRent));
        assert_eq!(
            ranges[&DeploymentInput::EngineeringFte],
            Range {
                low: 0.5,
                high: 2.0
            }
        );
        let text = to_ron(&scenario).expect("writes");
        assert_eq!(from_ron(&text, "tidied").expect("reloads"), scenario);
    }

    #[test]
    fn a_dragged_value_past_its_range_stretches_it_for_the_engine() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        let id = scenario.deployments[0].id;
        scenario.set_input(
            InputKey::Deployment(id, DeploymentInput::MonthlyRent),
            6_000.0,
        );
        let rent = scenario
            .ranged_inputs()
            .into_iter()
            .find(|input| input.label == "rent per month")
            .expect("rent");
        assert_eq!(
            rent.range,
            Range {
                low: 3_600.0,
                high: 6_000.0
            }
        );
    }
}
