//! Invoices worked out by hand (the model document's "What the bill counts"): a cached chat
//! with 5-minute cache writes, a reasoning model, and paid tool calls with batch traffic,
//! each asserted to the cent; and properties that the new fields change nothing when they
//! bill nothing extra.

use llm_cost_engine::engine::{evaluate, explain};
use llm_cost_engine::scenario::validate::validate;
use llm_cost_engine::scenario::{Scenario, Volume, presets};
use proptest::prelude::*;

/// The preset's one API, alone, with requests of a size at 10,000 a day (30.42 days a
/// month: 304,200 requests).
fn requests(api_input: f64, api_output: f64, (input, output): (f64, f64)) -> Scenario {
    let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
    scenario.deployments.clear();
    scenario.workload.volume = Volume::Requests {
        requests_per_day: 10_000.0,
        input_tokens_per_request: input,
        output_tokens_per_request: output,
    };
    let api = &mut scenario.apis[0];
    api.usd_per_million_input = api_input;
    api.usd_per_million_output = api_output;
    api.usd_per_million_cached_input = None;
    scenario
}

fn monthly(scenario: &Scenario) -> f64 {
    assert!(validate(scenario).is_empty(), "{:?}", validate(scenario));
    evaluate(scenario).options[0]
        .monthly_cost_usd
        .expect("an API always serves")
}

fn cents(got: f64, want: f64) {
    assert!((got - want).abs() < 0.005, "{got} vs {want}");
}

/// Claude Sonnet 4.5 ($3 in, $0.30 cached, $15 out; a 5-minute cache write at 1.25× the
/// input, $3.75). Each request sends a 4,000-token system prompt and 1,000 fresh tokens,
/// and gets 500 back; the prompt is written once for every 20 reads within 5 minutes. Of
/// 21 requests' 105,000 input tokens, 4,000 are written (w = 0.038095), 80,000 read (c =
/// 0.761905) and 21,000 fresh. A request costs 1,000 · $3 + 80,000/21 · $0.30 + 4,000/21 ·
/// $3.75 + 500 · $15 per 1M = $0.003 + $0.00114286 + $0.00071429 + $0.0075 = $0.01235714;
/// 304,200 of them $3,759.04 a month.
#[test]
fn a_cached_chat_pays_for_its_five_minute_cache_writes() {
    let mut scenario = requests(3.0, 15.0, (5_000.0, 500.0));
    let api = &mut scenario.apis[0];
    api.usd_per_million_cached_input = Some(0.30);
    api.usd_per_million_cache_write = Some(3.75);
    scenario.workload.cached_input_share = 80_000.0 / 105_000.0;
    scenario.workload.cache_write_share = 4_000.0 / 105_000.0;
    cents(monthly(&scenario), 3_759.04);
    // Priced as fresh input, the writes would cost $0.00057143 a request, $173.83 less.
    scenario.apis[0].usd_per_million_cache_write = None;
    cents(
        monthly(&scenario),
        3_759.04 - 304_200.0 * 4_000.0 / 21.0 * 0.75 / 1e6,
    );
    // "Show the math" names the writes' part of the blended price: 5,000/5,500 · 0.038095 ·
    // $3.75 = $0.13/1M.
    scenario.apis[0].usd_per_million_cache_write = Some(3.75);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    let lines = math[0].lines.join("\n");
    assert!(
        lines.contains("of which cache writes = s·w·p_write = 0.909·0.04·$3.75 = $0.13/1M"),
        "{lines}"
    );
}

/// GPT-5 Mini ($0.25 in, $2 out) with 2,000 tokens in and 3,000 out, 2,400 of them
/// reasoning: billed as output, never twice, $0.0065 a request, $1,977.30 a month, of which
/// reasoning is 2,400 · $2 / 1M = $0.0048 (73.8%). Priced apart at $4 per 1M, a request is
/// $0.0005 + 600 · $2 + 2,400 · $4 per 1M = $0.0113, $3,437.46 a month.
#[test]
fn reasoning_tokens_are_output_unless_priced_apart() {
    let mut scenario = requests(0.25, 2.0, (2_000.0, 3_000.0));
    scenario.workload.reasoning_share = 0.8;
    cents(monthly(&scenario), 1_977.30);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    let lines = math[0].lines.join("\n");
    // 3,000/5,000 · 0.8 · $2 = $0.96/1M of the $1.30/1M blended.
    assert!(
        lines.contains("of which reasoning = (1−s)·r·p_reasoning = 0.600·0.80·$2.00 = $0.96/1M"),
        "{lines}"
    );
    scenario.apis[0].usd_per_million_reasoning = Some(4.0);
    cents(monthly(&scenario), 3_437.46);
}

/// GPT-4o ($2.50 in, $10 out) with two web searches a request at $10 per 1,000 calls (as
/// typed), 1,000 tokens in and 200 out, half the traffic through the batch API at half
/// price: tokens $0.0045 a request × 0.75 = $0.003375, tools 2 · $0.01 = $0.02 (not
/// discounted): $0.023375 a request, $7,110.675 a month ($7,452.90 with no batch traffic).
#[test]
fn tool_calls_are_billed_per_call_beside_the_tokens() {
    let mut scenario = requests(2.5, 10.0, (1_000.0, 200.0));
    scenario.apis[0].usd_per_thousand_tool_calls = 10.0;
    scenario.apis[0].batch_discount = 0.5;
    scenario.workload.tool_calls_per_request = 2.0;
    scenario.workload.batch_share = 0.5;
    let half_cent = monthly(&scenario);
    assert!((half_cent - 7_110.675).abs() < 1e-6, "{half_cent}");
    scenario.workload.batch_share = 0.0;
    cents(monthly(&scenario), 7_452.90);
    // Calls per request need a request size: a volume in tokens is refused, naming the
    // field.
    scenario.workload.volume = Volume::Tokens {
        tokens_per_month: 1e9,
        input_share: 0.75,
    };
    let problems = validate(&scenario);
    assert!(
        problems
            .iter()
            .any(|problem| problem.field == "workload.tool_calls_per_request"),
        "{problems:?}"
    );
}

/// Written and read shares are of the same input tokens: more than all of it is refused.
#[test]
fn more_input_cached_and_written_than_there_is_is_refused() {
    let mut scenario = requests(3.0, 15.0, (5_000.0, 500.0));
    scenario.workload.cached_input_share = 0.8;
    scenario.workload.cache_write_share = 0.3;
    let problems = validate(&scenario);
    assert!(
        problems
            .iter()
            .any(|problem| problem.field == "workload.cache_write_share"),
        "{problems:?}"
    );
}

proptest! {
    /// Writes at the input price are fresh input, reasoning at the output price is
    /// output, and tool calls at no fee cost nothing: each leaves every cost as it was.
    #[test]
    fn extras_billed_at_the_plain_prices_change_no_cost(
        input in 0.01..100.0_f64,
        output in 0.01..100.0_f64,
        cached in 0.0..0.5_f64,
        written in 0.0..0.5_f64,
        reasoning in 0.0..1.0_f64,
        calls in 0.0..50.0_f64,
        tokens in (1.0..100_000.0_f64, 1.0..10_000.0_f64),
    ) {
        let plain = requests(input, output, tokens);
        let mut billed = plain.clone();
        billed.workload.cached_input_share = cached;
        let mut with_plain_cache = plain.clone();
        with_plain_cache.workload.cached_input_share = cached;
        billed.workload.cache_write_share = written;
        billed.apis[0].usd_per_million_cache_write = Some(input);
        billed.workload.reasoning_share = reasoning;
        billed.apis[0].usd_per_million_reasoning = Some(output);
        billed.workload.tool_calls_per_request = calls;
        let (a, b) = (monthly(&with_plain_cache), monthly(&billed));
        prop_assert!((a - b).abs() <= 1e-9 * a.max(1.0), "{a} vs {b}");
        // A dearer write or reasoning price never lowers the bill.
        billed.apis[0].usd_per_million_cache_write = Some(input * 2.0);
        billed.apis[0].usd_per_million_reasoning = Some(output * 2.0);
        prop_assert!(monthly(&billed) >= b * (1.0 - 1e-12));
    }
}
