//! The cost chart on screen (and in the PNG): a [`Figure`] drawn with egui_plot.
//!
//! Everything the chart says (curves, shading, markers, labels, ticks, legend) comes from
//! the figure, which the SVG writer draws too; this module only decides how egui shows it:
//! zoom and pan, hover, and text measured by egui's own fonts.

use std::sync::Arc;

use eframe::egui::{self, Stroke};
use egui_plot::{
    FilledArea, GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotBounds, PlotPoints,
    Points, Span, VLine,
};

use crate::engine::Model;
use crate::figure::{self, Bounds, ChartView, Figure, Frame, LegendPlace, TextRole};
use crate::theme::{Look, Palette, palette};
use crate::units::Currency;

mod labels;
mod legend;
mod timeline;

use labels::draw_labels;
use legend::draw_legend;
pub use legend::swatch;
pub use timeline::{TimelinePlaced, show_timeline};

/// How much one point of scrolling zooms: 100 points (a few wheel notches) about 1.6×.
const SCROLL_ZOOM_PER_POINT: f32 = 0.005;

/// What the chart needs besides the model.
pub struct ChartOptions<'a> {
    /// Colours and line widths.
    pub look: Look,
    /// Which part of the plane to show.
    pub view: ChartView,
    /// Whether the user may zoom and pan (off for exports).
    pub interactive: bool,
    /// A scenario pinned for comparison, drawn dashed beside this one.
    pub pinned: Option<&'a Model>,
}

/// What happened in the chart this frame.
pub struct ChartOutcome {
    /// The user zoomed or panned, so the view should stop following the scenario.
    pub user_moved_view: bool,
    /// The user double-clicked to reset the view.
    pub reset_requested: bool,
    /// Where the plot was drawn, in screen points (its axes included).
    pub rect: egui::Rect,
    /// The frame inside the axes that the curves fill, in screen points.
    pub frame: egui::Rect,
    /// Where the legend is: inside the plot, beside it or under it.
    pub legend: LegendPlace,
    /// The room the legend takes outside the plot: a column's width or a strip's height
    /// (0 inside), points.
    pub legend_room: f32,
    /// The bounds shown.
    pub bounds: Bounds,
}

/// Grid marks for egui_plot, from the figure's rule.
fn grid(input: GridInput) -> Vec<GridMark> {
    figure::grid_marks(input.bounds.0, input.bounds.1)
        .into_iter()
        .map(|(value, major)| GridMark {
            value,
            step_size: if major { 1.0 } else { 0.1 },
        })
        .collect()
}

/// The closest grid lines may come, in points: egui_plot's own default, set on the plot so
/// that the points a decade spans can be worked out from [`GridInput::base_step_size`].
const GRID_SPACING: (f32, f32) = (8.0, 300.0);

/// Grid marks of the cost axis for egui_plot, at round amounts of `currency`. On a plot too
/// short for a label at every decade (presentation type at 1024x640 gives a decade less
/// height than a line of text), every second or third decade keeps its label, so the
/// axis always reads "$1, $100, $10k" rather than going blank: egui_plot leaves out the
/// labels of marks closer than their text is high, judging by each mark's step size.
fn cost_grid(input: GridInput, currency: &Currency, label_height: f32) -> Vec<GridMark> {
    let points_per_decade = f64::from(GRID_SPACING.0) / input.base_step_size;
    let every = (f64::from(label_height) / points_per_decade)
        .ceil()
        .clamp(1.0, 6.0);
    let shift = currency.per_usd.log10();
    figure::cost_grid_marks(input.bounds.0, input.bounds.1, currency)
        .into_iter()
        .map(|(value, major)| {
            let decade = (value + shift).round();
            let kept = major && (every <= 1.0 || (decade / every).fract() == 0.0);
            GridMark {
                value,
                step_size: match (major, kept) {
                    (true, true) => every,
                    // A decade whose label gives way keeps its line.
                    (true, false) => 0.5,
                    _ => 0.1,
                },
            }
        })
        .collect()
}

/// A tick label for egui_plot, from the figure's rule.
fn tick_text(
    mark: &GridMark,
    range: &std::ops::RangeInclusive<f64>,
    label: impl Fn(f64) -> String,
) -> String {
    if figure::is_labelled(mark.step_size >= 1.0, *range.start(), *range.end()) {
        label(mark.value)
    } else {
        String::new()
    }
}

/// The axes of the cost chart: titles (short on a plot `plot_height` high where the long
/// cost-axis title, `title_size` high, would spill past it), grid and tick labels in the
/// report's currency.
fn cost_axes<'a>(
    plot: Plot<'a>,
    currency: &'a Currency,
    (plot_height, title_size): (f32, f32),
    label_height: f32,
) -> Plot<'a> {
    let titles = figure::AxisTitles::costs(currency);
    let y_title = titles
        .y_for(f64::from(plot_height), f64::from(title_size))
        .to_owned();
    plot.x_axis_label(titles.x)
        .y_axis_label(y_title)
        .x_grid_spacer(grid)
        .grid_spacing(GRID_SPACING.0..=GRID_SPACING.1)
        .y_grid_spacer(move |input| cost_grid(input, currency, label_height))
        .x_axis_formatter(|mark, range| tick_text(&mark, range, figure::volume_tick_label))
        .y_axis_formatter(|mark, range| {
            tick_text(&mark, range, |value| {
                figure::cost_tick_label(value, currency)
            })
        })
}

/// Draws the chart into the remaining space of `ui`, its legend inside the plot or beside
/// or under it ([`figure::LegendPlace`]).
pub fn show(ui: &mut egui::Ui, model: &Model, options: &ChartOptions) -> ChartOutcome {
    let look = options.look;
    let palette = look.palette();
    let default_bounds = figure::default_bounds(model);
    let pinned = options.pinned;

    let legend = legend_room_for_costs(ui, (model, pinned), options.view, default_bounds, look);
    // egui_plot needs a label's height plus a little between two labelled marks.
    let label_height = ui.text_style_height(&egui::TextStyle::Body).max(20.0) + 2.0;
    let plot_height = plot_height(ui, legend);
    // The axis title's size in the theme, as the SVG measures it, so both pick one title.
    let title_size = look.text_size(TextRole::AxisTitle);
    let plot = cost_axes(
        Plot::new("cost-chart"),
        &model.report().currency,
        (plot_height, title_size),
        label_height,
    )
    .y_axis_min_width(48.0)
    .label_formatter(|position| {
        let (egui_plot::HoverPosition::NearDataPoint { position, .. }
        | egui_plot::HoverPosition::Elsewhere { position }) = position;
        Some(figure::hover_text(model, options.pinned, position.x))
    })
    .allow_zoom(options.interactive)
    .allow_drag(options.interactive)
    // Scrolling zooms (below), as the README says; dragging pans.
    .allow_scroll(false)
    .allow_boxed_zoom(options.interactive)
    .allow_double_click_reset(false)
    // Exports draw on the slide's own background, as the SVG does.
    .show_background(options.interactive)
    .show_crosshair(options.interactive);

    let legend_inside = legend.0 == LegendPlace::Inside;
    let view = options.view;
    let interactive = options.interactive;
    let response = show_with_legend(ui, plot, legend, look, |plot_ui| {
        // The bounds drawn this frame: the ones set when the view follows the scenario or is
        // fixed (the plot reports a set only from the next frame on, so they are not read
        // back), else where zooming and panning took it, kept within sensible limits.
        let scrolled = interactive
            && plot_ui.response().hovered()
            && plot_ui.ctx().input(|input| input.smooth_scroll_delta.y) != 0.0;
        let bounds = match view {
            ChartView::FollowScenario | ChartView::Fixed(_) if !scrolled => {
                let bounds = match view {
                    ChartView::Fixed(bounds) => bounds,
                    _ => default_bounds,
                };
                plot_ui.set_plot_bounds(to_plot_bounds(bounds));
                bounds
            }
            _ => {
                if scrolled {
                    let scroll = plot_ui.ctx().input(|input| input.smooth_scroll_delta.y);
                    let factor = (scroll * SCROLL_ZOOM_PER_POINT).exp();
                    plot_ui.zoom_bounds_around_hovered(egui::vec2(factor, factor));
                }
                let shown = plot_ui.plot_bounds();
                let shown = Bounds {
                    min: shown.min(),
                    max: shown.max(),
                };
                let kept = figure::clamp_view(shown);
                if kept != shown {
                    plot_ui.set_plot_bounds(to_plot_bounds(kept));
                }
                kept
            }
        };
        let frame = plot_ui.transform().frame();
        let frame = Frame {
            width: f64::from(frame.width()),
            height: f64::from(frame.height()),
            text_height: f64::from(look.text_size(TextRole::CrossoverLabel)),
        };
        let figure = figure_for(plot_ui.ctx(), (model, pinned), bounds, frame, legend_inside);
        draw_items(plot_ui, &figure, look, &palette);
        figure
    });

    let plot_response = &response.response;
    let user_moved_view = options.interactive
        && (plot_response.dragged()
            || (plot_response.hovered()
                && ui.input(|input| {
                    input.smooth_scroll_delta.y != 0.0 || input.zoom_delta() != 1.0
                })));
    let bounds = response.transform.bounds();
    ChartOutcome {
        user_moved_view,
        reset_requested: plot_response.double_clicked(),
        rect: plot_response.rect,
        frame: *response.transform.frame(),
        legend: legend.0,
        legend_room: legend.1,
        bounds: Bounds {
            min: bounds.min(),
            max: bounds.max(),
        },
    }
}

/// The chart's words over the plot, and the legend when it is inside (in its corner).
pub(super) fn draw_words(
    ui: &mut egui::Ui,
    figure: &Figure,
    frame: egui::Rect,
    look: Look,
    palette: &Palette,
) {
    draw_labels(ui, figure, frame, look, palette);
    if figure.legend_inside {
        draw_legend(ui, figure, frame, look, palette);
    }
}

/// Shows `plot` in the remaining space of `ui` with its legend where `legend` says (and
/// taking the room it gives: a column's width or a strip's height): the plot fills the
/// space with the legend inside, or leaves a strip under it or a column beside it.
/// `contents` draws the plot's items and returns the figure whose words are then drawn.
pub(super) fn show_with_legend<R: std::borrow::Borrow<Figure>>(
    ui: &mut egui::Ui,
    plot: Plot<'_>,
    (place, taken): (LegendPlace, f32),
    look: Look,
    contents: impl FnOnce(&mut egui_plot::PlotUi<'_>) -> R,
) -> egui_plot::PlotResponse<R> {
    let palette = look.palette();
    let available = ui.available_size();
    let words = |ui: &mut egui::Ui, response: &egui_plot::PlotResponse<R>| {
        let frame = *response.transform.frame();
        draw_words(ui, response.inner.borrow(), frame, look, &palette);
    };
    match place {
        LegendPlace::Inside => {
            let response = plot.show(ui, contents);
            words(ui, &response);
            response
        }
        LegendPlace::Below => {
            let response = plot
                .height((available.y - taken).max(MIN_PLOT))
                .show(ui, contents);
            words(ui, &response);
            legend::draw_strip(ui, response.inner.borrow(), look, &palette);
            response
        }
        LegendPlace::Beside => {
            ui.horizontal_top(|ui| {
                let response = plot
                    .width((available.x - taken).max(MIN_PLOT))
                    .height(available.y)
                    .show(ui, contents);
                words(ui, &response);
                let frame = *response.transform.frame();
                legend::draw_column(ui, response.inner.borrow(), (frame, taken), look, &palette);
                response
            })
            .inner
        }
    }
}

/// The height the plot's frame will have in the remaining space of `ui` with the legend
/// where `legend` puts it (estimated with [`AXES_ROOM`]): what the axis title must fit.
pub(super) fn plot_height(ui: &egui::Ui, legend: (LegendPlace, f32)) -> f32 {
    let room = match legend {
        (LegendPlace::Below, strip) => ui.available_height() - strip,
        _ => ui.available_height(),
    };
    room - AXES_ROOM.y
}

/// The smallest plot (points each way) a legend outside leaves.
const MIN_PLOT: f32 = 120.0;

/// Where the legend of `figure` goes in `room` (the chart's whole space), and the room it
/// takes outside the plot: the engine's rule ([`Figure::legend_fits_inside`], then
/// [`figure::legend_outside`]) with the column and the strip measured by egui's fonts.
pub(super) fn legend_room(ui: &egui::Ui, figure: &Figure, look: Look) -> (LegendPlace, f32) {
    let room = ui.available_size();
    let axes = AXES_ROOM;
    let frame = Frame {
        width: f64::from(room.x - axes.x),
        height: f64::from(room.y - axes.y),
        text_height: f64::from(look.text_size(TextRole::CrossoverLabel)),
    };
    if figure.legend_fits_inside(frame) {
        return (LegendPlace::Inside, 0.0);
    }
    let column = legend::column_size(ui, look, figure, frame.width as f32);
    let strip = legend::strip_height(ui, look, room.x, figure);
    match figure::legend_outside(
        [frame.width, frame.height],
        [f64::from(column.x), f64::from(column.y)],
        f64::from(strip),
    ) {
        LegendPlace::Beside => (LegendPlace::Beside, column.x),
        _ => (LegendPlace::Below, strip),
    }
}

/// [`legend_room`] for the cost chart, decided again only when the scenario, the view or
/// the room changed (an idle chart keeps its layout), from the figure [`described`] for
/// the bounds it will show.
fn legend_room_for_costs(
    ui: &egui::Ui,
    (model, pinned): (&Model, Option<&Model>),
    view: ChartView,
    default_bounds: Bounds,
    look: Look,
) -> (LegendPlace, f32) {
    let generation = (model.generation(), pinned.map(Model::generation));
    let last = ui.ctx().data(|data| data.get_temp::<Drawn>(figure_id()));
    let bounds = match view {
        ChartView::FollowScenario => default_bounds,
        ChartView::Fixed(bounds) => bounds,
        _ => last.as_ref().map_or(default_bounds, |drawn| drawn.bounds),
    };
    let key = LegendKey {
        generation,
        bounds,
        room: ui.available_size(),
        look,
    };
    let id = egui::Id::unique("cost-chart-legend");
    if let Some((seen, decided)) = ui
        .ctx()
        .data(|data| data.get_temp::<(LegendKey, (LegendPlace, f32))>(id))
        && seen == key
    {
        return decided;
    }
    let figure = described(ui.ctx(), (model, pinned), bounds);
    let decided = legend_room(ui, &figure, look);
    ui.ctx()
        .data_mut(|data| data.insert_temp(id, (key, decided)));
    decided
}

/// What the cost chart's legend place was decided for.
#[derive(Clone, Copy, PartialEq)]
struct LegendKey {
    generation: (u64, Option<u64>),
    bounds: Bounds,
    room: egui::Vec2,
    look: Look,
}

/// The room a plot's axes take around its frame (tick labels and titles), points: an
/// estimate, the same every frame, so a layout decided from it settles at once (a plot
/// reports its frame a frame late, and an export draws only a few).
const AXES_ROOM: egui::Vec2 = egui::vec2(72.0, 46.0);

/// The figure of the scenario (and the pinned one) in `bounds` before its words are
/// placed, described again only when either changed: the legend's place is decided from
/// it and the drawing places its words on a copy, so a changed scenario (a dragged
/// slider) is sampled once a frame, not twice.
fn described(
    ctx: &egui::Context,
    (model, pinned): (&Model, Option<&Model>),
    bounds: Bounds,
) -> Arc<Figure> {
    let id = egui::Id::unique("cost-chart-described");
    let generation = (model.generation(), pinned.map(Model::generation));
    if let Some(kept) = ctx.data(|data| data.get_temp::<Described>(id))
        && kept.generation == generation
        && kept.bounds == bounds
    {
        return kept.figure;
    }
    let mut figure = Figure::new(model, bounds);
    if let Some(pinned) = pinned {
        figure.add_pinned(pinned);
    }
    let figure = Arc::new(figure);
    ctx.data_mut(|data| {
        data.insert_temp(
            id,
            Described {
                generation,
                bounds,
                figure: Arc::clone(&figure),
            },
        );
    });
    figure
}

/// A figure as [`described`] keeps it.
#[derive(Clone)]
struct Described {
    generation: (u64, Option<u64>),
    bounds: Bounds,
    figure: Arc<Figure>,
}

/// The chart's figure as last described, with what it was described for.
#[derive(Clone)]
struct Drawn {
    /// The generations of the model and of the pinned one.
    generation: (u64, Option<u64>),
    bounds: Bounds,
    frame: Frame,
    legend_inside: bool,
    figure: Arc<Figure>,
}

/// Where the last figure is kept between frames.
fn figure_id() -> egui::Id {
    egui::Id::unique("cost-chart-figure")
}

/// The figure of `model` (and the pinned one) inside `bounds`, described again only when
/// either changed: an idle or hovered chart redraws the same curves, and sampling them is
/// most of the work.
fn figure_for(
    ctx: &egui::Context,
    (model, pinned): (&Model, Option<&Model>),
    bounds: Bounds,
    frame: Frame,
    legend_inside: bool,
) -> Arc<Figure> {
    let id = figure_id();
    let generation = (model.generation(), pinned.map(Model::generation));
    let cached = ctx.data(|data| data.get_temp::<Drawn>(id));
    if let Some(drawn) = cached
        && drawn.generation == generation
        && drawn.bounds == bounds
        && drawn.frame == frame
        && drawn.legend_inside == legend_inside
    {
        return drawn.figure;
    }
    let mut figure = (*described(ctx, (model, pinned), bounds)).clone();
    figure.legend_inside = legend_inside;
    figure.place_text(frame);
    let figure = Arc::new(figure);
    ctx.data_mut(|data| {
        data.insert_temp(
            id,
            Drawn {
                generation,
                bounds,
                frame,
                legend_inside,
                figure: Arc::clone(&figure),
            },
        );
    });
    figure
}

fn to_plot_bounds(bounds: Bounds) -> PlotBounds {
    PlotBounds::from_min_max(bounds.min, bounds.max)
}

/// Shading, curves, markers and the volume line: the plot items, in drawing order.
pub(super) fn draw_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    figure: &Figure,
    look: Look,
    palette: &Palette,
) {
    for shade in &figure.shades {
        plot_ui.span(
            Span::new("", shade.from..=shade.to)
                .fill(palette.ink(shade.ink))
                .border_width(0.0),
        );
    }
    if let Some(interval) = &figure.interval {
        plot_ui.span(
            Span::new("", interval.from..=interval.to)
                .fill(palette.ink(interval.shade))
                .border_width(0.0),
        );
        let edge = Stroke::new(1.5, palette.ink(interval.ink));
        let ends = [
            Some(interval.from),
            (!interval.open_ended).then_some(interval.to),
        ];
        for at in ends.into_iter().flatten() {
            plot_ui.vline(
                VLine::new("", at)
                    .stroke(edge)
                    .style(LineStyle::dashed_loose()),
            );
        }
    }
    for curve in figure.curves.iter().filter(|curve| curve.band.len() > 1) {
        let xs: Vec<f64> = curve.band.iter().map(|point| point[0]).collect();
        let lows: Vec<f64> = curve.band.iter().map(|point| point[1]).collect();
        let highs: Vec<f64> = curve.band.iter().map(|point| point[2]).collect();
        plot_ui.add(
            FilledArea::new("", &xs, &lows, &highs)
                .fill_color(palette.ink(curve.ink).gamma_multiply(palette::BAND))
                .allow_hover(false),
        );
    }
    // Bars under the lines, so every line stays visible across them.
    if !figure.bars.is_empty() {
        draw_bars(plot_ui, figure, palette);
    }
    for curve in &figure.curves {
        let color = palette.ink(curve.ink);
        if curve.blocked.len() > 1 {
            // Where it cannot run as configured: faded and dotted, never read as an option.
            let points: PlotPoints = curve.blocked.iter().copied().collect();
            plot_ui.line(
                Line::new("", points)
                    .color(color.gamma_multiply(palette::FADED))
                    .width(look.curve_width() * 0.8)
                    .style(LineStyle::dotted_dense()),
            );
        }
        if curve.points.is_empty() {
            continue;
        }
        let points: PlotPoints = curve.points.iter().copied().collect();
        let style = if curve.dashed {
            LineStyle::dashed_loose()
        } else {
            LineStyle::Solid
        };
        plot_ui.line(
            Line::new("", points)
                .color(color)
                .width(look.curve_width())
                .style(style),
        );
    }
    for marker in &figure.markers {
        plot_ui.points(
            Points::new("", vec![marker.at])
                .shape(MarkerShape::Circle)
                .filled(!marker.hollow)
                .radius(look.marker_radius())
                .color(palette.crossover),
        );
    }
    if let Some(volume) = &figure.volume_marker {
        plot_ui.vline(
            VLine::new("", volume.at)
                .stroke(Stroke::new(1.5, palette.volume_marker))
                .style(LineStyle::dashed_dense()),
        );
    }
}

/// The figure's bars (the timeline's purchases), filled in their option's colour (faded
/// where it cannot run); a pinned scenario's as outlines.
fn draw_bars(plot_ui: &mut egui_plot::PlotUi<'_>, figure: &Figure, palette: &Palette) {
    let bars = figure
        .bars
        .iter()
        .map(|bar| {
            let color = if bar.faded {
                palette.ink(bar.ink).gamma_multiply(palette::FADED)
            } else {
                palette.ink(bar.ink)
            };
            let (left, right) = bar.x;
            let (bottom, top) = bar.y;
            let shape = egui_plot::Bar::new((left + right) / 2.0, top - bottom)
                .base_offset(bottom)
                .width(right - left)
                .stroke(Stroke::new(1.0, color));
            if bar.hollow {
                shape.fill(egui::Color32::TRANSPARENT)
            } else {
                shape.fill(color.gamma_multiply(palette::BAR))
            }
        })
        .collect();
    plot_ui.bar_chart(egui_plot::BarChart::new("", bars).allow_hover(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cost axis' marks over `decades` decades drawn `points` points tall.
    fn marks(decades: (f64, f64), points: f64, currency: &Currency) -> Vec<GridMark> {
        let input = GridInput {
            bounds: decades,
            base_step_size: (decades.1 - decades.0) / points * f64::from(GRID_SPACING.0),
        };
        cost_grid(input, currency, 24.0)
    }

    /// The values of the marks egui_plot labels: those whose step spans a label's height.
    fn labelled(marks: &[GridMark], decades: (f64, f64), points: f64) -> Vec<f64> {
        let points_per_decade = points / (decades.1 - decades.0);
        marks
            .iter()
            .filter(|mark| mark.step_size * points_per_decade > 24.0 - 1e-9)
            .map(|mark| mark.value)
            .collect()
    }

    #[test]
    fn a_short_cost_axis_labels_every_second_decade_rather_than_none() {
        let usd = Currency::usd();
        // Seven decades in 130 points: 18.6 points a decade, less than a label.
        let short = marks((0.0, 7.0), 130.0, &usd);
        assert_eq!(labelled(&short, (0.0, 7.0), 130.0), [0.0, 2.0, 4.0, 6.0]);
        // Every decade still has its line.
        assert_eq!(short.iter().filter(|mark| mark.step_size >= 0.5).count(), 8);
        // Tall enough: every decade labelled.
        let tall = marks((0.0, 7.0), 400.0, &usd);
        assert_eq!(
            labelled(&tall, (0.0, 7.0), 400.0),
            [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
        );
        // Very short: every third decade.
        let tiny = marks((0.0, 7.0), 60.0, &usd);
        assert_eq!(labelled(&tiny, (0.0, 7.0), 60.0), [0.0, 3.0, 6.0]);
    }

    #[test]
    fn the_kept_labels_are_round_amounts_of_the_currency() {
        let euros = Currency {
            code: "EUR".to_owned(),
            symbol: "€".to_owned(),
            per_usd: 0.5,
        };
        let short = marks((0.0, 7.0), 130.0, &euros);
        let shown: Vec<String> = labelled(&short, (0.0, 7.0), 130.0)
            .into_iter()
            .map(|value| figure::cost_tick_label(value, &euros))
            .collect();
        // Euro decades 0 to 6 fall inside $1 to $10M at 0.5 per dollar; every second one.
        assert_eq!(shown, ["€1", "€100", "€10k", "€1M"]);
    }
}
