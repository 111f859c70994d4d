//! Words on the chart: which crossovers get a label, what it says, and which side it goes.

use super::{CHARACTER_WIDTH, MERGE_LABELS_DECADES};
use crate::engine::{Crossover, OptionKind, Report};
use crate::units::format_tokens;

/// Which crossovers get a text label, and the text: the first one, and the last one
/// (merged into one label when they are close), so many node-by-node flips do not
/// bury the chart in text. Every crossover still gets a marker.
pub fn crossover_labels(report: &Report) -> Vec<(usize, String)> {
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
    let label = |index: usize| crossover_label(&crossovers[index], several_apis);
    // Words describe one pair, the one that flips first; other pairs keep their markers.
    let last_index = crossovers
        .iter()
        .rposition(|c| c.api == first.api && c.self_hosted == first.self_hosted)
        .unwrap_or(0);
    if last_index == 0 {
        return vec![(0, label(0))];
    }
    let last = &crossovers[last_index];
    let decades_apart =
        last.volume_tokens_per_month.log10() - first.volume_tokens_per_month.log10();
    if decades_apart >= MERGE_LABELS_DECADES {
        return vec![(0, label(0)), (last_index, label(last_index))];
    }
    let tail = if last.self_hosted_cheaper_above {
        format!(
            "for good above {}",
            format_tokens(last.volume_tokens_per_month)
        )
    } else {
        format!(
            "API again above {}",
            format_tokens(last.volume_tokens_per_month)
        )
    };
    vec![(0, format!("{}; {tail}", label(0)))]
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

/// Which side of its crossover a label goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelSide {
    /// Text ends just left of the point.
    Left,
    /// Text starts just right of the point.
    Right,
}

/// Where a label goes, given the point and the plot's left and right edges on screen and
/// the text height, all in the same unit. Costs never fall with volume, so everything
/// left of a crossover lies below it: above-left of the point is always clear. Go right
/// when the label does not fit on the left but does on the right; when it fits on neither,
/// take the roomier side.
pub fn label_side(text: &str, point_x: f64, plot: (f64, f64), text_height: f64) -> LabelSide {
    let width = (text.chars().count() as f64 + 2.0) * text_height * CHARACTER_WIDTH;
    let (room_left, room_right) = (point_x - plot.0, plot.1 - point_x);
    if room_left > width || room_left >= room_right {
        LabelSide::Left
    } else {
        LabelSide::Right
    }
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
        assert_eq!(
            labels,
            vec![(0, "Llama 3.1 8B beats GPT-4o above 474M tok/mo".to_owned())]
        );
    }

    #[test]
    fn close_first_and_last_crossovers_share_a_label() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(
            labels,
            vec![(
                0,
                "Llama 3.1 70B wins above 4.67B tok/mo; for good above 6.31B".to_owned()
            )]
        );
        let report = evaluate(&presets::load("agent-fleet-mac-studio").expect("preset"));
        let labels = crossover_labels(&report);
        assert_eq!(
            labels.len(),
            2,
            "60M and 360M are far enough apart for two labels"
        );
        assert_eq!(labels[1].0, report.crossovers.len() - 1);
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
        assert_eq!(
            labels,
            vec![(
                0,
                "Llama 3.1 70B wins above 4.67B tok/mo; for good above 6.31B".to_owned()
            )]
        );
    }

    #[test]
    fn a_label_goes_right_only_when_the_left_is_too_narrow() {
        assert_eq!(
            label_side("abc", 500.0, (0.0, 1000.0), 10.0),
            LabelSide::Left
        );
        assert_eq!(
            label_side("abc", 20.0, (0.0, 1000.0), 10.0),
            LabelSide::Right
        );
        // Too long for either side: the roomier one.
        let long = "x".repeat(200);
        assert_eq!(
            label_side(&long, 600.0, (0.0, 1000.0), 10.0),
            LabelSide::Left
        );
        assert_eq!(
            label_side(&long, 400.0, (0.0, 1000.0), 10.0),
            LabelSide::Right
        );
    }
}
