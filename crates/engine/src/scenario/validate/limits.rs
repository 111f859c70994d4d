//! The plausible range of every input. Generous (a volume of 10¹⁵ tokens a month, a
//! $100M node), but every value inside gives finite, countable results, so the engine
//! never has to print "inf", "NaN" or a saturated count. The README lists them.

/// Tokens per month, input plus output.
pub const TOKENS_PER_MONTH: (f64, f64) = (0.0, 1e15);
/// Requests per day.
pub const REQUESTS_PER_DAY: (f64, f64) = (0.0, 1e12);
/// Input or output tokens in one request.
pub const TOKENS_PER_REQUEST: (f64, f64) = (0.0, 10e6);
/// An API price, $ per 1M tokens.
pub const USD_PER_MILLION_TOKENS: (f64, f64) = (0.0, 10_000.0);
/// A fee for tool calls, $ per 1,000 (web search is tens of dollars).
pub const USD_PER_THOUSAND_CALLS: (f64, f64) = (0.0, 10_000.0);
/// An in-region endpoint's uplift on token prices: up to 3× the global price (typical
/// uplifts are about 10%).
pub const IN_REGION_UPLIFT: (f64, f64) = (0.0, 2.0);
/// Tool calls one request makes.
pub const TOOL_CALLS_PER_REQUEST: (f64, f64) = (0.0, 1_000.0);
/// A reasoning effort's output over the workload's output (1: no reasoning added).
pub const EFFORT_MULTIPLIER: (f64, f64) = (1.0, 100.0);
/// Reads of a cached prompt prefix for each write.
pub const READS_PER_WRITE: (f64, f64) = (0.0, 1e6);
/// Request classes a workload may list.
pub const REQUEST_CLASSES: usize = 100;
/// Throughput of one node, tokens per second.
pub const THROUGHPUT: (f64, f64) = (0.01, 10e6);
/// Planned utilization of a node.
pub const UTILIZATION: (f64, f64) = (0.01, 1.0);
/// Spare nodes kept idle.
pub const SPARE_NODES: u32 = 10_000;
/// A deployment's limit of serving nodes (as many as it may ever need at most).
pub const NODE_LIMIT: (u32, u32) = (1, 1_000_000_000);
/// GPUs in one node.
pub const GPUS_PER_NODE: (u32, u32) = (1, 4_096);
/// Serving nodes one deployment may need at the scenario's volume.
pub const SERVING_NODES: f64 = 1e9;
/// Memory of a node, GB.
pub const MEMORY_GB: (f64, f64) = (0.1, 1e6);
/// Power draw of a node, W.
pub const WATTS: (f64, f64) = (0.0, 1e6);
/// Model size, billions of parameters.
pub const PARAMS_BILLION: (f64, f64) = (0.001, 100_000.0);
/// KV cache set aside, GB.
pub const KV_CACHE_GB: (f64, f64) = (0.0, 1e6);
/// Engineers, full-time equivalents.
pub const FTE: (f64, f64) = (0.0, 1_000.0);
/// A time between tokens a product allows, ms: from a tenth of a millisecond to 100 s.
pub const INTER_TOKEN_MS: (f64, f64) = (0.1, 100_000.0);
/// Loaded cost of one engineer, $ per year.
pub const ENGINEER_USD_PER_YEAR: (f64, f64) = (0.0, 10e6);
/// Infrastructure, $ per month.
pub const INFRASTRUCTURE_USD_PER_MONTH: (f64, f64) = (0.0, 1e9);
/// Purchase price of one node, $.
pub const PRICE_USD: (f64, f64) = (0.0, 1e8);
/// Months a purchase is written off over.
pub const AMORTIZATION_MONTHS: (f64, f64) = (1.0, 240.0);
/// Rent, $ per node-hour.
pub const USD_PER_HOUR: (f64, f64) = (0.0, 10_000.0);
/// Rent, $ per node-month; also flat electricity per node-month.
pub const USD_PER_NODE_MONTH: (f64, f64) = (0.0, 1e7);
/// Electricity tariff, $ per kWh.
pub const USD_PER_KWH: (f64, f64) = (0.0, 10.0);
/// Power usage effectiveness.
pub const PUE: (f64, f64) = (1.0, 3.0);
/// Hours in a month.
pub const HOURS_PER_MONTH: (f64, f64) = (1.0, 744.0);
/// Days in a month.
pub const DAYS_PER_MONTH: (f64, f64) = (1.0, 31.0);
/// Months the timeline covers.
pub const TIMELINE_MONTHS: (u32, u32) = (1, 120);
/// Growth of volume per month, as a share: from halving to doubling every month.
pub const GROWTH_PER_MONTH: (f64, f64) = (-0.5, 1.0);
/// Characters in an option's name or the title.
pub const NAME_CHARS: usize = 120;
/// Characters in a description or a source note.
pub const TEXT_CHARS: usize = 2_000;
/// Peak traffic over the active hours' average.
pub const PEAK_TO_AVERAGE: (f64, f64) = (1.0, 1_000.0);
/// Hours a day traffic comes in (more than 0, at most 24).
pub const ACTIVE_HOURS_PER_DAY: (f64, f64) = (0.1, 24.0);
/// Requests per second at the peak hour.
pub const PEAK_REQUESTS_PER_SECOND: (f64, f64) = (0.0, 1e12);
/// A one-off cost (implementation, migration, node setup), $.
pub const ONE_OFF_USD: (f64, f64) = (0.0, 1e10);
/// A fixed monthly fee, $.
pub const MONTHLY_FEE_USD: (f64, f64) = (0.0, 1e9);
/// A yearly rate (cost of capital, maintenance), as a share of a price.
pub const RATE_PER_YEAR: (f64, f64) = (0.0, 1.0);
/// Months one-off costs are spread over.
pub const HORIZON_MONTHS: (f64, f64) = (1.0, 240.0);
/// Prompt tokens above which a long-context price applies.
pub const LONG_CONTEXT_THRESHOLD: (u64, u64) = (1, 100_000_000);
/// A node's memory bandwidth (GB/s) or compute (TFLOPS).
pub const NODE_RATE: (f64, f64) = (0.001, 1e7);
/// Units of the display currency one US dollar buys.
pub const CURRENCY_PER_USD: (f64, f64) = crate::units::RATE_LIMITS;

/// The smallest positive value a field whose lower limit is 0 accepts: below it a price,
/// rent or share is zero in all but name, and dividing by it (a crossover at a fixed cost
/// over a price of 10⁻³⁰⁰) would give volumes and months no one can print.
pub const SMALLEST_POSITIVE: f64 = 1e-6;

/// Whether `value` is a plausible value of a field with `limits`: finite, within them,
/// and 0 or at least [`SMALLEST_POSITIVE`] where the limits start at 0. `Err` says why
/// not, in words that follow the field's name or the typed text ("is above …").
pub fn check(value: f64, (min, max): (f64, f64)) -> Result<(), String> {
    let span = || {
        format!(
            "{} to {}",
            super::checker::plain_number(min),
            super::checker::plain_number(max)
        )
    };
    if value.is_nan() {
        Err(format!("is not a number (give {})", span()))
    } else if value < min || value > max || value.is_infinite() {
        Err(format!(
            "is outside {} (it is {})",
            span(),
            super::checker::precise_number(value)
        ))
    } else if min == 0.0 && value > 0.0 && value < SMALLEST_POSITIVE {
        Err(format!(
            "is too small to be told from zero: give 0 or at least {} (it is {})",
            super::checker::plain_number(SMALLEST_POSITIVE),
            super::checker::precise_number(value)
        ))
    } else {
        Ok(())
    }
}

/// Whether `tokens` is a monthly volume this tool models: 0 to 10¹⁵ tokens. A volume
/// has no floor above zero: every crossover and range boundary is one, however small the
/// costs that put it there, and each must be a volume the tool accepts.
pub fn check_tokens_per_month(tokens: f64) -> Result<(), String> {
    let (min, max) = TOKENS_PER_MONTH;
    if tokens.is_nan() {
        Err("is not a number".to_owned())
    } else if tokens > max || tokens.is_infinite() {
        Err(format!(
            "is above the most this tool models, {} (it is {})",
            super::checker::plain_number(max),
            super::checker::precise_number(tokens)
        ))
    } else if tokens < min {
        Err("cannot be negative".to_owned())
    } else {
        Ok(())
    }
}
