//! Consent: along every path, for cookie identifiers, on withdrawal, in the signals forwarded,
//! and in the records that demonstrate it.

use std::collections::HashSet;

use crate::model::{Delivery, LawfulBasis, NodeKind, StoreKind, WithdrawalHandling};

use super::context::{Context, cite};
use super::rules::*;
use super::{Finding, Target};

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    ungated_paths(ctx, out);
    cookie_ids(ctx, out);
    withdrawal(ctx, out);
    signals(ctx, out);
    records(ctx, out);
}

fn source_ids<'p>(ctx: &Context<'p>) -> Vec<&'p str> {
    ctx.project
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Source(_)))
        .map(|n| n.id.as_str())
        .collect()
}

/// One search per consent-based activity, from all sources at once, along the flows that serve
/// the activity, never entering a gate that enforces its consent purpose. Every destination
/// the search still reaches has an ungated path, and the search's path to it is the witness.
fn ungated_paths(ctx: &Context, out: &mut Vec<Finding>) {
    let sources = source_ids(ctx);
    for (a_ix, activity) in ctx.project.activities.iter().enumerate() {
        if activity.lawful_basis != Some(LawfulBasis::Consent) {
            continue;
        }
        // Without a consent purpose no gate can be said to cover it; lawful/ reports that.
        let Some(purpose) = &activity.consent_purpose else {
            continue;
        };
        let reach = ctx.graph.reach_by_index(
            sources.iter().copied(),
            |n| n.as_gate().is_some_and(|g| g.enforces.contains(purpose)),
            |i| ctx.flows()[i].activity_ix.contains(&a_ix),
        );
        for dest in ctx.project.destinations() {
            let Some(path) = reach.path_to(dest.id.as_str()) else {
                continue;
            };
            if path.nodes.len() < 2 {
                continue;
            }
            let purpose_name = ctx
                .project
                .consent_purpose(purpose.as_str())
                .map_or(purpose.to_string(), |c| c.name.clone());
            out.push(
                Finding::new(
                    &UNGATED_PATH,
                    ctx.node_target(dest),
                    format!(
                        "Data for '{}' (consent) reaches {} along {} without passing a gate that enforces the consent purpose '{}'.",
                        activity.name, dest.name, path, purpose_name
                    ),
                )
                .path(&path.nodes)
                .fix(format!(
                    "Route flow {} through a consent gate that enforces '{}', or add '{}' to the enforced purposes of a gate on this path.",
                    path.flows.first().copied().unwrap_or_default(),
                    purpose,
                    purpose
                )),
            );
        }
    }
}

/// One search per field read from a cookie, along the flows that carry it, never entering any
/// consent gate.
fn cookie_ids(ctx: &Context, out: &mut Vec<Finding>) {
    let sources = source_ids(ctx);
    for (ix, field) in ctx
        .project
        .fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.cookie.is_some())
    {
        let cookie = field.cookie.as_deref().unwrap_or_default();
        // A gate that enforces no purpose lets everything through: it does not count.
        let reach = ctx.graph.reach_by_index(
            sources.iter().copied(),
            |n| n.as_gate().is_some_and(|g| !g.enforces.is_empty()),
            |i| ctx.flows()[i].sent.iter().any(|m| m.field_ix == Some(ix)),
        );
        for dest in ctx.project.destinations() {
            let Some(path) = reach.path_to(dest.id.as_str()) else {
                continue;
            };
            if path.nodes.len() < 2 {
                continue;
            }
            out.push(
                Finding::new(
                    &COOKIE_ID_UNGATED,
                    ctx.node_target(dest),
                    format!(
                        "{} (read from the {} cookie) reaches {} along {} without passing a consent gate.",
                        field.label, cookie, dest.name, path
                    ),
                )
                .path(&path.nodes)
                .fix(format!(
                    "Route the flows that carry '{}' through a consent gate, or drop the field from flow {}.",
                    field.id,
                    path.flows.first().copied().unwrap_or_default()
                )),
            );
        }
    }
}

/// Batch flows, and flows out of queues, downstream of a gate must say what happens to pending
/// events on withdrawal. One search from all gates.
fn withdrawal(ctx: &Context, out: &mut Vec<Finding>) {
    let gates: Vec<&str> = ctx
        .project
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::ConsentGate(_)))
        .map(|n| n.id.as_str())
        .collect();
    if gates.is_empty() {
        return;
    }
    let after_gate = ctx.graph.reach(gates, |_| false, |_| true);
    for flow in &ctx.project.flows {
        if !after_gate.contains(flow.from.as_str()) {
            continue;
        }
        let from_queue = ctx
            .node(flow.from.as_str())
            .is_some_and(|n| matches!(&n.kind, NodeKind::Store(s) if s.store == StoreKind::Queue));
        let how = match (flow.delivery, from_queue) {
            (Delivery::Batch(every), _) => format!("sends in batches every {every}"),
            (Delivery::RealTime, true) => "sends events out of a queue".to_owned(),
            (Delivery::RealTime, false) => continue,
        };
        let message = match &flow.on_withdrawal {
            None => format!(
                "Flow {} ({}) {} after a consent gate, but does not say what happens to pending events of a person who withdraws consent in the meantime.",
                flow.id,
                ctx.flow_name(flow),
                how
            ),
            Some(WithdrawalHandling::SendQueued) => format!(
                "Flow {} ({}) {} after a consent gate and still sends a person's pending events after they withdrew consent.",
                flow.id,
                ctx.flow_name(flow),
                how
            ),
            Some(_) => continue,
        };
        out.push(Finding::new(
            &WITHDRAWAL_UNHANDLED,
            ctx.flow_target(flow),
            message,
        ));
    }
}

/// Consent parameters of the destination's platform that apply to the flow's regions.
fn signals(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let flow = facts.flow;
        let Some(platform) = facts.platform else {
            continue;
        };
        // A parameter that names no region (Meta's opt_out, say) is not a consent signal
        // that applies to some users: nothing to forward.
        for param in &platform.consent_parameters {
            if param.regions.is_empty()
                || flow.consent_signals.contains(&param.wire_name)
                || !facts.touches(&param.regions)
            {
                continue;
            }
            let (rule, verb) = if param.required {
                (&SIGNAL_MISSING, "requires")
            } else {
                (&LIMITED_USE_FLAG_MISSING, "offers")
            };
            out.push(
                Finding::new(
                    rule,
                    ctx.flow_target(flow),
                    format!(
                        "{} {} {} for users in {}{}, and flow {} ({}) may carry their data, but does not forward it. {}",
                        platform.name,
                        verb,
                        param.wire_name,
                        param.regions.join(", "),
                        cite(&param.source),
                        flow.id,
                        ctx.flow_name(flow),
                        param.meaning
                    ),
                )
                .fix(format!(
                    "Add \"{}\" to the consent_signals of flow {}, filled with each person's choice.",
                    param.wire_name, flow.id
                )),
            );
        }
    }
}

/// Every gate that enforces consent keeps records, and the record store has retention.
fn records(ctx: &Context, out: &mut Vec<Finding>) {
    let kept: HashSet<&str> = ctx
        .project
        .retention
        .iter()
        .map(|r| r.node.as_str())
        .collect();
    let mut reported = HashSet::new();
    for node in &ctx.project.nodes {
        let Some(gate) = node.as_gate() else {
            continue;
        };
        if gate.enforces.is_empty() {
            continue;
        }
        match &gate.records_to {
            None => out.push(Finding::new(
                &NO_CONSENT_RECORDS,
                ctx.node_target(node),
                format!(
                    "The consent gate {} enforces {} but records its consents nowhere, so the consents cannot be demonstrated.",
                    node.name,
                    gate.enforces
                        .iter()
                        .map(|c| c.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
            Some(store) if !kept.contains(store.as_str()) && reported.insert(store.as_str()) => {
                let target = ctx.node(store.as_str()).map_or(
                    Target {
                        kind: "node",
                        id: store.to_string(),
                        name: store.to_string(),
                    },
                    |n| ctx.node_target(n),
                );
                out.push(Finding::new(
                    &CONSENT_RECORDS_NO_RETENTION,
                    target,
                    format!(
                        "{} keeps the consent records of {} but has no retention rule.",
                        ctx.node(store.as_str()).map_or(store.as_str(), |n| n.name.as_str()),
                        node.name
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}
