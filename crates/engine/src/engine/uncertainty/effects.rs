//! Which way each ranged input moves each option's cost, and the difference of a pair.
//!
//! An option's monthly cost is monotone in most inputs at every volume and for every value
//! of the others (a price multiplies a non-negative amount; more throughput never adds a
//! node), so its extremes over the input box are at two corners. Where the direction
//! depends on the other inputs (an input share when input and output prices overlap), or
//! is not monotone at all (hours per month: capacity and always-on rent both scale with
//! them), the effect is [`Effect::Unknown`] and the input is sampled.

use crate::scenario::ranges::{ApiInput, Direction, InputKey, Range, WorkloadInput};
use crate::scenario::{ApiOption, Deployment, Scenario};

/// How an input moves a cost (or a difference of costs) as it grows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Effect {
    /// Never lowers it.
    Raises,
    /// Never raises it.
    Lowers,
    /// Either, depending on the other inputs, or both along the range: sample it.
    Unknown,
}

impl Effect {
    fn opposite(self) -> Effect {
        match self {
            Effect::Raises => Effect::Lowers,
            Effect::Lowers => Effect::Raises,
            Effect::Unknown => Effect::Unknown,
        }
    }

    fn of(direction: Direction) -> Effect {
        match direction {
            Direction::Raises => Effect::Raises,
            Direction::Lowers => Effect::Lowers,
        }
    }

    /// The end of `range` that makes the cost (or difference) lowest, or highest.
    pub(super) fn end(self, range: Range, lowest: bool) -> Option<f64> {
        match (self, lowest) {
            (Effect::Raises, true) | (Effect::Lowers, false) => Some(range.low),
            (Effect::Raises, false) | (Effect::Lowers, true) => Some(range.high),
            (Effect::Unknown, _) => None,
        }
    }
}

/// The API and deployment behind the option at `index` in display order (APIs, then
/// deployments, then the hybrid, as [`crate::engine::priced_options`] lists them).
pub(super) fn parts(
    scenario: &Scenario,
    index: usize,
) -> (Option<&ApiOption>, Option<&Deployment>) {
    let apis = scenario.apis.len();
    let deployments = scenario.deployments.len();
    if index < apis {
        (scenario.apis.get(index), None)
    } else if index < apis + deployments {
        (None, scenario.deployments.get(index - apis))
    } else {
        (scenario.hybrid_api(), scenario.hybrid_deployment())
    }
}

/// How `key` moves the cost of the option at `index`; `None` when it does not touch it.
pub(super) fn effect(scenario: &Scenario, key: InputKey, index: usize) -> Option<Effect> {
    let (api, deployment) = parts(scenario, index);
    match key {
        InputKey::Api(id, input) => api
            .filter(|api| api.id == id)
            .map(|_| Effect::of(input.direction())),
        InputKey::Deployment(id, input) => deployment
            .filter(|deployment| deployment.id == id)
            .map(|_| Effect::of(input.direction())),
        InputKey::Workload(WorkloadInput::HoursPerMonth) => deployment.map(|_| Effect::Unknown),
        InputKey::Workload(WorkloadInput::BatchShare) => api.map(|_| Effect::Lowers),
        InputKey::Workload(WorkloadInput::CachedInputShare) => {
            let api = api?;
            api.usd_per_million_cached_input?;
            let input = price_range(api, ApiInput::InputPrice);
            let cached = price_range(api, ApiInput::CachedInputPrice);
            Some(sign_of_difference(cached, input))
        }
        // With prefill and decode rates the share sets a node's speed too: which way the
        // cost moves then depends on the rates and the steps, so the range is sampled.
        InputKey::Workload(WorkloadInput::InputShare)
            if deployment.is_some_and(|deployment| deployment.phases.is_some()) =>
        {
            Some(Effect::Unknown)
        }
        InputKey::Workload(WorkloadInput::InputShare) => {
            // ∂cost/∂share ∝ (input price, cache-blended) − output price.
            let api = api?;
            let input = price_range(api, ApiInput::InputPrice);
            let blended_input = match api.usd_per_million_cached_input {
                Some(_) => {
                    let cached = price_range(api, ApiInput::CachedInputPrice);
                    Range {
                        low: input.low.min(cached.low),
                        high: input.high.max(cached.high),
                    }
                }
                None => input,
            };
            Some(sign_of_difference(
                blended_input,
                price_range(api, ApiInput::OutputPrice),
            ))
        }
    }
}

/// How `key` moves `own − api`, the self-hosted option's cost minus the API's.
pub(super) fn pair_effect(
    scenario: &Scenario,
    key: InputKey,
    api: usize,
    own: usize,
) -> Option<Effect> {
    match (effect(scenario, key, own), effect(scenario, key, api)) {
        (None, None) => None,
        (Some(on_own), None) => Some(on_own),
        (None, Some(on_api)) => Some(on_api.opposite()),
        (Some(on_own), Some(on_api)) if on_own == on_api.opposite() => Some(on_own),
        // A hybrid sending its API share to the compared API: d = local − share × API,
        // so whatever moves that API moves d the other way.
        (Some(_), Some(on_api)) if routes_through(scenario, own, api) => Some(on_api.opposite()),
        // A hybrid through another API that the input moves the same way: sample it.
        (Some(_), Some(_)) => Some(Effect::Unknown),
    }
}

/// Whether the option at `own` is the hybrid and sends its API share to the API at `api`.
fn routes_through(scenario: &Scenario, own: usize, api: usize) -> bool {
    let (Some(hybrid_api), Some(_)) = parts(scenario, own) else {
        return false;
    };
    matches!(parts(scenario, api), (Some(compared), None) if compared.id == hybrid_api.id)
}

/// An API price's range (its value when it has none).
fn price_range(api: &ApiOption, input: ApiInput) -> Range {
    let value = input.value(api).unwrap_or(0.0);
    api.ranges.get(&input).map_or(
        Range {
            low: value,
            high: value,
        },
        |range| range.including(value),
    )
}

/// Whether `a − b` is never positive, never negative, or either, over the two ranges.
fn sign_of_difference(a: Range, b: Range) -> Effect {
    if a.high <= b.low {
        Effect::Lowers
    } else if a.low >= b.high {
        Effect::Raises
    } else {
        Effect::Unknown
    }
}
