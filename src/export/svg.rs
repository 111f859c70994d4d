//! SVG export: the chart as a vector file with real text, for slides and documents.
//!
//! Drawn from the same report, colours, labels and number formatting as the app's
//! chart, so the SVG and the PNG say the same thing.

use std::fmt::Write as _;

use eframe::egui::Color32;

use super::caption::caption;
use crate::app::chart::{
    ChartView, MIN_COST_SHOWN, VOLUME_LIMITS, crossover_labels, default_bounds,
};
use crate::app::theme::{Look, SELF_HOSTING_CHEAPEST, TAKING_TURNS, option_colors};
use crate::engine::curve::sample_curves;
use crate::engine::verdict::side_ranges;
use crate::engine::{OptionKind, Report};
use crate::scenario::Scenario;
use crate::units::{format_tokens, format_usd_axis};

/// Space for the caption under the plot, pixels (at 1000 px width; scales with width).
const CAPTION_HEIGHT: f64 = 170.0;

/// Writes the SVG document.
pub fn render(
    scenario: &Scenario,
    report: &Report,
    look: Look,
    view: ChartView,
    width: u32,
    height: u32,
    date: &str,
) -> String {
    let palette = look.palette();
    let (width, height) = (f64::from(width), f64::from(height));
    let scale = (width / 1000.0).clamp(0.6, 3.0) * f64::from(look.text_scale());
    let caption_height = CAPTION_HEIGHT * scale;
    let plot = Area {
        left: 80.0 * scale,
        right: width - 24.0 * scale,
        top: 20.0 * scale,
        bottom: (height - caption_height - 48.0 * scale).max(60.0),
    };
    let (min, max) = match view {
        ChartView::Fixed(min, max) => (min, max),
        ChartView::FollowScenario | ChartView::UserMoved => default_bounds(scenario, report),
    };
    let to_screen = |log_volume: f64, log_cost: f64| {
        (
            plot.left + (log_volume - min[0]) / (max[0] - min[0]) * (plot.right - plot.left),
            plot.bottom - (log_cost - min[1]) / (max[1] - min[1]) * (plot.bottom - plot.top),
        )
    };
    let font = |size: f64| size * scale;
    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="Ubuntu, 'Helvetica Neue', Arial, sans-serif">"#
    );
    let _ = writeln!(
        svg,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(palette.background)
    );
    let _ = writeln!(
        svg,
        r#"<defs><clipPath id="plot"><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/></clipPath></defs>"#,
        plot.left,
        plot.top,
        plot.right - plot.left,
        plot.bottom - plot.top
    );

    // Shading where self-hosting is cheapest.
    svg.push_str(r#"<g clip-path="url(#plot)">"#);
    let sides = side_ranges(report);
    for side in sides
        .iter()
        .filter(|side| side.self_hosting || side.alternating)
    {
        let (name, shade) = if side.alternating {
            (TAKING_TURNS, palette.taking_turns)
        } else {
            (SELF_HOSTING_CHEAPEST, palette.self_hosting_wins)
        };
        let from = to_screen(side.from.max(VOLUME_LIMITS.0).log10(), 0.0)
            .0
            .max(plot.left);
        let to = to_screen(side.to.unwrap_or(VOLUME_LIMITS.1).log10(), 0.0)
            .0
            .min(plot.right);
        if to > from {
            let _ = writeln!(
                svg,
                r#"<rect x="{from:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}><title>{name}</title></rect>"#,
                plot.top,
                to - from,
                plot.bottom - plot.top,
                fill(shade)
            );
        }
    }
    svg.push_str("</g>\n");

    // Grid and tick labels at decades.
    let tick = font(12.0);
    for decade in (min[0].ceil() as i64)..=(max[0].floor() as i64) {
        let (x, _) = to_screen(decade as f64, min[1]);
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-width="1"/><text x="{x:.1}" y="{:.1}" font-size="{tick:.1}" text-anchor="middle" fill="{}">{}</text>"#,
            plot.top,
            plot.bottom,
            hex(palette.grid),
            plot.bottom + tick * 1.4,
            hex(palette.weak_text),
            escape(&format_tokens(10f64.powi(decade as i32)))
        );
    }
    for decade in (min[1].ceil() as i64)..=(max[1].floor() as i64) {
        let (_, y) = to_screen(min[0], decade as f64);
        let _ = writeln!(
            svg,
            r#"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="1"/><text x="{:.1}" y="{:.1}" font-size="{tick:.1}" text-anchor="end" fill="{}">{}</text>"#,
            plot.left,
            plot.right,
            hex(palette.grid),
            plot.left - 6.0 * scale,
            y + tick * 0.35,
            hex(palette.weak_text),
            escape(&format_usd_axis(10f64.powi(decade as i32)))
        );
    }
    let _ = writeln!(
        svg,
        r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="none" stroke="{}"/>"#,
        plot.left,
        plot.top,
        plot.right - plot.left,
        plot.bottom - plot.top,
        hex(palette.weak_text)
    );
    let _ = writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" text-anchor="middle" fill="{}">Tokens per month (log scale)</text>"#,
        (plot.left + plot.right) / 2.0,
        plot.bottom + tick * 3.0,
        font(13.0),
        hex(palette.text)
    );
    let _ = writeln!(
        svg,
        r#"<text transform="translate({:.1} {:.1}) rotate(-90)" font-size="{:.1}" text-anchor="middle" fill="{}">Monthly cost, USD (log scale)</text>"#,
        font(16.0),
        (plot.top + plot.bottom) / 2.0,
        font(13.0),
        hex(palette.text)
    );

    // Curves.
    let kinds: Vec<OptionKind> = crate::engine::priced_options(scenario)
        .iter()
        .map(|o| o.kind)
        .collect();
    let colors = option_colors(&palette, kinds);
    let curves = sample_curves(
        scenario,
        10f64.powf(min[0].max(VOLUME_LIMITS.0.log10())),
        10f64.powf(max[0].min(VOLUME_LIMITS.1.log10())),
        crate::app::chart::CURVE_POINTS,
    );
    svg.push_str(r#"<g clip-path="url(#plot)" fill="none" stroke-linejoin="round">"#);
    for (curve, color) in curves.iter().zip(&colors) {
        if curve.points.is_empty() {
            continue;
        }
        let points: Vec<String> = curve
            .points
            .iter()
            .map(|(volume, cost)| {
                let (x, y) = to_screen(volume.log10(), cost.max(MIN_COST_SHOWN).log10());
                format!("{x:.1},{y:.1}")
            })
            .collect();
        let dash = if curve.kind == OptionKind::Hybrid {
            format!(
                r#" stroke-dasharray="{:.1} {:.1}""#,
                10.0 * scale,
                6.0 * scale
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            svg,
            r#"<polyline points="{}" stroke="{}" stroke-width="{:.1}"{dash}><title>{}</title></polyline>"#,
            points.join(" "),
            hex(*color),
            f64::from(look.curve_width()) * scale,
            escape(&curve.name)
        );
    }
    svg.push_str("</g>\n");

    // Crossovers.
    let labels = crossover_labels(report);
    for (index, crossover) in report.crossovers.iter().enumerate() {
        let log_x = crossover
            .volume_tokens_per_month
            .max(VOLUME_LIMITS.0)
            .log10();
        if log_x < min[0] || log_x > max[0] {
            continue;
        }
        let (x, y) = to_screen(
            log_x,
            crossover.monthly_cost_usd.max(MIN_COST_SHOWN).log10(),
        );
        let marker_fill = if crossover.at_node_step {
            hex(palette.background)
        } else {
            hex(palette.crossover)
        };
        let _ = writeln!(
            svg,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{:.1}" fill="{marker_fill}" stroke="{}" stroke-width="2"/>"#,
            5.0 * scale,
            hex(palette.crossover)
        );
        if let Some((_, label)) = labels.iter().find(|(labelled, _)| *labelled == index) {
            // Above and left of the point where it fits, like the app's chart (costs never
            // fall with volume, so nothing is drawn there).
            let label_width = (label.chars().count() as f64 + 2.0) * font(13.0) * 0.55;
            let fits_left = x - label_width > plot.left;
            let (dx, anchor) = if fits_left {
                (-9.0 * scale, "end")
            } else {
                (9.0 * scale, "start")
            };
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="{:.1}" font-weight="bold" text-anchor="{anchor}" fill="{}">{}</text>"#,
                x + dx,
                y - font(10.0),
                font(13.0),
                hex(palette.crossover),
                escape(label)
            );
        }
    }

    // Current volume.
    let log_volume = report.volume_tokens_per_month.max(VOLUME_LIMITS.0).log10();
    if log_volume >= min[0] && log_volume <= max[0] {
        let (x, _) = to_screen(log_volume, min[1]);
        let _ = writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="{}" stroke-width="1.5" stroke-dasharray="5 4"/><text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="{}">{} tok/mo</text>"#,
            plot.top,
            plot.bottom,
            hex(palette.volume_marker),
            x + 4.0 * scale,
            plot.top + font(14.0),
            font(13.0),
            hex(palette.volume_marker),
            escape(&format_tokens(report.volume_tokens_per_month))
        );
    }

    // Legend.
    let entry = font(18.0);
    let legend_width = curves
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(10) as f64
        * font(7.2)
        + 40.0 * scale;
    let legend_height = entry * (curves.len() + 1) as f64 + 8.0 * scale;
    // Bottom right: every cost rises with volume, so that corner is always empty.
    let (legend_x, legend_y) = (
        plot.right - legend_width - 10.0 * scale,
        plot.bottom - legend_height - 10.0 * scale,
    );
    let _ = writeln!(
        svg,
        r#"<rect x="{legend_x:.1}" y="{legend_y:.1}" width="{legend_width:.1}" height="{legend_height:.1}" rx="4" {} stroke="{}"/>"#,
        fill(palette.background.gamma_multiply(0.92)),
        hex(palette.grid)
    );
    let mut entries: Vec<(String, Color32)> = curves
        .iter()
        .zip(&colors)
        .map(|(c, color)| (c.name.clone(), *color))
        .collect();
    if sides.iter().any(|side| side.self_hosting) {
        entries.push((SELF_HOSTING_CHEAPEST.to_owned(), palette.self_hosting_wins));
    }
    if sides.iter().any(|side| side.alternating) {
        entries.push((TAKING_TURNS.to_owned(), palette.taking_turns));
    }
    for (index, (name, color)) in entries.iter().enumerate() {
        let y = legend_y + 6.0 * scale + entry * index as f64;
        let _ = writeln!(
            svg,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {}/><text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="{}">{}</text>"#,
            legend_x + 8.0 * scale,
            y + 3.0 * scale,
            16.0 * scale,
            entry - 8.0 * scale,
            fill(*color),
            legend_x + 30.0 * scale,
            y + entry * 0.7,
            font(13.0),
            hex(palette.text),
            escape(name)
        );
    }

    // Caption.
    let text = caption(scenario, report, date);
    let mut y = height - caption_height + font(18.0);
    let mut line = |svg: &mut String, content: &str, size: f64, bold: bool, color: Color32| {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{y:.1}" font-size="{:.1}"{} fill="{}">{}</text>"#,
            plot.left.min(24.0 * scale),
            font(size),
            if bold { r#" font-weight="bold""# } else { "" },
            hex(color),
            escape(content)
        );
        y += font(size) * 1.45;
    };
    line(&mut svg, &text.title, 17.0, true, palette.text);
    line(&mut svg, &text.verdict, 15.0, false, palette.text);
    for assumption in &text.assumptions {
        line(&mut svg, assumption, 12.0, false, palette.weak_text);
    }
    line(&mut svg, &text.footer, 11.0, false, palette.weak_text);
    svg.push_str("</svg>\n");
    svg
}

/// The plot's rectangle in pixels.
struct Area {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

fn hex(color: Color32) -> String {
    format!("#{:02x}{:02x}{:02x}", color.r(), color.g(), color.b())
}

/// A fill attribute with opacity, from a (premultiplied) colour.
fn fill(color: Color32) -> String {
    let alpha = color.a();
    if alpha == 255 || alpha == 0 {
        return format!(r#"fill="{}""#, hex(color));
    }
    let unmultiplied = color.to_srgba_unmultiplied();
    format!(
        r##"fill="#{:02x}{:02x}{:02x}" fill-opacity="{:.3}""##,
        unmultiplied[0],
        unmultiplied[1],
        unmultiplied[2],
        f64::from(alpha) / 255.0
    )
}

/// Escapes text for XML.
/// Text as XML character data: markup escaped, and control characters (which XML 1.0
/// forbids even as references) shown as U+FFFD so the file always parses.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("A & B <C>"), "A &amp; B &lt;C&gt;");
    }

    #[test]
    fn control_characters_never_reach_the_xml() {
        let escaped = escape("bell\u{7} and\r\nnull\u{0}");
        assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
        let document =
            format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{escaped}</text></svg>");
        roxmltree::Document::parse(&document).expect("well-formed");
    }

    #[test]
    fn translucent_fills_keep_their_opacity() {
        let attribute = fill(Color32::from_rgba_unmultiplied(20, 100, 50, 51));
        assert!(attribute.contains("fill-opacity=\"0.200\""), "{attribute}");
    }
}
