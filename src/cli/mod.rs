//! Command-line interface: start the app, list presets, print a report, export a chart.
//!
//! Every user error (unknown preset, unreadable file, bad volume text, unwritable path)
//! ends in one message on stderr and exit code 2, never a panic.

pub mod fit;
pub mod prices;
pub mod usage;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::{self, Model};
use crate::export::{self, ExportChart, ImageRequest, caption::Include};
use crate::figure::{self, ChartView, TimelineMeasure};
use crate::scenario::timeline::{MAX_VOLUMES_FILE_BYTES, parse_volumes};
use crate::scenario::validate::{limits, validate};
use crate::scenario::{Lens, Scenario, file, presets};
use crate::theme::{Look, ThemeMode};
use crate::units::{Currency, format_tokens, parse_number, parse_tokens};

/// Is an LLM API or self-hosting cheaper at your token volume, and where does it flip?
#[derive(Debug, Parser)]
#[command(
    name = "llm-cost-explorer",
    version,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// What to do; without one, the desktop app starts.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the app on this scenario file.
    #[arg(value_name = "FILE.ron", conflicts_with = "preset")]
    pub file: Option<PathBuf>,
    /// Open the app on this preset.
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the shipped presets with their one-line descriptions.
    Presets,
    /// Print the cost report of a scenario.
    Report(ReportArgs),
    /// Write the chart as PNG and SVG, and the data as CSV, without a window.
    Export(ExportArgs),
    /// The API price catalogue: import LiteLLM's, list and search, add and remove your own.
    #[command(subcommand)]
    Prices(prices::PricesCommand),
    /// Memory needed, whether it fits, and the throughput to expect, for a node and a model.
    Fit(fit::FitArgs),
    /// Fill a scenario's workload and timeline from a provider's usage export, and check
    /// the bill those counts give against the model and against what was billed.
    Usage(usage::UsageArgs),
}

/// Which scenario to use: a preset or a file.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct ScenarioChoice {
    /// A shipped preset (see `llm-cost-explorer presets`).
    #[arg(long, value_name = "NAME")]
    pub preset: Option<String>,
    /// A scenario file.
    #[arg(value_name = "FILE.ron")]
    pub file: Option<PathBuf>,
}

impl ScenarioChoice {
    /// Loads the scenario and names it as the JSON `scenario` field does.
    pub fn load(&self) -> Result<(Scenario, String), file::ScenarioError> {
        match (&self.preset, &self.file) {
            (Some(name), _) => Ok((presets::load(name)?, name.clone())),
            (None, Some(path)) => Ok((file::load(path)?, path.display().to_string())),
            (None, None) => Ok((Scenario::default(), "untitled".to_owned())),
        }
    }

    /// Loads the scenario at `volume` (its own when `None`), checked again at that
    /// volume: a volume can make a valid scenario need more nodes than can be counted.
    pub fn load_at(&self, volume: Option<f64>) -> Result<(Scenario, String), file::ScenarioError> {
        let (scenario, name) = self.load()?;
        let Some(volume) = volume else {
            return Ok((scenario, name));
        };
        let scenario = scenario.with_tokens_per_month(volume);
        let problems = validate(&scenario);
        if problems.is_empty() {
            Ok((scenario, name))
        } else {
            Err(file::ScenarioError::Invalid {
                origin: format!("{name} at --volume {}", format_tokens(volume)),
                problems,
            })
        }
    }
}

/// Options of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioChoice,
    /// Monthly volume instead of the scenario's, e.g. 55M, 1.5B, 250k (input share kept).
    #[arg(long, value_name = "TOKENS", value_parser = parse_volume)]
    pub volume: Option<f64>,
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Which costs count and the currency amounts are shown in.
    #[command(flatten)]
    pub shown: ShownArgs,
    /// The timeline: months, growth or monthly volumes.
    #[command(flatten)]
    pub timeline: TimelineArgs,
}

/// The lens of `--lens`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LensChoice {
    /// Everything: write-off, cost of capital and one-off costs spread over the horizon,
    /// plus every running cost.
    Full,
    /// Hardware already bought and integration done: no write-off, cost of capital or
    /// one-off costs.
    Marginal,
}

/// How `report` and `export` count and show costs, instead of the scenario's own choice
/// (applied to both scenarios of a comparison).
#[derive(Debug, Args)]
pub struct ShownArgs {
    /// Which costs count, instead of the scenario's own choice.
    #[arg(long, value_enum, value_name = "LENS")]
    pub lens: Option<LensChoice>,
    /// Show amounts in another currency: its code and how many units one US dollar buys,
    /// e.g. EUR=0.92 (stated in the text report and every caption; the JSON's numbers stay
    /// in US dollars).
    #[arg(long, value_name = "CODE=RATE")]
    pub currency: Option<Currency>,
}

impl ShownArgs {
    /// `scenario` with the lens and the currency asked for, if any.
    fn apply(&self, mut scenario: Scenario) -> Scenario {
        if let Some(lens) = self.lens {
            scenario.accounting.lens = match lens {
                LensChoice::Full => Lens::Full,
                LensChoice::Marginal => Lens::Marginal,
            };
        }
        if let Some(currency) = &self.currency {
            scenario.currency = currency.clone();
        }
        scenario
    }
}

/// The timeline's options, shared by `report` and `export`.
#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Months the timeline covers, 1 to 120 (adds the timeline to the report).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub months: Option<u32>,
    /// Growth of volume per month, e.g. 15% or 0.15; negative shrinks (adds the timeline).
    #[arg(long, value_name = "RATE", value_parser = parse_growth, allow_hyphen_values = true)]
    pub growth: Option<f64>,
    /// Monthly volumes, month 1 first: one per line (50M, 1.2B), or a CSV usage export
    /// whose last column is tokens (adds the timeline; replaces volume and growth).
    #[arg(long, value_name = "FILE", conflicts_with = "growth")]
    pub volumes: Option<PathBuf>,
}

impl TimelineArgs {
    /// Whether any timeline option was given.
    pub fn given(&self) -> bool {
        self.months.is_some() || self.growth.is_some() || self.volumes.is_some()
    }

    /// Whether the report includes the timeline: when asked for, or when the scenario
    /// sets one.
    pub fn wanted_for(&self, scenario: &Scenario) -> bool {
        self.given() || !scenario.timeline.is_default()
    }

    /// `scenario` with these options applied to its timeline, checked again.
    pub fn apply(&self, mut scenario: Scenario, name: &str) -> anyhow::Result<Scenario> {
        let timeline = &mut scenario.timeline;
        if let Some(months) = self.months {
            timeline.months = months;
        }
        if let Some(growth) = self.growth {
            timeline.growth_per_month = growth;
        }
        if let Some(path) = &self.volumes {
            let text = crate::safe_io::read_text(path, MAX_VOLUMES_FILE_BYTES)
                .map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
            let mut volumes = parse_volumes(&text)
                .map_err(|error| anyhow::anyhow!("{}, {error}", path.display()))?;
            if let Some(months) = self.months {
                volumes.truncate(months as usize);
            }
            timeline.volumes = volumes;
        }
        let problems = validate(&scenario);
        if problems.is_empty() {
            Ok(scenario)
        } else {
            let origin = match &self.volumes {
                Some(path) => format!("{name} with --volumes {}", path.display()),
                None => format!("{name} with the timeline options"),
            };
            Err(file::ScenarioError::Invalid { origin, problems }.into())
        }
    }
}

/// Options of `export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The scenario.
    #[command(flatten)]
    pub scenario: ScenarioChoice,
    /// Write the chart as a PNG image here.
    #[arg(long, value_name = "OUT.png")]
    pub png: Option<PathBuf>,
    /// Write the chart as an SVG vector image here.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Write a one-page PDF report here: verdict, chart, costs, layers, assumptions and
    /// sources (A4 landscape).
    #[arg(long, value_name = "OUT.pdf")]
    pub pdf: Option<PathBuf>,
    /// Write the plotted curves as CSV here.
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Write the full report as JSON here (the same as `report --json`).
    #[arg(long, value_name = "OUT.json")]
    pub json: Option<PathBuf>,
    /// Image width in pixels.
    #[arg(long, default_value_t = 1600, value_parser = clap::value_parser!(u32).range(320..=8192))]
    pub width: u32,
    /// Image height in pixels.
    #[arg(long, default_value_t = 900, value_parser = clap::value_parser!(u32).range(240..=8192))]
    pub height: u32,
    /// Colour theme of the images.
    #[arg(long, value_enum, default_value_t = ThemeChoice::Light)]
    pub theme: ThemeChoice,
    /// What the caption says besides the chart, comma-separated (a slide's default: the
    /// verdict, with the cost per year); what cannot run as configured is always said, and
    /// the PDF always lists the assumptions with their sources.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_values_t = [CaptionPart::Verdict]
    )]
    pub caption: Vec<CaptionPart>,
    /// Monthly volume instead of the scenario's, e.g. 120M.
    #[arg(long, value_name = "TOKENS", value_parser = parse_volume)]
    pub volume: Option<f64>,
    /// Which chart the PNG and SVG show.
    #[arg(long, value_enum, default_value_t = ChartChoice::Costs)]
    pub chart: ChartChoice,
    /// Draw this preset or scenario file dashed beside the scenario and compare the two in
    /// the caption (and in the CSV).
    #[arg(long, value_name = "PRESET|FILE.ron")]
    pub compare_with: Option<String>,
    /// Which costs count and the currency amounts are shown in.
    #[command(flatten)]
    pub shown: ShownArgs,
    /// The timeline: months, growth or monthly volumes.
    #[command(flatten)]
    pub timeline: TimelineArgs,
}

/// The chart of an exported picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ChartChoice {
    /// Monthly cost against volume (log scales), the tornado beside it with ranges.
    Costs,
    /// Cash paid each month over the timeline.
    Timeline,
    /// Cash paid since month 1 over the timeline.
    Cumulative,
}

/// A part of an exported caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaptionPart {
    /// The verdict (and the comparison with `--compare-with`).
    Verdict,
    /// One line per option: monthly, yearly and per-1M cost.
    Table,
    /// Workload, prices, hardware, ranges, timeline on the picture too.
    Assumptions,
    /// The report's other warnings (alternating costs, missing options).
    Warnings,
}

/// What `--caption` asks for.
fn included(parts: &[CaptionPart]) -> Include {
    Include {
        verdict: parts.contains(&CaptionPart::Verdict),
        table: parts.contains(&CaptionPart::Table),
        assumptions: parts.contains(&CaptionPart::Assumptions),
        warnings: parts.contains(&CaptionPart::Warnings),
    }
}

/// Light or dark images.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    /// Dark text on white: best for slides and print.
    Light,
    /// Light text on dark grey.
    Dark,
}

/// "15%", "0.15", "-5%": a monthly growth as a share, within the tool's limits.
fn parse_growth(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    let (number, scale) = match trimmed.strip_suffix('%') {
        Some(percent) => (percent.trim(), 100.0),
        None => (trimmed, 1.0),
    };
    let value = parse_number(number).map_err(|problem| {
        format!("\"{text}\" is not a growth rate ({problem}); write it as 15% or 0.15")
    })?;
    let growth = value / scale;
    // A bare 1 or more is a percentage written without its sign far more often than a
    // doubling every month.
    if scale == 1.0 && growth.abs() >= 1.0 {
        return Err(format!(
            "\"{text}\" would be {}% a month; write a percentage with % (e.g. {text}%) or a share (0.15)",
            value * 100.0
        ));
    }
    let (low, high) = limits::GROWTH_PER_MONTH;
    if growth.is_finite() && (low..=high).contains(&growth) {
        Ok(growth)
    } else {
        Err(format!(
            "{text} a month is outside what this tool models ({:.0}% to {:.0}%)",
            low * 100.0,
            high * 100.0
        ))
    }
}

/// A monthly volume as typed after `--volume`, within the volumes the tool models; a
/// refusal repeats what was typed and gives the limit in full.
fn parse_volume(text: &str) -> Result<f64, String> {
    let volume = parse_tokens(text).map_err(|error| error.to_string())?;
    limits::check_tokens_per_month(volume)
        .map(|()| volume)
        .map_err(|why| format!("\"{text}\" tokens/month {why}"))
}

/// Runs a subcommand; `Ok` carries what to print on stdout.
pub fn run(command: &Command) -> anyhow::Result<String> {
    match command {
        Command::Presets => list_presets(),
        Command::Report(args) => report(args),
        Command::Export(args) => export_files(args),
        Command::Prices(command) => prices::run(command, &export::today()),
        Command::Fit(args) => fit::run(args),
        Command::Usage(args) => usage::run(args),
    }
}

fn list_presets() -> anyhow::Result<String> {
    let mut rows = Vec::new();
    for preset in presets::PRESETS {
        let scenario = presets::load(preset.name)?;
        rows.push(vec![preset.name.to_owned(), scenario.description]);
    }
    Ok(crate::units::text_table(
        &["Preset", "Description"],
        &rows,
        2,
    ))
}

fn report(args: &ReportArgs) -> anyhow::Result<String> {
    let (scenario, name) = args.scenario.load_at(args.volume)?;
    let scenario = args.shown.apply(scenario);
    let scenario = args.timeline.apply(scenario, &name)?;
    let model = engine::prepare(&scenario);
    let mut report = model.report().clone();
    let timeline = args
        .timeline
        .wanted_for(&scenario)
        .then(|| model.timeline());
    if args.json {
        report.scenario = name;
        Ok(export::report_json(&report, timeline))
    } else {
        report.scenario = format!("{} ({name})", scenario.title);
        let mut text = crate::report_text::render(&report);
        if let Some(timeline) = timeline {
            text.push_str(&crate::report_text::render_timeline(timeline));
        }
        Ok(text)
    }
}

/// Refuses two outputs of one command that name the same file (`--png a --svg a`, or a
/// `--json` where the CSV's breakdown goes): the second would silently replace the first.
fn refuse_shared_outputs(args: &ExportArgs) -> anyhow::Result<()> {
    let outputs = outputs_of(args);
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

/// Every output the command would write, side files included, with the flag that asks
/// for it.
fn outputs_of(args: &ExportArgs) -> Vec<(&'static str, PathBuf)> {
    let mut outputs: Vec<(&'static str, PathBuf)> = Vec::new();
    let named = [
        ("--png", &args.png),
        ("--svg", &args.svg),
        ("--pdf", &args.pdf),
        ("--csv", &args.csv),
        ("--json", &args.json),
    ];
    for (flag, path) in named {
        if let Some(path) = path {
            outputs.push((flag, path.clone()));
        }
    }
    if let Some(csv) = &args.csv {
        outputs.push(("--csv (its breakdown)", export::breakdown_path(csv)));
        outputs.push(("--csv (its sensitivity)", export::sensitivity_path(csv)));
        outputs.push(("--csv (its timeline)", export::timeline_path(csv)));
    }
    outputs
}

/// Refuses, before anything is read or written, an output that is one of the command's
/// own input files (`export s.ron --json s.ron`, through a link or a side file such as
/// `--csv x.csv` beside an input `x-breakdown.csv`): it would replace the user's file.
fn refuse_outputs_over_inputs(args: &ExportArgs) -> anyhow::Result<()> {
    let mut inputs: Vec<(&str, PathBuf)> = Vec::new();
    if let Some(file) = &args.scenario.file {
        inputs.push(("the scenario file", file.clone()));
    }
    if let Some(other) = &args.compare_with
        && !presets::PRESETS.iter().any(|preset| preset.name == other)
    {
        inputs.push(("the --compare-with file", PathBuf::from(other)));
    }
    if let Some(volumes) = &args.timeline.volumes {
        inputs.push(("the --volumes file", volumes.clone()));
    }
    for (flag, output) in outputs_of(args) {
        for (what, input) in &inputs {
            if crate::safe_io::same_file(&output, input) {
                anyhow::bail!(
                    "{flag} would write {}, which is {what} {}; nothing was written: give the \
                     output another name",
                    output.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// The scenario `name` names: a shipped preset, else a scenario file.
fn load_named(name: &str) -> Result<Scenario, file::ScenarioError> {
    if presets::PRESETS.iter().any(|preset| preset.name == name) {
        presets::load(name)
    } else {
        file::load(std::path::Path::new(name))
    }
}

/// Runs `llm-cost-explorer export`; returns the lines to print.
fn export_files(args: &ExportArgs) -> anyhow::Result<String> {
    let outputs = [&args.png, &args.svg, &args.pdf, &args.csv, &args.json];
    if outputs.iter().all(|output| output.is_none()) {
        anyhow::bail!(
            "nothing to export: give at least one of --png, --svg, --pdf, --csv or --json"
        );
    }
    refuse_shared_outputs(args)?;
    refuse_outputs_over_inputs(args)?;
    let (scenario, name) = args.scenario.load_at(args.volume)?;
    let scenario = args.shown.apply(args.timeline.apply(scenario, &name)?);
    let model = engine::prepare(&scenario);
    // Like with like: the other scenario is priced at this one's volume, timeline, lens
    // and currency, or the comparison would mix two questions.
    let pinned = match &args.compare_with {
        Some(other) => {
            let other = load_named(other)?;
            Some(engine::prepare(&engine::compare::aligned(
                &other, &scenario,
            )))
        }
        None => None,
    };
    let request = ImageRequest {
        model: model.clone(),
        pinned: pinned.clone(),
        include: included(&args.caption),
        chart: match args.chart {
            ChartChoice::Costs => ExportChart::Costs,
            ChartChoice::Timeline => ExportChart::Timeline(TimelineMeasure::Monthly),
            ChartChoice::Cumulative => ExportChart::Timeline(TimelineMeasure::Cumulative),
        },
        look: Look {
            mode: match args.theme {
                ThemeChoice::Light => ThemeMode::Light,
                ThemeChoice::Dark => ThemeMode::Dark,
            },
            presentation: false,
        },
        view: ChartView::FollowScenario,
        width_px: args.width,
        height_px: args.height,
        pixels_per_point: (args.width as f32 / 1000.0).clamp(1.0, 3.0),
        date: export::today(),
    };
    // Everything is drawn first and written last, all together: a failed drawing or a
    // full disk leaves every file as it was.
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(path) = &args.png {
        let image = export::image::render(&request)?;
        files.push((path.clone(), export::image::encode_png(&image)?));
    }
    if let Some(path) = &args.svg {
        files.push((path.clone(), export::svg::render(&request).into_bytes()));
    }
    if let Some(path) = &args.pdf {
        files.push((path.clone(), export::pdf::render(&request)?));
    }
    if let Some(path) = &args.csv {
        let bounds = figure::default_bounds(&model);
        files.extend(
            export::csv_files(&model, pinned.as_ref(), bounds, path)
                .into_iter()
                .map(|(path, text)| (path, text.into_bytes())),
        );
    }
    if let Some(path) = &args.json {
        let timeline = args.timeline.wanted_for(&scenario);
        let mut named: Model = model;
        named.retitle_report(name);
        let json = export::report_json(named.report(), timeline.then(|| named.timeline()));
        files.push((path.clone(), json.into_bytes()));
    }
    let written = export::write_files(&files)?;
    Ok(written
        .iter()
        .map(|path| format!("wrote {}\n", path.display()))
        .collect())
}
