//! How a node's GPUs serve one model: tensor parallelism splits each layer across `tp`
//! GPUs (the degree must divide the heads), and a node with more GPUs than one copy needs
//! runs several copies side by side ("8x H100 runs two TP-4 replicas"), each taking its
//! share of the requests. A split pays for it every decode step: two all-reduces of the
//! batch's hidden states per layer (Megatron-LM's tensor parallelism: one after attention,
//! one after the feed-forward), across the GPUs' link.

use serde::Serialize;

use super::{ModelSpec, Node, memory};

/// One way to lay a model out on a node: `replicas` copies, each split `tensor_parallel`
/// ways.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Layout {
    /// GPUs one copy of the model is split across.
    pub tensor_parallel: u32,
    /// Copies the node runs side by side.
    pub replicas: u32,
}

impl Layout {
    /// One copy on the whole node, unsplit.
    pub const WHOLE: Layout = Layout {
        tensor_parallel: 1,
        replicas: 1,
    };

    /// "one copy", "one copy split 8 ways", "two copies, each split 4 ways".
    pub fn describe(self) -> String {
        let copies = match self.replicas {
            1 => "one copy".to_owned(),
            2 => "two copies".to_owned(),
            n => format!("{n} copies"),
        };
        match (self.replicas, self.tensor_parallel) {
            (1, 1) => copies,
            (1, tp) => format!("{copies} split {tp} ways"),
            (_, 1) => format!("{copies}, one per GPU"),
            (_, tp) => format!("{copies}, each split {tp} ways"),
        }
    }
}

/// The ways `model` can be laid out on `node`: each tensor-parallel size the model splits
/// into that divides the node's GPUs, with as many copies as the node then holds. Apple
/// silicon and one-GPU nodes have the one layout.
pub fn layouts(node: &Node, model: &ModelSpec) -> Vec<Layout> {
    let gpus = node.gpus.max(1);
    if gpus == 1 || node.unified_memory {
        return vec![Layout::WHOLE];
    }
    memory::tensor_parallel_sizes(model)
        .into_iter()
        .filter(|&tp| tp <= gpus && gpus.is_multiple_of(tp))
        .map(|tp| Layout {
            tensor_parallel: tp,
            replicas: gpus / tp,
        })
        .collect()
}

/// The share of `node` one copy of `layout` runs on: its GPUs, their memory, bandwidth
/// and compute.
pub fn replica_node(node: &Node, layout: Layout) -> Node {
    let share = f64::from(layout.tensor_parallel) / f64::from(node.gpus.max(1));
    if layout.replicas <= 1 {
        return node.clone();
    }
    Node {
        name: format!(
            "{} ({} of {})",
            node.name, layout.tensor_parallel, node.gpus
        ),
        gpus: layout.tensor_parallel,
        memory_gb: node.memory_gb * share,
        bandwidth_gb_s: node.bandwidth_gb_s * share,
        fp16_tflops: node.fp16_tflops * share,
        ..node.clone()
    }
}

/// Time one all-reduce takes beside the bytes it moves, seconds: NCCL's small-message
/// all-reduce latency within one node is several microseconds (an assumption, from NCCL's
/// published all-reduce tests on NVLink; PCIe cards take about twice as long).
pub const ALL_REDUCE_LATENCY_S: f64 = 8e-6;

/// Seconds a decode step of `batch` requests spends in tensor parallelism's all-reduces on
/// `node` (the GPUs of one copy): two per layer, each moving a ring's `2 (tp − 1) / tp`
/// of the batch's hidden states (2 bytes per value) across the link, after
/// [`ALL_REDUCE_LATENCY_S`] (twice that over PCIe). None on one GPU.
pub fn all_reduce_seconds(node: &Node, model: &ModelSpec, batch: u64) -> f64 {
    let tp = node.gpus.max(1);
    if tp == 1 || node.unified_memory {
        return 0.0;
    }
    let ring_share = 2.0 * f64::from(tp - 1) / f64::from(tp);
    let bytes = batch.max(1) as f64 * f64::from(model.hidden_size) * 2.0 * ring_share;
    let latency = if node.link_gb_s >= 100.0 {
        ALL_REDUCE_LATENCY_S
    } else {
        2.0 * ALL_REDUCE_LATENCY_S
    };
    let one = latency + bytes / (node.link_gb_s.max(1e-3) * 1e9);
    2.0 * f64::from(model.layers) * one
}
