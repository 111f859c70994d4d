//! PNG export: the app's own chart drawn offscreen, with a caption strip under it.
//!
//! Rendering goes through egui's wgpu renderer without a window (Mesa's lavapipe where
//! there is no GPU), the same path the UI tests use, so the image matches the screen.

use std::panic::AssertUnwindSafe;

use eframe::egui::{self, RichText};
use egui_kittest::Harness;

use super::ExportError;
use super::caption::{Caption, caption};
use crate::app::chart::{self, ChartOptions, ChartView};
use crate::app::theme::{self, Look};
use crate::engine::{Report, evaluate};
use crate::scenario::Scenario;

/// Height of the caption strip at normal text size, points.
pub const CAPTION_HEIGHT: f32 = 150.0;

/// Everything needed to draw one image.
#[derive(Clone, Debug)]
pub struct ImageRequest {
    /// The scenario to draw.
    pub scenario: Scenario,
    /// Colours and sizes.
    pub look: Look,
    /// Which part of the chart to show.
    pub view: ChartView,
    /// Image width, pixels.
    pub width_px: u32,
    /// Image height, pixels.
    pub height_px: u32,
    /// Pixels per point: 2 makes text and lines sharp on a projector.
    pub pixels_per_point: f32,
    /// Date for the caption, YYYY-MM-DD.
    pub date: String,
}

/// Draws the chart with its caption into `ui`: the picture that is exported.
pub fn export_view(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    report: &Report,
    request_look: Look,
    view: ChartView,
    date: &str,
) {
    let palette = request_look.palette();
    let text = caption(scenario, report, date);
    // Cover the whole canvas, not just the root ui, so no renderer clear colour shows.
    let canvas = ui.ctx().content_rect();
    ui.ctx()
        .layer_painter(egui::LayerId::background())
        .rect_filled(canvas.expand(4.0), 0.0, palette.background);
    egui::CentralPanel::default()
        .frame(
            egui::Frame::new()
                .fill(palette.background)
                .inner_margin(14.0),
        )
        .show(ui, |ui| {
            egui::Panel::bottom("export-caption")
                .frame(
                    egui::Frame::new()
                        .fill(palette.background)
                        .inner_margin(egui::Margin::symmetric(4, 6)),
                )
                .show_separator_line(true)
                .resizable(false)
                .show(ui, |ui| caption_ui(ui, &text, request_look));
            chart::show(
                ui,
                scenario,
                report,
                &ChartOptions {
                    look: request_look,
                    view,
                    interactive: false,
                },
            );
        });
}

fn caption_ui(ui: &mut egui::Ui, text: &Caption, look: Look) {
    let palette = look.palette();
    let scale = look.text_scale();
    ui.label(
        RichText::new(&text.title)
            .size(17.0 * scale)
            .strong()
            .color(palette.text),
    );
    ui.add(
        egui::Label::new(
            RichText::new(&text.verdict)
                .size(15.0 * scale)
                .color(palette.text),
        )
        .wrap(),
    );
    for line in &text.assumptions {
        ui.add(
            egui::Label::new(
                RichText::new(line)
                    .size(12.0 * scale)
                    .color(palette.weak_text),
            )
            .wrap(),
        );
    }
    ui.label(
        RichText::new(&text.footer)
            .size(11.0 * scale)
            .color(palette.weak_text),
    );
}

/// Renders the chart and caption offscreen.
pub fn render(request: &ImageRequest) -> Result<image::RgbaImage, ExportError> {
    let scenario = request.scenario.clone();
    let report = evaluate(&scenario);
    let look = request.look;
    let view = request.view;
    let date = request.date.clone();
    let pixels_per_point = request.pixels_per_point.clamp(0.5, 8.0);
    let size = egui::vec2(
        request.width_px as f32 / pixels_per_point,
        request.height_px as f32 / pixels_per_point,
    );
    // The offscreen renderer panics when no graphics adapter exists at all; turn that
    // into a message that says what to install.
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
        let mut harness = Harness::builder()
            .with_size(size)
            .with_pixels_per_point(pixels_per_point)
            .with_theme(if look.is_dark() {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            })
            .with_accessibility_check(false)
            .allow_missing_glyphs()
            .with_render_cursor(false)
            .with_context_setup(move |ctx| theme::apply(ctx, look))
            .wgpu()
            .build_ui(move |ui| export_view(ui, &scenario, &report, look, view, &date));
        // The plot settles its bounds over a couple of passes.
        harness.run_steps(3);
        harness.render()
    }));
    match outcome {
        Ok(Ok(image)) => Ok(image),
        Ok(Err(message)) => Err(ExportError::Render(message)),
        Err(panic) => {
            let detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_else(|| "unknown failure".to_owned());
            Err(ExportError::Render(format!(
                "{detail}. PNG export draws with Vulkan; on a machine without a GPU install Mesa's \
                 software driver (apt-get install mesa-vulkan-drivers)"
            )))
        }
    }
}

/// [`render`] for the command line: a renderer failure prints only our message, not the
/// panic text as well. The panic hook is process-wide, so the app, whose other threads
/// keep running meanwhile, calls [`render`] instead.
pub fn render_quietly(request: &ImageRequest) -> Result<image::RgbaImage, ExportError> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = render(request);
    std::panic::set_hook(previous_hook);
    outcome
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
