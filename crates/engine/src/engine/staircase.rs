//! The one shape every option's monthly cost takes: a staircase of affine steps.
//!
//! `cost(V) = n(V) · usd_per_step + fixed_usd + usd_per_token · V`, with
//! `n(V) = max(1, ceil(V / tokens_per_step))`. An API is the special case of one
//! endless step with no fixed cost; a deployment adds a node per step; a hybrid is
//! a deployment whose steps are stretched by its local share. Because each step is
//! affine, crossovers between any two options can be solved in closed form.

/// A monthly cost that is affine within each step and jumps by `usd_per_step` between steps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Staircase {
    /// Tokens per month one step covers; infinite for an option with no steps (an API).
    pub tokens_per_step: f64,
    /// Cost added by each step (one more node), $ per month.
    pub usd_per_step: f64,
    /// Cost paid regardless of steps (engineering, infrastructure, spare nodes), $ per month.
    pub fixed_usd: f64,
    /// Cost that scales with every token (API prices, power under load, busy-hour rent), $.
    pub usd_per_token: f64,
    /// The first steps that cost `owned_discount` less each: nodes already owned, which
    /// the marginal lens does not write off; 0 for none.
    pub owned_steps: f64,
    /// What each of the first `owned_steps` steps costs less than the others, $ per month.
    pub owned_discount: f64,
}

/// Relative slack when deciding which step a volume is on, so that a volume computed
/// as `k · tokens_per_step` lands on step `k` despite rounding.
const STEP_ROUNDING: f64 = 1e-12;

impl Staircase {
    /// A cost proportional to volume, like an API's.
    pub fn linear(usd_per_token: f64) -> Self {
        Self {
            tokens_per_step: f64::INFINITY,
            usd_per_step: 0.0,
            fixed_usd: 0.0,
            usd_per_token,
            owned_steps: 0.0,
            owned_discount: 0.0,
        }
    }

    /// The step (number of nodes) in use at `tokens` per month; at least 1.
    pub fn steps(&self, tokens: f64) -> f64 {
        if !self.tokens_per_step.is_finite() || tokens <= 0.0 {
            return 1.0;
        }
        let exact = tokens / self.tokens_per_step;
        (exact - exact * STEP_ROUNDING).ceil().max(1.0)
    }

    /// Monthly cost at `tokens` per month.
    pub fn cost(&self, tokens: f64) -> f64 {
        self.cost_on_step(self.steps(tokens)) + self.usd_per_token * tokens
    }

    /// The part of the cost that is fixed while `step` nodes serve: the steps paid, less
    /// what the owned ones save, plus the fixed cost. The cost on that step is this plus
    /// `usd_per_token` × volume.
    pub fn cost_on_step(&self, step: f64) -> f64 {
        step * self.usd_per_step + self.fixed_usd - step.min(self.owned_steps) * self.owned_discount
    }

    /// Where step `k` ends (its last volume), or infinity for a single endless step:
    /// the largest volume [`Self::steps`] still puts on step `k`, rounding slack included,
    /// so the crossover search and [`Self::cost`] agree on which step a volume is on.
    pub fn step_end(&self, step: f64) -> f64 {
        let mut end = step * self.tokens_per_step / (1.0 - STEP_ROUNDING);
        // Rounding in `steps` can put the computed end one bit onto the next step.
        while end.is_finite() && end > 0.0 && self.steps(end) > step {
            end = end.next_down();
        }
        // … or a few bits short of it: then the next volumes up are still on step `k`.
        while end.is_finite() && self.steps(end.next_up()) <= step {
            end = end.next_up();
        }
        end
    }

    /// This staircase as the crossover and cheapest-range searches walk it: steps that cost
    /// nothing (a free node, an owned node under the marginal lens with nothing but its
    /// write-off) are no steps at all, so a line of a billion free 26-token steps is walked
    /// as the line it is. Costs are unchanged at every volume.
    pub fn walked(&self) -> Staircase {
        if self.usd_per_step == 0.0 && self.owned_end().is_none() {
            Staircase {
                tokens_per_step: f64::INFINITY,
                owned_steps: 0.0,
                owned_discount: 0.0,
                ..*self
            }
        } else {
            *self
        }
    }

    /// The last volume the owned steps serve, where the steps start costing in full;
    /// `None` when no step is owned (or owning saves nothing).
    pub fn owned_end(&self) -> Option<f64> {
        (self.owned_steps > 0.0 && self.owned_discount != 0.0 && self.tokens_per_step.is_finite())
            .then(|| self.step_end(self.owned_steps))
    }

    /// The staircase without owned steps that costs what this one does around `volume`:
    /// on the owned steps, steps of `usd_per_step − owned_discount`; beyond them, full
    /// steps with the owned steps' saving taken off the fixed cost. Each is exact on its
    /// side of [`Self::owned_end`], so the crossover search walks uniform steps only.
    pub fn regime_at(&self, volume: f64) -> Staircase {
        let uniform = Staircase {
            owned_steps: 0.0,
            owned_discount: 0.0,
            ..*self
        };
        if self.owned_end().is_none() {
            return uniform;
        }
        if self.steps(volume) <= self.owned_steps {
            Staircase {
                usd_per_step: self.usd_per_step - self.owned_discount,
                ..uniform
            }
        } else {
            Staircase {
                fixed_usd: self.fixed_usd - self.owned_steps * self.owned_discount,
                ..uniform
            }
        }
    }

    /// Cost per token in the long run, when step costs are spread over full steps.
    pub fn long_run_usd_per_token(&self) -> f64 {
        if self.tokens_per_step.is_finite() {
            self.usd_per_token + self.usd_per_step / self.tokens_per_step
        } else {
            self.usd_per_token
        }
    }

    /// Step boundaries (volumes where a node is added) strictly inside `min..max`,
    /// at most `limit` of them, so charts can draw each jump as a vertical edge.
    pub fn step_ends_between(&self, min: f64, max: f64, limit: usize) -> Vec<f64> {
        if !self.tokens_per_step.is_finite() || self.tokens_per_step <= 0.0 {
            return Vec::new();
        }
        let first = (min / self.tokens_per_step).floor().max(1.0);
        (0..limit)
            // Drawn edges sit at k · C; the rounding slack of `step_end` is invisible.
            .map(|offset| (first + offset as f64) * self.tokens_per_step)
            .skip_while(|end| *end <= min)
            .take_while(|end| *end < max)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> Staircase {
        Staircase {
            tokens_per_step: 100.0,
            usd_per_step: 10.0,
            fixed_usd: 5.0,
            usd_per_token: 0.01,
            owned_steps: 0.0,
            owned_discount: 0.0,
        }
    }

    #[test]
    fn one_node_covers_zero_and_the_whole_first_step() {
        let stairs = node();
        assert_eq!(stairs.steps(0.0), 1.0);
        assert_eq!(stairs.steps(100.0), 1.0);
        assert_eq!(stairs.steps(100.0001), 2.0);
        assert_eq!(stairs.steps(300.0), 3.0);
        assert_eq!(stairs.steps(0.1 * 3.0 * 1000.0), 3.0);
    }

    #[test]
    fn cost_adds_a_node_per_step() {
        let stairs = node();
        assert_eq!(stairs.cost(0.0), 15.0);
        assert_eq!(stairs.cost(100.0), 16.0);
        assert!((stairs.cost(150.0) - 26.5).abs() < 1e-12);
    }

    #[test]
    fn an_api_is_one_endless_step() {
        let api = Staircase::linear(3.5e-6);
        assert_eq!(api.steps(1e12), 1.0);
        assert!((api.cost(100e6) - 350.0).abs() < 1e-9);
        assert!(api.step_ends_between(0.0, 1e12, 10).is_empty());
    }

    #[test]
    fn step_ends_lie_strictly_inside_the_range() {
        let close = |got: Vec<f64>, want: &[f64]| {
            assert_eq!(got.len(), want.len(), "{got:?}");
            for (got, want) in got.iter().zip(want) {
                assert!((got - want).abs() < 1e-9, "{got} vs {want}");
            }
        };
        close(
            node().step_ends_between(100.0, 450.0, 10),
            &[200.0, 300.0, 400.0],
        );
        close(node().step_ends_between(0.0, 250.0, 1), &[100.0]);
    }

    #[test]
    fn a_step_end_is_on_its_step_and_just_past_it_is_the_next() {
        let stairs = node();
        let odd = Staircase {
            tokens_per_step: 577_459_147.218_3,
            ..node()
        };
        // The step found by a property test: its computed end fell a few bits short.
        let short = Staircase {
            tokens_per_step: 293_267_419.132_171_15,
            ..node()
        };
        for stairs in [odd, short] {
            for step in 1..2000 {
                let end = stairs.step_end(f64::from(step));
                assert_eq!(stairs.steps(end), f64::from(step), "step {step}");
                // The very next volume is on the next step: `end` is the last one.
                assert_eq!(
                    stairs.steps(end.next_up()),
                    f64::from(step + 1),
                    "step {step}"
                );
            }
        }
        for step in [1.0, 7.0, 1e6] {
            let end = stairs.step_end(step);
            assert_eq!(stairs.steps(end), step);
            assert_eq!(stairs.steps(end * (1.0 + 1e-9)), step + 1.0);
        }
    }

    #[test]
    fn long_run_price_spreads_node_cost_over_capacity() {
        assert!((node().long_run_usd_per_token() - 0.11).abs() < 1e-12);
    }
}
