//! Form rows shared by every control group: label, widget, changed mark and reset.
//!
//! Every row carries a tooltip saying what the value means and its unit, and is marked
//! when it differs from the scenario as loaded, with a button to put it back.

use eframe::egui::{self, Response, RichText, Slider, Ui};

use super::typed_text;
use crate::scenario::ranges::{Range, Ranges};
use crate::scenario::validate::limits;
use crate::units::{format_percent, format_tokens, group_thousands, parse_tokens};

/// One row in a 3-column grid: label, widget, and a reset button when changed.
pub(super) fn row<T: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    help: &str,
    value: &mut T,
    baseline: Option<&T>,
    add: impl FnOnce(&mut Ui, &mut T) -> Response,
) -> Response {
    let label_response = ui.label(label).on_hover_text(help);
    let response = add(ui, value)
        .labelled_by(label_response.id)
        .on_hover_text(help);
    let refused = typed_text::follow_up(ui, &response);
    match baseline {
        Some(original) if original != value => {
            let reset = ui
                .add(
                    egui::Button::new(
                        RichText::new("• reset")
                            .color(crate::theme::CHANGED_MARK)
                            .small(),
                    )
                    .small(),
                )
                .on_hover_text(
                    "Changed from the scenario as loaded; click to put the original value back",
                );
            if reset.clicked() {
                *value = original.clone();
            }
        }
        _ => {
            // The mark's room is kept when there is no mark, so the panel does not widen
            // as values are changed.
            ui.allocate_exact_size(egui::vec2(reset_mark_width(ui), 0.0), egui::Sense::hover());
        }
    }
    ui.end_row();
    if let Some(message) = refused {
        ui.label("");
        ui.colored_label(
            crate::theme::CHANGED_MARK,
            RichText::new(format!("{message}; the value was kept")).small(),
        );
        ui.end_row();
    }
    response
}

/// A numeric row whose value can carry a low and a high guess. A "±" beside the widget
/// (highlighted while the value has a range) reveals them on a row below, edited with the
/// same widget; the chart then draws the band, the interval and the tornado. The range
/// always contains the value: moving the value past an end moves the end with it.
#[allow(clippy::too_many_arguments)] // label, help, value, baseline as in `row`, plus the range
pub(super) fn ranged_row<K: Ord + Copy>(
    ui: &mut Ui,
    label: &str,
    help: &str,
    value: &mut f64,
    baseline: Option<&f64>,
    ranges: &mut Ranges<K>,
    key: K,
    limits: (f64, f64),
    add: impl Fn(&mut Ui, &mut f64) -> Response,
) -> Response {
    let mut toggled = false;
    let is_ranged = ranges.contains_key(&key);
    let response = row(ui, label, help, value, baseline, |ui, value| {
        ui.horizontal(|ui| {
            let response = add(ui, value);
            let toggle = ui
                .add(egui::Button::selectable(is_ranged, "±").small())
                .on_hover_text(if is_ranged {
                    "This value has a low and a high guess (below); click to drop them"
                } else {
                    "Give a low and a high guess: the chart shows the cost band, the \
                     crossover as an interval, and what moves it most"
                });
            toggle.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Range of {label}"))
            });
            toggled = toggle.clicked();
            response
        })
        .inner
    });
    if toggled {
        if is_ranged {
            ranges.remove(&key);
        } else {
            ranges.insert(key, default_range(*value, limits));
        }
    }
    if let Some(range) = ranges.get_mut(&key) {
        // One end per row, so the widget column is no wider than for the value alone.
        for (end, words, value) in [
            ("    low", "lowest", &mut range.low),
            ("    high", "highest", &mut range.high),
        ] {
            let help = format!("The {words} plausible {}", label.to_lowercase());
            let end_label = ui.label(RichText::new(end).weak()).on_hover_text(&help);
            add(ui, value)
                .labelled_by(end_label.id)
                .on_hover_text(&help);
            ui.end_row();
        }
        keep_value_inside(range, *value);
    }
    response
}

/// A first guess at a range: ±20% of the value, within the input's limits.
fn default_range(value: f64, (min, max): (f64, f64)) -> Range {
    Range {
        low: (value * 0.8).clamp(min, max).min(value),
        high: (value * 1.2).clamp(min, max).max(value),
    }
}

/// Ends edited past the value stop at it; a value moved past an end takes the end along.
fn keep_value_inside(range: &mut Range, value: f64) {
    range.low = range.low.min(value);
    range.high = range.high.max(value);
}

/// Width of the "• reset" button, with a little to spare.
fn reset_mark_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let text = ui.ctx().fonts_mut(|fonts| {
        fonts
            .layout_no_wrap("• reset".to_owned(), font, egui::Color32::PLACEHOLDER)
            .size()
            .x
    });
    text + 2.0 * ui.spacing().button_padding.x + 4.0
}

/// A grid for rows, with an id unique among its siblings.
pub(super) fn grid(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut Ui),
) {
    egui::Grid::new(id)
        .num_columns(3)
        .spacing([8.0, 6.0])
        .min_col_width(40.0)
        .show(ui, add);
}

/// Dollars with cents, within `limits` (the field's plausible range, as validation has it;
/// a value already outside is shown as it is, never clamped, so opening a file never
/// changes it).
pub(super) fn money(value: &mut f64, speed: f64, limits: (f64, f64)) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .speed(speed)
        .range(limits.0..=limits.1)
        .clamp_existing_to_range(false)
        .prefix("$")
        .max_decimals(3)
        .custom_formatter(|usd, decimals| money_text(usd, *decimals.end()))
        .custom_parser(|text| {
            typed_text::checked(text, parse_number, "is not an amount of dollars")
        })
}

/// A price quoted to the cent, as price lists write it: "$2.50", "$10.00", "$0.075"; within
/// `limits`, never clamping a value already there.
pub(super) fn price(value: &mut f64, speed: f64, limits: (f64, f64)) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .speed(speed)
        .range(limits.0..=limits.1)
        .clamp_existing_to_range(false)
        .prefix("$")
        .max_decimals(4)
        .custom_formatter(|usd, _| price_text(usd))
        .custom_parser(|text| typed_text::checked(text, parse_number, "is not a price"))
}

/// "2.50", "10.00", "0.075", "1,250.00": at least the cents, more digits only where the
/// price has them (up to four); the field shows the "$" itself.
fn price_text(usd: f64) -> String {
    crate::units::format_price(usd).replacen('$', "", 1)
}

/// Dollars as an input shows them: "30,000", "150,000", "1.30", "0.125" — thousands
/// grouped, cents only where there are any.
fn money_text(usd: f64, max_decimals: usize) -> String {
    let whole = usd.trunc();
    let fraction = usd - whole;
    let grouped = group_thousands(whole.abs() as u64);
    let sign = if usd < 0.0 { "-" } else { "" };
    if fraction.abs() < 1e-9 {
        return format!("{sign}{grouped}");
    }
    let decimals = max_decimals.clamp(2, 3);
    let text = format!("{:.decimals$}", fraction.abs());
    let digits = text.trim_start_matches('0');
    // A fraction that rounds to a whole dollar carries into the whole part.
    if digits.starts_with("1.") || digits == "1" {
        return format!("{sign}{}", group_thousands(whole.abs() as u64 + 1));
    }
    let digits = digits.trim_end_matches('0');
    let digits = if digits.len() < 3 {
        format!("{digits:0<3}")
    } else {
        digits.to_owned()
    };
    format!("{sign}{grouped}{digits}")
}

/// A number typed with separators, a currency sign or a unit: "$30,000", "150 000 /yr",
/// "$3.00 /1M" (what follows a "/" is the unit, digits and all), read under the one
/// number grammar ([`crate::units::parse_number`]: "1,5" is no number). Anything else in
/// it ("12x") makes it no number, rather than the digits it happens to hold.
fn parse_number(text: &str) -> Option<f64> {
    let number = text.split('/').next().unwrap_or(text).trim();
    let number = number.strip_prefix('$').unwrap_or(number);
    crate::units::parse_number(number).ok()
}

/// A percentage typed as "8", "8%" or "8.5 %": the share it stands for.
pub(super) fn parse_percent(text: &str) -> Option<f64> {
    let percent = text.trim().trim_end_matches('%');
    crate::units::parse_number(percent)
        .ok()
        .map(|percent| percent / 100.0)
}

/// A number typed with or without the field's own unit ("600 tok/s", "600").
fn parse_with_unit(text: &str, unit: &str) -> Option<f64> {
    let unit = unit.trim();
    let text = text.trim();
    let number = if unit.is_empty() {
        text
    } else {
        text.strip_suffix(unit).unwrap_or(text)
    };
    parse_number(number)
}

/// A number with a unit suffix within `limits` (the field's plausible range, as validation
/// has it), never clamping a value already there.
pub(super) fn amount<'a>(
    value: &'a mut f64,
    speed: f64,
    suffix: &'a str,
    limits: (f64, f64),
) -> egui::DragValue<'a> {
    egui::DragValue::new(value)
        .speed(speed)
        .range(limits.0..=limits.1)
        .clamp_existing_to_range(false)
        .suffix(suffix.to_owned())
        .max_decimals(2)
        .custom_parser(move |text| {
            typed_text::checked(
                text,
                |text| parse_with_unit(text, suffix),
                "is not a number",
            )
        })
}

/// A share in 0..=1 shown as a percentage, from `min`; edits stay within the range, a
/// value already outside it is left as it is.
pub(super) fn share_slider(value: &mut f64, min: f64) -> Slider<'_> {
    Slider::new(value, min..=1.0)
        .clamping(egui::SliderClamping::Edits)
        .custom_formatter(|share, _| format_percent(share))
        .custom_parser(|text| typed_text::checked(text, parse_percent, "is not a percentage"))
        .show_value(true)
}

/// A yearly rate in 0..=1 shown as a percentage ("8.0% /yr"), typed as "8" or "8%": a
/// compact field for the rows folded under an option, where a slider would widen the panel.
pub(super) fn percent_per_year(value: &mut f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .range(limits::RATE_PER_YEAR.0..=limits::RATE_PER_YEAR.1)
        .clamp_existing_to_range(false)
        .speed(0.001)
        .custom_formatter(|share, _| format!("{} /yr", format_percent(share)))
        .custom_parser(|text| {
            typed_text::checked(
                text,
                |text| parse_percent(text.trim().trim_end_matches("/yr")),
                "is not a percentage",
            )
        })
}

/// Full-time equivalents, as a compact field ("0.25 FTE").
pub(super) fn fte(value: &mut f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .range(limits::FTE.0..=limits::FTE.1)
        .clamp_existing_to_range(false)
        .speed(0.05)
        .max_decimals(2)
        .suffix(" FTE")
}

/// A time between tokens, ms, within the scenario's limits.
pub(super) fn inter_token_ms(value: &mut f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .range(limits::INTER_TOKEN_MS.0..=limits::INTER_TOKEN_MS.1)
        .clamp_existing_to_range(false)
        .speed(1.0)
        .max_decimals(1)
        .suffix(" ms")
}

/// Whole tokens of one request with thousands separators ("12,000"), typed as 12k or
/// 12000.
pub(super) fn tokens_field(value: &mut f64) -> egui::DragValue<'_> {
    amount(value, 5.0, "", limits::TOKENS_PER_REQUEST)
        .custom_formatter(|tokens, _| crate::units::group_thousands(tokens.round().max(0.0) as u64))
        .custom_parser(|text| {
            super::typed_text::checked(
                text,
                |typed| crate::units::parse_number(typed).ok(),
                "is not a number of tokens",
            )
        })
}

/// Monthly tokens on a log scale from 100k to 100B, typed as 55M or 1.5B.
pub(super) fn volume_slider(value: &mut f64) -> Slider<'_> {
    Slider::new(value, 1e5..=1e11)
        .logarithmic(true)
        .clamping(egui::SliderClamping::Never)
        .custom_formatter(|tokens, _| format_tokens(tokens))
        .custom_parser(|text| match parse_tokens(text) {
            Ok(tokens) => typed_text::accept(tokens),
            Err(error) => typed_text::refuse(text, &format!("is not a volume: {}", error.reason)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_reads_with_thousands_and_cents_only_where_they_are() {
        assert_eq!(money_text(30_000.0, 3), "30,000");
        assert_eq!(money_text(150_000.0, 3), "150,000");
        assert_eq!(money_text(1.3, 3), "1.30");
        assert_eq!(money_text(0.125, 3), "0.125");
        assert_eq!(money_text(3_600.5, 3), "3,600.50");
        assert_eq!(money_text(2.9999, 3), "3");
        assert_eq!(parse_number("$150,000 /yr"), Some(150_000.0));
        assert_eq!(parse_number("1.30"), Some(1.3));
        assert_eq!(parse_number("$3.00 /1M"), Some(3.0));
        assert_eq!(parse_number("lots"), None);
        assert_eq!(
            parse_number("12x"),
            None,
            "not the digits it happens to hold"
        );
        assert_eq!(parse_number("150 000"), Some(150_000.0));
        assert_eq!(parse_number("1,5"), None, "a comma only groups thousands");
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_percent("8.5 %"), Some(0.085));
        assert_eq!(parse_percent("1,5%"), None);
        assert_eq!(parse_with_unit("600 tok/s", " tok/s"), Some(600.0));
        assert_eq!(parse_with_unit("600", " tok/s"), Some(600.0));
        assert_eq!(parse_with_unit("600 W", " tok/s"), None);
        assert_eq!(price_text(2.5), "2.50");
        assert_eq!(price_text(10.0), "10.00");
        assert_eq!(price_text(0.075), "0.075");
        assert_eq!(price_text(1.3), "1.30");
        assert_eq!(price_text(1_250.0), "1,250.00");
    }
}
