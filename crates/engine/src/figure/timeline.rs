//! The timeline chart described without a UI, in the same [`Figure`] the cost chart uses:
//! months on a linear x axis (month m spans m − 1 to m), cash on a linear y axis from $0,
//! each option as steps (so a month that buys nodes shows as a step up), the best switch
//! as a dashed plan with its month marked, and the break-even month as a labelled marker.
//!
//! The app's plot and the SVG writer draw it with the cost chart's code, so the screen,
//! the PNG and the SVG agree here too.

use super::{
    AxisTitles, Bounds, Corner, Figure, FigureCurve, Ink, Label, LegendEntry, Marker, Swatch,
    Tick, VolumeMarker, option_inks,
};
use crate::engine::timeline::words::month_words;
use crate::engine::timeline::{BestSwitch, Timeline};
use crate::engine::{Model, OptionKind};
use crate::units::{format_tokens, format_usd, format_usd_axis};

/// Monthly cash or the running total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimelineMeasure {
    /// What each month costs.
    #[default]
    Monthly,
    /// What has been paid from month 1 to each month.
    Cumulative,
}

impl TimelineMeasure {
    /// The vertical axis' title.
    pub fn title(self) -> &'static str {
        match self {
            TimelineMeasure::Monthly => "Cash paid each month, USD",
            TimelineMeasure::Cumulative => "Cash paid since month 1, USD",
        }
    }

    /// The vertical axis' title on a short plot.
    pub fn short_title(self) -> &'static str {
        match self {
            TimelineMeasure::Monthly => "USD/month",
            TimelineMeasure::Cumulative => "USD, total",
        }
    }
}

/// Title of the months axis.
pub const MONTH_TITLE: &str = "Month";
/// Legend name of the break-even marker.
pub const BREAK_EVEN: &str = "Break-even (same total so far)";
/// Suffix of a pinned scenario's curves in the legend.
pub const PINNED: &str = " (pinned)";

/// The timeline of `model` as a figure, with `pinned`'s options dashed beside it.
pub fn timeline_figure(model: &Model, measure: TimelineMeasure, pinned: Option<&Model>) -> Figure {
    let timeline = model.timeline();
    let mut curves = series_curves(model, measure, false);
    let headline = headline_switch(timeline);
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let mut volume_marker = None;
    if let Some((switch, index)) = headline {
        let own = timeline.option_names().iter().position(|name| *name == switch.self_hosted);
        if let Some(month) = switch.month {
            curves.push(FigureCurve {
                name: format!("Switch to {} in month {month}", switch.self_hosted),
                ink: Ink::Interval,
                dashed: true,
                points: steps(&measured(&switch.plan_monthly_usd, measure)),
                blocked: Vec::new(),
                band: Vec::new(),
            });
            volume_marker = Some(VolumeMarker {
                at: f64::from(month - 1),
                text: format!("Switch: {}", month_words(month)),
                placed: None,
            });
        }
        if let (Some(month), Some(own)) = (timeline.break_even[index].month, own) {
            let row = &timeline.rows[month as usize - 1];
            let value = match measure {
                TimelineMeasure::Monthly => row.costs[own].monthly_usd,
                TimelineMeasure::Cumulative => row.costs[own].cumulative_usd,
            };
            let at = [f64::from(month), value];
            markers.push(Marker { at, hollow: false });
            labels.push(Label {
                at,
                text: format!("Breaks even in {}", month_words(month)),
                brackets: None,
                placed: None,
                lines: Vec::new(),
            });
        }
    }
    if let Some(pinned) = pinned {
        curves.extend(series_curves(pinned, measure, true));
    }
    let months = pinned
        .map_or(0, |pinned| pinned.timeline().months)
        .max(timeline.months)
        .max(1);
    let highest = curves
        .iter()
        .flat_map(|curve| curve.points.iter().chain(&curve.blocked))
        .map(|point| point[1])
        .fold(0.0_f64, f64::max);
    let (y_max, y_ticks) = money_ticks(highest);
    let bounds = Bounds {
        min: [0.0, 0.0],
        max: [f64::from(months), y_max],
    };
    let legend = legend(&curves, !markers.is_empty());
    Figure {
        bounds,
        titles: AxisTitles {
            x: MONTH_TITLE.to_owned(),
            y: measure.title().to_owned(),
            y_short: measure.short_title().to_owned(),
        },
        x_ticks: month_ticks(months),
        y_ticks,
        shades: Vec::new(),
        curves,
        markers,
        labels,
        volume_marker,
        interval: None,
        legend,
        legend_corner: Corner::default(),
        legend_inside: true,
    }
}

/// The switch the timeline's headline is about (the one saving most) and its index; the
/// first self-hosted option when none saves anything.
fn headline_switch(timeline: &Timeline) -> Option<(&BestSwitch, usize)> {
    timeline
        .best_switch
        .iter()
        .enumerate()
        .rev()
        .max_by(|a, b| a.1.saving_usd.total_cmp(&b.1.saving_usd))
        .map(|(index, switch)| (switch, index))
}

/// Each option of `model` as steps, in its colour; a pinned scenario's dashed and named so.
fn series_curves(model: &Model, measure: TimelineMeasure, pinned: bool) -> Vec<FigureCurve> {
    let timeline = model.timeline();
    let kinds: Vec<OptionKind> = timeline
        .option_names()
        .iter()
        .map(|name| {
            model
                .options()
                .iter()
                .find(|option| option.name == *name)
                .map_or(OptionKind::Api, |option| option.kind)
        })
        .collect();
    let inks = option_inks(kinds.iter().copied());
    timeline
        .option_names()
        .iter()
        .enumerate()
        .zip(inks)
        .zip(&kinds)
        .map(|(((index, name), ink), kind)| {
            let monthly: Vec<f64> = timeline
                .rows
                .iter()
                .map(|row| row.costs[index].monthly_usd)
                .collect();
            let all = steps(&measured(&monthly, measure));
            let runs: Vec<bool> = timeline
                .rows
                .iter()
                .map(|row| row.costs[index].cannot_run.is_none())
                .collect();
            // Two points per month: those of months it cannot run in are drawn faded.
            let (points, blocked) = split_by_month(&all, &runs);
            FigureCurve {
                name: if pinned {
                    format!("{name}{PINNED}")
                } else {
                    (*name).to_owned()
                },
                ink,
                dashed: pinned || *kind == OptionKind::Hybrid,
                points,
                blocked,
                band: Vec::new(),
            }
        })
        .collect()
}

/// Monthly values, or their running totals.
fn measured(monthly: &[f64], measure: TimelineMeasure) -> Vec<f64> {
    match measure {
        TimelineMeasure::Monthly => monthly.to_vec(),
        TimelineMeasure::Cumulative => monthly
            .iter()
            .scan(0.0, |total, cost| {
                *total += cost;
                Some(*total)
            })
            .collect(),
    }
}

/// Month m's value held from m − 1 to m: two points per month.
fn steps(values: &[f64]) -> Vec<[f64; 2]> {
    values
        .iter()
        .enumerate()
        .flat_map(|(index, value)| {
            let start = index as f64;
            [[start, *value], [start + 1.0, *value]]
        })
        .collect()
}

/// The steps of months the option runs in, and those it cannot run in.
fn split_by_month(points: &[[f64; 2]], runs: &[bool]) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    let mut running = Vec::new();
    let mut blocked = Vec::new();
    for (pair, runs) in points.chunks(2).zip(runs) {
        if *runs {
            running.extend_from_slice(pair);
        } else {
            blocked.extend_from_slice(pair);
        }
    }
    (running, blocked)
}

/// Month ticks: every month on a short horizon, every quarter, half-year or year on
/// longer ones; years are major and always labelled.
fn month_ticks(months: u32) -> Vec<Tick> {
    let step = match months {
        0..=12 => 1,
        13..=36 => 3,
        37..=72 => 6,
        _ => 12,
    };
    (0..=months)
        .filter(|month| month % step == 0)
        .map(|month| Tick {
            value: f64::from(month),
            major: month % 12 == 0,
            label: Some(month.to_string()),
        })
        .collect()
}

/// The top of a money axis from $0 that holds `highest` with some room, and its ticks at
/// a round step (1, 2 or 5 × a power of ten), 4 to 8 of them.
fn money_ticks(highest: f64) -> (f64, Vec<Tick>) {
    let top = if highest.is_finite() && highest > 0.0 {
        highest * 1.08
    } else {
        1.0
    };
    let rough = top / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|factor| factor * power)
        .find(|step| top / step <= 7.0)
        .unwrap_or(10.0 * power);
    let count = (top / step).ceil();
    let max = count * step;
    let ticks = (0..=count as u32)
        .map(|index| {
            let value = f64::from(index) * step;
            Tick {
                value,
                major: true,
                label: Some(format_usd_axis(value)),
            }
        })
        .collect();
    (max, ticks)
}

/// Legend rows: each curve (faded when it cannot run in any month), then the marker.
fn legend(curves: &[FigureCurve], break_even: bool) -> Vec<LegendEntry> {
    let mut legend: Vec<LegendEntry> = curves
        .iter()
        .map(|curve| LegendEntry {
            name: curve.name.clone(),
            ink: curve.ink,
            swatch: Swatch::Line {
                dashed: curve.dashed,
                faded: curve.points.is_empty() && !curve.blocked.is_empty(),
            },
        })
        .collect();
    if break_even {
        legend.push(LegendEntry {
            name: BREAK_EVEN.to_owned(),
            ink: Ink::Crossover,
            swatch: Swatch::Marker,
        });
    }
    legend
}

/// The hover read-out at `x` months: the month, its volume, and each option's cash that
/// month and so far (and the pinned scenario's, when there is one).
pub fn timeline_hover(model: &Model, pinned: Option<&Model>, x: f64) -> String {
    let timeline = model.timeline();
    let month = (x.ceil().max(1.0) as usize).min(timeline.rows.len().max(1));
    let Some(row) = timeline.rows.get(month - 1) else {
        return String::new();
    };
    let mut text = format!(
        "{}: {} tokens",
        capitalised(&month_words(row.month)),
        format_tokens(row.tokens)
    );
    let mut lines = |row: &crate::engine::timeline::TimelineRow, suffix: &str| {
        for cost in &row.costs {
            text.push_str(&format!(
                "\n{}{suffix}: {} this month, {} so far",
                cost.option,
                format_usd(cost.monthly_usd),
                format_usd(cost.cumulative_usd)
            ));
            if let Some(purchase) = cost.purchase_usd.filter(|usd| *usd > 0.0) {
                text.push_str(&format!(" (buys nodes for {})", format_usd(purchase)));
            }
        }
    };
    lines(row, "");
    if let Some(pinned_row) = pinned.and_then(|pinned| pinned.timeline().rows.get(month - 1)) {
        lines(pinned_row, PINNED);
    }
    text
}

/// "Month 5" from "month 5".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare;
    use crate::scenario::presets;

    fn servers_growing() -> Model {
        let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        scenario.timeline.growth_per_month = 0.15;
        prepare(&scenario)
    }

    #[test]
    fn the_figure_draws_the_months_the_switch_and_the_break_even() {
        let model = servers_growing();
        let figure = timeline_figure(&model, TimelineMeasure::Cumulative, None);
        assert_eq!(figure.bounds.max[0], 36.0);
        assert_eq!(figure.bounds.min, [0.0, 0.0]);
        // GPT-4o, the servers, the switch plan.
        assert_eq!(figure.curves.len(), 3);
        assert_eq!(figure.curves[0].points.len(), 72);
        assert_eq!(figure.curves[0].points[71], [36.0, model.timeline().totals()[0]]);
        assert!(figure.bounds.max[1] >= model.timeline().totals()[0]);
        let switch = figure.volume_marker.as_ref().expect("switch marked");
        assert_eq!(switch.at, 4.0, "month 5 starts at 4");
        assert_eq!(switch.text, "Switch: month 5");
        assert_eq!(figure.labels[0].text, "Breaks even in month 7");
        assert_eq!(figure.markers[0].at, [7.0, 3850.0]);
        let names: Vec<&str> = figure.legend.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "GPT-4o",
                "Llama 3.1 70B on a dedicated A100",
                "Switch to Llama 3.1 70B on a dedicated A100 in month 5",
                BREAK_EVEN
            ]
        );
        // The plan's last point is its total.
        let plan = figure.curves[2].points.last().expect("points");
        assert!((plan[1] - 65_847.681_25).abs() < 1e-6);
    }

    #[test]
    fn money_ticks_are_round_and_cover_the_highest_value() {
        let (max, ticks) = money_ticks(355_021.0);
        assert!(max >= 355_021.0 * 1.08 - 1e-9);
        let labels: Vec<&str> = ticks.iter().filter_map(|t| t.label.as_deref()).collect();
        assert_eq!(labels, ["$0", "$100k", "$200k", "$300k", "$400k"]);
        let (max, ticks) = money_ticks(0.0);
        assert_eq!(max, 1.0);
        assert!(ticks.len() >= 2);
    }

    #[test]
    fn a_pinned_scenario_is_drawn_dashed_and_named() {
        let model = servers_growing();
        let pinned = prepare(&presets::load("gpt4o-mini-classification").expect("preset"));
        let figure = timeline_figure(&model, TimelineMeasure::Monthly, Some(&pinned));
        let pinned_curves: Vec<&FigureCurve> = figure
            .curves
            .iter()
            .filter(|curve| curve.name.ends_with(PINNED))
            .collect();
        assert_eq!(pinned_curves.len(), pinned.timeline().option_names().len());
        assert!(pinned_curves.iter().all(|curve| curve.dashed));
        let hover = timeline_hover(&model, Some(&pinned), 4.5);
        assert!(hover.starts_with("Month 5: 175M tokens"), "{hover}");
        assert!(hover.contains("GPT-4o: $612.15 this month, $2,360 so far"), "{hover}");
        assert!(hover.contains("(pinned)"), "{hover}");
    }

    #[test]
    fn months_that_buy_nodes_show_in_the_hover() {
        let mut scenario = presets::load("gpt5-nano-vs-rtx4060ti").expect("preset");
        scenario.timeline.growth_per_month = 0.05;
        let model = prepare(&scenario);
        let hover = timeline_hover(&model, None, 29.5);
        assert!(hover.contains("$410.00 this month"), "{hover}");
        assert!(hover.contains("(buys nodes for $400.00)"), "{hover}");
    }
}
