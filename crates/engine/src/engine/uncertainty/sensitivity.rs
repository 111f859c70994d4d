//! What moves the answer most: each ranged input at its low and at its high, the others
//! at their values, for the pair the verdict compares (a tornado chart's bars).

use serde::Serialize;

use super::priced_with;
use crate::engine::PricedOption;
use crate::engine::pair::pair_outcome;
use crate::engine::staircase::Staircase;
use crate::scenario::Scenario;
use crate::scenario::ranges::{RangedInput, Unit};

/// One bar of the tornado.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sensitivity {
    /// The input, e.g. "rent per month".
    pub input: String,
    /// Its low guess.
    pub low: f64,
    /// Its high guess.
    pub high: f64,
    /// Its value.
    pub value: f64,
    /// The volume above which self-hosting wins for good with the input at its low.
    pub wins_for_good_at_low: Option<f64>,
    /// The same with the input at its high.
    pub wins_for_good_at_high: Option<f64>,
    /// The API's cost minus the self-hosted option's at the report's volume, input low.
    pub saving_at_low_usd: f64,
    /// The same with the input at its high.
    pub saving_at_high_usd: f64,
    /// The two options compared, by key.
    pub pair: crate::engine::PairKey,
    /// The API compared.
    pub api: String,
    /// The self-hosted option compared.
    pub self_hosted: String,
    /// How the input's numbers are written (not in the JSON: its name says it).
    #[serde(skip)]
    pub unit: Unit,
}

impl Sensitivity {
    /// How far the input moves the volume that decides, as a ratio's logarithm (so a
    /// doubling counts the same at 10M as at 10B); infinite when one end never wins.
    pub fn swing(&self) -> f64 {
        match (self.wins_for_good_at_low, self.wins_for_good_at_high) {
            (Some(a), Some(b)) => (a.max(1.0).ln() - b.max(1.0).ln()).abs(),
            (None, None) => 0.0,
            _ => f64::INFINITY,
        }
    }

    /// How far it moves the monthly saving at the report's volume.
    pub fn saving_swing(&self) -> f64 {
        (self.saving_at_high_usd - self.saving_at_low_usd).abs()
    }
}

/// One bar per ranged input, largest swing first (ties by the saving's swing).
pub(super) fn sensitivity(
    scenario: &Scenario,
    inputs: &[RangedInput],
    options: &[PricedOption],
    (api, own): (usize, usize),
    volume: f64,
) -> Vec<Sensitivity> {
    let modelled = crate::scenario::validate::volume_ceiling(scenario).tokens_per_month;
    let base: Vec<(Option<Staircase>, f64)> = options
        .iter()
        .map(|option| (option.staircase, option.reach.max_tokens_per_month()))
        .collect();
    let outcome_of = |priced: &[(Option<Staircase>, f64)]| {
        let (api_stairs, _) = priced[api];
        let (own_stairs, own_reach) = priced[own];
        match (api_stairs, own_stairs) {
            (Some(api_stairs), Some(own_stairs)) => (
                pair_outcome(&api_stairs, &own_stairs, own_reach, modelled).wins_for_good,
                api_stairs.cost(volume) - own_stairs.cost(volume),
            ),
            _ => (None, 0.0),
        }
    };
    // An end of a range at the input's own value (a low guess that is the value used, say)
    // is the scenario as priced: worked out once, not priced again.
    let at_values = std::cell::OnceCell::new();
    let outcome_at = |input: &RangedInput, value: f64| {
        if value == input.value {
            *at_values.get_or_init(|| outcome_of(&base))
        } else {
            outcome_of(&priced_with(scenario, &[(input.key, value)]))
        }
    };
    let mut bars: Vec<Sensitivity> = inputs
        .iter()
        .map(|input| {
            let (wins_for_good_at_low, saving_at_low_usd) = outcome_at(input, input.range.low);
            let (wins_for_good_at_high, saving_at_high_usd) = outcome_at(input, input.range.high);
            Sensitivity {
                input: input.label.clone(),
                low: input.range.low,
                high: input.range.high,
                value: input.value,
                wins_for_good_at_low,
                wins_for_good_at_high,
                saving_at_low_usd,
                saving_at_high_usd,
                pair: crate::engine::PairKey {
                    api: options[api].key,
                    self_hosted: options[own].key,
                },
                api: options[api].name.clone(),
                self_hosted: options[own].name.clone(),
                unit: input.unit(),
            }
        })
        .collect();
    bars.sort_by(|a, b| {
        b.swing()
            .total_cmp(&a.swing())
            .then(b.saving_swing().total_cmp(&a.saving_swing()))
    });
    bars
}
