//! Exports for slides and reports: PNG and SVG charts, CSV data, JSON report.
//!
//! The app and the headless `export` command call the same functions, and every one
//! reads a prepared [`Model`] and the chart [`Figure`](crate::figure::Figure) drawn from
//! it: exports know nothing of the app or the command line. Every file is written
//! atomically (temporary file, then rename) so a failed export never leaves a
//! half-written file in place of an old one.

pub mod caption;
pub mod image;
pub mod offscreen;
pub mod pdf;
pub mod svg;

use std::path::{Path, PathBuf};

use crate::engine::curve::log_spaced;
use crate::engine::timeline::Timeline;
use crate::engine::{Model, Report};
use crate::figure::{Bounds, ChartView, TimelineMeasure};
use crate::safe_io::{FileProblem, write_all_atomically, write_atomically};
use crate::theme::Look;
use crate::units::Currency;

/// What an exported picture is asked to show: the module every writer (PNG, SVG, PDF) and
/// the caption read, so none of them depends on another.
/// Which chart a picture shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportChart {
    /// Cost against volume (with the tornado beside it when inputs have ranges).
    #[default]
    Costs,
    /// Cash over the months of the timeline, monthly or cumulative.
    Timeline(TimelineMeasure),
}

/// Everything needed to draw one image.
#[derive(Clone, Debug)]
pub struct ImageRequest {
    /// The prepared scenario to draw.
    pub model: Model,
    /// A scenario pinned for comparison, drawn dashed beside it and compared in the caption.
    pub pinned: Option<Model>,
    /// Which chart.
    pub chart: ExportChart,
    /// What the caption includes besides the chart.
    pub include: caption::Include,
    /// Colours and sizes.
    pub look: Look,
    /// Which part of the chart to show.
    pub view: ChartView,
    /// Image width, pixels.
    pub width_px: u32,
    /// Image height, pixels.
    pub height_px: u32,
    /// Pixels per point: 2 makes text and lines sharp on a projector.
    pub pixels_per_point: f32,
    /// Date for the caption, YYYY-MM-DD.
    pub date: String,
}

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
    /// One of several files written together failed, so none was written.
    #[error(
        "could not write {path}: {problem}; none of the {count} files was written (any \
         previous files there are unchanged)"
    )]
    WriteGroup {
        /// The file that failed.
        path: PathBuf,
        /// Why, in plain words.
        problem: FileProblem,
        /// How many files were to be written together.
        count: usize,
    },
}

/// Writes bytes atomically, naming the file in errors.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_atomically(path, bytes).map_err(|problem| ExportError::Write {
        path: path.to_owned(),
        problem,
    })
}

/// Writes every file or none (see [`write_all_atomically`]); returns the paths written.
pub fn write_files(files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, ExportError> {
    if let [(path, bytes)] = files {
        write_file(path, bytes)?;
        return Ok(vec![path.clone()]);
    }
    let borrowed: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(path, bytes)| (path.as_path(), bytes.as_slice()))
        .collect();
    write_all_atomically(&borrowed).map_err(|(index, problem)| ExportError::WriteGroup {
        path: files[index].0.clone(),
        problem,
        count: files.len(),
    })?;
    Ok(files.iter().map(|(path, _)| path.clone()).collect())
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

/// The plotted curves as CSV: one row per volume from the chart's first decade tick to its
/// last, one column per option's monthly cost (empty where an option cannot serve
/// traffic), then a pinned scenario's options. Numbers as a spreadsheet reader wants
/// them: whole tokens, dollars to the cent.
pub fn curves_csv(model: &Model, pinned: Option<&Model>, bounds: Bounds) -> String {
    let (low, high) = bounds.x();
    let (first, last) = (low.ceil(), high.floor());
    let (first, last) = if last > first {
        (first, last)
    } else {
        (low, high)
    };
    let volumes = log_spaced(10f64.powf(first), 10f64.powf(last), CSV_ROWS);
    // An option whose cost has a range gets its low and high beside its cost.
    let banded: Vec<bool> = model.options().iter().map(|o| !o.band.is_empty()).collect();
    let currency = &model.report().currency;
    let code = &currency.code;
    let cents = |usd: f64| cents(currency.convert(usd));
    let mut header = vec!["tokens_per_month".to_owned()];
    for (option, banded) in model.options().iter().zip(&banded) {
        header.push(format!("{} ({code}/month)", option.name));
        if *banded {
            header.push(format!("{} low ({code}/month)", option.name));
            header.push(format!("{} high ({code}/month)", option.name));
        }
    }
    for option in pinned.iter().flat_map(|pinned| pinned.options()) {
        header.push(format!(
            "{}{} ({code}/month)",
            option.name,
            crate::figure::PINNED
        ));
    }
    let mut rows = vec![header];
    for volume in volumes {
        let mut row = vec![format!("{:.0}", volume.round())];
        for (option, banded) in model.options().iter().zip(&banded) {
            row.push(option.cost(volume).map(cents).unwrap_or_default());
            if *banded {
                let band = option.cost_band(volume);
                row.push(band.map(|(low, _)| cents(low)).unwrap_or_default());
                row.push(band.map(|(_, high)| cents(high)).unwrap_or_default());
            }
        }
        for option in pinned.iter().flat_map(|pinned| pinned.options()) {
            row.push(option.cost(volume).map(cents).unwrap_or_default());
        }
        rows.push(row);
    }
    csv_text(&rows)
}

/// The tornado as CSV: one row per ranged input, largest swing first, with the volume
/// above which self-hosting wins for good and the saving at the report's volume at each
/// end of the input's range (empty where self-hosting never wins for good).
pub fn sensitivity_csv(report: &Report) -> String {
    let header = [
        "input",
        "low",
        "value",
        "high",
        "method",
        "wins_for_good_at_low_tokens_per_month",
        "wins_for_good_at_high_tokens_per_month",
        "saving_at_low_usd",
        "saving_at_high_usd",
        "api",
        "self_hosted",
    ];
    let volume = |v: Option<f64>| v.map(|v| format!("{:.0}", v.round())).unwrap_or_default();
    let currency = &report.currency;
    let cents = |usd: f64| cents(currency.convert(usd));
    let mut rows = vec![header.map(|name| in_currency(name, currency)).to_vec()];
    for bar in &report.sensitivity {
        let method = report
            .ranged_inputs
            .iter()
            .find(|input| input.input == bar.input)
            .map_or("", |input| match input.method {
                crate::engine::uncertainty::Method::Corners => "exact",
                crate::engine::uncertainty::Method::Sampled => "sampled",
            });
        rows.push(vec![
            bar.input.clone(),
            bar.low.to_string(),
            bar.value.to_string(),
            bar.high.to_string(),
            method.to_owned(),
            volume(bar.wins_for_good_at_low),
            volume(bar.wins_for_good_at_high),
            cents(bar.saving_at_low_usd),
            cents(bar.saving_at_high_usd),
            bar.api.clone(),
            bar.self_hosted.clone(),
        ]);
    }
    csv_text(&rows)
}

/// The timeline as CSV: one row per month with its volume, then each option's cash that
/// month and since month 1, and a pinned scenario's beside them (empty past its horizon).
pub fn timeline_csv(model: &Model, pinned: Option<&Model>) -> String {
    let timelines: Vec<(&Timeline, &str)> = std::iter::once((model.timeline(), ""))
        .chain(pinned.map(|pinned| (pinned.timeline(), crate::figure::PINNED)))
        .collect();
    let currency = &model.report().currency;
    let code = &currency.code;
    let cents = |usd: f64| cents(currency.convert(usd));
    let mut header = vec!["month".to_owned(), "tokens".to_owned()];
    if pinned.is_some() {
        header.push(format!("tokens{}", crate::figure::PINNED));
    }
    for (timeline, suffix) in &timelines {
        for name in timeline.option_names() {
            header.push(format!("{name}{suffix} monthly ({code})"));
            header.push(format!("{name}{suffix} cumulative ({code})"));
        }
    }
    let months = timelines
        .iter()
        .map(|(t, _)| t.rows.len())
        .max()
        .unwrap_or(0);
    let mut rows = vec![header];
    for index in 0..months {
        let mut row = vec![(index + 1).to_string()];
        for (timeline, _) in &timelines {
            row.push(
                timeline
                    .rows
                    .get(index)
                    .map(|r| format!("{:.0}", r.tokens.round()))
                    .unwrap_or_default(),
            );
        }
        for (timeline, _) in &timelines {
            let columns = timeline.option_names().len();
            match timeline.rows.get(index) {
                Some(month) => {
                    for cost in &month.costs {
                        row.push(cents(cost.monthly_usd));
                        row.push(cents(cost.cumulative_usd));
                    }
                }
                None => row.extend(std::iter::repeat_n(String::new(), 2 * columns)),
            }
        }
        rows.push(row);
    }
    csv_text(&rows)
}

/// Every CSV file an export of the data writes for `path`: the curves there, the
/// breakdown and the timeline beside it and, when the inputs have ranges, the tornado.
/// A pinned scenario's curves and timeline join the edited one's, so the comparison on
/// screen is in the data too.
pub fn csv_files(
    model: &Model,
    pinned: Option<&Model>,
    bounds: Bounds,
    path: &Path,
) -> Vec<(PathBuf, String)> {
    let report = model.report();
    let mut files = vec![
        (path.to_path_buf(), curves_csv(model, pinned, bounds)),
        (breakdown_path(path), breakdown_csv(report)),
        (timeline_path(path), timeline_csv(model, pinned)),
    ];
    if !report.sensitivity.is_empty() {
        files.push((sensitivity_path(path), sensitivity_csv(report)));
    }
    files
}

/// Writes [`csv_files`], all of them or none; returns the paths written.
pub fn write_csv_files(
    model: &Model,
    pinned: Option<&Model>,
    bounds: Bounds,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let files: Vec<(PathBuf, Vec<u8>)> = csv_files(model, pinned, bounds, path)
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect();
    write_files(&files)
}

/// The cost breakdown at the report's volume as CSV: one row per option, with whether it
/// can run as configured and why not.
pub fn breakdown_csv(report: &Report) -> String {
    let header = [
        "option",
        "kind",
        "monthly_cost_usd",
        "yearly_cost_usd",
        "usd_per_million_tokens",
        "nodes",
        "busy_share",
        "compute_usd",
        "electricity_usd",
        "engineering_usd",
        "infrastructure_usd",
        "capital_usd",
        "maintenance_usd",
        "facilities_usd",
        "one_off_usd",
        "fees_usd",
        "api_share_usd",
        "payback_months",
        "monthly_savings_usd",
        "fully_loaded_usd_per_million_tokens",
        "can_run",
        "reason",
        "ruled_out",
    ];
    let currency = &report.currency;
    let usd = |value: Option<f64>| {
        value
            .map(|usd| cents(currency.convert(usd)))
            .unwrap_or_default()
    };
    let share = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
    let price = |value: Option<f64>| share(value.map(|usd| currency.convert(usd)));
    let months = |value: Option<f64>| value.map(|v| format!("{v:.1}")).unwrap_or_default();
    let mut rows = vec![header.map(|name| in_currency(name, currency)).to_vec()];
    for option in &report.options {
        let figures = option.self_hosted.as_ref();
        let layers = option.layers.as_ref();
        rows.push(vec![
            option.name.clone(),
            crate::report_text::kind_label(option.kind).to_owned(),
            usd(option.monthly_cost_usd),
            usd(option.yearly_cost_usd),
            // $ per 1M tokens is often a fraction of a cent: four decimals.
            price(option.usd_per_million_tokens),
            figures.map(|f| f.nodes.to_string()).unwrap_or_default(),
            share(figures.map(|f| f.busy_share)),
            usd(layers.map(|l| l.compute)),
            usd(layers.map(|l| l.electricity)),
            usd(layers.map(|l| l.engineering)),
            usd(layers.map(|l| l.infrastructure)),
            usd(layers.map(|l| l.capital)),
            usd(layers.map(|l| l.maintenance)),
            usd(layers.map(|l| l.facilities)),
            usd(layers.map(|l| l.one_off)),
            usd(layers.map(|l| l.fees)),
            usd(layers.and_then(|l| l.api)),
            // Both empty where it cannot run: the engine leaves them out there.
            months(figures.and_then(|f| f.payback_months)),
            usd(figures.and_then(|f| f.monthly_savings_usd)),
            price(option.fully_loaded_usd_per_million_tokens),
            option.cannot_run.is_none().to_string(),
            option
                .cannot_run
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            option
                .ruled_out
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
        ]);
    }
    csv_text(&rows)
}

/// A column name in `currency`: "monthly_cost_usd" becomes "monthly_cost_eur" when the
/// amounts under it are in euros.
fn in_currency(name: &str, currency: &Currency) -> String {
    name.replace("usd", &currency.code.to_lowercase())
}

/// Dollars to the cent, as a spreadsheet reads them: "13225.00". Half a cent rounds away
/// from zero, as by hand: $350 × 1.15² is $462.875 on paper but 462.87499… in binary, and
/// a few units in the last place must not make it $462.87.
fn cents(usd: f64) -> String {
    let nudged = usd * (1.0 + 8.0 * f64::EPSILON);
    let rounded = (nudged * 100.0).round() / 100.0;
    format!("{rounded:.2}")
}

/// Rows as CSV text (RFC 4180 quoting by the `csv` crate: a field is quoted when it holds
/// a separator, a quote or a line break).
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    for row in rows {
        // Writing to memory cannot fail; a field is only ever text.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Where the breakdown CSV goes: beside the curves CSV, `name-breakdown.csv`.
pub fn breakdown_path(curves_path: &Path) -> PathBuf {
    sibling_path(curves_path, "breakdown")
}

/// Where the timeline's CSV goes: beside the curves CSV, `name-timeline.csv`.
pub fn timeline_path(curves_path: &Path) -> PathBuf {
    sibling_path(curves_path, "timeline")
}

/// Where the tornado's CSV goes: beside the curves CSV, `name-sensitivity.csv`.
pub fn sensitivity_path(curves_path: &Path) -> PathBuf {
    sibling_path(curves_path, "sensitivity")
}

fn sibling_path(curves_path: &Path, what: &str) -> PathBuf {
    let stem = curves_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_owned());
    curves_path.with_file_name(format!("{stem}-{what}.csv"))
}

/// The report as the JSON `report --json` prints, with the timeline when it was asked for
/// (after the report's fields, which keep their order).
pub fn report_json(report: &Report, timeline: Option<&Timeline>) -> String {
    #[derive(serde::Serialize)]
    struct WithTimeline<'a> {
        #[serde(flatten)]
        report: &'a Report,
        #[serde(skip_serializing_if = "Option::is_none")]
        timeline: Option<&'a Timeline>,
    }
    serde_json::to_string_pretty(&WithTimeline { report, timeline })
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"))
        + "\n"
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
        let row = |field: &str| csv_text(&[vec![field.to_owned(), "x".to_owned()]]);
        assert_eq!(row("a, b"), "\"a, b\",x\n");
        assert_eq!(row("plain"), "plain,x\n");
        assert_eq!(row("a\rb"), "\"a\rb\",x\n");
        assert_eq!(row("say \"hi\""), "\"say \"\"hi\"\"\",x\n");
    }

    #[test]
    fn breakdown_has_a_row_per_option() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let csv = breakdown_csv(&report);
        assert_eq!(csv.lines().count(), 3);
        assert!(
            // $13,225 a month and 12 × 13,225 = $158,700 a year.
            csv.contains("Llama 3.1 70B on 2x A100,self-hosted,13225.00,158700.00,13.2250,1,"),
            "{csv}"
        );
    }

    #[test]
    fn curves_start_at_the_first_tick_in_whole_tokens_and_cents() {
        let model =
            crate::engine::prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset"));
        let csv = curves_csv(&model, None, crate::figure::default_bounds(&model));
        let first = csv.lines().nth(1).expect("a first row");
        // GPT-4o at $3.50/M: 100k tokens cost $0.35; the server $550, and $550 at either
        // end of its throughput's range (one node serves 100k tokens either way).
        assert_eq!(first, "100000,0.35,550.00,550.00,550.00");
        assert!(
            csv.starts_with(
                "tokens_per_month,GPT-4o (USD/month),Llama 3.1 70B on a dedicated A100 (USD/month),"
            ),
            "{csv}"
        );
        assert!(csv.lines().skip(1).all(|line| !line.contains('e')), "{csv}");
    }

    #[test]
    fn the_tornado_csv_has_a_row_per_ranged_input_and_is_written_only_with_ranges() {
        let scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        let model = crate::engine::prepare(&scenario);
        let csv = sensitivity_csv(model.report());
        assert_eq!(csv.lines().count(), 1 + 5, "{csv}");
        assert!(
            csv.contains(
                "rent per month,3600,3600,5040,exact,6314285714,11416000000,-8850.00,-10290.00,"
            ),
            "{csv}"
        );
        let bounds = crate::figure::default_bounds(&model);
        let files = csv_files(&model, None, bounds, Path::new("/x/plan.csv"));
        assert_eq!(files.len(), 4);
        assert_eq!(files[2].0, Path::new("/x/plan-timeline.csv"));
        assert_eq!(files[3].0, Path::new("/x/plan-sensitivity.csv"));
        let mut plain = scenario;
        plain.deployments[0].ranges.clear();
        let model = crate::engine::prepare(&plain);
        assert_eq!(
            csv_files(&model, None, bounds, Path::new("/x/plan.csv")).len(),
            3
        );
    }

    #[test]
    fn the_timeline_csv_has_a_row_per_month_and_the_pinned_scenario_beside_it() {
        let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        scenario.timeline.growth_per_month = 0.15;
        let model = crate::engine::prepare(&scenario);
        let csv = timeline_csv(&model, None);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 36);
        assert_eq!(
            lines[0],
            "month,tokens,GPT-4o monthly (USD),GPT-4o cumulative (USD),\
             Llama 3.1 70B on a dedicated A100 monthly (USD),\
             Llama 3.1 70B on a dedicated A100 cumulative (USD)"
        );
        assert_eq!(lines[1], "1,100000000,350.00,350.00,550.00,550.00");
        assert_eq!(lines[2], "2,115000000,402.50,752.50,550.00,1100.00");
        assert!(lines[36].ends_with(",66300.00"), "{}", lines[36]);
        // A shorter pinned timeline leaves its columns empty past its last month.
        let mut short = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        short.timeline.months = 2;
        let pinned = crate::engine::prepare(&short);
        let csv = timeline_csv(&model, Some(&pinned));
        let lines: Vec<&str> = csv.lines().collect();
        assert!(
            lines[0].contains("GPT-4o (pinned) monthly (USD)"),
            "{}",
            lines[0]
        );
        assert!(
            lines[0].starts_with("month,tokens,tokens (pinned),"),
            "{}",
            lines[0]
        );
        assert_eq!(
            lines[2],
            "2,115000000,100000000,402.50,752.50,550.00,1100.00,350.00,700.00,550.00,1100.00"
        );
        assert_eq!(lines[3], "3,132250000,,462.88,1215.38,550.00,1650.00,,,,");
    }

    #[test]
    fn breakdown_sits_beside_the_curves() {
        assert_eq!(
            breakdown_path(Path::new("/x/plan.csv")),
            PathBuf::from("/x/plan-breakdown.csv")
        );
    }
}
