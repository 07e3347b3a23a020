//! The record's fonts cut down to the glyphs the record draws. DejaVu Sans has about 6,000
//! glyphs (760 KB a face); a record uses one or two hundred, so embedding the whole face made
//! an 18-page record 1.7 MB. allsorts (the crate printpdf itself reads fonts with) writes the
//! subset with a Unicode cmap, so printpdf encodes the text against it as against the whole
//! font, and the glyph widths are the same as the ones the layout measured with.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use allsorts::tag;
use sha2::{Digest, Sha256};

use super::PdfError;
use super::page::Page;

/// One face cut down to what a record uses.
pub struct Subset {
    pub bytes: Vec<u8>,
    /// The six capital letters before the font's name that mark a subset (ISO 32000-1,
    /// 9.6.4), derived from the glyphs kept so the same record gives the same name.
    pub tag: String,
}

/// The characters drawn in a face.
pub fn used_chars(pages: &[Page], bold: bool) -> BTreeSet<char> {
    pages.iter().flat_map(|p| p.content.chars(bold)).collect()
}

/// The face `data` with only the glyphs of `chars` (and the .notdef glyph every font needs).
pub fn subset_face(
    data: &[u8],
    chars: &BTreeSet<char>,
    name: &'static str,
) -> Result<Subset, PdfError> {
    let face = ttf_parser::Face::parse(data, 0).map_err(|_| PdfError::Font(name))?;
    let mut glyphs: Vec<u16> = chars
        .iter()
        .filter_map(|c| face.glyph_index(*c))
        .map(|g| g.0)
        .filter(|g| *g != 0)
        .collect::<BTreeSet<u16>>()
        .into_iter()
        .collect();
    glyphs.insert(0, 0);

    let font = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|_| PdfError::Font(name))?;
    let provider = font.table_provider(0).map_err(|_| PdfError::Font(name))?;
    // The tables a PDF viewer reads from an embedded TrueType font, with the hinting
    // programs so small text renders as the designers hinted it.
    let profile = SubsetProfile::Custom(vec![
        tag::CMAP,
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::NAME,
        tag::OS_2,
        tag::POST,
        tag::CVT,
        tag::FPGM,
        tag::PREP,
    ]);
    let bytes = subset(&provider, &glyphs, &profile, CmapTarget::Unicode)
        .map_err(|e| PdfError::Write(format!("the font {name} could not be subset: {e}")))?;

    let mut hash = Sha256::new();
    hash.update(name.as_bytes());
    for g in &glyphs {
        hash.update(g.to_be_bytes());
    }
    let tag = hash
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    Ok(Subset { bytes, tag })
}

#[cfg(test)]
mod tests {
    use super::super::fonts::REGULAR;
    use super::*;

    #[test]
    fn a_subset_keeps_every_character_asked_for_and_is_small() {
        let chars: BTreeSet<char> = "Hafenstraße 12 — Données « » Ελληνικά Данные ⚠ … \u{FFFD}"
            .chars()
            .collect();
        let s = subset_face(REGULAR, &chars, "DejaVuSans").expect("subsets");
        assert!(
            s.bytes.len() < REGULAR.len() / 10,
            "{} bytes",
            s.bytes.len()
        );
        let face = ttf_parser::Face::parse(&s.bytes, 0).expect("a font");
        for c in &chars {
            assert!(face.glyph_index(*c).is_some(), "{c:?} lost");
        }
        assert!(face.glyph_index('Z').is_none(), "only what was asked for");
        assert_eq!(s.tag.len(), 6);
        assert!(s.tag.chars().all(|c| c.is_ascii_uppercase()));
        let again = subset_face(REGULAR, &chars, "DejaVuSans").expect("subsets");
        assert_eq!((again.bytes, again.tag), (s.bytes, s.tag), "deterministic");
    }
}
