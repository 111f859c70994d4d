//! Memory and throughput from the hardware and the model, instead of a number typed from a
//! blog post: whether the model fits (weights, KV cache, overhead), how many requests fit
//! at a context length, and what throughput to expect, with its basis — a published
//! benchmark where one exists for that GPU, model and precision, else the bandwidth-bound
//! estimate with a stated efficiency.
//!
//! Decode is memory-bandwidth bound: each step of a batch reads the weights (the active
//! ones for a mixture of experts) once and each request's KV cache, so aggregate output
//! tokens per second grow with concurrency until compute binds or the KV cache fills the
//! memory. Prefill (reading the prompt) is compute bound.

pub mod batching;
pub mod benchmarks;
pub mod calibration;
pub mod memory;
pub mod models;
pub mod parallel;
pub mod target;
#[cfg(test)]
mod tests;

use serde::Serialize;

use crate::scenario::Precision;
use crate::scenario::catalog::{HARDWARE, HardwareClass, HardwareSpec};
use crate::units::{format_percent, group_thousands};
use benchmarks::Benchmark;
pub use calibration::Efficiency;
pub use memory::KvPrecision;
pub use models::{MODELS, ModelSpec, model_named};

/// A node's figures, from the catalogue or typed for custom hardware.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// e.g. "2x A100 80GB".
    pub name: String,
    /// GPUs in the node.
    pub gpus: u32,
    /// Memory of the whole node, GB.
    pub memory_gb: f64,
    /// Memory bandwidth of the whole node, GB/s.
    pub bandwidth_gb_s: f64,
    /// Dense FP16 tensor compute of the whole node, TFLOPS.
    pub fp16_tflops: f64,
    /// Apple silicon's unified memory: the GPU gets [`memory::APPLE_GPU_SHARE`] of it.
    pub unified_memory: bool,
    /// The kind of accelerator, for its calibrated efficiencies.
    pub class: HardwareClass,
    /// FP8 tensor cores: FP8 weights compute at twice the FP16 rate.
    pub fp8_tensor_cores: bool,
    /// One GPU's link to the others, GB/s each way.
    pub link_gb_s: f64,
}

impl Node {
    /// The catalogue's node.
    pub fn from_spec(spec: &HardwareSpec) -> Self {
        Self {
            name: spec.name.to_owned(),
            gpus: spec.gpus,
            memory_gb: spec.memory_gb,
            bandwidth_gb_s: spec.bandwidth_gb_s,
            fp16_tflops: spec.fp16_tflops,
            unified_memory: spec.unified_memory,
            class: spec.class,
            fp8_tensor_cores: spec.fp8_tensor_cores,
            link_gb_s: spec.link_gb_s,
        }
    }

    /// `gpus` of a listed one-GPU node in one machine ("4x H100 80GB"): memory, bandwidth
    /// and compute summed.
    pub fn of_gpus(spec: &HardwareSpec, gpus: u32) -> Self {
        let per_gpu = Self::from_spec(spec);
        let count = f64::from(gpus.max(1)) / f64::from(spec.gpus.max(1));
        Self {
            name: format!("{}x {}", gpus, spec.name),
            gpus: gpus.max(1),
            memory_gb: per_gpu.memory_gb * count,
            bandwidth_gb_s: per_gpu.bandwidth_gb_s * count,
            fp16_tflops: per_gpu.fp16_tflops * count,
            ..per_gpu
        }
    }

    /// A node the catalogue does not list, from its figures: estimated at the lowest
    /// calibrated shares (data-centre GPUs with HBM: 60% of the bandwidth, 45% of the
    /// compute), whatever its memory, so a faster node never estimates slower; no FP8
    /// tensor cores and PCIe between its GPUs assumed.
    pub fn custom(name: &str, gpus: u32, memory_gb: f64, bandwidth_gb_s: f64, tflops: f64) -> Self {
        Self {
            name: name.to_owned(),
            gpus: gpus.max(1),
            memory_gb,
            bandwidth_gb_s,
            fp16_tflops: tflops,
            unified_memory: false,
            class: HardwareClass::DatacenterHbm,
            fp8_tensor_cores: false,
            link_gb_s: 32.0,
        }
    }

    /// Peak dense tensor compute for weights in `precision`, TFLOPS: twice the FP16 rate
    /// for FP8 on FP8 tensor cores; quantized integer weights are widened to FP16 for the
    /// product, so they compute at the FP16 rate.
    pub fn peak_tflops(&self, precision: Precision) -> f64 {
        if precision == Precision::Fp8 && self.fp8_tensor_cores {
            2.0 * self.fp16_tflops
        } else {
            self.fp16_tflops
        }
    }

    /// The calibrated shares of bandwidth and compute this kind of node reaches.
    pub fn efficiency(&self) -> Efficiency {
        calibration::efficiency(self.class)
    }
}

/// The catalogue's node called exactly `name` (any case, spaces alike).
pub fn hardware_exact(name: &str) -> Option<&'static HardwareSpec> {
    let wanted = hardware_key(name);
    HARDWARE
        .iter()
        .find(|spec| hardware_key(spec.name) == wanted)
}

fn hardware_key(text: &str) -> String {
    text.to_lowercase().replace([' ', '-', '_'], "")
}

/// The catalogue's node called `name`, or the one a deployment's name starts with ("A100
/// 80GB server" is an A100 80GB), the longest such name first. The app's estimate says
/// which listed node it took.
pub fn hardware_named(name: &str) -> Option<&'static HardwareSpec> {
    let key = hardware_key;
    let wanted = key(name);
    hardware_exact(name).or_else(|| {
        HARDWARE
            .iter()
            .filter(|spec| wanted.starts_with(&key(spec.name)))
            .max_by_key(|spec| spec.name.len())
    })
}

/// What `model` at `precision` needs on `node` with `concurrency` requests of
/// `context_tokens` each in flight.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MemoryFit {
    /// The weights' precision.
    pub precision: Precision,
    /// Weights by format (embeddings and output layer at 16 bits where the format keeps
    /// them), GB.
    pub weights_gb: f64,
    /// The KV cache's precision.
    pub kv_precision: KvPrecision,
    /// KV cache of one request at the context length, GB (windowed layers capped).
    pub kv_per_request_gb: f64,
    /// KV cache of all requests in flight, GB.
    pub kv_cache_gb: f64,
    /// The runtime on each GPU and a prefill chunk's activations, GB.
    pub overhead_gb: f64,
    /// Their sum, GB.
    pub needed_gb: f64,
    /// The node's memory, GB.
    pub available_gb: f64,
    /// What the runtime may use of it, GB: 90% (vLLM's default), or 75% of Apple
    /// silicon's unified memory.
    pub usable_gb: f64,
    /// Whether it fits in the usable memory (and the context is one the model takes).
    pub fits: bool,
    /// The most requests of this context that fit beside the weights (0 when the weights
    /// alone do not fit, or the context is refused).
    pub max_concurrency: u64,
    /// Usable memory left beside the weights and the overhead for the KV cache, GB (0 when
    /// the weights alone do not fit).
    pub kv_room_gb: f64,
    /// Why the context cannot be served at all: past the model's maximum context.
    pub refused: Option<String>,
    /// The tensor-parallel sizes the model splits into (GPU counts dividing its heads).
    pub tensor_parallel_sizes: Vec<u32>,
    /// When it does not fit: the smallest listed node that does, or how many of this
    /// node's GPUs it would take (a valid split only).
    pub suggestion: Option<String>,
}

/// Memory needed: weights by format + KV cache (`2 · layers · KV heads · head dim · bytes
/// · context · concurrency`, windowed layers capped at their window) + overhead (the
/// runtime per GPU and a prefill chunk's activations), against the usable share of the
/// node's memory.
pub fn memory_fit(
    node: &Node,
    model: &ModelSpec,
    precision: Precision,
    kv_precision: KvPrecision,
    context_tokens: u64,
    concurrency: u64,
) -> MemoryFit {
    let weights_gb = memory::weights_gb(model, precision);
    let kv_per_request_gb = memory::kv_per_request_gb(model, kv_precision, context_tokens);
    let kv_cache_gb = kv_per_request_gb * concurrency as f64;
    let overhead_gb = memory::overhead_gb(model, node.gpus);
    let needed_gb = weights_gb + kv_cache_gb + overhead_gb;
    let usable_gb = memory::usable_gb(node.memory_gb, node.unified_memory);
    let refused = memory::context_refusal(model, context_tokens);
    let room = usable_gb - weights_gb - overhead_gb;
    let max_concurrency = if room <= 0.0 || refused.is_some() {
        0
    } else if kv_per_request_gb > 0.0 {
        (room / kv_per_request_gb).floor() as u64
    } else {
        u64::MAX
    };
    let fits = needed_gb <= usable_gb && refused.is_none();
    let tensor_parallel_sizes = memory::tensor_parallel_sizes(model);
    let suggestion = (!fits && refused.is_none()).then(|| {
        suggestion(
            node,
            model,
            &tensor_parallel_sizes,
            [weights_gb, kv_cache_gb],
        )
    });
    MemoryFit {
        precision,
        weights_gb,
        kv_precision,
        kv_per_request_gb,
        kv_cache_gb,
        overhead_gb,
        needed_gb,
        available_gb: node.memory_gb,
        usable_gb,
        fits,
        max_concurrency,
        kv_room_gb: room.max(0.0),
        refused,
        tensor_parallel_sizes,
        suggestion,
    }
}

/// "the smallest listed node that fits is 8x H100 80GB (640 GB); or 4 GPUs like this
/// node's (80 GB each)": the GPU count is the smallest tensor-parallel size the model
/// splits into whose share of weights and KV cache, with each GPU's runtime and the
/// prefill's activations, fits each GPU's usable memory.
fn suggestion(node: &Node, model: &ModelSpec, sizes: &[u32], [weights, kv]: [f64; 2]) -> String {
    let fits_on = |spec: &HardwareSpec| {
        let overhead = memory::overhead_gb(model, spec.gpus);
        weights + kv + overhead <= memory::usable_gb(spec.memory_gb, spec.unified_memory)
    };
    let smallest = HARDWARE
        .iter()
        .filter(|spec| fits_on(spec))
        .min_by(|a, b| a.memory_gb.total_cmp(&b.memory_gb));
    let per_gpu = node.memory_gb / f64::from(node.gpus.max(1));
    let usable_per_gpu = memory::usable_gb(per_gpu, node.unified_memory);
    let activations = memory::overhead_gb(model, 1) - memory::RUNTIME_GB_PER_GPU;
    let split = sizes.iter().copied().find(|&gpus| {
        let share = (weights + kv) / f64::from(gpus);
        share + memory::RUNTIME_GB_PER_GPU + activations <= usable_per_gpu
    });
    let listed = match smallest {
        Some(spec) => format!(
            "the smallest listed node that fits is {} ({:.0} GB)",
            spec.name, spec.memory_gb
        ),
        None => "no listed node fits".to_owned(),
    };
    match split {
        Some(gpus) if gpus > node.gpus && !node.unified_memory => format!(
            "{listed}; or {gpus} GPUs like this node's ({per_gpu:.0} GB each, the model split \
             {gpus} ways)"
        ),
        _ => listed,
    }
}

/// Throughput to expect, with its basis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThroughputEstimate {
    /// One request's decode ceiling on the whole node: bandwidth / bytes read per token,
    /// tokens/s.
    pub single_stream_ceiling: f64,
    /// One request's expected decode speed: low, middle and high.
    pub single_stream: (f64, f64, f64),
    /// Requests decoded together on the node (the concurrency asked for, or what fits);
    /// 0 when not even one request fits beside the weights (then every rate is 0).
    pub concurrency: u64,
    /// Aggregate output tokens/s at that concurrency: low, middle, high.
    pub decode: (f64, f64, f64),
    /// What binds the aggregate: "memory bandwidth" or "compute".
    pub bound: &'static str,
    /// The copies and split that serve that concurrency fastest.
    pub layout: parallel::Layout,
    /// Time between tokens at that concurrency, ms.
    pub inter_token_ms: f64,
    /// Prompt tokens/s of the whole node (compute bound).
    pub prefill: f64,
    /// The calibrated shares of bandwidth and compute, and the band.
    pub efficiency: Efficiency,
    /// A published figure for this GPU, model and precision, when one exists.
    pub published: Option<Benchmark>,
    /// How the numbers were reached, in words.
    pub basis: String,
}

/// The throughput `model` at `precision` reaches on `node` with `concurrency` requests of
/// `context_tokens` in flight (fewer when fewer fit), in the layout that serves them
/// fastest.
pub fn throughput_estimate(
    node: &Node,
    model: &ModelSpec,
    precision: Precision,
    kv_precision: KvPrecision,
    context_tokens: u64,
    concurrency: u64,
) -> ThroughputEstimate {
    let plans = batching::plans(node, model, precision, kv_precision, context_tokens);
    let batch = concurrency.min(batching::most_requests(&plans));
    let point = batching::best_point(&plans, model, batch);
    let alone = batching::best_point(&plans, model, 1);
    let efficiency = node.efficiency();
    let (below, above) = efficiency.band;
    let banded = |rate: f64| (rate * below, rate, rate * above);
    let weights_gb = memory::weights_gb(model, precision);
    let active_read = weights_gb * model.active_params_billion / model.params_billion;
    let kv_per_request = memory::kv_per_request_gb(model, kv_precision, context_tokens);
    let ceiling = node.bandwidth_gb_s / (active_read + kv_per_request).max(f64::MIN_POSITIVE);
    let prefill = if point.is_some() {
        batching::prefill_rate(node, model, precision)
    } else {
        0.0
    };
    let bound = match point.map(|point| point.bound) {
        None => "memory: not one request fits beside the weights",
        Some(batching::Bound::Compute) => "compute",
        Some(batching::Bound::MemoryBandwidth) => "memory bandwidth",
    };
    let layout = point.map_or(parallel::Layout::WHOLE, |point| point.layout);
    let basis = estimate_basis(
        (node, model, precision),
        point,
        (weights_gb, active_read, kv_per_request),
        prefill,
    );
    ThroughputEstimate {
        single_stream_ceiling: ceiling,
        single_stream: banded(alone.map_or(0.0, |point| point.tokens_per_second)),
        concurrency: point.map_or(0, |point| point.batch),
        decode: banded(point.map_or(0.0, |point| point.tokens_per_second)),
        bound,
        layout,
        inter_token_ms: point.map_or(0.0, |point| point.inter_token_ms),
        prefill,
        efficiency,
        published: benchmarks::find(
            &node.name,
            model.name,
            precision,
            (context_tokens, concurrency),
        ),
        basis,
    }
}

/// The estimate's arithmetic in words: what a step reads and computes, at which shares,
/// in which layout, and the band.
fn estimate_basis(
    (node, model, precision): (&Node, &ModelSpec, Precision),
    point: Option<batching::BatchPoint>,
    (weights_gb, active_read, kv_per_request): (f64, f64, f64),
    prefill: f64,
) -> String {
    let efficiency = node.efficiency();
    let weights_words = if model.is_mixture_of_experts() {
        format!(
            "{active_read:.1} GB of active weights a request ({}B of {}B parameters; a batch \
             reads up to all {weights_gb:.1} GB)",
            model.active_params_billion, model.params_billion
        )
    } else {
        format!("{weights_gb:.1} GB of weights")
    };
    let peak = node.peak_tflops(precision);
    let peak_words = if peak > node.fp16_tflops {
        "FP8 tensor cores"
    } else {
        "FP16 tensor cores"
    };
    let at = point.map_or_else(
        || "not one request fits beside the weights".to_owned(),
        |point| {
            format!(
                "{} at {} requests: a step of {:.1} ms, {} output tok/s",
                point.layout.describe(),
                group_thousands(point.batch),
                point.inter_token_ms,
                group_thousands(point.tokens_per_second.round() as u64)
            )
        },
    );
    format!(
        "a decode step reads {weights_words} and {kv_per_request:.3} GB of KV cache a request at \
         {} of {} GB/s, or computes 2 FLOPs per active parameter a request at {} of {} \
         TFLOPS ({peak_words}), whichever takes longer, plus a split's two all-reduces per \
         layer; {at}; published figures on this kind of node fall at {:.2}–{:.2}× the \
         estimate ({}); prefill {} tok/s at the same share of the peak",
        format_percent(efficiency.bandwidth),
        group_thousands(node.bandwidth_gb_s.round() as u64),
        format_percent(efficiency.compute),
        group_thousands(peak.round() as u64),
        efficiency.band.0,
        efficiency.band.1,
        efficiency.basis,
        group_thousands(prefill.round() as u64),
    )
}
