//! Throughput by batch size, and the latency it costs: one decode step of a batch reads the
//! weights (for a mixture of experts, the experts a batch that size reaches) and every
//! running request's KV cache, and computes two FLOPs per active parameter per request.
//! The step takes as long as the slower of reading and computing; the batch's requests
//! each get one token per step, so the time between tokens is the step time and the
//! throughput is the batch over it. A target time between tokens then picks the largest
//! batch that meets it.

use serde::Serialize;

use super::{DECODE_EFFICIENCY, DECODE_MFU, MemoryFit, ModelSpec, Node, PREFILL_MFU};

/// One batch size's decode throughput and latency.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BatchPoint {
    /// Requests decoded together.
    pub batch: u64,
    /// Aggregate output tokens per second.
    pub tokens_per_second: f64,
    /// Time between one request's tokens (the step time), milliseconds.
    pub inter_token_ms: f64,
    /// Whether reading memory or computing sets the step time.
    pub bound: Bound,
}

/// What sets a decode step's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Bound {
    /// Reading the weights and the KV cache.
    MemoryBandwidth,
    /// The tensor cores' arithmetic.
    Compute,
}

/// The decode step of `batch` requests on `node`: `(seconds, bound)`, from the weights and
/// KV cache read and the FLOPs computed, at the middle efficiency and utilization.
pub fn step_seconds(node: &Node, model: &ModelSpec, fit: &MemoryFit, batch: u64) -> (f64, Bound) {
    step_seconds_at(node, model, fit, batch, DECODE_EFFICIENCY.1)
}

/// [`step_seconds`] with the bandwidth read at `efficiency` (the band's low, middle or
/// high).
pub fn step_seconds_at(
    node: &Node,
    model: &ModelSpec,
    fit: &MemoryFit,
    batch: u64,
    efficiency: f64,
) -> (f64, Bound) {
    let requests = batch.max(1) as f64;
    let active = fit.weights_gb * model.active_params_billion / model.params_billion;
    // A batch of a mixture of experts routes its requests to different experts: a step
    // reads at most every expert, at least one request's active ones.
    let weights_read = (active * requests).min(fit.weights_gb);
    let bytes_gb = weights_read + requests * fit.kv_per_request_gb;
    let reading = bytes_gb / (node.bandwidth_gb_s * efficiency);
    let flops = 2.0 * model.active_params_billion * 1e9 * requests;
    let computing = flops / (node.fp16_tflops * 1e12 * DECODE_MFU);
    if computing > reading {
        (computing, Bound::Compute)
    } else {
        (reading, Bound::MemoryBandwidth)
    }
}

/// Throughput and time between tokens at batch sizes 1, 2, 4, … up to the most requests
/// that fit (that one included); empty when not one fits.
pub fn throughput_curve(node: &Node, model: &ModelSpec, fit: &MemoryFit) -> Vec<BatchPoint> {
    let most = fit.max_concurrency.min(MAX_BATCH);
    let mut batches: Vec<u64> = std::iter::successors(Some(1_u64), |batch| batch.checked_mul(2))
        .take_while(|batch| *batch <= most)
        .collect();
    if most > 0 && batches.last() != Some(&most) {
        batches.push(most);
    }
    batches
        .into_iter()
        .map(|batch| batch_point(node, model, fit, batch))
        .collect()
}

/// Throughput and time between tokens of one batch size.
pub fn batch_point(node: &Node, model: &ModelSpec, fit: &MemoryFit, batch: u64) -> BatchPoint {
    let (seconds, bound) = step_seconds(node, model, fit, batch);
    BatchPoint {
        batch,
        tokens_per_second: batch as f64 / seconds,
        inter_token_ms: seconds * 1e3,
        bound,
    }
}

/// The largest batch a curve is drawn to: runtimes cap the requests scheduled at once
/// (vLLM's `max_num_seqs` defaults to 256; TensorRT-LLM's largest published runs use
/// 2,048), so a larger "fit" is not a batch anyone runs.
pub const MAX_BATCH: u64 = 2048;

/// The largest batch whose time between tokens is at most `target_ms`, and its
/// throughput: the step time rises with the batch, so it is found by halving between 1 and
/// the most that fit. `None` when even one request alone is slower than the target.
pub fn within_latency(
    node: &Node,
    model: &ModelSpec,
    fit: &MemoryFit,
    target_ms: f64,
) -> Option<BatchPoint> {
    let most = fit.max_concurrency.min(MAX_BATCH);
    let point = |batch: u64| batch_point(node, model, fit, batch);
    if most == 0 || point(1).inter_token_ms > target_ms {
        return None;
    }
    let (mut low, mut high) = (1_u64, most);
    while low < high {
        let middle = low + (high - low).div_ceil(2);
        if point(middle).inter_token_ms <= target_ms {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    Some(point(low))
}

/// Prompt tokens per second: prefill is compute bound, two FLOPs per active parameter per
/// token at [`PREFILL_MFU`] of the node's compute.
pub fn prefill_rate(node: &Node, model: &ModelSpec) -> f64 {
    node.fp16_tflops * 1e12 * PREFILL_MFU / (2.0 * model.active_params_billion * 1e9)
}

/// Time to the first token of a request with `prompt_tokens`, seconds: the prompt read at
/// the prefill rate, with no queue ahead of it.
pub fn time_to_first_token(node: &Node, model: &ModelSpec, prompt_tokens: u64) -> f64 {
    prompt_tokens as f64 / prefill_rate(node, model)
}
