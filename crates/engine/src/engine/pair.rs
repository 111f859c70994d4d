//! One API against one self-hosted option: where self-hosting first wins, and the volume
//! above which it stays cheaper for good.
//!
//! Both come from the exact cheapest ranges of the two options alone (so a node step that
//! hands the win back is seen, and an option past its node limit never wins), read over
//! the volumes the model covers: a win beyond 10¹⁵ tokens a month, or beyond the volume
//! where a deployment would need more nodes than can be counted, is no win.

use super::cheapest::cheapest_ranges_within;
use super::staircase::Staircase;

/// Where self-hosting wins against one API; `None` where it never does within the model.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairOutcome {
    /// The lowest volume at which self-hosting is cheaper (it may lose again above).
    pub first_win: Option<f64>,
    /// The volume above which self-hosting is cheaper at every volume.
    pub wins_for_good: Option<f64>,
}

/// Where `own` (able to run up to `own_reach` tokens a month) beats `api`, among the
/// volumes up to `modelled` (the report's `modelled_up_to_tokens_per_month`).
pub fn pair_outcome(
    api: &Staircase,
    own: &Staircase,
    own_reach: f64,
    modelled: f64,
) -> PairOutcome {
    if own_reach <= 0.0 {
        return PairOutcome {
            first_win: None,
            wins_for_good: None,
        };
    }
    let ranges = cheapest_ranges_within(&[*api, *own], &[f64::INFINITY, own_reach], modelled);
    let within_model = |volume: &f64| *volume <= modelled;
    // Where the two take turns node by node, self-hosting wins at some of the steps.
    let first_win = ranges
        .iter()
        .find(|range| range.option == 1 || range.alternates_with.contains(&1))
        .map(|range| range.from)
        .filter(within_model);
    let wins_for_good = ranges
        .last()
        .filter(|range| range.option == 1 && range.alternates_with.is_empty())
        .map(|range| range.from)
        .filter(within_model);
    PairOutcome {
        first_win,
        wins_for_good,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn api(usd_per_million: f64) -> Staircase {
        Staircase::linear(usd_per_million / 1e6)
    }

    fn node(fixed: f64, per_node: f64, tokens_per_node: f64) -> Staircase {
        Staircase {
            fixed_usd: fixed,
            usd_per_step: per_node,
            tokens_per_step: tokens_per_node,
            usd_per_token: 0.0,
            owned_steps: 0.0,
            owned_discount: 0.0,
        }
    }

    #[test]
    fn a_single_crossing_is_both_the_first_win_and_the_win_for_good() {
        // $1,000 a month flat against $5 per 1M: equal at 200M.
        let outcome = pair_outcome(
            &api(5.0),
            &node(1000.0, 0.0, f64::INFINITY),
            f64::INFINITY,
            1e15,
        );
        let first = outcome.first_win.expect("wins");
        assert!((first - 200e6).abs() < 1.0, "{first}");
        assert_eq!(outcome.wins_for_good, outcome.first_win);
    }

    #[test]
    fn a_node_that_hands_the_win_back_separates_the_two() {
        // One node of $1,000 serves 300M. At $4.10 per 1M the API costs $1,000 at 243.9M,
        // but each added node hands the win back while the API's $1,230 a step has not yet
        // gained a whole node on it: with five nodes ($5,000) self-hosting wins from
        // 5,000 / 4.1 = 1.2195B and the sixth (at 1.5B, API $6,150) keeps it ahead for good.
        let outcome = pair_outcome(&api(4.1), &node(0.0, 1000.0, 300e6), f64::INFINITY, 1e15);
        let first = outcome.first_win.expect("wins");
        let for_good = outcome.wins_for_good.expect("wins for good");
        assert!((first - 1000.0 / 4.1e-6).abs() < 1.0, "{first}");
        assert!((for_good - 5000.0 / 4.1e-6).abs() < 1.0, "{for_good}");
    }

    #[test]
    fn a_node_limit_rules_out_winning_for_good() {
        let outcome = pair_outcome(&api(5.0), &node(1000.0, 0.0, f64::INFINITY), 1e9, 1e15);
        assert!(outcome.first_win.is_some());
        assert_eq!(outcome.wins_for_good, None);
        let never = pair_outcome(&api(5.0), &node(1000.0, 0.0, f64::INFINITY), 100e6, 1e15);
        assert_eq!(never.first_win, None);
    }

    #[test]
    fn a_win_beyond_the_model_is_no_win() {
        // $1B a month flat against $0.50 per 1M: equal at 2·10¹⁵.
        let outcome = pair_outcome(
            &api(0.5),
            &node(1e9, 0.0, f64::INFINITY),
            f64::INFINITY,
            1e15,
        );
        assert_eq!(outcome.first_win, None);
        assert_eq!(outcome.wins_for_good, None);
    }
}
