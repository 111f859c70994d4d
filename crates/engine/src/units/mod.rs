//! Reading and writing the two quantities users think in: token volumes and dollars.
//!
//! Every number shown anywhere (chart ticks, verdict, CLI table, export captions)
//! is formatted here so that "157M" or "$1,750" reads the same on every screen.

use std::fmt::Write as _;

mod currency;
mod number;

/// How an input's numbers are written, so a range reads "$3,600 to $5,040" or "50% to
/// 80%" rather than bare numbers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unit {
    /// Dollars (the input's name says per what).
    Dollars,
    /// A share, written as a percentage.
    Share,
    /// Tokens per second.
    TokensPerSecond,
    /// Engineers, full-time equivalents.
    Fte,
    /// Months.
    Months,
    /// Hours.
    Hours,
    /// Watts.
    Watts,
    /// A plain number.
    #[default]
    Plain,
}

pub use currency::{
    COMMON_CURRENCIES, Currency, RATE_LIMITS, currency_problems, rate_text, symbol_for,
};
pub use number::{NumberError, parse_number};

/// Formats a token volume compactly: `950`, `250k`, `1.2M`, `157M`, `3.0B`, `1.5T`.
///
/// Three significant figures keep crossovers like 157.14M readable as "157M".
pub fn format_tokens(tokens: f64) -> String {
    if !tokens.is_finite() {
        return "∞".to_owned();
    }
    // A volume that rounds up to the next unit is shown in it: 999,999,999.99 is "1.00B",
    // not "1000M" (three significant figures round at 0.9995 of the unit).
    let magnitude = tokens.abs();
    let (scaled, suffix) = if magnitude >= 1e12 * 0.9995 {
        (tokens / 1e12, "T")
    } else if magnitude >= 1e9 * 0.9995 {
        (tokens / 1e9, "B")
    } else if magnitude >= 1e6 * 0.9995 {
        (tokens / 1e6, "M")
    } else if magnitude >= 1e3 * 0.9995 {
        (tokens / 1e3, "k")
    } else if magnitude >= 1.0 || magnitude == 0.0 {
        return format!("{tokens:.0}");
    } else if magnitude >= 0.01 {
        // Less than a token a month: a fraction, never "0" beside a non-zero cost.
        return format!("{tokens:.2}");
    } else {
        return format!("{tokens:.1e}");
    };
    format!("{}{suffix}", three_significant(scaled))
}

/// Two ends of a volume range, with as many digits as it takes for them to differ
/// ("16.62B to 16.64B" rather than "16.6B to 16.6B"), so no range reads as zero-width.
pub fn format_token_span(from: f64, to: f64) -> (String, String) {
    let (mut low, mut high) = (format_tokens(from), format_tokens(to));
    let mut digits = 4;
    while low == high && from != to && digits <= 9 {
        low = format_tokens_to(from, digits);
        high = format_tokens_to(to, digits);
        digits += 1;
    }
    (low, high)
}

/// Volumes that bound consecutive ranges, each written once with as many digits as it
/// takes to differ from its neighbours, so a range's end and the next one's start read
/// the same and no range reads as zero-width.
pub fn format_token_boundaries(volumes: &[f64]) -> Vec<String> {
    let at = |index: usize, digits: usize| {
        if digits <= 3 {
            format_tokens(volumes[index])
        } else {
            format_tokens_to(volumes[index], digits)
        }
    };
    (0..volumes.len())
        .map(|index| {
            let neighbours = [index.checked_sub(1), Some(index + 1)];
            let mut digits = 3;
            while digits <= 9
                && neighbours.iter().flatten().any(|&other| {
                    other < volumes.len()
                        && volumes[other] != volumes[index]
                        && at(other, digits) == at(index, digits)
                })
            {
                digits += 1;
            }
            at(index, digits)
        })
        .collect()
}

/// A volume with `digits` significant figures and the usual suffix.
fn format_tokens_to(tokens: f64, digits: usize) -> String {
    let (scaled, suffix) = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]
        .into_iter()
        .find(|(scale, _)| tokens.abs() >= *scale)
        .map_or((tokens, ""), |(scale, suffix)| (tokens / scale, suffix));
    let whole_digits = (scaled.abs().max(1.0).log10().floor() as usize) + 1;
    let decimals = digits.saturating_sub(whole_digits);
    format!("{scaled:.decimals$}{suffix}")
}

/// `1.23`, `12.3`, `123` — three significant figures, no trailing noise.
fn three_significant(value: f64) -> String {
    let magnitude = value.abs();
    if magnitude >= 99.95 {
        format!("{value:.0}")
    } else if magnitude >= 9.995 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// Formats dollars the way a finance slide does: `$0.0003`, `$10.50`, `$1,750`, `$1.2M`.
///
/// Cents are shown below $1,000 (where they matter), whole dollars with thousands
/// separators up to a million, then a compact suffix. Amounts shown in another currency go
/// through [`Currency::format`], which writes them the same way.
pub fn format_usd(usd: f64) -> String {
    money(usd, "$")
}

/// An amount after `symbol`, in [`format_usd`]'s style.
fn money(amount: f64, symbol: impl std::fmt::Display) -> String {
    if !amount.is_finite() {
        return "n/a".to_owned();
    }
    let sign = if amount < 0.0 { "-" } else { "" };
    let magnitude = amount.abs();
    // Past a trillion the suffix stays T, written with grouped digits: never a run of
    // hundreds of digits, never an exponent on a slide.
    if magnitude >= 1e12 * 0.9995 {
        let trillions = magnitude / 1e12;
        let digits = if trillions >= 1e15 {
            // Out of every limit's reach; still a number, not a saturated count.
            format!("{trillions:.3e}")
        } else if trillions >= 999.5 {
            group_thousands(trillions.round() as u64)
        } else {
            three_significant(trillions)
        };
        return format!("{sign}{symbol}{digits}T");
    }
    if magnitude >= 1e9 * 0.9995 {
        return format!("{sign}{symbol}{}B", three_significant(magnitude / 1e9));
    }
    if magnitude >= 1e6 {
        return format!("{sign}{symbol}{}M", three_significant(magnitude / 1e6));
    }
    if magnitude >= 1000.0 {
        return format!(
            "{sign}{symbol}{}",
            group_thousands(magnitude.round() as u64)
        );
    }
    if magnitude > 0.0 && magnitude < 0.00005 {
        // Four decimals would read "$0.0000": an amount that is not zero says so.
        return format!("{sign}<{symbol}0.0001");
    }
    if magnitude > 0.0 && magnitude < 0.01 {
        return format!("{sign}{symbol}{magnitude:.4}");
    }
    format!("{sign}{symbol}{magnitude:.2}")
}

/// Dollars for chart axes, where space is short: `$0.01`, `$0.5`, `$10`, `$1k`, `$25k`,
/// `$1.5M`, `$2B`, `$10T`. Never "$0." or a pile of digits before a suffix.
pub fn format_usd_axis(usd: f64) -> String {
    money_axis(usd, "$")
}

/// An amount after `symbol`, in [`format_usd_axis`]'s style.
fn money_axis(amount: f64, symbol: impl std::fmt::Display) -> String {
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}{symbol}{}", compact_axis_number(amount.abs()))
}

/// Token volumes for chart axes: `500`, `100k`, `1M`, `2M`, `10M`, `1B`, `5T` — the
/// same style as the money axis, without the three significant figures of the tables.
pub fn format_tokens_axis(tokens: f64) -> String {
    compact_axis_number(tokens.abs())
}

/// A magnitude with a k / M / B / T suffix and at most one decimal above 1, and as many
/// decimals as it takes (up to four) below 1.
fn compact_axis_number(magnitude: f64) -> String {
    if !magnitude.is_finite() {
        return "∞".to_owned();
    }
    let trimmed = |value: f64, decimals: usize| {
        let text = format!("{value:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    };
    for (scale, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")] {
        // 999.96k rounds to "1000k": show it as 1M instead.
        if magnitude >= scale * 0.99995 {
            return format!("{}{suffix}", trimmed(magnitude / scale, 1));
        }
    }
    if magnitude >= 1.0 || magnitude == 0.0 {
        trimmed(magnitude, 1)
    } else {
        let text = trimmed(magnitude, 4);
        if text == "0" {
            "0.0001".to_owned()
        } else {
            text
        }
    }
}

/// Groups an integer in threes: 1234567 → "1,234,567".
pub fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A share in 0..=1 as a percentage: `0.6` → `60%`, `0.0634` → `6.3%`.
pub fn format_percent(share: f64) -> String {
    let percent = share * 100.0;
    if percent != 0.0 && percent.abs() < 10.0 {
        format!("{percent:.1}%")
    } else {
        format!("{percent:.0}%")
    }
}

/// A price per 1M tokens as price lists write it: at least the cents, more digits only
/// where the price has them (up to four): `$2.50`, `$0.075`, `$0.0375`, `$1,250.00`.
pub fn format_price(usd: f64) -> String {
    price(usd, "$")
}

/// A price after `symbol`, in [`format_price`]'s style.
fn price(amount: f64, symbol: impl std::fmt::Display) -> String {
    if !amount.is_finite() {
        return "n/a".to_owned();
    }
    if amount.abs() >= 1e6 {
        return money(amount, symbol);
    }
    let cents = format!("{:.2}", amount.abs());
    let exact = format!("{:.4}", amount.abs());
    let exact = exact.trim_end_matches('0');
    let digits = if exact.len() > cents.len() {
        exact
    } else {
        &cents
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "00"));
    let whole: u64 = whole.parse().unwrap_or(0);
    let sign = if amount < 0.0 { "-" } else { "" };
    format!("{sign}{symbol}{}.{fraction}", group_thousands(whole))
}

/// A rate or amount rounded to a whole number and grouped: `2,229` tok/s.
pub fn format_whole(value: f64) -> String {
    if value.is_finite() {
        group_thousands(value.max(0.0).round() as u64)
    } else {
        "n/a".to_owned()
    }
}

/// "1 entry", "3 entries": a count with its noun.
pub fn count_of(count: usize, one: &str, many: &str) -> String {
    let noun = if count == 1 { one } else { many };
    format!("{} {noun}", group_thousands(count as u64))
}

/// A small number as people say it, up to two decimals: `0.25` FTE, `1`, `0.33`, `10`
/// hours.
pub fn format_short_number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Months with one decimal: `18.4 months`.
pub fn format_months(months: f64) -> String {
    if !months.is_finite() || months >= 12_000.0 {
        "more than 1,000 years".to_owned()
    } else if months >= 120.0 {
        format!("{:.0} years", months / 12.0)
    } else {
        format!("{months:.1} months")
    }
}

/// An input share as a ratio people say out loud: 0.75 → `3 : 1`, 0.8667 → `13 : 2`.
///
/// Searches small denominators for an exact-looking ratio; falls back to one decimal.
pub fn format_ratio(input_share: f64) -> String {
    if !(0.0..=1.0).contains(&input_share) {
        return "n/a".to_owned();
    }
    if input_share >= 1.0 {
        return "1 : 0".to_owned();
    }
    for output_parts in 1..=20u32 {
        let input_parts = input_share / (1.0 - input_share) * f64::from(output_parts);
        if (input_parts - input_parts.round()).abs() < 1e-6 * input_parts.max(1.0) {
            return format!("{} : {output_parts}", input_parts.round());
        }
    }
    // Otherwise one decimal, without a trailing ".0": 0.66667 reads "2 : 1", 0.7 "2.3 : 1".
    let trimmed = |value: f64| {
        let text = format!("{value:.1}");
        text.strip_suffix(".0").map(str::to_owned).unwrap_or(text)
    };
    let ratio = input_share / (1.0 - input_share);
    if ratio >= 1.0 {
        format!("{} : 1", trimmed(ratio))
    } else {
        format!("1 : {}", trimmed(1.0 / ratio))
    }
}

/// Why a volume could not be read; the text is shown to the user as is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "cannot read {text:?} as a token volume: {reason} (write e.g. 55M, 1.5B, 250k or 120000000)"
)]
pub struct VolumeParseError {
    /// What the user typed.
    pub text: String,
    /// What was wrong with it.
    pub reason: &'static str,
}

/// Parses `55M`, `1.5B`, `250k`, `3T`, `1e9`, `120000000` or `120,000,000` into tokens,
/// under the one number grammar of [`parse_number`] (`1,5M` is refused, not read as 15M).
pub fn parse_tokens(text: &str) -> Result<f64, VolumeParseError> {
    let error = |reason| VolumeParseError {
        text: text.to_owned(),
        reason,
    };
    let trimmed = text.trim();
    let trimmed = trimmed
        .strip_suffix("tokens")
        .or_else(|| trimmed.strip_suffix("tok"))
        .unwrap_or(trimmed)
        .trim_end();
    if trimmed.is_empty() {
        return Err(error("it is empty"));
    }
    let (number, multiplier) = match trimmed.chars().last() {
        Some('k' | 'K') => (&trimmed[..trimmed.len() - 1], 1e3),
        Some('m' | 'M') => (&trimmed[..trimmed.len() - 1], 1e6),
        Some('b' | 'B' | 'g' | 'G') => (&trimmed[..trimmed.len() - 1], 1e9),
        Some('t' | 'T') => (&trimmed[..trimmed.len() - 1], 1e12),
        _ => (trimmed, 1.0),
    };
    let value = parse_number(number).map_err(|problem| {
        error(match problem {
            NumberError::Comma => {
                "a comma only groups thousands (1,500,000); write a decimal with a point (1.5M)"
            }
            NumberError::Empty | NumberError::NotANumber => {
                "it is not a number with an optional k, M, B or T suffix"
            }
        })
    })?;
    let tokens = value * multiplier;
    if !tokens.is_finite() {
        return Err(error("it is too large"));
    }
    if tokens < 0.0 {
        return Err(error("a volume cannot be negative"));
    }
    Ok(tokens)
}

/// Writes `rows` as an aligned plain-text table: the first `text_columns` columns
/// left-aligned (names, descriptions), the rest right-aligned (figures).
pub fn text_table(header: &[&str], rows: &[Vec<String>], text_columns: usize) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut write_row = |cells: &mut dyn Iterator<Item = &str>| {
        for (index, cell) in cells.enumerate().take(columns) {
            let pad = widths[index].saturating_sub(cell.chars().count());
            let gap = if index == 0 { "" } else { "  " };
            if index < text_columns {
                let _ = write!(out, "{gap}{cell}{}", " ".repeat(pad));
            } else {
                let _ = write!(out, "{gap}{}{cell}", " ".repeat(pad));
            }
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    };
    write_row(&mut header.iter().copied());
    for row in rows {
        write_row(&mut row.iter().map(String::as_str));
    }
    out
}

/// An input's value as a person writes it: "3,600", "0.5", "150,000", "1.3".
pub fn format_plain(value: f64) -> String {
    if value.abs() >= 1_000.0 {
        let rounded = value.round();
        let grouped = group_thousands(rounded.abs() as u64);
        if rounded < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    }
}

/// A range of plain numbers with the digits it takes for its ends to differ: "3,600 to
/// 5,040", "0.5 to 1", "3,600.2 to 3,600.4" rather than "3,600 to 3,600".
pub fn format_plain_span(low: f64, high: f64) -> String {
    let (mut from, mut to) = (format_plain(low), format_plain(high));
    let mut decimals = 1;
    while from == to && low != high && decimals <= 6 {
        from = format!("{low:.decimals$}");
        to = format!("{high:.decimals$}");
        decimals += 1;
    }
    format!("{from} to {to}")
}

/// A range of an input in its unit: "$3,600 to $5,040", "50% to 80%", "800 to 1,200
/// tok/s", "0.5 to 1 FTE", with the digits it takes for the ends to differ.
pub fn format_input_span(low: f64, high: f64, unit: Unit) -> String {
    match unit {
        Unit::Dollars => {
            // Whole dollars read as such ("$250 to $1,000"); cents only where there are any.
            let whole = low.fract() == 0.0 && high.fract() == 0.0;
            let (from, to) = (format_usd(low), format_usd(high));
            if whole || (from == to && low != high) {
                let span = format_plain_span(low, high);
                let (from, to) = span.split_once(" to ").unwrap_or((&span, ""));
                format!("${from} to ${to}")
            } else {
                format!("{from} to {to}")
            }
        }
        Unit::Share => {
            let (from, to) = (format_percent(low), format_percent(high));
            if from == to && low != high {
                format_plain_span(low * 100.0, high * 100.0).replace(" to ", "% to ") + "%"
            } else {
                format!("{from} to {to}")
            }
        }
        Unit::TokensPerSecond => format!("{} tok/s", format_plain_span(low, high)),
        Unit::Fte => format!("{} FTE", format_plain_span(low, high)),
        Unit::Months => format!("{} months", format_plain_span(low, high)),
        Unit::Hours => format!("{} h", format_plain_span(low, high)),
        Unit::Watts => format!("{} W", format_plain_span(low, high)),
        Unit::Plain => format_plain_span(low, high),
    }
}

#[cfg(test)]
mod tests;
