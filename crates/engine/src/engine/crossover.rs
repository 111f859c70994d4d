//! Exact crossovers between two staircases, and the ranges where each option is cheapest.
//!
//! On every segment where both options stay on one step, their difference is affine,
//! so a crossing inside the segment is one division. Between segments a new node can
//! make the difference jump across zero ("self-hosting loses again"): that is a
//! crossing too, at the step boundary.
//!
//! The walk never guesses. Each staircase lies between two parallel lines,
//! `fixed + L·V` and `fixed + step + L·V` (L its long-run $ per token), so the order of
//! two options is fixed below and above a band of volumes solved in closed form: with an
//! API at `a` per token against a deployment with fixed cost F and node cost P, no swap
//! can happen below `F / (a − L)` or above `(F + P) / (a − L)`. Only that band is walked.
//! When it holds more node steps than a work budget allows (a near-tie), both ends are
//! walked exactly and the middle is reported as a band where the two take turns.
//! The cheapest option at every volume, over any number of options, is in [`super::cheapest`].

use super::staircase::Staircase;

/// Segments walked for one pair before the band counts as too long to list.
pub const MAX_SEGMENTS_PER_PAIR: usize = 500;
/// Segments walked exactly at each end of a band too long to walk whole.
pub const EDGE_SEGMENTS: usize = 16;
/// Long-run prices per token closer than this share of the larger are one price: a
/// difference that small is the rounding of the inputs' arithmetic, not a cheaper option.
pub(super) const LONG_RUN_TIE: f64 = 1e-9;
/// Relative slack added to closed-form bounds so rounding never excludes a volume.
pub(super) const BOUND_SLACK: f64 = 1e-9;
/// A stretch narrower than this share of its volume where one option is ahead is a tie,
/// not a win: two options priced alike (an API at a node's long-run price per token,
/// entered in decimals) differ by rounding, and the "win" lasts a billionth of a step.
pub(super) const SLIVER: f64 = 1e-9;

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

/// A stretch of volume, too long to walk node by node, where two options take turns.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TurnTaking {
    /// Start of the stretch not listed crossing by crossing, tokens per month.
    pub from: f64,
    /// Its end; `None` when the two stay within one node's cost of each other forever.
    pub to: Option<f64>,
    /// About how many node steps the stretch holds; infinite when it never ends.
    pub node_steps: f64,
}

/// Every crossing of two options, in increasing volume.
#[derive(Clone, Debug, PartialEq)]
pub struct Crossings {
    /// The crossings found exactly, sorted by volume.
    pub points: Vec<Crossing>,
    /// Where the options take turns too often to list; the points lie outside it.
    pub turn_taking: Option<TurnTaking>,
}

/// The step a volume falls on, exactly as [`Staircase::cost`] counts it.
pub(super) fn step_at(stairs: &Staircase, volume: f64) -> f64 {
    stairs.steps(volume)
}

/// The constant parts of the two parallel lines that bound a staircase's cost:
/// `low + L·V ≤ cost(V) ≤ high + L·V` at every volume, from `V/C ≤ n(V) ≤ V/C + 1` (and
/// the owned steps' saving, at most `owned_steps · owned_discount`, lowering the floor).
pub(super) fn constant_bounds(stairs: &Staircase) -> (f64, f64) {
    let high = stairs.fixed_usd + stairs.usd_per_step;
    if stairs.tokens_per_step.is_finite() {
        let saving = stairs.owned_steps * stairs.owned_discount;
        (stairs.fixed_usd - saving, high)
    } else {
        let only = stairs.cost_on_step(1.0);
        (only, only)
    }
}

/// Steps (of either option) per token of volume, for estimating a walk's length.
pub(super) fn step_density(stairs: &[&Staircase]) -> f64 {
    stairs
        .iter()
        .filter(|s| s.tokens_per_step.is_finite() && s.tokens_per_step > 0.0)
        .map(|s| 1.0 / s.tokens_per_step)
        .sum()
}

/// The band of volumes outside which `first − second` cannot change sign, and the sign
/// below the band (0 when the band starts at zero volume).
fn sign_change_band(first: &Staircase, second: &Staircase) -> (f64, f64, i8) {
    let slope = first.long_run_usd_per_token() - second.long_run_usd_per_token();
    let (low_first, high_first) = constant_bounds(first);
    let (low_second, high_second) = constant_bounds(second);
    // first − second lies between slope·V + low_first − high_second and
    // slope·V + high_first − low_second.
    let (start, end, sign_below) = if !slope.is_finite() || slope == 0.0 {
        (0.0, f64::INFINITY, 0)
    } else if slope > 0.0 {
        (
            (low_second - high_first) / slope,
            (high_second - low_first) / slope,
            -1,
        )
    } else {
        (
            (low_first - high_second) / -slope,
            (high_first - low_second) / -slope,
            1,
        )
    };
    let start = (start * (1.0 - BOUND_SLACK)).max(0.0);
    let end = if end.is_finite() {
        (end * (1.0 + BOUND_SLACK) + BOUND_SLACK).max(start)
    } else {
        f64::INFINITY
    };
    if start > 0.0 {
        (start, end, sign_below)
    } else {
        (0.0, end, 0)
    }
}

/// Crossings found by walking part of a band.
struct Walk {
    points: Vec<Crossing>,
    /// Where the walk stopped.
    reached: f64,
    /// True when it reached the end it was given.
    finished: bool,
}

/// Walks `first − second` segment by segment over `from..=to`, for at most
/// `max_segments` segments, starting with the sign known below `from` (0: unknown).
fn walk(
    first: &Staircase,
    second: &Staircase,
    from: f64,
    to: f64,
    sign_below: i8,
    max_segments: usize,
) -> Walk {
    let mut signs = SignWalk {
        last_sign: sign_below,
        ..SignWalk::default()
    };
    let (mut first_step, mut second_step) = (step_at(first, from), step_at(second, from));
    let mut low = from;
    for segment in 0..max_segments {
        let first_end = first.step_end(first_step);
        let second_end = second.step_end(second_step);
        let high = first_end.min(second_end).min(to).max(low);
        // On (low, high] the difference is intercept + slope · V.
        let intercept = first.cost_on_step(first_step) - second.cost_on_step(second_step);
        let slope = first.usd_per_token - second.usd_per_token;
        let mut at_low = intercept + slope * low;
        let mut at_high = if high.is_finite() {
            intercept + slope * high
        } else if slope != 0.0 {
            slope
        } else {
            intercept
        };
        let mut crossing = (at_low * at_high < 0.0 && slope != 0.0).then(|| -intercept / slope);
        if let Some(volume) = crossing {
            // A crossing a sliver from either end of the segment is rounding: a tie there.
            if volume - low <= SLIVER * volume {
                at_low = 0.0;
                crossing = None;
            } else if high.is_finite() && high - volume <= SLIVER * high {
                at_high = 0.0;
                crossing = None;
            }
        }
        signs.visit(low, at_low, segment > 0);
        if let Some(volume) = crossing {
            signs.visit(volume, 0.0, false);
        }
        signs.visit(high, at_high, false);
        if high >= to {
            return Walk {
                points: signs.points,
                reached: to,
                finished: true,
            };
        }
        if high == first_end {
            first_step += 1.0;
        }
        if high == second_end {
            second_step += 1.0;
        }
        low = high;
    }
    Walk {
        points: signs.points,
        reached: low,
        finished: false,
    }
}

/// Finds every volume where `first` and `second` swap places, walking only the band
/// where a swap is possible; a band with too many node steps is walked at both ends
/// and its middle reported as [`TurnTaking`].
pub fn crossings(first: &Staircase, second: &Staircase) -> Crossings {
    crossings_up_to(first, second, f64::INFINITY)
}

/// [`crossings`] among the volumes up to `limit` (where the tool stops modelling): no
/// crossing above it is looked for, and an API and a deployment in a stretch too long to
/// walk are said to take turns only when one of its walked ends, both within the limit,
/// really swaps the two. (Two options priced alike can be a rounding error apart for
/// ever; their "swaps" are slivers, see [`SLIVER`], and no turns are taken.) A stretch
/// that runs to the limit or past it has no end (`to: None`) and infinitely many node
/// steps.
pub fn crossings_up_to(first: &Staircase, second: &Staircase, limit: f64) -> Crossings {
    let mut cuts: Vec<f64> = [first.owned_end(), second.owned_end()]
        .into_iter()
        .flatten()
        .filter(|cut| *cut < limit)
        .collect();
    if cuts.is_empty() {
        return uniform_crossings_up_to(first, second, limit);
    }
    // Owned steps cost less than the rest: each side of where they end is a uniform
    // staircase, searched on its own; a swap at the end itself (the first full-price node)
    // is a node step.
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    let mut found = Crossings {
        points: Vec::new(),
        turn_taking: None,
    };
    let mut from = 0.0_f64;
    for to in cuts.iter().copied().chain([limit]) {
        let probe = if to.is_finite() {
            0.5 * (from + to)
        } else {
            2.0 * from + 1.0
        };
        let piece = uniform_crossings_up_to(&first.regime_at(probe), &second.regime_at(probe), to);
        found.points.extend(
            piece
                .points
                .into_iter()
                .filter(|point| point.volume > from || (from == 0.0 && point.volume >= 0.0)),
        );
        if found.turn_taking.is_none()
            && let Some(turns) = piece.turn_taking
            && turns.to.is_none_or(|end| end > from)
        {
            // A stretch inside a piece ends with it at the latest.
            let start = turns.from.max(from);
            let inner = to < limit;
            found.turn_taking = Some(TurnTaking {
                from: start,
                to: if inner {
                    Some(turns.to.map_or(to, |end| end.min(to)))
                } else {
                    turns.to
                },
                node_steps: if inner && turns.to.is_none() {
                    (to - start) * step_density(&[first, second])
                } else {
                    turns.node_steps
                },
            });
        }
        if to.is_finite() && to < limit {
            let (below, above) = (to, to * (1.0 + SLIVER) + SLIVER);
            let difference = |volume: f64| first.cost(volume) - second.cost(volume);
            let (was, now) = (difference(below), difference(above));
            if was * now < 0.0 {
                found.points.push(Crossing {
                    volume: to,
                    first_cheaper_above: now < 0.0,
                    at_node_step: true,
                });
            }
        }
        from = to;
    }
    found.points.sort_by(|a, b| a.volume.total_cmp(&b.volume));
    found
}

/// [`crossings_up_to`] of two staircases without owned steps.
fn uniform_crossings_up_to(first: &Staircase, second: &Staircase, limit: f64) -> Crossings {
    let (first, second) = (&first.walked(), &second.walked());
    let none = Crossings {
        points: Vec::new(),
        turn_taking: None,
    };
    let (start, end, sign_below) = sign_change_band(first, second);
    if start > limit {
        return none;
    }
    let walked_end = end.min(limit);
    let density = step_density(&[first, second]);
    let node_steps = if walked_end.is_finite() {
        (walked_end - start) * density
    } else if density > 0.0 {
        f64::INFINITY
    } else {
        0.0
    };
    if node_steps <= MAX_SEGMENTS_PER_PAIR as f64 {
        let whole = walk(
            first,
            second,
            start,
            walked_end,
            sign_below,
            MAX_SEGMENTS_PER_PAIR + 8,
        );
        if whole.finished {
            return Crossings {
                points: whole.points,
                turn_taking: None,
            };
        }
    }
    let head = walk(first, second, start, walked_end, sign_below, EDGE_SEGMENTS);
    let head_saw_turns = !head.points.is_empty();
    let mut points = head.points;
    let tail_start = walked_end
        .is_finite()
        .then(|| (walked_end - EDGE_SEGMENTS as f64 / density).max(head.reached));
    if let Some(tail_start) = tail_start {
        // A staircase with few steps in the middle against one whose cost rises at least
        // as fast per token: between the few steps their difference only moves one way,
        // so each piece has at most one crossing, found exactly; nothing takes turns.
        if let Some(middle) = few_step_middle(first, second, (head.reached, tail_start)) {
            let tail = walk(first, second, tail_start, walked_end, 0, EDGE_SEGMENTS + 8);
            points.extend(middle);
            points.extend(tail.points);
            points.sort_by(|a, b| a.volume.total_cmp(&b.volume));
            points.dedup_by(|a, b| a.volume == b.volume);
            return Crossings {
                points,
                turn_taking: None,
            };
        }
        let tail = walk(first, second, tail_start, walked_end, 0, EDGE_SEGMENTS + 8);
        points.extend(tail.points);
    }
    // Against an option without steps (an API), the periods where both sides win somewhere
    // are consecutive and span the whole band: on node step k the deployment is ahead
    // just before the step end when k·C·(a − L) exceeds the fixed costs' difference, and
    // the API just after while that falls short of the step's own price. So when neither
    // walked end swaps the two, nothing between does: they only tie (equal long-run
    // prices, or a difference that is rounding within the model). Two stepped options can
    // swap in the middle alone, and are reported as taking turns.
    let one_without_steps =
        !first.tokens_per_step.is_finite() || !second.tokens_per_step.is_finite();
    // Owned steps (cheaper than the rest) break the pattern: then the middle is reported.
    let uniform = first.owned_steps == 0.0 && second.owned_steps == 0.0;
    if points.is_empty() && one_without_steps && uniform {
        return none;
    }
    // Long-run prices a billionth apart are one price: the swaps a walk sees far out, where
    // the difference has grown from a rounding error, are rounding too. Then only the
    // fixed costs decide, which the walk from the start has already seen.
    let (first_price, second_price) = (
        first.long_run_usd_per_token(),
        second.long_run_usd_per_token(),
    );
    let priced_alike = (first_price - second_price).abs()
        <= LONG_RUN_TIE * first_price.abs().max(second_price.abs());
    if one_without_steps && uniform && priced_alike && !head_saw_turns {
        return none;
    }
    let runs_on = !end.is_finite() || end > limit;
    Crossings {
        points,
        turn_taking: Some(TurnTaking {
            from: head.reached,
            to: if runs_on { None } else { tail_start },
            node_steps: if runs_on { f64::INFINITY } else { node_steps },
        }),
    }
}

/// Most steps the sparser staircase may take in a stretch [`few_step_middle`] searches.
const FEW_STEPS: f64 = 64.0;

/// The crossings of `first` and `second` over `(from, to)` found exactly, when one of them
/// (the sparse one) takes at most [`FEW_STEPS`] steps there and the other costs at least
/// as much more per token: on each of the sparse one's steps their difference is then
/// monotone (the dense one's steps only add to it), so it changes sign at most once, found
/// by halving, and once more at most at the sparse one's step. `None` when neither holds,
/// and the stretch may really take turns, and for an option without steps (an API),
/// whose stretches the walk's own rule judges.
fn few_step_middle(
    first: &Staircase,
    second: &Staircase,
    (from, to): (f64, f64),
) -> Option<Vec<Crossing>> {
    // Against an option without steps (an API) the walk's own rule applies (see
    // `uniform_crossings_up_to`); this is for two stepped options.
    let stepped = first.tokens_per_step.is_finite() && second.tokens_per_step.is_finite();
    if !(stepped && from.is_finite() && to.is_finite() && to > from)
        || first.owned_steps > 0.0
        || second.owned_steps > 0.0
    {
        return None;
    }
    let steps_in = |stairs: &Staircase| stairs.steps(to) - stairs.steps(from);
    let (sparse, dense) = if steps_in(first) <= steps_in(second) {
        (first, second)
    } else {
        (second, first)
    };
    if steps_in(sparse) > FEW_STEPS
        || dense.usd_per_token < sparse.usd_per_token
        || dense.usd_per_step < 0.0
    {
        return None;
    }
    let difference = |volume: f64| first.cost(volume) - second.cost(volume);
    let sign = |value: f64| {
        if value > 0.0 {
            1
        } else if value < 0.0 {
            -1
        } else {
            0
        }
    };
    let mut edges = vec![from];
    let mut step = sparse.steps(from);
    while sparse.step_end(step) < to && edges.len() <= FEW_STEPS as usize + 1 {
        edges.push(sparse.step_end(step));
        step += 1.0;
    }
    edges.push(to);
    let mut points = Vec::new();
    let mut last = sign(difference(from * (1.0 + SLIVER) + SLIVER));
    for piece in edges.windows(2) {
        let (start, end) = (piece[0] * (1.0 + SLIVER) + SLIVER, piece[1]);
        let at_start = sign(difference(start));
        if at_start != 0 && last != 0 && at_start != last {
            // The sparse one's step swapped them.
            points.push(Crossing {
                volume: piece[0],
                first_cheaper_above: at_start < 0,
                at_node_step: true,
            });
        }
        let at_end = sign(difference(end));
        if at_start != 0 && at_end != 0 && at_start != at_end {
            let (mut low, mut high) = (start, end);
            for _ in 0..200 {
                let middle = 0.5 * (low + high);
                if middle <= low || middle >= high {
                    break;
                }
                if sign(difference(middle)) == at_start {
                    low = middle;
                } else {
                    high = middle;
                }
            }
            points.push(Crossing {
                volume: high,
                first_cheaper_above: at_end < 0,
                at_node_step: dense.steps(low) != dense.steps(high),
            });
        }
        if at_end != 0 {
            last = at_end;
        } else if at_start != 0 {
            last = at_start;
        }
    }
    Some(points)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::cheapest::cheapest_ranges;

    fn rented_node(per_node: f64, capacity: f64, fixed: f64) -> Staircase {
        Staircase {
            tokens_per_step: capacity,
            usd_per_step: per_node,
            fixed_usd: fixed,
            usd_per_token: 0.0,
            owned_steps: 0.0,
            owned_discount: 0.0,
        }
    }

    #[test]
    fn one_node_against_an_api_crosses_once() {
        // $550 a month against $3.50 per million tokens: 550 / 3.5 = 157.142857M.
        let api = Staircase::linear(3.5e-6);
        let server = rented_node(500.0, 946.08e6, 50.0);
        let found = crossings(&api, &server);
        assert_eq!(found.turn_taking, None);
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

    /// An API a ten-thousandth dearer per token than a node's long-run price, the node with
    /// $100 a month more fixed costs: at the end of step k the node leads by
    /// k · 1,000 · 0.0001 − 100 = 0.1·k − 100 dollars, so turns start on step 1,001: the
    /// first crossings are listed from there, then the turns, none before.
    #[test]
    fn turns_that_start_far_out_are_found_where_they_start() {
        let api = Staircase::linear(1.0001);
        let node = rented_node(1000.0, 1000.0, 100.0);
        let found = crossings_up_to(&api, &node, 1e15);
        let first = found.points.first().expect("crossings");
        assert!(
            (999_000.0..=1_001_000.0).contains(&first.volume),
            "{}",
            first.volume
        );
        let turns = found.turn_taking.expect("turns are taken");
        assert!(turns.from >= first.volume && turns.to.is_some());
        let leads = |step: f64| node.cost(node.step_end(step)) < api.cost(node.step_end(step));
        assert!(!leads(999.0) && leads(1001.0));
    }

    /// The same with the two priced alike to rounding (a billionth apart, as a fuzzer's
    /// exact tie entered in decimals comes out): no turns and no crossings anywhere, as the
    /// $100 of fixed costs keep the API ahead by all but rounding.
    #[test]
    fn prices_a_rounding_error_apart_take_no_turns() {
        let api = Staircase::linear(1.0 + 1e-13);
        let node = rented_node(1000.0, 1000.0, 100.0);
        let found = crossings_up_to(&api, &node, 1e15);
        assert_eq!(found.turn_taking, None);
        assert!(found.points.is_empty(), "{:?}", found.points);
    }

    /// A node that costs nothing per step (free compute, $100 a month of fixed costs) in
    /// steps of 10 tokens, against an API at $1 a token: one crossing at 100 tokens, the
    /// node cheaper above, and no turns, although a billion steps lie beyond (a random
    /// hostile case walked such steps and claimed turns).
    #[test]
    fn steps_that_cost_nothing_are_a_line() {
        let api = Staircase::linear(1.0);
        let node = rented_node(0.0, 10.0, 100.0);
        let found = crossings_up_to(&api, &node, 1e15);
        assert_eq!(found.turn_taking, None);
        assert_eq!(found.points.len(), 1, "{:?}", found.points);
        assert!((found.points[0].volume - 100.0).abs() < 1e-6);
        assert!(!found.points[0].first_cheaper_above);
        let ranges = super::super::cheapest::cheapest_ranges_up_to(&[api, node], 1e15);
        let tiles: Vec<(usize, bool)> = ranges
            .iter()
            .map(|range| (range.option, range.alternates_with.is_empty()))
            .collect();
        assert_eq!(tiles, [(0, true), (1, true)]);
        assert!((ranges[1].from - 100.0).abs() < 1e-6);
    }

    #[test]
    fn a_node_that_never_pays_off_never_crosses() {
        let api = Staircase::linear(0.190_909e-6);
        let server = rented_node(500.0, 946.08e6, 50.0);
        let found = crossings(&api, &server);
        assert_eq!(found.turn_taking, None);
        assert!(found.points.is_empty());
    }

    #[test]
    fn two_apis_never_cross_above_zero() {
        let found = crossings(&Staircase::linear(1e-6), &Staircase::linear(2e-6));
        assert_eq!(found.turn_taking, None);
        assert!(found.points.is_empty());
    }

    #[test]
    fn an_api_at_a_nodes_long_run_price_takes_no_turns() {
        // Per node: $100 for 100 tokens, exactly the API's $1 per token. The two tie at
        // each step end and the API is cheaper between: the node is never cheaper, so no
        // turns are taken (this was once reported as turn-taking at every volume).
        let api = Staircase::linear(1.0);
        let node = rented_node(100.0, 100.0, 0.0);
        let found = crossings(&api, &node);
        assert_eq!(found.turn_taking, None);
        assert!(found.points.is_empty());
        let ranges = cheapest_ranges(&[api, node]);
        assert_eq!(ranges.len(), 1, "{ranges:?}");
        assert_eq!((ranges[0].option, ranges[0].to), (0, None));
        assert!(ranges[0].alternates_with.is_empty());
        // The same in decimals, where rounding leaves the two a hair apart.
        let api = Staircase::linear(4.375e-6);
        let node = rented_node(4.375e-6 * 3.3e9, 3.3e9, 0.0);
        assert_eq!(crossings(&api, &node).turn_taking, None);
        assert!(cheapest_ranges(&[api, node])[0].alternates_with.is_empty());
    }

    #[test]
    fn two_nodes_at_one_long_run_price_take_turns_forever_and_say_so() {
        // $100 per 100 tokens against $150 per 150: $1 a token in the long run each, but
        // the first is cheaper at 100 tokens ($100 against $150) and dearer at 120 ($200
        // against $150), at every volume.
        let small = rented_node(100.0, 100.0, 0.0);
        let large = rented_node(150.0, 150.0, 0.0);
        let found = crossings(&small, &large);
        let turns = found.turn_taking.expect("reported, not guessed");
        assert_eq!(turns.to, None);
        assert!(turns.node_steps.is_infinite());
        let ranges = cheapest_ranges(&[small, large]);
        let last = ranges.last().expect("ranges");
        assert_eq!(last.to, None);
        assert_eq!(last.alternates_with.len(), 1);
    }

    #[test]
    fn a_near_tie_is_walked_only_inside_its_band() {
        // GPT-4o-like $4.375/M against a node whose long-run price is 0.1% lower and a
        // $9,625 fixed cost: swaps happen only between F/(a−L) and (F+P)/(a−L).
        let api = Staircase::linear(4.375e-6);
        let capacity = 1e6;
        let per_node = 4.375e-6 * capacity * 0.999;
        let node = rented_node(per_node, capacity, 9625.0);
        let gap = 4.375e-6 - per_node / capacity;
        let found = crossings(&api, &node);
        let turns = found.turn_taking.expect("too many steps to list");
        let first = found.points.first().expect("first crossing").volume;
        let last = found.points.last().expect("last crossing").volume;
        assert!(first >= 9625.0 / gap * (1.0 - 1e-6), "{first}");
        assert!(last <= (9625.0 + per_node) / gap * (1.0 + 1e-6), "{last}");
        assert!(turns.from > first && turns.to.is_some_and(|to| to < last));
        // Above the band the node is cheaper for good; below it the API.
        assert!(!found.points.last().expect("last").first_cheaper_above);
        assert!(node.cost(last * 1.01) < api.cost(last * 1.01));
        assert!(node.cost(first * 0.99) > api.cost(first * 0.99));
    }

    #[test]
    fn ranges_cover_everything_and_switch_at_crossovers() {
        let options = [
            Staircase::linear(3.5e-6),
            rented_node(500.0, 946.08e6, 50.0),
        ];
        let pair = crossings(&options[0], &options[1]);
        let ranges = cheapest_ranges(&options);
        assert_eq!(ranges.len(), 2);
        assert_eq!(ranges[0].option, 0);
        assert_eq!(ranges[0].from, 0.0);
        let boundary = ranges[0].to.expect("bounded");
        assert!((boundary - pair.points[0].volume).abs() < 1e-3);
        assert_eq!(ranges[1].option, 1);
        assert_eq!(ranges[1].to, None);
    }

    /// A node of $1,000 a month serving 1M tokens against one of $5,000,500 serving 1T:
    /// past 5,000 of the small nodes (5B tokens; the 5,001st makes $5,001,000) the big one
    /// is cheaper, once and for good.
    /// 5,000 node steps are too many to walk, and the old rule named the stretch "taking
    /// turns" because its two walked ends differ; a random hostile case found it.
    #[test]
    fn a_staircase_against_a_flat_cost_crosses_once_however_many_steps_lie_between() {
        let small = rented_node(1_000.0, 1e6, 0.0);
        let big = rented_node(5_000_500.0, 1e12, 0.0);
        let found = crossings_up_to(&small, &big, 1e15);
        assert!(found.turn_taking.is_none(), "{:?}", found.turn_taking);
        assert_eq!(found.points.len(), 1, "{:?}", found.points);
        let crossing = found.points[0];
        assert!((crossing.volume - 5e9).abs() / 5e9 < 1e-6, "{crossing:?}");
        assert!(!crossing.first_cheaper_above && crossing.at_node_step);
        let ranges = cheapest_ranges(&[small, big]);
        let summary: Vec<(usize, Vec<usize>)> = ranges
            .iter()
            .map(|range| (range.option, range.alternates_with.clone()))
            .collect();
        assert_eq!(summary, [(0, vec![]), (1, vec![])], "{ranges:?}");
        let boundary = ranges[0].to.expect("the small node stops being cheapest");
        assert!((boundary - 5e9).abs() / 5e9 < 1e-6, "{boundary}");
    }
}
