//! Where the record and the container differ: what the container sends that the record does
//! not document, and what the record documents that no tag sends. Read from the plan of
//! importing the container into the record, so that drift and `import --into` always agree.

use std::collections::BTreeSet;

use super::analyse::{Analysis, Status};
use super::locate::Locate;
use super::plan::{Change, Plan};
use crate::check::rules_gtm::*;
use crate::check::{Finding, Target};
use crate::model::*;

/// The drift between `record` (the user's project, before any import) and the container.
pub fn drift(a: &Analysis, plan: &Plan, record: &Project) -> Vec<Finding> {
    let mut out = Vec::new();
    let at = Locate {
        p: &plan.result,
        container: &a.container.public_id,
    };
    // The relay that stands for the container in the record, when there is one.
    let relay_node = super::locate::record_relay(plan, record);
    let relay = relay_node.map(|n| n.id.to_string());
    let container_target = || super::locate::container_target(record, relay_node);
    let in_record_flow = |id: &str| record.flow(id);
    for t in a.tags.iter().filter(|t| t.status == Status::Fires) {
        // The record's gate for the tag may claim more than the container checks.
        if let Some(gate) = at.gate(&t.id).and_then(|g| record.node(g.id.as_str()))
            && let Some(g) = gate.as_gate()
        {
            let checked: Vec<String> = super::describe::credited(t)
                .into_iter()
                .map(super::build::purpose_id)
                .collect();
            let unchecked: Vec<&str> = g
                .enforces
                .iter()
                .map(|p| p.as_str())
                .filter(|p| !checked.iter().any(|c| c == p))
                .collect();
            if !unchecked.is_empty() {
                out.push(Finding::new(
                    &GATE_UNCHECKED,
                    Target {
                        kind: gate.kind.label(),
                        element: ElementRef::Node(gate.id.clone()),
                        name: gate.name.clone(),
                    },
                    format!(
                        "{} enforces {} in the record, but the consent check of tag {} '{}' in the container enforces {}.",
                        gate.name,
                        unchecked.join(", "),
                        t.id,
                        t.name,
                        if checked.is_empty() { "nothing".to_owned() } else { checked.join(", ") }
                    ),
                ));
            }
        }
        let Some(flow) = at.tag_flow(&t.id) else {
            continue;
        };
        if record.flow(flow.id.as_str()).is_none() {
            let dest = plan.result.node(flow.to.as_str());
            let new_dest = record.node(flow.to.as_str()).is_none();
            out.push(Finding::new(
                &TAG_UNDOCUMENTED,
                container_target(),
                format!(
                    "Tag {} '{}' sends to {}{}, {}.",
                    t.id,
                    t.name,
                    dest.map_or(flow.to.to_string(), |d| d.name.clone()),
                    dest.filter(|n| !n.name.contains(&format!(
                        "({})",
                        n.as_destination().map_or("", |d| d.account.as_str())
                    )))
                    .and_then(Node::as_destination)
                    .filter(|d| !d.account.is_empty())
                    .map(|d| format!(" (account {})", d.account))
                    .unwrap_or_default(),
                    if new_dest {
                        "which the record does not document"
                    } else {
                        "but the record has no flow from the container to it"
                    },
                ),
            ));
        }
    }
    for c in &plan.changes {
        match c {
            Change::MappingAdded { flow, wire } | Change::SignalAdded { flow, signal: wire }
                if in_record_flow(flow).is_some_and(|f| {
                    record
                        .node(f.to.as_str())
                        .is_some_and(|n| n.as_destination().is_some())
                }) =>
            {
                let Some(f) = in_record_flow(flow) else {
                    continue;
                };
                out.push(Finding::new(&FIELD_UNDOCUMENTED, Target { kind: "flow", element: ElementRef::Flow(f.id.clone()), name: f.id.to_string() }, format!(
                    "The container sends {wire} on flow {flow}, which the record does not document.")));
            }
            Change::TransformChanged {
                flow,
                wire,
                from,
                to,
            } => {
                let Some(f) = in_record_flow(flow) else {
                    continue;
                };
                let Some(m) = f.fields.iter().find(|m| &m.wire_name == wire) else {
                    continue;
                };
                out.push(Finding::new(
                    &TRANSFORM_DIFFERS,
                    Target {
                        kind: "field mapping",
                        element: ElementRef::Mapping(f.id.clone(), m.field.clone()),
                        name: format!("{wire} on {flow}"),
                    },
                    format!(
                        "The record says flow {flow} sends {wire} {from}; the tag sends it {to}."
                    ),
                ));
            }
            _ => {}
        }
    }
    for l in plan.left.iter().filter(|l| !l.may_send) {
        let Some(f) = in_record_flow(&l.flow) else {
            continue;
        };
        let Some(m) = f.fields.iter().find(|m| m.wire_name == l.wire) else {
            continue;
        };
        out.push(Finding::new(
            &FIELD_NOT_SENT,
            Target {
                kind: "field mapping",
                element: ElementRef::Mapping(f.id.clone(), m.field.clone()),
                name: format!("{} on {}", l.wire, l.flow),
            },
            format!(
                "The record documents {} on flow {}, which its tag neither sends nor may send.",
                l.wire, l.flow
            ),
        ));
    }
    // Destinations the record feeds from the container's relay (directly or through a gate)
    // that no firing tag sends to.
    if let Some(relay) = &relay {
        let sent: BTreeSet<&str> = a
            .tags
            .iter()
            .filter(|t| t.status == Status::Fires)
            .filter_map(|t| at.tag_flow(&t.id))
            .map(|f| f.to.as_str())
            .collect();
        let gates: BTreeSet<&str> = record
            .flows
            .iter()
            .filter(|f| {
                f.from.as_str() == relay
                    && record
                        .node(f.to.as_str())
                        .is_some_and(|n| n.as_gate().is_some())
            })
            .map(|f| f.to.as_str())
            .collect();
        let mut seen = BTreeSet::new();
        for f in &record.flows {
            let from_relay = f.from.as_str() == relay || gates.contains(f.from.as_str());
            let Some(d) = record
                .node(f.to.as_str())
                .filter(|n| n.as_destination().is_some())
            else {
                continue;
            };
            if from_relay && !sent.contains(d.id.as_str()) && seen.insert(d.id.as_str()) {
                out.push(Finding::new(&DESTINATION_NOT_SENT, Target { kind: d.kind.label(), element: ElementRef::Node(d.id.clone()), name: d.name.clone() }, format!(
                    "The record has the container send to {}, but no firing tag of {} sends there.", d.name, a.container.public_id)));
            }
        }
    }
    out
}
