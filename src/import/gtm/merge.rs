//! An import as one edit of the user's project: each imported element is matched to what the
//! project already has (by the container id it came from, else by platform and account, else
//! by being the only one of its kind), the facts the container states are set, and nothing the
//! user wrote is removed or rewritten. Importing the same container twice changes nothing.

use std::collections::HashMap;

use super::analyse::{Analysis, Status};
use super::build::fragment;
use super::matching::{Found, equivalent, match_flow, match_node};
use super::plan::{Change, Left, Plan};
use crate::catalog::Catalog;
use crate::edit::ops::{append, unique_id};
use crate::edit::{Command, Item};
use crate::model::*;

struct Merge<'a> {
    frag: &'a Project,
    scratch: Project,
    steps: Vec<Command>,
    changes: Vec<Change>,
    nodes: HashMap<String, String>,
    fields: HashMap<String, FieldId>,
    flows: HashMap<String, String>,
    added_nodes: Vec<NodeId>,
}

impl Merge<'_> {
    fn push(&mut self, cmd: Command) {
        if cmd.clone().apply(&mut self.scratch).is_ok() {
            self.steps.push(cmd);
        }
    }

    fn insert(&mut self, item: Item) {
        let cmd = append(&self.scratch, item);
        self.push(cmd);
    }

    fn replace<T: PartialEq>(
        &mut self,
        at: usize,
        before: &T,
        after: T,
        item: impl FnOnce(T) -> Item,
    ) {
        if *before != after {
            self.push(Command::Replace {
                at,
                item: item(after),
            });
        }
    }

    /// The project's field for a fragment field, added when there is none.
    fn field(&mut self, id: &FieldId) -> FieldId {
        if let Some(f) = self.fields.get(id.as_str()) {
            return f.clone();
        }
        let Some(def) = self.frag.field(id.as_str()).cloned() else {
            return id.clone();
        };
        let s = &self.scratch;
        let found = s
            .fields
            .iter()
            .find(|f| def.cookie.is_some() && f.cookie == def.cookie)
            .or_else(|| {
                s.fields
                    .iter()
                    .find(|f| f.id == def.id && f.category == def.category)
            })
            .or_else(|| {
                let same: Vec<&Field> = s
                    .fields
                    .iter()
                    .filter(|f| f.category == def.category && f.cookie.is_none())
                    .collect();
                (def.cookie.is_none() && same.len() == 1).then(|| same[0])
            })
            .map(|f| f.id.clone());
        let out = match found {
            Some(f) => f,
            None => {
                let mut f = def;
                f.id = FieldId::new(unique_id(&self.scratch, f.id.as_str()));
                let fid = f.id.clone();
                self.changes.push(Change::Added {
                    kind: "field",
                    id: fid.to_string(),
                    name: f.label.clone(),
                });
                self.insert(Item::Field(f));
                fid
            }
        };
        self.fields.insert(id.to_string(), out.clone());
        out
    }

    /// Matches one fragment node to the project, or adds it.
    fn node(&mut self, n: &Node, a: &Analysis, relay_frag: &str, notes: &mut Vec<String>) {
        let m = self;
        let found = match_node(&m.scratch, n, &m.nodes, relay_frag, m.frag);
        match found {
            Some(Found::Represented) => {
                notes.push(format!("client '{}' is represented by what already feeds the relay: no entry point added for it", n.name));
            }
            Some(Found::At(i)) => {
                let before = m.scratch.nodes[i].clone();
                let mut after = before.clone();
                // Made by an import of this container (not found in the user's project).
                let ours = before
                    .origins
                    .iter()
                    .any(|o| o.created && o.container == a.container.public_id);
                for o in &n.origins {
                    match after.origins.iter_mut().find(|x| x.same_element(o)) {
                        Some(x) => x.paused = o.paused,
                        None => {
                            after.origins.push(Origin {
                                created: ours,
                                ..o.clone()
                            });
                            m.changes.push(Change::Remembered {
                                kind: before.kind.label(),
                                id: before.id.to_string(),
                                origin: o.to_string(),
                            });
                        }
                    }
                }
                if let (NodeKind::Destination(d), NodeKind::Destination(fd)) =
                    (&mut after.kind, &n.kind)
                    && d.account.trim().is_empty()
                    && !fd.account.is_empty()
                {
                    d.account = fd.account.clone();
                    m.changes.push(Change::AccountSet {
                        node: before.id.to_string(),
                        account: fd.account.clone(),
                    });
                }
                // Only an element the import made follows its tags' pausing and consent checks.
                if let (NodeKind::ConsentGate(g), NodeKind::ConsentGate(fg)) =
                    (&mut after.kind, &n.kind)
                {
                    // The import's own gate enforces what the tag's checks do now; a gate of
                    // the user's keeps what it enforced and gains what the tag checks.
                    let wanted: Vec<ConsentPurposeId> = if ours {
                        fg.enforces.clone()
                    } else {
                        let mut all = g.enforces.clone();
                        all.extend(
                            fg.enforces
                                .iter()
                                .filter(|p| !g.enforces.contains(p))
                                .cloned(),
                        );
                        all
                    };
                    if wanted != g.enforces {
                        m.changes.push(Change::GateEnforces {
                            node: before.id.to_string(),
                            purposes: wanted.iter().map(ToString::to_string).collect(),
                        });
                        g.enforces = wanted;
                    }
                }
                if ours && after.disabled != n.disabled {
                    after.disabled = n.disabled;
                    m.changes.push(if n.disabled {
                        Change::Disabled {
                            node: before.id.to_string(),
                        }
                    } else {
                        Change::Enabled {
                            node: before.id.to_string(),
                        }
                    });
                }
                m.nodes.insert(n.id.to_string(), before.id.to_string());
                m.replace(i, &before, after, Item::Node);
            }
            None => {
                let mut new = n.clone();
                new.id = NodeId::new(unique_id(&m.scratch, n.id.as_str()));
                if let NodeKind::Source(s) = &mut new.kind {
                    s.collects = s.collects.clone().iter().map(|f| m.field(f)).collect();
                }
                m.nodes.insert(n.id.to_string(), new.id.to_string());
                m.changes.push(Change::Added {
                    kind: n.kind.label(),
                    id: new.id.to_string(),
                    name: new.name.clone(),
                });
                m.added_nodes.push(new.id.clone());
                m.insert(Item::Node(new));
            }
        }
    }

    /// Matches one fragment flow to the project, or adds it.
    fn flow(&mut self, f: &Flow, a: &Analysis, relay_frag: &str, left: &mut Vec<Left>) {
        let m = self;
        let (Some(from), Some(to)) = (
            m.nodes.get(f.from.as_str()).cloned(),
            m.nodes.get(f.to.as_str()).cloned(),
        ) else {
            return;
        };
        let gate_is_new = m.added_nodes.iter().any(|n| n.as_str() == from);
        let relay = m.nodes.get(relay_frag).cloned().unwrap_or_default();
        let found = match_flow(
            &m.scratch,
            f,
            &from,
            &to,
            gate_is_new.then_some(relay.as_str()),
        );
        match found {
            Some(i) => {
                let before = m.scratch.flows[i].clone();
                let mut after = before.clone();
                if let Some(o) = &f.origin {
                    match &mut after.origin {
                        Some(x) if x.same_element(o) => x.paused = o.paused,
                        _ => {
                            if after.origin.is_none() {
                                m.changes.push(Change::Remembered {
                                    kind: "flow",
                                    id: before.id.to_string(),
                                    origin: o.to_string(),
                                });
                            }
                            after.origin = Some(Origin {
                                created: false,
                                ..o.clone()
                            });
                        }
                    }
                }
                if after.from.as_str() != from {
                    after.from = NodeId::new(from.clone());
                    m.changes.push(Change::Rerouted {
                        flow: before.id.to_string(),
                        via: from.clone(),
                    });
                }
                for fm in &f.fields {
                    match after
                        .fields
                        .iter_mut()
                        .find(|x| x.wire_name == fm.wire_name)
                    {
                        Some(x) => {
                            if !equivalent(&x.transform, &fm.transform) {
                                m.changes.push(Change::TransformChanged {
                                    flow: before.id.to_string(),
                                    wire: fm.wire_name.clone(),
                                    from: x.transform.to_string(),
                                    to: fm.transform.to_string(),
                                });
                                x.transform = fm.transform.clone();
                            }
                        }
                        None => {
                            let mut new = fm.clone();
                            new.field = m.field(&fm.field);
                            m.changes.push(Change::MappingAdded {
                                flow: before.id.to_string(),
                                wire: fm.wire_name.clone(),
                            });
                            after.fields.push(new);
                        }
                    }
                }
                for s in &f.consent_signals {
                    if !after.consent_signals.contains(s) {
                        after.consent_signals.push(s.clone());
                        m.changes.push(Change::SignalAdded {
                            flow: before.id.to_string(),
                            signal: s.clone(),
                        });
                    }
                }
                if after.request_type.is_none()
                    && let Some(rt) = &f.request_type
                {
                    after.request_type = Some(rt.clone());
                    m.changes.push(Change::RequestTypeSet {
                        flow: before.id.to_string(),
                        request_type: rt.clone(),
                    });
                }
                if let Some(Origin {
                    element: OriginElement::Tag(tag),
                    ..
                }) = &f.origin
                    && matches!(
                        m.scratch.node(&to).map(|n| &n.kind),
                        Some(NodeKind::Destination(_))
                    )
                {
                    let may = a.tag(tag).map(|t| t.may_send.clone()).unwrap_or_default();
                    for x in &before.fields {
                        if !f.fields.iter().any(|fm| fm.wire_name == x.wire_name) {
                            left.push(Left {
                                flow: before.id.to_string(),
                                wire: x.wire_name.clone(),
                                may_send: may.contains(&x.wire_name),
                            });
                        }
                    }
                }
                m.flows.insert(f.id.to_string(), before.id.to_string());
                m.replace(i, &before, after, Item::Flow);
            }
            None => {
                let mut new = f.clone();
                new.id = FlowId::new(unique_id(&m.scratch, f.id.as_str()));
                new.from = NodeId::new(from);
                new.to = NodeId::new(to);
                for fm in &mut new.fields {
                    fm.field = m.field(&fm.field);
                }
                m.flows.insert(f.id.to_string(), new.id.to_string());
                m.changes.push(Change::Added {
                    kind: "flow",
                    id: new.id.to_string(),
                    name: format!("{} → {}", new.from, new.to),
                });
                m.insert(Item::Flow(new));
            }
        }
    }
}

/// The plan of importing `a` into `base`.
pub fn plan(a: &Analysis, base: &Project, catalog: &Catalog) -> Plan {
    let frag = fragment(a, catalog);
    let mut m = Merge {
        frag: &frag,
        scratch: base.clone(),
        steps: Vec::new(),
        changes: Vec::new(),
        nodes: HashMap::new(),
        fields: HashMap::new(),
        flows: HashMap::new(),
        added_nodes: Vec::new(),
    };
    let mut notes = a.notes.clone();
    for cp in &frag.consent_purposes {
        if m.scratch.consent_purpose(cp.id.as_str()).is_none() {
            m.changes.push(Change::Added {
                kind: "consent purpose",
                id: cp.id.to_string(),
                name: cp.name.clone(),
            });
            m.insert(Item::ConsentPurpose(cp.clone()));
        }
    }
    let relay_frag = frag
        .nodes
        .first()
        .map(|n| n.id.to_string())
        .unwrap_or_default();
    for n in &frag.nodes {
        m.node(n, a, &relay_frag, &mut notes);
    }
    let mut left = Vec::new();
    for f in &frag.flows {
        m.flow(f, a, &relay_frag, &mut left);
    }
    for r in &frag.retention {
        let Some(node) = m.nodes.get(r.node.as_str()).cloned() else {
            continue;
        };
        let scope = match &r.applies_to {
            RetentionScope::Field(f) => RetentionScope::Field(m.field(f)),
            other => other.clone(),
        };
        if m.scratch
            .retention
            .iter()
            .any(|x| x.node.as_str() == node && x.applies_to == scope)
        {
            continue;
        }
        let mut new = r.clone();
        new.id = RetentionId::new(unique_id(&m.scratch, r.id.as_str()));
        new.node = NodeId::new(node);
        new.applies_to = scope;
        m.changes.push(Change::Added {
            kind: "retention rule",
            id: new.id.to_string(),
            name: new.limit.to_string(),
        });
        m.insert(Item::Retention(new));
    }
    // A project laid out by hand gets each new card in its kind's column, clear of the
    // others; one without positions is laid out as a whole when it is opened.
    if !base.layout.is_empty() {
        for id in m.added_nodes.clone() {
            let Some(kind) = m.scratch.node(id.as_str()).map(|n| n.kind.clone()) else {
                continue;
            };
            let grid = crate::layout::Grid::default();
            let position = crate::layout::place_among(&m.scratch, &m.scratch.layout, &kind, grid);
            m.push(Command::SetPosition {
                node: id,
                position: Some(position),
            });
        }
    }
    let not_firing = a
        .tags
        .iter()
        .filter(|t| t.status != Status::Fires)
        .map(|t| {
            format!(
                "tag {} '{}': {}",
                t.id,
                t.name,
                if t.status == Status::Paused {
                    "paused"
                } else {
                    "no firing trigger"
                }
            )
        })
        .collect();
    Plan {
        container: a.container.public_id.clone(),
        command: Command::Batch(m.steps),
        result: m.scratch,
        changes: m.changes,
        left,
        not_firing,
        notes,
        nodes: m.nodes,
        flows: m.flows,
    }
}
