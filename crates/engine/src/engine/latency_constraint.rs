//! The latency constraint with a number: "at most 50 ms between tokens". For each
//! self-hosted option (and hybrid) the sizing estimate gives the most throughput its node
//! serves with no request waiting longer than that between tokens; an option whose costs
//! count on more than that, even at the high end of what published figures show for such
//! a node, is ruled out of the recommendation. Costs never change; options whose model or
//! node the estimate does not know are named as not checked.

use super::constraints::{AppliedConstraint, LATENCY_TARGET};
use super::options::{OptionSource, PricedOption};
use super::reasons::RuledOut;
use crate::scenario::{Scenario, Volume};
use crate::sizing::target::{self, LatencyOutcome};
use crate::units::{format_short_number, format_whole, group_thousands};

/// The rule for `target_ms` applied to `options`: what it says, and which it rules out
/// (marked in `ruled_out`, where no other rule has already).
pub(crate) fn assess(
    scenario: &Scenario,
    options: &[PricedOption],
    target_ms: f64,
    ruled_out: &mut [Option<RuledOut>],
) -> AppliedConstraint {
    let target = format_short_number(target_ms);
    let mut short = Vec::new();
    let mut met = Vec::new();
    let mut unchecked = Vec::new();
    let mut rules_out = Vec::new();
    let mut rules_out_ids = Vec::new();
    for (option, out) in options.iter().zip(ruled_out.iter_mut()) {
        let deployment = match option.source {
            OptionSource::Deployment(deployment) | OptionSource::Hybrid { deployment, .. } => {
                deployment
            }
            OptionSource::Api(_) => continue,
        };
        let name = &option.name;
        let shortfall = match target::check(deployment, &scenario.workload, target_ms) {
            LatencyOutcome::NotChecked(why) => {
                unchecked.push(format!("{name} is not checked ({why})"));
                continue;
            }
            LatencyOutcome::TooSlow(alone_ms) => format!(
                "{name}'s node takes {:.0} ms between tokens for one request alone",
                alone_ms
            ),
            LatencyOutcome::Checked(check) if check.falls_short() => format!(
                "{name}'s node gives about {} {} within it ({} requests at once, {}; at most {} \
                 by published figures), less than the {} its costs count on",
                format_whole(check.gives),
                check.measure,
                group_thousands(check.within.batch),
                check.within.layout.describe(),
                format_whole(check.gives_at_most),
                format_whole(check.counts_on)
            ),
            LatencyOutcome::Checked(check) => {
                let margin = if check.counts_on > check.gives {
                    format!(
                        ", within the {} published figures allow",
                        format_whole(check.gives_at_most)
                    )
                } else {
                    String::new()
                };
                met.push(format!(
                    "{name}: about {} {} within it, counting on {}{margin}",
                    format_whole(check.gives),
                    check.measure,
                    format_whole(check.counts_on)
                ));
                continue;
            }
        };
        rules_out.push(name.clone());
        rules_out_ids.push(option.key);
        out.get_or_insert(RuledOut {
            reason: LATENCY_TARGET,
            message: format!("at most {target} ms between tokens: {shortfall}"),
        });
        short.push(shortfall);
    }
    let mut says = format!("At most {target} ms between tokens");
    if matches!(scenario.workload.volume, Volume::Tokens { .. }) {
        says.push_str(&format!(
            " (requests of {} tokens assumed: the workload gives no request size)",
            group_thousands(target::ASSUMED_REQUEST_TOKENS)
        ));
    }
    let clauses = match (short.is_empty(), met.is_empty()) {
        (false, _) => short,
        (true, false) => vec![format!(
            "every checked self-hosted node gives the throughput its costs count on ({})",
            met.join("; ")
        )],
        (true, true) if unchecked.is_empty() => {
            vec!["no self-hosted option to check".to_owned()]
        }
        (true, true) => Vec::new(),
    };
    // What was not checked first: the sentence may go on "…, so it is left out", which
    // must follow the options ruled out.
    let all: Vec<String> = unchecked.into_iter().chain(clauses).collect();
    says.push_str(", ");
    says.push_str(&all.join("; "));
    AppliedConstraint {
        rule: LATENCY_TARGET,
        says,
        rules_out,
        rules_out_ids,
    }
}
