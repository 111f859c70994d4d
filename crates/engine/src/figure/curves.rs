//! Every option's curve across the chart's bounds, split where it stops being able to run,
//! with its cost band when inputs have ranges.

use super::{
    Bounds, CURVE_POINTS, FigureCurve, MIN_COST_SHOWN, VOLUME_LIMITS, option_inks, ranges,
};
use crate::engine::{Model, OptionKind};

/// Every option's curve across the bounds (within the volumes the chart ever shows), split
/// where it stops being able to run.
pub(super) fn curves(model: &Model, bounds: Bounds) -> Vec<FigureCurve> {
    let x_low = bounds.min[0].max(VOLUME_LIMITS.0.log10());
    let x_high = bounds.max[0].min(VOLUME_LIMITS.1.log10()).max(x_low);
    model
        .curves(10f64.powf(x_low), 10f64.powf(x_high), CURVE_POINTS)
        .into_iter()
        .zip(model.options())
        .zip(option_inks(model.options().iter().map(|o| o.kind)))
        .map(|((curve, option), ink)| {
            let reach = option.reach.max_tokens_per_month();
            let at =
                |(volume, cost): &(f64, f64)| [volume.log10(), cost.max(MIN_COST_SHOWN).log10()];
            let points: Vec<[f64; 2]> = curve
                .points
                .iter()
                .filter(|(volume, _)| *volume <= reach)
                .map(at)
                .collect();
            let mut blocked: Vec<[f64; 2]> = curve
                .points
                .iter()
                .filter(|(volume, _)| *volume > reach)
                .map(at)
                .collect();
            if let (Some(last), false) = (points.last(), blocked.is_empty()) {
                blocked.insert(0, *last);
            }
            let volumes: Vec<f64> = curve.points.iter().map(|(volume, _)| *volume).collect();
            FigureCurve {
                dashed: curve.kind == OptionKind::Hybrid,
                band: ranges::band_points(option, &volumes),
                points,
                blocked,
                name: curve.name,
                ink,
            }
        })
        .collect()
}
