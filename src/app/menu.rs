//! The menu bar, the notice strip and the keyboard shortcuts.

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};

use super::dialogs::{PathPrompt, Purpose};
use super::modal::Modal;
use super::{Action, CostExplorerApp};
use crate::figure::ChartView;
use crate::theme::{Look, ThemeMode};

/// Keyboard shortcuts (Ctrl on Linux and Windows, Cmd on macOS).
pub(super) mod keys {
    use super::{Key, KeyboardShortcut, Modifiers};
    pub(crate) const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
    pub(crate) const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    pub(crate) const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
    pub(crate) const SAVE_AS: KeyboardShortcut =
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    pub(crate) const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
    pub(crate) const REDO: KeyboardShortcut =
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    pub(crate) const EXPORT_PNG: KeyboardShortcut =
        KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
    pub(crate) const HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
}

impl CostExplorerApp {
    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.text_edit_focused();
        let pressed =
            |shortcut: &KeyboardShortcut| ctx.input_mut(|input| input.consume_shortcut(shortcut));
        // Shift variants first: a plain Ctrl+S shortcut would also match Ctrl+Shift+S.
        if pressed(&keys::SAVE_AS) {
            self.start_dialog(ctx, Purpose::SaveAs);
        }
        if pressed(&keys::SAVE) {
            self.save(ctx);
        }
        if pressed(&keys::OPEN) {
            self.request(ctx, Action::Open);
        }
        if pressed(&keys::NEW) {
            self.request(ctx, Action::New);
        }
        if pressed(&keys::EXPORT_PNG) {
            self.start_dialog(ctx, Purpose::ExportPng);
        }
        if pressed(&keys::HELP) {
            self.open_modal(Modal::Help(super::help::HelpPage::Shortcuts));
        }
        if !typing {
            if pressed(&keys::REDO) {
                self.redo();
            }
            if pressed(&keys::UNDO) {
                self.undo();
            }
        }
    }

    /// Steps back one edit.
    pub fn undo(&mut self) {
        let current = self.persisted.document.scenario.clone();
        if let Some(previous) = self.history.undo(&current) {
            self.persisted.document.scenario = previous;
        }
    }

    /// Steps forward one edit.
    pub fn redo(&mut self) {
        let current = self.persisted.document.scenario.clone();
        if let Some(next) = self.history.redo(&current) {
            self.persisted.document.scenario = next;
        }
    }

    pub(super) fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu(ui, &ctx));
            ui.menu_button("Edit", |ui| self.edit_menu(ui, &ctx));
            ui.menu_button("View", |ui| {
                let mut look = self.persisted.look;
                if look.presentation {
                    // Presentation is always light: the menu shows the theme in use, and the
                    // choice kept for after.
                    let mut shown = ThemeMode::Light;
                    ui.add_enabled_ui(false, |ui| {
                        ui.radio_value(&mut shown, ThemeMode::Dark, "Dark");
                        ui.radio_value(&mut shown, ThemeMode::Light, "Light (presentation)");
                    });
                } else {
                    ui.radio_value(&mut look.mode, ThemeMode::Dark, "Dark");
                    ui.radio_value(&mut look.mode, ThemeMode::Light, "Light");
                }
                ui.checkbox(&mut look.presentation, "Presentation mode");
                self.set_look(look);
                if ui
                    .checkbox(&mut self.persisted.controls_open, "Show controls")
                    .changed()
                {
                    self.persisted.controls_chosen = true;
                }
                if ui.button("Reset chart view").clicked() {
                    self.chart_view = ChartView::FollowScenario;
                }
            });
            ui.menu_button("Help", |ui| self.help_menu(ui));
            ui.separator();
            let mut presentation = self.persisted.look.presentation;
            if ui
                .toggle_value(&mut presentation, "Presentation")
                .on_hover_text("Large type, thick lines, light theme; controls tucked away")
                .changed()
            {
                self.set_look(Look {
                    presentation,
                    ..self.persisted.look
                });
            }
            if ui
                .toggle_value(&mut self.persisted.controls_open, "Controls")
                .on_hover_text("Show or hide the controls panel")
                .changed()
            {
                self.persisted.controls_chosen = true;
            }
            if ui
                .button("Export PNG")
                .on_hover_text(
                    "Save the chart with a caption, sharp enough for a projector (Ctrl+E)",
                )
                .clicked()
            {
                self.start_dialog(&ctx, Purpose::ExportPng);
            }
            if ui
                .button("Export…")
                .on_hover_text("PNG, SVG or a one-page PDF report: size, theme and caption")
                .clicked()
            {
                self.open_modal(Modal::Export);
            }
            if ui
                .button("Copy chart")
                .on_hover_text("Copy the chart image to paste into slides or chat")
                .clicked()
            {
                self.copy_chart(&ctx);
            }
            if !self.exports.is_empty() {
                ui.spinner();
                ui.label("Exporting…");
            }
        });
    }

    fn file_menu(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        if shortcut_button(ui, "New", &keys::NEW) {
            self.request(ctx, Action::New);
        }
        if shortcut_button(ui, "Open…", &keys::OPEN) {
            self.request(ctx, Action::Open);
        }
        if ui.button("Open a typed path…").clicked() {
            self.open_modal(Modal::PathPrompt {
                prompt: PathPrompt {
                    purpose: Purpose::Open,
                    text: String::new(),
                    note: None,
                },
                over: None,
            });
        }
        if shortcut_button(ui, "Save", &keys::SAVE) {
            self.save(ctx);
        }
        if shortcut_button(ui, "Save As…", &keys::SAVE_AS) {
            self.start_dialog(ctx, Purpose::SaveAs);
        }
        if ui
            .button("Fill from a usage export…")
            .on_hover_text(
                "Set the workload and timeline from OpenAI's or Anthropic's usage export (JSON, \
                 or a CSV with their fields), and check the bill it gives",
            )
            .clicked()
        {
            self.start_dialog(ctx, Purpose::ImportUsage);
        }
        ui.separator();
        if ui
            .button("Export…")
            .on_hover_text("Choose PNG, SVG or a PDF report, the size, theme and caption")
            .clicked()
        {
            self.open_modal(Modal::Export);
        }
        if shortcut_button(ui, "Export chart as PNG…", &keys::EXPORT_PNG) {
            self.start_dialog(ctx, Purpose::ExportPng);
        }
        if ui.button("Export chart as SVG…").clicked() {
            self.start_dialog(ctx, Purpose::ExportSvg);
        }
        if ui.button("Export PDF report…").clicked() {
            self.start_dialog(ctx, Purpose::ExportPdf);
        }
        if ui.button("Copy chart to clipboard").clicked() {
            self.copy_chart(ctx);
        }
        if ui.button("Export data as CSV…").clicked() {
            self.start_dialog(ctx, Purpose::ExportCsv);
        }
        if ui.button("Export report as JSON…").clicked() {
            self.start_dialog(ctx, Purpose::ExportJson);
        }
        ui.separator();
        if ui.button("Quit").clicked() {
            self.request(ctx, Action::Quit);
        }
    }

    fn edit_menu(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        if ui
            .add_enabled(
                self.history.can_undo(),
                egui::Button::new("Undo").shortcut_text(ctx.format_shortcut(&keys::UNDO)),
            )
            .clicked()
        {
            self.undo();
        }
        if ui
            .add_enabled(
                self.history.can_redo(),
                egui::Button::new("Redo").shortcut_text(ctx.format_shortcut(&keys::REDO)),
            )
            .clicked()
        {
            self.redo();
        }
        if ui
            .add_enabled(
                self.persisted.document.is_dirty(),
                egui::Button::new("Revert all changes"),
            )
            .clicked()
        {
            let before = self.persisted.document.scenario.clone();
            self.persisted.document.scenario = self.persisted.document.baseline.clone();
            self.history.record(before);
        }
    }

    pub(super) fn notices_strip(&mut self, ui: &mut egui::Ui) {
        let palette = self.persisted.look.palette();
        // News (an export written, a file opened) goes by itself; errors stay until read.
        let now = ui.input(|input| input.time);
        for notice in &mut self.notices {
            notice.shown_at.get_or_insert(now);
        }
        self.notices.retain(|notice| {
            notice.is_error
                || notice.stays
                || notice
                    .shown_at
                    .is_none_or(|at| now - at < super::NOTICE_SECONDS)
        });
        if self
            .notices
            .iter()
            .any(|notice| !notice.is_error && !notice.stays)
        {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs_f64(super::NOTICE_SECONDS));
        }
        let mut dismissed = None;
        for (index, notice) in self.notices.iter().enumerate() {
            let color = if notice.is_error {
                palette.warning
            } else {
                palette.good
            };
            egui::Frame::new()
                .stroke(egui::Stroke::new(1.5, color))
                .corner_radius(4.0)
                .inner_margin(6.0)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        if ui.button("Dismiss").clicked() {
                            dismissed = Some(index);
                        }
                        ui.add(egui::Label::new(RichText::new(&notice.text).color(color)).wrap());
                    });
                });
        }
        if let Some(index) = dismissed {
            self.notices.remove(index);
        }
    }
}

pub(super) fn shortcut_button(ui: &mut egui::Ui, label: &str, shortcut: &KeyboardShortcut) -> bool {
    let text = ui.ctx().format_shortcut(shortcut);
    ui.add(egui::Button::new(label).shortcut_text(text))
        .clicked()
}
