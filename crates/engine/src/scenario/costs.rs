//! What owning and running an option costs beyond its price, how costs are counted (the
//! lens and the horizon one-off costs are spread over), and the constraints that decide
//! before cost does.
//!
//! Every field defaults to what older files meant: no extra cost, the full lens, no
//! constraint. Files that leave them out keep their numbers exactly.

use serde::{Deserialize, Serialize};

use crate::units::{format_percent, format_short_number, format_usd};

/// Default months one-off costs are spread over in the monthly view.
pub const DEFAULT_HORIZON_MONTHS: f64 = 36.0;

/// Costs any option has besides its prices or its nodes: a one-off implementation or
/// migration, and a fixed monthly fee (an enterprise plan, a support contract).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Overheads {
    /// Paid once to adopt the option (integration, migration), $; spread over the
    /// analysis horizon in the monthly view.
    pub one_off_usd: f64,
    /// Paid every month whatever the volume, $.
    pub monthly_fee_usd: f64,
}

impl Overheads {
    /// True when the option has no overheads (what older files mean).
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// "one-off $50,000, fee $500/month", or nothing when there are none.
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.one_off_usd > 0.0 {
            parts.push(format!("one-off {}", format_usd(self.one_off_usd)));
        }
        if self.monthly_fee_usd > 0.0 {
            parts.push(format!("fee {}/month", format_usd(self.monthly_fee_usd)));
        }
        parts
    }
}

/// "0.25 FTE at $150,000/yr", or nothing without engineers.
pub fn describe_engineering(fte: f64, usd_per_year: f64) -> Vec<String> {
    if fte > 0.0 {
        vec![format!(
            "{} FTE at {}/yr",
            format_short_number(fte),
            format_usd(usd_per_year)
        )]
    } else {
        Vec::new()
    }
}

/// What owning bought nodes costs besides their purchase and power. Applies only while the
/// deployment's compute is bought; kept when it is switched to rent and back.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Owning {
    /// Cost of capital, a share per year, charged on the average book value
    /// `(price + resale) / 2` of each node.
    pub capital_rate_per_year: f64,
    /// Maintenance and spares, a share of the purchase price per year.
    pub maintenance_rate_per_year: f64,
    /// Facilities or colocation (space, cooling contract, network), $ per node per month.
    pub facilities_usd_per_node_month: f64,
    /// Racking, cabling and commissioning, $ per node, paid once when the node is bought.
    pub setup_usd_per_node: f64,
}

impl Owning {
    /// True when owning costs nothing beyond the purchase and power.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// "capital 8%/yr, maintenance 10%/yr, facilities $50/node/month, setup $300/node".
    pub fn describe(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if self.capital_rate_per_year > 0.0 {
            parts.push(format!(
                "capital {}/yr",
                format_percent(self.capital_rate_per_year)
            ));
        }
        if self.maintenance_rate_per_year > 0.0 {
            parts.push(format!(
                "maintenance {}/yr",
                format_percent(self.maintenance_rate_per_year)
            ));
        }
        if self.facilities_usd_per_node_month > 0.0 {
            parts.push(format!(
                "facilities {}/node/month",
                format_usd(self.facilities_usd_per_node_month)
            ));
        }
        if self.setup_usd_per_node > 0.0 {
            parts.push(format!(
                "setup {}/node",
                format_usd(self.setup_usd_per_node)
            ));
        }
        parts
    }
}

/// Which costs count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lens {
    /// Everything: write-off, cost of capital and one-off costs spread over the horizon,
    /// plus every running cost. The number to plan a new decision with.
    #[default]
    Full,
    /// The costs this decision still changes: no write-off, cost of capital or setup for
    /// the nodes already owned (each deployment's `owned_nodes`); every node beyond them,
    /// and one-off costs not yet paid, in full. Rented compute costs the same as in full.
    Marginal,
}

impl Lens {
    /// "full cost" or "marginal cost", as captions and the verdict name it.
    pub fn label(self) -> &'static str {
        match self {
            Lens::Full => "full cost",
            Lens::Marginal => "marginal cost",
        }
    }

    /// What the lens leaves out or keeps, in one line for captions and tooltips.
    pub fn meaning(self) -> &'static str {
        match self {
            Lens::Full => {
                "write-off, cost of capital and one-off costs spread over the horizon, \
                 plus every running cost"
            }
            Lens::Marginal => {
                "the costs this decision changes: no write-off or cost of capital for nodes \
                 already owned, every other node and cost in full"
            }
        }
    }

    /// The word the command line takes: `full` or `marginal`.
    pub fn keyword(self) -> &'static str {
        match self {
            Lens::Full => "full",
            Lens::Marginal => "marginal",
        }
    }
}

/// How costs are counted: the lens and the horizon one-off costs are spread over.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Accounting {
    /// Full or marginal cost; the same for every option at once.
    pub lens: Lens,
    /// Months one-off costs (implementation, node setup) are spread over in the monthly
    /// view.
    pub horizon_months: f64,
    /// Under the marginal lens, whether the one-off costs (implementation, migration) are
    /// already paid, so no longer count. The full lens always counts them.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub one_offs_paid: bool,
}

impl Default for Accounting {
    fn default() -> Self {
        Self {
            lens: Lens::Full,
            horizon_months: DEFAULT_HORIZON_MONTHS,
            one_offs_paid: false,
        }
    }
}

impl Accounting {
    /// True when costs are counted as older files meant.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// "Full cost: write-off, cost of capital and one-off costs spread over 36 months, plus
    /// every running cost": the lens as every caption and report names it.
    pub fn describe(&self) -> String {
        match self.lens {
            Lens::Full => format!(
                "Full cost: write-off, cost of capital and one-off costs spread over {:.0} \
                 months, plus every running cost",
                self.horizon_months
            ),
            Lens::Marginal => format!(
                "Marginal cost: no write-off, cost of capital or setup for the nodes already \
                 owned; every other node in full; one-off costs {}",
                if self.one_offs_paid {
                    "already paid".to_owned()
                } else {
                    format!("spread over {:.0} months", self.horizon_months)
                }
            ),
        }
    }

    /// What a one-off cost adds to each month under this lens, $ per month: spread over
    /// the horizon, unless the marginal lens counts it as already paid.
    pub fn spread(&self, one_off_usd: f64) -> f64 {
        if self.one_offs_are_sunk() {
            0.0
        } else {
            one_off_usd / self.horizon_months.max(1.0)
        }
    }

    /// True when one-off costs no longer count: the marginal lens with them already paid.
    pub fn one_offs_are_sunk(&self) -> bool {
        self.lens == Lens::Marginal && self.one_offs_paid
    }

    /// Nodes of a deployment that owns `owned` that the lens counts as already paid for:
    /// `owned` under the marginal lens, none under the full lens.
    pub fn owned_nodes(&self, owned: u32) -> f64 {
        match self.lens {
            Lens::Full => 0.0,
            Lens::Marginal => f64::from(owned),
        }
    }
}

/// What rules an option out before cost is looked at. Costs never change because of a
/// constraint; only the recommendation does.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Constraints {
    /// Data must stay in our environment: no third-party API.
    pub data_must_stay: bool,
    /// We need to fine-tune the model's weights: an open model we host.
    pub fine_tuning: bool,
    /// A latency target (time to first token, per-token) the API cannot guarantee.
    pub latency_target: bool,
    /// Engineers available to run self-hosted serving, FTE; a self-hosted option that
    /// needs more is ruled out. `None`: not a constraint.
    pub mlops_fte_available: Option<f64>,
    /// The longest time between a request's tokens the product allows, ms: a self-hosted
    /// option whose node, by the sizing estimate, cannot give the throughput its costs
    /// count on within it is ruled out. `None`: not a constraint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inter_token_ms: Option<f64>,
    /// Traffic is mostly batch (tolerates the batch API's 24 hours).
    pub mostly_batch: bool,
}

impl Constraints {
    /// True when nothing is constrained.
    pub fn is_default(&self) -> bool {
        *self == Self::default()
    }

    /// "Constraints: data must stay in your environment; at most 0.5 FTE for MLOps", or
    /// `None` when nothing is constrained.
    pub fn describe(&self) -> Option<String> {
        let mut parts: Vec<String> = self
            .self_hosting_reasons()
            .into_iter()
            .map(str::to_owned)
            .collect();
        if let Some(fte) = self.mlops_fte_available {
            parts.push(format!(
                "{} FTE available for MLOps",
                format_short_number(fte)
            ));
        }
        if let Some(target) = self.inter_token_ms {
            parts.push(format!(
                "at most {} ms between tokens",
                format_short_number(target)
            ));
        }
        if self.mostly_batch {
            parts.push("traffic mostly batch".to_owned());
        }
        (!parts.is_empty()).then(|| format!("Constraints: {}", parts.join("; ")))
    }

    /// Why self-hosting is required, in the words the verdict uses; empty when it is not.
    pub fn self_hosting_reasons(&self) -> Vec<&'static str> {
        let mut reasons = Vec::new();
        if self.data_must_stay {
            reasons.push("data must stay in your environment");
        }
        if self.fine_tuning {
            reasons.push("you need to fine-tune the model");
        }
        if self.latency_target {
            reasons.push("your latency target is one the API cannot guarantee");
        }
        reasons
    }
}
