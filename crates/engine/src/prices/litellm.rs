//! Reads LiteLLM's `model_prices_and_context_window.json` (MIT), the price list the LLM
//! ecosystem maintains: a JSON object from model name to an object with
//! `litellm_provider`, `mode`, `input_cost_per_token`, `output_cost_per_token`,
//! `cache_read_input_token_cost`, `cache_creation_input_token_cost` (cache writes; an
//! hour's cache in `cache_creation_input_token_cost_above_1hr`),
//! `output_cost_per_reasoning_token`, `input_cost_per_token_batches`,
//! `output_cost_per_token_batches`, the flex and priority tiers (`input_cost_per_token_flex`,
//! `output_cost_per_token_flex`, `cache_read_input_token_cost_flex`, likewise `_priority`),
//! `search_context_cost_per_query` (web search, $ a query), `max_input_tokens` and
//! long-context tiers such as
//! `input_cost_per_token_above_200k_tokens`. Prices are USD per token (× 10⁶ here). The key
//! `sample_spec` documents the schema and is not a model; unknown fields are ignored.
//!
//! Only `chat` and `completion` models are kept. An entry whose input or output price is
//! missing, negative or not a number is skipped and counted with its reason, so a user
//! sees "imported 3,142 models, skipped 41: …" rather than a silent gap.
//!
//! Catalogues are known to carry wrong long-context fields (one's over-200k price was wrong
//! for about half its entries): a tier priced below the model's own prices, or whose
//! threshold the model's context never passes, is left out and counted in the summary.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{CatalogueError, Origin, PriceEntry};
use crate::scenario::{LongContextTier, TierPrices};
use crate::units::{count_of, group_thousands};

/// Tokens per million.
const PER_MILLION: f64 = 1e6;

/// The highest price kept, $ per 1M tokens (what a scenario accepts).
const MAX_USD_PER_MILLION: f64 = 10_000.0;

/// The largest context window kept, tokens (a scenario's long-context threshold limit).
const MAX_CONTEXT_TOKENS: f64 = 100_000_000.0;

/// What an import found.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The chat and completion models with valid prices.
    pub entries: Vec<PriceEntry>,
    /// Chat or completion entries left out, by reason, with how many and a few names.
    pub skipped: BTreeMap<String, Skipped>,
    /// Entries of other modes (embedding, image generation, audio, …) left out.
    pub other_modes: usize,
    /// Long-context tiers left out as catalogue errors, by reason, with a few model names.
    pub tiers_left_out: BTreeMap<String, Skipped>,
}

/// Entries skipped for one reason.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Skipped {
    /// How many.
    pub count: usize,
    /// The first few names, for the message.
    pub examples: Vec<String>,
}

impl Import {
    /// How many were skipped for bad prices.
    pub fn skipped_count(&self) -> usize {
        self.skipped.values().map(|skipped| skipped.count).sum()
    }

    /// "imported 3,142 models, skipped 41 (30 without an input price: a, b, c; …); left
    /// out 1,317 that are not chat or completion models".
    pub fn summary(&self) -> String {
        let mut text = format!(
            "imported {}",
            count_of(self.entries.len(), "model", "models")
        );
        if !self.skipped.is_empty() {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, skipped)| {
                    let more = if skipped.count > skipped.examples.len() {
                        ", …"
                    } else {
                        ""
                    };
                    format!(
                        "{} {reason}: {}{more}",
                        group_thousands(skipped.count as u64),
                        skipped.examples.join(", ")
                    )
                })
                .collect();
            text.push_str(&format!(
                ", skipped {} ({})",
                group_thousands(self.skipped_count() as u64),
                reasons.join("; ")
            ));
        }
        for (reason, left_out) in &self.tiers_left_out {
            text.push_str(&format!(
                "; left out {} {reason} ({}{})",
                count_of(left_out.count, "long-context tier", "long-context tiers"),
                left_out.examples.join(", "),
                if left_out.count > left_out.examples.len() {
                    ", …"
                } else {
                    ""
                }
            ));
        }
        if self.other_modes > 0 {
            text.push_str(&format!(
                "; left out {} that {} not chat or completion models",
                group_thousands(self.other_modes as u64),
                if self.other_modes == 1 { "is" } else { "are" }
            ));
        }
        text
    }
}

/// Parses the LiteLLM file `text` (named `file` in the entries' origin), dated `today`.
pub fn import(text: &str, file: &str, today: &str) -> Result<Import, CatalogueError> {
    // A byte-order mark some editors write is not part of the JSON.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let root: Value = serde_json::from_str(text).map_err(|error| CatalogueError::from(&error))?;
    let Value::Object(models) = root else {
        return Err(CatalogueError {
            line: 1,
            column: 1,
            message: "expected an object mapping model names to their prices".to_owned(),
        });
    };
    let mut found = Import {
        entries: Vec::new(),
        skipped: BTreeMap::new(),
        other_modes: 0,
        tiers_left_out: BTreeMap::new(),
    };
    for (name, spec) in &models {
        if name == "sample_spec" {
            continue;
        }
        let Value::Object(spec) = spec else {
            skip(&mut found, "not an object", name);
            continue;
        };
        match spec.get("mode").and_then(Value::as_str) {
            Some("chat" | "completion") => {}
            _ => {
                found.other_modes += 1;
                continue;
            }
        }
        let name = clean(name);
        if name.is_empty() {
            skip(&mut found, "with an empty name", "\"\"");
            continue;
        }
        match entry(&name, spec, file, today) {
            Ok(mut entry) => {
                for reason in keep_sound_tiers(&mut entry) {
                    note(&mut found.tiers_left_out, reason, &name);
                }
                found.entries.push(entry);
            }
            Err(reason) => skip(&mut found, &reason, &name),
        }
    }
    Ok(found)
}

/// A name as it can be shown: control characters (which would break a terminal table or
/// an SVG) and invisible formatting characters (a right-to-left override that would show
/// "gpt-4o" reversed, zero-width spaces that make two names look alike) dropped, spaces
/// trimmed.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Unicode's bidirectional controls, zero-width characters and the byte-order mark.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2069}'
            | '\u{061c}'
            | '\u{feff}'
    )
}

/// Drops the entry's long-context tiers that cannot be right: priced below the model's own
/// input or output price (a tier is a premium, or none), or at a threshold its context never
/// passes. Returns why each was dropped.
fn keep_sound_tiers(entry: &mut PriceEntry) -> Vec<&'static str> {
    let mut reasons = Vec::new();
    let (input, output, context) = (entry.input, entry.output, entry.max_input_tokens);
    entry.long_context.retain(|tier| {
        let why = if tier.usd_per_million_input < input || tier.usd_per_million_output < output {
            Some("priced below the model's own prices")
        } else if context.is_some_and(|context| tier.above_input_tokens >= context) {
            Some("past the model's context")
        } else {
            None
        };
        reasons.extend(why);
        why.is_none()
    });
    reasons
}

/// Counts one more `name` under `reason`, keeping the first few names.
fn note(counts: &mut BTreeMap<String, Skipped>, reason: &str, name: &str) {
    let noted = counts.entry(reason.to_owned()).or_default();
    noted.count += 1;
    if noted.examples.len() < 3 {
        noted.examples.push(name.to_owned());
    }
}

fn skip(found: &mut Import, reason: &str, name: &str) {
    note(&mut found.skipped, reason, name);
}

/// One chat or completion entry, or why it cannot be used.
fn entry(
    name: &str,
    spec: &Map<String, Value>,
    file: &str,
    today: &str,
) -> Result<PriceEntry, String> {
    let input = required_price(spec, "input_cost_per_token")?;
    let output = required_price(spec, "output_cost_per_token")?;
    if input == 0.0 && output == 0.0 {
        // A scenario refuses an API that charges nothing; so does the catalogue.
        return Err("priced at zero for input and output".to_owned());
    }
    Ok(PriceEntry {
        name: name.to_owned(),
        provider: spec
            .get("litellm_provider")
            .and_then(Value::as_str)
            .map(clean)
            .filter(|provider| !provider.is_empty())
            .unwrap_or_else(|| "unknown".to_owned()),
        input,
        // A cache or batch price above the list price is not a discount: left out.
        cached_input: optional_price(spec, "cache_read_input_token_cost").filter(|p| *p <= input),
        output,
        // Anthropic's 5-minute write price (LiteLLM's `cache_creation_input_token_cost`);
        // reasoning where priced apart (`output_cost_per_reasoning_token`).
        cache_write: optional_price(spec, "cache_creation_input_token_cost"),
        cache_write_1h: optional_price(spec, "cache_creation_input_token_cost_above_1hr"),
        reasoning: optional_price(spec, "output_cost_per_reasoning_token"),
        batch_input: optional_price(spec, "input_cost_per_token_batches").filter(|p| *p <= input),
        batch_output: optional_price(spec, "output_cost_per_token_batches")
            .filter(|p| *p <= output),
        tool_fee_per_thousand: search_fee(spec),
        flex: service_tier(spec, "flex", input, output),
        priority: service_tier(spec, "priority", input, output),
        // A context past what a scenario accepts (10⁸ tokens) is a catalogue error, not a
        // model's: left out rather than stored as a saturated count.
        max_input_tokens: spec
            .get("max_input_tokens")
            .and_then(Value::as_f64)
            .filter(|tokens| tokens.is_finite() && *tokens >= 1.0 && *tokens <= MAX_CONTEXT_TOKENS)
            .map(|tokens| tokens as u64),
        long_context: tiers(spec, input, output),
        origin: Origin::Imported {
            file: file.to_owned(),
        },
        as_of: today.to_owned(),
        history: Vec::new(),
    })
}

/// A price that must be there: a number ≥ 0, per token, returned per 1M tokens.
fn required_price(spec: &Map<String, Value>, field: &str) -> Result<f64, String> {
    match spec.get(field) {
        None | Some(Value::Null) => Err(format!("without {field}")),
        Some(Value::Number(number)) => match number.as_f64().map(|p| p * PER_MILLION) {
            Some(price) if price < 0.0 => Err(format!("with a negative {field}")),
            Some(price) if price.is_finite() && price <= MAX_USD_PER_MILLION => Ok(price),
            _ => Err(format!("with {field} above $10,000 per 1M tokens")),
        },
        Some(_) => Err(format!("with {field} not a number")),
    }
}

/// A price that may be absent; a value that is not a valid price counts as absent.
fn optional_price(spec: &Map<String, Value>, field: &str) -> Option<f64> {
    spec.get(field)
        .and_then(Value::as_f64)
        .map(|price| price * PER_MILLION)
        .filter(|price| price.is_finite() && (0.0..=MAX_USD_PER_MILLION).contains(price))
}

/// The web-search fee per 1,000 calls: `search_context_cost_per_query` in $ a query, a
/// number or one per search context size (the medium one is taken, the provider's default).
fn search_fee(spec: &Map<String, Value>) -> Option<f64> {
    let fee = match spec.get("search_context_cost_per_query")? {
        Value::Object(sizes) => sizes
            .get("search_context_size_medium")
            .or_else(|| sizes.get("search_context_size_low"))
            .and_then(Value::as_f64),
        other => other.as_f64(),
    }?;
    let per_thousand = fee * 1_000.0;
    (per_thousand.is_finite() && (0.0..=10_000.0).contains(&per_thousand)).then_some(per_thousand)
}

/// A service tier's prices (`input_cost_per_token_<tier>`, `output_cost_per_token_<tier>`,
/// `cache_read_input_token_cost_<tier>`); a tier listing one of input and output keeps the
/// standard price for the other; `None` when it lists neither.
fn service_tier(
    spec: &Map<String, Value>,
    tier: &str,
    input: f64,
    output: f64,
) -> Option<TierPrices> {
    let tier_input = optional_price(spec, &format!("input_cost_per_token_{tier}"));
    let tier_output = optional_price(spec, &format!("output_cost_per_token_{tier}"));
    if tier_input.is_none() && tier_output.is_none() {
        return None;
    }
    Some(TierPrices {
        usd_per_million_input: tier_input.unwrap_or(input),
        usd_per_million_cached_input: optional_price(
            spec,
            &format!("cache_read_input_token_cost_{tier}"),
        ),
        usd_per_million_output: tier_output.unwrap_or(output),
    })
}

/// The long-context tiers `…_above_<N>k_tokens`, lowest threshold first; a tier that lists
/// only one of its prices keeps the base price for the other.
fn tiers(spec: &Map<String, Value>, input: f64, output: f64) -> Vec<LongContextTier> {
    let mut thresholds: Vec<u64> = spec.keys().filter_map(|key| threshold_of(key)).collect();
    thresholds.sort_unstable();
    thresholds.dedup();
    thresholds
        .into_iter()
        .filter(|above| *above > 0)
        .filter_map(|above| {
            let suffix = format!("_above_{}k_tokens", above / 1000);
            let tier_input = optional_price(spec, &format!("input_cost_per_token{suffix}"));
            let tier_output = optional_price(spec, &format!("output_cost_per_token{suffix}"));
            if tier_input.is_none() && tier_output.is_none() {
                return None;
            }
            Some(LongContextTier {
                // LiteLLM's "above": a prompt of exactly the threshold pays the base price.
                above_input_tokens: above,
                includes_threshold: false,
                usd_per_million_input: tier_input.unwrap_or(input),
                usd_per_million_cached_input: optional_price(
                    spec,
                    &format!("cache_read_input_token_cost{suffix}"),
                ),
                usd_per_million_output: tier_output.unwrap_or(output),
            })
        })
        .collect()
}

/// 200,000 for "input_cost_per_token_above_200k_tokens" (any price field's tier).
fn threshold_of(key: &str) -> Option<u64> {
    let rest = key.split("_above_").nth(1)?;
    let thousands = rest.strip_suffix("k_tokens")?;
    // A threshold past what a scenario accepts (10⁸ prompt tokens) is no tier.
    thousands
        .parse::<u64>()
        .ok()
        .and_then(|k| k.checked_mul(1000))
        .filter(|tokens| *tokens <= 100_000_000)
}
