//! The example project's deliberate gaps are all found, nothing else is flagged, and the
//! `check` command gives text, JSON and SARIF that CI can act on.

use std::collections::BTreeSet;
use std::process::{Command, Output};

use capimap::catalog::Catalog;
use capimap::check::{self, Severity};
use capimap::{examples, store};

const EXAMPLE: &str = "assets/examples/shop.capimap.ron";

/// The gaps the README lists, as (rule, target).
const PLANTED: &[(&str, &str)] = &[
    ("hashing/must-hash-sent-raw", "sgtm-to-tiktok/phone"),
    ("consent/withdrawal-unhandled", "export-to-google"),
    ("consent/signal-missing", "export-to-google"),
    ("minimise/not-used-in-region", "sgtm-to-google/ip_address"),
    ("retention/missing", "event-log"),
    (
        "lawful/legitimate-interests-without-assessment",
        "act-analytics",
    ),
];

fn example_report() -> check::Report {
    let project = store::parse(examples::SHOP, "shop").unwrap().project;
    check::check(&project, &Catalog::builtin().unwrap())
}

fn capimap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(args)
        .output()
        .expect("capimap runs")
}

#[test]
fn every_planted_gap_is_found_and_nothing_else_fails() {
    let report = example_report();
    let open: BTreeSet<(&str, String)> = report
        .findings
        .iter()
        .filter(|f| f.is_open())
        .map(|f| (f.rule.id, f.target.id().into_owned()))
        .collect();
    let planted: BTreeSet<(&str, String)> =
        PLANTED.iter().map(|(r, t)| (*r, (*t).to_owned())).collect();
    let missed: Vec<_> = planted.difference(&open).collect();
    let extra: Vec<_> = open.difference(&planted).collect();
    assert!(missed.is_empty(), "planted gaps not found: {missed:?}");
    assert!(extra.is_empty(), "flagged but not a planted gap: {extra:?}");
}

#[test]
fn the_accepted_risk_is_listed_but_does_not_fail() {
    let report = example_report();
    let accepted: Vec<_> = report.findings.iter().filter(|f| !f.is_open()).collect();
    assert_eq!(accepted.len(), 1);
    assert_eq!(accepted[0].rule.id, "retention/exceeds-activity");
    assert_eq!(accepted[0].target.id(), "meta-capi");
    let a = accepted[0].accepted.as_ref().unwrap();
    assert!(a.justification.contains("two years"));
    assert_eq!(report.accepted(), 1);
}

#[test]
fn every_finding_says_what_why_and_how() {
    for f in &example_report().findings {
        assert!(f.message.contains(' '), "{}: a message", f.rule.id);
        assert!(!f.rule.rests_on.is_empty(), "{}: why", f.rule.id);
        assert!(f.fix.len() > 10, "{}: how to fix", f.rule.id);
    }
}

#[test]
fn findings_come_out_in_the_same_order_every_time() {
    let a = check::output::json(&example_report(), "x", None);
    for _ in 0..5 {
        assert_eq!(check::output::json(&example_report(), "x", None), a);
    }
}

#[test]
fn check_text_groups_by_severity_and_exits_1_on_errors() {
    let o = capimap(&["check", EXAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8_lossy(&o.stdout);
    let errors = out.find("Errors (").expect("an errors section");
    let warnings = out.find("Warnings (").expect("a warnings section");
    let accepted = out.find("Accepted risks (1)").expect("an accepted section");
    assert!(errors < warnings && warnings < accepted);
    let phone = &out[out.find("sgtm-to-tiktok/phone").unwrap()..];
    assert!(phone.contains("why:") && phone.contains("fix:"));
    // Every planted gap is named with its rule and element.
    for (rule, target) in PLANTED {
        assert!(out.contains(&format!("[{rule}]")), "{rule}");
        assert!(out.contains(target), "{target}");
    }
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(
        capimap(&["check", EXAMPLE, "--fail-on", "never"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        capimap(&["check", EXAMPLE, "--fail-on", "warning"])
            .status
            .code(),
        Some(1)
    );
    // A project with only warnings passes the default (error) but not --fail-on warning.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("warn.capimap.ron");
    let mut project = store::parse(examples::SHOP, "shop").unwrap().project;
    // Fix the errors of the example, keep its warnings.
    for flow in &mut project.flows {
        for m in &mut flow.fields {
            if flow.id.as_str() == "sgtm-to-tiktok" && m.field.as_str() == "phone" {
                m.transform = capimap::model::Transform::Sha256(Some(
                    capimap::model::Normalisation::PhoneE164,
                ));
            }
        }
        if flow.id.as_str() == "export-to-google" {
            flow.consent_signals.push("consent.ad_user_data".to_owned());
        }
    }
    project.retention.push(capimap::model::RetentionRule {
        id: capimap::model::RetentionId::new("ret-log"),
        node: capimap::model::NodeId::new("event-log"),
        applies_to: capimap::model::RetentionScope::AllPersonalData,
        limit: capimap::model::RetentionLimit::Period(capimap::model::Period::days(30)),
        justification: "Weekly reports need four weeks.".to_owned(),
    });
    store::save(&path, &project).unwrap();
    let report = check::check(&project, &Catalog::builtin().unwrap());
    assert_eq!(report.count(Severity::Error), 0, "{:#?}", report.findings);
    assert!(report.count(Severity::Warning) > 0);
    let p = path.to_str().unwrap();
    assert_eq!(capimap(&["check", p]).status.code(), Some(0));
    assert_eq!(
        capimap(&["check", p, "--fail-on", "warning"]).status.code(),
        Some(1)
    );
}

#[test]
fn check_json_follows_the_documented_schema() {
    let o = capimap(&["check", EXAMPLE, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["file"], EXAMPLE);
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(
        v["summary"]["errors"].as_u64().unwrap() as usize,
        findings
            .iter()
            .filter(|f| f["severity"] == "error" && f["accepted"].is_null())
            .count()
    );
    assert_eq!(v["summary"]["accepted"], 1);
    for f in findings {
        for key in [
            "rule", "severity", "family", "target", "message", "fix", "rests_on",
        ] {
            assert!(!f[key].is_null(), "{key} in {f}");
        }
        assert!(f["line"].as_u64().unwrap() > 0, "{f}");
        for key in ["kind", "id", "name"] {
            assert!(f["target"][key].is_string(), "{f}");
        }
    }
}

#[test]
fn check_sarif_points_at_the_lines_of_the_elements() {
    let o = capimap(&["check", EXAMPLE, "--format", "sarif"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), check::RULES.len());
    let text = std::fs::read_to_string(EXAMPLE).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), PLANTED.len() + 1);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        let loc = &r["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uri"], EXAMPLE);
        let line = loc["region"]["startLine"].as_u64().unwrap() as usize;
        let target = r["locations"][0]["logicalLocations"][0]["name"]
            .as_str()
            .unwrap();
        // The line names the element: its id, or for a field mapping the field.
        let key = target.rsplit('/').next().unwrap();
        assert!(
            lines[line - 1].contains(&format!("\"{key}\"")),
            "line {line} ({}) is not where {target} stands",
            lines[line - 1]
        );
    }
    let suppressed: Vec<_> = results
        .iter()
        .filter(|r| r["suppressions"].is_array())
        .collect();
    assert_eq!(suppressed.len(), 1, "the accepted risk is a suppression");
}

#[test]
fn rules_and_platforms_list_the_catalogues() {
    let o = capimap(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for r in check::RULES {
        assert!(out.contains(r.id), "{}", r.id);
    }
    let o = capimap(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), check::RULES.len());

    let o = capimap(&["platforms"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for id in [
        "meta",
        "google-ads",
        "google-data-manager",
        "tiktok",
        "snapchat",
        "pinterest",
        "linkedin",
        "reddit",
        "x",
        "microsoft",
    ] {
        assert!(out.lines().any(|l| l.starts_with(id)), "{id} listed");
    }
    let o = capimap(&["platforms", "tiktok"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("user.phone"), "{out}");
    let o = capimap(&["platforms", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_sarif_gives_the_witness_path_node_by_node_at_its_lines() {
    // The version-1 example names every activity of a flow on its cookie identifiers, so the
    // consent analysis finds them read for activities no consent covers, with paths.
    let file = "tests/fixtures/v1-shop.capimap.ron";
    let o = capimap(&["check", file, "--format", "sarif", "--fail-on", "never"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let with_path: Vec<&serde_json::Value> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["codeFlows"].is_array())
        .collect();
    assert!(!with_path.is_empty(), "some finding has a witness path");
    for r in with_path {
        assert_eq!(r["ruleId"], "consent/cookie-id-ungated");
        let steps = r["codeFlows"][0]["threadFlows"][0]["locations"]
            .as_array()
            .unwrap();
        assert!(steps.len() >= 2, "a path has a start and an end");
        for s in steps {
            let node = s["location"]["message"]["text"]
                .as_str()
                .unwrap()
                .trim_start_matches("node ");
            let line = s["location"]["physicalLocation"]["region"]["startLine"]
                .as_u64()
                .unwrap() as usize;
            assert!(
                lines[line - 1].contains(&format!("id: \"{node}\"")),
                "line {line} is not where node {node} is declared"
            );
        }
    }
}
