//! The "Over time" tab: growth and horizon controls, monthly or cumulative, a list of
//! monthly volumes (pasted or imported), the timeline's answer and the chart; and the pin
//! that keeps a scenario beside the one being edited.

use std::path::Path;

use eframe::egui::{self, RichText};

use super::CostExplorerApp;
use super::dialogs::Purpose;
use super::modal::Modal;
use crate::engine::compare;
use crate::figure::TimelineMeasure;
use crate::plot_view;
use crate::scenario::Scenario;
use crate::scenario::TimelineSettings;
use crate::scenario::timeline::{MAX_VOLUMES_FILE_BYTES, parse_volumes};
use crate::scenario::validate::{limits, validate};
use crate::theme::Look;

/// The monthly-volumes editor while it is open: the text as typed, and why it was refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct VolumesEditor {
    text: String,
    problem: Option<String>,
}

impl CostExplorerApp {
    /// The controls row, the timeline's answer in words, and the chart in `size`.
    pub(super) fn timeline_tab(&mut self, ui: &mut egui::Ui, size: egui::Vec2) {
        let look = self.persisted.look;
        let top = ui.cursor().top();
        self.timeline_controls(ui);
        let model = &self.model;
        if let Some(sentence) = &self.derived.words.timeline {
            ui.add(egui::Label::new(RichText::new(sentence).strong()).wrap());
        }
        for warning in &model.timeline().warnings {
            ui.colored_label(look.palette().warning, warning);
        }
        let used = ui.cursor().top() - top;
        let chart = egui::vec2(size.x, (size.y - used).max(140.0));
        let rect = ui
            .allocate_ui(chart, |ui| {
                plot_view::show_timeline(
                    ui,
                    model,
                    self.pinned.as_ref(),
                    self.timeline_measure,
                    look,
                    true,
                )
            })
            .inner
            .rect;
        self.last_plot_size = Some(rect.size());
    }

    /// Growth, months, monthly or cumulative, and the volumes list.
    fn timeline_controls(&mut self, ui: &mut egui::Ui) {
        let settings = &mut self.persisted.document.scenario.timeline;
        let from_list = !settings.volumes.is_empty();
        let mut opened = None;
        ui.horizontal_wrapped(|ui| {
            ui.add_enabled_ui(!from_list, |ui| {
                let label = ui.label("Growth");
                let (low, high) = limits::GROWTH_PER_MONTH;
                let mut percent = settings.growth_per_month * 100.0;
                let changed = ui
                    .add(
                        egui::DragValue::new(&mut percent)
                            .range(low * 100.0..=high * 100.0)
                            .speed(0.25)
                            .fixed_decimals(1)
                            .suffix(" % a month"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(
                        "How much the monthly volume grows each month (negative shrinks): \
                         month m has this month's volume × (1 + growth)^(m − 1)",
                    )
                    .changed();
                if changed {
                    settings.growth_per_month = percent / 100.0;
                }
                ui.add_space(8.0);
                let label = ui.label("Horizon");
                let (low, high) = limits::TIMELINE_MONTHS;
                ui.add(
                    egui::DragValue::new(&mut settings.months)
                        .range(low..=high)
                        .speed(0.2)
                        .suffix(" months"),
                )
                .labelled_by(label.id)
                .on_hover_text("How many months the timeline covers, 1 to 120");
            });
            ui.add_space(8.0);
            ui.selectable_value(
                &mut self.timeline_measure,
                TimelineMeasure::Monthly,
                "Each month",
            )
            .on_hover_text("Cash paid in each month (a month that buys nodes shows as a spike)");
            ui.selectable_value(
                &mut self.timeline_measure,
                TimelineMeasure::Cumulative,
                "Total so far",
            )
            .on_hover_text(
                "Cash paid from month 1 to each month (buying nodes is a step up); the month \
                 self-hosting breaks even is marked",
            );
            ui.add_space(8.0);
            let list = if from_list {
                format!("Monthly volumes ({} months)…", settings.volumes.len())
            } else {
                "Monthly volumes…".to_owned()
            };
            if ui
                .button(list)
                .on_hover_text("Paste or import a volume for each month instead of a growth rate")
                .clicked()
            {
                opened = Some(VolumesEditor {
                    text: volumes_text(settings),
                    problem: None,
                });
            }
        });
        if let Some(editor) = opened {
            self.open_modal(Modal::Volumes(editor));
        }
    }

    /// The monthly-volumes window, while open: paste, import, apply or go back to growth.
    pub(super) fn volumes_window(&mut self, ctx: &egui::Context) {
        let Some(mut editor) = self.take_modal(|modal| match modal {
            Modal::Volumes(editor) => Ok(editor),
            other => Err(other),
        }) else {
            return;
        };
        let mut open = true;
        let mut close = false;
        let mut import = false;
        egui::Window::new("Monthly volumes")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(380.0)
            .show(ctx, |ui| {
                ui.label(
                    "One volume per line, month 1 first (50M, 1.2B, 250000), or a usage \
                     export whose last column is tokens. They replace volume and growth on \
                     the timeline.",
                );
                ui.add(
                    egui::TextEdit::multiline(&mut editor.text)
                        .desired_rows(8)
                        .desired_width(f32::INFINITY)
                        .hint_text("50M\n55M\n61M"),
                );
                if let Some(problem) = &editor.problem {
                    ui.colored_label(self.persisted.look.palette().warning, problem);
                }
                ui.horizontal(|ui| {
                    if ui.button("Apply").clicked() {
                        match checked_volumes(&self.persisted.document.scenario, &editor.text) {
                            Ok(volumes) => {
                                self.pending_edits
                                    .push(super::Edit::MonthlyVolumes(volumes));
                                close = true;
                            }
                            Err(problem) => editor.problem = Some(problem),
                        }
                    }
                    if ui.button("Import…").clicked() {
                        import = true;
                    }
                    if ui
                        .button("Use growth instead")
                        .on_hover_text("Drop the list; the timeline grows from this month's volume")
                        .clicked()
                    {
                        self.pending_edits
                            .push(super::Edit::MonthlyVolumes(Vec::new()));
                        close = true;
                    }
                });
            });
        if open && !close {
            self.modal = Some(Modal::Volumes(editor));
        }
        if import {
            // The editor comes back when the dialog closes.
            self.start_dialog(ctx, Purpose::ImportVolumes);
        }
    }

    /// Reads monthly volumes from `path` into the editor (applied when they are valid).
    pub(super) fn import_volumes(&mut self, path: &Path) {
        let read = crate::safe_io::read_text(path, MAX_VOLUMES_FILE_BYTES)
            .map_err(|problem| format!("{}: {problem}", path.display()))
            .and_then(|text| {
                checked_volumes(&self.persisted.document.scenario, &text)
                    .map_err(|problem| format!("{}, {problem}", path.display()))
            });
        match read {
            Ok(volumes) => {
                let months = volumes.len();
                self.pending_edits
                    .push(super::Edit::MonthlyVolumes(volumes));
                if self.volumes_editor_mut().is_some() {
                    self.modal = None;
                }
                self.notify(
                    format!("Read {months} monthly volumes from {}", path.display()),
                    false,
                );
            }
            Err(problem) => {
                match self.volumes_editor_mut() {
                    Some(editor) => editor.problem = Some(problem.clone()),
                    None => {
                        let editor = VolumesEditor {
                            problem: Some(problem.clone()),
                            ..VolumesEditor::default()
                        };
                        self.open_modal(Modal::Volumes(editor));
                    }
                }
                self.notify(problem, true);
            }
        }
    }

    /// "Pin to compare" or, while pinned, the comparison and "Unpin".
    pub(super) fn pin_controls(&mut self, ui: &mut egui::Ui) {
        if self.pinned.is_some() {
            if ui
                .button("Unpin")
                .on_hover_text("Stop comparing with the pinned scenario")
                .clicked()
            {
                self.set_pinned(false);
            }
        } else if ui
            .button("Pin to compare")
            .on_hover_text(
                "Keep this scenario as it is now: change anything, and see both on the same \
                 chart (the pinned one dashed) with the difference",
            )
            .clicked()
        {
            self.set_pinned(true);
        }
    }

    /// The difference from the pinned scenario, two lines; nothing when none is pinned.
    pub(super) fn comparison_readout(&self, ui: &mut egui::Ui, look: Look) {
        let (Some(pinned), Some(comparison)) = (&self.pinned, &self.comparison) else {
            return;
        };
        ui.label(
            RichText::new(format!(
                "Against the pinned \"{}\" ({}):",
                pinned.scenario().title,
                compare::HELD_FROM_THE_PIN
            ))
            .color(look.palette().weak_text),
        );
        for line in comparison.lines() {
            ui.add(egui::Label::new(line).wrap());
        }
    }
}

/// The text the editor opens with: the list as it is, or this timeline's volumes.
fn volumes_text(settings: &TimelineSettings) -> String {
    settings
        .volumes
        .iter()
        .map(|volume| crate::units::format_plain(*volume))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The volumes in `text`, or why they cannot be used: the line that is no volume, or the
/// scenario's own checks of a timeline (the same words as on the command line).
fn checked_volumes(scenario: &Scenario, text: &str) -> Result<Vec<f64>, String> {
    let volumes = parse_volumes(text).map_err(|error| error.to_string())?;
    let mut candidate = scenario.clone();
    candidate.timeline.volumes = volumes;
    let problems: Vec<String> = validate(&candidate)
        .iter()
        .filter(|problem| problem.field.starts_with("timeline."))
        .take(3)
        .map(ToString::to_string)
        .collect();
    if problems.is_empty() {
        Ok(candidate.timeline.volumes)
    } else {
        Err(problems.join("; "))
    }
}
