//! What one option costs in cash, month by month, as volume changes.
//!
//! An API or rented compute costs what the engine gives at each month's volume. Bought
//! compute is paid when it is first needed: every node the month's volume needs that is
//! not owned yet is bought that month, at its full price plus its setup, and kept (no
//! resale within the horizon). Every month then pays the running costs of the nodes
//! owned: electricity (idle draw on every owned node, the extra draw for busy hours),
//! maintenance and facilities, engineering, infrastructure and fees, and for a hybrid the
//! API share of its traffic. The write-off, the cost of capital and spread one-off costs,
//! which stand in the monthly chart for money paid up front, are not cash and are left
//! out; one-off implementation costs are paid in the option's first month instead.
//!
//! Under the marginal lens the nodes a deployment already owns are not bought again (the
//! first nodes it needs come from them; every node beyond is bought when first needed, as
//! under the full lens), and one-off costs already paid are not paid again.

use super::super::basis::Basis;
use super::super::options::{OptionSource, PricedOption};
use super::super::self_hosted;
use crate::scenario::Compute;

/// How an option is paid for over the months of one timeline.
#[derive(Clone, Debug)]
pub(super) enum Payment {
    /// Each month costs what the option's staircase gives at that month's volume (less
    /// the spread one-off costs), plus `upfront` in its first month.
    Monthly {
        /// One-off costs paid in the month the option starts, $.
        upfront: f64,
        /// Each month's running cost, $.
        costs: Vec<f64>,
    },
    /// Nodes bought when first needed, then their running costs. What each month needs
    /// does not depend on when the option starts, so it is sized once; a start month
    /// only changes which nodes are bought when.
    Bought {
        /// One-off costs paid in the month the option starts (implementation), $.
        upfront: f64,
        /// Nodes owned before month 1 (the marginal lens's `owned_nodes`), not bought.
        owned_at_start: f64,
        /// Price and setup of one node, $.
        price_usd: f64,
        /// Running cost of a node owned but not needed that month (idle power,
        /// maintenance, facilities), $.
        kept_usd: f64,
        /// Nodes each month's volume needs (serving nodes and spares).
        nodes: Vec<f64>,
        /// Each month's running cost with exactly those nodes, $.
        running_usd: Vec<f64>,
    },
}

/// One month of one option, in cash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct MonthCash {
    /// Everything paid in the month, $ (purchases and one-off costs included).
    pub(super) total: f64,
    /// Of which nodes bought (and set up) this month, $.
    pub(super) purchase: f64,
}

impl Payment {
    /// How `option` is paid over months of `volumes` (tokens per month); `None` when it
    /// serves no traffic at all.
    pub(super) fn of(option: &PricedOption, basis: &Basis, volumes: &[f64]) -> Option<Self> {
        let stairs = option.staircase?;
        let upfront = if basis.accounting.one_offs_are_sunk() {
            0.0
        } else {
            option.one_off_usd
        };
        let spread = basis.accounting.spread(option.one_off_usd);
        let monthly = || Payment::Monthly {
            upfront,
            costs: volumes.iter().map(|v| stairs.cost(*v) - spread).collect(),
        };
        let (deployment, local_share, api_usd_per_token, api_fixed) = match option.source {
            OptionSource::Api(_) => return Some(monthly()),
            OptionSource::Deployment(deployment) => {
                (deployment, 1.0, 0.0, self_hosted::Layers::default())
            }
            OptionSource::Hybrid {
                deployment,
                local_share,
                api_usd_per_token,
                api_fixed,
                ..
            } => (deployment, local_share, api_usd_per_token, api_fixed),
        };
        if !matches!(deployment.compute, Compute::Bought { .. }) {
            return Some(monthly());
        }
        let mut nodes = Vec::with_capacity(volumes.len());
        let mut running_usd = Vec::with_capacity(volumes.len());
        for volume in volumes {
            let local = volume * local_share;
            let sizing = self_hosted::size(deployment, basis, local)?;
            let layers = sizing.layers;
            nodes.push(sizing.nodes);
            running_usd.push(
                layers.total() - layers.compute - layers.capital - layers.one_off
                    + (volume - local) * api_usd_per_token
                    + api_fixed.engineering
                    + api_fixed.fees,
            );
        }
        Some(Payment::Bought {
            upfront,
            owned_at_start: self_hosted::owned_nodes(deployment, basis),
            price_usd: self_hosted::node_upfront_usd(deployment).unwrap_or(0.0),
            kept_usd: self_hosted::kept_node_running_usd(deployment, basis),
            nodes,
            running_usd,
        })
    }

    /// Whether the months' costs depend on when the option is started (bought nodes are
    /// paid in the first month they are needed).
    pub(super) fn depends_on_start(&self) -> bool {
        match self {
            Payment::Monthly { upfront, .. } => *upfront > 0.0,
            Payment::Bought { .. } => true,
        }
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
        // One-off costs are paid in the first month the option runs.
        let upfront_in = move |upfront: f64, index: usize| if index == 0 { upfront } else { 0.0 };
        match self {
            Payment::Monthly { upfront, costs } => Box::new(costs[start..].iter().enumerate().map(
                move |(index, total)| MonthCash {
                    total: total + upfront_in(*upfront, index),
                    purchase: 0.0,
                },
            )),
            Payment::Bought {
                upfront,
                owned_at_start,
                price_usd,
                kept_usd,
                nodes,
                running_usd,
            } => {
                let mut owned = *owned_at_start;
                Box::new(
                    nodes[start..]
                        .iter()
                        .zip(&running_usd[start..])
                        .enumerate()
                        .map(move |(index, (needed, running))| {
                            let bought = (needed - owned).max(0.0);
                            owned += bought;
                            let purchase = bought * price_usd;
                            // Nodes bought in the horizon and idle cost their running costs;
                            // idle nodes owned before it cost what they cost whatever is
                            // decided, which the marginal lens leaves out.
                            let idle = (owned - needed.max(*owned_at_start)).max(0.0);
                            MonthCash {
                                total: purchase
                                    + running
                                    + idle * kept_usd
                                    + upfront_in(*upfront, index),
                                purchase,
                            }
                        }),
                )
            }
        }
    }
}
