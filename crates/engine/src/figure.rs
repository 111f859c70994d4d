//! The cost chart described without a UI: bounds, ticks and their labels, curve points,
//! shaded ranges, crossover markers and labels, the volume marker and the legend.
//!
//! The app's egui_plot view and the SVG writer both draw a [`Figure`], and colours and
//! text sizes are named here ([`Ink`], [`TextRole`]) and resolved by the theme, so the
//! screen, the PNG and the SVG cannot disagree about what the chart says. Coordinates are
//! log10 of tokens per month (x) and log10 of dollars per month (y).

use crate::engine::verdict::side_ranges;
use crate::engine::{Crossover, Model, OptionKind, Report};
use crate::units::{format_tokens, format_usd, format_usd_axis};

/// Points sampled along each curve (plus the exact step edges).
pub const CURVE_POINTS: usize = 512;
/// Smallest and largest volume the chart ever shows, tokens per month.
pub const VOLUME_LIMITS: (f64, f64) = (1e3, 1e15);
/// Cheapest cost drawn; log scales cannot show zero.
pub const MIN_COST_SHOWN: f64 = 0.01;
/// The first and last crossover share one label when closer than this, in decades.
const MERGE_LABELS_DECADES: f64 = 0.6;
/// Title of the volume axis.
pub const X_TITLE: &str = "Tokens per month (log scale)";
/// Title of the cost axis.
pub const Y_TITLE: &str = "Monthly cost, USD (log scale)";
/// Name of the shading where self-hosting is cheapest, in legends and hover.
pub const SELF_HOSTING_CHEAPEST: &str = "Self-hosting cheapest";
/// Name of the shading where the two sides take turns at every added node.
pub const TAKING_TURNS: &str = "Take turns at every node";
/// Legend name of the crossover markers.
pub const CROSSOVER: &str = "Crossover";
/// Gap between a crossover and the baseline of its label, in label text heights.
pub const LABEL_LIFT: f64 = 0.75;
/// Estimated width of one character in text heights, for deciding where a label fits.
/// Generous, so a label said to fit always does.
pub const CHARACTER_WIDTH: f64 = 0.55;

/// A rectangle of the chart plane in log10 units: `min` and `max` are `[volume, cost]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Lower-left corner.
    pub min: [f64; 2],
    /// Upper-right corner.
    pub max: [f64; 2],
}

impl Bounds {
    /// Volume range in log10 units.
    pub fn x(&self) -> (f64, f64) {
        (self.min[0], self.max[0])
    }

    /// Cost range in log10 units.
    pub fn y(&self) -> (f64, f64) {
        (self.min[1], self.max[1])
    }

    /// Whether both corners are finite and the rectangle has an area.
    pub fn is_usable(&self) -> bool {
        self.min.iter().chain(&self.max).all(|v| v.is_finite())
            && self.max[0] > self.min[0]
            && self.max[1] > self.min[1]
    }
}

/// Which volumes and costs the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChartView {
    /// Fit the scenario: every crossover and the current volume (the default).
    FollowScenario,
    /// Wherever the user zoomed or panned to; the plot remembers it.
    UserMoved,
    /// Exactly these bounds, for exports that must match the screen.
    Fixed(Bounds),
}

/// A named colour; the theme decides the actual colour for dark, light and presentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ink {
    /// The option of this kind at this position among options of its kind.
    Option(OptionKind, usize),
    /// Shading where self-hosting is cheapest.
    SelfHostingCheapest,
    /// Shading where the two sides take turns at every added node.
    TakingTurns,
    /// Crossover markers and labels.
    Crossover,
    /// The current-volume marker and its label.
    VolumeMarker,
}

/// What a piece of chart text is; the theme gives each role its size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextRole {
    /// Axis tick labels.
    Tick,
    /// Axis titles.
    AxisTitle,
    /// Crossover labels.
    CrossoverLabel,
    /// The current-volume label.
    VolumeMarker,
    /// Legend entries.
    Legend,
}

/// A grid line, and whether its tick has a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Position, log10 units.
    pub value: f64,
    /// A decade (drawn stronger) rather than a 2× or 5× mark.
    pub major: bool,
    /// The tick's text, when it has one.
    pub label: Option<String>,
}

/// One option's curve.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureCurve {
    /// Option name, for the legend and hover.
    pub name: String,
    /// Its colour.
    pub ink: Ink,
    /// Dashed (the hybrid) rather than solid.
    pub dashed: bool,
    /// Points in log10 units, in increasing volume; empty when it serves nothing.
    pub points: Vec<[f64; 2]>,
}

/// A shaded volume range across the whole height.
#[derive(Clone, Debug, PartialEq)]
pub struct Shade {
    /// What the shading means ([`SELF_HOSTING_CHEAPEST`] or [`TAKING_TURNS`]).
    pub name: &'static str,
    /// Its colour.
    pub ink: Ink,
    /// Start and end, log10 tokens per month.
    pub from: f64,
    /// End, log10 tokens per month.
    pub to: f64,
}

/// A crossover point.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    /// Position, log10 units.
    pub at: [f64; 2],
    /// Hollow when the swap is the jump of adding a node rather than equal costs.
    pub hollow: bool,
}

/// Text attached to a crossover.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The crossover it belongs to, log10 units; the text sits [`LABEL_LIFT`] above it.
    pub at: [f64; 2],
    /// The words.
    pub text: String,
}

/// The dashed line at the scenario's volume.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeMarker {
    /// Position, log10 tokens per month.
    pub at: f64,
    /// "100M tok/mo".
    pub text: String,
}

/// How a legend entry shows its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    /// A line (dashed or solid).
    Line {
        /// Dashed rather than solid.
        dashed: bool,
    },
    /// A filled square, for shading.
    Area,
    /// A crossover marker.
    Marker,
}

/// One row of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// The name.
    pub name: String,
    /// Its colour.
    pub ink: Ink,
    /// How the colour is shown.
    pub swatch: Swatch,
}

/// Everything drawn in the chart for one view of one model.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What part of the plane is shown.
    pub bounds: Bounds,
    /// Grid lines and labels along the volume axis.
    pub x_ticks: Vec<Tick>,
    /// Grid lines and labels along the cost axis.
    pub y_ticks: Vec<Tick>,
    /// Shaded ranges, drawn first.
    pub shades: Vec<Shade>,
    /// One curve per option, in display order.
    pub curves: Vec<FigureCurve>,
    /// Every crossover inside the bounds.
    pub markers: Vec<Marker>,
    /// The crossovers that get words.
    pub labels: Vec<Label>,
    /// The scenario's volume, when inside the bounds.
    pub volume_marker: Option<VolumeMarker>,
    /// Legend rows: the curves, the crossover marker, then the shading that is drawn.
    pub legend: Vec<LegendEntry>,
}

/// Volume range the chart shows by default: 100k to 100B tokens, widened to include
/// every crossover and the current volume with some margin, in log10 units.
pub fn default_x_range(report: &Report) -> (f64, f64) {
    let mut low = 1e5_f64;
    let mut high = 1e11_f64;
    let volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0);
    low = low.min(volume / 3.0);
    high = high.max(volume * 3.0);
    for crossover in &report.crossovers {
        low = low.min(crossover.volume_tokens_per_month / 3.0);
        high = high.max(crossover.volume_tokens_per_month * 3.0);
    }
    // A little padding so the first and last tick labels are not cut at the edges.
    (
        low.max(VOLUME_LIMITS.0).log10() - 0.04,
        high.min(VOLUME_LIMITS.1).log10() + 0.1,
    )
}

/// The bounds the chart shows when it follows the scenario.
pub fn default_bounds(model: &Model) -> Bounds {
    let x = default_x_range(model.report());
    let y = y_range_for(model, x);
    Bounds {
        min: [x.0, y.0],
        max: [x.1, y.1],
    }
}

/// The bounds `view` shows, given what the plot remembers for a moved view.
pub fn view_bounds(model: &Model, view: ChartView, remembered: Option<Bounds>) -> Bounds {
    match (view, remembered) {
        (ChartView::Fixed(bounds), _) if bounds.is_usable() => bounds,
        (ChartView::UserMoved, Some(bounds)) if bounds.is_usable() => bounds,
        _ => default_bounds(model),
    }
}

/// Cost range (log10) that shows every curve over the volume range `x` (log10).
fn y_range_for(model: &Model, x: (f64, f64)) -> (f64, f64) {
    let (low_volume, high_volume) = (10f64.powf(x.0), 10f64.powf(x.1));
    let mut low = f64::INFINITY;
    let mut high = f64::NEG_INFINITY;
    for option in model.options() {
        if let (Some(at_low), Some(at_high)) = (option.cost(low_volume), option.cost(high_volume)) {
            low = low.min(at_low.max(MIN_COST_SHOWN));
            high = high.max(at_high.max(MIN_COST_SHOWN));
        }
    }
    if !low.is_finite() || !high.is_finite() {
        return (0.0, 4.0);
    }
    let (low, high) = (low.log10() - 0.25, high.log10() + 0.35);
    if high - low < 1.0 {
        (low - 0.5, high + 0.5)
    } else {
        (low, high)
    }
}

/// Grid lines between `low` and `high` (log10): every decade, plus 2× and 5× when fewer
/// than six decades show. Nothing for an unusable or enormous range.
pub fn grid_marks(low: f64, high: f64) -> Vec<(f64, bool)> {
    if !(low.is_finite() && high.is_finite()) || high - low > 30.0 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for decade in (low.floor() as i64)..=(high.ceil() as i64) {
        let decade = decade as f64;
        marks.push((decade, true));
        if high - low < 6.0 {
            for multiple in [2.0_f64, 5.0] {
                marks.push((decade + multiple.log10(), false));
            }
        }
    }
    marks.retain(|(value, _)| *value >= low && *value <= high);
    marks
}

/// Whether a grid mark gets a tick label: decades always, 2× and 5× when few decades show.
pub fn is_labelled(major: bool, low: f64, high: f64) -> bool {
    major || (high - low) < 2.5
}

/// The label of a volume tick at `value` (log10): "10M".
pub fn volume_tick_label(value: f64) -> String {
    format_tokens(10f64.powf(value))
}

/// The label of a cost tick at `value` (log10): "$1k".
pub fn cost_tick_label(value: f64) -> String {
    format_usd_axis(10f64.powf(value))
}

fn ticks(low: f64, high: f64, label: fn(f64) -> String) -> Vec<Tick> {
    grid_marks(low, high)
        .into_iter()
        .map(|(value, major)| Tick {
            value,
            major,
            label: is_labelled(major, low, high).then(|| label(value)),
        })
        .collect()
}

/// Which crossovers get a text label, and the text: the first one, and the last one
/// (merged into one label when they are close), so many node-by-node flips do not
/// bury the chart in text. Every crossover still gets a marker.
pub fn crossover_labels(report: &Report) -> Vec<(usize, String)> {
    let crossovers = &report.crossovers;
    let Some(first) = crossovers.first() else {
        return Vec::new();
    };
    let several_apis = report
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::Api)
        .count()
        > 1;
    let label = |index: usize| crossover_label(&crossovers[index], several_apis);
    // Words describe one pair, the one that flips first; other pairs keep their markers.
    let last_index = crossovers
        .iter()
        .rposition(|c| c.api == first.api && c.self_hosted == first.self_hosted)
        .unwrap_or(0);
    if last_index == 0 {
        return vec![(0, label(0))];
    }
    let last = &crossovers[last_index];
    let decades_apart =
        last.volume_tokens_per_month.log10() - first.volume_tokens_per_month.log10();
    if decades_apart >= MERGE_LABELS_DECADES {
        return vec![(0, label(0)), (last_index, label(last_index))];
    }
    let tail = if last.self_hosted_cheaper_above {
        format!(
            "for good above {}",
            format_tokens(last.volume_tokens_per_month)
        )
    } else {
        format!(
            "API again above {}",
            format_tokens(last.volume_tokens_per_month)
        )
    };
    vec![(0, format!("{}; {tail}", label(0)))]
}

/// "Llama 3.1 70B wins above 157M tok/mo", naming the API beaten ("beats GPT-4o above
/// …") when a scenario has several APIs and "wins" would not say against which.
pub fn crossover_label(crossover: &Crossover, name_api: bool) -> String {
    let volume = format_tokens(crossover.volume_tokens_per_month);
    let own = short_name(&crossover.self_hosted);
    match (crossover.self_hosted_cheaper_above, crossover.at_node_step) {
        (true, _) if name_api => format!("{own} beats {} above {volume} tok/mo", crossover.api),
        (true, _) => format!("{own} wins above {volume} tok/mo"),
        (false, true) => format!(
            "{} wins again above {volume} (next node)",
            short_name(&crossover.api)
        ),
        (false, false) => format!("{} wins above {volume} tok/mo", short_name(&crossover.api)),
    }
}

/// A name short enough for a chart label: "Llama 3.1 70B on 2x A100" → "Llama 3.1 70B".
fn short_name(name: &str) -> &str {
    name.split(" on ").next().unwrap_or(name).trim()
}

/// Which side of its crossover a label goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    /// Text ends just left of the point.
    Left,
    /// Text starts just right of the point.
    Right,
}

/// Where a label goes, given the point and the plot's left and right edges on screen and
/// the text height, all in the same unit. Costs never fall with volume, so everything
/// left of a crossover lies below it: above-left of the point is always clear. Go right
/// when the label does not fit on the left but does on the right; when it fits on neither,
/// take the roomier side.
pub fn label_side(text: &str, point_x: f64, plot: (f64, f64), text_height: f64) -> LabelSide {
    let width = (text.chars().count() as f64 + 2.0) * text_height * CHARACTER_WIDTH;
    let (room_left, room_right) = (point_x - plot.0, plot.1 - point_x);
    if room_left > width || room_left >= room_right {
        LabelSide::Left
    } else {
        LabelSide::Right
    }
}

/// The hover read-out at a pointer position (log10 units): the volume, every option's
/// cost there, and the cost under the pointer.
pub fn hover_text(model: &Model, log_volume: f64, log_cost: f64) -> String {
    let volume = 10f64.powf(log_volume);
    let mut text = format!("{} tokens/month", format_tokens(volume));
    for (option, cost) in model.options().iter().zip(model.costs_at(volume)) {
        let cost = cost.map_or_else(|| "cannot serve".to_owned(), format_usd);
        text.push_str(&format!("\n{}: {cost}", option.name));
    }
    text.push_str(&format!(
        "\n(pointer at {})",
        format_usd(10f64.powf(log_cost))
    ));
    text
}

/// Ink of each option in a list (in the engine's display order): by kind, and position
/// among options of its kind. The chart, the legend and the breakdown bars all use it.
pub fn option_inks(kinds: impl IntoIterator<Item = OptionKind>) -> Vec<Ink> {
    let mut seen = [0usize; 3];
    kinds
        .into_iter()
        .map(|kind| {
            let slot = match kind {
                OptionKind::Api => 0,
                OptionKind::SelfHosted => 1,
                OptionKind::Hybrid => 2,
            };
            let ink = Ink::Option(kind, seen[slot]);
            seen[slot] += 1;
            ink
        })
        .collect()
}

impl Figure {
    /// Describes the chart of `model` inside `bounds`.
    pub fn new(model: &Model, bounds: Bounds) -> Figure {
        let report = model.report();
        let (x_low, x_high) = bounds.x();
        let shades = shades(report);
        let curves = curves(model, bounds);
        let inside = |x: f64| x >= x_low && x <= x_high;
        let point = |crossover: &Crossover| {
            [
                crossover
                    .volume_tokens_per_month
                    .max(VOLUME_LIMITS.0)
                    .log10(),
                crossover.monthly_cost_usd.max(MIN_COST_SHOWN).log10(),
            ]
        };
        let markers: Vec<Marker> = report
            .crossovers
            .iter()
            .map(|crossover| Marker {
                at: point(crossover),
                hollow: crossover.at_node_step,
            })
            .filter(|marker| inside(marker.at[0]))
            .collect();
        let labels = crossover_labels(report)
            .into_iter()
            .map(|(index, text)| Label {
                at: point(&report.crossovers[index]),
                text,
            })
            .filter(|label| inside(label.at[0]))
            .collect();
        let volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0);
        let volume_marker = Some(VolumeMarker {
            at: volume.log10(),
            text: format!("{} tok/mo", format_tokens(volume)),
        })
        .filter(|marker| inside(marker.at));
        let mut legend: Vec<LegendEntry> = curves
            .iter()
            .map(|curve| LegendEntry {
                name: curve.name.clone(),
                ink: curve.ink,
                swatch: Swatch::Line {
                    dashed: curve.dashed,
                },
            })
            .collect();
        if !markers.is_empty() {
            legend.push(LegendEntry {
                name: CROSSOVER.to_owned(),
                ink: Ink::Crossover,
                swatch: Swatch::Marker,
            });
        }
        for (name, ink) in [
            (SELF_HOSTING_CHEAPEST, Ink::SelfHostingCheapest),
            (TAKING_TURNS, Ink::TakingTurns),
        ] {
            if shades.iter().any(|shade| shade.name == name) {
                legend.push(LegendEntry {
                    name: name.to_owned(),
                    ink,
                    swatch: Swatch::Area,
                });
            }
        }
        Figure {
            bounds,
            x_ticks: ticks(x_low, x_high, volume_tick_label),
            y_ticks: ticks(bounds.min[1], bounds.max[1], cost_tick_label),
            shades,
            curves,
            markers,
            labels,
            volume_marker,
            legend,
        }
    }
}

/// Shading where self-hosting is cheapest, and amber where the sides take turns.
fn shades(report: &Report) -> Vec<Shade> {
    side_ranges(report)
        .iter()
        .filter(|side| side.self_hosting || side.alternating)
        .map(|side| {
            let (name, ink) = if side.alternating {
                (TAKING_TURNS, Ink::TakingTurns)
            } else {
                (SELF_HOSTING_CHEAPEST, Ink::SelfHostingCheapest)
            };
            Shade {
                name,
                ink,
                from: side.from.max(VOLUME_LIMITS.0).log10(),
                to: side
                    .to
                    .unwrap_or(VOLUME_LIMITS.1)
                    .clamp(VOLUME_LIMITS.0, VOLUME_LIMITS.1)
                    .log10(),
            }
        })
        .filter(|shade| shade.to > shade.from)
        .collect()
}

/// Every option's curve across the bounds (within the volumes the chart ever shows).
fn curves(model: &Model, bounds: Bounds) -> Vec<FigureCurve> {
    let x_low = bounds.min[0].max(VOLUME_LIMITS.0.log10());
    let x_high = bounds.max[0].min(VOLUME_LIMITS.1.log10()).max(x_low);
    model
        .curves(10f64.powf(x_low), 10f64.powf(x_high), CURVE_POINTS)
        .into_iter()
        .zip(option_inks(model.options().iter().map(|o| o.kind)))
        .map(|(curve, ink)| FigureCurve {
            dashed: curve.kind == OptionKind::Hybrid,
            points: curve
                .points
                .iter()
                .map(|(volume, cost)| [volume.log10(), cost.max(MIN_COST_SHOWN).log10()])
                .collect(),
            name: curve.name,
            ink,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{evaluate, prepare};
    use crate::scenario::{Hybrid, presets};

    #[test]
    fn default_view_contains_every_crossover_and_the_volume() {
        for preset in presets::PRESETS {
            let report = evaluate(&presets::load(preset.name).expect("preset"));
            let (low, high) = default_x_range(&report);
            let volume = report.volume_tokens_per_month.log10();
            assert!(low < volume && volume < high, "{}", preset.name);
            for crossover in &report.crossovers {
                let x = crossover.volume_tokens_per_month.log10();
                assert!(low < x && x < high, "{}", preset.name);
            }
        }
    }

    #[test]
    fn labels_name_the_api_when_there_are_several() {
        let report = evaluate(&presets::load("chat-10k-requests-a10g").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(
            labels,
            vec![(0, "Llama 3.1 8B beats GPT-4o above 474M tok/mo".to_owned())]
        );
    }

    #[test]
    fn close_first_and_last_crossovers_share_a_label() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(
            labels,
            vec![(
                0,
                "Llama 3.1 70B wins above 4.67B tok/mo; for good above 6.31B".to_owned()
            )]
        );
        let report = evaluate(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(
            labels.len(),
            2,
            "60M and 360M are far enough apart for two labels"
        );
        assert_eq!(labels[1].0, report.crossovers.len() - 1);
    }

    #[test]
    fn labels_describe_one_pair_even_with_a_hybrid() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        scenario.hybrid = Some(Hybrid {
            local_share: 0.5,
            deployment: "Llama 3.1 70B on 2x A100".into(),
            api: "GPT-4o".into(),
        });
        let labels = crossover_labels(&evaluate(&scenario));
        assert_eq!(
            labels,
            vec![(
                0,
                "Llama 3.1 70B wins above 4.67B tok/mo; for good above 6.31B".to_owned()
            )]
        );
    }

    #[test]
    fn decades_have_labels_and_minor_marks_do_not_when_wide() {
        let marks = grid_marks(5.0, 9.0);
        assert!(marks.contains(&(6.0, true)));
        let minor = marks.iter().find(|(_, major)| !major).expect("minor marks");
        assert!(!is_labelled(minor.1, 5.0, 9.0));
        assert!(is_labelled(minor.1, 5.0, 7.0));
        assert!(grid_marks(f64::NAN, 3.0).is_empty());
        assert!(grid_marks(0.0, 40.0).is_empty());
    }

    #[test]
    fn the_figure_holds_what_the_report_says() {
        let model = prepare(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let figure = Figure::new(&model, default_bounds(&model));
        assert_eq!(figure.curves.len(), model.options().len());
        assert_eq!(figure.markers.len(), model.report().crossovers.len());
        assert_eq!(figure.labels.len(), 2);
        assert!(figure.volume_marker.is_some());
        let names: Vec<&str> = figure.legend.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Frontier API",
                "Llama 3.3 70B on a Mac Studio",
                CROSSOVER,
                SELF_HOSTING_CHEAPEST
            ]
        );
        // Every curve point lies on the option's cost, as the model prices it.
        for (curve, option) in figure.curves.iter().zip(model.options()) {
            for [x, y] in &curve.points {
                let cost = option.cost(10f64.powf(*x)).expect("serves");
                assert!((cost.max(MIN_COST_SHOWN).log10() - y).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn outside_the_bounds_nothing_is_marked() {
        let model = prepare(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let bounds = Bounds {
            min: [3.0, 0.0],
            max: [4.0, 5.0],
        };
        let figure = Figure::new(&model, bounds);
        assert!(figure.markers.is_empty() && figure.labels.is_empty());
        assert!(figure.volume_marker.is_none());
    }

    #[test]
    fn a_label_goes_right_only_when_the_left_is_too_narrow() {
        assert_eq!(
            label_side("abc", 500.0, (0.0, 1000.0), 10.0),
            LabelSide::Left
        );
        assert_eq!(
            label_side("abc", 20.0, (0.0, 1000.0), 10.0),
            LabelSide::Right
        );
        // Too long for either side: the roomier one.
        let long = "x".repeat(200);
        assert_eq!(
            label_side(&long, 600.0, (0.0, 1000.0), 10.0),
            LabelSide::Left
        );
        assert_eq!(
            label_side(&long, 400.0, (0.0, 1000.0), 10.0),
            LabelSide::Right
        );
    }

    #[test]
    fn hover_lists_every_option_at_the_pointer() {
        let model = prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset"));
        let text = hover_text(&model, 8.0, 2.0);
        assert_eq!(text.lines().count(), 2 + model.options().len(), "{text}");
        assert!(text.starts_with("100M tokens/month\n"), "{text}");
    }
}
