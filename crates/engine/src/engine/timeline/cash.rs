//! What one option costs in cash, month by month, as volume changes.
//!
//! An API or rented compute costs what the engine gives at each month's volume. Bought
//! compute is paid when it is first needed: every node the month's volume needs that is
//! not owned yet is bought that month, at its full price, and kept (no resale within the
//! horizon). Every month then pays the running costs of the nodes owned: electricity
//! (idle draw on every owned node, the extra draw for busy hours), engineering and
//! infrastructure, and for a hybrid the API share of its traffic. The write-off, which
//! spreads the purchase in the monthly chart, is not a cash cost and is left out.

use super::super::options::{OptionSource, PricedOption};
use super::super::self_hosted;
use crate::scenario::Compute;

/// How an option is paid for over the months of one timeline.
#[derive(Clone, Debug)]
pub(super) enum Payment {
    /// Each month costs what the option's staircase gives at that month's volume.
    Monthly(Vec<f64>),
    /// Nodes bought when first needed, then their running costs. What each month needs
    /// does not depend on when the option starts, so it is sized once; a start month
    /// only changes which nodes are bought when.
    Bought {
        /// Price of one node, $.
        price_usd: f64,
        /// Electricity of a node owned but not needed that month, $.
        idle_usd: f64,
        /// Nodes each month's volume needs (serving nodes and spares).
        nodes: Vec<f64>,
        /// Each month's running cost with exactly those nodes, $.
        running_usd: Vec<f64>,
    },
}

/// One month of one option, in cash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct MonthCash {
    /// Everything paid in the month, $ (purchases included).
    pub(super) total: f64,
    /// Of which nodes bought this month, $.
    pub(super) purchase: f64,
}

impl Payment {
    /// How `option` is paid over months of `volumes` (tokens per month); `None` when it
    /// serves no traffic at all.
    pub(super) fn of(option: &PricedOption, hours_per_month: f64, volumes: &[f64]) -> Option<Self> {
        let stairs = option.staircase?;
        let monthly = || Payment::Monthly(volumes.iter().map(|v| stairs.cost(*v)).collect());
        let (deployment, local_share, api_usd_per_token) = match option.source {
            OptionSource::Api => return Some(monthly()),
            OptionSource::Deployment(deployment) => (deployment, 1.0, 0.0),
            OptionSource::Hybrid {
                deployment,
                local_share,
                api_usd_per_token,
            } => (deployment, local_share, api_usd_per_token),
        };
        let Compute::Bought { price_usd, .. } = deployment.compute else {
            return Some(monthly());
        };
        let mut nodes = Vec::with_capacity(volumes.len());
        let mut running_usd = Vec::with_capacity(volumes.len());
        for volume in volumes {
            let local = volume * local_share;
            let sizing = self_hosted::size(deployment, hours_per_month, local)?;
            let layers = sizing.layers;
            nodes.push(sizing.nodes);
            running_usd.push(
                layers.electricity
                    + layers.engineering
                    + layers.infrastructure
                    + (volume - local) * api_usd_per_token,
            );
        }
        Some(Payment::Bought {
            price_usd: price_usd.max(0.0),
            idle_usd: self_hosted::idle_electricity_per_node(deployment, hours_per_month),
            nodes,
            running_usd,
        })
    }

    /// Whether the months' costs depend on when the option is started (bought nodes are
    /// paid in the first month they are needed).
    pub(super) fn depends_on_start(&self) -> bool {
        matches!(self, Payment::Bought { .. })
    }

    /// The cash from `start` (0-based) to the end, the option started then: the sum of
    /// [`Self::months_from`], without building the months (the switch search asks it for
    /// every start month).
    pub(super) fn total_from(&self, start: usize) -> f64 {
        self.months(start).map(|month| month.total).sum()
    }

    /// The cash cost of each month from `start` (0-based) to the end, the option started
    /// then with no nodes owned.
    pub(super) fn months_from(&self, start: usize) -> Vec<MonthCash> {
        self.months(start).collect()
    }

    fn months(&self, start: usize) -> Box<dyn Iterator<Item = MonthCash> + '_> {
        match self {
            Payment::Monthly(costs) => Box::new(costs[start..].iter().map(|total| MonthCash {
                total: *total,
                purchase: 0.0,
            })),
            Payment::Bought {
                price_usd,
                idle_usd,
                nodes,
                running_usd,
            } => {
                let mut owned = 0.0_f64;
                Box::new(nodes[start..].iter().zip(&running_usd[start..]).map(
                    move |(needed, running)| {
                        let bought = (needed - owned).max(0.0);
                        owned += bought;
                        let purchase = bought * price_usd;
                        MonthCash {
                            total: purchase + running + (owned - needed) * idle_usd,
                            purchase,
                        }
                    },
                ))
            }
        }
    }
}
