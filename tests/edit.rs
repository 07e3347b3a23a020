//! Editing: every command undoes exactly, compound edits keep the project consistent, and the
//! history behaves like an editor's.

use capimap::catalog::Catalog;
use capimap::edit::{Collection, Command, EditError, History, Item, ops};
use capimap::model::*;
use capimap::store::validate;
use capimap::{check, examples, store};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

/// Applies a command, checks the inverse brings back the original, and returns the changed
/// project.
fn round_trip(command: Command) -> Project {
    let original = example();
    let mut p = original.clone();
    let inverse = command.apply(&mut p).expect("applies");
    assert_ne!(p, original, "the command changed something");
    let changed = p.clone();
    let redo = inverse.apply(&mut p).expect("the inverse applies");
    assert_eq!(p, original, "the inverse restores the project");
    redo.apply(&mut p).expect("the redo applies");
    assert_eq!(p, changed, "the inverse of the inverse does it again");
    changed
}

#[test]
fn every_kind_of_command_undoes_exactly() {
    let p = example();
    let mut field = p.fields[0].clone();
    field.label = "Changed".to_owned();
    round_trip(Command::Replace {
        at: 0,
        item: Item::Field(field),
    });
    round_trip(Command::Remove {
        collection: Collection::Flows,
        at: 3,
    });
    let mut extra = p.fields[1].clone();
    extra.id = FieldId::new("extra");
    round_trip(Command::Insert {
        at: 1,
        item: Item::Field(extra),
    });
    let mut org = p.organisation.clone();
    org.dpo = None;
    round_trip(Command::SetOrganisation(Box::new(org)));
    round_trip(Command::SetInfo {
        name: "Other".to_owned(),
        description: String::new(),
        record_version: p.record_version,
    });
    let next = round_trip(Command::SetInfo {
        name: p.name.clone(),
        description: p.description.clone(),
        record_version: p.record_version + 1,
    });
    assert_eq!(next.record_version, p.record_version + 1);
    round_trip(Command::SetPosition {
        node: NodeId::new("sgtm"),
        position: Some(Position { x: 1.0, y: 2.0 }),
    });
    round_trip(Command::SetPosition {
        node: NodeId::new("sgtm"),
        position: None,
    });
    round_trip(Command::SetLayout(Layout::default()));
}

#[test]
fn deleting_a_node_takes_its_flows_retention_and_position_and_undo_brings_them_back() {
    let p = example();
    let changed = round_trip(ops::delete_nodes(&p, &["sgtm"]));
    assert!(changed.node("sgtm").is_none());
    assert!(
        changed
            .flows
            .iter()
            .all(|f| f.from.as_str() != "sgtm" && f.to.as_str() != "sgtm")
    );
    assert!(changed.retention.iter().all(|r| r.node.as_str() != "sgtm"));
    assert!(!changed.layout.positions.contains_key("sgtm"));
    assert_eq!(
        validate::problems(&changed),
        vec![],
        "still a valid project"
    );
}

#[test]
fn deleting_a_consent_record_store_clears_the_gates_reference() {
    let p = example();
    let changed = round_trip(ops::delete_nodes(&p, &["consent-log"]));
    let gate = changed.node("cmp").unwrap().as_gate().unwrap();
    assert_eq!(gate.records_to, None);
    assert_eq!(validate::problems(&changed), vec![]);
}

#[test]
fn deleting_several_nodes_and_flows_at_once_stays_consistent() {
    let p = example();
    let changed = round_trip(ops::delete_nodes(
        &p,
        &["crm", "crm-export", "tiktok-events"],
    ));
    assert_eq!(validate::problems(&changed), vec![]);
    assert_eq!(changed.nodes.len(), p.nodes.len() - 3);
    let changed = round_trip(ops::delete_flows(&p, &["web-to-cmp", "sgtm-to-meta"]));
    assert_eq!(changed.flows.len(), p.flows.len() - 2);
}

#[test]
fn a_destination_from_the_catalogue_comes_filled_in() {
    let catalog = Catalog::builtin().unwrap();
    let p = example();
    let meta = catalog.get("meta").unwrap();
    let node = ops::destination_from_catalog(&p, meta);
    assert_eq!(
        node.id.as_str(),
        "meta",
        "a fresh id: the example's Meta node is meta-capi"
    );
    assert_eq!(node.operator, "Meta Platforms Ireland Ltd.");
    assert_eq!(node.country, "IE");
    let d = node.as_destination().unwrap();
    assert_eq!(d.platform, "meta");
    assert_eq!(d.terms.len(), 2);
    assert!(
        d.terms.iter().all(|t| !t.accepted),
        "to be accepted by the user"
    );
    let again = ops::destination_from_catalog(
        &round_trip(ops::add_node(&p, node, Position { x: 0.0, y: 0.0 })),
        meta,
    );
    assert_eq!(again.id.as_str(), "meta-2");
}

#[test]
fn a_new_flow_into_a_platform_proposes_the_mappings_it_accepts() {
    let catalog = Catalog::builtin().unwrap();
    let mut p = example();
    let node = ops::destination_from_catalog(&p, catalog.get("snapchat").unwrap());
    ops::add_node(&p, node, Position { x: 0.0, y: 0.0 })
        .apply(&mut p)
        .unwrap();
    let (command, id) = ops::add_flow(&p, &catalog, "sgtm", "snapchat");
    command.apply(&mut p).unwrap();
    let flow = p.flow(id.as_str()).unwrap();
    let em = flow
        .fields
        .iter()
        .find(|m| m.field.as_str() == "email")
        .unwrap();
    assert_eq!(em.wire_name, "user_data.em");
    assert!(
        em.transform.is_hashed(),
        "Snapchat requires the e-mail hashed"
    );
    let ph = flow
        .fields
        .iter()
        .find(|m| m.field.as_str() == "phone")
        .unwrap();
    assert_eq!(
        ph.transform,
        Transform::Sha256(Some(Normalisation::PhoneDigits))
    );
    assert!(
        flow.activities
            .iter()
            .any(|a| a.as_str() == "act-measurement"),
        "it serves the activities of the flows into the tag manager"
    );
    assert_eq!(validate::problems(&p), vec![]);
    // Nothing it proposes breaks a hashing rule.
    let report = check::check(&p, &catalog);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.family == check::Family::Hashing
                && f.target.id().starts_with(id.as_str())),
        "{:#?}",
        report.findings
    );
}

#[test]
fn hashing_a_raw_phone_number_clears_the_finding_and_undo_brings_it_back() {
    let catalog = Catalog::builtin().unwrap();
    let mut p = example();
    let mut history = History::default();
    let finding = |p: &Project| {
        check::check(p, &catalog).findings.iter().any(|f| {
            f.rule.id == "hashing/must-hash-sent-raw" && f.target.id() == "sgtm-to-tiktok/phone"
        })
    };
    assert!(finding(&p));
    let cmd = ops::set_transform(
        &p,
        "sgtm-to-tiktok",
        "phone",
        Transform::Sha256(Some(Normalisation::PhoneE164)),
    )
    .unwrap();
    history.apply(&mut p, "Hash phone", cmd, None).unwrap();
    assert!(!finding(&p));
    assert_eq!(history.undo_label(), Some("Hash phone"));
    assert!(history.undo(&mut p).unwrap());
    assert!(finding(&p));
    assert_eq!(p, example());
    assert!(history.redo(&mut p).unwrap());
    assert!(!finding(&p));
}

#[test]
fn typing_merges_into_one_step_until_sealed() {
    let mut p = example();
    let description = p.description.clone();
    let mut h = History::default();
    for name in ["N", "No", "Nor"] {
        h.apply(
            &mut p,
            "Rename project",
            Command::SetInfo {
                name: name.to_owned(),
                description: description.clone(),
                record_version: 0,
            },
            Some("project-name".to_owned()),
        )
        .unwrap();
    }
    h.seal();
    h.apply(
        &mut p,
        "Rename project",
        Command::SetInfo {
            name: "Nord".to_owned(),
            description: description.clone(),
            record_version: 0,
        },
        Some("project-name".to_owned()),
    )
    .unwrap();
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(p.name, "Nor", "the step after sealing is its own");
    assert!(h.undo(&mut p).unwrap());
    assert_eq!(p.name, example().name, "the merged typing is one step");
    assert!(!h.undo(&mut p).unwrap(), "nothing more to undo");
}

#[test]
fn a_new_edit_clears_redo_and_history_is_bounded() {
    let mut p = example();
    let mut h = History::new(3);
    let rename = |name: &str| Command::SetInfo {
        name: name.to_owned(),
        description: String::new(),
        record_version: 0,
    };
    for n in ["a", "b", "c", "d", "e"] {
        h.apply(&mut p, n, rename(n), None).unwrap();
    }
    let mut undone = 0;
    while h.undo(&mut p).unwrap() {
        undone += 1;
    }
    assert_eq!(undone, 3, "only the last three steps are kept");
    assert_eq!(p.name, "b");
    h.apply(&mut p, "x", rename("x"), None).unwrap();
    assert!(h.redo_label().is_none(), "a new edit clears redo");
    assert!(h.revision() > 0);
}

#[test]
fn undo_and_redo_come_back_to_the_same_state_so_the_app_knows_nothing_is_unsaved() {
    let mut p = example();
    let mut h = History::default();
    let rename = |name: &str| Command::SetInfo {
        name: name.to_owned(),
        description: String::new(),
        record_version: 0,
    };
    let opened = h.state();
    h.apply(&mut p, "a", rename("a"), None).unwrap();
    let saved = h.state();
    assert_ne!(saved, opened, "an edit is a new state");
    h.apply(&mut p, "b", rename("b"), None).unwrap();
    assert_ne!(h.state(), saved);
    h.undo(&mut p).unwrap();
    assert_eq!(h.state(), saved, "undo back to the saved state");
    h.undo(&mut p).unwrap();
    assert_eq!(h.state(), opened, "undo back to the state when opened");
    h.redo(&mut p).unwrap();
    assert_eq!(h.state(), saved, "redo forward to the saved state");
    // Typing merged into the saved step is still a change.
    h.apply(&mut p, "a", rename("ab"), Some("k".into()))
        .unwrap();
    let typed = h.state();
    h.apply(&mut p, "a", rename("abc"), Some("k".into()))
        .unwrap();
    assert_ne!(h.state(), typed, "merged typing changes the state");
    // A different edit after undo never looks like the saved one.
    h.undo(&mut p).unwrap();
    h.apply(&mut p, "c", rename("c"), None).unwrap();
    assert_ne!(h.state(), saved);
    assert_ne!(h.state(), opened);
}

#[test]
fn a_command_that_does_not_fit_changes_nothing() {
    let mut p = example();
    let before = p.clone();
    let bad = Command::Batch(vec![
        Command::SetInfo {
            name: "half-done".to_owned(),
            description: String::new(),
            record_version: 0,
        },
        Command::Remove {
            collection: Collection::Nodes,
            at: 999,
        },
    ]);
    assert_eq!(
        bad.apply(&mut p),
        Err(EditError::OutOfRange {
            collection: Collection::Nodes,
            at: 999
        })
    );
    assert_eq!(p, before, "the batch was rolled back");
}

#[test]
fn accepting_a_risk_turns_the_finding_into_accepted() {
    let catalog = Catalog::builtin().unwrap();
    let mut p = example();
    let cmd = ops::accept_risk(
        &p,
        "retention/missing",
        "event-log",
        "Log deletion is being set up (ticket OPS-12).",
        "Privacy officer",
        "2026-11-26".parse().unwrap(),
    );
    cmd.apply(&mut p).unwrap();
    let report = check::check(&p, &catalog);
    let f = report
        .findings
        .iter()
        .find(|f| f.rule.id == "retention/missing")
        .unwrap();
    assert!(!f.is_open());
    assert_eq!(validate::problems(&p), vec![]);
}
