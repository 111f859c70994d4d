//! The window's icon, drawn here rather than shipped as an image: a rising API line crossing
//! a flat self-hosted staircase on the app's dark tile, the question the app answers.
//!
//! 64 pixels square is what taskbars and window switchers show; drawing it takes
//! microseconds and 16 KB, where eframe's default icon is a decoded 1 MB image.

use std::sync::Arc;

use eframe::egui;

/// Side of the icon in pixels.
const SIDE: usize = 64;

/// The icon for the window.
pub(super) fn window_icon() -> Arc<egui::IconData> {
    let mut rgba = Vec::with_capacity(SIDE * SIDE * 4);
    for y in 0..SIDE {
        for x in 0..SIDE {
            rgba.extend_from_slice(&pixel(x as f32 + 0.5, y as f32 + 0.5));
        }
    }
    Arc::new(egui::IconData {
        rgba,
        width: SIDE as u32,
        height: SIDE as u32,
    })
}

/// Background, API line (the dark chart's first API colour) and staircase (its first
/// self-hosted colour), as RGB.
const TILE: [f32; 3] = [27.0, 33.0, 46.0];
const API: [f32; 3] = [96.0, 165.0, 250.0];
const OWN: [f32; 3] = [251.0, 146.0, 60.0];

/// The colour at the pixel centre (`x`, `y`), y downwards.
fn pixel(x: f32, y: f32) -> [u8; 4] {
    let side = SIDE as f32;
    // A rounded tile, its edge anti-aliased over one pixel.
    let radius = 12.0;
    let corner = |v: f32| (radius - v).max(v - (side - radius)).max(0.0);
    let outside = (corner(x).hypot(corner(y)) - radius).max(0.0);
    let alpha = (1.0 - outside).clamp(0.0, 1.0);
    let mut color = TILE;
    // The staircase: flat, one step up where a node is added.
    let steps = [
        ((8.0, 40.0), (30.0, 40.0)),
        ((30.0, 40.0), (30.0, 33.0)),
        ((30.0, 33.0), (56.0, 33.0)),
    ];
    let own = steps
        .iter()
        .map(|(a, b)| distance_to_segment((x, y), *a, *b))
        .fold(f32::MAX, f32::min);
    color = blend(color, OWN, coverage(own));
    let api = distance_to_segment((x, y), (8.0, 54.0), (56.0, 12.0));
    color = blend(color, API, coverage(api));
    [
        color[0].round() as u8,
        color[1].round() as u8,
        color[2].round() as u8,
        (alpha * 255.0).round() as u8,
    ]
}

/// How much of a pixel a line 4 pixels wide covers, at `distance` from its middle.
fn coverage(distance: f32) -> f32 {
    (2.5 - distance).clamp(0.0, 1.0)
}

fn blend(under: [f32; 3], over: [f32; 3], share: f32) -> [f32; 3] {
    [0, 1, 2].map(|i| under[i] + (over[i] - under[i]) * share)
}

/// Distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: (f32, f32), a: (f32, f32), b: (f32, f32)) -> f32 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    };
    (p.0 - (a.0 + t * dx)).hypot(p.1 - (a.1 + t * dy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_is_a_rounded_tile_with_both_lines_on_it() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (64, 64));
        assert_eq!(icon.rgba.len(), 64 * 64 * 4);
        let at = |x: usize, y: usize| {
            let i = (y * SIDE + x) * 4;
            [
                icon.rgba[i],
                icon.rgba[i + 1],
                icon.rgba[i + 2],
                icon.rgba[i + 3],
            ]
        };
        // The corners are transparent, the middle of the tile opaque.
        assert_eq!(at(0, 0)[3], 0);
        assert_eq!(at(63, 63)[3], 0);
        assert_eq!(at(32, 50), [27, 33, 46, 255]);
        // On the API line's middle, the API's colour; on the first step, the staircase's.
        assert_eq!(at(32, 33)[..3], [96, 165, 250]);
        assert_eq!(at(15, 40)[..3], [251, 146, 60]);
    }
}
