//! Checks that a scenario's values make sense, naming each offending field.

use std::fmt;

use super::{ApiOption, Compute, Deployment, Electricity, OptionRef, Scenario, Volume};

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

/// The plausible range of every input. Generous (a volume of 10¹⁵ tokens a month, a
/// $100M node), but every value inside gives finite, countable results, so the engine
/// never has to print "inf", "NaN" or a saturated count. The README lists them.
pub mod limits {
    /// Tokens per month, input plus output.
    pub const TOKENS_PER_MONTH: (f64, f64) = (0.0, 1e15);
    /// Requests per day.
    pub const REQUESTS_PER_DAY: (f64, f64) = (0.0, 1e12);
    /// Input or output tokens in one request.
    pub const TOKENS_PER_REQUEST: (f64, f64) = (0.0, 10e6);
    /// An API price, $ per 1M tokens.
    pub const USD_PER_MILLION_TOKENS: (f64, f64) = (0.0, 10_000.0);
    /// Throughput of one node, tokens per second.
    pub const THROUGHPUT: (f64, f64) = (0.01, 10e6);
    /// Planned utilization of a node.
    pub const UTILIZATION: (f64, f64) = (0.01, 1.0);
    /// Spare nodes kept idle.
    pub const SPARE_NODES: u32 = 10_000;
    /// Serving nodes one deployment may need at the scenario's volume.
    pub const SERVING_NODES: f64 = 1e9;
    /// Memory of a node, GB.
    pub const MEMORY_GB: (f64, f64) = (0.1, 1e6);
    /// Power draw of a node, W.
    pub const WATTS: (f64, f64) = (0.0, 1e6);
    /// Model size, billions of parameters.
    pub const PARAMS_BILLION: (f64, f64) = (0.001, 100_000.0);
    /// KV cache set aside, GB.
    pub const KV_CACHE_GB: (f64, f64) = (0.0, 1e6);
    /// Engineers, full-time equivalents.
    pub const FTE: (f64, f64) = (0.0, 1_000.0);
    /// Loaded cost of one engineer, $ per year.
    pub const ENGINEER_USD_PER_YEAR: (f64, f64) = (0.0, 10e6);
    /// Infrastructure, $ per month.
    pub const INFRASTRUCTURE_USD_PER_MONTH: (f64, f64) = (0.0, 1e9);
    /// Purchase price of one node, $.
    pub const PRICE_USD: (f64, f64) = (0.0, 1e8);
    /// Months a purchase is written off over.
    pub const AMORTIZATION_MONTHS: (f64, f64) = (1.0, 240.0);
    /// Rent, $ per node-hour.
    pub const USD_PER_HOUR: (f64, f64) = (0.0, 10_000.0);
    /// Rent, $ per node-month; also flat electricity per node-month.
    pub const USD_PER_NODE_MONTH: (f64, f64) = (0.0, 1e7);
    /// Electricity tariff, $ per kWh.
    pub const USD_PER_KWH: (f64, f64) = (0.0, 10.0);
    /// Power usage effectiveness.
    pub const PUE: (f64, f64) = (1.0, 3.0);
    /// Hours in a month.
    pub const HOURS_PER_MONTH: (f64, f64) = (1.0, 744.0);
    /// Days in a month.
    pub const DAYS_PER_MONTH: (f64, f64) = (1.0, 31.0);
    /// Characters in an option's name or the title.
    pub const NAME_CHARS: usize = 120;
    /// Characters in a description or a source note.
    pub const TEXT_CHARS: usize = 2_000;
}

/// Collects problems with field paths.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, field: String, message: String) {
        self.problems.push(Problem { field, message });
    }

    /// A finite number within `limits.0..=limits.1`.
    fn range(&mut self, field: impl Into<String>, value: f64, limits: (f64, f64), unit: &str) {
        let (min, max) = limits;
        if !value.is_finite() || value < min || value > max {
            self.fail(
                field.into(),
                format!(
                    "must be between {} and {} {unit} (it is {})",
                    plain_number(min),
                    plain_number(max),
                    plain_number(value)
                ),
            );
        }
    }

    /// Text shown in the app, exports and files: not too long, no control characters
    /// (which would break SVG, CSV and terminal output), optionally not empty.
    fn text(&mut self, field: impl Into<String>, text: &str, max_chars: usize, one_line: bool) {
        let field = field.into();
        let allowed = |c: char| !one_line && (c == '\n' || c == '\t');
        if let Some(bad) = text.chars().find(|c| c.is_control() && !allowed(*c)) {
            let why = if one_line {
                " (names and titles are one line of text)"
            } else {
                ""
            };
            self.fail(
                field,
                format!(
                    "contains the control character U+{:04X}; remove it{why}",
                    u32::from(bad)
                ),
            );
        } else if text.chars().count() > max_chars {
            self.fail(
                field,
                format!(
                    "is {} characters long; at most {max_chars} fit in the chart and exports",
                    text.chars().count()
                ),
            );
        }
    }

    /// An option's name: one line, not empty.
    fn name(&mut self, field: String, name: &str) {
        if name.trim().is_empty() {
            self.fail(field, "must not be empty".to_owned());
        } else {
            self.text(field, name, limits::NAME_CHARS, true);
        }
    }
}

/// A number as a person writes it: 1000000000000000 as "1e15", 0.5 as "0.5".
fn plain_number(value: f64) -> String {
    if value.is_nan() {
        "not a number".to_owned()
    } else if value.is_infinite() {
        "infinite".to_owned()
    } else if value != 0.0 && (value.abs() >= 1e7 || value.abs() < 1e-4) {
        // Four significant digits: "3.805e12", and "1e15" rather than "1.000e15".
        let text = format!("{value:.3e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if mantissa.contains('.') => {
                let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
                format!("{mantissa}e{exponent}")
            }
            _ => text,
        }
    } else {
        format!("{value}")
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
    for (index, api) in scenario.apis.iter().enumerate() {
        check_api(&mut check, scenario, index, api);
    }
    for (index, deployment) in scenario.deployments.iter().enumerate() {
        check_deployment(&mut check, scenario, index, deployment);
    }
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
            check.range(
                "workload.volume.tokens_per_month",
                tokens_per_month,
                limits::TOKENS_PER_MONTH,
                "tokens per month",
            );
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
            check.range(
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

fn check_deployment(
    check: &mut Checker,
    scenario: &Scenario,
    index: usize,
    deployment: &Deployment,
) {
    let at = |field: &str| format!("deployments[{index}].{field}");
    check.name(at("name"), &deployment.name);
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
    check.text(
        at("hardware.name"),
        &deployment.hardware.name,
        limits::NAME_CHARS,
        true,
    );
    check.text(
        at("model.name"),
        &deployment.model.name,
        limits::NAME_CHARS,
        true,
    );
    let before = check.problems.len();
    check.range(
        at("throughput_tokens_per_second"),
        deployment.throughput_tokens_per_second,
        limits::THROUGHPUT,
        "tokens per second (a node that serves nothing can never carry the volume)",
    );
    check.range(
        at("utilization"),
        deployment.utilization,
        limits::UTILIZATION,
        "(a share)",
    );
    if check.problems.len() == before {
        check_node_count(check, scenario, index, deployment);
    }
    if deployment.spare_nodes > limits::SPARE_NODES {
        check.fail(
            at("spare_nodes"),
            format!(
                "must be at most {} (it is {})",
                limits::SPARE_NODES,
                deployment.spare_nodes
            ),
        );
    }
    if deployment.max_nodes == Some(0) {
        check.fail(
            at("max_nodes"),
            "must be at least 1, or left out for no limit".to_owned(),
        );
    }
    check_hardware_and_people(check, &at, deployment);
    check_payment(check, &at, deployment);
}

/// The node's memory and power, the model's size, and the people and infrastructure.
fn check_hardware_and_people(
    check: &mut Checker,
    at: &dyn Fn(&str) -> String,
    deployment: &Deployment,
) {
    check.range(
        at("hardware.memory_gb"),
        deployment.hardware.memory_gb,
        limits::MEMORY_GB,
        "GB",
    );
    check.range(
        at("hardware.idle_watts"),
        deployment.hardware.idle_watts,
        limits::WATTS,
        "W",
    );
    check.range(
        at("hardware.load_watts"),
        deployment.hardware.load_watts,
        limits::WATTS,
        "W",
    );
    check.range(
        at("model.params_billion"),
        deployment.model.params_billion,
        limits::PARAMS_BILLION,
        "billion",
    );
    check.range(
        at("model.kv_cache_gb"),
        deployment.model.kv_cache_gb,
        limits::KV_CACHE_GB,
        "GB",
    );
    check.range(
        at("engineering_fte"),
        deployment.engineering_fte,
        limits::FTE,
        "FTE",
    );
    check.range(
        at("engineer_usd_per_year"),
        deployment.engineer_usd_per_year,
        limits::ENGINEER_USD_PER_YEAR,
        "$ per year",
    );
    check.range(
        at("infrastructure_usd_per_month"),
        deployment.infrastructure_usd_per_month,
        limits::INFRASTRUCTURE_USD_PER_MONTH,
        "$ per month",
    );
}

/// How compute and electricity are paid for.
fn check_payment(check: &mut Checker, at: &dyn Fn(&str) -> String, deployment: &Deployment) {
    match deployment.compute {
        Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd,
        } => {
            check.range(at("compute.price_usd"), price_usd, limits::PRICE_USD, "$");
            check.range(
                at("compute.amortization_months"),
                amortization_months,
                limits::AMORTIZATION_MONTHS,
                "months",
            );
            check.range(
                at("compute.resale_usd"),
                resale_usd,
                (0.0, price_usd.clamp(0.0, limits::PRICE_USD.1)),
                "$ (at most the price)",
            );
        }
        Compute::RentedHourly { usd_per_hour, .. } => {
            check.range(
                at("compute.usd_per_hour"),
                usd_per_hour,
                limits::USD_PER_HOUR,
                "$ per hour",
            );
        }
        Compute::RentedMonthly { usd_per_month } => {
            check.range(
                at("compute.usd_per_month"),
                usd_per_month,
                limits::USD_PER_NODE_MONTH,
                "$ per month",
            );
        }
    }
    match deployment.electricity {
        Electricity::Metered { usd_per_kwh, pue } => {
            check.range(
                at("electricity.usd_per_kwh"),
                usd_per_kwh,
                limits::USD_PER_KWH,
                "$ per kWh",
            );
            check.range(
                at("electricity.pue"),
                pue,
                limits::PUE,
                "(power usage effectiveness)",
            );
        }
        Electricity::Flat {
            usd_per_month_per_node,
        } => check.range(
            at("electricity.usd_per_month_per_node"),
            usd_per_month_per_node,
            limits::USD_PER_NODE_MONTH,
            "$ per month",
        ),
    }
}

/// Refuses a deployment that would need more nodes than anyone can count at the
/// scenario's volume (a throughput typed in the wrong unit, say).
fn check_node_count(
    check: &mut Checker,
    scenario: &Scenario,
    index: usize,
    deployment: &Deployment,
) {
    let capacity = deployment.tokens_per_node_per_month(scenario.hours_per_month);
    let volume = scenario.tokens_per_month();
    if !(capacity > 0.0 && volume <= limits::TOKENS_PER_MONTH.1) {
        return;
    }
    let nodes = (volume / capacity).ceil();
    if nodes > limits::SERVING_NODES {
        check.fail(
            format!("deployments[{index}].throughput_tokens_per_second"),
            format!(
                "at {} tokens per month this deployment would need {} nodes (more than {}); \
                 check the throughput (tokens per second per node), the utilization and the volume",
                plain_number(volume),
                plain_number(nodes),
                plain_number(limits::SERVING_NODES)
            ),
        );
    }
}

/// Settings that parse and are in range but contradict each other: each is kept as
/// given (the report is still right) and reported as a warning naming the field.
pub fn contradictions(scenario: &Scenario) -> Vec<Problem> {
    let mut found = Vec::new();
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
