//! Which element of the user's project an imported one stands for: the one that remembers the
//! same container element, else the one with the same platform and account, else the only one
//! of its kind. Matching never guesses between two candidates.

use std::collections::HashMap;

use crate::model::*;

/// Whether an account records the imported id as one of its words ("dataset 1234567890").
pub(super) fn account_matches(recorded: &str, imported: &str) -> bool {
    let imported = imported.trim();
    !imported.is_empty()
        && (recorded.trim().eq_ignore_ascii_case(imported)
            || recorded
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | ':'))
                .any(|w| w.eq_ignore_ascii_case(imported)))
}

pub(super) fn same_origin(a: &[Origin], b: &[Origin]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x.same_element(y)))
}

/// Two transforms that say the same.
pub fn equivalent(a: &Transform, b: &Transform) -> bool {
    match (a, b) {
        (Transform::Sha256(Some(x)), Transform::Sha256(Some(y))) => x.same_rule(y),
        _ => a == b,
    }
}

pub(super) enum Found {
    At(usize),
    Represented,
}

pub(super) fn match_node(
    s: &Project,
    n: &Node,
    mapped: &HashMap<String, String>,
    relay_frag: &str,
    frag: &Project,
) -> Option<Found> {
    let kind = |x: &Node| (x.kind.label(), x.as_store().map(|s| s.store));
    // A tag with a table of pixels stands for several destinations: the account tells them
    // apart.
    let account = |x: &Node| x.as_destination().map(|d| d.account.clone());
    let same_account = |x: &Node| {
        account(n)
            .is_none_or(|a| a.is_empty() || account(x).is_some_and(|b| account_matches(&b, &a)))
    };
    if let Some(i) = s
        .nodes
        .iter()
        .position(|x| same_origin(&x.origins, &n.origins) && kind(x) == kind(n) && same_account(x))
    {
        return Some(Found::At(i));
    }
    let only = |pred: &dyn Fn(&Node) -> bool| {
        let all: Vec<usize> = s
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, x)| pred(x))
            .map(|(i, _)| i)
            .collect();
        (all.len() == 1).then(|| all[0])
    };
    match &n.kind {
        NodeKind::Relay(r) => {
            only(&|x| matches!(&x.kind, NodeKind::Relay(y) if y.relay == r.relay)).map(Found::At)
        }
        NodeKind::Source(_) => {
            let relay = mapped.get(relay_frag)?;
            // The relay already has its entry points (flows from nodes the import did not make).
            let fed = s.flows.iter().any(|f| {
                f.to.as_str() == relay
                    && s.node(f.from.as_str())
                        .is_some_and(|x| x.origins.is_empty())
            });
            fed.then_some(Found::Represented)
        }
        NodeKind::Store(st) if st.store == StoreKind::Device => {
            only(&|x| x.as_store().is_some_and(|y| y.store == StoreKind::Device)).map(Found::At)
        }
        // A log store only by its origin: the user's own logs are not the container's.
        NodeKind::Destination(d) => {
            if d.platform == "unknown" {
                return None;
            }
            let by_account = s.nodes.iter().position(|x| {
                x.as_destination().is_some_and(|y| {
                    y.platform == d.platform && account_matches(&y.account, &d.account)
                })
            });
            by_account
                .or_else(|| {
                    only(&|x| {
                        x.as_destination().is_some_and(|y| {
                            y.platform == d.platform && y.account.trim().is_empty()
                        })
                    })
                })
                .map(Found::At)
        }
        NodeKind::ConsentGate(_) => {
            // The gate the matched tag flow already runs through.
            let tag_flow = frag.flows.iter().find(|f| {
                f.from == n.id
                    && f.origin.is_some()
                    && frag
                        .node(f.to.as_str())
                        .is_some_and(|t| t.as_destination().is_some())
            })?;
            let to = mapped.get(tag_flow.to.as_str())?;
            let relay = mapped.get(relay_frag)?;
            let into: Vec<&Flow> = s
                .flows
                .iter()
                .filter(|f| f.to.as_str() == to && f.origin.is_none())
                .collect();
            let [f] = into.as_slice() else { return None };
            let from = s
                .nodes
                .iter()
                .position(|x| x.id == f.from && x.as_gate().is_some())?;
            // A gate stands for one tag's consent check: never for a second tag's too.
            if mapped.values().any(|m| m.as_str() == f.from.as_str()) {
                return None;
            }
            let feeds = s
                .flows
                .iter()
                .any(|g| g.to == f.from && g.from.as_str() == relay);
            feeds.then_some(Found::At(from))
        }
        _ => None,
    }
}

pub(super) fn match_flow(
    s: &Project,
    f: &Flow,
    from: &str,
    to: &str,
    relay_for_new_gate: Option<&str>,
) -> Option<usize> {
    if let Some(o) = &f.origin
        && let Some(i) = s.flows.iter().position(|x| {
            x.to.as_str() == to && x.origin.as_ref().is_some_and(|y| y.same_element(o))
        })
    {
        return Some(i);
    }
    if !matches!(
        f.origin,
        Some(Origin {
            element: OriginElement::Tag(_),
            ..
        })
    ) || s.node(to).is_none_or(|n| n.as_destination().is_none())
    {
        return None;
    }
    let candidates: Vec<usize> = s
        .flows
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            x.origin.is_none()
                && x.to.as_str() == to
                && (x.from.as_str() == from || Some(x.from.as_str()) == relay_for_new_gate)
        })
        .map(|(i, _)| i)
        .collect();
    match candidates.as_slice() {
        [i] => Some(*i),
        _ => None,
    }
}
