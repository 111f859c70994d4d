//! Price history: an import keeps each entry's earlier prices with the dates they held,
//! a scenario records which entry and as-of date its prices came from, and a newer
//! catalogue says what changed since ("GPT-4o input $2.50, now $2.00"; the app's font has no
//! arrow).

use serde::{Deserialize, Serialize};

use super::{Catalogue, Origin, PriceEntry, day_number};
use crate::scenario::{ApiOption, PricesFrom};
use crate::units::format_price;

/// The most earlier prices an entry keeps.
pub const MAX_HISTORY: usize = 50;

/// Prices an entry had before a later import changed them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastPrice {
    /// The as-of date they were imported with.
    pub from: String,
    /// The as-of date of the import that changed them.
    pub until: String,
    /// $ per 1M input tokens.
    pub input: f64,
    /// $ per 1M cached input tokens, when listed.
    #[serde(default)]
    pub cached_input: Option<f64>,
    /// $ per 1M output tokens.
    pub output: f64,
}

/// The three prices a change is told by.
fn prices(entry: &PriceEntry) -> (f64, Option<f64>, f64) {
    (entry.input, entry.cached_input, entry.output)
}

impl PriceEntry {
    /// The input, cached and output prices that held on `date` ("YYYY[-MM[-DD]]"): the
    /// earlier price whose span holds it, else the current ones.
    pub fn prices_on(&self, date: &str) -> (f64, Option<f64>, f64) {
        let Some(day) = day_number(date) else {
            return prices(self);
        };
        self.history
            .iter()
            .find(|past| {
                let from = day_number(&past.from).unwrap_or(i64::MIN);
                let until = day_number(&past.until).unwrap_or(i64::MAX);
                from <= day && day < until
            })
            .map_or(prices(self), |past| {
                (past.input, past.cached_input, past.output)
            })
    }

    /// The record a scenario keeps of prices taken from this entry.
    pub fn picked(&self) -> PricesFrom {
        PricesFrom {
            entry: self.name.clone(),
            provider: self.provider.clone(),
            as_of: self.as_of.clone(),
            input: self.input,
            cached_input: self.cached_input,
            output: self.output,
        }
    }
}

impl Catalogue {
    /// Replaces every imported entry by `imported`, each keeping the earlier prices of the
    /// entry it replaces (same name and provider, any case), with the date they changed
    /// where they did; custom entries stay.
    pub fn replace_imports(&mut self, imported: Vec<PriceEntry>) {
        let (old, kept): (Vec<PriceEntry>, Vec<PriceEntry>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|entry| matches!(entry.origin, Origin::Imported { .. }));
        self.entries = kept;
        let mut by_key: std::collections::HashMap<(String, String), PriceEntry> = old
            .into_iter()
            .map(|entry| {
                (
                    (entry.name.to_lowercase(), entry.provider.to_lowercase()),
                    entry,
                )
            })
            .collect();
        self.entries.extend(imported.into_iter().map(|mut entry| {
            let key = (entry.name.to_lowercase(), entry.provider.to_lowercase());
            if let Some(before) = by_key.remove(&key) {
                let mut history = before.history.clone();
                if prices(&before) != prices(&entry) {
                    history.push(PastPrice {
                        from: before.as_of.clone(),
                        until: entry.as_of.clone(),
                        input: before.input,
                        cached_input: before.cached_input,
                        output: before.output,
                    });
                }
                let excess = history.len().saturating_sub(MAX_HISTORY);
                history.drain(..excess);
                entry.history = history;
            }
            entry
        }));
    }
}

/// The catalogue entry `api` took its prices from, if it is still listed.
pub fn entry_for<'a>(api: &ApiOption, entries: &'a [PriceEntry]) -> Option<&'a PriceEntry> {
    let from = api.prices_from.as_ref()?;
    entries.iter().find(|entry| {
        entry.name.eq_ignore_ascii_case(&from.entry)
            && entry.provider.eq_ignore_ascii_case(&from.provider)
    })
}

/// What changed in the catalogue since `api` took its prices from it: "Prices changed
/// since this scenario's (2026-10-01): GPT-4o input $2.50, now $2.00; catalogue of
/// 2026-12-01", or `None` when nothing did (or the API's prices were typed in, or its entry
/// is gone). The catalogue's prices now are compared with those taken, whatever the API's
/// own have become since.
pub fn changed_since(api: &ApiOption, entries: &[PriceEntry]) -> Option<PriceChange> {
    let from = api.prices_from.as_ref()?;
    let entry = entry_for(api, entries)?;
    let mut parts = Vec::new();
    let mut said = |name: &str, then: Option<f64>, now: Option<f64>| {
        if then != now {
            let price = |p: Option<f64>| p.map_or_else(|| "not listed".to_owned(), format_price);
            parts.push(format!("{name} {}, now {}", price(then), price(now)));
        }
    };
    said("input", Some(from.input), Some(entry.input));
    said("cached input", from.cached_input, entry.cached_input);
    said("output", Some(from.output), Some(entry.output));
    (!parts.is_empty()).then(|| PriceChange {
        entry: entry.clone(),
        says: format!(
            "Prices changed since this scenario's ({}): {} {}; catalogue of {}",
            from.as_of,
            api.name,
            parts.join(", "),
            entry.as_of
        ),
    })
}

/// A newer price for an API, with the words that say so.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceChange {
    /// The catalogue's entry now.
    pub entry: PriceEntry,
    /// "Prices changed since this scenario's (2026-10-01): GPT-4o input $2.50, now $2.00;
    /// catalogue of 2026-12-01".
    pub says: String,
}
