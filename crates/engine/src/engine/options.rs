//! Every option of a scenario priced as a staircase: the APIs, the deployments and the
//! hybrid that splits traffic between one of each.

use super::basis::Basis;
use super::key::{OptionKey, listed_keys};
use super::reasons::CannotRun;
use super::staircase::Staircase;
use super::{OptionKind, api, guard, self_hosted};
use crate::scenario::{ApiOption, Deployment, Scenario};
use crate::units::format_tokens;

/// An option prepared for costing: its name, kind and cost shape.
#[derive(Clone, Debug)]
pub struct PricedOption<'a> {
    /// Which option it is, for joining it with the report's other parts.
    pub key: OptionKey,
    /// Name shown everywhere.
    pub name: String,
    /// API, self-hosted or hybrid.
    pub kind: OptionKind,
    /// Cost shape; `None` when it cannot serve traffic.
    pub staircase: Option<Staircase>,
    /// Up to which volume it can run as configured.
    pub reach: Reach,
    /// Where it comes from in the scenario.
    pub source: OptionSource<'a>,
    /// One-off costs paid when the option is adopted (implementation, migration; a
    /// hybrid pays both sides'), $. The monthly view spreads them over the horizon; the
    /// timeline pays them in the first month.
    pub one_off_usd: f64,
}

/// Up to which volume an option can run as configured. An option that cannot run is
/// still priced (its curve is drawn, marked), but it is never named cheapest.
#[derive(Clone, Debug, PartialEq)]
pub enum Reach {
    /// At every volume.
    Unlimited,
    /// Up to `tokens_per_month` (inclusive): past it, it needs more nodes than its limit.
    UpTo {
        /// The last volume its node limit serves.
        tokens_per_month: f64,
        /// The limit of serving nodes.
        max_nodes: u32,
    },
    /// At no volume: the model does not fit in the node's memory.
    Never {
        /// Memory the model needs, GB.
        needs_gb: f64,
        /// Memory one node has, GB.
        has_gb: f64,
    },
}

impl Reach {
    /// The largest volume it can serve: infinite when unlimited, 0 when it cannot run.
    pub fn max_tokens_per_month(&self) -> f64 {
        match self {
            Reach::Unlimited => f64::INFINITY,
            Reach::UpTo {
                tokens_per_month, ..
            } => *tokens_per_month,
            Reach::Never { .. } => 0.0,
        }
    }

    /// Why it cannot run at `tokens_per_month`; `None` when it can.
    pub fn reason_at(&self, tokens_per_month: f64) -> Option<CannotRun> {
        match self {
            Reach::Unlimited => None,
            Reach::UpTo {
                tokens_per_month: last,
                max_nodes,
            } => (tokens_per_month > *last).then(|| CannotRun::NodeLimit {
                max_nodes: *max_nodes,
                up_to_tokens_per_month: *last,
                message: format!(
                    "needs more than its limit of {max_nodes} serving nodes above {} tokens/month",
                    format_tokens(*last)
                ),
            }),
            Reach::Never { needs_gb, has_gb } => Some(CannotRun::Memory {
                needed_gb: *needs_gb,
                available_gb: *has_gb,
                message: format!(
                    "does not fit: needs {needs_gb:.0} GB of memory, the node has {has_gb:.0} GB"
                ),
            }),
        }
    }
}

/// How far a deployment (or a hybrid's share of it, priced as `stairs`) can go: the model
/// must fit in one node's memory, and the node limit caps the serving nodes.
fn reach_of(deployment: &Deployment, stairs: Option<&Staircase>) -> Reach {
    let needs_gb = deployment.model.memory_needed_gb();
    let has_gb = deployment.hardware.memory_gb;
    if needs_gb > has_gb {
        return Reach::Never { needs_gb, has_gb };
    }
    match (deployment.max_nodes, stairs) {
        (Some(max_nodes), Some(stairs)) if stairs.tokens_per_step.is_finite() => Reach::UpTo {
            tokens_per_month: stairs.step_end(f64::from(max_nodes)),
            max_nodes,
        },
        _ => Reach::Unlimited,
    }
}

/// Which part of the scenario an option comes from.
#[derive(Clone, Debug)]
pub enum OptionSource<'a> {
    /// An API price list.
    Api(&'a ApiOption),
    /// A deployment.
    Deployment(&'a Deployment),
    /// A deployment taking `local_share` of traffic, the rest on the API with that price.
    Hybrid {
        /// The deployment.
        deployment: &'a Deployment,
        /// Share of tokens it serves.
        local_share: f64,
        /// The API's $ per token for the rest.
        api_usd_per_token: f64,
        /// The API's engineering, fees and spread implementation, which the hybrid pays
        /// as well as the deployment's.
        api_fixed: self_hosted::Layers,
        /// The API it sends the rest to.
        api: &'a ApiOption,
        /// That API's key.
        api_key: OptionKey,
    },
}

/// Every option in the scenario with its cost shape, in display order:
/// APIs, then deployments, then the hybrid.
pub fn priced_options(scenario: &Scenario) -> Vec<PricedOption<'_>> {
    let basis = Basis::of(scenario);
    let keys = listed_keys(scenario);
    let (api_keys, deployment_keys) = keys.split_at(scenario.apis.len());
    let mut options: Vec<PricedOption> = scenario
        .apis
        .iter()
        .zip(api_keys)
        .map(|(api_option, key)| PricedOption {
            key: *key,
            name: api_option.name.clone(),
            kind: OptionKind::Api,
            staircase: Some(Staircase {
                fixed_usd: api::fixed_costs(api_option, &basis).total(),
                ..Staircase::linear(api::usd_per_token(api_option, &scenario.workload))
            }),
            reach: Reach::Unlimited,
            source: OptionSource::Api(api_option),
            one_off_usd: one_off(api_option.overheads.one_off_usd),
        })
        .collect();
    options.extend(
        scenario
            .deployments
            .iter()
            .zip(deployment_keys)
            .map(|(deployment, key)| {
                let staircase = self_hosted::staircase(deployment, &basis);
                PricedOption {
                    key: *key,
                    name: deployment.name.clone(),
                    kind: OptionKind::SelfHosted,
                    reach: reach_of(deployment, staircase.as_ref()),
                    staircase,
                    source: OptionSource::Deployment(deployment),
                    one_off_usd: one_off(deployment.overheads.one_off_usd),
                }
            }),
    );
    if let Some(hybrid) = &scenario.hybrid {
        let deployment = scenario.hybrid_deployment();
        let api_option = scenario.hybrid_api();
        if let (Some(deployment), Some(api_option)) = (deployment, api_option) {
            let local_share = guard::share(hybrid.local_share);
            let api_usd_per_token = api::usd_per_token(api_option, &scenario.workload);
            let api_fixed = api::fixed_costs(api_option, &basis);
            let staircase = self_hosted::staircase(deployment, &basis).map(|local| Staircase {
                tokens_per_step: if local_share > 0.0 {
                    local.tokens_per_step / local_share
                } else {
                    f64::INFINITY
                },
                usd_per_step: local.usd_per_step,
                fixed_usd: local.fixed_usd + api_fixed.total(),
                usd_per_token: local.usd_per_token * local_share
                    + api_usd_per_token * (1.0 - local_share),
                ..local
            });
            options.push(PricedOption {
                key: OptionKey::Hybrid,
                name: hybrid_name(local_share, &deployment.name, &api_option.name),
                kind: OptionKind::Hybrid,
                reach: reach_of(deployment, staircase.as_ref()),
                staircase,
                source: OptionSource::Hybrid {
                    deployment,
                    local_share,
                    api_usd_per_token,
                    api_fixed,
                    api: api_option,
                    api_key: scenario
                        .apis
                        .iter()
                        .position(|listed| std::ptr::eq(listed, api_option))
                        .map_or(OptionKey::Hybrid, |index| api_keys[index]),
                },
                one_off_usd: one_off(deployment.overheads.one_off_usd)
                    + one_off(api_option.overheads.one_off_usd),
            });
        }
    }
    options
}

fn one_off(usd: f64) -> f64 {
    guard::non_negative(usd)
}

/// "Hybrid: 70% Llama on A100 + GPT-4o".
fn hybrid_name(local_share: f64, deployment: &str, api: &str) -> String {
    format!("Hybrid: {:.0}% {deployment} + {api}", local_share * 100.0)
}
