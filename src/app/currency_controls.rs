//! The currency results are shown in: picked from a list, at the rate the user types.
//!
//! Prices stay in US dollars (as providers and vendors publish them); only what the
//! verdict, chart, tables and exports show is converted. The rate is never guessed: a
//! currency picked from the list waits, with the scenario still in US dollars (and saying
//! so), until its rate is typed; only then does anything show in it. So no dollar figure
//! is ever written with another currency's sign.

use eframe::egui::{self, RichText, Ui};

use super::form::{amount, row};
use crate::scenario::Scenario;
use crate::units::{COMMON_CURRENCIES, Currency, RATE_LIMITS, rate_text};

/// A currency picked from the list whose rate is not typed yet: (code, symbol), kept in
/// the UI's memory while the scenario stays as it was.
type Pending = Option<(String, String)>;

/// The "Results in" row, and the exchange rate's row when it is not US dollars.
pub(super) fn currency_rows(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    let original = &baseline.currency;
    let pending_id = egui::Id::unique("currency-waiting-for-its-rate");
    let mut pending: Pending = ui.data(|data| data.get_temp(pending_id)).flatten();
    let mut shown = match &pending {
        Some((code, symbol)) => Currency {
            code: code.clone(),
            symbol: symbol.clone(),
            per_usd: f64::NAN,
        },
        None => scenario.currency.clone(),
    };
    let picked = row(
        ui,
        "Results in",
        "The currency the verdict, chart, tables and exports show amounts in. Prices are \
         entered in US dollars, as providers and vendors publish them",
        &mut shown,
        Some(original),
        currency_picker,
    );
    if picked.changed() || shown.code == scenario.currency.code {
        if shown.code == scenario.currency.code {
            pending = None;
            if shown.per_usd.is_finite() {
                scenario.currency = shown;
            }
        } else if shown.code == "USD" {
            scenario.currency = Currency::usd();
            pending = None;
        } else {
            pending = Some((shown.code.clone(), shown.symbol.clone()));
        }
    }
    if let Some((code, symbol)) = &pending {
        if let Some(rate) = rate_to_type(ui, symbol) {
            scenario.currency = Currency {
                code: code.clone(),
                symbol: symbol.clone(),
                per_usd: rate,
            };
            pending = None;
        }
    } else if scenario.currency.code != "USD" {
        rate_row(ui, &mut scenario.currency, original);
    }
    ui.data_mut(|data| data.insert_temp(pending_id, pending));
}

/// The rate of a currency just picked, typed into an empty field: `Some` once a rate
/// within the limits is entered. Until then the scenario stays in US dollars, and says so.
fn rate_to_type(ui: &mut Ui, symbol: &str) -> Option<f64> {
    let text_id = egui::Id::unique("currency-rate-being-typed");
    let mut text: String = ui.data(|data| data.get_temp(text_id)).unwrap_or_default();
    let label = ui.label("Exchange rate").on_hover_text(
        "How many units of the currency one US dollar buys (0.92 for 0.92 € per $); stated \
         in every export",
    );
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(format!("{symbol} per $, e.g. 0.92"))
                .desired_width(120.0),
        )
        .labelled_by(label.id);
    ui.end_row();
    let entered = response.lost_focus() && !text.trim().is_empty();
    let rate = crate::units::parse_number(text.trim_end_matches(symbol).trim()).ok();
    let accepted = rate.filter(|rate| (RATE_LIMITS.0..=RATE_LIMITS.1).contains(rate));
    ui.label("");
    let note = match (entered, accepted) {
        (true, None) => format!(
            "\"{text}\" is not a rate: give how many {symbol} one US dollar buys, from {} to {}",
            rate_text(RATE_LIMITS.0),
            rate_text(RATE_LIMITS.1)
        ),
        _ => "Type the rate you use: amounts stay in US dollars ($) until then".to_owned(),
    };
    ui.colored_label(crate::theme::CHANGED_MARK, RichText::new(note).small());
    ui.end_row();
    if entered && accepted.is_some() {
        ui.data_mut(|data| data.remove::<String>(text_id));
        accepted
    } else {
        ui.data_mut(|data| data.insert_temp(text_id, text));
        None
    }
}

/// The rate of the currency shown, to adjust.
fn rate_row(ui: &mut Ui, currency: &mut Currency, original: &Currency) {
    let suffix = format!(" {} per $", currency.symbol);
    // Dragging moves the rate by a fifth of a percent of itself a point, at any size.
    let speed = currency.per_usd.abs().max(RATE_LIMITS.0) * 0.002;
    row(
        ui,
        "Exchange rate",
        "How many units of the currency one US dollar buys (0.92 for 0.92 € per $); \
         stated in every export",
        &mut currency.per_usd,
        (original.code == currency.code).then_some(&original.per_usd),
        |ui, rate| {
            ui.add(
                amount(rate, speed, &suffix, RATE_LIMITS)
                    .max_decimals(6)
                    .custom_formatter(|rate, _| rate_text(rate)),
            )
        },
    );
}

/// The list of currencies; a file's own currency (not in the list) stays shown as it is.
fn currency_picker(ui: &mut Ui, currency: &mut Currency) -> egui::Response {
    let mut picked = None;
    let mut response = egui::ComboBox::from_id_salt("currency-picker")
        .selected_text(format!("{} ({})", currency.code, currency.symbol))
        .show_ui(ui, |ui| {
            for (code, symbol, name) in COMMON_CURRENCIES {
                let label = format!("{code} ({symbol}), {name}");
                if ui.selectable_label(currency.code == code, label).clicked() {
                    picked = Some((code, symbol));
                }
            }
        })
        .response;
    if let Some((code, symbol)) = picked
        && currency.code != code
    {
        *currency = if code == "USD" {
            Currency::usd()
        } else {
            Currency {
                code: code.to_owned(),
                symbol: symbol.to_owned(),
                // A rate from another currency would be wrong for this one: none until
                // one is typed.
                per_usd: f64::NAN,
            }
        };
        response.mark_changed();
    }
    response
}
