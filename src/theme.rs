//! Design tokens: colours, sizes and the dark / light / presentation looks, in one place.
//!
//! The chart, the breakdown bars, the export images and the SVG writer all take their
//! colours from here, so an option has the same colour on screen, in a PNG and in an SVG.

use eframe::egui::{self, Color32, FontId, TextStyle};
use serde::{Deserialize, Serialize};

use crate::engine::OptionKind;
use crate::figure::{Ink, TextRole, option_inks};

/// Dark or light.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeMode {
    /// Light text on dark grey.
    #[default]
    Dark,
    /// Dark text on white.
    Light,
}

/// How the app looks: theme plus presentation mode (big type, thick lines, light).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Look {
    /// Dark or light (presentation mode always uses light).
    pub mode: ThemeMode,
    /// Larger fonts and lines for a projector.
    pub presentation: bool,
}

impl Look {
    /// Whether the dark palette is in use.
    pub fn is_dark(self) -> bool {
        self.mode == ThemeMode::Dark && !self.presentation
    }

    /// Multiplier for text sizes.
    pub fn text_scale(self) -> f32 {
        if self.presentation { 1.35 } else { 1.0 }
    }

    /// Width of cost curves, points.
    pub fn curve_width(self) -> f32 {
        if self.presentation { 4.0 } else { 2.5 }
    }

    /// Size of chart text in the given role, points (pixels in the SVG at 1000 px width).
    pub fn text_size(self, role: TextRole) -> f32 {
        let size = match role {
            TextRole::Tick => 12.0,
            TextRole::AxisTitle | TextRole::CrossoverLabel | TextRole::VolumeMarker => 13.0,
            TextRole::Legend => 13.0,
        };
        size * self.text_scale()
    }

    /// Size of a caption line under an exported chart, points.
    pub fn caption_size(self, line: CaptionLine) -> f32 {
        let size = match line {
            CaptionLine::Title => 17.0,
            CaptionLine::Verdict => 15.0,
            CaptionLine::Warning => 13.0,
            CaptionLine::Assumption => 12.0,
            CaptionLine::Footer => 11.0,
        };
        size * self.text_scale()
    }

    /// Radius of a crossover marker, points.
    pub fn marker_radius(self) -> f32 {
        if self.presentation { 8.0 } else { 6.0 }
    }

    /// The colours to use.
    pub fn palette(self) -> Palette {
        if self.is_dark() {
            Palette::DARK
        } else {
            Palette::LIGHT
        }
    }
}

/// Shared adjustments to the palette's colours.
pub mod palette {
    /// Opacity of an option's curve where it cannot run as configured.
    pub const FADED: f32 = 0.45;
    /// Opacity of an option's cost band around its curve.
    pub const BAND: f32 = 0.22;
    /// Opacity of a bar's fill (the timeline's purchases), so the grid shows through.
    pub const BAR: f32 = 0.75;
}

/// Colours of one look.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Palette {
    /// API curves, in order.
    pub api: [Color32; 4],
    /// Self-hosted curves, in order.
    pub self_hosted: [Color32; 4],
    /// The hybrid curve.
    pub hybrid: Color32,
    /// Shading where self-hosting is cheapest.
    pub self_hosting_wins: Color32,
    /// Shading where the API and self-hosting take turns at every added node.
    pub taking_turns: Color32,
    /// Crossover markers and labels.
    pub crossover: Color32,
    /// The current-volume marker.
    pub volume_marker: Color32,
    /// Edges and words of the crossover interval.
    pub interval: Color32,
    /// Shading of the crossover interval.
    pub interval_shade: Color32,
    /// A tornado bar's part with its input at the low guess.
    pub low_guess: Color32,
    /// A tornado bar's part with its input at the high guess.
    pub high_guess: Color32,
    /// Warnings.
    pub warning: Color32,
    /// Good news (savings).
    pub good: Color32,
    /// Cost layers in the breakdown, in the order of
    /// [`crate::engine::self_hosted::Layer::ALL`].
    pub layers: [Color32; 10],
    /// Background of exported images.
    pub background: Color32,
    /// Main text.
    pub text: Color32,
    /// Secondary text.
    pub weak_text: Color32,
    /// Grid lines.
    pub grid: Color32,
}

impl Palette {
    /// On dark grey.
    pub const DARK: Palette = Palette {
        api: [
            Color32::from_rgb(96, 165, 250),
            Color32::from_rgb(192, 132, 252),
            Color32::from_rgb(244, 114, 182),
            Color32::from_rgb(148, 163, 184),
        ],
        self_hosted: [
            Color32::from_rgb(251, 146, 60),
            Color32::from_rgb(250, 204, 21),
            Color32::from_rgb(248, 113, 113),
            Color32::from_rgb(163, 230, 53),
        ],
        hybrid: Color32::from_rgb(45, 212, 191),
        self_hosting_wins: Color32::from_rgba_premultiplied(20, 60, 30, 60),
        taking_turns: Color32::from_rgba_premultiplied(60, 45, 10, 60),
        crossover: Color32::from_rgb(240, 240, 240),
        volume_marker: Color32::from_rgb(200, 200, 200),
        interval: Color32::from_rgb(125, 211, 252),
        interval_shade: Color32::from_rgba_premultiplied(12, 38, 52, 56),
        low_guess: Color32::from_rgb(45, 212, 191),
        high_guess: Color32::from_rgb(251, 113, 133),
        warning: Color32::from_rgb(251, 191, 36),
        good: Color32::from_rgb(74, 222, 128),
        layers: [
            Color32::from_rgb(251, 146, 60),
            Color32::from_rgb(250, 204, 21),
            Color32::from_rgb(167, 139, 250),
            Color32::from_rgb(56, 189, 248),
            Color32::from_rgb(96, 165, 250),
            Color32::from_rgb(251, 113, 133),
            Color32::from_rgb(163, 230, 53),
            Color32::from_rgb(45, 212, 191),
            Color32::from_rgb(244, 114, 182),
            Color32::from_rgb(161, 161, 170),
        ],
        background: Color32::from_rgb(27, 27, 27),
        text: Color32::from_rgb(230, 230, 230),
        weak_text: Color32::from_rgb(160, 160, 160),
        grid: Color32::from_rgb(60, 60, 60),
    };

    /// On white: slides and print.
    pub const LIGHT: Palette = Palette {
        api: [
            Color32::from_rgb(37, 99, 235),
            Color32::from_rgb(124, 58, 237),
            Color32::from_rgb(219, 39, 119),
            Color32::from_rgb(71, 85, 105),
        ],
        self_hosted: [
            Color32::from_rgb(234, 88, 12),
            Color32::from_rgb(161, 98, 7),
            Color32::from_rgb(220, 38, 38),
            Color32::from_rgb(77, 124, 15),
        ],
        hybrid: Color32::from_rgb(13, 148, 136),
        self_hosting_wins: Color32::from_rgba_premultiplied(6, 30, 14, 34),
        taking_turns: Color32::from_rgba_premultiplied(40, 28, 4, 40),
        crossover: Color32::from_rgb(17, 24, 39),
        volume_marker: Color32::from_rgb(75, 85, 99),
        interval: Color32::from_rgb(3, 105, 161),
        interval_shade: Color32::from_rgba_premultiplied(6, 22, 30, 32),
        low_guess: Color32::from_rgb(13, 148, 136),
        high_guess: Color32::from_rgb(225, 29, 72),
        warning: Color32::from_rgb(180, 83, 9),
        good: Color32::from_rgb(21, 128, 61),
        layers: [
            Color32::from_rgb(234, 88, 12),
            Color32::from_rgb(202, 138, 4),
            Color32::from_rgb(124, 58, 237),
            Color32::from_rgb(2, 132, 199),
            Color32::from_rgb(37, 99, 235),
            Color32::from_rgb(225, 29, 72),
            Color32::from_rgb(101, 163, 13),
            Color32::from_rgb(13, 148, 136),
            Color32::from_rgb(219, 39, 119),
            Color32::from_rgb(82, 82, 91),
        ],
        background: Color32::from_rgb(255, 255, 255),
        text: Color32::from_rgb(17, 24, 39),
        weak_text: Color32::from_rgb(75, 85, 99),
        grid: Color32::from_rgb(225, 225, 225),
    };

    /// Colour of the option at `index` among options of its kind.
    pub fn option(&self, kind: OptionKind, index_in_kind: usize) -> Color32 {
        match kind {
            OptionKind::Api => self.api[index_in_kind % self.api.len()],
            OptionKind::SelfHosted => self.self_hosted[index_in_kind % self.self_hosted.len()],
            OptionKind::Hybrid => self.hybrid,
        }
    }
}

impl Palette {
    /// The colour a chart element names.
    pub fn ink(&self, ink: Ink) -> Color32 {
        match ink {
            Ink::Option(kind, index_in_kind) => self.option(kind, index_in_kind),
            Ink::SelfHostingCheapest => self.self_hosting_wins,
            Ink::TakingTurns => self.taking_turns,
            Ink::Crossover => self.crossover,
            Ink::VolumeMarker => self.volume_marker,
            Ink::Interval => self.interval,
            Ink::IntervalShade => self.interval_shade,
            Ink::LowGuess => self.low_guess,
            Ink::HighGuess => self.high_guess,
        }
    }
}

/// The lines of the caption under an exported chart, each with its own size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaptionLine {
    /// The scenario's title.
    Title,
    /// The verdict sentence.
    Verdict,
    /// An option that cannot run as configured.
    Warning,
    /// One assumption.
    Assumption,
    /// Source and date.
    Footer,
}

/// Colours of a list of options (as the engine orders them), by kind and position.
pub fn option_colors(
    palette: &Palette,
    kinds: impl IntoIterator<Item = OptionKind>,
) -> Vec<Color32> {
    option_inks(kinds)
        .into_iter()
        .map(|ink| palette.ink(ink))
        .collect()
}

/// Colour of the "• reset" mark on values changed from the loaded scenario (amber reads
/// on both dark and light backgrounds).
pub const CHANGED_MARK: Color32 = Color32::from_rgb(245, 158, 11);

/// Default width of the controls panel, points.
pub const CONTROLS_WIDTH: f32 = 360.0;

/// Size of the verdict headline at normal scale, points.
pub const HEADLINE_SIZE: f32 = 22.0;

/// Applies the look to the context: visuals and font sizes.
pub fn apply(ctx: &egui::Context, look: Look) {
    ctx.set_theme(if look.is_dark() {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    let scale = look.text_scale();
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Small, FontId::proportional(11.0 * scale)),
            (TextStyle::Body, FontId::proportional(14.0 * scale)),
            (TextStyle::Button, FontId::proportional(14.0 * scale)),
            (TextStyle::Heading, FontId::proportional(19.0 * scale)),
            (TextStyle::Monospace, FontId::monospace(13.0 * scale)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.slider_width = 150.0 * scale;
        style.spacing.text_edit_width = 190.0 * scale;
    });
}
