//! Usage exports read, applied to a scenario and reconciled with the bill, each figure
//! worked out by hand (the model document's "Usage import").

use llm_cost_engine::scenario::validate::validate;
use llm_cost_engine::scenario::{CacheLifetime, Scenario, Volume, presets};
use llm_cost_engine::usage::{self, Provider, Usage};

fn fixture(name: &str) -> Usage {
    let path = format!("{}/tests/fixtures/usage/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    usage::read(&text).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 0.005, "{what}: {got} vs {want}");
}

/// GPT-4o at $2.50 in, $1.25 cached, $10 out, batch at half price.
fn gpt_4o_scenario() -> Scenario {
    let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    scenario.apis[0].usd_per_million_cached_input = Some(1.25);
    scenario
}

/// November 2026 in OpenAI's Usage API, grouped by model and batch, in two buckets:
/// GPT-4o 300M input (100M cached), 60M output, 200,000 requests; GPT-4o batch 100M / 20M,
/// 50,000 requests; GPT-4o mini 50M / 10M, 250,000 requests. October: 200M (50M cached) /
/// 40M, 300,000 requests.
#[test]
fn openais_usage_api_sets_the_volume_shares_classes_and_timeline() {
    let found = fixture("openai-completions.json");
    assert_eq!(found.provider, Some(Provider::OpenAi));
    let (month, november) = found.latest().expect("usage");
    assert_eq!(month, "2026-11");
    close(november.all.uncached_input, 350e6, "uncached");
    close(november.all.cached_input, 100e6, "cached");
    close(november.all.output, 90e6, "output");
    close(november.batch.tokens(), 120e6, "batch tokens");
    assert_eq!(november.requests, Some(500_000.0));

    let mut scenario = gpt_4o_scenario();
    let said = found.apply(&mut scenario);
    assert!(validate(&scenario).is_empty(), "{:?}", validate(&scenario));
    assert_eq!(scenario.timeline.volumes, vec![240e6, 540e6]);
    // 500,000 requests over 30.42 days; 450M / 500,000 = 900 in and 180 out a request.
    let Volume::Requests {
        requests_per_day, ..
    } = scenario.workload.volume
    else {
        panic!("in requests");
    };
    close(requests_per_day, 500_000.0 / 30.42, "requests a day");
    close(scenario.tokens_per_month(), 540e6, "tokens a month");
    let workload = &scenario.workload;
    close(
        workload.cached_input_share * 9.0,
        2.0,
        "100M of 450M cached",
    );
    close(workload.batch_share * 9.0, 2.0, "120M of 540M batched");
    // One class per model, the larger first, each its share of the requests: GPT-4o at
    // 1,600 / 320 a request, mini 200 / 40.
    let classes: Vec<(&str, f64, f64, f64)> = workload
        .classes
        .iter()
        .map(|class| {
            (
                class.name.as_str(),
                class.share,
                class.input_tokens,
                class.output_tokens,
            )
        })
        .collect();
    assert_eq!(
        classes,
        [
            ("gpt-4o-2024-08-06", 0.5, 1_600.0, 320.0),
            ("gpt-4o-mini-2024-07-18", 0.5, 200.0, 40.0),
        ]
    );
    assert!(
        said.iter()
            .any(|line| line.starts_with("timeline: 2 months")),
        "{said:?}"
    );

    // From the counts: 350M · $2.50 + 100M · $1.25 + 90M · $10 = $1,900; the batch
    // requests cost $250 + $200 = $450 at standard, half of it off: $1,675.00. The model
    // takes the discount on the average token: $1,900 · (1 − 2/9 · 0.5) = $1,688.89.
    let reconciled = usage::reconcile(&found, &scenario, 0).expect("reconciled");
    close(reconciled.counted.total(), 1_675.0, "counted");
    close(reconciled.modelled_usd, 1_688.888_9, "modelled");
    let lines = reconciled.lines().join("\n");
    assert!(
        lines.contains(
            "from the export's counts: input $875.00 + cache reads $125.00 + output $900.00 − \
             batch discount $225.00 = $1,675.00"
        ),
        "{lines}"
    );
    assert!(
        lines.contains(
            "(+$13.89: the tiers' discounts and premiums on the average token, not on their \
             requests' own +$13.89)"
        ),
        "{lines}"
    );
    // The engine's report agrees with its own price of the workload.
    let report = llm_cost_engine::engine::evaluate(&scenario);
    close(
        report.options[0].monthly_cost_usd.expect("priced"),
        reconciled.modelled_usd,
        "the report",
    );
}

/// A cost export beside it: $1,000 + $712.50 billed in November, $37.50 (2.2%) above the
/// counts at GPT-4o's prices.
#[test]
fn a_cost_export_is_set_beside_the_counts() {
    let mut found = fixture("openai-completions.json");
    found.merge(fixture("openai-costs.json"));
    let mut scenario = gpt_4o_scenario();
    found.apply(&mut scenario);
    let reconciled = usage::reconcile(&found, &scenario, 0).expect("reconciled");
    close(reconciled.billed_usd.expect("billed"), 1_712.5, "billed");
    let lines = reconciled.lines().join("\n");
    assert!(
        lines.contains("billed, as the export says: $1,712.50; +$37.50 (2.2%)"),
        "{lines}"
    );
}

/// The same usage as a CSV (a quoted, grouped count included) reads the same, with its
/// cost column as the bill.
#[test]
fn a_csv_with_the_usage_apis_columns_reads_the_same() {
    let from_csv = fixture("openai-usage.csv");
    let mut from_json = fixture("openai-completions.json");
    from_json.merge(fixture("openai-costs.json"));
    assert_eq!(from_csv.months, from_json.months);
    assert_eq!(from_csv.billed_usd, from_json.billed_usd);
}

/// November 2026 in Anthropic's Usage Report: standard 20M uncached, 76M read, 3M written
/// for 5 minutes and 1M for an hour, 10M out, 2,000 web searches; batch 10M / 5M. At
/// Sonnet 4.5's $3 / $0.30 / $15 with writes at $3.75 and $6 and searches at $10 per
/// 1,000: $90 + $22.80 + $11.25 + $6 + $225 − $52.50 + $20 = $322.55. The model, with one
/// lifetime (5 minutes: 3M > 1M) and no requests to spread searches over, gives
/// $352.80 · (1 − 0.12 · 0.5) = $331.63: −$2.25 for the hour's writes at the 5-minute
/// price, +$31.33 for the batch discount on the average token, −$20 of searches.
#[test]
fn anthropics_usage_report_and_cost_report_reconcile_part_by_part() {
    let mut found = fixture("anthropic-usage.json");
    found.merge(fixture("anthropic-cost.json"));
    assert_eq!(found.provider, Some(Provider::Anthropic));
    let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
    let api = &mut scenario.apis[0];
    api.usd_per_million_input = 3.0;
    api.usd_per_million_cached_input = Some(0.30);
    api.usd_per_million_output = 15.0;
    api.usd_per_million_cache_write = Some(3.75);
    api.usd_per_million_cache_write_1h = Some(6.0);
    api.usd_per_thousand_tool_calls = 10.0;
    api.batch_discount = 0.5;
    let said = found.apply(&mut scenario);
    assert!(validate(&scenario).is_empty(), "{:?}", validate(&scenario));
    assert!(matches!(scenario.workload.volume, Volume::Tokens { .. }));
    close(scenario.tokens_per_month(), 125e6, "tokens");
    assert_eq!(scenario.workload.cache_lifetime, CacheLifetime::FiveMinutes);
    assert!(
        said.iter()
            .any(|line| line.contains("not per request: the export counts no requests")),
        "{said:?}"
    );
    let reconciled = usage::reconcile(&found, &scenario, 0).expect("reconciled");
    close(reconciled.counted.total(), 322.55, "counted");
    close(reconciled.modelled_usd, 331.632, "modelled");
    let causes: Vec<(&str, f64)> = reconciled.causes.clone();
    assert_eq!(causes.len(), 3, "{causes:?}");
    close(causes[0].1, -2.25, "one lifetime");
    close(causes[1].1, 31.332, "batch mix");
    close(causes[2].1, -20.0, "searches");
    // 52,550.00 cents is $525.50.
    close(reconciled.billed_usd.expect("billed"), 525.5, "billed");
}

/// Millions of requests a month by model (an ordinary month) give classes the scenario
/// accepts: their shares are shares, not counts.
#[test]
fn a_month_of_millions_of_requests_by_model_fills_valid_classes() {
    let page = r#"{"object": "page", "data": [{"start_time": 1793491200, "results": [
        {"input_tokens": 30000000000, "output_tokens": 6000000000, "num_model_requests": 30000000, "model": "a"},
        {"input_tokens": 1000000000, "output_tokens": 500000000, "num_model_requests": 10000000, "model": "b"}
    ]}]}"#;
    let found = usage::read(page).expect("reads");
    let mut scenario = gpt_4o_scenario();
    found.apply(&mut scenario);
    assert!(validate(&scenario).is_empty(), "{:?}", validate(&scenario));
    let shares: Vec<f64> = scenario.workload.classes.iter().map(|c| c.share).collect();
    assert_eq!(shares, [0.75, 0.25]);
}

/// Anthropic's priority tier: 10M in / 1M out at standard and as much at priority, twice
/// the price. At $3 / $15 the standard half costs $45, the priority half $90: $135; the
/// model, with half the tokens at priority, gives the same (the two halves are alike).
#[test]
fn priority_and_flex_rows_set_their_shares_and_bill_at_their_prices() {
    let report = r#"{"data": [{"starting_at": "2026-11-01T00:00:00Z", "results": [
        {"uncached_input_tokens": 10000000, "cache_read_input_tokens": 0, "cache_creation": {},
         "output_tokens": 1000000, "service_tier": "standard"},
        {"uncached_input_tokens": 10000000, "cache_read_input_tokens": 0, "cache_creation": {},
         "output_tokens": 1000000, "service_tier": "priority"}
    ]}]}"#;
    let found = usage::read(report).expect("reads");
    let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
    let api = &mut scenario.apis[0];
    api.usd_per_million_input = 3.0;
    api.usd_per_million_cached_input = None;
    api.usd_per_million_output = 15.0;
    api.priority = Some(llm_cost_engine::scenario::TierPrices {
        usd_per_million_input: 6.0,
        usd_per_million_cached_input: None,
        usd_per_million_output: 30.0,
    });
    found.apply(&mut scenario);
    assert!(validate(&scenario).is_empty(), "{:?}", validate(&scenario));
    close(scenario.workload.priority_share, 0.5, "priority share");
    let reconciled = usage::reconcile(&found, &scenario, 0).expect("reconciled");
    close(
        reconciled.counted.tier_difference,
        45.0,
        "priority's premium",
    );
    close(reconciled.counted.total(), 135.0, "counted");
    close(reconciled.modelled_usd, 135.0, "modelled");
}

#[test]
fn a_malformed_export_names_where() {
    let error = usage::read("{\"data\": [ {\"starting_at\": 5 } ]}").expect_err("no date");
    assert!(error.message.contains("starting_at"), "{error}");
    let error = usage::read("{\"data\": [ }").expect_err("broken JSON");
    assert_eq!((error.line, error.column), (1, Some(12)), "{error}");
    let error =
        usage::read("date,input_tokens,output_tokens\n2026-11-01,12,x\n").expect_err("not a count");
    assert_eq!(error.line, 2, "{error}");
    assert!(error.message.contains("output_tokens: \"x\""), "{error}");
    let error =
        usage::read("date,input_tokens,output_tokens\n2026-11-01,12\n").expect_err("short row");
    assert!(
        error
            .message
            .contains("a row has 2 fields where the header has 3"),
        "{error}"
    );
    let error = usage::read("when,input_tokens,output_tokens\n").expect_err("no date column");
    assert!(error.message.contains("no date column"), "{error}");
    let error =
        usage::read("{\"data\": [{\"start_time\": 1790000000, \"results\": [{\"amount\": {\"value\": 1, \"currency\": \"eur\"}}]}]}")
            .expect_err("euros");
    assert!(error.message.contains("only US dollars"), "{error}");
}

mod hostile {
    use super::*;
    use proptest::prelude::*;

    fn count() -> impl Strategy<Value = String> {
        prop_oneof![
            (0u64..10_000_000_000).prop_map(|n| n.to_string()),
            Just("-5".to_owned()),
            Just("1e300".to_owned()),
            Just("null".to_owned()),
            Just("\"12\"".to_owned()),
            Just("0".to_owned()),
        ]
    }

    proptest! {
        /// Any bytes, and exports with hostile counts (negative, 10^300, strings, nulls),
        /// never panic: an export is read or refused, and a read one applied to a scenario
        /// either passes validation or is refused by it, naming a field.
        #[test]
        fn any_export_is_read_or_refused_without_a_panic(
            noise in ".{0,200}",
            counts in proptest::collection::vec((count(), count(), count(), count()), 0..6),
            start in prop_oneof![Just(0.0), Just(1.79e9), Just(-1.0), Just(1e300)],
        ) {
            let _ = usage::read(&noise);
            let results: Vec<String> = counts
                .iter()
                .map(|(input, cached, output, requests)| {
                    format!(
                        "{{\"input_tokens\": {input}, \"input_cached_tokens\": {cached}, \
                         \"output_tokens\": {output}, \"num_model_requests\": {requests}, \
                         \"model\": \"m{}\", \"batch\": {}}}",
                        input.len(),
                        output.len() % 2 == 0
                    )
                })
                .collect();
            let page = format!(
                "{{\"object\": \"page\", \"data\": [{{\"start_time\": {start}, \"results\": [{}]}}]}}",
                results.join(", ")
            );
            if let Ok(found) = usage::read(&page) {
                let mut scenario = gpt_4o_scenario();
                found.apply(&mut scenario);
                let problems = validate(&scenario);
                if problems.is_empty() {
                    let report = llm_cost_engine::engine::evaluate(&scenario);
                    prop_assert!(report.options.iter().all(|option| option
                        .monthly_cost_usd
                        .is_none_or(f64::is_finite)));
                    if let Some(reconciled) = usage::reconcile(&found, &scenario, 0) {
                        prop_assert!(reconciled.modelled_usd.is_finite());
                        prop_assert!(reconciled.counted.total().is_finite());
                    }
                } else {
                    prop_assert!(problems.iter().all(|problem| !problem.field.is_empty()));
                }
            }
        }
    }
}
