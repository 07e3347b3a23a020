//! Large graphs: a layered layout in which every step is linear, or n log n, in the size of
//! the graph, so that 5,000 nodes and 50,000 flows are laid out in a fraction of a second.
//!
//! The steps are Sugiyama's, each done the quick way: cycles are broken by the back edges of
//! a depth-first search, layers are longest paths from the sources, and the order within each
//! layer comes from a fixed number of barycentre sweeps (each node moves to the mean place of
//! its neighbours in the layers before it, then after it), keeping the order with the fewest
//! crossings between neighbouring layers. Long flows get no dummy vertices: that is what
//! makes the crate's layout of small graphs tidier, and its cost grow so fast.

use super::{Progress, Shape, Slot};

/// Rounds of sweeps (one towards the destinations and one back): the crossings seldom fall
/// much after the first few, and a bound keeps the time predictable.
const ROUNDS: usize = 8;

/// Adjacency in compressed rows: the neighbours of node `v` are `to[start[v]..start[v + 1]]`.
struct Rows {
    start: Vec<usize>,
    to: Vec<u32>,
}

impl Rows {
    fn new(n: usize, edges: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let mut start = vec![0usize; n + 1];
        for (a, _) in edges.clone() {
            start[a as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut to = vec![0u32; start[n]];
        for (a, b) in edges {
            to[fill[a as usize]] = b;
            fill[a as usize] += 1;
        }
        Self { start, to }
    }

    fn of(&self, v: usize) -> &[u32] {
        &self.to[self.start[v]..self.start[v + 1]]
    }
}

/// Layer and order of every node; `None` when the work was cancelled.
pub(super) fn slots(shape: &Shape, progress: &Progress) -> Option<Vec<Slot>> {
    let n = shape.len();
    let out = Rows::new(n, shape.edges.iter().copied());
    let part = parts(n, &shape.edges);
    let forward = without_back_edges(&out, n);
    let order = topological(&forward, n);
    let mut rank = longest_paths(&forward, &order, n);
    progress.set(0.1);
    // Destinations end the picture: each in the last layer of its part, already while the
    // order is worked out, so that the order fits the layers that are drawn.
    let parts_count = part.iter().map(|&p| p + 1).max().unwrap_or(0) as usize;
    let mut last = vec![0u32; parts_count];
    for v in 0..n {
        last[part[v] as usize] = last[part[v] as usize].max(rank[v]);
    }
    for v in 0..n {
        if shape.destination[v] {
            rank[v] = last[part[v] as usize];
        }
    }
    // The layers, each part's in turn, nodes first in topological order (neighbours near
    // each other), then sorted by the sweeps.
    let mut layers = layers_of(&order, &part, &rank);
    let both = Rows::new(n, shape.edges.iter().flat_map(|&(a, b)| [(a, b), (b, a)]));
    let mut place = vec![0f64; n];
    let mut index = vec![0u32; n];
    let reindex = |layers: &[Layer], place: &mut [f64], index: &mut [u32]| {
        for layer in layers {
            let len = layer.nodes.len() as f64;
            for (i, &v) in layer.nodes.iter().enumerate() {
                place[v as usize] = (i as f64 + 0.5) / len;
                index[v as usize] = i as u32;
            }
        }
    };
    reindex(&layers, &mut place, &mut index);
    let mut best = layers.clone();
    let mut fewest = crossings(&layers, &out, &rank, &index);
    for round in 0..ROUNDS {
        if fewest == 0 {
            break;
        }
        for towards_end in [true, false] {
            if progress.is_cancelled() {
                return None;
            }
            let order: Vec<usize> = if towards_end {
                (0..layers.len()).collect()
            } else {
                (0..layers.len()).rev().collect()
            };
            for l in order {
                let layer = &mut layers[l];
                let mut keyed: Vec<(f64, u32, u32)> = layer
                    .nodes
                    .iter()
                    .map(|&v| {
                        let (sum, count) = both
                            .of(v as usize)
                            .iter()
                            .filter(|&&u| {
                                let (ru, rv) = (rank[u as usize], rank[v as usize]);
                                if towards_end { ru < rv } else { ru > rv }
                            })
                            .fold((0.0, 0u32), |(s, c), &u| (s + place[u as usize], c + 1));
                        let key = if count == 0 {
                            place[v as usize]
                        } else {
                            sum / f64::from(count)
                        };
                        (key, index[v as usize], v)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                let len = keyed.len() as f64;
                for (i, (_, _, v)) in keyed.iter().enumerate() {
                    layer.nodes[i] = *v;
                    place[*v as usize] = (i as f64 + 0.5) / len;
                    index[*v as usize] = i as u32;
                }
            }
            let now = crossings(&layers, &out, &rank, &index);
            if now < fewest {
                fewest = now;
                best = layers.clone();
            }
        }
        progress.set(0.1 + 0.9 * (round + 1) as f32 / ROUNDS as f32);
    }
    let mut slots = Vec::with_capacity(n);
    for layer in &best {
        for (i, &v) in layer.nodes.iter().enumerate() {
            slots.push(Slot {
                node: v as usize,
                part: layer.part as usize,
                layer: f64::from(layer.rank),
                along: i as f64,
            });
        }
    }
    Some(slots)
}

/// One layer of one part, its nodes in order.
#[derive(Clone)]
struct Layer {
    part: u32,
    rank: u32,
    nodes: Vec<u32>,
}

/// The connected part of every node, numbered in the order of each part's first node.
fn parts(n: usize, edges: &[(u32, u32)]) -> Vec<u32> {
    let mut parent: Vec<u32> = (0..n as u32).collect();
    fn root(parent: &mut [u32], mut v: u32) -> u32 {
        while parent[v as usize] != v {
            let up = parent[parent[v as usize] as usize];
            parent[v as usize] = up;
            v = up;
        }
        v
    }
    for &(a, b) in edges {
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb) as usize] = ra.min(rb);
        }
    }
    let mut number = vec![u32::MAX; n];
    let mut next = 0;
    (0..n as u32)
        .map(|v| {
            let r = root(&mut parent, v) as usize;
            if number[r] == u32::MAX {
                number[r] = next;
                next += 1;
            }
            number[r]
        })
        .collect()
}

/// The flows without those that close a cycle: the back edges of a depth-first search that
/// starts from the nodes in file order (the same graph always loses the same edges).
fn without_back_edges(out: &Rows, n: usize) -> Rows {
    #[derive(Clone, Copy, PartialEq)]
    enum Seen {
        No,
        OnPath,
        Done,
    }
    let mut seen = vec![Seen::No; n];
    let mut kept = Vec::with_capacity(out.to.len());
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for s in 0..n {
        if seen[s] != Seen::No {
            continue;
        }
        seen[s] = Seen::OnPath;
        stack.push((s, out.start[s]));
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if *next == out.start[v + 1] {
                seen[v] = Seen::Done;
                stack.pop();
                continue;
            }
            let w = out.to[*next] as usize;
            *next += 1;
            match seen[w] {
                Seen::OnPath => {}
                Seen::Done => kept.push((v as u32, w as u32)),
                Seen::No => {
                    kept.push((v as u32, w as u32));
                    seen[w] = Seen::OnPath;
                    stack.push((w, out.start[w]));
                }
            }
        }
    }
    Rows::new(n, kept.into_iter())
}

/// The nodes in topological order (the graph has no cycles left), those without incoming
/// flows first in file order: layers are ranked along it, and start in it.
fn topological(forward: &Rows, n: usize) -> Vec<u32> {
    let mut incoming = vec![0u32; n];
    for &w in &forward.to {
        incoming[w as usize] += 1;
    }
    let mut order = Vec::with_capacity(n);
    let mut ready: std::collections::VecDeque<usize> =
        (0..n).filter(|&v| incoming[v] == 0).collect();
    while let Some(v) = ready.pop_front() {
        order.push(v as u32);
        for &w in forward.of(v) {
            incoming[w as usize] -= 1;
            if incoming[w as usize] == 0 {
                ready.push_back(w as usize);
            }
        }
    }
    order
}

/// Each node's layer: the longest path to it from a node without incoming flows.
fn longest_paths(forward: &Rows, order: &[u32], n: usize) -> Vec<u32> {
    let mut rank = vec![0u32; n];
    for &v in order {
        for &w in forward.of(v as usize) {
            rank[w as usize] = rank[w as usize].max(rank[v as usize] + 1);
        }
    }
    rank
}

/// The layers of every part, in part and rank order, each first in topological order.
fn layers_of(order: &[u32], part: &[u32], rank: &[u32]) -> Vec<Layer> {
    let mut keyed: Vec<(u32, u32, usize, u32)> = order
        .iter()
        .enumerate()
        .map(|(i, &v)| (part[v as usize], rank[v as usize], i, v))
        .collect();
    keyed.sort_unstable();
    let mut layers: Vec<Layer> = Vec::new();
    for (p, r, _, v) in keyed {
        match layers.last_mut() {
            Some(l) if l.part == p && l.rank == r => l.nodes.push(v),
            _ => layers.push(Layer {
                part: p,
                rank: r,
                nodes: vec![v],
            }),
        }
    }
    layers
}

/// Crossings between flows that join neighbouring layers (counted as inversions, with a
/// Fenwick tree): what the sweeps try to make few.
fn crossings(layers: &[Layer], out: &Rows, rank: &[u32], index: &[u32]) -> u64 {
    let mut total = 0u64;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for (l, layer) in layers.iter().enumerate() {
        let Some(next) = layers.get(l + 1) else { break };
        if next.part != layer.part || next.rank != layer.rank + 1 {
            continue;
        }
        pairs.clear();
        for &v in &layer.nodes {
            for &w in out.of(v as usize) {
                if rank[w as usize] == next.rank {
                    pairs.push((index[v as usize], index[w as usize]));
                }
            }
        }
        pairs.sort_unstable();
        let mut tree = vec![0u32; next.nodes.len() + 1];
        for (seen, &(_, b)) in pairs.iter().enumerate() {
            // Edges seen so far that end right of b cross this one.
            let mut not_right = 0u64;
            let mut i = b as usize + 1;
            while i > 0 {
                not_right += u64::from(tree[i]);
                i -= i & i.wrapping_neg();
            }
            total += seen as u64 - not_right;
            let mut i = b as usize + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}
