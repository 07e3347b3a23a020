//! The record's fonts (DejaVu Sans and DejaVu Sans Bold, in assets/fonts with their licence):
//! glyph widths for measuring and wrapping text, and which characters they can draw.

use std::collections::BTreeMap;

pub const REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// The character shown in place of one the fonts cannot draw.
pub const REPLACEMENT: char = '\u{FFFD}';

/// Advance widths of one font, per character, in font units.
pub struct Metrics {
    units_per_em: f32,
    widths: BTreeMap<char, u16>,
    fallback: u16,
}

impl Metrics {
    /// Reads the widths of every character the font maps. `None` if the font cannot be parsed
    /// (the fonts are built in, so this is a broken build, reported as an error).
    pub fn new(data: &[u8]) -> Option<Self> {
        let face = ttf_parser::Face::parse(data, 0).ok()?;
        let mut widths = BTreeMap::new();
        if let Some(cmap) = face.tables().cmap {
            for sub in cmap.subtables.into_iter().filter(|s| s.is_unicode()) {
                sub.codepoints(|cp| {
                    if let Some(c) = char::from_u32(cp)
                        && let Some(g) = sub.glyph_index(cp)
                    {
                        widths
                            .entry(c)
                            .or_insert_with(|| face.glyph_hor_advance(g).unwrap_or(0));
                    }
                });
            }
        }
        let fallback = widths.get(&'n').copied().unwrap_or(600);
        Some(Self {
            units_per_em: f32::from(face.units_per_em()),
            widths,
            fallback,
        })
    }

    pub fn has(&self, c: char) -> bool {
        self.widths.contains_key(&c)
    }

    /// The advance of one character at a size, in points.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        f32::from(*self.widths.get(&c).unwrap_or(&self.fallback)) * size / self.units_per_em
    }

    /// Width of a text at a size, in points.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(*self.widths.get(&c).unwrap_or(&self.fallback)))
            .sum();
        units as f32 * size / self.units_per_em
    }
}
