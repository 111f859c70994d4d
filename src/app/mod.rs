//! The desktop app: controls on the left, verdict and chart in the middle.
//!
//! Each frame the controls edit the `Scenario`, the engine evaluates it once, and the
//! verdict, figures, chart and breakdown draw that one `Report`. File dialogs and
//! exports run on their own threads; nothing repaints unless something changed.

mod api_controls;
mod bill_controls;
mod central_panel;
mod class_controls;
mod compute_controls;
mod controls;
mod cost_controls;
mod currency_controls;
mod deployment_controls;
mod dialogs;
mod document;
mod estimate_controls;
mod export_dialog;
mod export_jobs;
mod file_actions;
mod form;
mod help;
mod history;
mod icon;
mod menu;
mod modal;
mod price_picker;
mod saved_session;
mod tier_controls;
mod timeline_panel;
mod typed_text;
mod usage_import;
mod verdict_panel;
mod window;
mod workload_controls;

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::engine::{self, Model};
use crate::export::offscreen::Gpu;
use crate::figure::{ChartView, TimelineMeasure};
use crate::plot_view;
use crate::scenario::{Scenario, presets};
use crate::theme::{self, Look};
pub use central_panel::ChartTab;
use controls::ControlRequest;
pub use document::{Document, Origin};
use export_jobs::ExportDone;
use history::History;
use modal::Modal;

/// Most recently opened files remembered.
const MAX_RECENT: usize = 8;

/// Below this window width (points) the controls start hidden, so the chart has the room;
/// the toolbar's Controls button (or the View menu) shows them, and that choice is kept.
const CONTROLS_FROM_WIDTH: f32 = 1100.0;

use crate::data_folder::APP_ID;

/// Opens the window on the given file or preset (or on the last session's scenario).
pub fn run(file: Option<PathBuf>, preset: Option<String>) -> anyhow::Result<()> {
    let session_notice = saved_session::session_path(APP_ID)
        .as_deref()
        .and_then(saved_session::repair);
    let start = match (file, preset) {
        (Some(path), _) => Some(Action::OpenPath(path)),
        (None, Some(name)) => Some(Action::LoadPreset(name)),
        (None, None) => None,
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("LLM Cost Explorer")
            .with_app_id(APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([1024.0, 640.0])
            .with_icon(icon::window_icon())
            .with_drag_and_drop(true),
        wgpu_options: window::renderer(),
        ..Default::default()
    };
    eframe::run_native(
        "LLM Cost Explorer",
        options,
        Box::new(move |cc| Ok(Box::new(CostExplorerApp::new(cc, start, session_notice)))),
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
    /// Whether the user has shown or hidden the controls (then `controls_open` is theirs;
    /// until then they follow the window: shown from [`CONTROLS_FROM_WIDTH`] points wide).
    controls_chosen: bool,
    recent_files: Vec<PathBuf>,
    export: export_dialog::ExportSettings,
}

impl Default for Persisted {
    fn default() -> Self {
        Self {
            document: Document::default(),
            look: Look::default(),
            controls_open: true,
            controls_chosen: false,
            recent_files: Vec::new(),
            export: export_dialog::ExportSettings::default(),
        }
    }
}

/// The saved state, if it parses; values a newer or damaged file could hold that the
/// app cannot use (recent files that are not files) are dropped on the way in, and a
/// scenario outside the plausible ranges (a NaN volume, infinite rent) has each invalid
/// field reset, as [`crate::scenario::repair`] describes; the second value says which.
fn restore_state(text: &str) -> Option<(Persisted, Option<String>)> {
    let mut persisted: Persisted = ron::from_str(text).ok()?;
    persisted.document.assign_ids();
    persisted
        .recent_files
        .retain(|path| !path.as_os_str().is_empty());
    persisted.recent_files.truncate(MAX_RECENT);
    let notice = persisted.document.reset_invalid_fields();
    Some((persisted, notice))
}

/// An edit made by a widget outside the controls panel (the lens beside the chart tabs,
/// the volume at hand in presentation mode, the monthly-volumes window and its import),
/// applied at the start of the next frame, before the model is prepared, and kept in the
/// undo history like any other.
#[derive(Clone, Debug, PartialEq)]
enum Edit {
    /// Count costs with this lens.
    Lens(crate::scenario::Lens),
    /// Move the monthly volume here (the input share kept).
    Volume(f64),
    /// The timeline's volumes, month by month (empty: grow from this month's volume).
    MonthlyVolumes(Vec<f64>),
    /// The workload and timeline from a provider's usage export.
    Usage(Box<crate::usage::Usage>),
}

impl Edit {
    fn apply(self, scenario: &mut Scenario) {
        match self {
            Edit::Lens(lens) => scenario.accounting.lens = lens,
            Edit::MonthlyVolumes(volumes) => scenario.timeline.volumes = volumes,
            Edit::Usage(usage) => {
                usage.apply(scenario);
            }
            Edit::Volume(tokens) => {
                let days = scenario.days_per_month;
                scenario.workload.set_tokens_per_month(tokens, days);
            }
        }
    }
}

/// What the views read besides the model, derived from it once per preparation rather
/// than every frame: the values to fix before saving, the tornado and the sentences.
#[derive(Clone, Debug, Default)]
struct Derived {
    /// The model generation these were made from.
    generation: u64,
    /// Values that would stop the scenario from being saved, named by field.
    problems: Vec<crate::scenario::validate::Problem>,
    /// The tornado, when the inputs have ranges.
    tornado: Option<crate::figure::Tornado>,
    /// The sentences above the chart.
    words: verdict_panel::Words,
    /// APIs whose catalogue prices changed since the scenario took them.
    price_changes: Vec<(
        crate::scenario::OptionId,
        crate::prices::history::PriceChange,
    )>,
}

impl Derived {
    fn of(model: &Model, catalogue: &[crate::prices::PriceEntry]) -> Self {
        Self {
            generation: model.generation(),
            problems: crate::scenario::validate::validate(model.scenario()),
            tornado: crate::figure::Tornado::new(model.report()),
            words: verdict_panel::Words::of(model),
            price_changes: model
                .scenario()
                .apis
                .iter()
                .filter_map(|api| {
                    crate::prices::history::changed_since(api, catalogue)
                        .map(|change| (api.id, change))
                })
                .collect(),
        }
    }
}

/// The stored catalogue when some API of `scenario` took its prices from it (read into
/// `slot` the first time), else nothing to check against.
fn catalogue_for<'a>(
    scenario: &Scenario,
    slot: &'a mut Option<Vec<crate::prices::PriceEntry>>,
) -> &'a [crate::prices::PriceEntry] {
    if slot.is_none() && scenario.apis.iter().any(|api| api.prices_from.is_some()) {
        *slot = Some(
            crate::data_folder::load_catalogue()
                .map(|catalogue| catalogue.all())
                .unwrap_or_else(|_| crate::prices::built_in()),
        );
    }
    slot.as_deref().unwrap_or(&[])
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
    /// Stays until dismissed, like an error, though it is news (a report to read).
    stays: bool,
    /// When it appeared (egui's clock, seconds); news other than errors goes after a while.
    shown_at: Option<f64>,
}

/// How long a notice that is not an error stays on screen, seconds.
const NOTICE_SECONDS: f64 = 6.0;

/// The running application.
pub struct CostExplorerApp {
    persisted: Persisted,
    history: History,
    chart_view: ChartView,
    /// The cost chart or the tornado, when the inputs have ranges.
    chart_tab: central_panel::ChartTab,
    last_chart: Option<plot_view::ChartOutcome>,
    /// Size of the chart last drawn (either tab), which exports take.
    last_plot_size: Option<egui::Vec2>,
    /// The timeline shows each month's cash or the running total.
    timeline_measure: TimelineMeasure,
    /// A scenario kept to compare with, as it was pinned.
    pinned_scenario: Option<Scenario>,
    /// The pinned scenario prepared as compared ([`engine::compare::aligned`] with the
    /// edited one: its volume, timeline, lens and currency), drawn dashed beside it.
    pinned: Option<Model>,
    /// The comparison of the two, made once per change of either.
    comparison: Option<engine::compare::Comparison>,
    /// The scenario prepared for every view; prepared again only when it changes.
    model: Model,
    /// What the views derive from the model, made again only with it.
    derived: Derived,
    /// The price catalogue as stored (built-in, imported, custom): what a scenario's
    /// prices are checked against. Read only once some API took its prices from it (no
    /// start-up cost otherwise), and again after each change in the price picker.
    catalogue: Option<Vec<crate::prices::PriceEntry>>,
    /// Edits to apply at the start of the next frame.
    pending_edits: Vec<Edit>,
    /// The scenario as the last frame left it: what this frame's edits are undone to.
    frame_start: Scenario,
    /// The window's GPU device, which exports render with; `None` without one (tests).
    gpu: Option<Gpu>,
    notices: Vec<Notice>,
    /// The one dialog or window in front of the chart, if any.
    modal: Option<Modal>,
    quitting: bool,
    exports: Vec<Receiver<ExportDone>>,
    shown_title: String,
    applied_look: Option<Look>,
    show_math: bool,
    /// Whether the controls were open when presentation mode began, to restore on leaving.
    controls_before_presentation: Option<bool>,
}

impl CostExplorerApp {
    /// Restores the last session (if persistence has one), shows what had to be dropped
    /// from it, and carries out `start`.
    pub fn new(
        cc: &eframe::CreationContext<'_>,
        start: Option<Action>,
        session_notice: Option<String>,
    ) -> Self {
        let persisted = cc
            .storage
            .and_then(|storage| storage.get_string(eframe::APP_KEY))
            .and_then(|text| restore_state(&text))
            .map(|(persisted, _)| persisted)
            .unwrap_or_default();
        // The session file was checked before the window opened; this catches a zoom
        // set some other way (egui would divide by it).
        let zoom = cc.egui_ctx.zoom_factor();
        let (low, high) = saved_session::ZOOM_RANGE;
        if !(zoom.is_finite() && (low..=high).contains(&zoom)) {
            cc.egui_ctx.set_zoom_factor(1.0);
        }
        let first_start = cc
            .storage
            .and_then(|storage| storage.get_string(eframe::APP_KEY))
            .is_none();
        let mut app = Self::with_state(persisted).with_window_device(cc);
        if first_start && start.is_none() {
            app.open_modal(Modal::Welcome);
        }
        if let Some(notice) = session_notice {
            app.notify(notice, false);
        }
        if let Some(action) = start {
            app.perform(&cc.egui_ctx, action);
        }
        app
    }

    /// Exports render on the GPU device eframe opened for the window, rather than
    /// opening a second one.
    pub fn with_window_device(mut self, cc: &eframe::CreationContext<'_>) -> Self {
        self.gpu = cc.wgpu_render_state.as_ref().map(Gpu::shared);
        self
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

    /// An app opened on a scenario file, as `llm-cost-explorer FILE.ron` does.
    pub fn on_file(path: &std::path::Path) -> Result<Self, crate::scenario::file::ScenarioError> {
        let scenario = crate::scenario::file::load(path)?;
        Ok(Self::with_state(Persisted {
            document: Document::loaded(scenario, Origin::File(path.to_owned())),
            ..Persisted::default()
        }))
    }

    fn with_state(persisted: Persisted) -> Self {
        let model = engine::prepare(&persisted.document.scenario);
        let mut catalogue = None;
        let derived = Derived::of(&model, catalogue_for(model.scenario(), &mut catalogue));
        Self {
            persisted,
            derived,
            catalogue,
            pending_edits: Vec::new(),
            frame_start: model.scenario().clone(),
            model,
            gpu: None,
            history: History::default(),
            chart_view: ChartView::FollowScenario,
            chart_tab: central_panel::ChartTab::default(),
            last_chart: None,
            last_plot_size: None,
            timeline_measure: TimelineMeasure::default(),
            pinned_scenario: None,
            pinned: None,
            comparison: None,
            notices: Vec::new(),
            modal: None,
            quitting: false,
            exports: Vec::new(),
            shown_title: String::new(),
            applied_look: None,
            show_math: false,
            controls_before_presentation: None,
        }
    }

    /// The scenario being edited.
    pub fn scenario(&self) -> &Scenario {
        &self.persisted.document.scenario
    }

    /// The scenario being edited, to change as the controls do (benchmarks drag a value
    /// through it; the next frame prepares the model again, as after a slider move).
    pub fn scenario_mut(&mut self) -> &mut Scenario {
        &mut self.persisted.document.scenario
    }

    /// Shows the cost chart, the timeline or the tornado (as the tabs above the chart do).
    pub fn set_chart_tab(&mut self, tab: ChartTab) {
        self.chart_tab = tab;
    }

    /// The scenario pinned to compare with, when one is.
    pub fn pinned(&self) -> Option<&Model> {
        self.pinned.as_ref()
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.persisted.document
    }

    /// Shows or hides the controls, as the toolbar's Controls button does (the choice is
    /// kept, whatever the window's width).
    pub fn show_controls(&mut self, shown: bool) {
        self.persisted.controls_open = shown;
        self.persisted.controls_chosen = true;
    }

    /// Where the cost chart's plot (inside its axes) was last drawn, in points: what the
    /// layout tests measure.
    pub fn last_plot_frame(&self) -> Option<egui::Rect> {
        self.last_chart.as_ref().map(|chart| chart.frame)
    }

    /// Messages on screen, oldest first.
    pub fn notices(&self) -> Vec<String> {
        self.notices.iter().map(|n| n.text.clone()).collect()
    }

    /// Sets dark or light and presentation mode.
    /// Entering presentation mode tucks the controls away; leaving it puts the panels back
    /// as they were.
    pub fn set_look(&mut self, look: Look) {
        let was = self.persisted.look.presentation;
        if look.presentation && !was {
            self.controls_before_presentation = Some(self.persisted.controls_open);
            self.persisted.controls_open = false;
        } else if !look.presentation
            && was
            && let Some(open) = self.controls_before_presentation.take()
        {
            self.persisted.controls_open = open;
        }
        self.persisted.look = look;
    }

    /// Whether the controls panel is shown.
    pub fn controls_open(&self) -> bool {
        self.persisted.controls_open
    }

    fn notify(&mut self, text: impl Into<String>, is_error: bool) {
        self.notices.retain(|notice| notice.is_error && is_error);
        self.notices.push(Notice {
            text: text.into(),
            is_error,
            stays: false,
            shown_at: None,
        });
    }

    /// News too long to read in a few seconds (what a usage export set, and its bill): it
    /// stays until dismissed.
    fn report_to_read(&mut self, text: impl Into<String>) {
        self.notices.clear();
        self.notices.push(Notice {
            text: text.into(),
            is_error: false,
            stays: true,
            shown_at: None,
        });
    }

    /// Carries out what the controls asked of the app.
    fn handle_control_request(&mut self, ctx: &egui::Context, request: ControlRequest) {
        match request {
            ControlRequest::LoadPreset(name) => self.request(ctx, Action::LoadPreset(name)),
            ControlRequest::OpenRecent(path) => self.request(ctx, Action::OpenPath(path)),
            ControlRequest::PickPrices(api) => self.open_price_picker(api),
            ControlRequest::UseNewPrices(api) => {
                let change = self
                    .derived
                    .price_changes
                    .iter()
                    .find(|(id, _)| *id == api)
                    .map(|(_, change)| change.entry.clone());
                if let Some(entry) = change {
                    self.use_prices(api, &entry);
                }
            }
        }
    }

    /// The model of the scenario as it is now, prepared again only after an edit (which
    /// first gets its ranges kept meaningful, so the scenario always saves).
    fn refresh_model(&mut self) {
        if !self.model.is_for(self.scenario()) {
            self.persisted.document.scenario.tidy_ranges();
            self.model = engine::prepare(self.scenario());
        }
        if self.derived.generation != self.model.generation() {
            self.derived = Derived::of(
                &self.model,
                catalogue_for(self.model.scenario(), &mut self.catalogue),
            );
        }
        self.refresh_comparison();
    }

    /// Keeps the pinned side priced as the comparison asks (the edited scenario's volume,
    /// timeline, lens and currency) and the comparison current; prepares either again only
    /// when what it depends on changed.
    fn refresh_comparison(&mut self) {
        let Some(pinned_scenario) = &self.pinned_scenario else {
            self.pinned = None;
            self.comparison = None;
            return;
        };
        let current = self.model.scenario();
        let up_to_date = self.pinned.as_ref().is_some_and(|pinned| {
            pinned.scenario().tokens_per_month() == current.tokens_per_month()
                && pinned.scenario().timeline == current.timeline
                && pinned.scenario().accounting.lens == current.accounting.lens
                && pinned.scenario().currency == current.currency
        });
        if !up_to_date {
            let aligned = engine::compare::aligned(pinned_scenario, current);
            self.pinned = Some(engine::prepare(&aligned));
            self.comparison = None;
        }
        let stale = self.comparison.as_ref().is_none_or(|comparison| {
            comparison.generations != (self.model.generation(), self.pinned_generation())
        });
        if stale && let Some(pinned) = &self.pinned {
            self.comparison = Some(engine::compare::compare(&self.model, pinned));
        }
    }

    fn pinned_generation(&self) -> u64 {
        self.pinned.as_ref().map_or(0, Model::generation)
    }

    /// Pins the scenario as it is now, to compare with while editing; `false` unpins.
    pub(crate) fn set_pinned(&mut self, pin: bool) {
        self.pinned_scenario = pin.then(|| self.scenario().clone());
        self.pinned = None;
        self.comparison = None;
        self.refresh_comparison();
    }
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

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        if !self.notices.is_empty() {
            egui::Panel::top("notices")
                .show_separator_line(false)
                .show(ui, |ui| self.notices_strip(ui));
        }
        // Edits are what the controls change from here on; the menu's undo, redo,
        // revert and document switches above keep the history themselves. The scenario as
        // the frame found it is kept from the last frame, copied only when it changed since
        // (a frame in which nothing changes copies nothing).
        if self.frame_start != self.persisted.document.scenario {
            self.frame_start
                .clone_from(&self.persisted.document.scenario);
        }
        for edit in std::mem::take(&mut self.pending_edits) {
            edit.apply(&mut self.persisted.document.scenario);
        }
        let source = self.persisted.document.display_name();
        if !self.persisted.controls_chosen && !self.persisted.look.presentation {
            self.persisted.controls_open = ctx.content_rect().width() >= CONTROLS_FROM_WIDTH;
        }
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
                        (&source, recent),
                        &self.derived.price_changes,
                    );
                });
        }
        self.persisted.controls_open = controls_open;

        // Options the controls just added get their identifiers.
        self.persisted.document.scenario.assign_ids();
        // The engine runs after the controls changed the scenario, and only if they did.
        self.refresh_model();
        self.central(ui);

        let gesture_active = ctx.input(|input| input.pointer.any_down()) || ctx.text_edit_focused();
        self.history.observe(
            &self.frame_start,
            &self.persisted.document.scenario,
            gesture_active,
        );

        if let Some(request) = request {
            self.handle_control_request(&ctx, request);
        }
        self.escape_closes_the_window(&ctx);
        self.confirm_window(&ctx);
        self.prompt_window(&ctx);
        self.help_window(&ctx);
        self.welcome_window(&ctx);
        self.volumes_window(&ctx);
        self.price_picker_window(&ctx);
        self.export_window(&ctx);
        if !self.pending_edits.is_empty() {
            // Applied at the start of the next frame, which must come.
            ctx.request_repaint();
        }

        let hovering_file = ctx.input(|input| !input.raw.hovered_files.is_empty());
        if hovering_file {
            // A dimmed screen with white text reads in the light theme too.
            let screen = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop"),
            ));
            painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
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
mod tests;
