//! `llm-cost-explorer usage`: a provider's usage export (and optionally its cost export)
//! applied to a scenario: what it set, the latest month's bill from the counts against the
//! model's price of the imported workload and what was billed; optionally the scenario
//! written to a new file.

use std::path::PathBuf;

use clap::Args;

use super::ScenarioChoice;
use crate::scenario::file;
use crate::scenario::validate::validate;
use crate::usage::{self, Usage};

/// The largest export read, bytes (a year of daily buckets by model is well under 1 MB).
const MAX_EXPORT_BYTES: u64 = 64 * 1024 * 1024;

/// Options of `usage`.
#[derive(Debug, Args)]
pub struct UsageArgs {
    /// The exports: OpenAI's Usage or Costs API JSON, Anthropic's Usage or Cost Report
    /// JSON, or a CSV with those fields as columns (docs/model.md, "Usage import").
    #[arg(long = "export", value_name = "FILE", required = true)]
    pub exports: Vec<PathBuf>,
    /// The scenario to fill (its workload and timeline are replaced).
    #[command(flatten)]
    pub scenario: ScenarioChoice,
    /// The API whose prices the bill is checked at (the scenario's first when not given).
    #[arg(long, value_name = "NAME")]
    pub api: Option<String>,
    /// Write the filled scenario to this new file (an existing file is never replaced).
    #[arg(long, value_name = "FILE.ron")]
    pub out: Option<PathBuf>,
}

/// Runs `usage`; returns what to print.
pub fn run(args: &UsageArgs) -> anyhow::Result<String> {
    let mut found = Usage::default();
    for path in &args.exports {
        let text = crate::safe_io::read_text(path, MAX_EXPORT_BYTES)
            .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
        let read =
            usage::read(&text).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
        found.merge(read);
    }
    let (mut scenario, name) = args.scenario.load()?;
    let api = match &args.api {
        Some(wanted) => scenario
            .apis
            .iter()
            .position(|api| api.name.eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<&str> = scenario.apis.iter().map(|api| api.name.as_str()).collect();
                anyhow::anyhow!(
                    "--api {wanted:?}: {name} has no such API; it has {}",
                    if names.is_empty() {
                        "none".to_owned()
                    } else {
                        names.join(", ")
                    }
                )
            })?,
        None => 0,
    };
    let said = found.apply(&mut scenario);
    let problems = validate(&scenario);
    if !problems.is_empty() {
        return Err(file::ScenarioError::Invalid {
            origin: format!("{name} with the usage export"),
            problems,
        }
        .into());
    }
    let mut out = String::from("Set from the export:\n");
    for line in said {
        out.push_str(&format!("  {line}\n"));
    }
    match usage::reconcile(&found, &scenario, api) {
        Some(reconciled) => {
            out.push_str("The bill:\n");
            for line in reconciled.lines() {
                out.push_str(&format!("  {line}\n"));
            }
        }
        None => out.push_str("No API in the scenario to price the usage at.\n"),
    }
    if let Some(path) = &args.out {
        if path.exists() {
            anyhow::bail!(
                "--out {}: the file exists and is kept; choose a new name",
                path.display()
            );
        }
        file::save(&scenario, path)?;
        out.push_str(&format!("Wrote {}\n", path.display()));
    }
    Ok(out)
}
