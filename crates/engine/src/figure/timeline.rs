//! The timeline chart described without a UI, in the same [`Figure`] the cost chart uses:
//! months on a linear x axis (month m spans m − 1 to m), cash on a linear y axis from $0.
//! Each month's cash is drawn at the middle of its month, so a month that buys nodes is a
//! spike; the running total at each month's end, from $0 at the start, so a purchase is a
//! step up. The best switch is a dashed plan with its month marked; on the running total,
//! the break-even month is a labelled marker.
//!
//! The app's plot and the SVG writer draw it with the cost chart's code, so the screen,
//! the PNG and the SVG agree here too.

use super::{
    AxisTitles, Bounds, Corner, Figure, FigureBar, FigureCurve, Ink, Label, LegendEntry, Marker,
    Swatch, Tick, VolumeMarker, option_inks,
};
use crate::engine::timeline::words::month_words;
use crate::engine::timeline::{BestSwitch, Timeline};
use crate::engine::{Model, OptionKind};
use crate::units::{Currency, format_tokens};

/// Monthly cash or the running total.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimelineMeasure {
    /// What each month costs.
    Monthly,
    /// What has been paid from month 1 to each month: where break-even shows, so the
    /// timeline opens on it.
    #[default]
    Cumulative,
}

impl TimelineMeasure {
    /// The vertical axis' title: "Cash paid each month, USD".
    pub fn title(self, currency: &Currency) -> String {
        match self {
            TimelineMeasure::Monthly => format!("Cash paid each month, {}", currency.code),
            TimelineMeasure::Cumulative => format!("Cash paid since month 1, {}", currency.code),
        }
    }

    /// The vertical axis' title on a short plot: "USD/month".
    pub fn short_title(self, currency: &Currency) -> String {
        match self {
            TimelineMeasure::Monthly => format!("{}/month", currency.code),
            TimelineMeasure::Cumulative => format!("{}, total", currency.code),
        }
    }
}

/// Title of the months axis.
pub const MONTH_TITLE: &str = "Month";
/// Legend name of the break-even marker.
pub const BREAK_EVEN: &str = "Break-even (same total so far)";
/// Legend name of the purchase bars (each in the colour of the option that buys, stacked
/// on the month's running cost).
pub const NODES_BOUGHT: &str = "Nodes bought that month";
/// Suffix of a pinned scenario's curves in the legend.
pub const PINNED: &str = " (pinned)";

/// The timeline of `model` as a figure, with `pinned`'s options dashed beside it.
pub fn timeline_figure(model: &Model, measure: TimelineMeasure, pinned: Option<&Model>) -> Figure {
    let timeline = model.timeline();
    let (mut curves, mut bars) = series_curves(model, measure, false);
    let headline = headline_switch(timeline);
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let mut volume_marker = None;
    if let Some((switch, index)) = headline {
        let own = timeline
            .option_keys()
            .iter()
            .position(|key| *key == switch.pair.self_hosted);
        if let Some(month) = switch.month {
            curves.push(FigureCurve {
                name: format!("Switch to {} in month {month}", switch.self_hosted),
                ink: Ink::Interval,
                dashed: true,
                points: points(&switch.plan_monthly_usd, measure),
                blocked: Vec::new(),
                band: Vec::new(),
            });
            volume_marker = Some(VolumeMarker {
                at: f64::from(month - 1),
                text: format!("Switch: {}", month_words(month)),
                placed: None,
            });
        }
        // Break-even is about totals: it is marked where totals are drawn.
        let break_even = timeline.break_even[index]
            .month
            .filter(|_| measure == TimelineMeasure::Cumulative);
        if let (Some(month), Some(own)) = (break_even, own) {
            let row = &timeline.rows[month as usize - 1];
            let at = [f64::from(month), row.costs[own].cumulative_usd];
            markers.push(Marker { at, hollow: false });
            labels.push(Label {
                at,
                text: format!("Breaks even in {}", month_words(month)),
                brackets: None,
                placed: None,
                lines: Vec::new(),
                secondary: false,
            });
        }
    }
    if let Some(pinned) = pinned {
        let (pinned_curves, pinned_bars) = series_curves(pinned, measure, true);
        curves.extend(pinned_curves);
        bars.extend(pinned_bars);
    }
    let months = pinned
        .map_or(0, |pinned| pinned.timeline().months)
        .max(timeline.months)
        .max(1);
    let highest = curves
        .iter()
        .flat_map(|curve| curve.points.iter().chain(&curve.blocked))
        .map(|point| point[1])
        .chain(bars.iter().map(|bar| bar.y.1))
        .fold(0.0_f64, f64::max);
    let currency = &timeline.currency;
    let (y_max, y_ticks) = money_ticks(highest, currency);
    let bounds = Bounds {
        min: [0.0, 0.0],
        max: [f64::from(months), y_max],
    };
    let legend = legend(
        &curves,
        !markers.is_empty(),
        bars.first().map(|bar| bar.ink),
    );
    Figure {
        bounds,
        titles: AxisTitles {
            x: MONTH_TITLE.to_owned(),
            y: measure.title(currency),
            y_short: measure.short_title(currency),
        },
        x_ticks: month_ticks(months),
        y_ticks,
        shades: Vec::new(),
        curves,
        bars,
        markers,
        labels,
        volume_marker,
        interval: None,
        legend,
        legend_corner: Corner::default(),
        legend_inside: true,
    }
}

/// The switch the timeline's headline is about, and its index.
fn headline_switch(timeline: &Timeline) -> Option<(&BestSwitch, usize)> {
    let index = timeline.headline_index()?;
    Some((&timeline.best_switch[index], index))
}

/// Each option of `model` as a line in its colour, a pinned scenario's dashed and named
/// so; on the "each month" view, with the nodes bought in a month as bars stacked on that
/// month's running cost (a line through them would zig-zag and hide what recurs).
fn series_curves(
    model: &Model,
    measure: TimelineMeasure,
    pinned: bool,
) -> (Vec<FigureCurve>, Vec<FigureBar>) {
    let timeline = model.timeline();
    let kinds: Vec<OptionKind> = timeline
        .option_keys()
        .iter()
        .map(|key| {
            model
                .options()
                .iter()
                .find(|option| option.key == *key)
                .map_or(OptionKind::Api, |option| option.kind)
        })
        .collect();
    let inks = option_inks(kinds.iter().copied());
    let mut bars = Vec::new();
    let curves = timeline
        .option_names()
        .iter()
        .enumerate()
        .zip(inks)
        .zip(&kinds)
        .map(|(((index, name), ink), kind)| {
            let costs = timeline.rows.iter().map(|row| &row.costs[index]);
            let monthly: Vec<f64> = match measure {
                TimelineMeasure::Monthly => costs
                    .map(|cost| cost.monthly_usd - cost.purchase_usd.unwrap_or(0.0))
                    .collect(),
                TimelineMeasure::Cumulative => costs.map(|cost| cost.monthly_usd).collect(),
            };
            if measure == TimelineMeasure::Monthly {
                bars.extend(purchase_bars(timeline, index, ink, pinned));
            }
            let all = points(&monthly, measure);
            let runs: Vec<bool> = timeline
                .rows
                .iter()
                .map(|row| row.costs[index].cannot_run.is_none())
                .collect();
            // Months it cannot run in are drawn faded.
            let (points, blocked) = split_by_month(&all, &runs, measure);
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
        .collect();
    (curves, bars)
}

/// Share of a month a purchase's bar spans.
const BAR_WIDTH: f64 = 0.6;

/// Option `index`'s purchases as bars: in each month it buys nodes, from that month's
/// running cost up to its whole cash.
fn purchase_bars(
    timeline: &Timeline,
    index: usize,
    ink: Ink,
    hollow: bool,
) -> impl Iterator<Item = FigureBar> + '_ {
    timeline
        .rows
        .iter()
        .enumerate()
        .filter_map(move |(month, row)| {
            let cost = &row.costs[index];
            let bought = cost.purchase_usd.filter(|usd| *usd > 0.0)?;
            let middle = month as f64 + 0.5;
            Some(FigureBar {
                x: (middle - BAR_WIDTH / 2.0, middle + BAR_WIDTH / 2.0),
                y: (cost.monthly_usd - bought, cost.monthly_usd),
                ink,
                hollow,
                faded: cost.cannot_run.is_some(),
            })
        })
}

/// The points of a line: each month's cash at the middle of its month, or the running
/// total at each month's end from $0 at the start.
fn points(monthly: &[f64], measure: TimelineMeasure) -> Vec<[f64; 2]> {
    match measure {
        TimelineMeasure::Monthly => monthly
            .iter()
            .enumerate()
            .map(|(index, cost)| [index as f64 + 0.5, *cost])
            .collect(),
        TimelineMeasure::Cumulative => std::iter::once([0.0, 0.0])
            .chain(
                monthly
                    .iter()
                    .enumerate()
                    .scan(0.0, |total, (index, cost)| {
                        *total += cost;
                        Some([index as f64 + 1.0, *total])
                    }),
            )
            .collect(),
    }
}

/// The line where the option runs, and where it cannot (each month's segment goes with
/// the month it ends in; the faded line starts where the running one stops).
fn split_by_month(
    points: &[[f64; 2]],
    runs: &[bool],
    measure: TimelineMeasure,
) -> (Vec<[f64; 2]>, Vec<[f64; 2]>) {
    // The running total's first point is the start of month 1, before any month.
    let (start, months) = match measure {
        TimelineMeasure::Monthly => (None, points),
        TimelineMeasure::Cumulative => (points.first(), points.get(1..).unwrap_or_default()),
    };
    let mut running: Vec<[f64; 2]> = Vec::new();
    let mut blocked: Vec<[f64; 2]> = Vec::new();
    let mut previous = start.copied();
    for (point, runs) in months.iter().zip(runs) {
        let line = if *runs { &mut running } else { &mut blocked };
        if line.is_empty()
            && let Some(previous) = previous
        {
            line.push(previous);
        }
        line.push(*point);
        previous = Some(*point);
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

/// The top of a money axis from $0 that holds `highest` (US dollars) with some room, and
/// its ticks at a round step of `currency` (1, 2 or 5 × a power of ten), 4 to 8 of them;
/// the values stay in US dollars, as the curves are.
fn money_ticks(highest: f64, currency: &Currency) -> (f64, Vec<Tick>) {
    let highest = currency.convert(highest);
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
                value: value / currency.per_usd,
                major: true,
                label: Some(currency.format_axis(value / currency.per_usd)),
            }
        })
        .collect();
    (max / currency.per_usd, ticks)
}

/// Legend rows: each curve (faded when it cannot run in any month), then the marker.
fn legend(curves: &[FigureCurve], break_even: bool, bought: Option<Ink>) -> Vec<LegendEntry> {
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
    if let Some(ink) = bought {
        legend.push(LegendEntry {
            name: NODES_BOUGHT.to_owned(),
            ink,
            swatch: Swatch::Area,
        });
    }
    legend
}

/// The hover read-out at `x` months: the month, its volume, and each option's cash that
/// month and so far (and the pinned scenario's, when there is one).
pub fn timeline_hover(model: &Model, pinned: Option<&Model>, x: f64) -> String {
    let timeline = model.timeline();
    let pinned_rows = pinned.map_or(0, |pinned| pinned.timeline().rows.len());
    let months = timeline.rows.len().max(pinned_rows).max(1);
    let month = (x.ceil().max(1.0) as usize).min(months);
    let row = timeline.rows.get(month - 1);
    let pinned_row = pinned.and_then(|pinned| pinned.timeline().rows.get(month - 1));
    let Some(first) = row.or(pinned_row) else {
        return String::new();
    };
    let mut text = format!(
        "{}: {} tokens",
        capitalised(&month_words(first.month)),
        format_tokens(first.tokens)
    );
    let money = |usd: f64| timeline.currency.format(usd);
    let mut lines = |row: &crate::engine::timeline::TimelineRow, suffix: &str| {
        for cost in &row.costs {
            text.push_str(&format!(
                "\n{}{suffix}: {} this month, {} so far",
                cost.option,
                money(cost.monthly_usd),
                money(cost.cumulative_usd)
            ));
            if let Some(purchase) = cost.purchase_usd.filter(|usd| *usd > 0.0) {
                text.push_str(&format!(" (buys nodes for {})", money(purchase)));
            }
        }
    };
    if let Some(row) = row {
        lines(row, "");
    }
    if let Some(pinned_row) = pinned_row {
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
        assert_eq!(figure.curves[0].points.len(), 37);
        assert_eq!(figure.curves[0].points[0], [0.0, 0.0]);
        assert_eq!(
            figure.curves[0].points[36],
            [36.0, model.timeline().totals()[0]]
        );
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
        // Each month's cash sits mid-month; break-even is not marked there.
        let monthly = timeline_figure(&model, TimelineMeasure::Monthly, None);
        assert_eq!(monthly.curves[0].points[0], [0.5, 350.0]);
        assert!(monthly.markers.is_empty() && monthly.labels.is_empty());
        assert!(monthly.volume_marker.is_some());
    }

    #[test]
    fn months_an_option_cannot_run_are_drawn_apart() {
        let points = points(&[1.0, 2.0, 3.0, 4.0], TimelineMeasure::Cumulative);
        let (running, blocked) = split_by_month(
            &points,
            &[true, true, false, false],
            TimelineMeasure::Cumulative,
        );
        assert_eq!(running, [[0.0, 0.0], [1.0, 1.0], [2.0, 3.0]]);
        assert_eq!(blocked, [[2.0, 3.0], [3.0, 6.0], [4.0, 10.0]]);
        let (running, blocked) = split_by_month(&points, &[false; 4], TimelineMeasure::Cumulative);
        assert!(running.is_empty());
        assert_eq!(blocked.len(), 5);
    }

    #[test]
    fn money_ticks_are_round_and_cover_the_highest_value() {
        let (max, ticks) = money_ticks(355_021.0, &Currency::usd());
        assert!(max >= 355_021.0 * 1.08 - 1e-9);
        let labels: Vec<&str> = ticks.iter().filter_map(|t| t.label.as_deref()).collect();
        assert_eq!(labels, ["$0", "$100k", "$200k", "$300k", "$400k"]);
        let (max, ticks) = money_ticks(0.0, &Currency::usd());
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
        assert!(
            hover.contains("GPT-4o: $612.15 this month, $2,360 so far"),
            "{hover}"
        );
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
