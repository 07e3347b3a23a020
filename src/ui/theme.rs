//! Colours, icons and the light / dark / system theme.

use eframe::egui::{self, Color32};
use serde::{Deserialize, Serialize};

use crate::check::Severity;
use crate::model::NodeKind;

pub const ERROR: Color32 = Color32::from_rgb(0xd0, 0x3a, 0x3a);
pub const WARNING: Color32 = Color32::from_rgb(0xd9, 0x8a, 0x1c);
/// What a finding under the pointer, or opened, is about: its element and witness path.
pub const HIGHLIGHT: Color32 = Color32::from_rgb(0xf2, 0xb7, 0x05);
pub const INFO: Color32 = Color32::from_rgb(0x3a, 0x7b, 0xd0);

pub fn severity_colour(s: Severity) -> Color32 {
    match s {
        Severity::Error => ERROR,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// One colour per kind of node, readable on light and dark backgrounds.
pub fn kind_colour(kind: &NodeKind) -> Color32 {
    match kind {
        NodeKind::Source(_) => Color32::from_rgb(0x2e, 0x8b, 0x57),
        NodeKind::Relay(_) => Color32::from_rgb(0x5b, 0x6b, 0xc0),
        NodeKind::ConsentGate(_) => Color32::from_rgb(0xb5, 0x6a, 0x00),
        NodeKind::Store(_) => Color32::from_rgb(0x6d, 0x6d, 0x6d),
        NodeKind::Destination(_) => Color32::from_rgb(0xa2, 0x3b, 0x72),
    }
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
