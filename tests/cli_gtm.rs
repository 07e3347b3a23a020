//! `capimap import gtm` and `capimap check --gtm` as a user runs them.

mod common;

use capimap::{examples, store};
use common::cli::{assert_ok, capimap};

const SHOP: &str = "tests/fixtures/gtm/shop-stape-meta-tiktok.json";

fn text(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn import_without_out_prints_a_project_that_loads_and_says_what_it_did_on_stderr() {
    let o = capimap(["import", "gtm", SHOP]);
    assert_ok(&o);
    let (out, err) = text(&o);
    let p = store::parse(&out, "stdout")
        .unwrap_or_else(|e| panic!("{e}"))
        .project;
    assert!(
        p.nodes
            .iter()
            .any(|n| n.name.starts_with("Nordlicht Outdoor - server"))
    );
    assert!(
        err.contains("GTM-TSTSRV1")
            && err.contains("Added (")
            && err.contains("gtm/consent-send-always"),
        "{err}"
    );
}

#[test]
fn out_refuses_to_overwrite_and_never_the_container_itself() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("p.capimap.ron");
    std::fs::write(&out, "keep me").unwrap_or_else(|e| panic!("{e}"));
    let o = capimap([
        "import",
        "gtm",
        SHOP,
        "--out",
        out.to_str().unwrap_or_default(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("already exists"));
    assert_eq!(std::fs::read_to_string(&out).unwrap_or_default(), "keep me");
    let o = capimap(["import", "gtm", SHOP, "--out", SHOP]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("would overwrite the container"));
    assert_ok(&capimap([
        "import",
        "gtm",
        SHOP,
        "--out",
        out.to_str().unwrap_or_default(),
        "--force",
    ]));
    assert!(store::load(&out).is_ok());
}

#[test]
fn json_output_has_the_plan_and_the_findings() {
    let o = capimap(["import", "gtm", SHOP, "--format", "json", "--dry-run"]);
    assert_ok(&o);
    let v: serde_json::Value = serde_json::from_str(&text(&o).0).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        v["plan"]["changes"]
            .as_array()
            .is_some_and(|c| !c.is_empty())
    );
    let rules: Vec<&str> = v["findings"]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(rules.contains(&"gtm/secret-in-container"), "{rules:?}");
}

#[test]
fn check_gtm_reports_the_container_and_its_drift_and_fails_on_its_errors() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path().join("shop.capimap.ron");
    std::fs::write(&p, examples::SHOP).unwrap_or_else(|e| panic!("{e}"));
    let path = p.to_str().unwrap_or_default();
    let o = capimap(["check", path, "--gtm", SHOP]);
    assert_eq!(o.status.code(), Some(1));
    let (out, _) = text(&o);
    for rule in [
        "gtm/consent-send-always",
        "gtm/tag-undocumented",
        "gtm/destination-not-sent",
    ] {
        assert!(out.contains(rule), "{rule}");
    }
    // SARIF carries them with the project's, each with its own fingerprint.
    let o = capimap(["check", path, "--gtm", SHOP, "--format", "sarif"]);
    let sarif: serde_json::Value =
        serde_json::from_str(&text(&o).0).unwrap_or_else(|e| panic!("{e}"));
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let prints: Vec<String> = results
        .iter()
        .map(|r| r["partialFingerprints"].to_string())
        .collect();
    let unique: std::collections::BTreeSet<&String> = prints.iter().collect();
    assert_eq!(unique.len(), prints.len(), "fingerprints are unique");
    // Imported, the record documents every tag: no drift is left.
    assert_ok(&capimap(["import", "gtm", SHOP, "--into", path]));
    let (out, _) = text(&capimap(["check", path, "--gtm", SHOP]));
    assert!(
        !out.contains("gtm/tag-undocumented") && !out.contains("gtm/field-undocumented"),
        "{out}"
    );
}

#[test]
fn an_accepted_container_risk_is_stale_only_when_the_container_was_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = dir.path().join("p.capimap.ron");
    let path = p.to_str().unwrap_or_default();
    assert_ok(&capimap(["import", "gtm", SHOP, "--out", path]));
    let mut project = store::load(&p).unwrap_or_else(|e| panic!("{e}")).project;
    project.accepted_risks.push(capimap::model::AcceptedRisk {
        id: "risk-token".into(),
        rule: "gtm/secret-in-container".to_owned(),
        target: "tag-21".to_owned(),
        justification: "The token is rotated monthly.".to_owned(),
        accepted_by: "DPO".to_owned(),
        date: capimap::model::Date::new(2026, 11, 30).unwrap_or_else(|e| panic!("{e}")),
    });
    store::save(&p, &project).unwrap_or_else(|e| panic!("{e}"));
    let (out, _) = text(&capimap(["check", path, "--format", "json"]));
    assert!(
        !out.contains("record/stale-accepted-risk"),
        "without the container nothing can match it"
    );
    let (out, _) = text(&capimap(["check", path, "--gtm", SHOP, "--format", "json"]));
    assert!(
        !out.contains("record/stale-accepted-risk"),
        "the container still has the token"
    );
    assert!(
        out.contains("\"risk\": \"risk-token\"") || out.contains("\"risk\":\"risk-token\""),
        "accepted: {out}"
    );
    // Without the token in the container, the accepted risk is stale.
    let fixed = std::fs::read_to_string(SHOP).unwrap_or_default().replace(
        "\"value\": \"REDACTED-TOKEN\"",
        "\"value\": \"{{ED - event_id}}\"",
    );
    let c = dir.path().join("fixed.json");
    std::fs::write(&c, fixed).unwrap_or_else(|e| panic!("{e}"));
    let (out, _) = text(&capimap([
        "check",
        path,
        "--gtm",
        c.to_str().unwrap_or_default(),
        "--format",
        "json",
    ]));
    assert!(out.contains("record/stale-accepted-risk"), "{out}");
}
