//! The controls panel: everything a user can change about the scenario.
//!
//! It edits the `Scenario` in place and nothing else; requests that need the app
//! (switching preset, opening a recent file) are returned for the app to carry out.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Ui};

use super::form::{amount, grid, ranged_row, row};
use super::{
    api_controls, cost_controls, currency_controls, deployment_controls, workload_controls,
};
use crate::prices::history::PriceChange;
use crate::scenario::ranges::WorkloadInput;
use crate::scenario::validate::limits;
use crate::scenario::{OptionId, Scenario, presets};

/// Something only the app can do, asked for from the panel.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ControlRequest {
    /// Switch to a preset.
    LoadPreset(String),
    /// Open a recently used file.
    OpenRecent(PathBuf),
    /// Open the price picker for the API with this identifier.
    PickPrices(OptionId),
    /// Take the catalogue's newer prices for the API with this identifier.
    UseNewPrices(OptionId),
}

/// Draws every control group; returns a request for the app, if any.
pub(super) fn show(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
    (current_source, recent): (&str, &[PathBuf]),
    price_changes: &[(OptionId, PriceChange)],
) -> Option<ControlRequest> {
    let mut request = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            request = scenario_group(ui, scenario, baseline, current_source, recent);
            workload_controls::workload_group(ui, scenario, baseline);
            if let Some(asked) = api_controls::api_group(ui, scenario, baseline, price_changes) {
                request = Some(asked);
            }
            deployment_controls::show(ui, scenario, baseline);
            api_controls::hybrid_group(ui, scenario, baseline);
            cost_controls::costs_and_constraints_group(ui, scenario, baseline);
            assumptions_group(ui, scenario, baseline);
        });
    request
}

fn scenario_group(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
    current_source: &str,
    recent: &[PathBuf],
) -> Option<ControlRequest> {
    let mut request = None;
    egui::CollapsingHeader::new(RichText::new("Scenario").strong())
        .default_open(true)
        .show(ui, |ui| {
            grid(ui, "scenario-grid", |ui| {
                row(
                    ui,
                    "Start from",
                    "Load a shipped preset or a recently opened file \
                     (unsaved edits are confirmed first)",
                    &mut (),
                    None,
                    |ui, _| source_picker(ui, current_source, recent, &mut request),
                );
                row(
                    ui,
                    "Title",
                    "Shown above the chart and in exports",
                    &mut scenario.title,
                    Some(&baseline.title),
                    |ui, title| ui.add(egui::TextEdit::singleline(title)),
                );
                currency_controls::currency_rows(ui, scenario, baseline);
            });
            if !scenario.description.is_empty() {
                ui.label(RichText::new(&scenario.description).weak());
            }
            if !scenario.sources.is_empty() {
                egui::CollapsingHeader::new("Sources of the figures")
                    .id_salt("sources")
                    .show(ui, |ui| {
                        for source in &scenario.sources {
                            let (figure, origin) = (&source.figure, &source.source);
                            ui.label(format!("• {figure} — {origin} (as of {})", source.as_of));
                        }
                    });
            }
        });
    request
}

/// The preset and recent-file picker; a choice becomes a request for the app.
fn source_picker(
    ui: &mut Ui,
    current_source: &str,
    recent: &[PathBuf],
    request: &mut Option<ControlRequest>,
) -> egui::Response {
    egui::ComboBox::from_id_salt("preset-picker")
        .selected_text(current_source)
        .width(190.0)
        .show_ui(ui, |ui| {
            ui.label(RichText::new("Presets").weak());
            for preset in presets::PRESETS {
                if ui.selectable_label(false, preset.name).clicked() {
                    *request = Some(ControlRequest::LoadPreset(preset.name.to_owned()));
                }
            }
            if recent.is_empty() {
                return;
            }
            ui.separator();
            ui.label(RichText::new("Recent files").weak());
            for path in recent {
                if ui
                    .selectable_label(false, path.display().to_string())
                    .clicked()
                {
                    *request = Some(ControlRequest::OpenRecent(path.clone()));
                }
            }
        })
        .response
}

fn assumptions_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Assumptions").strong())
        .default_open(false)
        .show(ui, |ui| {
            grid(ui, "assumptions-grid", |ui| {
                ranged_row(
                    ui,
                    "Hours per month",
                    "730 is an average month (8760 / 12); some published tables use 720 (30 days)",
                    &mut scenario.hours_per_month,
                    Some(&baseline.hours_per_month),
                    &mut scenario.workload.ranges,
                    WorkloadInput::HoursPerMonth,
                    WorkloadInput::HoursPerMonth.limits(),
                    |ui, v| ui.add(amount(v, 1.0, " h", limits::HOURS_PER_MONTH)),
                );
                row(
                    ui,
                    "Days per month",
                    "Turns requests per day into a monthly volume (30.42 average, 30 in some tables)",
                    &mut scenario.days_per_month,
                    Some(&baseline.days_per_month),
                    |ui, v| ui.add(amount(v, 0.01, " days", limits::DAYS_PER_MONTH)),
                );
            });
        });
}
