//! Opening, saving and replacing the scenario, with confirmation before unsaved edits
//! are lost and a typed-path fallback where no file dialog can open.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::dialogs::{DialogOutcome, PathPrompt, PendingDialog, PromptAction, Purpose};
use super::modal::Modal;
use super::{Action, CostExplorerApp, Document, MAX_RECENT, Origin};
use crate::figure::ChartView;
use crate::scenario::{Deployment, Scenario, catalog, file, presets};

impl CostExplorerApp {
    pub(super) fn request(&mut self, ctx: &egui::Context, action: Action) {
        // Every action replaces or closes the scenario, so unsaved edits need a yes first.
        if self.persisted.document.is_dirty() {
            if !self.open_modal(Modal::Confirm(action)) {
                self.notify(
                    "Finish with the file dialog first: the scenario has unsaved changes."
                        .to_owned(),
                    true,
                );
            }
        } else {
            self.perform(ctx, action);
        }
    }

    pub(super) fn perform(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::New => {
                let scenario = Scenario {
                    title: "Untitled scenario".to_owned(),
                    apis: vec![catalog::API_PRICES[0].to_option()],
                    deployments: vec![Deployment::default()],
                    ..Scenario::default()
                };
                self.replace_document(Document::loaded(scenario, Origin::Untitled));
            }
            Action::Open => self.start_dialog(ctx, Purpose::Open),
            Action::OpenPath(path) => match file::load(&path) {
                Ok(scenario) => {
                    self.remember_recent(&path);
                    self.replace_document(Document::loaded(scenario, Origin::File(path)));
                }
                Err(error) => self.notify(
                    format!("{error}\nThe scenario on screen is unchanged."),
                    true,
                ),
            },
            Action::LoadPreset(name) => match presets::load(&name) {
                Ok(scenario) => {
                    self.replace_document(Document::loaded(scenario, Origin::Preset(name)))
                }
                Err(error) => self.notify(format!("{error}"), true),
            },
            Action::Quit => {
                self.quitting = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn replace_document(&mut self, document: Document) {
        self.persisted.document = document;
        self.history.clear();
        self.chart_view = ChartView::FollowScenario;
        self.notices.retain(|notice| !notice.is_error);
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let recent = &mut self.persisted.recent_files;
        recent.retain(|known| known != path);
        recent.insert(0, path.to_owned());
        recent.truncate(MAX_RECENT);
    }

    pub(super) fn save(&mut self, ctx: &egui::Context) {
        match self.persisted.document.path().map(Path::to_owned) {
            Some(path) => self.save_to(path),
            None => self.start_dialog(ctx, Purpose::SaveAs),
        }
    }

    pub(super) fn save_to(&mut self, mut path: PathBuf) {
        if path.extension().is_none() {
            path.set_extension("ron");
        }
        let document = &mut self.persisted.document;
        match file::save(&document.scenario, &path) {
            Ok(()) => {
                document.baseline = document.scenario.clone();
                document.origin = Origin::File(path.clone());
                self.remember_recent(&path);
                self.notify(format!("Saved {}", path.display()), false);
            }
            Err(error) => self.notify(format!("{error}"), true),
        }
    }

    pub(super) fn start_dialog(&mut self, ctx: &egui::Context, purpose: Purpose) {
        if self.file_dialog_running() {
            return;
        }
        let suggested = self
            .persisted
            .document
            .suggested_file_name(purpose.filter().1);
        let over = self.take_returning_window();
        self.modal = Some(Modal::FileDialog {
            dialog: PendingDialog::spawn(ctx, purpose, suggested),
            over,
        });
    }

    pub(super) fn chosen_path(&mut self, ctx: &egui::Context, purpose: Purpose, path: PathBuf) {
        if let Some(refusal) = self.export_over_the_document(purpose, &path) {
            self.notify(refusal, true);
            return;
        }
        match purpose {
            Purpose::Open => self.request(ctx, Action::OpenPath(path)),
            Purpose::SaveAs => self.save_to(path),
            Purpose::ExportPng => self.export_png_to(ctx, with_extension(path, "png")),
            Purpose::ExportSvg => self.export_svg_to(ctx, with_extension(path, "svg")),
            Purpose::ExportPdf => self.export_pdf_to(ctx, with_extension(path, "pdf")),
            Purpose::ExportCsv => self.export_csv_to(ctx, with_extension(path, "csv")),
            Purpose::ExportJson => self.export_json_to(ctx, with_extension(path, "json")),
            Purpose::ImportVolumes => self.import_volumes(&path),
            Purpose::ImportPrices => self.import_prices(&path),
            Purpose::ImportUsage => self.import_usage(&path),
        }
    }

    pub(super) fn poll_dialog(&mut self, ctx: &egui::Context) {
        let Some((outcome, purpose, over)) = self.take_modal(|modal| match modal {
            Modal::FileDialog { dialog, over } => match dialog.poll() {
                Some(outcome) => Ok((outcome, dialog.purpose, over)),
                None => Err(Modal::FileDialog { dialog, over }),
            },
            other => Err(other),
        }) else {
            return;
        };
        match outcome {
            DialogOutcome::Chosen(path) => {
                self.modal = over.map(|window| *window);
                self.chosen_path(ctx, purpose, path);
            }
            DialogOutcome::Cancelled => self.modal = over.map(|window| *window),
            DialogOutcome::Unavailable => {
                self.modal = Some(Modal::PathPrompt {
                    prompt: PathPrompt {
                        purpose,
                        text: String::new(),
                        note: Some(
                            "No file dialog could be opened here (no desktop portal or zenity). Type the path instead."
                                .to_owned(),
                        ),
                    },
                    over,
                });
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|input| {
            input
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            self.request(ctx, Action::OpenPath(path));
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        let close_requested = ctx.input(|input| input.viewport().close_requested());
        if close_requested && !self.quitting && self.persisted.document.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.open_modal(Modal::Confirm(Action::Quit));
        }
    }

    pub(super) fn confirm_window(&mut self, ctx: &egui::Context) {
        let Some(Modal::Confirm(action)) = &self.modal else {
            return;
        };
        let action = action.clone();
        let mut cancel = false;
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("confirm-discard")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Discard them and {}?",
                self.persisted.document.display_name(),
                action.describe()
            ));
            ui.horizontal(|ui| {
                if self.persisted.document.path().is_some()
                    && ui.button("Save, then continue").clicked()
                {
                    choice = Some(true);
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some(false);
                }
                if ui.button("Cancel").clicked() {
                    cancel = true;
                }
            });
            // Enter saves and goes on where the file has a place to go; Esc cancels.
            let entered = ui.input(|input| input.key_pressed(egui::Key::Enter));
            if entered && self.persisted.document.path().is_some() {
                choice = Some(true);
            }
        });
        if cancel {
            self.modal = None;
        }
        if let Some(save_first) = choice {
            self.modal = None;
            if save_first {
                self.save(ctx);
                if self.persisted.document.is_dirty() {
                    return;
                }
            }
            // Discarding means going back to the scenario as loaded or saved; then the
            // action runs without asking again, and a quit persists nothing discarded.
            let document = &mut self.persisted.document;
            document.scenario = document.baseline.clone();
            self.perform(ctx, action);
        }
    }

    pub(super) fn prompt_window(&mut self, ctx: &egui::Context) {
        let Some(Modal::PathPrompt { prompt, .. }) = &mut self.modal else {
            return;
        };
        let purpose = prompt.purpose;
        let answer = prompt.show(ctx);
        let back = |modal: Option<Modal>| match modal {
            Some(Modal::PathPrompt { over, .. }) => over.map(|window| *window),
            other => other,
        };
        match answer {
            PromptAction::Open => {}
            PromptAction::Cancel => self.modal = back(self.modal.take()),
            PromptAction::Confirm(path) => {
                self.modal = back(self.modal.take());
                self.chosen_path(ctx, purpose, path);
            }
        }
    }
}

impl CostExplorerApp {
    /// Why an export to `path` is refused, when it (or, for CSV, a file written beside it)
    /// is the open scenario's own file: the export would replace the user's scenario.
    fn export_over_the_document(&self, purpose: Purpose, path: &Path) -> Option<String> {
        let document = self.persisted.document.path()?;
        let extension = match purpose {
            Purpose::ExportPng => "png",
            Purpose::ExportSvg => "svg",
            Purpose::ExportPdf => "pdf",
            Purpose::ExportCsv => "csv",
            Purpose::ExportJson => "json",
            Purpose::Open
            | Purpose::SaveAs
            | Purpose::ImportVolumes
            | Purpose::ImportPrices
            | Purpose::ImportUsage => {
                return None;
            }
        };
        let target = with_extension(path.to_owned(), extension);
        let mut outputs = vec![target.clone()];
        if purpose == Purpose::ExportCsv {
            outputs.extend([
                crate::export::breakdown_path(&target),
                crate::export::timeline_path(&target),
                crate::export::sensitivity_path(&target),
            ]);
        }
        outputs
            .iter()
            .find(|output| crate::safe_io::same_file(output, document))
            .map(|output| {
                format!(
                    "Not exported: {} is the open scenario's file; choose another name",
                    output.display()
                )
            })
    }
}

pub(super) fn with_extension(mut path: PathBuf, extension: &str) -> PathBuf {
    if path.extension().is_none() {
        path.set_extension(extension);
    }
    path
}
