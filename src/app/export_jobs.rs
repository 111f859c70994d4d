//! Exports started from the app: drawn, encoded and written on a background thread,
//! with a notice when each one is done or failed.

use std::path::PathBuf;
use std::sync::mpsc::channel;

use eframe::egui;

use super::CostExplorerApp;
use super::chart::ChartView;
use crate::engine;
use crate::export::{self, image::ImageRequest};

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
        self.spawn_export(ctx, move || {
            let image = export::image::render(&request)?;
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
            (ChartView::UserMoved, Some(outcome)) => {
                ChartView::Fixed(outcome.bounds.0, outcome.bounds.1)
            }
            (view, _) => view,
        }
    }

    /// The image request for the chart as on screen, at twice the screen's sharpness.
    pub(super) fn image_request(&self, ctx: &egui::Context) -> ImageRequest {
        let pixels_per_point = 2.0 * ctx.pixels_per_point();
        let chart_size = self
            .last_chart
            .as_ref()
            .map(|outcome| outcome.rect.size())
            .unwrap_or(egui::vec2(900.0, 450.0));
        let caption = export::image::CAPTION_HEIGHT * self.persisted.look.text_scale();
        ImageRequest {
            scenario: self.scenario().clone(),
            look: self.persisted.look,
            view: self.view_for_export(),
            width_px: ((chart_size.x + 28.0) * pixels_per_point).round() as u32,
            height_px: ((chart_size.y + caption + 28.0) * pixels_per_point).round() as u32,
            pixels_per_point,
            date: export::today(),
        }
    }

    pub(super) fn export_svg_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let report = engine::evaluate(&request.scenario);
            // The same size as the PNG, as `export --png --svg` does.
            let text = export::svg::render(
                &request.scenario,
                &report,
                request.look,
                request.view,
                request.width_px,
                request.height_px,
                &request.date,
            );
            export::write_file(&path, text.as_bytes())?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    pub(super) fn export_csv_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let scenario = self.scenario().clone();
        let view = self.view_for_export();
        self.spawn_export(ctx, move || {
            let report = engine::evaluate(&scenario);
            export::write_file(
                &path,
                export::curves_csv(&scenario, view, &report).as_bytes(),
            )?;
            let breakdown = export::breakdown_path(&path);
            export::write_file(&breakdown, export::breakdown_csv(&report).as_bytes())?;
            Ok(ExportDone::Saved(vec![path, breakdown]))
        });
    }

    pub(super) fn export_json_to(&mut self, ctx: &egui::Context, path: PathBuf) {
        let scenario = self.scenario().clone();
        let name = self.persisted.document.display_name();
        self.spawn_export(ctx, move || {
            let mut report = engine::evaluate(&scenario);
            report.scenario = name;
            export::write_file(&path, export::report_json(&report).as_bytes())?;
            Ok(ExportDone::Saved(vec![path]))
        });
    }

    pub(super) fn copy_chart(&mut self, ctx: &egui::Context) {
        let request = self.image_request(ctx);
        self.spawn_export(ctx, move || {
            let image = export::image::render(&request)?;
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
