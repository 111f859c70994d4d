//! The cost chart: monthly cost against monthly volume, both on log scales.
//!
//! One curve per option (a self-hosted staircase shows its steps), every crossover
//! marked and labelled, the ranges where self-hosting is cheapest shaded, and the
//! current volume marked. The same function draws the app's chart and the exported
//! PNG, so a slide shows exactly what the screen showed.

use eframe::egui::{self, Align2, Color32, RichText, Stroke};
use egui_plot::{
    Corner, GridInput, GridMark, Legend, Line, LineStyle, MarkerShape, Plot, PlotBounds, PlotPoint,
    PlotPoints, Points, Span, Text, VLine,
};

use super::theme::{Look, SELF_HOSTING_CHEAPEST, TAKING_TURNS, option_colors};
use crate::engine::curve::sample_curves;
use crate::engine::staircase::Staircase;
use crate::engine::verdict::side_ranges;
use crate::engine::{OptionKind, Report, priced_options};
use crate::scenario::Scenario;
use crate::units::{format_tokens, format_usd, format_usd_axis};

/// Points sampled along each curve (plus the exact step edges).
pub const CURVE_POINTS: usize = 512;
/// Smallest and largest volume the chart ever shows, tokens per month.
pub const VOLUME_LIMITS: (f64, f64) = (1e3, 1e15);
/// Cheapest cost drawn; log scales cannot show zero.
pub const MIN_COST_SHOWN: f64 = 0.01;
/// The first and last crossover share one label when closer than this, in decades.
const MERGE_LABELS_DECADES: f64 = 0.6;

/// What the chart needs besides the scenario and its report.
pub struct ChartOptions {
    /// Colours and line widths.
    pub look: Look,
    /// Which part of the plane to show.
    pub view: ChartView,
    /// Whether the user may zoom and pan (off for exports).
    pub interactive: bool,
}

/// Which volumes and costs the chart shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ChartView {
    /// Fit the scenario: every crossover and the current volume (the default).
    FollowScenario,
    /// Wherever the user zoomed or panned to; the plot remembers it.
    UserMoved,
    /// Exactly these bounds in log10 units (`[x_min, y_min]`, `[x_max, y_max]`), for exports
    /// that must match the screen.
    Fixed([f64; 2], [f64; 2]),
}

/// What happened in the chart this frame.
pub struct ChartOutcome {
    /// The user zoomed or panned, so the view should stop following the scenario.
    pub user_moved_view: bool,
    /// The user double-clicked to reset the view.
    pub reset_requested: bool,
    /// Where the plot was drawn, in screen points.
    pub rect: egui::Rect,
    /// The bounds shown, in log10 units (`[x_min, y_min]`, `[x_max, y_max]`).
    pub bounds: ([f64; 2], [f64; 2]),
}

/// Volume range the chart shows by default: the slider range, widened to include every
/// crossover and the current volume with some margin, in log10 units.
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

/// The bounds the chart shows by default, log10 units: (`[x_min, y_min]`, `[x_max, y_max]`).
pub fn default_bounds(scenario: &Scenario, report: &Report) -> ([f64; 2], [f64; 2]) {
    let staircases: Vec<Staircase> = priced_options(scenario)
        .iter()
        .filter_map(|o| o.staircase)
        .collect();
    let x = default_x_range(report);
    let y = y_range_for(&staircases, x);
    ([x.0, y.0], [x.1, y.1])
}

/// Cost range (log10) that shows every curve over the volume range `x` (log10).
fn y_range_for(staircases: &[Staircase], x: (f64, f64)) -> (f64, f64) {
    let (low_volume, high_volume) = (10f64.powf(x.0), 10f64.powf(x.1));
    let mut low = f64::INFINITY;
    let mut high = f64::NEG_INFINITY;
    for stairs in staircases {
        low = low.min(stairs.cost(low_volume).max(MIN_COST_SHOWN));
        high = high.max(stairs.cost(high_volume).max(MIN_COST_SHOWN));
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
    let label = |index: usize| crossovers[index].label_naming_api(several_apis);
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

/// Grid lines at every decade, with thinner lines at 2× and 5×.
fn decade_grid(input: GridInput) -> Vec<GridMark> {
    let (low, high) = input.bounds;
    if !(low.is_finite() && high.is_finite()) || high - low > 30.0 {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for decade in (low.floor() as i64)..=(high.ceil() as i64) {
        let decade = decade as f64;
        marks.push(GridMark {
            value: decade,
            step_size: 1.0,
        });
        if high - low < 6.0 {
            for multiple in [2.0_f64, 5.0] {
                marks.push(GridMark {
                    value: decade + multiple.log10(),
                    step_size: 0.1,
                });
            }
        }
    }
    marks.retain(|mark| mark.value >= low && mark.value <= high);
    marks
}

/// Whether a grid mark gets a tick label: decades always, 2× and 5× when few decades show.
fn labelled(mark: &GridMark, range: &std::ops::RangeInclusive<f64>) -> bool {
    mark.step_size >= 1.0 || (range.end() - range.start()) < 2.5
}

/// Draws the chart into the remaining space of `ui`.
pub fn show(
    ui: &mut egui::Ui,
    scenario: &Scenario,
    report: &Report,
    options: &ChartOptions,
) -> ChartOutcome {
    let look = options.look;
    let palette = look.palette();
    let priced = priced_options(scenario);
    let colors = option_colors(&palette, priced.iter().map(|o| o.kind));
    let hover_costs: Vec<(String, Option<Staircase>)> = priced
        .iter()
        .map(|o| (o.name.clone(), o.staircase))
        .collect();
    let (default_min, default_max) = default_bounds(scenario, report);
    let text_size = 13.0 * look.text_scale();

    let plot = Plot::new("cost-chart")
        .legend(
            Legend::default()
                .position(Corner::RightBottom)
                .background_alpha(0.85)
                .follow_insertion_order(true),
        )
        .x_axis_label("Tokens per month (log scale)")
        .y_axis_label("Monthly cost, USD (log scale)")
        .x_grid_spacer(decade_grid)
        .y_grid_spacer(decade_grid)
        .x_axis_formatter(|mark, range| {
            if labelled(&mark, range) {
                format_tokens(10f64.powf(mark.value))
            } else {
                String::new()
            }
        })
        .y_axis_formatter(|mark, range| {
            if labelled(&mark, range) {
                format_usd_axis(10f64.powf(mark.value))
            } else {
                String::new()
            }
        })
        .y_axis_min_width(48.0)
        .label_formatter(move |position| {
            let (x, y) = match position {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => (position.x, position.y),
            };
            let volume = 10f64.powf(x);
            let mut text = format!("{} tokens/month", format_tokens(volume));
            for (name, stairs) in &hover_costs {
                let cost = stairs.map(|s| format_usd(s.cost(volume)));
                text.push_str(&format!(
                    "\n{name}: {}",
                    cost.unwrap_or_else(|| "cannot serve".to_owned())
                ));
            }
            text.push_str(&format!("\n(pointer at {})", format_usd(10f64.powf(y))));
            Some(text)
        })
        .allow_zoom(options.interactive)
        .allow_drag(options.interactive)
        .allow_scroll(options.interactive)
        .allow_boxed_zoom(options.interactive)
        .allow_double_click_reset(false)
        .show_crosshair(options.interactive);

    let view = options.view;
    let curve_width = look.curve_width();
    let response = plot.show(ui, |plot_ui| {
        match view {
            ChartView::FollowScenario => {
                plot_ui.set_plot_bounds(PlotBounds::from_min_max(default_min, default_max));
            }
            ChartView::Fixed(min, max) => {
                plot_ui.set_plot_bounds(PlotBounds::from_min_max(min, max));
            }
            ChartView::UserMoved => {}
        }
        let bounds = plot_ui.plot_bounds();
        let (x_low, x_high) = (
            bounds.min()[0].max(VOLUME_LIMITS.0.log10()),
            bounds.max()[0].min(VOLUME_LIMITS.1.log10()),
        );
        let (volume_low, volume_high) = (10f64.powf(x_low), 10f64.powf(x_high.max(x_low)));

        for side in side_ranges(report)
            .iter()
            .filter(|side| side.self_hosting || side.alternating)
        {
            let from = side.from.max(VOLUME_LIMITS.0).log10();
            let to = side
                .to
                .unwrap_or(VOLUME_LIMITS.1)
                .min(VOLUME_LIMITS.1)
                .log10();
            let (name, fill) = if side.alternating {
                (TAKING_TURNS, palette.taking_turns)
            } else {
                (SELF_HOSTING_CHEAPEST, palette.self_hosting_wins)
            };
            plot_ui.span(Span::new(name, from..=to).fill(fill).border_width(0.0));
        }

        for (curve, color) in sample_curves(scenario, volume_low, volume_high, CURVE_POINTS)
            .into_iter()
            .zip(&colors)
        {
            if curve.points.is_empty() {
                continue;
            }
            let points: PlotPoints = curve
                .points
                .iter()
                .map(|(volume, cost)| [volume.log10(), cost.max(MIN_COST_SHOWN).log10()])
                .collect();
            let style = if curve.kind == OptionKind::Hybrid {
                LineStyle::dashed_loose()
            } else {
                LineStyle::Solid
            };
            plot_ui.line(
                Line::new(curve.name, points)
                    .color(*color)
                    .width(curve_width)
                    .style(style),
            );
        }

        for crossover in &report.crossovers {
            let x = crossover
                .volume_tokens_per_month
                .max(VOLUME_LIMITS.0)
                .log10();
            let y = crossover.monthly_cost_usd.max(MIN_COST_SHOWN).log10();
            plot_ui.points(
                Points::new("Crossovers", vec![[x, y]])
                    .shape(MarkerShape::Circle)
                    .filled(!crossover.at_node_step)
                    .radius(if look.presentation { 8.0 } else { 6.0 })
                    .color(palette.crossover),
            );
        }
        for (index, label) in crossover_labels(report) {
            let crossover = &report.crossovers[index];
            let x = crossover
                .volume_tokens_per_month
                .max(VOLUME_LIMITS.0)
                .log10();
            let y = crossover.monthly_cost_usd.max(MIN_COST_SHOWN).log10();
            // Costs never fall with volume, so everything left of a crossover lies below
            // it: above-left of the point is always clear. Go right only when the
            // label does not fit on the left.
            let bounds_now = plot_ui.plot_bounds();
            let transform = plot_ui.transform();
            let point_x = transform.position_from_point_x(x);
            let label_width = (label.chars().count() as f32 + 2.0) * text_size * 0.55;
            let fits_left = point_x - label_width > transform.frame().left();
            let (anchor, padded) = if fits_left {
                (Align2::RIGHT_BOTTOM, format!("{label}  "))
            } else {
                (Align2::LEFT_BOTTOM, format!("  {label}"))
            };
            let lift = 0.03 * bounds_now.height();
            plot_ui.text(
                Text::new(
                    "",
                    PlotPoint::new(x, y + lift),
                    RichText::new(padded).size(text_size).strong(),
                )
                .color(palette.crossover)
                .anchor(anchor),
            );
        }

        let volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0);
        plot_ui.vline(
            VLine::new("", volume.log10())
                .stroke(Stroke::new(1.5, palette.volume_marker))
                .style(LineStyle::dashed_dense()),
        );
        let top = plot_ui.plot_bounds().max()[1];
        plot_ui.text(
            Text::new(
                "",
                PlotPoint::new(volume.log10(), top),
                RichText::new(format!(" {} tok/mo", format_tokens(volume))).size(text_size),
            )
            .color(palette.volume_marker)
            .anchor(Align2::LEFT_TOP),
        );
    });

    let plot_response = &response.response;
    let user_moved_view = options.interactive
        && (plot_response.dragged()
            || (plot_response.hovered()
                && ui.input(|input| {
                    input.smooth_scroll_delta != egui::Vec2::ZERO || input.zoom_delta() != 1.0
                })));
    let bounds = response.transform.bounds();
    ChartOutcome {
        user_moved_view,
        reset_requested: plot_response.double_clicked(),
        rect: plot_response.rect,
        bounds: (bounds.min(), bounds.max()),
    }
}

/// A colour swatch and a name, for legends drawn outside the plot.
pub fn swatch(ui: &mut egui::Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, color);
        ui.label(label);
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::presets;

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
        scenario.hybrid = Some(crate::scenario::Hybrid {
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
    fn decade_marks_have_labels_and_minor_marks_do_not_when_wide() {
        let marks = decade_grid(GridInput {
            bounds: (5.0, 9.0),
            base_step_size: 0.01,
        });
        assert!(marks.iter().any(|m| m.value == 6.0 && m.step_size == 1.0));
        let range = 5.0..=9.0;
        let minor = marks
            .iter()
            .find(|m| m.step_size < 1.0)
            .expect("minor marks");
        assert!(!labelled(minor, &range));
    }
}
