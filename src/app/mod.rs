//! The desktop app: controls on the left, verdict and chart in the middle.
//!
//! Each frame the controls edit the `Scenario`, the engine evaluates it once, and the
//! verdict, figures, chart and breakdown draw that one `Report`. File dialogs and
//! exports run on their own threads; nothing repaints unless something changed.

pub mod chart;
mod controls;
mod deployment_controls;
mod dialogs;
mod document;
mod form;
mod history;
pub mod theme;
mod verdict_panel;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers, RichText};
use serde::{Deserialize, Serialize};

use crate::engine::{self, Report};
use crate::export::{self, image::ImageRequest};
use crate::scenario::{Deployment, Scenario, catalog, file, presets};
use chart::{ChartOptions, ChartView};
use controls::ControlRequest;
use dialogs::{DialogOutcome, PathPrompt, PendingDialog, PromptAction, Purpose};
pub use document::{Document, Origin};
use history::History;
use theme::{Look, ThemeMode};

/// Most recently opened files remembered.
const MAX_RECENT: usize = 8;

/// Keyboard shortcuts (Ctrl on Linux and Windows, Cmd on macOS).
mod keys {
    use super::{Key, KeyboardShortcut, Modifiers};
    pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
    pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
    pub const SAVE_AS: KeyboardShortcut =
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
    pub const REDO: KeyboardShortcut =
        KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
    pub const EXPORT_PNG: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
}

/// Opens the window on the given file or preset (or on the last session's scenario).
pub fn run(file: Option<PathBuf>, preset: Option<String>) -> anyhow::Result<()> {
    let start = match (file, preset) {
        (Some(path), _) => Some(Action::OpenPath(path)),
        (None, Some(name)) => Some(Action::LoadPreset(name)),
        (None, None) => None,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("LLM Cost Explorer")
            .with_app_id("llm-cost-explorer")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([1024.0, 640.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "LLM Cost Explorer",
        options,
        Box::new(move |cc| Ok(Box::new(CostExplorerApp::new(cc, start)))),
    )
    .map_err(|error| anyhow::anyhow!("could not open the window: {error}"))
}

/// What survives a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
struct Persisted {
    document: Document,
    look: Look,
    controls_open: bool,
    recent_files: Vec<PathBuf>,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            document: Document::default(),
            look: Look::default(),
            controls_open: true,
            recent_files: Vec::new(),
        }
    }
}

/// Something the user asked for that may need confirmation first.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Start a new scenario.
    New,
    /// Ask for a file to open.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Load this preset.
    LoadPreset(String),
    /// Close the window.
    Quit,
}

impl Action {
    fn describe(&self) -> String {
        match self {
            Action::New => "start a new scenario".to_owned(),
            Action::Open | Action::OpenPath(_) => "open another file".to_owned(),
            Action::LoadPreset(name) => format!("load preset {name}"),
            Action::Quit => "quit".to_owned(),
        }
    }
}

/// A message above the chart; errors stay until dismissed.
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    text: String,
    is_error: bool,
}

/// What a background export sends back.
enum ExportDone {
    Saved(Vec<PathBuf>),
    Copied(egui::ColorImage),
    Failed(String),
}

/// The running application.
pub struct CostExplorerApp {
    persisted: Persisted,
    history: History,
    chart_view: ChartView,
    last_chart: Option<chart::ChartOutcome>,
    notices: Vec<Notice>,
    dialog: Option<PendingDialog>,
    prompt: Option<PathPrompt>,
    confirm: Option<Action>,
    quitting: bool,
    exports: Vec<Receiver<ExportDone>>,
    shown_title: String,
    applied_look: Option<Look>,
    show_math: bool,
}

impl CostExplorerApp {
    /// Restores the last session (if persistence has one) and carries out `start`.
    pub fn new(cc: &eframe::CreationContext<'_>, start: Option<Action>) -> Self {
        let persisted = cc
            .storage
            .and_then(|storage| eframe::get_value::<Persisted>(storage, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::with_state(persisted);
        if let Some(action) = start {
            app.perform(&cc.egui_ctx, action);
        }
        app
    }

    /// An app on the default preset with nothing restored (tests, first start).
    pub fn fresh() -> Self {
        Self::with_state(Persisted::default())
    }

    /// An app opened on a preset, as `--preset NAME` does.
    pub fn on_preset(name: &str) -> Result<Self, crate::scenario::file::ScenarioError> {
        let scenario = presets::load(name)?;
        Ok(Self::with_state(Persisted {
            document: Document::loaded(scenario, Origin::Preset(name.to_owned())),
            ..Persisted::default()
        }))
    }

    fn with_state(persisted: Persisted) -> Self {
        Self {
            persisted,
            history: History::default(),
            chart_view: ChartView::FollowScenario,
            last_chart: None,
            notices: Vec::new(),
            dialog: None,
            prompt: None,
            confirm: None,
            quitting: false,
            exports: Vec::new(),
            shown_title: String::new(),
            applied_look: None,
            show_math: false,
        }
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        &self.persisted.document.scenario
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.persisted.document
    }

    /// Messages on screen, errors first.
    pub fn notices(&self) -> Vec<String> {
        self.notices.iter().map(|n| n.text.clone()).collect()
    }

    /// Sets dark or light and presentation mode.
    pub fn set_look(&mut self, look: Look) {
        if look.presentation && !self.persisted.look.presentation {
            self.persisted.controls_open = false;
        }
        self.persisted.look = look;
    }

    /// Opens a scenario file now (as drag-and-drop and the command line do).
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.request(ctx, Action::OpenPath(path));
    }

    /// Starts exporting the chart as PNG to `path` in the background.
    pub fn export_png_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let image = export::image::render(&request)?;
            export::write_file(&path, &export::image::encode_png(&image)?)?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    /// Whether any export is still running.
    pub fn exports_running(&self) -> bool {
        !self.exports.is_empty()
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notices.retain(|notice| notice.is_error && is_error);
        self.notices.push(Notice {
            text: text.into(),
            is_error,
        });
    }

    fn request(&mut self, ctx: &egui::Context, action: Action) {
        // Every action replaces or closes the scenario, so unsaved edits need a yes first.
        if self.persisted.document.is_dirty() {
            self.confirm = Some(action);
        } else {
            self.perform(ctx, action);
        }
    }

    fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => {
                let scenario = Scenario {
                    title: "Untitled scenario".to_owned(),
                    apis: vec![catalog::API_PRICES[0].to_option()],
                    deployments: vec![Deployment::default()],
                    ..Scenario::default()
                };
                self.replace_document(Document::loaded(scenario, Origin::Untitled));
            }
            Action::Open => self.start_dialog(ctx, Purpose::Open),
            Action::OpenPath(path) => match file::load(&path) {
                Ok(scenario) => {
                    self.remember_recent(&path);
                    self.replace_document(Document::loaded(scenario, Origin::File(path)));
                }
                Err(error) => self.notify(format!("{error}"), true),
            },
            Action::LoadPreset(name) => match presets::load(&name) {
                Ok(scenario) => {
                    self.replace_document(Document::loaded(scenario, Origin::Preset(name)))
                }
                Err(error) => self.notify(format!("{error}"), true),
            },
            Action::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn replace_document(&mut self, document: Document) {
        self.persisted.document = document;
        self.history.clear();
        self.chart_view = ChartView::FollowScenario;
        self.notices.retain(|notice| !notice.is_error);
    }

    fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.persisted.recent_files;
        recent.retain(|known| known != path);
        recent.insert(0, path.to_owned());
        recent.truncate(MAX_RECENT);
    }

    fn save(&mut self, ctx: &egui::Context) {
        match self.persisted.document.path().map(Path::to_owned) {
            Some(path) => self.save_to(path),
            None => self.start_dialog(ctx, Purpose::SaveAs),
        }
    }

    fn save_to(&mut self, mut path: PathBuf) {
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        let document = &mut self.persisted.document;
        match file::save(&document.scenario, &path) {
            Ok(()) => {
                document.baseline = document.scenario.clone();
                document.origin = Origin::File(path.clone());
                self.remember_recent(&path);
                self.notify(format!("Saved {}", path.display()), false);
            }
            Err(error) => self.notify(format!("{error}"), true),
        }
    }

    fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        if self.dialog.is_some() {
            return;
        }
        let suggested = self
            .persisted
            .document
            .suggested_file_name(purpose.filter().1);
        self.dialog = Some(PendingDialog::spawn(ctx, purpose, suggested));
    }

    fn chosen_path(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open => self.request(ctx, Action::OpenPath(path)),
            Purpose::SaveAs => self.save_to(path),
            Purpose::ExportPng => self.export_png_to(ctx, with_extension(path, "png")),
            Purpose::ExportSvg => self.export_svg_to(ctx, with_extension(path, "svg")),
            Purpose::ExportCsv => self.export_csv_to(ctx, with_extension(path, "csv")),
            Purpose::ExportJson => self.export_json_to(ctx, with_extension(path, "json")),
        }
    }

    fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some(outcome) = self.dialog.as_ref().and_then(PendingDialog::poll) else {
            return;
        };
        let purpose = self
            .dialog
            .take()
            .map(|d| d.purpose)
            .unwrap_or(Purpose::Open);
        match outcome {
            DialogOutcome::Chosen(path) => self.chosen_path(ctx, purpose, path),
            DialogOutcome::Cancelled => {}
            DialogOutcome::Unavailable => {
                self.prompt = Some(PathPrompt {
                    purpose,
                    text: String::new(),
                    note: Some(
                        "No file dialog could be opened here (no desktop portal or zenity). Type the path instead."
                            .to_owned(),
                    ),
                });
            }
        }
    }

    fn view_for_export(&self) -> ChartView {
        match (self.chart_view, &self.last_chart) {
            (ChartView::UserMoved, Some(outcome)) => {
                ChartView::Fixed(outcome.bounds.0, outcome.bounds.1)
            }
            (view, _) => view,
        }
    }

    /// The image request for the chart as on screen, at twice the screen's sharpness.
    fn image_request(&self, ctx: &egui::Context) -> ImageRequest {
        let pixels_per_point = 2.0 * ctx.pixels_per_point();
        let chart_size = self
            .last_chart
            .as_ref()
            .map(|outcome| outcome.rect.size())
            .unwrap_or(egui::vec2(900.0, 450.0));
        let caption = export::image::CAPTION_HEIGHT * self.persisted.look.text_scale();
        ImageRequest {
            scenario: self.scenario().clone(),
            look: self.persisted.look,
            view: self.view_for_export(),
            width_px: ((chart_size.x + 28.0) * pixels_per_point).round() as u32,
            height_px: ((chart_size.y + caption + 28.0) * pixels_per_point).round() as u32,
            pixels_per_point,
            date: export::today(),
        }
    }

    fn export_svg_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let report = engine::evaluate(&request.scenario);
            let width = (request.width_px as f32 / request.pixels_per_point * 1.6) as u32;
            let height = (request.height_px as f32 / request.pixels_per_point * 1.6) as u32;
            let text = export::svg::render(
                &request.scenario,
                &report,
                request.look,
                request.view,
                width,
                height,
                &request.date,
            );
            export::write_file(&path, text.as_bytes())?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    fn export_csv_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let scenario = self.scenario().clone();
        let view = self.view_for_export();
        self.spawn_export(ctx, move || {
            let report = engine::evaluate(&scenario);
            export::write_file(
                &path,
                export::curves_csv(&scenario, view, &report).as_bytes(),
            )?;
            let breakdown = export::breakdown_path(&path);
            export::write_file(&breakdown, export::breakdown_csv(&report).as_bytes())?;
            Ok(ExportDone::Saved(vec![path, breakdown]))
        });
    }

    fn export_json_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let scenario = self.scenario().clone();
        let name = self.persisted.document.display_name();
        self.spawn_export(ctx, move || {
            let mut report = engine::evaluate(&scenario);
            report.scenario = name;
            export::write_file(&path, export::report_json(&report).as_bytes())?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    fn copy_chart(&mut self, ctx: &egui::Context) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let image = export::image::render(&request)?;
            Ok(ExportDone::Copied(export::image::to_color_image(&image)))
        });
    }

    fn spawn_export(
        &mut self,
        ctx: &egui::Context,
        job: impl FnOnce() -> Result<ExportDone, export::ExportError> + Send + 'static,
    ) {
        let (sender, receiver) = channel();
        let ctx = ctx.clone();
        let started = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let done = job().unwrap_or_else(|error| ExportDone::Failed(error.to_string()));
                let _ = sender.send(done);
                ctx.request_repaint();
            });
        match started {
            Ok(_) => self.exports.push(receiver),
            Err(error) => self.notify(format!("could not start the export: {error}"), true),
        }
    }

    fn poll_exports(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        self.exports.retain(|receiver| match receiver.try_recv() {
            Ok(done) => {
                finished.push(done);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                finished.push(ExportDone::Failed(
                    "the export stopped unexpectedly".to_owned(),
                ));
                false
            }
        });
        for done in finished {
            match done {
                ExportDone::Saved(paths) => {
                    let names: Vec<String> =
                        paths.iter().map(|p| p.display().to_string()).collect();
                    self.notify(format!("Exported {}", names.join(" and ")), false);
                }
                ExportDone::Copied(image) => {
                    ctx.copy_image(image);
                    self.notify("Chart copied to the clipboard", false);
                }
                ExportDone::Failed(message) => self.notify(message, true),
            }
        }
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
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

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(ctx, Action::OpenPath(path));
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if close_requested && !self.quitting && self.persisted.document.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm = Some(Action::Quit);
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if shortcut_button(ui, "New", &keys::NEW) {
                    self.request(&ctx, Action::New);
                }
                if shortcut_button(ui, "Open…", &keys::OPEN) {
                    self.request(&ctx, Action::Open);
                }
                if ui.button("Open a typed path…").clicked() {
                    self.prompt = Some(PathPrompt {
                        purpose: Purpose::Open,
                        text: String::new(),
                        note: None,
                    });
                }
                if shortcut_button(ui, "Save", &keys::SAVE) {
                    self.save(&ctx);
                }
                if shortcut_button(ui, "Save As…", &keys::SAVE_AS) {
                    self.start_dialog(&ctx, Purpose::SaveAs);
                }
                ui.separator();
                if shortcut_button(ui, "Export chart as PNG…", &keys::EXPORT_PNG) {
                    self.start_dialog(&ctx, Purpose::ExportPng);
                }
                if ui.button("Export chart as SVG…").clicked() {
                    self.start_dialog(&ctx, Purpose::ExportSvg);
                }
                if ui.button("Copy chart to clipboard").clicked() {
                    self.copy_chart(&ctx);
                }
                if ui.button("Export data as CSV…").clicked() {
                    self.start_dialog(&ctx, Purpose::ExportCsv);
                }
                if ui.button("Export report as JSON…").clicked() {
                    self.start_dialog(&ctx, Purpose::ExportJson);
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    self.request(&ctx, Action::Quit);
                }
            });
            ui.menu_button("Edit", |ui| {
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
            });
            ui.menu_button("View", |ui| {
                let mut look = self.persisted.look;
                ui.radio_value(&mut look.mode, ThemeMode::Dark, "Dark");
                ui.radio_value(&mut look.mode, ThemeMode::Light, "Light");
                ui.checkbox(&mut look.presentation, "Presentation mode");
                self.set_look(look);
                ui.checkbox(&mut self.persisted.controls_open, "Show controls");
                if ui.button("Reset chart view").clicked() {
                    self.chart_view = ChartView::FollowScenario;
                }
            });
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
            ui.toggle_value(&mut self.persisted.controls_open, "Controls")
                .on_hover_text("Show or hide the controls panel");
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

    fn notices_strip(&mut self, ui: &mut egui::Ui) {
        let palette = self.persisted.look.palette();
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

    fn confirm_window(&mut self, ctx: &egui::Context) {
        let Some(action) = self.confirm.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Discard them and {}?",
                self.persisted.document.display_name(),
                action.describe()
            ));
            ui.horizontal(|ui| {
                if self.persisted.document.path().is_some()
                    && ui.button("Save, then continue").clicked()
                {
                    choice = Some(true);
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some(false);
                }
                if ui.button("Cancel").clicked() {
                    self.confirm = None;
                }
            });
        });
        if let Some(save_first) = choice {
            self.confirm = None;
            if save_first {
                self.save(ctx);
                if self.persisted.document.is_dirty() {
                    return;
                }
            }
            // The user chose: carry it out without asking again.
            self.persisted.document.baseline = self.persisted.document.scenario.clone();
            self.perform(ctx, action);
        }
    }

    fn prompt_window(&mut self, ctx: &egui::Context) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let purpose = prompt.purpose;
        match prompt.show(ctx) {
            PromptAction::Open => {}
            PromptAction::Cancel => self.prompt = None,
            PromptAction::Confirm(path) => {
                self.prompt = None;
                self.chosen_path(ctx, purpose, path);
            }
        }
    }

    fn central(&mut self, ui: &mut egui::Ui, report: &Report) {
        let look = self.persisted.look;
        egui::CentralPanel::default().show(ui, |ui| {
            let column_width = ui.available_width();
            verdict_panel::headline(ui, report, look);
            verdict_panel::warnings(ui, report, look);
            ui.add_space(4.0);
            verdict_panel::figures(ui, report, look);
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.label(RichText::new(&self.scenario().title).heading());
                if self.chart_view != ChartView::FollowScenario
                    && ui
                        .button("Reset view")
                        .on_hover_text("Fit the chart to the scenario again (or double-click it)")
                        .clicked()
                {
                    self.chart_view = ChartView::FollowScenario;
                }
            });
            // The chart takes what the breakdown below it leaves, but never less than
            // half of the space, so the picture stays the point of the screen.
            let rows = report.options.len() as f32 + if self.show_math { 9.0 } else { 1.6 };
            let breakdown_height =
                (rows * 26.0 * look.text_scale()).min(ui.available_height() * 0.5);
            let chart_size = egui::vec2(
                ui.available_width() - 18.0,
                (ui.available_height() - breakdown_height).max(160.0),
            );
            let outcome = ui
                .allocate_ui(chart_size, |ui| {
                    chart::show(
                        ui,
                        self.scenario(),
                        report,
                        &ChartOptions {
                            look,
                            view: self.chart_view,
                            interactive: true,
                        },
                    )
                })
                .inner;
            if outcome.reset_requested {
                self.chart_view = ChartView::FollowScenario;
            } else if outcome.user_moved_view {
                self.chart_view = ChartView::UserMoved;
            }
            self.last_chart = Some(outcome);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("breakdown")
                .max_width(column_width)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new("Cost by layer at this volume").strong());
                        verdict_panel::layer_legend(ui, look);
                        ui.checkbox(&mut self.show_math, "Show the math");
                    });
                    verdict_panel::breakdown(ui, report, look, column_width - 16.0);
                    if self.show_math {
                        ui.separator();
                        verdict_panel::math(ui, self.scenario(), report);
                    }
                });
        });
    }
}

fn shortcut_button(ui: &mut egui::Ui, label: &str, shortcut: &KeyboardShortcut) -> bool {
    let text = ui.ctx().format_shortcut(shortcut);
    ui.add(egui::Button::new(label).shortcut_text(text))
        .clicked()
}

fn with_extension(mut path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension(extension);
    }
    path
}

impl eframe::App for CostExplorerApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if self.applied_look != Some(self.persisted.look) {
            theme::apply(&ctx, self.persisted.look);
            self.applied_look = Some(self.persisted.look);
        }
        self.handle_close_request(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_dropped_files(&ctx);
        self.poll_dialog(&ctx);
        self.poll_exports(&ctx);

        let before = self.persisted.document.scenario.clone();
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        if !self.notices.is_empty() {
            egui::Panel::top("notices")
                .show_separator_line(false)
                .show(ui, |ui| self.notices_strip(ui));
        }
        let source = self.persisted.document.display_name();
        let mut controls_open = self.persisted.controls_open;
        let mut request = None;
        {
            let document = &mut self.persisted.document;
            let recent = &self.persisted.recent_files;
            egui::Panel::left("controls")
                .resizable(true)
                .default_size(theme::CONTROLS_WIDTH * self.persisted.look.text_scale())
                .min_size(280.0)
                .show_collapsible(ui, &mut controls_open, |ui| {
                    request = controls::show(
                        ui,
                        &mut document.scenario,
                        &document.baseline,
                        &source,
                        recent,
                    );
                });
        }
        self.persisted.controls_open = controls_open;

        // The engine runs once per frame, after the controls changed the scenario.
        let report = engine::evaluate(self.scenario());
        self.central(ui, &report);

        let gesture_active = ctx.input(|input| input.pointer.any_down()) || ctx.text_edit_focused();
        self.history
            .observe(&before, &self.persisted.document.scenario, gesture_active);

        match request {
            Some(ControlRequest::LoadPreset(name)) => self.request(&ctx, Action::LoadPreset(name)),
            Some(ControlRequest::OpenRecent(path)) => self.request(&ctx, Action::OpenPath(path)),
            None => {}
        }
        self.confirm_window(&ctx);
        self.prompt_window(&ctx);

        let hovering_file = ctx.input(|input| !input.raw.hovered_files.is_empty());
        if hovering_file {
            let screen = ctx.content_rect();
            ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ))
            .text(
                screen.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a .ron scenario to open it",
                egui::FontId::proportional(28.0),
                egui::Color32::WHITE,
            );
        }

        let title = self.persisted.document.window_title();
        if title != self.shown_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_session_survives_a_restart() {
        let mut persisted = Persisted::default();
        persisted.document.scenario.hours_per_month = 720.0;
        persisted.look = Look {
            mode: ThemeMode::Light,
            presentation: true,
        };
        persisted.controls_open = false;
        persisted.recent_files = vec![PathBuf::from("/tmp/plan.ron")];
        // eframe stores app state as RON.
        let text = ron::to_string(&persisted).expect("serializes");
        let restored: Persisted = ron::from_str(&text).expect("restores");
        assert_eq!(restored, persisted);
        assert!(restored.document.is_dirty(), "unsaved edits stay marked");
    }

    #[test]
    fn state_from_an_older_version_falls_back_field_by_field() {
        let restored: Persisted = ron::from_str("(controls_open: false)").expect("restores");
        assert!(!restored.controls_open);
        assert_eq!(restored.document, Document::default());
    }
}
