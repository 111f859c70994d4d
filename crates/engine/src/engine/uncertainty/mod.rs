//! Ranges, not points: each option's cost band, the crossover as an interval, and which
//! guess moves it most.
//!
//! Inputs with a low and a high (see [`crate::scenario::ranges`]) span a box of
//! scenarios. An option's cost is monotone in most inputs at every volume, so its lowest
//! and highest cost over the box are at two corners: every input at the end that lowers
//! the cost, or at the end that raises it. The same holds for a pair's difference
//! (self-hosted minus API), so the extreme crossovers are exact too. Inputs whose effect
//! is not known to be monotone are tried on a fixed grid (see [`grid`]) with the others
//! at their corners; the report states the method per input.

mod effects;
mod grid;
mod sensitivity;

use serde::Serialize;

use super::pair::{PairOutcome, pair_outcome};
use super::staircase::Staircase;
use super::{OptionKind, PricedOption, priced_options};
use crate::scenario::Scenario;
use crate::scenario::ranges::{InputKey, RangedInput, Unit};
use crate::scenario::validate::volume_ceiling;
use effects::{Effect, effect, pair_effect};
use grid::Assignment;
pub use sensitivity::Sensitivity;

/// Low, value and high of a volume that may not come (`None`: never within the model).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Spread {
    /// With every input at the end most favourable to self-hosting.
    pub low: Option<f64>,
    /// With every input at its value.
    pub value: Option<f64>,
    /// With every input at the end least favourable to self-hosting; `None`: possibly never.
    pub high: Option<f64>,
}

/// The crossover of one API and one self-hosted option as an interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossoverInterval {
    /// The two options, by key.
    pub pair: crate::engine::PairKey,
    /// The API's name.
    pub api: String,
    /// The self-hosted (or hybrid) option's name.
    pub self_hosted: String,
    /// The lowest volume at which self-hosting is cheaper.
    pub first_win: Spread,
    /// The volume above which self-hosting stays cheaper.
    pub wins_for_good: Spread,
}

/// How the extremes over an input's range are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Exact: the cost moves one way with it, so the extremes are at its ends.
    Corners,
    /// Its effect is not monotone (or not known to be): tried on a grid of values.
    Sampled,
}

/// One ranged input as the report states it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RangedInputReport {
    /// Its name, e.g. "rent per month".
    pub input: String,
    /// Its value.
    pub value: f64,
    /// Its low guess.
    pub low: f64,
    /// Its high guess.
    pub high: f64,
    /// Exact at the corners, or sampled.
    pub method: Method,
    /// Values tried when sampled.
    pub samples: Option<usize>,
    /// How its numbers are written (not in the JSON: its name says it).
    #[serde(skip)]
    pub unit: Unit,
}

/// An option's cost band: the staircases of the corner (and grid) scenarios whose lowest
/// and highest cost at a volume bound the option's cost there.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Band {
    low: Vec<Staircase>,
    high: Vec<Staircase>,
}

impl Band {
    /// Whether the option's cost is uncertain at all.
    pub fn is_empty(&self) -> bool {
        self.low.is_empty() && self.high.is_empty()
    }

    /// The lowest and highest monthly cost at `volume`, given the cost at the values (which
    /// the band always contains).
    pub fn at(&self, volume: f64, value_cost: f64) -> (f64, f64) {
        let low = self
            .low
            .iter()
            .map(|stairs| stairs.cost(volume))
            .fold(value_cost, f64::min);
        let high = self
            .high
            .iter()
            .map(|stairs| stairs.cost(volume))
            .fold(value_cost, f64::max);
        (low, high)
    }
}

/// Everything ranges add to a report, and the bands the chart draws.
pub(crate) struct Uncertainty {
    pub bands: Vec<Band>,
    pub intervals: Vec<CrossoverInterval>,
    pub sensitivity: Vec<Sensitivity>,
    pub inputs: Vec<RangedInputReport>,
}

/// Every option's staircase and reach in a scenario with some inputs moved.
pub(super) fn priced_with(
    scenario: &Scenario,
    assignment: &[(InputKey, f64)],
) -> Vec<(Option<Staircase>, f64)> {
    let mut moved = scenario.clone();
    for (key, value) in assignment {
        moved.set_input(*key, *value);
    }
    priced_options(&moved)
        .iter()
        .map(|option| (option.staircase, option.reach.max_tokens_per_month()))
        .collect()
}

/// Bands, crossover intervals and sensitivity of `scenario` (priced as `options`) at
/// `volume`. Without ranges the bands are empty and every interval is a point.
pub(crate) fn analyse(scenario: &Scenario, options: &[PricedOption], volume: f64) -> Uncertainty {
    // Ranges name their option by identifier; a scenario built without them (a library
    // caller that skipped `assign_ids`) gets them here, in order, so no range is credited
    // to another option. Files, presets and the app always have them.
    let with_ids;
    let scenario = if ids_are_unique(scenario) {
        scenario
    } else {
        let mut copy = scenario.clone();
        copy.assign_ids();
        with_ids = copy;
        &with_ids
    };
    let inputs = scenario.ranged_inputs();
    // Every corner and bar prices a copy of the scenario with some inputs moved; the copy
    // leaves out what pricing never reads (the words, the sources, the ranges themselves,
    // the timeline's list), which was most of what each copy allocated.
    let lean;
    let scenario = if inputs.is_empty() {
        scenario
    } else {
        lean = pricing_copy(scenario);
        &lean
    };
    let bands = (0..options.len())
        .map(|index| band(scenario, &inputs, index))
        .collect();
    let mut intervals = Vec::new();
    for (api, api_option) in options.iter().enumerate() {
        for (own, own_option) in options.iter().enumerate() {
            if api_option.kind != OptionKind::Api || own_option.kind == OptionKind::Api {
                continue;
            }
            if let Some(interval) = crossover_interval(scenario, &inputs, options, api, own) {
                intervals.push(interval);
            }
        }
    }
    let sensitivity = match headline_pair(options, volume) {
        Some(pair) => sensitivity::sensitivity(scenario, &inputs, options, pair, volume),
        None => Vec::new(),
    };
    let reports = input_reports(scenario, &inputs, options);
    Uncertainty {
        bands,
        intervals,
        sensitivity,
        inputs: reports,
    }
}

/// `scenario` with only what pricing reads: no title, description or sources, no ranges,
/// no list of monthly volumes. Its options, costs and workload are the scenario's own.
fn pricing_copy(scenario: &Scenario) -> Scenario {
    let mut apis = scenario.apis.clone();
    for api in &mut apis {
        api.ranges.clear();
    }
    let mut deployments = scenario.deployments.clone();
    for deployment in &mut deployments {
        deployment.ranges.clear();
    }
    let mut workload = scenario.workload.clone();
    workload.ranges.clear();
    Scenario {
        version: scenario.version,
        title: String::new(),
        description: String::new(),
        sources: Vec::new(),
        workload,
        apis,
        deployments,
        hybrid: scenario.hybrid.clone(),
        hours_per_month: scenario.hours_per_month,
        days_per_month: scenario.days_per_month,
        timeline: crate::scenario::TimelineSettings {
            volumes: Vec::new(),
            ..scenario.timeline.clone()
        },
        accounting: scenario.accounting.clone(),
        constraints: scenario.constraints.clone(),
        currency: scenario.currency.clone(),
    }
}

/// Whether every API and deployment has an identifier of its own.
fn ids_are_unique(scenario: &Scenario) -> bool {
    let mut seen = std::collections::HashSet::new();
    scenario
        .apis
        .iter()
        .map(|api| api.id)
        .chain(scenario.deployments.iter().map(|d| d.id))
        .all(|id| id.is_assigned() && seen.insert(id))
}

/// The ranged inputs that touch what `effect_of` measures, with their effects.
fn relevant(
    inputs: &[RangedInput],
    effect_of: impl Fn(InputKey) -> Option<Effect>,
) -> Vec<(&RangedInput, Effect)> {
    inputs
        .iter()
        .filter_map(|input| Some((input, effect_of(input.key)?)))
        .collect()
}

/// For each grid point of the sampled inputs, the assignments that make what `relevant`
/// measures lowest and highest (monotone inputs at their ends, sampled ones at the point).
fn corner_assignments(relevant: &[(&RangedInput, Effect)]) -> Vec<(Assignment, Assignment)> {
    let sampled: Vec<&RangedInput> = relevant
        .iter()
        .filter(|(_, effect)| *effect == Effect::Unknown)
        .map(|(input, _)| *input)
        .collect();
    grid::assignments(&sampled)
        .into_iter()
        .map(|point| {
            let with_ends = |lowest: bool| {
                let mut assignment = point.clone();
                assignment.extend(relevant.iter().filter_map(|(input, effect)| {
                    Some((input.key, effect.end(input.range, lowest)?))
                }));
                assignment
            };
            (with_ends(true), with_ends(false))
        })
        .collect()
}

fn band(scenario: &Scenario, inputs: &[RangedInput], index: usize) -> Band {
    let relevant = relevant(inputs, |key| effect(scenario, key, index));
    let mut band = Band::default();
    if relevant.is_empty() {
        return band;
    }
    for (lowest, highest) in corner_assignments(&relevant) {
        band.low.extend(priced_with(scenario, &lowest)[index].0);
        band.high.extend(priced_with(scenario, &highest)[index].0);
    }
    band
}

fn crossover_interval(
    scenario: &Scenario,
    inputs: &[RangedInput],
    options: &[PricedOption],
    api: usize,
    own: usize,
) -> Option<CrossoverInterval> {
    let modelled = volume_ceiling(scenario).tokens_per_month;
    let outcome_of = |priced: &[(Option<Staircase>, f64)]| -> Option<PairOutcome> {
        let (api_stairs, _) = priced[api];
        let (own_stairs, own_reach) = priced[own];
        Some(pair_outcome(
            &api_stairs?,
            &own_stairs?,
            own_reach,
            modelled,
        ))
    };
    let base: Vec<(Option<Staircase>, f64)> = options
        .iter()
        .map(|option| (option.staircase, option.reach.max_tokens_per_month()))
        .collect();
    let value = outcome_of(&base)?;
    let relevant = relevant(inputs, |key| pair_effect(scenario, key, api, own));
    let (mut first_win, mut wins_for_good) = (point(value.first_win), point(value.wins_for_good));
    let can_run = options[own].reach.max_tokens_per_month() > 0.0;
    if relevant.is_empty() || !can_run {
        // Nothing ranged touches the pair (or self-hosting can run nowhere): a point.
        return Some(CrossoverInterval {
            pair: crate::engine::PairKey {
                api: options[api].key,
                self_hosted: options[own].key,
            },
            api: options[api].name.clone(),
            self_hosted: options[own].name.clone(),
            first_win,
            wins_for_good,
        });
    }
    for (favourable, unfavourable) in corner_assignments(&relevant) {
        if let Some(best) = outcome_of(&priced_with(scenario, &favourable)) {
            first_win.low = earliest(first_win.low, best.first_win);
            wins_for_good.low = earliest(wins_for_good.low, best.wins_for_good);
        }
        if let Some(worst) = outcome_of(&priced_with(scenario, &unfavourable)) {
            first_win.high = latest(first_win.high, worst.first_win);
            wins_for_good.high = latest(wins_for_good.high, worst.wins_for_good);
        }
    }
    Some(CrossoverInterval {
        pair: crate::engine::PairKey {
            api: options[api].key,
            self_hosted: options[own].key,
        },
        api: options[api].name.clone(),
        self_hosted: options[own].name.clone(),
        first_win,
        wins_for_good,
    })
}

fn point(volume: Option<f64>) -> Spread {
    Spread {
        low: volume,
        value: volume,
        high: volume,
    }
}

/// The earlier of two volumes, `None` meaning never.
fn earliest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The later of two volumes, `None` meaning never.
fn latest(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some(a?.max(b?))
}

/// The API and the self-hosted option the verdict compares at `volume`: the cheapest API,
/// and the cheapest self-hosted option that can run there (or, when none can, the
/// cheapest that can run at some volume).
pub(super) fn headline_pair(options: &[PricedOption], volume: f64) -> Option<(usize, usize)> {
    let cheapest = |keep: &dyn Fn(&PricedOption) -> bool| {
        options
            .iter()
            .enumerate()
            .filter(|(_, option)| keep(option))
            .filter_map(|(index, option)| Some((index, option.staircase?.cost(volume))))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(index, _)| index)
    };
    let api = cheapest(&|option| option.kind == OptionKind::Api)?;
    let own = cheapest(&|option| {
        option.kind != OptionKind::Api && option.reach.reason_at(volume).is_none()
    })
    .or_else(|| {
        cheapest(&|option| {
            option.kind != OptionKind::Api && option.reach.max_tokens_per_month() > 0.0
        })
    })?;
    Some((api, own))
}

/// Each ranged input with how its extremes are found: sampled when its effect on some
/// option's cost, or on some API × self-hosted difference, is not known to be monotone.
fn input_reports(
    scenario: &Scenario,
    inputs: &[RangedInput],
    options: &[PricedOption],
) -> Vec<RangedInputReport> {
    let is_api = |index: usize| options[index].kind == OptionKind::Api;
    let count = options.len();
    let sampled = |input: &RangedInput| {
        (0..count).any(|index| effect(scenario, input.key, index) == Some(Effect::Unknown))
            || (0..count).filter(|&api| is_api(api)).any(|api| {
                (0..count)
                    .filter(|&own| !is_api(own))
                    .any(|own| pair_effect(scenario, input.key, api, own) == Some(Effect::Unknown))
            })
    };
    let sampled_count = inputs.iter().filter(|input| sampled(input)).count();
    inputs
        .iter()
        .map(|input| {
            let is_sampled = sampled(input);
            RangedInputReport {
                input: input.label.clone(),
                value: input.value,
                low: input.range.low,
                high: input.range.high,
                method: if is_sampled {
                    Method::Sampled
                } else {
                    Method::Corners
                },
                samples: is_sampled.then(|| grid::values_per_input(sampled_count)),
                unit: input.unit(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
