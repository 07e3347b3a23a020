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

mod lanes;

struct Segment {
    edge: usize,
    from: f32,
    to: f32,
}

pub fn route(g: &Graph) -> Geometry {
    let n = g.sizes.len();
    let ncols = g.columns.len();
    let (col_of, mut cards) = stack(g);

    // Ports: outgoing ordered by where they go, incoming by where they come from.
    let centre = |i: usize| cards[i].y + cards[i].h / 2.0;
    let mut port_out = vec![0.0; g.edges.len()];
    let mut port_in = vec![0.0; g.edges.len()];
    let (mut leaving, mut entering) = (vec![Vec::new(); n], vec![Vec::new(); n]);
    for (e, &(a, b, _)) in g.edges.iter().enumerate() {
        leaving[a].push(e);
        entering[b].push(e);
    }
    for (card, r) in cards.iter().enumerate() {
        for (side, ports, mine) in [
            (true, &mut port_out, &mut leaving[card]),
            (false, &mut port_in, &mut entering[card]),
        ] {
            let other = |e: usize| if side { g.edges[e].1 } else { g.edges[e].0 };
            mine.sort_by(|&a, &b| {
                centre(other(a))
                    .total_cmp(&centre(other(b)))
                    .then(a.cmp(&b))
            });
            let step = r.h / (mine.len() + 1) as f32;
            for (k, &e) in mine.iter().enumerate() {
                ports[e] = r.y + step * (k + 1) as f32;
            }
        }
    }

    // Channel k is left of column k (0: left of all, ncols: right of all). An arrow leaves by
    // the channel right of its card and enters by the channel left of its target.
    let exit = |e: usize| col_of[g.edges[e].0] + 1;
    let entry = |e: usize| col_of[g.edges[e].1];
    let lanes = lanes::assign(
        g,
        &lanes::Placed {
            cards: &cards,
            col_of: &col_of,
            port_out: &port_out,
            port_in: &port_in,
        },
    );

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
    sort_tracks(&mut channels);
    // Room for the widest label entering each column (none after the last).
    let mut label_room = vec![0.0f32; ncols + 1];
    for (e, (_, _, w)) in g.edges.iter().enumerate() {
        let k = entry(e);
        label_room[k] = label_room[k].max(w + 8.0);
    }
    let (track_x, width) = place_columns(g, &channels, &label_room, &mut cards, &col_of);
    // Each arrow's track in each channel it runs through (none: 0).
    let mut tracks: std::collections::HashMap<(usize, usize), f32> =
        std::collections::HashMap::new();
    for (k, segs) in channels.iter().enumerate() {
        for (t, s) in segs.iter().enumerate() {
            tracks.entry((k, s.edge)).or_insert(track_x[k][t]);
        }
    }
    let track_of = |k: usize, e: usize| tracks.get(&(k, e)).copied().unwrap_or(0.0);
    // An arrow leaving a card and another entering a card of the next column at the same
    // height would share a stretch of that line where the leaving one's track lies beyond the
    // entering one's: the entering port moves a little, within its card. The arrows leaving
    // into each channel, by the height they leave at, find those at once.
    let mut leaving_into: Vec<Vec<(f32, usize)>> = vec![Vec::new(); ncols + 1];
    for e in 0..g.edges.len() {
        leaving_into[exit(e)].push((port_out[e], e));
    }
    for l in &mut leaving_into {
        l.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    }
    for _ in 0..3 {
        let mut moved = false;
        for f in 0..g.edges.len() {
            let k = entry(f);
            let tf = track_of(k, f);
            let near = &leaving_into[k];
            let from = near.partition_point(|(y, _)| *y < port_in[f] - 2.0);
            let clash = near[from..]
                .iter()
                .take_while(|(y, _)| *y < port_in[f] + 2.0)
                .any(|&(y, e)| e != f && (y - port_in[f]).abs() < 1.0 && track_of(k, e) > tf);
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
    drawn(
        g,
        cards,
        &Routed {
            lanes: &lanes,
            port_out: &port_out,
            port_in: &port_in,
            exit: &exit,
            entry: &entry,
            track_of: &track_of,
        },
        width,
    )
}

/// Each card's column, and the cards stacked in their columns, centred on the tallest; each
/// card tall enough for a port per arrow on either side. Not yet placed left to right.
fn stack(g: &Graph) -> (Vec<usize>, Vec<Rect>) {
    let n = g.sizes.len();
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
    (col_of, cards)
}

/// Rising segments take the near tracks, highest first; falling ones the far tracks, lowest
/// first: a fan of arrows out of one card then never crosses itself.
fn sort_tracks(channels: &mut [Vec<Segment>]) {
    for segs in channels.iter_mut() {
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
}

/// The columns placed left to right with the channels between them, each as wide as its
/// tracks and the labels entering the column after it need; the cards moved into their
/// columns. Returns each channel's tracks and the width of the whole.
fn place_columns(
    g: &Graph,
    channels: &[Vec<Segment>],
    label_room: &[f32],
    cards: &mut [Rect],
    col_of: &[usize],
) -> (Vec<Vec<f32>>, f32) {
    let ncols = g.columns.len();
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
        let mut w = TRACK_GAP * (tracks + 1) as f32 + label_room[k];
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
    (track_x, x)
}

/// How each arrow runs: its lane, ports, channels and tracks.
struct Routed<'a> {
    lanes: &'a [Option<f32>],
    port_out: &'a [f32],
    port_in: &'a [f32],
    exit: &'a dyn Fn(usize) -> usize,
    entry: &'a dyn Fn(usize) -> usize,
    track_of: &'a dyn Fn(usize, usize) -> f32,
}

/// The arrows' corner points and labels, and everything moved down below the lanes that run
/// above the cards.
fn drawn(g: &Graph, mut cards: Vec<Rect>, r: &Routed, width: f32) -> Geometry {
    let (lanes, port_out, port_in) = (r.lanes, r.port_out, r.port_in);
    let (exit, entry, track_of) = (r.exit, r.entry, r.track_of);
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
        width,
        height: max_y - min_y + 2.0,
    }
}

#[cfg(test)]
mod reference;
#[cfg(test)]
mod tests;
