//! `report --months --growth --volumes`: the timeline in the JSON contract and the text
//! report, and its options refused in plain words.

use crate::common;

use common::json::{assert_close, number, report};
use common::{run, stderr};

#[test]
fn the_json_timeline_follows_the_contract() {
    let json = report(
        "gpt4o-vs-dedicated-server",
        &["--months", "36", "--growth", "15%"],
    );
    let timeline = &json["timeline"];
    assert_eq!(timeline["months"], 36);
    assert_close(number(&timeline["growth_per_month"]), 0.15, 1e-12, "growth");
    let rows = timeline["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 36);
    assert_eq!(rows[0]["month"], 1);
    assert_close(number(&rows[1]["tokens"]), 115e6, 1e-3, "month 2 volume");
    let first = &rows[0]["costs"][0];
    assert_eq!(first["option"], "GPT-4o");
    assert_close(number(&first["monthly_usd"]), 350.0, 1e-9, "GPT-4o month 1");
    assert_close(number(&first["cumulative_usd"]), 350.0, 1e-9, "cumulative");
    let last = &rows[35]["costs"][1];
    assert_close(
        number(&last["cumulative_usd"]),
        66_300.0,
        1e-6,
        "servers total",
    );
    let even = &timeline["break_even"][0];
    assert_eq!(even["api"], "GPT-4o");
    assert_eq!(even["month"], 7);
    let switch = &timeline["best_switch"][0];
    assert_eq!(switch["month"], 5);
    assert_close(number(&switch["total_usd"]), 65_847.681_25, 1e-6, "total");
    assert_close(number(&switch["saving_usd"]), 289_173.31, 0.01, "saving");
    // The same growth written as a share gives the same timeline.
    let share = report("gpt4o-vs-dedicated-server", &["--growth", "0.15"]);
    assert_eq!(share["timeline"], json["timeline"]);
}

#[test]
fn never_switching_is_null_with_no_saving() {
    let json = report("gpt5-nano-vs-rtx4060ti", &["--months", "36"]);
    let switch = &json["timeline"]["best_switch"][0];
    assert!(switch["month"].is_null(), "{switch}");
    assert_eq!(number(&switch["saving_usd"]), 0.0);
    assert!(json["timeline"]["break_even"][0]["month"].is_null());
}

#[test]
fn without_timeline_options_the_report_has_no_timeline() {
    let json = report("gpt4o-vs-dedicated-server", &[]);
    assert!(json.get("timeline").is_none());
}

#[test]
fn the_text_report_prints_years_and_the_switch() {
    let output = run(&[
        "report",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--growth",
        "15%",
    ]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        text.contains("Over 36 months (15% growth a month)"),
        "{text}"
    );
    assert!(text.contains("13–24"), "{text}");
    assert!(text.contains("Total   $355,021"), "{text}");
    assert!(
        text.contains(
            "Switching from GPT-4o to Llama 3.1 70B on a dedicated A100 in month 5 saves $289,173"
        ),
        "{text}"
    );
}

#[test]
fn monthly_volumes_come_from_a_usage_export() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("usage.csv");
    std::fs::write(&path, "month,tokens\n2026-01,100M\n2026-02,2B\n2026-03,0\n").expect("write");
    let json = report(
        "gpt4o-vs-dedicated-server",
        &["--volumes", path.to_str().expect("utf-8")],
    );
    let timeline = &json["timeline"];
    assert_eq!(timeline["months"], 3);
    assert_eq!(timeline["from_list"], true);
    assert_close(number(&timeline["rows"][1]["tokens"]), 2e9, 1e-6, "month 2");
}

#[test]
fn bad_timeline_options_are_refused_in_words() {
    let cases: [(&[&str], &str); 5] = [
        (&["--growth", "15"], "write a percentage with %"),
        (&["--growth", "1"], "would be 100% a month"),
        (
            &["--growth", "300%"],
            "outside what this tool models (-50% to 100%)",
        ),
        (&["--growth", "fast"], "is not a growth rate"),
        (&["--months", "0"], "0 is not in 1..=120"),
    ];
    for (extra, expected) in cases {
        let mut args = vec!["report", "--preset", "gpt4o-vs-dedicated-server"];
        args.extend_from_slice(extra);
        let output = run(&args);
        assert_eq!(output.status.code(), Some(2), "{extra:?}");
        assert!(
            stderr(&output).contains(expected),
            "{extra:?}: {}",
            stderr(&output)
        );
    }
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("usage.txt");
    std::fs::write(&path, "50M\n60 apples\n").expect("write");
    let output = run(&[
        "report",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--volumes",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("usage.txt, line 2: \"60 apples\" is not a volume"),
        "{message}"
    );
    std::fs::write(&path, "50M\n2e16\n").expect("write");
    let output = run(&[
        "report",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--volumes",
        path.to_str().expect("utf-8"),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("timeline.volumes[1]"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_timeline_exports_as_svg_png_and_csv() {
    let folder = tempfile::tempdir().expect("temp dir");
    let at = |name: &str| folder.path().join(name);
    let (svg, png, csv) = (at("t.svg"), at("t.png"), at("t.csv"));
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--growth",
        "15%",
        "--chart",
        "cumulative",
        "--svg",
        common::path_arg(&svg),
        "--png",
        common::path_arg(&png),
        "--csv",
        common::path_arg(&csv),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&svg).expect("svg");
    for words in [
        "Switch: month 5",
        "Breaks even in month 7",
        "Cash paid since month 1, USD",
        ">Month<",
        "Switching from GPT-4o to Llama 3.1 70B on a dedicated A100 in month 5 saves",
        "Timeline: 36 months, 100M tokens/month growing 15% a month",
    ] {
        assert!(text.contains(words), "{words} not in the SVG");
    }
    roxmltree::Document::parse(&text).expect("the SVG is well-formed XML");
    let image = std::fs::read(&png).expect("png");
    assert!(image.starts_with(b"\x89PNG"), "a PNG");
    let timeline = std::fs::read_to_string(at("t-timeline.csv")).expect("timeline csv");
    assert_eq!(timeline.lines().count(), 37);
    assert!(
        timeline
            .lines()
            .nth(1)
            .expect("month 1")
            .starts_with("1,100000000,350.00,350.00")
    );
}

#[test]
fn a_comparison_exports_with_the_pinned_scenario_dashed_and_compared() {
    let folder = tempfile::tempdir().expect("temp dir");
    let svg = folder.path().join("c.svg");
    let csv = folder.path().join("c.csv");
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--compare-with",
        "gpt4o-mini-classification",
        "--svg",
        common::path_arg(&svg),
        "--csv",
        common::path_arg(&csv),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&svg).expect("svg");
    assert!(
        text.contains("GPT-4o mini (pinned)"),
        "legend names the pinned curves"
    );
    // The caption is wrapped to the page and its quotes escaped.
    assert!(
        text.contains("Against pinned &quot;GPT-4o mini classification"),
        "the caption compares"
    );
    assert!(
        text.contains("18.3× pinned"),
        "the difference as a multiple"
    );
    let curves = std::fs::read_to_string(&csv).expect("csv");
    assert!(
        curves
            .lines()
            .next()
            .expect("header")
            .contains("GPT-4o mini (pinned) (USD/month)")
    );
    let output = run(&[
        "export",
        "--preset",
        "gpt4o-vs-dedicated-server",
        "--compare-with",
        "no-such-preset.ron",
        "--svg",
        common::path_arg(&svg),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no-such-preset.ron"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_scenario_file_may_set_its_own_timeline() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("growing.ron");
    std::fs::write(
        &path,
        r#"(
    title: "Growing",
    apis: [(name: "API", usd_per_million_input: 2.5, usd_per_million_output: 10.0)],
    deployments: [(name: "Node", compute: RentedMonthly(usd_per_month: 500.0),
                   throughput_tokens_per_second: 600.0, utilization: 0.6)],
    timeline: (months: 24, growth_per_month: 0.1),
)"#,
    )
    .expect("write");
    let output = run(&["report", common::path_arg(&path), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["timeline"]["months"], 24);
    assert_close(
        number(&json["timeline"]["growth_per_month"]),
        0.1,
        1e-12,
        "growth",
    );
    // The command line's options win over the file's.
    let output = run(&["report", common::path_arg(&path), "--json", "--months", "6"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(json["timeline"]["months"], 6);
}
