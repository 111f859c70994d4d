//! Engine speed: the app re-runs the engine every frame, so a full report and the
//! chart's curves must each take well under a frame's budget (target: < 100 µs).

use criterion::{Criterion, criterion_group, criterion_main};
use llm_cost_explorer::engine::timeline::timeline;
use llm_cost_explorer::engine::{curve::sample_curves, evaluate, prepare};
use llm_cost_explorer::figure::{Figure, Frame, Tornado, default_bounds};
use llm_cost_explorer::scenario::{ApiOption, Compute, Deployment, Electricity, Scenario, presets};

fn full_report(c: &mut Criterion) {
    for name in [
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
        "chat-10k-requests-a10g",
    ] {
        let scenario = presets::load(name).expect("preset loads");
        c.bench_function(&format!("report/{name}"), |b| {
            b.iter(|| evaluate(std::hint::black_box(&scenario)))
        });
    }
}

/// A LiteLLM-shaped file of `count` entries: chat models with cache, batch and tier
/// prices, and some embedding and priceless ones, as the real file mixes them.
fn generated_price_file(count: usize) -> String {
    let entries: Vec<String> = (0..count)
        .map(|index| {
            let (mode, prices) = match index % 10 {
                0 => ("embedding", "\"input_cost_per_token\": 1e-08, \"output_cost_per_token\": 0"),
                1 => ("chat", "\"max_input_tokens\": 32000"),
                _ => (
                    "chat",
                    "\"input_cost_per_token\": 3e-06, \"output_cost_per_token\": 1.5e-05, \
                     \"cache_read_input_token_cost\": 3e-07, \"input_cost_per_token_batches\": 1.5e-06, \
                     \"output_cost_per_token_batches\": 7.5e-06, \"input_cost_per_token_above_200k_tokens\": 6e-06, \
                     \"max_input_tokens\": 200000, \"supports_vision\": true, \
                     \"cache_creation_input_token_cost\": 3.75e-06, \"output_cost_per_reasoning_token\": 1.5e-05, \
                     \"input_cost_per_token_flex\": 1.5e-06, \"output_cost_per_token_flex\": 7.5e-06, \
                     \"cache_read_input_token_cost_flex\": 1.5e-07, \"input_cost_per_token_priority\": 6e-06, \
                     \"output_cost_per_token_priority\": 3e-05",
                ),
            };
            format!(
                "\"provider-{}/model-{index}\": {{\"litellm_provider\": \"provider-{}\", \"mode\": \"{mode}\", {prices}}}",
                index % 40,
                index % 40
            )
        })
        .collect();
    format!("{{\n{}\n}}\n", entries.join(",\n"))
}

/// Importing LiteLLM's catalogue (about 4,500 entries) must take well under a second;
/// this imports 5,000 and searches the result.
fn price_import(c: &mut Criterion) {
    let file = generated_price_file(5_000);
    c.bench_function("prices/import-5000", |b| {
        b.iter(|| {
            llm_cost_explorer::prices::litellm::import(
                std::hint::black_box(&file),
                "generated.json",
                "2026-12-01",
            )
            .expect("parses")
        })
    });
    let mut catalogue = llm_cost_explorer::prices::Catalogue::default();
    let found = llm_cost_explorer::prices::litellm::import(&file, "generated.json", "2026-12-01")
        .expect("parses");
    assert_eq!(
        found.entries.len(),
        4_000,
        "the generated file's chat models"
    );
    catalogue.replace_imports(found.entries);
    c.bench_function("prices/search-5000", |b| {
        b.iter(|| catalogue.search(std::hint::black_box("provider-7 model-1")))
    });
}

fn curves(c: &mut Criterion) {
    for name in ["70b-full-stack-2xa100", "chat-10k-requests-a10g"] {
        let model = prepare(&presets::load(name).expect("preset loads"));
        c.bench_function(&format!("curves-512/{name}"), |b| {
            b.iter(|| sample_curves(std::hint::black_box(model.options()), 1e5, 1e11, 512))
        });
    }
}

/// What a frame recomputes while a slider is dragged on the full-stack preset with its
/// five ranged inputs: the model (report, bands, crossover interval, tornado bars), the
/// chart's figure with its words placed, and the tornado's description. Together they
/// must stay well within a 1 ms frame; the same preset without ranges is the yardstick.
fn ranged_frame_work(c: &mut Criterion) {
    let ranged = presets::load("70b-full-stack-2xa100").expect("preset loads");
    let mut plain = ranged.clone();
    plain.deployments[0].ranges.clear();
    for (name, scenario) in [("five-ranges", &ranged), ("no-ranges", &plain)] {
        c.bench_function(&format!("prepare/70b-full-stack-2xa100/{name}"), |b| {
            b.iter(|| prepare(std::hint::black_box(scenario)))
        });
        let model = prepare(scenario);
        c.bench_function(&format!("figure/70b-full-stack-2xa100/{name}"), |b| {
            b.iter(|| {
                let mut figure = Figure::new(&model, default_bounds(&model));
                figure.place_text(Frame {
                    width: 760.0,
                    height: 420.0,
                    text_height: 13.0,
                });
                (figure, Tornado::new(model.report()))
            })
        });
    }
}

/// 150 deployments each within a hair of the API's price per token: the search must
/// stay bounded (target: well under a second; in practice milliseconds).
fn near_tied_fleet(c: &mut Criterion) {
    let hours = 730.0;
    let api_usd_per_token = 3e-6;
    let deployments = (0..150)
        .map(|index| {
            let capacity = 10f64.powf(6.0 + f64::from(index % 7) * 0.5);
            let gap = (f64::from(index) - 75.0) * 1e-5;
            Deployment {
                id: Default::default(),
                name: format!("Node {index}"),
                compute: Compute::RentedMonthly {
                    usd_per_month: capacity * api_usd_per_token * (1.0 + gap),
                },
                electricity: Electricity::Flat {
                    usd_per_month_per_node: 0.0,
                },
                throughput_tokens_per_second: capacity / (3600.0 * hours),
                utilization: 1.0,
                infrastructure_usd_per_month: f64::from(index) * 10.0,
                ..Deployment::default()
            }
        })
        .collect();
    let scenario = Scenario {
        apis: vec![ApiOption {
            id: Default::default(),
            name: "API".into(),
            usd_per_million_input: 3.0,
            usd_per_million_output: 3.0,
            ..ApiOption::default()
        }],
        deployments,
        hours_per_month: hours,
        ..Scenario::default()
    };
    c.bench_function("report/150-near-tied-deployments", |b| {
        b.iter(|| evaluate(std::hint::black_box(&scenario)))
    });
}

/// The timeline with the best switch for every self-hosted option, recomputed on every
/// edit: a bought preset (nodes priced for each possible switch month, N² months), one
/// that buys many nodes, and a rented one, over 36 months; and the longest horizon.
/// Target: well within a frame (< 100 µs at 36 months).
fn timeline_with_best_switch(c: &mut Criterion) {
    for (name, growth, months) in [
        ("gpt5-nano-vs-rtx4060ti", 0.15, 36),
        ("agent-fleet-mac-studio", 0.10, 36),
        ("70b-full-stack-2xa100", 0.15, 36),
        ("agent-fleet-mac-studio", 0.05, 120),
    ] {
        let mut scenario = presets::load(name).expect("preset loads");
        scenario.timeline.growth_per_month = growth;
        scenario.timeline.months = months;
        c.bench_function(&format!("timeline-{months}/{name}"), |b| {
            b.iter(|| timeline(std::hint::black_box(&scenario)))
        });
    }
}

/// Sizing: `fit` must answer in under 5 ms a process (its whole run, text and JSON), and
/// the throughput curve the app's estimate panel draws in under 100 µs.
fn sizing(c: &mut Criterion) {
    use llm_cost_explorer::cli::fit::{FitArgs, KvChoice, PrecisionChoice, run};
    use llm_cost_explorer::scenario::Precision;
    use llm_cost_explorer::sizing::{self, KvPrecision, Node, batching};
    for json in [false, true] {
        let args = FitArgs {
            hardware: Some("8x H100 80GB".to_owned()),
            memory_gb: None,
            bandwidth: None,
            tflops: None,
            model: "Llama 3.1 70B".to_owned(),
            precision: PrecisionChoice::Fp8,
            kv: KvChoice::Fp8,
            context: 8_192,
            output: 1_024,
            concurrency: 64,
            itl_ms: 50.0,
            ttft_s: 2.0,
            json,
        };
        let name = if json { "fit/json" } else { "fit/text" };
        c.bench_function(name, |b| b.iter(|| run(std::hint::black_box(&args))));
    }
    let node = Node::from_spec(sizing::hardware_exact("8x H100 80GB").expect("listed"));
    let model = sizing::model_named("Llama 3.1 70B").expect("listed");
    c.bench_function("curve/70b-fp8-8xh100", |b| {
        b.iter(|| {
            let plans = batching::plans(&node, model, Precision::Fp8, KvPrecision::Fp8, 8_192);
            batching::throughput_curve(std::hint::black_box(&plans), model)
        })
    });
}

/// Pricing a workload of 20 request classes (some past a long-context threshold) over
/// every service tier, in the region: the API side of every frame's report (issue 27's
/// target, under 5 µs).
fn request_mix(c: &mut Criterion) {
    use llm_cost_explorer::engine::api::effective_usd_per_million;
    use llm_cost_explorer::scenario::{
        LongContextTier, RequestClass, ServiceTier, TierPrices, Volume,
    };
    let mut scenario = presets::load("sonnet-vs-rented-a100").expect("preset");
    scenario.workload.volume = Volume::Requests {
        requests_per_day: 10_000.0,
        input_tokens_per_request: 1_000.0,
        output_tokens_per_request: 300.0,
    };
    scenario.workload.classes = (0..20)
        .map(|index| RequestClass {
            name: format!("class {index}"),
            share: 1.0 + f64::from(index),
            input_tokens: 1_000.0 * f64::from(index * index + 1),
            output_tokens: 100.0 + 50.0 * f64::from(index),
            cached_input_share: (index % 3 == 0).then_some(0.5),
            reasoning_share: (index % 4 == 0).then_some(0.3),
            tier: (index % 5 == 0).then_some(ServiceTier::Batch),
            tool_calls: (index % 7 == 0).then_some(2.0),
        })
        .collect();
    scenario.workload.batch_share = 0.3;
    scenario.workload.flex_share = 0.3;
    scenario.workload.flex_failure_share = 0.05;
    scenario.workload.priority_share = 0.1;
    let api = &mut scenario.apis[0];
    api.usd_per_million_cached_input = Some(0.3);
    api.long_context = Some(LongContextTier {
        above_input_tokens: 200_000,
        includes_threshold: false,
        usd_per_million_input: 6.0,
        usd_per_million_cached_input: None,
        usd_per_million_output: 22.5,
    });
    api.flex = Some(TierPrices {
        usd_per_million_input: 1.5,
        usd_per_million_cached_input: None,
        usd_per_million_output: 7.5,
    });
    api.priority = Some(TierPrices {
        usd_per_million_input: 6.0,
        usd_per_million_cached_input: Some(0.6),
        usd_per_million_output: 30.0,
    });
    api.batch_cache_reads_at_standard = true;
    api.in_region_uplift = Some(0.1);
    assert!(llm_cost_explorer::scenario::validate::validate(&scenario).is_empty());
    c.bench_function("pricing/mix-20-classes-all-tiers", |b| {
        b.iter(|| {
            effective_usd_per_million(
                std::hint::black_box(&scenario.apis[0]),
                std::hint::black_box(&scenario.workload),
            )
        })
    });
}

criterion_group!(
    benches,
    request_mix,
    sizing,
    full_report,
    curves,
    ranged_frame_work,
    near_tied_fleet,
    timeline_with_best_switch,
    price_import
);
criterion_main!(benches);
