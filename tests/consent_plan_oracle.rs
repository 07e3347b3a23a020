//! Soundness of the consent test plan: on thousands of random small projects (purposes asked
//! in random, nested regions; gates enforcing random purposes; random activity labels; cycles),
//! for users at each of several places and every combination of the choices asked there, the
//! plan's case for that combination says of every field mapping into a destination exactly
//! what a brute-force oracle says, reading the rule literally:
//! - personal data for an activity whose consent purpose is denied there: must not;
//! - personal data whose consent is unknown (no activity, a purpose not asked there): unknown;
//! - otherwise: may, if some simple path from where the field enters to the flow passes no
//!   gate enforcing a denied purpose the mapping is sent for; else not reached.
//!
//! Also: every combination is in exactly one case, and no two cases of a scope expect the same.

use std::collections::BTreeSet;

use capimap::catalog::Catalog;
use capimap::check::plan::{Carriage, Case, Plan, Verdict, plan, simulate, simulation_scopes};
use capimap::model::*;
use proptest::prelude::*;

mod common;

use common::random::*;

/// Where the test users are: inside nested regions, beside them, and outside all of them.
const PLACES: [&str; 5] = ["DE", "FR", "US-CA", "US-NY", "JP"];

fn region(s: &str) -> Region {
    Region::parse(s).expect("a region")
}

/// The purposes asked for a user at `place` (positions in the project).
fn asked_at(p: &Project, place: &Region) -> Vec<usize> {
    p.consent_purposes
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.regions.is_empty() || c.regions.iter().any(|r| region(r).contains(place))
        })
        .map(|(i, _)| i)
        .collect()
}

/// The oracle's verdict on one mapping, for a user at `place` who denied `denied`.
fn oracle_verdict(
    p: &Project,
    flow: &Flow,
    m: &FieldMapping,
    asked: &[usize],
    denied: &[usize],
) -> Verdict {
    let field = p.field(m.field.as_str()).expect("known field");
    let personal = field.identifiability.is_personal();
    let acts: Vec<&ProcessingActivity> = m
        .activities_on(flow)
        .iter()
        .map(|a| p.activity(a.as_str()).expect("known activity"))
        .collect();
    let needs: Vec<usize> = acts
        .iter()
        .filter(|a| a.lawful_basis == Some(LawfulBasis::Consent))
        .filter_map(|a| a.consent_purpose.as_ref())
        .filter_map(|c| p.consent_purposes.iter().position(|x| x.id == *c))
        .collect();
    let mut denied_needs: Vec<usize> = needs
        .iter()
        .copied()
        .filter(|n| denied.contains(n))
        .collect();
    denied_needs.sort();
    denied_needs.dedup();
    if personal {
        if !denied_needs.is_empty() {
            return Verdict::MustNot {
                denied: denied_needs
                    .iter()
                    .map(|&n| p.consent_purposes[n].id.to_string())
                    .collect(),
            };
        }
        if acts.is_empty() || needs.iter().any(|n| !asked.contains(n)) {
            return Verdict::Unknown { why: String::new() };
        }
    }
    if reached(p, flow, m, &denied_needs) {
        Verdict::May
    } else {
        Verdict::NotReached
    }
}

/// The purposes the mapping is sent for that are denied (positions, sorted).
fn denied_needs(p: &Project, flow: &Flow, m: &FieldMapping, denied: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = m
        .activities_on(flow)
        .iter()
        .map(|a| p.activity(a.as_str()).expect("known activity"))
        .filter(|a| a.lawful_basis == Some(LawfulBasis::Consent))
        .filter_map(|a| a.consent_purpose.as_ref())
        .filter_map(|c| p.consent_purposes.iter().position(|x| x.id == *c))
        .filter(|n| denied.contains(n))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Whether some simple path from where the field enters to the flow's start passes no gate
/// enforcing one of `blocked`.
fn reached(p: &Project, flow: &Flow, m: &FieldMapping, blocked: &[usize]) -> bool {
    let open = |node: &str| {
        !p.node(node).and_then(|n| n.as_gate()).is_some_and(|g| {
            g.enforces
                .iter()
                .any(|e| blocked.iter().any(|&d| p.consent_purposes[d].id == *e))
        })
    };
    starts(p, m.field.as_str())
        .iter()
        .any(|s| simple_path(p, m.field.as_str(), s, flow.from.as_str(), &open))
}

/// On the way to the destinations, data travels for each activity it is sent for, past every
/// gate except those enforcing that activity's purpose where it was denied: carried when some
/// activity (or none named) lets it get to the flow's start.
fn carried_on_the_way(
    p: &Project,
    flow: &Flow,
    m: &FieldMapping,
    asked: &[usize],
    denied: &[usize],
) -> bool {
    let acts = m.activities_on(flow);
    let mut blocked_sets: Vec<Vec<usize>> = Vec::new();
    if acts.is_empty() {
        blocked_sets.push(vec![]);
    }
    for a in acts
        .iter()
        .map(|a| p.activity(a.as_str()).expect("known activity"))
    {
        let need = a
            .consent_purpose
            .as_ref()
            .filter(|_| a.lawful_basis == Some(LawfulBasis::Consent))
            .and_then(|c| p.consent_purposes.iter().position(|x| x.id == *c))
            .filter(|n| asked.contains(n));
        match need {
            Some(n) if denied.contains(&n) => blocked_sets.push(vec![n]),
            _ => blocked_sets.push(vec![]),
        }
    }
    blocked_sets.iter().any(|b| reached(p, flow, m, b))
}

/// The plan's scope for a user at `place`: the one holding the smallest named region around
/// them, or the one for everywhere else.
fn scope_of(plan: &Plan, p: &Project, place: &Region) -> Option<usize> {
    let named: Vec<Region> = p
        .consent_purposes
        .iter()
        .flat_map(|c| c.regions.iter().map(|r| region(r)))
        .collect();
    let smallest = named
        .iter()
        .filter(|r| r.contains(place))
        .min_by_key(|r| named.iter().filter(|o| r.contains(o)).count())
        .copied();
    plan.scopes.iter().position(|s| match smallest {
        Some(r) => s.regions.iter().any(|n| region(n) == r),
        None => s.regions.is_empty(),
    })
}

fn kind(v: &Verdict) -> Verdict {
    match v {
        Verdict::Unknown { .. } => Verdict::Unknown { why: String::new() },
        other => other.clone(),
    }
}

/// What a case expects, as a comparable value.
fn expectations(c: &Case) -> Vec<(String, String, String)> {
    c.destinations
        .iter()
        .flat_map(|d| &d.flows)
        .flat_map(|f| {
            f.fields.iter().map(move |x| {
                let v = match &x.verdict {
                    Verdict::MustNot { .. } => "must not".to_owned(),
                    other => format!("{:?}", kind(other)),
                };
                (f.flow.clone(), x.field.clone(), v)
            })
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_plan_agrees_with_brute_force_for_every_place_and_choice(s in spec()) {
        let p = build(&s);
        prop_assert!(capimap::store::validate::problems(&p).is_empty());
        let plan = plan(&p, &Catalog::default()).expect("two purposes are few enough");
        let into_destinations: Vec<(&Flow, &FieldMapping)> = p
            .flows
            .iter()
            .filter(|f| p.node(f.to.as_str()).is_some_and(|n| matches!(n.kind, NodeKind::Destination(_))))
            .flat_map(|f| f.fields.iter().filter(|m| m.transform.is_sent()).map(move |m| (f, m)))
            .collect();

        // Every combination once; no two cases of a scope alike.
        for (i, scope) in plan.scopes.iter().enumerate() {
            let cases: Vec<&Case> = plan.cases.iter().filter(|c| c.scope == i).collect();
            let combos: usize = cases.iter().map(|c| 1 + c.same_as_this.len()).sum();
            prop_assert_eq!(combos, 1 << scope.purposes.len());
            prop_assert_eq!(scope.combinations, combos);
            let distinct: BTreeSet<_> = cases.iter().map(|c| expectations(c)).collect();
            prop_assert_eq!(distinct.len(), cases.len(), "two cases expect the same");
        }

        for place in PLACES.map(region) {
            let asked = asked_at(&p, &place);
            let Some(scope) = scope_of(&plan, &p, &place) else {
                // No scope: nobody's data there reaches a destination, or nothing is asked
                // there and the plan says so.
                prop_assert!(
                    into_destinations.is_empty() || (asked.is_empty() && !plan.notes.is_empty()),
                    "no scope for users in {place}"
                );
                continue;
            };
            let ids: Vec<String> = asked.iter().map(|&i| p.consent_purposes[i].id.to_string()).collect();
            prop_assert_eq!(&plan.scopes[scope].purposes, &ids, "purposes asked in {}", place);
            for mask in 0u32..(1 << asked.len()) {
                let denied: Vec<usize> = asked.iter().enumerate().filter(|(b, _)| mask >> b & 1 == 1).map(|(_, &i)| i).collect();
                let denied_ids: Vec<String> = denied.iter().map(|&i| p.consent_purposes[i].id.to_string()).collect();
                let matching: Vec<&Case> = plan
                    .cases
                    .iter()
                    .filter(|c| c.scope == scope && (c.denied == denied_ids || c.same_as_this.contains(&denied_ids)))
                    .collect();
                prop_assert_eq!(matching.len(), 1, "combination {:?} in {}", denied_ids, place);
                let case = matching[0];
                let mut seen = 0;
                for (flow, m) in &into_destinations {
                    let want = oracle_verdict(&p, flow, m, &asked, &denied);
                    let got = case
                        .destinations
                        .iter()
                        .flat_map(|d| &d.flows)
                        .filter(|f| f.flow == flow.id.as_str())
                        .flat_map(|f| &f.fields)
                        .find(|x| x.field == m.field.as_str());
                    let Some(got) = got else {
                        prop_assert!(false, "case {} leaves out {}/{}", case.number, flow.id, m.field);
                        unreachable!()
                    };
                    seen += 1;
                    // Collapsed combinations share a case, not the reasons: compare what a
                    // capture would show (must not, may, not reached, unknown), and the
                    // purposes denied for the case's own combination.
                    if case.denied == denied_ids {
                        prop_assert_eq!(kind(&got.verdict), want, "{}/{} in {} denying {:?}", flow.id, m.field, place, denied_ids);
                    } else {
                        let same = matches!((&got.verdict, &want), (Verdict::MustNot { .. }, Verdict::MustNot { .. }))
                            || kind(&got.verdict) == want;
                        prop_assert!(same, "{}/{} in {} denying {:?}: {:?} vs {:?}", flow.id, m.field, place, denied_ids, got.verdict, want);
                    }
                }
                let listed: usize = case.destinations.iter().flat_map(|d| &d.flows).map(|f| f.fields.len()).sum();
                prop_assert_eq!(listed, seen, "case {} lists mappings that are not into destinations", case.number);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 5_000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// The app's consent simulator shows, on every flow, what brute force says: into a
    /// destination, the plan's verdict, with data that must not go there told apart by
    /// whether the gates let it through; elsewhere, whether the data gets there at all.
    #[test]
    fn the_simulator_agrees_with_brute_force_on_every_flow(s in spec()) {
        let p = build(&s);
        let catalog = Catalog::default();
        let plan = plan(&p, &catalog).expect("two purposes are few enough");
        let scopes = simulation_scopes(&p, &catalog);
        // simulate names the same scopes.
        if let Some((_, sim)) = simulate(&p, &catalog, 0, &[]).expect("few purposes") {
            prop_assert_eq!(&sim.scopes, &scopes);
        }
        prop_assert_eq!(
            scopes.iter().map(|s| (&s.label, &s.purposes)).collect::<Vec<_>>(),
            plan.scopes.iter().map(|s| (&s.label, &s.purposes)).collect::<Vec<_>>()
        );
        for place in PLACES.map(region) {
            let asked = asked_at(&p, &place);
            let Some(scope) = scope_of(&plan, &p, &place) else { continue };
            for mask in 0u32..(1 << asked.len()) {
                let denied: Vec<usize> = asked.iter().enumerate().filter(|(b, _)| mask >> b & 1 == 1).map(|(_, &i)| i).collect();
                let denied_ids: Vec<String> = denied.iter().map(|&i| p.consent_purposes[i].id.to_string()).collect();
                let (at, sim) = simulate(&p, &catalog, scope, &denied_ids).expect("few purposes").expect("the scope");
                prop_assert_eq!(at, scope);
                let mut receiving = BTreeSet::new();
                for flow in &p.flows {
                    let into = p.node(flow.to.as_str()).is_some_and(|n| matches!(n.kind, NodeKind::Destination(_)));
                    for m in flow.fields.iter().filter(|m| m.transform.is_sent()) {
                        let blocked = denied_needs(&p, flow, m, &denied);
                        let want = if into {
                            match oracle_verdict(&p, flow, m, &asked, &denied) {
                                Verdict::May => Carriage::Carried,
                                Verdict::MustNot { .. } if reached(&p, flow, m, &blocked) => Carriage::WithoutConsent {
                                    denied: blocked.iter().map(|&n| p.consent_purposes[n].id.to_string()).collect(),
                                },
                                Verdict::Unknown { .. } => Carriage::Unknown { why: String::new() },
                                _ => Carriage::Blocked,
                            }
                        } else if carried_on_the_way(&p, flow, m, &asked, &denied) {
                            Carriage::Carried
                        } else {
                            Carriage::Blocked
                        };
                        let got = match sim.carriage(flow.id.as_str(), m.field.as_str()) {
                            Some(Carriage::Unknown { .. }) => Carriage::Unknown { why: String::new() },
                            Some(c) => c.clone(),
                            None => { prop_assert!(false, "no word on {}/{}", flow.id, m.field); unreachable!() }
                        };
                        // A field mapped twice on a flow shows the worse; the generator maps
                        // each field once per flow.
                        prop_assert_eq!(&got, &want, "{}/{} in {} denying {:?}", flow.id, m.field, place, denied_ids);
                        if into && want.carries() {
                            receiving.insert(flow.to.to_string());
                        }
                    }
                }
                prop_assert_eq!(sim.receiving.iter().cloned().collect::<BTreeSet<_>>(), receiving);
            }
        }
    }
}
