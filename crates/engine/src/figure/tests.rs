//! The figure against the model it describes: curves, markers, labels and legend.

use super::*;
use crate::engine::prepare;
use crate::scenario::presets;

#[test]
fn the_figure_holds_what_the_report_says() {
    let model = prepare(&presets::load("agent-fleet-mac-studio").expect("preset"));
    let figure = Figure::new(&model, default_bounds(&model));
    assert_eq!(figure.curves.len(), model.options().len());
    assert_eq!(figure.markers.len(), model.report().crossovers.len());
    assert_eq!(
        figure.labels.len(),
        3,
        "first, for good, and the bracket between"
    );
    assert!(figure.volume_marker.is_some());
    let names: Vec<&str> = figure.legend.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Frontier API",
            "Llama 3.3 70B on a Mac Studio",
            CROSSOVER,
            CROSSOVER_AT_NODE,
            SELF_HOSTING_CHEAPEST
        ]
    );
    // Every curve point lies on the option's cost, as the model prices it.
    for (curve, option) in figure.curves.iter().zip(model.options()) {
        for [x, y] in &curve.points {
            let cost = option.cost(10f64.powf(*x)).expect("serves");
            assert!((cost.max(MIN_COST_SHOWN).log10() - y).abs() < 1e-9);
        }
    }
}

#[test]
fn a_model_that_does_not_fit_is_drawn_faded_and_said_in_the_legend() {
    let model = prepare(&presets::load("sonnet-vs-rtx4090").expect("preset"));
    let figure = Figure::new(&model, default_bounds(&model));
    let gpu = &figure.curves[1];
    assert!(gpu.points.is_empty() && !gpu.blocked.is_empty());
    assert!(figure.shades.is_empty(), "no shading where it cannot run");
    assert!(figure.markers.is_empty() && figure.labels.is_empty());
    let entry = &figure.legend[1];
    assert_eq!(
        entry.name,
        "Llama 3.1 70B on an RTX 4090 (does not fit: needs 40 GB of memory, the node has 24 GB)"
    );
    assert_eq!(
        entry.swatch,
        Swatch::Line {
            dashed: false,
            faded: true
        }
    );
}

#[test]
fn chart_words_never_overlap_each_other_or_leave_the_plot() {
    // A small laptop's plot, a 1920x1080 slide's, and a narrow one.
    let frames = [
        (560.0, 330.0, 13.0),
        (1500.0, 640.0, 17.0),
        (420.0, 300.0, 13.0),
    ];
    for preset in presets::PRESETS {
        let model = prepare(&presets::load(preset.name).expect("preset"));
        for (width, height, text_height) in frames {
            let mut figure = Figure::new(&model, default_bounds(&model));
            let frame = Frame {
                width,
                height,
                text_height,
            };
            figure.place_text(frame);
            let mut boxes: Vec<TextBox> = figure
                .labels
                .iter()
                .filter_map(|label| label.placed)
                .collect();
            // On a plot this narrow a label with no clear spot is left out rather than
            // crossed (`no_word_in_the_plot_is_crossed`); on the others each has one.
            if width > 420.0 {
                assert_eq!(boxes.len(), figure.labels.len(), "{}", preset.name);
            }
            boxes.extend(figure.volume_marker.as_ref().and_then(|m| m.placed));
            boxes.extend(figure.interval.as_ref().and_then(|i| i.placed));
            // The legend covers no crossover: where the curves cross stays visible.
            let longest = figure.legend.iter().map(|e| e.name.chars().count()).max();
            let size = legend_size(figure.legend.len(), longest.unwrap_or(0), text_height);
            let [left, top] = figure
                .legend_corner
                .place([width, height], size, text_height * 0.7);
            let legend = TextBox {
                left,
                top,
                width: size[0],
                height: size[1],
            };
            for label in figure.labels.iter().filter_map(|label| label.placed) {
                assert!(
                    !label.overlaps(&legend),
                    "{} at {width}: a label under the legend",
                    preset.name
                );
            }
            for marker in &figure.markers {
                let [x, y] = figure.to_frame(&frame, marker.at);
                let covered = x >= left && x <= left + size[0] && y >= top && y <= top + size[1];
                assert!(
                    !covered,
                    "{} at {width}: the legend covers a crossover",
                    preset.name
                );
            }
            // A bracket, drawn under its words across its stretch, crosses no other words.
            for label in &figure.labels {
                let (Some(text), Some((from, to))) = (label.placed, label.brackets) else {
                    continue;
                };
                let [from, to] = [from, to].map(|x| figure.to_frame(&frame, [x, 0.0])[0]);
                let strip = TextBox {
                    left: from,
                    top: text.top + text.height,
                    width: to - from,
                    height: text_height * 0.8,
                };
                for other in boxes.iter().filter(|other| **other != text) {
                    assert!(
                        !strip.overlaps(other),
                        "{} at {width}x{height}: the bracket crosses {other:?}",
                        preset.name
                    );
                }
            }
            for (index, text) in boxes.iter().enumerate() {
                assert!(text.inside(&frame), "{} {width}: {text:?}", preset.name);
                for other in &boxes[index + 1..] {
                    assert!(
                        !text.overlaps(other),
                        "{} at {width}x{height}: {text:?} overlaps {other:?}",
                        preset.name
                    );
                }
            }
        }
    }
}

#[test]
fn outside_the_bounds_nothing_is_marked() {
    let model = prepare(&presets::load("agent-fleet-mac-studio").expect("preset"));
    let bounds = Bounds {
        min: [3.0, 0.0],
        max: [4.0, 5.0],
    };
    let figure = Figure::new(&model, bounds);
    assert!(figure.markers.is_empty() && figure.labels.is_empty());
    assert!(figure.volume_marker.is_none());
}

#[test]
fn ranges_add_a_band_and_the_interval_where_self_hosting_wins_for_good() {
    let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
    let model = prepare(&scenario);
    let figure = Figure::new(&model, default_bounds(&model));
    let [api, own] = figure.curves.as_slice() else {
        panic!("two curves");
    };
    assert!(api.band.is_empty(), "GPT-4o's prices have no range");
    assert!(!own.band.is_empty());
    for (band, option) in own.band.iter().zip(std::iter::repeat(&model.options()[1])) {
        let volume = 10f64.powf(band[0]);
        let cost = option
            .cost(volume)
            .expect("serves")
            .max(MIN_COST_SHOWN)
            .log10();
        assert!(
            band[1] <= cost + 1e-12 && cost <= band[2] + 1e-12,
            "{band:?} {cost}"
        );
    }
    let interval = figure.interval.as_ref().expect("an interval");
    assert!((interval.from - (17_300.0f64 / 4.375e-6).log10()).abs() < 1e-9);
    assert_eq!(interval.text, "wins for good between 3.95B and 59.3B");
    let names: Vec<&str> = figure.legend.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&COST_BAND) && names.contains(&WINS_FOR_GOOD_INTERVAL),
        "{names:?}"
    );

    scenario.deployments[0].ranges.clear();
    let model = prepare(&scenario);
    let figure = Figure::new(&model, default_bounds(&model));
    assert!(figure.curves.iter().all(|curve| curve.band.is_empty()));
    assert!(figure.interval.is_none());
    let names: Vec<&str> = figure.legend.iter().map(|e| e.name.as_str()).collect();
    assert!(!names.contains(&COST_BAND) && !names.contains(&WINS_FOR_GOOD_INTERVAL));
}

#[test]
fn a_wide_band_stays_inside_the_default_view() {
    let mut scenario = presets::load("70b-full-stack-2xa100").expect("preset");
    scenario.deployments[0].ranges.insert(
        crate::scenario::ranges::DeploymentInput::MonthlyRent,
        crate::scenario::ranges::Range {
            low: 360.0,
            high: 360_000.0,
        },
    );
    let model = prepare(&scenario);
    let bounds = default_bounds(&model);
    let figure = Figure::new(&model, bounds);
    for point in &figure.curves[1].band {
        assert!(
            point[1] >= bounds.min[1] && point[2] <= bounds.max[1],
            "{point:?}"
        );
    }
}

/// Two deployments with one name (a scenario being edited can have them for a moment):
/// the legend, the timeline and the recommendation tell them apart by key, so the one a
/// constraint rules out is the only one marked.
#[test]
fn options_with_one_name_are_told_apart_by_key() {
    let mut scenario = presets::load("gpt4o-vs-dedicated-server").expect("preset");
    let mut twin = scenario.deployments[0].clone();
    twin.id = scenario.next_id();
    twin.engineering_fte = 3.0;
    scenario.deployments[0].engineering_fte = 0.5;
    scenario.deployments.push(twin);
    scenario.constraints.mlops_fte_available = Some(1.0);
    let model = prepare(&scenario);
    let report = model.report();
    let ruled: Vec<bool> = report
        .options
        .iter()
        .map(|o| o.ruled_out.is_some())
        .collect();
    assert_eq!(ruled, [false, false, true]);
    let figure = Figure::new(&model, default_bounds(&model));
    let marked: Vec<bool> = figure.legend[..3]
        .iter()
        .map(|entry| entry.name.ends_with("(ruled out)"))
        .collect();
    assert_eq!(marked, ruled);
    let timeline = model.timeline();
    let keys = timeline.option_keys();
    let ruled_on_timeline: Vec<bool> = keys.iter().map(|k| timeline.is_ruled_out(*k)).collect();
    assert_eq!(ruled_on_timeline, ruled);
    let view = report.recommendation_view().expect("one is ruled out");
    assert_eq!(view.options.len(), 2);
    assert!(view.options.iter().all(|o| o.key != report.options[2].key));
}

/// Every piece of text placed in the plot, as boxes in the frame's units, with what it
/// is: the volume marker's label, the interval's words, the crossover labels, the legend.
fn placed_texts(figure: &Figure, frame: &Frame) -> Vec<(String, TextBox)> {
    let mut texts = Vec::new();
    if let Some(marker) = &figure.volume_marker
        && let Some(text) = marker.placed
    {
        texts.push((marker.text.clone(), text));
    }
    if let Some(interval) = &figure.interval
        && let Some(text) = interval.placed
    {
        texts.push((interval.text.clone(), text));
    }
    for label in &figure.labels {
        if let Some(text) = label.placed {
            texts.push((label.text.clone(), text));
        }
    }
    if figure.legend_inside && !figure.legend.is_empty() {
        let longest = figure
            .legend
            .iter()
            .map(|e| e.name.chars().count())
            .max()
            .unwrap_or(0);
        let size = legend_size(figure.legend.len(), longest, frame.text_height);
        let [left, top] =
            figure
                .legend_corner
                .place([frame.width, frame.height], size, frame.text_height * 0.7);
        texts.push((
            "legend".to_owned(),
            TextBox {
                left,
                top,
                width: size[0],
                height: size[1],
            },
        ));
    }
    texts
}

/// The plot areas the screen, presentation mode and the exports give the chart, in
/// points: 1024×640 with and without the controls, 1280×800, 1920×1080, presentation mode
/// (larger text), and a 1600×900 slide; with the text height each uses.
const PLOT_AREAS: [(f64, f64, f64); 7] = [
    (480.0, 250.0, 13.0),
    (760.0, 300.0, 13.0),
    (690.0, 360.0, 13.0),
    (1250.0, 600.0, 13.0),
    (900.0, 420.0, 20.0),
    (1400.0, 700.0, 20.0),
    (830.0, 330.0, 14.0),
];

/// What crosses the words placed in `figure` (the legend's box among them, when it is
/// inside): each text against the curves, the markers, the dashed lines and the other
/// words. Empty when clean.
fn crossed_words(figure: &Figure, frame: Frame) -> Vec<String> {
    let obstacles = figure.obstacles(frame);
    let texts = placed_texts(figure, &frame);
    texts
        .iter()
        .enumerate()
        .filter_map(|(index, (name, text))| {
            let others: Vec<TextBox> = texts
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != index)
                .map(|(_, (_, other))| *other)
                .collect();
            let count = obstacles.crossings(text, &others);
            (count > 0).then(|| format!("{name:?} crossed {count} times"))
        })
        .collect()
}

/// No word in the plot is crossed by a curve, a dashed line, a marker or other words, nor
/// is the legend where the renderers' rule keeps it inside, for every preset, alone and
/// against a pinned copy with the API at half price, on the cost chart and the timeline,
/// at every plot area the app and the exports give it.
#[test]
fn no_word_in_the_plot_is_crossed() {
    let mut crossed = Vec::new();
    for preset in presets::PRESETS {
        let scenario = presets::load(preset.name).expect("preset");
        let model = prepare(&scenario);
        let mut cheaper = scenario.clone();
        for api in &mut cheaper.apis {
            api.usd_per_million_input /= 2.0;
            api.usd_per_million_output /= 2.0;
        }
        let pinned = prepare(&cheaper);
        let mut growing = scenario.clone();
        growing.timeline.growth_per_month = 0.12;
        let growing = prepare(&growing);
        for (width, height, text_height) in PLOT_AREAS {
            let frame = Frame {
                width,
                height,
                text_height,
            };
            let mut figures = vec![
                ("alone", Figure::new(&model, default_bounds(&model))),
                ("pinned", {
                    let mut figure = Figure::new(&model, default_bounds(&model));
                    figure.add_pinned(&pinned);
                    figure
                }),
                (
                    "timeline",
                    timeline_figure(&growing, TimelineMeasure::Cumulative, None),
                ),
            ];
            for (view, figure) in &mut figures {
                figure.legend_inside = figure.legend_fits_inside(frame);
                figure.place_text(frame);
                for words in crossed_words(figure, frame) {
                    crossed.push(format!("{} {view} {width}x{height}: {words}", preset.name));
                }
            }
        }
    }
    assert!(crossed.is_empty(), "{crossed:#?}");
}

#[test]
fn words_shorten_to_the_part_that_answers() {
    use super::placement::shortened;
    assert_eq!(
        shortened("Llama 3.1 70B wins from 4.67B to 4.73B; cheaper for good above 6.31B"),
        ["cheaper for good above 6.31B", "above 6.31B"]
    );
    assert_eq!(
        shortened("Llama 3.1 70B wins above 136M tok/mo"),
        [
            "Llama 3.1 70B wins above 136M",
            "above 136M tok/mo",
            "above 136M"
        ]
    );
    assert_eq!(shortened("1.00B tok/mo"), ["1.00B"]);
    assert_eq!(
        shortened("wins for good between 3.95B and 59.3B"),
        ["between 3.95B and 59.3B"]
    );
    assert_eq!(shortened("alternates: 9 crossovers"), ["alternates"]);
}

/// On chat-10k, Llama 3.1 8B beats GPT-4o above 474M but GPT-4o mini stays the cheapest
/// everywhere: the pairwise label says so and is drawn muted.
#[test]
fn a_pairwise_label_says_when_another_option_stays_cheaper() {
    let model = prepare(&presets::load("chat-10k-requests-a10g").expect("preset"));
    let figure = Figure::new(&model, default_bounds(&model));
    let label = &figure.labels[0];
    assert_eq!(
        label.text,
        "Llama 3.1 8B beats GPT-4o above 474M tok/mo, but GPT-4o mini stays cheaper"
    );
    assert!(label.secondary);
    // Where self-hosting is cheapest overall just past its crossover, no such words.
    let model = prepare(&presets::load("gpt4o-vs-dedicated-server").expect("preset"));
    let figure = Figure::new(&model, default_bounds(&model));
    assert_eq!(
        figure.labels[0].text,
        "Llama 3.1 70B wins above 157M tok/mo"
    );
    assert!(!figure.labels[0].secondary);
}

/// On sonnet-vs-rented-a100 the verdict's interval runs from 136M to 5.94B, while no one
/// input's bar reaches past 313M: the 5.94B comes from two inputs at once. The tornado's
/// first bar is every input together, and its ends are the interval's.
#[test]
fn the_tornado_shows_every_input_together_as_the_verdicts_interval() {
    let model = prepare(&presets::load("sonnet-vs-rented-a100").expect("preset"));
    let tornado = Tornado::new(model.report()).expect("ranges");
    let together = &tornado.bars[0];
    assert!(together.together);
    assert_eq!(together.input, ALL_TOGETHER);
    assert_eq!(
        (
            together.at_low.text.as_str(),
            together.at_high.text.as_str()
        ),
        ("136M", "5.94B")
    );
    // The bars of single inputs reach less far than every input at once.
    let farthest = tornado.bars[1..]
        .iter()
        .flat_map(|bar| [bar.at_low.at, bar.at_high.at])
        .fold(f64::NEG_INFINITY, f64::max);
    assert!(
        farthest < together.at_high.at,
        "{farthest} against {}",
        together.at_high.at
    );
    assert!(tornado.bars[1..].iter().all(|bar| !bar.together));
}

/// The legend leaves the plot beside it or under it, whichever leaves the larger plot of
/// the chart's proportions: hand-checked on a 900×400 plot.
#[test]
fn a_legend_outside_goes_where_it_leaves_the_larger_plot() {
    // Beside: 700 × 400 holds a 640 × 400 rectangle of 1.6:1; below: 900 × 340 holds
    // 544 × 340. Beside wins.
    assert_eq!(
        legend_outside([900.0, 400.0], [200.0, 300.0], 60.0),
        LegendPlace::Beside
    );
    // A strip of 20 leaves 900 × 380, which holds 608 × 380; a column of 320 leaves
    // 580 × 400, which holds 580 × 362.5. Below wins (and the column is over 24% wide).
    assert_eq!(
        legend_outside([900.0, 400.0], [320.0, 300.0], 20.0),
        LegendPlace::Below
    );
    // A column taller than the plot goes under it, however narrow.
    assert_eq!(
        legend_outside([900.0, 400.0], [150.0, 420.0], 60.0),
        LegendPlace::Below
    );
    // On a tall plot the width is what counts: 900 × 800 beside is 700 wide, below
    // 900 wide (a 1.6:1 rectangle of 900 × 562 fits in 900 × 740).
    assert_eq!(
        legend_outside([900.0, 800.0], [200.0, 300.0], 60.0),
        LegendPlace::Below
    );
}

/// A legend that would cover a curve in every corner is kept out of the plot; one with a
/// clear corner stays in.
#[test]
fn the_legend_stays_inside_only_where_a_corner_is_clear() {
    let model = prepare(&presets::load("70b-full-stack-2xa100").expect("preset"));
    let figure = Figure::new(&model, default_bounds(&model));
    // A plot barely larger than the legend: every corner holds a curve or a dashed line.
    let small = Frame {
        width: 300.0,
        height: 160.0,
        text_height: 13.0,
    };
    assert!(!figure.legend_fits_inside(small));
    let mut alone = Figure::new(&model, default_bounds(&model));
    alone.legend.truncate(1);
    alone.interval = None;
    alone.volume_marker = None;
    alone.markers.clear();
    alone.curves.truncate(1);
    let large = Frame {
        width: 1200.0,
        height: 600.0,
        text_height: 13.0,
    };
    // One rising line and a one-row legend: the lower right is clear.
    assert!(alone.legend_fits_inside(large));
}

/// On "each month", a month that buys nodes is a bar stacked on the month's running cost,
/// not a spike in the line. Hand-checked: sonnet-vs-rtx4090 at 10M tokens a month growing
/// 30% a month buys a $2,000 card in months 1, 5, 7, 9, 10 and 11 and two in month 12
/// (its month 12 costs $4,148.47 in cash, so its line there is $148.47); the running
/// total has no bars (a purchase is a step up there).
#[test]
fn purchases_each_month_are_bars_on_the_running_cost() {
    let mut scenario = presets::load("sonnet-vs-rtx4090").expect("preset");
    scenario.timeline.growth_per_month = 0.3;
    scenario.timeline.months = 12;
    let model = prepare(&scenario);
    let figure = timeline_figure(&model, TimelineMeasure::Monthly, None);
    let months: Vec<f64> = figure
        .bars
        .iter()
        .map(|bar| (bar.x.0 + bar.x.1) / 2.0 + 0.5)
        .collect();
    assert_eq!(months, [1.0, 5.0, 7.0, 9.0, 10.0, 11.0, 12.0]);
    let bought: Vec<f64> = figure.bars.iter().map(|bar| bar.y.1 - bar.y.0).collect();
    assert_eq!(
        bought,
        [2000.0, 2000.0, 2000.0, 2000.0, 2000.0, 2000.0, 4000.0]
    );
    let last = figure.bars.last().expect("month 12");
    assert!(
        (last.y.1 - 4148.47).abs() < 0.01,
        "month 12's cash: {}",
        last.y.1
    );
    // A 70B model does not fit a 24 GB card: its bars are faded, as its line.
    assert!(figure.bars.iter().all(|bar| bar.faded && !bar.hollow));
    let card = figure
        .curves
        .iter()
        .find(|curve| curve.name.contains("RTX 4090"))
        .expect("the card's line");
    let at_month_12 = card
        .points
        .iter()
        .chain(&card.blocked)
        .find(|point| (point[0] - 11.5).abs() < 1e-9)
        .expect("month 12 on the line");
    assert!((at_month_12[1] - 148.47).abs() < 0.01, "{at_month_12:?}");
    assert!(
        figure.legend.iter().any(|entry| entry.name == NODES_BOUGHT),
        "the legend names the bars"
    );
    let totals = timeline_figure(&model, TimelineMeasure::Cumulative, None);
    assert!(totals.bars.is_empty());
}
