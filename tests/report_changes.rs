//! The record's change log: between the example and a copy with planted changes, the library
//! names each planted change and nothing else; `capimap export --previous` prints them, from a
//! file or from a git revision of the project file.

mod common;

use std::process::Command;

use capimap::diff::{Change, changes};
use capimap::model::*;
use common::record::example;

/// The example with five changes a DPO must see: a new recipient, a new field to a recipient,
/// a field now sent raw, a lawful basis changed and a retention period changed.
fn planted() -> Project {
    let mut p = example();
    // A new recipient: a customer data platform fed by the tag manager.
    let mut cdp = p.node("sgtm").expect("the tag manager").clone();
    cdp.id = "cdp".into();
    cdp.name = "Customer data platform".to_owned();
    cdp.operator = "Segment.io, Inc.".to_owned();
    p.nodes.push(cdp);
    let mut feed = p.flow("sgtm-to-google").expect("a flow").clone();
    feed.id = "sgtm-to-cdp".into();
    feed.to = "cdp".into();
    p.flows.push(feed);
    // A field Meta did not get before.
    let to_meta: Vec<String> = p
        .flows_into("meta-capi")
        .flat_map(|f| f.fields.iter().map(|m| m.field.to_string()))
        .collect();
    let extra = p
        .fields
        .iter()
        .find(|f| f.identifiability.is_personal() && !to_meta.contains(&f.id.to_string()))
        .expect("a field Meta does not receive")
        .id
        .clone();
    let meta_flow = p
        .flows
        .iter_mut()
        .find(|f| f.id.as_str() == "sgtm-to-meta")
        .unwrap();
    meta_flow.fields.push(FieldMapping {
        field: extra,
        wire_name: "custom_data.extra".to_owned(),
        transform: Transform::Sha256(Some(Normalisation::TrimLowercase)),
        justification: "planted".to_owned(),
        ..meta_flow.fields[0].clone()
    });
    // The e-mail address now reaches Google Ads raw on every flow.
    for f in p.flows.iter_mut().filter(|f| f.to.as_str() == "google-ads") {
        for m in f.fields.iter_mut().filter(|m| m.field.as_str() == "email") {
            m.transform = Transform::Raw;
        }
    }
    // Shop analytics on another basis.
    let analytics = p
        .activities
        .iter_mut()
        .find(|a| a.name == "Shop analytics")
        .expect("the analytics activity");
    analytics.lawful_basis = Some(if analytics.lawful_basis == Some(LawfulBasis::Consent) {
        LawfulBasis::LegitimateInterests
    } else {
        LawfulBasis::Consent
    });
    // The first retention rule keeps data for a week now.
    let r = &mut p.retention[0];
    r.limit = RetentionLimit::Period(if r.limit == RetentionLimit::Period(Period::days(7)) {
        Period::days(8)
    } else {
        Period::days(7)
    });
    p
}

#[test]
fn the_change_log_names_each_planted_change_and_nothing_else() {
    let old = example();
    assert_eq!(changes(&old, &old), Vec::new(), "no change, no entry");
    let new = planted();
    let found = changes(&old, &new);
    assert_eq!(found.len(), 5, "{found:#?}");
    assert!(found.iter().any(|c| matches!(c,
        Change::RecipientAdded { system, operator }
            if system == "Customer data platform" && operator == "Segment.io, Inc.")));
    assert!(found.iter().any(|c| matches!(c,
        Change::FieldAdded { system, .. } if system == "Meta Conversions API")));
    assert!(found.iter().any(|c| matches!(c,
        Change::FieldNowRaw { field, system }
            if field == "E-mail address" && system.starts_with("Google Ads"))));
    assert!(found.iter().any(|c| matches!(c,
        Change::LawfulBasisChanged { activity, .. } if activity == "Shop analytics")));
    assert!(
        found
            .iter()
            .any(|c| matches!(c, Change::RetentionChanged { .. }))
    );
    // And the other way round, the same changes undone.
    let back = changes(&new, &old);
    assert!(
        back.iter()
            .any(|c| matches!(c, Change::RecipientRemoved { .. }))
    );
    assert!(
        back.iter()
            .any(|c| matches!(c, Change::FieldRemoved { .. }))
    );
}

fn capimap(args: &[&str]) -> std::process::Output {
    common::cli::capimap(args)
}

fn pdf_text(path: &std::path::Path) -> String {
    let doc = lopdf::Document::load(path).expect("a valid PDF");
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    common::pdf::joined(&doc.extract_text(&numbers).unwrap_or_default())
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn export_with_previous_prints_the_changes_since_that_version() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = example();
    old.record_version = 2;
    let old_file = dir.path().join("old.capimap.ron");
    std::fs::write(&old_file, capimap::store::to_string(&old)).unwrap();
    let mut new = planted();
    new.record_version = 3;
    let new_file = dir.path().join("shop.capimap.ron");
    std::fs::write(&new_file, capimap::store::to_string(&new)).unwrap();
    let out = dir.path().join("record.pdf");
    let o = capimap(&[
        "export",
        new_file.to_str().unwrap(),
        "--pdf",
        out.to_str().unwrap(),
        "--date",
        "2026-12-01",
        "--previous",
        old_file.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let t = pdf_text(&out);
    for phrase in [
        "Version 3 of 2026-12-01",
        "Changes since version 2",
        "New recipient: Customer data platform — Segment.io, Inc.",
        "now receives E-mail address raw (unhashed)",
        "Shop analytics: lawful basis changed from",
    ] {
        assert!(t.contains(phrase), "missing “{phrase}”");
    }

    // A previous version that is neither a file nor a revision: one line, exit 2.
    let o = capimap(&[
        "export",
        new_file.to_str().unwrap(),
        "--pdf",
        dir.path().join("x.pdf").to_str().unwrap(),
        "--previous",
        "no-such-version",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--previous no-such-version"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!dir.path().join("x.pdf").exists(), "nothing written");
}

#[test]
fn previous_can_be_a_git_revision_of_the_project_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.capimap.ron");
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=T", "-c", "user.email=t@example.invalid"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    std::fs::write(&file, capimap::store::to_string(&example())).unwrap();
    git(&["add", "shop.capimap.ron"]);
    git(&["commit", "-q", "-m", "v1"]);
    std::fs::write(&file, capimap::store::to_string(&planted())).unwrap();
    let out = dir.path().join("record.pdf");
    let o = capimap(&[
        "export",
        file.to_str().unwrap(),
        "--pdf",
        out.to_str().unwrap(),
        "--previous",
        "HEAD",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let t = pdf_text(&out);
    assert!(
        t.contains(&format!(
            "Changes since version {}",
            example().record_version
        )),
        "the committed version's number"
    );
    assert!(t.contains("New recipient: Customer data platform"));
}
