//! The consent cases of one scope: every combination of choices, collapsed by what the
//! destinations may receive and what the consent signals must say.

use rustc_hash::FxHashMap;

use crate::catalog::{ConsentParameter, carried_by};
use crate::model::{LawfulBasis, Region};

use super::super::Context;
use super::super::dataflow::Reached;
use super::super::paths::{Need, consent_needs};
use super::scopes::{ScopeDef, into_destinations};
use super::{Case, DestinationCase, FieldCase, FlowCase, SignalCase, Verdict, uses_overlap};

/// What a mapping needs, in the scope's terms: bits of `scope.purposes`.
pub(super) struct Mapping {
    pub flow: usize,
    pub mapping: usize,
    pub personal: bool,
    pub needs: u32,
    /// Why part of what it needs is not known here.
    pub unknown: Option<String>,
    /// Some activity it is sent for needs none of the scope's purposes (another lawful
    /// basis, no activity named, or a purpose not asked here): no gate stops it for that one.
    pub free: bool,
    pub state: u32,
}

/// A consent signal of one flow, and the purposes that decide it.
struct Signal<'p> {
    flow: usize,
    param: &'p ConsentParameter,
    required: bool,
    forwarded: bool,
    follows: u32,
    follows_ids: Vec<String>,
    /// Why the value cannot be told (no covering purpose, or none asked here).
    unknown: Option<String>,
}

/// The cases of a scope, numbered from `first`, and how many combinations they stand for.
pub(super) fn cases(
    ctx: &Context,
    scope: &ScopeDef,
    scope_ix: usize,
    first: usize,
) -> (Vec<Case>, usize) {
    let project = ctx.project;
    let mappings: Vec<Mapping> = into_destinations(ctx)
        .into_iter()
        .filter(|&(f, m)| scope.touches(&ctx.flows()[f].sent[m]))
        .filter_map(|(f, mi)| mapping(ctx, scope, f, mi))
        .collect();
    let signals = signals(ctx, scope, &mappings);
    let enforced = enforced(ctx, scope);
    let k = scope.purposes.len();
    let mut masks: Vec<u32> = (0..1u32 << k).collect();
    masks.sort_by_key(|m| (m.count_ones(), *m));
    let mut searches: FxHashMap<u32, Reached> = FxHashMap::default();
    let mut found: Vec<(Vec<u8>, u32, Vec<u32>)> = Vec::new();
    let mut index: FxHashMap<Vec<u8>, usize> = FxHashMap::default();
    for &denied in &masks {
        let mut key = Vec::with_capacity(mappings.len() + signals.len());
        for m in &mappings {
            key.push(verdict_kind(m, denied, |blocked| {
                searches
                    .entry(blocked)
                    .or_insert_with(|| ctx.data.search(|n| enforced[n] & blocked != 0))
                    .contains(m.state)
            }));
        }
        for s in &signals {
            key.push(match &s.unknown {
                Some(_) => 2,
                None => u8::from(s.follows & denied != 0),
            });
        }
        match index.get(&key) {
            Some(&i) => found[i].2.push(denied),
            None => {
                index.insert(key.clone(), found.len());
                found.push((key, denied, Vec::new()));
            }
        }
    }
    let ids = |mask: u32, denied: bool| -> Vec<String> {
        (0..k)
            .filter(|b| (mask >> b & 1 == 1) == denied)
            .map(|b| project.consent_purposes[scope.purposes[b]].id.to_string())
            .collect()
    };
    let cases = found
        .iter()
        .enumerate()
        .map(|(i, (key, denied, same))| Case {
            number: first + i,
            scope: scope_ix,
            granted: ids(*denied, false),
            denied: ids(*denied, true),
            same_as_this: same.iter().map(|&m| ids(m, true)).collect(),
            destinations: destinations(ctx, &mappings, &signals, key, *denied, scope),
        })
        .collect();
    (cases, masks.len())
}

/// The bit of a consent purpose in the scope's terms.
fn bit_of(ctx: &Context, scope: &ScopeDef, id: &str) -> Option<usize> {
    scope
        .purposes
        .iter()
        .position(|&p| ctx.project.consent_purposes[p].id.as_str() == id)
}

/// What mapping `mi` of flow `f` needs, in the scope's terms; `None` when the analysis has no
/// state for it (its sender or field is not in the project).
pub(super) fn mapping(ctx: &Context, scope: &ScopeDef, f: usize, mi: usize) -> Option<Mapping> {
    let project = ctx.project;
    let facts = &ctx.flows()[f];
    let m = &facts.sent[mi];
    let state = ctx.data.state(facts.from_ix?, m.field_ix()?)?;
    let mut needs = 0u32;
    let mut unknown = None;
    let free = m.activity_ix.is_empty()
        || m.activity_ix.iter().any(|&a| {
            let a = &project.activities[a];
            match &a.consent_purpose {
                Some(p) if a.lawful_basis == Some(LawfulBasis::Consent) => {
                    bit_of(ctx, scope, p.as_str()).is_none()
                }
                _ => true,
            }
        });
    for need in consent_needs(ctx, &m.activity_ix) {
        match need {
            Need::Purpose(p) => match bit_of(ctx, scope, p) {
                Some(b) => needs |= 1 << b,
                None if project.consent_purpose(p).is_some() => {
                    unknown = Some(format!(
                        "consent purpose {p} is not asked for {}",
                        scope.label
                    ));
                }
                None => unknown = Some(format!("there is no consent purpose {p} in the project")),
            },
            Need::AnyPurpose => {
                unknown =
                    Some("the mapping names no activity, so its purpose is unknown".to_owned());
            }
            Need::NoPurpose(_) => {}
        }
    }
    Some(Mapping {
        flow: f,
        mapping: mi,
        personal: m.personal,
        needs,
        unknown,
        free,
        state,
    })
}

/// Per node: the bits of the scope's purposes it enforces, when it is a gate.
pub(super) fn enforced(ctx: &Context, scope: &ScopeDef) -> Vec<u32> {
    ctx.project
        .nodes
        .iter()
        .map(|n| {
            n.as_gate().map_or(0, |g| {
                g.enforces
                    .iter()
                    .filter_map(|e| bit_of(ctx, scope, e.as_str()))
                    .fold(0, |acc, b| acc | 1 << b)
            })
        })
        .collect()
}

/// 0 may, 1 must not, 2 not reached, 3 unknown; `reached(blocked)`: whether the mapping's
/// start is reached without entering a gate enforcing one of the `blocked` purposes.
pub(super) fn verdict_kind(m: &Mapping, denied: u32, mut reached: impl FnMut(u32) -> bool) -> u8 {
    let blocked = m.needs & denied;
    if m.personal {
        if blocked != 0 {
            return 1;
        }
        if m.unknown.is_some() {
            return 3;
        }
    }
    if reached(blocked) { 0 } else { 2 }
}

fn destinations(
    ctx: &Context,
    mappings: &[Mapping],
    signals: &[Signal],
    key: &[u8],
    denied: u32,
    scope: &ScopeDef,
) -> Vec<DestinationCase> {
    let project = ctx.project;
    let mut out: Vec<DestinationCase> = Vec::new();
    let flow_case = |out: &mut Vec<DestinationCase>, fi: usize| -> (usize, usize) {
        let facts = &ctx.flows()[fi];
        let to = facts.to.map_or("", |n| n.id.as_str());
        let d = match out.iter().position(|d| d.destination == to) {
            Some(d) => d,
            None => {
                out.push(DestinationCase {
                    destination: to.to_owned(),
                    name: facts.to.map_or_else(String::new, |n| n.name.clone()),
                    platform: facts
                        .to
                        .and_then(|n| n.as_destination())
                        .map(|d| d.platform.clone()),
                    flows: Vec::new(),
                });
                out.len() - 1
            }
        };
        let flows = &mut out[d].flows;
        let f = match flows.iter().position(|f| f.flow == facts.flow.id.as_str()) {
            Some(f) => f,
            None => {
                flows.push(FlowCase {
                    flow: facts.flow.id.to_string(),
                    name: ctx.flow_name(facts.flow),
                    ..FlowCase::default()
                });
                flows.len() - 1
            }
        };
        (d, f)
    };
    for (m, &kind) in mappings.iter().zip(key) {
        let (d, f) = flow_case(&mut out, m.flow);
        let facts = &ctx.flows()[m.flow].sent[m.mapping];
        let denied_ids = (0..scope.purposes.len())
            .filter(|b| (m.needs & denied) >> b & 1 == 1)
            .map(|b| project.consent_purposes[scope.purposes[b]].id.to_string())
            .collect();
        out[d].flows[f].fields.push(FieldCase {
            field: facts.mapping.field.to_string(),
            label: facts.label().to_owned(),
            wire_name: facts.mapping.wire_name.clone(),
            personal: facts.personal,
            verdict: match kind {
                0 => Verdict::May,
                1 => Verdict::MustNot { denied: denied_ids },
                2 => Verdict::NotReached,
                _ => Verdict::Unknown {
                    why: m.unknown.clone().unwrap_or_default(),
                },
            },
        });
    }
    for s in signals {
        let (d, f) = flow_case(&mut out, s.flow);
        let states = s.param.states.as_ref();
        let expected = match (&s.unknown, states) {
            (None, Some(st)) if s.follows & denied != 0 => Some(st.denied.clone()),
            (None, Some(st)) => Some(st.granted.clone()),
            _ => None,
        };
        out[d].flows[f].signals.push(SignalCase {
            wire_name: s.param.wire_name.clone(),
            expected,
            why: s.unknown.clone().unwrap_or_default(),
            follows: s.follows_ids.clone(),
            required: s.required,
            forwarded: s.forwarded,
        });
    }
    out
}

/// The consent signals with known values on the flows of the scope's mappings: those the
/// flow forwards, and those the platform requires for these users.
fn signals<'p>(ctx: &Context<'p>, scope: &ScopeDef, mappings: &[Mapping]) -> Vec<Signal<'p>> {
    let project = ctx.project;
    let mut flows: Vec<usize> = mappings.iter().map(|m| m.flow).collect();
    flows.dedup();
    let mut out = Vec::new();
    for fi in flows {
        let facts = &ctx.flows()[fi];
        let Some(platform) = facts.platform else {
            continue;
        };
        for param in &platform.consent_parameters {
            let Some(states) = &param.states else {
                continue;
            };
            if !carried_by(&param.request_types, facts.flow.request_type.as_deref()) {
                continue;
            }
            let regions: Vec<Region> = param
                .regions
                .iter()
                .filter_map(|r| Region::parse(r).ok())
                .collect();
            let for_these_users = regions.is_empty()
                || if scope.elsewhere {
                    regions
                        .iter()
                        .any(|r| !scope.named.iter().any(|n| n.contains(r)))
                } else {
                    regions
                        .iter()
                        .any(|r| scope.regions.iter().any(|s| s.overlaps(r)))
                };
            let required = param.required && for_these_users;
            let forwarded = facts.flow.consent_signals.contains(&param.wire_name);
            if !required && !forwarded {
                continue;
            }
            let covering: Vec<usize> = project
                .consent_purposes
                .iter()
                .enumerate()
                .filter(|(_, c)| {
                    c.data_uses
                        .iter()
                        .any(|u| states.data_uses.iter().any(|s| uses_overlap(u, s)))
                })
                .map(|(i, _)| i)
                .collect();
            let follows = covering
                .iter()
                .filter_map(|p| scope.purposes.iter().position(|q| q == p))
                .fold(0u32, |acc, b| acc | 1 << b);
            let unknown = if covering.is_empty() {
                Some(format!(
                    "no consent purpose covers the data use {} that {} reports",
                    states.data_uses.join(" or "),
                    param.wire_name
                ))
            } else if follows == 0 {
                Some(format!(
                    "the consent purposes it follows are not asked for {}",
                    scope.label
                ))
            } else {
                None
            };
            out.push(Signal {
                flow: fi,
                param,
                required,
                forwarded,
                follows,
                follows_ids: covering
                    .iter()
                    .map(|&p| project.consent_purposes[p].id.to_string())
                    .collect(),
                unknown,
            });
        }
    }
    out
}

/// Notes on personal data sent to destinations for no named activity.
pub(super) fn unnamed_notes(ctx: &Context) -> Vec<String> {
    let mut notes = Vec::new();
    let mut last = None;
    for (fi, mi) in into_destinations(ctx) {
        let facts = &ctx.flows()[fi];
        let m = &facts.sent[mi];
        if m.personal && m.activity_ix.is_empty() && last != Some(fi) {
            last = Some(fi);
            notes.push(format!(
                "Flow {} ({}) sends personal data for no named activity, so the plan cannot say which consent it needs: name the activities on the flow.",
                facts.flow.id,
                ctx.flow_name(facts.flow)
            ));
        }
    }
    notes
}
