//! The document information dictionary: title, author (the controller), subject, creator,
//! producer and dates, and nothing else. printpdf's also carries `/GTS_PDFXVersion` (empty),
//! `/Trapped`, `/Identifier` and `/Keywords`; an empty PDF/X version makes viewers report the
//! record as PDF/X, which it is not.

use lopdf::{Dictionary, Document, Object, StringFormat};

use crate::model::Date;

/// What the file says about itself.
#[derive(Clone, Debug)]
pub struct DocMeta {
    pub title: String,
    /// The controller, who is the record's author in law (Art. 30(1)).
    pub author: String,
    pub subject: String,
    pub date: Date,
    /// The record's language, as a BCP 47 tag ("en", "de", "fr").
    pub lang: &'static str,
}

pub const CREATOR: &str = "capimap";

pub fn producer() -> String {
    format!("capimap {}", env!("CARGO_PKG_VERSION"))
}

/// "D:20261126000000Z" (ISO 32000-1, 7.9.4); the record is dated by day.
pub fn pdf_date(d: Date) -> String {
    format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day)
}

/// A text string: PDFDocEncoding coincides with ASCII; anything else as UTF-16BE with its
/// byte order mark (ISO 32000-1, 7.9.2.2).
pub fn text(s: &str) -> Object {
    if s.chars().all(|c| c.is_ascii() && !c.is_ascii_control()) {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn dictionary(m: &DocMeta) -> Dictionary {
    let date = Object::String(pdf_date(m.date).into_bytes(), StringFormat::Literal);
    Dictionary::from_iter(vec![
        ("Title", text(&m.title)),
        ("Author", text(&m.author)),
        ("Subject", text(&m.subject)),
        ("Creator", text(CREATOR)),
        ("Producer", text(&producer())),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ])
}

/// Puts our dictionary where the trailer's `/Info` points (or adds one).
pub fn replace(doc: &mut Document, m: &DocMeta) {
    let dict = Object::Dictionary(dictionary(m));
    match doc.trailer.get(b"Info").and_then(Object::as_reference) {
        Ok(id) if doc.objects.contains_key(&id) => {
            doc.objects.insert(id, dict);
        }
        _ => {
            let id = doc.add_object(dict);
            doc.trailer.set("Info", Object::Reference(id));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_strings_are_ascii_or_utf16_with_a_byte_order_mark() {
        assert_eq!(
            text("capimap"),
            Object::String(b"capimap".to_vec(), StringFormat::Literal)
        );
        let Object::String(bytes, _) = text("Straße") else {
            panic!("a string")
        };
        assert_eq!(&bytes[..4], &[0xFE, 0xFF, 0, b'S']);
        assert_eq!(bytes.len(), 2 + 2 * 6);
        assert_eq!(
            pdf_date(Date::new(2026, 11, 26).expect("a date")),
            "D:20261126000000Z"
        );
    }
}
