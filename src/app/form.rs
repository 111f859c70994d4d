//! Form rows shared by every control group: label, widget, changed mark and reset.
//!
//! Every row carries a tooltip saying what the value means and its unit, and is marked
//! when it differs from the scenario as loaded, with a button to put it back.

use eframe::egui::{self, Response, RichText, Slider, Ui};

use crate::units::{format_percent, format_tokens, parse_tokens};

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
            ui.label("");
        }
    }
    ui.end_row();
    response
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

/// Dollars with cents.
pub(super) fn money(value: &mut f64, speed: f64) -> egui::DragValue<'_> {
    egui::DragValue::new(value)
        .speed(speed)
        .range(0.0..=1e9)
        .prefix("$")
        .max_decimals(2)
}

/// A plain non-negative number with a unit suffix.
pub(super) fn amount<'a>(
    value: &'a mut f64,
    speed: f64,
    suffix: &str,
    max: f64,
) -> egui::DragValue<'a> {
    egui::DragValue::new(value)
        .speed(speed)
        .range(0.0..=max)
        .suffix(suffix.to_owned())
        .max_decimals(2)
}

/// A share in 0..=1 shown as a percentage, from `min`.
pub(super) fn share_slider(value: &mut f64, min: f64) -> Slider<'_> {
    Slider::new(value, min..=1.0)
        .custom_formatter(|share, _| format_percent(share))
        .custom_parser(|text| {
            let text = text.trim().trim_end_matches('%').trim();
            text.parse::<f64>().ok().map(|percent| percent / 100.0)
        })
        .show_value(true)
}

/// Monthly tokens on a log scale from 100k to 100B, typed as 55M or 1.5B.
pub(super) fn volume_slider(value: &mut f64) -> Slider<'_> {
    Slider::new(value, 1e5..=1e11)
        .logarithmic(true)
        .clamping(egui::SliderClamping::Never)
        .custom_formatter(|tokens, _| format_tokens(tokens))
        .custom_parser(|text| parse_tokens(text).ok())
}
