//! The element-by-element comparison behind the app's File ▸ Compare with…: for each kind of
//! edit, exactly the element edited is marked, with what changed; unchanged, reordered and
//! renamed copies mark nothing.

use capimap::diff::elements::{Mark, compare};
use capimap::model::*;
use capimap::{examples, store};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

/// (mark, element id, details) of every change from the example to the example edited.
fn after(edit: impl FnOnce(&mut Project)) -> Vec<(Mark, String, Vec<String>)> {
    let old = example();
    let mut new = old.clone();
    edit(&mut new);
    compare(&old, &new)
        .changes
        .into_iter()
        .map(|c| (c.mark, c.element.id().into_owned(), c.details))
        .collect()
}

#[test]
fn an_unchanged_or_reordered_copy_marks_nothing() {
    assert!(compare(&example(), &example()).is_empty());
    let c = after(|p| {
        p.nodes.reverse();
        p.flows.reverse();
        p.fields.reverse();
        p.activities.reverse();
        for f in &mut p.flows {
            f.fields.reverse();
            f.activities.reverse();
        }
        // Positions are not processing.
        for pos in p.layout.positions.values_mut() {
            pos.x += 100.0;
        }
    });
    assert!(c.is_empty(), "{c:?}");
}

#[test]
fn a_changed_attribute_marks_that_element_and_says_old_and_new() {
    let p = example();
    let node = p
        .nodes
        .iter()
        .find(|n| n.as_destination().is_some())
        .unwrap();
    let (id, was) = (node.id.to_string(), node.country.clone());
    let c = after(|p| {
        let n = p.nodes.iter_mut().find(|n| n.id.as_str() == id).unwrap();
        n.country = "BR".into();
    });
    assert_eq!(
        c,
        vec![(Mark::Changed, id, vec![format!("country: {was} → BR")])]
    );
}

#[test]
fn every_element_kind_is_compared_attribute_by_attribute() {
    // The description of every node, flow, field, activity and consent purpose in turn:
    // each edit marks exactly its element.
    let p = example();
    let mut edited = 0;
    for i in 0..p.nodes.len() {
        let c = after(|p| p.nodes[i].description.push_str(" (edited)"));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].1, p.nodes[i].id.as_str());
        assert_eq!(c[0].2.len(), 1);
        assert!(c[0].2[0].starts_with("description"), "{c:?}");
        edited += 1;
    }
    for i in 0..p.flows.len() {
        let c = after(|p| p.flows[i].description.push_str(" (edited)"));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].1, p.flows[i].id.as_str());
        edited += 1;
    }
    for i in 0..p.activities.len() {
        let c = after(|p| p.activities[i].description.push_str(" (edited)"));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].1, p.activities[i].id.as_str());
        edited += 1;
    }
    for i in 0..p.fields.len() {
        let c = after(|p| p.fields[i].label.push_str(" (edited)"));
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].1, p.fields[i].id.as_str());
        edited += 1;
    }
    assert!(edited > 20, "the example has elements of every kind");
}

#[test]
fn mappings_are_marked_one_by_one_and_their_flow_with_them() {
    let old = example();
    let flow = old
        .flows
        .iter()
        .find(|f| f.fields.len() >= 2)
        .unwrap()
        .clone();
    let mut new = old.clone();
    let f = new.flows.iter_mut().find(|f| f.id == flow.id).unwrap();
    let removed = f.fields.remove(0);
    f.fields[0].transform = if f.fields[0].transform == Transform::Raw {
        Transform::Dropped
    } else {
        Transform::Raw
    };
    let changed = f.fields[0].field.clone();
    let cmp = compare(&old, &new);
    let marks: Vec<(Mark, String)> = cmp
        .changes
        .iter()
        .map(|c| (c.mark, c.element.id().into_owned()))
        .collect();
    assert_eq!(
        marks,
        vec![
            (Mark::Changed, format!("{}/{}", flow.id, changed)),
            (Mark::Removed, format!("{}/{}", flow.id, removed.field)),
        ]
    );
    assert!(
        cmp.changes[0].details[0].starts_with("transform: "),
        "{:?}",
        cmp.changes[0]
    );
    let now = new.flows.iter().find(|f| f.id == flow.id).unwrap();
    assert_eq!(cmp.mappings_of(now), [0, 1, 1]);
    assert_eq!(cmp.flow_mark(now), Some(Mark::Changed));
}

#[test]
fn a_removed_node_is_marked_with_its_flows_and_kept_for_drawing() {
    let old = example();
    let gone = old
        .nodes
        .iter()
        .find(|n| n.as_destination().is_some())
        .unwrap()
        .id
        .clone();
    let mut new = old.clone();
    new.nodes.retain(|n| n.id != gone);
    new.flows.retain(|f| f.from != gone && f.to != gone);
    new.retention.retain(|r| r.node != gone);
    let flows: Vec<String> = old
        .flows
        .iter()
        .filter(|f| f.from == gone || f.to == gone)
        .map(|f| f.id.to_string())
        .collect();
    let cmp = compare(&old, &new);
    let removed: Vec<String> = cmp
        .changes
        .iter()
        .filter(|c| c.mark == Mark::Removed)
        .filter(|c| matches!(c.element, ElementRef::Node(_) | ElementRef::Flow(_)))
        .map(|c| c.element.id().into_owned())
        .collect();
    let mut expected = vec![gone.to_string()];
    expected.extend(flows);
    assert_eq!(removed, expected);
    assert!(cmp.changes.iter().all(|c| c.mark == Mark::Removed));
    assert!(
        cmp.old.node(gone.as_str()).is_some(),
        "the old version is kept"
    );
}

#[test]
fn an_added_flow_is_marked_added_and_nothing_else() {
    let c = after(|p| {
        let mut f = p.flows[0].clone();
        f.id = "a-new-flow".into();
        p.flows.push(f);
    });
    assert_eq!(c, vec![(Mark::Added, "a-new-flow".to_owned(), vec![])]);
}

#[test]
fn a_renamed_id_is_a_rename_not_a_removal_and_an_addition() {
    let old = example();
    let node = old.nodes[1].id.clone();
    let new = capimap::edit::rename::renamed_project(
        &old,
        &ElementRef::Node(node.clone()),
        "renamed-node",
    )
    .unwrap();
    let cmp = compare(&old, &new);
    assert!(cmp.changes.is_empty(), "{:?}", cmp.changes);
    assert_eq!(cmp.renamed.len(), 1);
    assert_eq!(cmp.renamed[0].from, node.as_str());
    assert_eq!(cmp.renamed[0].to, "renamed-node");
}

#[test]
fn lists_inside_an_element_say_what_was_added_and_removed() {
    let old = example();
    let i = old
        .flows
        .iter()
        .position(|f| !f.activities.is_empty())
        .unwrap();
    let first = old.flows[i].activities[0].clone();
    let c = after(|p| {
        p.flows[i].activities.remove(0);
    });
    assert_eq!(c.len(), 1, "{c:?}");
    assert_eq!(c[0].2, vec![format!("activities: removed {first}")]);
}
