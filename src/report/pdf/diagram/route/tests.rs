use super::*;

fn random_graph(seed: u64) -> Graph {
    random_graph_of(seed, 4, 4)
}

/// A graph of up to `cols` columns of up to `rows` cards each.
fn random_graph_of(seed: u64, cols: usize, rows: usize) -> Graph {
    // The same graphs on every run.
    let mut r = crate::synthetic::Sequence(seed);
    let ncols = 1 + r.next(cols);
    let mut columns = Vec::new();
    let mut sizes = Vec::new();
    for _ in 0..ncols {
        let rows = 1 + r.next(rows);
        let mut col = Vec::new();
        for _ in 0..rows {
            col.push(sizes.len());
            sizes.push((90.0 + r.next(60) as f32, 30.0 + r.next(30) as f32));
        }
        columns.push(col);
    }
    let n = sizes.len();
    let mut edges = Vec::new();
    for _ in 0..r.next(3 * n + 1) {
        let (a, b) = (r.next(n), r.next(n));
        if a != b && !edges.iter().any(|&(x, y, _)| (x, y) == (a, b)) {
            edges.push((a, b, 10.0 + r.next(12) as f32));
        }
    }
    Graph {
        columns,
        sizes,
        edges,
    }
}

fn segments(p: &Path) -> impl Iterator<Item = ((f32, f32), (f32, f32))> + '_ {
    p.points.windows(2).map(|w| (w[0], w[1]))
}

/// Whether a horizontal or vertical segment passes through the inside of a box.
fn enters(s: ((f32, f32), (f32, f32)), r: &Rect) -> bool {
    let e = 0.01;
    let (x0, x1) = (s.0.0.min(s.1.0), s.0.0.max(s.1.0));
    let (y0, y1) = (s.0.1.min(s.1.1), s.0.1.max(s.1.1));
    x1 > r.x + e && x0 < r.right() - e && y1 > r.y + e && y0 < r.bottom() - e
}

/// The length two axis-parallel segments share on one line.
fn shared(a: ((f32, f32), (f32, f32)), b: ((f32, f32), (f32, f32))) -> f32 {
    let horizontal = |s: ((f32, f32), (f32, f32))| (s.0.1 - s.1.1).abs() < 0.01;
    let overlap = |a0: f32, a1: f32, b0: f32, b1: f32| {
        (a0.max(a1).min(b0.max(b1)) - a0.min(a1).max(b0.min(b1))).max(0.0)
    };
    match (horizontal(a), horizontal(b)) {
        (true, true) if (a.0.1 - b.0.1).abs() < 0.01 => overlap(a.0.0, a.1.0, b.0.0, b.1.0),
        (false, false) if (a.0.0 - b.0.0).abs() < 0.01 => overlap(a.0.1, a.1.1, b.0.1, b.1.1),
        _ => 0.0,
    }
}

fn assert_sound(g: &Graph, geo: &Geometry, what: &str) {
    assert_eq!(geo.paths.len(), g.edges.len());
    for (e, p) in geo.paths.iter().enumerate() {
        let (a, b, _) = g.edges[e];
        // From the tail card's right side to the head card's left side.
        let (first, last) = (p.points[0], p.points[p.points.len() - 1]);
        assert!(
            (first.0 - geo.cards[a].right()).abs() < 0.01,
            "{what}: edge {e} leaves its card"
        );
        assert!(
            (last.0 - geo.cards[b].x).abs() < 0.01,
            "{what}: edge {e} reaches its card"
        );
        for s in segments(p) {
            assert!(
                s.0.0 == s.1.0 || s.0.1 == s.1.1,
                "{what}: edge {e} is orthogonal"
            );
            for (i, r) in geo.cards.iter().enumerate() {
                assert!(!enters(s, r), "{what}: edge {e} runs through card {i}");
            }
        }
        for (f, q) in geo.paths.iter().enumerate().skip(e + 1) {
            for s in segments(p) {
                for t in segments(q) {
                    assert!(
                        shared(s, t) <= 1.0,
                        "{what}: edges {e} and {f} share a line"
                    );
                }
            }
        }
        // Labels clear of every card and of each other.
        for (i, r) in geo.cards.iter().enumerate() {
            let l = p.label;
            let apart = l.right() <= r.x + 0.01
                || l.x >= r.right() - 0.01
                || l.bottom() <= r.y + 0.01
                || l.y >= r.bottom() - 0.01;
            assert!(apart, "{what}: label of edge {e} covers card {i}");
        }
    }
}

#[test]
fn arrows_never_run_through_cards_nor_share_a_line_on_random_graphs() {
    for seed in 0..300 {
        let g = random_graph(seed);
        let geo = route(&g);
        assert_sound(&g, &geo, &format!("seed {seed}"));
        // The same graph, the same drawing.
        assert_eq!(route(&g).paths, geo.paths);
    }
}

#[test]
fn a_relay_feeding_eight_destinations_keeps_its_arrows_apart() {
    let g = Graph {
        columns: vec![vec![0], vec![1], (2..10).collect()],
        sizes: vec![(100.0, 40.0), (120.0, 40.0)]
            .into_iter()
            .chain((2..10).map(|_| (110.0, 36.0)))
            .collect(),
        edges: std::iter::once((0, 1, 12.0))
            .chain((2..10).map(|d| (1, d, 16.0)))
            .collect(),
    };
    let geo = route(&g);
    assert_sound(&g, &geo, "fan");
    let mut exits: Vec<f32> = geo.paths[1..].iter().map(|p| p.points[0].1).collect();
    exits.sort_by(f32::total_cmp);
    for w in exits.windows(2) {
        assert!(w[1] - w[0] >= 3.0, "{exits:?}");
    }
    // Labels of the eight do not overlap.
    for (i, p) in geo.paths.iter().enumerate() {
        for q in &geo.paths[i + 1..] {
            let (a, b) = (p.label, q.label);
            let apart =
                a.right() <= b.x || b.right() <= a.x || a.bottom() <= b.y || b.bottom() <= a.y;
            assert!(apart, "{a:?} {b:?}");
        }
    }
}

/// The indexed router draws exactly what the plain search over every arrow draws, on small
/// graphs and on crowded ones where lanes compete for the gaps.
#[test]
fn the_indexed_router_draws_what_the_plain_search_draws() {
    for seed in 0..400 {
        let g = if seed % 2 == 0 {
            random_graph(seed)
        } else {
            random_graph_of(seed, 8, 12)
        };
        let fast = route(&g);
        let plain = reference::route(&g);
        assert_eq!(fast.cards, plain.cards, "seed {seed}: cards");
        assert_eq!(fast.paths, plain.paths, "seed {seed}: arrows");
        assert_eq!(
            (fast.width, fast.height),
            (plain.width, plain.height),
            "seed {seed}: size"
        );
    }
}
