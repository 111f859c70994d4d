//! `llm-cost-explorer fit`: memory needed, whether it fits, the most requests that fit and
//! the throughput to expect with its basis, for a node and a model.

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::scenario::Precision;
use crate::scenario::catalog::HARDWARE;
use crate::sizing::batching::{self, BatchPoint, Plan};
use crate::sizing::parallel::Layout;
use crate::sizing::{
    self, KvPrecision, MODELS, MemoryFit, ModelSpec, Node, ThroughputEstimate, hardware_exact,
    model_named,
};
use crate::units::{count_of, format_percent, format_whole, group_thousands};

/// Options of `fit`.
#[derive(Debug, Args)]
pub struct FitArgs {
    /// A listed node, e.g. "A100 80GB" or "2x A100 80GB"; or give --memory-gb and
    /// --bandwidth for custom hardware.
    #[arg(long, value_name = "NAME", required_unless_present = "memory_gb")]
    pub hardware: Option<String>,
    /// Custom hardware: memory of the node, GB.
    #[arg(
        long,
        value_name = "GB",
        requires = "bandwidth",
        conflicts_with = "hardware",
        value_parser = memory_gb
    )]
    pub memory_gb: Option<f64>,
    /// Custom hardware: memory bandwidth of the node, GB/s.
    #[arg(long, value_name = "GB/S", conflicts_with = "hardware", value_parser = node_rate)]
    pub bandwidth: Option<f64>,
    /// Custom hardware: dense FP16 compute of the node, TFLOPS (100 when not given).
    #[arg(long, value_name = "TFLOPS", conflicts_with = "hardware", value_parser = node_rate)]
    pub tflops: Option<f64>,
    /// A listed model, e.g. "Llama 3.1 70B".
    #[arg(long, value_name = "NAME")]
    pub model: String,
    /// Weight precision.
    #[arg(long, value_enum, default_value_t = PrecisionChoice::Fp16)]
    pub precision: PrecisionChoice,
    /// Precision of the KV cache (FP8 halves it, where the runtime is told to).
    #[arg(long, value_enum, default_value_t = KvChoice::Fp16)]
    pub kv: KvChoice,
    /// Tokens of context each request holds (prompt and output).
    #[arg(long, value_name = "TOKENS", default_value_t = 8192, value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub context: u64,
    /// Tokens of the context each request generates (the rest is its prompt): paged
    /// attention holds the prompt and half of these on average, and the count that fits
    /// so is shown beside the worst case of every request at its whole context.
    #[arg(long, value_name = "TOKENS", default_value_t = 0, value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub output: u64,
    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 16, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub concurrency: u64,
    /// The longest time between a request's tokens to allow, milliseconds: the largest
    /// batch that meets it and its throughput are shown.
    #[arg(long, value_name = "MS", default_value_t = 50.0, value_parser = itl_ms)]
    pub itl_ms: f64,
    /// The longest wait for a request's first token to allow, seconds: with the time
    /// between tokens it caps the batch (a request arriving waits for the running step,
    /// then its prompt's prefill).
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = ttft_s)]
    pub ttft_s: f64,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// A number typed for a custom node, under the one number grammar and within the same
/// plausible range a scenario's field has.
fn within(text: &str, limits: (f64, f64)) -> Result<f64, String> {
    let value = crate::units::parse_number(text).map_err(|problem| problem.to_string())?;
    crate::scenario::validate::limits::check(value, limits)
        .map(|()| value)
        .map_err(|why| format!("\"{text}\" {why}"))
}

/// A time between tokens, milliseconds (0.1 to 100,000, as in a scenario's constraint).
fn itl_ms(text: &str) -> Result<f64, String> {
    within(text, crate::scenario::validate::limits::INTER_TOKEN_MS)
}

/// A wait for the first token, seconds (0.001 to 100,000).
fn ttft_s(text: &str) -> Result<f64, String> {
    within(text, (0.001, 100_000.0))
}

/// Memory of a custom node, GB (0.1 to 1,000,000, as in a scenario).
fn memory_gb(text: &str) -> Result<f64, String> {
    within(text, crate::scenario::validate::limits::MEMORY_GB)
}

/// Bandwidth (GB/s) or compute (TFLOPS) of a custom node (0.001 to 10,000,000).
fn node_rate(text: &str) -> Result<f64, String> {
    within(text, crate::scenario::validate::limits::NODE_RATE)
}

/// Weight precisions, as model cards write them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PrecisionChoice {
    /// 16-bit floats, 2 bytes per parameter.
    Fp16,
    /// 8-bit floats, 1 byte.
    Fp8,
    /// 8-bit integers, 1 byte.
    Int8,
    /// 4-bit integers with group scales (AWQ, GPTQ): 0.52 bytes, embeddings at 16 bits.
    Int4,
    /// llama.cpp's GGUF Q4_K_M: 4.89 bits on average.
    #[value(name = "q4_k_m")]
    Q4KM,
    /// llama.cpp's GGUF Q8_0: 8.5 bits.
    #[value(name = "q8_0")]
    Q8_0,
}

/// The KV cache's precision, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum KvChoice {
    /// 2 bytes per element.
    Fp16,
    /// 1 byte per element.
    Fp8,
}

impl PrecisionChoice {
    fn precision(self) -> Precision {
        match self {
            PrecisionChoice::Fp16 => Precision::Fp16,
            PrecisionChoice::Fp8 => Precision::Fp8,
            PrecisionChoice::Int8 => Precision::Q8,
            PrecisionChoice::Int4 => Precision::Q4,
            PrecisionChoice::Q4KM => Precision::GgufQ4KM,
            PrecisionChoice::Q8_0 => Precision::GgufQ8,
        }
    }
}

impl KvChoice {
    fn precision(self) -> KvPrecision {
        match self {
            KvChoice::Fp16 => KvPrecision::Fp16,
            KvChoice::Fp8 => KvPrecision::Fp8,
        }
    }
}

#[derive(Serialize)]
struct FitReport<'a> {
    node: &'a Node,
    model: &'a str,
    precision: &'a str,
    context_tokens: u64,
    concurrency: u64,
    memory: &'a MemoryFit,
    throughput: &'a ThroughputEstimate,
    /// Each way to lay the model out on the node's GPUs, with the most requests it holds
    /// and its throughput then.
    layouts: Vec<LayoutReport>,
    /// Decode throughput and time between tokens by batch size, each in its fastest
    /// layout.
    by_batch: &'a [BatchPoint],
    /// The time between tokens and the wait for the first token allowed, and the largest
    /// batch within both.
    inter_token_target_ms: f64,
    first_token_target_seconds: f64,
    within_target: Option<BatchPoint>,
    /// The first token's wait at that batch: the running step, then the prompt's prefill.
    first_token_at_target_seconds: Option<f64>,
    /// Time to the first token of a prompt of the context less the output, seconds.
    first_token_seconds: f64,
    /// Requests that fit as paged attention holds them (the prompt and half the output on
    /// average), when an output length is given.
    paged_concurrency: Option<u64>,
}

/// One layout in `fit`'s JSON.
#[derive(Serialize)]
struct LayoutReport {
    #[serde(flatten)]
    layout: Layout,
    /// Requests of the context one copy holds beside its weights.
    requests_per_copy: u64,
    /// Throughput with every copy full (at most [`batching::MAX_BATCH`] each).
    full: Option<BatchPoint>,
}

/// Runs `fit`; returns what to print.
pub fn run(args: &FitArgs) -> anyhow::Result<String> {
    let node = node(args)?;
    let model = model_named(&args.model).ok_or_else(|| {
        let names: Vec<&str> = MODELS.iter().map(|model| model.name).collect();
        anyhow::anyhow!(
            "no listed model is called {:?}; the models are: {}",
            args.model,
            names.join(", ")
        )
    })?;
    let precision = args.precision.precision();
    let kv = args.kv.precision();
    let memory = sizing::memory_fit(&node, model, precision, kv, args.context, args.concurrency);
    let throughput =
        sizing::throughput_estimate(&node, model, precision, kv, args.context, args.concurrency);
    let plans = batching::plans(&node, model, precision, kv, args.context);
    let by_batch = batching::throughput_curve(&plans, model);
    // The prompt is the context less what the request generates.
    let prompt = args.context - args.output.min(args.context);
    let first_token = batching::FirstTokenTarget {
        prompt_tokens: prompt,
        seconds: args.ttft_s,
    };
    let within_target = batching::within_targets(&plans, model, args.itl_ms, Some(first_token));
    let first_token_at_target = within_target.and_then(|point| {
        plans
            .iter()
            .find(|plan| plan.layout == point.layout)
            .map(|plan| plan.first_token_seconds(model, prompt, point.batch))
    });
    let first_token_seconds = batching::first_token_alone(&plans, model, prompt).unwrap_or(0.0);
    let paged_concurrency = paged_for(args, model, &memory);
    if args.json {
        let report = FitReport {
            node: &node,
            model: model.name,
            precision: precision.label(),
            context_tokens: args.context,
            concurrency: args.concurrency,
            memory: &memory,
            throughput: &throughput,
            layouts: plans
                .iter()
                .map(|plan| LayoutReport {
                    layout: plan.layout,
                    requests_per_copy: plan.fit.max_concurrency,
                    full: plan.point(model, plan.most_requests()),
                })
                .collect(),
            by_batch: &by_batch,
            inter_token_target_ms: args.itl_ms,
            first_token_target_seconds: args.ttft_s,
            within_target,
            first_token_at_target_seconds: first_token_at_target,
            first_token_seconds,
            paged_concurrency,
        };
        return Ok(serde_json::to_string_pretty(&report)? + "\n");
    }
    let mut out = text(&node, model, precision, args, &memory, &throughput);
    out.push_str(&layouts_text(&node, model, &plans));
    out.push_str(&step_text(model, &plans, &throughput));
    out.push_str(&batch_text(
        &by_batch,
        (within_target, first_token_at_target),
        args,
        (prompt, first_token_seconds),
    ));
    Ok(out)
}

fn node(args: &FitArgs) -> anyhow::Result<Node> {
    if let Some(name) = &args.hardware {
        let spec = hardware_exact(name).ok_or_else(|| {
            let names: Vec<&str> = HARDWARE.iter().map(|spec| spec.name).collect();
            anyhow::anyhow!(
                "no listed node is called {name:?}; the nodes are: {} (or give --memory-gb and \
                 --bandwidth for your own)",
                names.join(", ")
            )
        })?;
        return Ok(Node::from_spec(spec));
    }
    // Each was checked against its plausible range as it was read.
    let positive = |value: Option<f64>, flag: &str| {
        value.ok_or_else(|| anyhow::anyhow!("{flag} is needed for a node that is not listed"))
    };
    Ok(Node::custom(
        "custom node",
        1,
        positive(args.memory_gb, "--memory-gb")?,
        positive(args.bandwidth, "--bandwidth")?,
        positive(Some(args.tflops.unwrap_or(100.0)), "--tflops")?,
    ))
}

/// The ways to lay the model out on a node of several GPUs: for each, the requests a copy
/// holds and the throughput with every copy full. Nothing for one GPU.
fn layouts_text(node: &Node, model: &ModelSpec, plans: &[Plan]) -> String {
    if plans.len() < 2 && node.gpus <= 1 {
        return String::new();
    }
    let mut out = format!(
        "\nLayouts of the node's {} (copies of the model side by side, each split across \
         GPUs):\n",
        count_of(node.gpus as usize, "GPU", "GPUs")
    );
    for plan in plans {
        let line = match plan.point(model, plan.most_requests()) {
            Some(full) => format!(
                "{} requests a copy; full, {} requests give {} output tok/s ({:.0} ms between \
                 tokens)",
                group_thousands(plan.fit.max_concurrency),
                group_thousands(full.batch),
                format_whole(full.tokens_per_second),
                full.inter_token_ms
            ),
            None => "does not fit".to_owned(),
        };
        out.push_str(&format!("  {}: {line}\n", plan.layout.describe()));
    }
    out
}

/// One decode step of the estimate's batch, part by part: what a copy reads and computes,
/// at which shares, the all-reduces, and the throughput that follows.
fn step_text(model: &ModelSpec, plans: &[Plan], throughput: &ThroughputEstimate) -> String {
    let Some(plan) = plans.iter().find(|plan| plan.layout == throughput.layout) else {
        return String::new();
    };
    if throughput.concurrency == 0 {
        return String::new();
    }
    let copies = u64::from(plan.layout.replicas);
    let per_copy = throughput.concurrency.div_ceil(copies);
    let parts = batching::step_parts(&plan.copy, model, &plan.fit, per_copy);
    let efficiency = plan.copy.efficiency();
    let peak = plan.copy.peak_tflops(plan.fit.precision);
    format!(
        "  one step, {} with {} a copy: reads {} GB at {} of {} GB/s = {:.2} ms; computes {} \
         TFLOP at {} of {} TFLOPS = {:.2} ms; all-reduces {:.2} ms; max({:.2}, {:.2}) + {:.2} = \
         {:.2} ms; {} requests ÷ {:.2} ms = {} output tok/s\n",
        plan.layout.describe(),
        count_of(per_copy as usize, "request", "requests"),
        gb(parts.bytes_gb),
        format_percent(efficiency.bandwidth),
        group_thousands(plan.copy.bandwidth_gb_s.round() as u64),
        parts.reading_s * 1e3,
        gb(parts.flops / 1e12),
        format_percent(efficiency.compute),
        group_thousands(peak.round() as u64),
        parts.computing_s * 1e3,
        parts.all_reduce_s * 1e3,
        parts.reading_s * 1e3,
        parts.computing_s * 1e3,
        parts.all_reduce_s * 1e3,
        parts.seconds() * 1e3,
        group_thousands(throughput.concurrency),
        parts.seconds() * 1e3,
        format_whole(throughput.decode.1),
    )
}

/// The throughput by batch size, the largest batch within the time between tokens
/// allowed, and the first token's wait.
fn batch_text(
    by_batch: &[BatchPoint],
    (within, first_token_then): (Option<BatchPoint>, Option<f64>),
    args: &FitArgs,
    (prompt, first_token_seconds): (u64, f64),
) -> String {
    if by_batch.is_empty() {
        return String::new();
    }
    let points: Vec<String> = by_batch
        .iter()
        .map(|point| {
            format!(
                "{} → {} tok/s ({:.0} ms)",
                point.batch,
                format_whole(point.tokens_per_second),
                point.inter_token_ms
            )
        })
        .collect();
    let mut out = format!(
        "\nBy batch size (requests on the node → output tok/s, time between tokens; each in \
         its fastest layout): {}\n",
        points.join(", ")
    );
    let targets = format!(
        "Within {} ms between tokens and {} s to the first token",
        crate::units::format_short_number(args.itl_ms),
        crate::units::format_short_number(args.ttft_s)
    );
    out.push_str(&match within {
        Some(point) => format!(
            "{targets}: up to {} ({}), about {} output tok/s; a request arriving then has its \
             first token after about {:.2} s (the running step, then its prefill)\n",
            count_of(point.batch as usize, "request", "requests"),
            point.layout.describe(),
            format_whole(point.tokens_per_second),
            first_token_then.unwrap_or(0.0)
        ),
        None => format!(
            "{targets}: not even one request alone ({:.0} ms between tokens, the first token \
             after {:.2} s of prefill)\n",
            by_batch[0].inter_token_ms, first_token_seconds
        ),
    });
    out.push_str(&format!(
        "First token of a {}-token prompt: about {:.2} s of prefill (no queue ahead of it)\n",
        group_thousands(prompt),
        first_token_seconds
    ));
    out
}

/// GB as precise as it matters: "2.68", "35.0", "1,310", "0.0003".
fn gb(value: f64) -> String {
    if value >= 1000.0 {
        group_thousands(value.round() as u64)
    } else if value >= 10.0 || value == 0.0 {
        format!("{value:.1}")
    } else if value >= 0.01 {
        format!("{value:.2}")
    } else {
        format!("{value:.4}")
    }
}

/// The requests that fit as paged attention holds them (the prompt and half the output
/// on average), when an output length is given and the context is one the model takes.
fn paged_for(args: &FitArgs, model: &ModelSpec, memory: &MemoryFit) -> Option<u64> {
    let output = args.output.min(args.context);
    (output > 0 && memory.refused.is_none())
        .then(|| {
            sizing::memory::paged_concurrency(
                model,
                memory.kv_precision,
                memory.kv_room_gb,
                (args.context, output),
            )
        })
        .flatten()
}

/// [`paged_for`] in words, beside the worst case.
fn paged_line(args: &FitArgs, model: &ModelSpec, memory: &MemoryFit) -> String {
    let output = args.output.min(args.context);
    paged_for(args, model, memory).map_or_else(String::new, |paged| {
        format!(
            "  as paged attention holds them (the prompt of {} and half the {} of output on \
             average): {}; {} is the worst case, every request at its whole context\n",
            count_of((args.context - output) as usize, "token", "tokens"),
            count_of(output as usize, "token", "tokens"),
            group_thousands(paged),
            group_thousands(memory.max_concurrency),
        )
    })
}

fn text(
    node: &Node,
    model: &ModelSpec,
    precision: Precision,
    args: &FitArgs,
    memory: &MemoryFit,
    throughput: &ThroughputEstimate,
) -> String {
    let tokens = count_of(args.context as usize, "token", "tokens");
    let mut out = format!(
        "{} ({}) on {}, {} of {tokens}\n\n",
        model.name,
        precision.label(),
        node.name,
        count_of(args.concurrency as usize, "request", "requests"),
    );
    if let Some(refused) = &memory.refused {
        out.push_str(&format!("Refused: {refused}.\n"));
    }
    out.push_str(&format!(
        "Memory: weights {} GB + KV cache {} GB at {} ({} GB a request) + overhead {} GB = {} GB; {} GB usable of the node's {} GiB: {}\n",
        gb(memory.weights_gb),
        gb(memory.kv_cache_gb),
        memory.kv_precision.label(),
        gb(memory.kv_per_request_gb),
        gb(memory.overhead_gb),
        gb(memory.needed_gb),
        gb(memory.usable_gb),
        group_thousands(memory.available_gb.round() as u64),
        if memory.fits { "fits" } else { "does not fit" }
    ));
    out.push_str(&format!(
        "  weights: {}\n  overhead: the runtime's {} GB per GPU on {}, and a {}-token prefill chunk's activations; usable: {}\n",
        sizing::memory::weight_format(precision).source,
        gb(sizing::memory::RUNTIME_GB_PER_GPU),
        count_of(node.gpus.max(1) as usize, "GPU", "GPUs"),
        group_thousands(sizing::memory::PREFILL_CHUNK_TOKENS as u64),
        if node.unified_memory {
            "75% of unified memory (macOS's default share for the GPU)"
        } else {
            "90% of the memory (vLLM's default gpu_memory_utilization)"
        },
    ));
    let splits: Vec<String> = memory
        .tensor_parallel_sizes
        .iter()
        .map(u32::to_string)
        .collect();
    out.push_str(&format!(
        "  splits across GPUs (tensor parallel, dividing its {} heads): {}\n",
        model.attention_heads,
        splits.join(", ")
    ));
    if let Some(suggestion) = &memory.suggestion {
        out.push_str(&format!(
            "  needs {} GB, {} GB usable: {suggestion}\n",
            group_thousands(memory.needed_gb.round() as u64),
            group_thousands(memory.usable_gb.round() as u64)
        ));
    }
    out.push_str(&format!(
        "Most requests of {tokens} that fit: {}\n",
        group_thousands(memory.max_concurrency)
    ));
    out.push_str(&paged_line(args, model, memory));
    if throughput.concurrency == 0 {
        out.push_str("\nNo throughput estimate: not one request fits beside the weights.\n");
        return out;
    }
    let (low, middle, high) = throughput.decode;
    out.push_str(&format!(
        "\nThroughput estimate at {}: about {} output tok/s ({} to {}; {} bound; {}), one request alone {:.0} tok/s; prefill about {} input tok/s\n",
        count_of(throughput.concurrency as usize, "request", "requests"),
        format_whole(middle),
        format_whole(low),
        format_whole(high),
        throughput.bound,
        throughput.layout.describe(),
        throughput.single_stream.1,
        format_whole(throughput.prefill),
    ));
    out.push_str(&format!("  basis: {}\n", throughput.basis));
    match &throughput.published {
        Some(published) => out.push_str(&format!(
            "Published: {} tok/s ({}) — prefer it where it matches your setup{}\n",
            format_whole(published.tokens_per_second),
            sizing::benchmarks::describe(published),
            published
                .not_calibrated
                .map_or_else(String::new, |why| format!("; not calibrated on: {why}"))
        )),
        None => out.push_str(&format!(
            "No published figure for this node, model and precision: the estimate reads at {} of the bandwidth and computes at {} of the peak, as calibrated for this kind of node\n",
            format_percent(throughput.efficiency.bandwidth),
            format_percent(throughput.efficiency.compute)
        )),
    }
    out
}
