use super::*;
use crate::engine::prepare;
use crate::figure::ChartView;
use crate::scenario::presets;
use crate::theme::Look;

fn request(preset: &str) -> ImageRequest {
    ImageRequest {
        model: prepare(&presets::load(preset).expect("preset")),
        pinned: None,
        include: crate::export::caption::Include::default(),
        chart: ExportChart::Costs,
        look: Look::default(),
        view: ChartView::FollowScenario,
        width_px: 1600,
        height_px: 900,
        pixels_per_point: 1.6,
        date: "2026-12-01".to_owned(),
    }
}

/// Every text on the page, with where its baseline is.
fn texts(svg: &str) -> Vec<(f64, String)> {
    let document = roxmltree::Document::parse(svg).expect("the page is well-formed XML");
    document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .map(|node| {
            let y: f64 = node
                .attribute("y")
                .and_then(|y| y.parse().ok())
                .unwrap_or(0.0);
            (y, node.text().unwrap_or_default().to_owned())
        })
        .collect()
}

#[test]
fn the_page_says_the_verdict_shows_the_chart_the_tables_and_the_sources() {
    let request = request("70b-full-stack-2xa100");
    let page = page_svg(&request);
    let all: Vec<String> = texts(&page).into_iter().map(|(_, text)| text).collect();
    let has = |words: &str| all.iter().any(|text| text.contains(words));
    assert!(
        has("Full-stack 70B on 2x A100 vs GPT-4o"),
        "the title: {all:?}"
    );
    assert!(
        has("At 1.00B tokens/month the API (GPT-4o) is cheaper"),
        "the verdict: {all:?}"
    );
    assert!(
        has("Cost at this volume") && has("$/year"),
        "the options table"
    );
    assert!(has("$13,225"), "the self-hosted option's cost at 1B");
    assert!(has("Self-hosted by layer"), "the layer table");
    assert!(has("Sources"), "the sources");
    assert!(
        has("Made with LLM Cost Explorer on 2026-12-01"),
        "the footer"
    );
    // The chart is the SVG export's own element, nested in the page.
    assert!(
        page.contains(r#"<svg x="36.0""#),
        "the chart is placed on the page"
    );
    assert!(has("Tokens per month (log scale)"), "the chart's axis");
}

#[test]
fn nothing_runs_off_the_page() {
    for preset in presets::PRESETS {
        let page = page_svg(&request(preset.name));
        for (y, text) in texts(&page) {
            assert!(y <= PAGE.1 - MARGIN + 1.0, "{}: {text} at {y}", preset.name);
        }
    }
}

#[test]
fn the_pdf_is_one_page_with_the_font_embedded() {
    let pdf = render(&request("gpt4o-vs-dedicated-server")).expect("a PDF");
    assert!(pdf.starts_with(b"%PDF-"), "a PDF file");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 1, "one page");
    assert!(text.contains("Ubuntu"), "the font is embedded");
}

#[test]
fn a_timeline_page_gives_each_option_its_cash_over_the_horizon() {
    let mut request = request("gpt4o-vs-dedicated-server");
    let mut scenario = request.model.scenario().clone();
    scenario.timeline.growth_per_month = 0.15;
    request.model = prepare(&scenario);
    request.chart = ExportChart::Timeline(crate::figure::TimelineMeasure::Cumulative);
    let all: Vec<String> = texts(&page_svg(&request))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(all.iter().any(|t| t == "36-mo cash"), "{all:?}");
    assert!(
        all.iter().any(|t| t == "$355,021"),
        "GPT-4o over 36 months: {all:?}"
    );
    assert!(
        all.iter().any(|t| t.starts_with("Switching from GPT-4o")),
        "{all:?}"
    );
    // The footer says what a cash view counts, not what the cost chart's monthly cost does.
    assert!(
        all.iter()
            .any(|t| t.starts_with("Cash paid, bought nodes in the month they are first needed")),
        "{all:?}"
    );
    assert!(
        !all.iter().any(|t| t.starts_with("Full cost: write-off")),
        "{all:?}"
    );
}

#[test]
fn a_page_in_another_currency_converts_every_amount_and_states_the_rate() {
    let mut request = request("70b-full-stack-2xa100");
    let mut scenario = request.model.scenario().clone();
    scenario.currency = crate::units::Currency {
        code: "GBP".to_owned(),
        symbol: "£".to_owned(),
        per_usd: 0.5,
    };
    request.model = prepare(&scenario);
    let page = page_svg(&request);
    let all: Vec<String> = texts(&page).into_iter().map(|(_, text)| text).collect();
    let has = |words: &str| all.iter().any(|text| text.contains(words));
    assert!(
        has("£/year") && has("Self-hosted by layer, £/mo"),
        "{all:?}"
    );
    // $13,225 at 0.5 per dollar is £6,612.50, shown in whole pounds.
    assert!(
        has("£6,613"),
        "the self-hosted option's cost at 1B: {all:?}"
    );
    assert!(!has("$13,225"), "{all:?}");
    assert!(has("Amounts in GBP (£) at 0.5 per US dollar"), "{all:?}");
    assert!(
        has("Monthly cost, GBP (log scale)") && has("£1k"),
        "the chart's axis: {all:?}"
    );
}

/// Every preset's assumptions and sources fit the page: none is left to "more lines … in
/// the scenario file" (figures that share a source are listed under it once).
#[test]
fn every_presets_sources_are_on_the_page() {
    for preset in presets::PRESETS {
        let page = page_svg(&request(preset.name));
        let all: Vec<String> = texts(&page).into_iter().map(|(_, text)| text).collect();
        assert!(
            !all.iter()
                .any(|text| text.contains("more lines of assumptions")),
            "{}: {all:?}",
            preset.name
        );
        // Each figure is on the page (a long line wraps at a space).
        let page_text = all.join(" ");
        let scenario = presets::load(preset.name).expect("preset");
        for source in &scenario.sources {
            assert!(
                page_text.contains(&source.figure),
                "{}: {:?} not on the page",
                preset.name,
                source.figure
            );
        }
    }
}

/// A scenario with more options than the space under the chart holds: the tables stop
/// above the footer and say how many are left out and where they are.
#[test]
fn tables_too_long_for_the_page_stop_above_the_footer() {
    let mut request = request("70b-full-stack-2xa100");
    let mut scenario = request.model.scenario().clone();
    let api = scenario.apis[0].clone();
    for index in 1..=12u32 {
        let mut extra = api.clone();
        extra.id = crate::scenario::OptionId(100 + index);
        extra.name = format!("API number {index}");
        extra.usd_per_million_input *= 1.0 + f64::from(index) / 10.0;
        scenario.apis.push(extra);
    }
    request.model = prepare(&scenario);
    let page = page_svg(&request);
    let footer_top = PAGE.1 - MARGIN - size::SMALL * LINE;
    let all = texts(&page);
    let footer = all
        .iter()
        .find(|(_, text)| text.starts_with("Full cost"))
        .expect("the footer");
    for (y, text) in &all {
        if text != &footer.1 {
            assert!(
                *y <= footer_top + 0.5,
                "{text:?} at {y} runs into the footer"
            );
        }
    }
    assert!(
        all.iter()
            .any(|(_, text)| text.contains("more: every option is in the CSV")),
        "says what is left out"
    );
}
