//! Controls of the full cost: the traffic's shape, what owning bought nodes costs, the
//! one-off and fixed costs every option has, the lens and horizon, and the constraints
//! that decide before cost does.

use eframe::egui::{self, RichText, Slider, Ui};

use super::form::{amount, grid, money, percent_per_year, row};
use crate::scenario::validate::limits;
use crate::scenario::{
    Accounting, ApiOption, Constraints, Deployment, Lens, Overheads, Owning, Scenario, Volume,
    Workload,
};
use crate::units::format_short_number;

/// Peak-to-average ratio and active hours, in the workload's grid; for a workload in
/// requests per day, the peak can be given in requests per second instead.
pub(super) fn traffic_shape_rows(ui: &mut Ui, workload: &mut Workload, original: &Workload) {
    row(
        ui,
        "Active hours",
        "Hours a day the traffic comes in (24 for round-the-clock, 10 for business hours). \
         Nodes are sized to serve the month's volume within them.",
        &mut workload.active_hours_per_day,
        Some(&original.active_hours_per_day),
        |ui, v| {
            ui.add(
                // Never clamped or stepped on its own: a file's 0.5 or 7.75 hours stay.
                Slider::new(v, 1.0..=24.0)
                    .max_decimals(2)
                    .custom_formatter(|hours, _| format_short_number(hours))
                    .suffix(" h/day")
                    .clamping(egui::SliderClamping::Never),
            )
        },
    );
    let by_requests = matches!(workload.volume, Volume::Requests { .. });
    if by_requests {
        let average = workload.average_requests_per_second().unwrap_or(0.0);
        row(
            ui,
            "Peak requests/s",
            "Requests per second at the busiest hour; the peak-to-average ratio is derived \
             from it. Off: give the ratio instead.",
            &mut workload.peak_requests_per_second,
            Some(&original.peak_requests_per_second),
            |ui, peak| {
                ui.horizontal(|ui| {
                    let mut given = peak.is_some();
                    let toggle = ui.checkbox(&mut given, "");
                    match (given, &peak) {
                        (true, None) => *peak = Some((average * 2.0).max(0.01)),
                        (false, Some(_)) => *peak = None,
                        _ => {}
                    }
                    if let Some(value) = peak {
                        ui.add(amount(
                            value,
                            0.05,
                            " req/s",
                            limits::PEAK_REQUESTS_PER_SECOND,
                        ));
                    }
                    toggle
                })
                .inner
            },
        );
    }
    if workload.peak_requests_per_second.is_some() {
        // The peak is given once: the ratio is derived from requests per second.
        workload.peak_to_average = 1.0;
    }
    if by_requests && workload.peak_requests_per_second.is_some() {
        ui.label("");
        ui.label(
            RichText::new(format!(
                "peak = {:.2}× the average of {} req/s",
                workload.peak_to_average(),
                format_short_number(workload.average_requests_per_second().unwrap_or(0.0))
            ))
            .weak(),
        );
        ui.end_row();
    } else {
        row(
            ui,
            "Peak / average",
            "How much busier the peak is than the average of the active hours (1 for flat \
             traffic). Nodes are sized for the peak at the planned utilization.",
            &mut workload.peak_to_average,
            Some(&original.peak_to_average),
            |ui, v| {
                ui.add(
                    Slider::new(v, 1.0..=10.0)
                        .step_by(0.1)
                        .max_decimals(1)
                        .suffix("×")
                        .clamping(egui::SliderClamping::Never),
                )
            },
        );
    }
}

/// The share of requests past an API's long-context threshold, shown when some API has a
/// long-context price.
pub(super) fn long_context_row(ui: &mut Ui, scenario: &mut Scenario, original: &Workload) {
    if scenario.apis.iter().all(|api| api.long_context.is_none()) {
        return;
    }
    row(
        ui,
        "Long prompts",
        "Share of requests whose prompt is past an API's long-context threshold: they pay its \
         long-context price on all their tokens",
        &mut scenario.workload.long_context_share,
        Some(&original.long_context_share),
        |ui, v| ui.add(super::form::share_slider(v, 0.0)),
    );
}

/// An API's engineers, one-off and fixed costs, folded away until used: most comparisons
/// start from list prices alone.
pub(super) fn api_other_costs(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) {
    let used = api.engineering_fte > 0.0 || !api.overheads.is_default();
    egui::CollapsingHeader::new("People and fixed costs")
        .id_salt("api-other-costs")
        .default_open(used)
        .show(ui, |ui| {
            grid(ui, "api-other-grid", |ui| {
                api_people_rows(
                    ui,
                    (&mut api.engineering_fte, &mut api.engineer_usd_per_year),
                    original.map(|o| (&o.engineering_fte, &o.engineer_usd_per_year)),
                );
                overheads_rows(ui, &mut api.overheads, original.map(|o| &o.overheads));
            });
        });
}

/// A deployment's owning costs (when bought), one-off and fixed costs, folded away until
/// used.
pub(super) fn deployment_other_costs(
    ui: &mut Ui,
    deployment: &mut Deployment,
    original: Option<&Deployment>,
) {
    let bought = deployment.compute.is_bought();
    let used = (bought && !deployment.owning.is_default()) || !deployment.overheads.is_default();
    let title = if bought {
        "Owning and fixed costs"
    } else {
        "Fixed costs"
    };
    egui::CollapsingHeader::new(title)
        .id_salt("deployment-other-costs")
        .default_open(used)
        .show(ui, |ui| {
            grid(ui, "deployment-other-grid", |ui| {
                if bought {
                    owning_rows(ui, &mut deployment.owning, original.map(|o| &o.owning));
                }
                overheads_rows(
                    ui,
                    &mut deployment.overheads,
                    original.map(|o| &o.overheads),
                );
            });
        });
}

/// One-off and fixed monthly costs of any option, in its grid.
fn overheads_rows(ui: &mut Ui, overheads: &mut Overheads, original: Option<&Overheads>) {
    row(
        ui,
        "One-off cost",
        "Implementation or migration, paid once, $: spread over the analysis horizon in the \
         monthly chart (full cost), paid in month 1 of the timeline",
        &mut overheads.one_off_usd,
        original.map(|o| &o.one_off_usd),
        |ui, v| ui.add(money(v, 100.0, limits::ONE_OFF_USD)),
    );
    row(
        ui,
        "Monthly fee",
        "A fixed fee whatever the volume (enterprise plan, support contract), $ per month",
        &mut overheads.monthly_fee_usd,
        original.map(|o| &o.monthly_fee_usd),
        |ui, v| ui.add(money(v, 10.0, limits::MONTHLY_FEE_USD).suffix(" /mo")),
    );
}

/// Engineers on the API side (integration, prompt operations), in the API's grid.
fn api_people_rows(
    ui: &mut Ui,
    (fte, usd_per_year): (&mut f64, &mut f64),
    original: Option<(&f64, &f64)>,
) {
    row(
        ui,
        "Engineering",
        "Engineers' time for integration and prompt operations, full-time equivalents: an \
         API is not free to run either",
        fte,
        original.map(|o| o.0),
        |ui, v| ui.add(super::form::fte(v)),
    );
    if *fte > 0.0 {
        row(
            ui,
            "Engineer cost",
            "Loaded annual cost of one engineer (salary, benefits, overhead), $ per year",
            usd_per_year,
            original.map(|o| o.1),
            |ui, v| ui.add(money(v, 1000.0, limits::ENGINEER_USD_PER_YEAR).suffix(" /yr")),
        );
    }
}

/// Capital, maintenance, facilities and setup of bought nodes, in the deployment's grid.
fn owning_rows(ui: &mut Ui, owning: &mut Owning, original: Option<&Owning>) {
    row(
        ui,
        "Cost of capital",
        "Interest on the money in the hardware, a share per year of its average book value \
         (price + resale) / 2. Full cost only.",
        &mut owning.capital_rate_per_year,
        original.map(|o| &o.capital_rate_per_year),
        |ui, v| ui.add(percent_per_year(v)),
    );
    row(
        ui,
        "Maintenance",
        "Repairs, spares and support contracts, a share of the purchase price per year",
        &mut owning.maintenance_rate_per_year,
        original.map(|o| &o.maintenance_rate_per_year),
        |ui, v| ui.add(percent_per_year(v)),
    );
    row(
        ui,
        "Facilities",
        "Colocation, rack space, network: $ per node per month",
        &mut owning.facilities_usd_per_node_month,
        original.map(|o| &o.facilities_usd_per_node_month),
        |ui, v| ui.add(money(v, 5.0, limits::USD_PER_NODE_MONTH).suffix(" /node/mo")),
    );
    row(
        ui,
        "Setup",
        "Racking, cabling and commissioning, $ per node, paid when it is bought",
        &mut owning.setup_usd_per_node,
        original.map(|o| &o.setup_usd_per_node),
        |ui, v| ui.add(money(v, 10.0, limits::ONE_OFF_USD).suffix(" /node")),
    );
}

/// Full cost or marginal cost, as two buttons side by side: the same lens for every
/// option at once. Returns true when it changed.
pub(super) fn lens_toggle(ui: &mut Ui, lens: &mut Lens) -> bool {
    let before = *lens;
    // One group, so a wrapped row never splits the pair; it starts a new line where the
    // rest of this one is too short (a group never wraps, so it would run past the edge
    // and widen the whole column).
    let font = egui::TextStyle::Button.resolve(ui.style());
    let text: f32 = ["Full cost", "Marginal"]
        .iter()
        .map(|label| {
            ui.ctx().fonts_mut(|fonts| {
                fonts
                    .layout_no_wrap(
                        (*label).to_owned(),
                        font.clone(),
                        egui::Color32::PLACEHOLDER,
                    )
                    .size()
                    .x
            })
        })
        .sum();
    let needed = text + 4.0 * ui.spacing().button_padding.x + 2.0 * ui.spacing().item_spacing.x;
    if ui.available_size_before_wrap().x < needed {
        ui.end_row();
    }
    ui.horizontal(|ui| {
        ui.spacing_mut().item_spacing.x = 2.0;
        for (choice, text) in [(Lens::Full, "Full cost"), (Lens::Marginal, "Marginal")] {
            ui.selectable_value(lens, choice, text)
                .on_hover_text(format!("{}: {}", text, choice.meaning()));
        }
    });
    *lens != before
}

/// The lens, the analysis horizon and the constraints checklist.
pub(super) fn costs_and_constraints_group(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
) {
    let constrained = !scenario.constraints.is_default();
    egui::CollapsingHeader::new(RichText::new("Costs counted and constraints").strong())
        .default_open(constrained || scenario.accounting.lens != Lens::Full)
        .show(ui, |ui| {
            grid(ui, "accounting-grid", |ui| {
                accounting_rows(ui, &mut scenario.accounting, &baseline.accounting);
            });
            ui.add_space(4.0);
            ui.label(RichText::new("Decided before cost").strong())
                .on_hover_text(
                    "A constraint never changes a cost; it changes what the verdict \
                     recommends, and the verdict names the rule that applied",
                );
            constraint_checks(ui, &mut scenario.constraints);
        });
}

fn accounting_rows(ui: &mut Ui, accounting: &mut Accounting, original: &Accounting) {
    row(
        ui,
        "Costs counted",
        "Full cost: write-off, cost of capital and one-off costs spread over the horizon, \
         plus running costs. Marginal: the costs this decision changes; nodes already \
         owned (Nodes owned, under each bought deployment) write nothing off, every other \
         node and one-off costs not yet paid count in full.",
        &mut accounting.lens,
        Some(&original.lens),
        |ui, lens| {
            ui.horizontal(|ui| {
                ui.radio_value(lens, Lens::Full, "Full cost");
                ui.radio_value(lens, Lens::Marginal, "Marginal");
            })
            .response
        },
    );
    row(
        ui,
        "Spread one-offs over",
        "Months one-off costs (implementation, node setup) are spread over in the monthly \
         chart. The Over time tab has its own horizon and pays them in month 1.",
        &mut accounting.horizon_months,
        Some(&original.horizon_months),
        |ui, v| ui.add(amount(v, 1.0, " months", limits::HORIZON_MONTHS)),
    );
    if accounting.lens == Lens::Marginal {
        row(
            ui,
            "One-offs paid",
            "Under the marginal lens: the one-off costs (implementation, migration) are \
             already paid and no longer count. Nodes still to buy are set up all the same.",
            &mut accounting.one_offs_paid,
            Some(&original.one_offs_paid),
            |ui, paid| ui.checkbox(paid, "already paid"),
        );
    }
}

fn constraint_checks(ui: &mut Ui, constraints: &mut Constraints) {
    ui.checkbox(
        &mut constraints.data_must_stay,
        "Data must stay in our environment or region",
    )
    .on_hover_text(
        "No third-party API may see the traffic, unless it is bought through an endpoint in \
         your region (\"In-region endpoint\" under the API): self-hosting, or such an API, is \
         required",
    );
    ui.checkbox(
        &mut constraints.fine_tuning,
        "We need to fine-tune the model",
    )
    .on_hover_text("Fine-tuned weights need an open model you host");
    ui.checkbox(
        &mut constraints.latency_target,
        "A latency target the API cannot guarantee",
    )
    .on_hover_text("Time to first token or per-token latency that an API's terms do not promise");
    let mut limited = constraints.mlops_fte_available.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut limited, "MLOps capacity is limited to")
            .on_hover_text(
                "Engineers available to run self-hosted serving: an option needing more FTE \
                 than this is ruled out",
            );
        match (limited, constraints.mlops_fte_available) {
            (true, None) => constraints.mlops_fte_available = Some(0.0),
            (false, Some(_)) => constraints.mlops_fte_available = None,
            _ => {}
        }
        if let Some(available) = constraints.mlops_fte_available.as_mut() {
            ui.add(super::form::fte(available));
        }
    });
    let mut timed = constraints.inter_token_ms.is_some();
    ui.horizontal(|ui| {
        ui.checkbox(&mut timed, "At most").on_hover_text(
            "The longest time between a request's tokens you allow: a self-hosted option \
                 whose node, by the sizing estimate, cannot give the throughput its costs count \
                 on within it is ruled out (listed models only)",
        );
        match (timed, constraints.inter_token_ms) {
            (true, None) => constraints.inter_token_ms = Some(50.0),
            (false, Some(_)) => constraints.inter_token_ms = None,
            _ => {}
        }
        if let Some(target) = constraints.inter_token_ms.as_mut() {
            ui.add(super::form::inter_token_ms(target));
        }
        ui.label("between tokens");
    });
    ui.checkbox(&mut constraints.mostly_batch, "Traffic is mostly batch")
        .on_hover_text("It tolerates the batch API's 24-hour turnaround");
}
