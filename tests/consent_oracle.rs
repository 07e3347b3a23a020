//! Soundness of the consent analysis: on tens of thousands of random small projects (sources,
//! stores, relays, gates enforcing random purposes, destinations, random activity labels on
//! flows and mappings, cycles and self-loops), what `consent_paths` finds is exactly what a
//! brute-force oracle finds by enumerating every simple path, field by field — and every
//! witness path it gives is a real path that passes no gate enforcing the consent needed.
//!
//! The oracle is written from the rule's definition, not from the checker's code: it knows
//! nothing of states, searches or indexes.

use std::collections::BTreeSet;

use capimap::catalog::Catalog;
use capimap::check::{self, Need, consent_paths};
use capimap::model::*;
use proptest::prelude::*;

mod common;

use common::random::*;

// ---------------------------------------------------------------------------------------------
// The oracle: the rule, read literally.

fn blocked(p: &Project, node: &str, need: &Need) -> bool {
    let Some(g) = p.node(node).and_then(|n| n.as_gate()) else {
        return false;
    };
    match need {
        Need::Purpose(x) => g.enforces.iter().any(|e| e.as_str() == *x),
        Need::AnyPurpose => !g.enforces.is_empty(),
        Need::NoPurpose(_) => false,
    }
}

/// Can `field` get to `node` from where it enters, passing no gate that enforces `need`?
fn ungated_to(p: &Project, field: &str, node: &str, need: &Need) -> bool {
    let open = |n: &str| !blocked(p, n, need);
    starts(p, field)
        .iter()
        .any(|s| simple_path(p, field, s, node, &open))
}

type Answer = BTreeSet<(String, String, String)>;

fn key(flow: &str, field: &str, need: &Need) -> (String, String, String) {
    (flow.to_owned(), field.to_owned(), format!("{need:?}"))
}

fn oracle(p: &Project) -> (Answer, Answer) {
    let mut ungated = Answer::new();
    let mut cookies = Answer::new();
    for flow in &p.flows {
        let to = p.node(flow.to.as_str()).expect("flow ends at a node");
        for m in flow.fields.iter().filter(|m| m.transform.is_sent()) {
            let field = p.field(m.field.as_str()).expect("known field");
            let acts: Vec<&ProcessingActivity> = m
                .activities_on(flow)
                .iter()
                .map(|a| p.activity(a.as_str()).expect("known activity"))
                .collect();
            if matches!(to.kind, NodeKind::Destination(_)) && field.identifiability.is_personal() {
                let needs: Vec<Need> = if acts.is_empty() {
                    vec![Need::AnyPurpose]
                } else {
                    acts.iter()
                        .filter(|a| a.lawful_basis == Some(LawfulBasis::Consent))
                        .filter_map(|a| a.consent_purpose.as_ref())
                        .map(|c| Need::Purpose(c.as_str()))
                        .collect()
                };
                for need in needs {
                    if ungated_to(p, field.id.as_str(), flow.from.as_str(), &need) {
                        ungated.insert(key(flow.id.as_str(), field.id.as_str(), &need));
                    }
                }
            }
            if field.cookie.is_some() {
                let needs: Vec<Need> = if acts.is_empty() {
                    vec![Need::AnyPurpose]
                } else {
                    acts.iter()
                        .filter(|a| !a.strictly_necessary)
                        .map(|a| match &a.consent_purpose {
                            Some(c) => Need::Purpose(c.as_str()),
                            None => Need::NoPurpose(a.id.as_str()),
                        })
                        .collect()
                };
                for need in needs {
                    if !blocked(p, to.id.as_str(), &need)
                        && ungated_to(p, field.id.as_str(), flow.from.as_str(), &need)
                    {
                        cookies.insert(key(flow.id.as_str(), field.id.as_str(), &need));
                    }
                }
            }
        }
    }
    (ungated, cookies)
}

/// A witness must be a real path: from where the field enters, along flows that send it, to
/// the start of the flow, passing no gate that enforces the need.
fn assert_witness(p: &Project, flow: &str, field: &str, need: &Need, path: &capimap::graph::Path) {
    let flow = p.flow(flow).expect("known flow");
    assert_eq!(path.nodes.last().copied(), Some(flow.from.as_str()));
    assert_eq!(path.flows.len() + 1, path.nodes.len());
    assert!(
        starts(p, field).contains(&path.nodes[0]),
        "witness starts at {}, where {field} does not enter",
        path.nodes[0]
    );
    for n in &path.nodes {
        assert!(
            !blocked(p, n, need),
            "witness passes gate {n}, which enforces {need:?}"
        );
    }
    for (k, f) in path.flows.iter().enumerate() {
        let f = p.flow(f).expect("known flow");
        assert_eq!(f.from.as_str(), path.nodes[k]);
        assert_eq!(f.to.as_str(), path.nodes[k + 1]);
        assert!(
            sends(f, field),
            "witness flow {} does not send {field}",
            f.id
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 30_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn consent_analysis_agrees_with_brute_force(s in spec()) {
        let p = build(&s);
        prop_assert!(capimap::store::validate::problems(&p).is_empty());
        let catalog = Catalog::default();
        let found = consent_paths(&p, &catalog);
        let (want_ungated, want_cookies) = oracle(&p);

        let got_ungated: Answer = found.ungated.iter().map(|u| key(u.flow, u.field, &u.need)).collect();
        let got_cookies: Answer = found.cookie_reads.iter().map(|c| key(c.flow, c.field, &c.need)).collect();
        prop_assert_eq!(&got_ungated, &want_ungated, "ungated paths differ");
        prop_assert_eq!(&got_cookies, &want_cookies, "cookie reads differ");
        for u in &found.ungated {
            assert_witness(&p, u.flow, u.field, &u.need, &u.witness);
        }
        for c in &found.cookie_reads {
            assert_witness(&p, c.flow, c.field, &c.need, &c.witness);
        }

        // The check reports one ungated-path finding per destination and consent need.
        let groups: BTreeSet<(String, String)> = found
            .ungated
            .iter()
            .map(|u| (p.flow(u.flow).unwrap().to.to_string(), format!("{:?}", u.need)))
            .collect();
        let report = check::check(&p, &catalog);
        let reported = report
            .findings
            .iter()
            .filter(|f| f.rule.id == "consent/ungated-path")
            .count();
        prop_assert_eq!(reported, groups.len());
        // And one cookie finding per receiving node and field.
        let receivers: BTreeSet<(String, &str)> = found
            .cookie_reads
            .iter()
            .map(|c| (p.flow(c.flow).unwrap().to.to_string(), c.field))
            .collect();
        let reported = report
            .findings
            .iter()
            .filter(|f| f.rule.id == "consent/cookie-id-ungated")
            .count();
        prop_assert_eq!(reported, receivers.len());
    }
}
