//! Why an option cannot run, or is ruled out, as typed reasons: the JSON carries the kind
//! and its figures beside the sentence, and every view prints the sentence
//! ([`std::fmt::Display`]), so no view words a reason of its own.

use std::fmt;

use serde::Serialize;

/// Why an option cannot run as configured at a volume.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum CannotRun {
    /// The model does not fit in one node's memory.
    Memory {
        /// Memory the model needs, GB.
        needed_gb: f64,
        /// Memory one node has, GB.
        available_gb: f64,
        /// The sentence every view prints.
        message: String,
    },
    /// The volume needs more serving nodes than the deployment's limit.
    NodeLimit {
        /// The limit of serving nodes.
        max_nodes: u32,
        /// The last volume the limit serves, tokens per month.
        up_to_tokens_per_month: f64,
        /// The sentence every view prints.
        message: String,
    },
}

impl CannotRun {
    /// The sentence every view prints.
    pub fn message(&self) -> &str {
        match self {
            CannotRun::Memory { message, .. } | CannotRun::NodeLimit { message, .. } => message,
        }
    }
}

impl fmt::Display for CannotRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// Why a constraint rules an option out of the recommendation (its cost is shown all the
/// same).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuledOut {
    /// The rule: `self_hosting_required` or `mlops_capacity`, as in
    /// [`super::constraints::AppliedConstraint::rule`].
    pub reason: &'static str,
    /// The sentence every view prints.
    pub message: String,
}

impl RuledOut {
    /// The sentence every view prints.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RuledOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
