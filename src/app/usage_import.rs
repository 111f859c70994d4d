//! File → "Fill from a usage export…": a provider's usage export read, checked on a copy
//! of the scenario, then applied as one undoable edit, with what it set and the bill it
//! gives in the notice.

use std::path::Path;

use super::{CostExplorerApp, Edit};
use crate::scenario::validate::validate;
use crate::usage;

/// The largest export read, bytes.
const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;

impl CostExplorerApp {
    /// Reads the export at `path` and fills the workload and timeline from it; a file that
    /// cannot be read, or that would leave the scenario invalid, changes nothing and says
    /// why.
    pub(super) fn import_usage(&mut self, path: &Path) {
        let read = crate::safe_io::read_text(path, MAX_EXPORT_BYTES)
            .map_err(|problem| format!("{}: {problem}", path.display()))
            .and_then(|text| {
                usage::read(&text).map_err(|error| format!("{}: {error}", path.display()))
            });
        let found = match read {
            Ok(found) => found,
            Err(problem) => {
                self.notify(problem, true);
                return;
            }
        };
        let mut filled = self.persisted.document.scenario.clone();
        let said = found.apply(&mut filled);
        if let Some(problem) = validate(&filled).first() {
            self.notify(
                format!(
                    "{}: the usage would leave {} {}; nothing was changed",
                    path.display(),
                    problem.field,
                    problem.message
                ),
                true,
            );
            return;
        }
        let mut lines = vec![format!("Filled from {}:", path.display())];
        lines.extend(said);
        if let Some(reconciled) = usage::reconcile(&found, &filled, 0) {
            lines.extend(reconciled.lines());
        }
        self.pending_edits.push(Edit::Usage(Box::new(found)));
        self.report_to_read(lines.join("\n"));
    }
}
