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
            assert_eq!(boxes.len(), figure.labels.len(), "{}", preset.name);
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
