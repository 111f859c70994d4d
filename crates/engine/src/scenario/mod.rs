//! What a user compares: a workload, API price lists and self-hosted deployments.
//!
//! A `Scenario` is plain data: it is what is saved as RON, shipped as a preset and
//! edited by the app's sliders. Nothing derived is stored here; the engine computes it.
//! Every struct has `#[serde(default)]` so files written by older versions keep loading.

pub mod catalog;
pub mod file;
mod identity;
pub mod presets;
pub mod validate;

use serde::{Deserialize, Serialize};

pub use identity::{OptionId, OptionRef};

/// The file format version this build writes.
pub const SCENARIO_VERSION: u32 = 1;

/// Hours in an average month (8760 / 12).
pub const DEFAULT_HOURS_PER_MONTH: f64 = 730.0;
/// Days in an average month (365 / 12, rounded as published tables do).
pub const DEFAULT_DAYS_PER_MONTH: f64 = 30.42;

/// One comparison: the workload, the API options and the self-hosted deployments.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scenario {
    /// File format version; files without one are read as version 1.
    pub version: u32,
    /// Short title shown above the chart and in exports.
    pub title: String,
    /// One line saying what the scenario compares.
    pub description: String,
    /// Where each published figure in the scenario comes from.
    pub sources: Vec<Source>,
    /// How much traffic, and of what shape.
    pub workload: Workload,
    /// Per-token API price lists to compare against.
    pub apis: Vec<ApiOption>,
    /// Self-hosted deployments (a node type serving one model).
    pub deployments: Vec<Deployment>,
    /// Optional split of traffic between one deployment and one API.
    pub hybrid: Option<Hybrid>,
    /// Hours in a month: 730 (8760 / 12) by default; some tables use 720.
    pub hours_per_month: f64,
    /// Days in a month, used to turn requests per day into monthly tokens.
    pub days_per_month: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Self {
            version: SCENARIO_VERSION,
            title: "Untitled scenario".to_owned(),
            description: String::new(),
            sources: Vec::new(),
            workload: Workload::default(),
            apis: Vec::new(),
            deployments: Vec::new(),
            hybrid: None,
            hours_per_month: DEFAULT_HOURS_PER_MONTH,
            days_per_month: DEFAULT_DAYS_PER_MONTH,
        }
    }
}

/// A published figure's origin, kept with the scenario so a reader can check it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Source {
    /// Which figure this is, e.g. "GPT-4o prices".
    pub figure: String,
    /// Where it was published.
    pub source: String,
    /// When the figure was true, e.g. "2026-01".
    pub as_of: String,
}

/// The traffic: monthly volume and input/output mix, plus prompt-cache and batch use.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Workload {
    /// The volume, as tokens per month or as requests per day.
    pub volume: Volume,
    /// Share of input tokens served from the provider's prompt cache (0..=1).
    pub cached_input_share: f64,
    /// Share of traffic sent through a batch API (0..=1).
    pub batch_share: f64,
}

impl Default for Workload {
    fn default() -> Self {
        Self {
            volume: Volume::Tokens {
                tokens_per_month: variant_defaults::tokens_per_month(),
                input_share: variant_defaults::input_share(),
            },
            cached_input_share: 0.0,
            batch_share: 0.0,
        }
    }
}

/// Defaults of fields inside enum variants, which `#[serde(default)]` on a struct
/// cannot reach: each is documented in the README's table of defaults.
mod variant_defaults {
    pub(super) fn tokens_per_month() -> f64 {
        100e6
    }
    pub(super) fn input_share() -> f64 {
        0.75
    }
    pub(super) fn requests_per_day() -> f64 {
        10_000.0
    }
    pub(super) fn input_tokens_per_request() -> f64 {
        500.0
    }
    pub(super) fn output_tokens_per_request() -> f64 {
        300.0
    }
    pub(super) fn price_usd() -> f64 {
        15_000.0
    }
    pub(super) fn amortization_months() -> f64 {
        36.0
    }
    pub(super) fn usd_per_hour() -> f64 {
        1.30
    }
    pub(super) fn usd_per_month() -> f64 {
        500.0
    }
    pub(super) fn usd_per_kwh() -> f64 {
        0.12
    }
    pub(super) fn pue() -> f64 {
        1.0
    }
    pub(super) fn usd_per_month_per_node() -> f64 {
        10.0
    }
}

/// How the volume is given: directly, or as requests of a typical size.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Volume {
    /// Total tokens per month (input + output) and the input share of them.
    Tokens {
        /// Input plus output tokens per month.
        #[serde(default = "variant_defaults::tokens_per_month")]
        tokens_per_month: f64,
        /// input / (input + output); "3 : 1" is 0.75.
        #[serde(default = "variant_defaults::input_share")]
        input_share: f64,
    },
    /// Requests per day of a typical size; converted with the scenario's days per month.
    Requests {
        /// Requests per day.
        #[serde(default = "variant_defaults::requests_per_day")]
        requests_per_day: f64,
        /// Input (prompt) tokens per request.
        #[serde(default = "variant_defaults::input_tokens_per_request")]
        input_tokens_per_request: f64,
        /// Output (completion) tokens per request.
        #[serde(default = "variant_defaults::output_tokens_per_request")]
        output_tokens_per_request: f64,
    },
}

impl Workload {
    /// Total tokens per month (input + output).
    pub fn tokens_per_month(&self, days_per_month: f64) -> f64 {
        match self.volume {
            Volume::Tokens {
                tokens_per_month, ..
            } => tokens_per_month,
            Volume::Requests {
                requests_per_day,
                input_tokens_per_request,
                output_tokens_per_request,
            } => {
                requests_per_day
                    * (input_tokens_per_request + output_tokens_per_request)
                    * days_per_month
            }
        }
    }

    /// input / (input + output); 0.5 when a request has no tokens at all.
    pub fn input_share(&self) -> f64 {
        match self.volume {
            Volume::Tokens { input_share, .. } => input_share,
            Volume::Requests {
                input_tokens_per_request,
                output_tokens_per_request,
                ..
            } => {
                let total = input_tokens_per_request + output_tokens_per_request;
                if total > 0.0 {
                    input_tokens_per_request / total
                } else {
                    0.5
                }
            }
        }
    }

    /// Tokens in one request, when the workload is given per request.
    pub fn tokens_per_request(&self) -> Option<f64> {
        match self.volume {
            Volume::Tokens { .. } => None,
            Volume::Requests {
                input_tokens_per_request,
                output_tokens_per_request,
                ..
            } => Some(input_tokens_per_request + output_tokens_per_request),
        }
    }

    /// Sets the monthly volume and keeps the input share (and request size, if any).
    pub fn set_tokens_per_month(&mut self, tokens: f64, days_per_month: f64) {
        match &mut self.volume {
            Volume::Tokens {
                tokens_per_month, ..
            } => *tokens_per_month = tokens,
            Volume::Requests {
                requests_per_day,
                input_tokens_per_request,
                output_tokens_per_request,
            } => {
                let per_day =
                    (*input_tokens_per_request + *output_tokens_per_request) * days_per_month;
                if per_day > 0.0 {
                    *requests_per_day = tokens / per_day;
                }
            }
        }
    }
}

/// One API's prices per million tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiOption {
    /// Stable identifier; given on load when a file has none (see [`OptionId`]).
    #[serde(skip_serializing_if = "id_unassigned")]
    pub id: OptionId,
    /// Model or offer name, e.g. "GPT-4o".
    pub name: String,
    /// $ per 1M input tokens.
    pub usd_per_million_input: f64,
    /// $ per 1M cached input tokens; the input price when absent.
    pub usd_per_million_cached_input: Option<f64>,
    /// $ per 1M output tokens.
    pub usd_per_million_output: f64,
    /// Discount on batch traffic (0.5 = half price).
    pub batch_discount: f64,
}

fn id_unassigned(id: &OptionId) -> bool {
    !id.is_assigned()
}

impl Default for ApiOption {
    fn default() -> Self {
        Self {
            id: OptionId::default(),
            name: "API".to_owned(),
            usd_per_million_input: 0.0,
            usd_per_million_cached_input: None,
            usd_per_million_output: 0.0,
            batch_discount: 0.5,
        }
    }
}

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
    pub throughput_tokens_per_second: f64,
    /// Planned average share of time a node is busy (headroom for peaks keeps it below 1).
    pub utilization: f64,
    /// Extra nodes kept for redundancy, idle.
    pub spare_nodes: u32,
    /// The most serving nodes the scenario allows (space, budget); none means unlimited.
    pub max_nodes: Option<u32>,
    /// Engineers' time to run it, in full-time equivalents.
    pub engineering_fte: f64,
    /// Loaded annual cost of one engineer (salary, benefits, overhead).
    pub engineer_usd_per_year: f64,
    /// Load balancer, storage, monitoring, logs: $ per month.
    pub infrastructure_usd_per_month: f64,
}

impl Deployment {
    /// Tokens one node is planned to serve in a month: throughput × 3600 × hours ×
    /// utilization. The engine's staircase and the node-count check both use it.
    pub fn tokens_per_node_per_month(&self, hours_per_month: f64) -> f64 {
        self.throughput_tokens_per_second * 3600.0 * hours_per_month * self.utilization
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
            utilization: 0.6,
            spare_nodes: 0,
            max_nodes: None,
            engineering_fte: 0.0,
            engineer_usd_per_year: 150_000.0,
            infrastructure_usd_per_month: 0.0,
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
}

impl Default for Hardware {
    fn default() -> Self {
        Self {
            name: "A100 80GB".to_owned(),
            gpus: 1,
            memory_gb: 80.0,
            idle_watts: 60.0,
            load_watts: 400.0,
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
        #[serde(default = "variant_defaults::price_usd")]
        price_usd: f64,
        /// Months over which the purchase is written off.
        #[serde(default = "variant_defaults::amortization_months")]
        amortization_months: f64,
        /// Expected resale value at the end, $ (lowers the monthly write-off).
        #[serde(default)]
        resale_usd: f64,
    },
    /// Rented by the hour.
    RentedHourly {
        /// $ per node-hour.
        #[serde(default = "variant_defaults::usd_per_hour")]
        usd_per_hour: f64,
        /// Whether every hour is paid, or only busy hours.
        #[serde(default)]
        billing: HourlyBilling,
    },
    /// Rented by the month (a dedicated server).
    RentedMonthly {
        /// $ per node per month.
        #[serde(default = "variant_defaults::usd_per_month")]
        usd_per_month: f64,
    },
}

impl Compute {
    /// True when the node is owned (so electricity is paid separately and payback applies).
    pub fn is_bought(&self) -> bool {
        matches!(self, Compute::Bought { .. })
    }
}

/// Whether hourly rent is paid for every hour or only for busy hours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum HourlyBilling {
    /// Reserved: every hour of the month is paid, busy or not.
    #[default]
    AlwaysOn,
    /// Serverless-style: only the hours spent serving traffic are paid.
    BusyHours,
}

/// How electricity is costed for bought hardware.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Electricity {
    /// From the node's idle and load power, the busy share, a tariff and PUE.
    Metered {
        /// $ per kWh.
        #[serde(default = "variant_defaults::usd_per_kwh")]
        usd_per_kwh: f64,
        /// Power usage effectiveness (cooling overhead); 1.0 at home.
        #[serde(default = "variant_defaults::pue")]
        pue: f64,
    },
    /// A flat amount per node per month, as some write-ups give it.
    Flat {
        /// $ per node per month.
        #[serde(default = "variant_defaults::usd_per_month_per_node")]
        usd_per_month_per_node: f64,
    },
}

impl Default for Electricity {
    fn default() -> Self {
        Electricity::Metered {
            usd_per_kwh: variant_defaults::usd_per_kwh(),
            pue: variant_defaults::pue(),
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
}

impl Precision {
    /// Every precision, for pickers.
    pub const ALL: [Precision; 4] = [
        Precision::Fp16,
        Precision::Fp8,
        Precision::Q8,
        Precision::Q4,
    ];

    /// Bytes one parameter occupies.
    pub fn bytes_per_param(self) -> f64 {
        match self {
            Precision::Fp16 => 2.0,
            Precision::Fp8 | Precision::Q8 => 1.0,
            Precision::Q4 => 0.5,
        }
    }

    /// How the precision is written in model cards.
    pub fn label(self) -> &'static str {
        match self {
            Precision::Fp16 => "FP16",
            Precision::Fp8 => "FP8",
            Precision::Q8 => "8-bit",
            Precision::Q4 => "4-bit",
        }
    }
}

/// A share of traffic served by one deployment, the rest by one API.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Hybrid {
    /// Share of tokens sent to the deployment (0..=1).
    pub local_share: f64,
    /// The deployment that takes the local share (its id; older files give its name).
    pub deployment: OptionRef,
    /// The API that takes the rest (its id; older files give its name).
    pub api: OptionRef,
}

impl Default for Hybrid {
    fn default() -> Self {
        Self {
            local_share: 0.5,
            deployment: OptionRef::default(),
            api: OptionRef::default(),
        }
    }
}

impl Scenario {
    /// Total tokens per month at the scenario's own volume.
    pub fn tokens_per_month(&self) -> f64 {
        self.workload.tokens_per_month(self.days_per_month)
    }

    /// The same scenario at another monthly volume, keeping the input share.
    pub fn with_tokens_per_month(&self, tokens: f64) -> Scenario {
        let mut scenario = self.clone();
        scenario
            .workload
            .set_tokens_per_month(tokens, self.days_per_month);
        scenario
    }
}
