//! The record's data-flow diagram: on a turned page of its own when it is wide, every system
//! named (shortened only with "…"), with its country in the record's language, a legend of the
//! kinds shown, and on every arrow the number of fields the flow sends, with ⚠ exactly where a
//! direct identifier is sent unhashed. Read back from the PDF.

mod common;

use capimap::model::{Project, RecipientRole};
use capimap::report::document::{Block, Edition};
use capimap::report::figure::flow_label;
use capimap::report::pdf::Paper;
use capimap::report::words::Lang;
use common::pdf::{Run, load, render_pdf, runs};
use common::record::{example, record_edition};

/// The diagram's page (from 1), its size, and its text runs.
fn diagram_page(p: &Project, lang: Lang) -> (u32, (f32, f32), Vec<Run>) {
    let record = record_edition(p, lang, Edition::Authority);
    let title = record
        .sections
        .iter()
        .find(|s| s.blocks.iter().any(|b| matches!(b, Block::Diagram(_))))
        .expect("a diagram section")
        .title
        .clone();
    let doc = load(&render_pdf(p, lang, Edition::Authority, Paper::A4).bytes);
    let toc = doc.get_toc().expect("an outline");
    let page = toc
        .toc
        .iter()
        .find(|t| t.title == title)
        .expect("the diagram's bookmark")
        .page as u32;
    let size = common::pdf::page_size(&doc, page);
    let all = runs(&doc).into_iter().filter(|r| r.page == page).collect();
    (page, size, all)
}

#[test]
fn the_examples_diagram_is_on_a_turned_page_and_names_every_system() {
    let p = example();
    let (_, (w, h), runs) = diagram_page(&p, Lang::En);
    assert!(w > h, "landscape: {w} × {h}");
    let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
    for n in &p.nodes {
        // Whole on one line, or over two lines, or shortened with "…".
        let joined: String = texts.join(" ");
        let squeezed = |s: &str| s.replace(['\u{ad}', ' '], "");
        let whole = squeezed(&joined).contains(&squeezed(&n.name));
        let shortened = texts.iter().any(|t| {
            t.ends_with('…')
                && n.name
                    .starts_with(t.trim_end_matches('…').trim_end_matches('\u{ad}'))
        });
        assert!(
            whole || shortened,
            "{} is not on the diagram: {texts:?}",
            n.name
        );
    }
}

#[test]
fn cards_show_the_country_in_the_records_language_and_the_legend_its_kinds() {
    let mut p = example();
    // A processor in the United States.
    let mut cdp = p.node("sgtm").unwrap().clone();
    cdp.id = "cdp".into();
    cdp.name = "Customer data platform".to_owned();
    cdp.operator = "Segment.io, Inc.".to_owned();
    cdp.country = "US".to_owned();
    cdp.role = Some(RecipientRole::Processor);
    p.nodes.push(cdp);
    let mut flow = p.flow("sgtm-to-google").unwrap().clone();
    flow.id = "sgtm-to-cdp".into();
    flow.to = "cdp".into();
    p.flows.push(flow);
    for (lang, us, legend) in [
        (
            Lang::En,
            "United States",
            ["Source", "Consent gate", "Relay", "Store", "Destination"],
        ),
        (
            Lang::De,
            "Vereinigte Staaten",
            [
                "Quelle",
                "Einwilligungsprüfung",
                "Weiterleitung",
                "Speicher",
                "Empfänger",
            ],
        ),
        (
            Lang::Fr,
            "États-Unis",
            [
                "Source",
                "Contrôle du consentement",
                "Relais",
                "Stockage",
                "Destinataire",
            ],
        ),
    ] {
        let (_, _, runs) = diagram_page(&p, lang);
        let texts: Vec<&str> = runs.iter().map(|r| r.text.as_str()).collect();
        assert!(texts.contains(&us), "{lang:?}: {texts:?}");
        assert!(texts.contains(&"Segment.io, Inc."), "{texts:?}");
        for kind in legend {
            assert!(texts.contains(&kind), "{lang:?}: no legend entry {kind}");
        }
    }
}

#[test]
fn every_arrow_shows_its_field_count_and_a_warning_exactly_for_raw_identifiers() {
    let p = example();
    let (_, _, runs) = diagram_page(&p, Lang::En);
    let mut drawn: Vec<String> = runs
        .iter()
        .map(|r| r.text.clone())
        .filter(|t| t.trim_end_matches(" ⚠").parse::<usize>().is_ok())
        .collect();
    let mut expected: Vec<String> = p
        .flows
        .iter()
        .map(|f| {
            let l = flow_label(&p, f);
            if l.raw_identifiers {
                format!("{} ⚠", l.fields)
            } else {
                l.fields.to_string()
            }
        })
        .collect();
    drawn.sort();
    expected.sort();
    assert_eq!(drawn, expected);
    assert!(
        expected.iter().any(|l| l.ends_with('⚠')) && expected.iter().any(|l| !l.ends_with('⚠'))
    );
}

#[test]
fn a_small_diagram_stays_on_an_upright_page() {
    let mut p = example();
    // Two systems and one flow.
    let keep = ["web-shop", "cmp"];
    p.nodes.retain(|n| keep.contains(&n.id.as_str()));
    p.flows
        .retain(|f| keep.contains(&f.from.as_str()) && keep.contains(&f.to.as_str()));
    p.layout.positions.clear();
    let (_, (w, h), _) = diagram_page(&p, Lang::En);
    assert!(w < h, "{w} × {h}");
}

#[test]
fn a_diagram_too_large_to_read_is_replaced_by_a_statement() {
    // 50 systems and 500 flows between them: on a page of its own the names would be smaller
    // than 2 pt.
    let p = capimap::synthetic::rung(500);
    for (lang, says) in [
        (
            Lang::En,
            "The 50 systems and the 500 data flows between them are too many",
        ),
        (
            Lang::De,
            "Die 50 Systeme und die 500 Datenflüsse zwischen ihnen sind zu viele",
        ),
    ] {
        let (page, (w, h), runs) = diagram_page(&p, lang);
        let text = common::pdf::joined(
            &runs
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        assert!(text.contains(says), "page {page}: {text}");
        assert!(w < h, "no turned page for a statement: {w} × {h}");
        // No card is drawn, and the introduction to a drawing is not there either.
        for n in &p.nodes {
            assert!(!runs.iter().any(|r| r.text == n.name), "{} drawn", n.name);
        }
        assert!(!text.contains("left to right"), "{text}");
    }
    // The example's diagram is drawn, with its introduction.
    let (_, _, runs) = diagram_page(&example(), Lang::En);
    let text: String = runs
        .iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        common::pdf::joined(&text).contains("left to right"),
        "{text}"
    );
}
