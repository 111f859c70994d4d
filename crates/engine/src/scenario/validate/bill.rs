//! Checks of what a bill counts beyond input, cached input and output: cache writes,
//! reasoning tokens and tool calls, on the workload and on each API.

use super::checker::Checker;
use super::{Problem, limits};
use crate::scenario::{ApiOption, CacheLifetime, Scenario, Volume, Workload};

/// A mix of request classes: only with a volume in requests, at most
/// [`limits::REQUEST_CLASSES`], each named once, with a share, a size and shares in range,
/// and not every share zero.
fn check_classes(check: &mut Checker, workload: &Workload) {
    let classes = &workload.classes;
    if classes.is_empty() {
        return;
    }
    if matches!(workload.volume, Volume::Tokens { .. }) {
        check.fail(
            "workload.classes".to_owned(),
            "need the volume given as requests per day (the classes give each request's size)"
                .to_owned(),
        );
    }
    if classes.len() > limits::REQUEST_CLASSES {
        check.fail(
            "workload.classes".to_owned(),
            format!(
                "lists {} classes; at most {} are modelled",
                classes.len(),
                limits::REQUEST_CLASSES
            ),
        );
    }
    for (index, class) in classes.iter().enumerate() {
        let at = |field: &str| format!("workload.classes[{index}].{field}");
        check.name(at("name"), &class.name);
        if classes[..index]
            .iter()
            .any(|other| other.name == class.name)
        {
            check.fail(
                at("name"),
                format!("{:?} names two classes; names must differ", class.name),
            );
        }
        check.range(
            at("share"),
            class.share,
            (0.0, 1e6),
            "(a share of requests)",
        );
        check.range(
            at("input_tokens"),
            class.input_tokens,
            limits::TOKENS_PER_REQUEST,
            "tokens",
        );
        check.range(
            at("output_tokens"),
            class.output_tokens,
            limits::TOKENS_PER_REQUEST,
            "tokens",
        );
        if class.input_tokens + class.output_tokens <= 0.0 {
            check.fail(
                at("output_tokens"),
                "a request needs at least one input or output token".to_owned(),
            );
        }
        for (field, share) in [
            ("cached_input_share", class.cached_input_share),
            ("reasoning_share", class.reasoning_share),
        ] {
            if let Some(share) = share {
                check.range(at(field), share, (0.0, 1.0), "(a share)");
            }
        }
        if let Some(calls) = class.tool_calls {
            check.range(
                at("tool_calls"),
                calls,
                limits::TOOL_CALLS_PER_REQUEST,
                "calls per request",
            );
        }
    }
    if classes.iter().all(|class| class.share <= 0.0) {
        check.fail(
            "workload.classes".to_owned(),
            "every class has a share of 0: give at least one a share of the requests".to_owned(),
        );
    }
}

/// Every check of this module on `scenario`.
pub(super) fn check_bill(check: &mut Checker, scenario: &Scenario) {
    let workload = &scenario.workload;
    check.range(
        "workload.cache_write_share",
        workload.cache_write_share,
        (0.0, 1.0),
        "(a share of input tokens)",
    );
    let read_and_written = workload.cached_input_share + workload.cache_write_share;
    if workload.cache_write_share > 0.0 && read_and_written > 1.0 + 1e-12 {
        check.fail(
            "workload.cache_write_share".to_owned(),
            format!(
                "with {} of input read from the cache, at most {} can be written to it (the \
                 two are shares of the same input tokens)",
                workload.cached_input_share,
                1.0 - workload.cached_input_share
            ),
        );
    }
    check.range(
        "workload.reasoning_share",
        workload.reasoning_share,
        (0.0, 1.0),
        "(a share of output tokens)",
    );
    check.range(
        "workload.tool_calls_per_request",
        workload.tool_calls_per_request,
        limits::TOOL_CALLS_PER_REQUEST,
        "calls per request",
    );
    if workload.tool_calls_per_request > 0.0 && matches!(workload.volume, Volume::Tokens { .. }) {
        check.fail(
            "workload.tool_calls_per_request".to_owned(),
            "needs the volume given as requests (a request's size turns calls per request \
             into a cost per token)"
                .to_owned(),
        );
    }
    check_classes(check, workload);
    check_tier_shares(check, workload);
    check_prompt_prefix(check, workload);
    for (index, api) in scenario.apis.iter().enumerate() {
        check_api_bill(check, index, api);
    }
}

/// One API's prices for the extras: writes, reasoning, tools, tiers and region.
fn check_api_bill(check: &mut Checker, index: usize, api: &ApiOption) {
    let at = |field: &str| format!("apis[{index}].{field}");
    for (field, price) in [
        (
            "usd_per_million_cache_write",
            api.usd_per_million_cache_write,
        ),
        (
            "usd_per_million_cache_write_1h",
            api.usd_per_million_cache_write_1h,
        ),
        (
            "usd_per_million_cache_hour",
            Some(api.usd_per_million_cache_hour),
        ),
        ("usd_per_million_reasoning", api.usd_per_million_reasoning),
    ] {
        if let Some(price) = price {
            check.range(
                at(field),
                price,
                limits::USD_PER_MILLION_TOKENS,
                "$ per 1M tokens",
            );
        }
    }
    check.range(
        at("usd_per_thousand_tool_calls"),
        api.usd_per_thousand_tool_calls,
        limits::USD_PER_THOUSAND_CALLS,
        "$ per 1,000 calls",
    );
    for (tier, prices) in [("flex", &api.flex), ("priority", &api.priority)] {
        let Some(prices) = prices else { continue };
        for (field, price) in [
            ("usd_per_million_input", Some(prices.usd_per_million_input)),
            (
                "usd_per_million_cached_input",
                prices.usd_per_million_cached_input,
            ),
            (
                "usd_per_million_output",
                Some(prices.usd_per_million_output),
            ),
        ] {
            if let Some(price) = price {
                check.range(
                    at(&format!("{tier}.{field}")),
                    price,
                    limits::USD_PER_MILLION_TOKENS,
                    "$ per 1M tokens",
                );
            }
        }
    }
    if let Some(effort) = &api.reasoning_effort {
        for (level, multiplier) in [
            ("low", effort.low),
            ("medium", effort.medium),
            ("high", effort.high),
        ] {
            check.range(
                at(&format!("reasoning_effort.{level}")),
                multiplier,
                limits::EFFORT_MULTIPLIER,
                "times the workload's output",
            );
        }
    }
    if let Some(uplift) = api.in_region_uplift {
        check.range(
            at("in_region_uplift"),
            uplift,
            limits::IN_REGION_UPLIFT,
            "(a share added to every token price; 0.1 is 10% more)",
        );
    }
}

/// The prompt prefix: its tokens and reads in range, and a volume in requests to be part of.
fn check_prompt_prefix(check: &mut Checker, workload: &Workload) {
    let Some(prefix) = &workload.prompt_prefix else {
        return;
    };
    check.range(
        "workload.prompt_prefix.tokens",
        prefix.tokens,
        limits::TOKENS_PER_REQUEST,
        "tokens",
    );
    check.range(
        "workload.prompt_prefix.reads_per_write",
        prefix.reads_per_write,
        limits::READS_PER_WRITE,
        "reads for each write",
    );
    if matches!(workload.volume, Volume::Tokens { .. }) {
        check.fail(
            "workload.prompt_prefix".to_owned(),
            "needs the volume given as requests (the prefix is a part of each request's \
             input)"
                .to_owned(),
        );
    }
}

/// The service tiers' shares: each a share, batch, flex and priority at most all traffic.
fn check_tier_shares(check: &mut Checker, workload: &Workload) {
    for (field, share) in [
        ("workload.flex_share", workload.flex_share),
        ("workload.flex_failure_share", workload.flex_failure_share),
        ("workload.priority_share", workload.priority_share),
    ] {
        check.range(field, share, (0.0, 1.0), "(a share)");
    }
    let tiered = workload.batch_share + workload.flex_share + workload.priority_share;
    if (workload.flex_share > 0.0 || workload.priority_share > 0.0) && tiered > 1.0 + 1e-12 {
        check.fail(
            "workload.priority_share".to_owned(),
            format!(
                "batch, flex and priority add up to {} of the traffic; they are shares of the \
                 same requests, so at most 1",
                super::checker::precise_number(tiered)
            ),
        );
    }
}

/// Tier settings that price nothing: a tier's share where no API lists the tier's prices
/// (that traffic pays standard), or refused flex requests without flex traffic.
pub(super) fn tier_contradictions(scenario: &Scenario) -> Vec<Problem> {
    let workload = &scenario.workload;
    let mut found = Vec::new();
    let class_at = |tier: crate::scenario::ServiceTier| {
        workload
            .classes
            .iter()
            .any(|class| class.tier == Some(tier))
    };
    let flex_sent = workload.flex_share > 0.0 || class_at(crate::scenario::ServiceTier::Flex);
    let priority_sent =
        workload.priority_share > 0.0 || class_at(crate::scenario::ServiceTier::Priority);
    for (index, api) in scenario.apis.iter().enumerate() {
        for (tier, sent, prices) in [
            ("flex", flex_sent, &api.flex),
            ("priority", priority_sent, &api.priority),
        ] {
            if sent && prices.is_none() {
                found.push(Problem {
                    field: format!("apis[{index}].{tier}"),
                    message: format!(
                        "{} lists no {tier} prices (not in the catalogue or not offered): its \
                         {tier} traffic pays the standard price",
                        api.name
                    ),
                });
            }
        }
    }
    if workload.prompt_prefix.is_some()
        && (workload.cached_input_share > 0.0 || workload.cache_write_share > 0.0)
    {
        found.push(Problem {
            field: "workload.cached_input_share".to_owned(),
            message: "is ignored with the cache write share: the prompt prefix sets the \
                      cached and written shares"
                .to_owned(),
        });
    }
    if workload.prompt_prefix.is_some()
        && workload
            .ranges
            .contains_key(&crate::scenario::ranges::WorkloadInput::CachedInputShare)
    {
        found.push(Problem {
            field: "workload.ranges".to_owned(),
            message: "the cached share's range moves nothing: the prompt prefix sets the \
                      cached share"
                .to_owned(),
        });
    }
    let (_, written) = workload.cache_shares();
    if workload.cache_lifetime == CacheLifetime::OneHour && written > 0.0 {
        for (index, api) in scenario.apis.iter().enumerate() {
            if api.usd_per_million_cache_write.is_some()
                && api.usd_per_million_cache_write_1h.is_none()
            {
                found.push(Problem {
                    field: format!("apis[{index}].usd_per_million_cache_write_1h"),
                    message: format!(
                        "{} lists no 1-hour write price: an hour's writes are priced at its \
                         5-minute one, which under-reports the bill (Anthropic bills 2× the \
                         input for an hour, 1.25× for 5 minutes)",
                        api.name
                    ),
                });
            }
        }
    }
    if workload.prompt_prefix.is_none() {
        for (index, api) in scenario.apis.iter().enumerate() {
            if api.usd_per_million_cache_hour > 0.0 {
                found.push(Problem {
                    field: format!("apis[{index}].usd_per_million_cache_hour"),
                    message: "is ignored: the workload keeps no prompt prefix in the cache \
                              (give its prompt prefix)"
                        .to_owned(),
                });
            }
        }
    }
    if workload.flex_failure_share > 0.0 && !flex_sent {
        found.push(Problem {
            field: "workload.flex_failure_share".to_owned(),
            message: "is ignored: no traffic is sent at the flex tier".to_owned(),
        });
    }
    found
}
