//! The export dialog: what a slide or report looks like before it is written. Format
//! (PNG, SVG or the one-page PDF report), size (as on screen, 16:9, 4:3, square or
//! custom), theme (light by default: slides are light), and what the caption says
//! besides the chart. The choices stay for later exports (Ctrl+E, Copy chart) and
//! across restarts.

use eframe::egui;
use serde::{Deserialize, Serialize};

use super::CostExplorerApp;
use super::dialogs::Purpose;
use super::modal::Modal;
use crate::export::caption::Include;
use crate::theme::{Look, ThemeMode};

/// Smallest and largest side of a custom size, pixels (as on the command line).
const CUSTOM_SIDE: (u32, u32) = (320, 8192);

/// How big an exported picture is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum SizePreset {
    /// The chart's size on screen, at twice the screen's sharpness.
    #[default]
    AsOnScreen,
    /// 1920 × 1080, a widescreen slide.
    Widescreen,
    /// 1600 × 1200, a 4:3 slide.
    Standard,
    /// 1200 × 1200.
    Square,
    /// Width and height as typed.
    Custom,
}

impl SizePreset {
    fn label(self) -> &'static str {
        match self {
            SizePreset::AsOnScreen => "As on screen",
            SizePreset::Widescreen => "16:9 (1920 × 1080)",
            SizePreset::Standard => "4:3 (1600 × 1200)",
            SizePreset::Square => "Square (1200 × 1200)",
            SizePreset::Custom => "Custom",
        }
    }

    /// Pixels, or `None` for the size on screen.
    fn pixels(self, custom: [u32; 2]) -> Option<[u32; 2]> {
        match self {
            SizePreset::AsOnScreen => None,
            SizePreset::Widescreen => Some([1920, 1080]),
            SizePreset::Standard => Some([1600, 1200]),
            SizePreset::Square => Some([1200, 1200]),
            SizePreset::Custom => Some(custom),
        }
    }
}

/// The theme of exported pictures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum ExportTheme {
    /// Dark text on white, whatever the app shows: slides and print.
    #[default]
    Light,
    /// Light text on dark grey.
    Dark,
    /// As the app is drawn now.
    AsTheApp,
}

/// The file an export writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum ExportFormat {
    /// A picture.
    #[default]
    Png,
    /// A vector picture with real text.
    Svg,
    /// The one-page report: chart, verdict, tables, assumptions with sources.
    Pdf,
}

/// What the next exports look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct ExportSettings {
    pub(super) format: ExportFormat,
    pub(super) size: SizePreset,
    pub(super) custom: [u32; 2],
    pub(super) theme: ExportTheme,
    pub(super) include: Include,
}

impl Default for ExportSettings {
    fn default() -> Self {
        Self {
            format: ExportFormat::default(),
            size: SizePreset::default(),
            custom: [1600, 900],
            theme: ExportTheme::default(),
            include: Include::default(),
        }
    }
}

impl ExportSettings {
    /// The look of an exported picture: the chosen theme, the app's text sizes.
    pub(super) fn look(&self, app: Look) -> Look {
        let mode = match self.theme {
            ExportTheme::Light => ThemeMode::Light,
            ExportTheme::Dark => ThemeMode::Dark,
            ExportTheme::AsTheApp => app.mode,
        };
        Look { mode, ..app }
    }

    /// The picture's size in pixels and its sharpness, or `None` for the size on screen.
    pub(super) fn pixels(&self) -> Option<([u32; 2], f32)> {
        let [width, height] = self.size.pixels(self.custom)?;
        let (low, high) = CUSTOM_SIDE;
        let (width, height) = (width.clamp(low, high), height.clamp(low, high));
        // As on the command line: text and lines in proportion to the width.
        Some(([width, height], (width as f32 / 1000.0).clamp(1.0, 3.0)))
    }
}

impl CostExplorerApp {
    /// The export window, while open.
    pub(super) fn export_window(&mut self, ctx: &egui::Context) {
        if !matches!(self.modal, Some(Modal::Export)) {
            return;
        }
        let mut open = true;
        let mut export = false;
        let settings = &mut self.persisted.export;
        egui::Window::new("Export")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                egui::Grid::new("export-settings")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        ui.label("Format");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.format, ExportFormat::Png, "PNG");
                            ui.radio_value(&mut settings.format, ExportFormat::Svg, "SVG");
                            ui.radio_value(&mut settings.format, ExportFormat::Pdf, "PDF report")
                                .on_hover_text(
                                    "One A4 page: the chart, the verdict, each option's cost, \
                                     the cost by layer, the assumptions with sources, the date",
                                );
                        });
                        ui.end_row();
                        size_row(ui, settings);
                        ui.label("Theme");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.theme, ExportTheme::Light, "Light");
                            ui.radio_value(&mut settings.theme, ExportTheme::Dark, "Dark");
                            ui.radio_value(
                                &mut settings.theme,
                                ExportTheme::AsTheApp,
                                "As the app",
                            );
                        });
                        ui.end_row();
                        include_rows(ui, settings);
                    });
                ui.separator();
                ui.horizontal(|ui| {
                    // Enter exports, unless it is committing a typed size.
                    let entered = ui.input(|input| input.key_pressed(egui::Key::Enter))
                        && !ui.ctx().text_edit_focused();
                    if ui.button("Export…").clicked() || entered {
                        export = true;
                    }
                    ui.label(
                        egui::RichText::new("The chart as it is on screen: this tab, this view")
                            .weak(),
                    );
                });
            });
        if export {
            let purpose = match self.persisted.export.format {
                ExportFormat::Png => Purpose::ExportPng,
                ExportFormat::Svg => Purpose::ExportSvg,
                ExportFormat::Pdf => Purpose::ExportPdf,
            };
            // The file dialog takes the export window's place.
            self.start_dialog(ctx, purpose);
        } else if !open {
            self.modal = None;
        }
    }
}

/// The size presets, and width and height for a custom size.
fn size_row(ui: &mut egui::Ui, settings: &mut ExportSettings) {
    let label = ui.label("Size");
    ui.add_enabled_ui(settings.format != ExportFormat::Pdf, |ui| {
        ui.horizontal(|ui| {
            egui::ComboBox::from_id_salt("export-size")
                .selected_text(settings.size.label())
                .show_ui(ui, |ui| {
                    for preset in [
                        SizePreset::AsOnScreen,
                        SizePreset::Widescreen,
                        SizePreset::Standard,
                        SizePreset::Square,
                        SizePreset::Custom,
                    ] {
                        ui.selectable_value(&mut settings.size, preset, preset.label());
                    }
                })
                .response
                .labelled_by(label.id)
                .on_disabled_hover_text("The PDF report is one A4 landscape page");
            if settings.size == SizePreset::Custom {
                let (low, high) = CUSTOM_SIDE;
                for (index, label) in ["width", "height"].iter().enumerate() {
                    ui.add(
                        egui::DragValue::new(&mut settings.custom[index])
                            .range(low..=high)
                            .suffix(" px"),
                    )
                    .on_hover_text(format!("Picture {label}, {low} to {high} pixels"));
                }
            }
        });
    });
    ui.end_row();
}

/// What the caption says besides the chart.
fn include_rows(ui: &mut egui::Ui, settings: &mut ExportSettings) {
    let pdf = settings.format == ExportFormat::Pdf;
    let include = &mut settings.include;
    ui.label("Include");
    ui.vertical(|ui| {
        ui.add_enabled(false, egui::Checkbox::new(&mut true, "Chart"))
            .on_disabled_hover_text("Every export is of the chart");
        ui.checkbox(&mut include.verdict, "Verdict").on_hover_text(
            "The verdict sentence, the cost per year and the comparison with a pinned \
                 scenario",
        );
        if pdf {
            ui.add_enabled(false, egui::Checkbox::new(&mut true, "Cost table"))
                .on_disabled_hover_text("The report always has its tables");
        } else {
            ui.checkbox(&mut include.table, "Cost table")
                .on_hover_text("A line per option: monthly, yearly and per-1M cost, nodes");
        }
        if pdf {
            ui.add_enabled(false, egui::Checkbox::new(&mut true, "Assumptions"))
                .on_disabled_hover_text("The report always lists them, with their sources");
        } else {
            ui.checkbox(&mut include.assumptions, "Assumptions")
                .on_hover_text(
                    "Workload, prices, hardware, ranges and timeline under the picture too \
                     (the chart gets less room; the PDF always has them)",
                );
        }
        ui.checkbox(&mut include.warnings, "Other warnings")
            .on_hover_text(
                "The report's warnings (costs taking turns, missing options); what cannot run as \
             configured is always said",
            );
    });
    ui.end_row();
}
