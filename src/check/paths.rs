//! The consent analysis: which field mappings personal data or cookie identifiers can reach
//! without passing a gate that enforces the consent their purpose needs.
//!
//! For each consent purpose P that some mapping needs, one search over the (node, field)
//! graph ([`DataFlow`]) from wherever each field enters, never entering a gate that enforces
//! P. Then, for every mapping:
//! - into a destination, of personal data, for an activity that rests on consent with
//!   purpose P: if its field is reached where the flow starts, the path is ungated;
//! - of a field read from a cookie, into any node, for an activity that is not strictly
//!   necessary: reading the cookie needs consent for that activity's purpose (ePrivacy
//!   Art. 5(3)), so if the field is reached where the flow starts, the receiving node gets it
//!   before consent was checked — unless that node is itself a gate enforcing P.
//!
//! Activity labels decide which purpose a mapping serves where it arrives, never whether data
//! upstream is followed. A mapping that names no activity at all needs some consent (any
//! gate that enforces a purpose); an activity with no consent purpose cannot have its cookie
//! reads covered by any gate. Each search is O(states + mappings).

use rustc_hash::FxHashMap;

use crate::catalog::Catalog;
use crate::graph::Path;
use crate::model::{LawfulBasis, NodeKind, ProcessingActivity, Project};

use super::Context;
use super::dataflow::Reached;

/// The consent a mapping needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need<'p> {
    /// Consent to this purpose (by id).
    Purpose(&'p str),
    /// Some consent: the mapping names no activity, so its purpose is unknown.
    AnyPurpose,
    /// Consent that nothing in the project can give: this activity (by id) reads a cookie but
    /// has no consent purpose and is not strictly necessary.
    NoPurpose(&'p str),
}

/// A field mapping that data reaches without the consent it needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposed<'p> {
    pub flow: &'p str,
    pub field: &'p str,
    pub need: Need<'p>,
    /// From where the field enters to the flow's start, gated by nothing that enforces `need`.
    pub witness: Path<'p>,
    /// The flow's position in `project.flows` and the mapping's among its sent ones.
    pub(crate) at: (usize, usize),
}

/// A mapping into a destination that personal data reaches without the consent it needs.
pub type Ungated<'p> = Exposed<'p>;

/// A mapping that hands a cookie identifier to a node before the consent its activity needs
/// was checked.
pub type CookieRead<'p> = Exposed<'p>;

/// Everything the consent analysis found, in file order of the flows and their mappings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConsentPaths<'p> {
    pub ungated: Vec<Ungated<'p>>,
    pub cookie_reads: Vec<CookieRead<'p>>,
}

/// Runs the consent analysis on a project (the catalogue is not needed for it; any will do).
pub fn consent_paths<'p>(project: &'p Project, catalog: &'p Catalog) -> ConsentPaths<'p> {
    let ctx = Context::new(project, catalog);
    let analysis = analyse(&ctx);
    let exposed = |found: &[Found<'p>]| -> Vec<Exposed<'p>> {
        found
            .iter()
            .filter_map(|f| {
                Some(Exposed {
                    flow: f.flow(&ctx),
                    field: f.field(&ctx),
                    need: f.need,
                    witness: analysis.witness(&ctx, f)?,
                    at: f.at(),
                })
            })
            .collect()
    };
    ConsentPaths {
        ungated: exposed(&analysis.ungated),
        cookie_reads: exposed(&analysis.cookie_reads),
    }
}

/// A mapping that the search for its need reaches, without its witness path yet: a large
/// project has tens of thousands of them, and the findings show one path per group.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found<'p> {
    flow: u32,
    mapping: u32,
    pub need: Need<'p>,
    /// The state where the flow starts, and the search that reached it.
    state: u32,
    search: u32,
}

impl<'p> Found<'p> {
    /// The flow's position in `project.flows` and the mapping's among its sent ones.
    pub fn at(&self) -> (usize, usize) {
        (self.flow as usize, self.mapping as usize)
    }

    pub fn flow(&self, ctx: &Context<'p>) -> &'p str {
        ctx.flows()[self.flow as usize].flow.id.as_str()
    }

    /// The mapping's field id (every found mapping has a known field).
    pub fn field(&self, ctx: &Context<'p>) -> &'p str {
        ctx.flows()[self.flow as usize].sent[self.mapping as usize]
            .mapping
            .field
            .as_str()
    }
}

/// What the analysis found, with the searches that can give each finding its witness.
pub(super) struct Analysis<'p> {
    searches: Vec<Reached>,
    pub ungated: Vec<Found<'p>>,
    pub cookie_reads: Vec<Found<'p>>,
}

impl<'p> Analysis<'p> {
    /// From where the field enters to the flow's start, gated by nothing that enforces the
    /// need (`None` only if `found` did not come from this analysis).
    pub fn witness(&self, ctx: &Context<'p>, found: &Found<'p>) -> Option<Path<'p>> {
        let reached = self.searches.get(found.search as usize)?;
        ctx.data.path(reached, found.state, ctx.project)
    }
}

/// The searches, one per consent need, run when first asked for.
struct Searches<'c, 'p> {
    ctx: &'c Context<'p>,
    index: FxHashMap<Need<'p>, u32>,
    done: Vec<Reached>,
}

impl<'c, 'p> Searches<'c, 'p> {
    /// Whether a node is a gate that enforces what `need` asks for.
    fn blocks(ctx: &Context<'p>, node: usize, need: Need) -> bool {
        let Some(g) = ctx.project.nodes[node].as_gate() else {
            return false;
        };
        match need {
            Need::Purpose(p) => g.enforces.iter().any(|e| e.as_str() == p),
            Need::AnyPurpose => !g.enforces.is_empty(),
            Need::NoPurpose(_) => false,
        }
    }

    /// The search for a need, by its position in `done`.
    fn get(&mut self, need: Need<'p>) -> u32 {
        let ctx = self.ctx;
        // No gate blocks a need without a purpose: one search serves them all.
        let key = match need {
            Need::NoPurpose(_) => Need::NoPurpose(""),
            other => other,
        };
        let done = &mut self.done;
        *self.index.entry(key).or_insert_with(|| {
            done.push(ctx.data.search(|n| Self::blocks(ctx, n, need)));
            (done.len() - 1) as u32
        })
    }

    /// Each need with its search.
    fn resolve(&mut self, needs: Vec<Need<'p>>) -> Vec<(Need<'p>, u32)> {
        needs.into_iter().map(|n| (n, self.get(n))).collect()
    }
}

/// What each list of activities needs, with the searches, worked out once per distinct list
/// (a project has few distinct lists and many mappings).
struct NeedLists<'c, 'p> {
    memo: FxHashMap<(bool, &'c [usize]), usize>,
    lists: Vec<Vec<(Need<'p>, u32)>>,
}

impl<'c, 'p> NeedLists<'c, 'p> {
    /// The position in `lists` of what reading a cookie (`cookie`) or sending personal data
    /// for these activities needs.
    fn get(
        &mut self,
        searches: &mut Searches<'_, 'p>,
        cookie: bool,
        activities: &'c [usize],
    ) -> usize {
        if let Some(&i) = self.memo.get(&(cookie, activities)) {
            return i;
        }
        let needs = if cookie {
            cookie_needs(searches.ctx, activities)
        } else {
            consent_needs(searches.ctx, activities)
        };
        self.lists.push(searches.resolve(needs));
        self.memo.insert((cookie, activities), self.lists.len() - 1);
        self.lists.len() - 1
    }
}

pub(super) fn analyse<'p>(ctx: &Context<'p>) -> Analysis<'p> {
    let project = ctx.project;
    let mut searches = Searches {
        ctx,
        index: FxHashMap::default(),
        done: Vec::new(),
    };
    let mut needs = NeedLists {
        memo: FxHashMap::default(),
        lists: Vec::new(),
    };
    let mut ungated = Vec::new();
    let mut cookie_reads = Vec::new();
    for (fi, facts) in ctx.flows().iter().enumerate() {
        let (Some(from), Some(to)) = (facts.from_ix, facts.to_ix) else {
            continue;
        };
        let into_destination = matches!(project.nodes[to].kind, NodeKind::Destination(_));
        for (mi, m) in facts.sent.iter().enumerate() {
            let (Some(field), Some(field_ix)) = (m.field, m.field_ix()) else {
                continue;
            };
            let Some(state) = ctx.data.state(from, field_ix) else {
                continue;
            };
            let found = |need: Need<'p>, search: u32| Found {
                flow: fi as u32,
                mapping: mi as u32,
                need,
                state,
                search,
            };
            // The mapping's activities: its own, or its flow's.
            let activities: &[usize] = &m.activity_ix;
            if into_destination && m.personal {
                let i = needs.get(&mut searches, false, activities);
                for &(need, search) in &needs.lists[i] {
                    if searches.done[search as usize].contains(state) {
                        ungated.push(found(need, search));
                    }
                }
            }
            if field.cookie.is_some() {
                let i = needs.get(&mut searches, true, activities);
                for &(need, search) in &needs.lists[i] {
                    // The gate that checks this consent may read the cookie to check it.
                    if Searches::blocks(ctx, to, need) {
                        continue;
                    }
                    if searches.done[search as usize].contains(state) {
                        cookie_reads.push(found(need, search));
                    }
                }
            }
        }
    }
    Analysis {
        searches: searches.done,
        ungated,
        cookie_reads,
    }
}

/// The consent purposes that the activities of a mapping into a destination rest on. An
/// activity on consent without a purpose is reported by `lawful/consent-without-purpose`.
pub(super) fn consent_needs<'p>(ctx: &Context<'p>, activities: &[usize]) -> Vec<Need<'p>> {
    needs(ctx, activities, |a| {
        a.consent_purpose
            .as_ref()
            .filter(|_| a.lawful_basis == Some(LawfulBasis::Consent))
            .map(|p| Need::Purpose(p.as_str()))
    })
}

/// The consent that reading a cookie for these activities needs, whatever their Art. 6 basis.
fn cookie_needs<'p>(ctx: &Context<'p>, activities: &[usize]) -> Vec<Need<'p>> {
    needs(ctx, activities, |a| {
        (!a.strictly_necessary).then(|| match &a.consent_purpose {
            Some(p) => Need::Purpose(p.as_str()),
            None => Need::NoPurpose(a.id.as_str()),
        })
    })
}

/// What each activity needs, once each; some consent when the mapping names no activity.
fn needs<'p>(
    ctx: &Context<'p>,
    activities: &[usize],
    need: impl Fn(&'p ProcessingActivity) -> Option<Need<'p>>,
) -> Vec<Need<'p>> {
    if activities.is_empty() {
        return vec![Need::AnyPurpose];
    }
    let mut all: Vec<Need> = activities
        .iter()
        .filter_map(|&a| need(&ctx.project.activities[a]))
        .collect();
    all.sort();
    all.dedup();
    all
}
