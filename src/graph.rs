//! The project as a graph, and the path questions the checks ask.
//!
//! Nodes and flows are addressed by their ids in the project; the petgraph indices stay inside
//! this module. Every question is one breadth-first search, O(V + E), and cycles cannot make
//! it loop, because each node is visited once.

use std::collections::{HashMap, VecDeque};

use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;

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
    by_id: HashMap<&'p str, NodeIndex>,
}

/// The result of a search from many starting nodes: for each reached node, how it was reached.
pub struct Reach<'g, 'p> {
    graph: &'g ProjectGraph<'p>,
    /// For each reached node: the edge it was reached by, or `None` for a starting node.
    parent: HashMap<NodeIndex, Option<EdgeIndex>>,
}

impl<'p> ProjectGraph<'p> {
    /// Builds the graph. Flows whose ends are not nodes of the project are left out (a loaded
    /// project has none: the store refuses them).
    pub fn new(project: &'p Project) -> Self {
        let mut graph = StableDiGraph::with_capacity(project.nodes.len(), project.flows.len());
        let mut by_id = HashMap::with_capacity(project.nodes.len());
        for (i, node) in project.nodes.iter().enumerate() {
            by_id.insert(node.id.as_str(), graph.add_node(i));
        }
        for (i, flow) in project.flows.iter().enumerate() {
            if let (Some(&a), Some(&b)) =
                (by_id.get(flow.from.as_str()), by_id.get(flow.to.as_str()))
            {
                graph.add_edge(a, b, i);
            }
        }
        Self {
            project,
            graph,
            by_id,
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
        let mut parent: HashMap<NodeIndex, Option<EdgeIndex>> = HashMap::new();
        let mut queue = VecDeque::new();
        for id in starts {
            if let Some(&ix) = self.by_id.get(id)
                && parent.insert(ix, None).is_none()
            {
                queue.push_back(ix);
            }
        }
        while let Some(ix) = queue.pop_front() {
            let mut next: Vec<_> = self.graph.edges(ix).collect();
            // Follow flows in file order, so that witness paths are the same on every run.
            next.sort_unstable_by_key(|e| *e.weight());
            for e in next {
                let to = e.target();
                if parent.contains_key(&to)
                    || !follow(self.flow_at(e.id()))
                    || blocks(self.node_at(to))
                {
                    continue;
                }
                parent.insert(to, Some(e.id()));
                queue.push_back(to);
            }
        }
        Reach {
            graph: self,
            parent,
        }
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
            .is_some_and(|ix| self.parent.contains_key(ix))
    }

    /// The ids of the reached nodes, in file order.
    pub fn nodes(&self) -> Vec<&'p str> {
        let mut reached: Vec<usize> = self.parent.keys().map(|&ix| self.graph.graph[ix]).collect();
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
        while let Some(edge) = *self.parent.get(&ix)? {
            flows.push(self.graph.flow_at(edge).id.as_str());
            let (from, _) = self.graph.graph.edge_endpoints(edge)?;
            ix = from;
            nodes.push(self.graph.node_at(ix).id.as_str());
        }
        nodes.reverse();
        flows.reverse();
        Some(Path { nodes, flows })
    }
}
