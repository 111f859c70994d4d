//! "Request classes": a workload given in requests may be a mix of classes (chat,
//! retrieval, long documents…), each with its share of the requests and its size. Each is
//! priced per request by the engine; their mean is the request size the rest of the
//! controls show (and the file keeps, so it reads the same anywhere).

use eframe::egui::{self, RichText, Ui};

use super::form::tokens_field;
use crate::scenario::{RequestClass, ServiceTier, Volume, Workload};
use crate::units::{format_percent, group_thousands};

/// The classes of a workload in requests, folded away until opened (open when it has
/// some): a table to edit, add to and remove from.
pub(super) fn classes_section(ui: &mut Ui, workload: &mut Workload) {
    if !matches!(workload.volume, Volume::Requests { .. }) {
        return;
    }
    egui::CollapsingHeader::new("Request classes")
        .id_salt("request-classes")
        .default_open(!workload.classes.is_empty())
        .show(ui, |ui| classes_table(ui, workload));
    sync_request_size(workload);
}

/// Keeps the volume's request size at the classes' mean, so every view of the size (and
/// the saved file) says what the engine prices.
fn sync_request_size(workload: &mut Workload) {
    if workload.classes.is_empty() {
        return;
    }
    let Some((input, output)) = workload.request_size() else {
        return;
    };
    if let Volume::Requests {
        input_tokens_per_request,
        output_tokens_per_request,
        ..
    } = &mut workload.volume
    {
        *input_tokens_per_request = input;
        *output_tokens_per_request = output;
    }
}

fn classes_table(ui: &mut Ui, workload: &mut Workload) {
    if workload.classes.is_empty() {
        ui.label(
            RichText::new(
                "One average request prices every request alike. Split the traffic into \
                 classes (chat, retrieval, long documents…) to price each at its own size: a \
                 long-context tier then applies to the requests that pass it.",
            )
            .weak(),
        );
        if ui.button("Split into classes").clicked() {
            let (input, output) = workload.request_size().unwrap_or((1_000.0, 300.0));
            workload.classes.push(RequestClass {
                name: "requests".to_owned(),
                share: 1.0,
                input_tokens: input,
                output_tokens: output,
                ..RequestClass::default()
            });
        }
        return;
    }
    let total: f64 = workload
        .classes
        .iter()
        .map(|class| class.share.max(0.0))
        .sum();
    let mut removed = None;
    egui::Grid::new("classes-grid")
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            for heading in ["Class", "Share", "Input tok", "Output tok", "Tier", ""] {
                ui.label(RichText::new(heading).strong());
            }
            ui.end_row();
            for (index, class) in workload.classes.iter_mut().enumerate() {
                // Sized, not "desired": a grid cell offers only last frame's column width,
                // so a desired width alone never widens the column.
                let height = ui.spacing().interact_size.y;
                ui.add_sized(
                    egui::vec2(104.0, height),
                    egui::TextEdit::singleline(&mut class.name),
                );
                let share = if total > 0.0 {
                    class.share.max(0.0) / total
                } else {
                    0.0
                };
                ui.add(
                    egui::DragValue::new(&mut class.share)
                        .range(0.0..=1e6)
                        .speed(0.01)
                        .max_decimals(3),
                )
                .on_hover_text(format!(
                    "{} of the requests (shares are taken relative to their sum)",
                    format_percent(share)
                ));
                ui.add(tokens_field(&mut class.input_tokens));
                ui.add(tokens_field(&mut class.output_tokens));
                tier_choice(ui, index, &mut class.tier);
                if ui
                    .small_button("×")
                    .on_hover_text(format!("Remove the class {:?}", class.name))
                    .clicked()
                {
                    removed = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = removed {
        workload.classes.remove(index);
    }
    ui.horizontal(|ui| {
        if ui.button("Add a class").clicked() {
            let name = format!("class {}", workload.classes.len() + 1);
            workload.classes.push(RequestClass {
                name,
                share: 0.1,
                ..RequestClass::default()
            });
        }
        if let Some((input, output)) = workload.request_size() {
            ui.label(
                RichText::new(format!(
                    "mean request: {} in, {} out",
                    group_thousands(input.round() as u64),
                    group_thousands(output.round() as u64)
                ))
                .weak(),
            );
        }
    });
}

/// A class's service tier: "shares" (the workload's batch, flex and priority shares) or one
/// tier for all its requests.
fn tier_choice(ui: &mut Ui, index: usize, tier: &mut Option<ServiceTier>) {
    let shown = tier.map_or("shares", ServiceTier::label);
    egui::ComboBox::from_id_salt(("class-tier", index))
        .selected_text(shown)
        .width(64.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(tier, None, "shares")
                .on_hover_text("The workload's batch, flex and priority shares apply");
            for choice in ServiceTier::ALL {
                ui.selectable_value(tier, Some(choice), choice.label());
            }
        })
        .response
        .on_hover_text(
            "The service tier this class's requests are sent at (long documents through the \
             batch API, say); \"shares\": the workload's batch, flex and priority shares",
        );
}
