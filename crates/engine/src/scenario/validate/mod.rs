//! Checks that a scenario's values make sense, naming each offending field.

use std::fmt;

mod bill;
mod checker;
mod costs;
mod deployment;
pub mod limits;
mod ranges;

use super::ranges::{Ranges, WorkloadInput};
use super::{ApiOption, Deployment, Electricity, OptionRef, Scenario, Volume, Workload};
use checker::{Checker, plain_number};
use deployment::check_deployment;
pub use deployment::{CeilingReason, VolumeCeiling, node_ceiling, volume_ceiling};
use ranges::range_problems;

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
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Every problem in the scenario; empty when it can be evaluated as intended.
pub fn validate(scenario: &Scenario) -> Vec<Problem> {
    let mut check = Checker {
        problems: Vec::new(),
    };
    check.text("title", &scenario.title, limits::NAME_CHARS, true);
    check.text(
        "description",
        &scenario.description,
        limits::TEXT_CHARS,
        false,
    );
    for (index, source) in scenario.sources.iter().enumerate() {
        let at = |field: &str| format!("sources[{index}].{field}");
        check.text(at("figure"), &source.figure, limits::TEXT_CHARS, false);
        check.text(at("source"), &source.source, limits::TEXT_CHARS, false);
        check.text(at("as_of"), &source.as_of, limits::NAME_CHARS, true);
    }
    check.range(
        "hours_per_month",
        scenario.hours_per_month,
        limits::HOURS_PER_MONTH,
        "hours",
    );
    check.range(
        "days_per_month",
        scenario.days_per_month,
        limits::DAYS_PER_MONTH,
        "days",
    );
    check_workload(&mut check, scenario);
    check_timeline(&mut check, scenario);
    for (index, api) in scenario.apis.iter().enumerate() {
        check_api(&mut check, scenario, index, api);
    }
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        check_deployment(&mut check, scenario, index, deployment);
    }
    check_ranges(&mut check, scenario);
    costs::check_costs(&mut check, scenario);
    bill::check_bill(&mut check, scenario);
    if let Some(hybrid) = &scenario.hybrid {
        check.range(
            "hybrid.local_share",
            hybrid.local_share,
            (0.0, 1.0),
            "(a share)",
        );
        if scenario.hybrid_deployment().is_none() {
            check.fail(
                "hybrid.deployment".to_owned(),
                format!("no deployment is {}", described(&hybrid.deployment)),
            );
        }
        if scenario.hybrid_api().is_none() {
            check.fail(
                "hybrid.api".to_owned(),
                format!("no API is {}", described(&hybrid.api)),
            );
        }
    }
    check.problems
}

/// The timeline's horizon, growth and monthly volumes.
fn check_timeline(check: &mut Checker, scenario: &Scenario) {
    let timeline = &scenario.timeline;
    let (min_months, max_months) = limits::TIMELINE_MONTHS;
    if timeline.volumes.is_empty() {
        if !(min_months..=max_months).contains(&timeline.months) {
            check.fail(
                "timeline.months".to_owned(),
                format!(
                    "must be between {min_months} and {max_months} months (it is {})",
                    timeline.months
                ),
            );
        }
    } else if timeline.volumes.len() > max_months as usize {
        check.fail(
            "timeline.volumes".to_owned(),
            format!(
                "lists {} months; the timeline covers at most {max_months}",
                timeline.volumes.len()
            ),
        );
    }
    let (low, high) = limits::GROWTH_PER_MONTH;
    if !timeline.growth_per_month.is_finite() || !(low..=high).contains(&timeline.growth_per_month)
    {
        let hint = if timeline.growth_per_month.abs() > 1.0 {
            format!(
                "; for {}% a month write {}",
                plain_number(timeline.growth_per_month),
                plain_number(timeline.growth_per_month / 100.0)
            )
        } else {
            String::new()
        };
        check.fail(
            "timeline.growth_per_month".to_owned(),
            format!(
                "must be between {:.0}% and {:.0}% a month, written as a share (it is {}{hint})",
                low * 100.0,
                high * 100.0,
                plain_number(timeline.growth_per_month)
            ),
        );
    }
    for (index, volume) in timeline.volumes.iter().enumerate() {
        check.tokens_per_month(format!("timeline.volumes[{index}]"), *volume);
    }
}

/// The low and high guesses of every part of the scenario.
fn check_ranges(check: &mut Checker, scenario: &Scenario) {
    let mut problems = range_problems(
        "workload",
        &scenario.workload.ranges,
        |input| Some(input.value(scenario)),
        |input| input.limits(),
    );
    for (index, api) in scenario.apis.iter().enumerate() {
        problems.extend(api_range_problems(&format!("apis[{index}]"), api));
    }
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        problems.extend(deployment_range_problems(
            &format!("deployments[{index}]"),
            deployment,
        ));
    }
    for (field, message) in problems {
        check.fail(field, message);
    }
}

/// Problems with the workload's ranges of shares, which the workload alone decides.
pub fn workload_share_range_problems(workload: &Workload) -> Vec<(String, String)> {
    let shares = Ranges::from_iter(
        workload
            .ranges
            .iter()
            .filter(|(input, _)| **input != WorkloadInput::HoursPerMonth)
            .map(|(input, range)| (*input, *range)),
    );
    let scenario_like = Scenario {
        workload: workload.clone(),
        ..Scenario::default()
    };
    range_problems(
        "workload",
        &shares,
        |input| Some(input.value(&scenario_like)),
        |input| input.limits(),
    )
}

/// Problems with an API's ranges; `at` names it in messages.
pub fn api_range_problems(at: &str, api: &ApiOption) -> Vec<(String, String)> {
    range_problems(
        at,
        &api.ranges,
        |input| input.value(api),
        |input| input.limits(),
    )
}

/// Problems with a deployment's ranges; `at` names it in messages.
pub fn deployment_range_problems(at: &str, deployment: &Deployment) -> Vec<(String, String)> {
    range_problems(
        at,
        &deployment.ranges,
        |input| input.value(deployment),
        |input| input.limits(),
    )
}

/// "named "GPT-4o"" or "with id 3": how a problem names the option a hybrid points to.
fn described(reference: &OptionRef) -> String {
    match reference {
        OptionRef::Name(_) => format!("named {reference}"),
        OptionRef::Id(_) => format!("with {reference}"),
    }
}

fn check_workload(check: &mut Checker, scenario: &Scenario) {
    let workload = &scenario.workload;
    match workload.volume {
        Volume::Tokens {
            tokens_per_month,
            input_share,
        } => {
            check.tokens_per_month("workload.volume.tokens_per_month", tokens_per_month);
            check.range(
                "workload.volume.input_share",
                input_share,
                (0.0, 1.0),
                "(a share)",
            );
        }
        Volume::Requests {
            requests_per_day,
            input_tokens_per_request,
            output_tokens_per_request,
        } => {
            let before = check.problems.len();
            check.scales_with_volume(
                "workload.volume.requests_per_day",
                requests_per_day,
                limits::REQUESTS_PER_DAY,
                "requests per day",
            );
            check.range(
                "workload.volume.input_tokens_per_request",
                input_tokens_per_request,
                limits::TOKENS_PER_REQUEST,
                "tokens",
            );
            check.range(
                "workload.volume.output_tokens_per_request",
                output_tokens_per_request,
                limits::TOKENS_PER_REQUEST,
                "tokens",
            );
            if check.problems.len() == before {
                if input_tokens_per_request + output_tokens_per_request <= 0.0 {
                    check.fail(
                        "workload.volume.input_tokens_per_request".to_owned(),
                        "a request needs at least one input or output token".to_owned(),
                    );
                }
                let tokens = scenario.tokens_per_month();
                if tokens > limits::TOKENS_PER_MONTH.1 {
                    check.fail(
                        "workload.volume".to_owned(),
                        format!(
                            "requests_per_day × tokens per request × days_per_month is {} \
                             tokens per month, above the {} this tool models; lower the \
                             requests or the tokens per request",
                            plain_number(tokens),
                            plain_number(limits::TOKENS_PER_MONTH.1)
                        ),
                    );
                }
            }
        }
    }
    check.range(
        "workload.cached_input_share",
        workload.cached_input_share,
        (0.0, 1.0),
        "(a share)",
    );
    check.range(
        "workload.batch_share",
        workload.batch_share,
        (0.0, 1.0),
        "(a share)",
    );
}

fn check_api(check: &mut Checker, scenario: &Scenario, index: usize, api: &ApiOption) {
    let at = |field: &str| format!("apis[{index}].{field}");
    check.name(at("name"), &api.name);
    if scenario.apis[..index]
        .iter()
        .any(|other| other.name == api.name)
    {
        check.fail(
            at("name"),
            format!("{:?} is used by two APIs; names must differ", api.name),
        );
    }
    let price = limits::USD_PER_MILLION_TOKENS;
    check.range(
        at("usd_per_million_input"),
        api.usd_per_million_input,
        price,
        "$ per 1M tokens",
    );
    if let Some(cached) = api.usd_per_million_cached_input {
        check.range(
            at("usd_per_million_cached_input"),
            cached,
            price,
            "$ per 1M tokens",
        );
    }
    check.range(
        at("usd_per_million_output"),
        api.usd_per_million_output,
        price,
        "$ per 1M tokens",
    );
    if api.usd_per_million_input == 0.0 && api.usd_per_million_output == 0.0 {
        check.fail(
            at("usd_per_million_input"),
            "input and output are both priced at zero: an API that charges nothing \
             always wins; give its prices per 1M tokens"
                .to_owned(),
        );
    }
    check.range(
        at("batch_discount"),
        api.batch_discount,
        (0.0, 1.0),
        "(a share)",
    );
}

/// Settings that parse and are in range but contradict each other: each is kept as
/// given (the report is still right) and reported as a warning naming the field.
pub fn contradictions(scenario: &Scenario) -> Vec<Problem> {
    let mut found = Vec::new();
    if scenario.workload.long_context_share > 0.0 && !scenario.workload.classes.is_empty() {
        found.push(Problem {
            field: "workload.long_context_share".to_owned(),
            message: "is ignored: the request classes say which requests pass a \
                      long-context threshold"
                .to_owned(),
        });
    } else if scenario.workload.long_context_share > 0.0
        && scenario.apis.iter().all(|api| api.long_context.is_none())
    {
        found.push(Problem {
            field: "workload.long_context_share".to_owned(),
            message: "is ignored: no API has a long-context price".to_owned(),
        });
    }
    if !scenario.workload.classes.is_empty()
        && scenario
            .workload
            .ranges
            .contains_key(&crate::scenario::ranges::WorkloadInput::InputShare)
    {
        found.push(Problem {
            field: "workload.ranges".to_owned(),
            message: "the input share's range moves nothing: the request classes set the \
                      input share"
                .to_owned(),
        });
    }
    if scenario.workload.tool_calls() > 0.0
        && scenario
            .apis
            .iter()
            .all(|api| api.usd_per_thousand_tool_calls == 0.0)
    {
        found.push(Problem {
            field: "workload.tool_calls_per_request".to_owned(),
            message: "is ignored: no API bills tool calls (give one a tool fee)".to_owned(),
        });
    }
    found.extend(bill::tier_contradictions(scenario));
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        let at = |field: &str| format!("deployments[{index}].{field}");
        let hardware = &deployment.hardware;
        if hardware.load_watts < hardware.idle_watts {
            found.push(Problem {
                field: at("hardware.load_watts"),
                message: format!(
                    "{} W under load is less than {} W idle; the extra draw under load is \
                     taken as zero",
                    plain_number(hardware.load_watts),
                    plain_number(hardware.idle_watts)
                ),
            });
        }
        let electricity_set = match deployment.electricity {
            Electricity::Flat {
                usd_per_month_per_node,
            } => usd_per_month_per_node != 0.0,
            ref metered => *metered != Electricity::default(),
        };
        if !deployment.compute.is_bought() && electricity_set {
            found.push(Problem {
                field: at("electricity"),
                message: "is ignored: rented nodes include power in their price".to_owned(),
            });
        }
        if !deployment.compute.is_bought() && !deployment.owning.is_default() {
            found.push(Problem {
                field: at("owning"),
                message: "is ignored: cost of capital, maintenance, facilities and setup \
                          apply to bought nodes (rent includes them)"
                    .to_owned(),
            });
        }
    }
    found
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
    fn large_numbers_are_written_with_four_digits() {
        assert_eq!(plain_number(1e15), "1e15");
        assert_eq!(plain_number(3.805_175_038e12), "3.805e12");
        assert_eq!(plain_number(0.5), "0.5");
        assert_eq!(plain_number(f64::NAN), "not a number");
        assert_eq!(plain_number(0.4 * 0.001), "0.0004");
        assert_eq!(plain_number(1234.5678901), "1234.57");
    }

    #[test]
    fn duplicate_names_are_refused() {
        let mut scenario = Scenario::default();
        let priced = ApiOption {
            usd_per_million_input: 1.0,
            ..ApiOption::default()
        };
        scenario.apis.push(priced.clone());
        scenario.apis.push(priced);
        assert_eq!(validate(&scenario)[0].field, "apis[1].name");
    }
}
