//! Fields that pass through, mappings proposed on request, and an activity applied along the
//! path that feeds a flow: against the example, and against a brute-force oracle on random
//! small projects.

use std::collections::BTreeSet;

use capimap::catalog::Catalog;
use capimap::edit::propose;
use capimap::model::*;
use capimap::{examples, store};
use proptest::prelude::*;

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

#[test]
fn a_flow_out_of_a_relay_proposes_the_fields_that_arrive_there() {
    let p = example();
    let catalog = Catalog::builtin().unwrap();
    // A store is not a destination: what arrives at the tag manager passes through.
    let proposed = propose::proposals(&p, &catalog, "sgtm", "consent-records");
    let arriving: BTreeSet<&FieldId> = p
        .flows_into("sgtm")
        .flat_map(|f| f.sent_fields())
        .map(|m| &m.field)
        .collect();
    let got: BTreeSet<&FieldId> = proposed.iter().map(|m| &m.field).collect();
    assert_eq!(got, arriving);
    // As they arrive: the same wire name and transform as on the way in.
    for m in &proposed {
        let inbound = p
            .flows_into("sgtm")
            .flat_map(|f| f.sent_fields())
            .find(|x| x.field == m.field)
            .unwrap();
        assert_eq!(m.wire_name, inbound.wire_name);
        assert_eq!(m.transform, inbound.transform);
    }
}

#[test]
fn propose_mappings_on_a_flow_adds_only_what_it_lacks() {
    let mut p = example();
    let catalog = Catalog::builtin().unwrap();
    let flow = p
        .flows
        .iter()
        .position(|f| f.id.as_str() == "sgtm-to-meta")
        .unwrap();
    let kept = p.flows[flow].fields.remove(0);
    let others = p.flows[flow].fields.clone();
    let (cmd, added) = propose::propose_for_flow(&p, &catalog, "sgtm-to-meta").expect("a proposal");
    assert!(added >= 1);
    cmd.apply(&mut p).unwrap();
    let after = &p.flows[flow].fields;
    assert_eq!(
        &after[..others.len()],
        &others[..],
        "its own mappings stay as they were"
    );
    assert!(
        after.iter().any(|m| m.field == kept.field),
        "the removed field is proposed again"
    );
}

/// A small random project: nodes n0..n5, flows between them, each sending some of f0..f3.
fn random_project(flows: &[(u8, u8, u8)]) -> Project {
    let mut p = Project::empty("p");
    for i in 0..4 {
        p.fields.push(Field {
            id: FieldId::new(format!("f{i}")),
            label: format!("f{i}"),
            category: "user.contact.email".to_owned(),
            ..Field::default()
        });
    }
    for i in 0..6 {
        let mut n = capimap::edit::ops::new_node(&p, NodeKind::Relay(Relay::default()));
        n.id = NodeId::new(format!("n{i}"));
        p.nodes.push(n);
    }
    p.activities.push(ProcessingActivity {
        id: ActivityId::new("a"),
        name: "a".to_owned(),
        ..ProcessingActivity::default()
    });
    for (i, (from, to, fields)) in flows.iter().enumerate() {
        p.flows.push(Flow {
            id: FlowId::new(format!("g{i}")),
            from: NodeId::new(format!("n{}", from % 6)),
            to: NodeId::new(format!("n{}", to % 6)),
            description: String::new(),
            activities: Vec::new(),
            delivery: Delivery::RealTime,
            consent_signals: Vec::new(),
            on_withdrawal: None,
            request_type: None,
            origin: None,
            fields: (0..4)
                .filter(|b| fields & (1 << b) != 0)
                .map(|b| {
                    FieldMapping::new(
                        FieldId::new(format!("f{b}")),
                        format!("w{b}"),
                        Transform::Raw,
                    )
                })
                .collect(),
        });
    }
    p
}

/// The oracle: a flow is upstream of `target` for the activity when a chain of flows leads
/// from it to `target`, each feeding the next, that carries one field all the way.
fn oracle(p: &Project, target: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::from([target.to_owned()]);
    let t = p.flow(target).unwrap();
    for field in t.sent_fields().map(|m| m.field.clone()) {
        // Every flow from which `field` reaches `target` through flows that all carry it.
        let carries = |f: &Flow| f.sent_fields().any(|m| m.field == field);
        let mut reach: BTreeSet<String> = BTreeSet::from([target.to_owned()]);
        loop {
            let before = reach.len();
            for g in &p.flows {
                if carries(g)
                    && p.flows
                        .iter()
                        .any(|h| reach.contains(h.id.as_str()) && h.from == g.to)
                {
                    reach.insert(g.id.to_string());
                }
            }
            if reach.len() == before {
                break;
            }
        }
        out.extend(reach);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn an_activity_applied_to_a_path_labels_exactly_the_flows_that_feed_its_fields(
        flows in proptest::collection::vec((0u8..6, 0u8..6, 0u8..16), 1..12),
        pick in 0usize..12,
    ) {
        let p = random_project(&flows);
        let target = p.flows[pick % p.flows.len()].id.to_string();
        let a = ActivityId::new("a");
        let mut after = p.clone();
        if let Some((cmd, _)) = propose::serve_upstream(&p, &target, &a) {
            cmd.apply(&mut after).unwrap();
        }
        let labelled: BTreeSet<String> = after
            .flows
            .iter()
            .filter(|f| f.activities.contains(&a))
            .map(|f| f.id.to_string())
            .collect();
        prop_assert_eq!(labelled, oracle(&p, &target));
    }
}
