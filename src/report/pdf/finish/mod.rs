//! What the record's file needs beyond its pages, written onto the document printpdf made:
//! the fonts named as the subsets they are, a document information dictionary that claims
//! nothing untrue (printpdf's names an empty PDF/X version, which viewers read as PDF/X), what
//! PDF/A-2b asks (an sRGB output intent and XMP metadata), the outline and the links, the PDF
//! version, compressed streams and an id derived from the content.

mod compress;
mod info;
mod links;
mod outline;
mod pdfa;
mod tags;

use std::collections::BTreeMap;

use lopdf::{Document, Object, StringFormat};

pub use info::DocMeta;

use super::nav::{Nav, Place};
use super::tag::{ElemId, Tree};

/// Everything `finish` writes onto the document.
pub struct Finish<'a> {
    pub meta: &'a DocMeta,
    /// The subset tag of each embedded face, by the face's name ("DejaVuSans").
    pub subset_tags: BTreeMap<&'static str, String>,
    /// The file's id: the same record and date give the same id, and so the same bytes.
    pub id: [u8; 16],
    /// The outline and the links, as the layout placed them.
    pub nav: &'a Nav,
    /// Each page's height in points: the layout measures from the top, PDF from the bottom.
    pub page_heights: Vec<f32>,
    /// The logical structure, and the element of each page's marked content by MCID.
    pub tree: &'a Tree,
    pub marks: &'a [Vec<ElemId>],
}

pub fn finish(doc: &mut Document, f: &Finish<'_>) {
    // ISO 32000-1 is PDF 1.7; printpdf writes 1.3 whatever the content needs.
    doc.version = "1.7".to_owned();
    name_subsets(doc, &f.subset_tags);
    info::replace(doc, f.meta);
    pdfa::write(doc, f.meta, &f.id);
    if let Ok(catalog) = doc.catalog_mut() {
        // The language screen readers and text extraction use (ISO 32000-1, 14.9.2).
        catalog.set("Lang", info::text(f.meta.lang));
        // Viewers show the record's title, not the file's name.
        catalog.set(
            "ViewerPreferences",
            Object::Dictionary(lopdf::Dictionary::from_iter(vec![(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        );
    }
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let dest = |at: Place| -> Option<Object> {
        let page = *pages.get(at.page)?;
        // The top of the place, at the left edge, the zoom as the reader has it.
        Some(Object::Array(vec![
            Object::Reference(page),
            Object::Name(b"XYZ".to_vec()),
            Object::Integer(0),
            Object::Real(f.page_heights.get(at.page).copied().unwrap_or(0.0) - at.top + 4.0),
            Object::Null,
        ]))
    };
    outline::write(doc, &f.nav.bookmarks, &dest);
    let annots = links::write(doc, f, &pages, &dest);
    tags::write(doc, f.tree, f.marks, &pages, &annots);
    let id = Object::String(f.id.to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", Object::Array(vec![id.clone(), id]));
    compress::all(doc);
}

/// Each page's content stream, in page order, in place of the one printpdf wrote (see
/// `pdf/content.rs`).
/// printpdf writes every page with a reference to one stream; a page without is an error.
pub fn contents(doc: &mut Document, streams: Vec<Vec<u8>>) -> Result<(), String> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != streams.len() {
        return Err(format!(
            "{} pages for {} contents",
            pages.len(),
            streams.len()
        ));
    }
    for (i, (page, stream)) in pages.into_iter().zip(streams).enumerate() {
        let target = doc
            .get_dictionary(page)
            .and_then(|d| d.get(b"Contents"))
            .and_then(Object::as_reference);
        match target.and_then(|id| doc.get_object_mut(id)) {
            Ok(Object::Stream(s)) => s.set_content(stream),
            _ => return Err(format!("page {} has no content stream", i + 1)),
        }
    }
    Ok(())
}

/// `/BaseFont` (of the font and its descendant) and the descriptor's `/FontName` become
/// "TAG+Name", which is how readers know the embedded program is a subset. printpdf writes the
/// descendant and the descriptor inside the font's dictionary, so nested objects are visited.
fn name_subsets(doc: &mut Document, tags: &BTreeMap<&'static str, String>) {
    for object in doc.objects.values_mut() {
        rename_in(object, tags);
    }
}

fn rename_in(object: &mut Object, tags: &BTreeMap<&'static str, String>) {
    match object {
        Object::Dictionary(dict) => {
            for (key, value) in dict.iter_mut() {
                let tagged = match value {
                    Object::Name(name) if key == b"BaseFont" || key == b"FontName" => {
                        std::str::from_utf8(name)
                            .ok()
                            .and_then(|n| tags.get(n).map(|t| format!("{t}+{n}")))
                    }
                    _ => None,
                };
                match tagged {
                    Some(tagged) => *value = Object::Name(tagged.into_bytes()),
                    None => rename_in(value, tags),
                }
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| rename_in(o, tags)),
        _ => {}
    }
}
