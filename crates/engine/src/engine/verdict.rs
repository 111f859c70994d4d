//! The plain-words answer: which is cheaper at this volume, by how much, and where it flips.
//!
//! Shared by the app's verdict banner, the CLI table and the export caption, so the
//! sentence a manager reads is the same everywhere.

use super::{OptionKind, Report};
use crate::units::{format_tokens, format_usd};

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
        let alternating = range.alternates_with.iter().any(|name| {
            report
                .option(name)
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
pub fn headline(report: &Report) -> String {
    let volume = report.volume_tokens_per_month;
    let at = format!("At {} tokens/month", format_tokens(volume));
    let best_api = report.cheapest_of(|kind| kind == OptionKind::Api);
    let best_self = report.cheapest_of(|kind| kind != OptionKind::Api);
    let (api, own) = match (best_api, best_self) {
        (Some(api), Some(own)) => (api, own),
        (Some(only), None) | (None, Some(only)) => {
            return format!(
                "{at} {} costs {}/month; add {} to compare.",
                only.name,
                format_usd(only.monthly_cost_usd.unwrap_or(0.0)),
                if only.kind == OptionKind::Api {
                    "a self-hosted deployment"
                } else {
                    "an API"
                }
            );
        }
        (None, None) => return "Add an API and a self-hosted deployment to compare.".to_owned(),
    };
    let api_cost = api.monthly_cost_usd.unwrap_or(0.0);
    let own_cost = own.monthly_cost_usd.unwrap_or(0.0);
    let sides = side_ranges(report);
    let difference = (api_cost - own_cost).abs();
    if api_cost <= own_cost {
        let flip = outlook_above(&sides, volume);
        if difference == 0.0 {
            return format!(
                "{at} the API and self-hosting cost the same ({}/month); {flip}.",
                format_usd(api_cost)
            );
        }
        format!(
            "{at} the API ({}) is cheaper by {}/month; {flip}.",
            api.name,
            format_usd(difference)
        )
    } else {
        let current = sides
            .iter()
            .find(|side| side.from <= volume && side.to.is_none_or(|to| volume <= to));
        let mut flip = String::new();
        if let Some(side) = current.filter(|side| side.alternating) {
            flip = format!("; {}", turn_taking_words(side, &sides, volume));
        }
        if let Some(side) = current.filter(|side| side.self_hosting) {
            if side.from > 0.0 {
                flip.push_str(&format!(
                    "; the API wins below {}",
                    format_tokens(side.from)
                ));
            }
            if let Some(to) = side.to {
                flip.push_str(&format!(" and again above {}", format_tokens(to)));
            }
        }
        format!(
            "{at} self-hosting ({}) is cheaper than {} by {}/month{flip}.",
            own.name,
            api.name,
            format_usd(difference)
        )
    }
}

/// What happens above `volume` when the API is cheaper there: where self-hosting
/// first wins, or where the two take turns node by node and where that ends.
fn outlook_above(sides: &[SideRange], volume: f64) -> String {
    let ahead = sides
        .iter()
        .filter(|side| side.to.is_none_or(|to| to > volume))
        .find(|side| side.self_hosting || side.alternating);
    match ahead {
        Some(side) if side.alternating => turn_taking_words(side, sides, volume),
        Some(side) => format!(
            "self-hosting wins above {}{}",
            format_tokens(side.from),
            side.to
                .map(|to| format!(" (until {})", format_tokens(to)))
                .unwrap_or_default()
        ),
        None if sides
            .iter()
            .any(|side| side.self_hosting || side.alternating) =>
        {
            "self-hosting is not the cheapest option at any higher volume".to_owned()
        }
        None => "self-hosting is not the cheapest option at any volume".to_owned(),
    }
}

/// "from 4.7B to 9.1B the API and self-hosting take turns at every added node;
/// self-hosting is cheaper for good above 9.2B" for an alternating side; the "for good"
/// volume is where the last (settled) range starts.
fn turn_taking_words(side: &SideRange, sides: &[SideRange], volume: f64) -> String {
    let start = if side.from <= volume {
        "from here".to_owned()
    } else {
        format!("from {}", format_tokens(side.from))
    };
    let Some(to) = side.to else {
        return format!(
            "{start} on, the API and self-hosting take turns at every added node, at every volume"
        );
    };
    let mut words = format!(
        "{start} to {} the API and self-hosting take turns at every added node",
        format_tokens(to)
    );
    if let Some(last) = sides
        .last()
        .filter(|last| last.from >= to && !last.alternating)
    {
        let winner = if last.self_hosting {
            "self-hosting"
        } else {
            "the API"
        };
        words.push_str(&format!(
            "; {winner} is cheaper for good above {}",
            format_tokens(last.from)
        ));
    }
    words
}
