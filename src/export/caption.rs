//! The caption under an exported chart: title, verdict, key figures and date.
//!
//! A chart pasted into a slide travels without the app around it, so the caption says
//! what was compared, but briefly: the chart is the slide. By default a PNG or SVG carries
//! the title, the verdict, at most three lines of figures (the cost per year, the
//! comparison with a pinned scenario), what cannot run, and the lens and date; the
//! assumptions and the range sentence go to the PDF, which always has them. PNG and SVG
//! share this text.

use super::{ExportChart, ImageRequest};
use crate::engine::timeline::words;
use crate::engine::{Model, compare, verdict};
use crate::scenario::costs::describe_engineering;
use crate::scenario::{ApiOption, Compute, Deployment, HourlyBilling, Lens};
use crate::units::{
    format_input_span, format_percent, format_price, format_ratio, format_tokens, format_usd,
    group_thousands,
};

/// What an exported picture's caption (and the PDF report) includes besides the chart.
/// Whatever cannot run as configured is always said: a slide must never show a cheaper
/// setup without saying it cannot work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Include {
    /// The verdict sentence, the cost per year and the comparison with a pinned scenario.
    pub verdict: bool,
    /// One line per option: monthly, yearly and per-1M cost (the PDF's tables).
    pub table: bool,
    /// Workload, prices, hardware, ranges, timeline on a picture (the PDF always has them,
    /// with its sources).
    pub assumptions: bool,
    /// The report's other warnings (alternating costs, missing options, …).
    pub warnings: bool,
}

impl Default for Include {
    fn default() -> Self {
        Self {
            verdict: true,
            table: false,
            assumptions: false,
            warnings: false,
        }
    }
}

/// The caption's lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    /// Scenario title.
    pub title: String,
    /// The verdict sentence (the timeline's answer on a timeline picture).
    pub verdict: String,
    /// How sure the verdict is, with ranges: the PDF says it; a picture shows the tornado
    /// and the interval instead.
    pub range: Option<String>,
    /// The cost of each option per year at the volume, one line.
    pub figures: Vec<String>,
    /// Against the pinned scenario, when one is pinned: at the volume, over the horizon.
    pub comparison: Vec<String>,
    /// Options that cannot run as configured, with the reason: a slide must not show a
    /// cheaper curve without saying it cannot work.
    pub warnings: Vec<String>,
    /// One line per option's costs, when the table is included.
    pub table: Vec<String>,
    /// Workload, prices and hardware, one line each.
    pub assumptions: Vec<String>,
    /// Where and when the picture was made.
    pub footer: String,
}

/// Builds the caption for a prepared scenario, dated `date` (YYYY-MM-DD).
pub fn caption(model: &Model, date: &str) -> Caption {
    let (scenario, report) = (model.scenario(), model.report());
    let mut assumptions = vec![format!(
        "Workload: {} tokens/month, input : output {}{}{}",
        format_tokens(report.volume_tokens_per_month),
        format_ratio(report.input_share),
        report
            .requests_per_month
            .map(|requests| format!(", {} requests/month", format_tokens(requests)))
            .unwrap_or_default(),
        scenario
            .workload
            .describe_shape()
            .map(|shape| format!(", {shape}"))
            .unwrap_or_default()
    )];
    let yearly: Vec<String> = report
        .options
        .iter()
        .filter_map(|option| {
            let yearly = option.yearly_cost_usd?;
            Some(format!(
                "{} {}",
                option.name,
                report.currency.format(yearly)
            ))
        })
        .collect();
    let figures = if yearly.is_empty() {
        Vec::new()
    } else {
        vec![format!("Per year at this volume: {}", yearly.join("; "))]
    };
    let apis: Vec<String> = scenario.apis.iter().map(api_line).collect();
    if !apis.is_empty() {
        assumptions.push(format!("APIs: {}", apis.join("; ")));
    }
    assumptions.extend(scenario.deployments.iter().map(deployment_line));
    if let (Some(hybrid), Some(deployment), Some(api)) = (
        &scenario.hybrid,
        scenario.hybrid_deployment(),
        scenario.hybrid_api(),
    ) {
        assumptions.push(format!(
            "Hybrid: {} of tokens on {}, the rest on {}",
            format_percent(hybrid.local_share),
            deployment.name,
            api.name
        ));
    }
    let warnings = report
        .options
        .iter()
        .filter_map(|option| {
            let reason = option.cannot_run.as_ref()?;
            Some(format!(
                "Cannot run as configured: {} ({reason}).",
                option.name
            ))
        })
        .chain(report.engineering_note())
        .collect();
    if !report.ranged_inputs.is_empty() {
        let ranges: Vec<String> = report
            .ranged_inputs
            .iter()
            .map(|input| {
                format!(
                    "{} {}",
                    input.input,
                    format_input_span(input.low, input.high, input.unit)
                )
            })
            .collect();
        assumptions.push(format!("Ranges: {}", ranges.join("; ")));
    }
    assumptions.extend(scenario.constraints.describe());
    // What the marginal lens treated as owned, said beside the figures it changes.
    assumptions.extend(report.lens_note.clone());
    Caption {
        title: scenario.title.clone(),
        verdict: verdict::headline(report),
        range: verdict::range_sentence(report),
        figures,
        comparison: Vec::new(),
        warnings,
        table: Vec::new(),
        assumptions,
        // The lens and the currency are in every caption, whatever else is left out.
        footer: format!(
            "{}. {}{} hours/month. Made with LLM Cost Explorer on {date}.",
            scenario.accounting.describe(),
            report
                .currency
                .statement()
                .map(|statement| format!("{statement}. "))
                .unwrap_or_default(),
            scenario.hours_per_month
        ),
    }
}

/// The caption of the picture `request` describes: on a timeline, the timeline's answer
/// leads and its months and growth join the assumptions; with a pinned scenario, the
/// comparison follows the verdict.
pub fn caption_for(request: &ImageRequest) -> Caption {
    caption_with(request, request.include)
}

/// [`caption_for`] with `include` in place of the request's.
pub fn caption_with(request: &ImageRequest, include: Include) -> Caption {
    let model = &request.model;
    let mut text = caption(model, &request.date);
    if let ExportChart::Timeline(_) = request.chart {
        let timeline = model.timeline();
        if let Some(headline) = words::headline(timeline) {
            text.verdict = headline;
        }
        // The timeline prices each input at its value, and its figures are what its cash
        // counts (the chart's cost a year is not its); so does its footer, where the cost
        // chart's says what its monthly cost counts.
        text.range = None;
        text.figures = vec![timeline_line(model)];
        let accounting = model.scenario().accounting.describe();
        let cash = cash_counted(model);
        let cash = format!("{}{}", cash[..1].to_uppercase(), &cash[1..]);
        text.footer = text.footer.replacen(&accounting, &cash, 1);
        text.warnings.extend(timeline.warnings.iter().cloned());
    }
    if let Some(pinned) = &request.pinned {
        let mut lines = compare::compare(model, pinned).lines();
        if let Some(first) = lines.first_mut() {
            *first = format!(
                "Against pinned \"{}\" ({}): {first}",
                pinned.scenario().title,
                compare::HELD_FROM_THE_PIN
            );
        }
        text.comparison = lines;
    }
    if include.table {
        text.table = table_lines(model);
    }
    if include.warnings {
        // The report's warnings about an option that cannot run repeat its line above.
        let report = model.report();
        let blocked: Vec<&str> = report
            .options
            .iter()
            .filter(|option| option.cannot_run.is_some())
            .map(|option| option.name.as_str())
            .collect();
        text.warnings.extend(
            report
                .warnings
                .iter()
                .filter(|warning| !blocked.iter().any(|name| warning.contains(name)))
                .cloned(),
        );
    }
    if !include.verdict {
        text.verdict.clear();
        text.range = None;
        text.figures.clear();
        text.comparison.clear();
    }
    if !include.assumptions {
        text.assumptions.clear();
    }
    text
}

/// "GPT-4o: $4,375/month, $52,500/year, $4.38 per 1M tokens", one line per option.
fn table_lines(model: &Model) -> Vec<String> {
    let currency = &model.report().currency;
    model
        .report()
        .options
        .iter()
        .filter_map(|option| {
            let (monthly, yearly) = (option.monthly_cost_usd?, option.yearly_cost_usd?);
            let per_million = option
                .usd_per_million_tokens
                .map(|usd| format!(", {} per 1M tokens", currency.format(usd)))
                .unwrap_or_default();
            let nodes = option
                .self_hosted
                .as_ref()
                .map(|figures| {
                    let plural = if figures.nodes == 1 { "" } else { "s" };
                    format!(", {} node{plural}", figures.nodes)
                })
                .unwrap_or_default();
            let ruled_out = option
                .ruled_out
                .as_ref()
                .map(|reason| format!(" (ruled out: {reason})"))
                .unwrap_or_default();
            Some(format!(
                "{}: {}/month, {}/year{per_million}{nodes}{ruled_out}",
                option.name,
                currency.format(monthly),
                currency.format(yearly)
            ))
        })
        .collect()
}

/// "Timeline: 36 months, 100M tokens/month growing 15% a month; cash, bought nodes paid
/// in the month they are first needed".
fn timeline_line(model: &Model) -> String {
    let timeline = model.timeline();
    let volumes = match (timeline.rows.first(), timeline.rows.last()) {
        (Some(first), Some(last)) if timeline.from_list => format!(
            "monthly volumes from a list, {} to {} tokens/month",
            format_tokens(first.tokens),
            format_tokens(last.tokens)
        ),
        (Some(first), _) => format!(
            "{} tokens/month growing {} a month",
            format_tokens(first.tokens),
            format_percent(timeline.growth_per_month)
        ),
        _ => String::new(),
    };
    let counted = cash_counted(model);
    format!(
        "Timeline: {} months, {volumes}; {counted}; each input at its value (ranges not \
         applied)",
        timeline.months
    )
}

/// What a cash view counts, in the timeline's words.
fn cash_counted(model: &Model) -> &'static str {
    match model.scenario().accounting.lens {
        Lens::Full => {
            "cash paid, bought nodes in the month they are first needed, one-off costs in \
             month 1"
        }
        Lens::Marginal => {
            "cash paid, nodes not already owned bought when first needed, one-off costs not \
             yet paid in month 1"
        }
    }
}

/// "GPT-4o $2.50 in / $10.00 out per 1M + 0.25 FTE at $150,000/yr, fee $500/month".
fn api_line(api: &ApiOption) -> String {
    let tier = api.long_context.as_ref().map(|tier| {
        format!(
            "{} {} prompt tokens {} / {}",
            if tier.includes_threshold {
                "from"
            } else {
                "above"
            },
            group_thousands(tier.above_input_tokens),
            format_price(tier.usd_per_million_input),
            format_price(tier.usd_per_million_output)
        )
    });
    let service = [("flex", &api.flex), ("priority", &api.priority)]
        .into_iter()
        .filter_map(|(name, prices)| {
            let prices = prices.as_ref()?;
            Some(format!(
                "{name} {} / {}",
                format_price(prices.usd_per_million_input),
                format_price(prices.usd_per_million_output)
            ))
        });
    let region = api.in_region_uplift.map(|uplift| {
        format!(
            "in-region at +{}",
            crate::units::format_percent(uplift.max(0.0))
        )
    });
    let effort = api
        .reasoning_effort
        .as_ref()
        .filter(|effort| effort.multiplier() > 1.0)
        .map(|effort| {
            format!(
                "{} reasoning effort (×{} output)",
                effort.level.label(),
                crate::units::format_short_number(effort.multiplier())
            )
        });
    let storage = (api.usd_per_million_cache_hour > 0.0).then(|| {
        format!(
            "cache storage {} per 1M an hour",
            format_price(api.usd_per_million_cache_hour)
        )
    });
    let extras: Vec<String> = describe_engineering(api.engineering_fte, api.engineer_usd_per_year)
        .into_iter()
        .chain(api.overheads.describe())
        .chain(tier)
        .chain(service)
        .chain(region)
        .chain(effort)
        .chain(storage)
        .collect();
    let extras = if extras.is_empty() {
        String::new()
    } else {
        format!(" + {}", extras.join(", "))
    };
    format!(
        "{} {} in / {} out per 1M{extras}",
        api.name,
        format_usd(api.usd_per_million_input),
        format_usd(api.usd_per_million_output),
    )
}

/// "Llama 3.1 70B on 2x A100: 2x A100 80GB, rented $3,600/month, 1000 tok/s, 60%
/// utilization, 0.75 FTE at $150,000/yr": one deployment's assumptions.
fn deployment_line(deployment: &Deployment) -> String {
    let compute = match deployment.compute {
        Compute::Bought {
            price_usd,
            amortization_months,
            ..
        } => format!(
            "bought {} over {amortization_months:.0} months",
            format_usd(price_usd)
        ),
        Compute::RentedHourly {
            usd_per_hour,
            billing,
        } => format!(
            "rented {}/h {}",
            format_usd(usd_per_hour),
            match billing {
                HourlyBilling::AlwaysOn => "always on",
                HourlyBilling::ActiveHours => "for the active hours",
                HourlyBilling::BusyHours => "per busy hour",
            }
        ),
        Compute::RentedMonthly { usd_per_month } => {
            format!("rented {}/month", format_usd(usd_per_month))
        }
    };
    let rate = match &deployment.phases {
        Some(phases) => format!(
            "prefill {} / decode {} tok/s",
            group_thousands(phases.prefill_tokens_per_second.round() as u64),
            group_thousands(phases.decode_tokens_per_second.round() as u64)
        ),
        None => format!("{:.0} tok/s", deployment.throughput_tokens_per_second),
    };
    let mut line = format!(
        "{}: {}, {compute}, {rate}, {} utilization",
        deployment.name,
        deployment.hardware.name,
        format_percent(deployment.utilization),
    );
    if deployment.engineering_fte > 0.0 {
        line.push_str(&format!(
            ", {:.2} FTE at {}/yr",
            deployment.engineering_fte,
            format_usd(deployment.engineer_usd_per_year)
        ));
    }
    if deployment.infrastructure_usd_per_month > 0.0 {
        line.push_str(&format!(
            ", infrastructure {}/month",
            format_usd(deployment.infrastructure_usd_per_month)
        ));
    }
    let owning = if deployment.compute.is_bought() {
        deployment.owning.describe()
    } else {
        Vec::new()
    };
    for part in owning.into_iter().chain(deployment.overheads.describe()) {
        line.push_str(", ");
        line.push_str(&part);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::prepare;
    use crate::scenario::presets;

    #[test]
    fn other_warnings_do_not_repeat_what_cannot_run() {
        let model = prepare(&presets::load("sonnet-vs-rtx4090").expect("preset"));
        let request = ImageRequest {
            model,
            pinned: None,
            chart: ExportChart::Costs,
            include: Include {
                warnings: true,
                ..Include::default()
            },
            look: crate::theme::Look::default(),
            view: crate::figure::ChartView::FollowScenario,
            width_px: 1600,
            height_px: 900,
            pixels_per_point: 1.6,
            date: "2026-12-01".to_owned(),
        };
        let text = caption_for(&request);
        // The 70B model does not fit the RTX 4090: said once, as cannot run; then that no
        // engineering time is counted for it.
        assert_eq!(text.warnings.len(), 2, "{:?}", text.warnings);
        assert!(text.warnings[0].starts_with("Cannot run as configured"));
        assert!(text.warnings[1].starts_with("No engineering time counted"));
    }

    #[test]
    fn caption_names_prices_hardware_and_date() {
        let scenario = presets::load("70b-full-stack-2xa100").expect("preset");
        let text = caption(&prepare(&scenario), "2026-11-23");
        assert_eq!(text.title, "Full-stack 70B on 2x A100 vs GPT-4o");
        assert!(
            text.verdict
                .starts_with("At 1.00B tokens/month the API (GPT-4o) is cheaper")
        );
        let all = text.assumptions.join("\n");
        assert!(all.contains("GPT-4o $2.50 in / $10.00 out per 1M"), "{all}");
        // 1B tokens at $4.375/M is $4,375 a month: $52,500 a year.
        assert_eq!(text.figures.len(), 1);
        assert!(
            text.figures[0].starts_with("Per year at this volume: GPT-4o $52,500;"),
            "{:?}",
            text.figures
        );
        assert!(
            all.contains("rented $3,600/month, 1000 tok/s, 60% utilization, 0.75 FTE"),
            "{all}"
        );
        assert!(text.footer.contains("2026-11-23"));
        assert!(text.warnings.is_empty());
        // How sure the answer is, in the verdict's words, for the PDF (a slide shows the
        // tornado and the interval instead), and the ranges.
        let sentence =
            crate::engine::verdict::range_sentence(prepare(&scenario).report()).expect("ranges");
        assert_eq!(text.range.as_deref(), Some(sentence.as_str()));
        assert!(!text.verdict.contains(&sentence), "{}", text.verdict);
        assert!(
            sentence.contains("somewhere between 3.95B and 59.3B tokens/month"),
            "{sentence}"
        );
        assert!(
            all.contains(
                "Ranges: throughput 800 to 1,200 tok/s; engineering FTE 0.5 to 1 FTE; \
                 engineer cost $150,000 to $200,000; infrastructure $250 to $1,000; \
                 rent per month $3,600 to $5,040"
            ),
            "{all}"
        );
    }

    #[test]
    fn the_caption_says_what_cannot_run() {
        let scenario = presets::load("sonnet-vs-rtx4090").expect("preset");
        let text = caption(&prepare(&scenario), "2026-12-01");
        assert_eq!(
            text.warnings,
            [
                "Cannot run as configured: Llama 3.1 70B on an RTX 4090 (does not fit: needs 40 GB \
              of memory, the node has 24 GB).",
                "No engineering time counted for Llama 3.1 70B on an RTX 4090 (0 FTE): its cost \
                 leaves out the people who run it."
            ]
        );
    }

    #[test]
    fn an_apis_line_names_what_changes_its_price_beyond_the_list() {
        let mut api = ApiOption {
            name: "GPT-4o".to_owned(),
            usd_per_million_input: 2.5,
            usd_per_million_output: 10.0,
            in_region_uplift: Some(0.1),
            usd_per_million_cache_hour: 4.5,
            reasoning_effort: Some(crate::scenario::ReasoningEffort {
                level: crate::scenario::EffortLevel::High,
                high: 5.0,
                ..Default::default()
            }),
            ..ApiOption::default()
        };
        api.flex = Some(crate::scenario::TierPrices {
            usd_per_million_input: 1.25,
            usd_per_million_cached_input: None,
            usd_per_million_output: 5.0,
        });
        assert_eq!(
            api_line(&api),
            "GPT-4o $2.50 in / $10.00 out per 1M + flex $1.25 / $5.00, in-region at +10%, high \
             reasoning effort (×5 output), cache storage $4.50 per 1M an hour"
        );
    }
}
