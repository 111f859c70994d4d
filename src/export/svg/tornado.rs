//! The tornado beside the chart in the SVG, laid out by the same [`TornadoLayout`] as on
//! screen: title, colour key, one bar per ranged input split at the answer at the values,
//! the volume axis under the rows.

use std::fmt::Write as _;

use super::{ASCENT, escape, hex};
use crate::figure::{
    END_GAP, HIGH_GUESS, Ink, LOW_GUESS, TITLE_LINE, TORNADO_AXIS, Tornado, TornadoLayout,
    text_width,
};
use crate::theme::Palette;

/// Writes `tornado` into `[left, top, right, bottom]` (pixels), text `text` pixels high.
pub(super) fn tornado(
    svg: &mut String,
    tornado: &Tornado,
    rect: [f64; 4],
    text: f64,
    palette: &Palette,
) {
    let [left, top, right, _] = rect;
    let small = text * 0.92;
    let label_width = tornado
        .bars
        .iter()
        .flat_map(|bar| [text_width(&bar.input, text), text_width(&bar.range, small)])
        .fold(0.0, f64::max)
        .min((right - left) * 0.45);
    let end_width = tornado
        .bars
        .iter()
        .flat_map(|bar| [&bar.at_low, &bar.at_high])
        .filter(|end| end.labelled)
        .map(|end| text_width(&end.text, small))
        .fold(0.0, f64::max);
    let title_size = text * 1.1;
    let title = tornado.title_lines(right - left, title_size);
    let layout = TornadoLayout::new(tornado, rect, (label_width, end_width), text, title.len());
    let x = |at: f64| layout.x(tornado, at);
    let (ink, weak) = (hex(palette.text), hex(palette.weak_text));
    for (index, line) in title.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<text x="{left:.1}" y="{:.1}" font-size="{title_size:.1}" fill="{ink}">{}</text>"#,
            top + index as f64 * TITLE_LINE * text + title_size * ASCENT,
            escape(line)
        );
    }
    let key_top = layout.key_top(text);
    let mut key_left = left;
    for (color, words) in [
        (palette.ink(tornado.low_ink), LOW_GUESS),
        (palette.ink(tornado.high_ink), HIGH_GUESS),
    ] {
        let _ = writeln!(
            svg,
            r#"<rect x="{key_left:.1}" y="{key_top:.1}" width="{:.1}" height="{:.1}" rx="2" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="{small:.1}" fill="{ink}">{words}</text>"#,
            small * 1.2,
            small * 0.9,
            hex(color),
            key_left + small * 1.6,
            key_top + small * ASCENT,
        );
        key_left += small * 1.6 + text_width(words, small) + small * 1.5;
    }
    let rows_bottom = layout.row_top(layout.shown);
    for tick in &tornado.ticks {
        let tick_x = x(tick.value);
        let _ = writeln!(
            svg,
            r#"<line x1="{tick_x:.1}" y1="{:.1}" x2="{tick_x:.1}" y2="{rows_bottom:.1}" stroke="{}" stroke-width="{}"/>"#,
            layout.rows_top,
            hex(palette.grid),
            if tick.major { 1.0 } else { 0.5 }
        );
    }
    for tick in layout.labelled_ticks(tornado, small) {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{small:.1}" text-anchor="middle" fill="{weak}">{}</text>"#,
            x(tick.value),
            layout.axis_y + small * ASCENT,
            escape(tick.label.as_deref().unwrap_or_default())
        );
    }
    if tornado
        .bars
        .iter()
        .any(|bar| bar.at_low.never || bar.at_high.never)
    {
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{small:.1}" text-anchor="middle" fill="{weak}">never</text>"#,
            x(tornado.never_at),
            layout.axis_y + small * ASCENT,
        );
    }
    let _ = writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" font-size="{small:.1}" text-anchor="middle" fill="{weak}">{TORNADO_AXIS}</text>"#,
        (left + right) / 2.0,
        layout.axis_y + small * 1.3 + small * ASCENT,
    );
    let notes = [tornado.note.clone(), tornado.left_out(layout.shown)];
    let lines: Vec<String> = notes
        .iter()
        .flatten()
        .flat_map(|note| crate::figure::wrap_text(note, right - left, small))
        .collect();
    for (index, line) in lines.iter().enumerate() {
        let _ = writeln!(
            svg,
            r#"<text x="{left:.1}" y="{:.1}" font-size="{small:.1}" fill="{ink}">{}</text>"#,
            layout.axis_y + small * 3.0 + index as f64 * small * 1.3 + small * ASCENT,
            escape(line)
        );
    }
    bars(svg, tornado, &layout, [left, text, small], palette);
}

/// Each bar's words and its two parts, and the dashed line at the values.
fn bars(
    svg: &mut String,
    tornado: &Tornado,
    layout: &TornadoLayout,
    [left, text, small]: [f64; 3],
    palette: &Palette,
) {
    let x = |at: f64| layout.x(tornado, at);
    let (ink, weak) = (hex(palette.text), hex(palette.weak_text));
    let base = tornado.base.as_ref().map(|(at, _)| *at);
    for (index, bar) in tornado.bars.iter().enumerate().take(layout.shown) {
        let middle = layout.row_top(index) + layout.row_height / 2.0;
        let _ = writeln!(
            svg,
            r#"<text x="{left:.1}" y="{:.1}" font-size="{text:.1}" fill="{ink}">{}</text><text x="{left:.1}" y="{:.1}" font-size="{small:.1}" fill="{weak}">{}</text>"#,
            middle - text * 0.1 - text * (1.0 - ASCENT),
            escape(&bar.input),
            middle + text * 0.1 + small * ASCENT,
            escape(&bar.range)
        );
        let thickness = layout.bar_thickness();
        let from = x(base.unwrap_or(bar.at_low.at));
        for (end, color) in [
            // Every input together is the verdict's interval: drawn in its colour.
            (
                &bar.at_low,
                palette.ink(if bar.together {
                    Ink::Interval
                } else {
                    tornado.low_ink
                }),
            ),
            (
                &bar.at_high,
                palette.ink(if bar.together {
                    Ink::Interval
                } else {
                    tornado.high_ink
                }),
            ),
        ] {
            let to = x(end.at);
            let (part_left, part_right) = (from.min(to), from.max(to).max(from.min(to) + 2.0));
            let opacity = if end.never {
                r#" fill-opacity="0.45""#
            } else {
                ""
            };
            let _ = writeln!(
                svg,
                r#"<rect x="{part_left:.1}" y="{:.1}" width="{:.1}" height="{thickness:.1}" rx="2" fill="{}"{opacity}><title>{}</title></rect>"#,
                middle - thickness / 2.0,
                part_right - part_left,
                hex(color),
                escape(&bar.detail)
            );
            if end.labelled {
                // Outside the bar's end: the layout leaves an end's words room on
                // either side of the bars, so they never run into an input's name.
                let (text_x, anchor) = if to >= from {
                    (part_right + END_GAP, "start")
                } else {
                    (part_left - END_GAP, "end")
                };
                let _ = writeln!(
                    svg,
                    r#"<text x="{text_x:.1}" y="{:.1}" font-size="{small:.1}" text-anchor="{anchor}" fill="{ink}">{}</text>"#,
                    middle + small * (ASCENT - 0.5),
                    escape(&end.text)
                );
            }
        }
    }
    if let Some((at, words)) = &tornado.base {
        let base_x = x(*at);
        let _ = writeln!(
            svg,
            r#"<line x1="{base_x:.1}" y1="{:.1}" x2="{base_x:.1}" y2="{:.1}" stroke="{ink}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="{base_x:.1}" y="{:.1}" font-size="{small:.1}" text-anchor="middle" fill="{ink}">{}</text>"#,
            layout.rows_top - text * 0.3,
            layout.row_top(layout.shown),
            layout.rows_top - text * 0.4 - small * (1.0 - ASCENT),
            escape(words)
        );
    }
}
