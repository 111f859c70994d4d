//! The currency results are shown in: picked from a list, at the rate the user types.
//!
//! Prices stay in US dollars (as providers and vendors publish them); only what the
//! verdict, chart, tables and exports show is converted. The rate is never guessed: it
//! starts at 1 and the panel asks for it until it is typed.

use eframe::egui::{self, RichText, Ui};

use super::form::{amount, row};
use crate::scenario::Scenario;
use crate::units::{COMMON_CURRENCIES, Currency, RATE_LIMITS, rate_text};

/// The "Results in" row, and the exchange rate's row when it is not US dollars.
pub(super) fn currency_rows(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    let original = &baseline.currency;
    row(
        ui,
        "Results in",
        "The currency the verdict, chart, tables and exports show amounts in. Prices are \
         entered in US dollars, as providers and vendors publish them",
        &mut scenario.currency,
        Some(original),
        currency_picker,
    );
    let currency = &mut scenario.currency;
    if currency.code == "USD" {
        return;
    }
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
                amount(rate, speed, &suffix, RATE_LIMITS.1)
                    .range(RATE_LIMITS.0..=RATE_LIMITS.1)
                    .max_decimals(6)
                    .custom_formatter(|rate, _| rate_text(rate)),
            )
        },
    );
    if currency.per_usd == 1.0 {
        ui.label("");
        ui.colored_label(
            crate::theme::CHANGED_MARK,
            RichText::new(format!(
                "Type the rate you use: amounts show as 1 {} per $ until then",
                currency.symbol
            ))
            .small(),
        );
        ui.end_row();
    }
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
                // A rate from another currency would be wrong for this one.
                per_usd: 1.0,
            }
        };
        response.mark_changed();
    }
    response
}
