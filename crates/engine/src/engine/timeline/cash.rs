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
use super::super::staircase::Staircase;
use crate::scenario::{Compute, Deployment};

/// How an option is paid for over the months.
#[derive(Clone, Copy, Debug)]
pub(super) enum Payment<'a> {
    /// Each month costs what its staircase gives at that month's volume.
    Monthly(Staircase),
    /// Nodes bought when first needed, then their running costs.
    Bought {
        /// The deployment (its hardware, price and running costs).
        deployment: &'a Deployment,
        /// Its price per node, $.
        price_usd: f64,
        /// Share of the month's tokens the deployment serves (1 unless a hybrid).
        local_share: f64,
        /// The API's $ per token for the rest (a hybrid only).
        api_usd_per_token: f64,
        /// Hours in a month.
        hours_per_month: f64,
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

impl<'a> Payment<'a> {
    /// How `option` is paid; `None` when it serves no traffic at all.
    pub(super) fn of(option: &PricedOption<'a>, hours_per_month: f64) -> Option<Self> {
        let stairs = option.staircase?;
        let (deployment, local_share, api_usd_per_token) = match option.source {
            OptionSource::Api => return Some(Payment::Monthly(stairs)),
            OptionSource::Deployment(deployment) => (deployment, 1.0, 0.0),
            OptionSource::Hybrid {
                deployment,
                local_share,
                api_usd_per_token,
            } => (deployment, local_share, api_usd_per_token),
        };
        match deployment.compute {
            Compute::Bought { price_usd, .. } => Some(Payment::Bought {
                deployment,
                price_usd: price_usd.max(0.0),
                local_share,
                api_usd_per_token,
                hours_per_month,
            }),
            _ => Some(Payment::Monthly(stairs)),
        }
    }

    /// Whether the months' costs depend on when the option is started (bought nodes are
    /// paid in the first month they are needed).
    pub(super) fn depends_on_start(&self) -> bool {
        matches!(self, Payment::Bought { .. })
    }

    /// The cash cost of each month of `volumes` (tokens per month), starting with no
    /// nodes owned.
    pub(super) fn months(&self, volumes: &[f64]) -> Vec<MonthCash> {
        match *self {
            Payment::Monthly(stairs) => volumes
                .iter()
                .map(|volume| MonthCash {
                    total: stairs.cost(*volume),
                    purchase: 0.0,
                })
                .collect(),
            Payment::Bought {
                deployment,
                price_usd,
                local_share,
                api_usd_per_token,
                hours_per_month,
            } => {
                let idle = self_hosted::idle_electricity_per_node(deployment, hours_per_month);
                let mut owned = 0.0_f64;
                volumes
                    .iter()
                    .map(|volume| {
                        let local = volume * local_share;
                        let Some(sizing) = self_hosted::size(deployment, hours_per_month, local)
                        else {
                            return MonthCash {
                                total: 0.0,
                                purchase: 0.0,
                            };
                        };
                        let bought = (sizing.nodes - owned).max(0.0);
                        owned += bought;
                        let purchase = bought * price_usd;
                        let layers = sizing.layers;
                        let running = layers.electricity
                            + (owned - sizing.nodes) * idle
                            + layers.engineering
                            + layers.infrastructure
                            + (volume - local) * api_usd_per_token;
                        MonthCash {
                            total: purchase + running,
                            purchase,
                        }
                    })
                    .collect()
            }
        }
    }
}
