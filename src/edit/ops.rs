//! Commands for the edits people make, built from the project as it is: deleting a node takes
//! its flows and retention rules with it, a new flow into a destination proposes the mappings
//! the platform accepts, a destination added from the catalogue comes filled in.

use std::collections::BTreeSet;

use crate::catalog::{Catalog, Platform};

pub use super::propose::{fields_at, propose_mappings};
use crate::model::*;

use super::{Collection, Command, Item};

/// An id not used in the project yet: `base`, else `base-2`, `base-3`, …
pub fn unique_id(p: &Project, base: &str) -> String {
    let taken = all_ids(p);
    let base = id_base(base);
    if !taken.contains(base.as_str()) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or(base)
}

/// `base` made a valid id: lower-case letters, digits, `_`, `-` and `.`, other characters as
/// `-`, starting with a letter or digit, and short enough (56 characters) that a "-N" suffix
/// still keeps it within the 64 an id may have; "item" when nothing is left.
pub fn id_base(base: &str) -> String {
    let mapped: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    // Every character is ASCII now: a cut by characters is a cut by bytes.
    let cut: String = mapped
        .trim_start_matches(|c: char| !c.is_ascii_alphanumeric())
        .chars()
        .take(56)
        .collect();
    let base = cut.trim_end_matches('-');
    if base.is_empty() {
        "item".to_owned()
    } else {
        base.to_owned()
    }
}

fn all_ids(p: &Project) -> BTreeSet<&str> {
    let mut ids = BTreeSet::new();
    ids.extend(p.consent_purposes.iter().map(|x| x.id.as_str()));
    ids.extend(p.activities.iter().map(|x| x.id.as_str()));
    ids.extend(p.fields.iter().map(|x| x.id.as_str()));
    ids.extend(p.nodes.iter().map(|x| x.id.as_str()));
    ids.extend(p.flows.iter().map(|x| x.id.as_str()));
    ids.extend(p.retention.iter().map(|x| x.id.as_str()));
    ids.extend(p.accepted_risks.iter().map(|x| x.id.as_str()));
    ids
}

fn index_of<T>(v: &[T], id: impl Fn(&T) -> &str, wanted: &str) -> Option<usize> {
    v.iter().position(|x| id(x) == wanted)
}

/// Adds an entity at the end of its collection.
pub fn append(p: &Project, item: Item) -> Command {
    Command::Insert {
        at: super::command::len(p, item.collection()),
        item,
    }
}

/// Adds a node at the end of the list, placed at `position`.
pub fn add_node(p: &Project, node: Node, position: Position) -> Command {
    let id = node.id.clone();
    Command::Batch(vec![
        append(p, Item::Node(node)),
        Command::SetPosition {
            node: id,
            position: Some(position),
        },
    ])
}

/// A new node of a kind, with a fresh id and placeholders for the user to fill in.
pub fn new_node(p: &Project, kind: NodeKind) -> Node {
    let (base, name) = match &kind {
        NodeKind::Source(_) => ("source", "New source"),
        NodeKind::Relay(_) => ("relay", "New relay"),
        NodeKind::ConsentGate(_) => ("consent-gate", "New consent gate"),
        NodeKind::Store(_) => ("store", "New store"),
        NodeKind::Destination(_) => ("destination", "New destination"),
    };
    Node {
        id: NodeId::new(unique_id(p, base)),
        name: name.to_owned(),
        operator: p.organisation.controller.name.clone(),
        country: String::new(),
        description: String::new(),
        transfer: None,
        role: None,
        contract: String::new(),
        disabled: false,
        origins: Vec::new(),
        kind,
    }
}

/// A destination for a catalogue platform, filled in from what the catalogue knows: the
/// recipient and country where known, and the platform's terms, recorded as not yet accepted
/// (so that the checks ask for them).
pub fn destination_from_catalog(p: &Project, platform: &Platform) -> Node {
    Node {
        id: NodeId::new(unique_id(p, &platform.id)),
        name: platform.name.clone(),
        operator: platform.recipient.value().cloned().unwrap_or_default(),
        country: platform
            .recipient_country
            .value()
            .cloned()
            .unwrap_or_default(),
        description: String::new(),
        transfer: None,
        role: None,
        contract: String::new(),
        disabled: false,
        origins: Vec::new(),
        kind: NodeKind::Destination(Destination {
            api_version: String::new(),
            platform: platform.id.clone(),
            role: None,
            terms: platform
                .terms
                .iter()
                .filter(|t| t.required)
                .map(|t| TermsAcceptance {
                    name: t.name.clone(),
                    url: t.url.clone(),
                    accepted: false,
                    date: None,
                })
                .collect(),
            account: String::new(),
        }),
    }
}

/// Deletes nodes with everything that only makes sense with them: their flows, retention rules
/// and positions; references to them from consent gates are cleared.
pub fn delete_nodes(p: &Project, ids: &[&str]) -> Command {
    let gone = |id: &str| ids.contains(&id);
    let mut steps = Vec::new();
    // Gates that keep their records in a deleted node.
    for (at, n) in p.nodes.iter().enumerate() {
        if gone(n.id.as_str()) {
            continue;
        }
        if let NodeKind::ConsentGate(g) = &n.kind
            && g.records_to.as_ref().is_some_and(|r| gone(r.as_str()))
        {
            let mut changed = n.clone();
            if let NodeKind::ConsentGate(g) = &mut changed.kind {
                g.records_to = None;
            }
            steps.push(Command::Replace {
                at,
                item: Item::Node(changed),
            });
        }
    }
    // Removals from the back, so that every index is still right when its turn comes.
    for (at, f) in p.flows.iter().enumerate().rev() {
        if gone(f.from.as_str()) || gone(f.to.as_str()) {
            steps.push(Command::Remove {
                collection: Collection::Flows,
                at,
            });
        }
    }
    for (at, r) in p.retention.iter().enumerate().rev() {
        if gone(r.node.as_str()) {
            steps.push(Command::Remove {
                collection: Collection::Retention,
                at,
            });
        }
    }
    for (at, n) in p.nodes.iter().enumerate().rev() {
        if gone(n.id.as_str()) {
            if p.layout.positions.contains_key(&n.id) {
                steps.push(Command::SetPosition {
                    node: n.id.clone(),
                    position: None,
                });
            }
            steps.push(Command::Remove {
                collection: Collection::Nodes,
                at,
            });
        }
    }
    Command::Batch(steps)
}

/// Deletes flows.
pub fn delete_flows(p: &Project, ids: &[&str]) -> Command {
    Command::Batch(
        p.flows
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, f)| ids.contains(&f.id.as_str()))
            .map(|(at, _)| Command::Remove {
                collection: Collection::Flows,
                at,
            })
            .collect(),
    )
}

/// Moves nodes to new positions.
pub fn move_nodes(moves: impl IntoIterator<Item = (NodeId, Position)>) -> Command {
    Command::Batch(
        moves
            .into_iter()
            .map(|(node, position)| Command::SetPosition {
                node,
                position: Some(position),
            })
            .collect(),
    )
}

/// A new flow from one node to another, carrying the proposed mappings
/// ([`super::propose::proposals`]); it serves the activities of the flows into `from`.
pub fn add_flow(p: &Project, catalog: &Catalog, from: &str, to: &str) -> (Command, FlowId) {
    let id = FlowId::new(unique_id(p, &format!("{from}-to-{to}")));
    let fields = super::propose::proposals(p, catalog, from, to);
    let mut activities: Vec<ActivityId> = Vec::new();
    for f in p.flows_into(from) {
        for a in &f.activities {
            if !activities.contains(a) {
                activities.push(a.clone());
            }
        }
    }
    let flow = Flow {
        request_type: None,
        origin: None,
        id: id.clone(),
        from: NodeId::new(from),
        to: NodeId::new(to),
        description: String::new(),
        activities,
        delivery: Delivery::RealTime,
        consent_signals: Vec::new(),
        on_withdrawal: None,
        fields,
    };
    (append(p, Item::Flow(flow)), id)
}

/// Replaces an entity found by id with an edited copy.
pub fn replace(p: &Project, item: Item) -> Option<Command> {
    let id = item.id().to_owned();
    let at = match &item {
        Item::ConsentPurpose(_) => index_of(&p.consent_purposes, |x| x.id.as_str(), &id),
        Item::Activity(_) => index_of(&p.activities, |x| x.id.as_str(), &id),
        Item::Field(_) => index_of(&p.fields, |x| x.id.as_str(), &id),
        Item::Node(_) => index_of(&p.nodes, |x| x.id.as_str(), &id),
        Item::Flow(_) => index_of(&p.flows, |x| x.id.as_str(), &id),
        Item::Retention(_) => index_of(&p.retention, |x| x.id.as_str(), &id),
        Item::AcceptedRisk(_) => index_of(&p.accepted_risks, |x| x.id.as_str(), &id),
    }?;
    Some(Command::Replace { at, item })
}

/// Sets how one field is sent on one flow.
pub fn set_transform(
    p: &Project,
    flow: &str,
    field: &str,
    transform: Transform,
) -> Option<Command> {
    let mut changed = p.flow(flow)?.clone();
    let m = changed
        .fields
        .iter_mut()
        .find(|m| m.field.as_str() == field)?;
    m.transform = transform;
    replace(p, Item::Flow(changed))
}

/// Records an accepted risk for a finding.
pub fn accept_risk(
    p: &Project,
    rule: &str,
    target: &str,
    justification: &str,
    accepted_by: &str,
    date: Date,
) -> Command {
    append(
        p,
        Item::AcceptedRisk(AcceptedRisk {
            id: RiskId::new(unique_id(p, &format!("risk-{target}"))),
            rule: rule.to_owned(),
            target: target.to_owned(),
            justification: justification.to_owned(),
            accepted_by: accepted_by.to_owned(),
            date,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_base_is_a_valid_id_and_leaves_room_for_a_suffix() {
        for name in [
            "Client type text name eventNameCustom simpleValueType true stape server with a very long name",
            "_hidden",
            ".dot",
            "Müller & Söhne",
            "---",
            "",
        ] {
            let base = id_base(name);
            assert_eq!(
                crate::model::ids::id_problem(&base),
                None,
                "{name:?} → {base:?}"
            );
            let suffixed = format!("{base}-9999999");
            assert_eq!(crate::model::ids::id_problem(&suffixed), None, "{suffixed}");
        }
        assert_eq!(id_base("Meta CAPI"), "meta-capi");
        assert_eq!(id_base("_hidden"), "hidden");
    }
}
