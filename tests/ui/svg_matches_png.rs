//! The SVG export against the PNG export, by geometry: both draw one figure, so at chosen
//! volumes every option's curve is at the same cost in both (and at the cost the engine
//! gives), and the words inside the plot (crossover labels, the volume marker's label, the
//! interval's words, the legend) are the same words at the same place relative to the plot.
//!
//! The PNG's geometry is read from the shapes egui lays out for it (the very shapes the
//! GPU then fills), the SVG's from the file's own elements: its polylines, its text and the
//! plot frame, which states the bounds it stands for. Nothing is compared by colour counts.
//! One check renders the SVG with resvg, to know the file draws at all.

use eframe::egui;
use eframe::epaint::{ColorMode, Shape};
use llm_cost_explorer::engine::{Model, prepare};
use llm_cost_explorer::export::caption::Include;
use llm_cost_explorer::export::image::{self, ChartLayout};
use llm_cost_explorer::export::svg::{self, ASCENT};
use llm_cost_explorer::export::{ExportChart, ImageRequest};
use llm_cost_explorer::figure::{
    ChartView, Figure, LegendEntry, MIN_COST_SHOWN, TimelineMeasure, timeline_figure, view_bounds,
};
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

/// A picture's geometry: its curves in the figure's units and its words in the plot.
#[derive(Debug, Default)]
struct Geometry {
    /// (colour as `#rrggbb`, points in the figure's units) of every solid line in the plot.
    curves: Vec<(String, Vec<[f64; 2]>)>,
    /// Every text whose corner is in the plot.
    words: Vec<Placed>,
    /// The plot's size, pixels.
    plot: [f64; 2],
}

/// Words in the plot and where their top-left corner is.
#[derive(Clone, Debug)]
struct Placed {
    words: String,
    /// As shares of the plot's width and height, from its top-left corner.
    share: [f64; 2],
}

/// The plot frame of an SVG: its rectangle in pixels and the bounds it stands for.
struct SvgPlot {
    rect: [f64; 4],
    bounds: [f64; 4],
}

impl SvgPlot {
    fn to_figure(&self, [x, y]: [f64; 2]) -> [f64; 2] {
        let [left, top, width, height] = self.rect;
        let [min_x, min_y, max_x, max_y] = self.bounds;
        [
            min_x + (x - left) / width * (max_x - min_x),
            min_y + (top + height - y) / height * (max_y - min_y),
        ]
    }

    fn share(&self, [x, y]: [f64; 2]) -> Option<[f64; 2]> {
        let [left, top, width, height] = self.rect;
        let share = [(x - left) / width, (y - top) / height];
        inside(share).then_some(share)
    }
}

fn numbers(text: &str) -> Vec<f64> {
    text.split([' ', ','])
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().expect("a number"))
        .collect()
}

/// The SVG export's geometry, read from the file.
fn svg_geometry(svg: &str) -> Geometry {
    let document = roxmltree::Document::parse(svg).expect("the SVG parses");
    let frame = document
        .descendants()
        .find(|node| node.attribute("id") == Some("plot-area"))
        .expect("the SVG names its plot frame");
    let number = |name: &str| {
        frame
            .attribute(name)
            .expect(name)
            .parse::<f64>()
            .expect(name)
    };
    let bounds = numbers(frame.attribute("data-bounds").expect("bounds"));
    let plot = SvgPlot {
        rect: [number("x"), number("y"), number("width"), number("height")],
        bounds: [bounds[0], bounds[1], bounds[2], bounds[3]],
    };
    let mut geometry = Geometry {
        plot: [plot.rect[2], plot.rect[3]],
        ..Geometry::default()
    };
    for node in document.descendants() {
        match node.tag_name().name() {
            // Curves carry their name as a title; faded parts (cannot run) and dashed
            // lines (pinned) are not the solid curves compared.
            "polyline"
                if node.children().any(|c| c.tag_name().name() == "title")
                    && node.attribute("stroke-dasharray").is_none() =>
            {
                let flat = numbers(node.attribute("points").expect("points"));
                let points = flat
                    .chunks(2)
                    .map(|xy| plot.to_figure([xy[0], xy[1]]))
                    .collect();
                let colour = node.attribute("stroke").expect("stroke").to_lowercase();
                geometry.curves.push((colour, points));
            }
            // The y axis's title is turned and placed by a transform, outside the plot.
            "text" if node.attribute("transform").is_none() => {
                let size: f64 = node
                    .attribute("font-size")
                    .expect("size")
                    .parse()
                    .expect("size");
                let x: f64 = node.attribute("x").expect("x").parse().expect("x");
                let y: f64 = node.attribute("y").expect("y").parse().expect("y");
                let anchored = node.attribute("text-anchor").is_some_and(|a| a != "start");
                if let (Some(share), false) = (plot.share([x, y - size * ASCENT]), anchored) {
                    let words: String = node.text().unwrap_or_default().to_owned();
                    geometry.words.push(Placed { words, share });
                }
            }
            _ => {}
        }
    }
    geometry
}

/// Every shape, with the shapes of groups spread out.
fn flat(shape: &Shape, out: &mut Vec<Shape>) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| flat(s, out)),
        other => out.push(other.clone()),
    }
}

/// The PNG export's geometry, read from the shapes egui lays out for it.
fn png_geometry(layout: &ChartLayout) -> Geometry {
    let placed = layout.plot.expect("a plot");
    let rect = placed.frame;
    let bounds = placed.bounds;
    let to_figure = |p: egui::Pos2| {
        [
            bounds.min[0]
                + f64::from((p.x - rect.left()) / rect.width()) * (bounds.max[0] - bounds.min[0]),
            bounds.min[1]
                + f64::from((rect.bottom() - p.y) / rect.height())
                    * (bounds.max[1] - bounds.min[1]),
        ]
    };
    let mut shapes = Vec::new();
    for clipped in &layout.shapes {
        flat(&clipped.shape, &mut shapes);
    }
    let pixels = f64::from(layout.pixels_per_point);
    let mut geometry = Geometry {
        plot: [
            f64::from(rect.width()) * pixels,
            f64::from(rect.height()) * pixels,
        ],
        ..Geometry::default()
    };
    for shape in &shapes {
        match shape {
            Shape::Path(path) if !path.closed && path.points.len() > 2 => {
                if let ColorMode::Solid(colour) = path.stroke.color {
                    let colour = format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b());
                    let points = path.points.iter().map(|p| to_figure(*p)).collect();
                    geometry.curves.push((colour, points));
                }
            }
            // egui_plot draws a line with more points than pixels across as a band: one
            // vertical span a pixel, the line through their middles.
            Shape::Band(band) => {
                let colour = band.fill;
                let colour = format!("#{:02x}{:02x}{:02x}", colour.r(), colour.g(), colour.b());
                let points = band
                    .points
                    .iter()
                    .map(|point| to_figure(egui::pos2(point.x, point.y.center())))
                    .collect();
                geometry.curves.push((colour, points));
            }
            Shape::Text(text) => {
                if let Some(share) = share_of(rect, text) {
                    let words = text.galley.text().to_owned();
                    geometry.words.push(Placed { words, share });
                }
            }
            _ => {}
        }
    }
    geometry
}

/// Where a text's top-left corner is, as shares of the plot's width and height; `None`
/// outside the plot.
fn share_of(rect: egui::Rect, text: &eframe::epaint::TextShape) -> Option<[f64; 2]> {
    let corner = text.pos + text.galley.rect.min.to_vec2();
    let share = [
        f64::from((corner.x - rect.left()) / rect.width()),
        f64::from((corner.y - rect.top()) / rect.height()),
    ];
    inside(share).then_some(share)
}

/// Whether a corner at these shares of the plot's width and height starts inside it (one
/// on the bottom edge belongs to the axis below).
fn inside([x, y]: [f64; 2]) -> bool {
    (-0.001..=1.001).contains(&x) && (-0.001..0.995).contains(&y)
}

/// The cost a polyline shows at `x`, where it is a single value: not on or beside a step
/// (a segment that climbs more than 50 decades of cost per decade of volume) and inside
/// the plot; `None` elsewhere.
fn level_at(points: &[[f64; 2]], x: f64) -> Option<f64> {
    let steep = points.windows(2).any(|pair| {
        let (dx, dy) = (pair[1][0] - pair[0][0], (pair[1][1] - pair[0][1]).abs());
        pair[0][0] <= x + 0.01 && pair[1][0] >= x - 0.01 && dy > 0.005 && dy > 50.0 * dx
    });
    if steep {
        return None;
    }
    let pair = points
        .windows(2)
        .find(|pair| pair[0][0] <= x && pair[1][0] >= x)?;
    let t = (x - pair[0][0]) / (pair[1][0] - pair[0][0]).max(1e-12);
    Some(pair[0][1] + t * (pair[1][1] - pair[0][1]))
}

/// The curves of both pictures lie on the engine's costs at nine volumes across the plot,
/// and the words in the plot are the same, at the same place.
fn assert_same_geometry(name: &str, request: &ImageRequest) {
    let svg_text = svg::render(request);
    let in_svg = svg_geometry(&svg_text);
    let in_png = png_geometry(&image::chart_layout(request).expect("the PNG lays out"));
    let figure = Figure::new(
        &request.model,
        view_bounds(&request.model, request.view, None),
    );
    let palette = request.look.palette();
    let mut compared = 0;
    for (curve, option) in figure.curves.iter().zip(request.model.options()) {
        if curve.points.is_empty() {
            continue;
        }
        let ink = palette.ink(curve.ink);
        let colour = format!("#{:02x}{:02x}{:02x}", ink.r(), ink.g(), ink.b());
        let lines = |geometry: &Geometry| -> Vec<Vec<[f64; 2]>> {
            geometry
                .curves
                .iter()
                .filter(|(c, _)| *c == colour)
                .map(|(_, points)| points.clone())
                .collect()
        };
        let (svg_lines, png_lines) = (lines(&in_svg), lines(&in_png));
        assert!(
            !svg_lines.is_empty(),
            "{name}: {} is not in the SVG",
            curve.name
        );
        assert!(
            !png_lines.is_empty(),
            "{name}: {} ({colour}) is not in the PNG, which has {:?}",
            curve.name,
            in_png
                .curves
                .iter()
                .map(|(c, p)| (c, p.len()))
                .collect::<Vec<_>>()
        );
        let [min_x, max_x] = [figure.bounds.min[0], figure.bounds.max[0]];
        let mut on_this_curve = 0;
        for step in 1..40 {
            let x = min_x + (max_x - min_x) * f64::from(step) / 40.0;
            let Some(cost) = option.cost(10f64.powf(x)) else {
                continue;
            };
            let expected = cost.max(MIN_COST_SHOWN).log10();
            if !(figure.bounds.min[1]..=figure.bounds.max[1]).contains(&expected) {
                continue;
            }
            let at = |lines: &[Vec<[f64; 2]>]| lines.iter().find_map(|l| level_at(l, x));
            let (Some(svg_y), Some(png_y)) = (at(&svg_lines), at(&png_lines)) else {
                continue;
            };
            // A tenth of a pixel in the SVG's coordinates, about a hundredth of a decade.
            assert!(
                (svg_y - expected).abs() < 0.01 && (png_y - expected).abs() < 0.01,
                "{name}: {} at 10^{x:.2} tokens/month: engine 10^{expected:.4}, SVG 10^{svg_y:.4}, PNG 10^{png_y:.4}",
                curve.name
            );
            on_this_curve += 1;
        }
        assert!(
            on_this_curve >= 5,
            "{name}: {} compared at {on_this_curve} volumes only",
            curve.name
        );
        compared += 1;
    }
    assert!(compared >= 2, "{name}: {compared} curves compared");
    assert_same_words(name, &figure.legend, &in_svg, &in_png);
}

/// Both pictures write the same words in the plot (the legend's entries aside: the
/// plots differ in size, so a legend corner is not a comparable place), each where the
/// other puts it: across and down, at the same share of the plot's width or height (a
/// place tied to the data) or at the same distance from its left or top edge (a place tied
/// to the edge), within 2% or 10 pixels.
fn assert_same_words(name: &str, legend: &[LegendEntry], in_svg: &Geometry, in_png: &Geometry) {
    let in_legend = |words: &str| legend.iter().any(|entry| entry.name == words);
    let sorted = |geometry: &Geometry| -> Vec<String> {
        let mut words: Vec<String> = geometry
            .words
            .iter()
            .map(|placed| placed.words.clone())
            .filter(|words| !in_legend(words))
            .collect();
        words.sort_unstable();
        words
    };
    let words = sorted(in_svg);
    assert!(!words.is_empty(), "{name}: no words in the plot");
    assert_eq!(words, sorted(in_png), "{name}: the words in the plot");
    let pixels = |geometry: &Geometry, share: [f64; 2]| {
        [share[0] * geometry.plot[0], share[1] * geometry.plot[1]]
    };
    let mut apart = Vec::new();
    for placed in in_svg
        .words
        .iter()
        .filter(|placed| !in_legend(&placed.words))
    {
        let [x, y] = placed.share;
        let [px, py] = pixels(in_svg, placed.share);
        let near = in_png
            .words
            .iter()
            .filter(|other| other.words == placed.words)
            .any(|other| {
                let [ox, oy] = other.share;
                let [opx, opy] = pixels(in_png, other.share);
                let across = (ox - x).abs() < 0.02 || (opx - px).abs() < 10.0;
                let down = (oy - y).abs() < 0.02 || (opy - py).abs() < 10.0;
                across && down
            });
        if !near {
            let png: Vec<[f64; 2]> = in_png
                .words
                .iter()
                .filter(|other| other.words == placed.words)
                .map(|other| other.share)
                .collect();
            apart.push(format!(
                "\"{}\" at {x:.3}, {y:.3} of the plot in the SVG, {png:.3?} in the PNG",
                placed.words
            ));
        }
    }
    assert!(apart.is_empty(), "{name}: {}", apart.join("; "));
}

#[test]
fn the_svg_draws_the_pngs_curves_and_words() {
    for preset in [
        "gpt4o-vs-dedicated-server",
        "70b-full-stack-2xa100",
        "agent-fleet-mac-studio",
        "chat-10k-requests-a10g",
    ] {
        let model = prepare(&presets::load(preset).expect("preset"));
        assert_same_geometry(preset, &request(model, ExportChart::Costs));
    }
    // A pinned comparison adds dashed curves and its own legend entries.
    let scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    let mut cheaper = scenario.clone();
    cheaper.apis[0].usd_per_million_input /= 2.0;
    let mut pinned = request(prepare(&cheaper), ExportChart::Costs);
    pinned.pinned = Some(prepare(&scenario));
    assert_same_geometry("pinned", &pinned);
}

#[test]
fn the_timeline_writes_the_same_words_in_both() {
    let mut growing = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    growing.timeline.growth_per_month = 0.15;
    let timeline = request(
        prepare(&growing),
        ExportChart::Timeline(TimelineMeasure::Cumulative),
    );
    let in_svg = svg_geometry(&svg::render(&timeline));
    let in_png = png_geometry(&image::chart_layout(&timeline).expect("the PNG lays out"));
    let figure = timeline_figure(&timeline.model, TimelineMeasure::Cumulative, None);
    assert_same_words("timeline", &figure.legend, &in_svg, &in_png);
}

#[test]
fn the_geometry_tells_a_different_drawing_apart() {
    // The comparison would catch an SVG that drew something else: the full stack's curves
    // and words are not the dedicated server's.
    let one = request(
        prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset")),
        ExportChart::Costs,
    );
    let other = request(
        prepare(&presets::load("70b-full-stack-2xa100").expect("preset")),
        ExportChart::Costs,
    );
    let outcome = std::panic::catch_unwind(|| {
        let in_svg = svg_geometry(&svg::render(&other));
        let in_png = png_geometry(&image::chart_layout(&one).expect("lays out"));
        assert_same_words("crossed", &[], &in_svg, &in_png);
    });
    assert!(
        outcome.is_err(),
        "two different charts compared as the same"
    );
}

#[test]
fn the_svg_renders() {
    let request = request(
        prepare(&presets::load("70b-full-stack-2xa100").expect("preset")),
        ExportChart::Costs,
    );
    let mut options = usvg::Options::default();
    options
        .fontdb_mut()
        .load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    options.fontdb_mut().set_sans_serif_family("Ubuntu");
    let tree = usvg::Tree::from_str(&svg::render(&request), &options).expect("the SVG parses");
    let mut pixmap = tiny_skia::Pixmap::new(SIZE.0, SIZE.1).expect("a pixmap");
    resvg::render(
        &tree,
        tiny_skia::Transform::identity(),
        &mut pixmap.as_mut(),
    );
    // Every option's colour is drawn, as a line of some length.
    let palette = request.look.palette();
    let figure = Figure::new(
        &request.model,
        view_bounds(&request.model, request.view, None),
    );
    for curve in &figure.curves {
        let ink = palette.ink(curve.ink);
        let drawn = pixmap
            .pixels()
            .iter()
            .filter(|p| {
                [p.red(), p.green(), p.blue()]
                    .iter()
                    .zip([ink.r(), ink.g(), ink.b()])
                    .all(|(a, b)| a.abs_diff(b) <= 12)
            })
            .count();
        assert!(drawn > 500, "{}: {drawn} pixels", curve.name);
    }
}
