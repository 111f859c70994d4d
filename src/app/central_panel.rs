//! The middle of the window: the verdict, the figures, the chart and the breakdown below it.

use eframe::egui::{self, RichText};

use super::{CostExplorerApp, verdict_panel};
use crate::figure::ChartView;
use crate::plot_view::{self, ChartOptions};
use crate::scenario::Lens;
use crate::tornado_view;

/// What the chart area shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChartTab {
    /// Cost against volume, every option.
    #[default]
    Costs,
    /// Cash over the months, with growth: break-even and when to switch.
    Timeline,
    /// The tornado: what moves the answer most (only when inputs have ranges).
    Sensitivity,
}

impl CostExplorerApp {
    pub(super) fn central(&mut self, ui: &mut egui::Ui) {
        let look = self.persisted.look;
        egui::CentralPanel::default().show(ui, |ui| {
            let column_width = ui.available_width();
            let viewport = ui.available_height();
            let window = ui.ctx().content_rect().height();
            // One column that scrolls: the verdict, the chart tabs, the chart as large as
            // the window allows, then the table and the breakdown. The chart is the hero:
            // it never gets less than its share of the window (half of it, 60% for the
            // room) and never more than is in view, and what is below it scrolls.
            egui::ScrollArea::vertical()
                .id_salt("central-column")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let top = ui.cursor().top();
                    let report = self.model.report();
                    // On a short window (a laptop, a projector) and for the room, the notes
                    // under the verdict follow the chart, which then starts higher.
                    let notes_first = window >= TALL_WINDOW && !look.presentation;
                    verdict_panel::headline(ui, &self.derived.words, look);
                    if notes_first {
                        verdict_panel::notes(ui, &self.derived.words, look);
                    }
                    verdict_panel::warnings(ui, report, look);
                    verdict_panel::problems(ui, &self.derived.problems, look);
                    ui.add_space(4.0);
                    let has_tornado = self.derived.tornado.is_some();
                    if !has_tornado && self.chart_tab == ChartTab::Sensitivity {
                        self.chart_tab = ChartTab::Costs;
                    }
                    self.tabs_row(ui, has_tornado);
                    self.comparison_readout(ui, look);
                    let in_view = (viewport - (ui.cursor().top() - top)).max(0.0);
                    let options = self.model.report().options.len() as f32;
                    // The table and the layer bars, when they fit below the chart in view.
                    let below = (options * 2.0 + 3.0) * 24.0 * look.text_scale();
                    let hero = hero_height(window, look.presentation).min(in_view);
                    let chart_size =
                        egui::vec2(column_width - 8.0, (in_view - below).max(hero).max(160.0));
                    match (self.chart_tab, &self.derived.tornado) {
                        (ChartTab::Sensitivity, Some(tornado)) => {
                            // Every input's bar, the column scrolling where they need more
                            // than the chart's height (none is left out on screen).
                            let every_bar =
                                tornado_view::height_for_every_bar(tornado, chart_size.x, look);
                            let size = egui::vec2(chart_size.x, chart_size.y.max(every_bar));
                            ui.allocate_ui(size, |ui| tornado_view::show(ui, tornado, look));
                        }
                        (ChartTab::Timeline, _) => self.timeline_tab(ui, chart_size),
                        _ => self.cost_chart(ui, chart_size),
                    }
                    ui.add_space(4.0);
                    if !notes_first {
                        verdict_panel::notes(ui, &self.derived.words, look);
                    }
                    verdict_panel::figures(ui, self.model.report(), look);
                    ui.separator();
                    breakdown_area(ui, &self.model, look, column_width, &mut self.show_math);
                });
        });
    }

    /// The title, the chart tabs, the pin, and the volume in presentation mode.
    fn tabs_row(&mut self, ui: &mut egui::Ui, has_tornado: bool) {
        let look = self.persisted.look;
        // Wrapped, so a long title and the tabs never widen the column past the window.
        ui.horizontal_wrapped(|ui| {
            // The room reads the verdict; the title would push the chart down a row.
            if !look.presentation {
                ui.label(RichText::new(&self.model.scenario().title).heading());
                ui.add_space(8.0);
            }
            ui.selectable_value(&mut self.chart_tab, ChartTab::Costs, "Cost by volume")
                .on_hover_text("Every option's monthly cost against volume");
            ui.selectable_value(&mut self.chart_tab, ChartTab::Timeline, "Over time")
                .on_hover_text(
                    "Cash month by month as volume grows: when self-hosting breaks even, \
                     and the best month to switch",
                );
            if has_tornado {
                ui.selectable_value(&mut self.chart_tab, ChartTab::Sensitivity, "What moves it")
                    .on_hover_text(
                        "Each input with a range at its low and its high guess: where \
                         self-hosting then wins for good",
                    );
            }
            ui.add_space(8.0);
            // In presentation the room reads the chart: the lens is only named when it is
            // not the usual full cost (the controls panel still switches it).
            // The lens and the volume are edits: applied at the start of the next frame,
            // before the model is prepared, so no frame draws a model older than its inputs.
            let mut lens = self.persisted.document.scenario.accounting.lens;
            if !look.presentation {
                if super::cost_controls::lens_toggle(ui, &mut lens) {
                    self.pending_edits.push(super::Edit::Lens(lens));
                    ui.ctx().request_repaint();
                }
                ui.add_space(8.0);
            } else if lens == Lens::Marginal {
                ui.label(RichText::new("Marginal cost").strong())
                    .on_hover_text(Lens::Marginal.meaning());
            }
            self.pin_controls(ui);
            if !self.persisted.controls_open
                && let Some(volume) = volume_at_hand(
                    ui,
                    self.persisted.document.scenario.tokens_per_month(),
                    look,
                )
            {
                self.pending_edits.push(super::Edit::Volume(volume));
                ui.ctx().request_repaint();
            }
            if self.chart_tab == ChartTab::Costs
                && self.chart_view != ChartView::FollowScenario
                && ui
                    .button("Reset view")
                    .on_hover_text("Fit the chart to the scenario again (or double-click it)")
                    .clicked()
            {
                self.chart_view = ChartView::FollowScenario;
            }
        });
    }

    /// The cost chart in `size`, following the scenario until the user moves it.
    fn cost_chart(&mut self, ui: &mut egui::Ui, size: egui::Vec2) {
        let options = ChartOptions {
            look: self.persisted.look,
            view: self.chart_view,
            interactive: true,
            pinned: self.pinned.as_ref(),
        };
        let outcome = ui
            .allocate_ui(size, |ui| plot_view::show(ui, &self.model, &options))
            .inner;
        if outcome.reset_requested {
            self.chart_view = ChartView::FollowScenario;
        } else if outcome.user_moved_view {
            self.chart_view = ChartView::UserMoved;
        }
        self.last_plot_size = Some(outcome.rect.size());
        self.last_chart = Some(outcome);
    }
}

/// The cost layers of each option at this volume, and "Show the math" under them.
fn breakdown_area(
    ui: &mut egui::Ui,
    model: &crate::engine::Model,
    look: crate::theme::Look,
    column_width: f32,
    show_math: &mut bool,
) {
    let report = model.report();
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Cost by layer at this volume").strong());
        verdict_panel::layer_legend(ui, report, look);
        ui.checkbox(show_math, "Show the math");
    });
    verdict_panel::breakdown(ui, report, look, column_width - 16.0);
    if *show_math {
        ui.separator();
        verdict_panel::math(ui, model);
    }
}

/// From this window height (points) the notes under the verdict come before the chart.
const TALL_WINDOW: f32 = 900.0;

/// The height of the chart (its plot, axes and a legend strip) that makes it the hero of
/// a window `window` points high: its plot at least half the window (60% in presentation
/// mode), and at least 300 points.
fn hero_height(window: f32, presentation: bool) -> f32 {
    /// The chart's axes and a legend strip under a short plot, points.
    const CHROME: f32 = 110.0;
    let share = if presentation { 0.6 } else { 0.5 };
    (window * share).max(300.0) + CHROME
}

/// With the controls tucked away (presentation mode), the volume stays at hand beside
/// the chart's title: the one question a room asks is "and at ten times that?". Returns
/// the volume moved to, if it was.
fn volume_at_hand(ui: &mut egui::Ui, mut volume: f64, look: crate::theme::Look) -> Option<f64> {
    // Label, slider and value go to the next row together when they do not
    // fit beside the title, so the column never widens past the window.
    // The slider narrows (to 100 points) before the group leaves the row: a row less
    // above the chart is a row more of chart.
    let scale = look.text_scale();
    let beside = ui.available_size_before_wrap().x - 12.0 - 140.0 * scale;
    ui.spacing_mut().slider_width = beside.clamp(100.0 * scale, 160.0 * scale);
    if beside < 100.0 * scale {
        ui.end_row();
    } else {
        ui.add_space(12.0);
    }
    let label = ui.label("Monthly volume");
    let changed = ui
        .add(super::form::volume_slider(&mut volume))
        .labelled_by(label.id)
        .changed();
    changed.then_some(volume.max(0.0))
}
