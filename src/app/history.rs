//! Undo and redo of scenario edits.
//!
//! Edits are grouped into gestures: everything that changes while a pointer button is
//! held (a slider drag) or while a text field has focus (typing a price) is one step.

use crate::scenario::Scenario;

/// Most steps kept; older ones are forgotten.
const MAX_STEPS: usize = 200;

/// The undo and redo stacks plus the gesture in progress.
#[derive(Clone, Debug, Default)]
pub(super) struct History {
    undo: Vec<Scenario>,
    redo: Vec<Scenario>,
    /// The scenario as it was when the current gesture began.
    gesture_start: Option<Scenario>,
}

impl History {
    /// Records that the scenario was `before` and is now `after` (call once per frame).
    /// `gesture_active` is true while the user is still dragging or typing.
    pub(super) fn observe(&mut self, before: &Scenario, after: &Scenario, gesture_active: bool) {
        if before != after && self.gesture_start.is_none() {
            self.gesture_start = Some(before.clone());
        }
        if !gesture_active {
            self.finish_gesture(after);
        }
    }

    /// Records a whole edit at once (a preset switch, a reset button).
    pub(super) fn record(&mut self, before: Scenario) {
        self.gesture_start = None;
        self.push(before);
    }

    fn push(&mut self, before: Scenario) {
        self.undo.push(before);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// Steps back: returns the scenario to show, given the one shown now.
    pub(super) fn undo(&mut self, current: &Scenario) -> Option<Scenario> {
        self.finish_gesture(current);
        let previous = self.undo.pop()?;
        self.redo.push(current.clone());
        Some(previous)
    }

    /// Steps forward again.
    pub(super) fn redo(&mut self, current: &Scenario) -> Option<Scenario> {
        self.finish_gesture(current);
        let next = self.redo.pop()?;
        self.undo.push(current.clone());
        Some(next)
    }

    fn finish_gesture(&mut self, current: &Scenario) {
        if let Some(start) = self.gesture_start.take()
            && &start != current
        {
            self.push(start);
        }
    }

    /// Whether there is anything to undo.
    pub(super) fn can_undo(&self) -> bool {
        !self.undo.is_empty() || self.gesture_start.is_some()
    }

    /// Whether there is anything to redo.
    pub(super) fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Forgets everything (a new document).
    pub(super) fn clear(&mut self) {
        *self = History::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_volume(tokens: f64) -> Scenario {
        Scenario::default().with_tokens_per_month(tokens)
    }

    #[test]
    fn a_drag_is_one_step() {
        let mut history = History::default();
        let (a, b, c) = (with_volume(1e6), with_volume(2e6), with_volume(3e6));
        history.observe(&a, &b, true);
        history.observe(&b, &c, true);
        history.observe(&c, &c, false);
        assert_eq!(history.undo(&c), Some(a.clone()));
        assert!(!history.can_undo());
        assert_eq!(history.redo(&a), Some(c));
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut history = History::default();
        let (a, b, c) = (with_volume(1e6), with_volume(2e6), with_volume(3e6));
        history.observe(&a, &b, false);
        assert_eq!(history.undo(&b), Some(a.clone()));
        history.observe(&a, &c, false);
        assert!(!history.can_redo());
    }

    #[test]
    fn undo_in_the_middle_of_a_gesture_returns_to_its_start() {
        let mut history = History::default();
        let (a, b) = (with_volume(1e6), with_volume(2e6));
        history.observe(&a, &b, true);
        assert_eq!(history.undo(&b), Some(a));
    }
}
