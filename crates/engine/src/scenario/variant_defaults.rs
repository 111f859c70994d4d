//! Defaults of fields inside enum variants, which `#[serde(default)]` on a struct cannot
//! reach: each is documented in the README's table of defaults.

pub(super) fn tokens_per_month() -> f64 {
    100e6
}
pub(super) fn input_share() -> f64 {
    0.75
}
pub(super) fn requests_per_day() -> f64 {
    10_000.0
}
pub(super) fn input_tokens_per_request() -> f64 {
    500.0
}
pub(super) fn output_tokens_per_request() -> f64 {
    300.0
}
pub(super) fn price_usd() -> f64 {
    15_000.0
}
pub(super) fn amortization_months() -> f64 {
    36.0
}
pub(super) fn usd_per_hour() -> f64 {
    1.30
}
pub(super) fn usd_per_month() -> f64 {
    500.0
}
pub(super) fn usd_per_kwh() -> f64 {
    0.12
}
pub(super) fn pue() -> f64 {
    1.0
}
pub(super) fn usd_per_month_per_node() -> f64 {
    10.0
}
