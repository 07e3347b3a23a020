//! Small graphs: layer and order from the `rust-sugiyama` crate (Sugiyama's method with dummy
//! vertices and a thorough crossing reduction). Its cost grows much faster than the graph, so
//! [`super::arrange`] uses it only up to [`super::CRATE_MAX_NODES`] nodes.

use petgraph::stable_graph::StableDiGraph;
use rust_sugiyama::configure::{Config, RankingType};

use super::{Shape, Slot};

/// Layer and order of every node, or `None` if the crate could not lay the graph out.
pub(super) fn slots(shape: &Shape) -> Option<Vec<Slot>> {
    let mut graph: StableDiGraph<usize, ()> = StableDiGraph::new();
    let ix: Vec<_> = (0..shape.len()).map(|i| graph.add_node(i)).collect();
    for &(a, b) in &shape.edges {
        graph.add_edge(ix[a as usize], ix[b as usize], ());
    }
    // Every node as far left as its flows allow: sources start the picture.
    let config = Config {
        vertex_spacing: 1.0,
        dummy_vertices: true,
        ranking_type: RankingType::Up,
        ..Config::default()
    };
    // The crate is not ours; should it ever panic on an odd graph, fall back rather than lose
    // the user's window.
    let parts =
        std::panic::catch_unwind(|| rust_sugiyama::from_graph(&graph, &|_, _| (1.0, 1.0), &config))
            .ok()?;
    let mut out = Vec::with_capacity(shape.len());
    for (part, (coords, _, _)) in parts.into_iter().enumerate() {
        for (node, (x, y)) in coords {
            // The crate lays out top to bottom: its y is the layer, its x the order.
            if let Some(&i) = graph.node_weight(node) {
                out.push(Slot {
                    node: i,
                    part,
                    layer: y,
                    along: x,
                });
            }
        }
    }
    Some(out)
}
