//! What the engine returns: every option's cost at one volume, the crossovers and the
//! ranges where each option is cheapest. Serialized as is for `report --json`.

use serde::Serialize;

use super::constraints::AppliedConstraint;
use super::key::{OptionKey, PairKey};
use super::reasons::{CannotRun, RuledOut};
use super::self_hosted::Layers;
use super::uncertainty::{CrossoverInterval, RangedInputReport, Sensitivity};
use crate::scenario::Lens;
use crate::units::{Currency, format_months, format_tokens, group_thousands};

/// What kind of option a row of the report is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionKind {
    /// Paying an API per token.
    Api,
    /// Running an open model on bought or rented nodes.
    SelfHosted,
    /// A share of traffic self-hosted, the rest on an API.
    Hybrid,
}

/// Everything the engine says about a scenario at one volume.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Scenario title (the CLI replaces it with the preset or file name).
    pub scenario: String,
    /// Total tokens per month evaluated.
    pub volume_tokens_per_month: f64,
    /// input / (input + output).
    pub input_share: f64,
    /// Requests per month, when the workload is given per request.
    pub requests_per_month: Option<f64>,
    /// One entry per API, deployment and hybrid, in scenario order.
    pub options: Vec<OptionReport>,
    /// Every volume where an API and a self-hosted option swap places.
    pub crossovers: Vec<Crossover>,
    /// Stretches where an API and a self-hosted option take turns at every added
    /// node, too often to list one by one; the crossovers outside them are listed.
    pub alternations: Vec<Alternation>,
    /// Ranges of volume covering every modelled volume (`[0, ∞)`, or up to
    /// [`Report::modelled_up_to_tokens_per_month`] where a deployment sets that limit),
    /// each naming the cheapest option there.
    pub cheaper_ranges: Vec<CheaperRange>,
    /// The largest volume the tool models for this scenario: 10¹⁵ tokens a month, or less
    /// where a deployment would need more than a billion nodes. Crossovers, ranges and
    /// curves stop here, and every volume up to it is accepted.
    pub modelled_up_to_tokens_per_month: f64,
    /// Per API × self-hosted pair: where self-hosting first wins and wins for good, each
    /// as low / value / high over the inputs' ranges (all three equal without ranges).
    pub crossover_intervals: Vec<CrossoverInterval>,
    /// Each ranged input at its low and at its high, largest swing first (empty without
    /// ranges).
    pub sensitivity: Vec<Sensitivity>,
    /// The inputs with ranges and how their extremes were found.
    pub ranged_inputs: Vec<RangedInputReport>,
    /// Which costs count: `"full"` (default) or `"marginal"`, as `--lens` writes it.
    #[serde(serialize_with = "lens_keyword")]
    pub lens: Lens,
    /// Under the marginal lens, what it treated as already owned or paid, option by
    /// option ("2 of Mac Studio's 141 nodes owned; 139 counted in full"), in the words
    /// every view states beside the verdict; `None` under the full lens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lens_note: Option<String>,
    /// The constraints that changed the recommendation, in the verdict's words.
    pub constraints_applied: Vec<AppliedConstraint>,
    /// Where each option is cheapest among those the constraints allow; `None` when no
    /// constraint rules an option out (then [`Report::cheaper_ranges`] is the answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recommended_ranges: Option<Vec<CheaperRange>>,
    /// Problems a user must know about (model does not fit, capacity exceeded, …).
    pub warnings: Vec<String>,
    /// The self-hosted and hybrid options that count no engineering time (0 FTE): their
    /// cost leaves out the people who run them, which every view says beside the verdict
    /// ([`Report::engineering_note`]).
    pub no_engineering_time: Vec<String>,
    /// The currency the words and tables show amounts in; every `_usd` number stays in US
    /// dollars. Left out of the JSON for US dollars.
    #[serde(skip_serializing_if = "Currency::is_usd")]
    pub currency: Currency,
}

/// One option's cost at the report's volume.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptionReport {
    /// Which option it is: the key the curves, ranges and crossovers name it by.
    #[serde(rename = "id")]
    pub key: OptionKey,
    /// Name from the scenario.
    pub name: String,
    /// API, self-hosted or hybrid.
    pub kind: OptionKind,
    /// Monthly cost; `None` when the option cannot serve the volume at all.
    pub monthly_cost_usd: Option<f64>,
    /// Twelve months at this volume: the yearly figure every view shows, worked out once.
    pub yearly_cost_usd: Option<f64>,
    /// The lowest monthly cost over the inputs' ranges (the cost itself without ranges).
    pub monthly_cost_low_usd: Option<f64>,
    /// The highest monthly cost over the inputs' ranges.
    pub monthly_cost_high_usd: Option<f64>,
    /// Effective $ per 1M tokens at this volume.
    pub usd_per_million_tokens: Option<f64>,
    /// $ per request, when the workload is given per request.
    pub usd_per_request: Option<f64>,
    /// Why it cannot run as configured at this volume (the model does not fit, more nodes
    /// than its limit); `None` when it can. An option that cannot run is never cheapest.
    pub cannot_run: Option<CannotRun>,
    /// Why a constraint rules it out of the recommendation (data must stay, too few
    /// engineers); `None` when none does. Its cost is shown all the same.
    pub ruled_out: Option<RuledOut>,
    /// Monthly cost by layer; `None` when it cannot serve any traffic.
    pub layers: Option<Layers>,
    /// $ per 1M tokens with every cost counted (the full lens, whatever the report's
    /// lens): the figure to track across options.
    pub fully_loaded_usd_per_million_tokens: Option<f64>,
    /// Nodes and payback for self-hosted and hybrid options.
    #[serde(flatten)]
    pub self_hosted: Option<SelfHostedFigures>,
}

/// What only a self-hosted (or hybrid) option has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfHostedFigures {
    /// Nodes paid for (serving plus spare).
    pub nodes: u64,
    /// Nodes serving traffic.
    pub serving_nodes: u64,
    /// Of the nodes paid for, those the lens counts as already owned (the marginal lens
    /// and a deployment's `owned_nodes`; 0 under the full lens and for rent).
    pub owned_nodes: u64,
    /// Share of the serving nodes' time spent busy.
    pub busy_share: f64,
    /// Tokens one node is planned to serve per month.
    pub capacity_tokens_per_month_per_node: f64,
    /// The cheapest API at this volume, which savings and payback compare with.
    pub compared_with_api: Option<String>,
    /// That API's key.
    pub compared_with_api_id: Option<OptionKey>,
    /// That API's cost minus this option's; negative when self-hosting costs more.
    pub monthly_savings_usd: Option<f64>,
    /// What buying the nodes costs up front; `None` for rented compute.
    pub purchase_usd: Option<f64>,
    /// Months for a purchase to pay for itself from savings on running costs; `None` when
    /// the API does not even cover the running costs.
    pub payback_months: Option<f64>,
    /// The months bought hardware is written off over (its useful life); `None` for rent.
    /// A payback longer than this is no payback: see [`SelfHostedFigures::payback_words`].
    pub hardware_life_months: Option<f64>,
    /// Memory the model needs, GB.
    pub memory_needed_gb: f64,
    /// Memory one node has, GB.
    pub memory_available_gb: f64,
}

/// A volume where an API and a self-hosted option cost the same, or swap at a new node.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Crossover {
    /// The two options, by key.
    pub pair: PairKey,
    /// The API's name.
    pub api: String,
    /// The self-hosted (or hybrid) option's name.
    pub self_hosted: String,
    /// Where they swap, tokens per month.
    pub volume_tokens_per_month: f64,
    /// True when self-hosting is the cheaper one just above this volume.
    pub self_hosted_cheaper_above: bool,
    /// True when the swap is the jump of adding a node rather than equal costs.
    pub at_node_step: bool,
    /// The API's monthly cost at the crossover.
    pub monthly_cost_usd: f64,
}

/// A stretch of volume where an API and a self-hosted option take turns at every node.
///
/// Inside it the self-hosted option is cheaper just below each node step and dearer
/// just above; the report lists the exact crossovers on either side of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alternation {
    /// The two options, by key.
    pub pair: PairKey,
    /// The API's name.
    pub api: String,
    /// The self-hosted (or hybrid) option's name.
    pub self_hosted: String,
    /// Start, tokens per month.
    pub from_tokens_per_month: f64,
    /// End; `None` when they stay within one node's cost of each other at every volume.
    pub to_tokens_per_month: Option<f64>,
    /// About how many node steps the stretch holds; `None` when it never ends.
    pub node_steps: Option<f64>,
}

/// A volume range and the option that is cheapest throughout it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheaperRange {
    /// The cheapest option's key.
    pub option_id: OptionKey,
    /// The cheapest option's name; where options take turns, the one with the lowest
    /// long-run price per token.
    pub option: String,
    /// Its kind.
    pub kind: OptionKind,
    /// Start, tokens per month.
    pub from_tokens_per_month: f64,
    /// End; `None` for "and above".
    pub to_tokens_per_month: Option<f64>,
    /// Options that take turns with `option` at each node step in this range, too often
    /// to list; empty when `option` is the cheapest throughout.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternates_with: Vec<String>,
    /// Their keys, in the same order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternates_with_ids: Vec<OptionKey>,
}

fn lens_keyword<S: serde::Serializer>(lens: &Lens, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(lens.keyword())
}

impl Report {
    /// "No engineering time counted for Llama … (0 FTE): its cost leaves out the people who
    /// run it." `None` when every self-hosted option counts some.
    pub fn engineering_note(&self) -> Option<String> {
        let names = &self.no_engineering_time;
        let (list, whose) = match names.as_slice() {
            [] => return None,
            [one] => (one.clone(), "its cost leaves"),
            [rest @ .., last] => (
                format!("{} and {last}", rest.join(", ")),
                "their costs leave",
            ),
        };
        Some(format!(
            "No engineering time counted for {list} (0 FTE): {whose} out the people who run it."
        ))
    }

    /// The option with this key.
    pub fn option(&self, key: OptionKey) -> Option<&OptionReport> {
        self.options.iter().find(|option| option.key == key)
    }

    /// The cheapest option at the report's volume.
    pub fn cheapest(&self) -> Option<&OptionReport> {
        self.cheapest_of(|_| true)
    }

    /// The crossover interval of the pair the verdict and the tornado compare; `None`
    /// when no input has a range.
    pub fn headline_interval(&self) -> Option<&CrossoverInterval> {
        let top = self.sensitivity.first()?;
        self.crossover_intervals
            .iter()
            .find(|interval| interval.pair == top.pair)
    }

    /// The report as the recommendation sees it: without the options a constraint rules
    /// out, with the cheapest ranges among those left; `None` when no option is ruled out.
    pub fn recommendation_view(&self) -> Option<Report> {
        let ranges = self.recommended_ranges.clone()?;
        let allowed = |key: OptionKey| self.option(key).is_some_and(|o| o.ruled_out.is_none());
        let mut view = self.clone();
        view.options.retain(|option| option.ruled_out.is_none());
        view.cheaper_ranges = ranges;
        view.crossovers
            .retain(|c| allowed(c.pair.api) && allowed(c.pair.self_hosted));
        view.alternations
            .retain(|a| allowed(a.pair.api) && allowed(a.pair.self_hosted));
        view.constraints_applied.clear();
        view.recommended_ranges = None;
        Some(view)
    }

    /// The cheapest option of the kinds `keep` accepts, of those that can run.
    pub fn cheapest_of(&self, keep: impl Fn(OptionKind) -> bool) -> Option<&OptionReport> {
        self.options
            .iter()
            .filter(|option| keep(option.kind) && option.cannot_run.is_none())
            .filter_map(|option| Some((option, option.monthly_cost_usd?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(option, _)| option)
    }
}

impl OptionReport {
    /// Payback with its meaning, as [`SelfHostedFigures::payback_words`] says it, or
    /// "cannot run as configured" for an option that cannot run: nothing pays back then.
    pub fn payback_words(&self) -> Option<String> {
        let figures = self.self_hosted.as_ref()?;
        if self.cannot_run.is_some() {
            return Some("cannot run as configured".to_owned());
        }
        figures.payback_words()
    }
}

impl SelfHostedFigures {
    /// Payback with its meaning: "18.4 months", or "does not pay back within its 36-month
    /// life" when it would take longer than the hardware lasts or never comes; `None` for
    /// rented compute, which has nothing to pay back. The table, the CLI and exports use it.
    pub fn payback_words(&self) -> Option<String> {
        let life = self.hardware_life_months?;
        self.purchase_usd?;
        Some(match self.payback_months {
            Some(months) if months <= life => format_months(months),
            _ => format!("does not pay back within its {life:.0}-month life"),
        })
    }
}

impl Alternation {
    /// "at each of about 985 node steps", or "at every node step" when it never ends:
    /// one wording for the warning, the text report and the exports.
    pub fn steps_words(&self) -> String {
        self.node_steps
            .map(|steps| {
                format!(
                    "at each of about {} node steps",
                    group_thousands(steps.round() as u64)
                )
            })
            .unwrap_or_else(|| "at every node step".to_owned())
    }

    /// "20.5B to 271B tokens/month", or "20.5B tokens/month and above".
    pub fn span_words(&self) -> String {
        match self.to_tokens_per_month {
            Some(to) => format!(
                "{} to {} tokens/month",
                format_tokens(self.from_tokens_per_month),
                format_tokens(to)
            ),
            None => format!(
                "{} tokens/month and above",
                format_tokens(self.from_tokens_per_month)
            ),
        }
    }
}

impl Crossover {
    /// The cost where the curves meet, for hover text.
    pub fn cost_label(&self, currency: &Currency) -> String {
        format!("{}/month", currency.format(self.monthly_cost_usd))
    }
}
