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
