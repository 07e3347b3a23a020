//! Withdrawal cases: for each flow that sends events queued after a consent gate, grant,
//! create events, withdraw, run the batch or the queue, and look for the person's events at
//! the destinations downstream.

use crate::model::{NodeKind, WithdrawalHandling};

use super::super::Context;
use super::super::consent::pending;
use super::super::paths::{Need, consent_needs};
use super::WithdrawalCase;

/// The withdrawal cases, numbered from `first`.
pub(super) fn cases(ctx: &Context, first: usize) -> Vec<WithdrawalCase> {
    let project = ctx.project;
    let mut out = Vec::new();
    for p in pending(ctx) {
        let facts = &ctx.flows()[p.flow];
        let flow = facts.flow;
        // The destinations the pending events can reach: where the flow goes, and beyond.
        let reach = ctx.graph.reach([flow.to.as_str()], |_| false, |_| true);
        let mut destinations = Vec::new();
        let mut purposes: Vec<String> = Vec::new();
        for (fi, f) in ctx.flows().iter().enumerate() {
            let Some(to) = f.to else { continue };
            if !matches!(to.kind, NodeKind::Destination(_))
                || !(fi == p.flow || reach.contains(f.flow.from.as_str()))
            {
                continue;
            }
            let mut needed = false;
            for m in f.sent.iter().filter(|m| m.personal) {
                for need in consent_needs(ctx, &m.activity_ix) {
                    if let Need::Purpose(id) = need {
                        needed = true;
                        if !purposes.iter().any(|x| x == id) {
                            purposes.push(id.to_owned());
                        }
                    }
                }
            }
            if needed && !destinations.iter().any(|d| d == to.id.as_str()) {
                destinations.push(to.id.to_string());
            }
        }
        if destinations.is_empty() {
            continue;
        }
        // In the project's order of purposes, as the consent cases list them.
        purposes.sort_by_key(|id| {
            project
                .consent_purposes
                .iter()
                .position(|c| c.id.as_str() == id)
        });
        let (handling, model_passes) = match p.handling {
            None => (String::new(), None),
            Some((h, whose)) => (
                format!("{whose}: {h}"),
                match h {
                    WithdrawalHandling::SendQueued => Some(false),
                    // Words: the test will tell.
                    WithdrawalHandling::Custom(_) => None,
                    _ => Some(true),
                },
            ),
        };
        out.push(WithdrawalCase {
            number: first + out.len(),
            flow: flow.id.to_string(),
            name: ctx.flow_name(flow),
            how: p.how,
            purposes,
            destinations,
            handling,
            model_passes,
        });
    }
    out
}
