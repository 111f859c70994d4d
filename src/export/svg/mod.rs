//! SVG export: the chart as a vector file with real text, for slides and documents.
//!
//! Draws the same [`Figure`] as the app's chart, with the theme's colours and sizes, so
//! the SVG and the PNG say the same thing.

use std::fmt::Write as _;

use eframe::egui::{self, Color32};

mod axes;
mod legend;
mod ranges;
mod tornado;
mod wrapped_caption;

pub(crate) use wrapped_caption::wrap;

use super::caption::caption_for;
use super::image::{self, TORNADO_SHARE};
use super::{ExportChart, ImageRequest};
use crate::figure::{self, Figure, Frame, LINE_GAP, LegendPlace, TextRole, Tornado, view_bounds};
use crate::theme::{Look, Palette, palette};
use wrapped_caption::{CAPTION_LINE_HEIGHT, caption_lines};

/// Where a line of text's baseline sits below its top, in text sizes.
pub const ASCENT: f64 = 0.8;

/// The font families every SVG names, the bundled Ubuntu first (the PDF embeds it).
pub const FONT_FAMILY: &str = "Ubuntu, 'Helvetica Neue', Arial, sans-serif";

/// Writes the SVG document for the request's size, look and view, with its caption.
pub fn render(request: &ImageRequest) -> String {
    document(request, true, None)
}

/// The chart alone, as an `<svg>` element placed at `(x, y)` in a larger document (the
/// PDF report's page lays out its own text around it).
pub fn chart_element(request: &ImageRequest, x: f64, y: f64) -> String {
    document(request, false, Some((x, y)))
}

/// The chart, its caption when `with_caption`, as a document or (`at`) a nested element.
fn document(request: &ImageRequest, with_caption: bool, at: Option<(f64, f64)>) -> String {
    let look = request.look;
    let (width, height) = (f64::from(request.width_px), f64::from(request.height_px));
    let scale = (width / 1000.0).clamp(0.6, 3.0);
    let text = caption_for(request);
    let lines = if with_caption {
        caption_lines(&text, look, scale, width - 48.0 * scale)
    } else {
        Vec::new()
    };
    let caption_height = if with_caption {
        lines
            .iter()
            .map(|(_, kind)| f64::from(look.caption_size(*kind)) * scale * CAPTION_LINE_HEIGHT)
            .sum::<f64>()
            + 12.0 * scale
    } else {
        0.0
    };
    // With ranges, the tornado takes the right of the picture, as in the PNG.
    let sensitivity = match request.chart {
        ExportChart::Costs => Tornado::new(request.model.report()),
        ExportChart::Timeline(_) => None,
    };
    let chart_right = match sensitivity {
        Some(_) => width * (1.0 - f64::from(TORNADO_SHARE)) - 16.0 * scale,
        None => width - 24.0 * scale,
    };
    let mut figure = figure_of(request);
    // A picture with its caption is laid out as the PNG is, by egui (without rendering):
    // the plot where the PNG's is, the legend inside it or in a strip as there, the caption's
    // lines as egui wrapped them. So the words in the plot avoid the same things and land on
    // the same spots, and nothing under the plot runs into the caption. The PDF's chart has
    // no caption and fills its box.
    let laid_out = with_caption
        .then(|| as_the_png_lays_it_out(request, &mut figure))
        .flatten();
    let (plot, legend, from_layout) = match laid_out {
        Some((plot, legend, strip, caption)) => (plot, legend, Some((strip, caption))),
        None => {
            let room = Area {
                left: 80.0 * scale,
                right: chart_right,
                top: 20.0 * scale,
                bottom: height - caption_height,
            };
            let (plot, legend) = own_layout(&mut figure, look, scale, room);
            (plot, legend, None)
        }
    };
    let (strip, laid_out_caption) = from_layout.unzip();
    figure.place_text(Frame {
        width: plot.right - plot.left,
        height: plot.bottom - plot.top,
        text_height: f64::from(look.text_size(TextRole::CrossoverLabel)) * scale,
    });
    let canvas = Canvas {
        plot,
        chart_right,
        legend,
        figure,
        look,
        palette: look.palette(),
        scale,
        strip: strip.unwrap_or_default(),
    };
    let mut svg = String::new();
    let placed = match at {
        Some((x, y)) => format!(r#"x="{x:.1}" y="{y:.1}""#),
        None => r#"xmlns="http://www.w3.org/2000/svg""#.to_owned(),
    };
    let _ = writeln!(
        svg,
        r#"<svg {placed} width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="100%" height="100%" {}/>"#,
        fill(canvas.palette.background)
    );
    canvas.shades(&mut svg);
    canvas.interval(&mut svg);
    canvas.grid(&mut svg);
    canvas.bands(&mut svg);
    canvas.curves(&mut svg);
    canvas.crossovers(&mut svg);
    canvas.volume_marker(&mut svg);
    canvas.interval_words(&mut svg);
    canvas.legend(&mut svg);
    if let Some(sensitivity) = &sensitivity {
        // Down to the caption (or the chart's foot), as the PNG's panel beside the plot.
        let caption_top = laid_out_caption
            .as_ref()
            .map_or(height - caption_height, |caption| caption.top);
        canvas.tornado(&mut svg, sensitivity, [chart_right, width, caption_top]);
    }
    match laid_out_caption {
        Some(caption) => canvas.laid_out_caption(&mut svg, &caption),
        None if with_caption => canvas.caption(&mut svg, &lines, height - caption_height),
        None => {}
    }
    svg.push_str("</svg>\n");
    svg
}

/// The request's figure (the pinned scenario's curves added).
fn figure_of(request: &ImageRequest) -> Figure {
    let pinned = request.pinned.as_ref();
    match request.chart {
        ExportChart::Costs => {
            let bounds = view_bounds(&request.model, request.view, None);
            let mut figure = Figure::new(&request.model, bounds);
            if let Some(pinned) = pinned {
                figure.add_pinned(pinned);
            }
            figure
        }
        ExportChart::Timeline(measure) => figure::timeline_figure(&request.model, measure, pinned),
    }
}

/// The plot in `room` (a chart without a caption, in the PDF), laid out by the SVG's
/// own estimates, with the screen's and the PNG's rule for the legend: inside where a
/// corner of the plot is clear, else in a column beside the plot or a strip under it,
/// whichever leaves the larger plot.
fn own_layout(figure: &mut Figure, look: Look, scale: f64, room: Area) -> (Area, LegendPlace) {
    let axis = 48.0 * scale;
    let full = Area {
        bottom: (room.bottom - axis).max(room.top + 60.0),
        ..room
    };
    let text_height = f64::from(look.text_size(TextRole::CrossoverLabel)) * scale;
    let fits = figure.legend_fits_inside(Frame {
        width: full.right - full.left,
        height: full.bottom - full.top,
        text_height,
    });
    if fits {
        figure.legend_inside = true;
        return (full, LegendPlace::Inside);
    }
    figure.legend_inside = false;
    let size = f64::from(look.text_size(TextRole::Legend));
    let names = || figure.legend.iter().map(|entry| entry.name.as_str());
    let max_text = ((full.right - full.left) / scale * figure::LEGEND_COLUMN_MAX_SHARE
        - size * figure::COLUMN_SPACING)
        .max(size * 4.0);
    let column = figure::legend_column(size, names(), max_text).map(|length| length * scale);
    let strip_width = (full.right - 24.0 * scale) / scale;
    let strip = figure::legend_strip_height(size, strip_width, names()) * scale;
    let frame = [full.right - full.left, full.bottom - full.top];
    match figure::legend_outside(frame, column, strip) {
        LegendPlace::Beside => {
            let right = (full.right - column[0]).max(full.left + 60.0);
            (Area { right, ..full }, LegendPlace::Beside)
        }
        _ => {
            let bottom = (full.bottom - strip).max(full.top + 60.0);
            (Area { bottom, ..full }, LegendPlace::Below)
        }
    }
}

/// The plot, where the legend is and its names (outside the plot) and the caption as egui
/// lays the PNG out, with the figure's legend put where the PNG puts it; `None` if egui
/// could not lay it out.
fn as_the_png_lays_it_out(
    request: &ImageRequest,
    figure: &mut Figure,
) -> Option<(Area, LegendPlace, Vec<image::TextRow>, LaidOutCaption)> {
    let layout = image::chart_layout(request).ok()?;
    let placed = layout.plot?;
    let pixels = f64::from(layout.pixels_per_point);
    figure.legend_inside = placed.legend == LegendPlace::Inside;
    let plot = Area {
        left: f64::from(placed.frame.left()) * pixels,
        right: f64::from(placed.frame.right()) * pixels,
        top: f64::from(placed.frame.top()) * pixels,
        bottom: f64::from(placed.frame.bottom()) * pixels,
    };
    let outside = match placed.legend {
        LegendPlace::Inside => None,
        LegendPlace::Below => Some(egui::Rect::from_x_y_ranges(
            0.0..=f32::INFINITY,
            placed.frame.bottom()..=placed.caption.top(),
        )),
        LegendPlace::Beside => Some(egui::Rect::from_x_y_ranges(
            placed.frame.right()..=placed.frame.right() + placed.legend_room + 16.0,
            placed.frame.top()..=placed.frame.bottom(),
        )),
    };
    let mut rows: Vec<image::TextRow> = outside
        .map(|rect| layout.text_rows_in(rect))
        .unwrap_or_default();
    // A strip's names are one row each (and its area takes in the axis's ticks and title,
    // which only a whole name match keeps out); a column's may wrap to several, right of
    // the plot where no other words are.
    let wrapped = placed.legend == LegendPlace::Beside;
    rows.retain(|row| {
        let words = row.text.trim();
        figure
            .legend
            .iter()
            .any(|entry| entry.name == words || (wrapped && entry.name.contains(words)))
    });
    let caption = LaidOutCaption {
        rows: layout.text_rows_in(placed.caption),
        top: f64::from(placed.caption.top()) * pixels,
    };
    Some((plot, placed.legend, rows, caption))
}

/// The caption as egui laid it out for the PNG: its rows, and the top of its strip.
struct LaidOutCaption {
    rows: Vec<image::TextRow>,
    top: f64,
}

/// The figure and where it goes: everything the drawing steps share.
struct Canvas {
    /// The legend's names outside the plot where egui put them (empty when the legend is
    /// inside, or when the SVG lays itself out).
    strip: Vec<image::TextRow>,
    plot: Area,
    /// The right edge of the chart's room (a legend column ends there).
    chart_right: f64,
    /// Where the legend goes: inside the plot, beside it or under it.
    legend: LegendPlace,
    figure: Figure,
    look: Look,
    palette: Palette,
    /// Pixels per point of the theme's sizes.
    scale: f64,
}

impl Canvas {
    /// The tornado right of the plot: from `chart_right` to `width` and from the plot's
    /// top down to `bottom` (the caption's top, or the chart's foot).
    fn tornado(
        &self,
        svg: &mut String,
        sensitivity: &Tornado,
        [chart_right, width, bottom]: [f64; 3],
    ) {
        let scale = self.scale;
        let rect = [
            chart_right + 40.0 * scale,
            self.plot.top,
            width - 24.0 * scale,
            (bottom - 8.0 * scale).max(self.plot.bottom + 40.0 * scale),
        ];
        let text = self.text_size(TextRole::Legend);
        tornado::tornado(svg, sensitivity, rect, text, &self.palette);
    }

    /// Screen position of a point in log10 units.
    fn to_screen(&self, x: f64, y: f64) -> (f64, f64) {
        let bounds = self.figure.bounds;
        let plot = &self.plot;
        (
            plot.left
                + (x - bounds.min[0]) / (bounds.max[0] - bounds.min[0]) * (plot.right - plot.left),
            plot.bottom
                - (y - bounds.min[1]) / (bounds.max[1] - bounds.min[1]) * (plot.bottom - plot.top),
        )
    }

    fn text_size(&self, role: TextRole) -> f64 {
        f64::from(self.look.text_size(role)) * self.scale
    }

    fn shades(&self, svg: &mut String) {
        for shade in &self.figure.shades {
            self.span(
                svg,
                (shade.from, shade.to),
                self.palette.ink(shade.ink),
                shade.name,
            );
        }
    }

    /// A full-height shaded stretch of volume (log10 units), cut at the plot's edges, with
    /// its meaning as the rectangle's title; `false` when none of it is in view.
    fn span(&self, svg: &mut String, (from, to): (f64, f64), color: Color32, title: &str) -> bool {
        let plot = &self.plot;
        let from = self.to_screen(from, 0.0).0.max(plot.left);
        let to = self.to_screen(to, 0.0).0.min(plot.right);
        if to <= from {
            return false;
        }
        let _ = writeln!(
            svg,
            r#"<rect x="{from:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}><title>{}</title></rect>"#,
            plot.top,
            to - from,
            plot.bottom - plot.top,
            fill(color),
            escape(title)
        );
        true
    }

    /// The parts of a curve inside the plot, as `x,y` pairs in pixels: each segment is cut
    /// at the plot's edges here, since clip paths are what some SVG renderers drop.
    fn polylines(&self, points: &[[f64; 2]]) -> Vec<String> {
        let plot = &self.plot;
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut open = false;
        for pair in points.windows(2) {
            let a = self.to_screen(pair[0][0], pair[0][1]);
            let b = self.to_screen(pair[1][0], pair[1][1]);
            match clip_segment(a, b, plot) {
                Some((from, to)) => {
                    if !open || runs.last().and_then(|run| run.last()) != Some(&from) {
                        runs.push(vec![from]);
                    }
                    if let Some(run) = runs.last_mut() {
                        run.push(to);
                    }
                    // A run goes on only while the segment ends inside the plot.
                    open = to == b;
                }
                None => open = false,
            }
        }
        runs.into_iter()
            .map(|run| {
                run.iter()
                    .map(|(x, y)| format!("{x:.1},{y:.1}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    fn curves(&self, svg: &mut String) {
        // Bars under the lines, as on screen.
        self.bars(svg);
        svg.push_str(r#"<g fill="none" stroke-linejoin="round">"#);
        for curve in self.figure.curves.iter().filter(|c| c.blocked.len() > 1) {
            // Where it cannot run as configured: faded and dotted, as on screen.
            for points in self.polylines(&curve.blocked) {
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{points}" stroke="{}" stroke-opacity="{:.2}" stroke-width="{:.1}" stroke-dasharray="{:.1} {:.1}"><title>{} (cannot run as configured here)</title></polyline>"#,
                    hex(self.palette.ink(curve.ink)),
                    palette::FADED,
                    f64::from(self.look.curve_width()) * 0.8 * self.scale,
                    2.0 * self.scale,
                    4.0 * self.scale,
                    escape(&curve.name)
                );
            }
        }
        for curve in self.figure.curves.iter().filter(|c| !c.points.is_empty()) {
            let dash = if curve.dashed {
                format!(
                    r#" stroke-dasharray="{:.1} {:.1}""#,
                    10.0 * self.scale,
                    6.0 * self.scale
                )
            } else {
                String::new()
            };
            for points in self.polylines(&curve.points) {
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{points}" stroke="{}" stroke-width="{:.1}"{dash}><title>{}</title></polyline>"#,
                    hex(self.palette.ink(curve.ink)),
                    f64::from(self.look.curve_width()) * self.scale,
                    escape(&curve.name)
                );
            }
        }
        svg.push_str("</g>\n");
    }

    /// The figure's bars (the timeline's purchases), as on screen: filled in their
    /// option's colour, a pinned scenario's as outlines.
    fn bars(&self, svg: &mut String) {
        for bar in &self.figure.bars {
            let (left, top) = self.to_screen(bar.x.0, bar.y.1);
            let (right, bottom) = self.to_screen(bar.x.1, bar.y.0);
            let color = if bar.faded {
                self.palette.ink(bar.ink).gamma_multiply(palette::FADED)
            } else {
                self.palette.ink(bar.ink)
            };
            let inside = if bar.hollow {
                r#"fill="none""#.to_owned()
            } else {
                fill(color.gamma_multiply(palette::BAR))
            };
            let _ = writeln!(
                svg,
                r#"<rect x="{left:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" {inside} stroke="{}"/>"#,
                right - left,
                bottom - top,
                hex(color)
            );
        }
    }

    fn crossovers(&self, svg: &mut String) {
        let color = hex(self.palette.crossover);
        for marker in &self.figure.markers {
            let (x, y) = self.to_screen(marker.at[0], marker.at[1]);
            let marker_fill = if marker.hollow {
                hex(self.palette.background)
            } else {
                color.clone()
            };
            let _ = writeln!(
                svg,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{marker_fill}" stroke="{color}" stroke-width="2"/>"#,
                f64::from(self.look.marker_radius()) * 0.85 * self.scale,
            );
        }
        let size = self.text_size(TextRole::CrossoverLabel);
        for label in &self.figure.labels {
            let Some(text) = label.placed else {
                continue;
            };
            let words_color = if label.secondary {
                hex(self.palette.weak_text)
            } else {
                color.clone()
            };
            for (line, words) in label.lines.iter().enumerate() {
                let (x, y) = self.in_plot(text.left, text.top + line as f64 * LINE_GAP * size);
                let _ = writeln!(
                    svg,
                    r#"<text x="{x:.1}" y="{:.1}" font-size="{size:.1}" fill="{words_color}">{}</text>"#,
                    y + size * ASCENT,
                    escape(words)
                );
            }
            if let Some((from, to)) = label.brackets {
                let (left, _) = self.to_screen(from, 0.0);
                let (right, _) = self.to_screen(to, 0.0);
                let (_, y) = self.in_plot(0.0, text.top + text.height + size * 0.35);
                let tick = size * 0.4;
                let _ = writeln!(
                    svg,
                    r#"<polyline points="{left:.1},{:.1} {left:.1},{y:.1} {right:.1},{y:.1} {right:.1},{:.1}" fill="none" stroke="{color}" stroke-width="1.5"/>"#,
                    y + tick,
                    y + tick
                );
            }
        }
    }

    /// A position inside the plot area, as the figure places text, in the SVG's pixels.
    fn in_plot(&self, left: f64, top: f64) -> (f64, f64) {
        (self.plot.left + left, self.plot.top + top)
    }

    fn volume_marker(&self, svg: &mut String) {
        let Some(marker) = &self.figure.volume_marker else {
            return;
        };
        let (x, _) = self.to_screen(marker.at, 0.0);
        let size = self.text_size(TextRole::VolumeMarker);
        let color = hex(self.palette.volume_marker);
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{color}" stroke-width="1.5" stroke-dasharray="5 4"/>"#,
            self.plot.top, self.plot.bottom,
        );
        if let Some(text) = marker.placed {
            let (left, top) = self.in_plot(text.left, text.top);
            let _ = writeln!(
                svg,
                r#"<text x="{left:.1}" y="{:.1}" font-size="{size:.1}" fill="{color}">{}</text>"#,
                top + size * ASCENT,
                escape(&marker.text)
            );
        }
    }
}

/// The plot's rectangle in pixels.
#[derive(Clone, Copy)]
struct Area {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

/// The part of the segment from `a` to `b` inside `plot`, if any.
fn clip_segment(a: (f64, f64), b: (f64, f64), plot: &Area) -> Option<((f64, f64), (f64, f64))> {
    let rect = figure::TextBox {
        left: plot.left,
        top: plot.top,
        width: plot.right - plot.left,
        height: plot.bottom - plot.top,
    };
    figure::clip_segment([a.0, a.1], [b.0, b.1], &rect)
        .map(|(from, to)| ((from[0], from[1]), (to[0], to[1])))
}

pub(crate) fn hex(color: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", color.r(), color.g(), color.b())
}

/// A fill attribute with opacity, from a (premultiplied) colour.
fn fill(color: Color32) -> String {
    let alpha = color.a();
    if alpha == 255 || alpha == 0 {
        return format!(r#"fill="{}""#, hex(color));
    }
    let unmultiplied = color.to_srgba_unmultiplied();
    format!(
        r##"fill="#{:02x}{:02x}{:02x}" fill-opacity="{:.3}""##,
        unmultiplied[0],
        unmultiplied[1],
        unmultiplied[2],
        f64::from(alpha) / 255.0
    )
}

/// Escapes text for XML.
/// Text as XML character data: markup escaped, and control characters (which XML 1.0
/// forbids even as references) shown as U+FFFD so the file always parses.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests;
