//! The flows of an imported manifest: capimap's own list where a system's meta has it, else
//! one per data flow between two systems of the file.

use std::collections::HashMap;

use crate::model::fideslang as fl;
use crate::model::fideslang::doc::{Manifest, System};
use crate::model::{ActivityId, FieldId, FieldMapping, Flow, FlowId, NodeId, Project, Transform};

use super::build::{activity_id, meta};

fn mapping(field: &str) -> FieldMapping {
    FieldMapping::new(FieldId::new(field), field, Transform::Unknown)
}

/// Flows: capimap's list where the file has it; else one per egress of a system to another
/// system (or ingress from one, where the other side does not list it), carrying every field
/// of the categories it names, for the activities whose declarations name that egress.
pub(super) fn flows(
    m: &Manifest,
    by_key: &HashMap<&str, &System>,
    p: &mut Project,
    todo: &mut Vec<String>,
) {
    let mut guessed = 0;
    let mut made: std::collections::HashSet<String> = std::collections::HashSet::new();
    for s in &m.system {
        if let Some(c) = meta(s) {
            for f in &c.flows {
                made.insert(f.id.clone());
                p.flows.push(Flow {
                    id: FlowId::new(f.id.clone()),
                    from: NodeId::new(s.fides_key.clone()),
                    to: NodeId::new(f.to.clone()),
                    activities: f
                        .activities
                        .iter()
                        .map(|a| ActivityId::new(a.clone()))
                        .collect(),
                    fields: f.fields.iter().map(|id| mapping(id)).collect(),
                    ..empty_flow()
                });
            }
            continue;
        }
        let edges = s
            .egress
            .iter()
            .flatten()
            .map(|e| (s.fides_key.as_str(), e))
            .chain(
                s.ingress
                    .iter()
                    .flatten()
                    .map(|i| (i.fides_key.as_str(), i)),
            );
        for (from, e) in edges {
            let to = if from == s.fides_key {
                e.fides_key.as_str()
            } else {
                s.fides_key.as_str()
            };
            if e.kind != "system" || !by_key.contains_key(from) || !by_key.contains_key(to) {
                continue;
            }
            let id = format!("{from}-to-{to}");
            // An edge both ends list (egress of one, ingress of the other) is one flow.
            if !made.insert(id.clone()) {
                continue;
            }
            let sender = by_key.get(from).copied().unwrap_or(s);
            let activities = sender
                .privacy_declarations
                .iter()
                .filter(|d| d.egress.as_ref().is_none_or(|e| e.iter().any(|k| k == to)))
                .map(|d| ActivityId::new(activity_id(sender, d)))
                .fold(Vec::new(), |mut v, a| {
                    if !v.contains(&a) {
                        v.push(a);
                    }
                    v
                });
            let fields = p
                .fields
                .iter()
                .filter(|f| {
                    e.data_categories
                        .iter()
                        .any(|c| fl::category_from_fides(c) == f.category)
                })
                .map(|f| mapping(f.id.as_str()))
                .collect();
            guessed += 1;
            p.flows.push(Flow {
                id: FlowId::new(id),
                from: NodeId::new(from),
                to: NodeId::new(to),
                activities,
                fields,
                ..empty_flow()
            });
        }
    }
    if guessed > 0 {
        todo.push(format!(
            "{guessed} flows made from the systems' egress and ingress: each carries every field of the categories fideslang names on it; remove the fields it does not send"
        ));
    }
}

fn empty_flow() -> Flow {
    Flow {
        id: FlowId::default(),
        from: NodeId::default(),
        to: NodeId::default(),
        description: String::new(),
        activities: Vec::new(),
        delivery: Default::default(),
        consent_signals: Vec::new(),
        on_withdrawal: None,
        request_type: None,
        fields: Vec::new(),
        origin: None,
    }
}
