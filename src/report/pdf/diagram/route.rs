//! Where the diagram's cards go and how its arrows run, as pure geometry. Cards stand in
//! columns (the order of the app's canvas, left to right). Arrows are orthogonal: out of the
//! right side of their card at a port of their own, along a track of their own in the channel
//! between two columns, and into the left side of their target, also at a port of its own, so
//! no two arrows share a stretch of line and none runs through a card. An arrow that skips
//! columns, or runs backwards, crosses the columns between through a gap between their cards
//! (or above or below them all) on a lane of its own. rust-sugiyama gives no bends, so this is
//! capimap's own.

/// A box: left, top, width, height (y grows downwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
}

/// What is to be placed: the cards of each column in order (indices into `sizes`), each card's
/// least size, and the arrows (from card, to card, width of their label).
pub struct Graph {
    pub columns: Vec<Vec<usize>>,
    pub sizes: Vec<(f32, f32)>,
    pub edges: Vec<(usize, usize, f32)>,
}

/// One arrow as drawn: its corner points from tail to head, and its label's box.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub points: Vec<(f32, f32)>,
    pub label: Rect,
}

pub struct Geometry {
    pub cards: Vec<Rect>,
    pub paths: Vec<Path>,
    pub width: f32,
    pub height: f32,
}

/// Vertical distance between two cards of a column.
const ROW_GAP: f32 = 26.0;
/// Distance between two ports on a card's side, and two lanes in a gap.
pub const PORT_GAP: f32 = 9.0;
const LANE_GAP: f32 = 5.0;
/// Distance between two tracks in a channel.
const TRACK_GAP: f32 = 5.0;
const LABEL_H: f32 = 8.0;
/// Least width of a channel between two columns.
const MIN_CHANNEL: f32 = 34.0;
/// Room between a lane and the cards it passes.
const CLEAR: f32 = 4.0;

struct Segment {
    edge: usize,
    from: f32,
    to: f32,
}

pub fn route(g: &Graph) -> Geometry {
    let n = g.sizes.len();
    let ncols = g.columns.len();
    let mut col_of = vec![0; n];
    for (c, col) in g.columns.iter().enumerate() {
        for &i in col {
            col_of[i] = c;
        }
    }
    // Each card tall enough for a port per arrow on either side.
    let (mut outs, mut ins) = (vec![0usize; n], vec![0usize; n]);
    for &(a, b, _) in &g.edges {
        outs[a] += 1;
        ins[b] += 1;
    }
    let heights: Vec<f32> = (0..n)
        .map(|i| {
            g.sizes[i]
                .1
                .max((outs[i].max(ins[i]) + 1) as f32 * PORT_GAP)
        })
        .collect();
    // Columns stacked and centred on the tallest.
    let col_h: Vec<f32> = g
        .columns
        .iter()
        .map(|c| {
            c.iter().map(|&i| heights[i]).sum::<f32>() + ROW_GAP * c.len().saturating_sub(1) as f32
        })
        .collect();
    let tallest = col_h.iter().copied().fold(0.0, f32::max);
    let mut cards = vec![
        Rect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        n
    ];
    for (c, col) in g.columns.iter().enumerate() {
        let mut y = (tallest - col_h[c]) / 2.0;
        for &i in col {
            cards[i] = Rect {
                x: 0.0,
                y,
                w: g.sizes[i].0,
                h: heights[i],
            };
            y += heights[i] + ROW_GAP;
        }
    }

    // Ports: outgoing ordered by where they go, incoming by where they come from.
    let centre = |i: usize| cards[i].y + cards[i].h / 2.0;
    let mut port_out = vec![0.0; g.edges.len()];
    let mut port_in = vec![0.0; g.edges.len()];
    for (card, r) in cards.iter().enumerate() {
        for (side, ports) in [(true, &mut port_out), (false, &mut port_in)] {
            let mut mine: Vec<usize> = (0..g.edges.len())
                .filter(|&e| {
                    if side {
                        g.edges[e].0 == card
                    } else {
                        g.edges[e].1 == card
                    }
                })
                .collect();
            let other = |e: usize| if side { g.edges[e].1 } else { g.edges[e].0 };
            mine.sort_by(|&a, &b| {
                centre(other(a))
                    .total_cmp(&centre(other(b)))
                    .then(a.cmp(&b))
            });
            let step = r.h / (mine.len() + 1) as f32;
            for (k, e) in mine.into_iter().enumerate() {
                ports[e] = r.y + step * (k + 1) as f32;
            }
        }
    }

    // Channel k is left of column k (0: left of all, ncols: right of all). An arrow leaves by
    // the channel right of its card and enters by the channel left of its target.
    let exit = |e: usize| col_of[g.edges[e].0] + 1;
    let entry = |e: usize| col_of[g.edges[e].1];
    // Lanes for the arrows that cross columns.
    let mut lanes: Vec<Option<f32>> = vec![None; g.edges.len()];
    let mut taken: Vec<(f32, usize, usize)> = Vec::new();
    for e in 0..g.edges.len() {
        let (x, en) = (exit(e), entry(e));
        if x == en {
            continue;
        }
        let (lo, hi) = (x.min(en), x.max(en));
        // Blocked heights in the columns crossed.
        let mut blocked: Vec<(f32, f32)> = (lo..hi)
            .flat_map(|c| {
                g.columns[c]
                    .iter()
                    .map(|&i| (cards[i].y - CLEAR, cards[i].bottom() + CLEAR))
            })
            .collect();
        blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
        let want = port_in[e];
        // Nor at the height of a port in the channels it runs through, where another arrow
        // leaves or enters on the same line.
        let ports: Vec<f32> = (0..g.edges.len())
            .flat_map(|f| {
                let near = |c: usize| c + 1 >= lo && c <= hi;
                let mut v = Vec::new();
                if near(col_of[g.edges[f].0]) {
                    v.push(port_out[f]);
                }
                if near(col_of[g.edges[f].1]) {
                    v.push(port_in[f]);
                }
                v
            })
            .collect();
        let free = |y: f32| {
            blocked.iter().all(|(a, b)| y < *a || y > *b)
                && ports.iter().all(|p| (p - y).abs() >= 2.0)
        };
        let clash = |y: f32| {
            taken
                .iter()
                .any(|(ty, a, b)| (ty - y).abs() < LANE_GAP - 0.01 && *a <= hi && lo <= *b)
        };
        // Candidates: gaps' lanes and lanes above and below everything, nearest the target.
        let mut candidates: Vec<f32> = Vec::new();
        let top = blocked.first().map_or(want, |b| b.0);
        let bottom = blocked.iter().map(|b| b.1).fold(want, f32::max);
        for k in 1..=(g.edges.len() + 1) {
            candidates.push(top - LANE_GAP * k as f32);
            candidates.push(bottom + LANE_GAP * k as f32);
        }
        for w in blocked.windows(2) {
            let mut y = w[0].1 + LANE_GAP;
            while y < w[1].0 - LANE_GAP / 2.0 {
                candidates.push(y);
                y += LANE_GAP;
            }
        }
        candidates.sort_by(|a, b| {
            (a - want)
                .abs()
                .total_cmp(&(b - want).abs())
                .then(a.total_cmp(b))
        });
        if let Some(y) = candidates.into_iter().find(|&y| free(y) && !clash(y)) {
            taken.push((y, lo, hi));
            lanes[e] = Some(y);
        }
    }

    // Vertical segments per channel, one track each.
    let mut channels: Vec<Vec<Segment>> = (0..=ncols).map(|_| Vec::new()).collect();
    for e in 0..g.edges.len() {
        match lanes[e] {
            None => channels[exit(e)].push(Segment {
                edge: e,
                from: port_out[e],
                to: port_in[e],
            }),
            Some(y) => {
                channels[exit(e)].push(Segment {
                    edge: e,
                    from: port_out[e],
                    to: y,
                });
                channels[entry(e)].push(Segment {
                    edge: e,
                    from: y,
                    to: port_in[e],
                });
            }
        }
    }
    // Rising segments take the near tracks, highest first; falling ones the far tracks,
    // lowest first: a fan of arrows out of one card then never crosses itself.
    for segs in &mut channels {
        segs.sort_by(|a, b| {
            let key = |s: &Segment| {
                if s.to <= s.from {
                    (0, s.to.min(s.from))
                } else {
                    (1, -s.to.max(s.from))
                }
            };
            let (ka, kb) = (key(a), key(b));
            ka.0.cmp(&kb.0)
                .then(ka.1.total_cmp(&kb.1))
                .then(a.edge.cmp(&b.edge))
        });
    }
    let label_room = |k: usize| {
        g.edges
            .iter()
            .enumerate()
            .filter(|(e, _)| k < ncols && entry(*e) == k)
            .map(|(_, (_, _, w))| w + 8.0)
            .fold(0.0, f32::max)
    };
    let mut x = 0.0;
    let mut track_x: Vec<Vec<f32>> = Vec::with_capacity(ncols + 1);
    let mut col_x = vec![0.0; ncols];
    let col_w: Vec<f32> = g
        .columns
        .iter()
        .map(|c| c.iter().map(|&i| g.sizes[i].0).fold(0.0, f32::max))
        .collect();
    for k in 0..=ncols {
        let tracks = channels[k].len();
        let mut w = TRACK_GAP * (tracks + 1) as f32 + label_room(k);
        if k > 0 && k < ncols {
            w = w.max(MIN_CHANNEL);
        } else if tracks == 0 {
            w = 0.0;
        }
        track_x.push(
            (0..tracks)
                .map(|t| x + TRACK_GAP * (t + 1) as f32)
                .collect(),
        );
        x += w;
        if k < ncols {
            col_x[k] = x;
            x += col_w[k];
        }
    }
    for (i, r) in cards.iter_mut().enumerate() {
        r.x = col_x[col_of[i]];
        r.w = col_w[col_of[i]];
    }
    let track_of = |k: usize, e: usize| {
        channels[k]
            .iter()
            .position(|s| s.edge == e)
            .map_or(0.0, |t| track_x[k][t])
    };
    // An arrow leaving a card and another entering a card of the next column at the same
    // height would share a stretch of that line where the leaving one's track lies beyond the
    // entering one's: the entering port moves a little, within its card.
    for _ in 0..3 {
        let mut moved = false;
        for f in 0..g.edges.len() {
            let k = entry(f);
            let tf = track_of(k, f);
            let clash = (0..g.edges.len()).any(|e| {
                e != f
                    && exit(e) == k
                    && (port_out[e] - port_in[f]).abs() < 1.0
                    && track_of(k, e) > tf
            });
            if clash {
                let r = cards[g.edges[f].1];
                let up = port_in[f] - PORT_GAP / 3.0;
                let down = port_in[f] + PORT_GAP / 3.0;
                port_in[f] = if down < r.bottom() - 1.0 {
                    down
                } else {
                    up.max(r.y + 1.0)
                };
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let paths: Vec<Path> = (0..g.edges.len())
        .map(|e| {
            let (a, b, label_w) = g.edges[e];
            let (pa, pb) = (port_out[e], port_in[e]);
            let mut points = vec![(cards[a].right(), pa)];
            let tx = track_of(exit(e), e);
            points.push((tx, pa));
            if let Some(y) = lanes[e] {
                let ti = track_of(entry(e), e);
                points.push((tx, y));
                points.push((ti, y));
                points.push((ti, pb));
            } else {
                points.push((tx, pb));
            }
            points.push((cards[b].x, pb));
            points.dedup();
            let label = Rect {
                x: cards[b].x - 6.0 - label_w,
                y: pb - LABEL_H / 2.0,
                w: label_w,
                h: LABEL_H,
            };
            Path { points, label }
        })
        .collect();

    // Lanes above the cards lie at negative heights: move everything down.
    let min_y = paths
        .iter()
        .flat_map(|p| p.points.iter().map(|q| q.1))
        .chain(cards.iter().map(|r| r.y))
        .fold(0.0, f32::min);
    let max_y = paths
        .iter()
        .flat_map(|p| p.points.iter().map(|q| q.1))
        .chain(cards.iter().map(Rect::bottom))
        .fold(0.0, f32::max);
    let shift = -min_y + 1.0;
    for r in &mut cards {
        r.y += shift;
    }
    let paths = paths
        .into_iter()
        .map(|mut p| {
            for q in &mut p.points {
                q.1 += shift;
            }
            p.label.y += shift;
            p
        })
        .collect();
    Geometry {
        cards,
        paths,
        width: x,
        height: max_y - min_y + 2.0,
    }
}

#[cfg(test)]
mod tests;
