//! Reads LiteLLM's `model_prices_and_context_window.json` (MIT), the price list the LLM
//! ecosystem maintains: a JSON object from model name to an object with
//! `litellm_provider`, `mode`, `input_cost_per_token`, `output_cost_per_token`,
//! `cache_read_input_token_cost`, `cache_creation_input_token_cost` (cache writes),
//! `output_cost_per_reasoning_token`, `input_cost_per_token_batches`,
//! `output_cost_per_token_batches`, `max_input_tokens` and long-context tiers such as
//! `input_cost_per_token_above_200k_tokens`. Prices are USD per token (× 10⁶ here). The key
//! `sample_spec` documents the schema and is not a model; unknown fields are ignored.
//!
//! Only `chat` and `completion` models are kept. An entry whose input or output price is
//! missing, negative or not a number is skipped and counted with its reason, so a user
//! sees "imported 3,142 models, skipped 41: …" rather than a silent gap.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{CatalogueError, Origin, PriceEntry};
use crate::scenario::LongContextTier;
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
            Ok(entry) => found.entries.push(entry),
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

fn skip(found: &mut Import, reason: &str, name: &str) {
    let skipped = found.skipped.entry(reason.to_owned()).or_default();
    skipped.count += 1;
    if skipped.examples.len() < 3 {
        skipped.examples.push(name.to_owned());
    }
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
        reasoning: optional_price(spec, "output_cost_per_reasoning_token"),
        batch_input: optional_price(spec, "input_cost_per_token_batches").filter(|p| *p <= input),
        batch_output: optional_price(spec, "output_cost_per_token_batches")
            .filter(|p| *p <= output),
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
                above_input_tokens: above,
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
