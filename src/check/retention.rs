//! Retention: every system that keeps personal data has a limit, it fits the purposes, and it
//! is no shorter than what the platform says it keeps.

use std::collections::{HashMap, HashSet};

use crate::model::{Period, RetentionLimit, RetentionRule, RetentionScope, vocab};

use super::Finding;
use super::context::Context;
use super::rules::*;

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let mut rules: HashMap<&str, Vec<&RetentionRule>> = HashMap::new();
    for r in &ctx.project.retention {
        rules.entry(r.node.as_str()).or_default().push(r);
    }
    // What personal data each node receives, and for which activities.
    let mut received: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut activities: HashMap<&str, HashSet<&str>> = HashMap::new();
    for flow in &ctx.project.flows {
        let personal: Vec<&str> = flow
            .sent_fields()
            .map(|m| m.field.as_str())
            .filter(|f| ctx.is_personal(f))
            .collect();
        if personal.is_empty() {
            continue;
        }
        let entry = received.entry(flow.to.as_str()).or_default();
        for f in personal {
            if !entry.contains(&f) {
                entry.push(f);
            }
        }
        activities
            .entry(flow.to.as_str())
            .or_default()
            .extend(flow.activities.iter().map(|a| a.as_str()));
    }

    for node in &ctx.project.nodes {
        if !Context::holds_data(node) {
            continue;
        }
        let Some(fields) = received.get(node.id.as_str()) else {
            continue;
        };
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
                    "Add a retention rule for node {}: how long it keeps the data, and why.",
                    node.id
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
                    "Add a retention rule on node {} for {}, or one for all personal data.",
                    node.id,
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
            exceeds_activity(ctx, node, longest, activities.get(node.id.as_str()), out);
        }
        platform_longer(ctx, node, node_rules, longest, out);
    }
}

fn exceeds_activity(
    ctx: &Context,
    node: &crate::model::Node,
    longest: Period,
    served: Option<&HashSet<&str>>,
    out: &mut Vec<Finding>,
) {
    let Some(served) = served else { return };
    // In file order, so that findings come out the same on every run.
    let exceeded: Vec<_> = ctx
        .project
        .activities
        .iter()
        .filter(|a| served.contains(a.id.as_str()))
        .filter_map(|a| Some((a, a.max_retention?)))
        .filter(|(_, max)| longest > *max)
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
            "Shorten the retention of node {} to {} or less, or raise the maximum of activity {} with a reason; if the recipient's terms fix the period, accept the risk with a justification.",
            node.id, shortest, strictest.id
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
    let Some(kept) = platform.platform.retention.value() else {
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
        && *kept > declared
    {
        out.push(
            Finding::new(
                &PLATFORM_KEEPS_LONGER,
                ctx.node_target(node),
                format!(
                    "{} states that it keeps data for up to {}, but the record declares {} for {}.",
                    platform.platform.name, kept, declared, node.name
                ),
            )
            .fix(format!(
                "Declare {} in the retention rule of node {} (and in the privacy notice).",
                kept, node.id
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
