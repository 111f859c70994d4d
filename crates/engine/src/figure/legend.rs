//! What the legend lists and what is shaded: every curve (with why it is faded), the
//! crossover markers drawn, the band and the interval when inputs have ranges, and the
//! volumes where self-hosting is cheapest or the two sides take turns.

use super::{
    COST_BAND, CROSSOVER, CROSSOVER_AT_NODE, FigureCurve, Ink, IntervalMark, LegendEntry, Marker,
    SELF_HOSTING_CHEAPEST, Shade, Swatch, TAKING_TURNS, VOLUME_LIMITS, WINS_FOR_GOOD_INTERVAL,
};
use crate::engine::verdict::side_ranges;
use crate::engine::{Model, Reach, Report};

/// Legend rows: each curve, the crossover markers drawn, the band and the interval when
/// the inputs have ranges, then the shading that is drawn.
pub(super) fn legend(
    model: &Model,
    curves: &[FigureCurve],
    markers: &[Marker],
    shades: &[Shade],
    interval: Option<&IntervalMark>,
) -> Vec<LegendEntry> {
    let report = model.report();
    let mut legend: Vec<LegendEntry> = curves
        .iter()
        .zip(model.options())
        .map(|(curve, option)| LegendEntry {
            // A constraint does not move the curve, but the legend says it is not an option.
            name: match report.option(option.key).and_then(|o| o.ruled_out.as_ref()) {
                Some(_) => format!("{} (ruled out)", legend_name(&curve.name, &option.reach)),
                None => legend_name(&curve.name, &option.reach),
            },
            ink: curve.ink,
            swatch: Swatch::Line {
                dashed: curve.dashed,
                faded: curve.points.is_empty() && !curve.blocked.is_empty(),
            },
        })
        .collect();
    if markers.iter().any(|marker| !marker.hollow) {
        legend.push(LegendEntry {
            name: CROSSOVER.to_owned(),
            ink: Ink::Crossover,
            swatch: Swatch::Marker,
        });
    }
    if markers.iter().any(|marker| marker.hollow) {
        legend.push(LegendEntry {
            name: CROSSOVER_AT_NODE.to_owned(),
            ink: Ink::Crossover,
            swatch: Swatch::HollowMarker,
        });
    }
    // One neutral swatch for every band: each is drawn in its own curve's colour.
    if curves.iter().any(|curve| !curve.band.is_empty()) {
        legend.push(LegendEntry {
            name: COST_BAND.to_owned(),
            ink: Ink::VolumeMarker,
            swatch: Swatch::Band,
        });
    }
    if let Some(interval) = interval {
        legend.push(LegendEntry {
            name: WINS_FOR_GOOD_INTERVAL.to_owned(),
            ink: interval.ink,
            swatch: Swatch::Interval,
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
    legend
}

/// Shading where self-hosting is cheapest, and amber where the sides take turns.
pub(super) fn shades(report: &Report) -> Vec<Shade> {
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

/// A legend row's words: the option's name, and why it is faded where it cannot run.
fn legend_name(name: &str, reach: &Reach) -> String {
    match reach {
        Reach::Unlimited => name.to_owned(),
        Reach::UpTo { max_nodes, .. } => {
            format!("{name} (faded past its limit of {max_nodes} nodes)")
        }
        Reach::Never { .. } => format!(
            "{name} ({})",
            reach
                .reason_at(0.0)
                .map(|reason| reason.to_string())
                .unwrap_or_default()
        ),
    }
}
