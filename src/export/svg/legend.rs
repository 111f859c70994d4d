//! The SVG legend: in the corner the figure chose, or beside or under the plot, with the
//! swatches the screen draws.

use std::fmt::Write as _;

use eframe::egui::Color32;

use super::{Canvas, escape, fill, hex};
use crate::figure::{self, LegendPlace, Swatch, TextRole};
use crate::theme::palette;

impl Canvas {
    /// In the corner the figure chose, as on screen; beside the plot or in a strip under
    /// the axis title when the figure keeps it out of the plot.
    pub(super) fn legend(&self, svg: &mut String) {
        let entries = &self.figure.legend;
        if entries.is_empty() {
            return;
        }
        if !self.figure.legend_inside {
            self.legend_strip(svg);
            return;
        }
        let size = self.text_size(TextRole::Legend);
        let row = size * 1.45;
        let padding = size * 0.5;
        let swatch = (size * 1.3, size * 0.8);
        let longest = entries
            .iter()
            .map(|entry| entry.name.chars().count())
            .max()
            .unwrap_or(0);
        let [width, height] = figure::legend_size(entries.len(), longest, size);
        let margin = size * 0.7;
        let [left, top] = self.figure.legend_corner.place(
            [
                self.plot.right - self.plot.left,
                self.plot.bottom - self.plot.top,
            ],
            [width, height],
            margin,
        );
        let (left, top) = self.in_plot(left, top);
        let _ = writeln!(
            svg,
            r#"<rect x="{left:.1}" y="{top:.1}" width="{width:.1}" height="{height:.1}" rx="4" {} stroke="{}"/>"#,
            fill(self.palette.background.gamma_multiply(0.92)),
            hex(self.palette.grid)
        );
        for (index, entry) in entries.iter().enumerate() {
            let center_y = top + padding + row * (index as f64 + 0.5);
            let color = self.palette.ink(entry.ink);
            let swatch_left = left + padding;
            self.legend_swatch(svg, entry.swatch, color, swatch_left, center_y, swatch);
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" fill="{}">{}</text>"#,
                swatch_left + swatch.0 + padding,
                center_y + size * 0.35,
                hex(self.palette.text),
                escape(&entry.name)
            );
        }
    }

    /// The legend outside the plot: as rows of swatches and names under the plot's axis
    /// title, wrapped to the chart's width, or as a column right of the plot, as the screen
    /// and the PNG draw it where no corner of the plot is clear.
    fn legend_strip(&self, svg: &mut String) {
        let size = self.text_size(TextRole::Legend);
        let swatch = (size * 1.3, size * 0.8);
        let gap = size * 0.4;
        if !self.strip.is_empty() {
            // Where egui put each name for the PNG (a column's names may take several
            // rows), its swatch before its first row.
            let letters = |text: &str| text.chars().filter(|c| !c.is_whitespace()).count();
            let mut rows = self.strip.iter();
            for entry in &self.figure.legend {
                let mut said = 0;
                let mut first = true;
                while said < letters(&entry.name) {
                    let Some(row) = rows.next() else { break };
                    said += letters(&row.text);
                    let (left, top) = (f64::from(row.left), f64::from(row.top));
                    let row_size = f64::from(row.size);
                    if first {
                        let color = self.palette.ink(entry.ink);
                        let center_y = top + row_size * 0.6;
                        let swatch_left = left - gap - swatch.0;
                        self.legend_swatch(svg, entry.swatch, color, swatch_left, center_y, swatch);
                        first = false;
                    }
                    let _ = writeln!(
                        svg,
                        r#"<text x="{left:.1}" y="{:.1}" font-size="{row_size:.1}" fill="{}">{}</text>"#,
                        top + row_size * super::ASCENT,
                        hex(self.palette.text),
                        escape(row.text.trim_end())
                    );
                }
            }
            return;
        }
        if self.legend == LegendPlace::Beside {
            // A column right of the plot, its first row level with the plot's top, the
            // names wrapped to the column as the estimate of its size wrapped them.
            let left = self.plot.right + size;
            let text_left = left + swatch.0 + gap;
            let max_text = (self.chart_right - self.plot.right - size * figure::COLUMN_SPACING)
                .max(size * 4.0);
            let mut top = self.plot.top;
            for entry in &self.figure.legend {
                let color = self.palette.ink(entry.ink);
                let row = size * figure::COLUMN_ROW;
                self.legend_swatch(svg, entry.swatch, color, left, top + row / 2.0, swatch);
                for line in figure::wrap_text(&entry.name, max_text, size) {
                    let _ = writeln!(
                        svg,
                        r#"<text x="{text_left:.1}" y="{:.1}" font-size="{size:.1}" fill="{}">{}</text>"#,
                        top + row / 2.0 + size * 0.35,
                        hex(self.palette.text),
                        escape(&line)
                    );
                    top += row;
                }
                top += size * figure::COLUMN_ENTRY_GAP;
            }
            return;
        }
        let (left, right) = (24.0 * self.scale, self.plot.right);
        let row = size * 1.6;
        let mut x = left;
        let mut center_y = self.plot.bottom + 48.0 * self.scale + row / 2.0;
        for entry in &self.figure.legend {
            let width = swatch.0 + gap + figure::text_width(&entry.name, size) + gap * 2.0;
            // A swatch and its name go to the next row together, never apart.
            if x > left && x + width > right {
                x = left;
                center_y += row;
            }
            let color = self.palette.ink(entry.ink);
            self.legend_swatch(svg, entry.swatch, color, x, center_y, swatch);
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}" fill="{}">{}</text>"#,
                x + swatch.0 + gap,
                center_y + size * 0.35,
                hex(self.palette.text),
                escape(&entry.name)
            );
            x += width;
        }
    }

    /// One legend row's swatch: a line, a filled or hollow marker, or an area.
    fn legend_swatch(
        &self,
        svg: &mut String,
        kind: Swatch,
        color: Color32,
        swatch_left: f64,
        center_y: f64,
        swatch: (f64, f64),
    ) {
        match kind {
            Swatch::Area | Swatch::Band => {
                let area = if kind == Swatch::Band {
                    color.gamma_multiply(palette::BAND)
                } else {
                    color
                };
                let _ = writeln!(
                    svg,
                    r#"<rect x="{swatch_left:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2" {}/>"#,
                    center_y - swatch.1 / 2.0,
                    swatch.0,
                    swatch.1,
                    fill(area)
                );
                if kind == Swatch::Band {
                    let _ = writeln!(
                        svg,
                        r#"<line x1="{swatch_left:.1}" y1="{center_y:.1}" x2="{:.1}" y2="{center_y:.1}" stroke="{}" stroke-width="{:.1}"/>"#,
                        swatch_left + swatch.0,
                        hex(color),
                        f64::from(self.look.curve_width()) * 0.7 * self.scale,
                    );
                }
            }
            Swatch::Interval => {
                let (top, bottom) = (center_y - swatch.1 / 2.0, center_y + swatch.1 / 2.0);
                let right = swatch_left + swatch.0;
                let _ = writeln!(
                    svg,
                    r#"<rect x="{swatch_left:.1}" y="{top:.1}" width="{:.1}" height="{:.1}" {}/><polyline points="{swatch_left:.1},{top:.1} {swatch_left:.1},{bottom:.1}" stroke="{}" stroke-width="1.5"/><polyline points="{right:.1},{top:.1} {right:.1},{bottom:.1}" stroke="{}" stroke-width="1.5"/>"#,
                    swatch.0,
                    swatch.1,
                    fill(self.palette.interval_shade),
                    hex(color),
                    hex(color),
                );
            }
            Swatch::Marker => {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{center_y:.1}" r="{:.1}" fill="{}"/>"#,
                    swatch_left + swatch.0 / 2.0,
                    f64::from(self.look.marker_radius()) * 0.8 * self.scale,
                    hex(color)
                );
            }
            Swatch::HollowMarker => {
                let _ = writeln!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{center_y:.1}" r="{:.1}" fill="{}" stroke="{}" stroke-width="2"/>"#,
                    swatch_left + swatch.0 / 2.0,
                    f64::from(self.look.marker_radius()) * 0.8 * self.scale,
                    hex(self.palette.background),
                    hex(color)
                );
            }
            Swatch::Line { dashed, faded } => {
                let opacity = if faded {
                    format!(r#" stroke-opacity="{:.2}""#, palette::FADED)
                } else {
                    String::new()
                };
                let dash = if faded {
                    format!(
                        r#" stroke-dasharray="{:.1} {:.1}"{opacity}"#,
                        swatch.0 / 10.0,
                        swatch.0 / 5.0
                    )
                } else if dashed {
                    format!(
                        r#" stroke-dasharray="{:.1} {:.1}""#,
                        swatch.0 / 3.0,
                        swatch.0 / 6.0
                    )
                } else {
                    String::new()
                };
                let _ = writeln!(
                    svg,
                    r#"<line x1="{swatch_left:.1}" y1="{center_y:.1}" x2="{:.1}" y2="{center_y:.1}" stroke="{}" stroke-width="{:.1}"{dash}/>"#,
                    swatch_left + swatch.0,
                    hex(color),
                    f64::from(self.look.curve_width()) * self.scale,
                );
            }
        }
    }
}
