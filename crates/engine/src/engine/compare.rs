//! Two scenarios side by side: the one being edited and one pinned before the edits. What
//! each costs at the current volume (its cheapest allowed option that can run there) and
//! over the same timeline (its cheapest plan), and the difference, in words the read-out
//! and the exports share.
//!
//! Like is compared with like: the pinned scenario keeps its own prices, hardware and
//! costs, and is priced at the edited scenario's volume, timeline (months, growth or
//! monthly volumes), lens and currency ([`aligned`]). So both lines of the read-out speak
//! of the same volumes, and a pinned option never changes between them for a reason the
//! read-out does not say.

use super::Model;
use super::timeline::Timeline;
use super::timeline::words::month_words;
use crate::scenario::Scenario;
use crate::units::{Currency, format_percent, format_tokens};

/// What the pinned side keeps and what it takes from the edited scenario, as the read-out
/// and the caption say it.
pub const HELD_FROM_THE_PIN: &str =
    "pinned: its prices, hardware and costs; volume, timeline, lens and currency as now";

/// The pinned scenario as it is compared with `current`: its own options, at `current`'s
/// volume (input share kept), over `current`'s timeline, with `current`'s lens and currency.
pub fn aligned(pinned: &Scenario, current: &Scenario) -> Scenario {
    let mut aligned = pinned.with_tokens_per_month(current.tokens_per_month());
    aligned.timeline = current.timeline.clone();
    aligned.accounting.lens = current.accounting.lens;
    aligned.currency = current.currency.clone();
    aligned
}

/// One scenario's best answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Best {
    /// What it is: an option's name, or "switching to … in month k".
    pub what: String,
    /// Its cost, $ (per month at the volume, or over the horizon).
    pub usd: f64,
}

/// The edited scenario against the pinned one.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The volume both are priced at: the edited scenario's.
    pub tokens_per_month: f64,
    /// Cheapest option that can run at the volume: (edited, pinned); `None` for a side
    /// with no option that can run there.
    pub now: (Option<Best>, Option<Best>),
    /// Cheapest plan over each side's timeline: (edited, pinned).
    pub horizon: (Option<Best>, Option<Best>),
    /// Months each side's timeline covers: (edited, pinned).
    pub months: (u32, u32),
    /// The edited scenario's currency, which both sides are shown in.
    pub currency: Currency,
    /// The [`Model::generation`]s it was made from: (edited, pinned), so a view can tell
    /// whether it is still current.
    pub generations: (u64, u64),
}

/// The edited scenario (`current`) against `pinned`, at `current`'s volume; `pinned` is
/// prepared from [`aligned`], so its timeline is `current`'s.
pub fn compare(current: &Model, pinned: &Model) -> Comparison {
    let volume = current.report().volume_tokens_per_month;
    Comparison {
        tokens_per_month: volume,
        now: (cheapest_at(current, volume), cheapest_at(pinned, volume)),
        horizon: (
            cheapest_plan(current.timeline()),
            cheapest_plan(pinned.timeline()),
        ),
        months: (current.timeline().months, pinned.timeline().months),
        currency: current.report().currency.clone(),
        generations: (current.generation(), pinned.generation()),
    }
}

/// The option of `model` that costs least at `volume` among those that can run there and
/// that no constraint rules out (the one the verdict would name).
fn cheapest_at(model: &Model, volume: f64) -> Option<Best> {
    let allowed = |index: usize| {
        model
            .report()
            .options
            .get(index)
            .is_none_or(|row| row.ruled_out.is_none())
    };
    model
        .options()
        .iter()
        .enumerate()
        .filter(|(index, option)| allowed(*index) && option.runs_at(volume))
        .filter_map(|(_, option)| Some((option, option.cost(volume)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(option, usd)| Best {
            what: option.name.clone(),
            usd,
        })
}

/// The plan that costs least over the horizon: one option throughout (where it can run
/// every month) or the best switch from an API to a self-hosted option.
fn cheapest_plan(timeline: &Timeline) -> Option<Best> {
    let last = timeline.rows.last()?;
    let throughout = last.costs.iter().enumerate().filter_map(|(index, cost)| {
        let runs = timeline.rows.iter().all(|row| {
            row.costs
                .get(index)
                .is_some_and(|cost| cost.cannot_run.is_none())
        });
        (runs && !timeline.is_ruled_out(cost.option_id)).then(|| Best {
            what: format!("{} throughout", cost.option),
            usd: cost.cumulative_usd,
        })
    });
    let allowed = |switch: &&super::timeline::BestSwitch| {
        !timeline.is_ruled_out(switch.pair.api) && !timeline.is_ruled_out(switch.pair.self_hosted)
    };
    let switches = timeline
        .best_switch
        .iter()
        .filter(allowed)
        .filter_map(|switch| {
            let month = switch.month?;
            let before = if month == 2 {
                "in month 1".to_owned()
            } else {
                format!("for months 1–{}", month - 1)
            };
            Some(Best {
                what: format!(
                    "{} {before}, then {} from {}",
                    switch.api,
                    switch.self_hosted,
                    month_words(month)
                ),
                usd: switch.total_usd,
            })
        });
    throughout
        .chain(switches)
        .min_by(|a, b| a.usd.total_cmp(&b.usd))
}

impl Comparison {
    /// Two lines for the read-out and the caption: at the volume, and over the horizon.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let (Some(now), Some(pinned)) = &self.now {
            lines.push(format!(
                "At {} tokens/month: {} {}/month, pinned {} {}/month; {}.",
                format_tokens(self.tokens_per_month),
                now.what,
                self.currency.format(now.usd),
                pinned.what,
                self.currency.format(pinned.usd),
                difference(now.usd, pinned.usd, "/month", &self.currency),
            ));
        }
        if let (Some(now), Some(pinned)) = &self.horizon {
            let over = if self.months.0 == self.months.1 {
                format!("Over {} months", self.months.0)
            } else {
                format!("Over {} months (pinned: {})", self.months.0, self.months.1)
            };
            lines.push(format!(
                "{over}: {} {}, pinned {} {}; {}.",
                now.what,
                self.currency.format(now.usd),
                pinned.what,
                self.currency.format(pinned.usd),
                difference(now.usd, pinned.usd, "", &self.currency),
            ));
        }
        lines
    }
}

/// "$305/month less than pinned (−87%)", "the same as pinned".
fn difference(now: f64, pinned: f64, unit: &str, currency: &Currency) -> String {
    let gap = now - pinned;
    if gap.abs() < 0.005 {
        return "the same as pinned".to_owned();
    }
    let direction = if gap < 0.0 { "less" } else { "more" };
    // Past double, a multiple reads better than "+1733%".
    let share = if pinned <= 0.0 {
        String::new()
    } else if now >= 2.0 * pinned {
        format!(" ({:.1}× pinned)", now / pinned)
    } else {
        let sign = if gap < 0.0 { "−" } else { "+" };
        format!(" ({sign}{})", format_percent(gap.abs() / pinned))
    };
    format!(
        "{}{unit} {direction} than pinned{share}",
        currency.format(gap.abs())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare;
    use crate::scenario::presets;

    #[test]
    fn a_cheaper_api_reads_as_less_than_pinned() {
        let pinned_scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        let mut edited = pinned_scenario.clone();
        // GPT-4o mini's prices: $0.15 in, $0.60 out per 1M.
        edited.apis[0].name = "GPT-4o mini".into();
        edited.apis[0].usd_per_million_input = 0.15;
        edited.apis[0].usd_per_million_output = 0.60;
        let comparison = compare(&prepare(&edited), &prepare(&pinned_scenario));
        // 13/15 × 0.15 + 2/15 × 0.60 = $0.21 per 1M: $21 at 100M, against GPT-4o's $350.
        let lines = comparison.lines();
        assert_eq!(
            lines[0],
            "At 100M tokens/month: GPT-4o mini $21.00/month, pinned GPT-4o $350.00/month; \
             $329.00/month less than pinned (−94%)."
        );
        // 36 months without growth: $756 against $12,600.
        assert_eq!(
            lines[1],
            "Over 36 months: GPT-4o mini throughout $756.00, pinned GPT-4o throughout \
             $12,600; $11,844 less than pinned (−94%)."
        );
    }

    #[test]
    fn the_pinned_side_is_priced_at_the_current_volume_over_the_same_timeline() {
        // Pinned at 100M; the edited scenario moves to 1B. Both lines price the pinned
        // scenario at 1B, so the same option leads both of its lines: a node serves 946M a
        // month, so 2 nodes at $500 plus $50 at 1B: $1,050 a month, $37,800 over 36
        // months; not GPT-4o's old 100M bill of $12,600.
        let pinned_scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        let edited = pinned_scenario.with_tokens_per_month(1e9);
        let pinned = prepare(&aligned(&pinned_scenario, &edited));
        let lines = compare(&prepare(&edited), &pinned).lines();
        assert_eq!(
            lines,
            [
                "At 1.00B tokens/month: Llama 3.1 70B on a dedicated A100 $1,050/month, \
                 pinned Llama 3.1 70B on a dedicated A100 $1,050/month; the same as pinned.",
                "Over 36 months: Llama 3.1 70B on a dedicated A100 throughout $37,800, pinned \
                 Llama 3.1 70B on a dedicated A100 throughout $37,800; the same as pinned."
            ]
        );
    }

    #[test]
    fn the_best_plan_over_the_horizon_can_be_a_switch() {
        let mut growing = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        growing.timeline.growth_per_month = 0.15;
        let flat = presets::load("gpt4o-vs-dedicated-server").expect("preset");
        let comparison = compare(&prepare(&growing), &prepare(&flat));
        let (now, _) = &comparison.horizon;
        let now = now.as_ref().expect("a plan");
        assert_eq!(
            now.what,
            "GPT-4o for months 1–4, then Llama 3.1 70B on a dedicated A100 from month 5"
        );
        assert!((now.usd - 65_847.681_25).abs() < 1e-6);
        // Many times dearer reads as a multiple.
        assert_eq!(
            difference(350.0, 19.09, "/month", &Currency::usd()),
            "$330.91/month more than pinned (18.3× pinned)"
        );
        assert_eq!(
            difference(21.0, 350.0, "", &Currency::usd()),
            "$329.00 less than pinned (−94%)"
        );
        // The same scenario pinned reads as the same.
        let same = compare(&prepare(&flat), &prepare(&flat));
        assert!(
            same.lines()[0].ends_with("the same as pinned."),
            "{:?}",
            same.lines()
        );
    }
}
