//! The one-page PDF report: title, verdict, the chart as vectors, each option's cost, the
//! cost by layer, the assumptions with their sources, and the date, on an A4 landscape
//! page. A report always has its tables; the verdict and the assumptions (with the
//! sources) can be left out as on a slide.
//!
//! The page is written as SVG (the chart is the SVG export's own element, so it is the
//! same figure as the PNG and the SVG) and converted with `svg2pdf`, the typst project's
//! converter, rather than writing PDF by hand; the bundled Ubuntu font is embedded, so the
//! text is real, selectable text and reads the same on every machine.

use std::fmt::Write as _;

use svg2pdf::usvg;

use super::ExportError;
use super::caption::{Caption, Include, caption_with};
use super::svg::{self, FONT_FAMILY, escape, hex, wrap};
use super::{ExportChart, ImageRequest};
use crate::engine::self_hosted::Layers;
use crate::engine::{Model, OptionReport};
use crate::figure::CHARACTER_WIDTH;
use crate::theme::Palette;
use crate::units::{Currency, group_thousands};

/// The page: A4 landscape, in points (one SVG unit is one point at svg2pdf's 72 dpi).
pub const PAGE: (f64, f64) = (842.0, 595.0);
/// Space around the page's content, points.
const MARGIN: f64 = 36.0;
/// The chart's height on the page, points: more than half the page, across its width.
const CHART_HEIGHT: f64 = 304.0;
/// The width of the tables' column under the chart, points; the notes take the rest.
const TABLES_WIDTH: f64 = 352.0;
/// Gap between the tables and the notes beside them, points.
const GUTTER: f64 = 18.0;
/// Line height, in text sizes.
const LINE: f64 = 1.35;

/// Text sizes on the page, points.
mod size {
    pub(super) const TITLE: f64 = 17.0;
    pub(super) const VERDICT: f64 = 10.5;
    pub(super) const BODY: f64 = 8.5;
    pub(super) const TABLE: f64 = 7.5;
    pub(super) const SMALL: f64 = 7.0;
    pub(super) const SOURCE: f64 = 6.5;
}

/// The PDF report of `request` (its size is the page's; its look, chart, view, pinned
/// scenario and date are used).
pub fn render(request: &ImageRequest) -> Result<Vec<u8>, ExportError> {
    let page = page_svg(request);
    let mut options = usvg::Options {
        font_family: "Ubuntu".to_owned(),
        ..usvg::Options::default()
    };
    let fonts = options.fontdb_mut();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.set_sans_serif_family("Ubuntu");
    let tree = usvg::Tree::from_str(&page, &options)
        .map_err(|error| ExportError::Render(format!("could not lay out the PDF page: {error}")))?;
    Ok(svg2pdf::to_pdf(
        &tree,
        svg2pdf::ConversionOptions::default(),
        svg2pdf::PageOptions::default(),
    ))
}

/// The page as an SVG document, points as units.
pub fn page_svg(request: &ImageRequest) -> String {
    let palette = request.look.palette();
    // The page has room for what a slide leaves out: the assumptions and their sources.
    let caption = caption_with(
        request,
        Include {
            assumptions: true,
            ..request.include
        },
    );
    let (width, height) = PAGE;
    let mut page = Page {
        svg: String::new(),
        y: MARGIN,
        palette,
        // Tables stop above the footer's line.
        bottom: height - MARGIN - size::SMALL * LINE,
    };
    let _ = writeln!(
        page.svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT_FAMILY}">"#
    );
    let _ = writeln!(
        page.svg,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        hex(palette.background)
    );
    page.heading(&caption, &request.date);
    // The chart across the page, more than half its height: what the page is for.
    let chart_top = page.y + 4.0;
    let chart = ImageRequest {
        width_px: (width - 2.0 * MARGIN) as u32,
        height_px: CHART_HEIGHT as u32,
        ..request.clone()
    };
    page.svg
        .push_str(&svg::chart_element(&chart, MARGIN, chart_top));
    page.y = chart_top + CHART_HEIGHT + 4.0;
    page.rule();
    // Under it, the tables on the left and the assumptions with their sources beside them.
    let below = page.y;
    page.options_table(&request.model, request.chart, MARGIN, TABLES_WIDTH);
    page.y += 6.0;
    page.layers_table(&request.model, MARGIN, TABLES_WIDTH);
    page.y = below;
    let notes_left = MARGIN + TABLES_WIDTH + GUTTER;
    page.notes(
        &caption,
        &request.model,
        (notes_left, width - MARGIN - notes_left),
        height - MARGIN,
    );
    page.svg.push_str("</svg>\n");
    page.svg
}

/// The page as it is written, top to bottom.
struct Page {
    svg: String,
    /// Top of the next line, points.
    y: f64,
    palette: Palette,
    /// How far down the tables may run, points (the footer is below).
    bottom: f64,
}

impl Page {
    /// One line of text with its top at the current position, then the position below it.
    fn line(&mut self, x: f64, text: &str, size: f64, color: eframe::egui::Color32) {
        let _ = writeln!(
            self.svg,
            r#"<text x="{x:.1}" y="{:.1}" font-size="{size}" fill="{}">{}</text>"#,
            self.y + size * 0.8,
            hex(color),
            escape(text)
        );
        self.y += size * LINE;
    }

    /// `text` wrapped to the page's width.
    fn paragraph(&mut self, text: &str, size: f64, color: eframe::egui::Color32) {
        for line in wrap(text, characters(PAGE.0 - 2.0 * MARGIN, size)) {
            self.line(MARGIN, &line, size, color);
        }
    }

    /// A thin line across the page.
    fn rule(&mut self) {
        let _ = writeln!(
            self.svg,
            r#"<line x1="{MARGIN}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{}" stroke-width="0.5"/>"#,
            PAGE.0 - MARGIN,
            hex(self.palette.grid),
            y = self.y
        );
        self.y += 6.0;
    }

    /// Title and date, the verdict, the comparison and what cannot run.
    fn heading(&mut self, caption: &Caption, date: &str) {
        let _ = writeln!(
            self.svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="{}" text-anchor="end" fill="{}">{}</text>"#,
            PAGE.0 - MARGIN,
            self.y + size::TITLE * 0.8,
            size::SMALL,
            hex(self.palette.weak_text),
            escape(date)
        );
        let title = clipped(
            &caption.title,
            characters(PAGE.0 - 2.0 * MARGIN - 60.0, size::TITLE),
        );
        self.line(MARGIN, &title, size::TITLE, self.palette.text);
        self.y += 2.0;
        if !caption.verdict.is_empty() {
            let verdict = match &caption.range {
                Some(range) => format!("{} {range}", caption.verdict),
                None => caption.verdict.clone(),
            };
            self.paragraph(&verdict, size::VERDICT, self.palette.text);
        }
        for line in &caption.comparison {
            self.paragraph(line, size::BODY, self.palette.text);
        }
        for warning in &caption.warnings {
            self.paragraph(warning, size::BODY, self.palette.warning);
        }
    }

    /// A row of cells: the first left-aligned in its column, the rest right-aligned.
    fn row(&mut self, left: f64, columns: &[f64], cells: &[String], color: eframe::egui::Color32) {
        let mut x = left;
        for (index, (width, cell)) in columns.iter().zip(cells).enumerate() {
            let (anchor, at) = if index == 0 {
                ("start", x)
            } else {
                ("end", x + width)
            };
            let text = clipped(cell, characters(*width - 4.0, size::TABLE));
            let _ = writeln!(
                self.svg,
                r#"<text x="{at:.1}" y="{:.1}" font-size="{}" text-anchor="{anchor}" fill="{}">{}</text>"#,
                self.y + size::TABLE * 0.8,
                size::TABLE,
                hex(color),
                escape(&text)
            );
            x += width;
        }
        self.y += size::TABLE * LINE;
    }

    /// Whether the `left` rows still to write (a table's) leave room for one more above
    /// the footer with a line after it; if not, that line says how many are left out and
    /// where they are.
    fn out_of_room(&mut self, left_x: f64, left: usize) -> bool {
        let row = size::TABLE * LINE;
        let fits_all = self.y + row * left as f64 <= self.bottom;
        if fits_all || self.y + row * 2.0 <= self.bottom {
            return false;
        }
        let more = format!("… and {left} more: every option is in the CSV and the text report");
        self.line(left_x, &more, size::TABLE, self.palette.weak_text);
        true
    }

    /// Each option's cost: per month, per year, per 1M tokens (or, on a timeline page, over
    /// the horizon) and nodes.
    fn options_table(&mut self, model: &Model, chart: ExportChart, left: f64, width: f64) {
        let report = model.report();
        let timeline = model.timeline();
        let on_timeline = matches!(chart, ExportChart::Timeline(_));
        let horizon = format!("{}-mo cash", timeline.months);
        let currency = &report.currency;
        let symbol = currency.symbol();
        let per_million = format!("{symbol}/1M tok");
        let header = [
            "Option",
            &format!("{symbol}/month"),
            &format!("{symbol}/year"),
            if on_timeline { &horizon } else { &per_million },
            "Nodes",
        ];
        let numbers = [52.0, 52.0, 50.0, 32.0];
        let columns = columns(width, &numbers);
        self.line(left, "Cost at this volume", size::BODY, self.palette.text);
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        self.row(left, &columns, &header, self.palette.weak_text);
        let totals = timeline.totals();
        for (index, option) in report.options.iter().enumerate() {
            if self.out_of_room(left, report.options.len() - index) {
                break;
            }
            let total = timeline
                .option_keys()
                .iter()
                .position(|key| *key == option.key)
                .and_then(|index| totals.get(index).copied());
            let runs_throughout = timeline.rows.iter().all(|row| {
                row.costs
                    .iter()
                    .find(|cost| cost.option_id == option.key)
                    .is_none_or(|cost| cost.cannot_run.is_none())
            });
            let third = if on_timeline && !runs_throughout {
                Some("cannot run".to_owned())
            } else if on_timeline {
                total.map(|usd| currency.format(usd))
            } else {
                option
                    .usd_per_million_tokens
                    .map(|usd| currency.format(usd))
            };
            let cells = [
                option_name(option),
                money(option.monthly_cost_usd, currency),
                money(option.yearly_cost_usd, currency),
                third.unwrap_or_else(|| "–".to_owned()),
                option
                    .self_hosted
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), |f| group_thousands(f.nodes)),
            ];
            self.row(left, &columns, &cells, self.palette.text);
        }
    }

    /// Each self-hosted option's monthly cost by layer (an API's is all usage).
    fn layers_table(&mut self, model: &Model, left: f64, width: f64) {
        /// Reads one layer of an option's costs.
        type LayerOf = fn(&Layers) -> f64;
        let report = model.report();
        // Without room for its header and two rows the table is left out (the CSV and the
        // text report have it).
        let no_room = self.y + size::TABLE * LINE * 3.0 > self.bottom;
        if no_room || report.options.iter().all(|o| o.self_hosted.is_none()) {
            return;
        }
        let has_api_share = report
            .options
            .iter()
            .any(|o| o.self_hosted.is_some() && o.layers.as_ref().is_some_and(|l| l.api.is_some()));
        // The owning and fixed layers get a column only when some option has them.
        let extras: Vec<(&str, LayerOf)> = [
            ("Capital", (|l: &Layers| l.capital) as LayerOf),
            ("Maint.", |l| l.maintenance),
            ("Facilities", |l| l.facilities),
            ("One-off", |l| l.one_off),
            ("Fees", |l| l.fees),
        ]
        .into_iter()
        .filter(|(_, layer)| {
            report.options.iter().any(|o| {
                o.self_hosted.is_some() && o.layers.as_ref().is_some_and(|l| layer(l) != 0.0)
            })
        })
        .collect();
        let currency = &report.currency;
        let title = format!("Self-hosted by layer, {}/mo", currency.symbol());
        let mut header = vec![title.as_str(), "Compute", "Power", "People", "Infra"];
        header.extend(extras.iter().map(|(name, _)| *name));
        if has_api_share {
            header.push("API share");
        }
        let numbers = vec![44.0; header.len() - 1];
        let columns = columns(width, &numbers);
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        self.row(left, &columns, &header, self.palette.weak_text);
        let self_hosted = report
            .options
            .iter()
            .filter(|option| option.self_hosted.is_some())
            .count();
        for (index, option) in report
            .options
            .iter()
            .filter(|option| option.self_hosted.is_some())
            .enumerate()
        {
            if self.out_of_room(left, self_hosted - index) {
                break;
            }
            let Some(layers) = option.layers else {
                continue;
            };
            let mut cells = vec![option_name(option)];
            cells.extend(
                [
                    layers.compute,
                    layers.electricity,
                    layers.engineering,
                    layers.infrastructure,
                ]
                .map(|usd| currency.format(usd)),
            );
            cells.extend(
                extras
                    .iter()
                    .map(|(_, layer)| currency.format(layer(&layers))),
            );
            if has_api_share {
                cells.push(money(layers.api, currency));
            }
            self.row(left, &columns, &cells, self.palette.text);
        }
    }

    /// The assumptions and the sources of the published figures in the column `(left,
    /// width)` from the current position, then the footer across the page; lines that
    /// would run past `bottom` are left out, saying how many.
    fn notes(&mut self, caption: &Caption, model: &Model, (left, width): (f64, f64), bottom: f64) {
        let mut lines: Vec<(String, f64)> = Vec::new();
        let body = characters(width, size::SMALL);
        for assumption in caption.figures.iter().chain(&caption.assumptions) {
            lines.extend(wrap(assumption, body).into_iter().map(|l| (l, size::SMALL)));
        }
        let sources = &model.scenario().sources;
        if !sources.is_empty() {
            lines.push(("Sources".to_owned(), size::BODY));
            let small = characters(width, size::SOURCE);
            for text in grouped_sources(sources) {
                lines.extend(wrap(&text, small).into_iter().map(|l| (l, size::SOURCE)));
            }
        }
        let footer_top = bottom - size::SMALL * LINE;
        let fits = |y: f64, count: usize, lines: &[(String, f64)]| {
            y + lines[..count].iter().map(|(_, s)| s * LINE).sum::<f64>() <= footer_top
        };
        let mut shown = lines.len();
        while shown > 0 && !fits(self.y, shown, &lines) {
            shown -= 1;
        }
        let left_out = lines.len() - shown;
        if left_out > 0 && shown > 0 {
            // Room for the line that says what was left out.
            shown -= 1;
        }
        for (text, size) in &lines[..shown] {
            let color = if *size < size::SMALL {
                self.palette.weak_text
            } else {
                self.palette.text
            };
            self.line(left, text, *size, color);
        }
        if shown < lines.len() {
            let more = format!(
                "… {} more lines of assumptions and sources are in the scenario file.",
                lines.len() - shown
            );
            self.line(left, &more, size::SOURCE, self.palette.weak_text);
        }
        self.y = footer_top;
        self.line(MARGIN, &caption.footer, size::SMALL, self.palette.weak_text);
    }
}

/// The sources, one line each, figures that share a source (and its date) under it once:
/// "2026 write-ups … (2026): GPT-4o $2.50 / $10.00 per 1M; 2x A100 rented $5-7/hour; …".
/// A preset whose figures come from one set of articles then lists them in a few lines
/// rather than repeating the articles for each figure and running off the page.
fn grouped_sources(sources: &[crate::scenario::Source]) -> Vec<String> {
    let mut groups: Vec<(&str, &str, Vec<&str>)> = Vec::new();
    for source in sources {
        match groups
            .iter_mut()
            .find(|(from, as_of, _)| *from == source.source && *as_of == source.as_of)
        {
            Some((_, _, figures)) => figures.push(&source.figure),
            None => groups.push((&source.source, &source.as_of, vec![&source.figure])),
        }
    }
    groups
        .into_iter()
        .map(|(from, as_of, figures)| format!("{from} ({as_of}): {}", figures.join("; ")))
        .collect()
}

/// Column widths: the first takes what the numbers leave of `width`.
fn columns(width: f64, numbers: &[f64]) -> Vec<f64> {
    let first = (width - numbers.iter().sum::<f64>()).max(40.0);
    std::iter::once(first)
        .chain(numbers.iter().copied())
        .collect()
}

/// How many characters of text of `size` fit in `width` points (generously estimated).
fn characters(width: f64, size: f64) -> usize {
    (width / (size * CHARACTER_WIDTH)).max(8.0) as usize
}

/// `text` cut to `characters`, ending in "…" when cut.
fn clipped(text: &str, characters: usize) -> String {
    if text.chars().count() <= characters {
        return text.to_owned();
    }
    let kept: String = text.chars().take(characters.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// An option's name in a table, marked when it cannot run as configured.
fn option_name(option: &OptionReport) -> String {
    match (&option.cannot_run, &option.ruled_out) {
        (Some(_), _) => format!("{} (cannot run)", option.name),
        (None, Some(_)) => format!("{} (ruled out)", option.name),
        (None, None) => option.name.clone(),
    }
}

/// An amount in the report's currency, or a dash for an option that serves nothing.
fn money(usd: Option<f64>, currency: &Currency) -> String {
    usd.map_or_else(|| "–".to_owned(), |usd| currency.format(usd))
}

#[cfg(test)]
mod tests;
