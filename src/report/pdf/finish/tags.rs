//! The structure tree of a tagged PDF (ISO 32000-1, 14.7 and 14.8), from the tree the layout
//! recorded: a structure element per element, its marked content referred to by page and
//! MCID, the parent tree that maps each page's MCIDs (and each link annotation) back to its
//! element, `/StructParents` on the pages and `/MarkInfo` in the catalogue.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::super::tag::{Kid, Kind, ROOT, Tree};
use super::info::text;

/// A link annotation written for `nav.links[link]`, on page `page`.
pub struct Annot {
    pub link: usize,
    pub id: ObjectId,
    pub page: usize,
    pub elem: Option<usize>,
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

pub fn write(
    doc: &mut Document,
    tree: &Tree,
    marks: &[Vec<usize>],
    pages: &[ObjectId],
    annots: &[Annot],
) {
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = tree.elems.iter().map(|_| doc.new_object_id()).collect();
    // Each link element's annotations.
    let mut annots_of: std::collections::HashMap<usize, Vec<&Annot>> = Default::default();
    for a in annots {
        if let Some(e) = a.elem {
            annots_of.entry(e).or_default().push(a);
        }
    }
    for (e, elem) in tree.elems.iter().enumerate() {
        // The element's page, when all its marked content is on one: its MCIDs are then given
        // as bare numbers (most elements are a line or a cell), else each with its page.
        let mut on: Option<usize> = None;
        let one_page = elem.kids.iter().all(|k| match k {
            Kid::Mcid { page, .. } => *on.get_or_insert(*page) == *page,
            Kid::Elem(_) => true,
        });
        let own_page = on.filter(|_| one_page).and_then(|p| pages.get(p));
        let mut kids = Vec::new();
        for kid in &elem.kids {
            match kid {
                Kid::Elem(c) => kids.push(Object::Reference(ids[*c])),
                Kid::Mcid { mcid, .. } if own_page.is_some() => kids.push(Object::Integer(*mcid)),
                Kid::Mcid { page, mcid } => {
                    let Some(pg) = pages.get(*page) else { continue };
                    kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                        ("Type", name("MCR")),
                        ("Pg", Object::Reference(*pg)),
                        ("MCID", Object::Integer(*mcid)),
                    ])));
                }
            }
        }
        // A link's annotation is one of its kids (an object reference).
        for a in annots_of.get(&e).into_iter().flatten() {
            let Some(pg) = pages.get(a.page) else {
                continue;
            };
            kids.push(Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", name("OBJR")),
                ("Pg", Object::Reference(*pg)),
                ("Obj", Object::Reference(a.id)),
            ])));
        }
        let parent = elem.parent.map_or(root, |p| ids[p]);
        let mut d = Dictionary::from_iter(vec![
            ("Type", name("StructElem")),
            ("S", name(elem.kind.name())),
            ("P", Object::Reference(parent)),
            ("K", Object::Array(kids)),
        ]);
        if let Kind::TH { column } = elem.kind {
            d.set(
                "A",
                Object::Dictionary(Dictionary::from_iter(vec![
                    ("O", name("Table")),
                    ("Scope", name(if column { "Column" } else { "Row" })),
                ])),
            );
        }
        if let Some(pg) = own_page {
            d.set("Pg", Object::Reference(*pg));
        }
        if let Some(alt) = &elem.alt {
            d.set("Alt", text(alt));
        }
        doc.objects.insert(ids[e], Object::Dictionary(d));
    }

    // The parent tree: page k's MCIDs, then each annotation, by its /StructParent key.
    let mut nums = Vec::new();
    for (k, (page, page_marks)) in pages.iter().zip(marks).enumerate() {
        let refs = page_marks
            .iter()
            .map(|e| Object::Reference(ids[*e]))
            .collect();
        nums.push(Object::Integer(k as i64));
        nums.push(Object::Array(refs));
        if let Ok(d) = doc.get_dictionary_mut(*page) {
            d.set("StructParents", Object::Integer(k as i64));
            // Tab order follows the structure.
            d.set("Tabs", name("S"));
        }
    }
    let mut next = pages.len() as i64;
    for a in annots {
        let Some(elem) = a.elem else { continue };
        nums.push(Object::Integer(next));
        nums.push(Object::Reference(ids[elem]));
        if let Ok(d) = doc.get_dictionary_mut(a.id) {
            d.set("StructParent", Object::Integer(next));
            // What the link does, for a screen reader (PDF/UA asks it; harmless otherwise).
            d.set(
                "Contents",
                Object::String(
                    format!("link {}", a.link + 1).into_bytes(),
                    StringFormat::Literal,
                ),
            );
        }
        next += 1;
    }
    let parent_tree = doc.add_object(Object::Dictionary(Dictionary::from_iter(vec![(
        "Nums",
        Object::Array(nums),
    )])));
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", name("StructTreeRoot")),
            ("K", Object::Reference(ids[ROOT])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(next)),
        ])),
    );
    if let Ok(catalog) = doc.catalog_mut() {
        catalog.set("StructTreeRoot", Object::Reference(root));
        catalog.set(
            "MarkInfo",
            Object::Dictionary(Dictionary::from_iter(vec![(
                "Marked",
                Object::Boolean(true),
            )])),
        );
    }
}
