//! The legend in the plot's least crowded corner, with a swatch per row as in the SVG.

use eframe::egui::{self, Color32, FontId, Stroke};

use crate::figure::{self, Figure, Swatch, TextRole};
use crate::theme::{Look, Palette, palette};

/// The legend in the corner of the plot the figure chose (the one it covers least of).
/// Rows come from the figure, as in the SVG.
pub(super) fn draw_legend(
    ui: &egui::Ui,
    figure: &Figure,
    frame: egui::Rect,
    look: Look,
    palette: &Palette,
) {
    if figure.legend.is_empty() {
        return;
    }
    let painter = ui.painter_at(frame);
    let font = FontId::proportional(look.text_size(TextRole::Legend));
    let galleys: Vec<_> = figure
        .legend
        .iter()
        .map(|entry| painter.layout_no_wrap(entry.name.clone(), font.clone(), palette.text))
        .collect();
    let row = font.size * 1.45;
    let swatch = egui::vec2(font.size * 1.3, font.size * 0.8);
    let padding = font.size * 0.5;
    let text_width = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let size = egui::vec2(
        padding * 3.0 + swatch.x + text_width,
        padding * 2.0 + row * galleys.len() as f32,
    );
    let margin = font.size * 0.7;
    let [left, top] = figure.legend_corner.place(
        [f64::from(frame.width()), f64::from(frame.height())],
        [f64::from(size.x), f64::from(size.y)],
        f64::from(margin),
    );
    let rect = egui::Rect::from_min_size(frame.min + egui::vec2(left as f32, top as f32), size);
    painter.rect(
        rect,
        4.0,
        palette.background.gamma_multiply(0.92),
        Stroke::new(1.0, palette.grid),
        egui::StrokeKind::Inside,
    );
    for (index, (entry, galley)) in figure.legend.iter().zip(galleys).enumerate() {
        let top = rect.top() + padding + row * index as f32;
        let center_y = top + row / 2.0;
        let swatch_rect = egui::Rect::from_center_size(
            egui::pos2(rect.left() + padding + swatch.x / 2.0, center_y),
            swatch,
        );
        paint_swatch(
            &painter,
            entry.swatch,
            swatch_rect,
            palette.ink(entry.ink),
            look,
            palette,
        );
        let text_pos = egui::pos2(
            swatch_rect.right() + padding,
            center_y - galley.size().y / 2.0,
        );
        painter.galley(text_pos, galley, palette.text);
    }
}

/// One legend row's swatch: a line, a filled or hollow marker, an area, a band or the
/// interval, as the chart draws each.
fn paint_swatch(
    painter: &egui::Painter,
    swatch: Swatch,
    swatch_rect: egui::Rect,
    color: Color32,
    look: Look,
    palette: &Palette,
) {
    let size = swatch_rect.size();
    match swatch {
        Swatch::Area => {
            painter.rect_filled(swatch_rect, 2.0, color);
        }
        Swatch::Band => {
            painter.rect_filled(swatch_rect, 2.0, color.gamma_multiply(palette::BAND));
            painter.line_segment(
                [swatch_rect.left_center(), swatch_rect.right_center()],
                Stroke::new(look.curve_width() * 0.7, color),
            );
        }
        Swatch::Interval => {
            painter.rect_filled(swatch_rect, 0.0, palette.interval_shade);
            let stroke = Stroke::new(1.5, color);
            for x in [swatch_rect.left(), swatch_rect.right()] {
                painter.line_segment(
                    [
                        egui::pos2(x, swatch_rect.top()),
                        egui::pos2(x, swatch_rect.bottom()),
                    ],
                    stroke,
                );
            }
        }
        Swatch::Marker => {
            painter.circle_filled(swatch_rect.center(), look.marker_radius() * 0.8, color);
        }
        Swatch::HollowMarker => {
            let radius = look.marker_radius() * 0.8;
            painter.circle(
                swatch_rect.center(),
                radius,
                palette.background,
                Stroke::new(2.0, color),
            );
        }
        Swatch::Line { dashed, faded } => {
            let from = swatch_rect.left_center();
            let to = swatch_rect.right_center();
            let color = if faded {
                color.gamma_multiply(palette::FADED)
            } else {
                color
            };
            let stroke = Stroke::new(look.curve_width(), color);
            if faded {
                painter.extend(egui::Shape::dotted_line(
                    &[from, to],
                    color,
                    size.x / 5.0,
                    look.curve_width() * 0.5,
                ));
            } else if dashed {
                painter.extend(egui::Shape::dashed_line(
                    &[from, to],
                    stroke,
                    size.x / 3.0,
                    size.x / 6.0,
                ));
            } else {
                painter.line_segment([from, to], stroke);
            }
        }
    }
}

/// Height of the legend strip under a small plot: its entries, estimated as the figure
/// estimates text, in as many rows as the width takes (at least two).
pub(super) fn strip_height(ui: &egui::Ui, look: Look, width: f32, figure: &Figure) -> f32 {
    // Measured as `draw_strip` lays the entries out (the names' real widths, the same
    // spacing and wrapping), so the strip never runs into what follows the chart.
    let size = look.text_size(TextRole::Legend);
    let (gap, swatch, after) = strip_spacing(size);
    let font = egui::FontId::proportional(size);
    let mut rows = 1;
    let mut row_height: f32 = 0.0;
    let mut x = 0.0;
    for entry in &figure.legend {
        let galley = ui
            .painter()
            .layout_no_wrap(entry.name.clone(), font.clone(), Color32::WHITE);
        row_height = row_height.max(galley.size().y).max(swatch.y);
        let width_of_entry = swatch.x + gap + galley.size().x;
        if x > 0.0 && x + width_of_entry > width {
            rows += 1;
            x = 0.0;
        }
        x += width_of_entry + gap + after;
    }
    let spacing = ui.spacing().item_spacing.y;
    rows as f32 * (row_height + spacing) + 6.0
}

/// The strip's spacing for text `size` points high: between items, a swatch's size and
/// the space after each entry, in whole points so every entry starts on a pixel.
fn strip_spacing(size: f32) -> (f32, egui::Vec2, f32) {
    (
        (size * 0.4).round(),
        egui::vec2((size * 1.3).round(), (size * 0.8).round()),
        (size * 0.6).round(),
    )
}

/// The legend as rows of swatches and names under a plot too small to hold it.
pub(super) fn draw_strip(ui: &mut egui::Ui, figure: &Figure, look: Look, palette: &Palette) {
    let size = look.text_size(TextRole::Legend);
    let (gap, swatch, after) = strip_spacing(size);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = gap;
        for entry in &figure.legend {
            // A swatch and its name go to the next row together, never apart.
            let text = egui::RichText::new(&entry.name)
                .size(size)
                .color(palette.text);
            let galley = ui.painter().layout_no_wrap(
                entry.name.clone(),
                egui::FontId::proportional(size),
                palette.text,
            );
            let width = swatch.x + ui.spacing().item_spacing.x + galley.size().x;
            if ui.available_size_before_wrap().x < width {
                ui.end_row();
            }
            let (rect, _) = ui.allocate_exact_size(swatch, egui::Sense::hover());
            paint_swatch(
                ui.painter(),
                entry.swatch,
                rect,
                palette.ink(entry.ink),
                look,
                palette,
            );
            ui.add(egui::Label::new(text).extend());
            ui.add_space(after);
        }
    });
}

/// The legend column's names laid out by egui, each wrapped to `max_text_width`.
fn column_galleys(
    ui: &egui::Ui,
    look: Look,
    figure: &Figure,
    max_text_width: f32,
    color: Color32,
) -> Vec<std::sync::Arc<egui::Galley>> {
    let font = FontId::proportional(look.text_size(TextRole::Legend));
    figure
        .legend
        .iter()
        .map(|entry| {
            ui.painter()
                .layout(entry.name.clone(), font.clone(), color, max_text_width)
        })
        .collect()
}

/// The size of a legend column beside a plot `plot_width` wide: its names wrapped to the
/// column's widest ([`figure::LEGEND_COLUMN_MAX_SHARE`] of the plot's width) as
/// egui lays them out, with the figure's spacing ([`figure::COLUMN_SPACING`],
/// [`figure::COLUMN_ENTRY_GAP`]).
pub(super) fn column_size(
    ui: &egui::Ui,
    look: Look,
    figure: &Figure,
    plot_width: f32,
) -> egui::Vec2 {
    let size = look.text_size(TextRole::Legend);
    let spacing = size * figure::COLUMN_SPACING as f32;
    let max_text = (plot_width * figure::LEGEND_COLUMN_MAX_SHARE as f32 - spacing).max(size * 4.0);
    let galleys = column_galleys(ui, look, figure, max_text, Color32::WHITE);
    let widest = galleys.iter().map(|g| g.size().x).fold(0.0, f32::max);
    let height: f32 = galleys
        .iter()
        .map(|g| g.size().y + size * figure::COLUMN_ENTRY_GAP as f32)
        .sum();
    egui::vec2(widest + spacing, height)
}

/// The legend as a column of swatches and names right of the plot's `frame`, its first row
/// level with the frame's top, `width` wide: where no corner of the plot is clear.
pub(super) fn draw_column(
    ui: &mut egui::Ui,
    figure: &Figure,
    (frame, width): (egui::Rect, f32),
    look: Look,
    palette: &Palette,
) {
    let size = look.text_size(TextRole::Legend);
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(width), frame.height()),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect.with_min_y(frame.top()).with_max_y(frame.bottom()));
    let swatch = egui::vec2((size * 1.3).round(), (size * 0.8).round());
    let left = (rect.left() + size).round();
    let text_left = (left + swatch.x + size * 0.4).round();
    let max_text = (width - size * figure::COLUMN_SPACING as f32).max(size * 4.0);
    let galleys = column_galleys(ui, look, figure, max_text, palette.text);
    let mut top = frame.top();
    for (entry, galley) in figure.legend.iter().zip(galleys) {
        let first_row = galley.rows.first().map_or(size, |row| row.height());
        let swatch_rect = egui::Rect::from_center_size(
            egui::pos2(left + swatch.x / 2.0, top + first_row / 2.0),
            swatch,
        );
        paint_swatch(
            &painter,
            entry.swatch,
            swatch_rect,
            palette.ink(entry.ink),
            look,
            palette,
        );
        let height = galley.size().y;
        painter.galley(egui::pos2(text_left, top.round()), galley, palette.text);
        top += height + size * figure::COLUMN_ENTRY_GAP as f32;
    }
}

/// A colour swatch and a name, for legends drawn outside the plot.
pub fn swatch(ui: &mut egui::Ui, color: Color32, label: &str) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
        ui.painter().rect_filled(rect, 2.0, color);
        ui.label(label);
    });
}
