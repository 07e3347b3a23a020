//! W3C DPV export: the JSON-LD is read by a real JSON-LD processor (rdflib) and the triples
//! a DPV consumer would look for are there; the file needs no remote context.

mod common;

use std::path::Path;

use common::cli::{assert_ok, capimap};

const EXAMPLE: &str = "assets/examples/shop.capimap.ron";

fn export(dir: &Path) -> std::path::PathBuf {
    let out = dir.join("shop.jsonld");
    assert_ok(&capimap([
        "export".as_ref(),
        EXAMPLE.as_ref(),
        "--dpv".as_ref(),
        out.as_os_str(),
        "--date".as_ref(),
        "2026-12-01".as_ref(),
    ]));
    out
}

#[test]
fn the_file_carries_its_own_context_and_every_activity() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = export(dir.path());
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).expect("written")).expect("JSON");
    let context = doc["@context"].as_object().expect("an inline context");
    assert_eq!(context["dpv"], "https://w3id.org/dpv#");
    assert_eq!(context["eu-gdpr"], "https://w3id.org/dpv/legal/eu/gdpr#");
    let example = capimap::store::load(Path::new(EXAMPLE))
        .expect("example")
        .project;
    let entries = doc["@graph"][0]["dcat:dataset"]
        .as_array()
        .expect("the record's entries");
    assert_eq!(entries.len(), example.activities.len());
}

/// The triples of the export, as rdflib reads them.
fn triples(dir: &Path) -> Option<String> {
    let out = export(dir);
    let o = common::python::run("rdflib", "triples.py", &[&out])?;
    assert!(
        o.status.success(),
        "rdflib: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn a_json_ld_processor_finds_what_the_record_says_of_conversion_measurement() {
    let dir = tempfile::tempdir().expect("temp dir");
    let Some(nt) = triples(dir.path()) else {
        return;
    };
    let rec = "urn:capimap:nordlicht-outdoor-server-side-conversion-tracking:";
    let dpv = "https://w3id.org/dpv#";
    let act = format!("<{rec}activity/act-measurement>");
    let has = |s: &str, p: &str, o: &str| {
        let line = format!("{s} <{p}> {o} .");
        assert!(nt.lines().any(|l| l == line), "missing: {line}");
    };
    let rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    has(&act, rdf_type, &format!("<{dpv}PersonalDataHandling>"));
    has(&act, rdf_type, "<https://w3id.org/dpcat#ROPARecord>");
    // Consent (Art. 6(1)(a)), as the example's activity records it.
    has(
        &act,
        &format!("{dpv}hasLegalBasis"),
        "<https://w3id.org/dpv/legal/eu/gdpr#A6-1-a>",
    );
    has(
        &act,
        &format!("{dpv}hasDataController"),
        &format!("<{rec}controller>"),
    );
    // The e-mail address it sends, typed with DPV's personal-data concept.
    let email = format!("<{rec}data/email>");
    has(&act, &format!("{dpv}hasPersonalData"), &email);
    has(&email, rdf_type, "<https://w3id.org/dpv/pd#EmailAddress>");
    // Meta receives it, in Ireland, as a recipient; Google Ads as a processor.
    let meta = format!("<{rec}recipient/meta-capi>");
    has(&act, &format!("{dpv}hasRecipient"), &meta);
    has(
        &meta,
        &format!("{dpv}hasCountry"),
        "<https://w3id.org/dpv/loc#IE>",
    );
    has(
        &act,
        &format!("{dpv}hasDataProcessor"),
        &format!("<{rec}recipient/google-ads>"),
    );
    // Its customers are data subjects.
    has(
        &act,
        &format!("{dpv}hasDataSubject"),
        &format!("<{rec}subject/customer>"),
    );
    has(
        &format!("<{rec}subject/customer>"),
        rdf_type,
        &format!("<{dpv}Customer>"),
    );
    // A storage duration of 13 months, as an xsd:duration (rdflib writes it in its canonical
    // form, P1Y1M).
    let duration = |d: &str| format!("\"{d}\"^^<http://www.w3.org/2001/XMLSchema#duration>");
    assert!(
        nt.contains(&duration("P13M")) || nt.contains(&duration("P1Y1M")),
        "no 13-month storage duration"
    );
    // The record itself, dated.
    has(
        &format!("<{rec}record>"),
        rdf_type,
        "<https://w3id.org/dpcat#ROPA>",
    );
    has(
        &format!("<{rec}record>"),
        "http://purl.org/dc/terms/issued",
        "\"2026-12-01\"^^<http://www.w3.org/2001/XMLSchema#date>",
    );
}
