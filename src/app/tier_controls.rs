//! Service tiers and regions as controls: on the workload the shares of traffic sent at
//! flex and at priority, and the share of flex refused for capacity; on an API its flex
//! and priority prices, how its batch tier bills cache reads, whether refused flex
//! requests are billed, and an in-region endpoint's uplift.

use eframe::egui::{self, Response, Ui};

use super::form::{grid, parse_percent, price, row, share_slider};
use crate::scenario::validate::limits;
use crate::scenario::{ApiOption, TierPrices, Workload};
use crate::units::format_percent;

/// "Flex, priority" under the workload, folded away until opened (open from the start
/// when the workload sends any traffic at either).
pub(super) fn workload_tier_section(ui: &mut Ui, workload: &mut Workload, baseline: &Workload) {
    let tiered = workload.flex_share > 0.0 || workload.priority_share > 0.0;
    egui::CollapsingHeader::new("Flex and priority tiers")
        .id_salt("workload-tiers")
        .default_open(tiered)
        .show(ui, |ui| {
            grid(ui, "workload-tiers-grid", |ui| {
                for (label, help, value, original) in [
                    (
                        "Flex share",
                        "Share of traffic sent at the flex tier: cheaper (often half price) \
                         and slower, refused when the provider is short of capacity",
                        &mut workload.flex_share,
                        &baseline.flex_share,
                    ),
                    (
                        "Flex refused",
                        "Share of flex requests refused for capacity and sent again at the \
                         standard tier (a refusal is free unless the API bills it)",
                        &mut workload.flex_failure_share,
                        &baseline.flex_failure_share,
                    ),
                    (
                        "Priority share",
                        "Share of traffic sent at the priority tier: faster, at a premium \
                         (OpenAI lists twice the standard price)",
                        &mut workload.priority_share,
                        &baseline.priority_share,
                    ),
                ] {
                    row(ui, label, help, value, Some(original), |ui, v| {
                        ui.add(share_slider(v, 0.0))
                    });
                }
            });
        });
}

/// "Flex, priority, region" under an API: folded away until opened, open from the start
/// when the API lists either tier or is bought in-region.
pub(super) fn api_tier_section(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) {
    let set = api.flex.is_some()
        || api.priority.is_some()
        || api.in_region_uplift.is_some()
        || api.batch_cache_reads_at_standard;
    egui::CollapsingHeader::new("Flex, priority, region")
        .id_salt("api-tiers")
        .default_open(set)
        .show(ui, |ui| {
            grid(ui, "api-tiers-grid", |ui| api_tier_rows(ui, api, original));
        });
}

fn api_tier_rows(ui: &mut Ui, api: &mut ApiOption, original: Option<&ApiOption>) {
    let standard = TierPrices {
        usd_per_million_input: api.usd_per_million_input,
        usd_per_million_cached_input: api.usd_per_million_cached_input,
        usd_per_million_output: api.usd_per_million_output,
    };
    for (label, help, tier, original, start) in [
        (
            "Flex prices",
            "The flex tier's prices per 1M tokens; ticked, they start at half the standard \
             ones. Off: flex traffic pays standard",
            &mut api.flex,
            original.map(|o| &o.flex),
            0.5,
        ),
        (
            "Priority prices",
            "The priority tier's prices per 1M tokens; ticked, they start at twice the \
             standard ones. Off: priority traffic pays standard",
            &mut api.priority,
            original.map(|o| &o.priority),
            2.0,
        ),
    ] {
        row(ui, label, help, tier, original, |ui, tier| {
            tier_prices(ui, tier, &standard, start)
        });
    }
    row(
        ui,
        "Refused flex billed",
        "Whether flex requests refused for capacity are billed as well as their retry at \
         standard (most providers do not bill them)",
        &mut api.flex_failures_billed,
        original.map(|o| &o.flex_failures_billed),
        |ui, billed| ui.checkbox(billed, "billed"),
    );
    row(
        ui,
        "Batch cache reads",
        "Whether the batch discount applies to cache reads too, or they bill at the standard \
         cached price (the two discounts do not stack at some providers)",
        &mut api.batch_cache_reads_at_standard,
        original.map(|o| &o.batch_cache_reads_at_standard),
        |ui, at_standard| ui.checkbox(at_standard, "at the standard cached price"),
    );
    row(
        ui,
        "In-region endpoint",
        "Bought through an endpoint that keeps the data in your region, at an uplift on \
         every token price (about 10% is typical); such an API is kept when data must stay",
        &mut api.in_region_uplift,
        original.map(|o| &o.in_region_uplift),
        uplift_field,
    );
}

/// A tier's prices: a tick box, and when ticked the input, cached and output prices
/// (starting at `start` times the standard ones).
fn tier_prices(
    ui: &mut Ui,
    tier: &mut Option<TierPrices>,
    standard: &TierPrices,
    start: f64,
) -> Response {
    ui.vertical(|ui| {
        let mut listed = tier.is_some();
        let toggle = ui.checkbox(&mut listed, "listed");
        match (listed, tier.is_some()) {
            (true, false) => {
                *tier = Some(TierPrices {
                    usd_per_million_input: standard.usd_per_million_input * start,
                    usd_per_million_cached_input: standard
                        .usd_per_million_cached_input
                        .map(|cached| cached * start),
                    usd_per_million_output: standard.usd_per_million_output * start,
                });
            }
            (false, true) => *tier = None,
            _ => {}
        }
        if let Some(prices) = tier {
            let range = limits::USD_PER_MILLION_TOKENS;
            ui.horizontal(|ui| {
                ui.label("in");
                ui.add(price(&mut prices.usd_per_million_input, 0.01, range));
                ui.label("out");
                ui.add(price(&mut prices.usd_per_million_output, 0.01, range));
            });
            ui.horizontal(|ui| {
                let mut cached = prices.usd_per_million_cached_input.is_some();
                ui.checkbox(&mut cached, "cached")
                    .on_hover_text("Off: cache reads bill at the standard cached price");
                match (cached, prices.usd_per_million_cached_input) {
                    (true, None) => {
                        prices.usd_per_million_cached_input =
                            Some(prices.usd_per_million_input * 0.1);
                    }
                    (false, Some(_)) => prices.usd_per_million_cached_input = None,
                    _ => {}
                }
                if let Some(cached) = &mut prices.usd_per_million_cached_input {
                    ui.add(price(cached, 0.001, range));
                }
            });
        }
        toggle
    })
    .inner
}

/// The in-region uplift: a tick box, and when ticked the uplift as a percentage.
fn uplift_field(ui: &mut Ui, uplift: &mut Option<f64>) -> Response {
    ui.horizontal(|ui| {
        let mut in_region = uplift.is_some();
        let toggle = ui.checkbox(&mut in_region, "");
        match (in_region, *uplift) {
            (true, None) => *uplift = Some(0.1),
            (false, Some(_)) => *uplift = None,
            _ => {}
        }
        if let Some(share) = uplift {
            ui.add(
                egui::DragValue::new(share)
                    .range(limits::IN_REGION_UPLIFT.0..=limits::IN_REGION_UPLIFT.1)
                    .clamp_existing_to_range(false)
                    .speed(0.001)
                    .custom_formatter(|share, _| format!("+{}", format_percent(share)))
                    .custom_parser(|text| {
                        super::typed_text::checked(
                            text,
                            |text| parse_percent(text.trim().trim_start_matches('+')),
                            "is not a percentage",
                        )
                    }),
            );
        }
        toggle
    })
    .inner
}
