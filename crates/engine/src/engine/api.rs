//! Per-token API cost: linear in volume.

use super::basis::Basis;
use super::guard::non_negative;
use super::self_hosted::{Layers, engineering_usd};
use crate::scenario::{ApiOption, RequestClass, Workload};

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
    if let Some(mixed) = mix_usd_per_million(api, workload) {
        return mixed;
    }
    let shares = Shares::of(workload);
    let blended = PriceList::of(api).blend(shares);
    match tier_list(api) {
        Some(tiered) => {
            let long = non_negative(workload.long_context_share).min(1.0);
            (1.0 - long) * blended + long * tiered.blend(shares)
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
    let base = PriceList::of(api);
    let tier = tier_list(api);
    let priced = workload
        .classes
        .iter()
        .map(|class| {
            let list = match (&api.long_context, tier) {
                (Some(long), Some(tiered))
                    if class.input_tokens > long.above_input_tokens as f64 =>
                {
                    tiered
                }
                _ => base,
            };
            weight(class) / total * list.blend(Shares::of_class(workload, class))
        })
        .sum();
    Some(priced)
}

/// The API's long-context tier as a price list, when it has one.
fn tier_list(api: &ApiOption) -> Option<PriceList> {
    let base = PriceList::of(api);
    api.long_context.as_ref().map(|tier| PriceList {
        input: non_negative(tier.usd_per_million_input),
        cached: tier
            .usd_per_million_cached_input
            .map_or(non_negative(tier.usd_per_million_input), non_negative),
        write: non_negative(tier.usd_per_million_input) * base.write_ratio(),
        output: non_negative(tier.usd_per_million_output),
        reasoning: non_negative(tier.usd_per_million_output) * base.reasoning_ratio(),
    })
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
        Self::new(
            workload.input_share(),
            workload.cached_input_share,
            workload.cache_write_share,
            workload.reasoning_share,
        )
    }

    /// A class's shares: its own input share, and its cached and reasoning shares where it
    /// gives them (the workload's otherwise); cache writes are the workload's.
    fn of_class(workload: &Workload, class: &RequestClass) -> Self {
        let tokens = class.input_tokens + class.output_tokens;
        let input = if tokens > 0.0 {
            class.input_tokens / tokens
        } else {
            0.5
        };
        Self::new(
            input,
            class
                .cached_input_share
                .unwrap_or(workload.cached_input_share),
            workload.cache_write_share,
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
}

impl PriceList {
    fn of(api: &ApiOption) -> Self {
        let input = non_negative(api.usd_per_million_input);
        let output = non_negative(api.usd_per_million_output);
        Self {
            input,
            cached: api.usd_per_million_cached_input.map_or(input, non_negative),
            write: api.usd_per_million_cache_write.map_or(input, non_negative),
            output,
            reasoning: api.usd_per_million_reasoning.map_or(output, non_negative),
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
            + (1.0 - input) * ((1.0 - reasoning) * self.output + reasoning * self.reasoning)
    }
}

/// Tool fees per 1M tokens: `calls per request · fee per call / tokens per request · 1M`;
/// 0 without a request size (validation asks for one where calls are given).
pub fn tool_usd_per_million(api: &ApiOption, workload: &Workload) -> f64 {
    let calls = non_negative(workload.tool_calls_per_request);
    let fee = non_negative(api.usd_per_thousand_tool_calls) / 1_000.0;
    match workload.tokens_per_request() {
        Some(tokens) if tokens > 0.0 && calls > 0.0 && fee > 0.0 => calls * fee / tokens * 1e6,
        _ => 0.0,
    }
}

/// Effective $ per 1M tokens: the token prices after sending a share of traffic through
/// the batch API, plus the tool fees (not discounted).
pub fn effective_usd_per_million(api: &ApiOption, workload: &Workload) -> f64 {
    let batch_share = non_negative(workload.batch_share).min(1.0);
    let discount = non_negative(api.batch_discount).min(1.0);
    blended_usd_per_million(api, workload) * (1.0 - batch_share * discount)
        + tool_usd_per_million(api, workload)
}

/// Effective $ per token.
pub fn usd_per_token(api: &ApiOption, workload: &Workload) -> f64 {
    effective_usd_per_million(api, workload) / 1e6
}

/// What using the API costs whatever the volume, as layers: engineers' time for
/// integration and prompt operations, the fixed fee, and the implementation spread over
/// the horizon (under the full lens).
pub fn fixed_costs(api: &ApiOption, basis: &Basis) -> Layers {
    Layers {
        engineering: engineering_usd(api.engineering_fte, api.engineer_usd_per_year),
        fees: non_negative(api.overheads.monthly_fee_usd),
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
        api.long_context = Some(crate::scenario::LongContextTier {
            above_input_tokens: 200_000,
            usd_per_million_input: 5.0,
            usd_per_million_cached_input: None,
            usd_per_million_output: 15.0,
        });
        let mut load = workload(0.75);
        // No request that long: the base price, 4.375.
        assert!((blended_usd_per_million(&api, &load) - 4.375).abs() < 1e-12);
        // A quarter of requests past 200k pay the tier on all their tokens:
        // 0.75 · 4.375 + 0.25 · (0.75 · 5 + 0.25 · 15) = 3.28125 + 1.875 = 5.15625.
        load.long_context_share = 0.25;
        assert!((blended_usd_per_million(&api, &load) - 5.156_25).abs() < 1e-12);
    }
}
