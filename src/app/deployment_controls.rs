//! Controls of the self-hosted deployments: hardware, buy or rent, model, throughput,
//! utilization, people and infrastructure.

use eframe::egui::{self, RichText, Ui};

use super::compute_controls::{Payment, compute_rows, payment_of, spec_named, switch_payment};
use super::form::{amount, grid, money, ranged_row, row, share_slider};
use crate::scenario::catalog::{HARDWARE, HardwareSpec, models};
use crate::scenario::ranges::DeploymentInput;
use crate::scenario::validate::limits;
use crate::scenario::{Deployment, PhaseRates, Precision, Scenario, naming};

/// Draws the deployments group.
pub(super) fn show(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Self-hosted").strong())
        .default_open(true)
        .show(ui, |ui| {
            let hours = scenario.hours_per_month;
            let parts_before: Vec<(String, String)> = scenario
                .deployments
                .iter()
                .map(|d| (d.hardware.name.clone(), d.model.name.clone()))
                .collect();
            let mut remove = None;
            for (index, deployment) in scenario.deployments.iter_mut().enumerate() {
                // The loaded file's version of this same deployment, wherever it is now.
                let original = baseline.deployments.iter().find(|o| o.id == deployment.id);
                ui.push_id(("deployment", deployment.id), |ui| {
                    egui::CollapsingHeader::new(&deployment.name)
                        .id_salt("deployment-header")
                        .default_open(index == 0)
                        .show(ui, |ui| {
                            if deployment_fields(ui, deployment, original, hours) {
                                remove = Some(index);
                            }
                        });
                });
            }
            follow_part_changes(scenario, &parts_before);
            if let Some(index) = remove {
                scenario.deployments.remove(index);
                if scenario.hybrid.is_some() && scenario.hybrid_deployment().is_none() {
                    scenario.hybrid = None;
                }
            }
            if ui
                .button("Add a deployment")
                .on_hover_text("Compare another hardware option side by side")
                .clicked()
            {
                let mut added = Deployment {
                    id: scenario.next_id(),
                    ..Deployment::default()
                };
                let mut number = scenario.deployments.len() + 1;
                while scenario.deployments.iter().any(|d| d.name == added.name) {
                    added.name = format!("Self-hosted {number}");
                    number += 1;
                }
                scenario.deployments.push(added);
            }
        });
}

/// Names do not go stale: a deployment whose hardware or model was just changed is renamed
/// where its name (and the scenario's title) mentions the old hardware or model.
fn follow_part_changes(scenario: &mut Scenario, parts_before: &[(String, String)]) {
    for (deployment, (old_hardware, old_model)) in scenario.deployments.iter_mut().zip(parts_before)
    {
        if deployment.hardware.name == *old_hardware && deployment.model.name == *old_model {
            continue;
        }
        let renames = naming::deployment_renames(
            old_hardware,
            &deployment.hardware.name,
            old_model,
            &deployment.model.name,
        );
        if let Some(name) = naming::follow_renames(&deployment.name, &renames) {
            deployment.name = name;
        }
        if let Some(title) = naming::follow_renames(&scenario.title, &renames) {
            scenario.title = title;
        }
    }
}

/// The fields of one deployment; returns true when the user asked to remove it.
fn deployment_fields(
    ui: &mut Ui,
    deployment: &mut Deployment,
    original: Option<&Deployment>,
    hours: f64,
) -> bool {
    grid(ui, "deployment-grid", |ui| {
        row(
            ui,
            "Name",
            "Shown in the legend and the verdict",
            &mut deployment.name,
            original.map(|o| &o.name),
            |ui, v| ui.text_edit_singleline(v),
        );
        hardware_rows(ui, deployment, original, hours);
        compute_rows(ui, deployment, original, hours);
        model_rows(ui, deployment, original);
        operation_rows(ui, deployment, original);
    });
    super::estimate_controls::estimate_section(ui, deployment);
    super::cost_controls::deployment_other_costs(ui, deployment, original);
    ui.button("Remove this deployment").clicked()
}

fn hardware_rows(
    ui: &mut Ui,
    deployment: &mut Deployment,
    original: Option<&Deployment>,
    hours: f64,
) {
    let mut chosen: Option<&HardwareSpec> = None;
    let mut custom = false;
    let current = deployment.hardware.name.clone();
    row(
        ui,
        "Hardware",
        "One node: a GPU server or a Mac. Picking one fills in memory, power, prices and (where published) throughput.",
        &mut deployment.hardware,
        original.map(|o| &o.hardware),
        |ui, _| {
            egui::ComboBox::from_id_salt("hardware")
                .selected_text(current.as_str())
                .width(190.0)
                .show_ui(ui, |ui| {
                    for spec in HARDWARE {
                        let response = ui.selectable_label(spec.name == current, spec.name);
                        let response = response.on_hover_text(format!(
                            "{} GB, {} GB/s · published: {} · assumed: {} · {}",
                            spec.memory_gb,
                            spec.bandwidth_gb_s,
                            spec.published,
                            spec.assumed,
                            spec.sizing_source
                        ));
                        if response.clicked() {
                            chosen = Some(spec);
                        }
                    }
                    ui.separator();
                    custom = ui
                        .selectable_label(false, "Your own node…")
                        .on_hover_text(
                            "Hardware the list does not have: name it and type its memory, \
                             power, price and (for an estimate) bandwidth",
                        )
                        .clicked();
                })
                .response
        },
    );
    if let Some(spec) = chosen {
        apply_hardware(deployment, spec, hours);
    }
    if custom {
        deployment.hardware.name = "My node".to_owned();
    }
    if spec_named(&deployment.hardware.name).is_none() {
        row(
            ui,
            "Node name",
            "What to call your node in the legend's and the exports' assumptions",
            &mut deployment.hardware.name,
            original.map(|o| &o.hardware.name),
            |ui, name| ui.add(egui::TextEdit::singleline(name).desired_width(180.0)),
        );
    }
    if let Some(spec) = spec_named(&deployment.hardware.name) {
        ui.label("");
        ui.label(
            RichText::new(format!("Assumed: {}", spec.assumed))
                .small()
                .weak(),
        )
        .on_hover_text(format!("Published: {}", spec.published));
        ui.end_row();
    }
    row(
        ui,
        "Memory",
        "Memory for weights and KV cache on one node, GB",
        &mut deployment.hardware.memory_gb,
        original.map(|o| &o.hardware.memory_gb),
        |ui, v| ui.add(amount(v, 1.0, " GB", limits::MEMORY_GB)),
    );
    row(
        ui,
        "GPUs per node",
        "GPUs in one node (for reference; throughput and prices are per node)",
        &mut deployment.hardware.gpus,
        original.map(|o| &o.hardware.gpus),
        |ui, v| {
            ui.add(
                egui::DragValue::new(v)
                    .range(limits::GPUS_PER_NODE.0..=limits::GPUS_PER_NODE.1)
                    .clamp_existing_to_range(false),
            )
        },
    );
}

/// One total rate (with its range), or separate prefill and decode rates.
fn throughput_rows(ui: &mut Ui, deployment: &mut Deployment, original: Option<&Deployment>) {
    let mut split = deployment.phases.is_some();
    row(
        ui,
        "Rates",
        "One aggregate rate for input and output, or separate prefill (input) and decode \
         (output) rates: a node's busy time is input ÷ prefill + output ÷ decode",
        &mut split,
        Some(&original.is_some_and(|o| o.phases.is_some())),
        |ui, split| {
            ui.horizontal(|ui| {
                ui.radio_value(split, false, "One");
                ui.radio_value(split, true, "Prefill and decode")
            })
            .inner
        },
    );
    match (split, deployment.phases.is_some()) {
        (true, false) => {
            let total = deployment.throughput_tokens_per_second;
            deployment.phases = Some(PhaseRates {
                prefill_tokens_per_second: (total * 8.0).round(),
                decode_tokens_per_second: total,
            });
            deployment.ranges.remove(&DeploymentInput::Throughput);
        }
        (false, true) => deployment.phases = None,
        _ => {}
    }
    let original_phases = original.and_then(|o| o.phases.as_ref());
    if let Some(phases) = deployment.phases.as_mut() {
        row(
            ui,
            "Prefill",
            "Prompt tokens per second one node reads under batching (compute bound, fast)",
            &mut phases.prefill_tokens_per_second,
            original_phases.map(|p| &p.prefill_tokens_per_second),
            |ui, v| ui.add(amount(v, 10.0, " tok/s", limits::THROUGHPUT)),
        );
        row(
            ui,
            "Decode",
            "Output tokens per second one node writes under batching (bandwidth bound)",
            &mut phases.decode_tokens_per_second,
            original_phases.map(|p| &p.decode_tokens_per_second),
            |ui, v| ui.add(amount(v, 5.0, " tok/s", limits::THROUGHPUT)),
        );
        return;
    }
    ranged_row(
        ui,
        "Throughput",
        "Aggregate tokens per second one node serves under batching (input + output). Published figures vary 2-3× with engine version, lengths and concurrency.",
        &mut deployment.throughput_tokens_per_second,
        original.map(|o| &o.throughput_tokens_per_second),
        &mut deployment.ranges,
        DeploymentInput::Throughput,
        DeploymentInput::Throughput.limits(),
        |ui, v| ui.add(amount(v, 5.0, " tok/s", limits::THROUGHPUT)),
    );
}

/// Fills in a catalog node's figures, keeping how the user pays for it.
pub(super) fn apply_hardware(deployment: &mut Deployment, spec: &HardwareSpec, hours: f64) {
    deployment.hardware = spec.to_hardware();
    let mut payment = payment_of(&deployment.compute);
    if payment == Payment::Buy && spec.purchase_usd.is_none() {
        payment = Payment::RentHourly;
    }
    if payment != Payment::Buy && spec.rent_usd_per_hour.is_none() {
        payment = Payment::Buy;
    }
    deployment.compute = switch_payment(&deployment.compute, payment, Some(spec), hours);
    if let Some(throughput) = spec.tokens_per_second_for(deployment.model.params_billion) {
        deployment.throughput_tokens_per_second = throughput;
    }
}

fn model_rows(ui: &mut Ui, deployment: &mut Deployment, original: Option<&Deployment>) {
    let listed = models();
    let mut chosen = None;
    let current = format!(
        "{} {}",
        deployment.model.name,
        deployment.model.precision.label()
    );
    row(
        ui,
        "Model",
        "The open model served. Memory need = parameters × bytes per parameter + KV cache.",
        &mut deployment.model,
        original.map(|o| &o.model),
        |ui, _| {
            egui::ComboBox::from_id_salt("model")
                .selected_text(current.as_str())
                .width(190.0)
                .show_ui(ui, |ui| {
                    for model in &listed {
                        let text = format!(
                            "{} {} (~{:.0} GB)",
                            model.name,
                            model.precision.label(),
                            model.memory_needed_gb()
                        );
                        if ui.selectable_label(false, text).clicked() {
                            chosen = Some(model.clone());
                        }
                    }
                })
                .response
        },
    );
    if let Some(model) = chosen {
        let throughput = spec_named(&deployment.hardware.name)
            .and_then(|spec| spec.tokens_per_second_for(model.params_billion));
        deployment.model = model;
        if let Some(throughput) = throughput {
            deployment.throughput_tokens_per_second = throughput;
        }
    }
    let model = original.map(|o| &o.model);
    row(
        ui,
        "Parameters",
        "Model size, billions of parameters",
        &mut deployment.model.params_billion,
        model.map(|m| &m.params_billion),
        |ui, v| ui.add(amount(v, 0.5, " B", limits::PARAMS_BILLION)),
    );
    row(
        ui,
        "Precision",
        "Weight precision: FP16 is 2 bytes per parameter, FP8 and 8-bit 1, 4-bit 0.5",
        &mut deployment.model.precision,
        model.map(|m| &m.precision),
        |ui, v| {
            egui::ComboBox::from_id_salt("precision")
                .selected_text(v.label())
                .show_ui(ui, |ui| {
                    for precision in Precision::ALL {
                        ui.selectable_value(v, precision, precision.label());
                    }
                })
                .response
        },
    );
    row(
        ui,
        "KV cache",
        "Memory reserved for the KV cache of requests in flight, GB",
        &mut deployment.model.kv_cache_gb,
        model.map(|m| &m.kv_cache_gb),
        |ui, v| ui.add(amount(v, 0.5, " GB", limits::KV_CACHE_GB)),
    );
}

fn operation_rows(ui: &mut Ui, deployment: &mut Deployment, original: Option<&Deployment>) {
    throughput_rows(ui, deployment, original);
    ranged_row(
        ui,
        "Utilization",
        "Planned average share of time a node is busy; headroom for peaks keeps it well under 100%. Sets how many tokens a node can take before another is needed.",
        &mut deployment.utilization,
        original.map(|o| &o.utilization),
        &mut deployment.ranges,
        DeploymentInput::Utilization,
        DeploymentInput::Utilization.limits(),
        |ui, v| ui.add(share_slider(v, limits::UTILIZATION.0)),
    );
    row(
        ui,
        "Spare nodes",
        "Extra idle nodes kept for redundancy (paid, not serving)",
        &mut deployment.spare_nodes,
        original.map(|o| &o.spare_nodes),
        |ui, v| {
            ui.add(
                egui::DragValue::new(v)
                    .range(0..=limits::SPARE_NODES)
                    .clamp_existing_to_range(false),
            )
        },
    );
    ranged_row(
        ui,
        "Engineering",
        "Engineers' time to run it, full-time equivalents (0.5-1.0 FTE for one production 70B model is typical)",
        &mut deployment.engineering_fte,
        original.map(|o| &o.engineering_fte),
        &mut deployment.ranges,
        DeploymentInput::EngineeringFte,
        DeploymentInput::EngineeringFte.limits(),
        |ui, v| ui.add(super::form::fte(v)),
    );
    ranged_row(
        ui,
        "Engineer cost",
        "Loaded annual cost of one engineer (salary, benefits, overhead), $ per year",
        &mut deployment.engineer_usd_per_year,
        original.map(|o| &o.engineer_usd_per_year),
        &mut deployment.ranges,
        DeploymentInput::EngineerCost,
        DeploymentInput::EngineerCost.limits(),
        |ui, v| ui.add(money(v, 1000.0, limits::ENGINEER_USD_PER_YEAR).suffix(" /yr")),
    );
    ranged_row(
        ui,
        "Infrastructure",
        "Load balancer, storage, monitoring, logs: $ per month ($250-1,000 is typical)",
        &mut deployment.infrastructure_usd_per_month,
        original.map(|o| &o.infrastructure_usd_per_month),
        &mut deployment.ranges,
        DeploymentInput::Infrastructure,
        DeploymentInput::Infrastructure.limits(),
        |ui, v| ui.add(money(v, 5.0, limits::INFRASTRUCTURE_USD_PER_MONTH).suffix(" /mo")),
    );
    let mut limited = deployment.max_nodes.is_some();
    row(
        ui,
        "Node limit",
        "The most serving nodes you can run (space, budget); a warning shows when the volume needs more",
        &mut deployment.max_nodes,
        original.map(|o| &o.max_nodes),
        |ui, v| {
            ui.horizontal(|ui| {
                let response = ui.checkbox(&mut limited, "");
                match (limited, v.as_mut()) {
                    (true, None) => *v = Some(4),
                    (false, Some(_)) => *v = None,
                    _ => {}
                }
                if let Some(limit) = v.as_mut() {
                    ui.add(
                        egui::DragValue::new(limit)
                            .range(limits::NODE_LIMIT.0..=limits::NODE_LIMIT.1)
                            .clamp_existing_to_range(false)
                            .suffix(" nodes"),
                    );
                }
                response
            })
            .inner
        },
    );
}
