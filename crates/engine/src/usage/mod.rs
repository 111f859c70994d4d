//! A provider's usage export, turned into a workload: the monthly volumes of the timeline,
//! the latest month's volume, request size, cached, written and batch shares, web searches
//! a request, and one request class per model where the export counts requests by model;
//! and the bill those counts give at an API's prices, beside what the export says was
//! billed, the difference named by its parts.
//!
//! The bill here is worked out from the counts themselves (uncached, cached, 5-minute and
//! 1-hour written input, output, batch), not from the shares the workload gets, so it is an
//! independent check of the engine's price for the imported workload: the two agree to
//! rounding (`tests/usage_import.rs`).

mod read;

use std::collections::BTreeMap;

pub use read::read;
use read::{Line, Tier, months_between};

use crate::engine::api;
use crate::scenario::{ApiOption, CacheLifetime, RequestClass, Scenario, TierPrices, Volume};
use crate::units::{format_percent, format_tokens, group_thousands};

/// Whose export it is (from its shape).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    /// OpenAI's Usage and Costs APIs.
    OpenAi,
    /// Anthropic's Usage and Cost Reports.
    Anthropic,
}

/// Token counts of one kind of traffic.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Counts {
    /// Input tokens neither read from nor written to the cache.
    pub uncached_input: f64,
    /// Input tokens read from the cache.
    pub cached_input: f64,
    /// Input tokens written to a 5-minute cache.
    pub written_5m: f64,
    /// Input tokens written to an hour's cache.
    pub written_1h: f64,
    /// Output tokens (reasoning included, as OpenAI counts them).
    pub output: f64,
}

impl Counts {
    /// Input tokens of every kind.
    pub fn input(&self) -> f64 {
        self.uncached_input + self.cached_input + self.written_5m + self.written_1h
    }

    /// Input plus output.
    pub fn tokens(&self) -> f64 {
        self.input() + self.output
    }

    fn add(&mut self, other: &Counts) {
        self.uncached_input += other.uncached_input;
        self.cached_input += other.cached_input;
        self.written_5m += other.written_5m;
        self.written_1h += other.written_1h;
        self.output += other.output;
    }

    /// What these tokens cost at `api`'s standard prices, part by part: uncached input,
    /// cache reads, 5-minute and 1-hour writes, output.
    fn priced(&self, api: &ApiOption) -> [f64; 5] {
        let per_million = |tokens: f64, price: f64| tokens / 1e6 * price.max(0.0);
        let input_price = api.usd_per_million_input;
        [
            per_million(self.uncached_input, input_price),
            per_million(
                self.cached_input,
                api.usd_per_million_cached_input.unwrap_or(input_price),
            ),
            per_million(
                self.written_5m,
                api::write_price(api, CacheLifetime::FiveMinutes),
            ),
            per_million(
                self.written_1h,
                api::write_price(api, CacheLifetime::OneHour),
            ),
            per_million(self.output, api.usd_per_million_output),
        ]
    }
}

/// One calendar month's usage (UTC).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MonthUsage {
    /// Every request's tokens.
    pub all: Counts,
    /// The batch requests' tokens (part of `all`).
    pub batch: Counts,
    /// The flex requests' tokens (part of `all`).
    pub flex: Counts,
    /// The priority requests' tokens (part of `all`).
    pub priority: Counts,
    /// Requests, where the export counts them (OpenAI does; Anthropic's report does not).
    pub requests: Option<f64>,
    /// Web searches billed.
    pub web_searches: f64,
    /// Per model: input, output and requests (where counted).
    pub by_model: BTreeMap<String, ModelUsage>,
}

/// One model's part of a month.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelUsage {
    /// Input tokens of every kind.
    pub input: f64,
    /// Output tokens.
    pub output: f64,
    /// Requests, where counted.
    pub requests: Option<f64>,
}

impl MonthUsage {
    /// Input tokens of every kind.
    pub fn input(&self) -> f64 {
        self.all.input()
    }

    /// Input plus output.
    pub fn tokens(&self) -> f64 {
        self.all.tokens()
    }

    fn add(&mut self, line: &Line) {
        self.all.add(&line.counts);
        match line.tier {
            Tier::Batch => self.batch.add(&line.counts),
            Tier::Flex => self.flex.add(&line.counts),
            Tier::Priority => self.priority.add(&line.counts),
            Tier::Standard => {}
        }
        self.web_searches += line.web_searches;
        if let Some(requests) = line.requests {
            *self.requests.get_or_insert(0.0) += requests;
        }
        if let Some(model) = &line.model {
            let entry = self.by_model.entry(model.clone()).or_default();
            entry.input += line.counts.input();
            entry.output += line.counts.output;
            if let Some(requests) = line.requests {
                *entry.requests.get_or_insert(0.0) += requests;
            }
        }
    }

    fn merge(&mut self, other: MonthUsage) {
        self.all.add(&other.all);
        self.batch.add(&other.batch);
        self.flex.add(&other.flex);
        self.priority.add(&other.priority);
        self.web_searches += other.web_searches;
        if let Some(requests) = other.requests {
            *self.requests.get_or_insert(0.0) += requests;
        }
        for (model, usage) in other.by_model {
            let entry = self.by_model.entry(model).or_default();
            entry.input += usage.input;
            entry.output += usage.output;
            if let Some(requests) = usage.requests {
                *entry.requests.get_or_insert(0.0) += requests;
            }
        }
    }
}

/// What an export holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Usage {
    /// Whose export (`None` until a bucket says).
    pub provider: Option<Provider>,
    /// Usage by month, "YYYY-MM".
    pub months: BTreeMap<String, MonthUsage>,
    /// What was billed by month, US dollars (from a cost export or a `cost_usd` column).
    pub billed_usd: BTreeMap<String, f64>,
}

impl Usage {
    fn add(&mut self, month: &str, line: &Line) {
        self.months.entry(month.to_owned()).or_default().add(line);
    }

    /// Adds another export's months and bills (a usage file and a cost file).
    pub fn merge(&mut self, other: Usage) {
        self.provider = self.provider.or(other.provider);
        for (month, usage) in other.months {
            self.months.entry(month).or_default().merge(usage);
        }
        for (month, usd) in other.billed_usd {
            *self.billed_usd.entry(month).or_default() += usd;
        }
    }

    /// The latest month with usage.
    pub fn latest(&self) -> Option<(&str, &MonthUsage)> {
        self.months
            .iter()
            .next_back()
            .map(|(month, usage)| (month.as_str(), usage))
    }

    /// Sets `scenario`'s workload and timeline from the export; returns what it set, one
    /// line each.
    pub fn apply(&self, scenario: &mut Scenario) -> Vec<String> {
        let Some((month, latest)) = self.latest() else {
            return vec!["the export holds no usage".to_owned()];
        };
        let mut said = Vec::new();
        let months = months_between(&self.months);
        let volumes: Vec<f64> = months
            .iter()
            .map(|month| self.months.get(month).map_or(0.0, MonthUsage::tokens))
            .collect();
        said.push(format!(
            "timeline: {} of monthly volumes, {} to {month}",
            crate::units::count_of(volumes.len(), "month", "months"),
            months.first().map_or(month, String::as_str)
        ));
        scenario.timeline.volumes = volumes;
        let workload = &mut scenario.workload;
        let input = latest.input();
        let tokens = latest.tokens();
        let days = scenario.days_per_month;
        said.push(set_volume(&mut workload.volume, month, latest, days));
        let share = |part: f64, whole: f64| if whole > 0.0 { part / whole } else { 0.0 };
        let all = &latest.all;
        let written = all.written_5m + all.written_1h;
        workload.prompt_prefix = None;
        workload.cached_input_share = share(all.cached_input, input);
        workload.cache_write_share = share(written, input);
        workload.cache_lifetime = if all.written_1h > all.written_5m {
            CacheLifetime::OneHour
        } else {
            CacheLifetime::FiveMinutes
        };
        said.push(format!(
            "cache: {} of input read, {} written ({} cache{})",
            format_percent(workload.cached_input_share),
            format_percent(workload.cache_write_share),
            workload.cache_lifetime.label(),
            if all.written_1h > 0.0 && all.written_5m > 0.0 {
                ", the larger of the two lifetimes written; the bill below prices each apart"
            } else {
                ""
            }
        ));
        workload.batch_share = share(latest.batch.tokens(), tokens);
        // Refusals are not in the exports: flex requests counted were served at flex.
        workload.flex_share = share(latest.flex.tokens(), tokens);
        workload.flex_failure_share = 0.0;
        workload.priority_share = share(latest.priority.tokens(), tokens);
        workload.long_context_share = 0.0;
        // The exports count reasoning inside the output: none is priced apart.
        workload.reasoning_share = 0.0;
        said.push(
            match (workload.flex_share > 0.0, workload.priority_share > 0.0) {
                (false, false) => {
                    format!("batch: {} of tokens", format_percent(workload.batch_share))
                }
                _ => format!(
                    "tiers: batch {}, flex {}, priority {} of tokens",
                    format_percent(workload.batch_share),
                    format_percent(workload.flex_share),
                    format_percent(workload.priority_share)
                ),
            },
        );
        workload.tool_calls_per_request = match latest.requests {
            Some(requests) if requests > 0.0 => latest.web_searches / requests,
            _ => 0.0,
        };
        if latest.web_searches > 0.0 {
            said.push(match latest.requests {
                Some(requests) if requests > 0.0 => format!(
                    "web searches: {} a request",
                    crate::units::format_short_number(latest.web_searches / requests)
                ),
                _ => format!(
                    "web searches: {} (not per request: the export counts no requests)",
                    group_thousands(latest.web_searches as u64)
                ),
            });
        }
        workload.classes = classes_by_model(latest);
        if !workload.classes.is_empty() {
            said.push(format!(
                "request classes: one per model ({})",
                workload
                    .classes
                    .iter()
                    .map(|class| class.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        said
    }
}

/// Sets the volume from the latest month: in requests where the export counts them, in
/// tokens otherwise; returns what it set.
fn set_volume(volume: &mut Volume, month: &str, latest: &MonthUsage, days: f64) -> String {
    let input = latest.input();
    let tokens = latest.tokens();
    match latest.requests.filter(|requests| *requests > 0.0) {
        Some(requests) => {
            *volume = Volume::Requests {
                requests_per_day: requests / days,
                input_tokens_per_request: input / requests,
                output_tokens_per_request: latest.all.output / requests,
            };
            format!(
                "volume ({month}): {} requests a day of {} in and {} out",
                group_thousands((requests / days).round() as u64),
                format_tokens(input / requests),
                format_tokens(latest.all.output / requests)
            )
        }
        None => {
            *volume = Volume::Tokens {
                tokens_per_month: tokens,
                input_share: if tokens > 0.0 { input / tokens } else { 0.75 },
            };
            format!(
                "volume ({month}): {} tokens a month, {} input (the export counts no \
                     requests)",
                format_tokens(tokens),
                format_percent(if tokens > 0.0 { input / tokens } else { 0.0 })
            )
        }
    }
}

/// One class per model with requests, when the month has two or more (at most the
/// scenario's limit, the largest first).
fn classes_by_model(month: &MonthUsage) -> Vec<RequestClass> {
    let mut models: Vec<(&String, &ModelUsage, f64)> = month
        .by_model
        .iter()
        .filter_map(|(name, usage)| {
            let requests = usage.requests.filter(|requests| *requests > 0.0)?;
            Some((name, usage, requests))
        })
        .collect();
    if models.len() < 2 {
        return Vec::new();
    }
    models.sort_by(|a, b| b.2.total_cmp(&a.2));
    models.truncate(crate::scenario::validate::limits::REQUEST_CLASSES);
    let total: f64 = models.iter().map(|(_, _, requests)| requests).sum();
    models
        .into_iter()
        .filter(|(_, usage, _)| usage.input + usage.output > 0.0)
        .map(|(name, usage, requests)| RequestClass {
            name: name.chars().take(120).collect(),
            // A share of the requests, not their count (a month of millions is ordinary).
            share: requests / total,
            input_tokens: usage.input / requests,
            output_tokens: usage.output / requests,
            ..RequestClass::default()
        })
        .collect()
}

/// A month's bill at one API's prices, part by part, US dollars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bill {
    /// Uncached input.
    pub input: f64,
    /// Cache reads.
    pub cached: f64,
    /// 5-minute cache writes.
    pub writes_5m: f64,
    /// 1-hour cache writes.
    pub writes_1h: f64,
    /// Output.
    pub output: f64,
    /// The batch discount (negative).
    pub batch_discount: f64,
    /// What flex and priority requests cost beyond (or below) the standard prices, at the
    /// API's flex and priority lists (0 where it lists none: those pay standard).
    pub tier_difference: f64,
    /// Web searches at the API's tool fee.
    pub tools: f64,
}

impl Bill {
    /// The month's usage at `api`'s standard prices, with its batch discount on what the
    /// batch requests' own tokens cost.
    pub fn of(month: &MonthUsage, api: &ApiOption) -> Self {
        let [input, cached, writes_5m, writes_1h, output] = month.all.priced(api);
        let [batch_input, batch_cached, batch_5m, batch_1h, batch_output] = month.batch.priced(api);
        // Where the API bills batch cache reads at the standard cached price, they get no
        // batch discount.
        let batch_reads = if api.batch_cache_reads_at_standard {
            0.0
        } else {
            batch_cached
        };
        let batch = batch_input + batch_reads + batch_5m + batch_1h + batch_output;
        Self {
            input,
            cached,
            writes_5m,
            writes_1h,
            output,
            batch_discount: -batch * api.batch_discount.clamp(0.0, 1.0),
            tier_difference: tier_difference(&month.flex, api, api.flex.as_ref())
                + tier_difference(&month.priority, api, api.priority.as_ref()),
            tools: month.web_searches * api.usd_per_thousand_tool_calls.max(0.0) / 1_000.0,
        }
    }

    /// The whole bill.
    pub fn total(&self) -> f64 {
        self.input
            + self.cached
            + self.writes_5m
            + self.writes_1h
            + self.output
            + self.batch_discount
            + self.tier_difference
            + self.tools
    }

    /// "input $1.00 + cache reads $0.20 − batch discount $0.50 = $0.70", the parts that
    /// are not zero.
    pub fn describe(&self) -> String {
        let mut text = String::new();
        for (name, usd) in [
            ("input", self.input),
            ("cache reads", self.cached),
            ("5-minute writes", self.writes_5m),
            ("1-hour writes", self.writes_1h),
            ("output", self.output),
            ("batch discount", self.batch_discount),
            ("flex and priority", self.tier_difference),
            ("web searches", self.tools),
        ] {
            if usd == 0.0 {
                continue;
            }
            let sign = match (text.is_empty(), usd < 0.0) {
                (true, false) => "",
                (true, true) => "−",
                (false, false) => " + ",
                (false, true) => " − ",
            };
            text.push_str(&format!("{sign}{name} {}", cents(usd.abs())));
        }
        format!("{text} = {}", cents(self.total()))
    }
}

/// What `counts` cost at a tier's `prices` beyond their standard price: input, cached
/// input (the standard cached price where the tier lists none) and output at the tier's,
/// writes at the standard write price scaled as input is.
fn tier_difference(counts: &Counts, api: &ApiOption, prices: Option<&TierPrices>) -> f64 {
    let Some(tier) = prices else {
        return 0.0;
    };
    let standard: f64 = counts.priced(api).iter().sum();
    let input = api.usd_per_million_input;
    let input_scale = if input > 0.0 {
        tier.usd_per_million_input / input
    } else {
        1.0
    };
    let per_million = |tokens: f64, price: f64| tokens / 1e6 * price.max(0.0);
    let standard_cached = api.usd_per_million_cached_input.unwrap_or(input);
    let at_tier = per_million(counts.uncached_input, tier.usd_per_million_input)
        + per_million(
            counts.cached_input,
            tier.usd_per_million_cached_input.unwrap_or(standard_cached),
        )
        + per_million(
            counts.written_5m,
            api::write_price(api, CacheLifetime::FiveMinutes) * input_scale,
        )
        + per_million(
            counts.written_1h,
            api::write_price(api, CacheLifetime::OneHour) * input_scale,
        )
        + per_million(counts.output, tier.usd_per_million_output);
    at_tier - standard
}

/// Why an export could not be read: where, and what.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.describe())]
pub struct UsageError {
    /// 1-based line (1 for the file as a whole).
    pub line: usize,
    /// 1-based column, where the parser knows it.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl UsageError {
    fn whole(message: &str) -> Self {
        Self {
            line: 1,
            column: None,
            message: message.to_owned(),
        }
    }

    fn describe(&self) -> String {
        match self.column {
            Some(column) => format!("line {}, column {column}: {}", self.line, self.message),
            None => format!("line {}: {}", self.line, self.message),
        }
    }
}

/// The latest month's bill three ways: from the export's counts at an API's prices, as
/// the model prices the imported workload, and as billed (where a cost export says), with
/// what separates the first two named part by part.
#[derive(Clone, Debug, PartialEq)]
pub struct Reconciliation {
    /// "2026-11".
    pub month: String,
    /// The API whose prices are used.
    pub api: String,
    /// From the counts.
    pub counted: Bill,
    /// The engine's price of the imported workload's month, US dollars.
    pub modelled_usd: f64,
    /// What separates `modelled_usd` from `counted.total()`: each cause and its amount
    /// (modelled minus counted), the rest as rounding.
    pub causes: Vec<(&'static str, f64)>,
    /// What the export says was billed that month.
    pub billed_usd: Option<f64>,
}

/// The latest month at `scenario.apis[api]`'s prices, for a scenario the usage was applied
/// to; `None` without usage or without that API.
pub fn reconcile(usage: &Usage, scenario: &Scenario, api: usize) -> Option<Reconciliation> {
    let (month, latest) = usage.latest()?;
    let option = scenario.apis.get(api)?;
    let counted = Bill::of(latest, option);
    let workload = &scenario.workload;
    let tokens = latest.tokens();
    let modelled_usd = api::effective_usd_per_million(option, workload) * tokens / 1e6;
    // The model's price, taken apart: the writes it prices at one lifetime's price, its
    // batch discount on the average token, its tool fees per request.
    let per_million = tokens / 1e6;
    let tiers = api::ServiceTiers::of(option, workload);
    let modelled_batch = (tiers.usd_per_million() - tiers.standard) * per_million;
    let modelled_tools = api::tool_usd_per_million(option, workload) * per_million;
    let five = api::write_price(option, CacheLifetime::FiveMinutes);
    let hour = api::write_price(option, CacheLifetime::OneHour);
    let lifetime = match workload.cache_lifetime {
        CacheLifetime::FiveMinutes => latest.all.written_1h * (five - hour),
        CacheLifetime::OneHour => latest.all.written_5m * (hour - five),
    } / 1e6;
    let mut causes = vec![
        (
            "cache writes of the other lifetime at this one's price",
            lifetime,
        ),
        (
            "the tiers' discounts and premiums on the average token, not on their requests' own",
            modelled_batch - counted.batch_discount - counted.tier_difference,
        ),
        (
            "web searches spread over requests the export does not count",
            modelled_tools - counted.tools,
        ),
    ];
    let explained: f64 = causes.iter().map(|(_, usd)| usd).sum();
    causes.push((
        "the rest: long-context tiers, the region's uplift, rounding",
        modelled_usd - counted.total() - explained,
    ));
    causes.retain(|(_, usd)| usd.abs() >= 0.005);
    Some(Reconciliation {
        month: month.to_owned(),
        api: option.name.clone(),
        counted,
        modelled_usd,
        causes,
        billed_usd: usage.billed_usd.get(month).copied(),
    })
}

impl Reconciliation {
    /// The comparison in words, one line each.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![
            format!("{} at {}'s prices", self.month, self.api),
            format!("from the export's counts: {}", self.counted.describe()),
        ];
        let difference = self.modelled_usd - self.counted.total();
        let causes: Vec<String> = self
            .causes
            .iter()
            .map(|(cause, usd)| format!("{cause} {}", signed_usd(*usd)))
            .collect();
        lines.push(if causes.is_empty() {
            format!(
                "the imported workload, priced by the model: {} (the same)",
                cents(self.modelled_usd)
            )
        } else {
            format!(
                "the imported workload, priced by the model: {} ({}: {})",
                cents(self.modelled_usd),
                signed_usd(difference),
                causes.join("; ")
            )
        });
        if let Some(billed) = self.billed_usd {
            let gap = billed - self.counted.total();
            let share = if self.counted.total() > 0.0 {
                format!(" ({})", format_percent(gap.abs() / self.counted.total()))
            } else {
                String::new()
            };
            lines.push(format!(
                "billed, as the export says: {}; {}{share} against the counts at these prices \
                 (the prices billed differ: other models, tiers, regions, or the provider's \
                 rounding)",
                cents(billed),
                signed_usd(gap)
            ));
        }
        lines
    }
}

/// "+$13.89" or "−$2.25".
fn signed_usd(usd: f64) -> String {
    if usd < 0.0 {
        format!("−{}", cents(-usd))
    } else {
        format!("+{}", cents(usd))
    }
}

/// "$1,688.89": dollars and cents, as an invoice writes them.
fn cents(usd: f64) -> String {
    let hundredths = (usd.abs() * 100.0).round();
    let sign = if usd < 0.0 && hundredths > 0.0 {
        "−"
    } else {
        ""
    };
    let hundredths = if hundredths.is_finite() && hundredths < 1e18 {
        hundredths as u64
    } else {
        u64::MAX
    };
    format!(
        "{sign}${}.{:02}",
        group_thousands(hundredths / 100),
        hundredths % 100
    )
}
