//! When self-hosting pays off over time: the break-even month, and the month to switch.
//!
//! Each self-hosted option is compared with the API that costs least over the horizon
//! (APIs cost the same per token at every volume, so this is the API the monthly chart
//! compares with too). A month in which the option cannot run as configured (its model
//! does not fit, or it needs more nodes than its limit) can be neither a break-even nor
//! part of a switch: the timeline never recommends a setup that cannot run.

use serde::Serialize;

use super::Series;
use super::month_number;
use crate::engine::{OptionKind, PairKey};

/// When one self-hosted option's cumulative cost first catches up with the API's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BreakEven {
    /// The two options, by key.
    pub pair: PairKey,
    /// The self-hosted option.
    pub self_hosted: String,
    /// The API it is compared with.
    pub api: String,
    /// The first month whose cumulative self-hosted cost is at most the API's, running
    /// as configured in every month up to it; `None` when none within the horizon is.
    pub month: Option<u32>,
}

/// The cheapest month to move from the API to one self-hosted option.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BestSwitch {
    /// The two options, by key.
    pub pair: PairKey,
    /// The self-hosted option.
    pub self_hosted: String,
    /// The API used before the switch.
    pub api: String,
    /// The first month on the self-hosted option (bought nodes are bought from then);
    /// `None` when staying on the API all the way is cheapest.
    pub month: Option<u32>,
    /// Cost over the horizon with that switch (staying on the API when `month` is `None`).
    pub total_usd: f64,
    /// What it saves against staying on the API all the way; 0 when not switching.
    pub saving_usd: f64,
    /// Cost over the horizon staying on the API.
    pub stay_usd: f64,
    /// Why no switch month works: the option cannot run as configured from any month to
    /// the end of the horizon (its model does not fit, or it needs more nodes than its
    /// limit by the end); `None` when some month works.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cannot_run: Option<String>,
    /// The plan's cash month by month (the API's before the switch); the API's
    /// throughout when not switching. For charts, not in the JSON contract.
    #[serde(skip)]
    pub plan_monthly_usd: Vec<f64>,
}

/// Break-even and best switch of every self-hosted option against the API that costs
/// least over the horizon; empty without an API.
pub(super) fn decisions(series: &[Series]) -> (Vec<BreakEven>, Vec<BestSwitch>) {
    let total = |one: &Series| one.monthly.iter().sum::<f64>();
    let Some(api) = series
        .iter()
        .filter(|one| one.kind == OptionKind::Api)
        .min_by(|a, b| total(a).total_cmp(&total(b)))
    else {
        return (Vec::new(), Vec::new());
    };
    let api_cumulative = api.cumulative();
    let own_options = series.iter().filter(|one| one.kind != OptionKind::Api);
    own_options
        .map(|own| {
            (
                BreakEven {
                    pair: pair_of(own, api),
                    self_hosted: own.name.clone(),
                    api: api.name.clone(),
                    month: break_even_month(own, &api_cumulative),
                },
                best_switch(own, api),
            )
        })
        .unzip()
}

/// The first month whose cumulative cost is at most the API's, the option running in
/// every month up to it.
fn break_even_month(own: &Series, api_cumulative: &[f64]) -> Option<u32> {
    let first_blocked = own
        .blocked
        .iter()
        .position(Option::is_some)
        .unwrap_or(own.blocked.len());
    own.cumulative()
        .iter()
        .zip(api_cumulative)
        .take(first_blocked)
        .position(|(own, api)| own <= api)
        .map(month_number)
}

/// Stays on `api` before month k and runs `own` from month k on, for every k at which
/// `own` can run to the end of the horizon; the cheapest k, or staying when no switch is
/// cheaper. Bought nodes are bought from month k on, so each k is priced on its own.
fn best_switch(own: &Series, api: &Series) -> BestSwitch {
    let months = own.monthly.len();
    let stay_usd: f64 = api.monthly.iter().sum();
    // Suffix sums of the option's own months, used when its costs do not depend on when
    // it starts (everything but bought nodes).
    let mut from_here = vec![0.0; months + 1];
    for index in (0..months).rev() {
        from_here[index] = from_here[index + 1] + own.monthly[index];
    }
    let mut best: Option<(usize, f64)> = None;
    let mut api_before = 0.0;
    for (start, (api_month, own_to_end)) in api.monthly.iter().zip(&from_here).enumerate() {
        if own.runs_in(start..months) {
            let own_part = if own.payment.depends_on_start() {
                own.payment.total_from(start) - already_paid(own, api, start)
            } else {
                *own_to_end
            };
            let total = api_before + own_part;
            if best.is_none_or(|(_, cheapest)| total < cheapest) {
                best = Some((start, total));
            }
        }
        api_before += api_month;
    }
    // Switching must save something: a tie with staying is not a reason to move.
    let worth_it = best.filter(|(_, total)| *total < stay_usd);
    let plan_monthly_usd = match worth_it {
        Some((start, _)) => api.monthly[..start]
            .iter()
            .copied()
            .chain(own_months_from(own, api, start))
            .collect(),
        None => api.monthly.clone(),
    };
    let cannot_run = if best.is_none() {
        own.blocked.iter().rev().flatten().next().cloned()
    } else {
        None
    };
    BestSwitch {
        pair: pair_of(own, api),
        cannot_run,
        plan_monthly_usd,
        self_hosted: own.name.clone(),
        api: api.name.clone(),
        month: worth_it.map(|(start, _)| month_number(start)),
        total_usd: worth_it.map_or(stay_usd, |(_, total)| total),
        saving_usd: worth_it.map_or(0.0, |(_, total)| stay_usd - total),
        stay_usd,
    }
}

/// The keys of a self-hosted option and the API it is weighed against.
fn pair_of(own: &Series, api: &Series) -> PairKey {
    PairKey {
        api: api.key,
        self_hosted: own.key,
    }
}

/// What a hybrid started in month `start` (0-based) need not pay again: its API's one-off,
/// when the months before were on that same API (which paid it in month 1).
fn already_paid(own: &Series, api: &Series, start: usize) -> f64 {
    match &own.shared_one_off {
        Some((key, one_off)) if start > 0 && *key == api.key => *one_off,
        _ => 0.0,
    }
}

/// The option's cash in each month from `start` (0-based) on, started then after `api`.
fn own_months_from(own: &Series, api: &Series, start: usize) -> Vec<f64> {
    if own.payment.depends_on_start() {
        let months = own.payment.months_from(start);
        let mut cash: Vec<f64> = months.iter().map(|month| month.total).collect();
        if let Some(first) = cash.first_mut() {
            *first -= already_paid(own, api, start);
        }
        cash
    } else {
        own.monthly[start..].to_vec()
    }
}
