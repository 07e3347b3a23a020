//! Renaming an element's id rewrites every reference to it: the renamed project is valid,
//! checks the same, and one undo brings the old ids back.

use std::collections::BTreeMap;

use capimap::catalog::Catalog;
use capimap::edit::History;
use capimap::edit::rename::{RenameError, rename};
use capimap::model::*;
use capimap::store::validate;
use capimap::{check, examples, store};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

fn every_element(p: &Project) -> Vec<ElementRef> {
    let mut out = Vec::new();
    out.extend(p.nodes.iter().map(|x| ElementRef::Node(x.id.clone())));
    out.extend(p.flows.iter().map(|x| ElementRef::Flow(x.id.clone())));
    out.extend(p.fields.iter().map(|x| ElementRef::Field(x.id.clone())));
    out.extend(
        p.activities
            .iter()
            .map(|x| ElementRef::Activity(x.id.clone())),
    );
    out.extend(
        p.consent_purposes
            .iter()
            .map(|x| ElementRef::ConsentPurpose(x.id.clone())),
    );
    out.extend(
        p.retention
            .iter()
            .map(|x| ElementRef::Retention(x.id.clone())),
    );
    out.extend(
        p.accepted_risks
            .iter()
            .map(|x| ElementRef::AcceptedRisk(x.id.clone())),
    );
    out
}

/// Findings by rule, with the renamed id put back: renaming must change nothing else.
fn findings(p: &Project, new: &str, old: &str) -> BTreeMap<(String, String, bool), usize> {
    let report = check::check(p, &Catalog::builtin().unwrap());
    let mut out = BTreeMap::new();
    for f in &report.findings {
        let id = f
            .target
            .id()
            .split('/')
            .map(|part| if part == new { old } else { part })
            .collect::<Vec<_>>()
            .join("/");
        *out.entry((f.rule.id.to_owned(), id, f.is_open()))
            .or_default() += 1;
    }
    out
}

#[test]
fn every_element_of_the_example_can_be_renamed_and_back() {
    let original = example();
    for element in every_element(&original) {
        let old = element.id().into_owned();
        let new = format!("renamed-{old}");
        let mut p = original.clone();
        let mut history = History::default();
        let cmd = rename(&p, &element, &new).unwrap_or_else(|e| panic!("{old}: {e}"));
        history.apply(&mut p, "Rename", cmd, None).unwrap();
        assert_eq!(
            validate::problems(&p),
            vec![],
            "renaming {old} left a dangling reference"
        );
        assert!(ElementRef::resolve(&p, &old).is_none(), "{old} is gone");
        assert!(ElementRef::resolve(&p, &new).is_some(), "{new} is there");
        assert_eq!(
            findings(&p, &new, &old),
            findings(&original, &new, &old),
            "renaming {old} changed what the checks find"
        );
        assert!(history.undo(&mut p).unwrap());
        assert_eq!(p, original, "one undo restores {old}");
    }
}

#[test]
fn an_accepted_risk_follows_its_element() {
    let mut p = example();
    let risk = p.accepted_risks[0].clone();
    let element = ElementRef::resolve(&p, &risk.target).expect("the risk names an element");
    let cmd = rename(&p, &element, "renamed").unwrap();
    cmd.apply(&mut p).unwrap();
    assert_eq!(p.accepted_risks[0].target, "renamed");
    let report = check::check(&p, &Catalog::builtin().unwrap());
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule.id != "record/stale-accepted-risk"),
        "the accepted risk still covers its finding"
    );
}

#[test]
fn a_taken_or_malformed_id_is_refused_with_the_reason() {
    let p = example();
    let node = ElementRef::Node(p.nodes[0].id.clone());
    let taken = p.nodes[1].id.to_string();
    assert_eq!(rename(&p, &node, &taken), Err(RenameError::Taken(taken)));
    assert!(matches!(
        rename(&p, &node, "has space"),
        Err(RenameError::Invalid(_))
    ));
    assert!(matches!(
        rename(&p, &node, ""),
        Err(RenameError::Invalid(_))
    ));
    assert_eq!(
        rename(&p, &ElementRef::Organisation, "x"),
        Err(RenameError::NoId)
    );
}
