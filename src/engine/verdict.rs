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
        match merged.last_mut() {
            Some(last) if last.self_hosting == self_hosting => last.to = range.to_tokens_per_month,
            _ => merged.push(SideRange {
                self_hosting,
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
        let next_win = sides
            .iter()
            .find(|side| side.self_hosting && side.from >= volume);
        let flip = match next_win {
            Some(side) => format!(
                "self-hosting wins above {}{}",
                format_tokens(side.from),
                side.to
                    .map(|to| format!(" (until {})", format_tokens(to)))
                    .unwrap_or_default()
            ),
            None if sides.iter().any(|side| side.self_hosting) => {
                "self-hosting is not the cheapest option at any higher volume".to_owned()
            }
            None => "self-hosting is not the cheapest option at any volume".to_owned(),
        };
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
