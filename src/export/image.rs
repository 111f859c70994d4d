//! PNG export: the app's own chart drawn offscreen, with a caption strip under it.
//!
//! Rendering goes through egui's wgpu renderer without a window (Mesa's lavapipe where
//! there is no GPU), the renderer eframe draws the window with, so the image matches
//! the screen.

use eframe::egui::{self, RichText};

use super::caption::{Caption, caption_for};
use super::offscreen::{self, Gpu, Painter};
use super::{ExportChart, ExportError, ImageRequest};
use crate::figure::Tornado;
use crate::plot_view::{self, ChartOptions};
use crate::theme::{self, CaptionLine, Look};
use crate::tornado_view;

/// Share of an exported picture's width the tornado takes when the inputs have ranges.
pub const TORNADO_SHARE: f32 = 0.36;

/// Height of the caption strip at normal text size, points.
pub const CAPTION_HEIGHT: f32 = 150.0;

/// Where the chart's plot went in an exported picture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedPlot {
    /// The frame inside the axes that the curves fill, in points.
    pub frame: egui::Rect,
    /// The bounds it shows, in the figure's units.
    pub bounds: crate::figure::Bounds,
    /// Where the legend is: inside the plot, beside it or under it.
    pub legend: crate::figure::LegendPlace,
    /// The room the legend takes outside the plot: a column's width or a strip's height
    /// (0 inside), points.
    pub legend_room: f32,
    /// The caption strip under the chart, in points.
    pub caption: egui::Rect,
}

/// Draws the chart with its caption into `ui`: the picture that is exported. Returns where
/// the plot went.
pub fn export_view(ui: &mut egui::Ui, request: &ImageRequest) -> Option<PlacedPlot> {
    let look = request.look;
    let model = &request.model;
    let pinned = request.pinned.as_ref();
    let text = caption_for(request);
    let mut outcome = None;
    let mut caption = egui::Rect::NOTHING;
    // No fills: the renderer clears the canvas to the background colour.
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(14.0))
        .show(ui, |ui| {
            caption = egui::Panel::bottom("export-caption")
                .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(4, 6)))
                .show_separator_line(true)
                .resizable(false)
                .show(ui, |ui| caption_ui(ui, &text, look))
                .response
                .rect;
            match request.chart {
                ExportChart::Timeline(measure) => {
                    let placed = plot_view::show_timeline(ui, model, pinned, measure, look, false);
                    outcome = Some(PlacedPlot {
                        frame: placed.frame,
                        bounds: placed.bounds,
                        legend: placed.legend,
                        legend_room: placed.legend_room,
                        caption,
                    });
                }
                ExportChart::Costs => {
                    // With ranges, the tornado sits beside the chart: one slide says both
                    // how sure the answer is and which guess to firm up first.
                    if let Some(tornado) = Tornado::new(model.report()) {
                        let width = ui.available_width() * TORNADO_SHARE;
                        egui::Panel::right("export-tornado")
                            .frame(egui::Frame::new().inner_margin(egui::Margin {
                                left: 16,
                                ..egui::Margin::ZERO
                            }))
                            .show_separator_line(false)
                            .resizable(false)
                            .exact_size(width)
                            .show(ui, |ui| tornado_view::show(ui, &tornado, look));
                    }
                    let shown = plot_view::show(
                        ui,
                        model,
                        &ChartOptions {
                            look,
                            view: request.view,
                            interactive: false,
                            pinned,
                        },
                    );
                    outcome = Some(PlacedPlot {
                        frame: shown.frame,
                        bounds: shown.bounds,
                        legend: shown.legend,
                        legend_room: shown.legend_room,
                        caption,
                    });
                }
            }
        });
    outcome
}

fn caption_ui(ui: &mut egui::Ui, text: &Caption, look: Look) {
    let palette = look.palette();
    ui.label(
        RichText::new(&text.title)
            .size(look.caption_size(CaptionLine::Title))
            .strong()
            .color(palette.text),
    );
    let said = std::iter::once(&text.verdict).filter(|verdict| !verdict.is_empty());
    for line in said.chain(&text.comparison) {
        ui.add(
            egui::Label::new(
                RichText::new(line)
                    .size(look.caption_size(CaptionLine::Verdict))
                    .color(palette.text),
            )
            .wrap(),
        );
    }
    for line in &text.warnings {
        ui.add(
            egui::Label::new(
                RichText::new(line)
                    .size(look.caption_size(CaptionLine::Warning))
                    .strong()
                    .color(palette.warning),
            )
            .wrap(),
        );
    }
    for line in text
        .figures
        .iter()
        .chain(&text.table)
        .chain(&text.assumptions)
    {
        ui.add(
            egui::Label::new(
                RichText::new(line)
                    .size(look.caption_size(CaptionLine::Assumption))
                    .color(palette.weak_text),
            )
            .wrap(),
        );
    }
    ui.label(
        RichText::new(&text.footer)
            .size(look.caption_size(CaptionLine::Footer))
            .color(palette.weak_text),
    );
}

/// Renders the chart and caption offscreen on a device of its own (the command line).
///
/// Opening the device (loading the driver, and on a machine without a GPU the software
/// rasteriser's compiler) and building egui's renderer need no layout, and laying the
/// frame out needs no device, so the two run at once.
pub fn render(request: &ImageRequest) -> Result<image::RgbaImage, ExportError> {
    std::thread::scope(|scope| {
        let painter = scope.spawn(|| Gpu::open().map(Painter::new));
        let frame = lay_out(request);
        let painter = painter
            .join()
            .map_err(|_| ExportError::Render("the renderer stopped unexpectedly".to_owned()))??;
        painter.draw(frame?)
    })
}

/// Renders the chart and caption offscreen on `gpu` (the app passes the window's device).
pub fn render_with(gpu: &Gpu, request: &ImageRequest) -> Result<image::RgbaImage, ExportError> {
    Painter::new(gpu.clone()).draw(lay_out(request)?)
}

/// The chart and caption laid out for the requested image, ready to render.
fn lay_out(request: &ImageRequest) -> Result<offscreen::Frame, ExportError> {
    let look = request.look;
    let (size, pixels_per_point) = size_in_points(request);
    offscreen::lay_out(
        size,
        pixels_per_point,
        look.palette().background,
        |ctx| theme::apply(ctx, look),
        |ui| {
            export_view(ui, request);
        },
    )
}

/// What the PNG export draws, before it is rendered: egui's shapes in points and where the
/// plot went. The SVG-against-PNG test compares this geometry with the SVG's.
pub struct ChartLayout {
    /// Everything drawn, in points.
    pub shapes: Vec<egui::epaint::ClippedShape>,
    /// Where the plot went.
    pub plot: Option<PlacedPlot>,
    /// Pixels per point of the picture.
    pub pixels_per_point: f32,
}

/// One row of text as laid out, in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRow {
    /// The row's words.
    pub text: String,
    /// Its left edge.
    pub left: f32,
    /// Its top edge.
    pub top: f32,
    /// The font's size.
    pub size: f32,
    /// Its colour.
    pub color: egui::Color32,
}

impl ChartLayout {
    /// Every row of text whose top-left corner lies in `area` (points), in pixels, top to
    /// bottom: the caption's lines as egui wrapped them, or a legend strip's names.
    pub fn text_rows_in(&self, area: egui::Rect) -> Vec<TextRow> {
        let pixels = self.pixels_per_point;
        let mut rows = Vec::new();
        let mut texts = Vec::new();
        for clipped in &self.shapes {
            texts_of(&clipped.shape, &mut texts);
        }
        for text in texts {
            let Some(section) = text.galley.job.sections.first() else {
                continue;
            };
            let format = &section.format;
            let color = if format.color == egui::Color32::PLACEHOLDER {
                text.fallback_color
            } else {
                format.color
            };
            for placed in &text.galley.rows {
                let corner = text.pos + placed.pos.to_vec2();
                let words = placed.row.text();
                if !area.contains(corner) || words.trim().is_empty() {
                    continue;
                }
                rows.push(TextRow {
                    text: words,
                    left: corner.x * pixels,
                    top: corner.y * pixels,
                    size: format.font_id.size * pixels,
                    color,
                });
            }
        }
        rows.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
        rows
    }
}

/// The text shapes in `shape`, groups spread out.
fn texts_of<'a>(shape: &'a egui::Shape, out: &mut Vec<&'a egui::epaint::TextShape>) {
    match shape {
        egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| texts_of(s, out)),
        egui::Shape::Text(text) => out.push(text),
        _ => {}
    }
}

/// The request laid out as [`render`] lays it out, without rendering it.
pub fn chart_layout(request: &ImageRequest) -> Result<ChartLayout, ExportError> {
    let look = request.look;
    let (size, pixels_per_point) = size_in_points(request);
    let mut plot = None;
    let shapes = offscreen::shapes(
        size,
        pixels_per_point,
        |ctx| theme::apply(ctx, look),
        |ui| plot = export_view(ui, request),
    )?;
    Ok(ChartLayout {
        shapes,
        plot,
        pixels_per_point,
    })
}

/// The picture's size in points and its pixels per point.
fn size_in_points(request: &ImageRequest) -> (egui::Vec2, f32) {
    let pixels_per_point = request.pixels_per_point.clamp(0.5, 8.0);
    let size = egui::vec2(
        request.width_px as f32 / pixels_per_point,
        request.height_px as f32 / pixels_per_point,
    );
    (size, pixels_per_point)
}

/// Encodes an image as PNG bytes.
pub fn encode_png(image: &image::RgbaImage) -> Result<Vec<u8>, ExportError> {
    let mut bytes = Vec::new();
    image
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .map_err(|error| ExportError::Render(format!("could not encode the PNG: {error}")))?;
    Ok(bytes)
}

/// The rendered image as an egui image, for the clipboard.
pub fn to_color_image(image: &image::RgbaImage) -> egui::ColorImage {
    egui::ColorImage::from_rgba_unmultiplied(
        [image.width() as usize, image.height() as usize],
        image.as_raw(),
    )
}
