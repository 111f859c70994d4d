//! Controls of how a deployment's compute and power are paid for: buy or rent (by the hour
//! or the month), purchase and write-off, rent and billing, metered or flat electricity.

use eframe::egui::{self, Ui};

use super::form::{amount, money, price, ranged_row, row};
use crate::scenario::catalog::{HARDWARE, HardwareSpec};
use crate::scenario::ranges::{DeploymentInput, Ranges};
use crate::scenario::validate::limits;
use crate::scenario::{Compute, Deployment, Electricity, HourlyBilling};

/// Buy, rent by the hour or rent by the month; switching keeps the catalogue's prices.
fn payment_row(
    ui: &mut Ui,
    deployment: &mut Deployment,
    original: Option<&Deployment>,
    hours: f64,
) {
    let spec = spec_named(&deployment.hardware.name);
    let mut payment = payment_of(&deployment.compute);
    row(
        ui,
        "Paid by",
        "Buy: write the purchase off over months and pay electricity. \
         Rent: power is included; always-on rent is paid whether busy or not.",
        &mut deployment.compute,
        original.map(|o| &o.compute),
        |ui, compute| {
            let response = ui
                .horizontal(|ui| {
                    ui.radio_value(&mut payment, Payment::Buy, "Buy");
                    ui.radio_value(&mut payment, Payment::RentHourly, "Rent /h");
                    ui.radio_value(&mut payment, Payment::RentMonthly, "Rent /mo");
                })
                .response;
            if payment != payment_of(compute) {
                *compute = switch_payment(compute, payment, spec, hours);
            }
            response
        },
    );
}

/// How compute is paid for, as the radio buttons offer it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Payment {
    Buy,
    RentHourly,
    RentMonthly,
}

pub(super) fn payment_of(compute: &Compute) -> Payment {
    match compute {
        Compute::Bought { .. } => Payment::Buy,
        Compute::RentedHourly { .. } => Payment::RentHourly,
        Compute::RentedMonthly { .. } => Payment::RentMonthly,
    }
}

pub(super) fn spec_named(name: &str) -> Option<&'static HardwareSpec> {
    HARDWARE.iter().find(|spec| spec.name == name)
}

/// Compute paid the new way, priced from the catalog when the hardware is listed there.
pub(super) fn switch_payment(
    compute: &Compute,
    payment: Payment,
    spec: Option<&HardwareSpec>,
    hours: f64,
) -> Compute {
    let hourly = spec
        .and_then(|s| s.rent_usd_per_hour)
        .unwrap_or(match compute {
            Compute::RentedMonthly { usd_per_month } => usd_per_month / hours.max(1.0),
            _ => 1.30,
        });
    match payment {
        Payment::Buy => Compute::Bought {
            price_usd: spec.and_then(|s| s.purchase_usd).unwrap_or(10_000.0),
            amortization_months: 36.0,
            resale_usd: 0.0,
        },
        Payment::RentHourly => Compute::RentedHourly {
            usd_per_hour: hourly,
            billing: HourlyBilling::AlwaysOn,
        },
        Payment::RentMonthly => Compute::RentedMonthly {
            usd_per_month: (hourly * hours).round(),
        },
    }
}

pub(super) fn compute_rows(
    ui: &mut Ui,
    deployment: &mut Deployment,
    original: Option<&Deployment>,
    hours: f64,
) {
    payment_row(ui, deployment, original, hours);
    let original_compute = original.map(|o| &o.compute);
    match &mut deployment.compute {
        Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd,
        } => {
            let (p, a, r) = match original_compute {
                Some(Compute::Bought {
                    price_usd,
                    amortization_months,
                    resale_usd,
                }) => (Some(price_usd), Some(amortization_months), Some(resale_usd)),
                _ => (None, None, None),
            };
            ranged_row(
                ui,
                "Purchase price",
                "What one node costs to buy, $",
                price_usd,
                p,
                &mut deployment.ranges,
                DeploymentInput::PurchasePrice,
                DeploymentInput::PurchasePrice.limits(),
                |ui, v| ui.add(money(v, 10.0, limits::PRICE_USD)),
            );
            ranged_row(
                ui,
                "Amortization",
                "Months over which the purchase is written off (its useful life)",
                amortization_months,
                a,
                &mut deployment.ranges,
                DeploymentInput::AmortizationMonths,
                DeploymentInput::AmortizationMonths.limits(),
                |ui, v| ui.add(amount(v, 1.0, " months", limits::AMORTIZATION_MONTHS)),
            );
            ranged_row(
                ui,
                "Resale value",
                "What the node sells for at the end, $ (lowers the monthly write-off)",
                resale_usd,
                r,
                &mut deployment.ranges,
                DeploymentInput::Resale,
                DeploymentInput::Resale.limits(),
                |ui, v| ui.add(money(v, 10.0, limits::PRICE_USD)),
            );
            row(
                ui,
                "Nodes owned",
                "Nodes of this kind already bought (spares first): the marginal lens writes \
                 nothing off for them and prices every node beyond them in full",
                &mut deployment.owned_nodes,
                original.map(|o| &o.owned_nodes),
                |ui, v| {
                    ui.add(
                        egui::DragValue::new(v)
                            .range(0..=limits::NODE_LIMIT.1)
                            .clamp_existing_to_range(false)
                            .suffix(" owned"),
                    )
                },
            );
            electricity_rows(
                ui,
                &mut deployment.electricity,
                original.map(|o| &o.electricity),
                &mut deployment.ranges,
            );
        }
        Compute::RentedHourly {
            usd_per_hour,
            billing,
        } => hourly_rows(
            ui,
            (usd_per_hour, billing),
            original_compute,
            &mut deployment.ranges,
        ),
        Compute::RentedMonthly { usd_per_month } => {
            let rate = match original_compute {
                Some(Compute::RentedMonthly { usd_per_month }) => Some(usd_per_month),
                _ => None,
            };
            ranged_row(
                ui,
                "Rent",
                "$ per node per month (a dedicated server)",
                usd_per_month,
                rate,
                &mut deployment.ranges,
                DeploymentInput::MonthlyRent,
                DeploymentInput::MonthlyRent.limits(),
                |ui, v| ui.add(money(v, 5.0, limits::USD_PER_NODE_MONTH).suffix(" /mo")),
            );
        }
    }
}

/// Hourly rent and how it is billed.
fn hourly_rows(
    ui: &mut Ui,
    (usd_per_hour, billing): (&mut f64, &mut HourlyBilling),
    original_compute: Option<&Compute>,
    ranges: &mut Ranges<DeploymentInput>,
) {
    let (rate, bill) = match original_compute {
        Some(Compute::RentedHourly {
            usd_per_hour,
            billing,
        }) => (Some(usd_per_hour), Some(billing)),
        _ => (None, None),
    };
    ranged_row(
        ui,
        "Rent",
        "$ per node-hour",
        usd_per_hour,
        rate,
        ranges,
        DeploymentInput::HourlyRent,
        DeploymentInput::HourlyRent.limits(),
        |ui, v| ui.add(price(v, 0.01, limits::USD_PER_HOUR).suffix(" /h")),
    );
    row(
        ui,
        "Billing",
        "Always on: every hour of the month is paid (a reservation). Active hours: nodes run and are paid during the workload's active hours. Busy hours: only hours spent serving are paid (serverless).",
        billing,
        bill,
        |ui, v| {
            // A list rather than three radio buttons: the panel keeps its width.
            let label = |billing: HourlyBilling| match billing {
                HourlyBilling::AlwaysOn => "Always on",
                HourlyBilling::ActiveHours => "Active hours",
                HourlyBilling::BusyHours => "Busy hours",
            };
            egui::ComboBox::from_id_salt("hourly-billing")
                .selected_text(label(*v))
                .show_ui(ui, |ui| {
                    for billing in HourlyBilling::ALL {
                        ui.selectable_value(v, billing, label(billing));
                    }
                })
                .response
        },
    );
}

fn electricity_rows(
    ui: &mut Ui,
    electricity: &mut Electricity,
    original: Option<&Electricity>,
    ranges: &mut Ranges<DeploymentInput>,
) {
    let mut metered = matches!(electricity, Electricity::Metered { .. });
    row(
        ui,
        "Electricity",
        "Metered: from idle and load power, busy share, tariff and PUE. Flat: a fixed $ per node per month.",
        electricity,
        original,
        |ui, electricity| {
            let response = ui
                .horizontal(|ui| {
                    ui.radio_value(&mut metered, true, "Metered");
                    ui.radio_value(&mut metered, false, "Flat");
                })
                .response;
            match (metered, &electricity) {
                (true, Electricity::Flat { .. }) => *electricity = Electricity::default(),
                (false, Electricity::Metered { .. }) => {
                    *electricity = Electricity::Flat {
                        usd_per_month_per_node: 10.0,
                    }
                }
                _ => {}
            }
            response
        },
    );
    match electricity {
        Electricity::Metered { usd_per_kwh, pue } => {
            let (k, p) = match original {
                Some(Electricity::Metered { usd_per_kwh, pue }) => (Some(usd_per_kwh), Some(pue)),
                _ => (None, None),
            };
            ranged_row(
                ui,
                "Tariff",
                "$ per kWh; $0.12 is the US average",
                usd_per_kwh,
                k,
                ranges,
                DeploymentInput::Tariff,
                DeploymentInput::Tariff.limits(),
                |ui, v| {
                    ui.add(
                        money(v, 0.005, limits::USD_PER_KWH)
                            .suffix(" /kWh")
                            .max_decimals(3),
                    )
                },
            );
            ranged_row(
                ui,
                "PUE",
                "Power usage effectiveness: cooling overhead (1.0 at home, 1.2-1.6 in a data centre)",
                pue,
                p,
                ranges,
                DeploymentInput::Pue,
                DeploymentInput::Pue.limits(),
                |ui, v| ui.add(amount(v, 0.01, "", limits::PUE)),
            );
        }
        Electricity::Flat {
            usd_per_month_per_node,
        } => {
            let flat = match original {
                Some(Electricity::Flat {
                    usd_per_month_per_node,
                }) => Some(usd_per_month_per_node),
                _ => None,
            };
            ranged_row(
                ui,
                "Power cost",
                "$ per node per month, flat",
                usd_per_month_per_node,
                flat,
                ranges,
                DeploymentInput::FlatElectricity,
                DeploymentInput::FlatElectricity.limits(),
                |ui, v| ui.add(money(v, 0.5, limits::USD_PER_NODE_MONTH).suffix(" /mo")),
            );
        }
    }
}
