//! Per-token API cost: linear in volume.

use super::basis::Basis;
use super::guard::non_negative;
use super::self_hosted::{Layers, engineering_usd};
use crate::scenario::{ApiOption, CacheLifetime, RequestClass, ServiceTier, TierPrices, Workload};

/// Blended $ per 1M tokens of the token prices, before the batch discount:
/// `s · ((1 − c − w) · p_in + c · p_cached + w · p_write) + (1 − s) · ((1 − r) · p_out + r
/// · p_reasoning)`, with `w` the share of input written to the cache and `r` the share of
/// output that is reasoning; and with a long-context tier `(1 − ℓ) · blended + ℓ ·
/// blended_tier` for the share `ℓ` of requests past its threshold (a tier applies to the
/// whole request; its write and reasoning prices keep the base list's ratio to its input
/// and output prices). A workload of request classes is priced class by class, each
/// weighted by its share of the tokens, a class past the tier's threshold wholly at the
/// tier ([`mix_usd_per_million`]).
pub fn blended_usd_per_million(api: &ApiOption, workload: &Workload) -> f64 {
    blended_at(api, workload, Scale::ONE)
}

/// The blended price with every list scaled by a service tier's `scale`.
fn blended_at(api: &ApiOption, workload: &Workload, scale: Scale) -> f64 {
    if let Some(mixed) = mix_at(api, workload, scale) {
        return mixed;
    }
    let shares = Shares::of(workload);
    let lifetime = workload.cache_lifetime;
    let blended = PriceList::of(api, lifetime).scaled(scale).blend(shares);
    match tier_list(api, lifetime) {
        Some(tiered) => {
            let long = non_negative(workload.long_context_share).min(1.0);
            (1.0 - long) * blended + long * tiered.scaled(scale).blend(shares)
        }
        None => blended,
    }
}

/// The blended price of a workload of request classes: `Σ_k t_k · blended_k`, with `t_k`
/// the class's share of the tokens (its share of requests × its tokens a request, over
/// the mix's) and `blended_k` its own shares priced at the base list, or at the
/// long-context tier when its prompt passes the tier's threshold. `None` without classes
/// (or when the volume is not in requests, which validation refuses).
pub fn mix_usd_per_million(api: &ApiOption, workload: &Workload) -> Option<f64> {
    mix_at(api, workload, Scale::ONE)
}

/// The mix's blended price with every list scaled by a service tier's `scale`.
fn mix_at(api: &ApiOption, workload: &Workload, scale: Scale) -> Option<f64> {
    mix_part(api, workload, scale, &|_| true)
}

/// The part of the mix's blended price that the classes `keep` selects make, each weighted
/// by its share of all the mix's tokens, with every list scaled by `scale`.
fn mix_part(
    api: &ApiOption,
    workload: &Workload,
    scale: Scale,
    keep: &dyn Fn(&RequestClass) -> bool,
) -> Option<f64> {
    if workload.classes.is_empty() || workload.request_size().is_none() {
        return None;
    }
    let weight = |class: &RequestClass| {
        non_negative(class.share) * non_negative(class.input_tokens + class.output_tokens)
    };
    let total: f64 = workload.classes.iter().map(weight).sum();
    if total <= 0.0 {
        return None;
    }
    let lifetime = workload.cache_lifetime;
    let base = PriceList::of(api, lifetime).scaled(scale);
    let tier = tier_list(api, lifetime).map(|list| list.scaled(scale));
    let priced = workload
        .classes
        .iter()
        .filter(|class| keep(class))
        .map(|class| {
            let list = match (&api.long_context, tier) {
                (Some(long), Some(tiered)) if long.applies_to(class.input_tokens) => tiered,
                _ => base,
            };
            weight(class) / total * list.blend(Shares::of_class(workload, class))
        })
        .sum();
    Some(priced)
}

/// The API's long-context tier as a price list, when it has one.
fn tier_list(api: &ApiOption, lifetime: CacheLifetime) -> Option<PriceList> {
    let base = PriceList::of(api, lifetime);
    api.long_context.as_ref().map(|tier| PriceList {
        input: non_negative(tier.usd_per_million_input),
        cached: tier
            .usd_per_million_cached_input
            .map_or(non_negative(tier.usd_per_million_input), non_negative),
        write: non_negative(tier.usd_per_million_input) * base.write_ratio(),
        output: non_negative(tier.usd_per_million_output),
        reasoning: non_negative(tier.usd_per_million_output) * base.reasoning_ratio(),
        extra_reasoning: base.extra_reasoning,
    })
}

/// How a service tier scales the standard list: input, cached input and output each by
/// the tier's price over the standard one (cache writes follow input, reasoning output),
/// so a tier applies alike to the base list and to a long-context tier.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Scale {
    input: f64,
    cached: f64,
    output: f64,
}

impl Scale {
    /// The standard tier: prices as listed.
    const ONE: Self = Self {
        input: 1.0,
        cached: 1.0,
        output: 1.0,
    };

    /// A tier listed by its prices. Without a cached price its cache reads bill at the
    /// standard cached price; a ratio to a free standard price is 1.
    fn of_tier(api: &ApiOption, tier: &TierPrices) -> Self {
        // Only input, cached and output are read: the cache's lifetime does not matter.
        let base = PriceList::of(api, CacheLifetime::FiveMinutes);
        let ratio = |price: f64, standard: f64| {
            if standard > 0.0 {
                non_negative(price) / standard
            } else {
                1.0
            }
        };
        Self {
            input: ratio(tier.usd_per_million_input, base.input),
            cached: tier
                .usd_per_million_cached_input
                .map_or(1.0, |cached| ratio(cached, base.cached)),
            output: ratio(tier.usd_per_million_output, base.output),
        }
    }

    /// The batch discount, on cache reads too unless the API bills them at the standard
    /// cached price.
    fn batch(api: &ApiOption) -> Self {
        let kept = 1.0 - non_negative(api.batch_discount).min(1.0);
        Self {
            input: kept,
            cached: if api.batch_cache_reads_at_standard {
                1.0
            } else {
                kept
            },
            output: kept,
        }
    }
}

/// The shares a price list is blended by: input of all tokens, cached and written of the
/// input, reasoning of the output (each clamped to what it can be).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shares {
    input: f64,
    cached: f64,
    written: f64,
    reasoning: f64,
}

impl Shares {
    fn new(input: f64, cached: f64, written: f64, reasoning: f64) -> Self {
        let cached = non_negative(cached).min(1.0);
        Self {
            input: non_negative(input).min(1.0),
            cached,
            written: non_negative(written).min(1.0 - cached),
            reasoning: non_negative(reasoning).min(1.0),
        }
    }

    /// The workload's own shares.
    fn of(workload: &Workload) -> Self {
        let (cached, written) = workload.cache_shares();
        Self::new(
            workload.input_share(),
            cached,
            written,
            workload.reasoning_share,
        )
    }

    /// A class's shares: its own input share and reasoning share where it gives one; its
    /// own cached share where it gives one (with the workload's stated written share), else
    /// the prompt prefix's read and written shares at its own input where the workload
    /// gives a prefix, else the workload's stated shares.
    fn of_class(workload: &Workload, class: &RequestClass) -> Self {
        let tokens = class.input_tokens + class.output_tokens;
        let input = if tokens > 0.0 {
            class.input_tokens / tokens
        } else {
            0.5
        };
        let (cached, written) = match class.cached_input_share {
            Some(own) => (own, workload.cache_write_share),
            None => workload.cache_shares_at(Some(class.input_tokens)),
        };
        Self::new(
            input,
            cached,
            written,
            class.reasoning_share.unwrap_or(workload.reasoning_share),
        )
    }
}

/// One list of token prices, $ per 1M, with every absent price filled as the bill fills
/// it (cached and written input at the input price, reasoning at the output price).
#[derive(Clone, Copy, Debug, PartialEq)]
struct PriceList {
    input: f64,
    cached: f64,
    write: f64,
    output: f64,
    reasoning: f64,
    /// Reasoning tokens the API writes beyond the workload's output, per output token (its
    /// effort's multiplier less 1).
    extra_reasoning: f64,
}

/// Reasoning tokens `api` writes per output token of the workload at its effort: the
/// level's multiplier less 1 (0 without an effort, or below a multiplier of 1).
pub fn extra_reasoning(api: &ApiOption) -> f64 {
    api.reasoning_effort
        .as_ref()
        .map_or(0.0, |effort| non_negative(effort.multiplier() - 1.0))
}

/// $ per 1M tokens written to a cache of `lifetime`: the hour's price where listed (the
/// 5-minute one otherwise), the 5-minute price, or the input price when none is listed.
pub fn write_price(api: &ApiOption, lifetime: CacheLifetime) -> f64 {
    let five_minutes = api.usd_per_million_cache_write;
    let price = match lifetime {
        CacheLifetime::FiveMinutes => five_minutes,
        CacheLifetime::OneHour => api.usd_per_million_cache_write_1h.or(five_minutes),
    };
    price.map_or(non_negative(api.usd_per_million_input), non_negative)
}

impl PriceList {
    fn of(api: &ApiOption, lifetime: CacheLifetime) -> Self {
        let input = non_negative(api.usd_per_million_input);
        let output = non_negative(api.usd_per_million_output);
        Self {
            input,
            cached: api.usd_per_million_cached_input.map_or(input, non_negative),
            write: write_price(api, lifetime),
            output,
            reasoning: api.usd_per_million_reasoning.map_or(output, non_negative),
            extra_reasoning: extra_reasoning(api),
        }
    }

    /// The list with its prices scaled by a service tier.
    fn scaled(self, scale: Scale) -> Self {
        if scale == Scale::ONE {
            return self;
        }
        Self {
            input: self.input * scale.input,
            cached: self.cached * scale.cached,
            write: self.write * scale.input,
            output: self.output * scale.output,
            reasoning: self.reasoning * scale.output,
            extra_reasoning: self.extra_reasoning,
        }
    }

    /// The write price over the input price (1 when input is free).
    fn write_ratio(&self) -> f64 {
        if self.input > 0.0 {
            self.write / self.input
        } else {
            1.0
        }
    }

    /// The reasoning price over the output price (1 when output is free).
    fn reasoning_ratio(&self) -> f64 {
        if self.output > 0.0 {
            self.reasoning / self.output
        } else {
            1.0
        }
    }

    /// The list blended by input, cached, written, output and reasoning shares.
    fn blend(&self, shares: Shares) -> f64 {
        let Shares {
            input,
            cached,
            written,
            reasoning,
        } = shares;
        input
            * ((1.0 - cached - written) * self.input + cached * self.cached + written * self.write)
            + (1.0 - input)
                * ((1.0 - reasoning) * self.output
                    + (reasoning + self.extra_reasoning) * self.reasoning)
    }
}

/// Tool fees per 1M tokens: `calls per request · fee per call / tokens per request · 1M`;
/// 0 without a request size (validation asks for one where calls are given).
pub fn tool_usd_per_million(api: &ApiOption, workload: &Workload) -> f64 {
    // The mean calls over the mean tokens: with request classes, Σ share · calls · fee over
    // Σ share · tokens.
    let calls = non_negative(workload.tool_calls());
    let fee = non_negative(api.usd_per_thousand_tool_calls) / 1_000.0;
    match workload.tokens_per_request() {
        Some(tokens) if tokens > 0.0 && calls > 0.0 && fee > 0.0 => calls * fee / tokens * 1e6,
        _ => 0.0,
    }
}

/// The blended price at each service tier and the share of traffic each takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServiceTiers {
    /// Shares of traffic at batch, flex and priority (the rest is standard), clamped so
    /// they add up to at most 1.
    pub batch_share: f64,
    /// Flex's share.
    pub flex_share: f64,
    /// Priority's share.
    pub priority_share: f64,
    /// The standard blended price, $ per 1M.
    pub standard: f64,
    /// The batch price.
    pub batch: f64,
    /// The flex price of a request that is served at flex.
    pub flex: f64,
    /// What a flex request costs on average: `(1 − q) · flex + q · (standard + flex if
    /// failures are billed)`, with `q` the share refused for capacity and sent again.
    pub flex_with_failures: f64,
    /// The priority price.
    pub priority: f64,
    /// What the request classes sent at a tier of their own add, each at its tier ($ per
    /// 1M of all the mix's tokens; 0 without such classes). The shares and prices above
    /// are then those of the other classes.
    pub pinned_classes: f64,
    /// The batch discount where batch is the standard price less it (cache reads
    /// included); `None` where batch prices cache reads apart.
    plain_batch_discount: Option<f64>,
}

/// The blended price at `tier` of the classes `keep` selects (of the whole workload
/// without classes).
fn tier_price(
    api: &ApiOption,
    workload: &Workload,
    tier: ServiceTier,
    keep: &dyn Fn(&RequestClass) -> bool,
) -> f64 {
    let at = |scale: Scale| {
        mix_part(api, workload, scale, keep).unwrap_or_else(|| blended_at(api, workload, scale))
    };
    match tier {
        ServiceTier::Standard => at(Scale::ONE),
        ServiceTier::Batch if api.batch_cache_reads_at_standard => at(Scale::batch(api)),
        ServiceTier::Batch => at(Scale::ONE) * (1.0 - non_negative(api.batch_discount).min(1.0)),
        ServiceTier::Flex => api
            .flex
            .as_ref()
            .map_or_else(|| at(Scale::ONE), |prices| at(Scale::of_tier(api, prices))),
        ServiceTier::Priority => api
            .priority
            .as_ref()
            .map_or_else(|| at(Scale::ONE), |prices| at(Scale::of_tier(api, prices))),
    }
}

impl ServiceTiers {
    /// The tiers of `api` for `workload`.
    pub fn of(api: &ApiOption, workload: &Workload) -> Self {
        let batch_share = non_negative(workload.batch_share).min(1.0);
        let flex_share = non_negative(workload.flex_share).min(1.0 - batch_share);
        let priority_share =
            non_negative(workload.priority_share).min(1.0 - batch_share - flex_share);
        // Classes sent at a tier of their own are priced at it alone; the shares apply to
        // the rest.
        let pinned = workload.request_size().is_some()
            && workload.classes.iter().any(|class| class.tier.is_some());
        let rest = |class: &RequestClass| !pinned || class.tier.is_none();
        let discount = non_negative(api.batch_discount).min(1.0);
        let plain_batch_discount = (!api.batch_cache_reads_at_standard).then_some(discount);
        let price = |tier: ServiceTier| tier_price(api, workload, tier, &rest);
        let standard = price(ServiceTier::Standard);
        // A plain discount is the standard price less it: no second pass over the mix.
        let batch = match plain_batch_discount {
            Some(discount) => standard * (1.0 - discount),
            None if batch_share > 0.0 => price(ServiceTier::Batch),
            None => standard,
        };
        let flex = if flex_share > 0.0 {
            price(ServiceTier::Flex)
        } else {
            standard
        };
        let refused = non_negative(workload.flex_failure_share).min(1.0);
        let failed_cost = standard + if api.flex_failures_billed { flex } else { 0.0 };
        let pinned_classes = if pinned {
            ServiceTier::ALL
                .into_iter()
                .map(|tier| {
                    let at_tier = |class: &RequestClass| class.tier == Some(tier);
                    let served = tier_price(api, workload, tier, &at_tier);
                    if tier == ServiceTier::Flex && refused > 0.0 {
                        let standard = tier_price(api, workload, ServiceTier::Standard, &at_tier);
                        let failed = standard
                            + if api.flex_failures_billed {
                                served
                            } else {
                                0.0
                            };
                        (1.0 - refused) * served + refused * failed
                    } else {
                        served
                    }
                })
                .sum()
        } else {
            0.0
        };
        Self {
            batch_share,
            flex_share,
            priority_share,
            standard,
            batch,
            flex,
            flex_with_failures: (1.0 - refused) * flex + refused * failed_cost,
            priority: if priority_share > 0.0 {
                price(ServiceTier::Priority)
            } else {
                standard
            },
            pinned_classes,
            plain_batch_discount,
        }
    }

    /// True when only standard and batch traffic is sent, and no class has a tier of its
    /// own.
    pub fn standard_and_batch_only(&self) -> bool {
        self.flex_share == 0.0 && self.priority_share == 0.0 && self.pinned_classes == 0.0
    }

    /// The token price over the tiers, $ per 1M:
    /// `(1 − b − f − p) · standard + b · batch + f · flex' + p · priority`.
    pub fn usd_per_million(&self) -> f64 {
        let standard_and_batch = match self.plain_batch_discount {
            // Written as before the tiers, `standard · (1 − b·d)`, so files without flex or
            // priority price to the same last digit.
            Some(discount) => {
                self.standard
                    * (1.0 - self.flex_share - self.priority_share - self.batch_share * discount)
            }
            None => {
                let standard_share = 1.0 - self.batch_share - self.flex_share - self.priority_share;
                standard_share * self.standard + self.batch_share * self.batch
            }
        };
        standard_and_batch
            + self.flex_share * self.flex_with_failures
            + self.priority_share * self.priority
            + self.pinned_classes
    }
}

/// The in-region endpoint's factor on token prices: `1 + uplift` (1 for the global one).
pub fn region_factor(api: &ApiOption) -> f64 {
    1.0 + api.in_region_uplift.map_or(0.0, non_negative)
}

/// Effective $ per 1M tokens: the token prices over the service tiers (standard, batch,
/// flex, priority) at the in-region uplift where bought in-region, plus the tool fees (not
/// discounted).
pub fn effective_usd_per_million(api: &ApiOption, workload: &Workload) -> f64 {
    ServiceTiers::of(api, workload).usd_per_million() * region_factor(api)
        + tool_usd_per_million(api, workload)
}

/// Effective $ per token.
pub fn usd_per_token(api: &ApiOption, workload: &Workload) -> f64 {
    effective_usd_per_million(api, workload) / 1e6
}

/// Cache storage a month: `P / 1M · price an hour · hours cached` (the prompt prefix kept
/// for the traffic's active hours).
pub fn cache_storage_usd(api: &ApiOption, basis: &Basis) -> f64 {
    basis.cached_prefix_tokens / 1e6
        * non_negative(api.usd_per_million_cache_hour)
        * basis.cached_hours()
}

/// What using the API costs whatever the volume, as layers: engineers' time for
/// integration and prompt operations, the fixed fee with the cache's storage, and the
/// implementation spread over the horizon (under the full lens).
pub fn fixed_costs(api: &ApiOption, basis: &Basis) -> Layers {
    Layers {
        engineering: engineering_usd(api.engineering_fte, api.engineer_usd_per_year),
        fees: non_negative(api.overheads.monthly_fee_usd) + cache_storage_usd(api, basis),
        one_off: basis
            .accounting
            .spread(non_negative(api.overheads.one_off_usd)),
        ..Layers::default()
    }
}

/// The API's layers at `tokens` per month: its usage plus its fixed costs.
pub fn layers(api: &ApiOption, workload: &Workload, basis: &Basis, tokens: f64) -> Layers {
    Layers {
        api: Some(usd_per_token(api, workload) * non_negative(tokens)),
        ..fixed_costs(api, basis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Volume;

    fn workload(input_share: f64) -> Workload {
        Workload {
            volume: Volume::Tokens {
                tokens_per_month: 1e6,
                input_share,
            },
            ..Workload::default()
        }
    }

    fn gpt_4o() -> ApiOption {
        ApiOption {
            id: Default::default(),
            name: "GPT-4o".into(),
            usd_per_million_input: 2.5,
            usd_per_million_cached_input: Some(1.25),
            usd_per_million_output: 10.0,
            batch_discount: 0.5,
            ..ApiOption::default()
        }
    }

    #[test]
    fn blends_input_and_output_by_share() {
        // 3:1 → 0.75 · 2.50 + 0.25 · 10.00 = 4.375
        assert!((blended_usd_per_million(&gpt_4o(), &workload(0.75)) - 4.375).abs() < 1e-12);
        // 13:2 is the published "blended $3.50".
        assert!((blended_usd_per_million(&gpt_4o(), &workload(13.0 / 15.0)) - 3.5).abs() < 1e-12);
    }

    #[test]
    fn cached_input_lowers_only_the_input_part() {
        let mut load = workload(0.75);
        load.cached_input_share = 0.5;
        // 0.75 · (0.5 · 2.50 + 0.5 · 1.25) + 0.25 · 10 = 1.40625 + 2.5
        assert!((blended_usd_per_million(&gpt_4o(), &load) - 3.906_25).abs() < 1e-12);
    }

    #[test]
    fn missing_cached_price_means_no_cache_discount() {
        let mut api = gpt_4o();
        api.usd_per_million_cached_input = None;
        let mut load = workload(0.75);
        load.cached_input_share = 1.0;
        assert!((blended_usd_per_million(&api, &load) - 4.375).abs() < 1e-12);
    }

    #[test]
    fn batch_share_takes_the_discount_off_that_share() {
        let mut load = workload(0.75);
        load.batch_share = 0.4;
        // 4.375 · (1 − 0.4 · 0.5) = 3.5
        assert!((effective_usd_per_million(&gpt_4o(), &load) - 3.5).abs() < 1e-12);
        assert!((usd_per_token(&gpt_4o(), &load) - 3.5e-6).abs() < 1e-18);
    }

    #[test]
    fn nonsense_prices_count_as_free_not_nan() {
        let mut api = gpt_4o();
        api.usd_per_million_input = f64::NAN;
        api.usd_per_million_output = -3.0;
        assert_eq!(blended_usd_per_million(&api, &workload(0.75)), 0.0);
    }

    #[test]
    fn a_long_context_tier_prices_whole_requests_past_its_threshold() {
        let mut api = gpt_4o();
        api.long_context = Some(five_and_fifteen_above_200k());
        let mut load = workload(0.75);
        // No request that long: the base price, 4.375.
        assert!((blended_usd_per_million(&api, &load) - 4.375).abs() < 1e-12);
        // A quarter of requests past 200k pay the tier on all their tokens:
        // 0.75 · 4.375 + 0.25 · (0.75 · 5 + 0.25 · 15) = 3.28125 + 1.875 = 5.15625.
        load.long_context_share = 0.25;
        assert!((blended_usd_per_million(&api, &load) - 5.156_25).abs() < 1e-12);
    }

    /// A $5 / $15 tier above 200k prompt tokens.
    fn five_and_fifteen_above_200k() -> crate::scenario::LongContextTier {
        crate::scenario::LongContextTier {
            above_input_tokens: 200_000,
            includes_threshold: false,
            usd_per_million_input: 5.0,
            usd_per_million_cached_input: None,
            usd_per_million_output: 15.0,
        }
    }

    #[test]
    fn a_tier_includes_its_threshold_only_where_it_says_so() {
        let mut tier = crate::scenario::LongContextTier::default();
        assert!(!tier.applies_to(200_000.0) && tier.applies_to(200_001.0));
        tier.includes_threshold = true;
        assert!(tier.applies_to(200_000.0) && !tier.applies_to(199_999.0));
    }

    #[test]
    fn a_service_tier_scales_the_long_context_list_as_it_scales_the_base() {
        let mut api = gpt_4o();
        api.long_context = Some(five_and_fifteen_above_200k());
        // Flex at half of every standard price, cached reads too.
        api.flex = Some(TierPrices {
            usd_per_million_input: 1.25,
            usd_per_million_cached_input: Some(0.625),
            usd_per_million_output: 5.0,
        });
        let mut load = workload(0.75);
        load.long_context_share = 0.25;
        load.flex_share = 1.0;
        // Half of 5.15625, the tiered blend.
        assert!((effective_usd_per_million(&api, &load) - 2.578_125).abs() < 1e-12);
        // A flex list with no cached price reads the cache at the standard cached price:
        // 0.75 · (0.5 · 1.25 + 0.5 · 1.25) + 0.25 · 5 = 2.1875 (the cache's half, not
        // flex's on top of it).
        api.long_context = None;
        api.flex
            .as_mut()
            .expect("flex")
            .usd_per_million_cached_input = None;
        load.long_context_share = 0.0;
        load.cached_input_share = 0.5;
        assert!((effective_usd_per_million(&api, &load) - 2.1875).abs() < 1e-12);
    }

    #[test]
    fn tier_shares_past_all_traffic_are_clamped_in_order() {
        let mut load = workload(0.75);
        load.batch_share = 0.75;
        load.flex_share = 0.5;
        load.priority_share = 0.5;
        let tiers = ServiceTiers::of(&gpt_4o(), &load);
        assert_eq!(
            (tiers.batch_share, tiers.flex_share, tiers.priority_share),
            (0.75, 0.25, 0.0)
        );
        assert!(tiers.usd_per_million().is_finite());
    }
}
