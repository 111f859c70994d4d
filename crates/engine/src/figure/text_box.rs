//! Text on a plot, measured without fonts: the frame text is placed in, a piece of
//! text's box, whether a segment crosses it, and how wide text of a height is estimated.

use super::CHARACTER_WIDTH;

/// The plot area text is placed in, and the height of its text, in one unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width of the plot area.
    pub width: f64,
    /// Height of the plot area.
    pub height: f64,
    /// Height of a line of chart text.
    pub text_height: f64,
}

/// A piece of text's rectangle inside the plot area: origin at the top-left corner, y down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl TextBox {
    /// Whether two boxes share any area.
    pub fn overlaps(&self, other: &TextBox) -> bool {
        self.left < other.left + other.width
            && other.left < self.left + self.width
            && self.top < other.top + other.height
            && other.top < self.top + self.height
    }

    /// Whether the box lies wholly inside the frame.
    pub fn inside(&self, frame: &Frame) -> bool {
        self.left >= 0.0
            && self.top >= 0.0
            && self.left + self.width <= frame.width
            && self.top + self.height <= frame.height
    }

    /// Whether the segment from `a` to `b` passes through the box.
    pub(super) fn crossed_by(&self, a: [f64; 2], b: [f64; 2]) -> bool {
        let (right, bottom) = (self.left + self.width, self.top + self.height);
        let outside = a[0].max(b[0]) < self.left
            || a[0].min(b[0]) > right
            || a[1].max(b[1]) < self.top
            || a[1].min(b[1]) > bottom;
        !outside && clip_segment(a, b, self).is_some()
    }
}

/// The part of the segment from `a` to `b` inside `rect`, if any (Liang–Barsky: the
/// segment's parameter range clipped against each edge). Text placement asks whether a
/// curve crosses a label; the SVG writer cuts curves at the plot's edge with it.
pub fn clip_segment(a: [f64; 2], b: [f64; 2], rect: &TextBox) -> Option<([f64; 2], [f64; 2])> {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a[0] - rect.left),
        (dx, rect.left + rect.width - a[0]),
        (-dy, a[1] - rect.top),
        (dy, rect.top + rect.height - a[1]),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                low = low.max(t);
            } else {
                high = high.min(t);
            }
        }
    }
    if low > high {
        return None;
    }
    let at = |t: f64| [a[0] + t * dx, a[1] + t * dy];
    Some((
        if low > 0.0 { at(low) } else { a },
        if high < 1.0 { at(high) } else { b },
    ))
}

/// Distance between the tops of two lines of a label, in text heights.
pub const LINE_GAP: f64 = 1.25;

/// `text` as lines no wider than `width`: whole when it fits, else broken after "; " and
/// then at spaces, so a long label takes two lines rather than leaving the plot.
pub fn wrap_to(text: &str, width: f64, height: f64) -> Vec<String> {
    if text_width(text, height) <= width {
        return vec![text.to_owned()];
    }
    let mut lines = Vec::new();
    for clause in text.split_inclusive("; ") {
        let mut line = String::new();
        for word in clause.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && text_width(&candidate, height) > width {
                lines.push(std::mem::take(&mut line));
                line = word.to_owned();
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines
}

/// Estimated width of `text` at `height`: generous, so text said to fit always does.
pub fn text_width(text: &str, height: f64) -> f64 {
    text.chars().count() as f64 * height * CHARACTER_WIDTH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        let a = TextBox {
            left: 0.0,
            top: 0.0,
            width: 10.0,
            height: 10.0,
        };
        let b = TextBox { left: 5.0, ..a };
        let c = TextBox { left: 10.0, ..a };
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
    }

    #[test]
    fn a_segment_through_a_box_is_seen_and_one_beside_it_is_not() {
        let text = TextBox {
            left: 10.0,
            top: 10.0,
            width: 10.0,
            height: 10.0,
        };
        assert!(text.crossed_by([0.0, 0.0], [30.0, 30.0]));
        assert!(!text.crossed_by([0.0, 30.0], [5.0, 0.0]));
        assert!(!text.crossed_by([0.0, 0.0], [30.0, 5.0]));
        assert!(text.crossed_by([15.0, 15.0], [15.0, 15.0]));
    }
}
