//! The plain-words answer: which is cheaper at this volume, by how much, and where it flips.
//!
//! Shared by the app's verdict banner, the CLI table and the export caption, so the
//! sentence a manager reads is the same everywhere.

mod constrained;

use super::{CannotRun, OptionKind, OptionReport, Report};
use crate::units::{format_token_span, format_tokens};

/// A volume range where either the API side or the self-hosting side is cheapest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SideRange {
    /// True when a self-hosted or hybrid option is cheapest in the range.
    pub self_hosting: bool,
    /// True when the API and self-hosting take turns at every node step in the range,
    /// too often to list (then `self_hosting` is false).
    pub alternating: bool,
    /// Start, tokens per month.
    pub from: f64,
    /// End, or `None` for "and above".
    pub to: Option<f64>,
}

/// The report's cheapest ranges merged by side (API versus self-hosting).
pub fn side_ranges(report: &Report) -> Vec<SideRange> {
    let mut merged: Vec<SideRange> = Vec::new();
    for range in &report.cheaper_ranges {
        let self_hosting = range.kind != OptionKind::Api;
        let alternating = range.alternates_with_ids.iter().any(|key| {
            report
                .option(*key)
                .is_some_and(|other| (other.kind != OptionKind::Api) != self_hosting)
        });
        let self_hosting = self_hosting && !alternating;
        match merged.last_mut() {
            Some(last) if last.self_hosting == self_hosting && last.alternating == alternating => {
                last.to = range.to_tokens_per_month;
            }
            _ => merged.push(SideRange {
                self_hosting,
                alternating,
                from: range.from_tokens_per_month,
                to: range.to_tokens_per_month,
            }),
        }
    }
    merged
}

/// One sentence answering "is the API or self-hosting cheaper here, and where does it flip?"
///
/// Only options that can run as configured are compared; a cheaper one that cannot run is
/// named with the reason, so the sentence never recommends a setup that cannot work. When
/// constraints apply, the sentence names the rule first and recommends only what the
/// constraints allow (see [`constrained`]).
pub fn headline(report: &Report) -> String {
    if report.constraints_applied.is_empty() {
        cost_headline(report)
    } else {
        constrained::constrained_headline(report)
    }
}

/// The headline from costs alone.
fn cost_headline(report: &Report) -> String {
    let volume = report.volume_tokens_per_month;
    let at = format!("At {} tokens/month", format_tokens(volume));
    let best_api = report.cheapest_of(|kind| kind == OptionKind::Api);
    let best_self = report.cheapest_of(|kind| kind != OptionKind::Api);
    let blocked = cheapest_blocked(report, best_api.or(best_self));
    if let (Some(api), None, Some((option, reason))) = (best_api, best_self, blocked) {
        return format!(
            "{at} only the API ({}, {}/month) can run as configured: {} cannot ({reason}).",
            api.name,
            report.currency.format(api.monthly_cost_usd.unwrap_or(0.0)),
            option.name
        );
    }
    let sentence = match (best_api, best_self) {
        (Some(api), Some(own)) => compared(report, &at, api, own),
        (Some(only), None) | (None, Some(only)) => format!(
            "{at} {} costs {}/month; add {} to compare.",
            only.name,
            report.currency.format(only.monthly_cost_usd.unwrap_or(0.0)),
            if only.kind == OptionKind::Api {
                "a self-hosted deployment"
            } else {
                "an API"
            }
        ),
        (None, None) => "Add an API and a self-hosted deployment to compare.".to_owned(),
    };
    match blocked {
        Some((option, reason)) => format!(
            "{sentence} {} cannot run as configured ({reason}).",
            option.name
        ),
        None => sentence,
    }
}

/// How sure the crossover is, from the inputs' ranges: "With the ranges given, self-hosting
/// wins for good somewhere between 3.95B and 59.3B tokens/month; rent per month and
/// engineering FTE move it most." `None` when no input has a range.
pub fn range_sentence(report: &Report) -> Option<String> {
    let top = report.sensitivity.first()?;
    // A pair a constraint rules out is not the answer: its uncertainty is not said.
    let ruled_out = |key| report.option(key).is_some_and(|o| o.ruled_out.is_some());
    if ruled_out(top.pair.api) || ruled_out(top.pair.self_hosted) {
        return None;
    }
    let spread = report.headline_interval()?.wins_for_good;
    let deciding: Vec<&str> = report
        .sensitivity
        .iter()
        // Only inputs that move the volume itself; one that only moves the saving at this
        // volume does not decide where self-hosting wins.
        .filter(|bar| bar.swing() > 0.0)
        .take(2)
        .map(|bar| bar.input.as_str())
        .collect();
    let who = format!("self-hosting ({}) against {}", top.self_hosted, top.api);
    let span = match (spread.low, spread.high) {
        (Some(low), Some(high)) if low < high => {
            let (low, high) = format_token_span(low, high);
            format!("{who} wins for good somewhere between {low} and {high} tokens/month")
        }
        (Some(low), Some(_)) if low <= 0.0 => {
            format!("{who} is cheaper at every volume, at every end of the ranges")
        }
        (Some(low), Some(_)) => format!(
            "{who} wins for good above {} tokens/month at every end of the ranges",
            format_tokens(low)
        ),
        (Some(low), None) => format!(
            "{who} wins for good above {} tokens/month at best, possibly never",
            format_tokens(low)
        ),
        (None, _) => format!("{who} never wins for good, even at the most favourable ends"),
    };
    let decide = match deciding.as_slice() {
        [] => String::new(),
        [one] => format!("; {one} moves it most"),
        [first, second, ..] => format!("; {first} and {second} move it most"),
    };
    Some(format!("With the ranges given, {span}{decide}."))
}

/// The best API against the best self-hosted option at this volume, and where it flips.
fn compared(report: &Report, at: &str, api: &OptionReport, own: &OptionReport) -> String {
    let api_cost = api.monthly_cost_usd.unwrap_or(0.0);
    let own_cost = own.monthly_cost_usd.unwrap_or(0.0);
    let pattern = pattern_words(&side_ranges(report));
    let difference = (api_cost - own_cost).abs();
    if api_cost > own_cost {
        format!(
            "{at} self-hosting ({}) is cheaper than {} by {}/month; {pattern}.",
            own.name,
            api.name,
            report.currency.format(difference)
        )
    } else if difference == 0.0 {
        format!(
            "{at} the API and self-hosting cost the same ({}/month); {pattern}.",
            report.currency.format(api_cost)
        )
    } else {
        format!(
            "{at} the API ({}) is cheaper by {}/month; {pattern}.",
            api.name,
            report.currency.format(difference)
        )
    }
}

/// The cheapest self-hosted option that cannot run at this volume, with the reason, when
/// it would cost less than `best` (what the verdict names) or nothing else self-hosts.
fn cheapest_blocked<'a>(
    report: &'a Report,
    best: Option<&OptionReport>,
) -> Option<(&'a OptionReport, &'a str)> {
    let best_self_runs = report.cheapest_of(|kind| kind != OptionKind::Api).is_some();
    let best_cost = best.and_then(|option| option.monthly_cost_usd);
    report
        .options
        .iter()
        .filter(|option| option.kind != OptionKind::Api)
        .filter_map(|option| Some((option, option.cannot_run.as_ref().map(CannotRun::message)?)))
        .filter(|(option, _)| {
            !best_self_runs
                || match (option.monthly_cost_usd, best_cost) {
                    (Some(cost), Some(best)) => cost < best,
                    _ => false,
                }
        })
        .min_by(|a, b| {
            let cost = |o: &OptionReport| o.monthly_cost_usd.unwrap_or(f64::INFINITY);
            cost(a.0).total_cmp(&cost(b.0))
        })
}

/// Where self-hosting wins, over all volumes, in one clause: "self-hosting wins above
/// 157M"; "self-hosting wins from 60.1M to 71.0M, then the two alternate as nodes are
/// added; self-hosting is cheaper for good above 360M"; "self-hosting wins only from 2.0B
/// to 3.1B; the API is cheaper again above 3.1B". The chart's labels, the text report and
/// every export use this clause, so the pattern is said one way everywhere.
pub fn pattern_words(sides: &[SideRange]) -> String {
    let Some(first_index) = sides
        .iter()
        .position(|side| side.self_hosting || side.alternating)
    else {
        return "self-hosting is not the cheapest option at any volume".to_owned();
    };
    let first = &sides[first_index];
    let rest = &sides[first_index + 1..];
    if first.alternating {
        return turn_taking_words(first, sides);
    }
    let Some(first_end) = first.to else {
        return if first.from > 0.0 {
            format!("self-hosting wins above {}", format_tokens(first.from))
        } else {
            "self-hosting is cheaper at every volume".to_owned()
        };
    };
    let span = if first.from > 0.0 {
        let (from, to) = format_token_span(first.from, first_end);
        format!("from {from} to {to}")
    } else {
        format!("below {}", format_tokens(first_end))
    };
    if let [only_api] = rest
        && !only_api.self_hosting
        && !only_api.alternating
    {
        return format!(
            "self-hosting wins only {span}; the API is cheaper again above {}",
            format_tokens(first_end)
        );
    }
    let unlisted = rest
        .iter()
        .find(|side| side.alternating && side.to.is_some())
        .map(|side| {
            let (from, to) = format_token_span(side.from, side.to.unwrap_or(side.from));
            format!(" (they take turns at every added node from {from} to {to})")
        })
        .unwrap_or_default();
    format!(
        "self-hosting wins {span}, then the two alternate as nodes are added{unlisted}; {}",
        settled_words(sides)
    )
}

/// How the sides end: "self-hosting is cheaper for good above 360M", "the API is cheaper
/// for good above 3.1B", or turn-taking that never settles.
fn settled_words(sides: &[SideRange]) -> String {
    match sides.last() {
        Some(last) if last.alternating => format!(
            "from {} on they take turns at every added node, at every volume",
            format_tokens(last.from)
        ),
        Some(last) if last.self_hosting => format!(
            "self-hosting is cheaper for good above {}",
            format_tokens(last.from)
        ),
        Some(last) => format!(
            "the API is cheaper for good above {}",
            format_tokens(last.from)
        ),
        None => String::new(),
    }
}

/// "from 4.7B to 9.1B the API and self-hosting take turns at every added node;
/// self-hosting is cheaper for good above 9.2B" for a stretch too long to list.
fn turn_taking_words(side: &SideRange, sides: &[SideRange]) -> String {
    let start = if side.from > 0.0 {
        format!("from {}", format_tokens(side.from))
    } else {
        "from the lowest volumes".to_owned()
    };
    match side.to {
        None => format!(
            "{start} on, the API and self-hosting take turns at every added node, at every volume"
        ),
        Some(to) => format!(
            "{start} to {} the API and self-hosting take turns at every added node; {}",
            format_token_span(side.from, to).1,
            settled_words(sides)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(self_hosting: bool, from: f64, to: Option<f64>) -> SideRange {
        SideRange {
            self_hosting,
            alternating: false,
            from,
            to,
        }
    }

    #[test]
    fn one_crossover_is_said_plainly() {
        let sides = [side(false, 0.0, Some(157e6)), side(true, 157e6, None)];
        assert_eq!(pattern_words(&sides), "self-hosting wins above 157M");
        assert_eq!(
            pattern_words(&[side(false, 0.0, None)]),
            "self-hosting is not the cheapest option at any volume"
        );
    }

    #[test]
    fn alternation_is_said_whole_never_as_until() {
        let sides = [
            side(false, 0.0, Some(60.1e6)),
            side(true, 60.1e6, Some(71.0e6)),
            side(false, 71.0e6, Some(120.1e6)),
            side(true, 120.1e6, Some(141.9e6)),
            side(false, 141.9e6, Some(360.45e6)),
            side(true, 360.45e6, None),
        ];
        let words = pattern_words(&sides);
        assert_eq!(
            words,
            "self-hosting wins from 60.1M to 71.0M, then the two alternate as nodes are \
             added; self-hosting is cheaper for good above 360M"
        );
        assert!(!words.contains("until"));
    }

    #[test]
    fn a_band_where_self_hosting_wins_says_the_api_wins_again() {
        let sides = [
            side(false, 0.0, Some(2e9)),
            side(true, 2e9, Some(3.1e9)),
            side(false, 3.1e9, None),
        ];
        assert_eq!(
            pattern_words(&sides),
            "self-hosting wins only from 2.00B to 3.10B; the API is cheaper again above 3.10B"
        );
    }
}
