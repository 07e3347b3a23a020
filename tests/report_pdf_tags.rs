//! The record as a tagged PDF: every piece of text is either content of a structure element
//! (by its MCID) or an artifact; every MCID belongs to exactly one element and the parent tree
//! says which; reading the tree depth-first gives the sections in the record's order; tables
//! have header cells with their scope; the contents are links; the diagram is one figure with
//! a text alternative.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use capimap::report::document::Edition;
use capimap::report::pdf::Paper;
use capimap::report::words::Lang;
use common::pdf::{catalog, load, render_pdf, runs};
use common::record::{example, record_edition};
use lopdf::{Dictionary, Document, Object, ObjectId};

fn internal() -> Document {
    load(&render_pdf(&example(), Lang::En, Edition::Internal, Paper::A4).bytes)
}

fn name_of(d: &Dictionary, key: &[u8]) -> String {
    String::from_utf8_lossy(d.get(key).and_then(Object::as_name).unwrap_or(b"")).into_owned()
}

/// Every structure element by id, and the root's first element.
fn elements(doc: &Document) -> (ObjectId, BTreeMap<ObjectId, &Dictionary>) {
    let root = doc
        .get_dictionary(
            catalog(doc)
                .get(b"StructTreeRoot")
                .and_then(Object::as_reference)
                .expect("a structure tree"),
        )
        .unwrap();
    let top = root
        .get(b"K")
        .and_then(Object::as_reference)
        .expect("one top element");
    let all = doc
        .objects
        .iter()
        .filter_map(|(id, o)| {
            o.as_dict()
                .ok()
                .filter(|d| name_of(d, b"Type") == "StructElem")
                .map(|d| (*id, d))
        })
        .collect();
    (top, all)
}

/// The (page number, MCID) pairs an element's /K refers to, and its child elements.
fn kids(doc: &Document, e: &Dictionary) -> (Vec<(u32, i64)>, Vec<ObjectId>) {
    let pages: BTreeMap<ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let (mut mcrs, mut elems) = (Vec::new(), Vec::new());
    // A bare MCID is on the element's own page (/Pg).
    let own = e
        .get(b"Pg")
        .and_then(Object::as_reference)
        .ok()
        .map(|p| pages[&p]);
    for k in e
        .get(b"K")
        .and_then(Object::as_array)
        .cloned()
        .unwrap_or_default()
    {
        match k {
            Object::Reference(id) => elems.push(id),
            Object::Integer(mcid) => mcrs.push((own.expect("/Pg for a bare MCID"), mcid)),
            Object::Dictionary(d) if name_of(&d, b"Type") == "MCR" => {
                let pg = pages[&d.get(b"Pg").and_then(Object::as_reference).expect("/Pg")];
                mcrs.push((pg, d.get(b"MCID").and_then(Object::as_i64).expect("/MCID")));
            }
            _ => {}
        }
    }
    (mcrs, elems)
}

#[test]
fn all_text_is_content_of_an_element_or_an_artifact() {
    let doc = internal();
    let all = runs(&doc);
    for r in &all {
        assert!(
            r.marked,
            "page {}: {:?} is outside any marked content",
            r.page, r.text
        );
    }
    // The footer is furniture; the titles are content.
    assert!(
        all.iter()
            .filter(|r| r.text.starts_with("page "))
            .all(|r| r.artifact)
    );
    assert!(
        all.iter()
            .any(|r| r.text == "Retention schedule" && r.mcid.is_some() && !r.artifact)
    );
}

#[test]
fn every_mcid_belongs_to_one_element_and_the_parent_tree_agrees() {
    let doc = internal();
    let (_, elems) = elements(&doc);
    let mut owner: BTreeMap<(u32, i64), ObjectId> = BTreeMap::new();
    for (id, e) in &elems {
        for m in kids(&doc, e).0 {
            assert!(owner.insert(m, *id).is_none(), "{m:?} is referred to twice");
        }
    }
    // Every MCID drawn is referred to.
    let drawn: BTreeSet<(u32, i64)> = runs(&doc)
        .iter()
        .filter_map(|r| r.mcid.map(|m| (r.page, m)))
        .collect();
    for m in &drawn {
        assert!(owner.contains_key(m), "{m:?} is drawn but in no element");
    }
    // The parent tree maps each page's MCIDs to the same elements.
    let root = doc
        .get_dictionary(
            catalog(&doc)
                .get(b"StructTreeRoot")
                .and_then(Object::as_reference)
                .unwrap(),
        )
        .unwrap();
    let tree = doc
        .get_dictionary(
            root.get(b"ParentTree")
                .and_then(Object::as_reference)
                .unwrap(),
        )
        .unwrap();
    let nums = tree.get(b"Nums").and_then(Object::as_array).unwrap();
    let mut by_key: BTreeMap<i64, &Object> = BTreeMap::new();
    for pair in nums.chunks(2) {
        by_key.insert(pair[0].as_i64().unwrap(), &pair[1]);
    }
    for (n, page) in doc.get_pages() {
        let key = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"StructParents")
            .and_then(Object::as_i64)
            .expect("/StructParents");
        let refs = by_key[&key].as_array().expect("an array per page");
        for (mcid, r) in refs.iter().enumerate() {
            let elem = r.as_reference().unwrap();
            assert_eq!(
                owner.get(&(n, mcid as i64)),
                Some(&elem),
                "page {n} MCID {mcid}"
            );
        }
    }
    assert_eq!(
        catalog(&doc)
            .get(b"MarkInfo")
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Marked"))
            .and_then(Object::as_bool)
            .ok(),
        Some(true)
    );
}

/// The text of each element's content, read depth-first from the top element.
fn reading(doc: &Document) -> Vec<(String, String)> {
    let (top, elems) = elements(doc);
    let text: BTreeMap<(u32, i64), String> = runs(doc)
        .into_iter()
        .filter_map(|r| r.mcid.map(|m| ((r.page, m), r.text)))
        .fold(BTreeMap::new(), |mut acc, (k, t)| {
            acc.entry(k).or_insert_with(String::new).push_str(&t);
            acc
        });
    let mut out = Vec::new();
    let mut stack = vec![top];
    while let Some(id) = stack.pop() {
        let e = elems[&id];
        let (mcrs, children) = kids(doc, e);
        let t: Vec<String> = mcrs.iter().filter_map(|m| text.get(m).cloned()).collect();
        let t = common::pdf::joined(&t.join(" ")).replace('\u{a0}', " ");
        out.push((name_of(e, b"S"), t));
        stack.extend(children.into_iter().rev());
    }
    out
}

#[test]
fn reading_the_structure_gives_the_sections_in_the_records_order() {
    let doc = internal();
    let order = reading(&doc);
    assert_eq!(order[0].0, "Document");
    let record = record_edition(&example(), Lang::En, Edition::Internal);
    let h1: Vec<String> = order
        .iter()
        .filter(|(s, _)| s == "H1")
        .map(|(_, t)| t.clone())
        .collect();
    // The cover's title, "Contents", then every section.
    let expected: Vec<String> = [record.title.clone(), record.contents.clone()]
        .into_iter()
        .chain(record.sections.iter().map(|s| s.title.clone()))
        .collect();
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(
        h1.iter().map(|s| squeeze(s)).collect::<Vec<_>>(),
        expected.iter().map(|s| squeeze(s)).collect::<Vec<_>>()
    );
    // Within an activity, the elements of Art. 30(1) in order (a) to (g).
    let labels: Vec<&String> = order
        .iter()
        .filter(|(s, t)| s == "TH" && t.starts_with("Art. 30(1)("))
        .map(|(_, t)| t)
        .take(7)
        .collect();
    let letters: Vec<char> = labels
        .iter()
        .map(|t| t.chars().nth(11).unwrap_or(' '))
        .collect();
    assert_eq!(letters, ['a', 'b', 'c', 'c', 'd', 'e', 'f'], "{labels:?}");
}

#[test]
fn tables_have_scoped_headers_contents_are_links_and_the_diagram_a_figure() {
    let doc = internal();
    let (_, elems) = elements(&doc);
    let of = |s: &str| {
        elems
            .values()
            .filter(move |e| name_of(e, b"S") == s)
            .copied()
            .collect::<Vec<_>>()
    };
    let ths = of("TH");
    assert!(!ths.is_empty());
    let scopes: BTreeSet<String> = ths
        .iter()
        .map(|e| {
            name_of(
                e.get(b"A").and_then(Object::as_dict).expect("/A on a TH"),
                b"Scope",
            )
        })
        .collect();
    assert_eq!(
        scopes,
        BTreeSet::from(["Column".to_owned(), "Row".to_owned()])
    );
    // Every link element holds its annotation, whose /StructParent leads back to it.
    let links = of("Link");
    let record = record_edition(&example(), Lang::En, Edition::Internal);
    let activities = record
        .sections
        .iter()
        .filter(|s| s.title.starts_with("Activity: "))
        .count();
    assert_eq!(
        links.len(),
        record.sections.len() + 3 * activities,
        "a link per contents entry, and each activity's three references"
    );
    for l in links {
        let objr = l
            .get(b"K")
            .and_then(Object::as_array)
            .unwrap()
            .iter()
            .find_map(|k| k.as_dict().ok().filter(|d| name_of(d, b"Type") == "OBJR"))
            .expect("the annotation");
        let annot = doc
            .get_dictionary(objr.get(b"Obj").and_then(Object::as_reference).unwrap())
            .unwrap();
        assert_eq!(name_of(annot, b"Subtype"), "Link");
        assert!(annot.get(b"StructParent").is_ok());
    }
    let figures = of("Figure");
    assert_eq!(figures.len(), 1);
    let alt = common::pdf::text_string(figures[0].get(b"Alt").expect("/Alt"));
    let p = example();
    assert!(alt.contains(&format!("{} systems", p.nodes.len())), "{alt}");
    assert!(
        alt.contains(&format!("{} data flows", p.flows.len())),
        "{alt}"
    );
}

#[test]
fn poppler_reports_the_file_as_tagged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("record.pdf");
    std::fs::write(
        &path,
        render_pdf(&example(), Lang::De, Edition::Authority, Paper::A4).bytes,
    )
    .unwrap();
    if let Some(out) = common::tools::run("pdfinfo", &[], &path) {
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains("Tagged:          yes"), "{said}");
    }
}
