//! The SVG export rasterized with resvg (the renderer browsers' engines and converters
//! agree with; ImageMagick drops translucency) against the PNG export, drawn by egui on
//! the GPU: both draw one figure, so every curve, band and legend swatch must land in the
//! same amounts and the same mix of colours. Compared as amounts rather than pixel by
//! pixel: the two renderers anti-alias differently and lay out axes a few pixels apart.

use llm_cost_explorer::engine::{Model, prepare};
use llm_cost_explorer::export::caption::Include;
use llm_cost_explorer::export::{ExportChart, ImageRequest};
use llm_cost_explorer::export::{image, svg};
use llm_cost_explorer::figure::{ChartView, TimelineMeasure, option_inks};
use llm_cost_explorer::scenario::presets;
use llm_cost_explorer::theme::Look;
use resvg::{tiny_skia, usvg};

const SIZE: (u32, u32) = (1600, 900);

fn request(model: Model, chart: ExportChart) -> ImageRequest {
    ImageRequest {
        model,
        pinned: None,
        chart,
        include: Include::default(),
        look: Look::default(),
        view: ChartView::FollowScenario,
        width_px: SIZE.0,
        height_px: SIZE.1,
        pixels_per_point: 1.6,
        date: "2026-12-01".to_owned(),
    }
}

/// The SVG export drawn by resvg, RGBA.
fn rasterized_svg(request: &ImageRequest) -> Vec<[u8; 4]> {
    let mut options = usvg::Options::default();
    options
        .fontdb_mut()
        .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    options.fontdb_mut().set_sans_serif_family("Ubuntu");
    let tree = usvg::Tree::from_str(&svg::render(request), &options).expect("the SVG parses");
    let mut pixmap = tiny_skia::Pixmap::new(SIZE.0, SIZE.1).expect("a pixmap");
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Opaque everywhere (the SVG paints its background), so premultiplied is plain RGBA.
    pixmap
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
        .collect()
}

/// The PNG export, RGBA.
fn rendered_png(request: &ImageRequest) -> Vec<[u8; 4]> {
    let image = image::render(request).expect("the PNG renders");
    assert_eq!((image.width(), image.height()), SIZE);
    image.pixels().map(|p| p.0).collect()
}

/// Pixels within a small tolerance of `color`.
fn count_of(pixels: &[[u8; 4]], color: [u8; 3]) -> usize {
    pixels
        .iter()
        .filter(|pixel| {
            pixel[..3]
                .iter()
                .zip(color)
                .all(|(a, b)| a.abs_diff(b) <= 12)
        })
        .count()
}

/// The colours drawn (curves, bands, shading; not the greys of text, grid and background),
/// 16 levels a channel, as shares of the coloured pixels.
fn palette_of(pixels: &[[u8; 4]]) -> Vec<f64> {
    let mut bins = vec![0usize; 4096];
    let mut drawn = 0usize;
    let coloured = |p: &&[u8; 4]| {
        let (high, low) = (p[..3].iter().max(), p[..3].iter().min());
        high.zip(low).is_some_and(|(high, low)| high - low > 24)
    };
    for pixel in pixels.iter().filter(coloured) {
        let bin = (usize::from(pixel[0] >> 4) << 8)
            | (usize::from(pixel[1] >> 4) << 4)
            | usize::from(pixel[2] >> 4);
        bins[bin] += 1;
        drawn += 1;
    }
    bins.iter()
        .map(|count| *count as f64 / drawn.max(1) as f64)
        .collect()
}

/// How alike two pictures' colours are: 1 for the same mix, 0 for no colour in common.
fn colour_overlap(a: &[[u8; 4]], b: &[[u8; 4]]) -> f64 {
    palette_of(a)
        .iter()
        .zip(palette_of(b))
        .map(|(x, y)| x.min(y))
        .sum()
}

/// Both pictures draw every option in its colour about as much, the same mix of colours
/// (curves, bands, shading, markers, text) and as much white.
fn assert_same_drawing(name: &str, request: &ImageRequest) {
    let (png, svg) = (rendered_png(request), rasterized_svg(request));
    let palette = request.look.palette();
    let kinds = request.model.options().iter().map(|option| option.kind);
    for (option, ink) in request.model.options().iter().zip(option_inks(kinds)) {
        let color = palette.ink(ink);
        let rgb = [color.r(), color.g(), color.b()];
        let (in_png, in_svg) = (count_of(&png, rgb), count_of(&svg, rgb));
        let ratio = in_svg as f64 / in_png.max(1) as f64;
        assert!(
            in_png > 500 && (0.5..=2.0).contains(&ratio),
            "{name}: {} is {in_png} pixels in the PNG, {in_svg} in the SVG",
            option.name
        );
    }
    let overlap = colour_overlap(&png, &svg);
    assert!(
        overlap >= 0.6,
        "{name}: the colours drawn differ ({overlap:.2} in common)"
    );
    let white = |pixels: &[[u8; 4]]| {
        pixels.iter().filter(|p| p[..3] == [255, 255, 255]).count() as f64 / pixels.len() as f64
    };
    let (png_white, svg_white) = (white(&png), white(&svg));
    assert!(
        (png_white - svg_white).abs() < 0.08,
        "{name}: {png_white:.2} of the PNG is white, {svg_white:.2} of the SVG"
    );
}

#[test]
fn the_svg_draws_what_the_png_draws() {
    for preset in [
        "gpt4o-vs-dedicated-server",
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
    ] {
        let model = prepare(&presets::load(preset).expect("preset"));
        assert_same_drawing(preset, &request(model, ExportChart::Costs));
    }
    let mut growing = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    growing.timeline.growth_per_month = 0.15;
    let timeline = ExportChart::Timeline(TimelineMeasure::Cumulative);
    assert_same_drawing("timeline", &request(prepare(&growing), timeline));
}

#[test]
fn the_comparison_fails_for_a_different_drawing() {
    // The measure would catch an SVG that drew something else: the full stack's SVG (bands,
    // shading, the tornado) against the dedicated server's PNG has other colours.
    let one = request(
        prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset")),
        ExportChart::Costs,
    );
    let other = request(
        prepare(&presets::load("70b-full-stack-2xa100").expect("preset")),
        ExportChart::Costs,
    );
    let overlap = colour_overlap(&rendered_png(&one), &rasterized_svg(&other));
    assert!(overlap < 0.6, "{overlap:.2}");
}
