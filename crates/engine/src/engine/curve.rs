//! Cost curves for charts: every option's monthly cost at log-spaced volumes, with the
//! exact step edges of each staircase added so a jump draws as a vertical line.

use super::OptionKind;
use super::prepared::PreparedOption;

/// Most step edges added to one curve; beyond that the steps are too fine to see.
const MAX_STEP_EDGES: usize = 400;

/// One option's curve.
#[derive(Clone, Debug, PartialEq)]
pub struct Curve {
    /// Option name.
    pub name: String,
    /// API, self-hosted or hybrid.
    pub kind: OptionKind,
    /// (tokens per month, $ per month) in increasing volume; empty when it serves nothing.
    pub points: Vec<(f64, f64)>,
}

/// `count` volumes spaced evenly on a log scale from `min` to `max` (both included).
pub fn log_spaced(min: f64, max: f64, count: usize) -> Vec<f64> {
    let (min, max) = (min.max(1.0), max.max(min.max(1.0)));
    if count < 2 {
        return vec![min];
    }
    let (low, high) = (min.log10(), max.log10());
    (0..count)
        .map(|index| {
            let t = index as f64 / (count - 1) as f64;
            10f64.powf(low + t * (high - low))
        })
        .collect()
}

/// Curves for every option between `min` and `max` tokens per month.
pub fn sample_curves(options: &[PreparedOption], min: f64, max: f64, count: usize) -> Vec<Curve> {
    let volumes = log_spaced(min, max, count);
    options
        .iter()
        .map(|option| {
            let points = match option.staircase {
                None => Vec::new(),
                Some(stairs) => {
                    let mut points: Vec<(f64, f64)> =
                        volumes.iter().map(|v| (*v, stairs.cost(*v))).collect();
                    let edges = stairs.step_ends_between(min, max, MAX_STEP_EDGES);
                    if edges.len() < MAX_STEP_EDGES {
                        for edge in edges {
                            // Just below and at the edge the cost is on the lower step;
                            // just above it the next node is paid.
                            points.push((edge, stairs.cost(edge)));
                            let above = edge * (1.0 + 1e-9);
                            points.push((above, stairs.cost(above)));
                        }
                        points.sort_by(|a, b| a.0.total_cmp(&b.0));
                    }
                    points
                }
            };
            Curve {
                name: option.name.clone(),
                kind: option.kind,
                points,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_spacing_hits_both_ends() {
        let volumes = log_spaced(1e5, 1e11, 7);
        assert_eq!(volumes.len(), 7);
        for (got, want) in volumes.iter().zip([1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11]) {
            assert!((got / want - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn degenerate_ranges_do_not_panic() {
        assert_eq!(log_spaced(0.0, 0.0, 3), vec![1.0, 1.0, 1.0]);
        assert_eq!(log_spaced(5.0, 1.0, 1), vec![5.0]);
    }
}
