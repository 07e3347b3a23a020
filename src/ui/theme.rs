//! Colours, icons and the light / dark / system theme.

use eframe::egui::{self, Color32};
use serde::{Deserialize, Serialize};

use crate::check::Severity;
use crate::model::NodeKind;

pub const ERROR: Color32 = Color32::from_rgb(0xd0, 0x3a, 0x3a);
pub const WARNING: Color32 = Color32::from_rgb(0xd9, 0x8a, 0x1c);
/// What a finding under the pointer, or opened, is about: its element and witness path.
pub const HIGHLIGHT: Color32 = Color32::from_rgb(0xf2, 0xb7, 0x05);
pub const INFO: Color32 = Color32::from_rgb(0x2f, 0x6b, 0xb8);
/// Data that flows as it may (the consent simulator's receiving destinations).
pub const OK: Color32 = Color32::from_rgb(0x2e, 0x8b, 0x57);

pub fn severity_colour(s: Severity) -> Color32 {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// One colour per kind of node, readable on light and dark backgrounds.
pub fn kind_colour(kind: &NodeKind) -> Color32 {
    let (r, g, b) = crate::layout::kind_rgb(kind);
    Color32::from_rgb(r, g, b)
}

/// A glyph for each kind of node (from egui's default fonts).
pub fn kind_icon(kind: &NodeKind) -> &'static str {
    match kind {
        NodeKind::Source(_) => "🌐",
        NodeKind::Relay(_) => "🔀",
        NodeKind::ConsentGate(_) => "🛡",
        NodeKind::Store(_) => "🗄",
        NodeKind::Destination(_) => "🎯",
    }
}

/// The theme the user chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    pub fn apply(self, ctx: &egui::Context) {
        ctx.set_theme(match self {
            Theme::Light => egui::ThemePreference::Light,
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::System => egui::ThemePreference::System,
        });
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::Light => "Light",
            Theme::Dark => "Dark",
            Theme::System => "Follow the system",
        }
    }
}

/// Adds DejaVu Sans (bundled in `assets/fonts`, with its licence) behind egui's own fonts, so
/// that arrows, bullets and the letters of every European script are drawn, not boxes.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "DejaVuSans",
        egui::FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
        vec![
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Proportional,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
            egui::epaint::text::InsertFontFamily {
                family: egui::FontFamily::Monospace,
                priority: egui::epaint::text::FontPriority::Lowest,
            },
        ],
    ));
}

/// The canvas's background: a shade off the panels', light in the light theme and dark in
/// the dark one, so that the cards (drawn in the text field colour) stand out on both.
pub fn canvas_fill(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(22)
    } else {
        Color32::from_gray(238)
    }
}

/// WCAG 2 relative luminance of a colour.
fn luminance(c: Color32) -> f32 {
    let lin = |v: u8| {
        let s = v as f32 / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: Color32, b: Color32) -> f32 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text on a fill: black or white, whichever reads better (both pass WCAG AA on the
/// severity colours).
pub fn text_on(fill: Color32) -> Color32 {
    let dark = Color32::from_gray(20);
    if contrast(dark, fill) >= contrast(Color32::WHITE, fill) {
        dark
    } else {
        Color32::WHITE
    }
}

/// A card's subtitles (kind, operator): quieter than its name, yet at least 4.5 : 1 on the
/// card (WCAG AA for normal text), which egui's own weak text colour is not.
pub fn subtitle_colour(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(170)
    } else {
        Color32::from_gray(88)
    }
}

/// A flow badge without findings: its fill and text, at AA contrast in both themes.
pub fn badge_colours(visuals: &egui::Visuals) -> (Color32, Color32) {
    if visuals.dark_mode {
        (Color32::from_gray(58), Color32::from_gray(235))
    } else {
        (Color32::from_gray(226), Color32::from_gray(30))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canvas_text_passes_wcag_aa_in_both_themes() {
        for visuals in [egui::Visuals::dark(), egui::Visuals::light()] {
            let card = visuals.extreme_bg_color;
            let name = if visuals.dark_mode { "dark" } else { "light" };
            assert!(
                contrast(visuals.strong_text_color(), card) >= 4.5,
                "{name}: card names"
            );
            assert!(
                contrast(subtitle_colour(&visuals), card) >= 4.5,
                "{name}: subtitles"
            );
            let (fill, text) = badge_colours(&visuals);
            assert!(contrast(text, fill) >= 4.5, "{name}: badges");
            let selected = visuals.selection.bg_fill;
            assert!(
                contrast(text_on(selected), selected) >= 4.5,
                "{name}: selected badge"
            );
        }
        for fill in [ERROR, WARNING, INFO, HIGHLIGHT] {
            assert!(contrast(text_on(fill), fill) >= 4.5, "{fill:?}");
        }
    }

    #[test]
    fn contrast_is_the_wcag_ratio() {
        assert!((contrast(Color32::BLACK, Color32::WHITE) - 21.0).abs() < 0.01);
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.01);
    }
}
