//! The exported slide puts the chart first: at 16:9 and at 4:3, for every preset, on the
//! cost chart and the timeline, the plot takes at least 55% of the picture's height with
//! the default caption (the SVG lays its plot where the PNG's is, so this holds for both):
//! a short verdict and at most three lines of figures.

use llm_cost_explorer::engine::prepare;
use llm_cost_explorer::export::caption::Include;
use llm_cost_explorer::export::image::chart_layout;
use llm_cost_explorer::export::{ExportChart, ImageRequest};
use llm_cost_explorer::figure::{ChartView, TimelineMeasure};
use llm_cost_explorer::scenario::presets;
use llm_cost_explorer::theme::Look;

/// The plot's height as a share of the picture's, as the PNG export lays it out.
fn plot_share(preset: &str, chart: ExportChart, (width, height): (u32, u32)) -> f64 {
    let mut scenario = presets::load(preset).expect("preset");
    scenario.timeline.growth_per_month = 0.1;
    let pixels_per_point = (width as f32 / 1000.0).clamp(1.0, 3.0);
    let request = ImageRequest {
        model: prepare(&scenario),
        pinned: None,
        chart,
        include: Include::default(),
        look: Look::default(),
        view: ChartView::FollowScenario,
        width_px: width,
        height_px: height,
        pixels_per_point,
        date: "2026-12-03".to_owned(),
    };
    // The caption: a short verdict, at most three lines of figures, no assumptions.
    let caption = llm_cost_explorer::export::caption::caption_for(&request);
    assert!(
        caption.figures.len() + caption.comparison.len() <= 3 && caption.assumptions.is_empty(),
        "{preset}: {caption:#?}"
    );
    let layout = chart_layout(&request).expect("lays out");
    let frame = layout.plot.expect("a plot").frame;
    f64::from(frame.height() * pixels_per_point) / f64::from(height)
}

#[test]
fn the_plot_takes_most_of_a_slide() {
    let mut short = Vec::new();
    for preset in presets::PRESETS {
        for size in [(1600, 900), (1920, 1080), (1600, 1200), (1024, 768)] {
            for chart in [
                ExportChart::Costs,
                ExportChart::Timeline(TimelineMeasure::Cumulative),
            ] {
                let share = plot_share(preset.name, chart, size);
                if share < 0.55 {
                    short.push(format!("{} {size:?} {chart:?}: {share:.2}", preset.name));
                }
            }
        }
    }
    assert!(
        short.is_empty(),
        "plots under 55% of the picture: {short:#?}"
    );
}
