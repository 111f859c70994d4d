//! What every option is costed against besides its own inputs: the month's hours, the
//! traffic's shape, and how costs are counted. Read once from the scenario so every
//! option, the chart and the timeline price with the same basis.

use super::guard::non_negative;
use crate::scenario::{Accounting, Scenario};

/// The scenario-wide figures a cost depends on.
#[derive(Clone, Debug, PartialEq)]
pub struct Basis {
    /// Hours in a month.
    pub hours_per_month: f64,
    /// Share of the day traffic comes in (active hours / 24), within (0, 1].
    pub active_share: f64,
    /// Peak traffic over the active hours' average, at least 1.
    pub peak_to_average: f64,
    /// input / (input + output), for nodes with separate prefill and decode rates.
    pub input_share: f64,
    /// The lens and the horizon one-off costs are spread over.
    pub accounting: Accounting,
    /// Tokens of the prompt prefix kept in an API's cache (0 without one): what cache
    /// storage is billed on.
    pub cached_prefix_tokens: f64,
}

impl Basis {
    /// The basis of `scenario`.
    pub fn of(scenario: &Scenario) -> Self {
        Self {
            hours_per_month: non_negative(scenario.hours_per_month),
            active_share: scenario.workload.active_share(),
            peak_to_average: scenario.workload.peak_to_average(),
            input_share: scenario.workload.input_share(),
            accounting: scenario.accounting.clone(),
            cached_prefix_tokens: scenario
                .workload
                .prompt_prefix
                .as_ref()
                .map_or(0.0, |prefix| non_negative(prefix.tokens)),
        }
    }

    /// Hours a month the prompt cache is kept: the active hours of every day.
    pub fn cached_hours(&self) -> f64 {
        self.hours_per_month * self.active_share
    }

    /// A basis with only the month's hours: all-day traffic without peaks, full cost.
    pub fn hours(hours_per_month: f64) -> Self {
        Self {
            hours_per_month,
            active_share: 1.0,
            peak_to_average: 1.0,
            input_share: 0.5,
            accounting: Accounting::default(),
            cached_prefix_tokens: 0.0,
        }
    }
}
