//! Controls of the API price lists and of hybrid routing between a deployment and an API.

use eframe::egui::{self, RichText, Ui};

use super::controls::ControlRequest;
use super::form::{grid, price, ranged_row, row, share_slider};
use crate::prices::history::PriceChange;
use crate::scenario::catalog::{API_PRICES, PRICES_AS_OF};
use crate::scenario::ranges::ApiInput;
use crate::scenario::validate::limits;
use crate::scenario::{ApiOption, Hybrid, OptionId, OptionRef, Scenario};

/// Draws the API options; returns what the user asked of the catalogue for an API (pick
/// its prices, or take the newer ones), if anything.
pub(super) fn api_group(
    ui: &mut Ui,
    scenario: &mut Scenario,
    baseline: &Scenario,
    price_changes: &[(OptionId, PriceChange)],
) -> Option<ControlRequest> {
    let mut pick = None;
    egui::CollapsingHeader::new(RichText::new("API options").strong())
        .default_open(true)
        .show(ui, |ui| {
            let mut remove = None;
            for (index, api) in scenario.apis.iter_mut().enumerate() {
                // The loaded file's version of this same API, whatever its position now.
                let original = baseline.apis.iter().find(|o| o.id == api.id);
                let change = price_changes
                    .iter()
                    .find(|(id, _)| *id == api.id)
                    .map(|(_, change)| change);
                ui.push_id(("api", api.id), |ui| {
                    egui::CollapsingHeader::new(&api.name)
                        .id_salt("api-header")
                        .default_open(index == 0 || change.is_some())
                        .show(ui, |ui| match api_fields(ui, api, original, change) {
                            Some(ApiRequest::Remove) => remove = Some(index),
                            Some(ApiRequest::PickPrices) => {
                                pick = Some(ControlRequest::PickPrices(api.id));
                            }
                            Some(ApiRequest::UseNewPrices) => {
                                pick = Some(ControlRequest::UseNewPrices(api.id));
                            }
                            None => {}
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
    pick
}

/// What an API's buttons asked for.
enum ApiRequest {
    Remove,
    PickPrices,
    UseNewPrices,
}

/// The fields of one API; returns what its buttons asked for.
fn api_fields(
    ui: &mut Ui,
    api: &mut ApiOption,
    original: Option<&ApiOption>,
    change: Option<&PriceChange>,
) -> Option<ApiRequest> {
    let mut request = None;
    if let Some(change) = change {
        ui.label(RichText::new(&change.says).color(ui.visuals().warn_fg_color));
        if ui
            .button("Use the new prices")
            .on_hover_text("Set this API's prices to the catalogue's current entry (undoable)")
            .clicked()
        {
            request = Some(ApiRequest::UseNewPrices);
        }
    }
    if ui
        .button("Prices from the catalogue…")
        .on_hover_text(
            "Search the built-in list, LiteLLM's catalogue (import it there) and your own \
             prices, and set this API's from one",
        )
        .clicked()
    {
        request = Some(ApiRequest::PickPrices);
    }
    grid(ui, "api-grid", |ui| {
        row(
            ui,
            "Name",
            "Shown in the legend and the verdict",
            &mut api.name,
            original.map(|o| &o.name),
            |ui, v| ui.text_edit_singleline(v),
        );
        ranged_row(
            ui,
            "Input price",
            "$ per 1M input (prompt) tokens",
            &mut api.usd_per_million_input,
            original.map(|o| &o.usd_per_million_input),
            &mut api.ranges,
            ApiInput::InputPrice,
            ApiInput::InputPrice.limits(),
            |ui, v| ui.add(price(v, 0.01, limits::USD_PER_MILLION_TOKENS).suffix(" /1M")),
        );
        ranged_row(
            ui,
            "Output price",
            "$ per 1M output (completion) tokens",
            &mut api.usd_per_million_output,
            original.map(|o| &o.usd_per_million_output),
            &mut api.ranges,
            ApiInput::OutputPrice,
            ApiInput::OutputPrice.limits(),
            |ui, v| ui.add(price(v, 0.01, limits::USD_PER_MILLION_TOKENS).suffix(" /1M")),
        );
        super::bill_controls::optional_price_row(
            ui,
            (
                "Cached input price",
                "$ per 1M input tokens served from the prompt cache; off means the cache \
                 gives no discount",
            ),
            &mut api.usd_per_million_cached_input,
            original.map(|o| &o.usd_per_million_cached_input),
            api.usd_per_million_input / 10.0,
        );
        ranged_row(
            ui,
            "Batch discount",
            "Discount on traffic sent through the batch API; 50% is typical (24-hour turnaround)",
            &mut api.batch_discount,
            original.map(|o| &o.batch_discount),
            &mut api.ranges,
            ApiInput::BatchDiscount,
            ApiInput::BatchDiscount.limits(),
            |ui, v| ui.add(share_slider(v, 0.0)),
        );
    });
    long_context_line(ui, api);
    super::bill_controls::api_bill_section(ui, api, original);
    super::tier_controls::api_tier_section(ui, api, original);
    super::cost_controls::api_other_costs(ui, api, original);
    if ui
        .button("Remove this API")
        .on_hover_text("Take this API out of the comparison")
        .clicked()
    {
        request = Some(ApiRequest::Remove);
    }
    request
}

/// The API's long-context tier, when it has one, with a button to drop it.
fn long_context_line(ui: &mut Ui, api: &mut ApiOption) {
    let Some(tier) = &api.long_context else {
        return;
    };
    let text = format!(
        "{} {} prompt tokens a request costs {} in / {} out per 1M (the workload's \
         long-context share says how many do)",
        if tier.includes_threshold {
            "From"
        } else {
            "Above"
        },
        crate::units::group_thousands(tier.above_input_tokens),
        crate::units::format_price(tier.usd_per_million_input),
        crate::units::format_price(tier.usd_per_million_output)
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(text).small().weak());
        if ui
            .small_button("Drop")
            .on_hover_text("Price every request at the base price")
            .clicked()
        {
            api.long_context = None;
        }
    });
}

pub(super) fn hybrid_group(ui: &mut Ui, scenario: &mut Scenario, baseline: &Scenario) {
    egui::CollapsingHeader::new(RichText::new("Hybrid routing").strong())
        .default_open(scenario.hybrid.is_some())
        .show(ui, |ui| {
            hybrid_switch(ui, scenario);
            let deployments: Vec<(OptionRef, String)> = scenario
                .deployments
                .iter()
                .map(|d| (OptionRef::Id(d.id), d.name.clone()))
                .collect();
            let apis: Vec<(OptionRef, String)> = scenario
                .apis
                .iter()
                .map(|a| (OptionRef::Id(a.id), a.name.clone()))
                .collect();
            if let Some(hybrid) = scenario.hybrid.as_mut() {
                hybrid_fields(ui, hybrid, baseline.hybrid.as_ref(), &deployments, &apis);
            }
        });
}

/// The check box that turns hybrid routing on (first deployment and first API) or off.
fn hybrid_switch(ui: &mut Ui, scenario: &mut Scenario) {
    let mut enabled = scenario.hybrid.is_some();
    let can_enable = !scenario.apis.is_empty() && !scenario.deployments.is_empty();
    ui.add_enabled(
        can_enable,
        egui::Checkbox::new(&mut enabled, "Route a share of traffic to the deployment"),
    )
    .on_hover_text(
        "Self-host part of the traffic and send the rest to an API; drawn as a dashed curve",
    );
    if enabled && scenario.hybrid.is_none() && can_enable {
        scenario.hybrid = Some(Hybrid {
            local_share: 0.5,
            deployment: OptionRef::Id(scenario.deployments[0].id),
            api: OptionRef::Id(scenario.apis[0].id),
        });
    } else if !enabled {
        scenario.hybrid = None;
    }
}

fn hybrid_fields(
    ui: &mut Ui,
    hybrid: &mut Hybrid,
    original: Option<&Hybrid>,
    deployments: &[(OptionRef, String)],
    apis: &[(OptionRef, String)],
) {
    grid(ui, "hybrid-grid", |ui| {
        row(
            ui,
            "Self-hosted share",
            "Share of tokens served by the deployment; the rest goes to the API",
            &mut hybrid.local_share,
            original.map(|o| &o.local_share),
            |ui, v| ui.add(share_slider(v, 0.0)),
        );
        row(
            ui,
            "Deployment",
            "Which deployment serves the self-hosted share",
            &mut hybrid.deployment,
            original.map(|o| &o.deployment),
            |ui, v| name_picker(ui, "hybrid-deployment", v, deployments),
        );
        row(
            ui,
            "API",
            "Which API serves the rest",
            &mut hybrid.api,
            original.map(|o| &o.api),
            |ui, v| name_picker(ui, "hybrid-api", v, apis),
        );
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
