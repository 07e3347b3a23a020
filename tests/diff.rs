//! `capimap diff OLD NEW`: for each kind of change, a pair of projects where diff reports that
//! change and nothing else; an unchanged or reordered copy reports nothing; REV:PATH from a
//! git repository made here; --fail-on exit codes; the Markdown for a pull request.

use std::path::{Path, PathBuf};
use std::process::Command;

use capimap::model::*;
use capimap::{examples, store};
use serde_json::Value;

mod common;

use common::cli::capimap;

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

fn write(dir: &Path, name: &str, p: &Project) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, store::to_string(p)).unwrap();
    path
}

/// The JSON of `diff` between the example and the example changed by `edit`: its groups
/// (group → lines) and kinds.
fn diff_after(edit: impl FnOnce(&mut Project)) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let old = example();
    let mut new = old.clone();
    edit(&mut new);
    let a = write(dir.path(), "old.capimap.ron", &old);
    let b = write(dir.path(), "new.capimap.ron", &new);
    let o = capimap([
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let groups = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_owned(),
                g["lines"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l.as_str().unwrap().to_owned())
                    .collect(),
            )
        })
        .collect();
    let kinds = v["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_owned())
        .collect();
    (groups, kinds)
}

fn groups(g: &[(String, Vec<String>)]) -> Vec<&str> {
    g.iter().map(|(name, _)| name.as_str()).collect()
}

#[test]
fn an_unchanged_or_reordered_copy_reports_nothing() {
    let (g, k) = diff_after(|_| {});
    assert!(g.is_empty() && k.is_empty(), "{g:?} {k:?}");
    let (g, k) = diff_after(|p| {
        p.nodes.reverse();
        p.flows.reverse();
        p.activities.reverse();
        p.fields.reverse();
        p.retention.reverse();
        for f in &mut p.flows {
            f.fields.reverse();
        }
    });
    assert!(g.is_empty() && k.is_empty(), "{g:?} {k:?}");
}

#[test]
fn a_renamed_id_is_a_rename_and_nothing_else() {
    use capimap::edit::rename::renamed_project;
    let (g, k) = diff_after(|p| {
        *p = renamed_project(p, &ElementRef::Node("meta-capi".into()), "meta").unwrap();
        *p = renamed_project(p, &ElementRef::Field("email".into()), "e-mail").unwrap();
    });
    assert_eq!(groups(&g), ["renamed"], "{g:?}");
    assert_eq!(g[0].1.len(), 2, "{g:?}");
    assert!(
        g[0].1
            .iter()
            .any(|l| l.contains("node meta-capi is now meta")),
        "{g:?}"
    );
    assert!(k.is_empty(), "{k:?}");
    // Renamed and changed is not a rename: the element is gone and another one is new.
    let (g, k) = diff_after(|p| {
        *p = renamed_project(p, &ElementRef::Node("meta-capi".into()), "meta").unwrap();
        p.nodes
            .iter_mut()
            .find(|n| n.id.as_str() == "meta")
            .unwrap()
            .country = "US".into();
    });
    assert!(groups(&g).starts_with(&["recipients"]), "{g:?}");
    assert!(k.contains(&"new-recipient".to_owned()), "{k:?}");
}

#[test]
fn a_new_recipient_is_reported_with_its_operator_and_nothing_else() {
    let (g, k) = diff_after(|p| {
        let mut snap = p.node("meta-capi").unwrap().clone();
        snap.id = "snapchat".into();
        snap.name = "Snapchat Conversions API".into();
        snap.operator = "Snap Inc.".into();
        p.nodes.push(snap);
        let mut flow = p.flow("sgtm-to-meta").unwrap().clone();
        flow.id = "sgtm-to-snap".into();
        flow.to = "snapchat".into();
        flow.fields.retain(|m| m.field.as_str() == "order_value");
        p.flows.push(flow);
    });
    assert_eq!(groups(&g), ["recipients"], "{g:?}");
    assert_eq!(g[0].1.len(), 1);
    assert!(g[0].1[0].contains("Snapchat Conversions API"), "{g:?}");
    assert!(g[0].1[0].contains("Snap Inc."), "{g:?}");
    assert_eq!(k, ["new-recipient"]);
}

#[test]
fn transfer_mechanisms_and_platform_terms_are_reported() {
    let (g, k) = diff_after(|p| {
        let meta = p
            .nodes
            .iter_mut()
            .find(|n| n.id.as_str() == "meta-capi")
            .unwrap();
        meta.transfer = Some(Transfer {
            mechanism: TransferMechanism::StandardContractualClauses,
            reference: "Meta SCCs 2021".into(),
        });
        if let NodeKind::Destination(d) = &mut meta.kind {
            d.terms[0].accepted = false;
        }
    });
    assert_eq!(groups(&g), ["recipients", "new_findings"], "{g:?}");
    assert!(
        g[0].1
            .iter()
            .any(|l| l.contains("standard contractual clauses") && l.contains("Meta SCCs 2021")),
        "{g:?}"
    );
    assert!(
        g[0].1
            .iter()
            .any(|l| l.contains("Meta Business Tools Terms no longer accepted")),
        "{g:?}"
    );
    assert_eq!(k, ["new-finding"], "terms not accepted is a finding");
}

#[test]
fn a_field_now_sent_raw_is_a_new_raw_identifier() {
    let (g, k) = diff_after(|p| {
        let flow = p
            .flows
            .iter_mut()
            .find(|f| f.id.as_str() == "sgtm-to-meta")
            .unwrap();
        let m = flow
            .fields
            .iter_mut()
            .find(|m| m.field.as_str() == "email")
            .unwrap();
        m.transform = Transform::Raw;
    });
    assert!(groups(&g).starts_with(&["fields"]), "{g:?}");
    assert_eq!(g[0].1.len(), 1, "said once: {g:?}");
    assert!(g[0].1[0].contains("E-mail address"), "{g:?}");
    assert!(k.contains(&"new-raw-identifier".to_owned()), "{k:?}");
    // Sending an e-mail address raw to Meta breaks its rules: the finding is new too.
    assert!(groups(&g).contains(&"new_findings"), "{g:?}");
    assert!(!k.contains(&"new-recipient".to_owned()));
}

#[test]
fn a_longer_retention_period_is_longer_and_a_shorter_one_is_not() {
    let set = |years: u32| {
        move |p: &mut Project| {
            let r = p
                .retention
                .iter_mut()
                .find(|r| r.id.as_str() == "ret-crm-orders")
                .unwrap();
            r.limit = RetentionLimit::Period(Period::new(years, PeriodUnit::Years));
        }
    };
    let (g, k) = diff_after(set(12));
    assert_eq!(groups(&g), ["retention"], "{g:?}");
    assert!(g[0].1[0].contains("(longer)"), "{g:?}");
    assert_eq!(k, ["longer-retention"]);
    let (g, k) = diff_after(set(8));
    assert_eq!(groups(&g), ["retention"], "{g:?}");
    assert!(!g[0].1[0].contains("(longer)"), "{g:?}");
    assert!(k.is_empty(), "{k:?}");
}

#[test]
fn a_changed_lawful_basis_is_reported() {
    let (g, k) = diff_after(|p| {
        let a = p
            .activities
            .iter_mut()
            .find(|a| a.id.as_str() == "act-analytics")
            .unwrap();
        a.lawful_basis = Some(LawfulBasis::Contract);
    });
    assert!(groups(&g).starts_with(&["activities"]), "{g:?}");
    assert!(g[0].1[0].contains("Shop analytics"), "{g:?}");
    assert!(k.contains(&"basis-changed".to_owned()), "{k:?}");
}

#[test]
fn a_gate_that_stops_enforcing_a_purpose_opens_ungated_paths() {
    let (g, k) = diff_after(|p| {
        let gate = p.nodes.iter_mut().find(|n| n.id.as_str() == "cmp").unwrap();
        if let NodeKind::ConsentGate(c) = &mut gate.kind {
            c.enforces.retain(|e| e.as_str() != "cp-marketing");
        }
    });
    assert_eq!(groups(&g), ["consent_gates", "new_findings"], "{g:?}");
    assert!(
        g[0].1[0].contains("now enforces Advertising measurement"),
        "{g:?}"
    );
    assert!(
        g[1].1
            .iter()
            .any(|l| l.contains("[consent/ungated-path]") && l.contains("Meta")),
        "{g:?}"
    );
    assert_eq!(k, ["new-ungated-path", "new-finding"]);
}

/// The example, and the example with 'Shop analytics' on a contract: written as files.
fn basis_changed(dir: &Path) -> (PathBuf, PathBuf) {
    let old = example();
    let mut new = old.clone();
    new.activities
        .iter_mut()
        .find(|a| a.id.as_str() == "act-analytics")
        .unwrap()
        .lawful_basis = Some(LawfulBasis::Contract);
    (
        write(dir, "old.capimap.ron", &old),
        write(dir, "new.capimap.ron", &new),
    )
}

#[test]
fn fail_on_exits_1_only_for_the_kinds_listed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = basis_changed(dir.path());
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let run = |more: &[&str]| capimap([&["diff", a, b][..], more].concat());
    assert_eq!(run(&[]).status.code(), Some(0));
    assert_eq!(
        run(&["--fail-on", "new-recipient,longer-retention"])
            .status
            .code(),
        Some(0)
    );
    let o = run(&["--fail-on", "new-recipient,basis-changed"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("basis-changed"));
    // Reversed: the legitimate-interests finding comes back, a new finding of that side.
    let o = capimap(["diff", b, a, "--fail-on", "new-finding"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["--fail-on", "new-recipients"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("new-recipient, new-raw-identifier"), "{err}");
    let o = capimap(["diff", a, "missing.capimap.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim().lines().count(), 1);
}

#[test]
fn rev_path_reads_the_file_at_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .arg("-C")
            .arg(dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    git(&["init", "-q"]);
    let file = write(dir.path(), "shop.capimap.ron", &example());
    git(&["add", "shop.capimap.ron"]);
    git(&["commit", "-q", "-m", "first"]);
    let mut changed = example();
    changed.retention.retain(|r| r.id.as_str() != "ret-meta");
    write(dir.path(), "shop.capimap.ron", &changed);
    let rev = format!("HEAD:{}", file.display());
    let o = capimap([
        "diff",
        &rev,
        file.to_str().unwrap(),
        "--fail-on",
        "longer-retention",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(text.contains("Retention (1)"), "{text}");
    // A revision that does not exist is one line.
    let o = capimap([
        "diff",
        &format!("nosuchrev:{}", file.display()),
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim().lines().count(), 1);
}

#[test]
fn check_since_reports_only_the_findings_that_are_new() {
    let dir = tempfile::tempdir().unwrap();
    let old = example();
    let mut new = old.clone();
    let gate = new
        .nodes
        .iter_mut()
        .find(|n| n.id.as_str() == "cmp")
        .unwrap();
    if let NodeKind::ConsentGate(c) = &mut gate.kind {
        c.enforces.retain(|e| e.as_str() != "cp-marketing");
    }
    let a = write(dir.path(), "old.capimap.ron", &old);
    let b = write(dir.path(), "new.capimap.ron", &new);
    let findings = |o: &std::process::Output| -> Vec<String> {
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = capimap(["check", b.to_str().unwrap(), "--format", "json"]);
    let since = capimap([
        "check",
        b.to_str().unwrap(),
        "--format",
        "json",
        "--since",
        a.to_str().unwrap(),
    ]);
    let (all, since) = (findings(&all), findings(&since));
    assert!(since.len() < all.len(), "{since:?} {all:?}");
    assert!(since.iter().all(|r| r.starts_with("consent/")), "{since:?}");
    assert!(since.contains(&"consent/ungated-path".to_owned()));
    // The example's own findings were there before: none is new since itself.
    let o = capimap(["check", a.to_str().unwrap(), "--since", a.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 errors"));
}

#[test]
fn the_markdown_is_a_summary_table_then_the_details() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = basis_changed(dir.path());
    let o = capimap([
        "diff",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "markdown",
    ]);
    let md = String::from_utf8_lossy(&o.stdout).replace(&dir.path().display().to_string(), "DIR");
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/diff_basis.md");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot, &md).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot)
        .expect("tests/snapshots/diff_basis.md (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(md, want);
    assert!(md.contains("| area | changes |"));
    assert!(md.contains("#### Activities and lawful bases"));
}
