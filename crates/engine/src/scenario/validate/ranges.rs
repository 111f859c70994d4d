//! Checks of the low and high guesses beside inputs.

use super::checker::plain_number;
use crate::scenario::ranges::Ranges;

/// Problems with the ranges of one part of the scenario: a range on an input the
/// option does not have, ends out of order or outside the input's limits, or a value
/// outside its own range. `at` names the part, e.g. `deployments[0]`.
pub(super) fn range_problems<K: Copy + Ord + std::fmt::Debug>(
    at: &str,
    ranges: &Ranges<K>,
    value_of: impl Fn(K) -> Option<f64>,
    limits_of: impl Fn(K) -> (f64, f64),
) -> Vec<(String, String)> {
    let mut problems = Vec::new();
    for (&input, range) in ranges {
        let field = format!("{at}.ranges.{input:?}");
        let Some(value) = value_of(input) else {
            problems.push((
                field,
                "this option has no such input (for example a monthly rent on a bought \
                 node); remove the range or change how the option is paid for"
                    .to_owned(),
            ));
            continue;
        };
        let (min, max) = limits_of(input);
        let number = plain_number;
        if ![range.low, range.high]
            .iter()
            .all(|end| end.is_finite() && (min..=max).contains(end))
        {
            problems.push((
                field,
                format!(
                    "low and high must be between {} and {} (they are {} and {})",
                    number(min),
                    number(max),
                    number(range.low),
                    number(range.high)
                ),
            ));
        } else if range.low > range.high {
            problems.push((
                field,
                format!(
                    "low {} is above high {}; swap them",
                    number(range.low),
                    number(range.high)
                ),
            ));
        } else if !range.contains(value) {
            problems.push((
                field,
                format!(
                    "the range {} to {} does not contain the value {}; widen the range or \
                     change the value",
                    number(range.low),
                    number(range.high),
                    number(value)
                ),
            ));
        }
    }
    problems
}
