//! The document outline (bookmarks): one entry per section of the record, so every activity,
//! with the section's headings under it, closed so the panel lists the sections at a glance.
//! printpdf's own bookmarks are flat, sorted by page and set `/PageMode` as a string.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::super::nav::{Bookmark, Place};
use super::info::text;

pub fn write(doc: &mut Document, bookmarks: &[Bookmark], dest: &dyn Fn(Place) -> Option<Object>) {
    if bookmarks.is_empty() {
        return;
    }
    let root = doc.new_object_id();
    let (first, last, _) = items(doc, root, bookmarks, dest);
    let root_dict = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(first)),
        ("Last", Object::Reference(last)),
        // The entries shown when the outline opens: the sections (their headings closed).
        ("Count", Object::Integer(bookmarks.len() as i64)),
    ]);
    doc.objects.insert(root, Object::Dictionary(root_dict));
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("Outlines", Object::Reference(root));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
}

/// Writes the entries under `parent`; their first and last ids and how many there are.
fn items(
    doc: &mut Document,
    parent: ObjectId,
    bookmarks: &[Bookmark],
    dest: &dyn Fn(Place) -> Option<Object>,
) -> (ObjectId, ObjectId, usize) {
    let ids: Vec<ObjectId> = bookmarks.iter().map(|_| doc.new_object_id()).collect();
    for (i, b) in bookmarks.iter().enumerate() {
        let mut d = Dictionary::from_iter(vec![
            ("Title", text(&b.title)),
            ("Parent", Object::Reference(parent)),
        ]);
        if let Some(dest) = dest(b.at) {
            d.set("Dest", dest);
        }
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            d.set("Next", Object::Reference(*next));
        }
        if !b.children.is_empty() {
            let (first, last, n) = items(doc, ids[i], &b.children, dest);
            d.set("First", Object::Reference(first));
            d.set("Last", Object::Reference(last));
            // Negative: closed, with this many entries below.
            d.set("Count", Object::Integer(-(n as i64)));
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    (ids[0], ids[ids.len() - 1], ids.len())
}
