//! Reads a provider's usage (and cost) export into monthly totals.
//!
//! Accepted, detected from the content:
//! - **OpenAI's Usage API** (`GET /v1/organization/usage/completions`): a page `{"object":
//!   "page", "data": [buckets]}` (or a JSON list of such pages), each bucket with
//!   `start_time` (Unix seconds) and `results` carrying `input_tokens` (cached included),
//!   `input_cached_tokens`, `output_tokens`, `num_model_requests`, and `model` and `batch`
//!   where grouped by them.
//! - **OpenAI's Costs API** (`/v1/organization/costs`): buckets whose results carry
//!   `amount: {value, currency}`.
//! - **Anthropic's Usage Report** (`/v1/organizations/usage_report/messages`): `{"data":
//!   [buckets]}`, each with `starting_at` (RFC 3339) and results carrying
//!   `uncached_input_tokens`, `cache_read_input_tokens`, `cache_creation:
//!   {ephemeral_5m_input_tokens, ephemeral_1h_input_tokens}`, `output_tokens`,
//!   `server_tool_use: {web_search_requests}`, and `model` and `service_tier` where grouped.
//!   It counts no requests.
//! - **Anthropic's Cost Report** (`/v1/organizations/cost_report`): results with `amount`, a
//!   decimal string in cents ("123.45" is $1.2345), and `currency`.
//! - **A CSV** read by its header (the dashboards' downloads are not documented and have
//!   changed; a CSV names the same fields): a date column (`date` or `month` as
//!   "YYYY-MM[-DD]", `starting_at` as RFC 3339, or `start_time` as Unix seconds), token
//!   columns by either provider's names (`input_tokens` with `input_cached_tokens`, or
//!   `uncached_input_tokens` with `cache_read_input_tokens`; `cache_creation_5m_input_tokens`
//!   or `ephemeral_5m_input_tokens`, likewise `_1h_`; `output_tokens`), and optionally
//!   `num_model_requests` (or `requests`), `batch` (true/false) or `service_tier`, `model`,
//!   `web_search_requests`, and `cost_usd` (what was billed).
//!
//! A malformed file is refused with its line and column (JSON) or line and field (CSV).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Counts, MonthUsage, Provider, Usage, UsageError};

/// Reads `text`, one of the formats above.
pub fn read(text: &str) -> Result<Usage, UsageError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(['{', '[']) {
        read_json(text)
    } else {
        read_csv(text)
    }
}

fn read_json(text: &str) -> Result<Usage, UsageError> {
    let root: Value = serde_json::from_str(text).map_err(|error| UsageError {
        line: error.line().max(1),
        column: Some(error.column().max(1)),
        message: crate::prices::CatalogueError::from(&error).message,
    })?;
    let pages: Vec<&Value> = match &root {
        Value::Array(pages) => pages.iter().collect(),
        page => vec![page],
    };
    let mut usage = Usage::default();
    for page in pages {
        let Some(buckets) = page.get("data").and_then(Value::as_array) else {
            return Err(UsageError::whole(
                "expected a usage or cost page: an object with a \"data\" list of time buckets",
            ));
        };
        for bucket in buckets {
            read_bucket(bucket, &mut usage)?;
        }
    }
    if usage.months.is_empty() && usage.billed_usd.is_empty() {
        return Err(UsageError::whole(
            "the export holds no usage: every bucket is empty",
        ));
    }
    Ok(usage)
}

/// One time bucket of either provider's usage or costs.
fn read_bucket(bucket: &Value, usage: &mut Usage) -> Result<(), UsageError> {
    let month = if let Some(seconds) = bucket.get("start_time").and_then(Value::as_f64) {
        usage.provider.get_or_insert(Provider::OpenAi);
        month_of_unix(seconds)
    } else if let Some(start) = bucket.get("starting_at").and_then(Value::as_str) {
        usage.provider.get_or_insert(Provider::Anthropic);
        month_of_date(start)
    } else {
        None
    }
    .ok_or_else(|| {
        UsageError::whole("a bucket has no start_time (Unix seconds) or starting_at (RFC 3339)")
    })?;
    let results = bucket
        .get("results")
        .or_else(|| bucket.get("result"))
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice);
    for result in results {
        let Value::Object(fields) = result else {
            continue;
        };
        if let Some(amount) = fields.get("amount") {
            *usage.billed_usd.entry(month.clone()).or_default() += cost_usd(amount, fields)?;
            continue;
        }
        let line = Line::from_json(fields);
        usage.add(&month, &line);
    }
    Ok(())
}

/// A cost result in US dollars: OpenAI's `{value, currency}`, Anthropic's cents as a
/// decimal string beside `currency`.
fn cost_usd(amount: &Value, fields: &Map<String, Value>) -> Result<f64, UsageError> {
    let number = |value: &Value| match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse::<f64>().ok(),
        _ => None,
    };
    let (value, currency, scale) = match amount {
        Value::Object(inner) => (
            inner.get("value").and_then(number),
            inner.get("currency").and_then(Value::as_str),
            1.0,
        ),
        cents => (
            number(cents),
            fields.get("currency").and_then(Value::as_str),
            0.01,
        ),
    };
    let Some(value) = value.filter(|value| value.is_finite()) else {
        return Err(UsageError::whole("a cost's amount is not a number"));
    };
    match currency {
        Some(code) if !code.eq_ignore_ascii_case("usd") => Err(UsageError::whole(&format!(
            "a cost is in {code}; only US dollars are read (prices here are in US dollars)"
        ))),
        _ => Ok(value * scale),
    }
}

/// One result row, whatever its provider called the fields.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Line {
    pub(super) counts: Counts,
    pub(super) requests: Option<f64>,
    pub(super) tier: Tier,
    pub(super) web_searches: f64,
    pub(super) model: Option<String>,
}

/// The service tier a result was served at.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Tier {
    #[default]
    Standard,
    Batch,
    Flex,
    Priority,
}

impl Tier {
    /// From OpenAI's `batch` flag or a `service_tier` ("standard", "batch", "flex",
    /// "priority"; anything else is standard).
    fn of(batch: bool, service_tier: &str) -> Self {
        let named = service_tier.trim().to_ascii_lowercase();
        if batch || named == "batch" {
            Self::Batch
        } else if named == "flex" {
            Self::Flex
        } else if named == "priority" {
            Self::Priority
        } else {
            Self::Standard
        }
    }
}

impl Line {
    fn from_json(fields: &Map<String, Value>) -> Self {
        let count = |value: Option<&Value>| {
            value
                .and_then(Value::as_f64)
                .filter(|count| count.is_finite() && *count >= 0.0)
                .unwrap_or(0.0)
        };
        let nested =
            |outer: &str, inner: &str| fields.get(outer).and_then(|value| value.get(inner));
        let cached =
            count(fields.get("input_cached_tokens")) + count(fields.get("cache_read_input_tokens"));
        // OpenAI's input count includes its cached tokens; Anthropic's uncached count does not.
        let uncached = match fields.get("uncached_input_tokens") {
            Some(value) => count(Some(value)),
            None => (count(fields.get("input_tokens")) - count(fields.get("input_cached_tokens")))
                .max(0.0),
        };
        Self {
            counts: Counts {
                uncached_input: uncached,
                cached_input: cached,
                written_5m: count(nested("cache_creation", "ephemeral_5m_input_tokens")),
                written_1h: count(nested("cache_creation", "ephemeral_1h_input_tokens")),
                output: count(fields.get("output_tokens")),
            },
            requests: fields
                .get("num_model_requests")
                .and_then(Value::as_f64)
                .filter(|count| count.is_finite() && *count >= 0.0),
            tier: Tier::of(
                fields.get("batch").and_then(Value::as_bool) == Some(true),
                fields
                    .get("service_tier")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            ),
            web_searches: count(nested("server_tool_use", "web_search_requests")),
            model: fields
                .get("model")
                .and_then(Value::as_str)
                .map(crate::prices::litellm::clean)
                .filter(|model| !model.is_empty()),
        }
    }
}

fn read_csv(text: &str) -> Result<Usage, UsageError> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|error| csv_error(&error))?
        .iter()
        .map(|name| name.to_ascii_lowercase())
        .collect();
    let column = |names: &[&str]| {
        names
            .iter()
            .find_map(|name| header.iter().position(|field| field == name))
    };
    let date = column(&["date", "month", "starting_at", "start_time"]).ok_or_else(|| {
        UsageError::whole(
            "the CSV has no date column: name one date, month, starting_at or start_time",
        )
    })?;
    let columns = CsvColumns {
        input: column(&["input_tokens"]),
        uncached: column(&["uncached_input_tokens"]),
        cached: column(&["input_cached_tokens", "cache_read_input_tokens"]),
        written_5m: column(&[
            "cache_creation_5m_input_tokens",
            "ephemeral_5m_input_tokens",
        ]),
        written_1h: column(&[
            "cache_creation_1h_input_tokens",
            "ephemeral_1h_input_tokens",
        ]),
        output: column(&["output_tokens"]),
        requests: column(&["num_model_requests", "requests"]),
        batch: column(&["batch"]),
        tier: column(&["service_tier"]),
        model: column(&["model"]),
        web_searches: column(&["web_search_requests"]),
        cost: column(&["cost_usd"]),
    };
    if columns.output.is_none() || (columns.input.is_none() && columns.uncached.is_none()) {
        return Err(UsageError::whole(
            "the CSV needs output_tokens and input_tokens (or uncached_input_tokens) columns",
        ));
    }
    let mut usage = Usage {
        provider: Some(if columns.uncached.is_some() {
            Provider::Anthropic
        } else {
            Provider::OpenAi
        }),
        ..Usage::default()
    };
    for record in reader.records() {
        let record = record.map_err(|error| csv_error(&error))?;
        let (month, entry, cost) = csv_row(&record, (&header[date], date), &columns)?;
        usage.add(&month, &entry);
        if let Some(cost) = cost {
            *usage.billed_usd.entry(month).or_default() += cost;
        }
    }
    if usage.months.is_empty() {
        return Err(UsageError::whole("the CSV has a header but no rows"));
    }
    Ok(usage)
}

/// One CSV row: its month, its counts, and what it says was billed.
fn csv_row(
    record: &csv::StringRecord,
    (date_name, date): (&str, usize),
    columns: &CsvColumns,
) -> Result<(String, Line, Option<f64>), UsageError> {
    let line = record
        .position()
        .map_or(0, |position| position.line() as usize);
    let field = |index: Option<usize>, name: &str| -> Result<f64, UsageError> {
        let Some(text) = index.and_then(|index| record.get(index)) else {
            return Ok(0.0);
        };
        if text.is_empty() {
            return Ok(0.0);
        }
        crate::units::parse_number(text)
            .ok()
            .filter(|count| count.is_finite() && *count >= 0.0)
            .ok_or_else(|| UsageError {
                line,
                column: None,
                message: format!("{name}: \"{text}\" is not a count of zero or more"),
            })
    };
    let month = record
        .get(date)
        .and_then(|text| match date_name {
            "start_time" => text.parse::<f64>().ok().and_then(month_of_unix),
            _ => month_of_date(text),
        })
        .ok_or_else(|| UsageError {
            line,
            column: None,
            message: format!(
                "{}: \"{}\" is not a date (YYYY-MM-DD, YYYY-MM or RFC 3339; Unix seconds for \
                     start_time)",
                date_name,
                record.get(date).unwrap_or("")
            ),
        })?;
    let cached = field(columns.cached, "cached input")?;
    let uncached = match columns.uncached {
        Some(_) => field(columns.uncached, "uncached_input_tokens")?,
        None => (field(columns.input, "input_tokens")? - cached).max(0.0),
    };
    let text = |index: Option<usize>| index.and_then(|index| record.get(index)).unwrap_or("");
    let entry = Line {
        counts: Counts {
            uncached_input: uncached,
            cached_input: cached,
            written_5m: field(columns.written_5m, "5-minute cache writes")?,
            written_1h: field(columns.written_1h, "1-hour cache writes")?,
            output: field(columns.output, "output_tokens")?,
        },
        requests: match columns.requests {
            Some(_) => Some(field(columns.requests, "requests")?),
            None => None,
        },
        tier: Tier::of(
            text(columns.batch).eq_ignore_ascii_case("true"),
            text(columns.tier),
        ),
        web_searches: field(columns.web_searches, "web_search_requests")?,
        model: Some(crate::prices::litellm::clean(text(columns.model)))
            .filter(|model| !model.is_empty()),
    };
    let cost = if text(columns.cost).is_empty() {
        None
    } else {
        Some(field(columns.cost, "cost_usd")?)
    };
    Ok((month, entry, cost))
}

/// Where each field is in a CSV row.
struct CsvColumns {
    input: Option<usize>,
    uncached: Option<usize>,
    cached: Option<usize>,
    written_5m: Option<usize>,
    written_1h: Option<usize>,
    output: Option<usize>,
    requests: Option<usize>,
    batch: Option<usize>,
    tier: Option<usize>,
    model: Option<usize>,
    web_searches: Option<usize>,
    cost: Option<usize>,
}

fn csv_error(error: &csv::Error) -> UsageError {
    let line = error
        .position()
        .map_or(1, |position| position.line() as usize);
    let message = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("a row has {len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
        _ => error.to_string(),
    };
    UsageError {
        line,
        column: None,
        message,
    }
}

/// "2026-10" of Unix seconds (UTC).
fn month_of_unix(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || !(0.0..=1e11).contains(&seconds) {
        return None;
    }
    let days = (seconds / 86_400.0).floor() as i64;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Some(format!("{year:04}-{month:02}"))
}

/// "2026-10" of "2026-10", "2026-10-01" or "2026-10-01T00:00:00Z".
fn month_of_date(text: &str) -> Option<String> {
    let text = text.trim();
    let year: u32 = text.get(0..4)?.parse().ok()?;
    if text.get(4..5)? != "-" {
        return None;
    }
    let month: u32 = text.get(5..7)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1970..=9999).contains(&year) {
        return None;
    }
    match text.get(7..8) {
        None | Some("-") => Some(format!("{year:04}-{month:02}")),
        Some(_) => None,
    }
}

/// Months from the first to the last, gaps included (as zero), in order.
pub(super) fn months_between(months: &BTreeMap<String, MonthUsage>) -> Vec<String> {
    let parse = |month: &str| -> Option<(i32, u32)> {
        Some((
            month.get(0..4)?.parse().ok()?,
            month.get(5..7)?.parse().ok()?,
        ))
    };
    let (Some(first), Some(last)) = (
        months.keys().next().and_then(|m| parse(m)),
        months.keys().next_back().and_then(|m| parse(m)),
    ) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let (mut year, mut month) = first;
    while (year, month) <= last && out.len() < 1_200 {
        out.push(format!("{year:04}-{month:02}"));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_seconds_and_dates_give_their_month() {
        assert_eq!(month_of_unix(1_730_419_200.0).as_deref(), Some("2024-11"));
        assert_eq!(month_of_unix(1_736_616_660.0).as_deref(), Some("2025-01"));
        assert_eq!(month_of_unix(0.0).as_deref(), Some("1970-01"));
        assert_eq!(
            month_of_date("2025-08-01T00:00:00Z").as_deref(),
            Some("2025-08")
        );
        assert_eq!(month_of_date("2025-12").as_deref(), Some("2025-12"));
        assert_eq!(month_of_date("2025-13-01"), None);
        assert_eq!(month_of_date("20250801"), None);
    }
}
