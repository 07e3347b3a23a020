//! Lanes for the arrows that cross columns. Each arrow in turn takes the height nearest its
//! target port that is clear of the cards it crosses (and a little room around them), of
//! every port in the channels it runs through, and of the lanes taken before it over any of
//! the same columns: the choice the plain search of `reference.rs` makes, found with indexes
//! instead of a scan of every arrow, so that a diagram of 20,000 arrows is routed in a fraction
//! of a second rather than in twelve. What the arrows crossing the same columns run past is
//! worked out once for all of them.

use std::collections::{BTreeMap, HashMap};

use super::{CLEAR, Graph, LANE_GAP, Rect};

/// The cards and ports as placed.
pub(super) struct Placed<'a> {
    pub cards: &'a [Rect],
    pub col_of: &'a [usize],
    pub port_out: &'a [f32],
    pub port_in: &'a [f32],
}

/// What a lane over columns `lo..hi` runs past: the same for every arrow crossing them.
struct Crossing {
    /// Heights taken by the cards crossed, by where they start.
    blocked: Vec<(f32, f32)>,
    /// `reach[i]`: the lowest end among `blocked[..=i]`.
    reach: Vec<f32>,
    /// Heights of the ports in the channels the lanes run through, ascending.
    ports: Vec<f32>,
    /// Lanes in the gaps between the cards, ascending.
    gaps: Vec<f32>,
}

impl Crossing {
    fn new(g: &Graph, p: &Placed, lo: usize, hi: usize) -> Self {
        let mut blocked: Vec<(f32, f32)> = (lo..hi)
            .flat_map(|c| {
                g.columns[c]
                    .iter()
                    .map(|&i| (p.cards[i].y - CLEAR, p.cards[i].bottom() + CLEAR))
            })
            .collect();
        blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reach = Vec::with_capacity(blocked.len());
        let mut far = f32::NEG_INFINITY;
        for b in &blocked {
            far = far.max(b.1);
            reach.push(far);
        }
        let near = |c: usize| c + 1 >= lo && c <= hi;
        let mut ports = Vec::new();
        for (f, &(a, b, _)) in g.edges.iter().enumerate() {
            if near(p.col_of[a]) {
                ports.push(p.port_out[f]);
            }
            if near(p.col_of[b]) {
                ports.push(p.port_in[f]);
            }
        }
        ports.sort_by(f32::total_cmp);
        let mut gaps = Vec::new();
        for w in blocked.windows(2) {
            let mut y = w[0].1 + LANE_GAP;
            while y < w[1].0 - LANE_GAP / 2.0 {
                gaps.push(y);
                y += LANE_GAP;
            }
        }
        gaps.sort_by(f32::total_cmp);
        Crossing {
            blocked,
            reach,
            ports,
            gaps,
        }
    }

    /// Clear of every card crossed and of every port on the way.
    fn free(&self, y: f32) -> bool {
        let started = self.blocked.partition_point(|(a, _)| *a <= y);
        if started > 0 && self.reach[started - 1] >= y {
            return false;
        }
        let i = self.ports.partition_point(|p| *p < y);
        [i.checked_sub(1), Some(i)]
            .into_iter()
            .flatten()
            .filter_map(|k| self.ports.get(k))
            .all(|p| (p - y).abs() >= 2.0)
    }
}

/// A height as a key ordered like `f32::total_cmp`.
fn key(y: f32) -> i32 {
    let bits = y.to_bits() as i32;
    bits ^ (((bits >> 31) as u32) >> 1) as i32
}

/// The values of an ascending sequence, from those nearest `want` outwards: nearer first, the
/// higher one (smaller y) first at the same distance.
struct Outwards<F: Fn(usize) -> f32> {
    at: F,
    want: f32,
    /// The next index to take going down, and going up.
    down: Option<usize>,
    up: usize,
    len: usize,
}

impl<F: Fn(usize) -> f32> Outwards<F> {
    fn new(at: F, len: usize, want: f32) -> Self {
        // The first index at or past `want`.
        let (mut a, mut b) = (0, len);
        while a < b {
            let mid = a + (b - a) / 2;
            if at(mid) < want {
                a = mid + 1;
            } else {
                b = mid;
            }
        }
        Outwards {
            at,
            want,
            down: a.checked_sub(1),
            up: a,
            len,
        }
    }

    /// The next value's place in the order: its distance from `want`, then itself.
    fn order(&self, y: f32) -> (f32, f32) {
        ((y - self.want).abs(), y)
    }

    fn peek(&self) -> Option<(f32, f32)> {
        let down = self.down.map(|i| self.order((self.at)(i)));
        let up = (self.up < self.len).then(|| self.order((self.at)(self.up)));
        match (down, up) {
            (Some(d), Some(u)) => Some(if before(d, u) { d } else { u }),
            (d, u) => d.or(u),
        }
    }

    fn take(&mut self) {
        let down = self.down.map(|i| self.order((self.at)(i)));
        let up = (self.up < self.len).then(|| self.order((self.at)(self.up)));
        match (down, up) {
            (Some(d), Some(u)) if before(d, u) => {
                self.down = self.down.and_then(|i| i.checked_sub(1))
            }
            (Some(_), None) => self.down = self.down.and_then(|i| i.checked_sub(1)),
            (_, Some(_)) => self.up += 1,
            (None, None) => {}
        }
    }
}

fn before(a: (f32, f32), b: (f32, f32)) -> bool {
    a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)).is_lt()
}

/// Whether a lane at `y` over columns `lo..=hi` comes too near one taken.
fn clash(taken: &BTreeMap<i32, Vec<(f32, usize, usize)>>, y: f32, lo: usize, hi: usize) -> bool {
    taken
        .range(key(y - LANE_GAP)..=key(y + LANE_GAP))
        .flat_map(|(_, at)| at)
        .any(|(ty, a, b)| (ty - y).abs() < LANE_GAP - 0.01 && *a <= hi && lo <= *b)
}

/// The lane of every arrow that crosses columns (`None` for one that does not, or that
/// finds no room).
pub(super) fn assign(g: &Graph, p: &Placed) -> Vec<Option<f32>> {
    let edges = g.edges.len();
    let mut lanes = vec![None; edges];
    let mut crossings: HashMap<(usize, usize), Crossing> = HashMap::new();
    // The lanes taken: height → (height, columns from, to).
    let mut taken: BTreeMap<i32, Vec<(f32, usize, usize)>> = BTreeMap::new();
    for (e, lane) in lanes.iter_mut().enumerate() {
        let (from, to, _) = g.edges[e];
        let (x, en) = (p.col_of[from] + 1, p.col_of[to]);
        if x == en {
            continue;
        }
        let (lo, hi) = (x.min(en), x.max(en));
        let c = crossings
            .entry((lo, hi))
            .or_insert_with(|| Crossing::new(g, p, lo, hi));
        let want = p.port_in[e];
        // Candidates: lanes above and below everything, and in the gaps, nearest the target.
        let top = c.blocked.first().map_or(want, |b| b.0);
        let bottom = c.reach.last().map_or(want, |r| r.max(want));
        let count = edges + 1;
        let mut above = Outwards::new(|i| top - LANE_GAP * (count - i) as f32, count, want);
        let mut below = Outwards::new(|i| bottom + LANE_GAP * (i + 1) as f32, count, want);
        let mut gaps = Outwards::new(|i| c.gaps[i], c.gaps.len(), want);
        loop {
            let heads = [above.peek(), below.peek(), gaps.peek()];
            let Some((k, (_, y))) = heads
                .iter()
                .enumerate()
                .filter_map(|(k, h)| h.map(|h| (k, h)))
                .reduce(|a, b| if before(b.1, a.1) { b } else { a })
            else {
                break;
            };
            match k {
                0 => above.take(),
                1 => below.take(),
                _ => gaps.take(),
            }
            if c.free(y) && !clash(&taken, y, lo, hi) {
                taken.entry(key(y)).or_default().push((y, lo, hi));
                *lane = Some(y);
                break;
            }
        }
    }
    lanes
}
