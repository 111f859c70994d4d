//! The inputs of an API, a deployment and the workload that can carry a range: each
//! with its name, how to read and set it, its limits and which way it moves the cost.

use serde::{Deserialize, Serialize};

use super::Direction;
use crate::scenario::validate::limits;
use crate::scenario::{ApiOption, Compute, Deployment, Electricity, Scenario, Volume, Workload};

/// An API's numeric inputs that can carry a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ApiInput {
    /// $ per 1M input tokens.
    InputPrice,
    /// $ per 1M cached input tokens (only when the API has a cached price).
    CachedInputPrice,
    /// $ per 1M output tokens.
    OutputPrice,
    /// Discount on batch traffic.
    BatchDiscount,
}

impl ApiInput {
    /// Every API input, in the order controls show them.
    pub const ALL: [ApiInput; 4] = [
        ApiInput::InputPrice,
        ApiInput::CachedInputPrice,
        ApiInput::OutputPrice,
        ApiInput::BatchDiscount,
    ];

    /// How a person names it.
    pub fn label(self) -> &'static str {
        match self {
            ApiInput::InputPrice => "input price",
            ApiInput::CachedInputPrice => "cached input price",
            ApiInput::OutputPrice => "output price",
            ApiInput::BatchDiscount => "batch discount",
        }
    }

    /// Its current value; `None` when the API has no such figure.
    pub fn value(self, api: &ApiOption) -> Option<f64> {
        match self {
            ApiInput::InputPrice => Some(api.usd_per_million_input),
            ApiInput::CachedInputPrice => api.usd_per_million_cached_input,
            ApiInput::OutputPrice => Some(api.usd_per_million_output),
            ApiInput::BatchDiscount => Some(api.batch_discount),
        }
    }

    /// Sets it (a cached price only where the API has one).
    pub fn set(self, api: &mut ApiOption, value: f64) {
        match self {
            ApiInput::InputPrice => api.usd_per_million_input = value,
            ApiInput::CachedInputPrice => {
                if let Some(cached) = &mut api.usd_per_million_cached_input {
                    *cached = value;
                }
            }
            ApiInput::OutputPrice => api.usd_per_million_output = value,
            ApiInput::BatchDiscount => api.batch_discount = value,
        }
    }

    /// The values a file may give it.
    pub fn limits(self) -> (f64, f64) {
        match self {
            ApiInput::BatchDiscount => (0.0, 1.0),
            _ => limits::USD_PER_MILLION_TOKENS,
        }
    }

    /// Its effect on the API's cost (and a hybrid's that uses the API).
    pub fn direction(self) -> Direction {
        match self {
            ApiInput::BatchDiscount => Direction::Lowers,
            _ => Direction::Raises,
        }
    }
}

/// A deployment's numeric inputs that can carry a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum DeploymentInput {
    /// Tokens per second one node serves.
    Throughput,
    /// Planned busy share of a node.
    Utilization,
    /// Engineers, full-time equivalents.
    EngineeringFte,
    /// Loaded cost of one engineer per year.
    EngineerCost,
    /// Infrastructure $ per month.
    Infrastructure,
    /// Purchase price of a bought node.
    PurchasePrice,
    /// Months a bought node is written off over.
    AmortizationMonths,
    /// Resale value of a bought node.
    Resale,
    /// Rent per node-hour.
    HourlyRent,
    /// Rent per node-month.
    MonthlyRent,
    /// Electricity tariff, $ per kWh.
    Tariff,
    /// Power usage effectiveness.
    Pue,
    /// Flat electricity per node-month.
    FlatElectricity,
    /// Idle power of a node.
    IdleWatts,
    /// Full-load power of a node.
    LoadWatts,
}

impl DeploymentInput {
    /// Every deployment input, in the order controls show them.
    pub const ALL: [DeploymentInput; 15] = [
        DeploymentInput::Throughput,
        DeploymentInput::Utilization,
        DeploymentInput::EngineeringFte,
        DeploymentInput::EngineerCost,
        DeploymentInput::Infrastructure,
        DeploymentInput::PurchasePrice,
        DeploymentInput::AmortizationMonths,
        DeploymentInput::Resale,
        DeploymentInput::HourlyRent,
        DeploymentInput::MonthlyRent,
        DeploymentInput::Tariff,
        DeploymentInput::Pue,
        DeploymentInput::FlatElectricity,
        DeploymentInput::IdleWatts,
        DeploymentInput::LoadWatts,
    ];

    /// How a person names it.
    pub fn label(self) -> &'static str {
        match self {
            DeploymentInput::Throughput => "throughput",
            DeploymentInput::Utilization => "utilization",
            DeploymentInput::EngineeringFte => "engineering FTE",
            DeploymentInput::EngineerCost => "engineer cost",
            DeploymentInput::Infrastructure => "infrastructure",
            DeploymentInput::PurchasePrice => "purchase price",
            DeploymentInput::AmortizationMonths => "write-off months",
            DeploymentInput::Resale => "resale value",
            DeploymentInput::HourlyRent => "rent per hour",
            DeploymentInput::MonthlyRent => "rent per month",
            DeploymentInput::Tariff => "electricity tariff",
            DeploymentInput::Pue => "PUE",
            DeploymentInput::FlatElectricity => "electricity per node",
            DeploymentInput::IdleWatts => "idle power",
            DeploymentInput::LoadWatts => "load power",
        }
    }

    /// Its current value; `None` when the deployment is not paid for that way (power
    /// figures count only for bought nodes: rent includes power).
    pub fn value(self, deployment: &Deployment) -> Option<f64> {
        let d = deployment;
        let power = matches!(
            self,
            DeploymentInput::Tariff
                | DeploymentInput::Pue
                | DeploymentInput::FlatElectricity
                | DeploymentInput::IdleWatts
                | DeploymentInput::LoadWatts
        );
        if power && !d.compute.is_bought() {
            return None;
        }
        match (self, &d.compute, &d.electricity) {
            (DeploymentInput::Throughput, ..) => Some(d.throughput_tokens_per_second),
            (DeploymentInput::Utilization, ..) => Some(d.utilization),
            (DeploymentInput::EngineeringFte, ..) => Some(d.engineering_fte),
            (DeploymentInput::EngineerCost, ..) => Some(d.engineer_usd_per_year),
            (DeploymentInput::Infrastructure, ..) => Some(d.infrastructure_usd_per_month),
            (DeploymentInput::PurchasePrice, Compute::Bought { price_usd, .. }, _) => {
                Some(*price_usd)
            }
            (
                DeploymentInput::AmortizationMonths,
                Compute::Bought {
                    amortization_months,
                    ..
                },
                _,
            ) => Some(*amortization_months),
            (DeploymentInput::Resale, Compute::Bought { resale_usd, .. }, _) => Some(*resale_usd),
            (DeploymentInput::HourlyRent, Compute::RentedHourly { usd_per_hour, .. }, _) => {
                Some(*usd_per_hour)
            }
            (DeploymentInput::MonthlyRent, Compute::RentedMonthly { usd_per_month }, _) => {
                Some(*usd_per_month)
            }
            (DeploymentInput::Tariff, _, Electricity::Metered { usd_per_kwh, .. }) => {
                Some(*usd_per_kwh)
            }
            (DeploymentInput::Pue, _, Electricity::Metered { pue, .. }) => Some(*pue),
            (
                DeploymentInput::FlatElectricity,
                _,
                Electricity::Flat {
                    usd_per_month_per_node,
                },
            ) => Some(*usd_per_month_per_node),
            (DeploymentInput::IdleWatts, ..) => Some(d.hardware.idle_watts),
            (DeploymentInput::LoadWatts, ..) => Some(d.hardware.load_watts),
            _ => None,
        }
    }

    /// Sets it, where the deployment has it.
    pub fn set(self, deployment: &mut Deployment, value: f64) {
        let d = deployment;
        match (self, &mut d.compute, &mut d.electricity) {
            (DeploymentInput::Throughput, ..) => d.throughput_tokens_per_second = value,
            (DeploymentInput::Utilization, ..) => d.utilization = value,
            (DeploymentInput::EngineeringFte, ..) => d.engineering_fte = value,
            (DeploymentInput::EngineerCost, ..) => d.engineer_usd_per_year = value,
            (DeploymentInput::Infrastructure, ..) => d.infrastructure_usd_per_month = value,
            (DeploymentInput::PurchasePrice, Compute::Bought { price_usd, .. }, _) => {
                *price_usd = value;
            }
            (
                DeploymentInput::AmortizationMonths,
                Compute::Bought {
                    amortization_months,
                    ..
                },
                _,
            ) => *amortization_months = value,
            (DeploymentInput::Resale, Compute::Bought { resale_usd, .. }, _) => {
                *resale_usd = value;
            }
            (DeploymentInput::HourlyRent, Compute::RentedHourly { usd_per_hour, .. }, _) => {
                *usd_per_hour = value;
            }
            (DeploymentInput::MonthlyRent, Compute::RentedMonthly { usd_per_month }, _) => {
                *usd_per_month = value;
            }
            (DeploymentInput::Tariff, _, Electricity::Metered { usd_per_kwh, .. }) => {
                *usd_per_kwh = value;
            }
            (DeploymentInput::Pue, _, Electricity::Metered { pue, .. }) => *pue = value,
            (
                DeploymentInput::FlatElectricity,
                _,
                Electricity::Flat {
                    usd_per_month_per_node,
                },
            ) => *usd_per_month_per_node = value,
            (DeploymentInput::IdleWatts, ..) => d.hardware.idle_watts = value,
            (DeploymentInput::LoadWatts, ..) => d.hardware.load_watts = value,
            _ => {}
        }
    }

    /// The values a file may give it.
    pub fn limits(self) -> (f64, f64) {
        match self {
            DeploymentInput::Throughput => limits::THROUGHPUT,
            DeploymentInput::Utilization => limits::UTILIZATION,
            DeploymentInput::EngineeringFte => limits::FTE,
            DeploymentInput::EngineerCost => limits::ENGINEER_USD_PER_YEAR,
            DeploymentInput::Infrastructure => limits::INFRASTRUCTURE_USD_PER_MONTH,
            DeploymentInput::PurchasePrice | DeploymentInput::Resale => limits::PRICE_USD,
            DeploymentInput::AmortizationMonths => limits::AMORTIZATION_MONTHS,
            DeploymentInput::HourlyRent => limits::USD_PER_HOUR,
            DeploymentInput::MonthlyRent | DeploymentInput::FlatElectricity => {
                limits::USD_PER_NODE_MONTH
            }
            DeploymentInput::Tariff => limits::USD_PER_KWH,
            DeploymentInput::Pue => limits::PUE,
            DeploymentInput::IdleWatts | DeploymentInput::LoadWatts => limits::WATTS,
        }
    }

    /// Its effect on the deployment's cost: more throughput, utilization, write-off
    /// months or resale value mean fewer nodes or a smaller write-off; everything else
    /// is a price or an amount of something paid for.
    pub fn direction(self) -> Direction {
        match self {
            DeploymentInput::Throughput
            | DeploymentInput::Utilization
            | DeploymentInput::AmortizationMonths
            | DeploymentInput::Resale => Direction::Lowers,
            _ => Direction::Raises,
        }
    }
}

/// The workload's (and month's) numeric inputs that can carry a range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum WorkloadInput {
    /// input / (input + output).
    InputShare,
    /// Share of input served from the prompt cache.
    CachedInputShare,
    /// Share of traffic sent through a batch API.
    BatchShare,
    /// Hours in a month (capacity and always-on rent both scale with it).
    HoursPerMonth,
}

impl WorkloadInput {
    /// Every workload input, in the order controls show them.
    pub const ALL: [WorkloadInput; 4] = [
        WorkloadInput::InputShare,
        WorkloadInput::CachedInputShare,
        WorkloadInput::BatchShare,
        WorkloadInput::HoursPerMonth,
    ];

    /// How a person names it.
    pub fn label(self) -> &'static str {
        match self {
            WorkloadInput::InputShare => "input share",
            WorkloadInput::CachedInputShare => "cached input share",
            WorkloadInput::BatchShare => "batch share",
            WorkloadInput::HoursPerMonth => "hours per month",
        }
    }

    /// Its current value.
    pub fn value(self, scenario: &Scenario) -> f64 {
        let workload = &scenario.workload;
        match self {
            WorkloadInput::InputShare => workload.input_share(),
            WorkloadInput::CachedInputShare => workload.cached_input_share,
            WorkloadInput::BatchShare => workload.batch_share,
            WorkloadInput::HoursPerMonth => scenario.hours_per_month,
        }
    }

    /// Sets it; an input share given per request keeps the tokens per request and
    /// splits them anew, so the monthly volume does not move.
    pub fn set(self, scenario: &mut Scenario, value: f64) {
        let workload: &mut Workload = &mut scenario.workload;
        match self {
            WorkloadInput::InputShare => match &mut workload.volume {
                Volume::Tokens { input_share, .. } => *input_share = value,
                Volume::Requests {
                    input_tokens_per_request,
                    output_tokens_per_request,
                    ..
                } => {
                    let total = *input_tokens_per_request + *output_tokens_per_request;
                    *input_tokens_per_request = total * value;
                    *output_tokens_per_request = total * (1.0 - value);
                }
            },
            WorkloadInput::CachedInputShare => workload.cached_input_share = value,
            WorkloadInput::BatchShare => workload.batch_share = value,
            WorkloadInput::HoursPerMonth => scenario.hours_per_month = value,
        }
    }

    /// The values a file may give it.
    pub fn limits(self) -> (f64, f64) {
        match self {
            WorkloadInput::HoursPerMonth => limits::HOURS_PER_MONTH,
            _ => (0.0, 1.0),
        }
    }
}
