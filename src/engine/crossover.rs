//! Exact crossovers between two staircases, and the ranges where each option is cheapest.
//!
//! On every segment where both options stay on one step, their difference is affine,
//! so a crossing inside the segment is one division. Between segments a new node can
//! make the difference jump across zero ("self-hosting loses again"): that is a
//! crossing too, at the step boundary. The walk stops once the long-run prices
//! guarantee no further sign change, so it visits only the steps that matter.

use super::staircase::Staircase;

/// Most segments walked for one pair before giving up; reached only when two
/// options have almost the same long-run price per token.
pub const MAX_SEGMENTS: usize = 50_000;

/// A volume where the cheaper of two options changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    /// Tokens per month where the order changes.
    pub volume: f64,
    /// True when the first option is cheaper just above `volume`.
    pub first_cheaper_above: bool,
    /// True when the change is a jump caused by adding a node, not equal costs.
    pub at_node_step: bool,
}

/// Every crossing of two options, in increasing volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Crossings {
    /// The crossings found, sorted by volume.
    pub points: Vec<Crossing>,
    /// Beyond this volume the order never changes again (when `complete`).
    pub settled_above: f64,
    /// False when the walk hit `MAX_SEGMENTS` before the order settled.
    pub complete: bool,
}

/// Finds every volume where `first` and `second` swap places.
pub fn crossings(first: &Staircase, second: &Staircase) -> Crossings {
    let settled_above = settle_volume(first, second);
    let mut walk = SignWalk::default();
    let (mut first_step, mut second_step) = (1.0_f64, 1.0_f64);
    let mut low = 0.0_f64;
    let mut complete = false;
    for _ in 0..MAX_SEGMENTS {
        let first_end = first.step_end(first_step);
        let second_end = second.step_end(second_step);
        let high = first_end.min(second_end);
        // On (low, high] the difference is intercept + slope · V.
        let intercept = first_step * first.usd_per_step + first.fixed_usd
            - second_step * second.usd_per_step
            - second.fixed_usd;
        let slope = first.usd_per_token - second.usd_per_token;
        let at_low = intercept + slope * low;
        walk.visit(low, at_low, low > 0.0);
        let at_high = if high.is_finite() {
            intercept + slope * high
        } else if slope != 0.0 {
            slope
        } else {
            intercept
        };
        if at_low * at_high < 0.0 && slope != 0.0 {
            walk.visit(-intercept / slope, 0.0, false);
        }
        walk.visit(high, at_high, false);
        if !high.is_finite() || settled_above.is_some_and(|settled| high >= settled) {
            complete = true;
            break;
        }
        if high == first_end {
            first_step += 1.0;
        }
        if high == second_end {
            second_step += 1.0;
        }
        low = high;
    }
    Crossings {
        points: walk.points,
        settled_above: settled_above.unwrap_or(low),
        complete,
    }
}

/// A volume beyond which the sign of `first − second` cannot change, from the bounds
/// `V / C ≤ n(V) ≤ V / C + 1`; `None` when both have the same long-run price per token.
fn settle_volume(first: &Staircase, second: &Staircase) -> Option<f64> {
    let slope = first.long_run_usd_per_token() - second.long_run_usd_per_token();
    if slope == 0.0 || !slope.is_finite() {
        return None;
    }
    // Constant parts of the lowest and highest cost each option can have at a volume.
    let lowest = |s: &Staircase| {
        s.fixed_usd
            + if s.tokens_per_step.is_finite() {
                0.0
            } else {
                s.usd_per_step
            }
    };
    let highest = |s: &Staircase| s.fixed_usd + s.usd_per_step;
    let bound = if slope > 0.0 {
        (highest(second) - lowest(first)) / slope
    } else {
        (highest(first) - lowest(second)) / -slope
    };
    Some(bound.max(0.0))
}

/// Tracks the sign of a difference along increasing volumes and records where it flips.
#[derive(Default)]
struct SignWalk {
    last_sign: i8,
    first_zero: Option<(f64, bool)>,
    points: Vec<Crossing>,
}

impl SignWalk {
    fn visit(&mut self, volume: f64, difference: f64, after_node_step: bool) {
        let sign = if difference > 0.0 {
            1
        } else if difference < 0.0 {
            -1
        } else {
            0
        };
        if sign == 0 {
            // Equal costs: where the crossing is, if the sign flips afterwards.
            self.first_zero.get_or_insert((volume, after_node_step));
            return;
        }
        if self.last_sign != 0 && sign != self.last_sign {
            let (volume, at_node_step) = self.first_zero.unwrap_or((volume, after_node_step));
            self.points.push(Crossing {
                volume,
                first_cheaper_above: sign < 0,
                at_node_step,
            });
        }
        self.first_zero = None;
        self.last_sign = sign;
    }
}

/// A volume range where one option is the cheapest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CheapestRange {
    /// Index into the options given to [`cheapest_ranges`].
    pub option: usize,
    /// Start of the range, tokens per month.
    pub from: f64,
    /// End of the range; `None` for "and above".
    pub to: Option<f64>,
}

/// The ranges of `[0, ∞)` where each option is cheapest (ties go to the earlier option).
///
/// Between two consecutive crossings of any pair, no pair changes order, so one probe
/// per interval decides the winner exactly.
pub fn cheapest_ranges(options: &[Staircase], pairs: &[Crossings]) -> Vec<CheapestRange> {
    if options.is_empty() {
        return Vec::new();
    }
    let mut boundaries: Vec<f64> = pairs
        .iter()
        .flat_map(|pair| pair.points.iter().map(|point| point.volume))
        .filter(|volume| volume.is_finite() && *volume > 0.0)
        .collect();
    boundaries.sort_by(f64::total_cmp);
    boundaries.dedup();
    let settled = pairs
        .iter()
        .map(|pair| pair.settled_above)
        .chain(boundaries.last().copied())
        .fold(1.0_f64, f64::max);
    let cheapest_at = |volume: f64| {
        let mut best = 0;
        for (index, option) in options.iter().enumerate().skip(1) {
            if option.cost(volume) < options[best].cost(volume) {
                best = index;
            }
        }
        best
    };
    let mut ranges: Vec<CheapestRange> = Vec::new();
    let mut from = 0.0;
    for (index, to) in boundaries
        .iter()
        .map(|b| Some(*b))
        .chain(std::iter::once(None))
        .enumerate()
    {
        let probe = match to {
            Some(to) => 0.5 * (from + to),
            None => 2.0 * settled,
        };
        let winner = cheapest_at(probe);
        match ranges.last_mut() {
            Some(last) if last.option == winner => last.to = to,
            _ => ranges.push(CheapestRange {
                option: winner,
                from: if index == 0 { 0.0 } else { from },
                to,
            }),
        }
        if let Some(to) = to {
            from = to;
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rented_node(per_node: f64, capacity: f64, fixed: f64) -> Staircase {
        Staircase {
            tokens_per_step: capacity,
            usd_per_step: per_node,
            fixed_usd: fixed,
            usd_per_token: 0.0,
        }
    }

    #[test]
    fn one_node_against_an_api_crosses_once() {
        // $550 a month against $3.50 per million tokens: 550 / 3.5 = 157.142857M.
        let api = Staircase::linear(3.5e-6);
        let server = rented_node(500.0, 946.08e6, 50.0);
        let found = crossings(&api, &server);
        assert!(found.complete);
        assert_eq!(found.points.len(), 1);
        let point = found.points[0];
        assert!((point.volume - 157_142_857.142_857).abs() < 1e-3);
        assert!(
            !point.first_cheaper_above,
            "the API loses above the crossover"
        );
        assert!(!point.at_node_step);
    }

    #[test]
    fn a_new_node_can_make_self_hosting_lose_again() {
        // 70B on 2x A100 against GPT-4o at 3:1 (see the preset test for the derivation).
        let api = Staircase::linear(4.375e-6);
        let node = rented_node(3600.0, 1576.8e6, 9625.0);
        let found = crossings(&node, &api);
        let volumes: Vec<f64> = found.points.iter().map(|p| p.volume / 1e6).collect();
        let expected = [4668.571, 4730.4, 5491.429, 6307.2, 6314.286];
        assert_eq!(volumes.len(), expected.len(), "{volumes:?}");
        for (got, want) in volumes.iter().zip(expected) {
            assert!((got - want).abs() < 1e-3, "{got} vs {want}");
        }
        let steps: Vec<bool> = found.points.iter().map(|p| p.at_node_step).collect();
        assert_eq!(steps, [false, true, false, true, false]);
        let cheaper: Vec<bool> = found.points.iter().map(|p| p.first_cheaper_above).collect();
        assert_eq!(cheaper, [true, false, true, false, true]);
    }

    #[test]
    fn a_node_that_never_pays_off_never_crosses() {
        let api = Staircase::linear(0.190_909e-6);
        let server = rented_node(500.0, 946.08e6, 50.0);
        let found = crossings(&api, &server);
        assert!(found.complete);
        assert!(found.points.is_empty());
    }

    #[test]
    fn two_apis_never_cross_above_zero() {
        let found = crossings(&Staircase::linear(1e-6), &Staircase::linear(2e-6));
        assert!(found.complete);
        assert!(found.points.is_empty());
    }

    #[test]
    fn identical_long_run_prices_stop_at_the_segment_limit() {
        // Per node: $100 for 100 tokens, i.e. exactly the API's $1 per token.
        let api = Staircase::linear(1.0);
        let node = rented_node(100.0, 100.0, 0.0);
        let found = crossings(&api, &node);
        assert!(!found.complete);
    }

    #[test]
    fn ranges_cover_everything_and_switch_at_crossovers() {
        let options = [
            Staircase::linear(3.5e-6),
            rented_node(500.0, 946.08e6, 50.0),
        ];
        let pairs = [crossings(&options[0], &options[1])];
        let ranges = cheapest_ranges(&options, &pairs);
        assert_eq!(ranges.len(), 2);
        assert_eq!(ranges[0].option, 0);
        assert_eq!(ranges[0].from, 0.0);
        assert_eq!(ranges[0].to, Some(pairs[0].points[0].volume));
        assert_eq!(ranges[1].option, 1);
        assert_eq!(ranges[1].to, None);
    }
}
