//! The command line as scripts and CI use it: presets, report, export, errors, and the
//! price catalogue and fit (each run with a data folder of its own).

use std::path::Path;
use std::process::{Command, Output};

use llm_cost_explorer::engine::{evaluate, priced_options};
use llm_cost_explorer::scenario::presets;

use crate::common;
use common::{path_arg, run, stderr};

#[test]
fn presets_lists_every_preset_with_its_description() {
    let output = run(&["presets"]);
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    for preset in presets::PRESETS {
        let description = presets::load(preset.name).expect("preset").description;
        let line = text
            .lines()
            .find(|line| line.starts_with(preset.name))
            .unwrap_or_else(|| panic!("{} missing", preset.name));
        assert!(line.ends_with(&description), "{line}");
    }
}

#[test]
fn report_prints_a_table_with_the_verdict() {
    let output = run(&["report", "--preset", "gpt4o-vs-dedicated-server"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("GPT-4o"), "{text}");
    assert!(text.contains("$350.00"), "{text}");
    assert!(text.contains("$550.00"), "{text}");
    assert!(text.contains("157M tokens/month"), "{text}");
    assert!(
        text.contains("Verdict: At 100M tokens/month the API (GPT-4o) is cheaper by $200.00/month; self-hosting wins above 157M."),
        "{text}"
    );
}

/// The README's JSON example is what the command prints today, field for field: a field
/// added to the report (or dropped) shows here until the README says it.
#[test]
fn the_readme_shows_the_json_report_as_printed() {
    let command = "$ llm-cost-explorer report --preset gpt4o-mini-classification --json\n";
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("the README");
    let start = readme.find(command).expect("the README shows the command") + command.len();
    let shown = &readme[start..start + readme[start..].find("\n```").expect("the block ends")];
    let output = run(&["report", "--preset", "gpt4o-mini-classification", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(shown, printed.trim_end(), "README.md's JSON example");
}

#[test]
fn errors_are_one_line_and_exit_2() {
    // Each message below is one line: counted, not assumed.
    let folder = tempfile::tempdir().expect("temp dir");
    let broken = folder.path().join("broken.ron");
    std::fs::write(
        &broken,
        "(\n  apis: [ (name: \"x\", usd_per_million_input: -1.0) ],\n)\n",
    )
    .expect("write");
    let garbled = folder.path().join("garbled.ron");
    std::fs::write(
        &garbled,
        "(\n  title: \"x\"\n  hours_per_month: 730.0,\n)\n",
    )
    .expect("write");
    let cases: [(&[&str], &str); 5] = [
        (
            &["report", "--preset", "nope"],
            "there is no preset named \"nope\"",
        ),
        (
            &["report", "/no/such/file.ron"],
            "cannot open /no/such/file.ron: no such file or folder",
        ),
        (
            &["report", path_arg(&broken)],
            "broken.ron: apis[0].usd_per_million_input: must be between 0 and 10000",
        ),
        (&["report", path_arg(&garbled), "--json"], "garbled.ron:3:"),
        (
            &[
                "report",
                "--preset",
                "sonnet-vs-rtx4090",
                "--volume",
                "lots",
            ],
            "cannot read \"lots\" as a token volume",
        ),
    ];
    for (args, expected) in cases {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let message = stderr(&output);
        assert!(message.contains(expected), "{args:?}: {message}");
        let lines = message.lines().count();
        // clap adds a "For more information, try '--help'." line to argument errors.
        let allowed = if args.contains(&"--volume") { 3 } else { 1 };
        assert!(lines <= allowed, "{args:?}: {lines} lines: {message}");
        assert!(!message.contains("panicked"), "{message}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn export_writes_png_svg_csv_and_json() {
    let folder = tempfile::tempdir().expect("temp dir");
    let png = folder.path().join("chart.png");
    let svg = folder.path().join("chart.svg");
    let csv = folder.path().join("curves.csv");
    let json = folder.path().join("report.json");
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--png",
        path_arg(&png),
        "--svg",
        path_arg(&svg),
        "--csv",
        path_arg(&csv),
        "--json",
        path_arg(&json),
        "--width",
        "1200",
        "--height",
        "700",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));

    // PNG: the requested size, not blank, with both curve colours of the light theme.
    let image = image::open(&png).expect("valid PNG").to_rgba8();
    assert_eq!((image.width(), image.height()), (1200, 700));
    let colours: std::collections::HashSet<[u8; 3]> =
        image.pixels().map(|p| [p.0[0], p.0[1], p.0[2]]).collect();
    assert!(colours.len() > 50, "only {} colours", colours.len());
    assert!(colours.contains(&[37, 99, 235]), "GPT-4o blue missing");
    // The whole curve, across the chart (beside the tornado): a view that lagged a pass
    // once drew only a stub at the left edge, which still had the colour (77 pixels).
    let blue = image.pixels().filter(|p| p.0[..3] == [37, 99, 235]).count();
    assert!(blue > 1_200, "only {blue} pixels of the API curve");
    assert!(
        colours.contains(&[234, 88, 12]),
        "self-hosted orange missing"
    );

    // SVG: well-formed XML with the crossover label and the verdict as real text.
    let svg_text = std::fs::read_to_string(&svg).expect("svg");
    let document = roxmltree::Document::parse(&svg_text).expect("valid XML");
    let texts: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .filter_map(|node| node.text())
        .collect();
    assert!(
        texts.contains(&"Llama 3.1 70B wins above 157M tok/mo"),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("At 100M tokens/month the API (GPT-4o) is cheaper"))
    );
    assert_eq!(document.root_element().attribute("width"), Some("1200"));

    // CSV: the engine's costs at every sampled volume, in whole tokens and cents, and the
    // server's band over its throughput's range beside its cost.
    let scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    let options = priced_options(&scenario);
    let model = llm_cost_explorer::engine::prepare(&scenario);
    let csv_text = std::fs::read_to_string(&csv).expect("csv");
    let mut lines = csv_text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "tokens_per_month,GPT-4o (USD/month),Llama 3.1 70B on a dedicated A100 (USD/month),\
             Llama 3.1 70B on a dedicated A100 low (USD/month),\
             Llama 3.1 70B on a dedicated A100 high (USD/month)"
        )
    );
    let close = |engine: f64, value: f64| (engine - value).abs() <= 0.005 + 1e-9 * engine;
    let mut rows = 0;
    for line in lines {
        let values: Vec<f64> = line
            .split(',')
            .map(|v| v.parse().expect("number"))
            .collect();
        for (option, value) in options.iter().zip(&values[1..3]) {
            let engine = option.staircase.expect("serves").cost(values[0]);
            assert!(close(engine, *value), "{line}");
        }
        let (low, high) = model.options()[1].cost_band(values[0]).expect("serves");
        assert!(close(low, values[3]) && close(high, values[4]), "{line}");
        assert!(values[3] <= values[2] && values[2] <= values[4], "{line}");
        rows += 1;
    }
    assert_eq!(rows, llm_cost_explorer::export::CSV_ROWS);
    let breakdown =
        std::fs::read_to_string(folder.path().join("curves-breakdown.csv")).expect("breakdown");
    // $550 a month, 12 × 550 = $6,600 a year, $5.50 per 1M at 100M tokens.
    let row = "Llama 3.1 70B on a dedicated A100,self-hosted,550.00,6600.00,5.5000,1,";
    assert!(breakdown.contains(row), "{breakdown}");

    // JSON: the same as `report --json`.
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json")).expect("JSON");
    let printed: serde_json::Value = serde_json::from_slice(
        &run(&["report", "--preset", "gpt4o-vs-dedicated-server", "--json"]).stdout,
    )
    .expect("JSON");
    assert_eq!(exported, printed);
    let report = evaluate(&scenario);
    assert_eq!(
        exported["crossovers"].as_array().map(Vec::len),
        Some(report.crossovers.len())
    );
}

#[test]
fn export_refuses_a_folder_that_does_not_exist() {
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--svg",
        "/no/such/folder/chart.svg",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("could not write /no/such/folder/chart.svg"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn export_without_an_output_says_what_to_give() {
    let output = run(&["export", "--preset", "gpt4o-vs-dedicated-server"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("give at least one of --png, --svg, --pdf, --csv or --json"));
}

#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_keeps_the_previous_file() {
    // /proc/version is a regular file whose folder refuses new files, even to root:
    // the export renders, then its write itself fails, after the preset has loaded.
    let target = "/proc/version";
    let before = std::fs::read_to_string(target).expect("readable");
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--json",
        target,
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: could not write /proc/version: "),
        "{message}"
    );
    assert!(
        message.contains("any previous file there is unchanged"),
        "{message}"
    );
    assert!(!message.contains("os error"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(std::fs::read_to_string(target).expect("readable"), before);
}

#[test]
fn two_outputs_naming_one_file_are_refused_before_anything_is_written() {
    let folder = tempfile::tempdir().expect("temp dir");
    let shared = folder.path().join("out.json");
    let dotted = folder.path().join(".").join("out.json");
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--svg",
        path_arg(&shared),
        "--json",
        path_arg(&dotted),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--svg and --json both write"),
        "{}",
        stderr(&output)
    );
    assert!(!shared.exists());
}

#[test]
fn no_output_may_replace_an_input_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let scenario = folder.path().join("s.ron");
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/sonnet-vs-rtx4090.ron"),
    )
    .expect("preset file");
    std::fs::write(&scenario, &text).expect("write");
    let link = folder.path().join("link.ron");
    std::os::unix::fs::symlink(&scenario, &link).expect("symlink");
    let side = folder.path().join("x-breakdown.csv");
    std::fs::copy(&scenario, &side).expect("copy");
    let dotted = folder.path().join(".").join("s.ron");
    let cases: [(&Path, &str, &Path, &str); 5] = [
        (&scenario, "--json", &scenario, "--json"),
        (&scenario, "--svg", &dotted, "--svg"),
        (&scenario, "--csv", &scenario, "--csv"),
        (&scenario, "--json", &link, "--json"),
        (
            &side,
            "--csv",
            &folder.path().join("x.csv"),
            "--csv (its breakdown)",
        ),
    ];
    for (input, flag, output_path, named) in cases {
        let before = std::fs::read(input).expect("input");
        let output = run(&["export", path_arg(input), flag, path_arg(output_path)]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{flag} {}",
            output_path.display()
        );
        let message = stderr(&output);
        assert!(
            message.starts_with(&format!("error: {named} would write "))
                && message.contains("which is the scenario file")
                && message.contains("nothing was written"),
            "{message}"
        );
        assert_eq!(std::fs::read(input).expect("input"), before, "{message}");
    }
    // The --volumes file is an input too.
    let volumes = folder.path().join("volumes.txt");
    std::fs::write(&volumes, "50M\n60M\n").expect("write");
    let output = run(&[
        "export",
        "--preset",
        "sonnet-vs-rtx4090",
        "--volumes",
        path_arg(&volumes),
        "--json",
        path_arg(&volumes),
    ]);
    assert!(
        stderr(&output).contains("which is the --volumes file"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(&volumes).expect("kept"),
        "50M\n60M\n"
    );
}

#[test]
fn an_export_writes_every_file_or_none() {
    // The CSV cannot be written (/proc refuses new files, even to root), so the JSON,
    // drawn and ready first, is not written either, and its old content stays.
    let folder = tempfile::tempdir().expect("temp dir");
    let json = folder.path().join("report.json");
    std::fs::write(&json, "old").expect("write");
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--json",
        path_arg(&json),
        "--csv",
        "/proc/curves.csv",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.starts_with("error: could not write /proc/curves.csv: ")
            && message.contains("none of the 5 files was written"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&json).expect("kept"), "old");
    assert_eq!(
        std::fs::read_dir(folder.path()).expect("list").count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn one_number_grammar_on_the_command_line() {
    for (args, why) in [
        (
            vec![
                "report",
                "--preset",
                "sonnet-vs-rtx4090",
                "--growth",
                "1,5%",
            ],
            "a comma only groups thousands",
        ),
        (
            vec![
                "prices", "add", "--name", "x", "--input", "1,5", "--output", "2",
            ],
            "a comma only groups thousands",
        ),
        (
            vec![
                "fit",
                "--memory-gb",
                "1e-308",
                "--bandwidth",
                "100",
                "--model",
                "Llama 3.1 8B",
            ],
            "\"1e-308\" is outside 0.1 to 1000000",
        ),
        (
            vec![
                "fit",
                "--memory-gb",
                "80",
                "--bandwidth",
                "1e-300",
                "--model",
                "Llama 3.1 8B",
            ],
            "\"1e-300\" is outside 0.001 to 1e7",
        ),
        (
            vec![
                "prices",
                "add",
                "--name",
                "gpt\u{202e}4o",
                "--input",
                "1",
                "--output",
                "2",
            ],
            "invisible formatting characters",
        ),
        (
            vec![
                "prices", "add", "--name", "free", "--input", "0", "--output", "0",
            ],
            "both $0",
        ),
    ] {
        let data = tempfile::tempdir().expect("temp folder");
        let output = run_in(data.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(why),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(
            !data.path().join("prices.json").exists(),
            "{args:?} stored nothing"
        );
    }
    // A comma before three digits groups them, as everywhere.
    let output = run(&[
        "report",
        "--preset",
        "sonnet-vs-rtx4090",
        "--volume",
        "1,500M",
    ]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1.50B"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_successful_export_prints_nothing_on_stderr_even_without_a_runtime_folder() {
    let folder = tempfile::tempdir().expect("temp dir");
    let png = folder.path().join("chart.png");
    let output = Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .args([
            "export",
            "--preset",
            "sonnet-vs-rtx4090",
            "--png",
            path_arg(&png),
        ])
        .env_remove("XDG_RUNTIME_DIR")
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    assert!(png.exists());
}

fn run_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .env("LLM_COST_EXPLORER_DATA_DIR", data)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn success_stdout(output: &Output) -> String {
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
    let imported = success_stdout(&run_in(data.path(), &["prices", "import", &fixture()]));
    assert!(
        imported.starts_with("Imported 8 models, skipped 5 ("),
        "{imported}"
    );
    assert!(imported.contains("left out 2 that are not chat or completion models"));
    assert!(
        data.path().join("prices.json").exists(),
        "stored in the data folder"
    );
    // A later run (a restart) reads it back.
    let listed = success_stdout(&run_in(
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
    let added = success_stdout(&run_in(
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
    let json = success_stdout(&run_in(
        data.path(),
        &["prices", "list", "--search", "our contract", "--json"],
    ));
    let entries: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(entries[0]["origin"], "custom");
    assert_eq!(entries[0]["input"], 2.4);
    let removed = success_stdout(&run_in(
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
    success_stdout(&run_in(data.path(), &["prices", "import", &fixture()]));
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

/// Paged attention's count beside the worst case, and the largest batch within a time
/// between tokens. Hand-checked: Llama 3.1 8B FP16 on an A100 at 8,192 tokens, 2,048 of
/// them output: 60.06 GB beside the weights hold 63 requests of 7,168 tokens on average
/// (55 at the whole context); a step of b requests reads 16.06 + 1.0737 · b GB at 2,039 ×
/// 60% GB/s (the calibrated share for data-centre GPUs with HBM), so 50 ms allows 16.06 +
/// 1.0737 · b ≤ 61.17: 42 requests. The step's arithmetic is printed part by part.
#[test]
fn fit_counts_requests_as_paged_attention_holds_them_and_the_batch_a_latency_allows() {
    let data = tempfile::tempdir().expect("temp folder");
    let args = [
        "fit",
        "--hardware",
        "A100 80GB",
        "--model",
        "Llama 3.1 8B",
        "--context",
        "8192",
        "--output",
        "2048",
        "--itl-ms",
        "50",
    ];
    let text = success_stdout(&run_in(data.path(), &args));
    assert!(
        text.contains("on average): 63; 55 is the worst case"),
        "{text}"
    );
    assert!(
        text.contains(
            "Within 50 ms between tokens and 2 s to the first token: up to 42 requests (one \
             copy)"
        ),
        "{text}"
    );
    // 16 requests: 16.06 + 16 · 1.073741824 = 33.24 GB at 1,223.4 GB/s = 27.17 ms.
    assert!(
        text.contains(
            "one step, one copy with 16 requests a copy: reads 33.2 GB at 60% of 2,039 GB/s = \
             27.17 ms"
        ),
        "{text}"
    );
    let mut json_args = args.to_vec();
    json_args.push("--json");
    let fit: serde_json::Value =
        serde_json::from_str(&success_stdout(&run_in(data.path(), &json_args))).expect("JSON");
    assert_eq!(fit["paged_concurrency"], 63);
    assert_eq!(fit["within_target"]["batch"], 42);
    // A first token within 0.72 s: the 6,144-token prompt takes 6,144 / (312 TFLOPS · 45% /
    // 16.06 GFLOPs) = 0.7028 s to read, leaving 17.2 ms for the running step: 16.06 +
    // 1.0737 · b ≤ 1,223.4 · 0.0172 = 21.04 GB gives 4 requests, and the first token then
    // comes after 16.64 ms + 0.7028 s = 0.72 s.
    let mut tight = json_args.clone();
    tight.extend(["--ttft-s", "0.72"]);
    let fit: serde_json::Value =
        serde_json::from_str(&success_stdout(&run_in(data.path(), &tight))).expect("JSON");
    assert_eq!(fit["within_target"]["batch"], 4);
    let wait = fit["first_token_at_target_seconds"]
        .as_f64()
        .expect("a wait");
    assert!((wait - 0.7194).abs() < 1e-3, "{wait}");
    let batches: Vec<u64> = fit["by_batch"]
        .as_array()
        .expect("the curve")
        .iter()
        .map(|point| point["batch"].as_u64().expect("a batch"))
        .collect();
    assert_eq!(batches, [1, 2, 4, 8, 16, 32, 55]);
}

#[test]
fn fit_says_what_a_model_needs_and_what_would_hold_it() {
    let data = tempfile::tempdir().expect("temp folder");
    let text = success_stdout(&run_in(
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
    // 141.1 GB of weights + 42.9 GB of KV cache + 2 GB of runtime and 0.37 GB of a prefill
    // chunk's activations, against 90% of 160 GiB (sizing's tests check each figure).
    assert!(
        text.contains("= 186.4 GB; 154.6 GB usable of the node's 160 GiB: does not fit"),
        "{text}"
    );
    assert!(
        text.contains(
            "needs 186 GB, 155 GB usable: the smallest listed node that fits is 8x H100 80GB \
             (640 GB); or 4 GPUs like this node's (80 GB each, the model split 4 ways)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Most requests of 8,192 tokens that fit: 4"),
        "{text}"
    );
    // Two GPUs: one copy each does not fit; one copy split across both holds 4 requests.
    assert!(
        text.contains(
            "  two copies, one per GPU: does not fit\n  one copy split 2 ways: 4 requests a copy"
        ),
        "{text}"
    );
    let json = success_stdout(&run_in(
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
    // FP8 keeps the embeddings and output layer (2 · 128,256 · 8,192 parameters) at 2 bytes.
    let weights = fit["memory"]["weights_gb"].as_f64().expect("a number");
    // 70.55 − 2.101346304 at 1 byte + 2.101346304 · 2 = 72.651346304 GB.
    assert!((weights - 72.651_346_304).abs() < 1e-9, "{weights}");
    assert_eq!(fit["throughput"]["published"]["tokens_per_second"], 209.0);
    let custom = success_stdout(&run_in(
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

#[test]
fn report_in_another_currency_converts_the_words_and_keeps_the_json_in_dollars() {
    let output = run(&[
        "report",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--currency",
        "EUR=0.5",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    // GPT-4o's $350.00 a month at 0.5 euros per dollar.
    assert!(text.contains("€175.00"), "{text}");
    assert!(
        text.contains("Amounts in EUR (€) at 0.5 per US dollar"),
        "{text}"
    );
    let value = common::json::report("gpt4o-vs-dedicated-server", &["--currency", "EUR=0.5"]);
    assert_eq!(value["options"][0]["monthly_cost_usd"], 350.0);
    assert_eq!(value["currency"]["code"], "EUR");
    assert_eq!(value["currency"]["per_usd"], 0.5);
    let refused = run(&[
        "report",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--currency",
        "USD=2",
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("US dollars are shown at 1 per US dollar"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_usage_export_fills_a_scenario_written_to_a_new_file_only() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/engine/tests/fixtures/usage");
    let usage = fixtures.join("anthropic-usage.json").display().to_string();
    let costs = fixtures.join("anthropic-cost.json").display().to_string();
    let folder = tempfile::tempdir().expect("temp folder");
    let out = folder.path().join("from-usage.ron");
    let out_text = out.display().to_string();
    let args = [
        "usage",
        "--export",
        usage.as_str(),
        "--export",
        costs.as_str(),
        "--preset",
        "sonnet-vs-rented-a100",
        "--out",
        out_text.as_str(),
    ];
    let printed = success_stdout(&run_in(folder.path(), &args));
    assert!(
        printed.contains("volume (2026-11): 125M tokens a month"),
        "{printed}"
    );
    assert!(
        printed.contains("billed, as the export says: $525.50"),
        "{printed}"
    );
    let written = llm_cost_explorer::scenario::file::load(&out).expect("a valid scenario");
    assert_eq!(written.timeline.volumes, vec![125e6]);
    // A second run never replaces the file.
    let refused = run_in(folder.path(), &args);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("the file exists and is kept"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    // A broken export names its line and column.
    let broken = folder.path().join("broken.json");
    std::fs::write(&broken, "{\"data\": [ }").expect("written");
    let broken_text = broken.display().to_string();
    let failed = run_in(
        folder.path(),
        &[
            "usage",
            "--export",
            broken_text.as_str(),
            "--preset",
            "sonnet-vs-rented-a100",
        ],
    );
    assert_eq!(failed.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&failed.stderr).contains("broken.json: line 1, column 12"),
        "{}",
        String::from_utf8_lossy(&failed.stderr)
    );
}

#[test]
fn prices_check_says_what_changed_in_the_catalogue_since_a_scenario_took_its_prices() {
    let data = tempfile::tempdir().expect("temp folder");
    // A catalogue whose gpt-4o went from $2.50 to $2.00 input on 2026-12-01.
    std::fs::write(
        data.path().join("prices.json"),
        r#"{"version": 1, "entries": [{"name": "gpt-4o", "provider": "openai", "input": 2.0,
            "cached_input": 1.25, "output": 10.0, "batch_input": null, "batch_output": null,
            "max_input_tokens": null, "long_context": [],
            "origin": {"imported": {"file": "model_prices.json"}}, "as_of": "2026-12-01",
            "history": [{"from": "2026-10-01", "until": "2026-12-01", "input": 2.5,
                         "cached_input": 1.25, "output": 10.0}]}]}"#,
    )
    .expect("written");
    let preset =
        llm_cost_explorer::scenario::presets::load("gpt4o-vs-dedicated-server").expect("preset");
    let mut scenario = preset.clone();
    scenario.apis[0].prices_from = Some(llm_cost_explorer::scenario::PricesFrom {
        entry: "gpt-4o".to_owned(),
        provider: "openai".to_owned(),
        as_of: "2026-10-01".to_owned(),
        input: 2.5,
        cached_input: Some(1.25),
        output: 10.0,
    });
    let file = data.path().join("picked.ron");
    llm_cost_explorer::scenario::file::save(&scenario, &file).expect("saved");
    let file_text = file.display().to_string();
    let printed = success_stdout(&run_in(data.path(), &["prices", "check", &file_text]));
    assert_eq!(
        printed,
        "Prices changed since this scenario's (2026-10-01): GPT-4o input $2.50, now $2.00; \
         catalogue of 2026-12-01\n"
    );
    let typed = success_stdout(&run_in(
        data.path(),
        &["prices", "check", "--preset", "gpt4o-vs-dedicated-server"],
    ));
    assert!(typed.contains("GPT-4o: prices typed in"), "{typed}");
    // An entry gone from the catalogue is said to be gone, not unchanged.
    scenario.apis[0]
        .prices_from
        .as_mut()
        .expect("recorded")
        .entry = "retired-model".to_owned();
    llm_cost_explorer::scenario::file::save(&scenario, &file).expect("saved");
    let gone = success_stdout(&run_in(data.path(), &["prices", "check", &file_text]));
    assert!(
        gone.contains("the catalogue no longer lists retired-model (openai)"),
        "{gone}"
    );
}
