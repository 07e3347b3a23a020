//! Copy, paste and duplicate of nodes with the flows between them and their retention rules:
//! the copies get fresh ids (every reference among them follows) and stand beside the
//! originals.

use std::collections::BTreeMap;

use crate::model::*;

use super::ops::{append, unique_id};
use super::{Command, Item};

/// What was copied: nodes, the flows among them, their retention rules and where they stood.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clipboard {
    pub nodes: Vec<Node>,
    pub flows: Vec<Flow>,
    pub retention: Vec<RetentionRule>,
    pub positions: BTreeMap<NodeId, Position>,
}

impl Clipboard {
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
}

/// Copies the nodes, with the flows whose both ends are among them and their retention rules.
pub fn copy(p: &Project, nodes: &[&NodeId]) -> Clipboard {
    let chosen: Vec<&Node> = p.nodes.iter().filter(|n| nodes.contains(&&n.id)).collect();
    let among = |id: &NodeId| chosen.iter().any(|n| &n.id == id);
    Clipboard {
        nodes: chosen.iter().map(|n| (*n).clone()).collect(),
        flows: p
            .flows
            .iter()
            .filter(|f| among(&f.from) && among(&f.to))
            .cloned()
            .collect(),
        retention: p
            .retention
            .iter()
            .filter(|r| among(&r.node))
            .cloned()
            .collect(),
        positions: chosen
            .iter()
            .filter_map(|n| Some((n.id.clone(), *p.layout.positions.get(&n.id)?)))
            .collect(),
    }
}

/// How far below the originals the copies go: the first offset at which no copy lies on a
/// card of `p` (cards are `card` wide and high, with a gap of `gap` kept).
pub fn clear_offset(p: &Project, clip: &Clipboard, card: (f32, f32), gap: f32) -> Position {
    let ys = clip.positions.values().map(|q| q.y);
    let (top, bottom) = ys.fold((f32::MAX, f32::MIN), |(a, b), y| (a.min(y), b.max(y)));
    let mut dy = if top <= bottom {
        bottom - top + card.1 + gap
    } else {
        card.1 + gap
    };
    let lies_on = |dy: f32| {
        clip.positions.values().any(|c| {
            p.layout.positions.values().any(|q| {
                (q.x - c.x).abs() < card.0 + gap && (q.y - (c.y + dy)).abs() < card.1 + gap
            })
        })
    };
    let mut guard = 0;
    while lies_on(dy) && guard < 10_000 {
        dy += card.1 + gap;
        guard += 1;
    }
    Position { x: 0.0, y: dy }
}

/// The command that pastes the clipboard into `p`, `offset` away from where the copies stood,
/// and the ids of the new nodes.
pub fn paste(p: &Project, clip: &Clipboard, offset: Position) -> (Command, Vec<NodeId>) {
    let mut scratch = p.clone();
    let mut steps = Vec::new();
    let mut new_ids: BTreeMap<&NodeId, NodeId> = BTreeMap::new();
    // Each command is built on the scratch copy, so it applies; applying it keeps the next
    // ids fresh.
    fn push(scratch: &mut Project, cmd: Command, steps: &mut Vec<Command>) {
        if cmd.clone().apply(scratch).is_ok() {
            steps.push(cmd);
        }
    }
    for n in &clip.nodes {
        let mut copy = n.clone();
        copy.id = NodeId::new(unique_id(&scratch, &format!("{}-copy", n.id)));
        copy.name = format!("{} (copy)", n.name);
        // A copy is not what the container made: a re-import must not take it for the original.
        copy.origins.clear();
        new_ids.insert(&n.id, copy.id.clone());
        let at = clip.positions.get(&n.id).copied().unwrap_or_default();
        let position = Position {
            x: at.x + offset.x,
            y: at.y + offset.y,
        };
        let id = copy.id.clone();
        let cmd = append(&scratch, Item::Node(copy));
        push(&mut scratch, cmd, &mut steps);
        push(
            &mut scratch,
            Command::SetPosition {
                node: id,
                position: Some(position),
            },
            &mut steps,
        );
    }
    let renamed = |id: &NodeId| new_ids.get(id).cloned().unwrap_or_else(|| id.clone());
    // A consent gate whose records go to a copied store sends the copy's records to the copy.
    for id in new_ids.values() {
        if let Some(at) = scratch.nodes.iter().position(|n| &n.id == id) {
            let mut n = scratch.nodes[at].clone();
            if let NodeKind::ConsentGate(g) = &mut n.kind
                && let Some(r) = &g.records_to
            {
                g.records_to = Some(renamed(r));
                push(
                    &mut scratch,
                    Command::Replace {
                        at,
                        item: Item::Node(n),
                    },
                    &mut steps,
                );
            }
        }
    }
    for f in &clip.flows {
        let mut copy = f.clone();
        copy.from = renamed(&f.from);
        copy.to = renamed(&f.to);
        copy.origin = None;
        copy.id = FlowId::new(unique_id(
            &scratch,
            &format!("{}-to-{}", copy.from, copy.to),
        ));
        let cmd = append(&scratch, Item::Flow(copy));
        push(&mut scratch, cmd, &mut steps);
    }
    for r in &clip.retention {
        let mut copy = r.clone();
        copy.node = renamed(&r.node);
        copy.id = RetentionId::new(unique_id(&scratch, &format!("ret-{}", copy.node)));
        let cmd = append(&scratch, Item::Retention(copy));
        push(&mut scratch, cmd, &mut steps);
    }
    (Command::Batch(steps), new_ids.into_values().collect())
}
