//! A scenario prepared once for every view: its priced options, the report at its own
//! volume, and costs at any other volume.
//!
//! The app prepares a model when the scenario changes; the chart, the hover read-out,
//! the verdict, the breakdown, "show the math" and every export read it. Costs at a
//! volume the report does not cover (hover, curves, the CSV table) come from the same
//! staircases the report was computed from, so no view prices an option on its own.

use std::sync::atomic::{AtomicU64, Ordering};

use super::curve::{Curve, sample_curves};
use super::options::priced_options;
use super::prepared::PreparedOption;
use super::timeline::{self, Timeline};
use super::{Report, evaluate_with_bands};
use crate::scenario::Scenario;

/// A scenario with everything the views read, computed once.
#[derive(Clone, Debug)]
pub struct Model {
    /// Unique to this preparation, so views can keep what they drew from it.
    generation: u64,
    scenario: Scenario,
    options: Vec<PreparedOption>,
    report: Report,
    timeline: Timeline,
}

/// Numbers the models prepared in this process.
static GENERATIONS: AtomicU64 = AtomicU64::new(1);

/// Prepares `scenario` for every view: prices its options and evaluates it at its volume.
pub fn prepare(scenario: &Scenario) -> Model {
    // Priced once: the timeline reads the options before the report takes them.
    let priced = priced_options(scenario);
    let timeline = timeline::build(scenario, &priced);
    let (report, options) = evaluate_with_bands(scenario, priced, scenario.tokens_per_month());
    Model {
        generation: GENERATIONS.fetch_add(1, Ordering::Relaxed),
        scenario: scenario.clone(),
        options,
        report,
        timeline,
    }
}

impl Model {
    /// A number no other model prepared in this process has: a view that drew this model
    /// can reuse what it drew while the generation is the same.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The scenario this model was prepared from.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The report at the scenario's own volume.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Every option's cash cost over the months of the scenario's timeline.
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Every option in display order: APIs, deployments, then the hybrid (the report's
    /// order too).
    pub fn options(&self) -> &[PreparedOption] {
        &self.options
    }

    /// Each option's monthly cost at `tokens_per_month`, in display order.
    pub fn costs_at(&self, tokens_per_month: f64) -> Vec<Option<f64>> {
        self.options
            .iter()
            .map(|option| option.cost(tokens_per_month))
            .collect()
    }

    /// Every option's curve between `min` and `max` tokens per month, `count` samples
    /// each plus the exact step edges; no curve runs past the volumes the tool models
    /// (none is drawn when the whole span lies beyond them).
    pub fn curves(&self, min: f64, max: f64, count: usize) -> Vec<Curve> {
        let modelled = self.report.modelled_up_to_tokens_per_month;
        if min > modelled {
            return sample_curves(&self.options, min, max, 0)
                .into_iter()
                .map(|curve| Curve {
                    points: Vec::new(),
                    ..curve
                })
                .collect();
        }
        sample_curves(&self.options, min, max.min(modelled), count)
    }

    /// Whether this model was prepared from `scenario` (so it need not be prepared again).
    pub fn is_for(&self, scenario: &Scenario) -> bool {
        self.scenario == *scenario
    }

    /// The report's title replaced, as the CLI does with a preset or file name.
    pub fn retitle_report(&mut self, title: String) {
        self.report.scenario = title;
        self.generation = GENERATIONS.fetch_add(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn costs_at_the_volume_match_the_report() {
        for preset in presets::PRESETS {
            let model = prepare(&presets::load(preset.name).expect("preset"));
            let volume = model.report().volume_tokens_per_month;
            let reported: Vec<Option<f64>> = model
                .report()
                .options
                .iter()
                .map(|option| option.monthly_cost_usd)
                .collect();
            assert_eq!(model.costs_at(volume), reported, "{}", preset.name);
            let names: Vec<&str> = model.options().iter().map(|o| o.name.as_str()).collect();
            let report_names: Vec<&str> = model
                .report()
                .options
                .iter()
                .map(|o| o.name.as_str())
                .collect();
            assert_eq!(names, report_names, "{}", preset.name);
        }
    }

    #[test]
    fn a_model_knows_its_scenario() {
        let scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        let model = prepare(&scenario);
        assert!(model.is_for(&scenario));
        let mut changed = scenario.clone();
        changed.hours_per_month = 700.0;
        assert!(!model.is_for(&changed));
    }
}
