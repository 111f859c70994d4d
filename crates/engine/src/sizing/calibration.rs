//! What share of its data-sheet figures each kind of accelerator reaches when serving,
//! calibrated on the published figures in [`super::benchmarks`] (the model document's
//! table gives each figure beside its estimate). A decode step reads at the bandwidth
//! efficiency and computes at the compute utilization; the band is where the published
//! figures of that kind fall around the estimate, so "within the band" says how far a
//! real engine has been seen from it.

use serde::Serialize;

use crate::scenario::catalog::HardwareClass;

/// One kind of accelerator's calibrated shares.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Efficiency {
    /// Share of the memory bandwidth a decode step reads at.
    pub bandwidth: f64,
    /// Share of the tensor cores' peak (FP8 where the weights and the cores are FP8, else
    /// FP16) a batch computes at: the model FLOPs utilization.
    pub compute: f64,
    /// The published figures' ratio to the estimate: the lowest and highest seen. The
    /// estimate's low and high are the middle times these.
    pub band: (f64, f64),
    /// The figures it was calibrated on.
    pub basis: &'static str,
}

/// The calibrated shares of `class`.
pub fn efficiency(class: HardwareClass) -> Efficiency {
    match class {
        HardwareClass::DatacenterHbm => DATACENTER_HBM,
        HardwareClass::DatacenterGddr => DATACENTER_GDDR,
        HardwareClass::Consumer => CONSUMER,
        HardwareClass::AppleSilicon => APPLE_SILICON,
    }
}

/// A100, H100 and H200.
pub const DATACENTER_HBM: Efficiency = Efficiency {
    bandwidth: 0.60,
    compute: 0.45,
    band: (0.53, 1.21),
    basis: "TensorRT-LLM's performance overview, Koyeb's batch 1/8/32 and llama.cpp's single \
            stream on A100, H100 and H200 (18 figures; llama.cpp's on an A100 set the low end)",
};

/// A10G and L40S.
pub const DATACENTER_GDDR: Efficiency = Efficiency {
    bandwidth: 0.80,
    compute: 0.40,
    band: (0.80, 1.27),
    basis: "llmperf on an A10G (vLLM 0.4.3), Koyeb's L40S batch 1/8/32 and llama.cpp's \
            single stream on an L40S (9 figures)",
};

/// RTX 4060 Ti and RTX 4090.
pub const CONSUMER: Efficiency = Efficiency {
    bandwidth: 0.75,
    compute: 0.35,
    band: (0.83, 1.16),
    basis: "llama.cpp's single stream on an RTX 4090 (2 figures; a GPU host's vLLM figures \
            are above the card's bandwidth ceiling and not used)",
};

/// Apple silicon: no published serving figure in the catalogue; llama.cpp's single-stream
/// speeds on Macs run at about two thirds of the bandwidth ceiling (an assumption).
pub const APPLE_SILICON: Efficiency = Efficiency {
    bandwidth: 0.65,
    compute: 0.30,
    band: (0.60, 1.40),
    basis: "assumed: no published figure on Apple silicon in the catalogue",
};
