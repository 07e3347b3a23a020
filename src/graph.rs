//! The project as a graph, and the path questions the checks ask.
//!
//! Nodes and flows are addressed by their ids in the project; the petgraph indices stay inside
//! this module. Every question is one breadth-first search, O(V + E), and cycles cannot make
//! it loop, because each node is visited once.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::NodeIndexable;

use crate::model::{Flow, Node, Project};

/// A path through the graph: the nodes in order and the flows between them
/// (`flows.len() == nodes.len() - 1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path<'p> {
    pub nodes: Vec<&'p str>,
    pub flows: Vec<&'p str>,
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nodes.join(" → "))
    }
}

/// The answer to "does every path from A to B pass through a node that satisfies P?"
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Coverage<'p> {
    /// B cannot be reached from A at all.
    Unreachable,
    /// Every path passes such a node.
    AllCovered,
    /// Some path does not; here is one, shortest first.
    Uncovered(Path<'p>),
}

/// A petgraph view of a project: node weights index `project.nodes`, edge weights index
/// `project.flows`.
pub struct ProjectGraph<'p> {
    project: &'p Project,
    graph: StableDiGraph<usize, usize>,
    by_id: FxHashMap<&'p str, NodeIndex>,
    /// For each node (by index), its outgoing edges in file order of the flows, so that every
    /// search visits them in the same order without sorting again.
    out: Vec<Vec<EdgeIndex>>,
}

/// How a search reached a node.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Visit {
    Unseen,
    Start,
    By(EdgeIndex),
}

/// The result of a search from many starting nodes: for each reached node, how it was reached.
pub struct Reach<'g, 'p> {
    graph: &'g ProjectGraph<'p>,
    /// By node index: how the search reached it.
    visits: Vec<Visit>,
}

impl<'p> ProjectGraph<'p> {
    /// Builds the graph. Flows whose ends are not nodes of the project are left out (a loaded
    /// project has none: the store refuses them).
    pub fn new(project: &'p Project) -> Self {
        let mut graph = StableDiGraph::with_capacity(project.nodes.len(), project.flows.len());
        let mut by_id = FxHashMap::default();
        by_id.reserve(project.nodes.len());
        for (i, node) in project.nodes.iter().enumerate() {
            by_id.insert(node.id.as_str(), graph.add_node(i));
        }
        let mut out = vec![Vec::new(); graph.node_bound()];
        for (i, flow) in project.flows.iter().enumerate() {
            if let (Some(&a), Some(&b)) =
                (by_id.get(flow.from.as_str()), by_id.get(flow.to.as_str()))
            {
                out[a.index()].push(graph.add_edge(a, b, i));
            }
        }
        Self {
            project,
            graph,
            by_id,
            out,
        }
    }

    pub fn project(&self) -> &'p Project {
        self.project
    }

    fn node_at(&self, ix: NodeIndex) -> &'p Node {
        &self.project.nodes[self.graph[ix]]
    }

    fn flow_at(&self, e: EdgeIndex) -> &'p Flow {
        &self.project.flows[self.graph[e]]
    }

    /// The flows leaving a node, in file order of the flows.
    pub fn outgoing(&self, node: &str) -> Vec<&'p Flow> {
        self.edges(node, Direction::Outgoing)
    }

    /// The flows entering a node, in file order of the flows.
    pub fn incoming(&self, node: &str) -> Vec<&'p Flow> {
        self.edges(node, Direction::Incoming)
    }

    fn edges(&self, node: &str, dir: Direction) -> Vec<&'p Flow> {
        let Some(&ix) = self.by_id.get(node) else {
            return Vec::new();
        };
        let mut flows: Vec<usize> = self
            .graph
            .edges_directed(ix, dir)
            .map(|e| *e.weight())
            .collect();
        flows.sort_unstable();
        flows.into_iter().map(|i| &self.project.flows[i]).collect()
    }

    /// Searches from `starts` along flows accepted by `follow`, never entering a node for which
    /// `blocks` is true (a starting node is searched from even if it blocks). One breadth-first
    /// search for all starts together: the checks ask "which destinations can a source reach
    /// without passing a gate" once, not once per pair.
    pub fn reach<'g>(
        &'g self,
        starts: impl IntoIterator<Item = &'p str>,
        blocks: impl Fn(&Node) -> bool,
        follow: impl Fn(&Flow) -> bool,
    ) -> Reach<'g, 'p> {
        self.reach_by_index(starts, blocks, |i| follow(&self.project.flows[i]))
    }

    /// As [`Self::reach`], with flows given to `follow` by their index in `project.flows`,
    /// for callers that keep facts about flows in a table of their own.
    pub fn reach_by_index<'g>(
        &'g self,
        starts: impl IntoIterator<Item = &'p str>,
        blocks: impl Fn(&Node) -> bool,
        follow: impl Fn(usize) -> bool,
    ) -> Reach<'g, 'p> {
        let mut visits = vec![Visit::Unseen; self.graph.node_bound()];
        let mut queue = VecDeque::new();
        for id in starts {
            if let Some(&ix) = self.by_id.get(id)
                && visits[ix.index()] == Visit::Unseen
            {
                visits[ix.index()] = Visit::Start;
                queue.push_back(ix);
            }
        }
        while let Some(ix) = queue.pop_front() {
            for &e in &self.out[ix.index()] {
                let Some((_, to)) = self.graph.edge_endpoints(e) else {
                    continue;
                };
                if visits[to.index()] != Visit::Unseen
                    || !follow(self.graph[e])
                    || blocks(self.node_at(to))
                {
                    continue;
                }
                visits[to.index()] = Visit::By(e);
                queue.push_back(to);
            }
        }
        Reach {
            graph: self,
            visits,
        }
    }

    /// The index in `project.flows` of every flow leaving a node, in file order.
    pub fn outgoing_indices(&self, node: &str) -> impl Iterator<Item = usize> + '_ {
        self.by_id
            .get(node)
            .map(|ix| self.out[ix.index()].as_slice())
            .unwrap_or_default()
            .iter()
            .map(|&e| self.graph[e])
    }

    /// Whether `to` can be reached from `from` along any flows.
    pub fn is_reachable(&self, from: &'p str, to: &str) -> bool {
        self.reach([from], |_| false, |_| true).contains(to)
    }

    /// Does every path from `from` to `to` (along flows accepted by `follow`) pass through a
    /// node that satisfies `covers`? The end points count: if either satisfies it, every path
    /// does. Otherwise the answer is one search that may not enter covering nodes: if it still
    /// reaches `to`, the path it took is the witness.
    pub fn coverage(
        &self,
        from: &'p str,
        to: &str,
        covers: impl Fn(&Node) -> bool,
        follow: impl Fn(&Flow) -> bool,
    ) -> Coverage<'p> {
        let (Some(a), Some(b)) = (self.project.node(from), self.project.node(to)) else {
            return Coverage::Unreachable;
        };
        let open = self.reach([from], |_| false, &follow);
        if !open.contains(to) {
            return Coverage::Unreachable;
        }
        if covers(a) || covers(b) {
            return Coverage::AllCovered;
        }
        match self.reach([from], &covers, &follow).path_to(to) {
            Some(path) => Coverage::Uncovered(path),
            None => Coverage::AllCovered,
        }
    }
}

impl<'p> Reach<'_, 'p> {
    /// Whether the search reached the node.
    pub fn contains(&self, id: &str) -> bool {
        self.graph
            .by_id
            .get(id)
            .is_some_and(|ix| self.visits[ix.index()] != Visit::Unseen)
    }

    /// The ids of the reached nodes, in file order.
    pub fn nodes(&self) -> Vec<&'p str> {
        let mut reached: Vec<usize> = self
            .graph
            .graph
            .node_indices()
            .filter(|ix| self.visits[ix.index()] != Visit::Unseen)
            .map(|ix| self.graph.graph[ix])
            .collect();
        reached.sort_unstable();
        reached
            .into_iter()
            .map(|i| self.graph.project.nodes[i].id.as_str())
            .collect()
    }

    /// The path by which the search reached the node, from a starting node to it.
    pub fn path_to(&self, id: &str) -> Option<Path<'p>> {
        let mut ix = *self.graph.by_id.get(id)?;
        let mut nodes = vec![self.graph.node_at(ix).id.as_str()];
        let mut flows = Vec::new();
        loop {
            match self.visits[ix.index()] {
                Visit::Unseen => return None,
                Visit::Start => break,
                Visit::By(edge) => {
                    flows.push(self.graph.flow_at(edge).id.as_str());
                    let (from, _) = self.graph.graph.edge_endpoints(edge)?;
                    ix = from;
                    nodes.push(self.graph.node_at(ix).id.as_str());
                }
            }
        }
        nodes.reverse();
        flows.reverse();
        Some(Path { nodes, flows })
    }
}
