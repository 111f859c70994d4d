//! Controls of the workload: volume as tokens or requests, input share, cache and batch.

use eframe::egui::{self, RichText, Slider, Ui};

use super::form::{amount, grid, ranged_row, row, share_slider, volume_slider};
use crate::scenario::ranges::{Ranges, WorkloadInput};
use crate::scenario::validate::limits;
use crate::scenario::{Scenario, Volume};
use crate::units::{format_percent, format_ratio, format_tokens, group_thousands};

/// Tokens in a request when a volume given in tokens is switched to requests per day.
const TYPICAL_TOKENS_PER_REQUEST: f64 = 800.0;

pub(super) fn workload_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Workload").strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut by_requests = matches!(scenario.workload.volume, Volume::Requests { .. });
            ui.horizontal(|ui| {
                ui.radio_value(&mut by_requests, false, "Tokens per month")
                    .on_hover_text("Give the volume as total tokens per month and an input share");
                ui.radio_value(&mut by_requests, true, "Requests per day")
                    .on_hover_text("Give the volume as requests per day of a typical size");
            });
            switch_volume_kind(scenario, by_requests);

            grid(ui, "workload-grid", |ui| {
                volume_row(ui, scenario, baseline);
                match &mut scenario.workload.volume {
                    Volume::Tokens { input_share, .. } => {
                        input_share_row(
                            ui,
                            input_share,
                            &baseline.workload.volume,
                            &mut scenario.workload.ranges,
                        );
                    }
                    Volume::Requests {
                        requests_per_day,
                        input_tokens_per_request,
                        output_tokens_per_request,
                    } => request_rows(
                        ui,
                        [
                            requests_per_day,
                            input_tokens_per_request,
                            output_tokens_per_request,
                        ],
                        (
                            &baseline.workload.volume,
                            !scenario.workload.classes.is_empty(),
                        ),
                    ),
                }
                cache_and_batch_rows(ui, scenario, baseline);
                super::cost_controls::traffic_shape_rows(
                    ui,
                    &mut scenario.workload,
                    &baseline.workload,
                );
                super::cost_controls::long_context_row(ui, scenario, &baseline.workload);
            });
            super::class_controls::classes_section(ui, &mut scenario.workload);
            super::bill_controls::workload_bill_section(
                ui,
                &mut scenario.workload,
                &baseline.workload,
            );
            super::tier_controls::workload_tier_section(
                ui,
                &mut scenario.workload,
                &baseline.workload,
            );
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

/// Converts between the two ways of giving volume, keeping tokens and input share exactly:
/// switching only changes how the volume is entered, never a cost or a crossover, so the
/// request size is split by the input share unrounded (the fields show it rounded).
pub(super) fn switch_volume_kind(scenario: &mut Scenario, by_requests: bool) {
    let tokens = scenario.tokens_per_month();
    let share = scenario.workload.input_share();
    match (&scenario.workload.volume, by_requests) {
        (Volume::Tokens { .. }, true) => {
            let per_request = TYPICAL_TOKENS_PER_REQUEST;
            scenario.workload.volume = Volume::Requests {
                requests_per_day: tokens / (per_request * scenario.days_per_month),
                input_tokens_per_request: per_request * share,
                output_tokens_per_request: per_request * (1.0 - share),
            };
        }
        (Volume::Requests { .. }, false) => {
            // A peak in requests per second has no meaning for tokens: it becomes the ratio
            // it gave, so the nodes (and every cost) stay as they were.
            let peak = scenario.workload.peak_to_average();
            scenario.workload.volume = Volume::Tokens {
                tokens_per_month: tokens,
                input_share: share,
            };
            if scenario.workload.peak_requests_per_second.take().is_some() {
                scenario.workload.peak_to_average = peak;
            }
        }
        _ => {}
    }
}

/// The volume slider; setting it keeps the way volume is given (tokens or requests).
fn volume_row(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    let mut volume = scenario.tokens_per_month();
    let before = volume;
    row(
        ui,
        "Monthly volume",
        "Input plus output tokens per month (log scale, 100k to 100B). \
         Type values like 55M or 1.5B.",
        &mut volume,
        Some(&baseline.tokens_per_month()),
        |ui, volume| ui.add(volume_slider(volume)),
    );
    if volume != before {
        let days = scenario.days_per_month;
        scenario
            .workload
            .set_tokens_per_month(volume.max(0.0), days);
    }
}

fn input_share_row(
    ui: &mut Ui,
    input_share: &mut f64,
    baseline: &Volume,
    ranges: &mut Ranges<WorkloadInput>,
) {
    let original = match baseline {
        Volume::Tokens { input_share, .. } => Some(*input_share),
        Volume::Requests { .. } => None,
    };
    ranged_row(
        ui,
        "Input share",
        "Input tokens / all tokens. 3 : 1 input to output is 75%. \
         Output tokens cost more on most APIs.",
        input_share,
        original.as_ref(),
        ranges,
        WorkloadInput::InputShare,
        WorkloadInput::InputShare.limits(),
        |ui, share| {
            let slider = Slider::new(share, 0.0..=1.0)
                .custom_formatter(|s, _| format!("{} ({})", format_ratio(s), format_percent(s)));
            ui.add(slider)
        },
    );
}

/// Requests per day, input and output tokens per request (the latter two shown, not
/// edited, when request classes set them).
fn request_rows(ui: &mut Ui, values: [&mut f64; 3], (baseline, sized_by_classes): (&Volume, bool)) {
    let original = match *baseline {
        Volume::Requests {
            requests_per_day,
            input_tokens_per_request,
            output_tokens_per_request,
        } => Some([
            requests_per_day,
            input_tokens_per_request,
            output_tokens_per_request,
        ]),
        Volume::Tokens { .. } => None,
    };
    let rows = [
        (
            "Requests per day",
            "Requests served per day",
            10.0,
            "",
            limits::REQUESTS_PER_DAY,
        ),
        (
            "Input tokens / request",
            "Prompt tokens in a typical request",
            5.0,
            " tok",
            limits::TOKENS_PER_REQUEST,
        ),
        (
            "Output tokens / request",
            "Completion tokens in a typical request",
            5.0,
            " tok",
            limits::TOKENS_PER_REQUEST,
        ),
    ];
    for (index, (value, (label, help, speed, suffix, max))) in
        values.into_iter().zip(rows).enumerate()
    {
        let original = original.as_ref().map(|o| &o[index]);
        let editable = index == 0 || !sized_by_classes;
        row(ui, label, help, value, original, |ui, v| {
            // Whole requests and tokens, with thousands separators: "82,183".
            ui.add_enabled(
                editable,
                amount(v, speed, suffix, max)
                    .custom_formatter(|value, _| group_thousands(value.round().max(0.0) as u64))
                    .custom_parser(move |text| {
                        let digits = text.trim().strip_suffix(suffix.trim()).unwrap_or(text);
                        super::typed_text::checked(
                            text,
                            |_| crate::units::parse_number(digits).ok(),
                            "is not a number",
                        )
                    }),
            )
        });
    }
}

fn cache_and_batch_rows(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    // A prompt prefix sets the cached share (see "Cache writes, reasoning, tool calls"):
    // shown, not edited.
    let derived = scenario
        .workload
        .prompt_prefix
        .is_some()
        .then(|| scenario.workload.cache_shares().0);
    ranged_row(
        ui,
        "Cached input",
        "Share of input tokens served from the API's prompt cache (billed at the cached \
         price). It lowers the API's cost, not self-hosting's.",
        &mut scenario.workload.cached_input_share,
        Some(&baseline.workload.cached_input_share),
        &mut scenario.workload.ranges,
        WorkloadInput::CachedInputShare,
        WorkloadInput::CachedInputShare.limits(),
        |ui, v| match derived {
            Some(mut cached) => ui.add_enabled(false, share_slider(&mut cached, 0.0)),
            None => ui.add(share_slider(v, 0.0)),
        },
    );
    ranged_row(
        ui,
        "Batch share",
        "Share of traffic sent through the batch API (slower turnaround, discounted).",
        &mut scenario.workload.batch_share,
        Some(&baseline.workload.batch_share),
        &mut scenario.workload.ranges,
        WorkloadInput::BatchShare,
        WorkloadInput::BatchShare.limits(),
        |ui, v| ui.add(share_slider(v, 0.0)),
    );
}
