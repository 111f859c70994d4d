//! Invoices worked out by hand (the model document's "What the bill counts"): a cached chat
//! with 5-minute and 1-hour cache writes, reasoning models (a share, and effort levels),
//! paid tool calls with batch traffic, a batch and flex mix with priority and a region, a
//! three-class mix with a long-context class and a class at a tier of its own, cache
//! storage; each asserted to the cent; and properties that the new fields change nothing
//! when they bill nothing extra and that every tier prices as its share says.

use llm_cost_engine::engine::{evaluate, explain};
use llm_cost_engine::scenario::validate::validate;
use llm_cost_engine::scenario::{
    CacheLifetime, EffortLevel, LongContextTier, PromptPrefix, ReasoningEffort, RequestClass,
    Scenario, ServiceTier, TierPrices, Volume, presets,
};
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

/// Whether validation refuses `scenario`, naming `field`.
fn refuses(scenario: &Scenario, field: &str) -> bool {
    validate(scenario)
        .iter()
        .any(|problem| problem.field == field)
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
        lines
            .contains("of which 5-minute cache writes = s·w·p_write = 0.909·0.04·$3.75 = $0.13/1M"),
        "{lines}"
    );
}

/// The same chat stated as its prompt prefix (4,000 tokens, 20 reads for each write) gives
/// the same shares and the same $3,759.04; with an hour's cache the writes cost $6 (2× the
/// input), $130.37 more: $3,889.41. Priced at the 5-minute rate, the hour's writes would
/// be under-reported, and a warning says so.
#[test]
fn a_prompt_prefix_reused_within_its_lifetime_gives_the_write_and_read_split() {
    let mut scenario = requests(3.0, 15.0, (5_000.0, 500.0));
    let api = &mut scenario.apis[0];
    api.usd_per_million_cached_input = Some(0.30);
    api.usd_per_million_cache_write = Some(3.75);
    scenario.workload.prompt_prefix = Some(PromptPrefix {
        tokens: 4_000.0,
        reads_per_write: 20.0,
    });
    let (read, written) = scenario.workload.cache_shares();
    assert!((read - 80_000.0 / 105_000.0).abs() < 1e-12);
    assert!((written - 4_000.0 / 105_000.0).abs() < 1e-12);
    cents(monthly(&scenario), 3_759.04);
    scenario.workload.cache_lifetime = CacheLifetime::OneHour;
    // No hour's price listed: the 5-minute one, and a warning naming the missing field.
    cents(monthly(&scenario), 3_759.04);
    let warnings = llm_cost_engine::scenario::validate::contradictions(&scenario);
    assert!(
        warnings
            .iter()
            .any(|problem| problem.field == "apis[0].usd_per_million_cache_write_1h"),
        "{warnings:?}"
    );
    scenario.apis[0].usd_per_million_cache_write_1h = Some(6.0);
    cents(monthly(&scenario), 3_889.41);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    assert!(
        math[0]
            .lines
            .iter()
            .any(|line| line.starts_with("of which 1-hour cache writes = s·w·p_write")),
        "{:?}",
        math[0].lines
    );
    // A prefix needs a request to be part of: a volume in tokens is refused.
    scenario.workload.volume = Volume::Tokens {
        tokens_per_month: 1e9,
        input_share: 0.75,
    };
    assert!(refuses(&scenario, "workload.prompt_prefix"));
}

/// Cache storage, as Gemini bills context caching: a 100,000-token prefix kept all day at
/// $4.50 per 1M tokens an hour, 730 hours a month: 0.1 · $4.50 · 730 = $328.50 a month,
/// whatever the volume; kept for 10 active hours a day, $136.88.
#[test]
fn a_cached_prefix_pays_its_storage_by_the_hour() {
    let mut scenario = requests(1.25, 10.0, (120_000.0, 500.0));
    scenario.workload.prompt_prefix = Some(PromptPrefix {
        tokens: 100_000.0,
        reads_per_write: 50.0,
    });
    let before = monthly(&scenario);
    scenario.apis[0].usd_per_million_cache_hour = 4.5;
    cents(monthly(&scenario) - before, 328.50);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    assert!(
        math[0].lines.iter().any(|line| line
            == "cache storage = prefix / 1M · price an hour · hours cached = 100,000 / 1M · \
                $4.50 · 730 = $328.50/month (in the fee)"),
        "{:?}",
        math[0].lines
    );
    scenario.workload.active_hours_per_day = 10.0;
    let business_hours = monthly(&scenario);
    scenario.apis[0].usd_per_million_cache_hour = 0.0;
    cents(business_hours - monthly(&scenario), 328.50 * 10.0 / 24.0);
    // Without a prefix there is nothing stored: a warning names the price.
    scenario.apis[0].usd_per_million_cache_hour = 4.5;
    scenario.workload.prompt_prefix = None;
    let warnings = llm_cost_engine::scenario::validate::contradictions(&scenario);
    assert!(
        warnings
            .iter()
            .any(|problem| problem.field == "apis[0].usd_per_million_cache_hour")
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

/// A reasoning model at $2 in / $8 out, 1,000 tokens in and a 500-token answer, with the
/// user's multipliers on output length (low ×1.5, medium ×2, high ×5): at high effort it
/// writes 2,000 reasoning tokens beside the answer, $0.002 + 2,500 · $8 per 1M = $0.022 a
/// request, $6,692.40 a month; at medium $0.010, $3,042.00; at none $0.006, $1,825.20. At
/// high effort reasoning is $0.016 of the $0.022 (73%).
#[test]
fn reasoning_effort_multiplies_the_output_the_api_writes() {
    let mut scenario = requests(2.0, 8.0, (1_000.0, 500.0));
    let none = monthly(&scenario);
    cents(none, 1_825.20);
    scenario.apis[0].reasoning_effort = Some(ReasoningEffort {
        level: EffortLevel::High,
        low: 1.5,
        medium: 2.0,
        high: 5.0,
    });
    cents(monthly(&scenario), 6_692.40);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    // Per 1M workload tokens: 500/1,500 · 4 · $8 = $10.67 of reasoning.
    assert!(
        math[0].lines.iter().any(|line| line
            == "of which reasoning = (1−s)·(r+e)·p_reasoning = 0.333·(0.00+4.00)·$8.00 = \
                $10.67/1M (high effort: ×5 the output, e = 4.00)"),
        "{:?}",
        math[0].lines
    );
    scenario.apis[0]
        .reasoning_effort
        .as_mut()
        .expect("set")
        .level = EffortLevel::Medium;
    cents(monthly(&scenario), 3_042.00);
    scenario.apis[0]
        .reasoning_effort
        .as_mut()
        .expect("set")
        .level = EffortLevel::None;
    cents(monthly(&scenario), none);
    // A multiplier below 1 would write less than the answer: refused, naming the level.
    scenario.apis[0].reasoning_effort.as_mut().expect("set").low = 0.5;
    assert!(refuses(&scenario, "apis[0].reasoning_effort.low"));
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
    // Calls by class: a quarter of the requests (research) make 4 searches, the rest none:
    // a mean of 1, $0.0045 + $0.01 = $0.0145 a request, $4,410.90 a month, as one call a
    // request would cost without classes.
    let mut by_class = scenario.clone();
    by_class.workload.classes = vec![
        RequestClass {
            tool_calls: Some(0.0),
            ..class("chat", 0.75, (1_000.0, 200.0))
        },
        RequestClass {
            tool_calls: Some(4.0),
            ..class("research", 0.25, (1_000.0, 200.0))
        },
    ];
    cents(monthly(&by_class), 4_410.90);
    let mut one_call = scenario.clone();
    one_call.workload.tool_calls_per_request = 1.0;
    cents(monthly(&one_call), 4_410.90);
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

/// A GPT-5-like list ($1.25 in, $0.125 cached, $10 out; batch at half price; flex $0.625 /
/// $0.0625 / $5; priority $2.50 / $0.25 / $20) at 10,000 requests a day of 2,000 tokens in,
/// half of them cache reads, and 800 out. A standard request is 1,000 · $1.25 + 1,000 ·
/// $0.125 + 800 · $10 per 1M = $0.009375; batch and flex half that, $0.0046875. 10% of flex
/// requests are refused for capacity (free) and sent again at standard: a flex request
/// costs 0.9 · $0.0046875 + 0.1 · $0.009375 = $0.00515625. With 20% standard, 40% batch and
/// 40% flex the mean request is $0.001875 + $0.001875 + $0.0020625 = $0.0058125: $1,768.16
/// a month (304,200 requests).
#[test]
fn a_batch_and_flex_mix_pays_each_tier_and_resends_refused_flex_at_standard() {
    let mut scenario = requests(1.25, 10.0, (2_000.0, 800.0));
    let api = &mut scenario.apis[0];
    api.usd_per_million_cached_input = Some(0.125);
    api.batch_discount = 0.5;
    api.flex = Some(TierPrices {
        usd_per_million_input: 0.625,
        usd_per_million_cached_input: Some(0.0625),
        usd_per_million_output: 5.0,
    });
    api.priority = Some(TierPrices {
        usd_per_million_input: 2.5,
        usd_per_million_cached_input: Some(0.25),
        usd_per_million_output: 20.0,
    });
    let workload = &mut scenario.workload;
    workload.cached_input_share = 0.5;
    workload.batch_share = 0.4;
    workload.flex_share = 0.4;
    workload.flex_failure_share = 0.1;
    cents(monthly(&scenario), 1_768.16);
    let math = explain::derivations(&scenario, &evaluate(&scenario));
    let lines = math[0].lines.join("\n");
    // Per 1M tokens (2,800 a request): the model document quotes this line.
    assert!(
        lines.contains(
            "service tiers = 0.20·$3.35 standard + 0.40·$1.67 batch + 0.40·$1.84 flex ($1.67 \
             at flex, 10% refused and sent again at standard, refusals free) = $2.08/1M"
        ),
        "{lines}"
    );

    // Where batch bills cache reads at the standard cached price, a batch request is
    // 0.5 · (1,000 · $1.25 + 800 · $10) + 1,000 · $0.125 per 1M = $0.00475: $7.605 more.
    scenario.apis[0].batch_cache_reads_at_standard = true;
    cents(monthly(&scenario), 1_768.162_5 + 7.605);
    scenario.apis[0].batch_cache_reads_at_standard = false;
    // Where refusals are billed, a flex request pays its refused try too: $0.005625, $57.04
    // more.
    scenario.apis[0].flex_failures_billed = true;
    cents(monthly(&scenario), 1_768.162_5 + 57.037_5);
    scenario.apis[0].flex_failures_billed = false;
    // The standard fifth at priority (twice standard): $570.375 more.
    scenario.workload.priority_share = 0.2;
    cents(monthly(&scenario), 1_768.162_5 + 570.375);
    // Bought in-region at +10% on every token price: $2,338.54 · 1.1.
    scenario.apis[0].in_region_uplift = Some(0.1);
    cents(monthly(&scenario), 2_338.537_5 * 1.1);
    // Shares of the same traffic: more than all of it is refused, naming the field.
    scenario.workload.priority_share = 0.3;
    assert!(refuses(&scenario, "workload.priority_share"));
}

/// Without a flex price the flex share pays standard, and a warning names the API's field.
#[test]
fn a_flex_share_where_the_api_lists_no_flex_price_pays_standard_and_says_so() {
    let mut scenario = requests(1.25, 10.0, (2_000.0, 800.0));
    let standard = monthly(&scenario);
    scenario.workload.flex_share = 0.5;
    cents(monthly(&scenario), standard);
    let warnings = llm_cost_engine::scenario::validate::contradictions(&scenario);
    assert!(
        warnings
            .iter()
            .any(|problem| problem.field == "apis[0].flex"
                && problem
                    .message
                    .contains("its flex traffic pays the standard price")),
        "{warnings:?}"
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

fn class(name: &str, share: f64, (input, output): (f64, f64)) -> RequestClass {
    RequestClass {
        name: name.to_owned(),
        share,
        input_tokens: input,
        output_tokens: output,
        ..RequestClass::default()
    }
}

/// Claude Sonnet 4.5 ($3 / $15, and $6 / $22.50 on a whole request past 200k prompt tokens,
/// as typed) at 12,000 requests a day (365,040 a month): 70% chat at 1,000 / 300 tokens
/// ($0.0075 a request), 25% retrieval at 12,000 / 400 ($0.042), 5% long documents at
/// 250,000 / 1,000, wholly at the tier ($1.5225). The mean request costs 0.7 · 0.0075 +
/// 0.25 · 0.042 + 0.05 · 1.5225 = $0.091875: $33,538.05 a month. Priced as one average
/// request (16,200 / 360 tokens, no tier) it would be $0.054, $19,712.16: 41% short.
#[test]
fn a_mix_of_three_classes_prices_each_request_with_its_own_tier() {
    let mut scenario = requests(3.0, 15.0, (1_000.0, 300.0));
    scenario.apis[0].long_context = Some(LongContextTier {
        above_input_tokens: 200_000,
        includes_threshold: false,
        usd_per_million_input: 6.0,
        usd_per_million_cached_input: None,
        usd_per_million_output: 22.5,
    });
    if let Volume::Requests {
        requests_per_day, ..
    } = &mut scenario.workload.volume
    {
        *requests_per_day = 12_000.0;
    }
    scenario.workload.classes = vec![
        class("chat", 0.70, (1_000.0, 300.0)),
        class("retrieval", 0.25, (12_000.0, 400.0)),
        class("long documents", 0.05, (250_000.0, 1_000.0)),
    ];
    cents(monthly(&scenario), 33_538.05);
    // The long documents sent through the batch API at half price: $0.76125 a request,
    // $0.0538125 the mean, $19,643.715 a month (to the tenth of a cent); and half of the
    // rest batched as well
    // ($0.0118125 of chat and retrieval): $18,206.37.
    let mut batched = scenario.clone();
    batched.workload.classes[2].tier = Some(ServiceTier::Batch);
    let half_cent = monthly(&batched);
    assert!((half_cent - 19_643.715).abs() < 1e-6, "{half_cent}");
    batched.workload.batch_share = 0.5;
    cents(monthly(&batched), 18_206.37);
    let math = explain::derivations(&batched, &evaluate(&batched));
    assert!(
        math[0]
            .lines
            .iter()
            .any(|line| line.contains("of classes at their own tiers")),
        "{:?}",
        math[0].lines
    );
    // Every class at batch is the whole traffic batched.
    let mut all_batched = scenario.clone();
    for class in &mut all_batched.workload.classes {
        class.tier = Some(ServiceTier::Batch);
    }
    let mut by_share = scenario.clone();
    by_share.workload.batch_share = 1.0;
    cents(monthly(&all_batched), monthly(&by_share));
    // The mean request sets the volume and the self-hosted side's mix: 16,200 in and 360
    // out, 365,040 · 16,560 = 6.045 billion tokens a month.
    let (input, output) = scenario.workload.request_size().expect("in requests");
    assert!((input - 16_200.0).abs() < 1e-9 && (output - 360.0).abs() < 1e-9);
    let one_average = {
        let mut plain = scenario.clone();
        plain.workload.classes.clear();
        plain.workload.volume = Volume::Requests {
            requests_per_day: 12_000.0,
            input_tokens_per_request: 16_200.0,
            output_tokens_per_request: 360.0,
        };
        monthly(&plain)
    };
    cents(one_average, 19_712.16);
    // A volume in tokens has no requests to class: refused, naming the field.
    scenario.workload.volume = Volume::Tokens {
        tokens_per_month: 1e9,
        input_share: 0.75,
    };
    assert!(refuses(&scenario, "workload.classes"));
}

proptest! {
    /// One class is today's workload to the cent, and a mix costs what its classes cost
    /// priced alone at their shares of the requests.
    #[test]
    fn a_mix_costs_the_sum_of_its_classes(
        sizes in proptest::collection::vec((0.0..5.0_f64, 1.0..300_000.0_f64, 1.0..5_000.0_f64), 1..5),
        cached in proptest::option::of(0.0..1.0_f64),
        tier in proptest::option::of(1_000u64..250_000),
    ) {
        let mut scenario = requests(3.0, 15.0, (1_000.0, 300.0));
        if let Some(above) = tier {
            scenario.apis[0].long_context = Some(LongContextTier {
                above_input_tokens: above,
                includes_threshold: false,
                usd_per_million_input: 6.0,
                usd_per_million_cached_input: None,
                usd_per_million_output: 22.5,
            });
        }
        scenario.apis[0].usd_per_million_cached_input = Some(0.3);
        let classes: Vec<RequestClass> = sizes
            .iter()
            .enumerate()
            .map(|(index, (share, input, output))| RequestClass {
                cached_input_share: cached,
                ..class(&format!("class {index}"), *share, (*input, *output))
            })
            .collect();
        prop_assume!(classes.iter().any(|class| class.share > 0.0));
        let total_share: f64 = classes.iter().map(|class| class.share).sum();
        let mut mix = scenario.clone();
        mix.workload.classes = classes.clone();
        let alone: f64 = classes
            .iter()
            .map(|class| {
                let mut one = scenario.clone();
                one.workload.cached_input_share = class.cached_input_share.unwrap_or(0.0);
                one.workload.volume = Volume::Requests {
                    requests_per_day: 10_000.0 * class.share / total_share,
                    input_tokens_per_request: class.input_tokens,
                    output_tokens_per_request: class.output_tokens,
                };
                one.workload.long_context_share = match tier {
                    Some(above) if class.input_tokens > above as f64 => 1.0,
                    _ => 0.0,
                };
                monthly(&one)
            })
            .sum();
        let mixed = monthly(&mix);
        prop_assert!((mixed - alone).abs() <= 1e-9 * alone.max(1.0), "{mixed} vs {alone}");
        // One class alone is the plain workload of its size.
        let mut single = scenario.clone();
        single.workload.classes = vec![RequestClass { cached_input_share: cached, ..class("only", 1.0, (sizes[0].1, sizes[0].2)) }];
        let mut plain = scenario.clone();
        plain.workload.cached_input_share = cached.unwrap_or(0.0);
        plain.workload.volume = Volume::Requests {
            requests_per_day: 10_000.0,
            input_tokens_per_request: sizes[0].1,
            output_tokens_per_request: sizes[0].2,
        };
        if let Some(above) = tier {
            plain.workload.long_context_share = if sizes[0].1 > above as f64 { 1.0 } else { 0.0 };
        }
        let (a, b) = (monthly(&single), monthly(&plain));
        prop_assert!((a - b).abs() <= 1e-9 * a.max(1.0), "{a} vs {b}");
    }
}

proptest! {
    /// Every tier's share priced at its own list, worked out here term by term, is what the
    /// engine charges: standard, batch (cache reads discounted or at the standard cached
    /// price), flex with refusals resent at standard, priority, all at the in-region uplift.
    #[test]
    fn service_tiers_and_region_price_as_their_shares_say(
        (input, cached_price, output) in (0.01..100.0_f64, 0.0..1.0_f64, 0.01..100.0_f64),
        (cached, written) in (0.0..0.5_f64, 0.0..0.5_f64),
        (batch, flex, priority) in (0.0..0.34_f64, 0.0..0.33_f64, 0.0..0.33_f64),
        (discount, flex_scale, priority_scale) in (0.0..1.0_f64, 0.1..1.0_f64, 1.0..3.0_f64),
        refused in 0.0..1.0_f64,
        (billed, at_standard) in (any::<bool>(), any::<bool>()),
        uplift in proptest::option::of(0.0..0.5_f64),
        tokens in (1.0..100_000.0_f64, 1.0..10_000.0_f64),
    ) {
        let mut scenario = requests(input, output, tokens);
        let cached_input = input * cached_price;
        let api = &mut scenario.apis[0];
        api.usd_per_million_cached_input = Some(cached_input);
        api.usd_per_million_cache_write = Some(input * 1.25);
        api.batch_discount = discount;
        api.batch_cache_reads_at_standard = at_standard;
        api.flex_failures_billed = billed;
        api.in_region_uplift = uplift;
        let scaled = |scale: f64| TierPrices {
            usd_per_million_input: input * scale,
            usd_per_million_cached_input: Some(cached_input * scale),
            usd_per_million_output: output * scale,
        };
        api.flex = Some(scaled(flex_scale));
        api.priority = Some(scaled(priority_scale));
        let workload = &mut scenario.workload;
        workload.cached_input_share = cached;
        workload.cache_write_share = written;
        workload.batch_share = batch;
        workload.flex_share = flex;
        workload.flex_failure_share = refused;
        workload.priority_share = priority;
        // Term by term: a request's cost per token at a list scaled by `k` (cache reads by
        // `k_cached`).
        let s = tokens.0 / (tokens.0 + tokens.1);
        let at = |k: f64, k_cached: f64| {
            s * ((1.0 - cached - written) * input * k
                + cached * cached_input * k_cached
                + written * input * 1.25 * k)
                + (1.0 - s) * output * k
        };
        let standard = at(1.0, 1.0);
        let batch_price = at(1.0 - discount, if at_standard { 1.0 } else { 1.0 - discount });
        let flex_price = at(flex_scale, flex_scale);
        let flex_paid = (1.0 - refused) * flex_price
            + refused * (standard + if billed { flex_price } else { 0.0 });
        let per_million = ((1.0 - batch - flex - priority) * standard
            + batch * batch_price
            + flex * flex_paid
            + priority * at(priority_scale, priority_scale))
            * (1.0 + uplift.unwrap_or(0.0));
        let engine = llm_cost_engine::engine::api::effective_usd_per_million(
            &scenario.apis[0],
            &scenario.workload,
        );
        prop_assert!((engine - per_million).abs() <= 1e-9 * per_million.max(1.0), "{engine} vs {per_million}");
        // And the report's monthly cost is that price over the month's tokens.
        let tokens_a_month = scenario.tokens_per_month();
        let cost = monthly(&scenario);
        prop_assert!((cost - per_million * tokens_a_month / 1e6).abs() <= 1e-9 * cost.max(1.0));
    }
}
