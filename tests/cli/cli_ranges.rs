//! Ranges through the command line: the JSON contract (bands, crossover intervals, the
//! tornado) and the text report, with and without ranges, and "possibly never" as null.

use crate::common;
use common::{path_arg, run, stderr};

#[test]
fn report_json_carries_bands_intervals_and_the_tornado() {
    let output = run(&["report", "--preset", "70b-full-stack-2xa100", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let own = &json["options"][1];
    assert_eq!(own["monthly_cost_usd"], 13_225.0);
    assert_eq!(own["monthly_cost_low_usd"], 10_100.0);
    let high = own["monthly_cost_high_usd"].as_f64().expect("high");
    assert!((high - (200_000.0 / 12.0 + 1_000.0 + 5_040.0)).abs() < 1e-6);
    let interval = &json["crossover_intervals"][0];
    assert_eq!(interval["api"], "GPT-4o");
    assert_eq!(interval["self_hosted"], "Llama 3.1 70B on 2x A100");
    for spread in ["first_win", "wins_for_good"] {
        let (low, value, high) = (
            interval[spread]["low"].as_f64().expect("low"),
            interval[spread]["value"].as_f64().expect("value"),
            interval[spread]["high"].as_f64().expect("high"),
        );
        assert!(low < value && value < high, "{spread}: {interval}");
    }
    let bars = json["sensitivity"].as_array().expect("sensitivity");
    assert_eq!(bars.len(), 5);
    let rent = &bars[0];
    assert_eq!(rent["input"], "rent per month");
    assert_eq!(
        (rent["low"].as_f64(), rent["high"].as_f64()),
        (Some(3_600.0), Some(5_040.0))
    );
    for key in [
        "wins_for_good_at_low",
        "wins_for_good_at_high",
        "saving_at_low_usd",
        "saving_at_high_usd",
    ] {
        assert!(rent[key].is_number(), "{key}: {rent}");
    }
    // The text report says the same.
    let text = run(&["report", "--preset", "70b-full-stack-2xa100"]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(
        text.contains("wins for good from 3.95B to 59.3B (6.31B at the values)"),
        "{text}"
    );
    assert!(text.contains("rent per month   $3,600 to $5,040"), "{text}");
}

#[test]
fn without_ranges_low_and_high_are_the_value_and_an_open_end_is_null() {
    let output = run(&["report", "--preset", "agent-fleet-mac-studio", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    for option in json["options"].as_array().expect("options") {
        assert_eq!(option["monthly_cost_low_usd"], option["monthly_cost_usd"]);
        assert_eq!(option["monthly_cost_high_usd"], option["monthly_cost_usd"]);
    }
    let interval = &json["crossover_intervals"][0]["wins_for_good"];
    assert_eq!(interval["low"], interval["value"]);
    assert_eq!(interval["high"], interval["value"]);
    assert_eq!(json["sensitivity"], serde_json::json!([]));

    // A rent that at its high never lets self-hosting catch up: "possibly never" is null.
    let folder = tempfile::tempdir().expect("temp dir");
    let file = folder.path().join("dear.ron");
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/70b-full-stack-2xa100.ron"),
    )
    .expect("preset")
    .replace(
        "MonthlyRent: (low: 3600.0, high: 5040.0)",
        "MonthlyRent: (low: 3600.0, high: 7000.0)",
    );
    std::fs::write(&file, text).expect("write");
    let output = run(&["report", path_arg(&file), "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let spread = &json["crossover_intervals"][0]["wins_for_good"];
    assert!(spread["value"].is_number());
    assert!(spread["high"].is_null(), "{spread}");
    let text = run(&["report", path_arg(&file)]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    assert!(text.contains("possibly never"), "{text}");
}
