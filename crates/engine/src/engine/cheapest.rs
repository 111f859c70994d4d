//! The ranges of volume where each option is the cheapest, over any number of options.
//!
//! Closed-form bounds (each staircase lies between two parallel lines) narrow every volume
//! to the options that can be cheapest there at all; where several can, their steps are
//! walked and the lower envelope taken exactly on each segment, within a work budget.

use super::crossover::{
    BOUND_SLACK, EDGE_SEGMENTS, MAX_SEGMENTS_PER_PAIR, SLIVER, constant_bounds, crossings_up_to,
    step_at, step_density,
};
use super::staircase::Staircase;

/// Work (segments × options in play) the cheapest-range sweep may spend in all.
pub const SWEEP_BUDGET: usize = 100_000;

/// A volume range where one option is the cheapest, or where several take turns.
#[derive(Clone, Debug, PartialEq)]
pub struct CheapestRange {
    /// Index into the options given to [`cheapest_ranges`].
    pub option: usize,
    /// Start of the range, tokens per month.
    pub from: f64,
    /// End of the range; `None` for "and above".
    pub to: Option<f64>,
    /// Other options that take turns with `option` node by node in this range, too
    /// often to list; empty when `option` is the cheapest throughout.
    pub alternates_with: Vec<usize>,
}

/// Where option `index` can be the cheapest at all: the volumes where its lowest
/// possible cost is at most every other option's highest possible cost. An interval,
/// because each condition is a half-line; widened slightly against rounding.
fn candidate_interval(options: &[Staircase], live: &[usize], index: usize) -> (f64, f64) {
    let own = &options[index];
    let (own_low, _) = constant_bounds(own);
    let own_slope = own.long_run_usd_per_token();
    let (mut from, mut to) = (0.0_f64, f64::INFINITY);
    for &other_index in live.iter().filter(|&&other| other != index) {
        let other = &options[other_index];
        let (_, other_high) = constant_bounds(other);
        // own_low + own_slope·V ≤ other_high + other_slope·V
        let slope = own_slope - other.long_run_usd_per_token();
        let room = other_high - own_low + BOUND_SLACK * (other_high.abs() + own_low.abs());
        if slope > 0.0 {
            to = to.min(room / slope);
        } else if slope < 0.0 {
            from = from.max(room / slope);
        } else if room < 0.0 {
            return (f64::INFINITY, f64::INFINITY);
        }
    }
    let from = (from * (1.0 - BOUND_SLACK)).max(0.0);
    let to = if to.is_finite() {
        to * (1.0 + BOUND_SLACK) + BOUND_SLACK
    } else {
        to
    };
    (from, to)
}

/// Builds the tiling of `[0, ∞)`, merging neighbours that name the same option.
#[derive(Default)]
struct Tiling {
    ranges: Vec<CheapestRange>,
    /// The options pushed as cheapest since this was last cleared, in push order.
    recent: Vec<usize>,
}

impl Tiling {
    fn push(&mut self, option: usize, from: f64, to: f64, alternates_with: Vec<usize>) {
        if to <= from {
            return;
        }
        if !self.recent.contains(&option) {
            self.recent.push(option);
        }
        let to = to.is_finite().then_some(to);
        if let Some(last) = self.ranges.last_mut()
            && last.option == option
            && last.alternates_with == alternates_with
        {
            last.to = to;
            return;
        }
        let from = self.ranges.last().and_then(|last| last.to).unwrap_or(from);
        self.ranges.push(CheapestRange {
            option,
            from,
            to,
            alternates_with,
        });
    }
}

/// The cheapest of `candidates` on `(from, to]`, where each one's cost is affine
/// (`intercept + slope · V`), pushed to the tiling piece by piece.
fn lower_envelope(tiling: &mut Tiling, lines: &[(usize, f64, f64)], from: f64, to: f64) {
    let value = |line: &(usize, f64, f64), volume: f64| line.1 + line.2 * volume;
    // Just above `from`: lowest value, then lowest slope, then earliest option.
    let Some(mut current) = lines.iter().min_by(|a, b| {
        value(a, from)
            .total_cmp(&value(b, from))
            .then(a.2.total_cmp(&b.2))
            .then(a.0.cmp(&b.0))
    }) else {
        return;
    };
    let mut position = from;
    loop {
        let next = lines
            .iter()
            .filter(|line| line.2 < current.2)
            .map(|line| (line, (line.1 - current.1) / (current.2 - line.2)))
            .filter(|(_, meet)| *meet > position && *meet < to)
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.2.total_cmp(&b.0.2)));
        match next {
            // A lead that lasts a sliver at either end is a tie (rounding between two
            // options priced alike), not a range of its own.
            Some((_, meet)) if to.is_finite() && to - meet <= SLIVER * to => {
                tiling.push(current.0, position, to, Vec::new());
                return;
            }
            Some((line, meet)) if meet - position <= SLIVER * meet => {
                current = line;
            }
            Some((line, meet)) => {
                tiling.push(current.0, position, meet, Vec::new());
                position = meet;
                current = line;
            }
            None => {
                tiling.push(current.0, position, to, Vec::new());
                return;
            }
        }
    }
}

/// Walks `candidates` segment by segment over `from..to` (each option's step fixed on
/// a segment), for at most `max_segments` segments; returns where it stopped.
fn sweep(
    tiling: &mut Tiling,
    options: &[Staircase],
    candidates: &[usize],
    from: f64,
    to: f64,
    max_segments: usize,
) -> f64 {
    let mut steps: Vec<f64> = candidates
        .iter()
        .map(|&index| step_at(&options[index], from))
        .collect();
    let mut low = from;
    let mut lines: Vec<(usize, f64, f64)> = Vec::with_capacity(candidates.len());
    for _ in 0..max_segments {
        let high = candidates
            .iter()
            .zip(&steps)
            .map(|(&index, &step)| options[index].step_end(step))
            .fold(to, f64::min)
            .max(low);
        if high > low {
            lines.clear();
            lines.extend(candidates.iter().zip(&steps).map(|(&index, &step)| {
                let stairs = &options[index];
                (index, stairs.cost_on_step(step), stairs.usd_per_token)
            }));
            lower_envelope(tiling, &lines, low, high);
        }
        if high >= to {
            return to;
        }
        for (&index, step) in candidates.iter().zip(steps.iter_mut()) {
            if options[index].step_end(*step) <= high {
                *step += 1.0;
            }
        }
        low = high;
    }
    low
}

/// The ranges of `[0, ∞)` where each option is cheapest (ties go to the earlier option).
///
/// Closed-form bounds first narrow each volume down to the options that can be cheapest
/// there at all; where only one can, it is the answer without any walking. Where several
/// can, their steps are walked and the lower envelope taken exactly on each segment. A
/// stretch with more node steps than [`SWEEP_BUDGET`] allows is walked at both ends and
/// its middle reported as a range where the candidates take turns.
pub fn cheapest_ranges(options: &[Staircase]) -> Vec<CheapestRange> {
    cheapest_ranges_up_to(options, f64::INFINITY)
}

/// [`cheapest_ranges`] over the volumes up to `limit` (where the tool stops modelling):
/// the last range ends there, and a stretch too long to walk names as taking turns only
/// the options that can really be cheapest in it, judged within the limit.
pub fn cheapest_ranges_up_to(options: &[Staircase], limit: f64) -> Vec<CheapestRange> {
    let walked: Vec<Staircase> = options.iter().map(Staircase::walked).collect();
    let options = walked.as_slice();
    // An option identical to an earlier one never beats it (ties go to the earlier).
    let live: Vec<usize> = (0..options.len())
        .filter(|&index| !options[..index].contains(&options[index]))
        .collect();
    let intervals: Vec<(f64, f64)> = (0..options.len())
        .map(|index| {
            if live.contains(&index) {
                candidate_interval(options, &live, index)
            } else {
                (f64::INFINITY, f64::INFINITY)
            }
        })
        .collect();
    let mut events: Vec<f64> = intervals
        .iter()
        .flat_map(|&(from, to)| [from, to])
        .filter(|volume| volume.is_finite() && *volume > 0.0 && *volume < limit)
        .collect();
    events.push(0.0);
    events.sort_by(f64::total_cmp);
    events.dedup();
    let mut tiling = Tiling::default();
    let mut budget = SWEEP_BUDGET as f64;
    for (position, &from) in events.iter().enumerate() {
        let stretch_end = events.get(position + 1).copied().unwrap_or(f64::INFINITY);
        let to = stretch_end.min(limit);
        let probe = if to.is_finite() {
            0.5 * (from + to)
        } else {
            2.0 * from + 1.0
        };
        let candidates: Vec<usize> = live
            .iter()
            .copied()
            .filter(|&index| intervals[index].0 <= probe && probe <= intervals[index].1)
            .collect();
        match candidates.as_slice() {
            [] => {}
            [only] => tiling.push(*only, from, to, Vec::new()),
            several => {
                let stairs: Vec<&Staircase> = several.iter().map(|&i| &options[i]).collect();
                let density = step_density(&stairs);
                let segments = if density == 0.0 {
                    1.0
                } else {
                    (to - from) * density + several.len() as f64
                };
                let work = segments * several.len() as f64;
                // More node steps than a pair's walk would list means the options take
                // turns too often to show one range per turn: report the stretch whole.
                if segments <= MAX_SEGMENTS_PER_PAIR as f64 && work <= budget {
                    budget -= work;
                    sweep(
                        &mut tiling,
                        options,
                        several,
                        from,
                        to,
                        segments as usize + 8,
                    );
                    continue;
                }
                budget = (budget - (2 * EDGE_SEGMENTS * several.len()) as f64).max(0.0);
                tiling.recent.clear();
                let head_end = sweep(&mut tiling, options, several, from, to, EDGE_SEGMENTS);
                let tail_start = if to.is_finite() {
                    (to - EDGE_SEGMENTS as f64 / density).max(head_end)
                } else {
                    f64::INFINITY
                };
                let mut tail = Tiling::default();
                if to.is_finite() {
                    sweep(
                        &mut tail,
                        options,
                        several,
                        tail_start,
                        to,
                        EDGE_SEGMENTS + 8,
                    );
                }
                let seen = [tiling.recent.as_slice(), tail.recent.as_slice()].concat();
                let stretch = (head_end, tail_start.min(to));
                tile_unwalked(&mut tiling, (options, several), stretch, seen, limit);
                for range in tail.ranges {
                    tiling.push(
                        range.option,
                        range.from,
                        range.to.unwrap_or(f64::INFINITY),
                        range.alternates_with,
                    );
                }
            }
        }
    }
    tiling.ranges
}

/// The unwalked middle `stretch` of a stretch with too many steps to walk: cut at the
/// candidates' crossings where those are few and exact (a staircase against a flat cost,
/// say), each piece's cheapest found at its middle; else one range naming the candidates
/// that take turns (`seen` cheapest at the walked ends, and those going below them).
fn tile_unwalked(
    tiling: &mut Tiling,
    (options, several): (&[Staircase], &[usize]),
    stretch: (f64, f64),
    seen: Vec<usize>,
    limit: f64,
) {
    if let Some(cuts) = order_changes(options, several, stretch, limit) {
        for piece in cuts.windows(2) {
            let middle = 0.5 * (piece[0] + piece[1]);
            let cheapest = several
                .iter()
                .copied()
                .min_by(|&a, &b| options[a].cost(middle).total_cmp(&options[b].cost(middle)))
                .unwrap_or(several[0]);
            tiling.push(cheapest, piece[0], piece[1], Vec::new());
        }
        return;
    }
    let named = taking_turns(options, several, seen, stretch, limit);
    tiling.push(named[0], stretch.0, stretch.1, named[1..].to_vec());
}

/// Most crossings an unwalked stretch is cut at exactly before its candidates are said to
/// take turns instead.
const MAX_EXACT_CUTS: usize = 64;

/// The volumes in `stretch` where the order of `several` candidates can change, from its
/// start to its end, when every pair's crossings there are found exactly and few (none
/// takes turns node by node in it); `None` when some pair does take turns, or crosses too
/// often, or when a candidate has no steps (an API: its stretches are judged as before).
/// Between two cuts one candidate is the cheapest throughout.
fn order_changes(
    options: &[Staircase],
    several: &[usize],
    (from, to): (f64, f64),
    limit: f64,
) -> Option<Vec<f64>> {
    let stepped = several
        .iter()
        .all(|&index| options[index].tokens_per_step.is_finite());
    if !stepped || !to.is_finite() || to <= from {
        return None;
    }
    let mut cuts = vec![from, to];
    for (position, &first) in several.iter().enumerate() {
        for &second in &several[position + 1..] {
            let found = crossings_up_to(&options[first], &options[second], limit);
            let overlaps = found
                .turn_taking
                .is_some_and(|turns| turns.from < to && turns.to.is_none_or(|end| end > from));
            if overlaps {
                return None;
            }
            cuts.extend(
                found
                    .points
                    .iter()
                    .map(|point| point.volume)
                    .filter(|volume| *volume > from && *volume < to),
            );
            if cuts.len() > MAX_EXACT_CUTS + 2 {
                return None;
            }
        }
    }
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    Some(cuts)
}

/// Which of `several` candidates take turns over the unwalked `stretch`, the one with the
/// lowest long-run price first (it takes over for good once the stretch ends, if any
/// does): every option seen cheapest at a walked end, and every other candidate that goes
/// below each of those somewhere in the stretch. A candidate by the bounds alone that only
/// ever ties (an API at a node's long-run price) is not named.
fn taking_turns(
    options: &[Staircase],
    several: &[usize],
    seen: Vec<usize>,
    stretch: (f64, f64),
    limit: f64,
) -> Vec<usize> {
    let mut seen: Vec<usize> = several
        .iter()
        .copied()
        .filter(|option| seen.contains(option))
        .collect();
    if seen.is_empty() {
        seen = several.to_vec();
    }
    let mut named: Vec<usize> = several
        .iter()
        .copied()
        .filter(|option| {
            seen.contains(option)
                || seen
                    .iter()
                    .all(|&winner| goes_below(options, *option, winner, stretch, limit))
        })
        .collect();
    named.sort_by(|&a, &b| {
        options[a]
            .long_run_usd_per_token()
            .total_cmp(&options[b].long_run_usd_per_token())
            .then(a.cmp(&b))
    });
    named
}

/// Whether option `first` costs less than `second` somewhere in `stretch`, by more than a
/// sliver of volume.
fn goes_below(
    options: &[Staircase],
    first: usize,
    second: usize,
    (from, to): (f64, f64),
    limit: f64,
) -> bool {
    let (a, b) = (&options[first], &options[second]);
    let just_above = from * (1.0 + 2.0 * SLIVER) + SLIVER;
    if a.cost(just_above) < b.cost(just_above) {
        return true;
    }
    let found = crossings_up_to(a, b, limit);
    found
        .points
        .iter()
        .any(|point| point.first_cheaper_above && point.volume >= from && point.volume < to)
        || found
            .turn_taking
            .is_some_and(|turns| turns.from < to && turns.to.is_none_or(|end| end > from))
}

/// The cheapest ranges when options can only run up to a volume each (`reach`, infinite
/// for no limit): between two limits the set of options that can run is fixed, so each
/// stretch is tiled by [`cheapest_ranges`] over the options still running there. Where no
/// option can run at all, no range covers the volume.
///
/// Nothing is looked for above `limit`, where the tool stops modelling.
pub fn cheapest_ranges_within(
    options: &[Staircase],
    reach: &[f64],
    limit: f64,
) -> Vec<CheapestRange> {
    // Where an option's owned steps end it changes from one uniform staircase to another
    // (see `Staircase::regime_at`); between cuts every option is one uniform staircase.
    let owned_ends: Vec<f64> = options.iter().filter_map(Staircase::owned_end).collect();
    let mut cuts: Vec<f64> = reach
        .iter()
        .copied()
        .chain(owned_ends.iter().copied())
        .filter(|cut| cut.is_finite() && *cut > 0.0)
        .collect();
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    if cuts.is_empty() && reach.iter().all(|reach| *reach == f64::INFINITY) {
        return cheapest_ranges_up_to(options, limit);
    }
    cuts.push(f64::INFINITY);
    let mut ranges: Vec<CheapestRange> = Vec::new();
    let mut from = 0.0_f64;
    for to in cuts {
        let running: Vec<usize> = (0..options.len()).filter(|&i| reach[i] >= to).collect();
        let probe = if to.is_finite() {
            0.5 * (from + to)
        } else {
            2.0 * from + 1.0
        };
        let subset: Vec<Staircase> = running
            .iter()
            .map(|&i| options[i].regime_at(probe))
            .collect();
        for range in cheapest_ranges_up_to(&subset, limit.min(to)) {
            let start = range.from.max(from);
            let end = range.to.unwrap_or(f64::INFINITY).min(to);
            if end <= start {
                continue;
            }
            let option = running[range.option];
            let alternates_with: Vec<usize> =
                range.alternates_with.iter().map(|&i| running[i]).collect();
            match ranges.last_mut() {
                Some(last)
                    if last.option == option
                        && last.alternates_with == alternates_with
                        && last.to == Some(start) =>
                {
                    last.to = end.is_finite().then_some(end);
                }
                _ => ranges.push(CheapestRange {
                    option,
                    from: start,
                    to: end.is_finite().then_some(end),
                    alternates_with,
                }),
            }
        }
        from = to;
    }
    ranges
}
