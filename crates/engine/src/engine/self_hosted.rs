//! Self-hosted cost: nodes, busy share and the four cost layers at a volume.
//!
//! A node serves `T · 3600 · H · u` tokens a month at planned utilization `u`;
//! volume beyond that needs another node, so the cost is a staircase. Rented
//! compute includes power; bought compute pays electricity for idle draw on every
//! node plus the extra draw under load, in proportion to the busy share.

use serde::Serialize;

use super::guard::{non_negative, share};
use super::staircase::Staircase;
use crate::scenario::{Compute, Deployment, Electricity, HourlyBilling};

/// Seconds in an hour.
const SECONDS_PER_HOUR: f64 = 3600.0;

/// Monthly cost split into the layers a self-hosting budget has.
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
    /// For a hybrid: what the API share of traffic costs, $ per month.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api: Option<f64>,
}

impl Layers {
    /// Sum of all layers.
    pub fn total(&self) -> f64 {
        self.compute
            + self.electricity
            + self.engineering
            + self.infrastructure
            + self.api.unwrap_or(0.0)
    }

    /// Every layer with its name, in display order.
    pub fn named(&self) -> Vec<(&'static str, f64)> {
        let mut named = vec![
            ("Compute", self.compute),
            ("Electricity", self.electricity),
            ("Engineering", self.engineering),
            ("Infrastructure", self.infrastructure),
        ];
        if let Some(api) = self.api {
            named.push(("API share", api));
        }
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
    /// Share of the serving nodes' time spent busy (≤ planned utilization).
    pub busy_share: f64,
    /// Cost by layer.
    pub layers: Layers,
}

/// Tokens one node serves in a month at full speed, before utilization.
pub fn full_speed_tokens_per_month(deployment: &Deployment, hours_per_month: f64) -> f64 {
    non_negative(deployment.throughput_tokens_per_second)
        * SECONDS_PER_HOUR
        * non_negative(hours_per_month)
}

/// Tokens one node is planned to serve in a month: `T · 3600 · H · u`.
pub fn capacity_per_node(deployment: &Deployment, hours_per_month: f64) -> f64 {
    full_speed_tokens_per_month(deployment, hours_per_month) * share(deployment.utilization)
}

/// The deployment's cost as a staircase, or `None` when a node can serve nothing
/// (zero throughput, utilization or hours), so no number of nodes suffices.
pub fn staircase(deployment: &Deployment, hours_per_month: f64) -> Option<Staircase> {
    let capacity = capacity_per_node(deployment, hours_per_month);
    if capacity <= 0.0 || !capacity.is_finite() {
        return None;
    }
    let hours = non_negative(hours_per_month);
    let costs = NodeCosts::of(deployment, hours);
    let per_node = costs.compute_per_node + costs.electricity_idle_per_node;
    let spares = f64::from(deployment.spare_nodes);
    let tokens_per_busy_hour =
        non_negative(deployment.throughput_tokens_per_second) * SECONDS_PER_HOUR;
    Some(Staircase {
        tokens_per_step: capacity,
        usd_per_step: per_node,
        fixed_usd: spares * per_node + engineering(deployment) + infrastructure(deployment),
        usd_per_token: (costs.busy_hour_rent + costs.electricity_load_per_hour)
            / tokens_per_busy_hour,
    })
}

/// Nodes, busy share and layers at `tokens` per month; `None` when a node serves nothing.
pub fn size(deployment: &Deployment, hours_per_month: f64, tokens: f64) -> Option<Sizing> {
    let stairs = staircase(deployment, hours_per_month)?;
    let tokens = non_negative(tokens);
    let hours = non_negative(hours_per_month);
    let serving_nodes = stairs.steps(tokens);
    let nodes = serving_nodes + f64::from(deployment.spare_nodes);
    let full_speed = full_speed_tokens_per_month(deployment, hours);
    let busy_share = tokens / (serving_nodes * full_speed);
    let busy_hours =
        tokens / (non_negative(deployment.throughput_tokens_per_second) * SECONDS_PER_HOUR);
    let costs = NodeCosts::of(deployment, hours);
    Some(Sizing {
        serving_nodes,
        nodes,
        busy_share,
        layers: Layers {
            compute: nodes * costs.compute_per_node + busy_hours * costs.busy_hour_rent,
            electricity: nodes * costs.electricity_idle_per_node
                + busy_hours * costs.electricity_load_per_hour,
            engineering: engineering(deployment),
            infrastructure: infrastructure(deployment),
            api: None,
        },
    })
}

/// Electricity one bought node costs in a month at idle draw (or its flat rate); zero for
/// rented compute, whose rent includes power. A node kept but not needed costs this.
pub fn idle_electricity_per_node(deployment: &Deployment, hours_per_month: f64) -> f64 {
    NodeCosts::of(deployment, non_negative(hours_per_month)).electricity_idle_per_node
}

/// Engineers' cost per month: FTE × loaded annual cost / 12.
pub fn engineering(deployment: &Deployment) -> f64 {
    non_negative(deployment.engineering_fte) * non_negative(deployment.engineer_usd_per_year) / 12.0
}

fn infrastructure(deployment: &Deployment) -> f64 {
    non_negative(deployment.infrastructure_usd_per_month)
}

/// What one node costs, split by what it scales with.
struct NodeCosts {
    /// Write-off or rent of a node for the month, paid busy or not.
    compute_per_node: f64,
    /// Rent per busy node-hour (busy-hour billing only).
    busy_hour_rent: f64,
    /// Electricity a node costs in the month at idle draw (or flat), bought hardware only.
    electricity_idle_per_node: f64,
    /// Extra electricity per busy node-hour, bought hardware only.
    electricity_load_per_hour: f64,
}

impl NodeCosts {
    fn of(deployment: &Deployment, hours: f64) -> Self {
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
                billing: HourlyBilling::AlwaysOn,
            } => (non_negative(usd_per_hour) * hours, 0.0),
            Compute::RentedHourly {
                usd_per_hour,
                billing: HourlyBilling::BusyHours,
            } => (0.0, non_negative(usd_per_hour)),
            Compute::RentedMonthly { usd_per_month } => (non_negative(usd_per_month), 0.0),
        };
        let (electricity_idle_per_node, electricity_load_per_hour) =
            if deployment.compute.is_bought() {
                match deployment.electricity {
                    Electricity::Metered { usd_per_kwh, pue } => {
                        let usd_per_watt_hour =
                            non_negative(usd_per_kwh) * non_negative(pue) / 1000.0;
                        let idle = non_negative(deployment.hardware.idle_watts);
                        let extra_under_load =
                            (non_negative(deployment.hardware.load_watts) - idle).max(0.0);
                        (
                            idle * hours * usd_per_watt_hour,
                            extra_under_load * usd_per_watt_hour,
                        )
                    }
                    Electricity::Flat {
                        usd_per_month_per_node,
                    } => (non_negative(usd_per_month_per_node), 0.0),
                }
            } else {
                (0.0, 0.0)
            };
        Self {
            compute_per_node,
            busy_hour_rent,
            electricity_idle_per_node,
            electricity_load_per_hour,
        }
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

/// What buying the nodes needed at this volume costs up front, for payback.
pub fn upfront_usd(deployment: &Deployment, nodes: f64) -> Option<f64> {
    match deployment.compute {
        Compute::Bought { price_usd, .. } => Some(nodes * non_negative(price_usd)),
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
        assert!((capacity_per_node(&rtx_4090(), 730.0) - 23_652_000.0).abs() < 1e-6);
    }

    #[test]
    fn bought_gpu_pays_write_off_and_metered_power() {
        let sizing = size(&rtx_4090(), 730.0, 10e6).expect("serves traffic");
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
        let stairs = staircase(&deployment, 730.0).expect("serves traffic");
        for tokens in [0.0, 1e6, 23.652e6, 23.653e6, 1e9] {
            let layers = size(&deployment, 730.0, tokens).expect("serves").layers;
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
        let sizing = size(&deployment, 730.0, 50e6).expect("serves traffic");
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
        let sizing = size(&deployment, 730.0, 54_000.0).expect("serves traffic");
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
        assert!(staircase(&deployment, 730.0).is_none());
        assert!(size(&deployment, 730.0, 1e6).is_none());
        deployment.throughput_tokens_per_second = 15.0;
        deployment.utilization = 0.0;
        assert!(size(&deployment, 730.0, 1e6).is_none());
    }

    #[test]
    fn resale_value_lowers_the_write_off() {
        let mut deployment = rtx_4090();
        deployment.compute = Compute::Bought {
            price_usd: 2000.0,
            amortization_months: 36.0,
            resale_usd: 560.0,
        };
        let sizing = size(&deployment, 730.0, 1e6).expect("serves traffic");
        assert!((sizing.layers.compute - 40.0).abs() < 1e-12);
    }
}
