//! Minimisation: only what the platform accepts and uses, each item justified, nothing
//! sensitive, nothing from children, no personal data where none belongs.

use std::collections::HashSet;

use crate::model::{Identifiability, NodeKind};

use super::Finding;
use super::context::{Context, cite};
use super::rules::*;

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    unknown_platforms(ctx, out);
    super::requests::run(ctx, out);
    mappings(ctx, out);
    collected_unused(ctx, out);
    child_directed(ctx, out);
}

fn unknown_platforms(ctx: &Context, out: &mut Vec<Finding>) {
    for dest in ctx.project.destinations() {
        if ctx.platform_of(dest).is_none() {
            let id = dest.as_destination().map_or("", |d| d.platform.as_str());
            out.push(Finding::new(
                &UNKNOWN_PLATFORM,
                ctx.node_target(dest),
                format!(
                    "{} names platform '{}', which the catalogue does not know; its fields, hashing and consent signals are not checked.",
                    dest.name, id
                ),
            ));
        }
    }
}

/// The checks that look at one field mapping at a time.
fn mappings(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let flow = facts.flow;
        let dest = facts
            .to
            .filter(|n| matches!(n.kind, NodeKind::Destination(_)));
        for fm in &facts.sent {
            let m = fm.mapping;
            let label = fm.label();
            if fm.personal && m.justification.trim().is_empty() {
                out.push(
                    Finding::new(
                        &NO_JUSTIFICATION,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{} is sent as {} on flow {} ({}) without a justification.",
                            label,
                            m.wire_name,
                            flow.id,
                            ctx.flow_name(flow)
                        ),
                    )
                    .fix(format!(
                        "Write why {} is needed on flow {}, or set its transform to Dropped.",
                        m.field, flow.id
                    )),
                );
            }
            let Some(dest) = dest else { continue };
            if fm.special {
                out.push(Finding::new(
                    &SPECIAL_CATEGORY,
                    ctx.mapping_target(flow, fm),
                    format!(
                        "{} is special-category data and is sent to {} on flow {}.",
                        label, dest.name, flow.id
                    ),
                ));
            }
            let Some(platform) = facts.platform else {
                continue;
            };
            let Some(param) = fm.param else {
                // The same question payload inspection asks: a consent parameter or one of
                // the platform's other fields is accepted, though it is no match key.
                let accepted = platform.accepts(&m.wire_name);
                if accepted == Some(true) {
                    continue;
                }
                let known = if accepted.is_some() {
                    "accepts"
                } else {
                    "documents (the catalogue does not list its other parameters)"
                };
                out.push(
                    Finding::new(
                        &NOT_ACCEPTED,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{} is not among the parameters {} {known} (flow {} sends {} there).",
                            m.wire_name, platform.name, flow.id, label
                        ),
                    )
                    .fix(format!(
                        "Remove {} from flow {}, or correct the wire name (see `capimap platforms {}`); if the platform does document the parameter, add it to the catalogue (`--catalog`).",
                        m.field, flow.id, platform.id
                    )),
                );
                continue;
            };
            if !crate::catalog::carried_by(&param.request_types, flow.request_type.as_deref()) {
                let sent_as = flow.request_type.as_deref().unwrap_or_default();
                out.push(
                    Finding::new(
                        &NOT_ACCEPTED,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{} sends {} requests, and {} takes {} only on {} requests{} (flow {} sends {} there).",
                            ctx.flow_name(flow),
                            platform.request_type_names(&[sent_as.to_owned()]),
                            platform.name,
                            m.wire_name,
                            platform.request_type_names(&param.request_types),
                            cite(&param.source),
                            flow.id,
                            label
                        ),
                    )
                    .fix(format!(
                        "Remove {} from flow {}, or send it on a flow of a request type that carries it ({}).",
                        m.field,
                        flow.id,
                        param.request_types.join(", ")
                    )),
                );
                continue;
            }
            if !param.unused_in.is_empty() && fm.touches(&param.unused_in) {
                out.push(
                    Finding::new(
                        &NOT_USED_IN_REGION,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{} does not use {} ({}) for users in {}, but flow {} may send it for them (its users: {}){}. {}",
                            platform.name,
                            m.wire_name,
                            label,
                            param.unused_in.join(", "),
                            flow.id,
                            fm.users().describe(),
                            cite(&param.source),
                            param.note
                        )
                        .trim_end()
                        .to_owned(),
                    )
                    .fix(format!(
                        "Leave {} out for users in {} (a condition in the tag or the export) and record it under \"Except users in\" on the mapping (except_for: [{}] in the file) of {} on flow {}; or drop it from the flow.",
                        m.wire_name,
                        param.unused_in.join(", "),
                        param
                            .unused_in
                            .iter()
                            .map(|r| format!("\"{r}\""))
                            .collect::<Vec<_>>()
                            .join(", "),
                        m.field,
                        flow.id
                    )),
                );
            }
            // Opaque keys (an order number) are what such parameters are for; the platforms
            // forbid values that are themselves identifying, like an e-mail address.
            let identifying = fm.field.is_some_and(|f| {
                matches!(
                    f.identifiability,
                    Identifiability::DirectIdentifier | Identifiability::Indirect
                )
            });
            if param.no_personal_data && identifying {
                out.push(
                    Finding::new(
                        &PERSONAL_DATA_IN_NO_PII_FIELD,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{} forbids personal data in {}{}, but flow {} puts {} there.",
                            platform.name,
                            m.wire_name,
                            cite(&param.source),
                            flow.id,
                            label
                        ),
                    )
                    .fix(format!(
                        "Send an opaque id in {} instead of {}.",
                        m.wire_name, label
                    )),
                );
            }
        }
    }
}

/// A source's collected fields that none of its own flows carries.
fn collected_unused(ctx: &Context, out: &mut Vec<Finding>) {
    for node in &ctx.project.nodes {
        let Some(source) = node.as_source() else {
            continue;
        };
        if source.collects.is_empty() {
            continue;
        }
        let forwarded: HashSet<&str> = ctx
            .graph
            .outgoing(node.id.as_str())
            .into_iter()
            .flat_map(|f| f.sent_fields().map(|m| m.field.as_str()))
            .collect();
        for field in &source.collects {
            if forwarded.contains(field.as_str()) {
                continue;
            }
            let label = ctx
                .field(field.as_str())
                .map_or(field.as_str(), |f| f.label.as_str());
            out.push(
                Finding::new(
                    &COLLECTED_UNUSED,
                    ctx.node_target(node),
                    format!(
                        "{} collects {} ({}), but no flow from it carries the field.",
                        node.name, label, field
                    ),
                )
                .fix(format!(
                    "Remove {} from what {} collects, or add the flow that uses it.",
                    field, node.id
                )),
            );
        }
    }
}

/// Any path from a child-directed source to a destination. One search from all such sources.
fn child_directed(ctx: &Context, out: &mut Vec<Finding>) {
    let starts: Vec<&str> = ctx
        .project
        .nodes
        .iter()
        .filter(|n| n.as_source().is_some_and(|s| s.child_directed))
        .map(|n| n.id.as_str())
        .collect();
    if starts.is_empty() {
        return;
    }
    // Every flow counts, even one that sends no field: the event itself is about a child.
    let reach = ctx.graph.reach(starts, |_| false, |_| true);
    for dest in ctx.project.destinations() {
        if let Some(path) = reach.path_to(dest.id.as_str()) {
            out.push(
                Finding::new(
                    &CHILD_DIRECTED,
                    ctx.node_target(dest),
                    format!(
                        "Events from the child-directed source {} reach {} along {}.",
                        path.nodes
                            .first()
                            .and_then(|id| ctx.node(id))
                            .map_or("", |n| n.name.as_str()),
                        dest.name,
                        path
                    ),
                )
                .path(&path.nodes),
            );
        }
    }
}
