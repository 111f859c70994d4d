//! Native file dialogs that never freeze the UI, with a typed-path fallback.
//!
//! rfd's dialogs block, so each runs on its own named thread and the app polls for the
//! answer every frame. Where no desktop portal (or zenity) exists the dialog cannot
//! open and returns at once with nothing; the app then offers a typed path instead.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use eframe::egui;

/// An answer faster than this cannot have come from a person: the dialog never opened.
const TOO_FAST_FOR_A_PERSON: Duration = Duration::from_millis(700);

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Purpose {
    /// Open a scenario.
    Open,
    /// Save the scenario under a new name.
    SaveAs,
    /// Save the chart as PNG.
    ExportPng,
    /// Save the chart as SVG.
    ExportSvg,
    /// Save the one-page PDF report.
    ExportPdf,
    /// Save the curves and breakdown as CSV.
    ExportCsv,
    /// Save the report as JSON.
    ExportJson,
    /// Read monthly volumes for the timeline from a CSV or text file.
    ImportVolumes,
    /// Import LiteLLM's price catalogue.
    ImportPrices,
    /// Fill the workload and timeline from a provider's usage export.
    ImportUsage,
}

impl Purpose {
    /// File type filter: (description, extension).
    pub(super) fn filter(self) -> (&'static str, &'static str) {
        match self {
            Purpose::Open | Purpose::SaveAs => ("Scenario (RON)", "ron"),
            Purpose::ExportPng => ("PNG image", "png"),
            Purpose::ExportSvg => ("SVG image", "svg"),
            Purpose::ExportPdf => ("PDF report", "pdf"),
            Purpose::ExportCsv => ("CSV table", "csv"),
            Purpose::ExportJson => ("JSON report", "json"),
            Purpose::ImportVolumes => ("Monthly volumes (CSV or text)", "csv"),
            Purpose::ImportPrices => ("LiteLLM price catalogue (JSON)", "json"),
            Purpose::ImportUsage => ("Usage export (JSON or CSV)", "json"),
        }
    }

    /// The extensions the dialog shows: the filter's, and CSV too for a usage export.
    fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::ImportUsage => &["json", "csv"],
            _ => std::slice::from_ref(match self.filter().1 {
                "ron" => &"ron",
                "png" => &"png",
                "svg" => &"svg",
                "pdf" => &"pdf",
                "csv" => &"csv",
                _ => &"json",
            }),
        }
    }

    /// Dialog title and the verb on the typed-path prompt.
    pub(super) fn title(self) -> &'static str {
        match self {
            Purpose::Open => "Open scenario",
            Purpose::SaveAs => "Save scenario as",
            Purpose::ExportPng => "Export chart as PNG",
            Purpose::ExportSvg => "Export chart as SVG",
            Purpose::ExportPdf => "Export PDF report",
            Purpose::ExportCsv => "Export data as CSV",
            Purpose::ExportJson => "Export report as JSON",
            Purpose::ImportVolumes => "Import monthly volumes",
            Purpose::ImportPrices => "Import LiteLLM prices",
            Purpose::ImportUsage => "Fill from a usage export",
        }
    }

    /// Whether the dialog picks an existing file (rather than a place to write).
    pub(super) fn opens(self) -> bool {
        matches!(
            self,
            Purpose::Open | Purpose::ImportVolumes | Purpose::ImportPrices | Purpose::ImportUsage
        )
    }
}

/// A dialog running on its own thread.
pub(super) struct PendingDialog {
    /// What it is for.
    pub purpose: Purpose,
    started: Instant,
    answer: Receiver<Option<PathBuf>>,
}

/// What came of a dialog.
#[derive(Debug, PartialEq)]
pub(super) enum DialogOutcome {
    /// The user chose this path.
    Chosen(PathBuf),
    /// The user cancelled.
    Cancelled,
    /// No dialog could be shown (no desktop portal); ask for a typed path.
    Unavailable,
}

impl PendingDialog {
    /// Starts a native dialog; `suggested_name` pre-fills save dialogs.
    pub(super) fn spawn(ctx: &egui::Context, purpose: Purpose, suggested_name: String) -> Self {
        let (sender, answer) = channel();
        let ctx = ctx.clone();
        // If no thread can be started the sender is dropped with the closure, and
        // `poll` reports the dialog as unavailable so the typed path is offered.
        let _ = std::thread::Builder::new()
            .name("file-dialog".to_owned())
            .spawn(move || {
                let (description, _) = purpose.filter();
                let dialog = rfd::FileDialog::new()
                    .set_title(purpose.title())
                    .add_filter(description, purpose.extensions());
                let chosen = if purpose.opens() {
                    dialog.pick_file()
                } else {
                    dialog.set_file_name(suggested_name).save_file()
                };
                let _ = sender.send(chosen);
                ctx.request_repaint();
            });
        Self {
            purpose,
            started: Instant::now(),
            answer,
        }
    }

    /// The outcome, once the dialog has closed.
    pub(super) fn poll(&self) -> Option<DialogOutcome> {
        match self.answer.try_recv() {
            Ok(Some(path)) => Some(DialogOutcome::Chosen(path)),
            Ok(None) if self.started.elapsed() < TOO_FAST_FOR_A_PERSON => {
                Some(DialogOutcome::Unavailable)
            }
            Ok(None) => Some(DialogOutcome::Cancelled),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(DialogOutcome::Unavailable),
        }
    }
}

/// A typed-path prompt, for when native dialogs cannot open (or the user prefers typing).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct PathPrompt {
    /// What the path is for.
    pub purpose: Purpose,
    /// What the user has typed.
    pub text: String,
    /// Why the prompt is shown, when it replaces a dialog that could not open.
    pub note: Option<String>,
}

/// What the user did with the prompt this frame.
pub(super) enum PromptAction {
    /// Still typing.
    Open,
    /// Confirmed this path.
    Confirm(PathBuf),
    /// Closed it.
    Cancel,
}

impl PathPrompt {
    /// Shows the prompt as a modal window.
    pub(super) fn show(&mut self, ctx: &egui::Context) -> PromptAction {
        let mut action = PromptAction::Open;
        egui::Modal::new(egui::Id::unique("path-prompt")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading(self.purpose.title());
            if let Some(note) = &self.note {
                ui.label(note);
            }
            ui.label("Path of the file:");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.text)
                    .desired_width(f32::INFINITY)
                    .hint_text(format!("/home/me/plan.{}", self.purpose.filter().1)),
            );
            field.request_focus();
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let ok_label = if self.purpose.opens() { "Open" } else { "Save" };
                if ui.button(ok_label).clicked() || entered {
                    let trimmed = self.text.trim();
                    if !trimmed.is_empty() {
                        action = PromptAction::Confirm(PathBuf::from(trimmed));
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    action = PromptAction::Cancel;
                }
            });
        });
        action
    }
}
