//! Strategies and helpers the property tests share. (Each test file uses some of them.)
#![allow(dead_code)]

use std::ops::Range;

use llm_cost_engine::engine::Report;
use llm_cost_engine::scenario::{Compute, HourlyBilling};
use proptest::prelude::*;

/// Any way of paying for a node: bought (price, write-off months; resale a tenth of the
/// price), rented by the hour (always on or per busy hour) or by the month.
pub(crate) fn compute_strategy(
    price: Range<f64>,
    months: Range<f64>,
    hourly: Range<f64>,
    monthly: Range<f64>,
) -> impl Strategy<Value = Compute> {
    prop_oneof![
        (price, months).prop_map(|(price_usd, amortization_months)| Compute::Bought {
            price_usd,
            amortization_months,
            resale_usd: price_usd * 0.1,
        }),
        (hourly, any::<bool>()).prop_map(|(usd_per_hour, busy)| Compute::RentedHourly {
            usd_per_hour,
            billing: if busy {
                HourlyBilling::BusyHours
            } else {
                HourlyBilling::AlwaysOn
            },
        }),
        monthly.prop_map(|usd_per_month| Compute::RentedMonthly { usd_per_month }),
    ]
}

/// Every volume a report names: its cheapest ranges' ends, its crossovers, its
/// alternations' ends and where it stops modelling. Each must be a volume the tool accepts.
pub(crate) fn named_volumes(report: &Report) -> Vec<f64> {
    report
        .cheaper_ranges
        .iter()
        .flat_map(|range| [Some(range.from_tokens_per_month), range.to_tokens_per_month])
        .chain(
            report
                .crossovers
                .iter()
                .map(|c| Some(c.volume_tokens_per_month)),
        )
        .chain(
            report
                .alternations
                .iter()
                .flat_map(|a| [Some(a.from_tokens_per_month), a.to_tokens_per_month]),
        )
        .flatten()
        .chain([report.modelled_up_to_tokens_per_month])
        .collect()
}
