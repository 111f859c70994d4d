//! Exports for slides and reports: PNG and SVG charts, CSV data, JSON report.
//!
//! The app and the headless `export` command call the same functions. Every file is
//! written atomically (temporary file, then rename) so a failed export never leaves a
//! half-written file in place of an old one.

pub mod caption;
pub mod image;
pub mod svg;

use std::path::{Path, PathBuf};

use crate::app::chart::{ChartView, default_bounds};
use crate::app::theme::{Look, ThemeMode};
use crate::cli::{ExportArgs, ThemeChoice};
use crate::engine::{Report, evaluate, priced_options};
use crate::safe_io::{FileProblem, write_atomically};
use crate::scenario::Scenario;

/// Rows in the exported curve table.
pub const CSV_ROWS: usize = 256;

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Drawing the image failed.
    #[error("could not draw the chart: {0}")]
    Render(String),
    /// Writing the file failed.
    #[error("could not write {path}: {problem} (any previous file there is unchanged)")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why, in plain words.
        problem: FileProblem,
    },
}

/// Writes bytes atomically, naming the file in errors.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomically(path, bytes).map_err(|problem| ExportError::Write {
        path: path.to_owned(),
        problem,
    })
}

/// Today's date as YYYY-MM-DD (UTC), for captions.
pub fn today() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date((seconds / 86_400) as i64)
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The plotted curves as CSV: one row per volume, one column per option's monthly cost.
pub fn curves_csv(scenario: &Scenario, view: ChartView, report: &Report) -> String {
    let (min, max) = match view {
        ChartView::Fixed(min, max) => (min, max),
        _ => default_bounds(scenario, report),
    };
    let volumes =
        crate::engine::curve::log_spaced(10f64.powf(min[0]), 10f64.powf(max[0]), CSV_ROWS);
    let options = priced_options(scenario);
    let mut out = String::from("tokens_per_month");
    for option in &options {
        out.push(',');
        out.push_str(&csv_field(&format!("{} (USD/month)", option.name)));
    }
    out.push('\n');
    for volume in volumes {
        out.push_str(&format!("{volume}"));
        for option in &options {
            out.push(',');
            if let Some(stairs) = option.staircase {
                out.push_str(&format!("{}", stairs.cost(volume)));
            }
        }
        out.push('\n');
    }
    out
}

/// The cost breakdown at the report's volume as CSV: one row per option.
pub fn breakdown_csv(report: &Report) -> String {
    let mut out = String::from(
        "option,kind,monthly_cost_usd,usd_per_million_tokens,nodes,busy_share,compute_usd,electricity_usd,engineering_usd,infrastructure_usd,api_share_usd,payback_months\n",
    );
    let number = |value: Option<f64>| value.map(|v| v.to_string()).unwrap_or_default();
    for option in &report.options {
        let figures = option.self_hosted.as_ref();
        let layers = figures.map(|f| f.layers);
        let fields = [
            csv_field(&option.name),
            crate::report_text::kind_label(option.kind).to_owned(),
            number(option.monthly_cost_usd),
            number(option.usd_per_million_tokens),
            figures.map(|f| f.nodes.to_string()).unwrap_or_default(),
            number(figures.map(|f| f.busy_share)),
            number(layers.map(|l| l.compute)),
            number(layers.map(|l| l.electricity)),
            number(layers.map(|l| l.engineering)),
            number(layers.map(|l| l.infrastructure)),
            number(layers.and_then(|l| l.api)),
            number(figures.and_then(|f| f.payback_months)),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// Where the breakdown CSV goes: beside the curves CSV, `name-breakdown.csv`.
pub fn breakdown_path(curves_path: &Path) -> PathBuf {
    let stem = curves_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    curves_path.with_file_name(format!("{stem}-breakdown.csv"))
}

/// A CSV field, quoted when it holds a separator, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The report as the JSON `report --json` prints.
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
        + "\n"
}

/// Refuses two outputs of one command that name the same file (`--png a --svg a`, or a
/// `--json` where the CSV's breakdown goes): the second would silently replace the first.
fn refuse_shared_outputs(args: &ExportArgs) -> anyhow::Result<()> {
    let mut outputs: Vec<(&str, PathBuf)> = Vec::new();
    let named = [
        ("--png", &args.png),
        ("--svg", &args.svg),
        ("--csv", &args.csv),
        ("--json", &args.json),
    ];
    for (flag, path) in named {
        if let Some(path) = path {
            outputs.push((flag, path.clone()));
        }
    }
    if let Some(csv) = &args.csv {
        outputs.push(("--csv (its breakdown)", breakdown_path(csv)));
    }
    for (index, (flag, path)) in outputs.iter().enumerate() {
        if let Some((other, _)) = outputs[..index]
            .iter()
            .find(|(_, earlier)| crate::safe_io::same_file(earlier, path))
        {
            anyhow::bail!(
                "{other} and {flag} both write {}; give each output its own file",
                path.display()
            );
        }
    }
    Ok(())
}

/// Runs `llm-cost-explorer export`; returns the lines to print.
pub fn run_cli(args: &ExportArgs) -> anyhow::Result<String> {
    if args.png.is_none() && args.svg.is_none() && args.csv.is_none() && args.json.is_none() {
        anyhow::bail!("nothing to export: give at least one of --png, --svg, --csv or --json");
    }
    refuse_shared_outputs(args)?;
    let (scenario, name) = args.scenario.load_at(args.volume)?;
    let mut report = evaluate(&scenario);
    let look = Look {
        mode: match args.theme {
            ThemeChoice::Light => ThemeMode::Light,
            ThemeChoice::Dark => ThemeMode::Dark,
        },
        presentation: false,
    };
    let date = today();
    let mut written = Vec::new();
    if let Some(path) = &args.png {
        let image = image::render_quietly(&image::ImageRequest {
            scenario: scenario.clone(),
            look,
            view: ChartView::FollowScenario,
            width_px: args.width,
            height_px: args.height,
            pixels_per_point: (args.width as f32 / 1000.0).clamp(1.0, 3.0),
            date: date.clone(),
        })?;
        write_file(path, &image::encode_png(&image)?)?;
        written.push(path.clone());
    }
    if let Some(path) = &args.svg {
        let text = svg::render(
            &scenario,
            &report,
            look,
            ChartView::FollowScenario,
            args.width,
            args.height,
            &date,
        );
        write_file(path, text.as_bytes())?;
        written.push(path.clone());
    }
    if let Some(path) = &args.csv {
        write_file(
            path,
            curves_csv(&scenario, ChartView::FollowScenario, &report).as_bytes(),
        )?;
        let breakdown = breakdown_path(path);
        write_file(&breakdown, breakdown_csv(&report).as_bytes())?;
        written.push(path.clone());
        written.push(breakdown);
    }
    if let Some(path) = &args.json {
        report.scenario = name;
        write_file(path, report_json(&report).as_bytes())?;
        written.push(path.clone());
    }
    Ok(written
        .iter()
        .map(|path| format!("wrote {}\n", path.display()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::presets;

    #[test]
    fn civil_dates_are_right() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_415), "2025-11-23");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn csv_quotes_names_with_commas() {
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a\rb"), "\"a\rb\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn breakdown_has_a_row_per_option() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let csv = breakdown_csv(&report);
        assert_eq!(csv.lines().count(), 3);
        assert!(
            csv.contains("Llama 3.1 70B on 2x A100,self-hosted,13225,"),
            "{csv}"
        );
    }

    #[test]
    fn breakdown_sits_beside_the_curves() {
        assert_eq!(
            breakdown_path(Path::new("/x/plan.csv")),
            PathBuf::from("/x/plan-breakdown.csv")
        );
    }
}
