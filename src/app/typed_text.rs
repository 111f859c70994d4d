//! Text typed into a number field that is not a number is said, not silently dropped.
//!
//! egui's drag values and sliders keep their old value when the typed text does not
//! parse, and say nothing. The parsers here remember the last text they refused, with
//! why; when the field being edited loses focus on refused text, the form row shows the
//! reason under the field ("“12x” is not a number; the value stays $30,000") until the
//! field is next changed. Only the focused field is ever parsed, so the last refusal is
//! that field's.

use std::cell::RefCell;

use eframe::egui;

thread_local! {
    /// The text the last parse refused, and why; `None` after a parse that succeeded.
    static REFUSED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records that `text` was refused because of `reason`, and returns `None` for the
/// widget's parser.
pub(super) fn refuse(text: &str, reason: &str) -> Option<f64> {
    let message = format!("\u{201c}{}\u{201d} {reason}", text.trim());
    REFUSED.with(|refused| *refused.borrow_mut() = Some(message));
    None
}

/// Records that the last parse succeeded, and passes its value through.
pub(super) fn accept(value: f64) -> Option<f64> {
    REFUSED.with(|refused| *refused.borrow_mut() = None);
    Some(value)
}

/// The parse of `text` by `parse`, recorded: refused text is said with `reason`.
pub(super) fn checked(
    text: &str,
    parse: impl Fn(&str) -> Option<f64>,
    reason: &str,
) -> Option<f64> {
    match parse(text) {
        Some(value) if value.is_finite() => accept(value),
        _ => refuse(text, reason),
    }
}

/// After a field's widget: remembers the refusal when the field lost focus on refused
/// text, forgets it when the field changed, and returns what to say under the field.
pub(super) fn follow_up(ui: &egui::Ui, response: &egui::Response) -> Option<String> {
    let id = response.id.with("refused text");
    if response.changed() {
        ui.data_mut(|data| data.remove::<String>(id));
    }
    if response.lost_focus()
        && let Some(message) = REFUSED.with(|refused| refused.borrow_mut().take())
    {
        ui.data_mut(|data| data.insert_temp(id, message));
    }
    ui.data(|data| data.get_temp::<String>(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_remembered_until_a_parse_succeeds() {
        assert_eq!(checked("12x", |t| t.parse().ok(), "is not a number"), None);
        let message = REFUSED.with(|r| r.borrow().clone());
        assert_eq!(
            message.as_deref(),
            Some("\u{201c}12x\u{201d} is not a number")
        );
        assert_eq!(
            checked("12", |t| t.parse().ok(), "is not a number"),
            Some(12.0)
        );
        assert_eq!(REFUSED.with(|r| r.borrow().clone()), None);
    }
}
