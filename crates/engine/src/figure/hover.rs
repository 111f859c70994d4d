//! The read-out under the pointer: every option's cost at the volume pointed at.

use super::labels::crossover_labels;
use crate::engine::{Model, Report};
use crate::units::{format_token_span, format_tokens};

/// Most stretches listed in the hover detail of an alternating stretch.
const MAX_STRETCHES_LISTED: usize = 6;

/// The hover read-out at a volume (log10 units): the volume, then every option's monthly
/// cost and $ per 1M tokens there, the cheapest one marked; then the pinned scenario's
/// options, when one is pinned.
pub fn hover_text(model: &Model, pinned: Option<&Model>, log_volume: f64) -> String {
    let volume = 10f64.powf(log_volume);
    let costs = model.costs_at(volume);
    // Only an option that can run there is "cheapest", as in the verdict and the ranges.
    let runs: Vec<bool> = model.options().iter().map(|o| o.runs_at(volume)).collect();
    let cheapest = costs
        .iter()
        .enumerate()
        .filter(|(index, _)| runs[*index])
        .filter_map(|(index, cost)| Some((index, (*cost)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(index, _)| index);
    let money = |usd: f64| model.report().currency.format(usd);
    let mut text = format!("{} tokens/month", format_tokens(volume));
    for (index, (option, cost)) in model.options().iter().zip(costs).enumerate() {
        let figures = match cost {
            Some(cost) if volume > 0.0 => format!(
                "{}/month ({}/1M tokens)",
                money(cost),
                money(cost / (volume / 1e6))
            ),
            Some(cost) => format!("{}/month", money(cost)),
            None => "cannot serve traffic".to_owned(),
        };
        let range = option
            .cost_band(volume)
            .filter(|(low, high)| high > low)
            .map(|(low, high)| format!(", {} to {} over the ranges", money(low), money(high)))
            .unwrap_or_default();
        let mark = if cheapest == Some(index) {
            "  (cheapest)"
        } else if !runs[index] {
            "  (cannot run as configured)"
        } else {
            ""
        };
        text.push_str(&format!("\n{}: {figures}{range}{mark}", option.name));
    }
    if let Some(detail) = alternation_detail(model.report(), volume) {
        text.push('\n');
        text.push_str(&detail);
    }
    for (option, cost) in pinned
        .into_iter()
        .flat_map(|pinned| pinned.options().iter().zip(pinned.costs_at(volume)))
    {
        if let Some(cost) = cost {
            text.push_str(&format!(
                "\n{}{}: {}/month",
                option.name,
                super::PINNED,
                money(cost)
            ));
        }
    }
    text
}

/// Under the pointer inside a bracketed stretch where the cheaper side alternates node by
/// node ("alternates: 9 crossovers"): the crossovers it stands for, as the stretches
/// where self-hosting is cheaper.
fn alternation_detail(report: &Report, volume: f64) -> Option<String> {
    let crossovers = &report.crossovers;
    let (from, to) = crossover_labels(report)
        .into_iter()
        .filter_map(|label| label.brackets)
        .find(|(from, to)| {
            (crossovers[*from].volume_tokens_per_month..=crossovers[*to].volume_tokens_per_month)
                .contains(&volume)
        })?;
    let pair = &crossovers[from];
    let same_pair = |c: &&crate::engine::Crossover| c.pair == pair.pair;
    let inside: Vec<_> = crossovers[from..=to].iter().filter(same_pair).collect();
    // The last stretch inside the bracket ends at the pair's next crossover, past it.
    let next = crossovers[to + 1..].iter().find(same_pair);
    let bounds: Vec<_> = inside.iter().copied().chain(next).collect();
    let stretches: Vec<String> = bounds
        .windows(2)
        .filter(|two| two[0].self_hosted_cheaper_above)
        .map(|two| {
            let (low, high) = format_token_span(
                two[0].volume_tokens_per_month,
                two[1].volume_tokens_per_month,
            );
            format!("{low}–{high}")
        })
        .collect();
    if stretches.is_empty() {
        return None;
    }
    let mut listed = stretches
        .iter()
        .take(MAX_STRETCHES_LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if stretches.len() > MAX_STRETCHES_LISTED {
        listed.push_str(&format!(
            " and {} more",
            stretches.len() - MAX_STRETCHES_LISTED
        ));
    }
    let (first, last) = format_token_span(
        inside.first()?.volume_tokens_per_month,
        inside.last()?.volume_tokens_per_month,
    );
    Some(format!(
        "Alternating from {first} to {last} ({} crossovers): {} is cheaper at {listed}, {} between",
        inside.len(),
        pair.self_hosted,
        pair.api
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare;
    use crate::scenario::presets;

    #[test]
    fn hover_inside_the_bracket_lists_the_stretches_it_stands_for() {
        let model = prepare(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let text = hover_text(&model, None, 150e6_f64.log10());
        let detail = text.lines().last().expect("lines");
        assert!(
            detail.starts_with("Alternating from 71.0M to 355M (9 crossovers): Llama 3.3 70B"),
            "{text}"
        );
        assert!(detail.ends_with(", Frontier API between"), "{text}");
        // Outside the bracket there is no detail.
        let outside = hover_text(&model, None, 30e6_f64.log10());
        assert!(!outside.contains("Alternating"), "{outside}");
    }

    #[test]
    fn hover_lists_every_option_at_the_pointer() {
        let model = prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset"));
        let text = hover_text(&model, None, 8.0);
        assert_eq!(text.lines().count(), 1 + model.options().len(), "{text}");
        assert!(text.starts_with("100M tokens/month\n"), "{text}");
        // GPT-4o at $3.50/M costs $350 at 100M; the $550 server is dearer.
        assert!(
            text.contains("GPT-4o: $350.00/month ($3.50/1M tokens)  (cheapest)"),
            "{text}"
        );
        assert!(!text.contains("pointer"), "{text}");
    }

    #[test]
    fn hover_gives_the_band_of_an_option_with_ranges() {
        let model = prepare(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let text = hover_text(&model, None, 9.0);
        assert!(
            text.contains(
                "Llama 3.1 70B on 2x A100: $13,225/month ($13.22/1M tokens), $10,100 to $22,707 over the ranges"
            ),
            "{text}"
        );
        assert!(
            text.contains("GPT-4o: $4,375/month ($4.38/1M tokens)  (cheapest)"),
            "{text}"
        );
    }

    #[test]
    fn an_option_that_cannot_run_is_never_the_cheapest_in_hover() {
        // The RTX 4090 costs less than Sonnet at 10M, but its 70B model does not fit.
        let model = prepare(&presets::load("sonnet-vs-rtx4090").expect("preset"));
        let text = hover_text(&model, None, 7.0);
        assert!(
            text.contains("Claude Sonnet 4.5: $70.00/month ($7.00/1M tokens)  (cheapest)"),
            "{text}"
        );
        assert!(
            text.contains(
                "RTX 4090: $65.29/month ($6.53/1M tokens), $59.74 to $70.85 over the ranges  \
                 (cannot run as configured)"
            ),
            "{text}"
        );
    }
}
