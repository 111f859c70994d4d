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

/// The legend's estimated size for `rows` whose longest name has `longest` characters:
/// the same layout the renderers draw (swatch, padding, a row of 1.45 text heights).
pub fn legend_size(rows: usize, longest: usize, height: f64) -> [f64; 2] {
    let padding = height * 0.5;
    [
        padding * 3.0 + height * 1.3 + longest as f64 * height * CHARACTER_WIDTH,
        padding * 2.0 + height * 1.45 * rows as f64,
    ]
}
