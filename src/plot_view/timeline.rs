//! The timeline on screen (and in the PNG): the [`Figure`] of
//! [`figure::timeline_figure`] drawn with the cost chart's items and words, on linear
//! axes whose grid comes from the figure's ticks. The view is fixed: the horizon and
//! growth controls decide what it shows.

use eframe::egui;
use egui_plot::{GridInput, GridMark, Plot, PlotBounds};

use super::{draw_items, legend_room, plot_height, show_with_legend};
use crate::engine::Model;
use crate::figure::{self, Frame, LegendPlace, TextRole, Tick, TimelineMeasure};
use crate::theme::Look;

/// Draws the timeline of `model` (with `pinned` dashed beside it) into the remaining space
/// of `ui`; `interactive` shows the crosshair and hover read-out. Returns where the plot is.
pub fn show_timeline(
    ui: &mut egui::Ui,
    model: &Model,
    pinned: Option<&Model>,
    measure: TimelineMeasure,
    look: Look,
    interactive: bool,
) -> TimelinePlaced {
    let palette = look.palette();
    let mut figure = figure::timeline_figure(model, measure, pinned);
    let legend = legend_room(ui, &figure, look);
    figure.legend_inside = legend.0 == LegendPlace::Inside;
    let x_ticks = figure.x_ticks.clone();
    let y_ticks = figure.y_ticks.clone();
    let x_labels = x_ticks.clone();
    let y_labels = y_ticks.clone();
    let plot_height = plot_height(ui, legend);
    // The axis title's size in the theme, as the cost chart and the SVG measure it.
    let title_size = look.text_size(TextRole::AxisTitle);
    let y_title = figure
        .titles
        .y_for(f64::from(plot_height), f64::from(title_size))
        .to_owned();
    let plot = Plot::new("timeline-chart")
        .x_axis_label(figure.titles.x.clone())
        .y_axis_label(y_title)
        .x_grid_spacer(move |input| marks(&x_ticks, input))
        .y_grid_spacer(move |input| marks(&y_ticks, input))
        .x_axis_formatter(move |mark, _| label_at(&x_labels, mark.value))
        .y_axis_formatter(move |mark, _| label_at(&y_labels, mark.value))
        .y_axis_min_width(56.0)
        .label_formatter(move |position| {
            let (egui_plot::HoverPosition::NearDataPoint { position, .. }
            | egui_plot::HoverPosition::Elsewhere { position }) = position;
            Some(figure::timeline_hover(model, pinned, position.x))
        })
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_background(interactive)
        .show_crosshair(interactive);
    let bounds = figure.bounds;
    let response = show_with_legend(ui, plot, legend, look, |plot_ui| {
        plot_ui.set_plot_bounds(PlotBounds::from_min_max(bounds.min, bounds.max));
        let frame = plot_ui.transform().frame();
        figure.place_text(Frame {
            width: f64::from(frame.width()),
            height: f64::from(frame.height()),
            text_height: f64::from(look.text_size(TextRole::CrossoverLabel)),
        });
        draw_items(plot_ui, &figure, look, &palette);
        figure
    });
    TimelinePlaced {
        rect: response.response.rect,
        frame: *response.transform.frame(),
        legend: legend.0,
        legend_room: legend.1,
        bounds,
    }
}

/// Where the timeline chart went.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimelinePlaced {
    /// The whole plot, axes included, in screen points.
    pub rect: egui::Rect,
    /// The frame inside the axes that the curves fill.
    pub frame: egui::Rect,
    /// Where the legend is: inside the plot, beside it or under it.
    pub legend: LegendPlace,
    /// The room the legend takes outside the plot: a column's width or a strip's height
    /// (0 inside), points.
    pub legend_room: f32,
    /// The bounds it shows: months and dollars (or dollars so far).
    pub bounds: crate::figure::Bounds,
}

/// egui_plot's grid marks: the figure's ticks inside the shown range. egui_plot labels a
/// mark when its step size leaves room on screen, so each tick's step is the spacing of
/// the ticks it belongs to (major ones, every year on the months axis, a larger step).
fn marks(ticks: &[Tick], input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    let spacing = |major: bool| {
        let values: Vec<f64> = ticks
            .iter()
            .filter(|tick| tick.major == major)
            .map(|tick| tick.value)
            .collect();
        values
            .windows(2)
            .map(|pair| pair[1] - pair[0])
            .fold(f64::INFINITY, f64::min)
    };
    let (minor, major) = (spacing(false), spacing(true));
    let minor = if minor.is_finite() { minor } else { major };
    ticks
        .iter()
        .filter(|tick| tick.value >= low && tick.value <= high)
        .map(|tick| GridMark {
            value: tick.value,
            step_size: if tick.major && major.is_finite() {
                major
            } else {
                minor
            },
        })
        .collect()
}

/// The label of the tick at `value`, if it has one.
fn label_at(ticks: &[Tick], value: f64) -> String {
    ticks
        .iter()
        .find(|tick| (tick.value - value).abs() < 1e-9 * value.abs().max(1.0))
        .and_then(|tick| tick.label.clone())
        .unwrap_or_default()
}
