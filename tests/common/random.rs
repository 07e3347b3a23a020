//! Random small projects for the soundness tests of the consent analyses, and the path
//! enumeration their brute-force oracles share: sources, stores, relays, gates enforcing
//! random purposes (asked in random regions), destinations, random activity labels on flows
//! and mappings, cycles and self-loops.

use capimap::model::*;
use proptest::prelude::*;

pub const PURPOSES: [&str; 2] = ["p0", "p1"];

/// The regions a random purpose may be asked in (none: everywhere), nested and side by side.
pub const REGION_CHOICES: [&[&str]; 6] = [
    &[],
    &["EEA"],
    &["DE"],
    &["US-CA"],
    &["EEA", "US-CA"],
    &["US"],
];

#[derive(Clone, Debug)]
pub struct NodeSpec {
    pub kind: u8,
    pub collects: Vec<bool>,
    pub enforces: Vec<bool>,
}

#[derive(Clone, Debug)]
pub struct ActivitySpec {
    pub basis: u8,
    pub purpose: u8,
    pub strictly_necessary: bool,
}

#[derive(Clone, Debug)]
pub struct FlowSpec {
    pub from: usize,
    pub to: usize,
    pub activities: Vec<bool>,
    /// Per field: absent, raw, dropped; and which of the flow's activities the mapping names.
    pub mappings: Vec<(u8, Vec<bool>)>,
}

#[derive(Clone, Debug)]
pub struct Spec {
    pub nodes: Vec<NodeSpec>,
    /// Per field: personal, read from a cookie.
    pub fields: Vec<(bool, bool)>,
    pub activities: Vec<ActivitySpec>,
    pub flows: Vec<FlowSpec>,
    /// Per purpose: its regions, as a position in [`REGION_CHOICES`].
    pub purpose_regions: Vec<u8>,
}

pub fn spec() -> impl Strategy<Value = Spec> {
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
            prop::collection::vec(0..REGION_CHOICES.len() as u8, PURPOSES.len()),
        )
            .prop_map(|(nodes, fields, activities, flows, purpose_regions)| Spec {
                nodes,
                fields,
                activities,
                flows,
                purpose_regions,
            })
    })
}

pub fn build(s: &Spec) -> Project {
    let mut p = Project::empty("random");
    for (k, id) in PURPOSES.iter().enumerate() {
        let regions = REGION_CHOICES[s.purpose_regions.get(k).copied().unwrap_or(0) as usize];
        p.consent_purposes.push(ConsentPurpose {
            id: (*id).into(),
            name: format!("Purpose {id}"),
            regions: regions.iter().map(|r| (*r).to_owned()).collect(),
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

/// Does `flow` send `field` (a mapping that is not dropped)?
pub fn sends(flow: &Flow, field: &str) -> bool {
    flow.fields
        .iter()
        .any(|m| m.field.as_str() == field && m.transform.is_sent())
}

/// Where a field enters by definition: a source that collects it, or a node that sends it
/// although no flow brings it there.
pub fn enters_at(p: &Project, node: &str, field: &str) -> bool {
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
pub fn simple_path(
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
pub fn starts<'a>(p: &'a Project, field: &str) -> Vec<&'a str> {
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
