//! What a flow should carry: the mappings proposed for a new flow or on request (from the
//! catalogue when it ends at a destination, from what arrives at its start otherwise), and
//! an activity applied along the path that feeds a flow.

use std::collections::{BTreeSet, VecDeque};

use crate::catalog::{Catalog, Hashing, Platform};
use crate::model::*;

use super::ops::replace;
use super::{Command, Item};

/// The fields available at a node: what a source collects, or what its incoming flows send.
pub fn fields_at(p: &Project, node: &str) -> Vec<FieldId> {
    let mut out: Vec<FieldId> = Vec::new();
    let mut add = |f: &FieldId| {
        if !out.contains(f) {
            out.push(f.clone());
        }
    };
    if let Some(s) = p.node(node).and_then(|n| n.as_source()) {
        s.collects.iter().for_each(&mut add);
    }
    for flow in p.flows_into(node) {
        flow.sent_fields().for_each(|m| add(&m.field));
    }
    out
}

/// The mappings a platform would accept for the fields available at `from`: each field whose
/// category one of the platform's parameters carries, with the hashing the platform requires.
/// Only parameters the catalogue knows the hashing rule of are proposed.
pub fn propose_mappings(
    p: &Project,
    catalog: &Catalog,
    from: &str,
    platform: &Platform,
) -> Vec<FieldMapping> {
    let mut out = Vec::new();
    let mut used = BTreeSet::new();
    for field_id in fields_at(p, from) {
        let Some(field) = p.field(field_id.as_str()) else {
            continue;
        };
        let Some(param) = platform
            .user_data
            .iter()
            .chain(&platform.event_data)
            .find(|x| x.category == field.category && !used.contains(x.wire_name.as_str()))
        else {
            continue;
        };
        let transform = match param.hashing {
            Hashing::MustHash => Transform::Sha256(
                param
                    .normalisation
                    .clone()
                    .or_else(|| catalog.usual_normalisation(&field.category).cloned()),
            ),
            Hashing::MustNotHash | Hashing::Optional => Transform::Raw,
            Hashing::Unknown => continue,
        };
        used.insert(param.wire_name.as_str());
        out.push(FieldMapping::new(
            field_id,
            param.wire_name.clone(),
            transform,
        ));
    }
    out
}

/// The mappings proposed for a flow from `from` to `to`: into a destination whose platform the
/// catalogue knows, what the platform accepts of the fields available at `from`; anywhere
/// else, the fields pass through as they arrive (same wire name, same transform), and a
/// source's collected fields go out as collected.
pub fn proposals(p: &Project, catalog: &Catalog, from: &str, to: &str) -> Vec<FieldMapping> {
    if let Some(platform) = p
        .node(to)
        .and_then(|n| n.as_destination())
        .and_then(|d| catalog.get(&d.platform))
    {
        return propose_mappings(p, catalog, from, platform);
    }
    let mut out: Vec<FieldMapping> = Vec::new();
    for flow in p.flows_into(from) {
        for m in flow.sent_fields() {
            if !out.iter().any(|x| x.field == m.field) {
                let mut passed =
                    FieldMapping::new(m.field.clone(), m.wire_name.clone(), m.transform.clone());
                passed.justification = m.justification.clone();
                out.push(passed);
            }
        }
    }
    if let Some(s) = p.node(from).and_then(|n| n.as_source()) {
        for f in &s.collects {
            if !out.iter().any(|x| &x.field == f) {
                out.push(FieldMapping::new(f.clone(), f.to_string(), Transform::Raw));
            }
        }
    }
    out
}

/// "Propose mappings" on an existing flow: the proposals for fields it does not map yet are
/// added after its own mappings, which stay as they are. `None` when there is nothing to add.
pub fn propose_for_flow(p: &Project, catalog: &Catalog, flow: &str) -> Option<(Command, usize)> {
    let f = p.flow(flow)?;
    let new: Vec<FieldMapping> = proposals(p, catalog, f.from.as_str(), f.to.as_str())
        .into_iter()
        .filter(|m| !f.fields.iter().any(|x| x.field == m.field))
        .collect();
    if new.is_empty() {
        return None;
    }
    let n = new.len();
    let mut changed = f.clone();
    changed.fields.extend(new);
    Some((replace(p, Item::Flow(changed))?, n))
}

/// Marks `activity` on `flow` and on every flow upstream of it that carries any of the fields
/// the flow sends, hop by hop: a flow further up counts when it carries a field that the flow
/// it feeds carries on. One command; `None` when every such flow already serves the activity.
pub fn serve_upstream(p: &Project, flow: &str, activity: &ActivityId) -> Option<(Command, usize)> {
    let start = p.flow(flow)?;
    // The fields each flow was found to carry on towards `flow`: a flow reached again with
    // fields not seen there yet passes those further up too.
    let mut carries: std::collections::BTreeMap<&str, BTreeSet<&FieldId>> = Default::default();
    let first: BTreeSet<&FieldId> = start.sent_fields().map(|m| &m.field).collect();
    carries.insert(start.id.as_str(), first.clone());
    let mut queue: VecDeque<(&Flow, BTreeSet<&FieldId>)> = VecDeque::from([(start, first)]);
    while let Some((f, fields)) = queue.pop_front() {
        for up in p.flows_into(f.from.as_str()) {
            let known = carries.entry(up.id.as_str()).or_default();
            let new: BTreeSet<&FieldId> = up
                .sent_fields()
                .map(|m| &m.field)
                .filter(|x| fields.contains(x) && !known.contains(x))
                .collect();
            if new.is_empty() {
                continue;
            }
            known.extend(new.iter().copied());
            queue.push_back((up, new));
        }
    }
    let mut marked: BTreeSet<&str> = carries
        .iter()
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(id, _)| *id)
        .collect();
    marked.insert(start.id.as_str());
    let steps: Vec<Command> = p
        .flows
        .iter()
        .filter(|f| marked.contains(f.id.as_str()) && !f.activities.contains(activity))
        .filter_map(|f| {
            let mut changed = f.clone();
            changed.activities.push(activity.clone());
            replace(p, Item::Flow(changed))
        })
        .collect();
    let n = steps.len();
    (n > 0).then_some((Command::Batch(steps), n))
}
