//! Memory and KV numbers against hand-computed values, the throughput estimate against
//! published figures, and the suggestions when a model does not fit.

use super::*;

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
    // 8B FP16: weights 8 · 2 = 16 GB; KV 131,072 B · 8,192 · 16 = 17.179869184 GB;
    // overhead 10% of the weights 1.6 GB; 34.779869184 GB in all.
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 8B"),
        Precision::Fp16,
        context,
        requests,
    );
    close(fit.weights_gb, 16.0);
    close(fit.kv_per_request_gb, 1.073_741_824);
    close(fit.kv_cache_gb, 17.179_869_184);
    close(fit.overhead_gb, 1.6);
    close(fit.needed_gb, 34.779_869_184);
    assert!(fit.fits);
    // (80 − 16 − 1.6) / 1.073741824 = 58.1 → 58 requests of 8k fit.
    assert_eq!(fit.max_concurrency, 58);
    // 8B INT4: weights 4 GB, overhead 0.4 GB, the same KV cache: 21.579869184 GB.
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 8B"),
        Precision::Q4,
        context,
        requests,
    );
    close(fit.needed_gb, 4.0 + 17.179_869_184 + 0.4);
    // 70B FP16: 140 + 2.68435456 · 16 = 42.94967296 + 14 = 196.94967296 GB: not on 2x A100.
    let two = node("2x A100 80GB");
    let fit = memory_fit(
        &two,
        model("Llama 3.1 70B"),
        Precision::Fp16,
        context,
        requests,
    );
    close(fit.kv_per_request_gb, 2.684_354_56);
    close(fit.needed_gb, 196.949_672_96);
    assert!(!fit.fits);
    assert_eq!(fit.max_concurrency, 2, "(160 − 140 − 14) / 2.68 = 2.2");
    assert_eq!(
        fit.suggestion.as_deref(),
        Some(
            "the smallest listed node that fits is 8x H100 80GB (640 GB); or 3 GPUs like this \
             node's (80 GB each)"
        )
    );
    // 70B INT4: 35 + 42.95 + 3.5 = 81.45 GB, just past one A100's 80 GB; 15 requests fit.
    let fit = memory_fit(
        &a100,
        model("Llama 3.1 70B"),
        Precision::Q4,
        context,
        requests,
    );
    close(fit.needed_gb, 35.0 + 42.949_672_96 + 3.5);
    assert!(!fit.fits);
    assert_eq!(fit.max_concurrency, 15);
}

#[test]
fn weights_that_do_not_fit_leave_no_room_for_requests() {
    let card = node("RTX 4090 24GB");
    let fit = memory_fit(&card, model("Llama 3.1 70B"), Precision::Q4, 4_096, 1);
    assert_eq!(fit.max_concurrency, 0);
    assert!(!fit.fits);
}

#[test]
fn one_streams_estimate_brackets_the_published_single_stream_speed() {
    // RTX 4090, Llama 3 8B F16, llama.cpp: 54.3 tok/s measured. Ceiling 1,008 GB/s ÷ (16 GB
    // of weights + 0.134 GB of KV cache at 1k tokens) = 62.5 tok/s; the 40-90% efficiency
    // band is 25.0 to 56.2 tok/s.
    let card = node("RTX 4090 24GB");
    let estimate = throughput_estimate(&card, model("Llama 3.1 8B"), Precision::Fp16, 1_024, 1);
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
    let one = throughput_estimate(&a100, llama, Precision::Fp16, 2_048, 1);
    let many = throughput_estimate(&a100, llama, Precision::Fp16, 2_048, 64);
    assert!(
        many.decode.1 > 10.0 * one.decode.1,
        "{:?} vs {:?}",
        many.decode,
        one.decode
    );
    // 1,000 requests of 2k do not fit: the batch is what fits.
    let crowd = throughput_estimate(&a100, llama, Precision::Fp16, 2_048, 1_000);
    let fit = memory_fit(&a100, llama, Precision::Fp16, 2_048, 1_000);
    assert_eq!(crowd.concurrency, fit.max_concurrency);
    // A mixture of experts reads its active weights for one request: Mixtral's 12.9B, not
    // 46.7B (plus 0.27 GB of KV cache at 2k tokens) ...
    let mixtral = throughput_estimate(&a100, model("Mixtral 8x7B"), Precision::Q4, 2_048, 1);
    close(
        mixtral.single_stream_ceiling,
        2_039.0 / (12.9 * 0.5 + 0.268_435_456),
    );
    assert!(
        mixtral.basis.contains("active weights"),
        "{}",
        mixtral.basis
    );
    // ... but a batch of 25 reaches every expert: each step reads all 23.35 GB.
    let batch = throughput_estimate(&a100, model("Mixtral 8x7B"), Precision::Q4, 2_048, 25);
    let step = 46.7 * 0.5 + 25.0 * 0.268_435_456;
    close(batch.decode.1, 25.0 * 2_039.0 * 0.65 / step);
    // Weights that do not fit leave nothing to estimate.
    let card = node("RTX 4090 24GB");
    let none = throughput_estimate(&card, model("Llama 3.1 70B"), Precision::Fp16, 2_048, 4);
    assert_eq!(
        (none.concurrency, none.decode.1, none.prefill),
        (0, 0.0, 0.0)
    );
    // Where a published figure exists for the GPU, model and precision, it is offered.
    let a10g = throughput_estimate(&node("A10G 24GB"), llama, Precision::Fp16, 1_024, 64);
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
