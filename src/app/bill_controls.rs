//! What a bill counts beyond input, cached input and output, as controls: on an API its
//! cache-write and reasoning prices and its fee for tool calls; on the workload the share
//! of input written to the cache, the share of output that is reasoning, and the tool
//! calls a request makes.

use eframe::egui::{self, Response, Ui};

use super::form::{grid, price, row, share_slider, tokens_field};
use crate::scenario::validate::limits;
use crate::scenario::{
    ApiOption, CacheLifetime, EffortLevel, PromptPrefix, ReasoningEffort, Workload,
};
use crate::units::format_percent;

/// A price the API may not list: a tick box, and the price when ticked (starting at
/// `start` from the prices it has).
pub(super) fn optional_price_row(
    ui: &mut Ui,
    (label, help): (&str, &str),
    value: &mut Option<f64>,
    original: Option<&Option<f64>>,
    start: f64,
) {
    row(ui, label, help, value, original, |ui, listed| {
        ui.horizontal(|ui| {
            let mut enabled = listed.is_some();
            let toggle = ui.checkbox(&mut enabled, "");
            if enabled && listed.is_none() {
                *listed = Some(start);
            } else if !enabled {
                *listed = None;
            }
            if let Some(usd) = listed {
                ui.add(price(usd, 0.01, limits::USD_PER_MILLION_TOKENS).suffix(" /1M"));
            }
            toggle
        })
        .inner
    });
}

/// "Cache writes, reasoning, tools" under an API: folded away until opened, open from the
/// start when the API bills any of them.
pub(super) fn api_bill_section(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) {
    let billed = api.usd_per_million_cache_write.is_some()
        || api.reasoning_effort.is_some()
        || api.usd_per_million_cache_write_1h.is_some()
        || api.usd_per_million_cache_hour > 0.0
        || api.usd_per_million_reasoning.is_some()
        || api.usd_per_thousand_tool_calls > 0.0;
    egui::CollapsingHeader::new("Cache writes, reasoning, tools")
        .id_salt("api-bill")
        .default_open(billed)
        .show(ui, |ui| {
            grid(ui, "api-bill-grid", |ui| api_bill_rows(ui, api, original));
        });
}

/// "Cache writes, reasoning, tool calls" under the workload, folded away until opened
/// (open from the start when the workload has any).
pub(super) fn workload_bill_section(ui: &mut Ui, workload: &mut Workload, baseline: &Workload) {
    let billed = workload.cache_write_share > 0.0
        || workload.prompt_prefix.is_some()
        || workload.cache_lifetime != CacheLifetime::FiveMinutes
        || workload.reasoning_share > 0.0
        || workload.tool_calls_per_request > 0.0;
    egui::CollapsingHeader::new("Cache writes, reasoning, tool calls")
        .id_salt("workload-bill")
        .default_open(billed)
        .show(ui, |ui| {
            grid(ui, "workload-bill-grid", |ui| {
                workload_bill_rows(ui, workload, baseline);
            });
        });
}

/// The API's cache-write and reasoning prices and its tool-call fee, as rows of a grid.
fn api_bill_rows(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) {
    optional_price_row(
        ui,
        (
            "Cache write price",
            "$ per 1M input tokens written to the prompt cache: Anthropic bills 1.25× the \
             input price for a 5-minute cache, 2× for an hour; off means writes cost the \
             input price",
        ),
        &mut api.usd_per_million_cache_write,
        original.map(|o| &o.usd_per_million_cache_write),
        api.usd_per_million_input * 1.25,
    );
    optional_price_row(
        ui,
        (
            "1-hour write price",
            "$ per 1M input tokens written to an hour's prompt cache (Anthropic: 2× the input \
             price); off means the 5-minute write price, which under-reports an hour's writes",
        ),
        &mut api.usd_per_million_cache_write_1h,
        original.map(|o| &o.usd_per_million_cache_write_1h),
        api.usd_per_million_input * 2.0,
    );
    row(
        ui,
        "Cache storage",
        "$ per 1M tokens kept in the prompt cache an hour (Gemini bills context caching's \
         storage so): the workload's prompt prefix, kept for its active hours, is a fixed \
         monthly cost",
        &mut api.usd_per_million_cache_hour,
        original.map(|o| &o.usd_per_million_cache_hour),
        |ui, usd| ui.add(price(usd, 0.01, limits::USD_PER_MILLION_TOKENS).suffix(" /1M an hour")),
    );
    optional_price_row(
        ui,
        (
            "Reasoning price",
            "$ per 1M reasoning tokens where the provider prices them apart; off means they \
             are output tokens at the output price (counted once, inside the output)",
        ),
        &mut api.usd_per_million_reasoning,
        original.map(|o| &o.usd_per_million_reasoning),
        api.usd_per_million_output,
    );
    row(
        ui,
        "Reasoning effort",
        "The effort this API is run at, and your multipliers on output length for each level \
         (the output it writes over the workload's output, from your usage export's \
         reasoning tokens; 1 adds nothing). The extra is billed as reasoning",
        &mut api.reasoning_effort,
        original.map(|o| &o.reasoning_effort),
        effort_field,
    );
    row(
        ui,
        "Tool fee",
        "$ per 1,000 tool calls the provider bills besides tokens (web search, grounding); \
         the workload gives the calls a request makes",
        &mut api.usd_per_thousand_tool_calls,
        original.map(|o| &o.usd_per_thousand_tool_calls),
        |ui, fee| ui.add(price(fee, 0.1, limits::USD_PER_THOUSAND_CALLS).suffix(" /1,000 calls")),
    );
}

/// The workload's written, reasoning and tool-call figures, as rows of a grid.
fn workload_bill_rows(ui: &mut Ui, workload: &mut Workload, baseline: &Workload) {
    row(
        ui,
        "Cache lifetime",
        "How long the prompt cache keeps an entry: an hour's cache costs more to write \
         (Anthropic: 2× the input price, against 1.25× for 5 minutes)",
        &mut workload.cache_lifetime,
        Some(&baseline.cache_lifetime),
        |ui, lifetime| {
            ui.horizontal(|ui| {
                let five = ui.radio_value(lifetime, CacheLifetime::FiveMinutes, "5 minutes");
                five | ui.radio_value(lifetime, CacheLifetime::OneHour, "1 hour")
            })
            .inner
        },
    );
    let request_input = workload.request_size().map(|(input, _)| input);
    row(
        ui,
        "Prompt prefix",
        "A prompt prefix the requests share (system prompt, tools, a document), written \
         once and read by the next requests within the cache's lifetime: it sets the cached \
         and written shares. Needs the volume in requests",
        &mut workload.prompt_prefix,
        Some(&baseline.prompt_prefix),
        |ui, prefix| prefix_field(ui, prefix, request_input),
    );
    // With a prefix the written share is derived: shown, not edited.
    let derived = workload
        .prompt_prefix
        .is_some()
        .then(|| workload.cache_shares().1);
    row(
        ui,
        "Cache writes",
        "Share of input tokens written to the API's prompt cache (billed at its write \
         price): a 4,000-token prompt reused 20 times a lifetime, in requests of 5,000 \
         input tokens, is 4,000 of 105,000 (3.8%) written and 80,000 (76%) cached",
        &mut workload.cache_write_share,
        Some(&baseline.cache_write_share),
        |ui, v| match derived {
            Some(mut written) => ui.add_enabled(false, share_slider(&mut written, 0.0)),
            None => ui.add(share_slider(v, 0.0)),
        },
    );
    row(
        ui,
        "Reasoning",
        "Share of output tokens that are reasoning: part of the output, billed at the API's \
         reasoning price where it lists one",
        &mut workload.reasoning_share,
        Some(&baseline.reasoning_share),
        |ui, v| ui.add(share_slider(v, 0.0)),
    );
    row(
        ui,
        "Tool calls",
        "Billed tool calls a request makes (web search, grounding); needs the volume in \
         requests",
        &mut workload.tool_calls_per_request,
        Some(&baseline.tool_calls_per_request),
        calls_field,
    );
}

/// The effort: a level ("none" clears it) and, once set, the three levels' multipliers.
fn effort_field(ui: &mut Ui, effort: &mut Option<ReasoningEffort>) -> Response {
    ui.vertical(|ui| {
        let mut level = effort.as_ref().map_or(EffortLevel::None, |e| e.level);
        let chosen = egui::ComboBox::from_id_salt("reasoning-effort")
            .selected_text(level.label())
            .width(80.0)
            .show_ui(ui, |ui| {
                for choice in EffortLevel::ALL {
                    ui.selectable_value(&mut level, choice, choice.label());
                }
            })
            .response;
        match (effort.as_mut(), level) {
            (Some(set), level) => set.level = level,
            (None, EffortLevel::None) => {}
            (None, level) => {
                *effort = Some(ReasoningEffort {
                    level,
                    ..ReasoningEffort::default()
                });
            }
        }
        if let Some(set) = effort {
            ui.horizontal(|ui| {
                for (name, multiplier) in [
                    ("low ×", &mut set.low),
                    ("medium ×", &mut set.medium),
                    ("high ×", &mut set.high),
                ] {
                    ui.label(name);
                    ui.add(
                        egui::DragValue::new(multiplier)
                            .range(limits::EFFORT_MULTIPLIER.0..=limits::EFFORT_MULTIPLIER.1)
                            .clamp_existing_to_range(false)
                            .speed(0.05)
                            .max_decimals(2),
                    );
                }
            });
        }
        chosen
    })
    .inner
}

/// The prompt prefix: a tick box, and when ticked its tokens, the reads for each write,
/// and the shares they give a request of `request_input` tokens.
fn prefix_field(
    ui: &mut Ui,
    prefix: &mut Option<PromptPrefix>,
    request_input: Option<f64>,
) -> Response {
    ui.vertical(|ui| {
        let mut given = prefix.is_some();
        let toggle = ui.checkbox(&mut given, "shared by the requests");
        match (given, prefix.is_some()) {
            (true, false) => *prefix = Some(PromptPrefix::default()),
            (false, true) => *prefix = None,
            _ => {}
        }
        if let Some(shared) = prefix {
            ui.horizontal(|ui| {
                ui.add(tokens_field(&mut shared.tokens).suffix(" tok"));
                ui.add(
                    egui::DragValue::new(&mut shared.reads_per_write)
                        .range(limits::READS_PER_WRITE.0..=limits::READS_PER_WRITE.1)
                        .clamp_existing_to_range(false)
                        .speed(0.1)
                        .max_decimals(1)
                        .suffix(" reads a write"),
                );
            });
            let words = match request_input {
                Some(input) => {
                    let (read, written) = shared.shares(input);
                    format!(
                        "= {} of input cached, {} written",
                        format_percent(read),
                        format_percent(written)
                    )
                }
                None => "needs the volume in requests".to_owned(),
            };
            ui.weak(words);
        }
        toggle
    })
    .inner
}

fn calls_field(ui: &mut Ui, calls: &mut f64) -> Response {
    ui.add(
        egui::DragValue::new(calls)
            .range(limits::TOOL_CALLS_PER_REQUEST.0..=limits::TOOL_CALLS_PER_REQUEST.1)
            .clamp_existing_to_range(false)
            .speed(0.1)
            .max_decimals(2)
            .suffix(" a request"),
    )
}
