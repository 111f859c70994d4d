//! Collects problems with field paths, and writes numbers the way a person reads them.

use super::{Problem, limits};

/// Collects problems with field paths.
pub(super) struct Checker {
    pub(super) problems: Vec<Problem>,
}

impl Checker {
    pub(super) fn fail(&mut self, field: String, message: String) {
        self.problems.push(Problem { field, message });
    }

    /// A finite number within `limits.0..=limits.1`.
    pub(super) fn range(
        &mut self,
        field: impl Into<String>,
        value: f64,
        limits: (f64, f64),
        unit: &str,
    ) {
        let (min, max) = limits;
        if !value.is_finite() || value < min || value > max {
            self.fail(
                field.into(),
                format!(
                    "must be between {} and {} {unit} (it is {})",
                    plain_number(min),
                    plain_number(max),
                    precise_number(value)
                ),
            );
        } else if min == 0.0 && value > 0.0 && value < limits::SMALLEST_POSITIVE {
            self.fail(
                field.into(),
                format!(
                    "must be 0 or between {} and {} {unit} (it is {}): a smaller value is \
                     zero in all but name",
                    plain_number(limits::SMALLEST_POSITIVE),
                    plain_number(max),
                    precise_number(value)
                ),
            );
        }
    }

    /// A monthly volume: 0 to 10¹⁵ tokens, with no floor above zero.
    pub(super) fn tokens_per_month(&mut self, field: impl Into<String>, tokens: f64) {
        self.scales_with_volume(field, tokens, limits::TOKENS_PER_MONTH, "tokens per month");
    }

    /// A finite number within `limits` that grows and shrinks with the volume (tokens or
    /// requests a month, a day, at the peak): no floor above zero, since every volume
    /// the ranges and crossovers name must be accepted, however small.
    pub(super) fn scales_with_volume(
        &mut self,
        field: impl Into<String>,
        value: f64,
        limits: (f64, f64),
        unit: &str,
    ) {
        let (min, max) = limits;
        if !value.is_finite() || value < min || value > max {
            self.range(field, value, limits, unit);
        }
    }

    /// Text shown in the app, exports and files: not too long, no control characters
    /// (which would break SVG, CSV and terminal output), optionally not empty.
    pub(super) fn text(
        &mut self,
        field: impl Into<String>,
        text: &str,
        max_chars: usize,
        one_line: bool,
    ) {
        let field = field.into();
        let allowed = |c: char| !one_line && (c == '\n' || c == '\t');
        if let Some(bad) = text.chars().find(|c| c.is_control() && !allowed(*c)) {
            let why = if one_line {
                " (names and titles are one line of text)"
            } else {
                ""
            };
            self.fail(
                field,
                format!(
                    "contains the control character U+{:04X}; remove it{why}",
                    u32::from(bad)
                ),
            );
        } else if text.chars().count() > max_chars {
            self.fail(
                field,
                format!(
                    "is {} characters long; at most {max_chars} fit in the chart and exports",
                    text.chars().count()
                ),
            );
        }
    }

    /// An option's name: one line, not empty.
    pub(super) fn name(&mut self, field: String, name: &str) {
        if name.trim().is_empty() {
            self.fail(field, "must not be empty".to_owned());
        } else {
            self.text(field, name, limits::NAME_CHARS, true);
        }
    }
}

/// A number with every digit it takes to tell it apart from its neighbours: what a user
/// typed, in a message that says it is just past a limit ("1.0000001e15", not "1e15").
pub(super) fn precise_number(value: f64) -> String {
    if !value.is_finite() {
        plain_number(value)
    } else if value == 0.0 || (1e-4..1e7).contains(&value.abs()) {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// A number as a person writes it: 1000000000000000 as "1e15", 0.5 as "0.5".
pub(super) fn plain_number(value: f64) -> String {
    if value.is_nan() {
        "not a number".to_owned()
    } else if value.is_infinite() {
        "infinite".to_owned()
    } else if value != 0.0 && (value.abs() >= 1e7 || value.abs() < 1e-4) {
        // Four significant digits: "3.805e12", and "1e15" rather than "1.000e15".
        let text = format!("{value:.3e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if mantissa.contains('.') => {
                let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
                format!("{mantissa}e{exponent}")
            }
            _ => text,
        }
    } else {
        // Six significant digits at most: 0.00039999999999999996 (a unit converted in
        // binary) reads 0.0004.
        let shortest = format!("{value}");
        if shortest.len() <= 10 {
            return shortest;
        }
        let decimals = (5 - value.abs().log10().floor() as i32).max(0) as usize;
        let text = format!("{value:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    }
}
