//! Findings from the consent analysis ([`super::paths`]): ungated paths to destinations,
//! cookie identifiers received before consent was checked, and strictly-necessary claims
//! that an advertising platform receives.

use std::collections::BTreeMap;
use std::hash::Hash;

use rustc_hash::FxHashMap;

use crate::model::NodeKind;

use super::Finding;
use super::context::Context;
use super::paths::{Analysis, Found, Need};
use super::rules::*;

pub(super) fn run(ctx: &Context, paths: &Analysis, out: &mut Vec<Finding>) {
    ungated(ctx, paths, out);
    cookie_reads(ctx, paths, out);
    strictly_necessary_claims(ctx, out);
}

/// "the consent purpose 'Personalised advertising'".
fn purpose_name(ctx: &Context, id: &str) -> String {
    ctx.project
        .consent_purpose(id)
        .map_or_else(|| id.to_owned(), |c| c.name.clone())
}

fn node_name<'p>(ctx: &Context<'p>, id: &'p str) -> &'p str {
    ctx.node(id).map_or(id, |n| n.name.as_str())
}

/// The labels of fields, once each, in the order met.
fn labels(ctx: &Context, ids: &[&str]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for id in ids {
        if !seen.contains(id) {
            seen.push(id);
        }
    }
    seen.iter()
        .map(|id| ctx.field(id).map_or(*id, |f| f.label.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The witness path of a finding: from where its field entered to the flow's start, with the
/// flow into `to` appended: node ids, and the flows as words.
fn full_path<'p>(
    ctx: &Context<'p>,
    paths: &Analysis<'p>,
    found: &Found<'p>,
    to: &'p str,
) -> (crate::graph::Path<'p>, Vec<&'p str>, String) {
    let flow = &ctx.flows()[found.at().0].flow;
    // Every found mapping was reached, so it has a witness; the flow alone is the fallback.
    let witness = paths
        .witness(ctx, found)
        .unwrap_or_else(|| crate::graph::Path {
            nodes: vec![flow.from.as_str()],
            flows: Vec::new(),
        });
    let mut nodes = witness.nodes.clone();
    nodes.push(to);
    let mut flows = witness.flows.clone();
    flows.push(flow.id.as_str());
    let words = format!("{} (flows {})", nodes.join(" → "), flows.join(", "));
    (witness, nodes, words)
}

/// Members grouped by key, the groups in key order, the members of each in the order given:
/// hashing each member and sorting only the groups is much cheaper than a sorted map when
/// tens of thousands of members fall into a few thousand groups.
fn grouped<K: Hash + Eq + Ord + Copy>(
    keys: impl Iterator<Item = (K, usize)>,
) -> Vec<(K, Vec<usize>)> {
    let mut groups: FxHashMap<K, Vec<usize>> = FxHashMap::default();
    for (k, i) in keys {
        groups.entry(k).or_default().push(i);
    }
    let mut groups: Vec<(K, Vec<usize>)> = groups.into_iter().collect();
    groups.sort_unstable_by_key(|g| g.0);
    groups
}

/// One finding per destination and consent need, naming every field that gets through.
fn ungated(ctx: &Context, paths: &Analysis, out: &mut Vec<Finding>) {
    let groups = grouped(
        paths
            .ungated
            .iter()
            .enumerate()
            .filter_map(|(i, u)| Some(((ctx.flows()[u.at().0].to_ix?, u.need), i))),
    );
    for ((to, need), members) in groups {
        let dest = &ctx.project.nodes[to];
        let first = &paths.ungated[members[0]];
        let fields: Vec<&str> = members
            .iter()
            .map(|&i| paths.ungated[i].field(ctx))
            .collect();
        let (witness, nodes, path) = full_path(ctx, paths, first, dest.id.as_str());
        let entered = node_name(ctx, witness.nodes[0]);
        let first_label = labels(ctx, &[first.field(ctx)]);
        let first_flow = first.flow(ctx);
        let (message, fix) = match need {
            Need::Purpose(p) => {
                let name = purpose_name(ctx, p);
                let activities = activities_needing(ctx, paths, &members, p);
                (
                    format!(
                        "Personal data for {activities} (consent: '{name}') reaches {} without passing a gate that enforces '{name}': {}. {first_label} enters at {entered} and goes {path}.",
                        dest.name,
                        labels(ctx, &fields),
                    ),
                    format!(
                        "Route flow {} through a consent gate that enforces '{p}', or add '{p}' to the enforced purposes of a gate on the path ({}).",
                        witness.flows.first().copied().unwrap_or(first_flow),
                        nodes.join(" → ")
                    ),
                )
            }
            Need::AnyPurpose | Need::NoPurpose(_) => (
                format!(
                    "Personal data reaches {} on a flow that names no processing activity, and passes no consent gate on the way: {}. {first_label} enters at {entered} and goes {path}.",
                    dest.name,
                    labels(ctx, &fields),
                ),
                format!(
                    "Name the activities that flow {} serves (what the data is sent for), and route it through a consent gate that enforces their consent purpose.",
                    first_flow
                ),
            ),
        };
        out.push(
            Finding::new(&UNGATED_PATH, ctx.node_target(dest), message)
                .path(&nodes)
                .fix(fix),
        );
    }
}

/// "'Retargeting' and 'Conversion measurement'": the activities of the group's mappings that
/// rest on consent purpose `p`.
fn activities_needing(ctx: &Context, paths: &Analysis, members: &[usize], p: &str) -> String {
    let mut names: Vec<&str> = Vec::new();
    for &i in members {
        let (f, m) = paths.ungated[i].at();
        for &a in ctx.flows()[f].sent[m].activity_ix.iter() {
            let a = &ctx.project.activities[a];
            if a.consent_purpose.as_ref().is_some_and(|c| c.as_str() == p)
                && !names.contains(&a.name.as_str())
            {
                names.push(a.name.as_str());
            }
        }
    }
    names
        .iter()
        .map(|n| format!("'{n}'"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// One finding per receiving node and cookie field, naming each consent that was not checked.
fn cookie_reads(ctx: &Context, paths: &Analysis, out: &mut Vec<Finding>) {
    let groups = grouped(
        paths
            .cookie_reads
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some(((ctx.flows()[c.at().0].to_ix?, c.field(ctx)), i))),
    );
    for ((to, field_id), members) in groups {
        let node = &ctx.project.nodes[to];
        let first = &paths.cookie_reads[members[0]];
        let field = ctx.field(field_id);
        let label = field.map_or(field_id, |f| f.label.as_str());
        let cookie = field.and_then(|f| f.cookie.as_deref()).unwrap_or("a");
        let (_, nodes, path) = full_path(ctx, paths, first, node.id.as_str());
        let first_flow = first.flow(ctx);
        let mut needs: Vec<Need> = members
            .iter()
            .map(|&i| paths.cookie_reads[i].need)
            .collect();
        needs.sort();
        needs.dedup();
        let mut what = Vec::new();
        let mut fixes = Vec::new();
        for need in needs {
            match need {
                Need::Purpose(p) => {
                    let name = purpose_name(ctx, p);
                    what.push(format!("'{name}'"));
                    fixes.push(format!(
                        "let the flows that carry {field_id} pass a gate that enforces '{p}' before {}",
                        node.id
                    ));
                }
                Need::AnyPurpose => {
                    what.push(format!(
                        "any purpose (flow {} names no activity)",
                        first_flow
                    ));
                    fixes.push(format!(
                        "name the activities of flow {} and gate it with their consent purpose",
                        first_flow
                    ));
                }
                Need::NoPurpose(a) => {
                    let name = ctx.project.activity(a).map_or(a, |x| x.name.as_str());
                    what.push(format!(
                        "'{name}', which has no consent purpose and is not marked strictly necessary"
                    ));
                    fixes.push(format!(
                        "give activity {a} the consent purpose under which the cookie is read (or mark it strictly necessary if it is), or name on the mapping only the activities that use {field_id}"
                    ));
                }
            }
        }
        let message = format!(
            "{label} (read from the {cookie} cookie on the user's device) reaches {} before consent was checked for {}: {path}.",
            node.name,
            what.join("; "),
        );
        let mut fix = fixes.join("; ");
        if let Some(c) = fix.get(..1) {
            fix = format!("{}{}.", c.to_uppercase(), &fix[1..]);
        }
        out.push(
            Finding::new(&COOKIE_ID_UNGATED, ctx.node_target(node), message)
                .path(&nodes)
                .fix(fix),
        );
    }
}

/// A cookie identifier sent to an ad platform for an activity marked strictly necessary: the
/// mark would exempt the read from consent, and advertising never is.
fn strictly_necessary_claims(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let Some(dest) = facts
            .to
            .filter(|n| matches!(n.kind, NodeKind::Destination(_)))
        else {
            continue;
        };
        // One finding per activity and flow, naming each cookie field once.
        let mut claimed: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
        for m in facts
            .sent
            .iter()
            .filter(|m| m.field.is_some_and(|f| f.cookie.is_some()))
        {
            for &a in m.activity_ix.iter() {
                if ctx.project.activities[a].strictly_necessary {
                    let labels = claimed.entry(a).or_default();
                    if !labels.contains(&m.label()) {
                        labels.push(m.label());
                    }
                }
            }
        }
        for (a, labels) in claimed {
            let activity = &ctx.project.activities[a];
            out.push(
                Finding::new(
                    &STRICTLY_NECESSARY_CLAIM,
                    ctx.activity_target(activity),
                    format!(
                        "'{}' is marked strictly necessary, but flow {} sends cookie identifiers for it to {}: {}.",
                        activity.name,
                        facts.flow.id,
                        dest.name,
                        labels.join(", ")
                    ),
                )
                .fix(format!(
                    "Remove the strictly-necessary mark from activity {} and gate flow {} with its consent purpose, or stop sending the cookie identifiers to {}.",
                    activity.id, facts.flow.id, dest.name
                )),
            );
        }
    }
}
