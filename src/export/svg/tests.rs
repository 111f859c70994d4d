//! The SVG writer: curves cut at the plot edge, escaping, translucent fills.

use super::*;

#[test]
fn curves_are_cut_at_the_plot_edge_without_clip_paths() {
    let plot = Area {
        left: 0.0,
        right: 10.0,
        top: 0.0,
        bottom: 10.0,
    };
    assert_eq!(
        clip_segment((-5.0, 5.0), (5.0, 5.0), &plot),
        Some(((0.0, 5.0), (5.0, 5.0)))
    );
    assert_eq!(clip_segment((-5.0, -5.0), (-1.0, -1.0), &plot), None);
    assert_eq!(
        clip_segment((2.0, 2.0), (3.0, 3.0), &plot),
        Some(((2.0, 2.0), (3.0, 3.0)))
    );
}

#[test]
fn text_is_escaped() {
    assert_eq!(escape("A & B <C>"), "A &amp; B &lt;C&gt;");
}

#[test]
fn control_characters_never_reach_the_xml() {
    let escaped = escape("bell\u{7} and\r\nnull\u{0}");
    assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
    let document =
        format!("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{escaped}</text></svg>");
    roxmltree::Document::parse(&document).expect("well-formed");
}

#[test]
fn translucent_fills_keep_their_opacity() {
    let attribute = fill(Color32::from_rgba_unmultiplied(20, 100, 50, 51));
    assert!(attribute.contains("fill-opacity=\"0.200\""), "{attribute}");
}
