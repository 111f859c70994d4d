//! The constraints that decide before cost does: which options they rule out of the
//! recommendation, and the rule each one applies, in the verdict's words.
//!
//! A constraint never changes a cost. It only removes options from what the verdict may
//! recommend: self-hosting is required when data must stay, the model must be fine-tuned
//! or the latency target is one an API cannot guarantee (then every API and every hybrid,
//! which sends a share to an API, is ruled out); a self-hosted option needing more
//! engineers than are available is ruled out. "Mostly batch" rules nothing out: it says
//! whether the comparison uses the batch price the traffic could get.

use serde::Serialize;

use super::options::{OptionSource, PricedOption};
use super::reasons::RuledOut;
use super::{OptionKey, OptionKind};
use crate::scenario::Scenario;
use crate::units::{format_percent, format_short_number};

/// The rule that requires self-hosting (data must stay, fine-tuning, a latency target).
pub const SELF_HOSTING_REQUIRED: &str = "self_hosting_required";
/// The rule that rules out what needs more engineers than are available.
pub const MLOPS_CAPACITY: &str = "mlops_capacity";
/// The rule that rules out a self-hosted option whose node cannot give the throughput it
/// counts on within the time between tokens allowed.
pub const LATENCY_TARGET: &str = "latency_target";

/// One constraint that applies, as the verdict and `report --json` state it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AppliedConstraint {
    /// Which rule: `self_hosting_required`, `mlops_capacity` or `mostly_batch`.
    pub rule: &'static str,
    /// What it means here, in plain words.
    pub says: String,
    /// The options it rules out of the recommendation (empty when it only informs).
    pub rules_out: Vec<String>,
    /// Their keys, in the same order: what views look an option up by.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rules_out_ids: Vec<OptionKey>,
}

/// What the constraints do to one scenario's options.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Assessment {
    /// The rules that apply, in the order the verdict states them.
    pub(crate) applied: Vec<AppliedConstraint>,
    /// Per option (in display order), why it is ruled out; `None` when it is not.
    pub(crate) ruled_out: Vec<Option<RuledOut>>,
}

impl Assessment {
    /// True when some option is ruled out, so the recommendation differs from the costs.
    pub(crate) fn rules_out_any(&self) -> bool {
        self.ruled_out.iter().any(Option::is_some)
    }
}

/// The constraints of `scenario` applied to its priced `options`.
pub(crate) fn assess(scenario: &Scenario, options: &[PricedOption]) -> Assessment {
    let constraints = &scenario.constraints;
    let mut applied = Vec::new();
    let mut ruled_out: Vec<Option<RuledOut>> = vec![None; options.len()];
    let reasons = constraints.self_hosting_reasons();
    if constraints.data_must_stay
        && reasons.len() == 1
        && super::residency_constraint::any_in_region(options)
    {
        applied.push(super::residency_constraint::assess(options, &mut ruled_out));
    } else if !reasons.is_empty() {
        let why = reasons.join("; ");
        let mut rules_out = Vec::new();
        let mut rules_out_ids = Vec::new();
        for (option, out) in options.iter().zip(&mut ruled_out) {
            let message = match option.kind {
                OptionKind::Api => Some(why.clone()),
                OptionKind::Hybrid => Some(format!("it sends a share to an API; {why}")),
                OptionKind::SelfHosted => None,
            };
            *out = message.map(|message| RuledOut {
                reason: SELF_HOSTING_REQUIRED,
                message,
            });
            if out.is_some() {
                rules_out.push(option.name.clone());
                rules_out_ids.push(option.key);
            }
        }
        applied.push(AppliedConstraint {
            rule: SELF_HOSTING_REQUIRED,
            says: format!("Self-hosting is required: {why}"),
            rules_out,
            rules_out_ids,
        });
    }
    if let Some(available) = constraints.mlops_fte_available {
        let mut short: Vec<(String, f64)> = Vec::new();
        let mut short_ids = Vec::new();
        for (option, out) in options.iter().zip(&mut ruled_out) {
            let deployment = match option.source {
                OptionSource::Deployment(deployment) | OptionSource::Hybrid { deployment, .. } => {
                    deployment
                }
                OptionSource::Api(_) => continue,
            };
            let needed = deployment.engineering_fte;
            if needed > available {
                short.push((option.name.clone(), needed));
                short_ids.push(option.key);
                out.get_or_insert(RuledOut {
                    reason: MLOPS_CAPACITY,
                    message: format!(
                        "needs {} FTE to run; you have {}",
                        format_short_number(needed),
                        format_short_number(available)
                    ),
                });
            }
        }
        let counts_people = options.iter().any(|option| match option.source {
            OptionSource::Deployment(deployment) | OptionSource::Hybrid { deployment, .. } => {
                deployment.engineering_fte > 0.0
            }
            OptionSource::Api(_) => false,
        });
        let says = if counts_people {
            mlops_words(&short, available)
        } else {
            // Nothing to measure against: saying every option can be run "with the 0 FTE
            // you have" would read as a finding.
            format!(
                "No self-hosted option counts engineering time, so the MLOps capacity of {} \
                 FTE rules out nothing",
                format_short_number(available)
            )
        };
        applied.push(AppliedConstraint {
            rule: MLOPS_CAPACITY,
            says,
            rules_out: short.into_iter().map(|(name, _)| name).collect(),
            rules_out_ids: short_ids,
        });
    }
    if let Some(target) = constraints.inter_token_ms {
        applied.push(super::latency_constraint::assess(
            scenario,
            options,
            target,
            &mut ruled_out,
        ));
    }
    if constraints.mostly_batch {
        applied.push(AppliedConstraint {
            rule: "mostly_batch",
            says: batch_words(scenario),
            rules_out: Vec::new(),
            rules_out_ids: Vec::new(),
        });
    }
    Assessment { applied, ruled_out }
}

/// "Not enough MLOps capacity for A (it needs 0.75 FTE to run; you have 0.25)", or "… for
/// A and B (they need 0.75 and 0.5 FTE to run; you have 0.25)", or that every option can
/// be run.
fn mlops_words(short: &[(String, f64)], available: f64) -> String {
    let have = format_short_number(available);
    match short {
        [] => format!("Every self-hosted option can be run with the {have} FTE you have"),
        [(name, needed)] => format!(
            "Not enough MLOps capacity for {name} (it needs {} FTE to run; you have {have})",
            format_short_number(*needed)
        ),
        several => {
            let names: Vec<&str> = several.iter().map(|(name, _)| name.as_str()).collect();
            let needs: Vec<String> = several
                .iter()
                .map(|(_, needed)| format_short_number(*needed))
                .collect();
            let same = needs.windows(2).all(|pair| pair[0] == pair[1]);
            let need = if same {
                format!("they each need {} FTE", needs[0])
            } else {
                format!("they need {} FTE", and_list(&needs))
            };
            format!(
                "Not enough MLOps capacity for {} ({need} to run; you have {have})",
                and_list(&names)
            )
        }
    }
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// Whether the comparison gives mostly-batch traffic the batch price it could get.
fn batch_words(scenario: &Scenario) -> String {
    let share = scenario.workload.batch_share;
    let discount = scenario
        .apis
        .iter()
        .map(|api| api.batch_discount)
        .fold(0.0_f64, f64::max);
    if discount <= 0.0 {
        "Traffic is mostly batch, but no API in the scenario has a batch discount".to_owned()
    } else if share <= 0.0 {
        format!(
            "Traffic is mostly batch, but none of it is sent through the batch API; raise the \
             batch share to compare at batch prices (up to {} off)",
            format_percent(discount)
        )
    } else if share >= 0.5 {
        format!(
            "Traffic is mostly batch: the APIs are compared with {} of it at batch prices",
            format_percent(share)
        )
    } else {
        format!(
            "Traffic is mostly batch, yet only {} of it is sent through the batch API; \
             raise the batch share to compare at batch prices (up to {} off)",
            format_percent(share),
            format_percent(discount)
        )
    }
}
