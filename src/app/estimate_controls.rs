//! "Estimate from the hardware and model": whether the model fits the node (weights, KV
//! cache at a context and concurrency, overhead), the most requests that fit, and the
//! throughput to expect with its basis — a published figure where one exists, else the
//! bandwidth-bound estimate — with buttons to use either.

use eframe::egui::{self, RichText, Ui};

use super::form::{grid, row};
use crate::scenario::{Deployment, PhaseRates};
use crate::sizing::{self, Node, ThroughputEstimate, hardware_named, model_named};
use crate::units::{format_whole, group_thousands};

/// Context, concurrency and the time between tokens allowed that the estimate assumes,
/// kept per deployment while the app runs.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Assumed {
    context: u64,
    concurrency: u64,
    /// The longest time between a request's tokens to allow, ms.
    inter_token_ms: f64,
    /// The longest wait for the first token to allow (a prompt of the whole context),
    /// seconds; none: not a target.
    first_token_s: Option<f64>,
    /// The KV cache's precision: FP16 as runtimes keep it unless told otherwise.
    kv: sizing::KvPrecision,
}

impl Default for Assumed {
    fn default() -> Self {
        Self {
            context: 8_192,
            concurrency: 16,
            inter_token_ms: 50.0,
            first_token_s: None,
            kv: sizing::KvPrecision::Fp16,
        }
    }
}

/// The estimate section of one deployment, folded away until opened.
pub(super) fn estimate_section(ui: &mut Ui, deployment: &mut Deployment) {
    egui::CollapsingHeader::new("Estimate from the hardware and model")
        .id_salt("estimate")
        .default_open(false)
        .show(ui, |ui| estimate_contents(ui, deployment));
}

fn estimate_contents(ui: &mut Ui, deployment: &mut Deployment) {
    let Some(model) = model_named(&deployment.model.name) else {
        ui.label(
            RichText::new(
                "Pick a listed model for an estimate: its layers and KV heads set the KV cache.",
            )
            .weak(),
        );
        return;
    };
    let Some(node) = node_of(ui, deployment) else {
        return;
    };
    let assumed = assumed_inputs(ui);
    let precision = deployment.model.precision;
    let kv = assumed.kv;
    let fit = sizing::memory_fit(
        &node,
        model,
        precision,
        kv,
        assumed.context,
        assumed.concurrency,
    );
    let estimate = sizing::throughput_estimate(
        &node,
        model,
        precision,
        kv,
        assumed.context,
        assumed.concurrency,
    );
    let warning = ui.visuals().warn_fg_color;
    let memory = format!(
        "Memory: weights {:.1} GB + KV cache {:.1} GB + overhead {:.1} GB = {:.0} GB of the {:.0} \
         GB usable (of the node's {:.0} GiB)",
        fit.weights_gb,
        fit.kv_cache_gb,
        fit.overhead_gb,
        fit.needed_gb,
        fit.usable_gb,
        fit.available_gb
    );
    if fit.fits {
        ui.label(memory);
    } else {
        ui.colored_label(warning, format!("{memory}: does not fit"));
        if let Some(suggestion) = &fit.suggestion {
            ui.colored_label(
                warning,
                format!("Needs {:.0} GB: {suggestion}.", fit.needed_gb),
            );
        }
    }
    ui.label(format!(
        "Most requests of {} tokens that fit: {}",
        group_thousands(assumed.context),
        group_thousands(fit.max_concurrency)
    ));
    if estimate.concurrency == 0 {
        ui.colored_label(
            warning,
            "No throughput estimate: not one request fits beside the weights.",
        );
        return;
    }
    let (low, middle, high) = estimate.decode;
    ui.label(format!(
        "Estimate at {} requests: about {} output tok/s ({}–{}, {} bound, {}); prefill about {} \
         input tok/s",
        estimate.concurrency,
        format_whole(middle),
        format_whole(low),
        format_whole(high),
        estimate.bound,
        estimate.layout.describe(),
        format_whole(estimate.prefill)
    ))
    .on_hover_text(&estimate.basis);
    use_buttons(ui, deployment, &estimate);
    let plans = sizing::batching::plans(&node, model, precision, kv, assumed.context);
    latency_row(ui, deployment, (model, &plans), (&estimate, assumed));
    curve_table(ui, &sizing::batching::throughput_curve(&plans, model));
}

/// The throughput by batch size: requests on the node, output tok/s, the time between
/// tokens and the layout, folded away until opened.
fn curve_table(ui: &mut Ui, curve: &[sizing::batching::BatchPoint]) {
    egui::CollapsingHeader::new("By batch size")
        .id_salt("by-batch")
        .default_open(false)
        .show(ui, |ui| {
            egui::Grid::new("by-batch-grid")
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for heading in ["Requests", "Output tok/s", "Between tokens", "Layout"] {
                        ui.label(RichText::new(heading).strong());
                    }
                    ui.end_row();
                    for point in curve {
                        ui.label(group_thousands(point.batch));
                        ui.label(format_whole(point.tokens_per_second));
                        ui.label(format!("{:.0} ms", point.inter_token_ms));
                        ui.label(point.layout.describe());
                        ui.end_row();
                    }
                });
        });
}

/// The node to estimate on: a listed one's bandwidth and compute (saying which, when the
/// deployment's name only starts with it) with the deployment's memory, or the figures
/// typed for hardware the catalogue does not list.
fn node_of(ui: &mut Ui, deployment: &mut Deployment) -> Option<Node> {
    let hardware = &mut deployment.hardware;
    if let Some(spec) = hardware_named(&hardware.name) {
        if spec.name != hardware.name {
            ui.label(
                RichText::new(format!(
                    "Bandwidth and compute of the listed {} ({} GB/s); memory as set above",
                    spec.name,
                    group_thousands(spec.bandwidth_gb_s.round() as u64)
                ))
                .weak(),
            );
        }
        return sizing::target::node_of(hardware);
    }
    ui.label(
        RichText::new("This node is not listed: give its memory bandwidth and compute.").weak(),
    );
    grid(ui, "custom-node-grid", |ui| {
        for (label, help, value, suffix, typical) in [
            (
                "Bandwidth",
                "Memory bandwidth of the whole node, GB/s (the data sheet's figure)",
                &mut hardware.memory_bandwidth_gb_s,
                " GB/s",
                1_000.0,
            ),
            (
                "Compute",
                "Dense FP16 tensor compute of the whole node, TFLOPS",
                &mut hardware.fp16_tflops,
                " TFLOPS",
                100.0,
            ),
        ] {
            let mut given = value.is_some();
            row(ui, label, help, &mut given, None, |ui, given| {
                ui.horizontal(|ui| {
                    let toggle = ui.checkbox(given, "");
                    match (*given, value.as_mut()) {
                        (true, None) => *value = Some(typical),
                        (false, Some(_)) => *value = None,
                        _ => {}
                    }
                    if let Some(figure) = value.as_mut() {
                        ui.add(
                            egui::DragValue::new(figure)
                                .range(0.001..=1e7)
                                .suffix(suffix),
                        );
                    }
                    toggle
                })
                .inner
            });
        }
    });
    sizing::target::node_of(hardware)
}

/// The context and concurrency the estimate assumes, edited here and kept while the app
/// runs.
fn assumed_inputs(ui: &mut Ui) -> Assumed {
    let id = ui.scope_id().with("assumed");
    let mut assumed: Assumed = ui.data(|data| data.get_temp(id)).unwrap_or_default();
    grid(ui, "estimate-grid", |ui| {
        row(
            ui,
            "Context",
            "Tokens each request holds in the KV cache (prompt and output)",
            &mut assumed.context,
            None,
            |ui, v| {
                ui.add(
                    egui::DragValue::new(v)
                        .range(256..=1_000_000)
                        .speed(64)
                        .suffix(" tok"),
                )
            },
        );
        row(
            ui,
            "Concurrency",
            "Requests decoded together in one batch",
            &mut assumed.concurrency,
            None,
            |ui, v| ui.add(egui::DragValue::new(v).range(1..=4_096).suffix(" requests")),
        );
        row(
            ui,
            "Between tokens",
            "The longest time between a request's tokens to allow: the largest batch that \
             meets it, and its throughput, can be used",
            &mut assumed.inter_token_ms,
            None,
            |ui, v| {
                ui.add(
                    egui::DragValue::new(v)
                        .range(1.0..=10_000.0)
                        .speed(1.0)
                        .prefix("≤ ")
                        .suffix(" ms"),
                )
            },
        );
    });
    ui.horizontal(|ui| {
        ui.label("KV cache")
            .on_hover_text("FP8 halves the KV cache, where the runtime is told to keep it so");
        for kv in [sizing::KvPrecision::Fp16, sizing::KvPrecision::Fp8] {
            ui.radio_value(&mut assumed.kv, kv, kv.label());
        }
    });
    first_token_row(ui, &mut assumed.first_token_s);
    ui.data_mut(|data| data.insert_temp(id, assumed));
    assumed
}

/// "First token within [2 s]": a target for the wait a request's first token may take,
/// off until ticked.
fn first_token_row(ui: &mut Ui, first_token_s: &mut Option<f64>) {
    ui.horizontal(|ui| {
        let mut wanted = first_token_s.is_some();
        ui.checkbox(&mut wanted, "First token within")
            .on_hover_text(
                "A request arriving waits for the running step, then its prompt (the whole \
                 context) is read: the batch is capped so that the wait stays within this",
            );
        match (wanted, *first_token_s) {
            (true, None) => *first_token_s = Some(2.0),
            (false, Some(_)) => *first_token_s = None,
            _ => {}
        }
        if let Some(seconds) = first_token_s.as_mut() {
            ui.add(
                egui::DragValue::new(seconds)
                    .range(0.001..=100_000.0)
                    .speed(0.05)
                    .max_decimals(2)
                    .suffix(" s"),
            );
        }
    });
}

/// The largest batch within the time between tokens (and the first-token wait) allowed,
/// its throughput, and a button that sets the deployment's decode rate to it (the prefill
/// rate from the estimate).
fn latency_row(
    ui: &mut Ui,
    deployment: &mut Deployment,
    (model, plans): (&sizing::ModelSpec, &[sizing::batching::Plan]),
    (estimate, assumed): (&ThroughputEstimate, Assumed),
) {
    let target_ms = assumed.inter_token_ms;
    let first_token = assumed
        .first_token_s
        .map(|seconds| sizing::batching::FirstTokenTarget {
            prompt_tokens: assumed.context,
            seconds,
        });
    let targets = match first_token {
        Some(target) => format!(
            "Within {} ms between tokens and {} s to the first token",
            crate::units::format_short_number(target_ms),
            crate::units::format_short_number(target.seconds)
        ),
        None => format!(
            "Within {} ms between tokens",
            crate::units::format_short_number(target_ms)
        ),
    };
    let Some(point) = sizing::batching::within_targets(plans, model, target_ms, first_token) else {
        let alone = sizing::batching::alone_ms(plans, model).unwrap_or(f64::INFINITY);
        let prefill =
            sizing::batching::first_token_alone(plans, model, assumed.context).unwrap_or(0.0);
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{targets}: not even one request alone ({alone:.0} ms between tokens, the first \
                 token after {prefill:.2} s of prefill)"
            ),
        );
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(format!(
            "{targets}: up to {} requests ({}), about {} output tok/s",
            group_thousands(point.batch),
            point.layout.describe(),
            format_whole(point.tokens_per_second)
        ));
        let text = format!(
            "Use the estimate at {} ms",
            crate::units::format_short_number(target_ms)
        );
        if ui
            .button(text)
            .on_hover_text(
                "Set the decode rate to the throughput at the largest batch that keeps the time \
                 between tokens within the target, and the prefill rate from the estimate",
            )
            .clicked()
        {
            deployment.phases = Some(PhaseRates {
                prefill_tokens_per_second: estimate.prefill.round().max(1.0),
                decode_tokens_per_second: point.tokens_per_second.round().max(1.0),
            });
            deployment
                .ranges
                .remove(&crate::scenario::ranges::DeploymentInput::Throughput);
        }
    });
}

/// "Use published 1,518 tok/s" and "Use the estimate".
fn use_buttons(ui: &mut Ui, deployment: &mut Deployment, estimate: &ThroughputEstimate) {
    let middle = estimate.decode.1;
    ui.horizontal_wrapped(|ui| {
        if let Some(published) = estimate.published {
            let text = format!(
                "Use published {} tok/s",
                format_whole(published.tokens_per_second)
            );
            if ui
                .button(text)
                .on_hover_text(sizing::benchmarks::describe(&published))
                .clicked()
            {
                deployment.phases = None;
                deployment.throughput_tokens_per_second = published.tokens_per_second;
            }
        }
        if ui
            .button("Use the estimate")
            .on_hover_text(
                "Set separate prefill and decode rates from the estimate, so an input-heavy \
                 workload is costed by its busy time",
            )
            .clicked()
        {
            deployment.phases = Some(PhaseRates {
                prefill_tokens_per_second: estimate.prefill.round().max(1.0),
                decode_tokens_per_second: middle.round().max(1.0),
            });
            // A range of the one total rate means nothing beside two rates.
            deployment
                .ranges
                .remove(&crate::scenario::ranges::DeploymentInput::Throughput);
        }
    });
}
