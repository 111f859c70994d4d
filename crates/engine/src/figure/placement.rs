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
        let obstacles = self.obstacles(frame);
        placed.extend(self.place_volume_marker(&obstacles));
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

    /// What the chart's words must keep clear of in a plot area of `frame`: the curves,
    /// the crossover markers and the dashed lines across the plot.
    pub(crate) fn obstacles(&self, frame: Frame) -> Obstacles {
        let x_of = |x: f64| self.to_frame(&frame, [x, 0.0])[0];
        let mut verticals: Vec<f64> = self.volume_marker.iter().map(|m| x_of(m.at)).collect();
        if let Some(interval) = &self.interval {
            verticals.push(x_of(interval.from));
            if !interval.open_ended {
                verticals.push(x_of(interval.to));
            }
        }
        verticals.retain(|x| (0.0..=frame.width).contains(x));
        Obstacles {
            frame,
            runs: self
                .curves
                .iter()
                .flat_map(|curve| [&curve.points, &curve.blocked])
                .map(|points| {
                    points
                        .windows(2)
                        .map(|pair| {
                            (
                                self.to_frame(&frame, pair[0]),
                                self.to_frame(&frame, pair[1]),
                            )
                        })
                        .collect()
                })
                // A bar's left, top and right edges, left to right as every run is (its
                // foot sits on its option's line, which is a run already).
                .chain(self.bars.iter().map(|bar| {
                    let corner = |x: f64, y: f64| self.to_frame(&frame, [x, y]);
                    let (left, right) = bar.x;
                    let (bottom, top) = bar.y;
                    vec![
                        (corner(left, bottom), corner(left, top)),
                        (corner(left, top), corner(right, top)),
                        (corner(right, top), corner(right, bottom)),
                    ]
                }))
                .collect(),
            markers: self
                .markers
                .iter()
                .map(|marker| self.to_frame(&frame, marker.at))
                .collect(),
            verticals,
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
        // Under the volume marker's words first, then along the bottom, then any row.
        let mut rows = vec![height * 1.6, frame.height - height * 1.4];
        let mut top = height * 2.9;
        while top + height < frame.height - height * 1.4 {
            rows.push(top);
            top += height * 2.0;
        }
        // The words as they are, then shortened ("between 3.95B and 59.3B"); left out when
        // even those would be struck through (the shading and the legend still say it).
        let mut variants = vec![interval.text.clone()];
        variants.extend(shortened(&interval.text));
        for words in variants {
            let width = text_width(&words, height);
            let centred = ((left_edge + right_edge) / 2.0 - width / 2.0)
                .min(frame.width - width)
                .max(0.0);
            let at_start = (left_edge + height * 0.3).min(frame.width - width).max(0.0);
            // Ending just before the interval, or starting just after it, when the words
            // are wider than it.
            let before_start = (left_edge - height * 0.3 - width).max(0.0);
            let after_end = (right_edge + height * 0.3)
                .min(frame.width - width)
                .max(0.0);
            let candidates = rows.iter().flat_map(|&top| {
                [centred, at_start, before_start, after_end]
                    .map(|left| TextBox {
                        left,
                        top,
                        width,
                        height,
                    })
                    .into_iter()
                    .flat_map(|text| obstacles.dodging(text))
            });
            let crowding =
                |text: &TextBox, bound: f64| obstacles.crowding_up_to(text, placed, bound);
            if let Some(text) = least_crowded(candidates, crowding)
                && obstacles.crowding(&text, placed) == 0.0
            {
                interval.text = words;
                interval.placed = Some(text);
                return Some(text);
            }
        }
        interval.placed = None;
        None
    }

    /// The volume marker's words beside its line at the top: on its right, or on its left
    /// where the right has no room or another dashed line or a curve would cross them.
    fn place_volume_marker(&mut self, obstacles: &Obstacles) -> Option<TextBox> {
        let spot = self.volume_marker_spot(obstacles);
        let marker = self.volume_marker.as_mut()?;
        let (words, text) = spot.unzip();
        if let Some(words) = words {
            marker.text = words;
        }
        marker.placed = text;
        text
    }

    /// Where [`Self::place_volume_marker`] puts the volume marker's words, and which words
    /// (the full ones, or without the unit); `None` when every spot is crossed.
    fn volume_marker_spot(&self, obstacles: &Obstacles) -> Option<(String, TextBox)> {
        let frame = &obstacles.frame;
        let height = frame.text_height;
        let (x_low, x_high) = self.bounds.x();
        let marker = self.volume_marker.as_ref()?;
        let x = (marker.at - x_low) / (x_high - x_low) * frame.width;
        let gap = height * 0.3;
        // The words as they are, then without the unit ("1.00B"); left out when even
        // those would be struck through.
        let mut variants = vec![marker.text.clone()];
        variants.extend(shortened(&marker.text));
        variants.into_iter().find_map(|words| {
            let width = text_width(&words, height);
            let at = |left: f64, top: f64| TextBox {
                left,
                top,
                width,
                height,
            };
            let candidates = [height * 0.2, height * 1.5]
                .into_iter()
                .flat_map(|top| [at(x + gap, top), at(x - gap - width, top)]);
            let crowding = |text: &TextBox, bound: f64| obstacles.crowding_up_to(text, &[], bound);
            least_crowded(candidates, crowding)
                .filter(|text| obstacles.crowding(text, &[]) == 0.0)
                .map(|text| (words, text))
        })
    }

    /// Whether the legend may sit inside a plot of `frame`: some corner holds its box clear
    /// of every curve, crossover marker and dashed line, and of the volume marker's words.
    /// Where none does, the renderers put it outside the plot ([`super::LegendPlace`]), so
    /// the legend never hides what it explains. A figure without a legend fits anywhere.
    pub fn legend_fits_inside(&self, frame: Frame) -> bool {
        if self.legend.is_empty() {
            return true;
        }
        let obstacles = self.obstacles(frame);
        let placed: Vec<TextBox> = self
            .volume_marker_spot(&obstacles)
            .map(|(_, text)| text)
            .into_iter()
            .collect();
        let (_, legend) = self.legend_corner_for(&obstacles, &placed);
        legend.is_some_and(|legend| obstacles.crowding(&legend, &placed) == 0.0)
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
        // As wide as the plot allows first; narrower, on more lines, where that finds no
        // clear spot between the curves and the dashed lines.
        // Then shortened to the part that answers ("cheaper for good above 6.31B").
        let mut wrappings: Vec<Vec<String>> = Vec::new();
        for share in [0.9, 0.5, 0.33] {
            let lines = wrap_to(&self.labels[index].text, frame.width * share, height);
            if !wrappings.contains(&lines) {
                wrappings.push(lines);
            }
        }
        for short in shortened(&self.labels[index].text) {
            let lines = vec![short];
            if !wrappings.contains(&lines) {
                wrappings.push(lines);
            }
        }
        let candidates: Vec<(usize, TextBox)> = wrappings
            .iter()
            .enumerate()
            .flat_map(|(wrapping, lines)| {
                let width = lines
                    .iter()
                    .map(|line| text_width(line, height))
                    .fold(0.0, f64::max);
                let box_height = height * (1.0 + LINE_GAP * (lines.len() as f64 - 1.0));
                candidate_spots(point, bracket, width, box_height)
                    .into_iter()
                    .flat_map(|spot| {
                        // Each spot as it is, then slid sideways to fit inside the plot,
                        // then moved clear of a dashed line through it.
                        let slid = TextBox {
                            left: spot.left.min(frame.width - spot.width).max(0.0),
                            top: spot.top.min(frame.height - spot.height).max(0.0),
                            ..spot
                        };
                        [spot, slid]
                            .into_iter()
                            .flat_map(|text| obstacles.dodging(text))
                            .collect::<Vec<_>>()
                    })
                    .map(move |text| (wrapping, text))
                    .collect::<Vec<_>>()
            })
            .collect();
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
        let mut best: Option<(f64, usize, TextBox)> = None;
        for (wrapping, candidate) in candidates {
            let strip_crowding = bracket_strip(&candidate).map_or(0.0, |strip| {
                1_000.0 * placed.iter().filter(|other| other.overlaps(&strip)).count() as f64
            });
            let bound = best.map_or(f64::INFINITY, |(lowest, _, _)| lowest) - strip_crowding;
            let score = obstacles.crowding_up_to(&candidate, placed, bound) + strip_crowding;
            if best.is_none_or(|(lowest, _, _)| score < lowest) {
                best = Some((score, wrapping, candidate));
            }
            if score == 0.0 {
                break;
            }
        }
        let (score, wrapping, text) = best?;
        // Words that would be struck through even shortened are left out: the marker stays,
        // and the verdict and the hover say them.
        if score > 0.0 {
            self.labels[index].placed = None;
            return None;
        }
        self.labels[index].lines = wrappings.swap_remove(wrapping);
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
pub(crate) struct Obstacles {
    pub(crate) frame: Frame,
    /// Every curve's segments, each curve's left to right (curves are drawn in rising
    /// volume, or month), so the ones under a box are found by halving.
    pub(crate) runs: Vec<Vec<([f64; 2], [f64; 2])>>,
    /// Every crossover marker.
    pub(crate) markers: Vec<[f64; 2]>,
    /// The dashed lines drawn across the whole plot: the volume marker and the crossover
    /// interval's edges, as distances from the left.
    pub(crate) verticals: Vec<f64>,
}

impl Obstacles {
    /// How crowded `text` would be: leaving the plot costs most, then covering other
    /// words, then a crossover marker, then a dashed line, then each curve segment it
    /// crosses.
    fn crowding(&self, text: &TextBox, placed: &[TextBox]) -> f64 {
        self.crowding_up_to(text, placed, f64::INFINITY)
    }

    /// [`Self::crowding`], counted only until it reaches `bound` (a spot no better than
    /// the best so far need not be counted to the end): the value returned is then at
    /// least `bound`.
    fn crowding_up_to(&self, text: &TextBox, placed: &[TextBox], bound: f64) -> f64 {
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
        // A dashed line through words strikes them out: worse than a curve's few segments.
        score += 30.0
            * self
                .verticals
                .iter()
                .filter(|x| **x > text.left && **x < text.left + text.width)
                .count() as f64;
        if score >= bound {
            return score;
        }
        let (left, right) = (text.left, text.left + text.width);
        for run in &self.runs {
            let first = run.partition_point(|(a, b)| a[0].max(b[0]) < left);
            for (a, b) in run[first..]
                .iter()
                .take_while(|(a, b)| a[0].min(b[0]) <= right)
            {
                if text.crossed_by(*a, *b) {
                    score += 1.0;
                    if score >= bound {
                        return score;
                    }
                }
            }
        }
        score
    }

    /// `text` as it is, then moved just right of, and just left of, each dashed line that
    /// runs through it (kept inside the plot): where words can dodge a line.
    pub(crate) fn dodging(&self, text: TextBox) -> Vec<TextBox> {
        let gap = self.frame.text_height * 0.3;
        let mut spots = vec![text];
        for x in self
            .verticals
            .iter()
            .filter(|x| **x > text.left && **x < text.left + text.width)
        {
            for left in [x + gap, x - gap - text.width] {
                if left >= 0.0 && left + text.width <= self.frame.width {
                    spots.push(TextBox { left, ..text });
                }
            }
        }
        spots
    }

    /// How many things cross `text`: curve segments, markers, dashed lines and `placed`
    /// words (what a test counts; 0 is a clean label).
    #[cfg(test)]
    pub(crate) fn crossings(&self, text: &TextBox, placed: &[TextBox]) -> usize {
        placed.iter().filter(|other| other.overlaps(text)).count()
            + self
                .markers
                .iter()
                .filter(|m| text.crossed_by(**m, **m))
                .count()
            + self
                .verticals
                .iter()
                .filter(|x| **x > text.left && **x < text.left + text.width)
                .count()
            // Every segment, not only those `segments_crossing` looks at: the test checks
            // the shortcut too.
            + self
                .runs
                .iter()
                .flatten()
                .filter(|(a, b)| text.crossed_by(*a, *b))
                .count()
    }
}

/// Shorter forms of chart words, longest first, for where the whole would be crossed: the
/// answering clause of a two-part label ("cheaper for good above 6.31B"), the words from
/// "above", "from" or "between" on ("above 136M tok/mo"), and those without the unit.
pub(crate) fn shortened(text: &str) -> Vec<String> {
    let last_clause = text.rsplit("; ").next().unwrap_or(text);
    let mut candidates = vec![last_clause.to_owned()];
    if let Some(at) = ["above ", "from ", "between "]
        .iter()
        .find_map(|keyword| last_clause.find(keyword))
    {
        candidates.push(last_clause[at..].to_owned());
    }
    if let Some((first, _)) = text.split_once(':') {
        candidates.push(first.to_owned());
    }
    let without_unit: Vec<String> = candidates
        .iter()
        .map(|form| form.replace(" tok/mo", ""))
        .chain([text.replace(" tok/mo", "")])
        .collect();
    candidates.extend(without_unit);
    let mut forms: Vec<String> = Vec::new();
    for form in candidates {
        let form = form.trim().to_owned();
        if !form.is_empty() && form.len() < text.len() && !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    forms
}

/// The first of `candidates` nothing crowds, or else the least crowded.
fn least_crowded(
    candidates: impl IntoIterator<Item = TextBox>,
    crowding: impl Fn(&TextBox, f64) -> f64,
) -> Option<TextBox> {
    let mut best: Option<(f64, TextBox)> = None;
    for candidate in candidates {
        let score = crowding(&candidate, best.map_or(f64::INFINITY, |(lowest, _)| lowest));
        if best.is_none_or(|(lowest, _)| score < lowest) {
            best = Some((score, candidate));
        }
        if score == 0.0 {
            break;
        }
    }
    best.map(|(_, text)| text)
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
    for distance in [1.0, 2.5, 4.5, 7.0, 10.0, 14.0] {
        let lift = lift * distance;
        spots.push(at(point[0] - gap - width, point[1] - lift - height));
        spots.push(at(point[0] + gap, point[1] - lift - height));
        spots.push(at(point[0] + gap, point[1] + lift));
        spots.push(at(point[0] - gap - width, point[1] + lift));
    }
    spots
}
