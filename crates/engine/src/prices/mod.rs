//! The API price catalogue: the built-in 2026 list, imports of the LiteLLM catalogue and
//! the user's own entries, searchable, each with where it comes from and when.
//!
//! Prices change monthly, so every entry records its source and the date it was true (or
//! imported); one older than [`STALE_AFTER_DAYS`] is marked stale. The catalogue is plain
//! data: the app and the command line keep it in the user's data folder
//! ([`Catalogue::to_json`], [`Catalogue::from_json`]).

pub mod litellm;
#[cfg(test)]
mod tests;

pub mod history;

use serde::{Deserialize, Serialize};

use crate::scenario::catalog::{API_PRICES, PRICES_AS_OF};
use crate::scenario::{ApiOption, LongContextTier, TierPrices};

/// An entry this many days older than today is stale.
pub const STALE_AFTER_DAYS: i64 = 90;

/// The catalogue file's format version.
pub const CATALOGUE_VERSION: u32 = 1;

/// Where a catalogue entry comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The list shipped with the app (the model document's 2026 prices).
    BuiltIn,
    /// A LiteLLM price file, by its file name.
    Imported {
        /// The file it came from.
        file: String,
    },
    /// Typed by the user (negotiated prices, a private endpoint).
    Custom,
}

impl Origin {
    /// "built-in", "imported", "custom".
    pub fn label(&self) -> &'static str {
        match self {
            Origin::BuiltIn => "built-in",
            Origin::Imported { .. } => "imported",
            Origin::Custom => "custom",
        }
    }
}

/// One model's prices, $ per 1M tokens.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceEntry {
    /// Model name as the source writes it, e.g. "claude-sonnet-4-5".
    pub name: String,
    /// Who sells it, e.g. "anthropic".
    pub provider: String,
    /// Input tokens.
    pub input: f64,
    /// Cached input tokens, when the provider lists a price.
    #[serde(default)]
    pub cached_input: Option<f64>,
    /// Output tokens.
    pub output: f64,
    /// Input tokens written to the prompt cache, when the provider lists a write price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write: Option<f64>,
    /// Input tokens written to an hour's prompt cache, when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache_write_1h: Option<f64>,
    /// Reasoning tokens, when priced apart from output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasoning: Option<f64>,
    /// Input tokens through the batch API, when listed.
    #[serde(default)]
    pub batch_input: Option<f64>,
    /// Output tokens through the batch API, when listed.
    #[serde(default)]
    pub batch_output: Option<f64>,
    /// $ per 1,000 web searches (tool calls), when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_fee_per_thousand: Option<f64>,
    /// The flex tier's prices, when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flex: Option<TierPrices>,
    /// The priority tier's prices, when listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<TierPrices>,
    /// The longest prompt the model takes, when listed.
    #[serde(default)]
    pub max_input_tokens: Option<u64>,
    /// Long-context tiers, lowest threshold first.
    #[serde(default)]
    pub long_context: Vec<LongContextTier>,
    /// Where it comes from.
    pub origin: Origin,
    /// When the price was true or imported: "2026-12-01" (or "2026" for the built-in list).
    pub as_of: String,
    /// Earlier prices of this entry, oldest first, as later imports changed them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<history::PastPrice>,
}

impl PriceEntry {
    /// Whether `as_of` is more than [`STALE_AFTER_DAYS`] before `today` (both
    /// "YYYY-MM-DD"; a year or month alone counts from its first day).
    pub fn is_stale(&self, today: &str) -> bool {
        match (day_number(&self.as_of), day_number(today)) {
            (Some(then), Some(now)) => now - then > STALE_AFTER_DAYS,
            _ => false,
        }
    }

    /// The batch discount the batch prices give (1 − batch / list, from the input price,
    /// or the output price when input is free); 0.5 when none is listed, as most
    /// providers publish.
    pub fn batch_discount(&self) -> f64 {
        let ratio = |batch: Option<f64>, list: f64| {
            batch
                .filter(|_| list > 0.0)
                .map(|batch| (1.0 - batch / list).clamp(0.0, 1.0))
        };
        ratio(self.batch_input, self.input)
            .or_else(|| ratio(self.batch_output, self.output))
            .unwrap_or(0.5)
    }

    /// Sets `api`'s prices (input, cached input, output, cache write, reasoning, batch
    /// discount and the first long-context tier) to this entry's; its name and everything
    /// else are kept.
    pub fn apply_to(&self, api: &mut ApiOption) {
        api.usd_per_million_input = self.input;
        api.usd_per_million_cached_input = self.cached_input;
        api.usd_per_million_output = self.output;
        api.usd_per_million_cache_write = self.cache_write;
        api.usd_per_million_cache_write_1h = self.cache_write_1h;
        api.usd_per_million_reasoning = self.reasoning;
        api.batch_discount = self.batch_discount();
        api.flex = self.flex.clone();
        api.priority = self.priority.clone();
        api.long_context = self.long_context.first().cloned();
        // A fee the catalogue does not list is not a fee of zero: the API's own stays.
        if let Some(fee) = self.tool_fee_per_thousand {
            api.usd_per_thousand_tool_calls = fee;
        }
        api.prices_from = Some(self.picked());
    }

    /// "anthropic claude-sonnet-4-5": what a search matches against.
    fn haystack(&self) -> String {
        format!("{} {}", self.name, self.provider).to_lowercase()
    }
}

/// Days since 0000-03-01 of "YYYY", "YYYY-MM" or "YYYY-MM-DD"; `None` for anything else.
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Civil-from-days in reverse (Howard Hinnant's algorithm), so spans are exact.
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era)
}

/// The user's part of the catalogue (imports and custom entries), as stored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Catalogue {
    /// The format version.
    pub version: u32,
    /// Imported and custom entries; the built-in list is not stored.
    pub entries: Vec<PriceEntry>,
}

/// Why a catalogue file could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}, column {column}: {message}")]
pub struct CatalogueError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl From<&serde_json::Error> for CatalogueError {
    /// The parser's complaint without the position it already appends (the error names
    /// line and column once); an empty file is at line 1, column 1.
    fn from(error: &serde_json::Error) -> Self {
        let text = error.to_string();
        let message = match text.rfind(" at line ") {
            Some(at) => text[..at].to_owned(),
            None => text,
        };
        Self {
            line: error.line().max(1),
            column: error.column().max(1),
            message,
        }
    }
}

impl Catalogue {
    /// Reads a stored catalogue.
    pub fn from_json(text: &str) -> Result<Self, CatalogueError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let catalogue: Catalogue =
            serde_json::from_str(text).map_err(|error| CatalogueError::from(&error))?;
        if catalogue.version > CATALOGUE_VERSION {
            return Err(CatalogueError {
                line: 1,
                column: 1,
                message: format!(
                    "written by a newer version (format {}; this one reads up to {CATALOGUE_VERSION})",
                    catalogue.version
                ),
            });
        }
        Ok(catalogue)
    }

    /// The catalogue as stored.
    pub fn to_json(&self) -> String {
        let stored = Catalogue {
            version: CATALOGUE_VERSION,
            entries: self.entries.clone(),
        };
        serde_json::to_string_pretty(&stored).unwrap_or_default() + "\n"
    }

    /// Adds a custom entry, replacing a custom one with the same name and provider (in any
    /// case, as the list matches them).
    pub fn add_custom(&mut self, entry: PriceEntry) {
        self.entries.retain(|other| {
            !(other.origin == Origin::Custom
                && other.name.eq_ignore_ascii_case(&entry.name)
                && other.provider.eq_ignore_ascii_case(&entry.provider))
        });
        self.entries.push(PriceEntry {
            origin: Origin::Custom,
            ..entry
        });
    }

    /// Removes the stored entries called `name` (of `provider`, when given; any case); how
    /// many.
    pub fn remove(&mut self, name: &str, provider: Option<&str>) -> usize {
        let before = self.entries.len();
        self.entries.retain(|entry| {
            !(entry.name.eq_ignore_ascii_case(name)
                && provider.is_none_or(|provider| entry.provider.eq_ignore_ascii_case(provider)))
        });
        before - self.entries.len()
    }

    /// Removes the custom entry called `name` of `provider` (any case), leaving an import
    /// of the same name in place; whether one was removed.
    pub fn remove_custom(&mut self, name: &str, provider: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|entry| {
            !(entry.origin == Origin::Custom
                && entry.name.eq_ignore_ascii_case(name)
                && entry.provider.eq_ignore_ascii_case(provider))
        });
        self.entries.len() < before
    }

    /// Every entry: custom first, then imported, then the built-in list; an entry of the
    /// same name and provider as an earlier one is left out (a custom price overrides an
    /// import, an import the built-in list).
    pub fn all(&self) -> Vec<PriceEntry> {
        let rank = |entry: &PriceEntry| match entry.origin {
            Origin::Custom => 0,
            Origin::Imported { .. } => 1,
            Origin::BuiltIn => 2,
        };
        let mut all: Vec<PriceEntry> = self.entries.clone();
        all.extend(built_in());
        all.sort_by_key(rank);
        let mut seen = std::collections::HashSet::new();
        all.retain(|entry| seen.insert((entry.name.to_lowercase(), entry.provider.to_lowercase())));
        all
    }

    /// Entries whose name or provider contains every word of `query` (any case), custom
    /// first, then by name; every entry for an empty query.
    pub fn search(&self, query: &str) -> Vec<PriceEntry> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        let mut found: Vec<PriceEntry> = self
            .all()
            .into_iter()
            .filter(|entry| {
                let haystack = entry.haystack();
                words.iter().all(|word| haystack.contains(word.as_str()))
            })
            .collect();
        // The entry named exactly what was typed first, then names that start with it,
        // then the rest, each group in alphabetical order: "gpt-4o" finds GPT-4o before
        // "azure/gpt-4o-2024-08-06".
        let typed = query.trim().to_lowercase();
        let rank = |entry: &PriceEntry| {
            let name = entry.name.to_lowercase();
            if name == typed {
                0
            } else if name.starts_with(&typed) {
                1
            } else {
                2
            }
        };
        found.sort_by(|a, b| rank(a).cmp(&rank(b)).then_with(|| a.name.cmp(&b.name)));
        found
    }
}

/// What Anthropic bills for writing a 5-minute prompt cache, times the input price (2× for
/// an hour's cache; the domain brief's notes on invoices).
pub const ANTHROPIC_CACHE_WRITE: f64 = 1.25;

/// Anthropic's write price for an hour's cache over the input price (the domain brief's
/// notes on invoices).
pub const ANTHROPIC_CACHE_WRITE_1H: f64 = 2.0;

/// The built-in list as catalogue entries; Anthropic's models with their 5-minute cache
/// write price.
pub fn built_in() -> Vec<PriceEntry> {
    API_PRICES
        .iter()
        .map(|price| PriceEntry {
            name: price.name.to_owned(),
            provider: provider_of(price.name).to_owned(),
            input: price.input,
            cached_input: None,
            output: price.output,
            cache_write: (provider_of(price.name) == "anthropic")
                .then_some(price.input * ANTHROPIC_CACHE_WRITE),
            cache_write_1h: (provider_of(price.name) == "anthropic")
                .then_some(price.input * ANTHROPIC_CACHE_WRITE_1H),
            reasoning: None,
            batch_input: Some(price.input * 0.5),
            batch_output: Some(price.output * 0.5),
            tool_fee_per_thousand: None,
            flex: None,
            priority: None,
            max_input_tokens: None,
            long_context: Vec::new(),
            origin: Origin::BuiltIn,
            as_of: PRICES_AS_OF.to_owned(),
            history: Vec::new(),
        })
        .collect()
}

/// The provider of a built-in model, from its name.
fn provider_of(name: &str) -> &'static str {
    let name = name.to_lowercase();
    if name.starts_with("gpt") {
        "openai"
    } else if name.starts_with("claude") {
        "anthropic"
    } else if name.starts_with("gemini") {
        "gemini"
    } else if name.starts_with("deepseek") {
        "deepseek"
    } else {
        "hosted open model"
    }
}
