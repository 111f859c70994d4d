//! The report as plain text, for the terminal and for scripts that read it.

use std::fmt::Write as _;

use crate::engine::CheaperRange;
use crate::engine::timeline::{Timeline, words};
use crate::engine::uncertainty::{Method, Spread};
use crate::engine::{OptionKind, Report, verdict};
use crate::units::{
    format_input_span, format_percent, format_ratio, format_token_boundaries, format_tokens,
    text_table,
};

/// How an option kind is written in tables.
pub fn kind_label(kind: OptionKind) -> &'static str {
    match kind {
        OptionKind::Api => "API",
        OptionKind::SelfHosted => "self-hosted",
        OptionKind::Hybrid => "hybrid",
    }
}

/// The whole report as an aligned table with the verdict, crossovers and warnings.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", report.scenario);
    let _ = write!(
        out,
        "Volume: {} tokens/month, input : output {} ({} input)",
        format_tokens(report.volume_tokens_per_month),
        format_ratio(report.input_share),
        format_percent(report.input_share),
    );
    if let Some(requests) = report.requests_per_month {
        let _ = write!(out, ", {} requests/month", format_tokens(requests));
    }
    let _ = write!(
        out,
        "\nCosts counted: {} ({})",
        report.lens.label(),
        report.lens.meaning()
    );
    if let Some(note) = &report.lens_note {
        let _ = write!(out, "\n{note}");
    }
    if let Some(statement) = report.currency.statement() {
        let _ = write!(out, "\n{statement}");
    }
    out.push_str("\n\n");
    out.push_str(&options_table(report));
    write_layers(&mut out, report);
    write_crossovers(&mut out, report);
    write_cheapest(&mut out, report);
    write_ranges(&mut out, report);
    for option in &report.options {
        if let Some(reason) = &option.cannot_run {
            let _ = writeln!(
                out,
                "\nCannot run as configured: {} ({reason}).",
                option.name
            );
        }
    }
    for option in &report.options {
        if let Some(reason) = &option.ruled_out {
            let _ = writeln!(
                out,
                "\nRuled out by a constraint: {} ({reason}).",
                option.name
            );
        }
    }
    let _ = writeln!(out, "\nVerdict: {}", verdict::headline(report));
    if let Some(sentence) = verdict::range_sentence(report) {
        let _ = writeln!(out, "         {sentence}");
    }
    if let Some(note) = report.engineering_note() {
        let _ = writeln!(out, "Note: {note}");
    }
    for warning in &report.warnings {
        let _ = writeln!(out, "Warning: {warning}");
    }
    out
}

/// One row per option: cost, $/1M, $/request, nodes, busy share, payback.
fn options_table(report: &Report) -> String {
    let dash = || "-".to_owned();
    let money = |usd: f64| report.currency.format(usd);
    let per_request = report.requests_per_month.is_some();
    let rows: Vec<Vec<String>> = report
        .options
        .iter()
        .map(|option| {
            let figures = option.self_hosted.as_ref();
            let mut row = vec![
                option.name.clone(),
                kind_label(option.kind).to_owned(),
                option
                    .monthly_cost_usd
                    .map(money)
                    .unwrap_or_else(|| "cannot serve".to_owned()),
                option
                    .usd_per_million_tokens
                    .map(money)
                    .unwrap_or_else(dash),
                figures.map(|f| f.nodes.to_string()).unwrap_or_else(dash),
                figures
                    .map(|f| format_percent(f.busy_share))
                    .unwrap_or_else(dash),
                option.payback_words().unwrap_or_else(dash),
            ];
            if per_request {
                // A price's digits ("$0.0123" beside "$0.0084"), not cents ("$0.01").
                let per = |usd: f64| report.currency.format_price(usd);
                row.insert(4, option.usd_per_request.map(per).unwrap_or_else(dash));
            }
            row
        })
        .collect();
    let symbol = report.currency.symbol();
    let per_month = format!("{symbol}/month");
    let per_million = format!("{symbol}/1M tokens");
    let per_request_header = format!("{symbol}/request");
    let mut header = vec![
        "Option",
        "Kind",
        per_month.as_str(),
        per_million.as_str(),
        "Nodes",
        "Busy",
        "Payback",
    ];
    if per_request {
        header.insert(4, per_request_header.as_str());
    }
    text_table(&header, &rows, 2)
}

/// Each self-hosted option's cost layers with their shares of its total, and an API's
/// when it has more than its usage (engineers, fees, an implementation).
fn write_layers(out: &mut String, report: &Report) {
    for option in &report.options {
        let Some(layers) = &option.layers else {
            continue;
        };
        let named = match option.self_hosted {
            Some(_) => layers.named(),
            None if layers.named_for_api().len() > 1 => layers.named_for_api(),
            None => continue,
        };
        {
            let total = layers.total();
            let parts: Vec<String> = named
                .into_iter()
                .map(|(layer, usd)| {
                    let share = if total > 0.0 { usd / total } else { 0.0 };
                    format!(
                        "{} {} ({})",
                        layer.label_for(option.kind).to_lowercase(),
                        report.currency.format(usd),
                        format_percent(share)
                    )
                })
                .collect();
            let _ = writeln!(out, "\n{} layers: {}", option.name, parts.join(", "));
        }
    }
}

fn write_crossovers(out: &mut String, report: &Report) {
    out.push_str("\nCrossovers:\n");
    if report.crossovers.is_empty() && report.alternations.is_empty() {
        out.push_str("  none: the order never changes at any volume\n");
    }
    for crossover in &report.crossovers {
        let _ = writeln!(
            out,
            "  {} tokens/month ({}): {} vs {}: {}",
            format_tokens(crossover.volume_tokens_per_month),
            crossover.cost_label(&report.currency),
            crossover.api,
            crossover.self_hosted,
            if crossover.self_hosted_cheaper_above {
                "self-hosting cheaper above"
            } else if crossover.at_node_step {
                "API cheaper above (another node is needed)"
            } else {
                "API cheaper above"
            }
        );
    }
    for turns in &report.alternations {
        let _ = writeln!(
            out,
            "  {}: {} vs {}: take turns {} (not listed one by one)",
            turns.span_words(),
            turns.api,
            turns.self_hosted,
            turns.steps_words()
        );
    }
}

fn write_cheapest(out: &mut String, report: &Report) {
    out.push_str("\nCheapest by volume:\n");
    write_ranges_list(out, &report.cheaper_ranges);
    if let Some(allowed) = &report.recommended_ranges {
        out.push_str("\nCheapest among the options the constraints allow:\n");
        if allowed.is_empty() {
            out.push_str("  none: no option meets every constraint\n");
        }
        write_ranges_list(out, allowed);
    }
}

fn write_ranges_list(out: &mut String, ranges: &[CheaperRange]) {
    let ends: Vec<f64> = ranges
        .iter()
        .filter_map(|range| range.to_tokens_per_month)
        .collect();
    // Each range starts where the one before ends, written the same way.
    let ends = format_token_boundaries(&ends);
    for (index, range) in ranges.iter().enumerate() {
        let from = match index.checked_sub(1) {
            Some(before) => ends[before].clone(),
            None => format_tokens(range.from_tokens_per_month),
        };
        let span = match range.to_tokens_per_month {
            Some(_) => format!("{from} to {}", ends[index]),
            None if index == 0 => "at every volume".to_owned(),
            None => format!("{from} and above"),
        };
        if range.alternates_with.is_empty() {
            let _ = writeln!(out, "  {span}: {}", range.option);
        } else {
            let _ = writeln!(
                out,
                "  {span}: {} and {} take turns at each node step",
                range.option,
                range.alternates_with.join(" and ")
            );
        }
    }
}

/// "3.95B to 59.3B (6.31B at the values)", or "possibly never" for an open end.
fn spread_words(spread: Spread) -> String {
    let words = |volume: Option<f64>| volume.map_or_else(|| "never".to_owned(), format_tokens);
    if spread.low == spread.high {
        return match spread.value {
            Some(value) => format_tokens(value),
            None => "never".to_owned(),
        };
    }
    let high = match spread.high {
        Some(high) => format_tokens(high),
        None => "possibly never".to_owned(),
    };
    format!(
        "{} to {high} ({} at the values)",
        words(spread.low),
        words(spread.value)
    )
}

/// What the ranges do: each option's cost band, each pair's crossover interval, and the
/// inputs that move it most. Nothing without ranges.
fn write_ranges(out: &mut String, report: &Report) {
    if report.ranged_inputs.is_empty() {
        return;
    }
    out.push_str("\nWith the inputs' ranges:\n");
    for option in &report.options {
        if let (Some(low), Some(high)) = (option.monthly_cost_low_usd, option.monthly_cost_high_usd)
            && low < high
        {
            let _ = writeln!(
                out,
                "  {} costs {} to {} a month",
                option.name,
                report.currency.format(low),
                report.currency.format(high)
            );
        }
    }
    for interval in &report.crossover_intervals {
        let never = |spread: Spread| spread.low.is_none() && spread.high.is_none();
        if never(interval.first_win) {
            let _ = writeln!(
                out,
                "  {} vs {}: self-hosting never wins, at either end of every range",
                interval.api, interval.self_hosted
            );
            continue;
        }
        let _ = writeln!(
            out,
            "  {} vs {}: self-hosting first wins at {}; wins for good from {}",
            interval.api,
            interval.self_hosted,
            spread_words(interval.first_win),
            spread_words(interval.wins_for_good)
        );
    }
    let Some(first) = report.sensitivity.first() else {
        return;
    };
    let _ = writeln!(
        out,
        "\nWhat moves it most ({} vs {}; wins for good from, and the monthly saving at {}):",
        first.self_hosted,
        first.api,
        format_tokens(report.volume_tokens_per_month)
    );
    let never = |volume: Option<f64>| volume.map_or_else(|| "never".to_owned(), format_tokens);
    let rows: Vec<Vec<String>> = report
        .sensitivity
        .iter()
        .map(|bar| {
            let method = report
                .ranged_inputs
                .iter()
                .find(|input| input.input == bar.input)
                .map_or("", |input| match input.method {
                    Method::Corners => "exact",
                    Method::Sampled => "sampled",
                });
            vec![
                bar.input.clone(),
                format_input_span(bar.low, bar.high, bar.unit),
                never(bar.wins_for_good_at_low),
                never(bar.wins_for_good_at_high),
                report.currency.format(bar.saving_at_low_usd),
                report.currency.format(bar.saving_at_high_usd),
                method.to_owned(),
            ]
        })
        .collect();
    let table = text_table(
        &[
            "Input",
            "Range",
            "At low",
            "At high",
            "Saving at low",
            "Saving at high",
            "Method",
        ],
        &rows,
        2,
    );
    for line in table.lines() {
        let _ = writeln!(out, "  {line}");
    }
}

/// The timeline as text: the volume it starts and ends at, each year's cash per option,
/// the totals, then the break-even and best-switch lines.
pub fn render_timeline(timeline: &Timeline) -> String {
    let mut out = String::new();
    let (Some(first), Some(last)) = (timeline.rows.first(), timeline.rows.last()) else {
        return out;
    };
    let growth = if timeline.from_list {
        "monthly volumes from a list".to_owned()
    } else {
        format!(
            "{} growth a month",
            format_percent(timeline.growth_per_month)
        )
    };
    let _ = writeln!(
        out,
        "\nOver {} months ({growth}): {} tokens/month in month 1, {} in month {}",
        timeline.months,
        format_tokens(first.tokens),
        format_tokens(last.tokens),
        last.month,
    );
    let names = timeline.option_names();
    let mut header = vec!["Months".to_owned()];
    header.extend(names.iter().map(|name| (*name).to_owned()));
    let mut rows: Vec<Vec<String>> = timeline
        .yearly()
        .iter()
        .map(|(from, to, costs)| {
            let mut row = vec![format!("{from}–{to}")];
            row.extend(costs.iter().map(|cost| timeline.currency.format(*cost)));
            row
        })
        .collect();
    let mut total = vec!["Total".to_owned()];
    total.extend(
        timeline
            .totals()
            .iter()
            .map(|cost| timeline.currency.format(*cost)),
    );
    rows.push(total);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    out.push_str(&text_table(&header, &rows, 1));
    for (switch, even) in timeline.best_switch.iter().zip(&timeline.break_even) {
        let _ = writeln!(
            out,
            "{}",
            words::switch_sentence(switch, even, timeline.months, &timeline.currency)
        );
    }
    for warning in &timeline.warnings {
        let _ = writeln!(out, "Warning: {warning}");
    }
    out
}
