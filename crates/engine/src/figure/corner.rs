//! The legend's place: which corner of the plot it sits in, and its estimated size.

use super::CHARACTER_WIDTH;

/// Which corner of the plot the legend sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Corner {
    /// Bottom right: usually empty, since every cost rises with volume.
    #[default]
    BottomRight,
    /// Top left.
    TopLeft,
    /// Bottom left.
    BottomLeft,
    /// Top right.
    TopRight,
}

impl Corner {
    /// The legend's top-left corner for a legend of `size` in a plot of `frame`, `margin`
    /// in from the edges.
    pub fn place(self, frame: [f64; 2], size: [f64; 2], margin: f64) -> [f64; 2] {
        let right = frame[0] - size[0] - margin;
        let bottom = frame[1] - size[1] - margin;
        match self {
            Corner::BottomRight => [right, bottom],
            Corner::TopLeft => [margin, margin],
            Corner::BottomLeft => [margin, bottom],
            Corner::TopRight => [right, margin],
        }
    }
}

/// Below this height (points) of the room a cost chart has, its legend goes in a strip
/// under the plot: inside, it would cover most of a small plot and the words placed in it.
/// The screen, the PNG and the SVG all follow it.
pub const LEGEND_INSIDE_MIN_HEIGHT: f64 = 360.0;

/// The same for the timeline, lower: its curves rise from the lower left, leaving a corner
/// free, and an exported slide (about 330 points of plot) keeps its legend inside.
pub const TIMELINE_LEGEND_INSIDE_MIN_HEIGHT: f64 = 240.0;

/// The height of a legend strip under a plot `width` points wide for entries named
/// `names`, with text `size` points high: rows of swatches and names, at least two.
pub fn legend_strip_height<'a>(size: f64, width: f64, names: impl Iterator<Item = &'a str>) -> f64 {
    let total: f64 = names
        .map(|name| name.chars().count() as f64 * size * 0.55 + size * 2.5)
        .sum();
    let rows = (total / width.max(1.0)).ceil().max(2.0);
    size * 1.6 * rows + 6.0
}

/// The legend's estimated size for `rows` whose longest name has `longest` characters:
/// the same layout the renderers draw (swatch, padding, a row of 1.45 text heights).
pub fn legend_size(rows: usize, longest: usize, height: f64) -> [f64; 2] {
    let padding = height * 0.5;
    [
        padding * 3.0 + height * 1.3 + longest as f64 * height * CHARACTER_WIDTH,
        padding * 2.0 + height * 1.45 * rows as f64,
    ]
}
