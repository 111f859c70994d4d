//! The tornado chart on screen (and in the PNG): a [`Tornado`] painted bar by bar.
//!
//! Each ranged input gets a row: its name and range on the left, a bar from the volume
//! above which self-hosting wins for good with the input at its low guess to the volume
//! with it at its high, split at the answer with every input at its value (the dashed
//! line). The SVG writer draws the same description.

use eframe::egui::{self, Align2, FontId, Rect, Stroke, pos2, vec2};

use crate::figure::{
    BarEnd, END_GAP, HIGH_GUESS, Ink, LOW_GUESS, TITLE_LINE, TORNADO_AXIS, TextRole, Tornado,
    TornadoBar, TornadoLayout,
};
use crate::theme::{Look, Palette};

/// The height (points) that shows every bar of `tornado` at `width` points wide: the
/// screen gives it that much and scrolls, rather than leave an input out.
pub fn height_for_every_bar(tornado: &Tornado, width: f32, look: Look) -> f32 {
    let text = f64::from(look.text_size(TextRole::Legend));
    let title = tornado.title_lines(f64::from(width), text * 1.1);
    TornadoLayout::height_for_every_bar(tornado, f64::from(width), text, title.len()) as f32
}

/// Draws the tornado into the remaining space of `ui`; hovering a row shows its numbers.
pub fn show(ui: &mut egui::Ui, tornado: &Tornado, look: Look) {
    let palette = look.palette();
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let text = look.text_size(TextRole::Legend);
    let font = FontId::proportional(text);
    let small = FontId::proportional(look.text_size(TextRole::Tick));
    let label_width = tornado
        .bars
        .iter()
        .flat_map(|bar| {
            [
                painter.layout_no_wrap(bar.input.clone(), font.clone(), palette.text),
                painter.layout_no_wrap(bar.range.clone(), small.clone(), palette.text),
            ]
        })
        .map(|galley| galley.size().x)
        .fold(0.0, f32::max)
        .min(rect.width() * 0.45);
    let end_width = tornado
        .bars
        .iter()
        .flat_map(|bar| [&bar.at_low, &bar.at_high])
        .filter(|end| end.labelled)
        .map(|end| {
            painter
                .layout_no_wrap(end.text.clone(), small.clone(), palette.text)
                .size()
                .x
        })
        .fold(0.0, f32::max);
    let title_size = text * 1.1;
    let title = tornado.title_lines(f64::from(rect.width()), f64::from(title_size));
    let layout = TornadoLayout::new(
        tornado,
        [rect.left(), rect.top(), rect.right(), rect.bottom()].map(f64::from),
        (f64::from(label_width), f64::from(end_width)),
        f64::from(text),
        title.len(),
    );
    let x = |at: f64| layout.x(tornado, at) as f32;
    for (index, line) in title.iter().enumerate() {
        painter.text(
            rect.left_top() + vec2(0.0, index as f32 * TITLE_LINE as f32 * text),
            Align2::LEFT_TOP,
            line,
            FontId::proportional(title_size),
            palette.text,
        );
    }
    key(&painter, tornado, &layout, rect, look, &palette);
    grid(&painter, tornado, &layout, &small, &palette);
    for (index, bar) in tornado.bars.iter().enumerate().take(layout.shown) {
        bar_row(ui, &painter, tornado, &layout, (index, bar), rect, look);
    }
    if let Some((at, words)) = &tornado.base {
        let x = x(*at);
        let rows_top = layout.rows_top as f32;
        let bottom = layout.row_top(layout.shown) as f32;
        painter.extend(egui::Shape::dashed_line(
            &[pos2(x, rows_top - text * 0.3), pos2(x, bottom)],
            Stroke::new(1.5, palette.text),
            6.0,
            4.0,
        ));
        painter.text(
            pos2(x, rows_top - text * 0.4),
            Align2::CENTER_BOTTOM,
            words,
            small.clone(),
            palette.text,
        );
    }
}

/// One bar's row: its words on the left, its two parts, their ends' words, and hover.
fn bar_row(
    ui: &egui::Ui,
    painter: &egui::Painter,
    tornado: &Tornado,
    layout: &TornadoLayout,
    (index, bar): (usize, &TornadoBar),
    rect: Rect,
    look: Look,
) {
    let palette = look.palette();
    let text = look.text_size(TextRole::Legend);
    let font = FontId::proportional(text);
    let small = FontId::proportional(look.text_size(TextRole::Tick));
    let x = |at: f64| layout.x(tornado, at) as f32;
    let top = layout.row_top(index) as f32;
    let row = Rect::from_min_max(
        pos2(rect.left(), top),
        pos2(rect.right(), top + layout.row_height as f32),
    );
    let middle = row.center().y;
    painter.text(
        pos2(rect.left(), middle - text * 0.1),
        Align2::LEFT_BOTTOM,
        &bar.input,
        font.clone(),
        palette.text,
    );
    painter.text(
        pos2(rect.left(), middle + text * 0.1),
        Align2::LEFT_TOP,
        &bar.range,
        small.clone(),
        palette.weak_text,
    );
    let base = tornado.base.as_ref().map_or(bar.at_low.at, |(at, _)| *at);
    let thickness = layout.bar_thickness() as f32;
    // Every input together is the verdict's interval: drawn in its colour.
    let (low_ink, high_ink) = if bar.together {
        (Ink::Interval, Ink::Interval)
    } else {
        (tornado.low_ink, tornado.high_ink)
    };
    for (end, ink) in [(&bar.at_low, low_ink), (&bar.at_high, high_ink)] {
        let color = palette.ink(ink);
        let (from, to) = (x(base), x(end.at));
        let part = Rect::from_min_max(
            pos2(from.min(to), middle - thickness / 2.0),
            pos2(
                from.max(to).max(from.min(to) + 2.0),
                middle + thickness / 2.0,
            ),
        );
        let fill = if end.never {
            color.gamma_multiply(0.45)
        } else {
            color
        };
        painter.rect_filled(part, 2.0, fill);
        if end.labelled {
            end_text(painter, end, part, to >= from, &small, &palette);
        }
    }
    let response = ui.interact(
        row,
        egui::Id::unique(("tornado-row", index)),
        egui::Sense::hover(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Row, true, bar.summary()));
    response.on_hover_text(&bar.detail);
}

/// The words at the outer end of a bar's part: its volume, or "never", outside the bar's
/// end (the layout leaves them room on either side of the bars, so they never run into an
/// input's name).
fn end_text(
    painter: &egui::Painter,
    end: &BarEnd,
    part: Rect,
    rightwards: bool,
    font: &FontId,
    palette: &Palette,
) {
    let gap = vec2(END_GAP as f32, 0.0);
    let (anchor, align) = if rightwards {
        (part.right_center() + gap, Align2::LEFT_CENTER)
    } else {
        (part.left_center() - gap, Align2::RIGHT_CENTER)
    };
    painter.text(anchor, align, &end.text, font.clone(), palette.text);
}

/// Vertical grid lines with the volume axis' labels, and "never" at its mark.
fn grid(
    painter: &egui::Painter,
    tornado: &Tornado,
    layout: &TornadoLayout,
    font: &FontId,
    palette: &Palette,
) {
    let axis_y = layout.axis_y as f32;
    let bottom = axis_y - font.size * 0.4;
    let x = |at: f64| layout.x(tornado, at) as f32;
    for tick in &tornado.ticks {
        let x = x(tick.value);
        let stroke = if tick.major { 1.0 } else { 0.5 };
        painter.line_segment(
            [pos2(x, layout.rows_top as f32), pos2(x, bottom)],
            Stroke::new(stroke, palette.grid),
        );
    }
    for tick in layout.labelled_ticks(tornado, f64::from(font.size)) {
        painter.text(
            pos2(x(tick.value), axis_y),
            Align2::CENTER_TOP,
            tick.label.as_deref().unwrap_or_default(),
            font.clone(),
            palette.weak_text,
        );
    }
    if tornado
        .bars
        .iter()
        .any(|bar| bar.at_low.never || bar.at_high.never)
    {
        painter.text(
            pos2(x(tornado.never_at), axis_y),
            Align2::CENTER_TOP,
            "never",
            font.clone(),
            palette.weak_text,
        );
    }
    painter.text(
        pos2(painter.clip_rect().center().x, axis_y + font.size * 1.3),
        Align2::CENTER_TOP,
        TORNADO_AXIS,
        font.clone(),
        palette.weak_text,
    );
    let notes = [tornado.note.clone(), tornado.left_out(layout.shown)];
    for (index, note) in notes.iter().flatten().enumerate() {
        let width = painter.clip_rect().width();
        let galley = painter.layout(note.clone(), font.clone(), palette.text, width);
        let at = pos2(
            painter.clip_rect().left(),
            axis_y + font.size * (3.0 + 1.4 * index as f32),
        );
        painter.galley(at, galley, palette.text);
    }
}

/// What the two colours mean, under the title.
fn key(
    painter: &egui::Painter,
    tornado: &Tornado,
    layout: &TornadoLayout,
    rect: Rect,
    look: Look,
    palette: &Palette,
) {
    let size = look.text_size(TextRole::Tick);
    let font = FontId::proportional(size);
    let mut x = rect.left();
    let y = layout.key_top(f64::from(look.text_size(TextRole::Legend))) as f32;
    for (ink, words) in [(tornado.low_ink, LOW_GUESS), (tornado.high_ink, HIGH_GUESS)] {
        let swatch = Rect::from_min_size(pos2(x, y), vec2(size * 1.2, size * 0.9));
        painter.rect_filled(swatch, 2.0, palette.ink(ink));
        let galley = painter.layout_no_wrap(words.to_owned(), font.clone(), palette.text);
        let width = galley.size().x;
        painter.galley(
            pos2(swatch.right() + size * 0.4, y - size * 0.1),
            galley,
            palette.text,
        );
        x = swatch.right() + size * 0.4 + width + size * 1.5;
    }
}
