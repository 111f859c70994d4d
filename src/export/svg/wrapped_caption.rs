//! The caption under the SVG chart: title, verdict, what cannot run, the assumptions and
//! the date, wrapped to the page (SVG text does not wrap by itself, and a slide must not
//! clip it).

use std::fmt::Write as _;

use super::{Canvas, escape, hex};
use crate::export::caption::Caption;
use crate::figure;
use crate::theme::{CaptionLine, Look};

/// Line height of caption text, in text sizes.
pub(super) const CAPTION_LINE_HEIGHT: f64 = 1.45;

/// The caption's lines, each wrapped to `width` pixels, with the kind that sets its size.
pub(super) fn caption_lines(
    text: &Caption,
    look: Look,
    scale: f64,
    width: f64,
) -> Vec<(String, CaptionLine)> {
    let mut lines = Vec::new();
    let mut add = |content: &str, kind: CaptionLine| {
        let size = f64::from(look.caption_size(kind)) * scale;
        let characters = (width / (size * figure::CHARACTER_WIDTH)).max(20.0) as usize;
        for line in wrap(content, characters) {
            lines.push((line, kind));
        }
    };
    add(&text.title, CaptionLine::Title);
    if !text.verdict.is_empty() {
        add(&text.verdict, CaptionLine::Verdict);
    }
    for line in &text.comparison {
        add(line, CaptionLine::Verdict);
    }
    for warning in &text.warnings {
        add(warning, CaptionLine::Warning);
    }
    for line in text.figures.iter().chain(&text.table) {
        add(line, CaptionLine::Assumption);
    }
    for assumption in &text.assumptions {
        add(assumption, CaptionLine::Assumption);
    }
    add(&text.footer, CaptionLine::Footer);
    lines
}

/// Breaks `text` into lines of at most `characters` characters at spaces (a longer word
/// keeps a line to itself): SVG text does not wrap, and a slide must not clip it.
pub(crate) fn wrap(text: &str, characters: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed =
            current.chars().count() + usize::from(!current.is_empty()) + word.chars().count();
        if !current.is_empty() && needed > characters {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

impl Canvas {
    pub(super) fn caption(&self, svg: &mut String, lines: &[(String, CaptionLine)], top: f64) {
        let size = |line: CaptionLine| f64::from(self.look.caption_size(line)) * self.scale;
        let left = self.plot.left.min(24.0 * self.scale);
        let mut y = top;
        for (content, kind) in lines {
            let kind = *kind;
            y += size(kind);
            let (bold, color) = match kind {
                CaptionLine::Title => (true, self.palette.text),
                CaptionLine::Warning => (true, self.palette.warning),
                CaptionLine::Verdict => (false, self.palette.text),
                CaptionLine::Assumption | CaptionLine::Footer => (false, self.palette.weak_text),
            };
            let _ = writeln!(
                svg,
                r#"<text x="{left:.1}" y="{y:.1}" font-size="{:.1}"{} fill="{}">{}</text>"#,
                size(kind),
                if bold { r#" font-weight="bold""# } else { "" },
                hex(color),
                escape(content)
            );
            y += size(kind) * (CAPTION_LINE_HEIGHT - 1.0);
        }
    }
}

impl Canvas {
    /// The caption as egui laid it out for the PNG: a rule above it, then each row where
    /// egui put it, in its size and colour (a bold title or warning in egui is its colour).
    pub(super) fn laid_out_caption(&self, svg: &mut String, caption: &super::LaidOutCaption) {
        let _ = writeln!(
            svg,
            r#"<line x1="0" y1="{top:.1}" x2="100%" y2="{top:.1}" stroke="{}" stroke-width="1"/>"#,
            hex(self.palette.grid),
            top = caption.top,
        );
        for row in &caption.rows {
            let size = f64::from(row.size);
            let bold = row.color == self.palette.warning;
            let _ = writeln!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}"{} fill="{}">{}</text>"#,
                row.left,
                f64::from(row.top) + size * super::ASCENT,
                if bold { r#" font-weight="bold""# } else { "" },
                hex(row.color),
                escape(&row.text)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_caption_lines_wrap_at_spaces() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        assert_eq!(wrap("", 5), [""]);
    }
}
