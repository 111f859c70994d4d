//! Where the tornado's parts go in a rectangle, shared by every renderer.

use super::text_box::{text_width, wrap_to};
use super::tornado::{MIN_ROW, TITLE_LINE};
use super::{Tick, Tornado};

/// Where each part of the tornado goes in a rectangle, in the drawing's units (points on
/// screen, pixels in the SVG), so every renderer lays it out alike: the title and the
/// colour key on top, one row per bar, the volume axis under the rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TornadoLayout {
    /// Left edge of the bars (right of the labels).
    pub bars_left: f64,
    /// Right edge of the bars (room for the last end's words).
    pub bars_right: f64,
    /// Top of the first row.
    pub rows_top: f64,
    /// Height of one row.
    pub row_height: f64,
    /// Top of the axis labels.
    pub axis_y: f64,
    /// How many bars are drawn: as many as fit at a readable height, largest swing first;
    /// the others are counted in words under the axis.
    pub shown: usize,
}

/// Space between a bar's end and its words, in the drawing's units.
pub const END_GAP: f64 = 4.0;

impl TornadoLayout {
    /// The layout of `tornado` in `[left, top, right, bottom]`, with the labels' column
    /// `columns.0` wide, the widest words at a bar's end `columns.1` wide, text `text`
    /// high and a title of `title_lines` lines. The bars start right of the labels and of
    /// room for an end's words, so a bar reaching left never prints its volume over an
    /// input's name.
    pub fn new(
        tornado: &Tornado,
        rect: [f64; 4],
        (label_width, end_width): (f64, f64),
        text: f64,
        title_lines: usize,
    ) -> TornadoLayout {
        let [left, top, right, bottom] = rect;
        // The title, the colour key, then the words of the line at the values.
        let rows_top = top + text * (TITLE_LINE * title_lines as f64 + 3.0);
        // Under the rows: the axis' labels and title, then the notes (the tornado's own, and
        // how many bars are left out), which must not run off the bottom either.
        let note_lines = |shown: usize| -> usize {
            [tornado.note.clone(), tornado.left_out(shown)]
                .iter()
                .flatten()
                // The estimate of text widths errs short; a margin keeps a wrapped note's
                // last line from being missed.
                .map(|note| wrap_to(note, (right - left) * 0.85, text).len())
                .sum()
        };
        let rows_for = |notes: usize| {
            let axis_space = if notes == 0 {
                text * 2.8
            } else {
                text * (3.2 + 1.4 * notes as f64)
            };
            let room = bottom - axis_space - rows_top;
            let fit = (room / (MIN_ROW * text)).floor().max(1.0) as usize;
            (tornado.bars.len().min(fit), room)
        };
        let (mut shown, mut room) = rows_for(note_lines(tornado.bars.len()));
        if shown < tornado.bars.len() {
            // Leaving bars out adds a note, which may leave out one more.
            (shown, room) = rows_for(note_lines(shown));
        }
        let rows = shown.max(1) as f64;
        let row_height = (room / rows).clamp(MIN_ROW * text, text * 4.0);
        let bars_left = left + label_width + text * 0.6 + end_width + END_GAP;
        TornadoLayout {
            bars_left,
            bars_right: (right - end_width - END_GAP * 2.0).max(bars_left + text),
            rows_top,
            row_height,
            axis_y: rows_top + row_height * rows + text * 0.4,
            shown,
        }
    }

    /// The height that shows every bar of `tornado` at its least row height, `width` wide
    /// with text `text` high and a title of `title_lines` lines: what a view that can
    /// scroll gives it, so no input is left out.
    pub fn height_for_every_bar(
        tornado: &Tornado,
        width: f64,
        text: f64,
        title_lines: usize,
    ) -> f64 {
        let notes: usize = tornado
            .note
            .iter()
            .map(|note| wrap_to(note, width * 0.85, text).len())
            .sum();
        let axis_space = if notes == 0 {
            text * 2.8
        } else {
            text * (3.2 + 1.4 * notes as f64)
        };
        // Half a line more than the rows need, so rounding never drops the last one.
        text * (TITLE_LINE * title_lines as f64 + 3.5)
            + tornado.bars.len() as f64 * MIN_ROW * text
            + axis_space
    }

    /// Horizontal position of a volume (log10 units).
    pub fn x(&self, tornado: &Tornado, at: f64) -> f64 {
        let (low, high) = tornado.x;
        self.bars_left + (at - low) / (high - low) * (self.bars_right - self.bars_left)
    }

    /// Top of row `index`.
    pub fn row_top(&self, index: usize) -> f64 {
        self.rows_top + self.row_height * index as f64
    }

    /// Top of the colour key's line.
    pub fn key_top(&self, text: f64) -> f64 {
        self.rows_top - text * 2.9
    }

    /// Height of a bar within its row.
    pub fn bar_thickness(&self) -> f64 {
        self.row_height * 0.55
    }

    /// The ticks whose labels are drawn at text `text` high: decades always, the others
    /// only where they keep clear of the labels beside them (estimated widths, as for all
    /// chart text), so close multiples never run together.
    pub fn labelled_ticks<'a>(&self, tornado: &'a Tornado, text: f64) -> Vec<&'a Tick> {
        let span = |tick: &Tick| {
            let width = text_width(tick.label.as_deref().unwrap_or(""), text) + text * 0.6;
            let x = self.x(tornado, tick.value);
            (x - width / 2.0, x + width / 2.0)
        };
        let labelled: Vec<&Tick> = tornado.ticks.iter().filter(|t| t.label.is_some()).collect();
        let mut kept: Vec<&Tick> = labelled.iter().copied().filter(|t| t.major).collect();
        for tick in labelled.iter().filter(|t| !t.major) {
            let (left, right) = span(tick);
            let clear = kept.iter().all(|other| {
                let (other_left, other_right) = span(other);
                right <= other_left || left >= other_right
            });
            if clear {
                kept.push(tick);
            }
        }
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::evaluate;
    use crate::scenario::presets;

    #[test]
    fn the_notes_under_a_short_tornado_stay_inside_it() {
        let report = evaluate(&presets::load("70b-full-stack-2xa100").expect("preset"));
        let tornado = Tornado::new(&report).expect("ranges");
        let text = 14.0;
        for bottom in [140.0, 180.0, 220.0, 260.0, 400.0] {
            let rect = [0.0, 0.0, 480.0, bottom];
            let layout = TornadoLayout::new(&tornado, rect, (120.0, 40.0), text, 2);
            let notes: usize = [tornado.note.clone(), tornado.left_out(layout.shown)]
                .iter()
                .flatten()
                .map(|note| wrap_to(note, 480.0, text).len())
                .sum();
            // The renderers draw the first note 3 lines under the axis, then 1.4 apart.
            let last_bottom = if notes == 0 {
                layout.axis_y + text * 2.3
            } else {
                layout.axis_y + text * (3.0 + 1.4 * (notes - 1) as f64 + 1.2)
            };
            assert!(
                layout.shown == 1 || last_bottom <= bottom + 1e-9,
                "{bottom}: {} bars, notes end at {last_bottom}",
                layout.shown
            );
        }
    }
}
