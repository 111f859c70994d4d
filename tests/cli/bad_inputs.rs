//! Every bad input is refused with a message naming what and where, never answered.
//!
//! `tests/data/bad/` holds scenario files that are wrong in one way each (syntax,
//! unknown fields inside enum variants, values out of their plausible range, derived
//! totals that overflow, control characters in names); `expected.json` holds the exact
//! message for each. Both the loader and the real binary must give it, with exit 2.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use llm_cost_explorer::scenario::file;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad")
}

fn expected_messages() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(corpus().join("expected.json")).expect("manifest");
    serde_json::from_str(&text).expect("manifest is JSON")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_corpus_is_large_and_every_file_has_its_message() {
    let expected = expected_messages();
    let files: Vec<String> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.ends_with(".ron"))
        .collect();
    assert!(files.len() >= 60, "only {} bad inputs", files.len());
    for name in &files {
        assert!(
            expected.contains_key(name),
            "{name} has no expected message"
        );
    }
    assert_eq!(
        files.len(),
        expected.len(),
        "the manifest names missing files"
    );
}

#[test]
fn the_loader_refuses_each_bad_file_with_its_message() {
    for (name, message) in expected_messages() {
        let path = corpus().join(&name);
        let error = file::load(&path).expect_err(&name);
        let wanted = message.replace("{file}", &path.display().to_string());
        assert_eq!(error.to_string(), wanted, "{name}");
    }
}

#[test]
fn the_binary_refuses_each_bad_file_with_exit_2_and_one_message() {
    for (name, message) in expected_messages() {
        let output = Command::new(env!("CARGO_BIN_EXE_llm-cost-explorer"))
            .current_dir(corpus())
            .args(["report", &name])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{name}");
        assert!(output.stdout.is_empty(), "{name} printed a report");
        let wanted = format!("error: {}\n", message.replace("{file}", &name));
        assert_eq!(stderr(&output), wanted, "{name}");
        // One line, or a header and one line per field to fix.
        let lines = wanted.lines().count();
        let listed = wanted
            .lines()
            .filter(|line| line.starts_with("  - "))
            .count();
        assert_eq!(lines, 1 + listed, "{name}: {wanted}");
        if listed > 0 {
            assert!(
                wanted.contains(&format!("{listed} values need fixing:")),
                "{name}"
            );
        }
        // Every message says where: a line and column, a field, or the file itself.
        let first = wanted.lines().next().unwrap_or_default();
        let located = first.contains(&format!("{name}:"))
            && (first.contains('[') || first.contains('.') || first.contains(':'));
        assert!(located, "{name}: {first}");
    }
}

#[cfg(unix)]
#[test]
fn devices_pipes_and_folders_are_refused_at_once() {
    let folder = tempfile::tempdir().expect("temp dir");
    let pipe = folder.path().join("pipe.ron");
    let made = Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let cases = [
        ("/dev/zero".to_owned(), "it is a device, not a regular file"),
        (
            pipe.display().to_string(),
            "it is a named pipe, not a regular file",
        ),
        (
            folder.path().display().to_string(),
            "it is a folder, not a regular file",
        ),
    ];
    for (path, reason) in cases {
        // Reading a FIFO with no writer would block forever: the test would hang.
        let output = run(&["report", &path]);
        assert_eq!(output.status.code(), Some(2), "{path}");
        assert_eq!(
            stderr(&output),
            format!("error: cannot open {path}: {reason}\n")
        );
    }
}

#[test]
fn a_file_over_16_mb_is_refused_without_reading_it() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(17 * 1024 * 1024).expect("sparse file");
    let output = run(&["report", path.to_str().expect("utf-8")]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: cannot open {}: it is 17 MB; at most 16 MB is read\n",
            path.display()
        )
    );
}

#[test]
fn a_volume_outside_the_model_is_refused_by_the_command_line() {
    for volume in ["--volume=2e15", "--volume=-5M"] {
        let output = run(&["report", "--preset", "sonnet-vs-rtx4090", volume]);
        assert_eq!(output.status.code(), Some(2), "{volume}");
        assert!(output.stdout.is_empty());
        let message = stderr(&output);
        assert!(message.contains("--volume"), "{message}");
        assert!(!message.contains("panicked"), "{message}");
    }
    let output = run(&[
        "report",
        "--preset",
        "sonnet-vs-rtx4090",
        "--volume",
        "2e15",
    ]);
    assert_eq!(
        stderr(&output),
        "error: invalid value '2e15' for '--volume <TOKENS>': \"2e15\" tokens/month is above \
         the most this tool models, 1e15 (it is 2e15)\n\nFor more information, try '--help'.\n"
    );
    // What was typed is repeated, with every digit it takes to differ from the limit.
    let just_past = run(&[
        "report",
        "--preset",
        "sonnet-vs-rtx4090",
        "--volume",
        "1.0000001e15",
    ]);
    assert!(
        stderr(&just_past).contains("\"1.0000001e15\" tokens/month is above the most this tool models, 1e15 (it is 1.0000001e15)"),
        "{}",
        stderr(&just_past)
    );
    for (typed, why) in [
        ("NaN", "it is not a number"),
        ("1,5M", "a comma only groups thousands"),
        ("0,5B", "a comma only groups thousands"),
    ] {
        let output = run(&["report", "--preset", "sonnet-vs-rtx4090", "--volume", typed]);
        assert_eq!(output.status.code(), Some(2), "{typed}");
        assert!(
            stderr(&output).contains(why),
            "{typed}: {}",
            stderr(&output)
        );
        assert!(!stderr(&output).contains("too large"), "{typed}");
    }
    // A volume far below a token a month is still a volume: answered, every number
    // written out (the volume as such, not "0"; a tiny cost as "<$0.0001").
    let output = run(&[
        "report",
        "--preset",
        "sonnet-vs-rtx4090",
        "--volume",
        "1e-200",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("Volume: 1.0e-200 tokens/month"), "{text}");
    assert!(text.contains("<$0.0001"), "{text}");
}

#[test]
fn the_largest_volume_gives_a_clean_report_for_every_preset() {
    for preset in llm_cost_explorer::scenario::presets::PRESETS {
        for volume in ["0", "1e15"] {
            let output = run(&["report", "--preset", preset.name, "--volume", volume]);
            assert!(
                output.status.success(),
                "{} at {volume}: {}",
                preset.name,
                stderr(&output)
            );
            let text = String::from_utf8_lossy(&output.stdout);
            let words: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ';')
                .collect();
            for bad in ["NaN", "inf", "-inf", "inf%", "n/a", "18446744073709551615"] {
                assert!(
                    !words.contains(&bad),
                    "{} at {volume}: {bad} in\n{text}",
                    preset.name
                );
            }
        }
    }
}
