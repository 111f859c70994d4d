//! What a user compares: a workload, API price lists and self-hosted deployments.
//!
//! A `Scenario` is plain data: it is what is saved as RON, shipped as a preset and
//! edited by the app's sliders. Nothing derived is stored here; the engine computes it.
//! Every struct has `#[serde(default)]` so files written by older versions keep loading.

pub mod catalog;
pub mod costs;
mod deployment;
pub mod file;
mod identity;
pub mod naming;
pub mod presets;
pub mod ranges;
pub mod repair;
pub mod timeline;
pub mod validate;
mod variant_defaults;

use serde::{Deserialize, Serialize};

use ranges::{ApiInput, Ranges, WorkloadInput};

pub use costs::{Accounting, Constraints, Lens, Overheads, Owning};
pub use deployment::{
    Compute, Deployment, Electricity, Hardware, HourlyBilling, PhaseRates, Precision, ServedModel,
};
pub use identity::{OptionId, OptionRef};

pub use crate::units::Currency;
pub use timeline::TimelineSettings;

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
    #[serde(deserialize_with = "ranges::checked::workload")]
    pub workload: Workload,
    /// Per-token API price lists to compare against.
    #[serde(deserialize_with = "ranges::checked::apis")]
    pub apis: Vec<ApiOption>,
    /// Self-hosted deployments (a node type serving one model).
    #[serde(deserialize_with = "ranges::checked::deployments")]
    pub deployments: Vec<Deployment>,
    /// Optional split of traffic between one deployment and one API.
    pub hybrid: Option<Hybrid>,
    /// Hours in a month: 730 (8760 / 12) by default; some tables use 720.
    pub hours_per_month: f64,
    /// Days in a month, used to turn requests per day into monthly tokens.
    pub days_per_month: f64,
    /// The months the timeline covers and how volume grows over them.
    #[serde(skip_serializing_if = "TimelineSettings::is_default")]
    pub timeline: TimelineSettings,
    /// Which costs count (full or marginal) and the months one-off costs are spread over.
    #[serde(skip_serializing_if = "Accounting::is_default")]
    pub accounting: Accounting,
    /// What rules options out before cost is looked at.
    #[serde(skip_serializing_if = "Constraints::is_default")]
    pub constraints: Constraints,
    /// The currency results are shown in; prices stay in US dollars.
    #[serde(skip_serializing_if = "Currency::is_usd")]
    pub currency: Currency,
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
            timeline: TimelineSettings::default(),
            accounting: Accounting::default(),
            constraints: Constraints::default(),
            currency: Currency::default(),
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
    /// Share of input tokens written to the provider's prompt cache, billed at its write
    /// price (0..=1, with the cached share at most 1): a prefix of P tokens reused R times
    /// within the cache's lifetime is written once for R reads.
    #[serde(skip_serializing_if = "is_zero")]
    pub cache_write_share: f64,
    /// How long the prompt cache keeps an entry: a write costs more for an hour's cache
    /// (Anthropic: 2× the input price, against 1.25× for 5 minutes).
    #[serde(skip_serializing_if = "CacheLifetime::is_default")]
    pub cache_lifetime: CacheLifetime,
    /// A prompt prefix every request shares, reused from the cache: it sets the cached
    /// and written shares of input (and of each request class) in place of the two shares
    /// above. Needs the volume given as requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prompt_prefix: Option<PromptPrefix>,
    /// Share of output tokens that are reasoning (0..=1): part of the output, billed at the
    /// API's reasoning price where it has one.
    #[serde(skip_serializing_if = "is_zero")]
    pub reasoning_share: f64,
    /// Tool calls a request makes that the provider bills (web search, grounding); needs
    /// the volume given as requests.
    #[serde(skip_serializing_if = "is_zero")]
    pub tool_calls_per_request: f64,
    /// A mix of request classes instead of one average request (needs the volume given as
    /// requests per day): each is priced per request, and their mean sets the request size.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<RequestClass>,
    /// Share of traffic sent through a batch API (0..=1).
    pub batch_share: f64,
    /// Share of traffic sent at the flex tier (0..=1, with batch and priority at most 1):
    /// cheaper, slower, and refused when the provider is short of capacity.
    #[serde(skip_serializing_if = "is_zero")]
    pub flex_share: f64,
    /// Share of flex requests refused for capacity and sent again at the standard tier
    /// (0..=1); a refused request is free unless the API bills failures.
    #[serde(skip_serializing_if = "is_zero")]
    pub flex_failure_share: f64,
    /// Share of traffic sent at the priority tier (0..=1): faster, at a premium.
    #[serde(skip_serializing_if = "is_zero")]
    pub priority_share: f64,
    /// Peak traffic over the average of the active hours (≥ 1): nodes are sized for the
    /// peak. Ignored when `peak_requests_per_second` gives the peak.
    #[serde(skip_serializing_if = "is_one")]
    pub peak_to_average: f64,
    /// Hours a day the traffic comes in (0 < A ≤ 24); 10 for business-hours traffic.
    #[serde(skip_serializing_if = "is_whole_day")]
    pub active_hours_per_day: f64,
    /// Requests per second at the peak hour, for a workload given in requests per day: the
    /// peak-to-average ratio is then derived from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_requests_per_second: Option<f64>,
    /// Share of requests whose prompt exceeds an API's long-context threshold (they pay
    /// its long-context tier on all their tokens); requests are taken to be of one mix of
    /// sizes, so it is also their share of the tokens.
    #[serde(skip_serializing_if = "is_zero")]
    pub long_context_share: f64,
    /// Low and high guesses of the shares (and of the hours in a month).
    #[serde(
        skip_serializing_if = "Ranges::is_empty",
        deserialize_with = "crate::scenario::ranges::checked::unique"
    )]
    pub ranges: Ranges<WorkloadInput>,
}

impl Default for Workload {
    fn default() -> Self {
        Self {
            volume: Volume::Tokens {
                tokens_per_month: variant_defaults::tokens_per_month(),
                input_share: variant_defaults::input_share(),
            },
            cached_input_share: 0.0,
            cache_write_share: 0.0,
            cache_lifetime: CacheLifetime::FiveMinutes,
            prompt_prefix: None,
            reasoning_share: 0.0,
            tool_calls_per_request: 0.0,
            classes: Vec::new(),
            batch_share: 0.0,
            flex_share: 0.0,
            flex_failure_share: 0.0,
            priority_share: 0.0,
            peak_to_average: 1.0,
            active_hours_per_day: HOURS_PER_DAY,
            peak_requests_per_second: None,
            long_context_share: 0.0,
            ranges: Ranges::new(),
        }
    }
}

/// How long a prompt-cache entry lives once written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CacheLifetime {
    /// Five minutes, refreshed on each read (the default at Anthropic and OpenAI).
    #[default]
    FiveMinutes,
    /// One hour, at a dearer write.
    OneHour,
}

impl CacheLifetime {
    fn is_default(&self) -> bool {
        *self == Self::FiveMinutes
    }

    /// "5-minute" or "1-hour".
    pub fn label(self) -> &'static str {
        match self {
            Self::FiveMinutes => "5-minute",
            Self::OneHour => "1-hour",
        }
    }
}

/// A prompt prefix the requests share (a system prompt, tool definitions, a document),
/// written to the cache once and read from it `reads_per_write` times within its lifetime.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PromptPrefix {
    /// Tokens of the prefix (at most a request's input; a longer one counts as all of it).
    pub tokens: f64,
    /// Requests that read it from the cache for each one that writes it (20 for a prompt
    /// written once and then used by 20 more requests within the lifetime).
    pub reads_per_write: f64,
}

impl Default for PromptPrefix {
    fn default() -> Self {
        Self {
            tokens: 1_000.0,
            reads_per_write: 10.0,
        }
    }
}

impl PromptPrefix {
    /// The shares of a request's `input_tokens` read from and written to the cache:
    /// `c = R · P / ((R + 1) · I)`, `w = P / ((R + 1) · I)`, with `P` at most `I`.
    pub fn shares(&self, input_tokens: f64) -> (f64, f64) {
        if input_tokens.is_nan() || input_tokens <= 0.0 {
            return (0.0, 0.0);
        }
        let prefix = self.tokens.clamp(0.0, input_tokens) / input_tokens;
        let reads = self.reads_per_write.max(0.0);
        (reads * prefix / (reads + 1.0), prefix / (reads + 1.0))
    }
}

/// Hours in a day: traffic that comes in all day long.
pub const HOURS_PER_DAY: f64 = 24.0;

fn is_one(value: &f64) -> bool {
    *value == 1.0
}

fn is_whole_day(hours: &f64) -> bool {
    *hours == HOURS_PER_DAY
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

fn is_default_engineer_cost(value: &f64) -> bool {
    *value == DEFAULT_ENGINEER_USD_PER_YEAR
}

/// Loaded annual cost of one engineer when a file gives none.
pub const DEFAULT_ENGINEER_USD_PER_YEAR: f64 = 150_000.0;

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

/// One kind of request in a mix: its share of the requests, its size, and the shares of
/// cached input and reasoning output where they differ from the workload's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RequestClass {
    /// e.g. "chat", "retrieval", "long documents".
    pub name: String,
    /// Share of requests (the classes' shares are taken relative to their sum).
    pub share: f64,
    /// Input (prompt) tokens of one request.
    pub input_tokens: f64,
    /// Output tokens of one request.
    pub output_tokens: f64,
    /// Share of its input served from the prompt cache; the workload's when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cached_input_share: Option<f64>,
    /// Share of its output that is reasoning; the workload's when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_share: Option<f64>,
    /// The service tier all its requests are sent at (long documents through the batch
    /// API, say); absent, the workload's batch, flex and priority shares apply to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<ServiceTier>,
    /// Billed tool calls one of its requests makes; the workload's when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tool_calls: Option<f64>,
}

/// A service tier a request is sent at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceTier {
    /// The list prices.
    Standard,
    /// The batch API, at its discount (24-hour turnaround).
    Batch,
    /// The flex tier, at its prices (refused when the provider is short of capacity).
    Flex,
    /// The priority tier, at its prices.
    Priority,
}

impl ServiceTier {
    /// Every tier, in the order the app lists them.
    pub const ALL: [Self; 4] = [Self::Standard, Self::Batch, Self::Flex, Self::Priority];

    /// "standard", "batch", "flex", "priority".
    pub fn label(self) -> &'static str {
        match self {
            Self::Standard => "standard",
            Self::Batch => "batch",
            Self::Flex => "flex",
            Self::Priority => "priority",
        }
    }
}

impl Default for RequestClass {
    fn default() -> Self {
        Self {
            name: "requests".to_owned(),
            share: 1.0,
            input_tokens: variant_defaults::input_tokens_per_request(),
            output_tokens: variant_defaults::output_tokens_per_request(),
            cached_input_share: None,
            reasoning_share: None,
            tier: None,
            tool_calls: None,
        }
    }
}

impl Workload {
    /// A request's input and output tokens when the volume is in requests: the classes'
    /// mean (weighted by their shares of requests) when the workload has classes, else the
    /// volume's own size. `None` for a volume in tokens.
    pub fn request_size(&self) -> Option<(f64, f64)> {
        let Volume::Requests {
            input_tokens_per_request,
            output_tokens_per_request,
            ..
        } = self.volume
        else {
            return None;
        };
        let total_share: f64 = self.classes.iter().map(|class| class.share.max(0.0)).sum();
        if total_share > 0.0 {
            let mean = |tokens: fn(&RequestClass) -> f64| {
                self.classes
                    .iter()
                    .map(|class| class.share.max(0.0) * tokens(class))
                    .sum::<f64>()
                    / total_share
            };
            return Some((mean(|c| c.input_tokens), mean(|c| c.output_tokens)));
        }
        Some((input_tokens_per_request, output_tokens_per_request))
    }

    /// Total tokens per month (input + output).
    pub fn tokens_per_month(&self, days_per_month: f64) -> f64 {
        match (&self.volume, self.request_size()) {
            (
                Volume::Requests {
                    requests_per_day, ..
                },
                Some((input, output)),
            ) => requests_per_day * (input + output) * days_per_month,
            (
                Volume::Tokens {
                    tokens_per_month, ..
                },
                _,
            ) => *tokens_per_month,
            (Volume::Requests { .. }, None) => 0.0,
        }
    }

    /// input / (input + output); 0.5 when a request has no tokens at all.
    pub fn input_share(&self) -> f64 {
        match (&self.volume, self.request_size()) {
            (Volume::Tokens { input_share, .. }, _) => *input_share,
            (Volume::Requests { .. }, None) => 0.5,
            (
                Volume::Requests { .. },
                Some((input_tokens_per_request, output_tokens_per_request)),
            ) => {
                let total = input_tokens_per_request + output_tokens_per_request;
                if total > 0.0 {
                    input_tokens_per_request / total
                } else {
                    0.5
                }
            }
        }
    }

    /// Share of the day the traffic comes in: active hours / 24, within (0, 1].
    pub fn active_share(&self) -> f64 {
        let hours = self.active_hours_per_day;
        if hours.is_finite() && hours > 0.0 {
            (hours / HOURS_PER_DAY).min(1.0)
        } else {
            1.0
        }
    }

    /// Peak traffic over the active hours' average, at least 1: derived from the peak
    /// requests per second when the workload gives them (`peak · A · 3600 / requests per
    /// day`), else the ratio given.
    pub fn peak_to_average(&self) -> f64 {
        let ratio = match (
            self.peak_requests_per_second,
            self.average_requests_per_second(),
        ) {
            (Some(peak), Some(average)) => peak / average,
            _ => self.peak_to_average,
        };
        if ratio.is_finite() {
            ratio.max(1.0)
        } else {
            1.0
        }
    }

    /// Requests per second averaged over the active hours: requests per day / (A · 3600);
    /// `None` for a workload in tokens or without requests.
    pub fn average_requests_per_second(&self) -> Option<f64> {
        match self.volume {
            Volume::Requests {
                requests_per_day, ..
            } if requests_per_day > 0.0 => {
                Some(requests_per_day / (self.active_share() * HOURS_PER_DAY * 3600.0))
            }
            _ => None,
        }
    }

    /// "traffic 10 hours a day, peaks 2.0× the average", or `None` for all-day traffic
    /// without peaks.
    pub fn describe_shape(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.active_share() < 1.0 {
            parts.push(format!(
                "traffic {} hours a day",
                crate::units::format_short_number(self.active_hours_per_day)
            ));
        }
        let peak = self.peak_to_average();
        if peak > 1.0 {
            let from = match self.peak_requests_per_second {
                Some(rps) if matches!(self.volume, Volume::Requests { .. }) => {
                    format!(
                        " ({} requests/s at the peak)",
                        crate::units::format_short_number(rps)
                    )
                }
                _ => String::new(),
            };
            parts.push(format!("peaks {peak:.1}× the average{from}"));
        }
        (!parts.is_empty()).then(|| parts.join(", "))
    }

    /// Tokens in one request, when the workload is given per request.
    pub fn tokens_per_request(&self) -> Option<f64> {
        self.request_size().map(|(input, output)| input + output)
    }

    /// Billed tool calls a request makes on average: over the request classes (each its
    /// own, or the workload's), else the workload's.
    pub fn tool_calls(&self) -> f64 {
        let total: f64 = self.classes.iter().map(|class| class.share.max(0.0)).sum();
        if total > 0.0 && self.classes.iter().any(|class| class.tool_calls.is_some()) {
            self.classes
                .iter()
                .map(|class| {
                    class.share.max(0.0)
                        * class
                            .tool_calls
                            .unwrap_or(self.tool_calls_per_request)
                            .max(0.0)
                })
                .sum::<f64>()
                / total
        } else {
            self.tool_calls_per_request
        }
    }

    /// The shares of input read from and written to the prompt cache: from the prompt
    /// prefix where one is given (at the mean request's input), else as stated.
    pub fn cache_shares(&self) -> (f64, f64) {
        self.cache_shares_at(self.request_size().map(|(input, _)| input))
    }

    /// The cache shares of a request of `input_tokens` (the prefix's, where one is given
    /// and the size known; the stated shares otherwise).
    pub fn cache_shares_at(&self, input_tokens: Option<f64>) -> (f64, f64) {
        match (&self.prompt_prefix, input_tokens) {
            (Some(prefix), Some(input)) => prefix.shares(input),
            _ => (self.cached_input_share, self.cache_write_share),
        }
    }

    /// Sets the monthly volume and keeps the input share (and request size, if any).
    pub fn set_tokens_per_month(&mut self, tokens: f64, days_per_month: f64) {
        let per_request = self.tokens_per_request().unwrap_or(0.0);
        match &mut self.volume {
            Volume::Tokens {
                tokens_per_month, ..
            } => *tokens_per_month = tokens,
            Volume::Requests {
                requests_per_day, ..
            } => {
                let per_day = per_request * days_per_month;
                if per_day > 0.0 {
                    let before = *requests_per_day;
                    *requests_per_day = tokens / per_day;
                    // A peak given in requests per second scales with the traffic, so the
                    // peak-to-average ratio (the traffic's shape) stays what the chart uses.
                    if let Some(peak) = self.peak_requests_per_second.as_mut()
                        && before > 0.0
                    {
                        *peak *= *requests_per_day / before;
                    }
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
    /// $ per 1M input tokens written to the prompt cache (Anthropic bills a write at 1.25×
    /// the input price for a 5-minute cache, 2× for an hour); the input price when absent
    /// (older OpenAI models charge no premium).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd_per_million_cache_write: Option<f64>,
    /// $ per 1M input tokens written to an hour's cache (Anthropic: 2× the input price);
    /// the 5-minute write price when absent (with a warning where the workload's cache
    /// lives an hour: that under-reports the bill).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd_per_million_cache_write_1h: Option<f64>,
    /// $ per 1M tokens kept in the prompt cache per hour (Gemini bills context caching's
    /// storage so): the workload's prompt prefix kept for its active hours, a fixed monthly
    /// cost.
    #[serde(skip_serializing_if = "is_zero")]
    pub usd_per_million_cache_hour: f64,
    /// $ per 1M reasoning tokens where the provider prices them apart from output; absent,
    /// they are output tokens at the output price (OpenAI counts them inside the
    /// completion tokens, so they are never counted twice).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub usd_per_million_reasoning: Option<f64>,
    /// The reasoning effort this API is run at, with the user's multipliers on output
    /// length for each level: at a multiplier `m` the API writes `m − 1` reasoning tokens
    /// for each output token of the workload, billed as reasoning. `None`: no extra.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reasoning_effort: Option<ReasoningEffort>,
    /// $ per 1,000 tool calls the provider bills besides tokens (web search, grounding).
    #[serde(skip_serializing_if = "is_zero")]
    pub usd_per_thousand_tool_calls: f64,
    /// Discount on batch traffic (0.5 = half price).
    pub batch_discount: f64,
    /// Batch requests' cache reads bill at the standard cached price, not discounted again
    /// (some providers' rule: the two discounts do not stack).
    #[serde(skip_serializing_if = "is_false")]
    pub batch_cache_reads_at_standard: bool,
    /// The flex tier's prices, when the API has one; flex traffic pays standard without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flex: Option<TierPrices>,
    /// Flex requests refused for capacity are billed too (most providers do not bill them).
    #[serde(skip_serializing_if = "is_false")]
    pub flex_failures_billed: bool,
    /// The priority tier's prices, when the API has one; priority traffic pays standard
    /// without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<TierPrices>,
    /// Bought through an in-region endpoint that keeps the data in the region, at this
    /// uplift on every token price (0.1 = 10% more, a typical figure); such an API is not
    /// ruled out when data must stay. `None`: the global endpoint.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_region_uplift: Option<f64>,
    /// A price for requests whose prompt is longer than a threshold (the whole request
    /// pays it); the workload says what share of requests does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub long_context: Option<LongContextTier>,
    /// Engineers' time for integration and prompt operations, full-time equivalents.
    #[serde(skip_serializing_if = "is_zero")]
    pub engineering_fte: f64,
    /// Loaded annual cost of one engineer.
    #[serde(skip_serializing_if = "is_default_engineer_cost")]
    pub engineer_usd_per_year: f64,
    /// One-off implementation cost and fixed monthly fee.
    #[serde(skip_serializing_if = "Overheads::is_default")]
    pub overheads: Overheads,
    /// The catalogue entry and as-of date the prices were taken from, so a newer catalogue
    /// can say what changed since; `None` for prices typed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prices_from: Option<PricesFrom>,
    /// Low and high guesses of the prices and the discount.
    #[serde(
        skip_serializing_if = "Ranges::is_empty",
        deserialize_with = "crate::scenario::ranges::checked::unique"
    )]
    pub ranges: Ranges<ApiInput>,
}

/// A price that applies to a whole request once its prompt is longer than a threshold
/// (providers price long-context requests this way: all of the request's tokens, not only
/// those past the threshold).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LongContextTier {
    /// Prompt tokens above which the tier applies.
    pub above_input_tokens: u64,
    /// The tier applies at the threshold too (a prompt of exactly `above_input_tokens`):
    /// providers differ on the edge.
    #[serde(skip_serializing_if = "is_false")]
    pub includes_threshold: bool,
    /// $ per 1M input tokens.
    pub usd_per_million_input: f64,
    /// $ per 1M cached input tokens; the tier's input price when absent.
    pub usd_per_million_cached_input: Option<f64>,
    /// $ per 1M output tokens.
    pub usd_per_million_output: f64,
}

impl Default for LongContextTier {
    fn default() -> Self {
        Self {
            above_input_tokens: 200_000,
            includes_threshold: false,
            usd_per_million_input: 0.0,
            usd_per_million_cached_input: None,
            usd_per_million_output: 0.0,
        }
    }
}

impl LongContextTier {
    /// Whether a prompt of `input_tokens` pays the tier.
    pub fn applies_to(&self, input_tokens: f64) -> bool {
        let threshold = self.above_input_tokens as f64;
        input_tokens > threshold || (self.includes_threshold && input_tokens == threshold)
    }
}

/// A service tier's token prices (flex, priority), $ per 1M. Cache writes and reasoning
/// keep the standard list's ratio to input and output.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TierPrices {
    /// $ per 1M input tokens.
    pub usd_per_million_input: f64,
    /// $ per 1M cached input tokens; absent, the tier's cache reads bill at the standard
    /// cached price (the discounts do not stack).
    pub usd_per_million_cached_input: Option<f64>,
    /// $ per 1M output tokens.
    pub usd_per_million_output: f64,
}

fn is_false(value: &bool) -> bool {
    !*value
}

pub(crate) fn id_unassigned(id: &OptionId) -> bool {
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
            usd_per_million_cache_write: None,
            usd_per_million_cache_write_1h: None,
            usd_per_million_cache_hour: 0.0,
            usd_per_million_reasoning: None,
            reasoning_effort: None,
            usd_per_thousand_tool_calls: 0.0,
            batch_discount: 0.5,
            batch_cache_reads_at_standard: false,
            flex: None,
            flex_failures_billed: false,
            priority: None,
            in_region_uplift: None,
            long_context: None,
            engineering_fte: 0.0,
            engineer_usd_per_year: DEFAULT_ENGINEER_USD_PER_YEAR,
            overheads: Overheads::default(),
            prices_from: None,
            ranges: Ranges::new(),
        }
    }
}

/// A reasoning effort level and the output each level writes, as multiples of the
/// workload's output (measured by the user: a provider's usage export counts reasoning
/// tokens; no default stands for every model).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReasoningEffort {
    /// The level the API is run at.
    pub level: EffortLevel,
    /// Output at low effort over the workload's output (1: no reasoning added).
    pub low: f64,
    /// At medium effort.
    pub medium: f64,
    /// At high effort.
    pub high: f64,
}

impl Default for ReasoningEffort {
    fn default() -> Self {
        Self {
            level: EffortLevel::None,
            low: 1.0,
            medium: 1.0,
            high: 1.0,
        }
    }
}

impl ReasoningEffort {
    /// The multiplier of the level chosen (1 for none).
    pub fn multiplier(&self) -> f64 {
        match self.level {
            EffortLevel::None => 1.0,
            EffortLevel::Low => self.low,
            EffortLevel::Medium => self.medium,
            EffortLevel::High => self.high,
        }
    }
}

/// How hard a reasoning model thinks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum EffortLevel {
    /// No reasoning.
    #[default]
    None,
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl EffortLevel {
    /// Every level, in order.
    pub const ALL: [Self; 4] = [Self::None, Self::Low, Self::Medium, Self::High];

    /// "none", "low", "medium", "high".
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

/// Where an API's prices came from in the catalogue.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PricesFrom {
    /// The entry's name, e.g. "gpt-4o".
    pub entry: String,
    /// Its provider, e.g. "openai".
    pub provider: String,
    /// The entry's as-of date when the prices were taken ("2026-12-01").
    pub as_of: String,
    /// The input, cached input and output prices taken, $ per 1M: what a newer catalogue
    /// is compared with (the API's own may since have been edited by hand).
    pub input: f64,
    /// Cached input, when the entry listed it.
    pub cached_input: Option<f64>,
    /// Output.
    pub output: f64,
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
