//! `prices` and `fit` as a user runs them: the catalogue in a data folder of its own,
//! imported, searched, extended and pruned; a malformed file refused with line and column;
//! a model that does not fit told what would.

use std::path::Path;
use std::process::{Command, Output};

fn run_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .env("LLM_COST_EXPLORER_DATA_DIR", data)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/engine/tests/fixtures/litellm-sample.json")
        .display()
        .to_string()
}

#[test]
fn an_import_survives_and_is_searched_extended_and_pruned() {
    let data = tempfile::tempdir().expect("temp folder");
    let imported = stdout(&run_in(data.path(), &["prices", "import", &fixture()]));
    assert!(
        imported.starts_with("Imported 7 models, skipped 4 ("),
        "{imported}"
    );
    assert!(imported.contains("left out 2 that are not chat or completion models"));
    assert!(
        data.path().join("prices.json").exists(),
        "stored in the data folder"
    );
    // A later run (a restart) reads it back.
    let listed = stdout(&run_in(
        data.path(),
        &["prices", "list", "--search", "sonnet"],
    ));
    assert!(listed.contains("claude-sonnet-4-5"), "{listed}");
    assert!(listed.contains("bedrock/anthropic.claude-sonnet-4-5"));
    assert!(
        listed.contains("Claude Sonnet 4.5") && listed.contains("(stale)"),
        "{listed}"
    );
    assert!(listed.contains("3 entries"), "{listed}");
    let added = stdout(&run_in(
        data.path(),
        &[
            "prices",
            "add",
            "--name",
            "sonnet (our contract)",
            "--provider",
            "anthropic",
            "--input",
            "2.40",
            "--output",
            "12",
        ],
    ));
    assert!(added.contains("$2.40 in / $12.00 out"), "{added}");
    let json = stdout(&run_in(
        data.path(),
        &["prices", "list", "--search", "our contract", "--json"],
    ));
    let entries: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(entries[0]["origin"], "custom");
    assert_eq!(entries[0]["input"], 2.4);
    let removed = stdout(&run_in(
        data.path(),
        &["prices", "remove", "sonnet (our contract)"],
    ));
    assert_eq!(removed, "removed 1 entry called sonnet (our contract).\n");
    // Built-in entries stay, with a reason.
    let refused = run_in(data.path(), &["prices", "remove", "GPT-4o mini"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("built-in list"));
}

#[test]
fn a_malformed_price_file_is_refused_with_line_and_column_and_the_catalogue_kept() {
    let data = tempfile::tempdir().expect("temp folder");
    stdout(&run_in(data.path(), &["prices", "import", &fixture()]));
    let before = std::fs::read_to_string(data.path().join("prices.json")).expect("stored");
    let bad = data.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"gpt-4o\": {\"input_cost_per_token\": 1e-6,,}\n}\n",
    )
    .expect("write");
    let output = run_in(
        data.path(),
        &["prices", "import", bad.to_str().expect("path")],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("bad.json: line 2, column 43:"),
        "{message}"
    );
    let after = std::fs::read_to_string(data.path().join("prices.json")).expect("stored");
    assert_eq!(before, after, "a failed import changes nothing");
    // Nor does one that finds no model to import: it would wipe the last one.
    let empty = data.path().join("empty.json");
    std::fs::write(&empty, "{}\n").expect("write");
    let output = run_in(
        data.path(),
        &["prices", "import", empty.to_str().expect("path")],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("left as it was"));
    let after = std::fs::read_to_string(data.path().join("prices.json")).expect("stored");
    assert_eq!(before, after, "an empty import changes nothing");
}

#[test]
fn fit_says_what_a_model_needs_and_what_would_hold_it() {
    let data = tempfile::tempdir().expect("temp folder");
    let text = stdout(&run_in(
        data.path(),
        &[
            "fit",
            "--hardware",
            "2x A100 80GB",
            "--model",
            "Llama 3.1 70B",
            "--precision",
            "fp16",
            "--context",
            "8192",
            "--concurrency",
            "16",
        ],
    ));
    assert!(
        text.contains("= 196.9 GB; the node has 160 GB: does not fit"),
        "{text}"
    );
    assert!(text.contains(
        "needs 197 GB, node has 160 GB: the smallest listed node that fits is 8x H100 80GB"
    ));
    assert!(
        text.contains("Most requests of 8,192 tokens that fit: 2"),
        "{text}"
    );
    let json = stdout(&run_in(
        data.path(),
        &[
            "fit",
            "--hardware",
            "a100 80gb",
            "--model",
            "llama 3.1 70b",
            "--precision",
            "fp8",
            "--json",
        ],
    ));
    let fit: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(fit["memory"]["weights_gb"], 70.0);
    assert_eq!(fit["throughput"]["published"]["tokens_per_second"], 209.0);
    let custom = stdout(&run_in(
        data.path(),
        &[
            "fit",
            "--memory-gb",
            "192",
            "--bandwidth",
            "8000",
            "--model",
            "Llama 3.1 70B",
            "--precision",
            "fp8",
        ],
    ));
    assert!(custom.contains("on custom node"), "{custom}");
    let unknown = run_in(
        data.path(),
        &["fit", "--hardware", "H200", "--model", "Llama 3.1 8B"],
    );
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("the nodes are: RTX 4060 Ti 16GB"));
}
