//! The router's searches as first written, each a scan over all arrows: quadratic and worse,
//! so slow on a large project's diagram (20,000 arrows took 12 s), but plain to read. The
//! ports, lanes, tracks and port moves are found here the plain way; the stacking, channels
//! and drawing are the router's own. The tests hold the indexed router (`route.rs`) to it:
//! the same graph gives the same drawing.

use super::*;

pub fn route(g: &Graph) -> Geometry {
    let ncols = g.columns.len();
    let (col_of, mut cards) = stack(g);

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
    sort_tracks(&mut channels);
    let label_room = |k: usize| {
        g.edges
            .iter()
            .enumerate()
            .filter(|(e, _)| k < ncols && entry(*e) == k)
            .map(|(_, (_, _, w))| w + 8.0)
            .fold(0.0, f32::max)
    };
    let label_room: Vec<f32> = (0..=ncols).map(label_room).collect();
    let (track_x, width) = place_columns(g, &channels, &label_room, &mut cards, &col_of);
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
