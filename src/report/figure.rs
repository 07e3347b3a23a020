//! The data-flow diagram as the record states it: each system's card with its name, kind,
//! operator and country in the record's language, each flow with the number of fields it sends
//! and whether any is a direct identifier sent raw, and a legend of the kinds present. The
//! PDF only lays this out; the SVG uses the same flow labels.

use std::collections::BTreeMap;

use crate::layout::{self, Grid};
use crate::model::{Flow, Identifiability, NodeKind, Project, Transform};

use super::wording::kind;
use super::words::Words;

/// What an arrow says: how many fields the flow sends, and whether any direct identifier
/// (an e-mail address, a phone number) goes raw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowLabel {
    pub fields: usize,
    pub raw_identifiers: bool,
}

pub fn flow_label(p: &Project, f: &Flow) -> FlowLabel {
    FlowLabel {
        fields: f.sent_fields().count(),
        raw_identifiers: f.sent_fields().any(|m| {
            m.transform == Transform::Raw
                && p.field(m.field.as_str())
                    .is_some_and(|x| x.identifiability == Identifiability::DirectIdentifier)
        }),
    }
}

/// One system on the diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub name: String,
    /// Kind ("server-side tag manager"), operator, country name: the lines under the name.
    pub details: Vec<String>,
    pub colour: (u8, u8, u8),
    /// Where the app's canvas (or its automatic layout) puts it, left to right.
    pub x: f32,
    pub y: f32,
}

/// One flow on the diagram, between cards by index.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: usize,
    pub to: usize,
    /// "5" or "5 ⚠".
    pub label: String,
    pub raw_identifiers: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub cards: Vec<Card>,
    pub arrows: Vec<Arrow>,
    /// The kinds present: colour and name.
    pub legend: Vec<((u8, u8, u8), String)>,
    /// What the diagram shows, above it.
    pub intro: String,
    /// What the record says instead of a diagram too large to be drawn legibly on a page.
    pub too_large: String,
    /// What the numbers and ⚠ on the arrows mean.
    pub note: String,
    /// The diagram in words, for readers who cannot see it.
    pub alt: String,
}

pub fn figure(p: &Project, w: &Words) -> Figure {
    let grid = Grid::default();
    let positions = layout::complete(p, grid).positions;
    let index: BTreeMap<&str, usize> = p
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let cards = p
        .nodes
        .iter()
        .map(|n| {
            let at = positions.get(&n.id).copied().unwrap_or_default();
            let mut details = vec![kind(w, n)];
            if !n.operator.trim().is_empty() {
                details.push(n.operator.trim().to_owned());
            }
            if !n.country.trim().is_empty() {
                details.push(w.country(n.country.trim()));
            }
            Card {
                id: n.id.to_string(),
                name: n.name.clone(),
                details,
                colour: layout::kind_rgb(&n.kind),
                x: at.x,
                y: at.y,
            }
        })
        .collect();
    let arrows: Vec<Arrow> = p
        .flows
        .iter()
        .filter_map(|f| {
            let (from, to) = (*index.get(f.from.as_str())?, *index.get(f.to.as_str())?);
            let l = flow_label(p, f);
            Some(Arrow {
                from,
                to,
                label: if l.raw_identifiers {
                    format!("{} ⚠", l.fields)
                } else {
                    l.fields.to_string()
                },
                raw_identifiers: l.raw_identifiers,
            })
        })
        .collect();
    let mut legend = Vec::new();
    for (key, sample) in [
        ("diagram.kind.source", NodeKind::Source(Default::default())),
        (
            "diagram.kind.gate",
            NodeKind::ConsentGate(Default::default()),
        ),
        ("diagram.kind.relay", NodeKind::Relay(Default::default())),
        ("diagram.kind.store", NodeKind::Store(Default::default())),
        (
            "diagram.kind.destination",
            NodeKind::Destination(Default::default()),
        ),
    ] {
        let present = p
            .nodes
            .iter()
            .any(|n| std::mem::discriminant(&n.kind) == std::mem::discriminant(&sample));
        if present {
            legend.push((layout::kind_rgb(&sample), w.get(key)));
        }
    }
    let raw = arrows.iter().filter(|a| a.raw_identifiers).count();
    let alt = w.fill(
        "diagram.alt",
        &[
            ("systems", &p.nodes.len()),
            ("flows", &arrows.len()),
            ("raw", &raw),
        ],
    );
    let too_large = w.fill(
        "diagram.too_large",
        &[("systems", &p.nodes.len()), ("flows", &arrows.len())],
    );
    Figure {
        cards,
        arrows,
        legend,
        intro: w.get("diagram.intro"),
        too_large,
        note: w.get("diagram.note"),
        alt,
    }
}
