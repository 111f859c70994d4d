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

/// Draws the chart with its caption into `ui`: the picture that is exported.
pub fn export_view(ui: &mut egui::Ui, request: &ImageRequest) {
    let look = request.look;
    let model = &request.model;
    let pinned = request.pinned.as_ref();
    let text = caption_for(request);
    // No fills: the renderer clears the canvas to the background colour.
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(14.0))
        .show(ui, |ui| {
            egui::Panel::bottom("export-caption")
                .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(4, 6)))
                .show_separator_line(true)
                .resizable(false)
                .show(ui, |ui| caption_ui(ui, &text, look));
            match request.chart {
                ExportChart::Timeline(measure) => {
                    plot_view::show_timeline(ui, model, pinned, measure, look, false);
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
                    plot_view::show(
                        ui,
                        model,
                        &ChartOptions {
                            look,
                            view: request.view,
                            interactive: false,
                            pinned,
                        },
                    );
                }
            }
        });
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
    for line in text.table.iter().chain(&text.assumptions) {
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
    let pixels_per_point = request.pixels_per_point.clamp(0.5, 8.0);
    let size = egui::vec2(
        request.width_px as f32 / pixels_per_point,
        request.height_px as f32 / pixels_per_point,
    );
    offscreen::lay_out(
        size,
        pixels_per_point,
        look.palette().background,
        |ctx| theme::apply(ctx, look),
        |ui| export_view(ui, request),
    )
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
