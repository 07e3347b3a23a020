//! Lawful basis, contracts with the recipients, and transfers outside the EEA.

use std::collections::HashSet;

use crate::model::{LawfulBasis, NodeKind};

use super::Finding;
use super::context::{Context, in_eea};
use super::rules::*;

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    bases(ctx, out);
    contracts(ctx, out);
    transfers(ctx, out);
}

fn bases(ctx: &Context, out: &mut Vec<Finding>) {
    // Which activities use special-category data on some flow: those of the mappings that
    // carry it (a mapping may name fewer activities than its flow serves).
    let mut special: HashSet<&str> = HashSet::new();
    for facts in ctx.flows() {
        for m in facts.sent.iter().filter(|m| m.special) {
            special.extend(
                m.activity_ix
                    .iter()
                    .map(|&a| ctx.project.activities[a].id.as_str()),
            );
        }
    }
    for a in &ctx.project.activities {
        match a.lawful_basis {
            None => out.push(Finding::new(
                &NO_BASIS,
                ctx.activity_target(a),
                format!("'{}' has no lawful basis.", a.name),
            )),
            Some(LawfulBasis::LegitimateInterests)
                if a
                    .legitimate_interests_assessment
                    .as_deref()
                    .is_none_or(|r| r.trim().is_empty()) =>
            {
                out.push(
                    Finding::new(
                        &NO_LIA,
                        ctx.activity_target(a),
                        format!(
                            "'{}' rests on legitimate interests (Art. 6(1)(f)), but no legitimate-interests assessment is referenced.",
                            a.name
                        ),
                    )
                    .fix(format!(
                        "Enter the reference of the assessment under \"Legitimate-interests assessment\" of '{}' (legitimate_interests_assessment in the file).",
                        a.name
                    )),
                );
            }
            Some(LawfulBasis::Consent) if a.consent_purpose.is_none() => out.push(
                Finding::new(
                    &CONSENT_WITHOUT_PURPOSE,
                    ctx.activity_target(a),
                    format!(
                        "'{}' rests on consent but names no consent purpose, so no gate can be checked against it.",
                        a.name
                    ),
                )
                .fix(format!(
                    "Pick the consent purpose of '{}' (consent_purpose in the file): the purpose of the consent banner that covers it.",
                    a.name
                )),
            ),
            _ => {}
        }
        if special.contains(a.id.as_str()) && a.special_category_condition.is_none() {
            out.push(Finding::new(
                &NO_ART9_CONDITION,
                ctx.activity_target(a),
                format!(
                    "'{}' is served by flows that carry special-category data, but records no Art. 9(2) condition.",
                    a.name
                ),
            ));
        }
    }
}

fn contracts(ctx: &Context, out: &mut Vec<Finding>) {
    // A system another company runs (a hosted customer data platform, a consent platform)
    // receives the data as much as a destination does: the record must say in which role.
    // The flows' ends once: a scan of the flows per node is quadratic in a large project.
    let fed: HashSet<&str> = ctx.project.flows.iter().map(|f| f.to.as_str()).collect();
    for n in &ctx.project.nodes {
        if n.as_destination().is_none()
            && n.role.is_none()
            && fed.contains(n.id.as_str())
            && !ctx.project.is_own_system(n)
        {
            out.push(
                Finding::new(
                    &NO_ROLE,
                    ctx.node_target(n),
                    format!(
                        "{} is run by {}, not by the controller, and has no recorded role: processor, joint controller or independent controller.",
                        n.name,
                        n.operator.trim()
                    ),
                )
                .fix(format!(
                    "Record role: Processor on node {1} (with the Art. 28 contract in contract), or the role the contract with {0} gives it; or, if the controller runs it, the controller as its operator.",
                    n.operator.trim(),
                    n.id
                )),
            );
        }
    }
    for dest in ctx.project.destinations() {
        let Some(d) = dest.as_destination() else {
            continue;
        };
        if d.role.is_none() {
            out.push(Finding::new(
                &NO_ROLE,
                ctx.node_target(dest),
                format!(
                    "{} has no recorded role: processor, joint controller or independent controller.",
                    dest.name
                ),
            ));
        }
        for terms in d.terms.iter().filter(|t| !t.accepted) {
            out.push(
                Finding::new(
                    &TERMS_NOT_ACCEPTED,
                    ctx.node_target(dest),
                    format!(
                        "{}: '{}' is recorded as not accepted.",
                        dest.name, terms.name
                    ),
                )
                .fix(format!(
                    "Accept '{}' in the platform account and record accepted: true with the date.",
                    terms.name
                )),
            );
        }
        let Some(platform) = ctx.platform_of(dest) else {
            continue;
        };
        for required in platform.terms.iter().filter(|t| t.required) {
            let recorded = d
                .terms
                .iter()
                .filter_map(|t| platform.terms_recorded_as(&t.name, &t.url))
                .any(|t| t.name == required.name);
            if !recorded {
                out.push(
                    Finding::new(
                        &TERMS_NOT_ACCEPTED,
                        ctx.node_target(dest),
                        format!(
                            "{} requires '{}', which is not recorded for {}.",
                            platform.name, required.name, dest.name
                        ),
                    )
                    .fix(format!(
                        "Accept '{}'{} and record it on destination {} with the date.",
                        required.name,
                        if required.url.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", required.url)
                        },
                        dest.id
                    )),
                );
            }
        }
    }
}

/// Every node that receives personal data and is operated outside the EEA needs a transfer
/// mechanism; sources are where the data is collected, not where it is sent, and the user's
/// own browser is where it came from, not a recipient.
fn transfers(ctx: &Context, out: &mut Vec<Finding>) {
    let receives: HashSet<&str> = ctx
        .flows()
        .iter()
        .filter(|f| f.carries_personal())
        .map(|f| f.flow.to.as_str())
        .collect();
    for node in &ctx.project.nodes {
        let device = node
            .as_store()
            .is_some_and(|s| s.store == crate::model::StoreKind::Device);
        if matches!(node.kind, NodeKind::Source(_))
            || device
            || !receives.contains(node.id.as_str())
        {
            continue;
        }
        if node.country.trim().is_empty() {
            out.push(Finding::new(
                &COUNTRY_UNKNOWN,
                ctx.node_target(node),
                format!(
                    "{} receives personal data but has no country recorded.",
                    node.name
                ),
            ));
        } else if !in_eea(&node.country) && node.transfer.is_none() {
            out.push(
                Finding::new(
                    &NO_TRANSFER_MECHANISM,
                    ctx.node_target(node),
                    format!(
                        "{} ({}, {}) receives personal data outside the EEA, with no transfer mechanism recorded.",
                        node.name, node.operator, node.country
                    ),
                )
                .fix(format!(
                    "Record the transfer mechanism of '{}' (Operated outside the EEA, in its inspector): an adequacy decision (e.g. the EU–US Data Privacy Framework if {} is certified), standard contractual clauses, binding corporate rules or an Art. 49 derogation.",
                    node.name, node.operator
                )),
            );
        }
    }
}
