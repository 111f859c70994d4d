//! Where the chart's words go on a plot of a given size: each crossover label, the bracket
//! label of an alternating stretch and the volume marker's label are put where they overlap
//! no other text, no curve and no edge of the plot, so the screen, the PNG and the SVG
//! never show words on top of each other. The same rule runs for every renderer, in its
//! own units (points on screen, pixels in the SVG), with a generous estimate of text width.

use super::Figure;
use super::corner::{Corner, legend_size};
use super::text_box::{Frame, LINE_GAP, TextBox, text_width, wrap_to};

impl Figure {
    /// A point in log10 units as a position in the frame (top-left origin, y down).
    pub fn to_frame(&self, frame: &Frame, at: [f64; 2]) -> [f64; 2] {
        let (x_low, x_high) = self.bounds.x();
        let (y_low, y_high) = self.bounds.y();
        [
            (at[0] - x_low) / (x_high - x_low) * frame.width,
            (y_high - at[1]) / (y_high - y_low) * frame.height,
        ]
    }

    /// Places every piece of chart text for a plot area of `frame`: the volume marker's
    /// label first (beside its line, flipped left near the right edge), then the legend in
    /// the corner it covers least of, then each crossover label at the first of its
    /// candidate spots that is clear, or the least crowded one.
    pub fn place_text(&mut self, frame: Frame) {
        let mut placed: Vec<TextBox> = Vec::new();
        placed.extend(self.place_volume_marker(&frame));
        let obstacles = Obstacles {
            frame,
            segments: self
                .curves
                .iter()
                .flat_map(|curve| [&curve.points, &curve.blocked])
                .flat_map(|points| points.windows(2).map(|pair| (pair[0], pair[1])))
                .map(|(a, b)| (self.to_frame(&frame, a), self.to_frame(&frame, b)))
                .collect(),
            markers: self
                .markers
                .iter()
                .map(|marker| self.to_frame(&frame, marker.at))
                .collect(),
        };
        // The legend next: it is the largest and can only go in a corner, while labels
        // have many spots to choose from and then keep clear of it.
        if self.legend_inside {
            let (corner, legend) = self.legend_corner_for(&obstacles, &placed);
            self.legend_corner = corner;
            placed.extend(legend);
        }
        placed.extend(self.place_interval(&obstacles, &placed));
        for index in 0..self.labels.len() {
            if let Some(text) = self.place_label(index, &obstacles, &placed) {
                placed.push(text);
            }
        }
    }

    /// The crossover interval's words: centred over the part of the interval in view or
    /// just inside its start, in the clearest row (under the volume marker's words, along
    /// the bottom, or any row between).
    fn place_interval(&mut self, obstacles: &Obstacles, placed: &[TextBox]) -> Option<TextBox> {
        let frame = obstacles.frame;
        let height = frame.text_height;
        let (x_low, x_high) = self.bounds.x();
        let to_x = |x: f64| (x - x_low) / (x_high - x_low) * frame.width;
        let interval = self.interval.as_mut()?;
        let left_edge = to_x(interval.from).max(0.0);
        let right_edge = to_x(interval.to).min(frame.width);
        let width = text_width(&interval.text, height);
        let centred = ((left_edge + right_edge) / 2.0 - width / 2.0)
            .min(frame.width - width)
            .max(0.0);
        let at_start = (left_edge + height * 0.3).min(frame.width - width).max(0.0);
        // Ending just before the interval, when the words are wider than it.
        let before_start = (left_edge - height * 0.3 - width).max(0.0);
        // Under the volume marker's words first, then along the bottom, then any row.
        let mut rows = vec![height * 1.6, frame.height - height * 1.4];
        let mut top = height * 2.9;
        while top + height < frame.height - height * 1.4 {
            rows.push(top);
            top += height * 2.0;
        }
        let candidates = rows.iter().flat_map(|&top| {
            [centred, at_start, before_start].map(|left| TextBox {
                left,
                top,
                width,
                height,
            })
        });
        // Words across one of the interval's own dashed edges are hard to read.
        let edges = [to_x(interval.from), to_x(interval.to)];
        let crosses_edge = |text: &TextBox| {
            edges
                .iter()
                .any(|x| *x > text.left && *x < text.left + text.width)
        };
        let mut best: Option<(f64, TextBox)> = None;
        for candidate in candidates {
            let mut score = obstacles.crowding(&candidate, placed);
            if crosses_edge(&candidate) {
                score += 50.0;
            }
            if best.is_none_or(|(lowest, _)| score < lowest) {
                best = Some((score, candidate));
            }
            if score == 0.0 {
                break;
            }
        }
        let (_, text) = best?;
        interval.placed = Some(text);
        Some(text)
    }

    /// The volume marker's words beside its line, on the left where the right has no room.
    fn place_volume_marker(&mut self, frame: &Frame) -> Option<TextBox> {
        let height = frame.text_height;
        let (x_low, x_high) = self.bounds.x();
        let marker = self.volume_marker.as_mut()?;
        let x = (marker.at - x_low) / (x_high - x_low) * frame.width;
        let width = text_width(&marker.text, height);
        let gap = height * 0.3;
        let left = if x + gap + width <= frame.width {
            x + gap
        } else {
            x - gap - width
        };
        let text = TextBox {
            left,
            top: height * 0.2,
            width,
            height,
        };
        marker.placed = Some(text);
        Some(text)
    }

    /// Places label `index` (in lines that fit the plot) at its least crowded spot.
    fn place_label(
        &mut self,
        index: usize,
        obstacles: &Obstacles,
        placed: &[TextBox],
    ) -> Option<TextBox> {
        let frame = obstacles.frame;
        let height = frame.text_height;
        let point = self.to_frame(&frame, self.labels[index].at);
        let bracket = self.labels[index].brackets.map(|(from, to)| {
            [
                self.to_frame(&frame, [from, 0.0])[0],
                self.to_frame(&frame, [to, 0.0])[0],
            ]
        });
        let lines = wrap_to(&self.labels[index].text, frame.width * 0.9, height);
        let width = lines
            .iter()
            .map(|line| text_width(line, height))
            .fold(0.0, f64::max);
        let box_height = height * (1.0 + LINE_GAP * (lines.len() as f64 - 1.0));
        self.labels[index].lines = lines;
        let candidates = candidate_spots(point, bracket, width, box_height)
            .into_iter()
            .flat_map(|spot| {
                // Each spot as it is, then slid sideways to fit inside the plot.
                let slid = TextBox {
                    left: spot.left.min(frame.width - spot.width).max(0.0),
                    top: spot.top.min(frame.height - spot.height).max(0.0),
                    ..spot
                };
                [spot, slid]
            });
        // A bracket is drawn under its words across its stretch: the strip it takes must
        // keep clear of words placed before, as the words themselves do.
        let bracket_strip = |text: &TextBox| {
            bracket.map(|[from, to]| TextBox {
                left: from.min(to),
                top: text.top + text.height,
                width: (to - from).abs(),
                height: height * 0.8,
            })
        };
        let mut best: Option<(f64, TextBox)> = None;
        for candidate in candidates {
            let strip_crowding = bracket_strip(&candidate).map_or(0.0, |strip| {
                1_000.0 * placed.iter().filter(|other| other.overlaps(&strip)).count() as f64
            });
            let score = obstacles.crowding(&candidate, placed) + strip_crowding;
            if best.is_none_or(|(lowest, _)| score < lowest) {
                best = Some((score, candidate));
            }
            if score == 0.0 {
                break;
            }
        }
        let (_, text) = best?;
        self.labels[index].placed = Some(text);
        Some(text)
    }

    /// The corner where the legend covers least of the curves, markers and words, and the
    /// legend's estimated box there (none when there is no legend).
    fn legend_corner_for(
        &self,
        obstacles: &Obstacles,
        placed: &[TextBox],
    ) -> (Corner, Option<TextBox>) {
        let frame = obstacles.frame;
        let longest = self
            .legend
            .iter()
            .map(|entry| entry.name.chars().count())
            .max()
            .unwrap_or(0);
        let size = legend_size(self.legend.len(), longest, frame.text_height);
        let margin = frame.text_height * 0.7;
        let box_at = |corner: Corner| {
            let [left, top] = corner.place([frame.width, frame.height], size, margin);
            TextBox {
                left,
                top,
                width: size[0],
                height: size[1],
            }
        };
        let corner = [
            Corner::BottomRight,
            Corner::TopLeft,
            Corner::BottomLeft,
            Corner::TopRight,
        ]
        .into_iter()
        .map(|corner| (corner, obstacles.crowding(&box_at(corner), placed)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map_or(Corner::BottomRight, |(corner, _)| corner);
        (corner, (!self.legend.is_empty()).then(|| box_at(corner)))
    }
}

/// What chart text must keep clear of, in the frame's units.
struct Obstacles {
    frame: Frame,
    /// Every curve segment.
    segments: Vec<([f64; 2], [f64; 2])>,
    /// Every crossover marker.
    markers: Vec<[f64; 2]>,
}

impl Obstacles {
    /// How crowded `text` would be: leaving the plot costs most, then covering other
    /// words, then a crossover marker, then each curve segment it crosses.
    fn crowding(&self, text: &TextBox, placed: &[TextBox]) -> f64 {
        let mut score = 0.0;
        if !text.inside(&self.frame) {
            score += 10_000.0;
        }
        score += 1_000.0 * placed.iter().filter(|other| other.overlaps(text)).count() as f64;
        score += 100.0
            * self
                .markers
                .iter()
                .filter(|m| text.crossed_by(**m, **m))
                .count() as f64;
        score
            + self
                .segments
                .iter()
                .filter(|(a, b)| text.crossed_by(*a, *b))
                .count() as f64
    }
}

/// Spots to try for a label of `width` × `height` at `point`, nearest first: above-left
/// (costs never fall with volume, so what lies left of a crossover lies below it), then
/// above-right, below-right and below-left, then further away. A bracket label is
/// centred over its stretch instead, at rising heights.
fn candidate_spots(
    point: [f64; 2],
    bracket: Option<[f64; 2]>,
    width: f64,
    height: f64,
) -> Vec<TextBox> {
    let gap = height * 0.7;
    let lift = height * 0.75;
    let at = |left: f64, top: f64| TextBox {
        left,
        top,
        width,
        height,
    };
    if let Some([from, to]) = bracket {
        let centre = (from + to) / 2.0 - width / 2.0;
        return (1..=8)
            .flat_map(|step| {
                let rise = lift + height * 1.2 * f64::from(step);
                [
                    at(centre, point[1] - rise - height),
                    at(from, point[1] - rise - height),
                ]
            })
            .collect();
    }
    let mut spots = Vec::new();
    for distance in [1.0, 2.5, 4.5, 7.0] {
        let lift = lift * distance;
        spots.push(at(point[0] - gap - width, point[1] - lift - height));
        spots.push(at(point[0] + gap, point[1] - lift - height));
        spots.push(at(point[0] + gap, point[1] + lift));
        spots.push(at(point[0] - gap - width, point[1] + lift));
    }
    spots
}
