//! Finding one's way in the record's PDF: a bookmark for every section (so every activity)
//! with its headings under it, each opening the page the section or heading is on, and every
//! contents entry a link to its section's page, read back with lopdf's own outline reader.

mod common;

use capimap::report::document::{Block, Edition, Record};
use capimap::report::pdf::Paper;
use capimap::report::words::Lang;
use common::pdf::{load, render_pdf};
use common::record::{example, record_edition};
use lopdf::{Document, Object};

/// The internal edition: its annexes have headings (one per destination's field inventory).
fn internal(lang: Lang) -> (Record, Document) {
    let p = example();
    let record = record_edition(&p, lang, Edition::Internal);
    let doc = load(&render_pdf(&p, lang, Edition::Internal, Paper::A4).bytes);
    (record, doc)
}

/// Each page's text with its whitespace folded.
fn page_texts(doc: &Document) -> Vec<String> {
    doc.get_pages()
        .keys()
        .map(|n| {
            common::pdf::page_text(doc, *n)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn folded(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_section_and_heading_has_a_bookmark_to_its_page() {
    for lang in Lang::ALL {
        let (record, doc) = internal(lang);
        let toc = doc.get_toc().expect("an outline");
        assert!(toc.errors.is_empty(), "{:?}", toc.errors);
        let texts = page_texts(&doc);
        let mut expected = Vec::new();
        for s in &record.sections {
            expected.push((1, s.title.clone()));
            for b in &s.blocks {
                if let Block::Heading(h) = b {
                    expected.push((2, h.clone()));
                }
            }
        }
        let got: Vec<(usize, String)> =
            toc.toc.iter().map(|t| (t.level, t.title.clone())).collect();
        assert_eq!(got, expected, "{lang:?}");
        assert!(
            expected.iter().any(|(level, _)| *level == 2),
            "the internal edition has headings"
        );
        let mut last_section_page = 0;
        for t in &toc.toc {
            let page = &texts[t.page - 1];
            if t.level == 1 {
                // A section begins its page.
                assert!(
                    page.starts_with(&folded(&t.title)),
                    "{lang:?} {}: page {} begins {:?}",
                    t.title,
                    t.page,
                    &page[..page.len().min(80)]
                );
                last_section_page = t.page;
            } else {
                assert!(page.contains(&folded(&t.title)), "{}", t.title);
                assert!(t.page >= last_section_page, "{}", t.title);
            }
        }
        let c = doc.catalog().unwrap();
        assert_eq!(
            c.get(b"PageMode").and_then(Object::as_name).ok(),
            Some(b"UseOutlines".as_slice())
        );
    }
}

/// The link annotations of a page: their rectangles and the page (from 1) each leads to.
fn links(doc: &Document, page: u32) -> Vec<([f32; 4], usize)> {
    let pages = doc.get_pages();
    let number_of = |id: lopdf::ObjectId| pages.iter().find(|(_, p)| **p == id).map(|(n, _)| *n);
    let dict = doc.get_dictionary(pages[&page]).unwrap();
    let Ok(annots) = dict.get(b"Annots").and_then(Object::as_array) else {
        return Vec::new();
    };
    annots
        .iter()
        .map(|a| {
            let a = doc
                .get_dictionary(a.as_reference().expect("an indirect annotation"))
                .unwrap();
            assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            assert_eq!(a.get(b"F").unwrap().as_i64().unwrap(), 4, "printed");
            let border: Vec<i64> = a
                .get(b"Border")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_i64().unwrap())
                .collect();
            assert_eq!(border, [0, 0, 0], "no border drawn");
            assert!(a.get(b"A").is_err(), "a destination, no action");
            let rect: Vec<f32> = a
                .get(b"Rect")
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_float().unwrap())
                .collect();
            let dest = a.get(b"Dest").unwrap().as_array().unwrap();
            let target = number_of(dest[0].as_reference().unwrap()).expect("a page of the file");
            ([rect[0], rect[1], rect[2], rect[3]], target as usize)
        })
        .collect()
}

#[test]
fn every_contents_entry_is_a_link_to_the_page_it_names() {
    let (record, doc) = internal(Lang::En);
    let texts = page_texts(&doc);
    let contents = 2;
    let found = links(&doc, contents);
    assert_eq!(found.len(), record.sections.len(), "one link per entry");
    let mut previous_bottom = f32::INFINITY;
    for ((rect, target), section) in found.iter().zip(&record.sections) {
        // Top to bottom, not overlapping, and inside the page's text area.
        assert!(rect[3] <= previous_bottom + 0.01, "{rect:?}");
        assert!(rect[1] < rect[3] && rect[0] >= 55.0 && rect[2] <= 595.28 - 55.0);
        previous_bottom = rect[1];
        // The page it leads to begins with the section, and its number is printed on the
        // entry: "Title … N".
        assert!(
            texts[target - 1].starts_with(&folded(&section.title)),
            "{}",
            section.title
        );
        let entry = format!("{} {target}", folded(&section.title));
        assert!(texts[contents as usize - 1].contains(&entry), "{entry}");
    }
}

#[test]
fn each_activity_refers_to_the_recipients_retention_and_diagram_by_a_link_to_their_page() {
    let (record, doc) = internal(Lang::En);
    let texts = page_texts(&doc);
    let all = common::pdf::runs(&doc);
    let targets = [
        "Recipients and transfers",
        "Retention schedule",
        "Data-flow diagram",
    ];
    let mut seen = 0;
    for run in &all {
        let Some(title) = targets
            .iter()
            .find(|t| run.text.starts_with(&format!("{t}, page ")))
        else {
            continue;
        };
        let n: usize = run.text[title.len() + ", page ".len()..]
            .parse()
            .expect("a page number");
        // The page it names begins with that section.
        assert!(
            texts[n - 1].starts_with(title),
            "{title} is not on page {n}"
        );
        // And a link over the reference leads there.
        let over = links(&doc, run.page).into_iter().find(|(r, _)| {
            r[0] <= run.x0 + 0.5
                && r[2] >= run.x1 - 0.5
                && r[1] <= run.baseline
                && r[3] >= run.baseline
        });
        let (_, to) =
            over.unwrap_or_else(|| panic!("no link over {:?} on page {}", run.text, run.page));
        assert_eq!(to, n, "{}", run.text);
        seen += 1;
    }
    let activities = record
        .sections
        .iter()
        .filter(|s| s.title.starts_with("Activity: "))
        .count();
    assert_eq!(seen, 3 * activities, "three references in each activity");
}
