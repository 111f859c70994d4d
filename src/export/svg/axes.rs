//! The SVG chart's grid, tick labels and axis titles, from the figure's ticks.

use std::fmt::Write as _;

use super::{Canvas, escape, hex};
use crate::figure::TextRole;

impl Canvas {
    pub(super) fn grid(&self, svg: &mut String) {
        let plot = &self.plot;
        let tick = self.text_size(TextRole::Tick);
        let (grid, weak) = (hex(self.palette.grid), hex(self.palette.weak_text));
        for mark in &self.figure.x_ticks {
            let (x, _) = self.to_screen(mark.value, 0.0);
            let _ = writeln!(
                svg,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{grid}" stroke-width="{}"/>"#,
                plot.top,
                plot.bottom,
                if mark.major { 1.0 } else { 0.5 }
            );
            if let Some(label) = &mark.label {
                let _ = writeln!(
                    svg,
                    r#"<text x="{x:.1}" y="{:.1}" font-size="{tick:.1}" text-anchor="middle" fill="{weak}">{}</text>"#,
                    plot.bottom + tick * 1.4,
                    escape(label)
                );
            }
        }
        for mark in &self.figure.y_ticks {
            let (_, y) = self.to_screen(0.0, mark.value);
            let _ = writeln!(
                svg,
                r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{grid}" stroke-width="{}"/>"#,
                plot.left,
                plot.right,
                if mark.major { 1.0 } else { 0.5 }
            );
            if let Some(label) = &mark.label {
                let _ = writeln!(
                    svg,
                    r#"<text x="{:.1}" y="{:.1}" font-size="{tick:.1}" text-anchor="end" fill="{weak}">{}</text>"#,
                    plot.left - 6.0 * self.scale,
                    y + tick * 0.35,
                    escape(label)
                );
            }
        }
        // The plot's frame says what its edges stand for, in the figure's units (log10 of
        // tokens and of dollars a month on the cost chart; months and dollars over time), so
        // a reader of the file can turn any point back into numbers: the geometry test
        // against the PNG does.
        let bounds = self.figure.bounds;
        let _ = writeln!(
            svg,
            r#"<rect id="plot-area" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{weak}" data-bounds="{} {} {} {}"/>"#,
            plot.left,
            plot.top,
            plot.right - plot.left,
            plot.bottom - plot.top,
            bounds.min[0],
            bounds.min[1],
            bounds.max[0],
            bounds.max[1],
        );
        let title = self.text_size(TextRole::AxisTitle);
        let text = hex(self.palette.text);
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{title:.1}" text-anchor="middle" fill="{text}">{}</text>"#,
            (plot.left + plot.right) / 2.0,
            plot.bottom + tick * 3.0,
            escape(&self.figure.titles.x),
        );
        let _ = writeln!(
            svg,
            r#"<text transform="translate({:.1} {:.1}) rotate(-90)" font-size="{title:.1}" text-anchor="middle" fill="{text}">{}</text>"#,
            16.0 * self.scale,
            (plot.top + plot.bottom) / 2.0,
            // The short title beside a short plot, as on screen and in the PNG: the long
            // one would run past the plot's ends.
            escape(self.figure.titles.y_for(plot.bottom - plot.top, title)),
        );
    }
}
