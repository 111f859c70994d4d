//! The one window that asks for the user's attention, if any.
//!
//! A question (discard unsaved changes?), a file dialog, a typed path, the export
//! settings, the monthly volumes and the price picker were once six fields that could all
//! be set at once: a shortcut pressed behind one dialog opened a second over it, and a
//! file chosen for one purpose could land in another's window. Now at most one is open.
//! A file dialog started from a window (the picker's Import…, the volumes' Import…)
//! remembers that window and brings it back when the dialog ends.

use super::dialogs::{PathPrompt, PendingDialog};
use super::help::HelpPage;
use super::price_picker::PricePicker;
use super::timeline_panel::VolumesEditor;
use super::{Action, CostExplorerApp};

/// What is open in front of the chart.
pub(super) enum Modal {
    /// Unsaved changes: save, discard or cancel before this action.
    Confirm(Action),
    /// A native file dialog, running on its own thread.
    FileDialog {
        /// The dialog.
        dialog: PendingDialog,
        /// The window it was opened from, shown again when it closes.
        over: Option<Box<Modal>>,
    },
    /// A typed path, where no file dialog could open (or the user asked for one).
    PathPrompt {
        /// The prompt.
        prompt: PathPrompt,
        /// The window it was opened from, shown again when it closes.
        over: Option<Box<Modal>>,
    },
    /// The export settings.
    Export,
    /// The monthly-volumes editor.
    Volumes(VolumesEditor),
    /// The price picker of one API (boxed: it holds the catalogue and a draft entry).
    Prices(Box<PricePicker>),
    /// A Help window.
    Help(HelpPage),
    /// The first start's welcome, or the start screen from the Help menu.
    Welcome,
}

impl Modal {
    /// A window a file dialog can be started from and return to.
    fn returns_after_a_dialog(&self) -> bool {
        matches!(self, Modal::Volumes(_) | Modal::Prices(_))
    }
}

impl CostExplorerApp {
    /// Opens `modal` in place of whatever was open, unless a native file dialog is
    /// running: its answer would then have nowhere to go. Returns whether it opened.
    pub(super) fn open_modal(&mut self, modal: Modal) -> bool {
        if self.file_dialog_running() {
            return false;
        }
        self.modal = Some(modal);
        true
    }

    /// Whether a native file dialog is waiting for the user.
    pub(super) fn file_dialog_running(&self) -> bool {
        matches!(self.modal, Some(Modal::FileDialog { .. }))
    }

    /// The window to show again when a dialog started now ends: the open window when it
    /// is one that returns (the others close).
    pub(super) fn take_returning_window(&mut self) -> Option<Box<Modal>> {
        self.modal
            .take()
            .filter(Modal::returns_after_a_dialog)
            .map(Box::new)
    }

    /// The open modal, taken out to be drawn, when `pick` accepts it; otherwise it stays.
    pub(super) fn take_modal<T>(
        &mut self,
        pick: impl FnOnce(Modal) -> Result<T, Modal>,
    ) -> Option<T> {
        match pick(self.modal.take()?) {
            Ok(taken) => Some(taken),
            Err(other) => {
                self.modal = Some(other);
                None
            }
        }
    }

    /// Esc closes the window in front (a confirmation is cancelled, a typed path goes back
    /// to the window it came from); a native file dialog answers for itself.
    pub(super) fn escape_closes_the_window(&mut self, ctx: &eframe::egui::Context) {
        if !ctx.input(|input| input.key_pressed(eframe::egui::Key::Escape)) {
            return;
        }
        self.modal = match self.modal.take() {
            Some(running @ Modal::FileDialog { .. }) => Some(running),
            // The prompt and the welcome see Esc themselves.
            Some(prompt @ Modal::PathPrompt { .. }) => Some(prompt),
            Some(Modal::Welcome) => Some(Modal::Welcome),
            _ => None,
        };
    }

    /// The volumes editor, when it is the open window.
    pub(super) fn volumes_editor_mut(&mut self) -> Option<&mut VolumesEditor> {
        match &mut self.modal {
            Some(Modal::Volumes(editor)) => Some(editor),
            _ => None,
        }
    }

    /// The price picker, when it is the open window.
    pub(super) fn price_picker_mut(&mut self) -> Option<&mut PricePicker> {
        match &mut self.modal {
            Some(Modal::Prices(picker)) => Some(picker),
            _ => None,
        }
    }
}
