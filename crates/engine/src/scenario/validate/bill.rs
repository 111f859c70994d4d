//! Checks of what a bill counts beyond input, cached input and output: cache writes,
//! reasoning tokens and tool calls, on the workload and on each API.

use super::checker::Checker;
use super::limits;
use crate::scenario::{Scenario, Volume, Workload};

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
    for (index, api) in scenario.apis.iter().enumerate() {
        let at = |field: &str| format!("apis[{index}].{field}");
        for (field, price) in [
            (
                "usd_per_million_cache_write",
                api.usd_per_million_cache_write,
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
    }
}
