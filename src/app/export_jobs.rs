//! Exports started from the app: drawn, encoded and written on a background thread,
//! with a notice when each one is done or failed.

use std::path::PathBuf;
use std::sync::mpsc::channel;

use eframe::egui;

use super::CostExplorerApp;
use super::central_panel::ChartTab;
use crate::export::offscreen::Gpu;
use crate::export::{self, ExportError};
use crate::export::{ExportChart, ImageRequest};
use crate::figure::{ChartView, view_bounds};

/// Renders on the window's device when there is one, else on a device of its own.
fn render_png(gpu: Option<&Gpu>, request: &ImageRequest) -> Result<image::RgbaImage, ExportError> {
    match gpu {
        Some(gpu) => export::image::render_with(gpu, request),
        None => export::image::render(request),
    }
}

/// What a background export sends back.
pub(super) enum ExportDone {
    Saved(Vec<PathBuf>),
    Copied(egui::ColorImage),
    Failed(String),
}

impl CostExplorerApp {
    /// Starts exporting the chart as PNG to `path` in the background.
    pub fn export_png_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        let gpu = self.gpu.clone();
        self.spawn_export(ctx, move || {
            let image = render_png(gpu.as_ref(), &request)?;
            export::write_file(&path, &export::image::encode_png(&image)?)?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    /// Whether any export is still running.
    pub fn exports_running(&self) -> bool {
        !self.exports.is_empty()
    }

    pub(super) fn view_for_export(&self) -> ChartView {
        match (self.chart_view, &self.last_chart) {
            (ChartView::UserMoved, Some(outcome)) => ChartView::Fixed(outcome.bounds),
            (view, _) => view,
        }
    }

    /// The image request for the chart as on screen, in the export settings' size (by
    /// default the screen's, at twice its sharpness), theme and caption.
    pub(super) fn image_request(&mut self, ctx: &egui::Context) -> ImageRequest {
        self.refresh_model();
        let settings = self.persisted.export;
        let look = settings.look(self.persisted.look);
        let on_screen = || {
            let pixels_per_point = 2.0 * ctx.pixels_per_point();
            let chart_size = self.last_plot_size.unwrap_or(egui::vec2(900.0, 450.0));
            let caption = export::image::CAPTION_HEIGHT * look.text_scale();
            (
                [
                    ((chart_size.x + 28.0) * pixels_per_point).round() as u32,
                    ((chart_size.y + caption + 28.0) * pixels_per_point).round() as u32,
                ],
                pixels_per_point,
            )
        };
        let ([width_px, height_px], pixels_per_point) = settings.pixels().unwrap_or_else(on_screen);
        ImageRequest {
            model: self.model.clone(),
            pinned: self.pinned.clone(),
            include: settings.include,
            chart: match self.chart_tab {
                ChartTab::Timeline => ExportChart::Timeline(self.timeline_measure),
                _ => ExportChart::Costs,
            },
            look,
            view: self.view_for_export(),
            width_px,
            height_px,
            pixels_per_point,
            date: export::today(),
        }
    }

    /// Starts writing the one-page PDF report to `path` in the background.
    pub fn export_pdf_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            export::write_file(&path, &export::pdf::render(&request)?)?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    pub(super) fn export_svg_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        // The same size as the PNG, as `export --png --svg` does.
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            export::write_file(&path, export::svg::render(&request).as_bytes())?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    pub(super) fn export_csv_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let model = &request.model;
            let bounds = view_bounds(model, request.view, None);
            Ok(ExportDone::Saved(export::write_csv_files(
                model,
                request.pinned.as_ref(),
                bounds,
                &path,
            )?))
        });
    }

    pub(super) fn export_json_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let mut model = self.image_request(ctx).model;
        model.retitle_report(self.persisted.document.display_name());
        self.spawn_export(ctx, move || {
            // The timeline joins the report when the scenario sets one, as on the CLI.
            let timeline = (!model.scenario().timeline.is_default()).then(|| model.timeline());
            export::write_file(
                &path,
                export::report_json(model.report(), timeline).as_bytes(),
            )?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    pub(super) fn copy_chart(&mut self, ctx: &egui::Context) {
        let request = self.image_request(ctx);
        let gpu = self.gpu.clone();
        self.spawn_export(ctx, move || {
            let image = render_png(gpu.as_ref(), &request)?;
            Ok(ExportDone::Copied(export::image::to_color_image(&image)))
        });
    }

    pub(super) fn spawn_export(
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

    pub(super) fn poll_exports(&mut self, ctx: &egui::Context) {
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
}
