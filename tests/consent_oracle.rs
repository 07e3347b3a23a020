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

// ---------------------------------------------------------------------------------------------
// Random projects.

const PURPOSES: [&str; 2] = ["p0", "p1"];

#[derive(Clone, Debug)]
struct NodeSpec {
    kind: u8,
    collects: Vec<bool>,
    enforces: Vec<bool>,
}

#[derive(Clone, Debug)]
struct ActivitySpec {
    basis: u8,
    purpose: u8,
    strictly_necessary: bool,
}

#[derive(Clone, Debug)]
struct FlowSpec {
    from: usize,
    to: usize,
    activities: Vec<bool>,
    /// Per field: absent, raw, dropped; and which of the flow's activities the mapping names.
    mappings: Vec<(u8, Vec<bool>)>,
}

#[derive(Clone, Debug)]
struct Spec {
    nodes: Vec<NodeSpec>,
    /// Per field: personal, read from a cookie.
    fields: Vec<(bool, bool)>,
    activities: Vec<ActivitySpec>,
    flows: Vec<FlowSpec>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let fields = prop::collection::vec((any::<bool>(), any::<bool>()), 1..=3);
    let activities = prop::collection::vec(
        (0u8..3, 0u8..3, prop::bool::weighted(0.2)).prop_map(|(basis, purpose, sn)| ActivitySpec {
            basis,
            purpose,
            strictly_necessary: sn,
        }),
        1..=3,
    );
    (fields, activities, 2usize..=6).prop_flat_map(|(fields, activities, n)| {
        let nf = fields.len();
        let na = activities.len();
        let node = (
            0u8..5,
            prop::collection::vec(any::<bool>(), nf),
            prop::collection::vec(any::<bool>(), PURPOSES.len()),
        )
            .prop_map(|(kind, collects, enforces)| NodeSpec {
                kind,
                collects,
                enforces,
            });
        let flow = (
            0..n,
            0..n,
            prop::collection::vec(prop::bool::weighted(0.6), na),
            prop::collection::vec((0u8..3, prop::collection::vec(any::<bool>(), na)), nf),
        )
            .prop_map(|(from, to, activities, mappings)| FlowSpec {
                from,
                to,
                activities,
                mappings,
            });
        (
            prop::collection::vec(node, n),
            Just(fields),
            Just(activities),
            prop::collection::vec(flow, 0..=9),
        )
            .prop_map(|(nodes, fields, activities, flows)| Spec {
                nodes,
                fields,
                activities,
                flows,
            })
    })
}

fn build(s: &Spec) -> Project {
    let mut p = Project::empty("random");
    for id in PURPOSES {
        p.consent_purposes.push(ConsentPurpose {
            id: id.into(),
            name: format!("Purpose {id}"),
            ..ConsentPurpose::default()
        });
    }
    for (i, a) in s.activities.iter().enumerate() {
        p.activities.push(ProcessingActivity {
            id: format!("a{i}").as_str().into(),
            name: format!("Activity {i}"),
            lawful_basis: match a.basis {
                0 => Some(LawfulBasis::Consent),
                1 => Some(LawfulBasis::LegitimateInterests),
                _ => None,
            },
            consent_purpose: PURPOSES.get(a.purpose as usize).map(|p| (*p).into()),
            strictly_necessary: a.strictly_necessary,
            ..ProcessingActivity::default()
        });
    }
    for (i, (personal, cookie)) in s.fields.iter().enumerate() {
        p.fields.push(Field {
            id: format!("f{i}").as_str().into(),
            label: format!("Field {i}"),
            category: "user.unique_id".to_owned(),
            identifiability: if *personal {
                Identifiability::PseudonymousId
            } else {
                Identifiability::NotPersonal
            },
            cookie: cookie.then(|| format!("_c{i}")),
            ..Field::default()
        });
    }
    for (i, n) in s.nodes.iter().enumerate() {
        let kind = match n.kind {
            0 => NodeKind::Source(Source {
                collects: n
                    .collects
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| **c)
                    .map(|(f, _)| format!("f{f}").as_str().into())
                    .collect(),
                ..Source::default()
            }),
            1 => NodeKind::Relay(Relay::default()),
            2 => NodeKind::ConsentGate(ConsentGate {
                enforces: n
                    .enforces
                    .iter()
                    .zip(PURPOSES)
                    .filter(|(e, _)| **e)
                    .map(|(_, p)| p.into())
                    .collect(),
                ..ConsentGate::default()
            }),
            3 => NodeKind::Store(Store::default()),
            _ => NodeKind::Destination(Destination {
                api_version: String::new(),
                platform: "nowhere".to_owned(),
                ..Destination::default()
            }),
        };
        p.nodes.push(Node {
            id: format!("n{i}").as_str().into(),
            name: format!("Node {i}"),
            operator: "Op".to_owned(),
            country: "DE".to_owned(),
            description: String::new(),
            transfer: None,
            role: None,
            contract: String::new(),
            disabled: false,
            origins: Vec::new(),
            kind,
        });
    }
    for (i, f) in s.flows.iter().enumerate() {
        let acts: Vec<ActivityId> = f
            .activities
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(a, _)| format!("a{a}").as_str().into())
            .collect();
        let mut flow = Flow {
            request_type: None,
            origin: None,
            id: format!("x{i}").as_str().into(),
            from: format!("n{}", f.from).as_str().into(),
            to: format!("n{}", f.to).as_str().into(),
            description: String::new(),
            activities: acts.clone(),
            delivery: Delivery::RealTime,
            consent_signals: vec![],
            on_withdrawal: None,
            fields: vec![],
        };
        for (field, (how, names)) in f.mappings.iter().enumerate() {
            let transform = match how {
                0 => continue,
                1 => Transform::Raw,
                _ => Transform::Dropped,
            };
            let mut m = FieldMapping::new(format!("f{field}").as_str().into(), "w", transform);
            m.activities = acts
                .iter()
                .enumerate()
                .filter(|(k, _)| names.get(*k).copied().unwrap_or(false))
                .map(|(_, a)| a.clone())
                .collect();
            flow.fields.push(m);
        }
        p.flows.push(flow);
    }
    p
}

// ---------------------------------------------------------------------------------------------
// The oracle: the rule, read literally.

/// Does `flow` send `field` (a mapping that is not dropped)?
fn sends(flow: &Flow, field: &str) -> bool {
    flow.fields
        .iter()
        .any(|m| m.field.as_str() == field && m.transform.is_sent())
}

/// Where a field enters by definition: a source that collects it, or a node that sends it
/// although no flow brings it there.
fn enters_at(p: &Project, node: &str, field: &str) -> bool {
    let collects = p
        .node(node)
        .and_then(|n| n.as_source())
        .is_some_and(|s| s.collects.iter().any(|f| f.as_str() == field));
    let sends_out = p
        .flows
        .iter()
        .any(|f| f.from.as_str() == node && sends(f, field));
    let brought = p
        .flows
        .iter()
        .any(|f| f.to.as_str() == node && sends(f, field));
    collects || (sends_out && !brought)
}

/// Every simple path (as node ids) along flows that send `field`, from `start` to `goal`,
/// passing only nodes for which `open` holds; true when there is one.
fn simple_path(
    p: &Project,
    field: &str,
    start: &str,
    goal: &str,
    open: &dyn Fn(&str) -> bool,
) -> bool {
    fn go<'a>(
        p: &'a Project,
        field: &str,
        at: &'a str,
        goal: &str,
        open: &dyn Fn(&str) -> bool,
        seen: &mut Vec<&'a str>,
    ) -> bool {
        if at == goal {
            return true;
        }
        for f in p
            .flows
            .iter()
            .filter(|f| f.from.as_str() == at && sends(f, field))
        {
            let next = f.to.as_str();
            if seen.contains(&next) || !open(next) {
                continue;
            }
            seen.push(next);
            if go(p, field, next, goal, open, seen) {
                return true;
            }
            seen.pop();
        }
        false
    }
    open(start) && go(p, field, start, goal, open, &mut vec![start])
}

/// Where a field counts as entering: by definition, or on a circle no such start reaches.
fn starts<'a>(p: &'a Project, field: &str) -> Vec<&'a str> {
    let ids: Vec<&str> = p.nodes.iter().map(|n| n.id.as_str()).collect();
    let defined: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|n| enters_at(p, n, field))
        .collect();
    let all = |_: &str| true;
    ids.iter()
        .copied()
        .filter(|n| {
            defined.contains(n) || !defined.iter().any(|d| simple_path(p, field, d, n, &all))
        })
        .collect()
}

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
