//! `llm-cost-explorer prices …`: import the LiteLLM price catalogue, list and search it,
//! add and remove custom entries. The catalogue lives in the user's data folder
//! ([`crate::data_folder`]) and survives restarts.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use crate::data_folder;
use crate::prices::{Catalogue, Origin, PriceEntry};
use crate::units::{count_of, format_price, text_table};

/// What `prices` does.
#[derive(Debug, Subcommand)]
pub enum PricesCommand {
    /// Import LiteLLM's model_prices_and_context_window.json (chat and completion models),
    /// replacing the previous import; custom entries stay.
    Import {
        /// The LiteLLM price file.
        #[arg(value_name = "FILE.json")]
        file: PathBuf,
    },
    /// List the catalogue: built-in, imported and custom entries.
    List {
        /// Only entries whose name or provider contains every word, e.g. "sonnet".
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Add a custom entry (a negotiated price, a private endpoint), dated today.
    Add(AddArgs),
    /// Remove the stored entries of a model (built-in ones cannot be removed).
    Remove {
        /// The model's name as listed.
        #[arg(value_name = "NAME")]
        name: String,
        /// Only the entry of this provider.
        #[arg(long, value_name = "PROVIDER")]
        provider: Option<String>,
    },
    /// Whether the catalogue's prices changed since a scenario took its APIs' prices.
    Check {
        /// The scenario.
        #[command(flatten)]
        scenario: super::ScenarioChoice,
    },
}

/// A custom entry's prices, $ per 1M tokens.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Model name, e.g. "claude-sonnet-4-5 (our contract)".
    #[arg(long)]
    pub name: String,
    /// Who sells it.
    #[arg(long, default_value = "custom")]
    pub provider: String,
    /// $ per 1M input tokens.
    #[arg(long, value_parser = price)]
    pub input: f64,
    /// $ per 1M output tokens.
    #[arg(long, value_parser = price)]
    pub output: f64,
    /// $ per 1M cached input tokens.
    #[arg(long, value_parser = price)]
    pub cached: Option<f64>,
    /// $ per 1M input tokens written to the prompt cache (Anthropic: 1.25× input for 5
    /// minutes).
    #[arg(long, value_parser = price)]
    pub cache_write: Option<f64>,
    /// $ per 1M reasoning tokens, where priced apart from output.
    #[arg(long, value_parser = price)]
    pub reasoning: Option<f64>,
    /// $ per 1M input tokens through the batch API.
    #[arg(long, value_parser = price)]
    pub batch_input: Option<f64>,
    /// $ per 1M output tokens through the batch API.
    #[arg(long, value_parser = price)]
    pub batch_output: Option<f64>,
}

/// A price per 1M tokens: a number from 0 to 10,000, "$" allowed, under the one number
/// grammar ("1,5" is refused, not stored as $15).
fn price(text: &str) -> Result<f64, String> {
    let number = text.trim().trim_start_matches('$');
    let value = crate::units::parse_number(number)
        .map_err(|problem| format!("\"{text}\" is not a price per 1M tokens: {problem}"))?;
    let limits = crate::scenario::validate::limits::USD_PER_MILLION_TOKENS;
    crate::scenario::validate::limits::check(value, limits)
        .map(|()| value)
        .map_err(|why| format!("\"{text}\" per 1M tokens {why}"))
}

/// Adds a custom entry dated `today`; returns what to print.
fn add_custom(args: &AddArgs, today: &str) -> anyhow::Result<String> {
    let entry = PriceEntry {
        name: args.name.trim().to_owned(),
        provider: args.provider.trim().to_owned(),
        input: args.input,
        cached_input: args.cached,
        output: args.output,
        cache_write: args.cache_write,
        cache_write_1h: None,
        reasoning: args.reasoning,
        batch_input: args.batch_input,
        batch_output: args.batch_output,
        tool_fee_per_thousand: None,
        flex: None,
        priority: None,
        max_input_tokens: None,
        long_context: Vec::new(),
        origin: Origin::Custom,
        as_of: today.to_owned(),
        history: Vec::new(),
    };
    if entry.input == 0.0 && entry.output == 0.0 {
        anyhow::bail!(
            "--input and --output are both $0: an API that charges nothing always wins; \
             give its prices per 1M tokens"
        );
    }
    let unprintable = |text: &str| {
        text.chars()
            .any(|c| c.is_control() || crate::prices::litellm::is_invisible_format(c))
    };
    if entry.name.is_empty() || unprintable(&entry.name) {
        anyhow::bail!(
            "--name is empty or holds control or invisible formatting characters: give \
             the model a name"
        );
    }
    if entry.provider.is_empty() || unprintable(&entry.provider) {
        anyhow::bail!(
            "--provider is empty or holds control or invisible formatting characters: \
             name who sells it"
        );
    }
    let catalogue = data_folder::add_custom_price(entry.clone()).map_err(anyhow::Error::msg)?;
    Ok(format!(
        "added {} ({}) at {} in / {} out per 1M, as of {today}; {} in all.\n",
        entry.name,
        entry.provider,
        format_price(entry.input),
        format_price(entry.output),
        count_of(
            catalogue
                .entries
                .iter()
                .filter(|e| e.origin == Origin::Custom)
                .count(),
            "custom entry",
            "custom entries"
        )
    ))
}

/// Runs a `prices` command; returns what to print.
pub fn run(command: &PricesCommand, today: &str) -> anyhow::Result<String> {
    match command {
        PricesCommand::Import { file } => {
            let (found, catalogue) =
                data_folder::import_prices(file, today).map_err(anyhow::Error::msg)?;
            Ok(format!(
                "{} from {}.\nCatalogue: {} ({} with the built-in list).\n",
                capitalised(&found.summary()),
                file.display(),
                data_folder::prices_path()
                    .map_err(anyhow::Error::msg)?
                    .display(),
                count_of(catalogue.all().len(), "entry", "entries")
            ))
        }
        PricesCommand::List { search, json } => {
            let catalogue = data_folder::load_catalogue().map_err(anyhow::Error::msg)?;
            let entries = catalogue.search(search.as_deref().unwrap_or(""));
            if *json {
                Ok(serde_json::to_string_pretty(&entries)? + "\n")
            } else {
                Ok(table(&entries, today))
            }
        }
        PricesCommand::Add(args) => add_custom(args, today),
        PricesCommand::Check { scenario } => check(scenario),
        PricesCommand::Remove { name, provider } => {
            let mut catalogue = data_folder::load_catalogue().map_err(anyhow::Error::msg)?;
            let removed = catalogue.remove(name, provider.as_deref());
            if removed == 0 {
                let built_in = Catalogue::default()
                    .all()
                    .iter()
                    .any(|entry| entry.name == *name);
                if built_in {
                    anyhow::bail!(
                        "{name} is in the built-in list, which cannot be removed; add a custom \
                         entry with the same name and provider to override its prices"
                    );
                }
                anyhow::bail!(
                    "no stored entry is called {name}; `prices list --search` finds names"
                );
            }
            data_folder::save_catalogue(&catalogue).map_err(anyhow::Error::msg)?;
            Ok(format!(
                "removed {} called {name}.\n",
                count_of(removed, "entry", "entries")
            ))
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Name, provider, input / cached input / output $ per 1M, batch, as-of (stale marked).
fn table(entries: &[PriceEntry], today: &str) -> String {
    if entries.is_empty() {
        return "No entry matches.\n".to_owned();
    }
    let price = |usd: Option<f64>| usd.map_or_else(|| "-".to_owned(), format_price);
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|entry| {
            let batch = match (entry.batch_input, entry.batch_output) {
                (Some(input), Some(output)) => {
                    format!("{} / {}", format_price(input), format_price(output))
                }
                (Some(input), None) => format!("{} / -", format_price(input)),
                (None, Some(output)) => format!("- / {}", format_price(output)),
                (None, None) => "-".to_owned(),
            };
            let stale = if entry.is_stale(today) {
                " (stale)"
            } else {
                ""
            };
            vec![
                entry.name.clone(),
                entry.provider.clone(),
                format_price(entry.input),
                price(entry.cached_input),
                format_price(entry.output),
                batch,
                format!("{}{stale}", entry.as_of),
                entry.origin.label().to_owned(),
            ]
        })
        .collect();
    let mut text = text_table(
        &[
            "Name",
            "Provider",
            "Input",
            "Cached",
            "Output",
            "Batch in / out",
            "As of",
            "Source",
        ],
        &rows,
        2,
    );
    text.push_str(&format!(
        "\n{}, $ per 1M tokens; stale: more than {} days old.\n",
        count_of(entries.len(), "entry", "entries"),
        crate::prices::STALE_AFTER_DAYS
    ));
    text
}

/// One line per API: what changed in the catalogue since it took its prices, that nothing
/// did, or that its prices were typed in.
fn check(choice: &super::ScenarioChoice) -> anyhow::Result<String> {
    let (scenario, _) = choice.load()?;
    let catalogue = data_folder::load_catalogue().map_err(anyhow::Error::msg)?;
    let entries = catalogue.all();
    let mut out = String::new();
    for api in &scenario.apis {
        let listed = crate::prices::history::entry_for(api, &entries).is_some();
        let line = match (
            &api.prices_from,
            crate::prices::history::changed_since(api, &entries),
        ) {
            (_, Some(change)) => change.says,
            (Some(from), None) if !listed => format!(
                "{}: the catalogue no longer lists {} ({}), which its prices of {} came from",
                api.name, from.entry, from.provider, from.as_of
            ),
            (Some(from), None) => format!(
                "{}: the catalogue's {} ({}) has not changed since {}",
                api.name, from.entry, from.provider, from.as_of
            ),
            (None, None) => format!(
                "{}: prices typed in, not taken from the catalogue (nothing to check)",
                api.name
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if scenario.apis.is_empty() {
        out.push_str("The scenario has no API.\n");
    }
    Ok(out)
}
