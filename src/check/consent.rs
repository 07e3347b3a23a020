//! Consent: along every path and for cookie identifiers (the analysis in [`super::paths`],
//! its findings in [`super::gates`]), whether it is consent at all, on withdrawal, in the
//! signals forwarded, and in the records that demonstrate it.

use std::collections::{BTreeSet, HashSet};

use crate::model::{
    ConsentMode, ConsentPurpose, Delivery, ElementRef, LawfulBasis, NodeKind, StoreKind,
    WithdrawalHandling, region,
};

use super::context::{Context, cite};
use super::regions;
use super::rules::*;
use super::{Finding, Target};

/// The consent analysis and its findings (ungated paths, cookie reads). Returns (destination
/// id, consent purpose id) for each destination reached without a gate enforcing the
/// purpose, for the record.
pub(super) fn paths(ctx: &Context, out: &mut Vec<Finding>) -> BTreeSet<(String, String)> {
    let paths = super::paths::analyse(ctx);
    super::gates::run(ctx, &paths, out);
    paths
        .ungated
        .iter()
        .filter_map(|u| match u.need {
            super::Need::Purpose(p) => {
                Some((ctx.flows()[u.at().0].flow.to.to_string(), p.to_owned()))
            }
            _ => None,
        })
        .collect()
}

/// Consent that is no consent: an opt-out purpose for users where consent must be asked for
/// first, behind an activity that rests on consent; and purposes whose regions are unknown.
pub(super) fn validity(ctx: &Context, out: &mut Vec<Finding>) {
    let opt_in = region::opt_in_regions();
    for c in &ctx.project.consent_purposes {
        if c.regions.is_empty() {
            out.push(Finding::new(
                &PURPOSE_SCOPE_UNKNOWN,
                consent_target(c),
                format!(
                    "The consent purpose '{}' does not say in which regions it is asked for ({}).",
                    c.name,
                    match c.mode {
                        ConsentMode::OptIn => "opt-in",
                        ConsentMode::OptOut => "opt-out",
                    }
                ),
            ).fix(format!(
                "Set the regions of consent purpose {} to where the banner asks for it in this mode (EEA, UK, CH, US-CA, …).",
                c.id
            )));
        }
    }
    for (a_ix, a) in ctx.project.activities.iter().enumerate() {
        if a.lawful_basis != Some(LawfulBasis::Consent) {
            continue;
        }
        let Some(c) = a
            .consent_purpose
            .as_ref()
            .and_then(|p| ctx.project.consent_purpose(p.as_str()))
        else {
            continue;
        };
        if c.mode != ConsentMode::OptOut {
            continue;
        }
        // Where the purpose names its regions, they say where it is opt-out; where it does
        // not, it is opt-out wherever the activity's data comes from.
        let applies = match regions::parse_all(&c.regions) {
            Some(named) if !named.is_empty() => {
                named.iter().any(|r| opt_in.iter().any(|o| o.overlaps(r)))
            }
            _ => ctx.flows().iter().any(|f| {
                f.sent
                    .iter()
                    .any(|m| m.activity_ix.contains(&a_ix) && m.users().touches_any(&opt_in))
                    || (f.activity_ix.contains(&a_ix) && f.users().touches_any(&opt_in))
            }),
        };
        if applies {
            out.push(
                Finding::new(
                    &OPT_OUT_AS_CONSENT,
                    ctx.activity_target(a),
                    format!(
                        "'{}' rests on consent, but its consent purpose '{}' is opt-out{}: for users in the EEA, the UK or Switzerland that is not consent.",
                        a.name,
                        c.name,
                        if c.regions.is_empty() {
                            String::new()
                        } else {
                            format!(" in {}", c.regions.join(", "))
                        }
                    ),
                )
                .fix(format!(
                    "Make consent purpose {} opt-in for EEA, UK and Swiss users, or split it: an opt-in purpose for them and an opt-out one for regions where opt-out is lawful.",
                    c.id
                )),
            );
        }
    }
}

fn consent_target(c: &ConsentPurpose) -> Target {
    Target {
        kind: "consent purpose",
        element: ElementRef::ConsentPurpose(c.id.clone()),
        name: c.name.clone(),
    }
}

/// A flow that sends events queued after a consent gate: in batches, or out of a queue.
/// What it does with a person's pending events when they withdraw consent decides whether
/// the withdrawal reaches the destination.
pub(super) struct Pending<'p> {
    /// The flow's position in `project.flows`.
    pub flow: usize,
    /// "sends in batches every 1 day", "sends events out of a queue".
    pub how: String,
    /// What happens on withdrawal, and whose answer that is ("the flow", "the store it
    /// leaves from"); `None` when neither says.
    pub handling: Option<(&'p WithdrawalHandling, &'static str)>,
}

/// Batch flows, and flows out of queues, downstream of a consent gate. The flow's own answer
/// on withdrawal counts; else the answer of the store it leaves from (a queue that purges a
/// person's events, a profile store).
pub(super) fn pending<'p>(ctx: &Context<'p>) -> Vec<Pending<'p>> {
    let gates: Vec<&str> = ctx
        .project
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::ConsentGate(_)))
        .map(|n| n.id.as_str())
        .collect();
    let after_gate = ctx.graph.reach(gates, |_| false, |_| true);
    let mut out = Vec::new();
    for (i, facts) in ctx.flows().iter().enumerate() {
        let flow = facts.flow;
        let from = ctx.node(flow.from.as_str());
        let store = from.and_then(|n| n.as_store());
        let from_queue = store.is_some_and(|s| s.store == StoreKind::Queue);
        let how = match (flow.delivery, from_queue) {
            (Delivery::Batch(every), _) => format!("sends in batches every {every}"),
            (Delivery::RealTime, true) => "sends events out of a queue".to_owned(),
            (Delivery::RealTime, false) => continue,
        };
        // A gate checks the consent state of each event as it passes; what is queued after
        // the last gate is sent on the state at the time it was queued.
        if !after_gate.contains(flow.from.as_str()) {
            continue;
        }
        let handling = match (
            &flow.on_withdrawal,
            store.and_then(|s| s.on_withdrawal.as_ref()),
        ) {
            (Some(h), _) => Some((h, "the flow")),
            (None, Some(h)) => Some((h, "the store it leaves from")),
            (None, None) => None,
        };
        out.push(Pending {
            flow: i,
            how,
            handling,
        });
    }
    out
}

/// Pending events after a consent gate must be handled on withdrawal.
pub(super) fn withdrawal(ctx: &Context, out: &mut Vec<Finding>) {
    for p in pending(ctx) {
        let flow = ctx.flows()[p.flow].flow;
        let how = &p.how;
        let message = match p.handling {
            None => format!(
                "Flow {} ({}) {} after a consent gate, but neither the flow nor where it leaves from says what happens to the pending events of a person who withdraws consent in the meantime.",
                flow.id,
                ctx.flow_name(flow),
                how
            ),
            Some((WithdrawalHandling::SendQueued, whose)) => format!(
                "Flow {} ({}) {} after a consent gate, and {whose} still sends a person's pending events after they withdrew consent.",
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
pub(super) fn signals(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let flow = facts.flow;
        let Some(platform) = facts.platform else {
            continue;
        };
        // A parameter that names no region (Meta's opt_out, say) is not a consent signal
        // that applies to some users: nothing to forward.
        let request_type = flow.request_type.as_deref();
        for param in &platform.consent_parameters {
            // A request of a type that has no such field cannot forward it (Google Ads
            // adjustments carry no consent); a flow of unknown type may send any type.
            if param.regions.is_empty()
                || flow.consent_signals.contains(&param.wire_name)
                || !crate::catalog::carried_by(&param.request_types, request_type)
                || !facts.touches(&param.regions)
            {
                continue;
            }
            let which_requests = if param.request_types.is_empty() {
                String::new()
            } else {
                format!(
                    " on {} requests",
                    platform.request_type_names(&param.request_types)
                )
            };
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
                        "{} {} {}{which_requests} for users in {}{}, and flow {} ({}) may carry their data, but does not forward it. {}",
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
                .fix(if request_type.is_none() && !param.request_types.is_empty() {
                    format!(
                        "Add \"{}\" to the consent signals forwarded on flow {} (consent_signals in the file), filled with each person's choice; if the flow sends only requests that have no such field, set its request type (one of: {}).",
                        param.wire_name,
                        ctx.flow_name(flow),
                        platform
                            .request_types
                            .iter()
                            .map(|t| t.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                } else {
                    format!(
                        "Add \"{}\" to the consent signals forwarded on flow {} (consent_signals in the file), filled with each person's choice.",
                        param.wire_name,
                        ctx.flow_name(flow)
                    )
                }),
            );
        }
    }
}

/// Every gate that enforces consent keeps records, and the record store has retention.
pub(super) fn records(ctx: &Context, out: &mut Vec<Finding>) {
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
                        element: ElementRef::Node(store.clone()),
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
