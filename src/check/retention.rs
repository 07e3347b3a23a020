//! Retention: every system that keeps personal data has a limit, it fits the purposes, and it
//! is no shorter than what the platform says it keeps.

use rustc_hash::FxHashMap;

use crate::model::{Period, RetentionLimit, RetentionRule, RetentionScope, vocab};

use super::Finding;
use super::context::Context;
use super::rules::*;

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let mut rules: FxHashMap<&str, Vec<&RetentionRule>> = FxHashMap::default();
    for r in &ctx.project.retention {
        rules.entry(r.node.as_str()).or_default().push(r);
    }
    // What personal data each node receives, and for which activities, by node position:
    // with tens of thousands of flows, looking nodes up by name here would cost more than
    // the rest of this check.
    let n = ctx.project.nodes.len();
    let mut received: Vec<Vec<&str>> = vec![Vec::new(); n];
    let mut seen = vec![false; n * ctx.project.fields.len()];
    let mut served: Vec<Vec<usize>> = vec![Vec::new(); n];
    for facts in ctx.flows() {
        let Some(to) = facts.to_ix else { continue };
        for m in facts.sent.iter().filter(|m| m.personal) {
            let (Some(field), Some(ix)) = (m.field, m.field_ix()) else {
                continue;
            };
            let cell = &mut seen[to * ctx.project.fields.len() + ix];
            if !*cell {
                *cell = true;
                received[to].push(field.id.as_str());
            }
            // The activities that use personal data here: those of its mappings.
            for &a in m.activity_ix.iter() {
                if !served[to].contains(&a) {
                    served[to].push(a);
                }
            }
        }
    }

    for (ix, node) in ctx.project.nodes.iter().enumerate() {
        if !Context::holds_data(node) {
            continue;
        }
        let fields = &received[ix];
        if fields.is_empty() {
            continue;
        }
        let node_rules = rules
            .get(node.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if node_rules.is_empty() {
            out.push(
                Finding::new(
                    &RETENTION_MISSING,
                    ctx.node_target(node),
                    format!(
                        "{} receives personal data ({}) but has no retention rule.",
                        node.name,
                        labels(ctx, fields)
                    ),
                )
                .fix(format!(
                    "Add a retention rule to '{}' (Add a retention rule, in its inspector): how long it keeps the data, and why.",
                    node.name
                )),
            );
            continue;
        }
        let uncovered: Vec<&str> = fields
            .iter()
            .copied()
            .filter(|f| !node_rules.iter().any(|r| covers(ctx, &r.applies_to, f)))
            .collect();
        if !uncovered.is_empty() {
            out.push(
                Finding::new(
                    &RETENTION_FIELD_UNCOVERED,
                    ctx.node_target(node),
                    format!(
                        "The retention rules of {} do not cover {}.",
                        node.name,
                        labels(ctx, &uncovered)
                    ),
                )
                .fix(format!(
                    "Add a retention rule to '{}' for {}, or one for all personal data.",
                    node.name,
                    uncovered.join(", ")
                )),
            );
        }
        let longest = node_rules
            .iter()
            .filter_map(|r| match &r.limit {
                RetentionLimit::Period(p) => Some(*p),
                RetentionLimit::AfterEvent { .. } => None,
            })
            .max();
        if let Some(longest) = longest {
            exceeds_activity(ctx, node, longest, &served[ix], out);
        }
        platform_longer(ctx, node, node_rules, longest, out);
    }
}

fn exceeds_activity(
    ctx: &Context,
    node: &crate::model::Node,
    longest: Period,
    served: &[usize],
    out: &mut Vec<Finding>,
) {
    // In file order, so that findings come out the same on every run.
    let exceeded: Vec<_> = ctx
        .project
        .activities
        .iter()
        .enumerate()
        .filter(|(i, _)| served.contains(i))
        .map(|(_, a)| a)
        .filter_map(|a| Some((a, a.max_retention?)))
        // Compared by length: "1 year" is not longer than "12 months".
        .filter(|(_, max)| longest.as_minutes() > max.as_minutes())
        .collect();
    let Some((strictest, shortest)) = exceeded.iter().min_by_key(|(_, max)| *max) else {
        return;
    };
    let list = exceeded
        .iter()
        .map(|(a, max)| format!("'{}' ({max})", a.name))
        .collect::<Vec<_>>()
        .join(", ");
    out.push(
        Finding::new(
            &RETENTION_EXCEEDS_ACTIVITY,
            ctx.node_target(node),
            format!(
                "{} keeps data for {}, longer than the maximum retention of {}.",
                node.name, longest, list
            ),
        )
        .fix(format!(
            "Shorten the retention of '{}' to {} or less, or raise the maximum retention of '{}' with a reason; if the recipient's terms fix the period, accept the risk with a justification.",
            node.name, shortest, strictest.name
        )),
    );
}

fn platform_longer(
    ctx: &Context,
    node: &crate::model::Node,
    rules: &[&RetentionRule],
    longest: Option<Period>,
    out: &mut Vec<Finding>,
) {
    let Some(platform) = ctx.platform_of(node) else {
        return;
    };
    let Some(kept) = platform.retention.value() else {
        return;
    };
    // An event-based limit ("end of contract + 180 days") may be longer than any period: only
    // fixed periods can be compared.
    if rules
        .iter()
        .any(|r| matches!(r.limit, RetentionLimit::AfterEvent { .. }))
    {
        return;
    }
    if let Some(declared) = longest
        && kept.as_minutes() > declared.as_minutes()
    {
        out.push(
            Finding::new(
                &PLATFORM_KEEPS_LONGER,
                ctx.node_target(node),
                format!(
                    "{} states that it keeps data for up to {}, but the record declares {} for {}.",
                    platform.name, kept, declared, node.name
                ),
            )
            .fix(format!(
                "Declare {} in the retention rule of '{}' (and in the privacy notice).",
                kept, node.name
            )),
        );
    }
}

fn covers(ctx: &Context, scope: &RetentionScope, field: &str) -> bool {
    match scope {
        RetentionScope::AllPersonalData => true,
        RetentionScope::Field(f) => f.as_str() == field,
        RetentionScope::Category(c) => ctx
            .field(field)
            .is_some_and(|f| vocab::is_within(&f.category, c)),
    }
}

fn labels(ctx: &Context, fields: &[&str]) -> String {
    const SHOWN: usize = 6;
    let mut names: Vec<String> = fields
        .iter()
        .take(SHOWN)
        .map(|f| {
            ctx.field(f)
                .map_or((*f).to_owned(), |x| x.label.to_lowercase())
        })
        .collect();
    if fields.len() > SHOWN {
        names.push(format!("{} more", fields.len() - SHOWN));
    }
    names.join(", ")
}
