//! One option of a prepared scenario, owning its name: what the views and the curves read
//! besides the report. Its own module, so the model (which holds them) and the curves
//! (which sample them) both depend on it and not on each other.

use super::staircase::Staircase;
use super::uncertainty::Band;
use super::{OptionKey, OptionKind, Reach};

/// One option ready for costing, owning its name: what views need besides the report.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedOption {
    /// Which option it is: the report's row, ranges and crossovers carry the same key.
    pub key: OptionKey,
    /// Name shown everywhere.
    pub name: String,
    /// API, self-hosted or hybrid.
    pub kind: OptionKind,
    /// Cost shape; `None` when it cannot serve traffic.
    pub staircase: Option<Staircase>,
    /// Up to which volume it can run as configured.
    pub reach: Reach,
    /// Its cost band over the inputs' ranges (empty without ranges).
    pub band: Band,
}

impl PreparedOption {
    /// Whether it can run as configured at `tokens_per_month`.
    pub fn runs_at(&self, tokens_per_month: f64) -> bool {
        self.staircase.is_some() && self.reach.reason_at(tokens_per_month).is_none()
    }

    /// Monthly cost at `tokens_per_month`; `None` when the option cannot serve traffic.
    pub fn cost(&self, tokens_per_month: f64) -> Option<f64> {
        self.staircase.map(|stairs| stairs.cost(tokens_per_month))
    }

    /// The lowest and highest monthly cost at `tokens_per_month` over the inputs' ranges
    /// (both the cost itself without ranges); `None` when it cannot serve traffic.
    pub fn cost_band(&self, tokens_per_month: f64) -> Option<(f64, f64)> {
        let cost = self.cost(tokens_per_month)?;
        Some(self.band.at(tokens_per_month, cost))
    }
}
