//! The answer in words and figures: the verdict headline, per-option figures, warnings,
//! the cost-layer breakdown and the formulas with numbers substituted.

use eframe::egui::{self, Color32, RichText, Ui};

use crate::engine::explain::derivations;
use crate::engine::self_hosted::Layer;
use crate::engine::{Model, OptionKind, OptionReport, Report, SelfHostedFigures, verdict};
use crate::theme::{HEADLINE_SIZE, Look, Palette, option_colors};
use crate::units::{Currency, format_percent};

/// The sentences above the charts, written once per model rather than every frame.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Words {
    /// The verdict.
    headline: String,
    /// How sure it is, with ranges.
    range: Option<String>,
    /// What the marginal lens treated as owned.
    lens: Option<String>,
    /// That a self-hosted option counts no engineering time.
    engineering: Option<String>,
    /// The timeline's answer.
    pub(super) timeline: Option<String>,
}

impl Words {
    pub(super) fn of(model: &Model) -> Self {
        let report = model.report();
        Self {
            headline: verdict::headline(report),
            range: verdict::range_sentence(report),
            lens: report.lens_note.clone(),
            engineering: report.engineering_note(),
            timeline: crate::engine::timeline::words::headline(model.timeline()),
        }
    }
}

/// The headline sentence, large.
pub(super) fn headline(ui: &mut Ui, words: &Words, look: Look) {
    let text = words.headline.as_str();
    ui.add(
        egui::Label::new(
            RichText::new(text)
                .size(HEADLINE_SIZE * look.text_scale())
                .strong(),
        )
        .wrap(),
    );
}

/// The notes that go with the headline: how sure it is, what the lens treated as owned,
/// and that no engineering time is counted.
pub(super) fn notes(ui: &mut Ui, words: &Words, look: Look) {
    if let Some(sentence) = &words.range {
        ui.add(
            egui::Label::new(
                RichText::new(sentence)
                    .size(HEADLINE_SIZE * 0.72 * look.text_scale())
                    .color(look.palette().interval),
            )
            .wrap(),
        );
    }
    if let Some(note) = &words.lens {
        ui.add(egui::Label::new(RichText::new(note).color(look.palette().weak_text)).wrap());
    }
    if let Some(note) = &words.engineering {
        ui.add(egui::Label::new(RichText::new(note).color(look.palette().weak_text)).wrap())
            .on_hover_text(
                "Set the engineers' FTE under the option's people and fixed costs to count \
                 the time it takes to run",
            );
    }
}

/// Warnings in a colour that stands out.
pub(super) fn warnings(ui: &mut Ui, report: &Report, look: Look) {
    let color = look.palette().warning;
    for warning in &report.warnings {
        ui.add(
            egui::Label::new(
                RichText::new(format!("Warning: {warning}"))
                    .color(color)
                    .strong(),
            )
            .wrap(),
        );
    }
}

/// Values that would stop the scenario from being saved, named by field.
pub(super) fn problems(ui: &mut Ui, problems: &[crate::scenario::validate::Problem], look: Look) {
    let color = look.palette().warning;
    for problem in problems {
        ui.add(
            egui::Label::new(
                RichText::new(format!("Fix before saving: {problem}"))
                    .color(color)
                    .strong(),
            )
            .wrap(),
        );
    }
}

/// One row per option: cost, $/1M, $/request, nodes, busy share, savings, payback. In
/// presentation mode only the two numbers a room reads: the cost a month and the
/// difference from the cheapest API.
pub(super) fn figures(ui: &mut Ui, report: &Report, look: Look) {
    let palette = look.palette();
    let colors = option_colors(&palette, report.options.iter().map(|o| o.kind));
    if look.presentation {
        compact_figures(ui, report, &palette, &colors);
        return;
    }
    let show_requests = report.requests_per_month.is_some();
    let show_ranges = !report.ranged_inputs.is_empty();
    // In a narrow window the table scrolls sideways instead of widening the whole column.
    egui::ScrollArea::horizontal()
        .id_salt("figures-scroll")
        .show(ui, |ui| {
            egui::Grid::new("option-figures")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    let currency = &report.currency;
                    figure_headers(ui, currency.symbol(), show_requests, show_ranges);
                    for (option, color) in report.options.iter().zip(&colors) {
                        let shown = (show_requests, show_ranges);
                        figure_row(ui, option, *color, shown, (&palette, currency));
                    }
                });
        });
    if let Some(statement) = report.currency.statement() {
        ui.label(RichText::new(statement).small().weak());
    }
}

/// The presentation table: each option's cost a month and how it compares with the
/// cheapest API ("saves $X/mo", "costs $X/mo more", or why it cannot run).
fn compact_figures(ui: &mut Ui, report: &Report, palette: &Palette, colors: &[Color32]) {
    let currency = &report.currency;
    egui::Grid::new("option-figures-compact")
        .striped(true)
        .spacing([24.0, 6.0])
        .show(ui, |ui| {
            for header in [
                "Option",
                &format!("{}/month", currency.symbol()),
                "vs cheapest API",
            ] {
                ui.label(RichText::new(header).weak());
            }
            ui.end_row();
            for (option, color) in report.options.iter().zip(colors) {
                crate::plot_view::swatch(ui, *color, &option.name);
                let cannot_run = monthly_cell(ui, option, currency);
                match &option.self_hosted {
                    Some(figures) => savings_cell(ui, figures, cannot_run, (palette, currency)),
                    None => {
                        ui.label("–");
                    }
                }
                ui.end_row();
            }
        });
}

/// The table's columns in the order a decision reads them: what it costs a month and a
/// year, against the cheapest API, when it pays back; then the range, the unit costs and
/// the capacity, which scroll into view in a narrow window.
fn figure_headers(ui: &mut Ui, symbol: &str, show_requests: bool, show_ranges: bool) {
    for header in [
        "Option".to_owned(),
        format!("{symbol}/month"),
        format!("{symbol}/year"),
        "vs cheapest API".to_owned(),
        "Payback".to_owned(),
    ] {
        ui.label(RichText::new(header).weak());
    }
    if show_ranges {
        ui.label(RichText::new(format!("Range {symbol}/month")).weak())
            .on_hover_text("From every input at its low guess to every input at its high");
    }
    ui.label(RichText::new(format!("{symbol}/1M tokens")).weak());
    if show_requests {
        ui.label(RichText::new(format!("{symbol}/request")).weak());
    }
    for header in ["Nodes", "Busy"] {
        ui.label(RichText::new(header).weak());
    }
    ui.end_row();
}

/// "–" where a figure does not apply.
fn or_dash(value: Option<f64>, currency: &Currency) -> String {
    value.map_or_else(|| "–".to_owned(), |usd| currency.format(usd))
}

fn figure_row(
    ui: &mut Ui,
    option: &OptionReport,
    color: Color32,
    (show_requests, show_ranges): (bool, bool),
    (palette, currency): (&Palette, &Currency),
) {
    ui.horizontal(|ui| {
        crate::plot_view::swatch(ui, color, &option.name);
        if let Some(reason) = &option.ruled_out {
            ui.label(RichText::new("ruled out").small().color(palette.warning))
                .on_hover_text(format!(
                    "Not recommended: {reason}. Its cost is shown as is."
                ));
        }
    });
    let cannot_run = monthly_cell(ui, option, currency);
    ui.label(or_dash(option.yearly_cost_usd, currency))
        .on_hover_text("Twelve months at this volume");
    match &option.self_hosted {
        Some(figures) => decision_cells(ui, figures, cannot_run, (palette, currency)),
        None => {
            ui.label("–");
            ui.label("–");
        }
    }
    if show_ranges {
        ui.label(
            match (option.monthly_cost_low_usd, option.monthly_cost_high_usd) {
                (Some(low), Some(high)) if high > low => {
                    format!("{} – {}", currency.format(low), currency.format(high))
                }
                _ => "–".to_owned(),
            },
        );
    }
    ui.label(or_dash(option.usd_per_million_tokens, currency));
    if show_requests {
        // A price's digits ("$0.0123" beside "$0.0084"), not cents ("$0.01").
        ui.label(
            option
                .usd_per_request
                .map_or_else(|| "–".to_owned(), |usd| currency.format_price(usd)),
        );
    }
    match &option.self_hosted {
        Some(figures) => capacity_cells(ui, figures),
        None => {
            ui.label("–");
            ui.label("–");
        }
    }
    ui.end_row();
}

/// The option's cost a month, in bold ("cannot serve" when it serves nothing); returns why
/// it cannot run as configured, when it cannot, for the cells that follow.
fn monthly_cell<'a>(ui: &mut Ui, option: &'a OptionReport, currency: &Currency) -> Option<&'a str> {
    let cost = option
        .monthly_cost_usd
        .map_or_else(|| "cannot serve".to_owned(), |usd| currency.format(usd));
    ui.label(RichText::new(cost).strong());
    option
        .cannot_run
        .as_ref()
        .map(crate::engine::CannotRun::message)
}

/// Against the cheapest API, and the payback: what a decision reads first.
fn decision_cells(
    ui: &mut Ui,
    figures: &SelfHostedFigures,
    cannot_run: Option<&str>,
    (palette, currency): (&Palette, &Currency),
) {
    savings_cell(ui, figures, cannot_run, (palette, currency));
    let payback = match figures.payback_words() {
        _ if cannot_run.is_some() => "–".to_owned(),
        Some(words) => words,
        // Bought, but the marginal lens counts it as already paid for.
        None if figures.hardware_life_months.is_some() => "– (owned)".to_owned(),
        None => "– (rented)".to_owned(),
    };
    ui.label(payback)
        .on_hover_text("Months for bought hardware to pay for itself from the API costs it saves");
}

/// How a self-hosted option compares with the cheapest API: what it saves or costs more a
/// month, or that it cannot run as configured (a saving it cannot deliver is no saving).
fn savings_cell(
    ui: &mut Ui,
    figures: &SelfHostedFigures,
    cannot_run: Option<&str>,
    (palette, currency): (&Palette, &Currency),
) {
    match figures.monthly_savings_usd {
        // A saving it cannot deliver is no saving: say why instead.
        _ if cannot_run.is_some() => ui
            .label(RichText::new("cannot run as configured").color(palette.warning))
            .on_hover_text(cannot_run.unwrap_or_default()),
        Some(savings) if savings >= 0.0 => {
            let text = format!("saves {}/mo", currency.format(savings));
            ui.label(RichText::new(text).color(palette.good))
        }
        Some(savings) => {
            let text = format!("costs {}/mo more", currency.format(-savings));
            ui.label(RichText::new(text).color(palette.warning))
        }
        None => ui.label("–"),
    };
}

/// The nodes needed and how busy they are.
fn capacity_cells(ui: &mut Ui, figures: &SelfHostedFigures) {
    let nodes = if figures.nodes == figures.serving_nodes {
        figures.nodes.to_string()
    } else {
        let spare = figures.nodes - figures.serving_nodes;
        format!("{} (+{spare} spare)", figures.serving_nodes)
    };
    ui.label(nodes)
        .on_hover_text("Nodes needed at this volume (serving plus spare)");
    ui.label(format_percent(figures.busy_share))
        .on_hover_text("Share of the serving nodes' time spent busy");
}

/// Stacked bars of each option's cost at the current volume, by layer, fitted to `width`.
pub(super) fn breakdown(ui: &mut Ui, report: &Report, look: Look, width: f32) {
    let palette = look.palette();
    let colors = option_colors(&palette, report.options.iter().map(|o| o.kind));
    let largest = report
        .options
        .iter()
        .filter_map(|o| o.monthly_cost_usd)
        .fold(0.0_f64, f64::max);
    let bar_height = 18.0 * look.text_scale();
    let name_width = (180.0 * look.text_scale()).min(width * 0.35);
    let bar_space = (width - name_width - 100.0 * look.text_scale()).max(60.0);
    for (option, color) in report.options.iter().zip(&colors) {
        let Some(total) = option.monthly_cost_usd else {
            continue;
        };
        let named = match (&option.layers, option.kind) {
            (Some(layers), OptionKind::Api) => layers.named_for_api(),
            (Some(layers), _) => layers.named(),
            (None, _) => vec![(Layer::ApiShare, total)],
        };
        let segments: Vec<(&str, f64, Color32)> = named
            .into_iter()
            .map(|(layer, usd)| {
                // An API's usage keeps the option's own colour, as before.
                let segment = if option.kind == OptionKind::Api && layer == Layer::ApiShare {
                    *color
                } else {
                    palette.layers[layer.index()]
                };
                (layer.label_for(option.kind), usd, segment)
            })
            .collect();
        ui.horizontal(|ui| {
            ui.add_sized(
                [name_width, bar_height],
                egui::Label::new(&option.name).truncate(),
            );
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(bar_space, bar_height), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            let mut left = rect.left();
            let mut hover = Vec::new();
            for (name, usd, segment_color) in &segments {
                if *usd <= 0.0 || largest <= 0.0 {
                    continue;
                }
                let segment_width = (*usd / largest) as f32 * rect.width();
                let segment = egui::Rect::from_min_size(
                    egui::pos2(left, rect.top()),
                    egui::vec2(segment_width, rect.height()),
                );
                painter.rect_filled(segment, 0.0, *segment_color);
                left += segment_width;
                hover.push(format!(
                    "{name}: {} ({})",
                    report.currency.format(*usd),
                    format_percent(usd / total.max(f64::MIN_POSITIVE))
                ));
            }
            response.on_hover_text(hover.join("\n"));
            ui.label(RichText::new(report.currency.format(total)).strong());
        });
    }
}

/// Colour key of the cost layers: the five every scenario has, and the others when some
/// option in the report has them.
pub(super) fn layer_legend(ui: &mut Ui, report: &Report, look: Look) {
    let palette = look.palette();
    let present = |layer: Layer| {
        report.options.iter().any(|option| {
            option.layers.is_some_and(|layers| {
                layers
                    .named()
                    .iter()
                    .chain(&layers.named_for_api())
                    .any(|(named, usd)| *named == layer && *usd != 0.0)
            })
        })
    };
    for layer in Layer::ALL {
        if layer.index() < 5 || present(layer) {
            layer_key(ui, palette.layers[layer.index()], layer.label());
        }
    }
}

/// A swatch and its name as one widget, so a wrapped row of keys never splits one.
fn layer_key(ui: &mut Ui, color: Color32, name: &str) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let text_color = ui.visuals().text_color();
    let galley = ui
        .painter()
        .layout_no_wrap(name.to_owned(), font, text_color);
    let swatch = 12.0;
    let gap = 4.0;
    let size = egui::vec2(swatch + gap + galley.size().x, galley.size().y.max(swatch));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, name));
    let square = egui::Rect::from_center_size(
        egui::pos2(rect.left() + swatch / 2.0, rect.center().y),
        egui::vec2(swatch, swatch),
    );
    ui.painter().rect_filled(square, 2.0, color);
    let text_at = egui::pos2(
        square.right() + gap,
        rect.center().y - galley.size().y / 2.0,
    );
    ui.painter().galley(text_at, galley, text_color);
}

/// The formulas with numbers substituted, one collapsible block per option.
pub(super) fn math(ui: &mut Ui, model: &Model) {
    let currency = &model.report().currency;
    if !currency.is_usd() {
        let note = format!(
            "The math is in US dollars, as prices are entered; results are shown in {} at {} \
             per US dollar.",
            currency.code,
            crate::units::rate_text(currency.per_usd)
        );
        ui.add(egui::Label::new(RichText::new(note).weak()).wrap());
    }
    for derivation in derivations(model.scenario(), model.report()) {
        ui.label(RichText::new(&derivation.option).strong());
        for line in &derivation.lines {
            ui.add(egui::Label::new(RichText::new(line).monospace()).wrap());
        }
        ui.add_space(4.0);
    }
}
