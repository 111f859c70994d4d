//! Keeps absurd inputs from turning into NaN or infinity inside the engine.
//!
//! Validation tells the user what is wrong with a file; these guards make sure that
//! whatever still reaches the engine (a half-typed field, a slider at zero) yields
//! a defined number.

/// `value` if it is a finite non-negative number, otherwise 0.
pub(super) fn non_negative(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

/// `value` clamped into 0..=1, with NaN as 0.
pub(super) fn share(value: f64) -> f64 {
    non_negative(value).min(1.0)
}
