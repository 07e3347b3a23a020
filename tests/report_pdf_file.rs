//! The record as a file: small (subset fonts, compressed streams), every glyph kept is the
//! glyph of its character and extracts as it, PDF 1.7 with no claim it does not meet, a
//! document information dictionary that says what the record is, and the language set.

mod common;

use capimap::report::document::Edition;
use capimap::report::pdf::Paper;
use capimap::report::words::Lang;
use common::pdf::{catalog, fonts, inflated, info, load, render_pdf, text_string};
use common::record::example;
use common::tools::run;
use lopdf::Object;

const REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

fn example_pdf(lang: Lang, edition: Edition) -> Vec<u8> {
    render_pdf(&example(), lang, edition, Paper::A4).bytes
}

#[test]
fn the_examples_record_is_under_300_kb_in_both_editions() {
    for edition in [Edition::Authority, Edition::Internal] {
        let bytes = example_pdf(Lang::En, edition);
        assert!(
            !bytes.is_empty() && bytes.len() < 300_000,
            "{edition:?}: {} bytes",
            bytes.len()
        );
    }
}

#[test]
fn both_fonts_are_embedded_as_named_subsets() {
    let doc = load(&example_pdf(Lang::En, Edition::Internal));
    let fonts = fonts(&doc);
    assert_eq!(fonts.len(), 2, "regular and bold");
    for (font, face) in fonts.iter().zip(["DejaVuSans", "DejaVuSans-Bold"]) {
        let (tag, rest) = font.base.split_once('+').expect("a subset tag");
        assert_eq!(rest, face);
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{}",
            font.base
        );
        assert_eq!(font.descendant, font.base, "both levels name the same font");
        assert_eq!(font.descriptor_name, font.base);
        assert_eq!(font.cid_to_gid.as_deref(), Some(b"Identity".as_slice()));
        assert!(font.program.len() < 120_000, "{} B", font.program.len());
        ttf_parser::Face::parse(&font.program, 0).expect("the subset is a font");
    }
}

/// Each code the text uses (a glyph id of the subset, as `/CIDToGIDMap /Identity` says) must
/// draw the character `/ToUnicode` says it is: the subset's cmap maps the character to that
/// code, and the glyph has the outline and advance of the character's glyph in the full font.
fn assert_glyphs_are_their_characters(bytes: &[u8]) {
    let doc = load(bytes);
    for (font, full) in fonts(&doc).iter().zip([REGULAR, BOLD]) {
        let sub = ttf_parser::Face::parse(&font.program, 0).expect("a font");
        let full = ttf_parser::Face::parse(full, 0).expect("a font");
        assert!(font.to_unicode.len() > 20, "{}", font.to_unicode.len());
        for (code, text) in &font.to_unicode {
            let c = text.chars().next().expect("a character");
            let glyph = ttf_parser::GlyphId(*code);
            assert_eq!(sub.glyph_index(c), Some(glyph), "{c:?} in {}", font.base);
            let original = full.glyph_index(c).expect("the full font has it");
            assert_eq!(
                sub.glyph_bounding_box(glyph),
                full.glyph_bounding_box(original),
                "outline of {c:?} in {}",
                font.base
            );
            assert_eq!(
                sub.glyph_hor_advance(glyph),
                full.glyph_hor_advance(original),
                "width of {c:?}"
            );
        }
    }
}

#[test]
fn every_glyph_kept_is_the_glyph_of_its_character_in_every_language() {
    for lang in Lang::ALL {
        assert_glyphs_are_their_characters(&example_pdf(lang, Edition::Internal));
    }
    // Names in other scripts and signs.
    let mut p = example();
    p.activities[0].name = "Ελληνικά · Данные « Straße » — ⚠ … 12 €".to_owned();
    let bytes = render_pdf(&p, Lang::En, Edition::Authority, Paper::A4).bytes;
    assert_glyphs_are_their_characters(&bytes);
    let doc = load(&bytes);
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).expect("text");
    assert!(
        text.contains("Ελληνικά · Данные « Straße » — ⚠ … 12 €"),
        "the name extracts as written"
    );
}

#[test]
fn the_file_is_pdf_1_7_and_claims_no_pdf_x() {
    let bytes = example_pdf(Lang::En, Edition::Authority);
    assert!(bytes.starts_with(b"%PDF-1.7\n%"), "{:?}", &bytes[..12]);
    // The comment after the header has four bytes of 128 or more: the file is binary.
    assert!(
        bytes[10..14].iter().all(|b| *b >= 128),
        "{:?}",
        &bytes[..16]
    );
    let plain = inflated(&bytes);
    assert!(
        !plain.windows(8).any(|w| w == b"GTS_PDFX"),
        "no PDF/X version"
    );
    let doc = load(&bytes);
    let info = info(&doc);
    let mut keys: Vec<String> = info
        .iter()
        .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "Author",
            "CreationDate",
            "Creator",
            "ModDate",
            "Producer",
            "Subject",
            "Title"
        ]
    );
    let get = |k: &[u8]| text_string(info.get(k).expect("present"));
    assert_eq!(
        get(b"Title"),
        "Record of processing activities — Nordlicht Outdoor GmbH"
    );
    assert_eq!(get(b"Author"), "Nordlicht Outdoor GmbH");
    assert_eq!(get(b"CreationDate"), "D:20261126000000Z");
    assert!(get(b"Producer").starts_with("capimap "));
}

#[test]
fn the_language_is_the_records() {
    for (lang, title) in [
        (Lang::En, "Record of processing activities"),
        (Lang::De, "Verzeichnis von Verarbeitungstätigkeiten"),
        (Lang::Fr, "Registre des activités de traitement"),
    ] {
        let doc = load(&example_pdf(lang, Edition::Authority));
        let c = catalog(&doc);
        assert_eq!(text_string(c.get(b"Lang").expect("/Lang")), lang.code());
        let title_of = text_string(info(&doc).get(b"Title").expect("a title"));
        assert!(title_of.starts_with(title), "{title_of}");
        let prefs = c
            .get(b"ViewerPreferences")
            .and_then(Object::as_dict)
            .expect("viewer preferences");
        assert_eq!(
            prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
            Some(true)
        );
    }
}

/// The records a reader might be sent, in every language and on both papers.
fn variants() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for lang in Lang::ALL {
        out.push((format!("{lang:?}"), example_pdf(lang, Edition::Internal)));
    }
    out.push((
        "letter".to_owned(),
        render_pdf(&example(), Lang::En, Edition::Authority, Paper::Letter).bytes,
    ));
    out
}

#[test]
fn qpdf_finds_no_error_and_poppler_reports_what_the_file_is() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in variants() {
        let path = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        if let Some(out) = run("qpdf", &["--check"], &path) {
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{name}: {said}");
            assert!(
                said.contains("No syntax or stream encoding errors found"),
                "{name}: {said}"
            );
        }
        if let Some(out) = run("pdfinfo", &[], &path) {
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(said.contains("PDF version:     1.7"), "{name}: {said}");
            assert!(!said.contains("PDF/X"), "{name}: {said}");
            assert!(
                said.contains("Author:          Nordlicht Outdoor GmbH"),
                "{said}"
            );
        }
        if let Some(out) = run("pdffonts", &[], &path) {
            let said = String::from_utf8_lossy(&out.stdout);
            let rows: Vec<&str> = said.lines().skip(2).collect();
            assert_eq!(rows.len(), 2, "{name}: {said}");
            for row in rows {
                // name, type, encoding, emb, sub, uni, object number, generation.
                let cols: Vec<&str> = row.split_whitespace().collect();
                let n = cols.len();
                assert!(n >= 5, "{name}: {row}");
                assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{name}: {row}");
            }
        }
    }
}
