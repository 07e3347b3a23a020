//! The record of processing itself: each element of Art. 30(1)(a)–(g) that is missing.

use std::collections::HashSet;

use super::context::Context;
use super::rules::*;
use super::{Finding, Target};

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    organisation(ctx, out);
    activities(ctx, out);
    flows(ctx, out);
    recipients(ctx, out);
}

fn organisation(ctx: &Context, out: &mut Vec<Finding>) {
    let org = &ctx.project.organisation;
    let target = || Target {
        kind: "organisation",
        element: crate::model::ElementRef::Organisation,
        name: if org.controller.name.is_empty() {
            "the controller".to_owned()
        } else {
            org.controller.name.clone()
        },
    };
    let c = &org.controller;
    let mut missing = Vec::new();
    if c.name.trim().is_empty() {
        missing.push("legal name");
    }
    if c.address.trim().is_empty() {
        missing.push("postal address");
    }
    if c.email.trim().is_empty() && c.phone.trim().is_empty() {
        missing.push("contact e-mail or phone");
    }
    if !missing.is_empty() {
        out.push(Finding::new(
            &CONTROLLER_CONTACT,
            target(),
            format!("The controller's {} missing.", join_is(&missing)),
        ));
    }
    if org.dpo.is_none() {
        out.push(Finding::new(
            &DPO_MISSING,
            target(),
            format!(
                "No data protection officer is recorded for {}.",
                target().name
            ),
        ));
    }
}

fn activities(ctx: &Context, out: &mut Vec<Finding>) {
    let served: HashSet<&str> = ctx
        .project
        .flows
        .iter()
        .flat_map(|f| f.activities.iter().map(|a| a.as_str()))
        .collect();
    for a in &ctx.project.activities {
        let t = || ctx.activity_target(a);
        if a.description.trim().is_empty() {
            out.push(Finding::new(
                &PURPOSE_UNDESCRIBED,
                t(),
                format!("'{}' has no description of its purpose.", a.name),
            ));
        }
        if a.data_subjects.is_empty() {
            out.push(Finding::new(
                &SUBJECTS_MISSING,
                t(),
                format!("'{}' names no categories of data subjects.", a.name),
            ));
        }
        if a.max_retention.is_none() {
            out.push(Finding::new(
                &ERASURE_LIMIT,
                t(),
                format!("'{}' has no time limit for erasure.", a.name),
            ));
        }
        if a.security_measures.is_empty() {
            out.push(Finding::new(
                &SECURITY_MEASURES,
                t(),
                format!("'{}' lists no security measures.", a.name),
            ));
        }
        if !served.contains(a.id.as_str()) {
            out.push(Finding::new(
                &ACTIVITY_WITHOUT_FLOWS,
                t(),
                format!(
                    "No flow serves '{}', so the record cannot say which data it uses or who receives it.",
                    a.name
                ),
            ));
        }
    }
}

fn flows(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let flow = facts.flow;
        if flow.activities.is_empty() && facts.carries_personal() {
            out.push(
                Finding::new(
                    &FLOW_WITHOUT_ACTIVITY,
                    ctx.flow_target(flow),
                    format!(
                        "Flow {} ({}) carries personal data but serves no processing activity.",
                        flow.id,
                        ctx.flow_name(flow)
                    ),
                )
                .fix(format!(
                    "List the activities flow {} serves in its activities.",
                    flow.id
                )),
            );
        }
    }
}

fn recipients(ctx: &Context, out: &mut Vec<Finding>) {
    for dest in ctx.project.destinations() {
        if dest.operator.trim().is_empty() {
            out.push(Finding::new(
                &RECIPIENT_UNNAMED,
                ctx.node_target(dest),
                format!("{} names no recipient legal entity.", dest.name),
            ));
        }
    }
}

/// "legal name is", "legal name and postal address are".
fn join_is(items: &[&str]) -> String {
    match items {
        [one] => format!("{one} is"),
        [rest @ .., last] => format!("{} and {last} are", rest.join(", ")),
        [] => String::new(),
    }
}
