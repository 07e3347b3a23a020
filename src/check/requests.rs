//! What the catalogue knows about the requests a flow sends: that the request type it names
//! exists, and that the destination calls the API version the catalogue's facts describe.

use crate::catalog::version_older;
use crate::model::NodeKind;

use super::Finding;
use super::context::Context;
use super::rules::*;

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    request_types(ctx, out);
    api_versions(ctx, out);
}

/// A flow's request type must be one of its platform's (a typo would otherwise exempt the
/// flow from every rule that depends on the type).
fn request_types(ctx: &Context, out: &mut Vec<Finding>) {
    for facts in ctx.flows() {
        let flow = facts.flow;
        let Some(t) = flow.request_type.as_deref() else {
            continue;
        };
        let into_destination = facts
            .to
            .is_some_and(|n| matches!(n.kind, NodeKind::Destination(_)));
        let message = match facts.platform {
            Some(p) if p.request_type(t).is_some() => continue,
            Some(p) if p.request_types.is_empty() => format!(
                "Flow {} ({}) sends '{t}' requests, but the catalogue lists no request types for {}.",
                flow.id,
                ctx.flow_name(flow),
                p.name
            ),
            Some(p) => format!(
                "Flow {} ({}) sends '{t}' requests, which {} does not have (its request types: {}).",
                flow.id,
                ctx.flow_name(flow),
                p.name,
                p.request_types
                    .iter()
                    .map(|r| format!("{} ({})", r.id, r.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            // An unknown platform is reported by catalog/unknown-platform.
            None if into_destination => continue,
            None => format!(
                "Flow {} ({}) names request type '{t}', but it does not go to an ad platform; only requests to a platform have types.",
                flow.id,
                ctx.flow_name(flow)
            ),
        };
        out.push(Finding::new(
            &UNKNOWN_REQUEST_TYPE,
            ctx.flow_target(flow),
            message,
        ));
    }
}

/// A destination that records an API version older than the one the catalogue describes.
fn api_versions(ctx: &Context, out: &mut Vec<Finding>) {
    for node in &ctx.project.nodes {
        let (Some(d), Some(platform)) = (node.as_destination(), ctx.platform_of(node)) else {
            continue;
        };
        if d.api_version.trim().is_empty() || platform.api_version.is_empty() {
            continue;
        }
        if version_older(&d.api_version, &platform.api_version) != Some(true) {
            continue;
        }
        out.push(
            Finding::new(
                &API_VERSION_OLDER,
                ctx.node_target(node),
                format!(
                    "{} calls {} version {}; the catalogue's facts describe version {}{}.",
                    node.name,
                    platform.name,
                    d.api_version.trim(),
                    platform.api_version,
                    platform
                        .checked
                        .map(|c| format!(", checked on {c}"))
                        .unwrap_or_default()
                ),
            )
            .fix(format!(
                "Check the integration against version {} (`capimap platforms {}`), or record the version it really calls.",
                platform.api_version, platform.id
            )),
        );
    }
}
