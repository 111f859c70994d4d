//! The verdict when constraints decide before cost: it names the rule that applied, then
//! the cheapest option the constraints allow, and what the constraint costs against the
//! cheapest option overall. Costs are the report's own; only the recommendation changes.

use super::super::constraints::{LATENCY_TARGET, MLOPS_CAPACITY, SELF_HOSTING_REQUIRED};
use super::super::residency_constraint::DATA_RESIDENCY;
use super::super::{CannotRun, CheaperRange, OptionKind, OptionReport, Report};
use super::cost_headline;
use crate::units::{Currency, format_token_span, format_tokens};

/// The headline of a report some constraint applies to.
pub(super) fn constrained_headline(report: &Report) -> String {
    // A rule that rules options out leads the sentence; one that only informs follows it.
    let ruling = |rule: &str| {
        report
            .constraints_applied
            .iter()
            .find(|applied| applied.rule == rule && !applied.rules_out.is_empty())
            .map(|applied| applied.says.as_str())
    };
    let view = report.recommendation_view();
    let allowed = view.as_ref().unwrap_or(report);
    // A rule that leaves some options out: the engineers available, the time between
    // tokens allowed, then the APIs data may not go to.
    let left_out = [MLOPS_CAPACITY, LATENCY_TARGET, DATA_RESIDENCY]
        .into_iter()
        .find_map(|rule| ruling(rule).map(|says| (rule, says)));
    // The sentence and the rules it has already stated.
    let (mut sentence, stated): (String, Vec<&str>) =
        match (ruling(SELF_HOSTING_REQUIRED), left_out) {
            (Some(required), _) => {
                match required_words(report, allowed, required, left_out.map(|(_, says)| says)) {
                    (words, true) => (
                        words,
                        vec![SELF_HOSTING_REQUIRED, left_out.map_or("", |(rule, _)| rule)],
                    ),
                    (words, false) => (words, vec![SELF_HOSTING_REQUIRED]),
                }
            }
            (None, Some((rule, says))) => {
                let several = report
                    .constraints_applied
                    .iter()
                    .find(|applied| applied.rule == rule)
                    .is_some_and(|applied| applied.rules_out.len() > 1);
                (left_out_words(report, allowed, says, several), vec![rule])
            }
            (None, None) => (cost_headline(report), Vec::new()),
        };
    // With every API ruled out, whether batch traffic gets the batch price is moot.
    let apis_ruled_out = ruling(SELF_HOSTING_REQUIRED).is_some();
    for applied in &report.constraints_applied {
        let moot = apis_ruled_out && applied.rule == "mostly_batch";
        if !moot && !stated.contains(&applied.rule) {
            sentence.push(' ');
            sentence.push_str(&applied.says);
            sentence.push('.');
        }
    }
    sentence
}

/// "Self-hosting is required: data must stay in your environment. Of the self-hosted
/// options, A is cheapest at 100M tokens/month ($3,000/month; B above 1.2B); the cheapest
/// API (GPT-4o) would cost $1,200/month less." Also whether it stated the rule that left
/// self-hosted options out (the engineers available, or the time between tokens), when it
/// is why no option is left.
fn required_words(
    report: &Report,
    allowed: &Report,
    required: &str,
    left_out: Option<&str>,
) -> (String, bool) {
    let at = format_tokens(report.volume_tokens_per_month);
    let Some(best) = allowed.cheapest_of(|kind| kind == OptionKind::SelfHosted) else {
        // Option names keep their capitals: the clause is built to follow "but".
        let why = left_out
            .map(|says| match says.strip_prefix("Not enough") {
                Some(rest) => format!("there is not enough{rest}"),
                None => says.replacen("At most", "at most", 1),
            })
            .or_else(|| blocked_words(report))
            .unwrap_or_else(|| "the scenario has no self-hosted deployment".to_owned());
        return (
            format!("No option meets every constraint. {required}, but {why}."),
            left_out.is_some(),
        );
    };
    let cost = best.monthly_cost_usd.unwrap_or(0.0);
    let others = turns_words(&allowed.cheaper_ranges, &best.name);
    let against = report
        .cheapest_of(|kind| kind == OptionKind::Api)
        .map(|api| against_words(api, cost, "the cheapest API", &report.currency))
        .unwrap_or_default();
    let choice = if allowed
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::SelfHosted && o.cannot_run.is_none())
        .count()
        > 1
    {
        format!("Of the self-hosted options, {} is cheapest", best.name)
    } else {
        format!("{} is the self-hosted option", best.name)
    };
    let words = format!(
        "{required}. {choice} at {at} tokens/month ({}/month{others}){against}.",
        report.currency.format(cost)
    );
    (words, false)
}

/// The API is the choice, or the comparison goes on without the options the engineers
/// available cannot run.
fn left_out_words(report: &Report, allowed: &Report, why: &str, several: bool) -> String {
    let left = if several {
        "so they are left out"
    } else {
        "so it is left out"
    };
    if allowed
        .cheapest_of(|kind| kind != OptionKind::Api)
        .is_some()
    {
        return format!("{why}, {left}. {}", cost_headline(allowed));
    }
    let Some(api) = allowed.cheapest_of(|kind| kind == OptionKind::Api) else {
        return format!("No option meets every constraint. {why}.");
    };
    let at = format_tokens(report.volume_tokens_per_month);
    let cost = api.monthly_cost_usd.unwrap_or(0.0);
    let against = report
        .cheapest_of(|kind| kind != OptionKind::Api)
        .map(|own| against_words(own, cost, "self-hosting", &report.currency))
        .unwrap_or_default();
    format!(
        "{why}, so the API is the choice: {} costs {}/month at {at} tokens/month{against}.",
        api.name,
        report.currency.format(cost)
    )
}

/// "; the cheapest API (GPT-4o) would cost $1,200/month less": what the constraint costs.
fn against_words(
    other: &OptionReport,
    chosen_cost: f64,
    what: &str,
    currency: &Currency,
) -> String {
    let Some(other_cost) = other.monthly_cost_usd else {
        return String::new();
    };
    let difference = other_cost - chosen_cost;
    let size = currency.format(difference.abs());
    let name = &other.name;
    if difference < 0.0 {
        format!("; {what} ({name}) would cost {size}/month less")
    } else if difference > 0.0 {
        format!("; {what} ({name}) would cost {size}/month more")
    } else {
        format!("; {what} ({name}) would cost the same")
    }
}

/// "; B from 1.2B to 3.4B, C above 3.4B": where other allowed options take over.
fn turns_words(ranges: &[CheaperRange], best: &str) -> String {
    let others: Vec<String> = ranges
        .iter()
        .filter(|range| range.option != best && range.kind == OptionKind::SelfHosted)
        .map(|range| match range.to_tokens_per_month {
            Some(to) => {
                let (from, to) = format_token_span(range.from_tokens_per_month, to);
                format!("{} from {from} to {to}", range.option)
            }
            None => format!(
                "{} above {}",
                range.option,
                format_tokens(range.from_tokens_per_month)
            ),
        })
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!("; cheapest instead: {}", others.join(", "))
    }
}

/// "A cannot run as configured (does not fit: …)", for the self-hosted options left.
fn blocked_words(report: &Report) -> Option<String> {
    let blocked: Vec<String> = report
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::SelfHosted)
        .filter_map(|o| {
            Some(format!(
                "{} cannot run as configured ({})",
                o.name,
                o.cannot_run.as_ref().map(CannotRun::message)?
            ))
        })
        .collect();
    (!blocked.is_empty()).then(|| blocked.join("; "))
}
