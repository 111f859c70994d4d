//! A self-hosted deployment: the node, how it is paid for, its power and the model served.

use serde::{Deserialize, Serialize};

use super::Workload;
use super::ranges::{DeploymentInput, Ranges};
use super::{DEFAULT_ENGINEER_USD_PER_YEAR, OptionId, Overheads, Owning, id_unassigned};

/// A self-hosted deployment: nodes of one hardware type serving one open model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deployment {
    /// Stable identifier; given on load when a file has none (see [`OptionId`]).
    #[serde(skip_serializing_if = "id_unassigned")]
    pub id: OptionId,
    /// Shown in the chart legend, e.g. "Llama 3.1 70B on 2× A100".
    pub name: String,
    /// The node.
    pub hardware: Hardware,
    /// How the node's compute is paid for.
    pub compute: Compute,
    /// How electricity is paid for (only bought hardware pays it; rent includes power).
    pub electricity: Electricity,
    /// The served model, for the memory-fit check.
    pub model: ServedModel,
    /// Aggregate tokens per second one node serves under batching (input + output).
    /// Ignored when `phases` gives the prefill and decode rates.
    pub throughput_tokens_per_second: f64,
    /// Separate prefill (input) and decode (output) rates, so an input-heavy workload is
    /// not costed as if every token were generated; none: the one total rate above.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phases: Option<PhaseRates>,
    /// Planned average share of time a node is busy (headroom for peaks keeps it below 1).
    pub utilization: f64,
    /// Extra nodes kept for redundancy, idle.
    pub spare_nodes: u32,
    /// Bought nodes already owned (spares first): the marginal lens drops their write-off,
    /// cost of capital and setup, and prices every node beyond them in full. Ignored by the
    /// full lens (which plans the whole decision) and for rented compute.
    #[serde(skip_serializing_if = "is_no_nodes")]
    pub owned_nodes: u32,
    /// The most serving nodes the scenario allows (space, budget); none means unlimited.
    pub max_nodes: Option<u32>,
    /// Engineers' time to run it, in full-time equivalents.
    pub engineering_fte: f64,
    /// Loaded annual cost of one engineer (salary, benefits, overhead).
    pub engineer_usd_per_year: f64,
    /// Load balancer, storage, monitoring, logs: $ per month.
    pub infrastructure_usd_per_month: f64,
    /// Cost of capital, maintenance, facilities and setup of bought nodes.
    #[serde(skip_serializing_if = "Owning::is_default")]
    pub owning: Owning,
    /// One-off implementation cost and fixed monthly fee.
    #[serde(skip_serializing_if = "Overheads::is_default")]
    pub overheads: Overheads,
    /// Low and high guesses of the rent, price, people, throughput, power…
    #[serde(
        skip_serializing_if = "Ranges::is_empty",
        deserialize_with = "crate::scenario::ranges::checked::unique"
    )]
    pub ranges: Ranges<DeploymentInput>,
}

/// Whether a count of nodes is zero (left out of files).
fn is_no_nodes(nodes: &u32) -> bool {
    *nodes == 0
}

impl Deployment {
    /// Tokens one node is planned to serve in a month: throughput × 3600 × hours ×
    /// (active hours / 24) × utilization / peak-to-average. The engine's staircase and
    /// the node-count check both use it.
    pub fn tokens_per_node_per_month(&self, hours_per_month: f64, workload: &Workload) -> f64 {
        self.throughput_for(workload.input_share())
            * 3600.0
            * hours_per_month
            * workload.active_share()
            * self.utilization
            / workload.peak_to_average()
    }

    /// Tokens per second one node serves of traffic with this input share: with prefill
    /// and decode rates, `1 / (s / prefill + (1 − s) / decode)` (a second of busy time
    /// serves `s` input tokens at the prefill rate and `1 − s` output tokens at the decode
    /// rate); else the one total rate.
    pub fn throughput_for(&self, input_share: f64) -> f64 {
        match &self.phases {
            Some(phases) => phases.tokens_per_second(input_share),
            None => self.throughput_tokens_per_second,
        }
    }
}

impl Default for Deployment {
    fn default() -> Self {
        Self {
            id: OptionId::default(),
            name: "Self-hosted".to_owned(),
            hardware: Hardware::default(),
            compute: Compute::RentedHourly {
                usd_per_hour: 1.30,
                billing: HourlyBilling::AlwaysOn,
            },
            electricity: Electricity::default(),
            model: ServedModel::default(),
            throughput_tokens_per_second: 600.0,
            phases: None,
            utilization: 0.6,
            spare_nodes: 0,
            owned_nodes: 0,
            max_nodes: None,
            engineering_fte: 0.0,
            engineer_usd_per_year: DEFAULT_ENGINEER_USD_PER_YEAR,
            infrastructure_usd_per_month: 0.0,
            owning: Owning::default(),
            overheads: Overheads::default(),
            ranges: Ranges::new(),
        }
    }
}

/// How fast a node reads prompts and writes output, aggregate under batching.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhaseRates {
    /// Input (prompt) tokens per second: prefill is compute-bound and fast.
    pub prefill_tokens_per_second: f64,
    /// Output tokens per second: decode is memory-bandwidth-bound and slower.
    pub decode_tokens_per_second: f64,
}

impl Default for PhaseRates {
    fn default() -> Self {
        Self {
            prefill_tokens_per_second: 5_000.0,
            decode_tokens_per_second: 600.0,
        }
    }
}

impl PhaseRates {
    /// Tokens per busy second for traffic with input share `s`:
    /// `1 / (s / prefill + (1 − s) / decode)`; 0 when a needed rate is 0.
    pub fn tokens_per_second(&self, input_share: f64) -> f64 {
        let share = if input_share.is_finite() {
            input_share.clamp(0.0, 1.0)
        } else {
            0.5
        };
        let seconds_per_token = |rate: f64, part: f64| {
            if part == 0.0 {
                0.0
            } else if rate > 0.0 && rate.is_finite() {
                part / rate
            } else {
                f64::INFINITY
            }
        };
        let seconds = seconds_per_token(self.prefill_tokens_per_second, share)
            + seconds_per_token(self.decode_tokens_per_second, 1.0 - share);
        if seconds > 0.0 && seconds.is_finite() {
            1.0 / seconds
        } else {
            0.0
        }
    }
}

/// A node: one or more GPUs, or a Mac.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hardware {
    /// e.g. "2× A100 80GB".
    pub name: String,
    /// GPUs in the node.
    pub gpus: u32,
    /// Memory available for weights and KV cache, GB (summed over the node's GPUs).
    pub memory_gb: f64,
    /// Power drawn while idle, W.
    pub idle_watts: f64,
    /// Power drawn at full load, W.
    pub load_watts: f64,
    /// Memory bandwidth of the node, GB/s, for the throughput estimate of hardware the
    /// catalogue does not list (a listed node's own figure is used otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub memory_bandwidth_gb_s: Option<f64>,
    /// Dense FP16 compute of the node, TFLOPS, likewise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fp16_tflops: Option<f64>,
}

impl Default for Hardware {
    fn default() -> Self {
        Self {
            name: "A100 80GB".to_owned(),
            gpus: 1,
            memory_gb: 80.0,
            idle_watts: 60.0,
            load_watts: 400.0,
            memory_bandwidth_gb_s: None,
            fp16_tflops: None,
        }
    }
}

/// How compute is paid for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Compute {
    /// Bought outright and written off over a number of months.
    Bought {
        /// Purchase price of one node, $.
        #[serde(default = "super::variant_defaults::price_usd")]
        price_usd: f64,
        /// Months over which the purchase is written off.
        #[serde(default = "super::variant_defaults::amortization_months")]
        amortization_months: f64,
        /// Expected resale value at the end, $ (lowers the monthly write-off).
        #[serde(default)]
        resale_usd: f64,
    },
    /// Rented by the hour.
    RentedHourly {
        /// $ per node-hour.
        #[serde(default = "super::variant_defaults::usd_per_hour")]
        usd_per_hour: f64,
        /// Whether every hour is paid, or only busy hours.
        #[serde(default)]
        billing: HourlyBilling,
    },
    /// Rented by the month (a dedicated server).
    RentedMonthly {
        /// $ per node per month.
        #[serde(default = "super::variant_defaults::usd_per_month")]
        usd_per_month: f64,
    },
}

impl Compute {
    /// True when the node is owned (so electricity is paid separately and payback applies).
    pub fn is_bought(&self) -> bool {
        matches!(self, Compute::Bought { .. })
    }
}

/// Which hours of hourly rent are paid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HourlyBilling {
    /// Reserved: every hour of the month is paid, busy or not.
    #[default]
    AlwaysOn,
    /// Serverless-style: only the hours spent serving traffic are paid.
    BusyHours,
    /// Nodes run (and are paid) during the workload's active hours only: H × A / 24 hours.
    ActiveHours,
}

impl HourlyBilling {
    /// Every policy, for pickers.
    pub const ALL: [HourlyBilling; 3] = [
        HourlyBilling::AlwaysOn,
        HourlyBilling::ActiveHours,
        HourlyBilling::BusyHours,
    ];
}

/// How electricity is costed for bought hardware.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Electricity {
    /// From the node's idle and load power, the busy share, a tariff and PUE.
    Metered {
        /// $ per kWh.
        #[serde(default = "super::variant_defaults::usd_per_kwh")]
        usd_per_kwh: f64,
        /// Power usage effectiveness (cooling overhead); 1.0 at home.
        #[serde(default = "super::variant_defaults::pue")]
        pue: f64,
    },
    /// A flat amount per node per month, as some write-ups give it.
    Flat {
        /// $ per node per month.
        #[serde(default = "super::variant_defaults::usd_per_month_per_node")]
        usd_per_month_per_node: f64,
    },
}

impl Default for Electricity {
    fn default() -> Self {
        Electricity::Metered {
            usd_per_kwh: super::variant_defaults::usd_per_kwh(),
            pue: super::variant_defaults::pue(),
        }
    }
}

/// The open model served, for the memory check.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ServedModel {
    /// e.g. "Llama 3.1 70B".
    pub name: String,
    /// Parameters, billions.
    pub params_billion: f64,
    /// Weight precision.
    pub precision: Precision,
    /// Memory set aside for the KV cache of the requests in flight, GB.
    pub kv_cache_gb: f64,
}

impl Default for ServedModel {
    fn default() -> Self {
        Self {
            name: "Llama 3.1 70B".to_owned(),
            params_billion: 70.0,
            precision: Precision::Q4,
            kv_cache_gb: 5.0,
        }
    }
}

impl ServedModel {
    /// Memory the weights plus KV cache need, GB.
    pub fn memory_needed_gb(&self) -> f64 {
        self.params_billion * self.precision.bytes_per_param() + self.kv_cache_gb
    }
}

/// Weight precision, which sets bytes per parameter.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Precision {
    /// 16-bit floats: 2 bytes per parameter.
    Fp16,
    /// 8-bit floats: 1 byte per parameter.
    Fp8,
    /// 8-bit integer quantisation: 1 byte per parameter.
    Q8,
    /// 4-bit quantisation: half a byte per parameter.
    #[default]
    Q4,
    /// llama.cpp's GGUF Q4_K_M: 4.89 bits per parameter on average.
    #[serde(rename = "Q4_K_M")]
    GgufQ4KM,
    /// llama.cpp's GGUF Q8_0: 8.5 bits per parameter.
    #[serde(rename = "Q8_0")]
    GgufQ8,
}

impl Precision {
    /// Every precision, for pickers.
    pub const ALL: [Precision; 6] = [
        Precision::Fp16,
        Precision::Fp8,
        Precision::Q8,
        Precision::Q4,
        Precision::GgufQ4KM,
        Precision::GgufQ8,
    ];

    /// Bytes one parameter occupies, as the deployment's memory check counts it (the
    /// `fit` estimate counts each format's layers apart: `sizing::memory`).
    pub fn bytes_per_param(self) -> f64 {
        match self {
            Precision::Fp16 => 2.0,
            Precision::Fp8 | Precision::Q8 => 1.0,
            Precision::Q4 => 0.5,
            Precision::GgufQ4KM => 4.89 / 8.0,
            Precision::GgufQ8 => 8.5 / 8.0,
        }
    }

    /// How the precision is written in model cards.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Fp16 => "FP16",
            Precision::Fp8 => "FP8",
            Precision::Q8 => "8-bit",
            Precision::Q4 => "4-bit",
            Precision::GgufQ4KM => "GGUF Q4_K_M",
            Precision::GgufQ8 => "GGUF Q8_0",
        }
    }
}
