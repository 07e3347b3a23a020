//! What every check needs, computed once per run: indexes by id, the graph, and for every
//! flow its destination's platform, its fields and parameters, and the regions of its data.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::catalog::{Catalog, Parameter, Platform};
use crate::graph::ProjectGraph;
use crate::model::region::Group;
use crate::model::{
    ElementRef, Field, FieldMapping, Flow, Node, NodeKind, ProcessingActivity, Project, Region,
    vocab,
};

use super::Target;
use super::dataflow::DataFlow;
use super::regions::{self, Users};

/// Whether a country (ISO code) is in the European Economic Area.
pub fn in_eea(country: &str) -> bool {
    matches!(Region::parse(country), Ok(r @ Region::Country(_)) if Region::Group(Group::Eea).contains(&r))
}

/// A field mapping with what the checks ask of it, looked up once.
pub struct MappingFacts<'p> {
    pub mapping: &'p FieldMapping,
    pub field: Option<&'p Field>,
    /// The field's position in `project.fields` (see [`MappingFacts::field_ix`]): 32 bits,
    /// so that the facts of a mapping fill one cache line; the checks stream through half a
    /// million of them.
    field_pos: Option<u32>,
    /// The field is personal data (anything but `NotPersonal`).
    pub personal: bool,
    /// The field is special-category data (flagged, or by its category).
    pub special: bool,
    /// The parameter of the destination's platform with this wire name.
    pub param: Option<&'p Parameter>,
    /// The positions in `project.activities` of the activities that use the field here: the
    /// mapping's own, or else the flow's.
    pub activity_ix: Arc<[usize]>,
    /// The mapping names `only_for` or `except_for` regions (read here once: the analyses
    /// ask it of every mapping, and the mapping itself is far away in memory).
    pub narrows: bool,
    /// Whose data the mapping may carry: the users of its field where the flow starts,
    /// narrowed by the mapping's `only_for` and `except_for`; `None` for anywhere (no
    /// reference count is touched for the usual case, on every core at once).
    pub(super) users: Option<Arc<Users>>,
}

// The README's performance notes rest on this: a mapping's facts fill one cache line.
const _: () = assert!(std::mem::size_of::<MappingFacts>() <= 64);

impl MappingFacts<'_> {
    /// The field's label, or its id when the field is unknown.
    pub fn label(&self) -> &str {
        self.field
            .map_or(self.mapping.field.as_str(), |f| f.label.as_str())
    }

    /// The field's position in `project.fields`, for tables indexed by field.
    pub fn field_ix(&self) -> Option<usize> {
        self.field_pos.map(|i| i as usize)
    }

    /// Whether the mapping may carry data of users in any of `regions` (the catalogue's
    /// names: "EEA", "UK", "US-states", …). An empty list means everywhere.
    pub fn touches(&self, regions: &[String]) -> bool {
        touches(self.users(), regions)
    }

    /// Whose data the mapping may carry.
    pub fn users(&self) -> &Users {
        self.users.as_deref().unwrap_or(&ANYWHERE)
    }
}

/// A flow with what the checks ask of it, looked up once per run: with 50,000 flows and
/// 500,000 mappings, looking fields and parameters up again in every check would cost more
/// than the checks themselves.
pub struct FlowFacts<'p> {
    pub flow: &'p Flow,
    /// The positions of `from` and `to` in `project.nodes`, for tables indexed by node.
    pub from_ix: Option<usize>,
    pub to: Option<&'p Node>,
    pub to_ix: Option<usize>,
    /// The positions of the flow's activities in `project.activities` (shared with the
    /// mappings that name none of their own).
    pub activity_ix: Arc<[usize]>,
    /// The catalogue platform, when the flow goes to a destination the catalogue knows.
    pub platform: Option<&'p Platform>,
    /// The mappings whose values are sent (not dropped), in file order.
    pub sent: Vec<MappingFacts<'p>>,
    /// Whose events the flow may carry: the users of every source upstream; `None` for
    /// anywhere.
    pub(super) users: Option<Arc<Users>>,
}

impl<'p> FlowFacts<'p> {
    /// Whether the flow may carry events of users in any of `regions` ("EEA", "UK", "CH",
    /// "US-states", …). An empty list means everywhere.
    pub fn touches(&self, regions: &[String]) -> bool {
        touches(self.users(), regions)
    }

    /// Whose events the flow may carry.
    pub fn users(&self) -> &Users {
        self.users.as_deref().unwrap_or(&ANYWHERE)
    }

    pub fn carries_personal(&self) -> bool {
        self.sent.iter().any(|m| m.personal)
    }

    pub fn carries_special(&self) -> bool {
        self.sent.iter().any(|m| m.special)
    }
}

static ANYWHERE: Users = Users::anywhere();

fn touches(users: &Users, regions: &[String]) -> bool {
    // An empty list means everywhere; a name the catalogue uses that capimap cannot place
    // does not narrow the rule.
    regions.is_empty()
        || regions.iter().any(|name| match Region::parse(name) {
            Ok(r) => users.touches(&r),
            Err(_) => true,
        })
}

/// Indexes over one project, built once per check run.
pub struct Context<'p> {
    pub project: &'p Project,
    pub graph: ProjectGraph<'p>,
    /// The (node, field) view that the consent analysis searches.
    pub data: DataFlow,
    nodes: FxHashMap<&'p str, &'p Node>,
    fields: FxHashMap<&'p str, &'p Field>,
    platforms: FxHashMap<&'p str, &'p Platform>,
    flows: Vec<FlowFacts<'p>>,
}

impl<'p> Context<'p> {
    pub fn new(project: &'p Project, catalog: &'p Catalog) -> Self {
        Self::staged(project, catalog, false, |_| ()).0
    }

    /// The context, with `early` run on it while the (node, field) graph and the regions are
    /// still being worked out on another thread (when `parallel`): `early` must not read
    /// `data`, and reads every flow's and mapping's users as anywhere.
    pub(super) fn staged<R: Send>(
        project: &'p Project,
        catalog: &'p Catalog,
        parallel: bool,
        early: impl FnOnce(&Context<'p>) -> R,
    ) -> (Self, R) {
        let mut ctx = Self::facts(project, catalog);
        let ((data, users), r) = both(
            parallel,
            || {
                let data = DataFlow::new(project, &ctx.flows);
                let users = regions::compute(project, &ctx.flows, &data);
                (data, users)
            },
            || early(&ctx),
        );
        ctx.data = data;
        regions::apply(&mut ctx.flows, users);
        (ctx, r)
    }

    /// Indexes and the flows' facts, without the (node, field) graph and with every flow's
    /// users anywhere.
    fn facts(project: &'p Project, catalog: &'p Catalog) -> Self {
        let nodes: FxHashMap<&str, &Node> =
            project.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
        let fields: FxHashMap<&str, &Field> =
            project.fields.iter().map(|f| (f.id.as_str(), f)).collect();
        let platforms: FxHashMap<&str, &Platform> =
            catalog.platforms().map(|p| (p.id.as_str(), p)).collect();
        // By platform, then by wire name: a flow looks its platform up once, each mapping only
        // its wire name.
        let params: FxHashMap<&str, FxHashMap<&str, &Parameter>> = catalog
            .platforms()
            .map(|p| {
                let by_name = p
                    .user_data
                    .iter()
                    .chain(&p.event_data)
                    .map(|x| (x.wire_name.as_str(), x))
                    .collect();
                (p.id.as_str(), by_name)
            })
            .collect();
        let field_facts: FxHashMap<&str, (&Field, bool, bool, u32)> = project
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let special = f.special_category || vocab::is_special_category(&f.category);
                (
                    f.id.as_str(),
                    (f, f.identifiability.is_personal(), special, i as u32),
                )
            })
            .collect();
        let node_ix: FxHashMap<&str, usize> = project
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let activity_ix: FxHashMap<&str, usize> = project
            .activities
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let positions = |ids: &[crate::model::ActivityId]| -> Arc<[usize]> {
            ids.iter()
                .filter_map(|a| activity_ix.get(a.as_str()).copied())
                .collect()
        };
        let facts_of = |flow: &'p Flow| -> FlowFacts<'p> {
            let to_ix = node_ix.get(flow.to.as_str()).copied();
            let to = to_ix.map(|i| &project.nodes[i]);
            let platform_id = to
                .and_then(|n| n.as_destination())
                .map(|d| d.platform.as_str());
            let platform = platform_id.and_then(|id| platforms.get(id).copied());
            let flow_params = platform_id.and_then(|id| params.get(id));
            let flow_activities = positions(&flow.activities);
            let sent = flow
                .sent_fields()
                .map(|m| {
                    let facts = field_facts.get(m.field.as_str());
                    MappingFacts {
                        mapping: m,
                        field: facts.map(|f| f.0),
                        field_pos: facts.map(|f| f.3),
                        personal: facts.is_some_and(|f| f.1),
                        special: facts.is_some_and(|f| f.2),
                        param: flow_params.and_then(|p| p.get(m.wire_name.as_str()).copied()),
                        activity_ix: if m.activities.is_empty() {
                            flow_activities.clone()
                        } else {
                            positions(&m.activities)
                        },
                        narrows: !m.only_for.is_empty() || !m.except_for.is_empty(),
                        // Filled in by the propagation of regions.
                        users: None,
                    }
                })
                .collect();
            FlowFacts {
                flow,
                from_ix: node_ix.get(flow.from.as_str()).copied(),
                to,
                to_ix,
                activity_ix: flow_activities,
                platform,
                sent,
                users: None,
            }
        };
        // Looking up half a million mappings is the largest part of building the context, and
        // each flow's facts stand alone: on every core, with the graph built meanwhile.
        let (graph, flows) = both(
            worth_threads(project),
            || ProjectGraph::new(project),
            || in_parallel(&project.flows, facts_of),
        );
        Self {
            project,
            graph,
            data: DataFlow::empty(),
            nodes,
            fields,
            platforms,
            flows,
        }
    }

    pub fn node(&self, id: &str) -> Option<&'p Node> {
        self.nodes.get(id).copied()
    }

    pub fn field(&self, id: &str) -> Option<&'p Field> {
        self.fields.get(id).copied()
    }

    /// The flows with their facts, in file order.
    pub fn flows(&self) -> &[FlowFacts<'p>] {
        &self.flows
    }

    /// The catalogue platform of a destination node, when the catalogue knows it.
    pub fn platform_of(&self, node: &Node) -> Option<&'p Platform> {
        let d = node.as_destination()?;
        self.platforms.get(d.platform.as_str()).copied()
    }

    pub fn node_target(&self, node: &Node) -> Target {
        Target {
            kind: node.kind.label(),
            element: ElementRef::Node(node.id.clone()),
            name: node.name.clone(),
        }
    }

    pub fn flow_target(&self, flow: &Flow) -> Target {
        Target {
            kind: "flow",
            element: ElementRef::Flow(flow.id.clone()),
            name: self.flow_name(flow),
        }
    }

    /// "Web shop → Meta Conversions API".
    pub fn flow_name(&self, flow: &'p Flow) -> String {
        let name = |id: &'p str| self.node(id).map_or(id, |n| n.name.as_str());
        format!("{} → {}", name(flow.from.as_str()), name(flow.to.as_str()))
    }

    /// A field mapping is addressed as `flow/field`.
    pub fn mapping_target(&self, flow: &Flow, m: &MappingFacts) -> Target {
        Target {
            kind: "field mapping",
            element: ElementRef::Mapping(flow.id.clone(), m.mapping.field.clone()),
            name: format!(
                "{} as {} on {}",
                m.label(),
                m.mapping.wire_name,
                self.flow_name(flow)
            ),
        }
    }

    pub fn activity_target(&self, a: &ProcessingActivity) -> Target {
        Target {
            kind: "activity",
            element: ElementRef::Activity(a.id.clone()),
            name: a.name.clone(),
        }
    }

    /// Nodes of a kind that can hold data for some time (everything but sources and gates).
    pub fn holds_data(node: &Node) -> bool {
        matches!(
            node.kind,
            NodeKind::Relay(_) | NodeKind::Store(_) | NodeKind::Destination(_)
        )
    }
}

/// Whether a project is large enough for the checks to share it out over threads: starting a
/// thread costs tens of microseconds, a small project's whole check about a millisecond.
pub(super) fn worth_threads(project: &Project) -> bool {
    project.flows.len() >= 1_000 && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

use crate::parallel::both;

/// `f` of every item, in order, on as many threads as there are cores (one for short lists).
fn in_parallel<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    const AT_LEAST: usize = 4096;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if threads < 2 || items.len() < 2 * AT_LEAST {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        let mut all = Vec::with_capacity(items.len());
        for part in parts {
            match part.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    })
}

/// " (source: URL, primary)": where a platform's rule was read, for the message of a finding.
pub fn cite(source: &crate::catalog::Source) -> String {
    if source.url.is_empty() {
        format!(" (source: {})", source.provenance)
    } else {
        format!(" (source: {}, {})", source.url, source.provenance)
    }
}
