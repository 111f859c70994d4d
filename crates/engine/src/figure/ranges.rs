//! What the inputs' ranges add to the chart: a translucent band around each option's
//! curve (its cost from the inputs' lows to their highs) and the interval of volumes in
//! which self-hosting starts to win for good, shaded with its ends in words.

use super::{Bounds, Ink, MIN_COST_SHOWN, TextBox, VOLUME_LIMITS};
use crate::engine::uncertainty::Spread;
use crate::engine::{PreparedOption, Report};
use crate::units::{format_token_span, format_tokens};

/// Legend name of the bands.
pub const COST_BAND: &str = "Cost over the inputs' ranges";
/// Legend name of the crossover interval.
pub const WINS_FOR_GOOD_INTERVAL: &str = "Self-hosting wins for good somewhere here";

/// The volumes where self-hosting starts to win for good, given the inputs' ranges.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalMark {
    /// Start, log10 tokens per month: every input at its most favourable end.
    pub from: f64,
    /// End, log10 tokens per month; the chart's last volume when it may never come.
    pub to: f64,
    /// True when at the least favourable ends self-hosting never wins for good.
    pub open_ended: bool,
    /// Its colour (edges and words).
    pub ink: Ink,
    /// Its shading.
    pub shade: Ink,
    /// "wins for good between 3.95B and 59.3B".
    pub text: String,
    /// Where the words go in the plot area, once placed.
    pub placed: Option<TextBox>,
}

/// The band of `option` at each of `volumes`: `[log volume, log low, log high]`; empty when
/// its cost has no range.
pub(super) fn band_points(option: &PreparedOption, volumes: &[f64]) -> Vec<[f64; 3]> {
    // An option that can run nowhere is drawn faded as it is; a band would dress it up.
    if option.band.is_empty() || option.reach.max_tokens_per_month() <= 0.0 {
        return Vec::new();
    }
    let log = |cost: f64| cost.max(MIN_COST_SHOWN).log10();
    // Every other sample (and the last) is plenty for a translucent band, and halves the
    // work of a frame that redraws it while a slider moves.
    let last = volumes.len().saturating_sub(1);
    volumes
        .iter()
        .enumerate()
        .filter(|(index, _)| index % 2 == 0 || *index == last)
        .filter_map(|(_, &volume)| {
            let (low, high) = option.cost_band(volume)?;
            Some([volume.log10(), log(low), log(high)])
        })
        .collect()
}

/// The interval of the verdict's pair, when the ranges make it one and it shows in `bounds`.
pub(super) fn interval_mark(report: &Report, bounds: Bounds) -> Option<IntervalMark> {
    let spread = report.headline_interval()?.wins_for_good;
    let low = spread.low?;
    if spread.high.is_some_and(|high| high <= low) {
        return None;
    }
    let log = |volume: f64| volume.clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1).log10();
    let (x_low, x_high) = bounds.x();
    let mark = IntervalMark {
        from: log(low),
        to: spread.high.map_or(log(VOLUME_LIMITS.1), log),
        open_ended: spread.high.is_none(),
        ink: Ink::Interval,
        shade: Ink::IntervalShade,
        text: interval_words(spread),
        placed: None,
    };
    (mark.to > x_low && mark.from < x_high).then_some(mark)
}

/// The interval in the chart's words: "wins for good between 3.95B and 59.3B", or "wins
/// for good from 3.95B, possibly never".
pub fn interval_words(spread: Spread) -> String {
    match (spread.low, spread.high) {
        (Some(low), Some(high)) => {
            let (low, high) = format_token_span(low, high);
            format!("wins for good between {low} and {high}")
        }
        (Some(low), None) => format!("wins for good from {}, possibly never", format_tokens(low)),
        (None, _) => "never wins for good".to_owned(),
    }
}
