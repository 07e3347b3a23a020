//! Reading the record's PDF back for the tests: render a project, the embedded fonts with their
//! programs and Unicode maps, the document catalogue.

use std::collections::BTreeMap;

use capimap::model::{Date, Project};
use capimap::report::document::Edition;
use capimap::report::pdf::{Options, Output, Paper, render};
use capimap::report::words::Lang;
use lopdf::{Dictionary, Document, Object};

pub fn date() -> Date {
    "2026-11-26".parse().unwrap()
}

/// The record of `p` as PDF.
pub fn render_pdf(p: &Project, lang: Lang, edition: Edition, paper: Paper) -> Output {
    let record = super::record::record_edition(p, lang, edition);
    render(
        &record,
        &Options {
            paper,
            date: date(),
        },
    )
    .expect("renders")
}

pub fn load(bytes: &[u8]) -> Document {
    Document::load_mem(bytes).expect("a PDF lopdf reads")
}

/// Page `n`'s (from 1) width and height in points, from its MediaBox.
pub fn page_size(doc: &Document, n: u32) -> (f32, f32) {
    let id = doc.get_pages()[&n];
    let media: Vec<f32> = doc
        .get_dictionary(id)
        .and_then(|d| d.get(b"MediaBox"))
        .and_then(Object::as_array)
        .expect("a MediaBox")
        .iter()
        .map(|o| o.as_float().expect("a number"))
        .collect();
    (media[2] - media[0], media[3] - media[1])
}

pub fn catalog(doc: &Document) -> &Dictionary {
    doc.catalog().expect("a catalogue")
}

pub fn info(doc: &Document) -> &Dictionary {
    let id = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("an Info dictionary");
    doc.get_dictionary(id).expect("Info is a dictionary")
}

/// A PDF text string as Rust text (UTF-16BE with its mark, else PDFDocEncoding read as Latin-1,
/// which is the same for everything the record writes).
pub fn text_string(o: &Object) -> String {
    let bytes = o.as_str().expect("a string");
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units).expect("UTF-16")
    } else {
        bytes.iter().map(|b| char::from(*b)).collect()
    }
}

/// One embedded font, as a reader finds it.
pub struct Font {
    /// `/BaseFont` of the Type0 font.
    pub base: String,
    /// `/BaseFont` of its descendant and `/FontName` of the descriptor.
    pub descendant: String,
    pub descriptor_name: String,
    pub cid_to_gid: Option<Vec<u8>>,
    /// The embedded font program, decompressed.
    pub program: Vec<u8>,
    /// Code → text, from `/ToUnicode`.
    pub to_unicode: BTreeMap<u16, String>,
}

fn name(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).and_then(Object::as_name).expect("a name")).into_owned()
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).expect("the referenced object"),
        o => o,
    }
}

fn stream_content(doc: &Document, o: &Object) -> Vec<u8> {
    let s = deref(doc, o).as_stream().expect("a stream");
    s.decompressed_content()
        .unwrap_or_else(|_| s.content.clone())
}

/// `<0001> <0020>` pairs of a ToUnicode CMap's bfchar sections.
fn parse_to_unicode(cmap: &str) -> BTreeMap<u16, String> {
    let mut map = BTreeMap::new();
    let mut inside = false;
    for line in cmap.lines() {
        if line.ends_with("beginbfchar") {
            inside = true;
            continue;
        }
        if line.starts_with("endbfchar") {
            inside = false;
        }
        if !inside {
            continue;
        }
        let hex: Vec<&str> = line
            .split(['<', '>'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if let [code, text] = hex[..] {
            let code = u16::from_str_radix(code, 16).expect("a code");
            let units: Vec<u16> = (0..text.len() / 4)
                .map(|i| u16::from_str_radix(&text[i * 4..i * 4 + 4], 16).expect("hex"))
                .collect();
            map.insert(code, String::from_utf16(&units).expect("UTF-16"));
        }
    }
    map
}

/// Every Type0 font of the file.
pub fn fonts(doc: &Document) -> Vec<Font> {
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(d) = object.as_dict() else { continue };
        if d.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Type0".as_slice()) {
            continue;
        }
        let descendants = deref(doc, d.get(b"DescendantFonts").expect("descendants"))
            .as_array()
            .expect("an array");
        let cid = deref(doc, &descendants[0]).as_dict().expect("a CID font");
        let descriptor = deref(doc, cid.get(b"FontDescriptor").expect("a descriptor"))
            .as_dict()
            .expect("a dictionary");
        let cid_to_gid = cid.get(b"CIDToGIDMap").ok().map(|o| match o {
            Object::Name(n) => n.clone(),
            o => stream_content(doc, o),
        });
        let cmap = stream_content(doc, d.get(b"ToUnicode").expect("a ToUnicode map"));
        out.push(Font {
            base: name(d, b"BaseFont"),
            descendant: name(cid, b"BaseFont"),
            descriptor_name: name(descriptor, b"FontName"),
            cid_to_gid,
            program: stream_content(doc, descriptor.get(b"FontFile2").expect("an embedded font")),
            to_unicode: parse_to_unicode(&String::from_utf8_lossy(&cmap)),
        });
    }
    // By the face's name, whatever the subset tag before it.
    let face = |f: &Font| {
        f.base
            .split_once('+')
            .map_or(f.base.clone(), |(_, n)| n.to_owned())
    };
    out.sort_by_key(face);
    out
}

/// The file with every stream decompressed, as bytes to search.
pub fn inflated(bytes: &[u8]) -> Vec<u8> {
    let mut doc = load(bytes);
    doc.decompress();
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saves");
    out
}

/// The text of page `n` (from 1) as a reader copying it gets it: a word the record hyphenated
/// at a line's end (with a soft hyphen, U+00AD) is joined again.
pub fn page_text(doc: &Document, n: u32) -> String {
    joined(&doc.extract_text(&[n]).unwrap_or_default())
}

/// Text with every soft hyphen and the line break after it removed.
pub fn joined(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{ad}' {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One text-showing operation as drawn: its page (from 1), where it starts and ends along the
/// baseline (from the glyph widths the file itself declares), its size and its text.
#[derive(Clone, Debug)]
pub struct Run {
    pub page: u32,
    pub x0: f32,
    pub x1: f32,
    pub baseline: f32,
    pub size: f32,
    pub text: String,
    /// The innermost marked content it is drawn in: its MCID, or none.
    pub mcid: Option<i64>,
    /// Whether it is drawn inside marked content at all (an artifact, a structure element's
    /// content, a figure).
    pub marked: bool,
    /// Whether it is inside an `/Artifact` sequence.
    pub artifact: bool,
}

/// A font as the content stream uses it: widths per code and the code's text.
struct Used {
    widths: BTreeMap<u16, f32>,
    default_width: f32,
    text: BTreeMap<u16, String>,
}

fn used_font(doc: &Document, font: &Dictionary) -> Used {
    let descendants = deref(doc, font.get(b"DescendantFonts").expect("descendants"))
        .as_array()
        .expect("an array");
    let cid = deref(doc, &descendants[0]).as_dict().expect("a CID font");
    let default_width = cid.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
    let mut widths = BTreeMap::new();
    if let Ok(w) = cid.get(b"W") {
        let items = deref(doc, w).as_array().expect("/W");
        let mut i = 0;
        // [first [w1 w2 …]] or [first last w].
        while i < items.len() {
            let first = items[i].as_i64().expect("a code") as u16;
            match deref(doc, &items[i + 1]) {
                Object::Array(ws) => {
                    for (k, w) in ws.iter().enumerate() {
                        widths.insert(first + k as u16, w.as_float().expect("a width"));
                    }
                    i += 2;
                }
                last => {
                    let last = last.as_i64().expect("a code") as u16;
                    let w = items[i + 2].as_float().expect("a width");
                    for c in first..=last {
                        widths.insert(c, w);
                    }
                    i += 3;
                }
            }
        }
    }
    let cmap = stream_content(doc, font.get(b"ToUnicode").expect("a ToUnicode map"));
    Used {
        widths,
        default_width,
        text: parse_to_unicode(&String::from_utf8_lossy(&cmap)),
    }
}

/// Every text run of every page, in drawing order.
pub fn runs(doc: &Document) -> Vec<Run> {
    let mut out = Vec::new();
    for (number, page) in doc.get_pages() {
        let fonts: BTreeMap<Vec<u8>, Used> = doc
            .get_page_fonts(page)
            .expect("the page's fonts")
            .into_iter()
            .map(|(name, d)| (name, used_font(doc, d)))
            .collect();
        let content = doc.get_and_decode_page_content(page).expect("content");
        let (mut font, mut size, mut x, mut y) = (None, 0.0_f32, 0.0_f32, 0.0_f32);
        // Open marked-content sequences: (tag, MCID).
        let mut marks: Vec<(Vec<u8>, Option<i64>)> = Vec::new();
        for op in content.operations {
            let num = |i: usize| op.operands[i].as_float().expect("a number");
            match op.operator.as_str() {
                "BMC" => marks.push((op.operands[0].as_name().expect("a tag").to_vec(), None)),
                "BDC" => {
                    let mcid = match &op.operands[1] {
                        Object::Dictionary(d) => d.get(b"MCID").and_then(Object::as_i64).ok(),
                        _ => None,
                    };
                    marks.push((op.operands[0].as_name().expect("a tag").to_vec(), mcid));
                }
                "EMC" => {
                    marks.pop().expect("EMC closes a marked sequence");
                }
                "BT" => (x, y) = (0.0, 0.0),
                "Tf" => {
                    font = Some(op.operands[0].as_name().expect("a font").to_vec());
                    size = num(1);
                }
                "Td" => (x, y) = (x + num(0), y + num(1)),
                "Tm" => (x, y) = (num(4), num(5)),
                "Tj" | "TJ" => {
                    let f = &fonts[font.as_ref().expect("a font set")];
                    let mut advance = 0.0;
                    let mut text = String::new();
                    let pieces: Vec<&Object> = match &op.operands[0] {
                        Object::Array(items) => items.iter().collect(),
                        o => vec![o],
                    };
                    for piece in pieces {
                        match piece {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code = u16::from_be_bytes([pair[0], pair[1]]);
                                    let w = f.widths.get(&code).copied();
                                    advance += w.unwrap_or(f.default_width) / 1000.0 * size;
                                    let t = f.text.get(&code).map_or("\u{fffd}", String::as_str);
                                    text.push_str(t);
                                }
                            }
                            kern => advance -= kern.as_float().unwrap_or(0.0) / 1000.0 * size,
                        }
                    }
                    out.push(Run {
                        page: number,
                        x0: x,
                        x1: x + advance,
                        baseline: y,
                        size,
                        text,
                        mcid: marks.iter().rev().find_map(|m| m.1),
                        marked: !marks.is_empty(),
                        artifact: marks.iter().any(|m| m.0 == b"Artifact"),
                    });
                    x += advance;
                }
                _ => {}
            }
        }
    }
    out
}
