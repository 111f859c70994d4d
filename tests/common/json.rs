//! The real binary's `report --json` for a preset, and the readers the JSON tests share.

use std::process::Command;

use serde_json::Value;

/// The JSON report of `preset`, with `extra` arguments after `--json`.
pub(crate) fn report(preset: &str, extra: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .args(["report", "--preset", preset, "--json"])
        .args(extra)
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{preset}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

/// The option called `name` in the report.
pub(crate) fn option<'a>(report: &'a Value, name: &str) -> &'a Value {
    report["options"]
        .as_array()
        .expect("options")
        .iter()
        .find(|o| o["name"] == name)
        .unwrap_or_else(|| panic!("no option {name}"))
}

/// A JSON number, or a failed test naming what it was instead.
pub(crate) fn number(value: &Value) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"))
}

/// `got` within `tolerance` of `want`.
pub(crate) fn assert_close(got: f64, want: f64, tolerance: f64, what: &str) {
    assert!(
        (got - want).abs() <= tolerance,
        "{what}: got {got}, want {want} ± {tolerance}"
    );
}

/// Every crossover's volume, in the report's order.
pub(crate) fn crossover_volumes(report: &Value) -> Vec<f64> {
    report["crossovers"]
        .as_array()
        .expect("crossovers")
        .iter()
        .map(|c| number(&c["volume_tokens_per_month"]))
        .collect()
}
