//! Link annotations over the contents entries, each going to its section. Printed (`/F 4`, as
//! PDF/A asks of every annotation) but with no border drawn: the contents look as before.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::super::nav::Place;
use super::Finish;
use super::tags::Annot;

/// Writes the annotations; each one written, for the structure tree.
pub fn write(
    doc: &mut Document,
    f: &Finish<'_>,
    pages: &[ObjectId],
    dest: &dyn Fn(Place) -> Option<Object>,
) -> Vec<Annot> {
    let mut written = Vec::new();
    for (i, link) in f.nav.links.iter().enumerate() {
        let (Some(page), Some(target)) = (pages.get(link.page), f.nav.sections.get(link.section))
        else {
            continue;
        };
        let Some(dest) = dest(*target) else { continue };
        let h = f.page_heights.get(link.page).copied().unwrap_or(0.0);
        let annot = Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Annot".to_vec())),
            ("Subtype", Object::Name(b"Link".to_vec())),
            (
                "Rect",
                Object::Array(vec![
                    Object::Real(link.x0),
                    Object::Real(h - link.bottom),
                    Object::Real(link.x1),
                    Object::Real(h - link.top),
                ]),
            ),
            (
                "Border",
                Object::Array(vec![
                    Object::Integer(0),
                    Object::Integer(0),
                    Object::Integer(0),
                ]),
            ),
            ("F", Object::Integer(4)),
            ("Dest", dest),
        ]);
        let id = doc.add_object(Object::Dictionary(annot));
        written.push(Annot {
            link: i,
            id,
            page: link.page,
            elem: link.elem,
        });
        let Ok(page) = doc.get_dictionary_mut(*page) else {
            continue;
        };
        match page.get_mut(b"Annots") {
            Ok(Object::Array(annots)) => annots.push(Object::Reference(id)),
            _ => page.set("Annots", Object::Array(vec![Object::Reference(id)])),
        }
    }
    written
}
