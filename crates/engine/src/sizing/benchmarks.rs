//! Published serving throughput, each figure with the GPU, model, precision, engine and
//! version, lengths, concurrency and source it was measured with (the model document's
//! table). Figures vary 2-3x with those, so they are kept whole, never averaged.

use serde::Serialize;

use crate::scenario::Precision;

/// One published measurement.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Benchmark {
    /// The node as the catalogue names it.
    pub hardware: &'static str,
    /// The model as the catalogue names it.
    pub model: &'static str,
    /// Weight precision.
    pub precision: Precision,
    /// Serving engine and version.
    pub engine: &'static str,
    /// Prompt and output lengths, as published.
    pub lengths: &'static str,
    /// Requests in flight.
    pub concurrency: &'static str,
    /// Aggregate output tokens per second.
    pub tokens_per_second: f64,
    /// Where it was published.
    pub source: &'static str,
}

/// The published figures the estimate can offer.
pub const BENCHMARKS: &[Benchmark] = &[
    Benchmark {
        hardware: "A100 80GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 1518.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "H100 80GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 3400.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "A100 80GB",
        model: "Llama 3.1 70B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 209.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "H100 80GB",
        model: "Llama 3.1 70B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 419.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "2x A100 80GB",
        model: "Llama 3.1 70B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 663.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "8x H100 80GB",
        model: "Llama 3.1 70B",
        precision: Precision::Fp8,
        engine: "vLLM 0.5.4",
        lengths: "benchmark_serving defaults",
        concurrency: "320 prompts",
        tokens_per_second: 2573.0,
        source: "Lambda vllm-benchmark",
    },
    Benchmark {
        hardware: "A10G 24GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp16,
        engine: "vLLM 0.4.3",
        lengths: "llmperf defaults",
        concurrency: "64 (plateau; 290 at 16, 32 at 1)",
        tokens_per_second: 301.0,
        source: "llmperf on a g5.2xlarge",
    },
    Benchmark {
        hardware: "RTX 4090 24GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp8,
        engine: "vLLM 0.6.4",
        lengths: "as published",
        concurrency: "32 (880 at 8, 195 at 1)",
        tokens_per_second: 1100.0,
        source: "a GPU host's vLLM figures",
    },
    Benchmark {
        hardware: "L40S 48GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp16,
        engine: "as published",
        lengths: "as published",
        concurrency: "batch 32 (325 at 8, 44 at 1)",
        tokens_per_second: 1124.0,
        source: "Koyeb benchmarks",
    },
    Benchmark {
        hardware: "RTX 4090 24GB",
        model: "Llama 3.1 8B",
        precision: Precision::Fp16,
        engine: "llama.cpp (May 2024)",
        lengths: "single stream",
        concurrency: "1",
        tokens_per_second: 54.3,
        source: "GPU-Benchmarks-on-LLM-Inference",
    },
];

/// The published figure for this node, model and precision, if any (the highest
/// concurrency one when several are listed).
pub fn find(hardware: &str, model: &str, precision: Precision) -> Option<Benchmark> {
    BENCHMARKS
        .iter()
        .filter(|b| b.hardware == hardware && b.model == model && b.precision == precision)
        .max_by(|a, b| a.tokens_per_second.total_cmp(&b.tokens_per_second))
        .copied()
}
