//! The Help menu's windows: the keyboard shortcuts, how the costs are worked out (the
//! model document, in the app), and About; and the welcome a first start shows.

use eframe::egui::{self, RichText};

use super::menu::keys;
use super::modal::Modal;
use super::{Action, CostExplorerApp};
use crate::scenario::presets;

/// The model document, as the repository keeps it: every formula with its hand check.
const MODEL_DOCUMENT: &str = include_str!("../../docs/model.md");

/// Which Help window is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HelpPage {
    /// The keyboard shortcuts.
    Shortcuts,
    /// How the costs are worked out.
    Model,
    /// What the tool is, its version and where it keeps its data.
    About,
}

impl HelpPage {
    fn title(self) -> &'static str {
        match self {
            HelpPage::Shortcuts => "Keyboard shortcuts",
            HelpPage::Model => "How the costs are worked out",
            HelpPage::About => "About LLM Cost Explorer",
        }
    }
}

impl CostExplorerApp {
    /// The Help menu's entries.
    pub(super) fn help_menu(&mut self, ui: &mut egui::Ui) {
        for page in [HelpPage::Shortcuts, HelpPage::Model, HelpPage::About] {
            let label = if page == HelpPage::Shortcuts {
                format!("{} (F1)", page.title())
            } else {
                page.title().to_owned()
            };
            if ui.button(label).clicked() {
                self.open_modal(Modal::Help(page));
            }
        }
        if ui.button("Start screen…").clicked() {
            self.open_modal(Modal::Welcome);
        }
    }

    /// The open Help window, if any.
    pub(super) fn help_window(&mut self, ctx: &egui::Context) {
        let Some(Modal::Help(page)) = self.modal else {
            return;
        };
        let mut open = true;
        egui::Window::new(page.title())
            .id(egui::Id::unique("help-window"))
            .open(&mut open)
            .collapsible(false)
            .default_width(560.0)
            .default_height(480.0)
            .show(ctx, |ui| match page {
                HelpPage::Shortcuts => shortcuts(ui),
                HelpPage::Model => model_document(ui),
                HelpPage::About => about(ui),
            });
        if !open {
            self.modal = None;
        }
    }

    /// The first start's welcome: what the tool answers, the presets with a line each,
    /// and a blank scenario of one's own.
    pub(super) fn welcome_window(&mut self, ctx: &egui::Context) {
        if !matches!(self.modal, Some(Modal::Welcome)) {
            return;
        }
        let mut chosen = None;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("welcome")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading("At our volume, is an API cheaper than running a model ourselves?");
            ui.label(
                "Pick a comparison to start from, or your own numbers: every option's monthly \
                 cost is drawn against volume, and the verdict says where self-hosting \
                 starts to win, and how sure that is.",
            );
            ui.add_space(6.0);
            egui::ScrollArea::vertical()
                .max_height(360.0)
                .show(ui, |ui| {
                    for (preset, description) in presets::PRESETS.iter().zip(preset_lines()) {
                        ui.horizontal_wrapped(|ui| {
                            if ui.button(preset.name).clicked() {
                                chosen = Some(Action::LoadPreset(preset.name.to_owned()));
                            }
                            ui.label(RichText::new(description.as_str()).weak());
                        });
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button("Start from my own numbers").clicked() {
                    chosen = Some(Action::New);
                }
                if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    close = true;
                }
            });
        });
        if chosen.is_some() || close {
            self.modal = None;
        }
        if let Some(action) = chosen {
            self.request(ctx, action);
        }
    }
}

/// Each preset's line, read once (the start screen is drawn every frame it is open).
fn preset_lines() -> &'static [String] {
    static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        presets::PRESETS
            .iter()
            .map(|preset| {
                presets::load(preset.name)
                    .map(|scenario| scenario.description)
                    .unwrap_or_default()
            })
            .collect()
    })
}

/// Each shortcut with what it does, as this platform writes it.
fn shortcuts(ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let rows = [
        (ctx.format_shortcut(&keys::NEW), "New scenario"),
        (ctx.format_shortcut(&keys::OPEN), "Open a scenario"),
        (ctx.format_shortcut(&keys::SAVE), "Save"),
        (ctx.format_shortcut(&keys::SAVE_AS), "Save as"),
        (
            ctx.format_shortcut(&keys::EXPORT_PNG),
            "Export the chart as PNG",
        ),
        (ctx.format_shortcut(&keys::UNDO), "Undo"),
        (ctx.format_shortcut(&keys::REDO), "Redo"),
        ("F1".to_owned(), "This list"),
        (
            "Enter".to_owned(),
            "Confirm a dialog (export, save then continue, a typed path)",
        ),
        ("Esc".to_owned(), "Cancel a dialog, close a window"),
        (
            "Scroll, drag".to_owned(),
            "Zoom and pan the chart; double-click to reset it",
        ),
    ];
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for (keys, what) in rows {
                ui.label(RichText::new(keys).strong());
                ui.label(what);
                ui.end_row();
            }
        });
}

/// The model document as the app's font can draw it: a character the font lacks (a
/// superscript minus, say) is written as the nearest one it has, or "?", once.
fn drawable_document(ctx: &egui::Context) -> &'static str {
    static DRAWABLE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DRAWABLE.get_or_init(|| {
        let font = egui::FontId::proportional(14.0);
        ctx.fonts_mut(|fonts| {
            MODEL_DOCUMENT
                .chars()
                .map(|c| match c {
                    '\n' | '\t' => c,
                    _ if fonts.has_glyph(&font, c) => c,
                    '⁻' | '−' => '-',
                    _ => '?',
                })
                .collect()
        })
    })
}

/// The model document: headings large, the rest as written.
fn model_document(ui: &mut egui::Ui) {
    let document = drawable_document(ui.ctx());
    egui::ScrollArea::vertical().show(ui, |ui| {
        for line in document.lines() {
            let heading = line.trim_start_matches('#');
            let level = line.len() - heading.len();
            if level > 0 {
                let size = if level == 1 { 20.0 } else { 16.0 };
                ui.add_space(6.0);
                ui.label(RichText::new(heading.trim()).size(size).strong());
            } else if line.starts_with("    ") {
                // Formulas, in the proportional font the check above is for.
                ui.label(RichText::new(format!("    {}", line.trim())).strong());
            } else if !line.trim().is_empty() {
                ui.add(egui::Label::new(line).wrap());
            }
        }
    });
}

/// What the tool is, its version, and where it keeps its data.
fn about(ui: &mut egui::Ui) {
    ui.heading(format!("LLM Cost Explorer {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "Compares paying an LLM API per token with running an open model on bought or rented \
         GPUs, and says where the cheaper one changes. Every number comes from the formulas \
         in \"How the costs are worked out\", with their sources.",
    );
    ui.add_space(6.0);
    let folder = crate::data_folder::folder().map_or_else(
        || "none found".to_owned(),
        |path| path.display().to_string(),
    );
    ui.label(format!("Price catalogue: {folder}"));
}
