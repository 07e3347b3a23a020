//! The project as a graph of data, not of systems: one state per (node, field) pair, and one
//! edge per field mapping that sends the field along a flow. A question such as "can the
//! e-mail address reach this flow without passing a gate that enforces marketing consent?"
//! is one breadth-first search here, whatever activities the flows on the way are labelled
//! with: labels say what a mapping is for where it arrives, never whether data upstream moves.
//!
//! Searches start wherever a field enters the graph: a source that collects it, or a node
//! that sends it although no flow brings it there (a CRM, a database, a relay that makes it
//! up). A field that only circles between nodes, with no such start, has entered somewhere
//! in that circle: every state no start reaches counts as a start of its own.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::graph::Path;
use crate::model::NodeKind;

use super::context::FlowFacts;

/// One field mapping seen as an edge between two states.
#[derive(Clone, Copy, Debug, Default)]
pub struct Edge {
    /// The flow's position in `project.flows` (and in the context's flow facts).
    pub flow: u32,
    /// The mapping's position among the flow's sent mappings.
    pub mapping: u32,
    pub from: u32,
    pub to: u32,
    /// The mapping sends the field for fewer users than reach it (`only_for`, `except_for`).
    pub narrows: bool,
}

/// The (node, field) graph of one project.
pub struct DataFlow {
    /// By state: the node's and the field's positions in the project.
    states: Vec<(usize, usize)>,
    index: StateIndex,
    /// Edges sorted by their state of origin; `out_start[s]..out_start[s + 1]` are state s's.
    edges: Vec<Edge>,
    out_start: Vec<usize>,
    entry: Vec<bool>,
}

const UNSEEN: u32 = u32::MAX;
const START: u32 = u32::MAX - 1;

/// Where each (node, field) pair's state is: a table with a cell per pair when that is small
/// enough (the usual case, and much faster than hashing a million pairs), a hash map otherwise.
enum StateIndex {
    Dense { fields: usize, cells: Vec<u32> },
    Sparse(FxHashMap<(usize, usize), u32>),
}

impl StateIndex {
    /// Up to 8 million cells (32 MB) as a table.
    const DENSE_LIMIT: usize = 8 << 20;

    fn new(nodes: usize, fields: usize) -> Self {
        match nodes.checked_mul(fields) {
            Some(cells) if cells <= Self::DENSE_LIMIT => StateIndex::Dense {
                fields,
                cells: vec![UNSEEN; cells],
            },
            _ => StateIndex::Sparse(FxHashMap::default()),
        }
    }

    fn get(&self, node: usize, field: usize) -> Option<u32> {
        match self {
            StateIndex::Dense { fields, cells } => cells
                .get(node * fields + field)
                .copied()
                .filter(|&s| s != UNSEEN),
            StateIndex::Sparse(map) => map.get(&(node, field)).copied(),
        }
    }

    fn get_or_insert(&mut self, node: usize, field: usize, new: impl FnOnce() -> u32) -> u32 {
        match self {
            StateIndex::Dense { fields, cells } => {
                let cell = &mut cells[node * *fields + field];
                if *cell == UNSEEN {
                    *cell = new();
                }
                *cell
            }
            StateIndex::Sparse(map) => *map.entry((node, field)).or_insert_with(new),
        }
    }
}

/// The result of one search: for every state, how it was reached.
pub struct Reached {
    /// By state: `UNSEEN`, `START`, or the index of the edge that reached it.
    how: Vec<u32>,
}

impl DataFlow {
    /// The graph of no project: no states, no edges (until the context has built its own).
    pub fn empty() -> Self {
        Self {
            states: Vec::new(),
            index: StateIndex::Sparse(FxHashMap::default()),
            edges: Vec::new(),
            out_start: vec![0],
            entry: Vec::new(),
        }
    }

    pub fn new(project: &crate::model::Project, flows: &[FlowFacts]) -> Self {
        let mut states = Vec::new();
        let mut index = StateIndex::new(project.nodes.len(), project.fields.len());
        let mut state = |n: usize, f: usize, states: &mut Vec<(usize, usize)>| -> u32 {
            index.get_or_insert(n, f, || {
                states.push((n, f));
                (states.len() - 1) as u32
            })
        };
        // Two passes over the mappings: the first makes the states and counts each one's
        // edges, the second puts every edge in its place (a counting sort, linear and stable:
        // the edges of one state keep the file order of their flows). No list of edges in
        // file order is ever built, which halves the memory this takes.
        let ends = |facts: &FlowFacts| facts.from_ix.zip(facts.to_ix);
        let mut out_count: Vec<usize> = Vec::new();
        for facts in flows {
            let Some((from, to)) = ends(facts) else {
                continue;
            };
            for field in facts.sent.iter().filter_map(|m| m.field_ix()) {
                let a = state(from, field, &mut states) as usize;
                state(to, field, &mut states);
                if out_count.len() <= a {
                    out_count.resize(a + 1, 0);
                }
                out_count[a] += 1;
            }
        }
        let field_ix: FxHashMap<&str, usize> = project
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), i))
            .collect();
        for (n, node) in project.nodes.iter().enumerate() {
            if let NodeKind::Source(s) = &node.kind {
                for f in s.collects.iter().filter_map(|f| field_ix.get(f.as_str())) {
                    state(n, *f, &mut states);
                }
            }
        }
        out_count.resize(states.len(), 0);
        let mut out_start = Vec::with_capacity(states.len() + 1);
        out_start.push(0);
        for c in &out_count {
            out_start.push(out_start[out_start.len() - 1] + c);
        }
        let mut next = out_start.clone();
        let mut edges = vec![Edge::default(); out_start[states.len()]];
        for (fi, facts) in flows.iter().enumerate() {
            let Some((from, to)) = ends(facts) else {
                continue;
            };
            for (mi, m) in facts.sent.iter().enumerate() {
                let Some(field) = m.field_ix() else { continue };
                let (Some(a), Some(b)) = (index.get(from, field), index.get(to, field)) else {
                    continue;
                };
                edges[next[a as usize]] = Edge {
                    flow: fi as u32,
                    mapping: mi as u32,
                    from: a,
                    to: b,
                    narrows: m.narrows,
                };
                next[a as usize] += 1;
            }
        }
        let index_ref = &index;
        let collected: Vec<u32> = project
            .nodes
            .iter()
            .enumerate()
            .filter_map(|(n, node)| match &node.kind {
                NodeKind::Source(s) => Some((n, s)),
                _ => None,
            })
            .flat_map(|(n, s)| {
                s.collects
                    .iter()
                    .filter_map(|f| field_ix.get(f.as_str()))
                    .filter_map(move |&f| index_ref.get(n, f))
            })
            .collect();
        let mut has_in = vec![false; states.len()];
        for e in &edges {
            has_in[e.to as usize] = true;
        }
        let mut entry: Vec<bool> = (0..states.len())
            .map(|s| out_start[s + 1] > out_start[s] && !has_in[s])
            .collect();
        for s in collected {
            entry[s as usize] = true;
        }
        let mut df = Self {
            states,
            index,
            edges,
            out_start,
            entry,
        };
        // States that no start reaches lie on circles with no way in: each is a start too.
        let open = df.search(|_| false);
        for (s, how) in open.how.iter().enumerate() {
            if *how == UNSEEN {
                df.entry[s] = true;
            }
        }
        df
    }

    /// The state of a node and a field, when some mapping or source has it.
    pub fn state(&self, node: usize, field: usize) -> Option<u32> {
        self.index.get(node, field)
    }

    pub fn is_entry(&self, state: u32) -> bool {
        self.entry[state as usize]
    }

    pub fn len(&self) -> usize {
        self.states.len()
    }

    pub fn node_of(&self, state: u32) -> usize {
        self.states[state as usize].0
    }

    /// The mappings that leave a state.
    pub fn out(&self, state: u32) -> &[Edge] {
        let s = state as usize;
        &self.edges[self.out_start[s]..self.out_start[s + 1]]
    }

    /// One breadth-first search from every start, never entering (nor starting at) a node for
    /// which `blocks` is true. O(states + mappings).
    pub fn search(&self, blocks: impl Fn(usize) -> bool) -> Reached {
        let mut how = vec![UNSEEN; self.states.len()];
        let mut queue = VecDeque::new();
        for (s, (&(node, _), &entry)) in self.states.iter().zip(&self.entry).enumerate() {
            if entry && !blocks(node) {
                how[s] = START;
                queue.push_back(s as u32);
            }
        }
        while let Some(s) = queue.pop_front() {
            for (k, e) in self.out(s).iter().enumerate() {
                let t = e.to as usize;
                if how[t] != UNSEEN || blocks(self.states[t].0) {
                    continue;
                }
                how[t] = (self.out_start[s as usize] + k) as u32;
                queue.push_back(e.to);
            }
        }
        Reached { how }
    }

    /// The path by which a search reached a state: node ids from where the field entered to
    /// the state's node, with the flows between them.
    pub fn path<'p>(
        &self,
        reached: &Reached,
        state: u32,
        project: &'p crate::model::Project,
    ) -> Option<Path<'p>> {
        let mut s = state;
        let mut nodes = vec![project.nodes[self.node_of(s)].id.as_str()];
        let mut flows = Vec::new();
        // A path never repeats a state, so it is at most as long as there are states.
        for _ in 0..=self.states.len() {
            match reached.how[s as usize] {
                UNSEEN => return None,
                START => {
                    nodes.reverse();
                    flows.reverse();
                    return Some(Path { nodes, flows });
                }
                e => {
                    let edge = self.edges[e as usize];
                    flows.push(project.flows[edge.flow as usize].id.as_str());
                    s = edge.from;
                    nodes.push(project.nodes[self.node_of(s)].id.as_str());
                }
            }
        }
        None
    }
}

impl Reached {
    pub fn contains(&self, state: u32) -> bool {
        self.how[state as usize] != UNSEEN
    }
}
