//! The legend's place: which corner of the plot it sits in, and its estimated size.

use super::CHARACTER_WIDTH;
use super::text_box::{text_width, wrap_to};

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

/// Where a chart's legend goes: inside the plot, in a corner that covers nothing drawn
/// ([`super::Figure::legend_fits_inside`]), else outside it, in a column beside the plot or
/// a strip under it, whichever leaves the larger plot ([`legend_outside`]). The screen, the
/// PNG, the SVG and the PDF all follow this one rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LegendPlace {
    /// In the corner of the plot the figure chose.
    #[default]
    Inside,
    /// In a column right of the plot.
    Beside,
    /// In rows under the plot.
    Below,
}

/// A legend column may take at most this share of a chart's width (its names wrap to it);
/// a plot squeezed into a narrow band says less than a shorter, wide one.
pub const LEGEND_COLUMN_MAX_SHARE: f64 = 0.24;

/// The proportions a cost chart reads best at (width over height): a plot is as large as
/// the largest rectangle of these proportions it holds.
pub const PLOT_PROPORTIONS: f64 = 1.6;

/// Beside or below, for a legend that must leave the plot: `frame` is the plot's size with
/// the legend inside, `column` the width and height a column beside the plot takes, and
/// `strip_height` what a strip under it takes. The one that leaves the larger plot wins,
/// measured as the largest rectangle of [`PLOT_PROPORTIONS`] the plot holds (a wide plot
/// gains little from more width; a tie keeps the plot's full width). A column taller
/// than the plot, or wider than [`LEGEND_COLUMN_MAX_SHARE`] of it, goes under it instead.
pub fn legend_outside(frame: [f64; 2], column: [f64; 2], strip_height: f64) -> LegendPlace {
    let [width, height] = frame;
    let usable = |width: f64, height: f64| width.min(height * PLOT_PROPORTIONS).max(0.0);
    let beside = usable(width - column[0], height);
    let below = usable(width, height - strip_height);
    // A point of slack: measured text is rounded to whole pixels.
    let narrow = column[0] <= width * LEGEND_COLUMN_MAX_SHARE + 1.0;
    if narrow && column[1] <= height && beside > below {
        LegendPlace::Beside
    } else {
        LegendPlace::Below
    }
}

/// The width and height of a legend column for entries named `names`, with text `size`
/// high, its names wrapped to `max_text_width`: the widest line, its swatch and the space
/// either side (the spacing the renderers draw), and a row of [`COLUMN_ROW`] text heights
/// per line with [`COLUMN_ENTRY_GAP`] between entries.
pub fn legend_column<'a>(
    size: f64,
    names: impl Iterator<Item = &'a str>,
    max_text_width: f64,
) -> [f64; 2] {
    let (mut widest, mut height) = (0.0_f64, 0.0);
    for name in names {
        let lines = wrap_to(name, max_text_width, size);
        widest = lines
            .iter()
            .map(|line| text_width(line, size))
            .fold(widest, f64::max);
        height += size * (COLUMN_ROW * lines.len() as f64 + COLUMN_ENTRY_GAP);
    }
    [widest + size * COLUMN_SPACING, height]
}

/// A legend column's width besides its longest line, in text heights: the gap to the
/// plot, the swatch, the gap after it and a margin on the right.
pub const COLUMN_SPACING: f64 = 1.0 + 1.3 + 0.4 + 0.6;

/// A legend column's line height, in text heights.
pub const COLUMN_ROW: f64 = 1.25;

/// The space between two entries of a legend column, in text heights.
pub const COLUMN_ENTRY_GAP: f64 = 0.45;

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
