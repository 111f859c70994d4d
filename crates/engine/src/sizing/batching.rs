//! Throughput by batch size, and the latency it costs: one decode step of a batch reads the
//! weights (for a mixture of experts, the experts a batch that size reaches) and every
//! running request's KV cache, and computes two FLOPs per active parameter per request.
//! The step takes as long as the slower of reading and computing, plus tensor
//! parallelism's all-reduces when a copy of the model spans GPUs; the batch's requests
//! each get one token per step, so the time between tokens is the step time and the
//! throughput is the batch over it. A node runs the layout (copies × split) that gives the
//! most throughput at a batch; a target time between tokens picks the largest batch that
//! meets it.

use serde::Serialize;

use super::parallel::{self, Layout};
use super::{KvPrecision, MemoryFit, ModelSpec, Node, memory_fit};
use crate::scenario::Precision;

/// One batch size's decode throughput and latency on a node.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BatchPoint {
    /// Requests decoded together on the node (all its copies).
    pub batch: u64,
    /// Aggregate output tokens per second of the node.
    pub tokens_per_second: f64,
    /// Time between one request's tokens (the step time), milliseconds.
    pub inter_token_ms: f64,
    /// Whether reading memory or computing sets the step time.
    pub bound: Bound,
    /// The copies and split that serve this batch fastest.
    pub layout: Layout,
}

/// What sets a decode step's time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Bound {
    /// Reading the weights and the KV cache.
    MemoryBandwidth,
    /// The tensor cores' arithmetic.
    Compute,
}

/// The parts of one decode step, for the arithmetic `fit` shows.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct StepParts {
    /// Weights and KV cache read, GB.
    pub bytes_gb: f64,
    /// Reading them at the calibrated share of the bandwidth, seconds.
    pub reading_s: f64,
    /// FLOPs computed.
    pub flops: f64,
    /// Computing them at the calibrated share of the peak, seconds.
    pub computing_s: f64,
    /// A split's all-reduces, seconds (0 on one GPU).
    pub all_reduce_s: f64,
}

impl StepParts {
    /// The step's time, seconds: the slower of reading and computing, then the
    /// all-reduces.
    pub fn seconds(&self) -> f64 {
        self.reading_s.max(self.computing_s) + self.all_reduce_s
    }

    /// What sets the step's time.
    pub fn bound(&self) -> Bound {
        if self.computing_s > self.reading_s {
            Bound::Compute
        } else {
            Bound::MemoryBandwidth
        }
    }
}

/// The decode step of `batch` requests on `node` (one copy of the model; its GPUs split
/// it), part by part: the weights and KV cache read at the node's calibrated bandwidth
/// efficiency, the FLOPs computed at its compute utilization, and a split's all-reduces.
pub fn step_parts(node: &Node, model: &ModelSpec, fit: &MemoryFit, batch: u64) -> StepParts {
    let efficiency = node.efficiency();
    let requests = batch.max(1) as f64;
    let active = fit.weights_gb * model.active_params_billion / model.params_billion;
    // A batch of a mixture of experts routes its requests to different experts: a step
    // reads at most every expert, at least one request's active ones.
    let weights_read = (active * requests).min(fit.weights_gb);
    let bytes_gb = weights_read + requests * fit.kv_per_request_gb;
    let flops = 2.0 * model.active_params_billion * 1e9 * requests;
    StepParts {
        bytes_gb,
        reading_s: bytes_gb / (node.bandwidth_gb_s * efficiency.bandwidth),
        flops,
        computing_s: flops / (node.peak_tflops(fit.precision) * 1e12 * efficiency.compute),
        all_reduce_s: parallel::all_reduce_seconds(node, model, batch),
    }
}

/// [`step_parts`]' time and what sets it: `(seconds, bound)`.
pub fn step_seconds(node: &Node, model: &ModelSpec, fit: &MemoryFit, batch: u64) -> (f64, Bound) {
    let parts = step_parts(node, model, fit, batch);
    (parts.seconds(), parts.bound())
}

/// The largest batch one copy is run at: runtimes cap the requests scheduled at once
/// (vLLM's `max_num_seqs` defaults to 256; TensorRT-LLM's largest published runs use
/// 2,048), so a larger "fit" is not a batch anyone runs.
pub const MAX_BATCH: u64 = 2048;

/// One layout of a model on a node: the copy's share of the node and what fits on it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Copies and split.
    pub layout: Layout,
    /// The GPUs one copy runs on.
    pub copy: Node,
    /// The model's fit on one copy's GPUs.
    pub fit: MemoryFit,
}

impl Plan {
    /// The most requests the node runs at once in this layout.
    pub fn most_requests(&self) -> u64 {
        self.fit.max_concurrency.min(MAX_BATCH) * u64::from(self.layout.replicas)
    }

    /// Throughput and time between tokens with `batch` requests spread over the copies;
    /// `None` when they do not fit.
    pub fn point(&self, model: &ModelSpec, batch: u64) -> Option<BatchPoint> {
        let per_copy = batch.div_ceil(u64::from(self.layout.replicas)).max(1);
        if batch == 0 || per_copy > self.fit.max_concurrency.min(MAX_BATCH) {
            return None;
        }
        let (seconds, bound) = step_seconds(&self.copy, model, &self.fit, per_copy);
        Some(BatchPoint {
            batch,
            tokens_per_second: batch as f64 / seconds,
            inter_token_ms: seconds * 1e3,
            bound,
            layout: self.layout,
        })
    }

    /// Seconds one copy takes to read a prompt of `prompt_tokens` (its prefill rate).
    pub fn prefill_seconds(&self, model: &ModelSpec, prompt_tokens: u64) -> f64 {
        prompt_tokens as f64 / prefill_rate(&self.copy, model, self.fit.precision)
    }

    /// Time to the first token of a prompt of `prompt_tokens` arriving while the node
    /// runs `batch` requests, seconds: the running step finishes, then the prompt is read
    /// at the copy's prefill rate (no queue of other prompts ahead of it).
    pub fn first_token_seconds(&self, model: &ModelSpec, prompt_tokens: u64, batch: u64) -> f64 {
        let wait = self
            .point(model, batch)
            .map_or(0.0, |point| point.inter_token_ms / 1e3);
        wait + self.prefill_seconds(model, prompt_tokens)
    }

    /// The largest batch per copy whose time between tokens is at most `target_ms`, on
    /// every copy: the step time rises with the batch, so it is found by halving.
    fn within_latency(&self, model: &ModelSpec, target_ms: f64) -> Option<BatchPoint> {
        let most = self.fit.max_concurrency.min(MAX_BATCH);
        let copies = u64::from(self.layout.replicas);
        let point = |per_copy: u64| self.point(model, per_copy * copies);
        if most == 0 || point(1)?.inter_token_ms > target_ms {
            return None;
        }
        let (mut low, mut high) = (1_u64, most);
        while low < high {
            let middle = low + (high - low).div_ceil(2);
            if point(middle).is_some_and(|p| p.inter_token_ms <= target_ms) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        point(low)
    }
}

/// Every layout of `model` at `precision` on `node`, each with its fit for requests of
/// `context_tokens` (the whole-node split first when the node has several GPUs).
pub fn plans(
    node: &Node,
    model: &ModelSpec,
    precision: Precision,
    kv: KvPrecision,
    context_tokens: u64,
) -> Vec<Plan> {
    parallel::layouts(node, model)
        .into_iter()
        .map(|layout| {
            let copy = parallel::replica_node(node, layout);
            let fit = memory_fit(&copy, model, precision, kv, context_tokens, 1);
            Plan { layout, copy, fit }
        })
        .collect()
}

/// The fastest layout for `batch` requests on the node, or `None` when no layout holds
/// them.
pub fn best_point(plans: &[Plan], model: &ModelSpec, batch: u64) -> Option<BatchPoint> {
    plans
        .iter()
        .filter_map(|plan| plan.point(model, batch))
        .max_by(|a, b| a.tokens_per_second.total_cmp(&b.tokens_per_second))
}

/// The most requests any layout runs at once on the node.
pub fn most_requests(plans: &[Plan]) -> u64 {
    plans.iter().map(Plan::most_requests).max().unwrap_or(0)
}

/// Throughput and time between tokens at batch sizes 1, 2, 4, … up to the most requests
/// that fit (that one included), each in its fastest layout; empty when not one fits. A
/// batch only a slower layout holds (more requests, no more throughput) is left out: the
/// node would rather queue them.
pub fn throughput_curve(plans: &[Plan], model: &ModelSpec) -> Vec<BatchPoint> {
    let most = most_requests(plans);
    let mut batches: Vec<u64> = std::iter::successors(Some(1_u64), |batch| batch.checked_mul(2))
        .take_while(|batch| *batch <= most)
        .collect();
    if most > 0 && batches.last() != Some(&most) {
        batches.push(most);
    }
    let mut curve: Vec<BatchPoint> = Vec::with_capacity(batches.len());
    for point in batches
        .into_iter()
        .filter_map(|batch| best_point(plans, model, batch))
    {
        if curve
            .last()
            .is_none_or(|last| point.tokens_per_second > last.tokens_per_second)
        {
            curve.push(point);
        }
    }
    curve
}

/// The most throughput the node gives with no request waiting longer than `target_ms`
/// between its tokens: in each layout the largest batch per copy within the target, and
/// the layout with the most throughput so. `None` when even one request alone is slower.
pub fn within_latency(plans: &[Plan], model: &ModelSpec, target_ms: f64) -> Option<BatchPoint> {
    within_targets(plans, model, target_ms, None)
}

/// A target for the first token: a prompt of `prompt_tokens` answered within `seconds`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FirstTokenTarget {
    /// Tokens of the prompt.
    pub prompt_tokens: u64,
    /// The longest wait allowed for the first token, seconds.
    pub seconds: f64,
}

/// [`within_latency`] with a first-token target too: a request arriving at a busy copy
/// waits for the running step, then its prompt is read at the copy's prefill rate
/// ([`Plan::first_token_seconds`]), so the step may take at most the target less the
/// prefill, and the tighter of the two targets caps the step.
pub fn within_targets(
    plans: &[Plan],
    model: &ModelSpec,
    inter_token_ms: f64,
    first_token: Option<FirstTokenTarget>,
) -> Option<BatchPoint> {
    plans
        .iter()
        .filter_map(|plan| {
            let cap_ms = match first_token {
                Some(target) => {
                    let prefill = plan.prefill_seconds(model, target.prompt_tokens);
                    inter_token_ms.min((target.seconds - prefill) * 1e3)
                }
                None => inter_token_ms,
            };
            plan.within_latency(model, cap_ms)
        })
        .max_by(|a, b| a.tokens_per_second.total_cmp(&b.tokens_per_second))
}

/// The first token of a prompt of `prompt_tokens` arriving at an idle node: its prefill on
/// one copy, in the layout that reads it fastest of those that hold a request, seconds.
pub fn first_token_alone(plans: &[Plan], model: &ModelSpec, prompt_tokens: u64) -> Option<f64> {
    plans
        .iter()
        .filter(|plan| plan.point(model, 1).is_some())
        .map(|plan| plan.prefill_seconds(model, prompt_tokens))
        .min_by(f64::total_cmp)
}

/// The time between tokens of one request alone, in its fastest layout, ms.
pub fn alone_ms(plans: &[Plan], model: &ModelSpec) -> Option<f64> {
    plans
        .iter()
        .filter_map(|plan| plan.point(model, 1))
        .map(|point| point.inter_token_ms)
        .min_by(f64::total_cmp)
}

/// Prompt tokens per second: prefill is compute bound, two FLOPs per active parameter per
/// token at the node's calibrated compute utilization of its peak for the precision.
pub fn prefill_rate(node: &Node, model: &ModelSpec, precision: Precision) -> f64 {
    let utilization = node.efficiency().compute;
    node.peak_tflops(precision) * 1e12 * utilization / (2.0 * model.active_params_billion * 1e9)
}

/// Time to the first token of a request with `prompt_tokens`, seconds: the prompt read at
/// the prefill rate, with no queue ahead of it.
pub fn time_to_first_token(
    node: &Node,
    model: &ModelSpec,
    precision: Precision,
    prompt_tokens: u64,
) -> f64 {
    prompt_tokens as f64 / prefill_rate(node, model, precision)
}

/// Output tokens per second of a workload of `prompt` and `output` tokens a request, when
/// the node both reads prompts (at `prefill` tok/s) and decodes (at `decode` tok/s): each
/// output token costs its share of decode time and `prompt / output` prompt tokens of
/// prefill time, as the cost engine counts busy time from the two rates.
pub fn served_output_rate(decode: f64, prefill: f64, (prompt, output): (u64, u64)) -> f64 {
    if output == 0 || decode <= 0.0 || prefill <= 0.0 {
        return 0.0;
    }
    let prompt_per_output = prompt as f64 / output as f64;
    1.0 / (1.0 / decode + prompt_per_output / prefill)
}
