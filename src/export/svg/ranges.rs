//! What the inputs' ranges add to the SVG, as on screen: a translucent band around each
//! curve and the shaded interval where self-hosting starts to win for good, with words.

use std::fmt::Write as _;

use super::{ASCENT, Canvas, escape, fill, hex};
use crate::figure::TextRole;
use crate::theme::palette;

impl Canvas {
    /// Each band as one closed path: its upper edge left to right, its lower edge back,
    /// held inside the plot (no clip paths, which some renderers drop).
    pub(super) fn bands(&self, svg: &mut String) {
        let plot = &self.plot;
        let inside = |(x, y): (f64, f64)| {
            (
                x.clamp(plot.left, plot.right),
                y.clamp(plot.top, plot.bottom),
            )
        };
        for curve in self.figure.curves.iter().filter(|c| c.band.len() > 1) {
            let upper = curve
                .band
                .iter()
                .map(|p| inside(self.to_screen(p[0], p[2])));
            let lower = curve
                .band
                .iter()
                .rev()
                .map(|p| inside(self.to_screen(p[0], p[1])));
            let points: Vec<String> = upper
                .chain(lower)
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            let _ = writeln!(
                svg,
                r#"<polygon points="{}" {}><title>{}: cost over the inputs' ranges</title></polygon>"#,
                points.join(" "),
                fill(self.palette.ink(curve.ink).gamma_multiply(palette::BAND)),
                escape(&curve.name)
            );
        }
    }

    /// The interval's shading and its dashed edges (no right edge when it may never end).
    pub(super) fn interval(&self, svg: &mut String) {
        let Some(interval) = &self.figure.interval else {
            return;
        };
        let plot = &self.plot;
        let shade = self.palette.ink(interval.shade);
        if !self.span(svg, (interval.from, interval.to), shade, &interval.text) {
            return;
        }
        let color = hex(self.palette.ink(interval.ink));
        let mut edges = vec![self.to_screen(interval.from, 0.0).0];
        if !interval.open_ended {
            edges.push(self.to_screen(interval.to, 0.0).0);
        }
        for x in edges
            .into_iter()
            .filter(|x| (plot.left..=plot.right).contains(x))
        {
            let _ = writeln!(
                svg,
                r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{color}" stroke-width="1.5" stroke-dasharray="8 5"/>"#,
                plot.top, plot.bottom,
            );
        }
    }

    /// The interval's words where the figure placed them.
    pub(super) fn interval_words(&self, svg: &mut String) {
        let Some(interval) = &self.figure.interval else {
            return;
        };
        let Some(text) = interval.placed else {
            return;
        };
        let size = self.text_size(TextRole::CrossoverLabel);
        let (x, y) = self.in_plot(text.left, text.top);
        // On a plate of the background, as on screen.
        let _ = writeln!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="3" {}/>"#,
            x - 2.0,
            y - 2.0,
            text.width * 0.85 + 4.0,
            text.height + 4.0,
            fill(self.palette.background.gamma_multiply(0.85))
        );
        let _ = writeln!(
            svg,
            r#"<text x="{x:.1}" y="{:.1}" font-size="{size:.1}" fill="{}">{}</text>"#,
            y + size * ASCENT,
            hex(self.palette.ink(interval.ink)),
            escape(&interval.text)
        );
    }
}
