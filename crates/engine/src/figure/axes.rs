//! Where the chart looks and how its axes read: the default view, grid lines and tick labels.

use super::{Bounds, ChartView, MIN_COST_SHOWN, Tick, VOLUME_LIMITS};
use crate::engine::{Model, Report};
use crate::units::{Currency, format_tokens_axis};

/// Volume range the chart shows by default: 100k to 100B tokens, widened to include
/// every crossover, the current volume and the ends of the crossover interval the
/// inputs' ranges give, with some margin, in log10 units.
pub fn default_x_range(report: &Report) -> (f64, f64) {
    let mut low = 1e5_f64;
    let mut high = 1e11_f64;
    let volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0);
    low = low.min(volume / 3.0);
    high = high.max(volume * 3.0);
    let interval_ends = report
        .headline_interval()
        .map(|interval| [interval.wins_for_good.low, interval.wins_for_good.high])
        .into_iter()
        .flatten()
        .flatten();
    let crossovers = report
        .crossovers
        .iter()
        .map(|crossover| crossover.volume_tokens_per_month);
    for volume in crossovers.chain(interval_ends) {
        low = low.min(volume / 3.0);
        high = high.max(volume * 3.0);
    }
    // The chart ends where the tool stops modelling (a deployment that would need more
    // than a billion nodes), with the same padding.
    let high = high.min(report.modelled_up_to_tokens_per_month.max(low * 10.0));
    // A little padding so the first and last tick labels are not cut at the edges.
    (
        low.max(VOLUME_LIMITS.0).log10() - 0.04,
        high.min(VOLUME_LIMITS.1).log10() + 0.1,
    )
}

/// The widest view, log10 units: volumes 1k to 10^15 tokens/month, costs $0.01 to $10T.
pub const VIEW_LIMITS: Bounds = Bounds {
    min: [3.0, -2.0],
    max: [15.0, 13.0],
};
/// The narrowest view, decades on each axis.
const MIN_SPAN_DECADES: f64 = 0.3;

/// `wanted` (where zooming and panning took the view) kept within [`VIEW_LIMITS`] and no
/// narrower than a third of a decade: zooming out stops at sensible volumes and costs,
/// panning stops at the edges, and a view is never so narrow its ticks vanish.
pub fn clamp_view(wanted: Bounds) -> Bounds {
    if !wanted.min.iter().chain(&wanted.max).all(|v| v.is_finite()) {
        return VIEW_LIMITS;
    }
    let axis = |axis: usize| {
        let (limit_low, limit_high) = (VIEW_LIMITS.min[axis], VIEW_LIMITS.max[axis]);
        let mut low = wanted.min[axis].min(wanted.max[axis]);
        let mut high = wanted.max[axis].max(wanted.min[axis]);
        if high - low < MIN_SPAN_DECADES {
            let centre = (low + high) / 2.0;
            low = centre - MIN_SPAN_DECADES / 2.0;
            high = centre + MIN_SPAN_DECADES / 2.0;
        }
        let span = (high - low).min(limit_high - limit_low);
        // Slide back inside the limits, keeping the span.
        let low = low.clamp(limit_low, limit_high - span);
        (low, low + span)
    };
    let (x, y) = (axis(0), axis(1));
    Bounds {
        min: [x.0, y.0],
        max: [x.1, y.1],
    }
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
    // Bands included, so a wide range never runs off the top or bottom of the chart.
    for option in model.options() {
        if let (Some((at_low, _)), Some((_, at_high))) =
            (option.cost_band(low_volume), option.cost_band(high_volume))
        {
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
    format_tokens_axis(10f64.powf(value))
}

/// The label of a cost tick at `value` (log10 of US dollars), in `currency`: "$1k", "€1k".
pub fn cost_tick_label(value: f64, currency: &Currency) -> String {
    currency.format_axis(10f64.powf(value))
}

/// Grid marks of the cost axis, whose values are log10 of US dollars, at round amounts of
/// `currency` ("€1k", not "€920" where $1k falls): the marks of the shown amounts, moved
/// back by the rate. For US dollars they are [`grid_marks`] exactly.
pub fn cost_grid_marks(low: f64, high: f64, currency: &Currency) -> Vec<(f64, bool)> {
    let shift = currency.per_usd.log10();
    if shift == 0.0 {
        return grid_marks(low, high);
    }
    grid_marks(low + shift, high + shift)
        .into_iter()
        .map(|(value, major)| (value - shift, major))
        .filter(|(value, _)| *value >= low && *value <= high)
        .collect()
}

/// Labelled ticks of an axis showing `low..=high` at [`grid_marks`].
pub(super) fn ticks(low: f64, high: f64, label: fn(f64) -> String) -> Vec<Tick> {
    ticks_at(grid_marks(low, high), low, high, label)
}

/// Labelled ticks of the cost axis showing `low..=high`, in `currency`.
pub(super) fn cost_ticks(low: f64, high: f64, currency: &Currency) -> Vec<Tick> {
    ticks_at(cost_grid_marks(low, high, currency), low, high, |value| {
        cost_tick_label(value, currency)
    })
}

/// Labelled ticks at `marks` of an axis showing `low..=high`.
pub(super) fn ticks_at(
    marks: Vec<(f64, bool)>,
    low: f64,
    high: f64,
    label: impl Fn(f64) -> String,
) -> Vec<Tick> {
    marks
        .into_iter()
        .map(|(value, major)| Tick {
            value,
            major,
            label: is_labelled(major, low, high).then(|| label(value)),
        })
        .collect()
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
    fn zooming_and_panning_stop_at_sensible_volumes_and_costs() {
        let inside = Bounds {
            min: [5.0, 1.0],
            max: [9.0, 4.0],
        };
        assert_eq!(clamp_view(inside), inside);
        // Zoomed far out: the whole allowed range, no more.
        let out = clamp_view(Bounds {
            min: [-40.0, -30.0],
            max: [60.0, 40.0],
        });
        assert_eq!(out, VIEW_LIMITS);
        // Panned past the top: slid back, the span kept.
        let panned = clamp_view(Bounds {
            min: [13.0, 1.0],
            max: [17.0, 4.0],
        });
        assert_eq!(panned.min[0], 11.0);
        assert_eq!(panned.max[0], 15.0);
        // Zoomed in to nothing: a third of a decade around the same place.
        let tight = clamp_view(Bounds {
            min: [8.0, 2.0],
            max: [8.0, 2.0],
        });
        assert!((tight.max[0] - tight.min[0] - 0.3).abs() < 1e-12);
        assert_eq!(
            clamp_view(Bounds {
                min: [f64::NAN, 0.0],
                max: [1.0, 1.0]
            }),
            VIEW_LIMITS
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
}
