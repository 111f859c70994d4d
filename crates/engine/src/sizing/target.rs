//! Whether a deployment's node can give the throughput its costs count on without any
//! request waiting longer than a target between its tokens: the sizing estimate at the
//! target (the most throughput of any layout within it, [`batching::within_latency`]),
//! set against the deployment's decode rate (or its one total rate, with prefill sharing
//! the node as the cost engine counts busy time). The verdict's latency constraint reads
//! it; only listed models, on listed nodes or nodes with a typed bandwidth, are checked.

use super::batching::{self, BatchPoint};
use super::{KvPrecision, Node, hardware_named, model_named};
use crate::scenario::{Deployment, Hardware, Volume, Workload};

/// Tokens a request holds when the workload gives no request size (a volume in tokens).
pub const ASSUMED_REQUEST_TOKENS: u64 = 2_048;

/// The node a deployment's hardware describes for the estimate: a listed node's bandwidth
/// and compute (as many of a listed GPU as the deployment has) with the deployment's
/// memory, or the figures typed for hardware the catalogue does not list; `None` without a
/// bandwidth.
pub fn node_of(hardware: &Hardware) -> Option<Node> {
    if let Some(spec) = hardware_named(&hardware.name) {
        let listed = if spec.gpus == 1 && hardware.gpus > 1 {
            Node::of_gpus(spec, hardware.gpus)
        } else {
            Node::from_spec(spec)
        };
        return Some(Node {
            memory_gb: hardware.memory_gb,
            ..listed
        });
    }
    Some(Node::custom(
        &hardware.name,
        hardware.gpus,
        hardware.memory_gb,
        hardware.memory_bandwidth_gb_s?,
        hardware.fp16_tflops.unwrap_or(100.0),
    ))
}

/// A deployment's throughput against what its node gives within the target.
#[derive(Clone, Debug, PartialEq)]
pub struct LatencyCheck {
    /// The node's best within the target: requests, decode tok/s, the step, the layout.
    pub within: BatchPoint,
    /// What the node gives within the target in the deployment's own measure (decode tok/s
    /// when it gives prefill and decode rates, else input and output tok/s together).
    pub gives: f64,
    /// The most the published figures of this kind of node suggest: `gives` times the
    /// band's high end.
    pub gives_at_most: f64,
    /// The rate the deployment's costs count on, in the same measure.
    pub counts_on: f64,
    /// "decode tok/s" or "tok/s".
    pub measure: &'static str,
}

impl LatencyCheck {
    /// The deployment counts on more than its node gives within the target, even at the
    /// band's high end.
    pub fn falls_short(&self) -> bool {
        self.counts_on > self.gives_at_most
    }
}

/// What checking a deployment against a time between tokens found.
#[derive(Clone, Debug, PartialEq)]
pub enum LatencyOutcome {
    /// Estimated: see [`LatencyCheck`].
    Checked(LatencyCheck),
    /// Not one request alone is that fast on this node: its time between tokens, ms.
    TooSlow(f64),
    /// Not estimated, and why ("its model is not a listed one").
    NotChecked(&'static str),
}

/// Checks `deployment` against `target_ms` between tokens for requests of the workload's
/// size ([`ASSUMED_REQUEST_TOKENS`] when the volume is in tokens).
pub fn check(deployment: &Deployment, workload: &Workload, target_ms: f64) -> LatencyOutcome {
    let Some(model) = model_named(&deployment.model.name) else {
        return LatencyOutcome::NotChecked("its model is not a listed one");
    };
    let Some(node) = node_of(&deployment.hardware) else {
        return LatencyOutcome::NotChecked("its node is not listed and has no bandwidth");
    };
    let (prompt, output) = request_tokens(workload);
    if super::memory::context_refusal(model, prompt + output).is_some() {
        return LatencyOutcome::NotChecked("a request is longer than the model's context");
    }
    let precision = deployment.model.precision;
    // Requests held as paged attention holds them, as the calibration counted them: the
    // prompt and half the output on average.
    let occupancy = prompt + output / 2;
    let plans = batching::plans(&node, model, precision, KvPrecision::Fp16, occupancy);
    let Some(within) = batching::within_latency(&plans, model, target_ms) else {
        return match batching::alone_ms(&plans, model) {
            Some(alone) => LatencyOutcome::TooSlow(alone),
            None => LatencyOutcome::NotChecked("not one request fits beside the weights"),
        };
    };
    let band_high = node.efficiency().band.1;
    let (gives, counts_on, measure) = match &deployment.phases {
        Some(phases) => (
            within.tokens_per_second,
            phases.decode_tokens_per_second,
            "decode tok/s",
        ),
        None => {
            let prefill = batching::prefill_rate(&node, model, precision);
            let output_rate =
                batching::served_output_rate(within.tokens_per_second, prefill, (prompt, output));
            let all = output_rate * (prompt + output) as f64 / output.max(1) as f64;
            (all, deployment.throughput_tokens_per_second, "tok/s")
        }
    };
    LatencyOutcome::Checked(LatencyCheck {
        within,
        gives,
        gives_at_most: gives * band_high,
        counts_on,
        measure,
    })
}

/// A request's prompt and output tokens: the workload's own, or
/// [`ASSUMED_REQUEST_TOKENS`] split by its input share.
pub fn request_tokens(workload: &Workload) -> (u64, u64) {
    if let Some((input, output)) = workload.request_size() {
        return (
            input.round().max(0.0) as u64,
            output.round().max(1.0) as u64,
        );
    }
    match workload.volume {
        Volume::Requests { .. } => (0, 1),
        Volume::Tokens { input_share, .. } => {
            let prompt = (ASSUMED_REQUEST_TOKENS as f64 * input_share).round() as u64;
            let prompt = prompt.min(ASSUMED_REQUEST_TOKENS - 1);
            (prompt, ASSUMED_REQUEST_TOKENS - prompt)
        }
    }
}
