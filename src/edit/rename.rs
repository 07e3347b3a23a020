//! Renaming an element's id, with every reference to it rewritten: flows' ends, the fields a
//! source collects, the purposes a gate enforces, retention rules, activities named on flows
//! and mappings, accepted risks' targets and the canvas positions. One command, so one undo
//! step; the renamed project refers to nothing that is not there.

use crate::model::*;

use super::{Command, Item};

/// Why an id cannot be taken: not a valid id, or already used by another element.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    #[error("{0}")]
    Invalid(&'static str),
    #[error("'{0}' is already the id of another element: ids are unique in a project")]
    Taken(String),
    #[error("this element has no id of its own to rename")]
    NoId,
    #[error("the element is no longer in the project")]
    Missing,
}

/// Whether `element` can be renamed to `new`: cheap, without building the renamed project
/// (a dialog asks it as the user types).
pub fn check(p: &Project, element: &ElementRef, new: &str) -> Result<(), RenameError> {
    if let Some(problem) = ids::id_problem(new) {
        return Err(RenameError::Invalid(problem));
    }
    match element {
        ElementRef::Organisation | ElementRef::Mapping(..) => return Err(RenameError::NoId),
        e if !e.exists_in(p) => return Err(RenameError::Missing),
        e if e.id() == new => return Ok(()),
        _ => {}
    }
    if ElementRef::resolve(p, new).is_some() {
        return Err(RenameError::Taken(new.to_owned()));
    }
    Ok(())
}

/// The command that renames `element` to `new`.
pub fn rename(p: &Project, element: &ElementRef, new: &str) -> Result<Command, RenameError> {
    check(p, element, new)?;
    let old = element.id().into_owned();
    if old == new {
        return Ok(Command::Batch(Vec::new()));
    }
    let renamed = renamed(p, element, &old, new);
    Ok(differences(p, &renamed))
}

/// The project with `element` and every reference to it under the id `new` (the comparison
/// of two versions uses it to match an element whose id alone changed).
pub fn renamed_project(
    p: &Project,
    element: &ElementRef,
    new: &str,
) -> Result<Project, RenameError> {
    check(p, element, new)?;
    let old = element.id().into_owned();
    Ok(renamed(p, element, &old, new))
}

/// The project with the element and every reference to it under the new id.
fn renamed(p: &Project, element: &ElementRef, old: &str, new: &str) -> Project {
    let mut q = p.clone();
    let swap = |s: &mut String| {
        if s == old {
            *s = new.to_owned();
        }
    };
    match element {
        ElementRef::Node(_) => {
            for n in &mut q.nodes {
                swap(&mut n.id.0);
                if let NodeKind::ConsentGate(g) = &mut n.kind
                    && let Some(r) = &mut g.records_to
                {
                    swap(&mut r.0);
                }
            }
            for f in &mut q.flows {
                swap(&mut f.from.0);
                swap(&mut f.to.0);
            }
            for r in &mut q.retention {
                swap(&mut r.node.0);
            }
            if let Some(pos) = q.layout.positions.remove(old) {
                q.layout.positions.insert(NodeId::new(new), pos);
            }
        }
        ElementRef::Flow(_) => {
            for f in &mut q.flows {
                swap(&mut f.id.0);
            }
        }
        ElementRef::Field(_) => {
            for f in &mut q.fields {
                swap(&mut f.id.0);
            }
            for n in &mut q.nodes {
                if let NodeKind::Source(s) = &mut n.kind {
                    s.collects.iter_mut().for_each(|c| swap(&mut c.0));
                }
            }
            for f in &mut q.flows {
                f.fields.iter_mut().for_each(|m| swap(&mut m.field.0));
            }
            for r in &mut q.retention {
                if let RetentionScope::Field(x) = &mut r.applies_to {
                    swap(&mut x.0);
                }
            }
        }
        ElementRef::Activity(_) => {
            for a in &mut q.activities {
                swap(&mut a.id.0);
            }
            for f in &mut q.flows {
                f.activities.iter_mut().for_each(|a| swap(&mut a.0));
                for m in &mut f.fields {
                    m.activities.iter_mut().for_each(|a| swap(&mut a.0));
                }
            }
        }
        ElementRef::ConsentPurpose(_) => {
            for c in &mut q.consent_purposes {
                swap(&mut c.id.0);
            }
            for a in &mut q.activities {
                if let Some(c) = &mut a.consent_purpose {
                    swap(&mut c.0);
                }
            }
            for n in &mut q.nodes {
                if let NodeKind::ConsentGate(g) = &mut n.kind {
                    g.enforces.iter_mut().for_each(|c| swap(&mut c.0));
                }
            }
        }
        ElementRef::Retention(_) => {
            for r in &mut q.retention {
                swap(&mut r.id.0);
            }
        }
        ElementRef::AcceptedRisk(_) => {
            for r in &mut q.accepted_risks {
                swap(&mut r.id.0);
            }
        }
        ElementRef::Organisation | ElementRef::Mapping(..) => {}
    }
    // An accepted risk names its element by id, or a mapping as `flow/field`.
    for r in &mut q.accepted_risks {
        let target = match r.target.split_once('/') {
            Some((flow, field)) => match element {
                ElementRef::Flow(_) if flow == old => Some(format!("{new}/{field}")),
                ElementRef::Field(_) if field == old => Some(format!("{flow}/{new}")),
                _ => None,
            },
            None if r.target == old => Some(new.to_owned()),
            None => None,
        };
        if let Some(t) = target {
            r.target = t;
        }
    }
    q
}

/// The commands that turn `p` into `q`, entity by entity (same positions, changed contents).
fn differences(p: &Project, q: &Project) -> Command {
    let mut steps = Vec::new();
    fn each<T: Clone + PartialEq>(
        a: &[T],
        b: &[T],
        item: impl Fn(T) -> Item,
        steps: &mut Vec<Command>,
    ) {
        for (at, (x, y)) in a.iter().zip(b).enumerate() {
            if x != y {
                steps.push(Command::Replace {
                    at,
                    item: item(y.clone()),
                });
            }
        }
    }
    each(
        &p.consent_purposes,
        &q.consent_purposes,
        Item::ConsentPurpose,
        &mut steps,
    );
    each(&p.activities, &q.activities, Item::Activity, &mut steps);
    each(&p.fields, &q.fields, Item::Field, &mut steps);
    each(&p.nodes, &q.nodes, Item::Node, &mut steps);
    each(&p.flows, &q.flows, Item::Flow, &mut steps);
    each(&p.retention, &q.retention, Item::Retention, &mut steps);
    each(
        &p.accepted_risks,
        &q.accepted_risks,
        Item::AcceptedRisk,
        &mut steps,
    );
    if p.layout != q.layout {
        steps.push(Command::SetLayout(q.layout.clone()));
    }
    Command::Batch(steps)
}
