//! Chart words painted over the plot where the figure placed them: crossover labels and
//! their brackets, the volume marker's label and the crossover interval's words.

use eframe::egui::{self, Align2, FontId, Stroke};

use crate::figure::{Figure, Frame, LINE_GAP, TextBox, TextRole};
use crate::theme::{Look, Palette};

/// Crossover labels, painted over the plot where the figure's rule puts them.
pub(super) fn draw_labels(
    ui: &egui::Ui,
    figure: &Figure,
    frame: egui::Rect,
    look: Look,
    palette: &Palette,
) {
    let painter = ui.painter_at(frame);
    let size = look.text_size(TextRole::CrossoverLabel);
    let at = |text: &TextBox, line: usize| {
        frame.min
            + egui::vec2(
                text.left as f32,
                text.top as f32 + line as f32 * LINE_GAP as f32 * size,
            )
    };
    for label in &figure.labels {
        let Some(text) = label.placed else {
            continue;
        };
        // Words about a pair whose winner is not the cheapest overall are muted.
        let color = if label.secondary {
            palette.weak_text
        } else {
            palette.crossover
        };
        for (line, words) in label.lines.iter().enumerate() {
            painter.text(
                at(&text, line),
                Align2::LEFT_TOP,
                words,
                FontId::proportional(size),
                color,
            );
        }
        if let Some((from, to)) = label.brackets {
            // A bracket under the words, over the stretch of crossovers it stands for.
            let frame_size = Frame {
                width: f64::from(frame.width()),
                height: f64::from(frame.height()),
                text_height: f64::from(size),
            };
            let left = figure.to_frame(&frame_size, [from, 0.0])[0] as f32;
            let right = figure.to_frame(&frame_size, [to, 0.0])[0] as f32;
            let y = (text.top + text.height) as f32 + size * 0.35;
            let tick = size * 0.4;
            let stroke = Stroke::new(1.5, palette.crossover);
            let points = [
                frame.min + egui::vec2(left, y + tick),
                frame.min + egui::vec2(left, y),
                frame.min + egui::vec2(right, y),
                frame.min + egui::vec2(right, y + tick),
            ];
            painter.add(egui::Shape::line(points.to_vec(), stroke));
        }
    }
    if let Some(interval) = &figure.interval
        && let Some(text) = interval.placed
    {
        // On a plate of the background, so grid and marker lines never strike it through.
        let color = palette.ink(interval.ink);
        let galley =
            painter.layout_no_wrap(interval.text.clone(), FontId::proportional(size), color);
        let plate = egui::Rect::from_min_size(at(&text, 0), galley.size()).expand(2.0);
        painter.rect_filled(plate, 3.0, palette.background.gamma_multiply(0.85));
        painter.galley(at(&text, 0), galley, color);
    }
    if let Some(marker) = &figure.volume_marker
        && let Some(text) = marker.placed
    {
        painter.text(
            at(&text, 0),
            Align2::LEFT_TOP,
            &marker.text,
            FontId::proportional(look.text_size(TextRole::VolumeMarker)),
            palette.volume_marker,
        );
    }
}
