//! The controls panel: everything a user can change about the scenario.
//!
//! It edits the `Scenario` in place and nothing else; requests that need the app
//! (switching preset, opening a recent file) are returned for the app to carry out.

use std::path::PathBuf;

use eframe::egui::{self, RichText, Slider, Ui};

use super::deployment_controls;
use super::form::{amount, grid, money, row, share_slider, volume_slider};
use crate::scenario::catalog::{API_PRICES, PRICES_AS_OF};
use crate::scenario::{ApiOption, Hybrid, OptionRef, Scenario, Volume, presets};
use crate::units::{format_percent, format_ratio, format_tokens};

/// Something only the app can do, asked for from the panel.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ControlRequest {
    /// Switch to a preset.
    LoadPreset(String),
    /// Open a recently used file.
    OpenRecent(PathBuf),
}

/// Draws every control group; returns a request for the app, if any.
pub(super) fn show(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
    current_source: &str,
    recent: &[PathBuf],
) -> Option<ControlRequest> {
    let mut request = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            request = scenario_group(ui, scenario, baseline, current_source, recent);
            workload_group(ui, scenario, baseline);
            api_group(ui, scenario, baseline);
            deployment_controls::show(ui, scenario, baseline);
            hybrid_group(ui, scenario, baseline);
            assumptions_group(ui, scenario, baseline);
        });
    request
}

fn scenario_group(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
    current_source: &str,
    recent: &[PathBuf],
) -> Option<ControlRequest> {
    let mut request = None;
    egui::CollapsingHeader::new(RichText::new("Scenario").strong())
        .default_open(true)
        .show(ui, |ui| {
            grid(ui, "scenario-grid", |ui| {
                row(
                    ui,
                    "Start from",
                    "Load a shipped preset or a recently opened file (unsaved edits are confirmed first)",
                    &mut (),
                    None,
                    |ui, _| {
                        egui::ComboBox::from_id_salt("preset-picker")
                            .selected_text(current_source)
                            .width(190.0)
                            .show_ui(ui, |ui| {
                                ui.label(RichText::new("Presets").weak());
                                for preset in presets::PRESETS {
                                    if ui.selectable_label(false, preset.name).clicked() {
                                        request = Some(ControlRequest::LoadPreset(preset.name.to_owned()));
                                    }
                                }
                                if !recent.is_empty() {
                                    ui.separator();
                                    ui.label(RichText::new("Recent files").weak());
                                    for path in recent {
                                        if ui.selectable_label(false, path.display().to_string()).clicked() {
                                            request = Some(ControlRequest::OpenRecent(path.clone()));
                                        }
                                    }
                                }
                            })
                            .response
                    },
                );
                row(
                    ui,
                    "Title",
                    "Shown above the chart and in exports",
                    &mut scenario.title,
                    Some(&baseline.title),
                    |ui, title| ui.add(egui::TextEdit::singleline(title)),
                );
            });
            if !scenario.description.is_empty() {
                ui.label(RichText::new(&scenario.description).weak());
            }
            if !scenario.sources.is_empty() {
                egui::CollapsingHeader::new("Sources of the figures")
                    .id_salt("sources")
                    .show(ui, |ui| {
                        for source in &scenario.sources {
                            ui.label(format!("• {} — {} (as of {})", source.figure, source.source, source.as_of));
                        }
                    });
            }
        });
    request
}

fn workload_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Workload").strong())
        .default_open(true)
        .show(ui, |ui| {
            let days = scenario.days_per_month;
            let mut by_requests = matches!(scenario.workload.volume, Volume::Requests { .. });
            ui.horizontal(|ui| {
                let tokens = ui.radio_value(&mut by_requests, false, "Tokens per month");
                let requests = ui.radio_value(&mut by_requests, true, "Requests per day");
                tokens.on_hover_text("Give the volume as total tokens per month and an input share");
                requests.on_hover_text("Give the volume as requests per day of a typical size");
            });
            switch_volume_kind(scenario, by_requests);

            grid(ui, "workload-grid", |ui| {
                let mut volume = scenario.tokens_per_month();
                let before = volume;
                row(
                    ui,
                    "Monthly volume",
                    "Input plus output tokens per month (log scale, 100k to 100B). Type values like 55M or 1.5B.",
                    &mut volume,
                    Some(&baseline.tokens_per_month()),
                    |ui, volume| ui.add(volume_slider(volume)),
                );
                if volume != before {
                    scenario.workload.set_tokens_per_month(volume.max(0.0), days);
                }
                match &mut scenario.workload.volume {
                    Volume::Tokens { input_share, .. } => {
                        let original = match baseline.workload.volume {
                            Volume::Tokens { input_share, .. } => Some(input_share),
                            Volume::Requests { .. } => None,
                        };
                        row(
                            ui,
                            "Input share",
                            "Input tokens / all tokens. 3 : 1 input to output is 75%. Output tokens cost more on most APIs.",
                            input_share,
                            original.as_ref(),
                            |ui, share| {
                                ui.add(Slider::new(share, 0.0..=1.0).custom_formatter(|s, _| {
                                    format!("{} ({})", format_ratio(s), format_percent(s))
                                }))
                            },
                        );
                    }
                    Volume::Requests {
                        requests_per_day,
                        input_tokens_per_request,
                        output_tokens_per_request,
                    } => {
                        let original = match baseline.workload.volume {
                            Volume::Requests {
                                requests_per_day,
                                input_tokens_per_request,
                                output_tokens_per_request,
                            } => Some((requests_per_day, input_tokens_per_request, output_tokens_per_request)),
                            Volume::Tokens { .. } => None,
                        };
                        row(
                            ui,
                            "Requests per day",
                            "Requests served per day",
                            requests_per_day,
                            original.as_ref().map(|o| &o.0),
                            |ui, v| ui.add(amount(v, 10.0, "", 1e12)),
                        );
                        row(
                            ui,
                            "Input tokens / request",
                            "Prompt tokens in a typical request",
                            input_tokens_per_request,
                            original.as_ref().map(|o| &o.1),
                            |ui, v| ui.add(amount(v, 5.0, " tok", 1e7)),
                        );
                        row(
                            ui,
                            "Output tokens / request",
                            "Completion tokens in a typical request",
                            output_tokens_per_request,
                            original.as_ref().map(|o| &o.2),
                            |ui, v| ui.add(amount(v, 5.0, " tok", 1e7)),
                        );
                    }
                }
                row(
                    ui,
                    "Cached input",
                    "Share of input tokens served from the API's prompt cache (billed at the cached price). It lowers the API's cost, not self-hosting's.",
                    &mut scenario.workload.cached_input_share,
                    Some(&baseline.workload.cached_input_share),
                    |ui, v| ui.add(share_slider(v, 0.0)),
                );
                row(
                    ui,
                    "Batch share",
                    "Share of traffic sent through the batch API (slower turnaround, discounted).",
                    &mut scenario.workload.batch_share,
                    Some(&baseline.workload.batch_share),
                    |ui, v| ui.add(share_slider(v, 0.0)),
                );
            });
            if let Volume::Requests { .. } = scenario.workload.volume {
                ui.label(
                    RichText::new(format!(
                        "= {} tokens/month, input : output {}",
                        format_tokens(scenario.tokens_per_month()),
                        format_ratio(scenario.workload.input_share())
                    ))
                    .weak(),
                );
            }
        });
}

/// Converts between the two ways of giving volume, keeping tokens and input share.
fn switch_volume_kind(scenario: &mut Scenario, by_requests: bool) {
    let tokens = scenario.tokens_per_month();
    let share = scenario.workload.input_share();
    match (&scenario.workload.volume, by_requests) {
        (Volume::Tokens { .. }, true) => {
            let per_request = 800.0;
            scenario.workload.volume = Volume::Requests {
                requests_per_day: tokens / (per_request * scenario.days_per_month),
                input_tokens_per_request: (per_request * share).round(),
                output_tokens_per_request: (per_request * (1.0 - share)).round(),
            };
        }
        (Volume::Requests { .. }, false) => {
            scenario.workload.volume = Volume::Tokens {
                tokens_per_month: tokens,
                input_share: share,
            };
        }
        _ => {}
    }
}

fn api_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("API options").strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            for (index, api) in scenario.apis.iter_mut().enumerate() {
                // The loaded file's version of this same API, whatever its position now.
                let original = baseline.apis.iter().find(|o| o.id == api.id);
                ui.push_id(("api", api.id), |ui| {
                    egui::CollapsingHeader::new(&api.name)
                        .id_salt("api-header")
                        .default_open(index == 0)
                        .show(ui, |ui| {
                            if api_fields(ui, api, original) {
                                remove = Some(index);
                            }
                        });
                });
            }
            if let Some(index) = remove {
                scenario.apis.remove(index);
                if scenario.hybrid.is_some() && scenario.hybrid_api().is_none() {
                    scenario.hybrid = None;
                }
            }
            egui::ComboBox::from_id_salt("add-api")
                .selected_text("Add an API from the price list…")
                .width(ui.available_width() - 8.0)
                .show_ui(ui, |ui| {
                    for price in API_PRICES {
                        let taken = scenario.apis.iter().any(|api| api.name == price.name);
                        let text =
                            format!("{}  ${:.2} / ${:.2}", price.name, price.input, price.output);
                        if ui
                            .add_enabled(!taken, egui::Button::selectable(false, text))
                            .clicked()
                        {
                            let mut added = price.to_option();
                            added.id = scenario.next_id();
                            scenario.apis.push(added);
                        }
                    }
                })
                .response
                .on_hover_text(format!(
                    "Published list prices per 1M input / output tokens, as of {PRICES_AS_OF}"
                ));
        });
}

/// The fields of one API; returns true when the user asked to remove it.
fn api_fields(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) -> bool {
    grid(ui, "api-grid", |ui| {
        row(
            ui,
            "Name",
            "Shown in the legend and the verdict",
            &mut api.name,
            original.map(|o| &o.name),
            |ui, v| ui.text_edit_singleline(v),
        );
        row(
            ui,
            "Input price",
            "$ per 1M input (prompt) tokens",
            &mut api.usd_per_million_input,
            original.map(|o| &o.usd_per_million_input),
            |ui, v| ui.add(money(v, 0.01).suffix(" /1M")),
        );
        row(
            ui,
            "Output price",
            "$ per 1M output (completion) tokens",
            &mut api.usd_per_million_output,
            original.map(|o| &o.usd_per_million_output),
            |ui, v| ui.add(money(v, 0.01).suffix(" /1M")),
        );
        row(
            ui,
            "Cached input price",
            "$ per 1M input tokens served from the prompt cache; off means the cache gives no discount",
            &mut api.usd_per_million_cached_input,
            original.map(|o| &o.usd_per_million_cached_input),
            |ui, cached| {
                ui.horizontal(|ui| {
                    let mut enabled = cached.is_some();
                    let toggle = ui.checkbox(&mut enabled, "");
                    if enabled && cached.is_none() {
                        *cached = Some(api.usd_per_million_input / 10.0);
                    } else if !enabled {
                        *cached = None;
                    }
                    if let Some(price) = cached {
                        ui.add(money(price, 0.01).suffix(" /1M"));
                    }
                    toggle
                })
                .inner
            },
        );
        row(
            ui,
            "Batch discount",
            "Discount on traffic sent through the batch API; 50% is typical (24-hour turnaround)",
            &mut api.batch_discount,
            original.map(|o| &o.batch_discount),
            |ui, v| ui.add(share_slider(v, 0.0)),
        );
    });
    ui.button("Remove this API")
        .on_hover_text("Take this API out of the comparison")
        .clicked()
}

fn hybrid_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Hybrid routing").strong())
        .default_open(scenario.hybrid.is_some())
        .show(ui, |ui| {
            let mut enabled = scenario.hybrid.is_some();
            let can_enable = !scenario.apis.is_empty() && !scenario.deployments.is_empty();
            ui.add_enabled(can_enable, egui::Checkbox::new(&mut enabled, "Route a share of traffic to the deployment"))
                .on_hover_text("Self-host part of the traffic and send the rest to an API; drawn as a dashed curve");
            if enabled && scenario.hybrid.is_none() && can_enable {
                scenario.hybrid = Some(Hybrid {
                    local_share: 0.5,
                    deployment: OptionRef::Id(scenario.deployments[0].id),
                    api: OptionRef::Id(scenario.apis[0].id),
                });
            } else if !enabled {
                scenario.hybrid = None;
            }
            let deployment_names: Vec<(OptionRef, String)> = scenario.deployments.iter().map(|d| (OptionRef::Id(d.id), d.name.clone())).collect();
            let api_names: Vec<(OptionRef, String)> = scenario.apis.iter().map(|a| (OptionRef::Id(a.id), a.name.clone())).collect();
            let Some(hybrid) = scenario.hybrid.as_mut() else {
                return;
            };
            let original = baseline.hybrid.as_ref();
            grid(ui, "hybrid-grid", |ui| {
                row(
                    ui,
                    "Self-hosted share",
                    "Share of tokens served by the deployment; the rest goes to the API",
                    &mut hybrid.local_share,
                    original.map(|o| &o.local_share),
                    |ui, v| ui.add(share_slider(v, 0.0)),
                );
                row(ui, "Deployment", "Which deployment serves the self-hosted share", &mut hybrid.deployment, original.map(|o| &o.deployment), |ui, v| {
                    name_picker(ui, "hybrid-deployment", v, &deployment_names)
                });
                row(ui, "API", "Which API serves the rest", &mut hybrid.api, original.map(|o| &o.api), |ui, v| {
                    name_picker(ui, "hybrid-api", v, &api_names)
                });
            });
        });
}

/// Picks one of `options` (reference and name) by name; stores the reference.
fn name_picker(
    ui: &mut Ui,
    id: &str,
    value: &mut OptionRef,
    options: &[(OptionRef, String)],
) -> egui::Response {
    let shown = options
        .iter()
        .find(|(reference, _)| reference == value)
        .map_or_else(|| value.to_string(), |(_, name)| name.clone());
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (reference, name) in options {
                ui.selectable_value(value, reference.clone(), name);
            }
        })
        .response
}

fn assumptions_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Assumptions").strong())
        .default_open(false)
        .show(ui, |ui| {
            grid(ui, "assumptions-grid", |ui| {
                row(
                    ui,
                    "Hours per month",
                    "730 is an average month (8760 / 12); some published tables use 720 (30 days)",
                    &mut scenario.hours_per_month,
                    Some(&baseline.hours_per_month),
                    |ui, v| ui.add(amount(v, 1.0, " h", 744.0).range(1.0..=744.0)),
                );
                row(
                    ui,
                    "Days per month",
                    "Turns requests per day into a monthly volume (30.42 average, 30 in some tables)",
                    &mut scenario.days_per_month,
                    Some(&baseline.days_per_month),
                    |ui, v| ui.add(amount(v, 0.01, " days", 31.0).range(1.0..=31.0)),
                );
            });
        });
}
