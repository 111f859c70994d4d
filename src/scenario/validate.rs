//! Checks that a scenario's values make sense, naming each offending field.

use std::fmt;

use super::{Compute, Electricity, Scenario, Volume};

/// One field with a value that makes no sense.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Path to the field, e.g. `deployments[0].utilization`.
    pub field: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field `{}`: {}", self.field, self.message)
    }
}

/// Collects problems with field paths.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, field: String, message: String) {
        self.problems.push(Problem { field, message });
    }

    /// A finite number within `min..=max`.
    fn range(&mut self, field: impl Into<String>, value: f64, min: f64, max: f64, unit: &str) {
        if !value.is_finite() || value < min || value > max {
            self.fail(
                field.into(),
                format!("must be between {min} and {max} {unit} (it is {value})"),
            );
        }
    }

    /// A finite number above zero.
    fn positive(&mut self, field: impl Into<String>, value: f64, unit: &str) {
        if !value.is_finite() || value <= 0.0 {
            self.fail(
                field.into(),
                format!("must be a number above zero, in {unit} (it is {value})"),
            );
        }
    }

    /// A finite number, zero or more.
    fn non_negative(&mut self, field: impl Into<String>, value: f64, unit: &str) {
        if !value.is_finite() || value < 0.0 {
            self.fail(
                field.into(),
                format!("must be zero or more, in {unit} (it is {value})"),
            );
        }
    }
}

/// Every problem in the scenario; empty when it can be evaluated as intended.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut check = Checker {
        problems: Vec::new(),
    };
    check.range(
        "hours_per_month",
        scenario.hours_per_month,
        1.0,
        744.0,
        "hours",
    );
    check.range("days_per_month", scenario.days_per_month, 1.0, 31.0, "days");

    let workload = &scenario.workload;
    match workload.volume {
        Volume::Tokens {
            tokens_per_month,
            input_share,
        } => {
            check.non_negative(
                "workload.volume.tokens_per_month",
                tokens_per_month,
                "tokens per month",
            );
            check.range(
                "workload.volume.input_share",
                input_share,
                0.0,
                1.0,
                "(a share)",
            );
        }
        Volume::Requests {
            requests_per_day,
            input_tokens_per_request,
            output_tokens_per_request,
        } => {
            check.non_negative(
                "workload.volume.requests_per_day",
                requests_per_day,
                "requests per day",
            );
            check.non_negative(
                "workload.volume.input_tokens_per_request",
                input_tokens_per_request,
                "tokens",
            );
            check.non_negative(
                "workload.volume.output_tokens_per_request",
                output_tokens_per_request,
                "tokens",
            );
        }
    }
    check.range(
        "workload.cached_input_share",
        workload.cached_input_share,
        0.0,
        1.0,
        "(a share)",
    );
    check.range(
        "workload.batch_share",
        workload.batch_share,
        0.0,
        1.0,
        "(a share)",
    );

    for (index, api) in scenario.apis.iter().enumerate() {
        let at = |field: &str| format!("apis[{index}].{field}");
        if api.name.trim().is_empty() {
            check.fail(at("name"), "must not be empty".to_owned());
        }
        if scenario.apis[..index]
            .iter()
            .any(|other| other.name == api.name)
        {
            check.fail(
                at("name"),
                format!("{:?} is used by two APIs; names must differ", api.name),
            );
        }
        check.non_negative(
            at("usd_per_million_input"),
            api.usd_per_million_input,
            "$ per 1M tokens",
        );
        if let Some(cached) = api.usd_per_million_cached_input {
            check.non_negative(
                at("usd_per_million_cached_input"),
                cached,
                "$ per 1M tokens",
            );
        }
        check.non_negative(
            at("usd_per_million_output"),
            api.usd_per_million_output,
            "$ per 1M tokens",
        );
        check.range(
            at("batch_discount"),
            api.batch_discount,
            0.0,
            1.0,
            "(a share)",
        );
    }

    for (index, deployment) in scenario.deployments.iter().enumerate() {
        let at = |field: &str| format!("deployments[{index}].{field}");
        if deployment.name.trim().is_empty() {
            check.fail(at("name"), "must not be empty".to_owned());
        }
        if scenario.deployments[..index]
            .iter()
            .any(|other| other.name == deployment.name)
            || scenario.apis.iter().any(|api| api.name == deployment.name)
        {
            check.fail(
                at("name"),
                format!(
                    "{:?} is used twice; every option needs its own name",
                    deployment.name
                ),
            );
        }
        check.positive(
            at("throughput_tokens_per_second"),
            deployment.throughput_tokens_per_second,
            "tokens per second (a node that serves nothing can never carry the volume)",
        );
        check.range(
            at("utilization"),
            deployment.utilization,
            0.01,
            1.0,
            "(a share)",
        );
        check.non_negative(
            at("hardware.memory_gb"),
            deployment.hardware.memory_gb,
            "GB",
        );
        check.non_negative(
            at("hardware.idle_watts"),
            deployment.hardware.idle_watts,
            "W",
        );
        check.non_negative(
            at("hardware.load_watts"),
            deployment.hardware.load_watts,
            "W",
        );
        check.non_negative(
            at("model.params_billion"),
            deployment.model.params_billion,
            "billion",
        );
        check.non_negative(at("model.kv_cache_gb"), deployment.model.kv_cache_gb, "GB");
        check.non_negative(at("engineering_fte"), deployment.engineering_fte, "FTE");
        check.non_negative(
            at("engineer_usd_per_year"),
            deployment.engineer_usd_per_year,
            "$ per year",
        );
        check.non_negative(
            at("infrastructure_usd_per_month"),
            deployment.infrastructure_usd_per_month,
            "$ per month",
        );
        match deployment.compute {
            Compute::Bought {
                price_usd,
                amortization_months,
                resale_usd,
            } => {
                check.non_negative(at("compute.price_usd"), price_usd, "$");
                check.range(
                    at("compute.amortization_months"),
                    amortization_months,
                    1.0,
                    240.0,
                    "months",
                );
                check.range(
                    at("compute.resale_usd"),
                    resale_usd,
                    0.0,
                    price_usd.max(0.0),
                    "$ (at most the price)",
                );
            }
            Compute::RentedHourly { usd_per_hour, .. } => {
                check.non_negative(at("compute.usd_per_hour"), usd_per_hour, "$ per hour");
            }
            Compute::RentedMonthly { usd_per_month } => {
                check.non_negative(at("compute.usd_per_month"), usd_per_month, "$ per month");
            }
        }
        match deployment.electricity {
            Electricity::Metered { usd_per_kwh, pue } => {
                check.non_negative(at("electricity.usd_per_kwh"), usd_per_kwh, "$ per kWh");
                check.range(
                    at("electricity.pue"),
                    pue,
                    1.0,
                    3.0,
                    "(power usage effectiveness)",
                );
            }
            Electricity::Flat {
                usd_per_month_per_node,
            } => check.non_negative(
                at("electricity.usd_per_month_per_node"),
                usd_per_month_per_node,
                "$ per month",
            ),
        }
    }

    if let Some(hybrid) = &scenario.hybrid {
        check.range(
            "hybrid.local_share",
            hybrid.local_share,
            0.0,
            1.0,
            "(a share)",
        );
        if !scenario
            .deployments
            .iter()
            .any(|d| d.name == hybrid.deployment)
        {
            check.fail(
                "hybrid.deployment".to_owned(),
                format!("no deployment is named {:?}", hybrid.deployment),
            );
        }
        if !scenario.apis.iter().any(|a| a.name == hybrid.api) {
            check.fail(
                "hybrid.api".to_owned(),
                format!("no API is named {:?}", hybrid.api),
            );
        }
    }
    check.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{ApiOption, Deployment};

    #[test]
    fn a_default_scenario_is_valid() {
        assert!(validate(&Scenario::default()).is_empty());
    }

    #[test]
    fn zero_throughput_is_named_by_field() {
        let mut scenario = Scenario::default();
        scenario.deployments.push(Deployment {
            throughput_tokens_per_second: 0.0,
            ..Deployment::default()
        });
        let problems = validate(&scenario);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(
            problems[0].field,
            "deployments[0].throughput_tokens_per_second"
        );
    }

    #[test]
    fn shares_outside_zero_to_one_are_refused() {
        let mut scenario = Scenario::default();
        scenario.workload.batch_share = 1.5;
        scenario.apis.push(ApiOption {
            name: "x".into(),
            usd_per_million_input: f64::NAN,
            ..ApiOption::default()
        });
        let fields: Vec<String> = validate(&scenario).into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            ["workload.batch_share", "apis[0].usd_per_million_input"]
        );
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut scenario = Scenario::default();
        scenario.apis.push(ApiOption::default());
        scenario.apis.push(ApiOption::default());
        assert_eq!(validate(&scenario)[0].field, "apis[1].name");
    }
}
