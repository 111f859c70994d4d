//! "Data must stay" with APIs bought through in-region endpoints: such an API keeps the
//! data in the region at its uplift, so only the APIs (and hybrids) without one are ruled
//! out, rather than every API.
//!
//! This applies only when data residency is the sole reason self-hosting would be
//! required: fine-tuning or a latency target an API cannot guarantee still rules out every
//! API, in-region or not.

use super::OptionKind;
use super::constraints::{AppliedConstraint, and_list};
use super::options::{OptionSource, PricedOption};
use super::reasons::RuledOut;
use crate::scenario::ApiOption;
use crate::units::format_percent;

/// The rule that rules out the APIs without an in-region endpoint.
pub(crate) const DATA_RESIDENCY: &str = "data_residency";

/// The API an option sends traffic to, if any.
fn api_of<'a>(option: &PricedOption<'a>) -> Option<&'a ApiOption> {
    match option.source {
        OptionSource::Api(api) | OptionSource::Hybrid { api, .. } => Some(api),
        OptionSource::Deployment(_) => None,
    }
}

/// Whether some option sends its traffic to an API bought in-region.
pub(crate) fn any_in_region(options: &[PricedOption]) -> bool {
    options
        .iter()
        .filter_map(api_of)
        .any(|api| api.in_region_uplift.is_some())
}

/// Rules out the options whose API has no in-region endpoint and says which are kept.
pub(crate) fn assess(
    options: &[PricedOption],
    ruled_out: &mut [Option<RuledOut>],
) -> AppliedConstraint {
    let mut rules_out = Vec::new();
    let mut rules_out_ids = Vec::new();
    let mut kept: Vec<String> = Vec::new();
    for (option, out) in options.iter().zip(ruled_out.iter_mut()) {
        let Some(api) = api_of(option) else { continue };
        match api.in_region_uplift {
            Some(uplift) => {
                if option.kind == OptionKind::Api {
                    kept.push(format!(
                        "{} (at +{})",
                        option.name,
                        format_percent(uplift.max(0.0))
                    ));
                }
            }
            None => {
                let message = match option.kind {
                    OptionKind::Hybrid => format!(
                        "it sends a share to {}, which has no in-region endpoint; data must \
                         stay in your region",
                        api.name
                    ),
                    _ => "it has no in-region endpoint; data must stay in your region".to_owned(),
                };
                out.get_or_insert(RuledOut {
                    reason: DATA_RESIDENCY,
                    message,
                });
                rules_out.push(option.name.clone());
                rules_out_ids.push(option.key);
            }
        }
    }
    let kept_words = and_list(&kept);
    let says = match (rules_out.as_slice(), kept.len()) {
        ([], _) => {
            format!("Data must stay in your region: every API is bought in-region, {kept_words}")
        }
        (_, 0) => "Data must stay in your region: no API is bought in-region".to_owned(),
        (out, count) => format!(
            "Data must stay in your region, and only {kept_words} {} bought in-region: {}",
            if count == 1 { "is" } else { "are" },
            match out {
                [one] => format!("{one} has no in-region endpoint"),
                several => format!("{} have none", and_list(several)),
            }
        ),
    };
    AppliedConstraint {
        rule: DATA_RESIDENCY,
        says,
        rules_out,
        rules_out_ids,
    }
}
