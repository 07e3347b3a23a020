//! Element by element: which nodes, flows, field mappings, fields, activities, consent
//! purposes, retention rules and accepted risks were added, removed or changed between two
//! versions, and which of their attributes changed. The app's File ▸ Compare with… marks the
//! canvas and lists the Changes tab from this; `capimap diff` says the same changes in a
//! DPO's terms (`review`).
//!
//! Attributes are compared generically (each element as the file writes it, attribute by
//! attribute), so that an attribute added to the model later is compared without anyone
//! remembering to: a change the comparison cannot see would be a change a reviewer misses.
//! Positions on the canvas are not processing and are not compared.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{ElementRef, Flow, Project};

use super::review::{Renamed, match_renames};

/// What happened to an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    Added,
    Removed,
    Changed,
}

impl Mark {
    pub fn word(self) -> &'static str {
        match self {
            Mark::Added => "added",
            Mark::Removed => "removed",
            Mark::Changed => "changed",
        }
    }
}

/// One element added, removed or changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElementChange {
    /// The element, under its id in the newer version (a removed one under the older's,
    /// renames applied).
    pub element: ElementRef,
    pub mark: Mark,
    /// "node", "flow", "field mapping", …: the word read before the name.
    pub kind: &'static str,
    pub name: String,
    /// For a changed element, what changed: "country: DE → US", "transfer changed".
    pub details: Vec<String>,
}

/// Two versions compared.
#[derive(Clone, Debug)]
pub struct Comparison {
    /// Ids renamed between the versions; the rest compares under the newer ids.
    pub renamed: Vec<Renamed>,
    /// Nodes first, then each flow followed by its mappings, fields, activities, consent
    /// purposes, retention rules, accepted risks and the organisation; in the newer version's
    /// order, removed elements after those of their kind that remain.
    pub changes: Vec<ElementChange>,
    /// The older version under the newer ids: where removed nodes stood, what removed flows
    /// connected.
    pub old: Project,
    index: HashMap<ElementRef, usize>,
    /// The older version's flows by id (the canvas asks for each flow on every frame).
    old_flows: HashMap<String, usize>,
}

impl Comparison {
    /// The change of this element, if any.
    pub fn of(&self, element: &ElementRef) -> Option<&ElementChange> {
        self.index.get(element).map(|&i| &self.changes[i])
    }

    /// A flow of the older version.
    pub fn old_flow(&self, id: &str) -> Option<&Flow> {
        self.old_flows.get(id).map(|&i| &self.old.flows[i])
    }

    pub fn mark(&self, element: &ElementRef) -> Option<Mark> {
        self.of(element).map(|c| c.mark)
    }

    /// The changes of one kind of mark.
    pub fn count(&self, mark: Mark) -> usize {
        self.changes.iter().filter(|c| c.mark == mark).count()
    }

    /// The mappings of a flow added, removed and changed.
    pub fn mappings_of(&self, flow: &Flow) -> [usize; 3] {
        let mut out = [0; 3];
        let mut add = |m: Mark| {
            out[match m {
                Mark::Added => 0,
                Mark::Removed => 1,
                Mark::Changed => 2,
            }] += 1;
        };
        for m in &flow.fields {
            if let Some(mark) = self.mark(&ElementRef::Mapping(flow.id.clone(), m.field.clone())) {
                add(mark);
            }
        }
        if let Some(before) = self.old_flow(flow.id.as_str()) {
            for m in &before.fields {
                let e = ElementRef::Mapping(flow.id.clone(), m.field.clone());
                if self.mark(&e) == Some(Mark::Removed) {
                    add(Mark::Removed);
                }
            }
        }
        out
    }

    /// A flow's mark on the canvas: its own, or changed when any of its mappings is.
    pub fn flow_mark(&self, flow: &Flow) -> Option<Mark> {
        self.mark(&ElementRef::Flow(flow.id.clone()))
            .or_else(|| (self.mappings_of(flow) != [0; 3]).then_some(Mark::Changed))
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.renamed.is_empty()
    }
}

/// Compares `old` with `new`, matching renamed ids first.
pub fn compare(old: &Project, new: &Project) -> Comparison {
    let (renamed, old) = match_renames(old, new);
    // The comparison keeps the older version, to draw removed elements as ghosts.
    let old = old.into_owned();
    let mut changes = Vec::new();
    {
        // A removed rule's node may be gone too: its name is in the older version.
        let node_name = |id: &str| {
            new.node(id)
                .or_else(|| old.node(id))
                .map_or(id.to_owned(), |n| n.name.clone())
        };
        let mut out = Out(&mut changes);
        out.list(
            &old.nodes,
            &new.nodes,
            |n| n.id.as_str(),
            |n| {
                (
                    ElementRef::Node(n.id.clone()),
                    n.kind.label(),
                    n.name.clone(),
                )
            },
            &[],
        );
        // Flows, each followed by its mappings; the names read "from → to".
        let names_new: HashMap<&str, &str> = new
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.name.as_str()))
            .collect();
        let names_old: HashMap<&str, &str> = old
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.name.as_str()))
            .collect();
        let flow_name = |f: &Flow, names: &HashMap<&str, &str>| {
            let n = |id: &str| names.get(id).map_or(id.to_owned(), |s| (*s).to_owned());
            format!("{} → {}", n(f.from.as_str()), n(f.to.as_str()))
        };
        let before: HashMap<&str, &Flow> = old.flows.iter().map(|f| (f.id.as_str(), f)).collect();
        let label = |_: &Project, id: &str| {
            new.field(id)
                .or_else(|| old.field(id))
                .map_or(id.to_owned(), |f| f.label.clone())
        };
        for f in &new.flows {
            let name = flow_name(f, &names_new);
            let Some(b) = before.get(f.id.as_str()) else {
                out.push(
                    ElementRef::Flow(f.id.clone()),
                    Mark::Added,
                    "flow",
                    name,
                    vec![],
                );
                continue;
            };
            if *b != f {
                let details = attributes(*b, f, &["id", "fields"]);
                if !details.is_empty() {
                    out.push(
                        ElementRef::Flow(f.id.clone()),
                        Mark::Changed,
                        "flow",
                        name.clone(),
                        details,
                    );
                }
                let on = |m: &crate::model::FieldMapping| {
                    (
                        ElementRef::Mapping(f.id.clone(), m.field.clone()),
                        "field mapping",
                        format!(
                            "{} as {} on {name}",
                            label(new, m.field.as_str()),
                            m.wire_name
                        ),
                    )
                };
                out.list(&b.fields, &f.fields, |m| m.field.as_str(), on, &["field"]);
            }
        }
        let now: std::collections::HashSet<&str> =
            new.flows.iter().map(|f| f.id.as_str()).collect();
        for f in &old.flows {
            if !now.contains(f.id.as_str()) {
                out.push(
                    ElementRef::Flow(f.id.clone()),
                    Mark::Removed,
                    "flow",
                    flow_name(f, &names_old),
                    vec![],
                );
            }
        }
        out.list(
            &old.fields,
            &new.fields,
            |f| f.id.as_str(),
            |f| (ElementRef::Field(f.id.clone()), "field", f.label.clone()),
            &[],
        );
        out.list(
            &old.activities,
            &new.activities,
            |a| a.id.as_str(),
            |a| {
                (
                    ElementRef::Activity(a.id.clone()),
                    "activity",
                    a.name.clone(),
                )
            },
            &[],
        );
        out.list(
            &old.consent_purposes,
            &new.consent_purposes,
            |c| c.id.as_str(),
            |c| {
                (
                    ElementRef::ConsentPurpose(c.id.clone()),
                    "consent purpose",
                    c.name.clone(),
                )
            },
            &[],
        );
        out.list(
            &old.retention,
            &new.retention,
            |r| r.id.as_str(),
            |r| {
                (
                    ElementRef::Retention(r.id.clone()),
                    "retention rule",
                    format!("retention at {}", node_name(r.node.as_str())),
                )
            },
            &[],
        );
        out.list(
            &old.accepted_risks,
            &new.accepted_risks,
            |r| r.id.as_str(),
            |r| {
                (
                    ElementRef::AcceptedRisk(r.id.clone()),
                    "accepted risk",
                    format!("{} on {}", r.rule, r.target),
                )
            },
            &[],
        );
        if old.organisation != new.organisation {
            let details = attributes(&old.organisation, &new.organisation, &[]);
            if !details.is_empty() {
                out.push(
                    ElementRef::Organisation,
                    Mark::Changed,
                    "organisation",
                    new.organisation.controller.name.clone(),
                    details,
                );
            }
        }
    }
    let index = changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.element.clone(), i))
        .collect();
    let old_flows = old
        .flows
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.to_string(), i))
        .collect();
    Comparison {
        renamed,
        changes,
        old,
        index,
        old_flows,
    }
}

struct Out<'a>(&'a mut Vec<ElementChange>);

impl Out<'_> {
    fn push(
        &mut self,
        element: ElementRef,
        mark: Mark,
        kind: &'static str,
        name: String,
        details: Vec<String>,
    ) {
        self.0.push(ElementChange {
            element,
            mark,
            kind,
            name,
            details,
        });
    }

    /// One list of elements matched by id: those added and changed in `new`'s order, then
    /// those removed in `old`'s. `skip`: attributes that are not compared here (the id, a
    /// flow's mappings, compared one by one).
    fn list<T: PartialEq + Serialize>(
        &mut self,
        old: &[T],
        new: &[T],
        id: impl Fn(&T) -> &str,
        describe: impl Fn(&T) -> (ElementRef, &'static str, String),
        skip: &[&str],
    ) {
        let skip: Vec<&str> = ["id"].into_iter().chain(skip.iter().copied()).collect();
        let before: HashMap<&str, &T> = old.iter().map(|e| (id(e), e)).collect();
        let now: HashMap<&str, &T> = new.iter().map(|e| (id(e), e)).collect();
        for e in new {
            match before.get(id(e)) {
                None => {
                    let (element, kind, name) = describe(e);
                    self.push(element, Mark::Added, kind, name, vec![]);
                }
                Some(b) if *b != e => {
                    let details = attributes(*b, e, &skip);
                    if !details.is_empty() {
                        let (element, kind, name) = describe(e);
                        self.push(element, Mark::Changed, kind, name, details);
                    }
                }
                Some(_) => {}
            }
        }
        for e in old {
            if !now.contains_key(id(e)) {
                let (element, kind, name) = describe(e);
                self.push(element, Mark::Removed, kind, name, vec![]);
            }
        }
    }
}

/// The attributes that differ between two versions of an element, one sentence each.
fn attributes<T: Serialize>(old: &T, new: &T, skip: &[&str]) -> Vec<String> {
    let (a, b) = match (serde_json::to_value(old), serde_json::to_value(new)) {
        (Ok(a), Ok(b)) => (a, b),
        // The model always serialises; were it ever not to, say that something changed
        // rather than nothing.
        _ => return vec!["changed".to_owned()],
    };
    let mut out = Vec::new();
    differ(&a, &b, "", skip, &mut out);
    out
}

/// Walks two values side by side; objects attribute by attribute, anything else as a whole.
fn differ(a: &Value, b: &Value, path: &str, skip: &[&str], out: &mut Vec<String>) {
    if a == b {
        return;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys().filter(|k| !x.contains_key(*k)));
            for k in keys {
                if path.is_empty() && skip.contains(&k.as_str()) {
                    continue;
                }
                let null = Value::Null;
                let (p, q) = (x.get(k).unwrap_or(&null), y.get(k).unwrap_or(&null));
                // An enum's variant (`Destination`, `Period`) is a wrapper, not an attribute:
                // its contents are named by their own keys.
                let variant = k.chars().next().is_some_and(char::is_uppercase);
                let sub = if variant {
                    path.to_owned()
                } else if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path} {k}")
                };
                if variant && (x.get(k).is_none() || y.get(k).is_none()) {
                    out.push(format!(
                        "{}: {} → {}",
                        if path.is_empty() { "kind" } else { path },
                        variant_of(a),
                        variant_of(b)
                    ));
                    return;
                }
                differ(p, q, &sub, skip, out);
            }
        }
        _ => {
            let name = if path.is_empty() {
                "value".to_owned()
            } else {
                path.replace('_', " ")
            };
            match (scalar(a), scalar(b)) {
                (Some(x), Some(y)) => out.push(format!("{name}: {x} → {y}")),
                _ => match (a, b) {
                    (Value::Array(x), Value::Array(y)) => out.extend(list_change(&name, x, y)),
                    _ => out.push(format!("{name} changed")),
                },
            }
        }
    }
}

/// An enum value's variant name, or its value when it has no fields.
fn variant_of(v: &Value) -> String {
    match v {
        Value::Object(m) => m.keys().next().cloned().unwrap_or_default(),
        other => scalar(other).unwrap_or_else(|| "…".to_owned()),
    }
}

/// A short value as people read it (an enum's variant with its one short value as
/// "Sha256 (Email)"); `None` for anything long or nested.
fn scalar(v: &Value) -> Option<String> {
    let s = match v {
        Value::Object(m) if m.len() == 1 => {
            let (k, inner) = m.iter().next()?;
            if !k.chars().next().is_some_and(char::is_uppercase) {
                return None;
            }
            match scalar(inner)?.as_str() {
                "none" => k.clone(),
                s => format!("{k} ({s})"),
            }
        }
        Value::Null => "none".to_owned(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if s.trim().is_empty() => "none".to_owned(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    let one_line: String = s.chars().filter(|c| !c.is_control()).collect();
    (one_line.chars().count() <= 48).then_some(one_line)
}

/// A list of short values: what was added and removed; a list of anything else, that it
/// changed. `None` when only the order changed: no list of the model means anything by its
/// order (a flow's activities, a gate's purposes), so reordering is no change.
fn list_change(name: &str, old: &[Value], new: &[Value]) -> Option<String> {
    let (Some(a), Some(b)) = (
        old.iter().map(scalar).collect::<Option<Vec<_>>>(),
        new.iter().map(scalar).collect::<Option<Vec<_>>>(),
    ) else {
        let mut x = old.to_vec();
        let mut y = new.to_vec();
        let key = |v: &Value| v.to_string();
        x.sort_by_key(key);
        y.sort_by_key(key);
        return (x != y).then(|| format!("{name} changed"));
    };
    let added: Vec<&str> = b
        .iter()
        .filter(|v| !a.contains(v))
        .map(String::as_str)
        .collect();
    let removed: Vec<&str> = a
        .iter()
        .filter(|v| !b.contains(v))
        .map(String::as_str)
        .collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("added {}", added.join(", ")));
    }
    if !removed.is_empty() {
        parts.push(format!("removed {}", removed.join(", ")));
    }
    if parts.is_empty() {
        // The same values, reordered, or repeated a different number of times.
        let (mut x, mut y) = (a.clone(), b.clone());
        x.sort();
        y.sort();
        (x != y).then(|| format!("{name} changed"))
    } else {
        Some(format!("{name}: {}", parts.join("; ")))
    }
}
