//! The path questions the checks ask, on small hand-built graphs.

use capimap::graph::{Coverage, ProjectGraph};
use capimap::model::*;

fn node(id: &str, kind: NodeKind) -> Node {
    Node {
        id: NodeId::new(id),
        name: id.to_owned(),
        operator: "Test Ltd".to_owned(),
        country: "DE".to_owned(),
        description: String::new(),
        transfer: None,
        role: None,
        contract: String::new(),
        disabled: false,
        origins: Vec::new(),
        kind,
    }
}

fn source(id: &str) -> Node {
    node(id, NodeKind::Source(Source::default()))
}

fn gate(id: &str) -> Node {
    node(id, NodeKind::ConsentGate(ConsentGate::default()))
}

fn relay(id: &str) -> Node {
    node(id, NodeKind::Relay(Relay::default()))
}

fn dest(id: &str) -> Node {
    node(
        id,
        NodeKind::Destination(Destination {
            api_version: String::new(),
            platform: "meta".to_owned(),
            ..Destination::default()
        }),
    )
}

fn flow(id: &str, from: &str, to: &str) -> Flow {
    Flow {
        request_type: None,
        origin: None,
        id: FlowId::new(id),
        from: NodeId::new(from),
        to: NodeId::new(to),
        description: String::new(),
        activities: vec![],
        delivery: Delivery::RealTime,
        consent_signals: vec![],
        on_withdrawal: None,
        fields: vec![],
    }
}

fn project(nodes: Vec<Node>, flows: Vec<Flow>) -> Project {
    let mut p = Project::empty("graph test");
    p.nodes = nodes;
    p.flows = flows;
    p
}

fn is_gate(n: &Node) -> bool {
    matches!(n.kind, NodeKind::ConsentGate(_))
}

#[test]
fn a_path_through_the_gate_is_covered() {
    let p = project(
        vec![source("web"), gate("cmp"), relay("sgtm"), dest("meta")],
        vec![
            flow("f1", "web", "cmp"),
            flow("f2", "cmp", "sgtm"),
            flow("f3", "sgtm", "meta"),
        ],
    );
    let g = ProjectGraph::new(&p);
    assert_eq!(
        g.coverage("web", "meta", is_gate, |_| true),
        Coverage::AllCovered
    );
}

#[test]
fn a_path_that_avoids_the_gate_is_the_witness() {
    let p = project(
        vec![source("web"), gate("cmp"), relay("sgtm"), dest("meta")],
        vec![
            flow("f1", "web", "cmp"),
            flow("f2", "cmp", "sgtm"),
            flow("f3", "sgtm", "meta"),
            flow("bypass", "web", "sgtm"),
        ],
    );
    let g = ProjectGraph::new(&p);
    match g.coverage("web", "meta", is_gate, |_| true) {
        Coverage::Uncovered(path) => {
            assert_eq!(path.nodes, ["web", "sgtm", "meta"]);
            assert_eq!(path.flows, ["bypass", "f3"]);
            assert_eq!(path.to_string(), "web → sgtm → meta");
        }
        other => panic!("expected a witness path, got {other:?}"),
    }
}

#[test]
fn unreachable_is_told_apart_from_covered() {
    let p = project(
        vec![source("web"), dest("meta"), dest("tiktok")],
        vec![flow("f1", "web", "meta")],
    );
    let g = ProjectGraph::new(&p);
    assert_eq!(
        g.coverage("web", "tiktok", is_gate, |_| true),
        Coverage::Unreachable
    );
    assert!(g.is_reachable("web", "meta"));
    assert!(!g.is_reachable("meta", "web"), "flows are directed");
    assert_eq!(
        g.coverage("web", "nowhere", is_gate, |_| true),
        Coverage::Unreachable
    );
}

#[test]
fn cycles_do_not_hang_and_still_give_a_witness() {
    // web → a → b → a (cycle), b → meta; and a gate that is only on a side branch.
    let p = project(
        vec![
            source("web"),
            relay("a"),
            relay("b"),
            gate("cmp"),
            dest("meta"),
        ],
        vec![
            flow("f1", "web", "a"),
            flow("f2", "a", "b"),
            flow("back", "b", "a"),
            flow("f3", "b", "meta"),
            flow("side", "a", "cmp"),
            flow("loop", "meta", "web"),
        ],
    );
    let g = ProjectGraph::new(&p);
    match g.coverage("web", "meta", is_gate, |_| true) {
        Coverage::Uncovered(path) => assert_eq!(path.nodes, ["web", "a", "b", "meta"]),
        other => panic!("expected a witness path, got {other:?}"),
    }
    assert!(
        g.is_reachable("meta", "cmp"),
        "through the loop back to web"
    );
}

#[test]
fn the_flow_filter_limits_which_flows_count() {
    // Only flows serving the activity count: the bypass serves another one.
    let mut bypass = flow("bypass", "web", "meta");
    bypass.activities = vec![ActivityId::new("analytics")];
    let mut f1 = flow("f1", "web", "cmp");
    f1.activities = vec![ActivityId::new("ads")];
    let mut f2 = flow("f2", "cmp", "meta");
    f2.activities = vec![ActivityId::new("ads")];
    let p = project(
        vec![source("web"), gate("cmp"), dest("meta")],
        vec![f1, f2, bypass],
    );
    let g = ProjectGraph::new(&p);
    let serves_ads = |f: &Flow| f.activities.iter().any(|a| a.as_str() == "ads");
    assert_eq!(
        g.coverage("web", "meta", is_gate, serves_ads),
        Coverage::AllCovered
    );
    assert!(matches!(
        g.coverage("web", "meta", is_gate, |_| true),
        Coverage::Uncovered(_)
    ));
}

#[test]
fn one_search_from_all_sources_finds_every_ungated_destination() {
    let p = project(
        vec![
            source("web"),
            source("crm"),
            gate("cmp"),
            relay("sgtm"),
            dest("meta"),
            dest("google"),
        ],
        vec![
            flow("f1", "web", "cmp"),
            flow("f2", "cmp", "sgtm"),
            flow("f3", "sgtm", "meta"),
            flow("f4", "crm", "google"),
            flow("f5", "sgtm", "google"),
        ],
    );
    let g = ProjectGraph::new(&p);
    let sources: Vec<&str> = p
        .nodes
        .iter()
        .filter(|n| n.as_source().is_some())
        .map(|n| n.id.as_str())
        .collect();
    let reach = g.reach(sources, is_gate, |_| true);
    assert_eq!(reach.nodes(), ["web", "crm", "google"], "in file order");
    assert!(!reach.contains("meta"));
    assert_eq!(reach.path_to("google").unwrap().nodes, ["crm", "google"]);
    assert!(reach.path_to("meta").is_none());
}

#[test]
fn incoming_and_outgoing_flows_keep_file_order() {
    let p = project(
        vec![source("web"), relay("sgtm"), dest("meta")],
        vec![
            flow("a", "web", "sgtm"),
            flow("b", "sgtm", "meta"),
            flow("c", "web", "sgtm"),
        ],
    );
    let g = ProjectGraph::new(&p);
    let ids = |fs: Vec<&Flow>| fs.iter().map(|f| f.id.to_string()).collect::<Vec<_>>();
    assert_eq!(ids(g.incoming("sgtm")), ["a", "c"]);
    assert_eq!(ids(g.outgoing("sgtm")), ["b"]);
    assert!(g.outgoing("nowhere").is_empty());
}

#[test]
fn the_example_sends_everything_through_a_consent_gate() {
    let p = capimap::store::parse(capimap::examples::SHOP, "shop")
        .unwrap()
        .project;
    let g = ProjectGraph::new(&p);
    for s in p.nodes.iter().filter(|n| n.as_source().is_some()) {
        for d in p.destinations() {
            let c = g.coverage(s.id.as_str(), d.id.as_str(), is_gate, |_| true);
            assert!(
                !matches!(c, Coverage::Uncovered(_)),
                "{} → {}: {c:?}",
                s.id,
                d.id
            );
        }
    }
}
