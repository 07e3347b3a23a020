//! The consent simulator: for the users of one scope and one combination of choices, what
//! every flow carries. Into a destination, the plan's verdicts, so that the app shows what
//! `capimap plan` lists; on other flows, whether the data gets there past the gates.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use crate::catalog::Catalog;
use crate::model::{NodeKind, Project};

use super::super::Context;
use super::super::dataflow::Reached;
use super::cases::{enforced, mapping, verdict_kind};
use super::scopes::{ScopeDef, scopes};
use super::{MAX_PURPOSES, PlanError, Scope};

/// What one field mapping carries in the simulated state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Carriage {
    /// The data gets there, and may.
    Carried,
    /// The gates stop it (or none of these users' data is on this flow).
    Blocked,
    /// Into a destination, personal data for a denied purpose, and the model's gates let it
    /// through: what the consent check reports.
    WithoutConsent { denied: Vec<String> },
    /// Into a destination, personal data whose consent need the model does not say.
    Unknown { why: String },
}

impl Carriage {
    pub fn carries(&self) -> bool {
        !matches!(self, Carriage::Blocked)
    }

    /// How much it says, for showing the worst of several: sent without consent, then
    /// unknown, then sent, then stopped.
    pub fn rank(&self) -> u8 {
        match self {
            Carriage::Blocked => 0,
            Carriage::Carried => 1,
            Carriage::Unknown { .. } => 2,
            Carriage::WithoutConsent { .. } => 3,
        }
    }
}

/// What the flows carry for one scope's users under one combination of choices.
#[derive(Clone, Debug, Default)]
pub struct Simulation {
    /// Every group of users the simulator can choose between, as the plan names them.
    pub scopes: Vec<Scope>,
    pub scope: String,
    pub denied: Vec<String>,
    /// By flow id, then field id.
    pub flows: FxHashMap<String, BTreeMap<String, Carriage>>,
    /// Destinations that still receive something (ids), in file order.
    pub receiving: Vec<String>,
    /// Mappings into destinations that carry personal data without the consent it needs.
    pub without_consent: usize,
}

impl Simulation {
    /// What a flow's mapping of a field carries; `None` when the simulation has no word on it
    /// (the field is dropped, or not in the project).
    pub fn carriage(&self, flow: &str, field: &str) -> Option<&Carriage> {
        self.flows.get(flow).and_then(|f| f.get(field))
    }

    /// Whether some data still travels on the flow.
    pub fn flow_carries(&self, flow: &str) -> bool {
        self.flows
            .get(flow)
            .is_some_and(|f| f.values().any(Carriage::carries))
    }
}

/// The groups of users the simulator can choose between, as the plan names them.
pub fn simulation_scopes(project: &Project, catalog: &Catalog) -> Vec<Scope> {
    let ctx = Context::new(project, catalog);
    described(project, &scopes(&ctx).0)
}

fn described(project: &Project, all: &[ScopeDef]) -> Vec<Scope> {
    all.iter()
        .map(|s| Scope {
            regions: s.names.clone(),
            label: s.label.clone(),
            purposes: ids(project, s),
            combinations: 1 << s.purposes.len().min(MAX_PURPOSES),
            cases: 0,
        })
        .collect()
}

fn ids(project: &Project, s: &ScopeDef) -> Vec<String> {
    s.purposes
        .iter()
        .map(|&p| project.consent_purposes[p].id.to_string())
        .collect()
}

/// Simulates the choices `denied` (purpose ids; every other purpose asked is granted) for the
/// users of scope number `scope` of [`simulation_scopes`], or of the first scope when there is
/// no such one (the project changed); `None` when there is no scope at all.
pub fn simulate(
    project: &Project,
    catalog: &Catalog,
    scope: usize,
    denied: &[String],
) -> Result<Option<(usize, Simulation)>, PlanError> {
    let ctx = Context::new(project, catalog);
    let all = scopes(&ctx).0;
    let scope = if scope < all.len() { scope } else { 0 };
    let Some(s) = all.get(scope) else {
        return Ok(None);
    };
    if s.purposes.len() > MAX_PURPOSES {
        return Err(PlanError::TooManyPurposes {
            scope: s.label.clone(),
            count: s.purposes.len(),
        });
    }
    let mask = s
        .purposes
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            denied
                .iter()
                .any(|d| d == project.consent_purposes[**p].id.as_str())
        })
        .fold(0u32, |acc, (b, _)| acc | 1 << b);
    let enforced = enforced(&ctx, s);
    let mut searches: FxHashMap<u32, Reached> = FxHashMap::default();
    let mut sim = Simulation {
        scopes: described(project, &all),
        scope: s.label.clone(),
        denied: ids(project, s)
            .into_iter()
            .filter(|p| denied.contains(p))
            .collect(),
        ..Simulation::default()
    };
    for (fi, facts) in ctx.flows().iter().enumerate() {
        let into_destination = facts
            .to
            .is_some_and(|n| matches!(n.kind, NodeKind::Destination(_)));
        let mut fields = BTreeMap::new();
        for (mi, m) in facts.sent.iter().enumerate() {
            let carriage = if !s.touches(m) {
                // None of these users' data is on this flow.
                Carriage::Blocked
            } else {
                let Some(x) = mapping(&ctx, s, fi, mi) else {
                    continue;
                };
                let mut reached = |blocked: u32| {
                    searches
                        .entry(blocked)
                        .or_insert_with(|| ctx.data.search(|n| enforced[n] & blocked != 0))
                        .contains(x.state)
                };
                if into_destination {
                    match verdict_kind(&x, mask, &mut reached) {
                        0 => Carriage::Carried,
                        1 if reached(x.needs & mask) => Carriage::WithoutConsent {
                            denied: (0..s.purposes.len())
                                .filter(|b| (x.needs & mask) >> b & 1 == 1)
                                .map(|b| project.consent_purposes[s.purposes[b]].id.to_string())
                                .collect(),
                        },
                        3 => Carriage::Unknown {
                            why: x.unknown.clone().unwrap_or_default(),
                        },
                        _ => Carriage::Blocked,
                    }
                } else if carried_on_the_way(&x, mask, &mut reached) {
                    Carriage::Carried
                } else {
                    Carriage::Blocked
                }
            };
            if matches!(carriage, Carriage::WithoutConsent { .. }) {
                sim.without_consent += 1;
            }
            // A field mapped twice on one flow shows the worse of the two.
            let entry = fields
                .entry(m.mapping.field.to_string())
                .or_insert(Carriage::Blocked);
            if carriage.rank() > entry.rank() {
                *entry = carriage;
            }
        }
        if into_destination
            && fields.values().any(Carriage::carries)
            && let Some(to) = facts.to
            && !sim.receiving.iter().any(|d| d == to.id.as_str())
        {
            sim.receiving.push(to.id.to_string());
        }
        sim.flows.insert(facts.flow.id.to_string(), fields);
    }
    Ok(Some((scope, sim)))
}

/// Whether a mapping on the way to the destinations (into a relay, a store, a gate) carries
/// data: a gate lets an event through for each purpose it enforces that was granted, so the
/// data travels for each activity it is sent for on paths past no gate enforcing that
/// activity's purpose where it was denied. Purpose limitation is judged where data is
/// received (a destination's mapping must not carry data for a denied purpose); on the way
/// it is carried for whatever purpose still allows it.
fn carried_on_the_way(
    x: &super::cases::Mapping,
    denied: u32,
    reached: &mut impl FnMut(u32) -> bool,
) -> bool {
    if !reached(0) {
        return false;
    }
    if x.free || x.needs == 0 || x.needs & !denied != 0 {
        return true;
    }
    (0..u32::BITS)
        .filter(|b| x.needs >> b & 1 == 1)
        .any(|b| reached(1 << b))
}
