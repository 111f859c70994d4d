//! Memory and KV numbers against hand-computed values, the throughput estimate against
//! published figures, and the suggestions when a model does not fit.

use super::*;
use crate::scenario::catalog::HARDWARE;

fn node(name: &str) -> Node {
    Node::from_spec(hardware_named(name).expect("listed node"))
}

fn model(name: &str) -> &'static ModelSpec {
    model_named(name).expect("listed model")
}

fn close(got: f64, want: f64) {
    assert!(
        (got - want).abs() < 1e-9 * want.abs().max(1.0),
        "{got} vs {want}"
    );
}

#[test]
fn kv_cache_per_token_is_two_layers_heads_and_dims() {
    // 2 · 32 · 8 · 128 · 2 bytes = 131,072 (128 KiB); 70B: 2 · 80 · 8 · 128 · 2 = 327,680.
    close(model("Llama 3.1 8B").kv_bytes_per_token(2.0), 131_072.0);
    close(model("Llama 3.1 70B").kv_bytes_per_token(2.0), 327_680.0);
}

#[test]
fn llama_8b_and_70b_at_8k_context_times_16_requests() {
    let a100 = node("A100 80GB");
    let (context, requests) = (8_192, 16);
    let fp16 = KvPrecision::Fp16;
    // 8B FP16: weights 8 · 2 = 16 GB; KV 131,072 B · 8,192 · 16 = 17.179869184 GB;
    // overhead 1 GB of runtime + a 2,048-token chunk's activations, 2,048 · (4 · 4,096 +
    // 2 · 14,336) · 2 B = 0.184549376 GB; 34.36441856 GB in all, of 77.309411328 GB
    // usable (90% of 80 GiB, 85.9 billion bytes).
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 8B"),
        Precision::Fp16,
        fp16,
        context,
        requests,
    );
    close(fit.weights_gb, 16.0);
    close(fit.kv_per_request_gb, 1.073_741_824);
    close(fit.kv_cache_gb, 17.179_869_184);
    close(fit.overhead_gb, 1.184_549_376);
    close(fit.needed_gb, 34.364_418_56);
    close(fit.usable_gb, 77.309_411_328);
    assert!(fit.fits);
    // (77.309411328 − 16 − 1.184549376) / 1.073741824 = 55.996 → 55 requests of 8k fit.
    assert_eq!(fit.max_concurrency, 55);
    // 8B INT4 with groups of 128: the embeddings and output layer (2 · 128,256 · 4,096 =
    // 1.050673152B parameters) stay at 2 bytes, the other 6.949326848B take 0.51953125:
    // 3.610392464 + 2.101346304 = 5.711738768 GB.
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 8B"),
        Precision::Q4,
        fp16,
        context,
        requests,
    );
    close(fit.weights_gb, 5.711_738_768);
    close(
        fit.needed_gb,
        5.711_738_768 + 17.179_869_184 + 1.184_549_376,
    );
    // 70B FP16 on 2x A100: 140 + 2.68435456 · 16 = 42.94967296 + 2 GB of runtime + 0.369098752
    // GB of activations (2,048 · (4 · 8,192 + 2 · 28,672) · 2 B) = 185.318771712 GB, of
    // 154.618822656 GB usable.
    let two = node("2x A100 80GB");
    let fit = memory_fit(
        &two,
        model("Llama 3.1 70B"),
        Precision::Fp16,
        fp16,
        context,
        requests,
    );
    close(fit.kv_per_request_gb, 2.684_354_56);
    close(fit.needed_gb, 185.318_771_712);
    assert!(!fit.fits);
    assert_eq!(fit.max_concurrency, 4, "(154.62 − 140 − 2.37) / 2.68 = 4.6");
    // Split 4 ways, each A100 holds (140 + 42.95) / 4 = 45.74 GB + 1.37 GB of its 77.31 GB
    // (2 ways would be 92.84 GB each); 4 divides the 64 heads.
    assert_eq!(
        fit.suggestion.as_deref(),
        Some(
            "the smallest listed node that fits is 8x H100 80GB (640 GB); or 4 GPUs like this \
             node's (80 GB each, the model split 4 ways)"
        )
    );
    // 70B INT4: (70 − 2.101346304) · 0.51953125 + 2.101346304 · 2 = 39.478165036 GB of
    // weights + 42.94967296 + 1.369098752 = 83.796936748 GB: past one A100's 77.31 usable;
    // (77.309411328 − 39.478165036 − 1.369098752) / 2.68435456 = 13.58 → 13 requests fit.
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 70B"),
        Precision::Q4,
        fp16,
        context,
        requests,
    );
    close(fit.weights_gb, 39.478_165_036);
    close(fit.needed_gb, 83.796_936_748);
    assert!(!fit.fits);
    assert_eq!(fit.max_concurrency, 13);
}

/// The issue's own case: 8B INT4 at 128k of context on a 24 GB card needs more than the
/// card gives (24.08 GB against 23.19 usable, 90% of 24 GiB; the old count said it fits).
#[test]
fn a_long_context_8b_int4_does_not_fit_a_24_gb_card() {
    let card = node("RTX 4090 24GB");
    let fit = memory_fit(
        &card,
        model("Llama 3.1 8B"),
        Precision::Q4,
        KvPrecision::Fp16,
        131_072,
        1,
    );
    // 5.711738768 + 131,072 · 131,072 B = 17.179869184 + 1.184549376 = 24.076157328 GB.
    close(fit.needed_gb, 24.076_157_328);
    close(fit.usable_gb, 23.192_823_398_4);
    assert!(!fit.fits);
    // An FP8 KV cache halves it: 5.71 + 8.59 + 1.18 = 15.49 GB, which fits.
    let fp8 = memory_fit(
        &card,
        model("Llama 3.1 8B"),
        Precision::Q4,
        KvPrecision::Fp8,
        131_072,
        1,
    );
    close(fp8.kv_per_request_gb, 8.589_934_592);
    assert!(fp8.fits);
}

/// A context past the model's maximum is refused with the number, whatever the memory.
#[test]
fn a_context_past_the_models_maximum_is_refused() {
    let h100 = node("8x H100 80GB");
    let fit = memory_fit(
        &h100,
        model("Mistral 7B"),
        Precision::Fp16,
        KvPrecision::Fp16,
        131_072,
        1,
    );
    assert!(!fit.fits);
    assert_eq!(fit.max_concurrency, 0);
    assert_eq!(
        fit.refused.as_deref(),
        Some("Mistral 7B stops at 32,768 tokens of context; 131,072 were asked")
    );
    assert!(fit.suggestion.is_none(), "no node serves it");
    let within = memory_fit(
        &h100,
        model("Mistral 7B"),
        Precision::Fp16,
        KvPrecision::Fp16,
        32_768,
        1,
    );
    assert!(within.fits && within.refused.is_none());
}

/// Llama 4 Maverick's 36 chunked-attention layers keep at most 8,192 tokens: at 128k of
/// context its KV cache is (12 · 131,072 + 36 · 8,192) · 2 · 8 · 128 · 2 B = 7.650410496
/// GB, not the 25.77 GB all 48 layers would hold.
#[test]
fn windowed_layers_keep_at_most_their_window() {
    let maverick = model("Llama 4 Maverick");
    let kv = memory::kv_per_request_gb(maverick, KvPrecision::Fp16, 131_072);
    close(kv, (12.0 * 131_072.0 + 36.0 * 8_192.0) * 4_096.0 / 1e9);
    close(kv, 7.650_410_496);
    // Below the window every layer holds the whole context.
    let short = memory::kv_per_request_gb(maverick, KvPrecision::Fp16, 4_096);
    close(short, 48.0 * 4_096.0 * 4_096.0 / 1e9);
}

/// Apple silicon gives the GPU three quarters of unified memory: a 128 GB (GiB) Mac
/// Studio serves from 0.75 · 128 · 1.073741824 = 103.079215104 GB.
#[test]
fn a_mac_studio_serves_from_three_quarters_of_its_memory() {
    let mac = node("Mac Studio M4 Max 128GB");
    let fit = memory_fit(
        &mac,
        model("Llama 3.1 70B"),
        Precision::Q4,
        KvPrecision::Fp16,
        8_192,
        4,
    );
    close(fit.usable_gb, 103.079_215_104);
    close(fit.available_gb, 128.0);
}

/// Every suggested GPU count is a split the model takes: it divides the attention heads,
/// for every listed model and node at contexts from 2k to 128k.
#[test]
fn suggested_gpu_counts_are_valid_tensor_parallel_splits() {
    for model in MODELS {
        let sizes = memory::tensor_parallel_sizes(model);
        assert!(sizes.contains(&1), "{}", model.name);
        for size in &sizes {
            assert_eq!(model.attention_heads % size, 0, "{} by {size}", model.name);
        }
        for spec in HARDWARE {
            for context in [2_048, 8_192, 32_768, 131_072] {
                let fit = memory_fit(
                    &Node::from_spec(spec),
                    model,
                    Precision::Fp16,
                    KvPrecision::Fp16,
                    context,
                    16,
                );
                let Some(words) = fit.suggestion else {
                    continue;
                };
                if let Some(gpus) = words
                    .split("; or ")
                    .nth(1)
                    .and_then(|rest| rest.split(' ').next())
                {
                    let gpus: u32 = gpus.parse().expect("a count");
                    assert!(
                        sizes.contains(&gpus),
                        "{} on {}: {words}",
                        model.name,
                        spec.name
                    );
                }
            }
        }
    }
}

#[test]
fn weights_that_do_not_fit_leave_no_room_for_requests() {
    let card = node("RTX 4090 24GB");
    let fit = memory_fit(
        &card,
        model("Llama 3.1 70B"),
        Precision::Q4,
        KvPrecision::Fp16,
        4_096,
        1,
    );
    assert_eq!(fit.max_concurrency, 0);
    assert!(!fit.fits);
}

#[test]
fn one_streams_estimate_brackets_the_published_single_stream_speed() {
    // RTX 4090, Llama 3 8B F16, llama.cpp: 54.3 tok/s measured. Ceiling 1,008 GB/s ÷ (16 GB
    // of weights + 0.134 GB of KV cache at 1k tokens) = 62.5 tok/s; the 40-90% efficiency
    // band is 25.0 to 56.2 tok/s.
    let card = node("RTX 4090 24GB");
    let estimate = throughput_estimate(
        &card,
        model("Llama 3.1 8B"),
        Precision::Fp16,
        KvPrecision::Fp16,
        1_024,
        1,
    );
    close(
        estimate.single_stream_ceiling,
        1_008.0 / (16.0 + 0.134_217_728),
    );
    let (low, _, high) = estimate.single_stream;
    assert!(low <= 54.3 && 54.3 <= high, "{low} .. {high}");
    let published = estimate.published.expect("a published figure");
    assert_eq!(published.tokens_per_second, 54.3);
    assert_eq!(published.engine, "llama.cpp (May 2024)");
}

#[test]
fn batching_raises_throughput_until_memory_or_compute_binds() {
    let a100 = node("A100 80GB");
    let llama = model("Llama 3.1 8B");
    let one = throughput_estimate(&a100, llama, Precision::Fp16, KvPrecision::Fp16, 2_048, 1);
    let many = throughput_estimate(&a100, llama, Precision::Fp16, KvPrecision::Fp16, 2_048, 64);
    assert!(
        many.decode.1 > 10.0 * one.decode.1,
        "{:?} vs {:?}",
        many.decode,
        one.decode
    );
    // 1,000 requests of 2k do not fit: the batch is what fits.
    let crowd = throughput_estimate(
        &a100,
        llama,
        Precision::Fp16,
        KvPrecision::Fp16,
        2_048,
        1_000,
    );
    let fit = memory_fit(
        &a100,
        llama,
        Precision::Fp16,
        KvPrecision::Fp16,
        2_048,
        1_000,
    );
    assert_eq!(crowd.concurrency, fit.max_concurrency);
    // A mixture of experts reads its active weights for one request: Mixtral's 12.9B, not
    // 46.7B (plus 0.27 GB of KV cache at 2k tokens) ...
    let mixtral = throughput_estimate(
        &a100,
        model("Mixtral 8x7B"),
        Precision::Q4,
        KvPrecision::Fp16,
        2_048,
        1,
    );
    // Mixtral INT4: (46.7 − 0.262144) · 0.51953125 + 0.262144 · 2 GB of weights (its 32,000 ×
    // 4,096 embeddings and output layer at 16 bits), 12.9 / 46.7 of them active.
    let weights = (46.7 - 0.262_144) * 0.519_531_25 + 0.262_144 * 2.0;
    close(
        mixtral.single_stream_ceiling,
        2_039.0 / (weights * 12.9 / 46.7 + 0.268_435_456),
    );
    assert!(
        mixtral.basis.contains("active weights"),
        "{}",
        mixtral.basis
    );
    // ... but a batch of 25 reaches every expert: each step reads all 24.65 GB.
    let batch = throughput_estimate(
        &a100,
        model("Mixtral 8x7B"),
        Precision::Q4,
        KvPrecision::Fp16,
        2_048,
        25,
    );
    let step = weights + 25.0 * 0.268_435_456;
    close(batch.decode.1, 25.0 * 2_039.0 * 0.65 / step);
    // Weights that do not fit leave nothing to estimate.
    let card = node("RTX 4090 24GB");
    let none = throughput_estimate(
        &card,
        model("Llama 3.1 70B"),
        Precision::Fp16,
        KvPrecision::Fp16,
        2_048,
        4,
    );
    assert_eq!(
        (none.concurrency, none.decode.1, none.prefill),
        (0, 0.0, 0.0)
    );
    // Where a published figure exists for the GPU, model and precision, it is offered.
    let a10g = throughput_estimate(
        &node("A10G 24GB"),
        llama,
        Precision::Fp16,
        KvPrecision::Fp16,
        1_024,
        64,
    );
    assert_eq!(a10g.published.map(|b| b.tokens_per_second), Some(301.0));
}

#[test]
fn every_listed_node_and_model_has_the_figures_an_estimate_needs() {
    for spec in HARDWARE {
        assert!(
            spec.bandwidth_gb_s > 0.0 && spec.fp16_tflops > 0.0,
            "{}",
            spec.name
        );
    }
    for model in MODELS {
        assert!(
            model.active_params_billion <= model.params_billion,
            "{}",
            model.name
        );
        assert!(model.layers > 0 && model.kv_heads > 0 && model.head_dim > 0);
    }
    for benchmark in benchmarks::BENCHMARKS {
        assert!(
            hardware_named(benchmark.hardware).is_some(),
            "{}",
            benchmark.hardware
        );
        assert!(
            model_named(benchmark.model).is_some(),
            "{}",
            benchmark.model
        );
    }
}

/// A decode step reads the weights and every running request's KV cache, or computes two
/// FLOPs per active parameter per request, whichever is slower. Hand-checked: Llama 3.1 8B
/// FP8 (9.050673152 GB: its 1.050673152B embedding and output parameters at 2 bytes) on
/// an H100 (3,350 GB/s at 65%: 2,177.5 GB/s) with 2,176 tokens of context (0.285212672 GB
/// of KV cache each).
#[test]
fn a_decode_step_reads_the_weights_and_every_requests_kv_cache() {
    let h100 = node("H100 80GB");
    let llama = model("Llama 3.1 8B");
    let fit = memory_fit(&h100, llama, Precision::Fp8, KvPrecision::Fp16, 2_176, 1);
    close(fit.weights_gb, 9.050_673_152);
    close(fit.kv_per_request_gb, 0.285_212_672);
    // One request: 9.335885824 GB a step, 4.2874 ms between tokens, 233.2 tok/s.
    let (one, bound) = batching::step_seconds(&h100, llama, &fit, 1);
    close(one, 9.335_885_824 / 2_177.5);
    assert_eq!(bound, batching::Bound::MemoryBandwidth);
    // 64 requests: 9.050673152 + 64 · 0.285212672 = 27.30428416 GB a step, 12.54 ms,
    // 5,104 tok/s; computing 64 · 2 · 8B FLOPs at 40% of 989 TFLOPS takes 2.59 ms only.
    let (many, bound) = batching::step_seconds(&h100, llama, &fit, 64);
    close(many, 27.304_284_16 / 2_177.5);
    assert_eq!(bound, batching::Bound::MemoryBandwidth);
    // The largest batch within 10 ms: 9.050673152 + b · 0.285212672 ≤ 21.775 GB → b = 44.
    let within = batching::within_latency(&h100, llama, &fit, 10.0).expect("one request is faster");
    assert_eq!(within.batch, 44);
    // The first token of a 2,176-token prompt: 2,176 / (989 TFLOPS · 50% / 16 GFLOPs) s.
    close(
        batching::time_to_first_token(&h100, llama, 2_176),
        2_176.0 / (989e12 * 0.5 / 16e9),
    );
}

/// Over every listed model and node: throughput never falls as the batch grows (until the
/// memory stops it), the time between tokens never shrinks, the curve ends at the most
/// requests that fit, and the batch picked for a latency target meets it.
#[test]
fn throughput_and_latency_rise_with_the_batch() {
    for model in MODELS {
        for spec in HARDWARE {
            let node = Node::from_spec(spec);
            for context in [2_048, 32_768] {
                let fit = memory_fit(&node, model, Precision::Fp8, KvPrecision::Fp16, context, 1);
                let curve = batching::throughput_curve(&node, model, &fit);
                if fit.max_concurrency == 0 {
                    assert!(curve.is_empty(), "{} on {}", model.name, spec.name);
                    continue;
                }
                let last = curve.last().expect("a point");
                assert_eq!(last.batch, fit.max_concurrency.min(batching::MAX_BATCH));
                for pair in curve.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    assert!(b.tokens_per_second >= a.tokens_per_second * (1.0 - 1e-12));
                    assert!(b.inter_token_ms >= a.inter_token_ms * (1.0 - 1e-12));
                }
                let target = curve[curve.len() / 2].inter_token_ms;
                let within = batching::within_latency(&node, model, &fit, target).expect("met");
                assert!(within.inter_token_ms <= target);
                assert!(within.batch >= curve[curve.len() / 2].batch);
            }
        }
    }
}

/// Paged attention holds each request's prompt and half its output on average: Llama 3.1
/// 8B FP16 on an A100 with 8,192 tokens of context of which 2,048 are output holds 7,168
/// tokens (0.939524096 GB) on average, so 60.124861952 / 0.939524096 = 63.99 → 63
/// requests fit, against 55 at the whole context.
#[test]
fn paged_attention_fits_more_requests_than_the_worst_case() {
    let a100 = node("A100 80GB");
    let llama = model("Llama 3.1 8B");
    let fit = memory_fit(&a100, llama, Precision::Fp16, KvPrecision::Fp16, 8_192, 1);
    close(fit.kv_room_gb, 77.309_411_328 - 16.0 - 1.184_549_376);
    let paged = memory::paged_concurrency(llama, KvPrecision::Fp16, fit.kv_room_gb, (8_192, 2_048));
    assert_eq!(paged, Some(63));
    assert_eq!(fit.max_concurrency, 55);
    // Without output the two agree.
    let all_prompt =
        memory::paged_concurrency(llama, KvPrecision::Fp16, fit.kv_room_gb, (8_192, 0));
    assert_eq!(all_prompt, Some(55));
    // Nothing beside the weights: nothing fits.
    assert_eq!(
        memory::paged_concurrency(llama, KvPrecision::Fp16, 0.0, (8_192, 2_048)),
        None
    );
}
