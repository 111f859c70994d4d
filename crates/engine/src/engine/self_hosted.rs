//! Self-hosted cost: nodes, busy share and the cost layers at a volume.
//!
//! A node serves `T · 3600 · H · (A / 24) · u / P` tokens a month: throughput, the
//! month's hours, the share of the day traffic comes in, planned utilization at the peak,
//! and the peak-to-average ratio. Volume beyond that needs another node, so the cost is a
//! staircase. Rented compute includes power; bought compute pays electricity for idle
//! draw on every node all month plus the extra draw under load for the busy hours, and
//! the costs of owning (capital, maintenance, facilities, setup). Which of them count is
//! the lens's choice ([`Basis`]): the full lens counts every node in full; the marginal
//! lens drops the write-off, cost of capital and setup of the nodes already owned
//! (`owned_nodes`, spares first) and counts every node beyond them in full, so the first
//! steps of the staircase are cheaper than the rest ([`Staircase::owned_steps`]).

use serde::Serialize;

use super::basis::Basis;
use super::guard::{non_negative, share};
use super::staircase::Staircase;
use crate::scenario::{Compute, Deployment, Electricity, HourlyBilling};

/// Seconds in an hour.
const SECONDS_PER_HOUR: f64 = 3600.0;

/// Monthly cost split into the layers a budget has. An API fills `api`, `engineering`,
/// `fees` and `one_off`; a deployment the rest; a hybrid both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Layers {
    /// Hardware write-off or rent, $ per month.
    pub compute: f64,
    /// Power for bought hardware, $ per month.
    pub electricity: f64,
    /// Engineers' time, $ per month.
    pub engineering: f64,
    /// Load balancer, storage, monitoring, $ per month.
    pub infrastructure: f64,
    /// Cost of capital on bought nodes' average book value, $ per month.
    pub capital: f64,
    /// Maintenance of bought nodes, $ per month.
    pub maintenance: f64,
    /// Facilities or colocation of bought nodes, $ per month.
    pub facilities: f64,
    /// One-off costs (implementation, node setup) spread over the horizon, $ per month.
    pub one_off: f64,
    /// Fixed fees (enterprise plan, support contract), $ per month.
    pub fees: f64,
    /// Per-token API usage: an API's whole usage, or a hybrid's API share, $ per month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<f64>,
}

/// One layer of a monthly cost, in the order palettes list their colours: every view
/// iterates these rather than looking a layer up by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Hardware write-off or rent.
    Compute,
    /// Power for bought hardware.
    Electricity,
    /// Engineers' time.
    Engineering,
    /// Load balancer, storage, monitoring.
    Infrastructure,
    /// Per-token API usage: an API's whole usage, or a hybrid's API share.
    ApiShare,
    /// Cost of capital on bought nodes.
    Capital,
    /// Maintenance of bought nodes.
    Maintenance,
    /// Facilities or colocation.
    Facilities,
    /// One-off costs spread over the horizon.
    OneOff,
    /// Fixed fees.
    Fees,
}

impl Layer {
    /// Every layer, in palette order ([`Layer::index`]).
    pub const ALL: [Layer; 10] = [
        Layer::Compute,
        Layer::Electricity,
        Layer::Engineering,
        Layer::Infrastructure,
        Layer::ApiShare,
        Layer::Capital,
        Layer::Maintenance,
        Layer::Facilities,
        Layer::OneOff,
        Layer::Fees,
    ];

    /// Where its colour is in a palette's layer colours.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Its name in tables and keys: "Compute", "API share", "One-off".
    pub fn label(self) -> &'static str {
        match self {
            Layer::Compute => "Compute",
            Layer::Electricity => "Electricity",
            Layer::Engineering => "Engineering",
            Layer::Infrastructure => "Infrastructure",
            Layer::ApiShare => "API share",
            Layer::Capital => "Capital",
            Layer::Maintenance => "Maintenance",
            Layer::Facilities => "Facilities",
            Layer::OneOff => "One-off",
            Layer::Fees => "Fees",
        }
    }

    /// Its name in an option of `kind`'s breakdown: an API's per-token layer is its
    /// "API usage", a hybrid's its "API share".
    pub fn label_for(self, kind: super::OptionKind) -> &'static str {
        match (self, kind) {
            (Layer::ApiShare, super::OptionKind::Api) => "API usage",
            _ => self.label(),
        }
    }
}

impl Layers {
    /// Sum of all layers.
    pub fn total(&self) -> f64 {
        self.compute
            + self.electricity
            + self.engineering
            + self.infrastructure
            + self.capital
            + self.maintenance
            + self.facilities
            + self.one_off
            + self.fees
            + self.api.unwrap_or(0.0)
    }

    /// Every layer with its cost, in display order: the four every deployment has, then
    /// the others only when they cost something (so a scenario without them reads as
    /// before).
    pub fn named(&self) -> Vec<(Layer, f64)> {
        let mut named = vec![
            (Layer::Compute, self.compute),
            (Layer::Electricity, self.electricity),
            (Layer::Engineering, self.engineering),
            (Layer::Infrastructure, self.infrastructure),
        ];
        named.extend(
            [
                (Layer::Capital, self.capital),
                (Layer::Maintenance, self.maintenance),
                (Layer::Facilities, self.facilities),
                (Layer::OneOff, self.one_off),
                (Layer::Fees, self.fees),
            ]
            .into_iter()
            .filter(|(_, usd)| *usd != 0.0),
        );
        if let Some(api) = self.api {
            named.push((Layer::ApiShare, api));
        }
        named
    }

    /// An API's layers: its usage, then the fixed costs it has (engineering, fees, spread
    /// implementation).
    pub fn named_for_api(&self) -> Vec<(Layer, f64)> {
        let mut named = vec![(Layer::ApiShare, self.api.unwrap_or(0.0))];
        named.extend(
            [
                (Layer::Engineering, self.engineering),
                (Layer::Fees, self.fees),
                (Layer::OneOff, self.one_off),
            ]
            .into_iter()
            .filter(|(_, usd)| *usd != 0.0),
        );
        named
    }
}

/// What one deployment looks like at one volume.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizing {
    /// Nodes serving traffic.
    pub serving_nodes: f64,
    /// Serving nodes plus spares: what is paid for.
    pub nodes: f64,
    /// Of those, the nodes the lens counts as already owned.
    pub owned_nodes: f64,
    /// Share of the serving nodes' time spent busy, over all the month's hours.
    pub busy_share: f64,
    /// Cost by layer.
    pub layers: Layers,
}

/// Tokens one node serves in a month at full speed in every hour, before utilization.
pub fn full_speed_tokens_per_month(deployment: &Deployment, basis: &Basis) -> f64 {
    throughput(deployment, basis) * SECONDS_PER_HOUR * non_negative(basis.hours_per_month)
}

/// Tokens per busy second of this traffic: the one total rate, or with prefill and decode
/// rates their mix at the workload's input share.
pub fn throughput(deployment: &Deployment, basis: &Basis) -> f64 {
    non_negative(deployment.throughput_for(basis.input_share))
}

/// Tokens one node is planned to serve in a month: `T · 3600 · H · (A / 24) · u / P`.
pub fn capacity_per_node(deployment: &Deployment, basis: &Basis) -> f64 {
    full_speed_tokens_per_month(deployment, basis)
        * basis.active_share
        * share(deployment.utilization)
        / basis.peak_to_average
}

/// The deployment's cost as a staircase, or `None` when a node can serve nothing
/// (zero throughput, utilization or hours), so no number of nodes suffices.
pub fn staircase(deployment: &Deployment, basis: &Basis) -> Option<Staircase> {
    let capacity = capacity_per_node(deployment, basis);
    if capacity <= 0.0 || !capacity.is_finite() {
        return None;
    }
    let costs = NodeCosts::of(deployment, basis);
    let per_node = costs.per_node();
    // What an owned node saves against one still to buy: nothing for rent.
    let discount = per_node - costs.owned().per_node();
    let owned = owned_nodes(deployment, basis);
    let spares = f64::from(deployment.spare_nodes);
    let tokens_per_busy_hour = throughput(deployment, basis) * SECONDS_PER_HOUR;
    Some(Staircase {
        tokens_per_step: capacity,
        usd_per_step: per_node,
        fixed_usd: spares * per_node - owned.min(spares) * discount
            + fixed_costs(deployment, basis).total(),
        usd_per_token: (costs.busy_hour_rent + costs.electricity_load_per_hour)
            / tokens_per_busy_hour,
        owned_steps: (owned - spares).max(0.0),
        owned_discount: discount,
    })
}

/// Nodes the lens counts as already owned: the deployment's `owned_nodes` under the
/// marginal lens when its compute is bought; none under the full lens or for rent.
pub fn owned_nodes(deployment: &Deployment, basis: &Basis) -> f64 {
    if matches!(deployment.compute, Compute::Bought { .. }) {
        basis.accounting.owned_nodes(deployment.owned_nodes)
    } else {
        0.0
    }
}

/// Nodes, busy share and layers at `tokens` per month; `None` when a node serves nothing.
pub fn size(deployment: &Deployment, basis: &Basis, tokens: f64) -> Option<Sizing> {
    let stairs = staircase(deployment, basis)?;
    let tokens = non_negative(tokens);
    let serving_nodes = stairs.steps(tokens);
    let nodes = serving_nodes + f64::from(deployment.spare_nodes);
    let full_speed = full_speed_tokens_per_month(deployment, basis);
    let busy_share = tokens / (serving_nodes * full_speed);
    let busy_hours = tokens / (throughput(deployment, basis) * SECONDS_PER_HOUR);
    let costs = NodeCosts::of(deployment, basis);
    let owned_costs = costs.owned();
    let fixed = fixed_costs(deployment, basis);
    let owned = owned_nodes(deployment, basis).min(nodes);
    // Each per-node layer: the nodes still to buy at the full cost, the owned ones at theirs.
    let per_node = |full: f64, owned_cost: f64| (nodes - owned) * full + owned * owned_cost;
    Some(Sizing {
        serving_nodes,
        nodes,
        owned_nodes: owned,
        busy_share,
        layers: Layers {
            compute: per_node(costs.compute_per_node, owned_costs.compute_per_node)
                + busy_hours * costs.busy_hour_rent,
            electricity: nodes * costs.electricity_idle_per_node
                + busy_hours * costs.electricity_load_per_hour,
            capital: per_node(costs.capital_per_node, owned_costs.capital_per_node),
            maintenance: nodes * costs.maintenance_per_node,
            facilities: nodes * costs.facilities_per_node,
            one_off: per_node(costs.setup_per_node, owned_costs.setup_per_node) + fixed.one_off,
            ..fixed
        },
    })
}

/// What a bought node owned but not needed costs in cash each month: idle power,
/// maintenance and facilities (zero for rent).
pub fn kept_node_running_usd(deployment: &Deployment, basis: &Basis) -> f64 {
    let costs = NodeCosts::of(deployment, basis);
    costs.electricity_idle_per_node + costs.maintenance_per_node + costs.facilities_per_node
}

/// Engineers' cost per month: FTE × loaded annual cost / 12.
pub fn engineering(deployment: &Deployment) -> f64 {
    engineering_usd(deployment.engineering_fte, deployment.engineer_usd_per_year)
}

/// FTE × loaded annual cost / 12, for any option.
pub(super) fn engineering_usd(fte: f64, usd_per_year: f64) -> f64 {
    non_negative(fte) * non_negative(usd_per_year) / 12.0
}

/// The costs that do not depend on nodes: engineering, infrastructure, fees and the
/// implementation spread over the horizon (as layers; the node layers are zero).
fn fixed_costs(deployment: &Deployment, basis: &Basis) -> Layers {
    Layers {
        engineering: engineering(deployment),
        infrastructure: non_negative(deployment.infrastructure_usd_per_month),
        fees: non_negative(deployment.overheads.monthly_fee_usd),
        one_off: basis
            .accounting
            .spread(non_negative(deployment.overheads.one_off_usd)),
        ..Layers::default()
    }
}

/// What one node costs, split by what it scales with.
#[derive(Clone, Copy)]
struct NodeCosts {
    /// Write-off or rent of a node for the month, paid busy or not.
    compute_per_node: f64,
    /// Rent per busy node-hour (busy-hour billing only).
    busy_hour_rent: f64,
    /// Electricity a node costs in the month at idle draw (or flat), bought hardware only.
    electricity_idle_per_node: f64,
    /// Extra electricity per busy node-hour, bought hardware only.
    electricity_load_per_hour: f64,
    /// Cost of capital of a bought node per month.
    capital_per_node: f64,
    /// Maintenance of a bought node per month.
    maintenance_per_node: f64,
    /// Facilities or colocation of a bought node per month.
    facilities_per_node: f64,
    /// A bought node's setup, spread over the horizon, per month.
    setup_per_node: f64,
    /// Whether the node is bought (an owned one then costs less than one still to buy).
    bought: bool,
}

impl NodeCosts {
    fn of(deployment: &Deployment, basis: &Basis) -> Self {
        let hours = non_negative(basis.hours_per_month);
        let (compute_per_node, busy_hour_rent) = match deployment.compute {
            Compute::Bought {
                price_usd,
                amortization_months,
                resale_usd,
            } => {
                // Writing a purchase off in under a month would be meaningless.
                let months = non_negative(amortization_months).max(1.0);
                let written_off = (non_negative(price_usd) - non_negative(resale_usd)).max(0.0);
                (written_off / months, 0.0)
            }
            Compute::RentedHourly {
                usd_per_hour,
                billing,
            } => match billing {
                HourlyBilling::AlwaysOn => (non_negative(usd_per_hour) * hours, 0.0),
                HourlyBilling::ActiveHours => {
                    (non_negative(usd_per_hour) * hours * basis.active_share, 0.0)
                }
                HourlyBilling::BusyHours => (0.0, non_negative(usd_per_hour)),
            },
            Compute::RentedMonthly { usd_per_month } => (non_negative(usd_per_month), 0.0),
        };
        let mut costs = Self {
            compute_per_node,
            busy_hour_rent,
            electricity_idle_per_node: 0.0,
            electricity_load_per_hour: 0.0,
            capital_per_node: 0.0,
            maintenance_per_node: 0.0,
            facilities_per_node: 0.0,
            setup_per_node: 0.0,
            bought: matches!(deployment.compute, Compute::Bought { .. }),
        };
        if let Compute::Bought {
            price_usd,
            resale_usd,
            ..
        } = deployment.compute
        {
            (
                costs.electricity_idle_per_node,
                costs.electricity_load_per_hour,
            ) = electricity(deployment, hours);
            let owning = &deployment.owning;
            let price = non_negative(price_usd);
            let book_value = (price + non_negative(resale_usd)) / 2.0;
            costs.capital_per_node = book_value * non_negative(owning.capital_rate_per_year) / 12.0;
            costs.maintenance_per_node =
                price * non_negative(owning.maintenance_rate_per_year) / 12.0;
            costs.facilities_per_node = non_negative(owning.facilities_usd_per_node_month);
            // A node still to buy is set up whatever the lens: only the implementation's
            // one-off costs can be already paid.
            costs.setup_per_node =
                non_negative(owning.setup_usd_per_node) / basis.accounting.horizon_months.max(1.0);
        }
        costs
    }

    /// What a node already owned costs: no write-off, cost of capital or setup (paid
    /// before this decision); the same as any other for rent.
    fn owned(&self) -> Self {
        if self.bought {
            Self {
                compute_per_node: 0.0,
                capital_per_node: 0.0,
                setup_per_node: 0.0,
                ..*self
            }
        } else {
            Self { ..*self }
        }
    }

    /// Everything one more node adds to the month, busy or not.
    fn per_node(&self) -> f64 {
        self.compute_per_node
            + self.electricity_idle_per_node
            + self.capital_per_node
            + self.maintenance_per_node
            + self.facilities_per_node
            + self.setup_per_node
    }
}

/// A bought node's electricity: idle draw for every hour (it is powered all month, in
/// quiet hours too), and the extra draw per busy hour.
fn electricity(deployment: &Deployment, hours: f64) -> (f64, f64) {
    match deployment.electricity {
        Electricity::Metered { usd_per_kwh, pue } => {
            let usd_per_watt_hour = non_negative(usd_per_kwh) * non_negative(pue) / 1000.0;
            let idle = non_negative(deployment.hardware.idle_watts);
            let extra_under_load = (non_negative(deployment.hardware.load_watts) - idle).max(0.0);
            (
                idle * hours * usd_per_watt_hour,
                extra_under_load * usd_per_watt_hour,
            )
        }
        Electricity::Flat {
            usd_per_month_per_node,
        } => (non_negative(usd_per_month_per_node), 0.0),
    }
}

/// How long bought hardware is written off over (its useful life), months; `None` for rent.
pub fn life_months(deployment: &Deployment) -> Option<f64> {
    match deployment.compute {
        Compute::Bought {
            amortization_months,
            ..
        } => Some(non_negative(amortization_months).max(1.0)),
        _ => None,
    }
}

/// What buying (and setting up) one node costs up front, $; `None` for rent.
pub fn node_upfront_usd(deployment: &Deployment) -> Option<f64> {
    match deployment.compute {
        Compute::Bought { price_usd, .. } => {
            Some(non_negative(price_usd) + non_negative(deployment.owning.setup_usd_per_node))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Hardware, ServedModel};

    fn rtx_4090() -> Deployment {
        Deployment {
            id: Default::default(),
            name: "RTX 4090".into(),
            hardware: Hardware {
                name: "RTX 4090".into(),
                gpus: 1,
                memory_gb: 24.0,
                idle_watts: 30.0,
                load_watts: 350.0,
                ..Hardware::default()
            },
            compute: Compute::Bought {
                price_usd: 2000.0,
                amortization_months: 36.0,
                resale_usd: 0.0,
            },
            electricity: Electricity::Metered {
                usd_per_kwh: 0.12,
                pue: 1.0,
            },
            model: ServedModel::default(),
            throughput_tokens_per_second: 15.0,
            utilization: 0.6,
            ..Deployment::default()
        }
    }

    #[test]
    fn capacity_is_throughput_times_hours_times_utilization() {
        // 15 tok/s · 3600 · 730 · 0.6 = 23,652,000 tokens a month.
        assert!((capacity_per_node(&rtx_4090(), &Basis::hours(730.0)) - 23_652_000.0).abs() < 1e-6);
    }

    #[test]
    fn bought_gpu_pays_write_off_and_metered_power() {
        let sizing = size(&rtx_4090(), &Basis::hours(730.0), 10e6).expect("serves traffic");
        assert_eq!(sizing.nodes, 1.0);
        // busy = 10e6 / (15 · 3600 · 730) = 0.253678...
        assert!((sizing.busy_share - 0.253_678_335).abs() < 1e-8);
        assert!((sizing.layers.compute - 2000.0 / 36.0).abs() < 1e-9);
        // (30 W + 320 W · 0.253678) · 730 h / 1000 · $0.12 = $9.73911
        assert!((sizing.layers.electricity - 9.739_11).abs() < 1e-5);
        assert_eq!(sizing.layers.engineering, 0.0);
    }

    #[test]
    fn staircase_agrees_with_layers_everywhere() {
        let mut deployment = rtx_4090();
        deployment.spare_nodes = 1;
        deployment.engineering_fte = 0.5;
        deployment.infrastructure_usd_per_month = 250.0;
        let stairs = staircase(&deployment, &Basis::hours(730.0)).expect("serves traffic");
        for tokens in [0.0, 1e6, 23.652e6, 23.653e6, 1e9] {
            let layers = size(&deployment, &Basis::hours(730.0), tokens)
                .expect("serves")
                .layers;
            assert!((stairs.cost(tokens) - layers.total()).abs() < 1e-9 * layers.total());
        }
    }

    #[test]
    fn rent_includes_power_and_spares_are_paid() {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::RentedHourly {
            usd_per_hour: 1.30,
            billing: HourlyBilling::AlwaysOn,
        };
        deployment.spare_nodes = 1;
        let sizing = size(&deployment, &Basis::hours(730.0), 50e6).expect("serves traffic");
        assert_eq!(sizing.serving_nodes, 3.0);
        assert_eq!(sizing.nodes, 4.0);
        assert!((sizing.layers.compute - 4.0 * 1.30 * 730.0).abs() < 1e-9);
        assert_eq!(sizing.layers.electricity, 0.0);
    }

    #[test]
    fn busy_hour_billing_pays_only_for_busy_time() {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::RentedHourly {
            usd_per_hour: 2.0,
            billing: HourlyBilling::BusyHours,
        };
        // 54,000 tokens is one busy hour at 15 tok/s.
        let sizing = size(&deployment, &Basis::hours(730.0), 54_000.0).expect("serves traffic");
        assert!((sizing.layers.compute - 2.0).abs() < 1e-12);
    }

    #[test]
    fn engineering_is_fte_times_loaded_cost_over_twelve() {
        let mut deployment = rtx_4090();
        deployment.engineering_fte = 0.75;
        deployment.engineer_usd_per_year = 150_000.0;
        assert_eq!(engineering(&deployment), 9375.0);
    }

    #[test]
    fn zero_throughput_serves_nothing() {
        let mut deployment = rtx_4090();
        deployment.throughput_tokens_per_second = 0.0;
        assert!(staircase(&deployment, &Basis::hours(730.0)).is_none());
        assert!(size(&deployment, &Basis::hours(730.0), 1e6).is_none());
        deployment.throughput_tokens_per_second = 15.0;
        deployment.utilization = 0.0;
        assert!(size(&deployment, &Basis::hours(730.0), 1e6).is_none());
    }

    #[test]
    fn resale_value_lowers_the_write_off() {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::Bought {
            price_usd: 2000.0,
            amortization_months: 36.0,
            resale_usd: 560.0,
        };
        let sizing = size(&deployment, &Basis::hours(730.0), 1e6).expect("serves traffic");
        assert!((sizing.layers.compute - 40.0).abs() < 1e-12);
    }

    /// Business-hours traffic with a peak: all of the new traffic shape at once.
    fn business_hours(peak: f64) -> Basis {
        Basis {
            active_share: 10.0 / 24.0,
            peak_to_average: peak,
            ..Basis::hours(730.0)
        }
    }

    #[test]
    fn capacity_counts_active_hours_and_the_peak() {
        // C = T·3600·H·(A/24)·u/P = 15 · 3600 · 730 · (10/24) · 0.6 / 2
        //   = 23,652,000 · 10/24 / 2 = 4,927,500 tokens a month.
        let capacity = capacity_per_node(&rtx_4090(), &business_hours(2.0));
        assert!((capacity - 4_927_500.0).abs() < 1e-6, "{capacity}");
        // Busy share is still over every hour of the month: 4M / (15 · 3600 · 730).
        let sizing = size(&rtx_4090(), &business_hours(2.0), 4e6).expect("serves");
        assert_eq!(sizing.serving_nodes, 1.0);
        assert!((sizing.busy_share - 4e6 / 39_420_000.0).abs() < 1e-15);
        // 5M is past one node's 4.93M: a second node, though the month is far from busy.
        let sizing = size(&rtx_4090(), &business_hours(2.0), 5e6).expect("serves");
        assert_eq!(sizing.serving_nodes, 2.0);
    }

    #[test]
    fn active_hours_billing_pays_the_hours_traffic_comes_in() {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::RentedHourly {
            usd_per_hour: 2.0,
            billing: HourlyBilling::ActiveHours,
        };
        // $2/h · 730 h · 10 / 24 = $608.33 per node; rent includes power.
        let sizing = size(&deployment, &business_hours(1.0), 1e6).expect("serves");
        assert!((sizing.layers.compute - 2.0 * 730.0 * 10.0 / 24.0).abs() < 1e-9);
        assert_eq!(sizing.layers.electricity, 0.0);
        // With traffic all day it is the same as always-on.
        let all_day = size(&deployment, &Basis::hours(730.0), 1e6).expect("serves");
        assert!((all_day.layers.compute - 2.0 * 730.0).abs() < 1e-9);
    }

    #[test]
    fn bought_nodes_stay_powered_outside_the_active_hours() {
        // Idle draw for all 730 hours, the extra draw for the busy hours only: the same
        // electricity as all-day traffic of the same volume.
        let quiet = size(&rtx_4090(), &business_hours(1.0), 1e6).expect("serves");
        let all_day = size(&rtx_4090(), &Basis::hours(730.0), 1e6).expect("serves");
        assert_eq!(quiet.layers.electricity, all_day.layers.electricity);
    }

    fn owned_rtx_4090() -> Deployment {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::Bought {
            price_usd: 2000.0,
            amortization_months: 36.0,
            resale_usd: 560.0,
        };
        deployment.owning = crate::scenario::Owning {
            capital_rate_per_year: 0.08,
            maintenance_rate_per_year: 0.10,
            facilities_usd_per_node_month: 50.0,
            setup_usd_per_node: 300.0,
        };
        deployment.overheads = crate::scenario::Overheads {
            one_off_usd: 7200.0,
            monthly_fee_usd: 99.0,
        };
        deployment
    }

    #[test]
    fn owning_costs_follow_their_formulas() {
        let sizing = size(&owned_rtx_4090(), &Basis::hours(730.0), 30e6).expect("serves");
        assert_eq!(sizing.nodes, 2.0);
        let layers = sizing.layers;
        // Write-off: 2 · (2000 − 560) / 36 = $80.
        assert!((layers.compute - 80.0).abs() < 1e-9);
        // Capital on the average book value: 2 · (2000 + 560) / 2 · 8% / 12 = $17.0667.
        assert!((layers.capital - 2.0 * 1280.0 * 0.08 / 12.0).abs() < 1e-9);
        // Maintenance: 2 · 2000 · 10% / 12 = $33.33.
        assert!((layers.maintenance - 2.0 * 2000.0 * 0.10 / 12.0).abs() < 1e-9);
        // Facilities: 2 · $50.
        assert_eq!(layers.facilities, 100.0);
        // One-off: (2 · $300 setup + $7,200 implementation) / 36 months = $216.67.
        assert!((layers.one_off - (600.0 + 7200.0) / 36.0).abs() < 1e-9);
        assert_eq!(layers.fees, 99.0);
        let stairs = staircase(&owned_rtx_4090(), &Basis::hours(730.0)).expect("serves");
        assert!((stairs.cost(30e6) - layers.total()).abs() < 1e-9);
        assert_eq!(node_upfront_usd(&owned_rtx_4090()), Some(2300.0));
    }

    #[test]
    fn the_marginal_lens_drops_write_off_capital_and_one_offs() {
        let mut basis = Basis::hours(730.0);
        let full = size(&owned_rtx_4090(), &basis, 30e6)
            .expect("serves")
            .layers;
        basis.accounting.lens = crate::scenario::Lens::Marginal;
        basis.accounting.one_offs_paid = true;
        let mut owned = owned_rtx_4090();
        // One of the two nodes owned: the other is written off, (2000 − 560) / 36 = $40,
        // with its capital, 1280 · 8% / 12 = $8.5333, and its setup, 300 / 36 = $8.3333.
        owned.owned_nodes = 1;
        let half = size(&owned, &basis, 30e6).expect("serves").layers;
        assert!((half.compute - 40.0).abs() < 1e-9, "{}", half.compute);
        assert!((half.capital - 1280.0 * 0.08 / 12.0).abs() < 1e-9);
        assert!(
            (half.one_off - 300.0 / 36.0).abs() < 1e-9,
            "{}",
            half.one_off
        );
        owned.owned_nodes = 2;
        let marginal = size(&owned, &basis, 30e6).expect("serves").layers;
        let stairs = staircase(&owned, &basis).expect("serves");
        assert!((stairs.cost(30e6) - marginal.total()).abs() < 1e-9);
        assert_eq!(marginal.compute, 0.0);
        assert_eq!(marginal.capital, 0.0);
        assert_eq!(marginal.one_off, 0.0);
        for (kept, all) in [
            (marginal.electricity, full.electricity),
            (marginal.maintenance, full.maintenance),
            (marginal.facilities, full.facilities),
            (marginal.fees, full.fees),
            (marginal.engineering, full.engineering),
        ] {
            assert_eq!(kept, all);
        }
        assert!(
            (full.total() - marginal.total() - full.compute - full.capital - full.one_off).abs()
                < 1e-9
        );
        // Rent is paid either way.
        let mut rented = owned_rtx_4090();
        rented.compute = Compute::RentedMonthly {
            usd_per_month: 400.0,
        };
        let rent = size(&rented, &basis, 30e6).expect("serves").layers;
        assert_eq!(rent.compute, 800.0);
        assert_eq!(
            rent.maintenance, 0.0,
            "owning costs apply to bought nodes only"
        );
    }

    #[test]
    fn prefill_and_decode_rates_cost_an_input_heavy_workload_by_its_busy_time() {
        let mut deployment = rtx_4090();
        deployment.phases = Some(crate::scenario::PhaseRates {
            prefill_tokens_per_second: 5_000.0,
            decode_tokens_per_second: 500.0,
        });
        let basis = Basis {
            input_share: 0.75,
            ..Basis::hours(730.0)
        };
        // A busy second serves 1 / (0.75 / 5,000 + 0.25 / 500) = 1 / 0.00065 = 1,538.46
        // tokens, not the decode rate's 500: C = 1,538.46 · 3600 · 730 · 0.6.
        let per_second = 1.0 / (0.75 / 5_000.0 + 0.25 / 500.0);
        assert!((throughput(&deployment, &basis) - per_second).abs() < 1e-9);
        let capacity = capacity_per_node(&deployment, &basis);
        assert!((capacity - per_second * 3600.0 * 730.0 * 0.6).abs() < 1e-3);
        assert!((capacity - 2_425_846_153.846).abs() < 1.0, "{capacity}");
        // All output: the decode rate alone; all input: the prefill rate alone.
        let phases = deployment.phases.clone().expect("phases");
        assert_eq!(phases.tokens_per_second(0.0), 500.0);
        assert_eq!(phases.tokens_per_second(1.0), 5_000.0);
    }
}
