//! Words on the chart: which crossovers get a label, what it says, and which side it goes.

use super::MERGE_LABELS_DECADES;
use crate::engine::{Crossover, OptionKind, Report};
use crate::units::{format_token_span, format_tokens};

/// A crossover label's words and what it covers: the index of the crossover it sits at,
/// and for the label of a stretch where the cheaper side alternates node by node, the
/// indices of the first and last crossover of that stretch (drawn as a bracket).
#[derive(Clone, Debug, PartialEq)]
pub struct LabelText {
    /// The crossover the text belongs to.
    pub index: usize,
    /// The words.
    pub text: String,
    /// First and last crossover of an alternating stretch the label brackets.
    pub brackets: Option<(usize, usize)>,
    /// True when the label is about a pair whose winner is not the cheapest option there
    /// (another API stays cheaper): drawn muted, and it says so.
    pub secondary: bool,
}

/// Which crossovers get a text label, and the text, in the verdict's words: one crossover
/// of the first pair reads "Llama 3.1 70B wins above 157M tok/mo"; several read "wins
/// from 60.1M to 71.0M" at the first, "cheaper for good above 360M" at the last (merged
/// when they are close), and the crossovers between are grouped under one bracket,
/// "alternates: 9 crossovers", so a barcode of node-by-node flips never buries the chart.
/// Every crossover still gets a marker.
pub fn crossover_labels(report: &Report) -> Vec<LabelText> {
    pair_labels(report)
        .into_iter()
        .map(|label| qualified(label, report))
        .collect()
}

/// `label` with ", but GPT-4o mini stays cheaper" when the option it says wins is not the
/// cheapest of all just past its crossover: pairwise words must not invite the reading
/// that self-hosting is the answer there.
fn qualified(mut label: LabelText, report: &Report) -> LabelText {
    if label.brackets.is_some() {
        return label;
    }
    let crossover = &report.crossovers[label.index];
    let winner = if crossover.self_hosted_cheaper_above {
        crossover.pair.self_hosted
    } else {
        crossover.pair.api
    };
    let just_past = crossover.volume_tokens_per_month * (1.0 + 1e-6) + 1e-6;
    let cheapest = report.cheaper_ranges.iter().find(|range| {
        range.from_tokens_per_month <= just_past
            && range.to_tokens_per_month.is_none_or(|to| just_past < to)
    });
    if let Some(range) = cheapest
        && range.option_id != winner
        && !range.alternates_with_ids.contains(&winner)
    {
        label.text = format!(
            "{}, but {} stays cheaper",
            label.text,
            short_name(&range.option)
        );
        label.secondary = true;
    }
    label
}

/// The labels of the pair that flips first, before they are qualified.
fn pair_labels(report: &Report) -> Vec<LabelText> {
    let crossovers = &report.crossovers;
    let Some(first) = crossovers.first() else {
        return Vec::new();
    };
    let several_apis = report
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::Api)
        .count()
        > 1;
    let single = |index: usize| LabelText {
        index,
        text: crossover_label(&crossovers[index], several_apis),
        brackets: None,
        secondary: false,
    };
    // Words describe one pair, the one that flips first; other pairs keep their markers.
    let pair: Vec<usize> = (0..crossovers.len())
        .filter(|&i| crossovers[i].pair == first.pair)
        .collect();
    let [first_index, second_index, .., last_index] = pair[..] else {
        return vec![single(0)];
    };
    let own = short_name(&first.self_hosted);
    let api = short_name(&first.api);
    let last = &crossovers[last_index];
    let winner = if last.self_hosted_cheaper_above {
        own
    } else {
        api
    };
    let for_good = format!(
        "cheaper for good above {}",
        format_tokens(last.volume_tokens_per_month)
    );
    let opening = if first.self_hosted_cheaper_above {
        let (from, to) = format_token_span(
            first.volume_tokens_per_month,
            crossovers[second_index].volume_tokens_per_month,
        );
        format!("{own} wins from {from} to {to}")
    } else {
        format!(
            "{api} wins above {}",
            format_tokens(first.volume_tokens_per_month)
        )
    };
    let decades_apart =
        last.volume_tokens_per_month.log10() - first.volume_tokens_per_month.log10();
    let inner = pair.len().saturating_sub(2);
    let mut labels = if decades_apart >= MERGE_LABELS_DECADES {
        vec![
            LabelText {
                index: first_index,
                text: opening,
                brackets: None,
                secondary: false,
            },
            LabelText {
                index: last_index,
                text: format!("{winner} {for_good}"),
                brackets: None,
                secondary: false,
            },
        ]
    } else {
        // One label says both; the winner is named again only when it is the API.
        let tail = if last.self_hosted_cheaper_above {
            for_good
        } else {
            format!("{api} {for_good}")
        };
        vec![LabelText {
            index: first_index,
            text: format!("{opening}; {tail}"),
            brackets: None,
            secondary: false,
        }]
    };
    if inner > 1 && decades_apart >= MERGE_LABELS_DECADES {
        let middle = pair[pair.len() / 2];
        labels.push(LabelText {
            index: middle,
            text: format!("alternates: {inner} crossovers"),
            brackets: Some((pair[1], pair[pair.len() - 2])),
            secondary: false,
        });
    }
    labels
}

/// "Llama 3.1 70B wins above 157M tok/mo", naming the API beaten ("beats GPT-4o above
/// …") when a scenario has several APIs and "wins" would not say against which.
pub fn crossover_label(crossover: &Crossover, name_api: bool) -> String {
    let volume = format_tokens(crossover.volume_tokens_per_month);
    let own = short_name(&crossover.self_hosted);
    match (crossover.self_hosted_cheaper_above, crossover.at_node_step) {
        (true, _) if name_api => format!("{own} beats {} above {volume} tok/mo", crossover.api),
        (true, _) => format!("{own} wins above {volume} tok/mo"),
        (false, true) => format!(
            "{} wins again above {volume} (next node)",
            short_name(&crossover.api)
        ),
        (false, false) => format!("{} wins above {volume} tok/mo", short_name(&crossover.api)),
    }
}

/// A name short enough for a chart label: "Llama 3.1 70B on 2x A100" → "Llama 3.1 70B".
fn short_name(name: &str) -> &str {
    name.split(" on ").next().unwrap_or(name).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::{Hybrid, presets};

    #[test]
    fn labels_name_the_api_when_there_are_several() {
        let report = evaluate(&presets::load("chat-10k-requests-a10g").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(labels.len(), 1);
        // GPT-4o mini stays the cheapest of all past it, which the words add.
        assert_eq!(
            labels[0].text,
            "Llama 3.1 8B beats GPT-4o above 474M tok/mo, but GPT-4o mini stays cheaper"
        );
    }

    #[test]
    fn close_first_and_last_crossovers_share_a_label() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(labels.len(), 1);
        assert_eq!(
            labels[0].text,
            "Llama 3.1 70B wins from 4.67B to 4.73B; cheaper for good above 6.31B"
        );
        // 60M and 360M are far enough apart for two labels, and the nine flips between
        // them share one bracket.
        let report = evaluate(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let labels = crossover_labels(&report);
        let texts: Vec<&str> = labels.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Llama 3.3 70B wins from 60.1M to 71.0M",
                "Llama 3.3 70B cheaper for good above 360M",
                "alternates: 9 crossovers"
            ]
        );
        assert_eq!(labels[1].index, report.crossovers.len() - 1);
        assert_eq!(labels[2].brackets, Some((1, report.crossovers.len() - 2)));
    }

    #[test]
    fn labels_describe_one_pair_even_with_a_hybrid() {
        let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        scenario.hybrid = Some(Hybrid {
            local_share: 0.5,
            deployment: "Llama 3.1 70B on 2x A100".into(),
            api: "GPT-4o".into(),
        });
        let labels = crossover_labels(&evaluate(&scenario));
        assert_eq!(labels.len(), 1);
        assert!(
            labels[0].text.starts_with("Llama 3.1 70B wins from 4.67B"),
            "{labels:?}"
        );
    }
}
