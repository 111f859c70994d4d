//! Built-in price and hardware lists the app's pickers offer, with provenance.
//!
//! Published figures come from the 2026 write-ups and benchmarks listed in the
//! domain brief; anything not published is marked as an assumption so a user
//! presenting the numbers knows which ones to defend.

use super::{ApiOption, Hardware, Precision, ServedModel};

/// When the built-in prices were collected.
pub const PRICES_AS_OF: &str = "2026";

/// An API's published list price.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ApiPrice {
    /// Model name.
    pub name: &'static str,
    /// $ per 1M input tokens.
    pub input: f64,
    /// $ per 1M output tokens.
    pub output: f64,
}

impl ApiPrice {
    /// The price as a scenario API option (50% batch discount, as published), without an
    /// identifier yet: the scenario it joins gives it one.
    pub fn to_option(self) -> ApiOption {
        ApiOption {
            id: super::OptionId::default(),
            name: self.name.to_owned(),
            usd_per_million_input: self.input,
            usd_per_million_cached_input: None,
            usd_per_million_output: self.output,
            batch_discount: 0.5,
            ..ApiOption::default()
        }
    }
}

/// Published API prices, $ per 1M tokens, input / output.
pub const API_PRICES: &[ApiPrice] = &[
    ApiPrice {
        name: "GPT-4o",
        input: 2.50,
        output: 10.00,
    },
    ApiPrice {
        name: "GPT-4o mini",
        input: 0.15,
        output: 0.60,
    },
    ApiPrice {
        name: "GPT-5 nano",
        input: 0.05,
        output: 0.40,
    },
    ApiPrice {
        name: "GPT-5 Mini",
        input: 0.25,
        output: 2.00,
    },
    ApiPrice {
        name: "GPT-5.2",
        input: 1.75,
        output: 14.00,
    },
    ApiPrice {
        name: "Claude Sonnet 4.5",
        input: 3.00,
        output: 15.00,
    },
    ApiPrice {
        name: "Claude Opus 4.6",
        input: 5.00,
        output: 25.00,
    },
    ApiPrice {
        name: "Claude 3 Haiku",
        input: 0.25,
        output: 1.25,
    },
    ApiPrice {
        name: "Gemini 2.0 Flash",
        input: 0.10,
        output: 0.40,
    },
    ApiPrice {
        name: "Gemini 2.5 Flash",
        input: 0.15,
        output: 0.60,
    },
    ApiPrice {
        name: "DeepSeek V3.2",
        input: 0.28,
        output: 0.42,
    },
    ApiPrice {
        name: "Llama 4 Maverick (hosted)",
        input: 0.27,
        output: 0.85,
    },
];

/// A hardware option with its published and assumed figures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HardwareSpec {
    /// Node name.
    pub name: &'static str,
    /// GPUs in the node.
    pub gpus: u32,
    /// Memory, GB.
    pub memory_gb: f64,
    /// Idle draw, W.
    pub idle_watts: f64,
    /// Draw under load, W.
    pub load_watts: f64,
    /// Purchase price, $ (none for cloud-only parts).
    pub purchase_usd: Option<f64>,
    /// Rent, $ per hour (none where nobody rents it).
    pub rent_usd_per_hour: Option<f64>,
    /// Memory bandwidth of the node (all its GPUs), GB/s: decode speed is bound by it.
    pub bandwidth_gb_s: f64,
    /// Dense FP16 tensor compute of the node, TFLOPS: prefill and large batches are
    /// bound by it.
    pub fp16_tflops: f64,
    /// Purchase price range seen, $ (none for cloud-only parts).
    pub purchase_range_usd: Option<(f64, f64)>,
    /// Rent range seen, $ per node-hour (none where nobody rents it).
    pub rent_range_usd_per_hour: Option<(f64, f64)>,
    /// Aggregate tok/s for an 8B model under batching, where known.
    pub tokens_per_second_8b: Option<f64>,
    /// Aggregate tok/s for a 70B model under batching, where known.
    pub tokens_per_second_70b: Option<f64>,
    /// Which figures are published, and where.
    pub published: &'static str,
    /// Which figures are assumptions.
    pub assumed: &'static str,
    /// Where the bandwidth and compute figures come from (data sheets; approximate where
    /// the vendor gives no dense FP16 figure, summed over a node's GPUs).
    pub sizing_source: &'static str,
    /// Apple silicon's unified memory, shared with the system: the GPU gets a share of it.
    pub unified_memory: bool,
    /// The kind of accelerator, whose decode efficiency the sizing estimate calibrates
    /// apart (`sizing::calibration`).
    pub class: HardwareClass,
    /// FP8 tensor cores (Ada and Hopper): FP8 weights compute at twice the FP16 rate.
    pub fp8_tensor_cores: bool,
    /// One GPU's link to the others, GB/s each way: NVLink on SXM parts (A100 300, H100
    /// 450, data sheets), PCIe 4.0 x16's 32 otherwise; tensor parallelism's all-reduces
    /// cross it.
    pub link_gb_s: f64,
}

/// Kinds of accelerator that reach different shares of their data-sheet figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum HardwareClass {
    /// Data-centre GPUs with HBM (A100, H100, H200).
    DatacenterHbm,
    /// Data-centre GPUs with GDDR memory (A10G, L40S).
    DatacenterGddr,
    /// Consumer graphics cards (RTX 4060 Ti, RTX 4090).
    Consumer,
    /// Apple silicon's GPU on unified memory.
    AppleSilicon,
}

impl HardwareSpec {
    /// The node as scenario hardware.
    pub fn to_hardware(self) -> Hardware {
        Hardware {
            name: self.name.to_owned(),
            gpus: self.gpus,
            memory_gb: self.memory_gb,
            idle_watts: self.idle_watts,
            load_watts: self.load_watts,
            memory_bandwidth_gb_s: None,
            fp16_tflops: None,
        }
    }

    /// The catalog's throughput for a model of this size, if one is known.
    pub fn tokens_per_second_for(self, params_billion: f64) -> Option<f64> {
        if params_billion <= 20.0 {
            self.tokens_per_second_8b
        } else if params_billion <= 120.0 {
            self.tokens_per_second_70b
        } else {
            None
        }
    }
}

/// The built-in hardware list.
pub const HARDWARE: &[HardwareSpec] = &[
    HardwareSpec {
        name: "RTX 4060 Ti 16GB",
        gpus: 1,
        memory_gb: 16.0,
        idle_watts: 12.0,
        load_watts: 160.0,
        purchase_usd: Some(400.0),
        rent_usd_per_hour: None,
        bandwidth_gb_s: 288.0,
        fp16_tflops: 44.0,
        purchase_range_usd: Some((380.0, 450.0)),
        rent_range_usd_per_hour: None,
        tokens_per_second_8b: Some(300.0),
        tokens_per_second_70b: None,
        published: "price ~$400, ~160 W, runs 8B (2026 write-ups); 288 GB/s (data sheet)",
        assumed: "12 W idle; 300 tok/s for 8B 4-bit",
        sizing_source: "bandwidth from the data sheet; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: false,
        class: HardwareClass::Consumer,
        fp8_tensor_cores: true,
        link_gb_s: 16.0,
    },
    HardwareSpec {
        name: "RTX 4090 24GB",
        gpus: 1,
        memory_gb: 24.0,
        idle_watts: 30.0,
        load_watts: 350.0,
        purchase_usd: Some(2000.0),
        rent_usd_per_hour: None,
        bandwidth_gb_s: 1008.0,
        fp16_tflops: 165.0,
        purchase_range_usd: Some((1_800.0, 2_200.0)),
        rent_range_usd_per_hour: Some((0.34, 0.60)),
        tokens_per_second_8b: Some(1100.0),
        tokens_per_second_70b: None,
        published: "price $1,800-2,200, 350 W (2026 write-ups); 8B FP8 ~1,100 tok/s at 32 concurrent (vLLM 0.6.4); 1,008 GB/s, 165 TFLOPS (data sheet); rent $0.34-0.60/h (a GPU marketplace, Mar 2026)",
        assumed: "30 W idle",
        sizing_source: "bandwidth from the data sheet; TFLOPS from the data sheet",
        unified_memory: false,
        class: HardwareClass::Consumer,
        fp8_tensor_cores: true,
        link_gb_s: 32.0,
    },
    HardwareSpec {
        name: "A10G 24GB",
        gpus: 1,
        memory_gb: 24.0,
        idle_watts: 30.0,
        load_watts: 150.0,
        purchase_usd: None,
        rent_usd_per_hour: Some(1.30),
        bandwidth_gb_s: 600.0,
        fp16_tflops: 70.0,
        purchase_range_usd: None,
        rent_range_usd_per_hour: Some((1.10, 3.50)),
        tokens_per_second_8b: Some(301.0),
        tokens_per_second_70b: None,
        published: "$1.10-1.50/h, $3.50/h on-demand on one cloud (2026 write-ups); 8B FP16 301 tok/s at 64 concurrent (llmperf, vLLM 0.4.3); 600 GB/s (data sheet)",
        assumed: "$1.30/h midpoint; 30 W idle, 150 W load",
        sizing_source: "bandwidth from the data sheet; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: false,
        class: HardwareClass::DatacenterGddr,
        fp8_tensor_cores: false,
        link_gb_s: 32.0,
    },
    HardwareSpec {
        name: "L40S 48GB",
        gpus: 1,
        memory_gb: 48.0,
        idle_watts: 35.0,
        load_watts: 350.0,
        purchase_usd: Some(8000.0),
        rent_usd_per_hour: Some(1.00),
        bandwidth_gb_s: 864.0,
        fp16_tflops: 181.0,
        purchase_range_usd: Some((7_000.0, 9_000.0)),
        rent_range_usd_per_hour: Some((0.79, 1.40)),
        tokens_per_second_8b: Some(1124.0),
        tokens_per_second_70b: None,
        published: "8B 1,124 tok/s at batch 32 (Koyeb benchmarks); 864 GB/s (data sheet); rent $0.79-1.40/h (a GPU marketplace, Mar 2026)",
        assumed: "price $8,000, rent $1.00/h, 35 W idle, 350 W load",
        sizing_source: "bandwidth from the data sheet; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: false,
        class: HardwareClass::DatacenterGddr,
        fp8_tensor_cores: true,
        link_gb_s: 32.0,
    },
    HardwareSpec {
        name: "A100 80GB",
        gpus: 1,
        memory_gb: 80.0,
        idle_watts: 50.0,
        load_watts: 400.0,
        purchase_usd: Some(12_500.0),
        rent_usd_per_hour: Some(1.30),
        bandwidth_gb_s: 2039.0,
        fp16_tflops: 312.0,
        purchase_range_usd: Some((10_000.0, 15_000.0)),
        rent_range_usd_per_hour: Some((1.10, 2.45)),
        tokens_per_second_8b: Some(1518.0),
        tokens_per_second_70b: Some(209.0),
        published: "$10,000-15,000, $1.30/h (Lambda), 400 W (2026 write-ups); 8B FP8 1,518 and 70B FP8 209 tok/s (Lambda, vLLM 0.5.4); 2,039 GB/s, 312 TFLOPS (data sheet)",
        assumed: "$12,500 midpoint; 50 W idle",
        sizing_source: "bandwidth from the data sheet; TFLOPS from the data sheet",
        unified_memory: false,
        class: HardwareClass::DatacenterHbm,
        fp8_tensor_cores: false,
        link_gb_s: 300.0,
    },
    HardwareSpec {
        name: "2x A100 80GB",
        gpus: 2,
        memory_gb: 160.0,
        idle_watts: 100.0,
        load_watts: 800.0,
        purchase_usd: Some(25_000.0),
        rent_usd_per_hour: Some(6.00),
        bandwidth_gb_s: 4078.0,
        fp16_tflops: 624.0,
        purchase_range_usd: Some((20_000.0, 30_000.0)),
        rent_range_usd_per_hour: Some((5.00, 7.00)),
        tokens_per_second_8b: None,
        tokens_per_second_70b: Some(663.0),
        published: "$5-7/h (2026 write-ups); 70B FP8 663 tok/s (Lambda, vLLM 0.5.4); 800-1,200 tok/s in the TCO write-up",
        assumed: "$6/h midpoint; price 2x one A100; 100 W idle",
        sizing_source: "bandwidth from the data sheet, summed over the GPUs; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: false,
        class: HardwareClass::DatacenterHbm,
        fp8_tensor_cores: false,
        link_gb_s: 300.0,
    },
    HardwareSpec {
        name: "H100 80GB",
        gpus: 1,
        memory_gb: 80.0,
        idle_watts: 70.0,
        load_watts: 700.0,
        purchase_usd: Some(30_000.0),
        rent_usd_per_hour: Some(2.50),
        bandwidth_gb_s: 3350.0,
        fp16_tflops: 989.0,
        purchase_range_usd: Some((25_000.0, 35_000.0)),
        rent_range_usd_per_hour: Some((2.69, 4.76)),
        tokens_per_second_8b: Some(3400.0),
        tokens_per_second_70b: Some(419.0),
        published: "8B FP8 3,400 and 70B FP8 419 tok/s (Lambda, vLLM 0.5.4); 3,350 GB/s, 989 TFLOPS (data sheet); rent $2.69-4.76/h (a GPU marketplace, Mar 2026)",
        assumed: "price $30,000, rent $2.50/h, 70 W idle, 700 W load",
        sizing_source: "bandwidth from the data sheet; TFLOPS from the data sheet",
        unified_memory: false,
        class: HardwareClass::DatacenterHbm,
        fp8_tensor_cores: true,
        link_gb_s: 450.0,
    },
    HardwareSpec {
        name: "H200 141GB",
        gpus: 1,
        memory_gb: 141.0,
        idle_watts: 70.0,
        load_watts: 700.0,
        purchase_usd: None,
        rent_usd_per_hour: Some(4.97),
        bandwidth_gb_s: 4800.0,
        fp16_tflops: 989.0,
        purchase_range_usd: None,
        rent_range_usd_per_hour: Some((3.59, 6.35)),
        tokens_per_second_8b: None,
        tokens_per_second_70b: None,
        published: "rent $3.59-6.35/h (a GPU marketplace's spot and on-demand, Mar 2026); 4,800 GB/s (data sheet); 8B FP8 17,744 and 70B FP8 2,909 output tok/s at 1000/1000 tokens (TensorRT-LLM's performance overview, offline maximum)",
        assumed: "rent $4.97/h, the range's middle; 70 W idle, 700 W load as the H100",
        sizing_source: "bandwidth from the data sheet; dense FP16 TFLOPS as the H100 SXM's (data sheet)",
        unified_memory: false,
        class: HardwareClass::DatacenterHbm,
        fp8_tensor_cores: true,
        link_gb_s: 450.0,
    },
    HardwareSpec {
        name: "8x H100 80GB",
        gpus: 8,
        memory_gb: 640.0,
        idle_watts: 800.0,
        load_watts: 6500.0,
        purchase_usd: Some(300_000.0),
        rent_usd_per_hour: Some(24.0),
        bandwidth_gb_s: 26800.0,
        fp16_tflops: 7912.0,
        purchase_range_usd: Some((250_000.0, 350_000.0)),
        rent_range_usd_per_hour: Some((20.0, 32.0)),
        tokens_per_second_8b: None,
        tokens_per_second_70b: Some(2573.0),
        published: "70B FP8 2,573 tok/s (Lambda, vLLM 0.5.4); 8x A100 / 4x H100 rent $20-32/h (2026 write-ups)",
        assumed: "price $300,000, rent $24/h, 800 W idle, 6,500 W load",
        sizing_source: "bandwidth from the data sheet, summed over the GPUs; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: false,
        class: HardwareClass::DatacenterHbm,
        fp8_tensor_cores: true,
        link_gb_s: 450.0,
    },
    HardwareSpec {
        name: "Mac Studio M4 Max 128GB",
        gpus: 1,
        memory_gb: 128.0,
        idle_watts: 10.0,
        load_watts: 200.0,
        purchase_usd: Some(6000.0),
        rent_usd_per_hour: None,
        bandwidth_gb_s: 546.0,
        fp16_tflops: 34.0,
        purchase_range_usd: Some((5_000.0, 7_000.0)),
        rent_range_usd_per_hour: None,
        tokens_per_second_8b: None,
        tokens_per_second_70b: Some(30.0),
        published: "~$6,000, 36-month life, ~200 W, runs 70B 4-bit (2026 write-ups); 546 GB/s (data sheet)",
        assumed: "10 W idle; 30 tok/s for 70B 4-bit",
        sizing_source: "bandwidth from the data sheet; dense FP16 TFLOPS approximate (assumed)",
        unified_memory: true,
        class: HardwareClass::AppleSilicon,
        fp8_tensor_cores: false,
        link_gb_s: 0.0,
    },
];

/// Open models the picker offers, with a KV-cache allowance for a batch in flight.
pub fn models() -> Vec<ServedModel> {
    let model = |name: &str, params_billion: f64, precision, kv_cache_gb: f64| ServedModel {
        name: name.to_owned(),
        params_billion,
        precision,
        kv_cache_gb,
    };
    // KV cache: 2 · layers · KV heads · head dim · 2 bytes per token; Llama 3 8B and 70B
    // use 8 KV heads of 128, with 32 and 80 layers: 0.13 and 0.33 MB per token, so
    // ~16k tokens in flight take about 2 and 5 GB.
    vec![
        model("Llama 3.1 8B", 8.0, Precision::Q4, 2.0),
        model("Llama 3.1 8B", 8.0, Precision::Fp16, 2.0),
        model("Llama 3.1 70B", 70.0, Precision::Q4, 5.0),
        model("Llama 3.1 70B", 70.0, Precision::Fp8, 5.0),
        model("Llama 3.1 70B", 70.0, Precision::Fp16, 10.0),
        model("Llama 3.3 70B", 70.0, Precision::Q4, 5.0),
        model("Llama 3.1 405B", 405.0, Precision::Fp8, 20.0),
        model("Mistral 7B", 7.3, Precision::Q4, 2.0),
        model("Qwen 2.5 72B", 72.7, Precision::Q4, 5.0),
        model("Mixtral 8x7B", 46.7, Precision::Q4, 2.0),
        model("Llama 4 Maverick", 400.0, Precision::Fp8, 10.0),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_needs_match_the_domain_brief() {
        let find = |params: f64, precision| {
            models()
                .into_iter()
                .find(|m| m.params_billion == params && m.precision == precision)
                .expect("model listed")
        };
        // "70B q4 is about 40 GB; 70B fp16 about 140 GB" (weights 35 and 140 GB).
        assert_eq!(find(70.0, Precision::Q4).memory_needed_gb(), 40.0);
        assert_eq!(find(70.0, Precision::Fp16).memory_needed_gb(), 150.0);
    }

    #[test]
    fn names_are_unique() {
        for (index, price) in API_PRICES.iter().enumerate() {
            assert!(API_PRICES[..index].iter().all(|p| p.name != price.name));
        }
        for (index, spec) in HARDWARE.iter().enumerate() {
            assert!(HARDWARE[..index].iter().all(|h| h.name != spec.name));
        }
    }
}
