//! The automatic layout: left to right along the flows, the same every time, every node placed.

use capimap::layout::{self, Grid};
use capimap::{examples, store};

#[test]
fn the_example_is_laid_out_left_to_right_along_its_flows() {
    let p = store::parse(examples::SHOP, "shop").unwrap().project;
    let placed = layout::layered(&p, Grid::default());
    assert_eq!(placed.len(), p.nodes.len(), "every node is placed");
    let x = |id: &str| placed[id].x;
    for f in &p.flows {
        assert!(
            x(f.from.as_str()) < x(f.to.as_str()),
            "{} → {} goes left to right",
            f.from,
            f.to
        );
    }
    // No two cards on the same spot.
    let mut spots: Vec<(i64, i64)> = placed.values().map(|p| (p.x as i64, p.y as i64)).collect();
    spots.sort();
    spots.dedup();
    assert_eq!(spots.len(), p.nodes.len());
}

#[test]
fn the_layout_is_the_same_every_time() {
    let p = store::parse(examples::SHOP, "shop").unwrap().project;
    let first = layout::layered(&p, Grid::default());
    for _ in 0..20 {
        assert_eq!(layout::layered(&p, Grid::default()), first);
    }
}

#[test]
fn cycles_self_loops_and_lonely_nodes_are_placed_too() {
    let mut p = store::parse(examples::SHOP, "shop").unwrap().project;
    // A flow back from a destination to a source, and one from a node to itself.
    let mut back = p.flows[0].clone();
    back.id = "back".into();
    back.from = "meta-capi".into();
    back.to = "web-shop".into();
    let mut own = p.flows[0].clone();
    own.id = "own".into();
    own.from = "sgtm".into();
    own.to = "sgtm".into();
    p.flows.push(back);
    p.flows.push(own);
    let mut lonely = p.nodes[0].clone();
    lonely.id = "lonely".into();
    p.nodes.push(lonely);
    let placed = layout::layered(&p, Grid::default());
    assert_eq!(placed.len(), p.nodes.len());
}

#[test]
fn saved_positions_are_kept_and_new_nodes_are_placed() {
    let mut p = store::parse(examples::SHOP, "shop").unwrap().project;
    let saved = p.layout.positions["web-shop"];
    p.layout.positions.remove("sgtm");
    let completed = layout::complete(&p, Grid::default());
    assert_eq!(completed.positions["web-shop"], saved);
    assert!(completed.positions.contains_key("sgtm"));
    assert_eq!(completed.positions.len(), p.nodes.len());
}

#[test]
fn a_large_generated_project_is_laid_out() {
    let p = capimap::synthetic::project(1_000, 2);
    let placed = layout::layered(&p, Grid::default());
    assert_eq!(placed.len(), p.nodes.len());
}

#[test]
#[ignore = "prints the example's layout, for a look"]
fn print_example_layout() {
    let p = store::parse(examples::SHOP, "shop").unwrap().project;
    for (id, pos) in layout::layered(&p, Grid::default()) {
        println!("{id:16} {:6} {:6}", pos.x, pos.y);
    }
}

mod new_nodes {
    use capimap::edit::ops;
    use capimap::layout::{self, Grid};
    use capimap::model::*;
    use proptest::prelude::*;

    fn kind(k: u8) -> NodeKind {
        match k % 5 {
            0 => NodeKind::Source(Source::default()),
            1 => NodeKind::ConsentGate(ConsentGate::default()),
            2 => NodeKind::Relay(Relay::default()),
            3 => NodeKind::Store(Store::default()),
            _ => NodeKind::Destination(Destination::default()),
        }
    }

    fn overlap(a: Position, b: Position, g: Grid) -> bool {
        (a.x - b.x).abs() < g.card_width && (a.y - b.y).abs() < g.card_height
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Nodes added one after another, of any kinds, onto a project whose cards may have
        /// been moved anywhere by hand, never land on a card, and each kind keeps its column.
        #[test]
        fn never_land_on_another_card(
            kinds in proptest::collection::vec(0u8..5, 1..25),
            moved in proptest::collection::vec((0u8..5, -600i32..600, -600i32..600), 0..8),
        ) {
            let g = Grid::default();
            let mut p = Project::empty("p");
            for (k, x, y) in moved {
                let node = ops::new_node(&p, kind(k));
                let id = node.id.clone();
                p.nodes.push(node);
                p.layout.positions.insert(id, Position { x: x as f32, y: y as f32 });
            }
            for k in kinds {
                let node = ops::new_node(&p, kind(k));
                let at = layout::place_new(&p, &node.kind, g);
                for (other, q) in &p.layout.positions {
                    prop_assert!(!overlap(at, *q, g), "{} placed on {other}", node.id);
                }
                p.layout.positions.insert(node.id.clone(), at);
                p.nodes.push(node);
            }
        }
    }

    #[test]
    fn a_new_destination_goes_right_of_the_sources() {
        let g = Grid::default();
        let mut p = Project::empty("p");
        let source = ops::new_node(&p, kind(0));
        p.layout
            .positions
            .insert(source.id.clone(), Position { x: 0.0, y: 0.0 });
        p.nodes.push(source);
        let at = layout::place_new(&p, &kind(4), g);
        assert!(at.x > g.card_width, "right of the source: {at:?}");
        let second = layout::place_new(&p, &kind(0), g);
        assert_eq!(
            second.x, 0.0,
            "a second source joins the first one's column"
        );
        assert!(second.y >= g.card_height, "below it: {second:?}");
    }
}

/// Graphs above the crate's size, laid out by the quick sweeps.
mod large {
    use capimap::edit::ops;
    use capimap::layout::{self, CRATE_MAX_NODES, Grid, Progress, Shape};
    use capimap::model::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    fn kind(k: u8) -> NodeKind {
        match k % 4 {
            0 => NodeKind::Source(Source::default()),
            1 => NodeKind::ConsentGate(ConsentGate::default()),
            2 => NodeKind::Relay(Relay::default()),
            _ => NodeKind::Store(Store::default()),
        }
    }

    /// A project of `kinds.len()` nodes (a `true` makes a destination) and the given flows.
    fn project(destinations: &[bool], flows: &[(usize, usize)]) -> Project {
        let template = capimap::synthetic::sized(5, 1, 0).flows[0].clone();
        let mut p = Project::empty("p");
        for (i, &d) in destinations.iter().enumerate() {
            let k = if d {
                NodeKind::Destination(Destination::default())
            } else {
                kind(i as u8)
            };
            let mut node = ops::new_node(&p, k);
            node.id = format!("n{i}").as_str().into();
            p.nodes.push(node);
        }
        for (i, &(a, b)) in flows.iter().enumerate() {
            let mut f = template.clone();
            f.id = format!("f{i}").as_str().into();
            f.from = format!("n{a}").as_str().into();
            f.to = format!("n{b}").as_str().into();
            p.flows.push(f);
        }
        p
    }

    /// Pairs of flows between the same two columns whose ends are in the opposite order.
    fn crossings(p: &Project, at: &BTreeMap<NodeId, Position>) -> usize {
        let lines: Vec<(Position, Position)> =
            p.flows.iter().map(|f| (at[&f.from], at[&f.to])).collect();
        let mut n = 0;
        for (i, a) in lines.iter().enumerate() {
            for b in &lines[i + 1..] {
                if a.0.x == b.0.x && a.1.x == b.1.x && (a.0.y - b.0.y) * (a.1.y - b.1.y) < 0.0 {
                    n += 1;
                }
            }
        }
        n
    }

    fn placed_apart(p: &Project, at: &BTreeMap<NodeId, Position>) -> Result<(), TestCaseError> {
        prop_assert_eq!(at.len(), p.nodes.len(), "every node is placed");
        let mut spots: Vec<(i64, i64)> = at.values().map(|q| (q.x as i64, q.y as i64)).collect();
        spots.sort_unstable();
        spots.dedup();
        prop_assert_eq!(spots.len(), p.nodes.len(), "no two cards on one spot");
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]
        /// Any graph, cycles and all: every node placed, each on a spot of its own; in an
        /// acyclic one every flow from a node other than a destination runs left to right,
        /// and destinations end their part of the picture.
        #[test]
        fn any_graph_is_placed_and_acyclic_ones_run_left_to_right(
            destinations in proptest::collection::vec(prop::bool::weighted(0.2), CRATE_MAX_NODES + 1..CRATE_MAX_NODES + 120),
            raw in proptest::collection::vec((any::<u16>(), any::<u16>()), 0..600),
            acyclic in any::<bool>(),
        ) {
            let n = destinations.len();
            let flows: Vec<(usize, usize)> = raw
                .iter()
                .map(|&(a, b)| (a as usize % n, b as usize % n))
                .map(|(a, b)| if acyclic && a > b { (b, a) } else { (a, b) })
                .collect();
            let p = project(&destinations, &flows);
            let at = layout::layered(&p, Grid::default());
            placed_apart(&p, &at)?;
            if acyclic {
                for &(a, b) in &flows {
                    if a != b && !destinations[a] {
                        prop_assert!(at[&p.nodes[a].id].x < at[&p.nodes[b].id].x, "n{a} → n{b} runs left to right");
                    }
                }
            }
        }

        /// Trees (a source fanning out through relays) can always be drawn without a crossing:
        /// the sweeps find such an order, whatever order the file has.
        #[test]
        fn trees_are_drawn_without_crossings(
            parents in proptest::collection::vec(any::<u16>(), CRATE_MAX_NODES..CRATE_MAX_NODES + 150),
            shuffle in any::<u64>(),
        ) {
            let n = parents.len() + 1;
            // Node i's parent is an earlier node; then the node numbers are shuffled so that
            // the file order tells nothing.
            let mut name: Vec<usize> = (0..n).collect();
            let mut state = shuffle | 1;
            for i in (1..n).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                name.swap(i, (state % (i as u64 + 1)) as usize);
            }
            let flows: Vec<(usize, usize)> = parents
                .iter()
                .enumerate()
                .map(|(i, &q)| (name[q as usize % (i + 1)], name[i + 1]))
                .collect();
            let p = project(&vec![false; n], &flows);
            let at = layout::layered(&p, Grid::default());
            placed_apart(&p, &at)?;
            prop_assert_eq!(crossings(&p, &at), 0);
        }
    }

    #[test]
    fn unconnected_parts_are_stacked_not_interleaved() {
        // Two chains of 100 nodes each, their nodes alternating in the file.
        let n = 2 * 100;
        let flows: Vec<(usize, usize)> = (0..n - 2).map(|i| (i, i + 2)).collect();
        let p = project(&vec![false; n], &flows);
        let at = layout::layered(&p, Grid::default());
        let ys = |parity: usize| {
            let y: Vec<f32> = (0..n)
                .filter(|i| i % 2 == parity)
                .map(|i| at[&p.nodes[i].id].y)
                .collect();
            (
                y.iter().copied().fold(f32::MAX, f32::min),
                y.iter().copied().fold(f32::MIN, f32::max),
            )
        };
        let (even, odd) = (ys(0), ys(1));
        assert!(
            even.1 < odd.0 || odd.1 < even.0,
            "the parts overlap: {even:?} {odd:?}"
        );
    }

    #[test]
    fn a_cancelled_layout_gives_nothing_and_a_finished_one_says_so() {
        let p = capimap::synthetic::sized(500, 2_000, 0);
        let shape = Shape::of(&p);
        let stopped = Progress::default();
        stopped.cancel();
        assert!(layout::arrange(&shape, Grid::default(), &stopped).is_none());
        let progress = Progress::default();
        let placed = layout::arrange(&shape, Grid::default(), &progress).expect("not cancelled");
        assert_eq!(placed.len(), p.nodes.len());
        assert_eq!(progress.fraction(), 1.0);
    }

    #[test]
    fn the_ladders_5000_node_project_is_laid_out_the_same_every_time() {
        let p = capimap::synthetic::rung(50_000);
        let at = layout::layered(&p, Grid::default());
        assert_eq!(at.len(), p.nodes.len());
        let first = layout::layered(&p, Grid::default());
        assert_eq!(at, first, "the same every time");
    }
}
