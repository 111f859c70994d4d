//! The scenario over time: each option's cash cost month by month as volume grows, the
//! cumulative totals, the month each self-hosted option breaks even with the API, and the
//! month to switch that costs least over the horizon.
//!
//! Costs are cash (see [`cash`]): a bought node is paid in the month it is first needed,
//! not written off. The timeline uses each input's value; ranges do not widen it.

mod cash;
mod switch;
pub mod words;

use serde::Serialize;

use super::basis::Basis;
use super::constraints::{self, AppliedConstraint};
use super::options::{OptionSource, PricedOption, priced_options};
use super::{OptionKey, OptionKind, guard};
use crate::scenario::Scenario;
use crate::scenario::validate::limits;
use crate::units::{Currency, format_percent, format_tokens};
use cash::Payment;
pub use switch::{BestSwitch, BreakEven};

/// Every option's cost over the months of the horizon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Timeline {
    /// Months covered (after any cut where volume leaves what the tool models).
    pub months: u32,
    /// Growth of volume per month as a share; 0 when the volumes come from a list.
    pub growth_per_month: f64,
    /// Whether the monthly volumes come from a list rather than growth.
    pub from_list: bool,
    /// One row per month, month 1 first.
    pub rows: Vec<TimelineRow>,
    /// Per self-hosted option: the first month its cumulative cost is at most the API's.
    pub break_even: Vec<BreakEven>,
    /// Per self-hosted option: the month to leave the API that costs least over the
    /// horizon, and what it saves against staying.
    pub best_switch: Vec<BestSwitch>,
    /// What the reader must know (the horizon was cut, an option is left out).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The scenario's constraints, as the report applies them: the timeline's answer
    /// recommends only what they allow (costs are unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub constraints_applied: Vec<AppliedConstraint>,
    /// The currency its words show amounts in (the `_usd` numbers stay in US dollars).
    #[serde(skip_serializing_if = "Currency::is_usd")]
    pub currency: Currency,
}

/// One month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    /// 1 for the first month.
    pub month: u32,
    /// Tokens that month.
    pub tokens: f64,
    /// Every option's cost that month, in display order.
    pub costs: Vec<MonthCost>,
}

/// One option in one month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthCost {
    /// The option's key (the report's row has the same).
    pub option_id: OptionKey,
    /// The option's name.
    pub option: String,
    /// Cash paid that month, $.
    pub monthly_usd: f64,
    /// Cash paid from month 1 to this one, $.
    pub cumulative_usd: f64,
    /// Of the month's cost, nodes bought that month (bought deployments only), $.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub purchase_usd: Option<f64>,
    /// Why it cannot run as configured this month, when it cannot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cannot_run: Option<String>,
}

/// One option's months, before they are laid out in rows.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub(crate) key: OptionKey,
    pub(crate) name: String,
    pub(crate) kind: OptionKind,
    payment: Payment,
    /// Cash per month, from month 1.
    monthly: Vec<f64>,
    purchases: Vec<f64>,
    /// Why it cannot run each month (`None` where it can).
    blocked: Vec<Option<String>>,
    /// For a hybrid: its API and that API's one-off cost, which a switch from that same
    /// API has already paid (in its month 1).
    shared_one_off: Option<(OptionKey, f64)>,
}

impl Series {
    fn cumulative(&self) -> Vec<f64> {
        self.monthly
            .iter()
            .scan(0.0, |total, cost| {
                *total += cost;
                Some(*total)
            })
            .collect()
    }

    fn runs_in(&self, months: std::ops::Range<usize>) -> bool {
        self.blocked[months].iter().all(Option::is_none)
    }
}

/// The timeline of `scenario` with its own settings.
pub fn timeline(scenario: &Scenario) -> Timeline {
    let options = priced_options(scenario);
    build(scenario, &options)
}

/// The timeline of `scenario`, whose options are already priced.
pub(crate) fn build(scenario: &Scenario, options: &[PricedOption]) -> Timeline {
    let settings = &scenario.timeline;
    let mut warnings = Vec::new();
    let mut volumes = settings.volumes_from(guard::non_negative(scenario.tokens_per_month()));
    let (_, max_volume) = limits::TOKENS_PER_MONTH;
    if let Some(past) = volumes
        .iter()
        .position(|v| !v.is_finite() || *v > max_volume)
    {
        // The first month is the scenario's own volume, which is always within the limit.
        let kept = past.max(1);
        warnings.push(format!(
            "At {} growth a month the volume passes {} tokens/month after month {kept}; \
             the timeline stops there.",
            format_percent(settings.growth_per_month),
            format_tokens(max_volume),
        ));
        volumes.truncate(kept);
    }
    let basis = Basis::of(scenario);
    let series: Vec<Series> = options
        .iter()
        .filter_map(|option| {
            let payment = Payment::of(option, &basis, &volumes)?;
            let cash = payment.months_from(0);
            Some(Series {
                key: option.key,
                name: option.name.clone(),
                kind: option.kind,
                payment,
                monthly: cash.iter().map(|month| month.total).collect(),
                purchases: cash.iter().map(|month| month.purchase).collect(),
                blocked: volumes
                    .iter()
                    .map(|v| option.reach.reason_at(*v).map(|reason| reason.to_string()))
                    .collect(),
                shared_one_off: match option.source {
                    OptionSource::Hybrid { api, api_key, .. }
                        if !basis.accounting.one_offs_are_sunk() =>
                    {
                        Some((api_key, guard::non_negative(api.overheads.one_off_usd)))
                    }
                    _ => None,
                },
            })
        })
        .collect();
    let cumulative: Vec<Vec<f64>> = series.iter().map(Series::cumulative).collect();
    let rows = volumes
        .iter()
        .enumerate()
        .map(|(index, tokens)| TimelineRow {
            month: month_number(index),
            tokens: *tokens,
            costs: series
                .iter()
                .zip(&cumulative)
                .map(|(one, cumulative)| MonthCost {
                    option_id: one.key,
                    option: one.name.clone(),
                    monthly_usd: one.monthly[index],
                    cumulative_usd: cumulative[index],
                    purchase_usd: one
                        .payment
                        .depends_on_start()
                        .then_some(one.purchases[index]),
                    cannot_run: one.blocked[index].clone(),
                })
                .collect(),
        })
        .collect();
    let (break_even, best_switch) = switch::decisions(&series);
    Timeline {
        months: u32::try_from(volumes.len()).unwrap_or(u32::MAX),
        growth_per_month: if settings.volumes.is_empty() {
            settings.growth_per_month
        } else {
            0.0
        },
        from_list: !settings.volumes.is_empty(),
        rows,
        break_even,
        best_switch,
        warnings,
        constraints_applied: constraints::assess(scenario, options).applied,
        currency: scenario.currency.clone(),
    }
}

/// The month number of the row at `index` (month 1 at index 0).
fn month_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

impl Timeline {
    /// Names of the options, in the rows' order.
    pub fn option_names(&self) -> Vec<&str> {
        self.rows.first().map_or_else(Vec::new, |row| {
            row.costs.iter().map(|cost| cost.option.as_str()).collect()
        })
    }

    /// Keys of the options, in the rows' order.
    pub fn option_keys(&self) -> Vec<OptionKey> {
        self.rows.first().map_or_else(Vec::new, |row| {
            row.costs.iter().map(|cost| cost.option_id).collect()
        })
    }

    /// Each option's cash per year of the horizon (the last year may be partial):
    /// `(first month, last month, cost of each option)`.
    pub fn yearly(&self) -> Vec<(u32, u32, Vec<f64>)> {
        self.rows
            .chunks(12)
            .map(|year| {
                let first = year.first().map_or(1, |row| row.month);
                let last = year.last().map_or(1, |row| row.month);
                let mut totals = vec![0.0; year.first().map_or(0, |row| row.costs.len())];
                for row in year {
                    for (total, cost) in totals.iter_mut().zip(&row.costs) {
                        *total += cost.monthly_usd;
                    }
                }
                (first, last, totals)
            })
            .collect()
    }

    /// Which self-hosted option the timeline's headline and chart are about: the one whose
    /// best switch saves most (the first of equals, so the first self-hosted option when
    /// none saves anything); an index into `best_switch` and `break_even`.
    /// A constraint that rules the API out leaves no switch to recommend (`None`), and a
    /// self-hosted option a constraint rules out is never the one.
    pub fn headline_index(&self) -> Option<usize> {
        self.best_switch
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, switch)| {
                !self.is_ruled_out(switch.pair.self_hosted) && !self.is_ruled_out(switch.pair.api)
            })
            .max_by(|a, b| a.1.saving_usd.total_cmp(&b.1.saving_usd))
            .map(|(index, _)| index)
    }

    /// Whether a constraint rules the option out of the recommendation.
    pub fn is_ruled_out(&self, key: OptionKey) -> bool {
        self.constraints_applied
            .iter()
            .any(|applied| applied.rules_out_ids.contains(&key))
    }

    /// Each option's total over the whole horizon, in the rows' order.
    pub fn totals(&self) -> Vec<f64> {
        self.rows.last().map_or_else(Vec::new, |row| {
            row.costs.iter().map(|cost| cost.cumulative_usd).collect()
        })
    }
}

#[cfg(test)]
mod tests;
