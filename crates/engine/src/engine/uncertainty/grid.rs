//! The values at which inputs that are not monotone are tried.
//!
//! A fixed grid, not random draws, so the same scenario always gives the same band: each
//! sampled input takes evenly spaced values from its low to its high plus its own value
//! (so the point estimate is always among the samples and every band contains it). Fewer
//! values each when several inputs are sampled together, to keep the product small.

use crate::scenario::ranges::{InputKey, RangedInput};

/// Inputs set to values: one grid point, or a corner of the input box.
pub(super) type Assignment = Vec<(InputKey, f64)>;

/// Values per sampled input (ends included, the input's value added), by how many
/// inputs are sampled together.
pub(crate) fn values_per_input(sampled: usize) -> usize {
    match sampled {
        0 | 1 => 9,
        2 => 5,
        3 | 4 => 3,
        _ => 2,
    }
}

/// The values one input is sampled at, in increasing order.
fn values(input: &RangedInput, count: usize) -> Vec<f64> {
    let range = input.range;
    let steps = count.max(2) - 1;
    let mut values: Vec<f64> = (0..=steps)
        .map(|step| range.low + (range.high - range.low) * step as f64 / steps as f64)
        .collect();
    values.push(input.value);
    values.sort_by(f64::total_cmp);
    values.dedup();
    values
}

/// Every combination of the sampled inputs' values: one assignment per grid point (a
/// single empty assignment when nothing is sampled).
pub(super) fn assignments(sampled: &[&RangedInput]) -> Vec<Assignment> {
    let count = values_per_input(sampled.len());
    let mut grid: Vec<Assignment> = vec![Vec::new()];
    for input in sampled {
        let values = values(input, count);
        grid = grid
            .iter()
            .flat_map(|point| {
                values.iter().map(move |value| {
                    let mut next = point.clone();
                    next.push((input.key, *value));
                    next
                })
            })
            .collect();
    }
    grid
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::ranges::{Range, WorkloadInput};

    fn hours(value: f64, low: f64, high: f64) -> RangedInput {
        RangedInput {
            key: InputKey::Workload(WorkloadInput::HoursPerMonth),
            label: "hours per month".into(),
            value,
            range: Range { low, high },
        }
    }

    #[test]
    fn the_grid_spans_the_range_and_holds_the_value() {
        let input = hours(730.0, 700.0, 744.0);
        let grid = assignments(&[&input]);
        let tried: Vec<f64> = grid.iter().map(|point| point[0].1).collect();
        assert_eq!(tried.first(), Some(&700.0));
        assert_eq!(tried.last(), Some(&744.0));
        assert!(tried.contains(&730.0));
        assert_eq!(tried.len(), 10);
    }

    #[test]
    fn two_inputs_are_tried_in_every_combination() {
        let a = hours(730.0, 700.0, 744.0);
        let b = hours(720.0, 720.0, 740.0);
        assert_eq!(assignments(&[&a, &b]).len(), 6 * 5);
        assert_eq!(assignments(&[]).len(), 1);
    }
}
