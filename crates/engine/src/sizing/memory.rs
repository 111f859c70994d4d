//! Memory as serving engines allocate it: weights by format (the embeddings and the output
//! layer kept at 16 bits where checkpoints keep them, 4-bit weights with their group
//! scales), the KV cache at its own precision with sliding-window and chunked-attention
//! layers capped, an overhead of the runtime per GPU plus the activations of a prefill
//! chunk, and only the share of memory the runtime may use (vLLM reserves 10%; macOS
//! gives the GPU about three quarters of unified memory). Tensor-parallel splits are
//! the GPU counts that divide the attention heads.

use serde::Serialize;

use super::models::ModelSpec;
use crate::scenario::Precision;

/// How a weight format stores a model: bytes per weight of the quantized layers, and
/// whether the embeddings and the output layer stay at 16 bits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct WeightFormat {
    /// Bytes per weight of the layers the format quantizes (group scales included).
    pub bytes_per_weight: f64,
    /// The token embeddings and the output layer are kept at 16 bits (2 bytes).
    pub edges_at_16_bit: bool,
    /// Where the figures come from.
    pub source: &'static str,
}

/// Bytes per weight of 4-bit integer weights with an FP16 scale and a 4-bit zero point per
/// group of 128 weights (AWQ's and GPTQ's packing): 0.5 + 2.5 / 128 = 0.51953125.
pub const INT4_GROUP_BYTES: f64 = 0.5 + 2.5 / 128.0;

/// The format behind each precision.
pub fn weight_format(precision: Precision) -> WeightFormat {
    match precision {
        Precision::Fp16 => WeightFormat {
            bytes_per_weight: 2.0,
            edges_at_16_bit: false,
            source: "FP16/BF16 checkpoints: 2 bytes per weight throughout",
        },
        Precision::Fp8 => WeightFormat {
            bytes_per_weight: 1.0,
            edges_at_16_bit: true,
            source: "FP8 checkpoints (e.g. Meta's and NVIDIA's FP8 Llama 3.1): 1 byte per \
                     weight in the transformer layers, embeddings and output layer in BF16",
        },
        Precision::Q8 => WeightFormat {
            bytes_per_weight: 1.0,
            edges_at_16_bit: true,
            source: "INT8 weight-only checkpoints (W8A16): 1 byte per weight plus per-channel \
                     scales (negligible), embeddings and output layer in FP16",
        },
        Precision::Q4 => WeightFormat {
            bytes_per_weight: INT4_GROUP_BYTES,
            edges_at_16_bit: true,
            source: "INT4 AWQ/GPTQ checkpoints with groups of 128: 0.5 byte per weight plus an \
                     FP16 scale and a 4-bit zero per group (0.520 bytes), embeddings and output \
                     layer in FP16",
        },
        Precision::GgufQ4KM => WeightFormat {
            bytes_per_weight: GGUF_Q4_K_M_BITS / 8.0,
            edges_at_16_bit: false,
            source: "llama.cpp's Q4_K_M: 4.89 bits per weight on average over the whole file \
                     (its quantize table for Llama 3 8B), embeddings and output layer included",
        },
        Precision::GgufQ8 => WeightFormat {
            bytes_per_weight: GGUF_Q8_0_BITS / 8.0,
            edges_at_16_bit: false,
            source: "llama.cpp's Q8_0: 8.5 bits per weight (32 8-bit weights and one FP16 \
                     scale per block), embeddings and output layer included",
        },
    }
}

/// Average bits per weight of a GGUF Q4_K_M file (llama.cpp's quantize table).
pub const GGUF_Q4_K_M_BITS: f64 = 4.89;
/// Bits per weight of GGUF Q8_0: blocks of 32 8-bit weights with one FP16 scale.
pub const GGUF_Q8_0_BITS: f64 = 8.5;

/// Memory of `model`'s weights in `precision`, GB: the quantized layers at the format's
/// bytes per weight, and the embeddings and output layer at 2 bytes where the format keeps
/// them at 16 bits.
pub fn weights_gb(model: &ModelSpec, precision: Precision) -> f64 {
    let format = weight_format(precision);
    let edges = if format.edges_at_16_bit {
        model.edge_params_billion()
    } else {
        0.0
    };
    (model.params_billion - edges) * format.bytes_per_weight + edges * 2.0
}

/// Precision of the KV cache: FP16 by default, FP8 where the runtime is told to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub enum KvPrecision {
    /// 2 bytes per element.
    #[default]
    Fp16,
    /// 1 byte per element (vLLM's and TensorRT-LLM's FP8 KV cache).
    Fp8,
}

impl KvPrecision {
    /// Bytes per element.
    pub fn bytes(self) -> f64 {
        match self {
            KvPrecision::Fp16 => 2.0,
            KvPrecision::Fp8 => 1.0,
        }
    }

    /// As written in a runtime's options.
    pub fn label(self) -> &'static str {
        match self {
            KvPrecision::Fp16 => "FP16",
            KvPrecision::Fp8 => "FP8",
        }
    }
}

/// Memory the runtime keeps per GPU besides weights, KV cache and activations (the CUDA
/// context, the runtime's buffers and graphs), GB: an assumption, about what vLLM's start-up
/// log reports as non-torch memory and CUDA graphs on one GPU.
pub const RUNTIME_GB_PER_GPU: f64 = 1.0;

/// Tokens of one prefill chunk (vLLM's chunked prefill batches 2,048 tokens a step by
/// default on large GPUs), whose activations are the peak beside the weights.
pub const PREFILL_CHUNK_TOKENS: f64 = 2048.0;

/// Share of a GPU's memory the serving runtime may use: vLLM's `gpu_memory_utilization`
/// defaults to 0.90.
pub const USABLE_SHARE: f64 = 0.90;

/// Share of an Apple silicon machine's unified memory the GPU may use by default (macOS's
/// working-set limit, about three quarters on machines with more than 36 GB).
pub const APPLE_GPU_SHARE: f64 = 0.75;

/// Overhead beside weights and KV cache, GB: the runtime on each of `gpus` GPUs, plus the
/// activations of a prefill chunk (each token's hidden state four times over and the
/// feed-forward's two intermediate projections, at 2 bytes).
pub fn overhead_gb(model: &ModelSpec, gpus: u32) -> f64 {
    let per_token_bytes =
        (4.0 * f64::from(model.hidden_size) + 2.0 * f64::from(model.intermediate_size)) * 2.0;
    RUNTIME_GB_PER_GPU * f64::from(gpus.max(1)) + PREFILL_CHUNK_TOKENS * per_token_bytes / 1e9
}

/// Bytes in one marketed "GB" of GPU or unified memory: memory is sold in binary units (an
/// "80GB" A100 holds 80 GiB, 85.9 billion bytes), while weights and KV cache are counted
/// here in decimal gigabytes (10^9 bytes), as model cards give them.
pub const BYTES_PER_MARKETED_GB: f64 = 1_073_741_824.0;

/// The memory a node gives the model, decimal GB: its marketed `memory_gb` (GiB) in bytes,
/// times [`USABLE_SHARE`], or on Apple silicon's unified memory [`APPLE_GPU_SHARE`] (the
/// rest is the system's).
pub fn usable_gb(memory_gb: f64, unified: bool) -> f64 {
    let share = if unified {
        APPLE_GPU_SHARE
    } else {
        USABLE_SHARE
    };
    memory_gb * BYTES_PER_MARKETED_GB / 1e9 * share
}

/// KV cache one request of `context_tokens` holds, GB: every layer keeps each token's keys
/// and values, except sliding-window and chunked-attention layers, which keep at most
/// their window.
pub fn kv_per_request_gb(model: &ModelSpec, kv: KvPrecision, context_tokens: u64) -> f64 {
    let per_layer_token = model.kv_bytes_per_token(kv.bytes()) / f64::from(model.layers.max(1));
    let context = context_tokens as f64;
    let (windowed, window) = model
        .window
        .map_or((0, 0.0), |window| (window.layers, window.tokens as f64));
    let full = f64::from(model.layers.saturating_sub(windowed)) * context;
    let capped = f64::from(windowed) * context.min(window);
    per_layer_token * (full + capped) / 1e9
}

/// Tensor-parallel sizes a model can be split across: the GPU counts up to 8 that divide
/// its attention heads and either divide its KV heads or are a multiple of them (the KV
/// heads are then copied), as vLLM and TensorRT-LLM require.
pub fn tensor_parallel_sizes(model: &ModelSpec) -> Vec<u32> {
    [1, 2, 4, 8]
        .into_iter()
        .filter(|&size| {
            model.attention_heads.is_multiple_of(size)
                && (model.kv_heads.is_multiple_of(size) || size.is_multiple_of(model.kv_heads))
        })
        .collect()
}

/// Why a request of `context_tokens` cannot be served at all, when it exceeds the model's
/// maximum context.
pub fn context_refusal(model: &ModelSpec, context_tokens: u64) -> Option<String> {
    (context_tokens > model.max_context).then(|| {
        format!(
            "{} stops at {} tokens of context; {} were asked",
            model.name,
            crate::units::group_thousands(model.max_context),
            crate::units::group_thousands(context_tokens)
        )
    })
}

/// How many requests fit as paged attention holds them: each holds on average its prompt
/// and half its output (the cache grows a page at a time as it generates), where
/// [`super::MemoryFit::max_concurrency`] holds every request at its whole context (the
/// worst case, all finishing at once). `room_gb` is the usable memory beside the weights
/// and the overhead. `None` when nothing fits or a request holds nothing.
pub fn paged_concurrency(
    model: &ModelSpec,
    kv: KvPrecision,
    room_gb: f64,
    (context_tokens, output_tokens): (u64, u64),
) -> Option<u64> {
    let prompt = context_tokens.saturating_sub(output_tokens);
    let average = prompt + output_tokens / 2;
    let per_request = kv_per_request_gb(model, kv, average);
    (room_gb > 0.0 && per_request > 0.0).then(|| (room_gb / per_request).floor() as u64)
}
