//! The timeline's answer in plain words, the same in the app, the CLI and every export.

use super::{BestSwitch, BreakEven, Timeline};
use crate::units::Currency;

/// "month 5", with the year past the first: "month 14 (year 2)".
pub fn month_words(month: u32) -> String {
    if month > 12 {
        format!("month {month} (year {})", month.div_ceil(12))
    } else {
        format!("month {month}")
    }
}

/// One sentence per self-hosted option: when to switch, what it saves over the horizon,
/// and when its cumulative cost catches up with the API's.
pub fn switch_sentence(
    switch: &BestSwitch,
    even: &BreakEven,
    months: u32,
    currency: &Currency,
) -> String {
    let catch_up = match even.month {
        Some(month) => format!(
            "run from month 1, it breaks even with {} in {}",
            even.api,
            month_words(month)
        ),
        None => format!(
            "run from month 1, it does not break even with {} within {months} months",
            even.api
        ),
    };
    if let Some(reason) = &switch.cannot_run {
        return format!(
            "Staying on {} is the only plan over {months} months: {} cannot run as configured \
             to the end of it ({reason}).",
            switch.api, switch.self_hosted
        );
    }
    match switch.month {
        Some(month) => format!(
            "Switching from {} to {} in {} saves {} over {months} months ({} instead of {}); {catch_up}.",
            switch.api,
            switch.self_hosted,
            month_words(month),
            currency.format(switch.saving_usd),
            currency.format(switch.total_usd),
            currency.format(switch.stay_usd),
        ),
        None => format!(
            "Staying on {} is cheapest over {months} months: switching to {} in any month \
             costs more ({} staying); {catch_up}.",
            switch.api,
            switch.self_hosted,
            currency.format(switch.stay_usd),
        ),
    }
}

/// The timeline's headline: the switch that saves most of all self-hosted options, or
/// that staying is best; `None` without an API or a self-hosted option. With constraints
/// it recommends only what they allow and names the rule, as the monthly verdict does.
pub fn headline(timeline: &Timeline) -> Option<String> {
    let ruling = |rule: &str| {
        timeline
            .constraints_applied
            .iter()
            .find(|applied| applied.rule == rule && !applied.rules_out.is_empty())
    };
    if let Some(required) = ruling("self_hosting_required") {
        // Without an API there is no plan to compare: no sentence, as without constraints.
        timeline.best_switch.first()?;
        return Some(required_words(timeline, &required.says));
    }
    let leaving = ruling("mlops_capacity").or_else(|| ruling("latency_target"));
    let left = if leaving.is_some_and(|applied| applied.rules_out.len() > 1) {
        "they are left out"
    } else {
        "it is left out"
    };
    let left_out = leaving.map(|applied| applied.says.clone());
    let Some(index) = timeline.headline_index() else {
        let stay = timeline.best_switch.first()?;
        let why = left_out?;
        return Some(format!(
            "{why}, so staying on {} is the plan over {} months ({}).",
            stay.api,
            timeline.months,
            timeline.currency.format(stay.stay_usd)
        ));
    };
    let sentence = switch_sentence(
        &timeline.best_switch[index],
        &timeline.break_even[index],
        timeline.months,
        &timeline.currency,
    );
    Some(match left_out {
        Some(why) => format!("{why}, so {left}. {sentence}"),
        None => sentence,
    })
}

/// "Self-hosting is required: data must stay in your environment. Over 36 months A costs
/// $12,345 in cash; staying on GPT-4o would cost $9,876 (the constraint's price)."
fn required_words(timeline: &Timeline, required: &str) -> String {
    let keys = timeline.option_keys();
    let totals = timeline.totals();
    let allowed = timeline
        .best_switch
        .iter()
        .filter(|switch| {
            !timeline.is_ruled_out(switch.pair.self_hosted) && switch.cannot_run.is_none()
        })
        .filter_map(|switch| {
            let index = keys
                .iter()
                .position(|key| *key == switch.pair.self_hosted)?;
            Some((switch, totals[index]))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1));
    let months = timeline.months;
    match allowed {
        Some((switch, total)) => format!(
            "{required}. Over {months} months {} costs {} in cash; staying on {} would cost {}.",
            switch.self_hosted,
            timeline.currency.format(total),
            switch.api,
            timeline.currency.format(switch.stay_usd)
        ),
        None => format!(
            "No option meets every constraint over {months} months. {required}, but no \
             self-hosted option can run as configured for all of them."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{OptionKey, PairKey};

    /// The pair of these tests: an API and a deployment called "Servers".
    const PAIR: PairKey = PairKey {
        api: OptionKey::Listed(crate::scenario::OptionId(1)),
        self_hosted: OptionKey::Listed(crate::scenario::OptionId(2)),
    };

    fn switch(month: Option<u32>) -> BestSwitch {
        BestSwitch {
            pair: PAIR,
            self_hosted: "Servers".into(),
            api: "GPT-4o".into(),
            month,
            total_usd: if month.is_some() {
                65_847.68
            } else {
                355_020.99
            },
            saving_usd: if month.is_some() { 289_173.31 } else { 0.0 },
            stay_usd: 355_020.99,
            cannot_run: None,
            plan_monthly_usd: Vec::new(),
        }
    }

    fn even(month: Option<u32>) -> BreakEven {
        BreakEven {
            pair: PAIR,
            self_hosted: "Servers".into(),
            api: "GPT-4o".into(),
            month,
        }
    }

    #[test]
    fn a_switch_says_when_what_it_saves_and_when_it_catches_up() {
        assert_eq!(
            switch_sentence(&switch(Some(5)), &even(Some(7)), 36, &Currency::usd()),
            "Switching from GPT-4o to Servers in month 5 saves $289,173 over 36 months \
             ($65,848 instead of $355,021); run from month 1, it breaks even with GPT-4o in \
             month 7."
        );
    }

    #[test]
    fn staying_says_so() {
        assert_eq!(
            switch_sentence(&switch(None), &even(None), 36, &Currency::usd()),
            "Staying on GPT-4o is cheapest over 36 months: switching to Servers in any \
             month costs more ($355,021 staying); run from month 1, it does not break even \
             with GPT-4o within 36 months."
        );
        assert_eq!(month_words(14), "month 14 (year 2)");
    }
}
