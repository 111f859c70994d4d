//! The tornado chart described without a UI: one bar per ranged input, from the volume
//! above which self-hosting wins for good with the input at its low to the volume with it
//! at its high (the others at their values), largest swing on top, the answer at the
//! values marked. The app's panel, the PNG and the SVG all draw this.

use super::{Ink, Tick, VOLUME_LIMITS, axes, volume_tick_label};
use crate::engine::Report;
use crate::engine::uncertainty::Sensitivity;
use crate::units::{Currency, format_input_span, format_plain as plain, format_tokens};

/// What the colour of a bar's part with the input at its low guess means.
pub const LOW_GUESS: &str = "low guess";
/// What the colour of a bar's part with the input at its high guess means.
pub const HIGH_GUESS: &str = "high guess";
/// The name of the bar of every input together.
pub const ALL_TOGETHER: &str = "All inputs together";
/// Title of the tornado's volume axis.
pub const TORNADO_AXIS: &str = "Wins for good above, tokens/month (log scale)";

/// The least height of a row (its name over its range), in text heights.
pub(super) const MIN_ROW: f64 = 2.6;

/// Height of a title line, in text heights.
pub const TITLE_LINE: f64 = 1.45;

/// Decades added right of the last finite end to draw "never".
const NEVER_ROOM: f64 = 0.5;

/// One end of a bar: where self-hosting wins for good with the input at one end.
#[derive(Clone, Debug, PartialEq)]
pub struct BarEnd {
    /// Position, log10 tokens per month ([`Tornado::never_at`] when it never does).
    pub at: f64,
    /// True when self-hosting never wins for good with the input there.
    pub never: bool,
    /// "6.31B" or "never".
    pub text: String,
    /// Whether its words are drawn: not for an end at the value (no bar to label), nor
    /// for the nearer end when both lie on the same side of the value (they would
    /// overlap; hover has both).
    pub labelled: bool,
}

/// One input's bar.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    /// The input, e.g. "rent per month".
    pub input: String,
    /// Its range, e.g. "3,600 to 5,040".
    pub range: String,
    /// The input at its low guess.
    pub at_low: BarEnd,
    /// The input at its high guess.
    pub at_high: BarEnd,
    /// Every number of the bar, for hover.
    pub detail: String,
    /// True for the bar of every input together: from all at the end that favours
    /// self-hosting to all at the end that favours the API, the verdict's interval (its two
    /// parts drawn in the interval's colour, not as a low and a high guess).
    pub together: bool,
}

impl Tornado {
    /// Words for the bars left out when only `shown` fit, e.g. "3 more inputs move it
    /// less (all are in the report and the CSV)"; `None` when all are drawn.
    pub fn left_out(&self, shown: usize) -> Option<String> {
        let more = self.bars.len().saturating_sub(shown);
        (more > 0).then(|| {
            let inputs = if more == 1 {
                "input moves"
            } else {
                "inputs move"
            };
            format!("{more} more {inputs} it less (all are in the report and the CSV)")
        })
    }

    /// The title as the lines it is drawn in, `width` wide at text `text` high (the same
    /// estimate of text width on every renderer, so screen and SVG break it alike).
    pub fn title_lines(&self, width: f64, text: f64) -> Vec<String> {
        super::text_box::wrap_to(&self.title, width, text)
    }
}

impl TornadoBar {
    /// The bar in one line, as a screen reader says it: "rent per month 3,600 to 5,040:
    /// self-hosting wins for good from 6.31B at the low guess, 11.4B at the high".
    pub fn summary(&self) -> String {
        if self.together {
            return format!(
                "{}: self-hosting wins for good from {} with every input at its end that \
                 favours self-hosting, {} at its end that favours the API",
                self.input, self.at_low.text, self.at_high.text
            );
        }
        format!(
            "{} {}: self-hosting wins for good from {} at the low guess, {} at the high",
            self.input, self.range, self.at_low.text, self.at_high.text
        )
    }
}

/// Everything the tornado draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Tornado {
    /// "What moves where Llama … wins for good against GPT-4o".
    pub title: String,
    /// Volume axis, log10 tokens per month.
    pub x: (f64, f64),
    /// Grid lines and labels along the volume axis.
    pub ticks: Vec<Tick>,
    /// Where "never" is drawn, log10 units (the right end of the axis).
    pub never_at: f64,
    /// The answer with every input at its value, log10 units ([`Tornado::never_at`] when
    /// self-hosting never wins for good at the values), and its words.
    pub base: Option<(f64, String)>,
    /// Bars, largest swing first.
    pub bars: Vec<TornadoBar>,
    /// Said under the axis when no range moves the answer at all (every bar has no length).
    pub note: Option<String>,
    /// Colour of the part of a bar from the base to the input-at-low end.
    pub low_ink: Ink,
    /// Colour of the part from the base to the input-at-high end.
    pub high_ink: Ink,
}

impl Tornado {
    /// The tornado of `report`; `None` when no input has a range.
    pub fn new(report: &Report) -> Option<Tornado> {
        let first = report.sensitivity.first()?;
        let base = report
            .headline_interval()
            .and_then(|interval| interval.wins_for_good.value);
        // Every input together: the verdict's interval, which two inputs moved at once can
        // widen past any one bar.
        let together = (report.sensitivity.len() > 1)
            .then(|| report.headline_interval())
            .flatten()
            .map(|interval| interval.wins_for_good);
        let finite = report
            .sensitivity
            .iter()
            .flat_map(|bar| [bar.wins_for_good_at_low, bar.wins_for_good_at_high])
            .chain(together.iter().flat_map(|spread| [spread.low, spread.high]))
            .chain([base])
            .flatten()
            .map(|volume| volume.clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1).log10());
        let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| {
            (lo.min(x), hi.max(x))
        });
        let (low, high) = if low.is_finite() {
            (low, high)
        } else {
            (8.0, 10.0)
        };
        let any_never =
            report.sensitivity.iter().any(|bar| {
                bar.wins_for_good_at_low.is_none() || bar.wins_for_good_at_high.is_none()
            }) || together.is_some_and(|spread| spread.low.is_none() || spread.high.is_none());
        let span = (high - low).max(0.5);
        let x_low = low - span * 0.15;
        let mut x_high = high + span * 0.15;
        let never_at = x_high + if any_never { NEVER_ROOM } else { 0.0 };
        if any_never {
            x_high = never_at + 0.1;
        }
        let end = |volume: Option<f64>| match volume {
            Some(volume) => BarEnd {
                at: volume.clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1).log10(),
                never: false,
                text: format_tokens(volume),
                labelled: true,
            },
            None => BarEnd {
                at: never_at,
                never: true,
                text: "never".to_owned(),
                labelled: true,
            },
        };
        let base_at = base.map_or(never_at, |volume| {
            volume.clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1).log10()
        });
        let together_bar =
            together.map(|spread| together_bar(end(spread.low), end(spread.high), base_at));
        let bars = together_bar
            .into_iter()
            .chain(report.sensitivity.iter().map(|bar| {
                let (mut at_low, mut at_high) = (
                    end(bar.wins_for_good_at_low),
                    end(bar.wins_for_good_at_high),
                );
                label_ends(&mut at_low, &mut at_high, base_at);
                TornadoBar {
                    input: bar.input.clone(),
                    range: format_input_span(bar.low, bar.high, bar.unit),
                    at_low,
                    at_high,
                    detail: detail(bar, report.volume_tokens_per_month, &report.currency),
                    together: false,
                }
            }))
            .collect();
        let base_words = base.map_or_else(
            || (never_at, "never at the values".to_owned()),
            |volume| {
                (
                    volume.clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1).log10(),
                    format!("{} at the values", format_tokens(volume)),
                )
            },
        );
        Some(Tornado {
            note: unmoved_note(report, base),
            title: format!(
                "What moves the volume above which {} beats {} for good",
                first.self_hosted, first.api
            ),
            x: (x_low, x_high),
            ticks: volume_ticks(x_low, x_high.min(never_at)),
            never_at,
            base: Some(base_words),
            bars,
            low_ink: Ink::LowGuess,
            high_ink: Ink::HighGuess,
        })
    }
}

/// The bar of every input together, from the end `at_low` (all at the end that favours
/// self-hosting) to `at_high` (all at the end that favours the API).
fn together_bar(mut at_low: BarEnd, mut at_high: BarEnd, base_at: f64) -> TornadoBar {
    label_ends(&mut at_low, &mut at_high, base_at);
    TornadoBar {
        input: ALL_TOGETHER.to_owned(),
        range: "best case to worst case".to_owned(),
        detail: format!(
            "Every input at its end that favours self-hosting: wins for good above {}; every \
             input at its end that favours the API: {}",
            at_low.text, at_high.text
        ),
        at_low,
        at_high,
        together: true,
    }
}

/// Said under the axis when no range moves the answer at all (every bar has no length).
fn unmoved_note(report: &Report, base: Option<f64>) -> Option<String> {
    let unmoved = report
        .sensitivity
        .iter()
        .all(|bar| bar.wins_for_good_at_low == base && bar.wins_for_good_at_high == base);
    unmoved.then(|| match base {
        Some(volume) => format!(
            "No range here moves it: self-hosting wins for good above {} at either end of each",
            format_tokens(volume)
        ),
        None => "No range here moves it: self-hosting never wins for good".to_owned(),
    })
}

/// The volume axis' ticks: the chart's rule, or every whole multiple of a decade when
/// the bars span less than about one (else a tornado within 4B–12B would read "5B, 10B").
fn volume_ticks(low: f64, high: f64) -> Vec<Tick> {
    if high - low >= 1.2 {
        return axes::ticks(low, high, volume_tick_label);
    }
    let mut ticks = Vec::new();
    for decade in (low.floor() as i64)..=(high.ceil() as i64) {
        for multiple in 1..=9 {
            let value = decade as f64 + f64::from(multiple).log10();
            if value >= low && value <= high {
                ticks.push(Tick {
                    value,
                    major: multiple == 1,
                    label: Some(volume_tick_label(value)),
                });
            }
        }
    }
    ticks
}

/// Which ends of a bar get words (see [`BarEnd::labelled`]); `base` in log10 units.
fn label_ends(low: &mut BarEnd, high: &mut BarEnd, base: f64) {
    const SAME: f64 = 1e-6;
    low.labelled = (low.at - base).abs() > SAME;
    high.labelled = (high.at - base).abs() > SAME;
    let same_side = (low.at - base) * (high.at - base) > 0.0;
    if same_side {
        if (low.at - base).abs() < (high.at - base).abs() {
            low.labelled = false;
        } else {
            high.labelled = false;
        }
    }
}

/// "rent per month 3,600: wins for good from 6.31B, saves -$8,850/month at 1.00B; …".
fn detail(bar: &Sensitivity, volume: f64, currency: &Currency) -> String {
    let wins = |at: Option<f64>| match at {
        Some(at) => format!(
            "self-hosting wins for good from {} tokens/month",
            format_tokens(at)
        ),
        None => "self-hosting never wins for good".to_owned(),
    };
    format!(
        "{} at {}: {}; saving at {} tokens/month {}/month\n{} at {}: {}; saving {}/month",
        bar.input,
        plain(bar.low),
        wins(bar.wins_for_good_at_low),
        format_tokens(volume),
        currency.format(bar.saving_at_low_usd),
        bar.input,
        plain(bar.high),
        wins(bar.wins_for_good_at_high),
        currency.format(bar.saving_at_high_usd),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::presets;

    #[test]
    fn the_full_stack_tornado_puts_rent_on_top_and_marks_the_answer() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let tornado = Tornado::new(&report).expect("ranges");
        // Every input together first (the verdict's 3.95B to 59.3B), then the five inputs.
        assert_eq!(tornado.bars.len(), 6);
        assert!(tornado.bars[0].together);
        assert_eq!(
            (
                tornado.bars[0].at_low.text.as_str(),
                tornado.bars[0].at_high.text.as_str()
            ),
            ("3.95B", "59.3B")
        );
        let rent = &tornado.bars[1];
        assert_eq!(rent.input, "rent per month");
        assert_eq!(rent.range, "$3,600 to $5,040");
        assert_eq!(rent.at_low.text, "6.31B");
        assert_eq!(rent.at_high.text, "11.4B");
        let (base, words) = tornado.base.clone().expect("a base");
        assert!((base - (27_625.0f64 / 4.375e-6).log10()).abs() < 1e-9);
        assert_eq!(words, "6.31B at the values");
        for bar in &tornado.bars {
            for end in [&bar.at_low, &bar.at_high] {
                assert!(end.at >= tornado.x.0 && end.at <= tornado.x.1, "{bar:?}");
            }
        }
        assert!(
            rent.detail.contains("rent per month at 5,040"),
            "{}",
            rent.detail
        );
        // Rent's value is its low guess: no bar on that side, so no words either.
        assert!(!rent.at_low.labelled && rent.at_high.labelled);
    }

    #[test]
    fn an_end_that_never_wins_is_drawn_at_the_never_mark() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        scenario.deployments[0].ranges.insert(
            crate::scenario::ranges::DeploymentInput::MonthlyRent,
            crate::scenario::ranges::Range {
                low: 3_600.0,
                high: 7_000.0,
            },
        );
        let tornado = Tornado::new(&evaluate(&scenario)).expect("ranges");
        let rent = &tornado.bars[0];
        assert!(rent.at_high.never);
        assert_eq!(rent.at_high.at, tornado.never_at);
        assert!(tornado.x.1 > tornado.never_at);
    }

    #[test]
    fn ranges_that_move_nothing_are_said_so() {
        // One node serves the dedicated server's crossover at 157M whatever its throughput.
        let report = evaluate(&presets::load("gpt4o-vs-dedicated-server").expect("preset"));
        let tornado = Tornado::new(&report).expect("ranges");
        assert_eq!(
            tornado.note.as_deref(),
            Some(
                "No range here moves it: self-hosting wins for good above 157M at either end of each"
            )
        );
        let full_stack = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        assert_eq!(Tornado::new(&full_stack).expect("ranges").note, None);
    }

    #[test]
    fn without_ranges_there_is_no_tornado() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        scenario.deployments[0].ranges.clear();
        assert!(Tornado::new(&evaluate(&scenario)).is_none());
    }
}
