//! Copy, paste and duplicate of nodes: the copies bring the flows among them and their
//! retention rules, get fresh ids, leave the project valid, and one undo takes them away.

use capimap::edit::History;
use capimap::edit::copy::{clear_offset, copy, paste};
use capimap::model::*;
use capimap::store::validate;
use capimap::{examples, store};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

#[test]
fn pasted_nodes_bring_their_flows_and_rules_under_fresh_ids() {
    let original = example();
    let picked: Vec<NodeId> = ["sgtm", "meta-capi", "event-log"]
        .map(NodeId::from)
        .to_vec();
    let refs: Vec<&NodeId> = picked.iter().collect();
    let clip = copy(&original, &refs);
    let inner_flows = original
        .flows
        .iter()
        .filter(|f| picked.contains(&f.from) && picked.contains(&f.to))
        .count();
    let rules = original
        .retention
        .iter()
        .filter(|r| picked.contains(&r.node))
        .count();
    assert!(inner_flows >= 2, "the example has flows among them");
    let mut p = original.clone();
    let mut history = History::default();
    let offset = clear_offset(&p, &clip, (200.0, 72.0), 24.0);
    let (cmd, new) = paste(&p, &clip, offset);
    history.apply(&mut p, "Paste", cmd, None).unwrap();
    assert_eq!(
        validate::problems(&p),
        vec![],
        "the pasted project is valid"
    );
    assert_eq!(new.len(), 3);
    assert_eq!(p.nodes.len(), original.nodes.len() + 3);
    assert_eq!(p.flows.len(), original.flows.len() + inner_flows);
    assert_eq!(p.retention.len(), original.retention.len() + rules);
    for id in &new {
        assert!(original.node(id.as_str()).is_none(), "{id} is a fresh id");
        let at = p.layout.positions[id];
        assert!(
            !original
                .layout
                .positions
                .values()
                .any(|q| (q.x - at.x).abs() < 200.0 && (q.y - at.y).abs() < 72.0),
            "{id} lies on no card"
        );
    }
    // The copied flows join the copies, not the originals.
    for f in p.flows.iter().skip(original.flows.len()) {
        assert!(
            new.contains(&f.from) && new.contains(&f.to),
            "{} joins copies",
            f.id
        );
    }
    assert!(history.undo(&mut p).unwrap());
    assert_eq!(p, original);
}
