//! The cost chart on screen (and in the PNG): a [`Figure`] drawn with egui_plot.
//!
//! Everything the chart says (curves, shading, markers, labels, ticks, legend) comes from
//! the figure, which the SVG writer draws too; this module only decides how egui shows it:
//! zoom and pan, hover, and text measured by egui's own fonts.

use std::sync::Arc;

use eframe::egui::{self, Align2, Color32, FontId, Stroke};
use egui_plot::{
    GridInput, GridMark, Line, LineStyle, MarkerShape, Plot, PlotBounds, PlotPoints, Points, Span,
    VLine,
};

use crate::engine::Model;
use crate::figure::{
    self, Bounds, ChartView, Figure, Frame, LINE_GAP, Swatch, TextBox, TextRole, X_TITLE, Y_TITLE,
};
use crate::theme::{Look, Palette, palette};

/// How much one point of scrolling zooms: 100 points (a few wheel notches) about 1.6×.
const SCROLL_ZOOM_PER_POINT: f32 = 0.005;

/// What the chart needs besides the model.
pub struct ChartOptions {
    /// Colours and line widths.
    pub look: Look,
    /// Which part of the plane to show.
    pub view: ChartView,
    /// Whether the user may zoom and pan (off for exports).
    pub interactive: bool,
}

/// What happened in the chart this frame.
pub struct ChartOutcome {
    /// The user zoomed or panned, so the view should stop following the scenario.
    pub user_moved_view: bool,
    /// The user double-clicked to reset the view.
    pub reset_requested: bool,
    /// Where the plot was drawn, in screen points.
    pub rect: egui::Rect,
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

/// A tick label for egui_plot, from the figure's rule.
fn tick_text(
    mark: &GridMark,
    range: &std::ops::RangeInclusive<f64>,
    label: fn(f64) -> String,
) -> String {
    if figure::is_labelled(mark.step_size >= 1.0, *range.start(), *range.end()) {
        label(mark.value)
    } else {
        String::new()
    }
}

/// Draws the chart into the remaining space of `ui`.
pub fn show(ui: &mut egui::Ui, model: &Model, options: &ChartOptions) -> ChartOutcome {
    let look = options.look;
    let palette = look.palette();
    let default_bounds = figure::default_bounds(model);

    let plot = Plot::new("cost-chart")
        .x_axis_label(X_TITLE)
        .y_axis_label(Y_TITLE)
        .x_grid_spacer(grid)
        .y_grid_spacer(grid)
        .x_axis_formatter(|mark, range| tick_text(&mark, range, figure::volume_tick_label))
        .y_axis_formatter(|mark, range| tick_text(&mark, range, figure::cost_tick_label))
        .y_axis_min_width(48.0)
        .label_formatter(|position| {
            let (egui_plot::HoverPosition::NearDataPoint { position, .. }
            | egui_plot::HoverPosition::Elsewhere { position }) = position;
            Some(figure::hover_text(model, position.x))
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

    let view = options.view;
    let interactive = options.interactive;
    let response = plot.show(ui, |plot_ui| {
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
        let figure = figure_for(plot_ui.ctx(), model, bounds, frame);
        draw_items(plot_ui, &figure, look, &palette);
        figure
    });

    let figure = &*response.inner;
    let frame = *response.transform.frame();
    draw_labels(ui, figure, frame, look, &palette);
    draw_legend(ui, figure, frame, look, &palette);

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
        bounds: Bounds {
            min: bounds.min(),
            max: bounds.max(),
        },
    }
}

/// The figure of `model` inside `bounds`, described again only when either changed: an
/// idle or hovered chart redraws the same curves, and sampling them is most of the work.
fn figure_for(ctx: &egui::Context, model: &Model, bounds: Bounds, frame: Frame) -> Arc<Figure> {
    #[derive(Clone)]
    struct Drawn {
        generation: u64,
        bounds: Bounds,
        frame: Frame,
        figure: Arc<Figure>,
    }
    let id = egui::Id::unique("cost-chart-figure");
    let cached = ctx.data(|data| data.get_temp::<Drawn>(id));
    if let Some(drawn) = cached
        && drawn.generation == model.generation()
        && drawn.bounds == bounds
        && drawn.frame == frame
    {
        return drawn.figure;
    }
    let mut figure = Figure::new(model, bounds);
    figure.place_text(frame);
    let figure = Arc::new(figure);
    ctx.data_mut(|data| {
        data.insert_temp(
            id,
            Drawn {
                generation: model.generation(),
                bounds,
                frame,
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
fn draw_items(plot_ui: &mut egui_plot::PlotUi<'_>, figure: &Figure, look: Look, palette: &Palette) {
    for shade in &figure.shades {
        plot_ui.span(
            Span::new("", shade.from..=shade.to)
                .fill(palette.ink(shade.ink))
                .border_width(0.0),
        );
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

/// Crossover labels, painted over the plot where the figure's rule puts them.
fn draw_labels(ui: &egui::Ui, figure: &Figure, frame: egui::Rect, look: Look, palette: &Palette) {
    let painter = ui.painter_at(frame);
    let size = look.text_size(TextRole::CrossoverLabel);
    let at = |text: &TextBox, line: usize| {
        frame.min
            + egui::vec2(
                text.left as f32,
                text.top as f32 + line as f32 * LINE_GAP as f32 * size,
            )
    };
    for label in &figure.labels {
        let Some(text) = label.placed else {
            continue;
        };
        for (line, words) in label.lines.iter().enumerate() {
            painter.text(
                at(&text, line),
                Align2::LEFT_TOP,
                words,
                FontId::proportional(size),
                palette.crossover,
            );
        }
        if let Some((from, to)) = label.brackets {
            // A bracket under the words, over the stretch of crossovers it stands for.
            let frame_size = Frame {
                width: f64::from(frame.width()),
                height: f64::from(frame.height()),
                text_height: f64::from(size),
            };
            let left = figure.to_frame(&frame_size, [from, 0.0])[0] as f32;
            let right = figure.to_frame(&frame_size, [to, 0.0])[0] as f32;
            let y = (text.top + text.height) as f32 + size * 0.35;
            let tick = size * 0.4;
            let stroke = Stroke::new(1.5, palette.crossover);
            let points = [
                frame.min + egui::vec2(left, y + tick),
                frame.min + egui::vec2(left, y),
                frame.min + egui::vec2(right, y),
                frame.min + egui::vec2(right, y + tick),
            ];
            painter.add(egui::Shape::line(points.to_vec(), stroke));
        }
    }
    if let Some(marker) = &figure.volume_marker
        && let Some(text) = marker.placed
    {
        painter.text(
            at(&text, 0),
            Align2::LEFT_TOP,
            &marker.text,
            FontId::proportional(look.text_size(TextRole::VolumeMarker)),
            palette.volume_marker,
        );
    }
}

/// The legend in the corner of the plot the figure chose (the one it covers least of).
/// Rows come from the figure, as in the SVG.
fn draw_legend(ui: &egui::Ui, figure: &Figure, frame: egui::Rect, look: Look, palette: &Palette) {
    if figure.legend.is_empty() {
        return;
    }
    let painter = ui.painter_at(frame);
    let font = FontId::proportional(look.text_size(TextRole::Legend));
    let galleys: Vec<_> = figure
        .legend
        .iter()
        .map(|entry| painter.layout_no_wrap(entry.name.clone(), font.clone(), palette.text))
        .collect();
    let row = font.size * 1.45;
    let swatch = egui::vec2(font.size * 1.3, font.size * 0.8);
    let padding = font.size * 0.5;
    let text_width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let size = egui::vec2(
        padding * 3.0 + swatch.x + text_width,
        padding * 2.0 + row * galleys.len() as f32,
    );
    let margin = font.size * 0.7;
    let [left, top] = figure.legend_corner.place(
        [f64::from(frame.width()), f64::from(frame.height())],
        [f64::from(size.x), f64::from(size.y)],
        f64::from(margin),
    );
    let rect = egui::Rect::from_min_size(frame.min + egui::vec2(left as f32, top as f32), size);
    painter.rect(
        rect,
        4.0,
        palette.background.gamma_multiply(0.92),
        Stroke::new(1.0, palette.grid),
        egui::StrokeKind::Inside,
    );
    for (index, (entry, galley)) in figure.legend.iter().zip(galleys).enumerate() {
        let top = rect.top() + padding + row * index as f32;
        let center_y = top + row / 2.0;
        let swatch_rect = egui::Rect::from_center_size(
            egui::pos2(rect.left() + padding + swatch.x / 2.0, center_y),
            swatch,
        );
        let color = palette.ink(entry.ink);
        match entry.swatch {
            Swatch::Area => {
                painter.rect_filled(swatch_rect, 2.0, color);
            }
            Swatch::Marker => {
                painter.circle_filled(swatch_rect.center(), look.marker_radius() * 0.8, color);
            }
            Swatch::HollowMarker => {
                let radius = look.marker_radius() * 0.8;
                painter.circle(
                    swatch_rect.center(),
                    radius,
                    palette.background,
                    Stroke::new(2.0, color),
                );
            }
            Swatch::Line { dashed, faded } => {
                let from = swatch_rect.left_center();
                let to = swatch_rect.right_center();
                let color = if faded {
                    color.gamma_multiply(palette::FADED)
                } else {
                    color
                };
                let stroke = Stroke::new(look.curve_width(), color);
                if faded {
                    painter.extend(egui::Shape::dotted_line(
                        &[from, to],
                        color,
                        swatch.x / 5.0,
                        look.curve_width() * 0.5,
                    ));
                } else if dashed {
                    painter.extend(egui::Shape::dashed_line(
                        &[from, to],
                        stroke,
                        swatch.x / 3.0,
                        swatch.x / 6.0,
                    ));
                } else {
                    painter.line_segment([from, to], stroke);
                }
            }
        }
        let text_pos = egui::pos2(
            swatch_rect.right() + padding,
            center_y - galley.size().y / 2.0,
        );
        painter.galley(text_pos, galley, palette.text);
    }
}

/// A colour swatch and a name, for legends drawn outside the plot.
pub fn swatch(ui: &mut egui::Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, color);
        ui.label(label);
    });
}
