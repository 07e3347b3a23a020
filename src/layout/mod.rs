//! The layered, left-to-right layout of a project's data-flow graph, shared by the app's
//! canvas and the record's diagram: sources on the left, then consent gates and relays, then
//! stores and destinations on the right.
//!
//! The layering and the order within each layer (Sugiyama's method: cycle removal, ranking,
//! crossing reduction) come from the `rust-sugiyama` crate for small graphs and from quick
//! sweeps for large ones (`sweep.rs`); this module turns either result into card positions on
//! a regular grid, so that the same project always gives the same picture. [`arrange`] works
//! on a [`Shape`] taken from the project, so that the app can lay out on another thread.

mod sugiyama;
mod sweep;

use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::model::{Layout, NodeId, NodeKind, Position, Project};

/// Size of a node card and the gaps between them, in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub card_width: f32,
    pub card_height: f32,
    /// Horizontal distance between the left edges of two layers.
    pub layer_gap: f32,
    /// Vertical distance between the top edges of two cards in a layer.
    pub row_gap: f32,
    /// Vertical space between two unconnected parts of the graph.
    pub part_gap: f32,
}

impl Default for Grid {
    fn default() -> Self {
        Self {
            card_width: 200.0,
            card_height: 72.0,
            layer_gap: 280.0,
            row_gap: 100.0,
            part_gap: 60.0,
        }
    }
}

/// Where a node falls: its connected part of the graph, its layer coordinate and its
/// coordinate along the layer (comparable within a part only).
struct Slot {
    node: usize,
    part: usize,
    layer: f64,
    along: f64,
}

/// Up to this many nodes, the crate's thorough layout (it takes about a second at 500
/// nodes and minutes at 5,000); above, the sweeps of [`sweep`], which take milliseconds.
pub const CRATE_MAX_NODES: usize = 150;

/// What the layout needs of a project, taken on the thread that owns the project so that
/// the work itself can run on another: the nodes in file order, which of them are
/// destinations, and the flows between two different nodes (each pair once).
#[derive(Clone, Debug, Default)]
pub struct Shape {
    ids: Vec<NodeId>,
    destination: Vec<bool>,
    edges: Vec<(u32, u32)>,
}

impl Shape {
    pub fn of(p: &Project) -> Self {
        let by_id: HashMap<&str, u32> = p
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i as u32))
            .collect();
        let mut edges: Vec<(u32, u32)> = p
            .flows
            .iter()
            .filter_map(|f| Some((*by_id.get(f.from.as_str())?, *by_id.get(f.to.as_str())?)))
            .filter(|(a, b)| a != b)
            .collect();
        edges.sort_unstable();
        edges.dedup();
        Self {
            ids: p.nodes.iter().map(|n| n.id.clone()).collect(),
            destination: p
                .nodes
                .iter()
                .map(|n| matches!(n.kind, NodeKind::Destination(_)))
                .collect(),
            edges,
        }
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

/// How far a layout running on another thread has come, and the way to stop it.
#[derive(Debug, Default)]
pub struct Progress {
    /// Done, in thousandths.
    done: AtomicU32,
    cancelled: AtomicBool,
}

impl Progress {
    /// The part done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / 1000.0
    }

    fn set(&self, fraction: f32) {
        self.done.store(
            (fraction.clamp(0.0, 1.0) * 1000.0) as u32,
            Ordering::Relaxed,
        );
    }

    /// Asks the layout to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Layer and order of every node: the crate's for small graphs, the sweeps' for large ones
/// (and should the crate fail); `None` when cancelled.
fn slots(shape: &Shape, progress: &Progress) -> Option<Vec<Slot>> {
    if shape.len() <= CRATE_MAX_NODES
        && let Some(slots) = sugiyama::slots(shape)
    {
        return Some(slots);
    }
    sweep::slots(shape, progress)
}

/// Positions for every node of the project, laid out from scratch.
pub fn layered(p: &Project, grid: Grid) -> BTreeMap<NodeId, Position> {
    arrange(&Shape::of(p), grid, &Progress::default()).unwrap_or_default()
}

/// Positions for every node of `shape`, laid out from scratch; `None` when cancelled
/// through `progress`.
pub fn arrange(
    shape: &Shape,
    grid: Grid,
    progress: &Progress,
) -> Option<BTreeMap<NodeId, Position>> {
    let mut placed = BTreeMap::new();
    if shape.is_empty() {
        return Some(placed);
    }
    // Group by part, then by layer; order within a layer by the crate's order.
    let mut by_part: BTreeMap<usize, Vec<Slot>> = BTreeMap::new();
    for slot in slots(shape, progress)? {
        by_part.entry(slot.part).or_default().push(slot);
    }
    let mut parts: Vec<BTreeMap<usize, Vec<(f64, usize)>>> = Vec::new();
    for slots in by_part.into_values() {
        let mut levels: Vec<f64> = slots.iter().map(|s| s.layer).collect();
        levels.sort_by(f64::total_cmp);
        levels.dedup_by(|a, b| (*a - *b).abs() < 1e-6);
        // Destinations end the picture: all in the last layer of their part.
        let last = levels.len().saturating_sub(1);
        let mut layers: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
        for s in slots {
            let layer = if shape.destination[s.node] {
                last
            } else {
                levels.partition_point(|l| *l < s.layer - 1e-6)
            };
            layers.entry(layer).or_default().push((s.along, s.node));
        }
        parts.push(layers);
    }
    let mut top = 0.0f32;
    for layers in &parts {
        let mut tallest = 0usize;
        for (layer, nodes) in layers {
            let mut nodes = nodes.clone();
            nodes.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            tallest = tallest.max(nodes.len());
            for (row, (_, node)) in nodes.iter().enumerate() {
                placed.insert(
                    shape.ids[*node].clone(),
                    Position {
                        x: *layer as f32 * grid.layer_gap,
                        y: top + row as f32 * grid.row_gap,
                    },
                );
            }
        }
        top += tallest as f32 * grid.row_gap + grid.part_gap;
    }
    progress.set(1.0);
    Some(placed)
}

/// The project's layout with every node placed: saved positions are kept, nodes without one
/// get their place from the automatic layout.
pub fn complete(p: &Project, grid: Grid) -> Layout {
    let mut layout = p.layout.clone();
    if p.nodes.iter().all(|n| layout.positions.contains_key(&n.id)) {
        return layout;
    }
    for (id, pos) in layered(p, grid) {
        layout.positions.entry(id).or_insert(pos);
    }
    layout
}

/// Places, at once, for the nodes without a saved position: each kind in its own column
/// (sources left, destinations right), below every saved card. What the app shows while the
/// layered layout of a large project is worked out on another thread.
pub fn provisional(p: &Project, grid: Grid) -> Layout {
    let mut layout = p.layout.clone();
    let below = layout
        .positions
        .values()
        .map(|q| q.y + grid.row_gap + grid.part_gap)
        .reduce(f32::max)
        .unwrap_or(0.0);
    let mut rows = [0usize; 5];
    for n in &p.nodes {
        if layout.positions.contains_key(&n.id) {
            continue;
        }
        let column = usize::from(n.kind.rank()).min(rows.len() - 1);
        let at = Position {
            x: column as f32 * grid.layer_gap,
            y: below + rows[column] as f32 * grid.row_gap,
        };
        rows[column] += 1;
        layout.positions.insert(n.id.clone(), at);
    }
    layout
}

/// Where a new node of `kind` goes: in the column of the nodes of its kind (sources left,
/// destinations right), below the last card there, and never on top of another card. With no
/// node of its kind yet, it opens a column right of the kinds that come before it.
pub fn place_new(p: &Project, kind: &NodeKind, grid: Grid) -> Position {
    place_among(p, &complete(p, grid), kind, grid)
}

/// [`place_new`] among the cards that have a place in `complete`; the others are not looked
/// at (an import placing its new cards one after the other, without laying out the rest).
pub fn place_among(p: &Project, complete: &Layout, kind: &NodeKind, grid: Grid) -> Position {
    let at = |n: &crate::model::Node| complete.positions.get(&n.id).copied();
    let rank = kind.rank();
    let same: Vec<Position> = p
        .nodes
        .iter()
        .filter(|n| n.kind.rank() == rank)
        .filter_map(at)
        .collect();
    let x = if let Some(first) = same.iter().map(|q| q.x).reduce(f32::min) {
        first
    } else {
        let before = p
            .nodes
            .iter()
            .filter(|n| n.kind.rank() < rank)
            .filter_map(|n| at(n).map(|q| q.x))
            .reduce(f32::max);
        let after = p
            .nodes
            .iter()
            .filter(|n| n.kind.rank() > rank)
            .filter_map(|n| at(n).map(|q| q.x))
            .reduce(f32::min);
        match (before, after) {
            (Some(b), _) => b + grid.layer_gap,
            (None, Some(a)) => a - grid.layer_gap,
            (None, None) => 0.0,
        }
    };
    let top = complete
        .positions
        .values()
        .map(|q| q.y)
        .reduce(f32::min)
        .unwrap_or(0.0);
    let mut y = same
        .iter()
        .filter(|q| (q.x - x).abs() < grid.card_width)
        .map(|q| q.y + grid.row_gap)
        .reduce(f32::max)
        .unwrap_or(top);
    // Cards of other kinds (moved there by hand) may stand in the column: go below them.
    let overlaps = |y: f32| {
        complete.positions.values().any(|q| {
            (q.x - x).abs() < grid.card_width + 20.0 && (q.y - y).abs() < grid.card_height + 20.0
        })
    };
    let mut guard = 0;
    while overlaps(y) && guard < 100_000 {
        y += grid.row_gap;
        guard += 1;
    }
    Position {
        x: x.round(),
        y: y.round(),
    }
}

/// The area the cards of `p` cover at `positions`: (left, top, right, bottom), or `None` for a
/// project without nodes. The record's diagram and the SVG are drawn in it.
pub fn bounds(
    p: &Project,
    positions: &BTreeMap<NodeId, Position>,
    grid: Grid,
) -> Option<(f32, f32, f32, f32)> {
    p.nodes
        .iter()
        .map(|n| positions.get(&n.id).copied().unwrap_or_default())
        .fold(None, |b, q| {
            let (x0, y0, x1, y1) = b.unwrap_or((q.x, q.y, q.x, q.y));
            Some((
                x0.min(q.x),
                y0.min(q.y),
                x1.max(q.x + grid.card_width),
                y1.max(q.y + grid.card_height),
            ))
        })
}

/// Each kind of node's colour, as red, green, blue: the same on the canvas, in the record's
/// diagram and in the SVG.
pub fn kind_rgb(kind: &NodeKind) -> (u8, u8, u8) {
    match kind {
        NodeKind::Source(_) => (0x2e, 0x8b, 0x57),
        NodeKind::Relay(_) => (0x5b, 0x6b, 0xc0),
        NodeKind::ConsentGate(_) => (0xb5, 0x6a, 0x00),
        NodeKind::Store(_) => (0x6d, 0x6d, 0x6d),
        NodeKind::Destination(_) => (0xa2, 0x3b, 0x72),
    }
}
