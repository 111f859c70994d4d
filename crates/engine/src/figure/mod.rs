//! The cost chart described without a UI: bounds, ticks and their labels, curve points,
//! shaded ranges, crossover markers and labels, the volume marker and the legend.
//!
//! The app's egui_plot view and the SVG writer both draw a [`Figure`], and colours and
//! text sizes are named here ([`Ink`], [`TextRole`]) and resolved by the theme, so the
//! screen, the PNG and the SVG cannot disagree about what the chart says. Coordinates are
//! log10 of tokens per month (x) and log10 of dollars per month (y) on the cost chart;
//! months and dollars on the timeline ([`timeline_figure`]).

mod axes;
mod corner;
mod curves;
mod hover;
mod labels;
mod legend;
mod placement;
mod ranges;
mod text_box;
mod timeline;
mod tornado;
mod tornado_layout;

pub use axes::{
    VIEW_LIMITS, clamp_view, cost_grid_marks, cost_tick_label, default_bounds, default_x_range,
    grid_marks, is_labelled, view_bounds, volume_tick_label,
};
pub use corner::{
    COLUMN_ENTRY_GAP, COLUMN_ROW, COLUMN_SPACING, Corner, LEGEND_COLUMN_MAX_SHARE, LegendPlace,
    PLOT_PROPORTIONS, legend_column, legend_outside, legend_size, legend_strip_height,
};
pub use hover::hover_text;
pub use labels::{LabelText, crossover_label, crossover_labels};
pub use ranges::{COST_BAND, IntervalMark, WINS_FOR_GOOD_INTERVAL, interval_words};
pub use text_box::{Frame, LINE_GAP, TextBox, clip_segment, text_width, wrap_to as wrap_text};
pub use timeline::{
    BREAK_EVEN, MONTH_TITLE, NODES_BOUGHT, PINNED, TimelineMeasure, timeline_figure, timeline_hover,
};
pub use tornado::{
    ALL_TOGETHER, BarEnd, HIGH_GUESS, LOW_GUESS, TITLE_LINE, TORNADO_AXIS, Tornado, TornadoBar,
};
pub use tornado_layout::{END_GAP, TornadoLayout};

use crate::engine::{Crossover, Model, OptionKind};
use crate::units::{Currency, format_tokens};

/// Points sampled along each curve (plus the exact step edges).
pub const CURVE_POINTS: usize = 512;
/// Smallest and largest volume the chart ever shows, tokens per month.
pub const VOLUME_LIMITS: (f64, f64) = (1e3, 1e15);
/// Cheapest cost drawn; log scales cannot show zero.
pub const MIN_COST_SHOWN: f64 = 0.01;
/// The first and last crossover share one label when closer than this, in decades.
pub(crate) const MERGE_LABELS_DECADES: f64 = 0.6;
/// Title of the volume axis.
pub const X_TITLE: &str = "Tokens per month (log scale)";
/// Title of the cost axis.
pub const Y_TITLE: &str = "Monthly cost, USD (log scale)";
/// The cost axis' title on a plot too short for [`Y_TITLE`].
pub const Y_TITLE_SHORT: &str = "USD/month (log)";
/// Name of the shading where self-hosting is cheapest, in legends and hover.
pub const SELF_HOSTING_CHEAPEST: &str = "Self-hosting cheapest";
/// Name of the shading where the two sides take turns at every added node.
pub const TAKING_TURNS: &str = "Take turns at every node";
/// Legend name of the filled crossover markers.
pub const CROSSOVER: &str = "Crossover (costs equal)";
/// Legend name of the hollow crossover markers.
pub const CROSSOVER_AT_NODE: &str = "Crossover at an added node";
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
    /// The edges and words of the interval where self-hosting starts to win for good.
    Interval,
    /// The interval's shading.
    IntervalShade,
    /// A tornado bar's part with the input at its low guess.
    LowGuess,
    /// A tornado bar's part with the input at its high guess.
    HighGuess,
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
    /// Points in log10 units, in increasing volume, where it can run as configured;
    /// empty when it serves nothing or can run nowhere.
    pub points: Vec<[f64; 2]>,
    /// Points where it cannot run as configured (its model does not fit, or past its node
    /// limit): drawn faded and dotted, so its cost is visible but never read as an option.
    pub blocked: Vec<[f64; 2]>,
    /// Its cost band over the inputs' ranges, `[log volume, log low, log high]` in
    /// increasing volume, drawn translucent under the curve; empty without ranges.
    pub band: Vec<[f64; 3]>,
}

/// A bar: on the timeline's "each month" view, the nodes bought in a month, stacked on
/// that month's running cost so the bar's top is the month's whole cash.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FigureBar {
    /// Its left and right edges, in the figure's x units (months).
    pub x: (f64, f64),
    /// Its bottom and top, in the figure's y units (dollars).
    pub y: (f64, f64),
    /// Its colour: the option's.
    pub ink: Ink,
    /// A pinned scenario's bar, drawn as an outline.
    pub hollow: bool,
    /// Bought in a month the option cannot run as configured: drawn faded, as its line.
    pub faded: bool,
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
    /// The crossover it belongs to, log10 units.
    pub at: [f64; 2],
    /// The words.
    pub text: String,
    /// For the label of an alternating stretch: the stretch, log10 tokens per month, drawn
    /// as a bracket under the words.
    pub brackets: Option<(f64, f64)>,
    /// True when the words are about a pair whose winner is not the cheapest option (they
    /// say so): drawn muted.
    pub secondary: bool,
    /// Where the words go in the plot area, once [`Figure::place_text`] has run.
    pub placed: Option<TextBox>,
    /// The words as the lines they are drawn in, once placed (a long label on a narrow
    /// plot takes two); each line's top is [`LINE_GAP`] text heights below
    /// the one before.
    pub lines: Vec<String>,
}

/// The dashed line at the scenario's volume.
#[derive(Clone, Debug, PartialEq)]
pub struct VolumeMarker {
    /// Position, log10 tokens per month.
    pub at: f64,
    /// "100M tok/mo".
    pub text: String,
    /// Where the words go in the plot area, once [`Figure::place_text`] has run.
    pub placed: Option<TextBox>,
}

/// How a legend entry shows its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Swatch {
    /// A line (dashed or solid).
    Line {
        /// Dashed rather than solid.
        dashed: bool,
        /// Faded and dotted: an option that cannot run as configured at any volume.
        faded: bool,
    },
    /// A filled square, for shading.
    Area,
    /// A crossover marker: filled where the costs are equal.
    Marker,
    /// A hollow crossover marker: the order flips at an added node.
    HollowMarker,
    /// A translucent band with a line through it: a cost band.
    Band,
    /// Shading between two dashed edges: the crossover interval.
    Interval,
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

/// The axes' titles.
#[derive(Clone, Debug, PartialEq)]
pub struct AxisTitles {
    /// Under the horizontal axis.
    pub x: String,
    /// Beside the vertical axis.
    pub y: String,
    /// Beside the vertical axis of a short plot.
    pub y_short: String,
}

impl AxisTitles {
    /// The cost chart's: volume and cost on log scales.
    pub fn costs(currency: &Currency) -> Self {
        Self {
            x: X_TITLE.to_owned(),
            y: Y_TITLE.replace("USD", &currency.code),
            y_short: Y_TITLE_SHORT.replace("USD", &currency.code),
        }
    }

    /// The vertical axis's title for a plot `length` high with titles `size` high: the
    /// long one where it fits along the plot, else the short one (the long one would run
    /// past the plot's ends). Every renderer asks this, in its own units.
    pub fn y_for(&self, length: f64, size: f64) -> &str {
        if text_width(&self.y, size) <= length {
            &self.y
        } else {
            &self.y_short
        }
    }
}

/// Everything drawn in the chart for one view of one model.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What part of the plane is shown.
    pub bounds: Bounds,
    /// What the axes measure.
    pub titles: AxisTitles,
    /// Grid lines and labels along the volume axis.
    pub x_ticks: Vec<Tick>,
    /// Grid lines and labels along the cost axis.
    pub y_ticks: Vec<Tick>,
    /// Shaded ranges, drawn first.
    pub shades: Vec<Shade>,
    /// One curve per option, in display order.
    pub curves: Vec<FigureCurve>,
    /// Bars drawn over the curves (the timeline's purchases); none on the cost chart.
    pub bars: Vec<FigureBar>,
    /// Every crossover inside the bounds.
    pub markers: Vec<Marker>,
    /// The crossovers that get words.
    pub labels: Vec<Label>,
    /// The scenario's volume, when inside the bounds.
    pub volume_marker: Option<VolumeMarker>,
    /// Where self-hosting starts to win for good over the inputs' ranges, when they make
    /// it an interval that shows in the bounds.
    pub interval: Option<IntervalMark>,
    /// Legend rows: the curves, the crossover marker, then the shading that is drawn.
    pub legend: Vec<LegendEntry>,
    /// The plot corner the legend covers least of, once [`Figure::place_text`] has run.
    pub legend_corner: Corner,
    /// Whether the legend is drawn inside the plot (in [`Figure::legend_corner`]); where
    /// no corner is clear ([`Figure::legend_fits_inside`]) it is drawn outside instead, and
    /// the words get the whole plot.
    pub legend_inside: bool,
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
        let shades = legend::shades(report);
        let curves = curves::curves(model, bounds);
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
            .map(|label| Label {
                at: point(&report.crossovers[label.index]),
                text: label.text,
                brackets: label.brackets.map(|(from, to)| {
                    (
                        point(&report.crossovers[from])[0],
                        point(&report.crossovers[to])[0],
                    )
                }),
                placed: None,
                lines: Vec::new(),
                secondary: label.secondary,
            })
            .filter(|label| inside(label.at[0]))
            .collect();
        let volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0);
        let volume_marker = Some(VolumeMarker {
            at: volume.log10(),
            text: format!("{} tok/mo", format_tokens(volume)),
            placed: None,
        })
        .filter(|marker| inside(marker.at));
        let interval = ranges::interval_mark(report, bounds);
        let legend = legend::legend(model, &curves, &markers, &shades, interval.as_ref());
        Figure {
            bounds,
            titles: AxisTitles::costs(&report.currency),
            x_ticks: axes::ticks(x_low, x_high, volume_tick_label),
            y_ticks: axes::cost_ticks(bounds.min[1], bounds.max[1], &report.currency),
            shades,
            curves,
            bars: Vec::new(),
            markers,
            labels,
            volume_marker,
            interval,
            legend,
            legend_corner: Corner::default(),
            legend_inside: true,
        }
    }
}

impl Figure {
    /// Adds `pinned`'s curves, dashed and named "(pinned)", with their legend rows after
    /// the edited scenario's curves: the comparison drawn on the cost chart. Their bands
    /// are left out, so two scenarios' shading never blurs into one.
    pub fn add_pinned(&mut self, pinned: &Model) {
        let mut extra = curves::curves(pinned, self.bounds);
        for curve in &mut extra {
            curve.name.push_str(PINNED);
            curve.dashed = true;
            curve.band.clear();
        }
        let rows = extra.iter().map(|curve| LegendEntry {
            name: curve.name.clone(),
            ink: curve.ink,
            swatch: Swatch::Line {
                dashed: true,
                faded: curve.points.is_empty() && !curve.blocked.is_empty(),
            },
        });
        let at = self.curves.len().min(self.legend.len());
        self.legend.splice(at..at, rows);
        self.curves.extend(extra);
    }
}

#[cfg(test)]
mod tests;
