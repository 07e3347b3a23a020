//! Hashing: what the platform requires hashed is hashed, after the right normalisation; what it
//! requires raw is raw; and hashed data is recorded as personal data.

use crate::catalog::Hashing;
use crate::model::{ElementRef, Identifiability, Transform};

use super::context::{Context, cite};
use super::rules::*;
use super::{Finding, Target};

pub(super) fn run(ctx: &Context, out: &mut Vec<Finding>) {
    let mut hashed_fields = Vec::new();
    let mut seen = vec![false; ctx.project.fields.len()];
    for facts in ctx.flows() {
        let flow = facts.flow;
        for fm in &facts.sent {
            let m = fm.mapping;
            if m.transform.is_hashed()
                && let Some(ix) = fm.field_ix()
                && !seen[ix]
            {
                seen[ix] = true;
                hashed_fields.push((flow, fm));
            }
            let (Some(platform), Some(param)) = (facts.platform, fm.param) else {
                continue;
            };
            let name = &platform.name;
            let label = fm.label();
            match (&m.transform, param.hashing) {
                // Not known to be wrong: gtm/unknown-template asks for the transform instead.
                (Transform::Unknown, _) => {}
                (Transform::Sha256(_), Hashing::MustNotHash) => out.push(
                    Finding::new(
                        &MUST_NOT_HASH_HASHED,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "{name} needs {} ({label}) as it is, but flow {} hashes it: the platform cannot match it{}.",
                            m.wire_name, flow.id, cite(&param.source)
                        ),
                    )
                    .fix(format!(
                        "Set the transform of {} on flow {} to Raw.",
                        m.field, flow.id
                    )),
                ),
                (Transform::Sha256(None), _) => out.push(
                    Finding::new(
                        &NORMALISATION_MISSING,
                        ctx.mapping_target(flow, fm),
                        format!(
                            "Flow {} hashes {} ({label}) without a declared normalisation.",
                            flow.id, m.wire_name
                        ),
                    )
                    .fix(match &param.normalisation {
                        Some(n) => format!(
                            "Declare the normalisation: Sha256({n:?}) ({n}), as {name} requires."
                        ),
                        None => "Declare the normalisation applied before hashing.".to_owned(),
                    }),
                ),
                (Transform::Sha256(Some(used)), _) => {
                    if let Some(wanted) = &param.normalisation
                        && !wanted.same_rule(used)
                    {
                        out.push(
                            Finding::new(
                                &NORMALISATION_DIFFERS,
                                ctx.mapping_target(flow, fm),
                                format!(
                                    "Flow {} hashes {} ({label}) after '{used}', but {name} requires '{wanted}'{}; the hashes will not match.",
                                    flow.id, m.wire_name, cite(&param.source)
                                ),
                            )
                            .fix(format!(
                                "Normalise as {wanted} before hashing, and set the transform to Sha256({wanted:?})."
                            )),
                        );
                    }
                }
                (_, Hashing::MustHash) => {
                    let wanted = param
                        .normalisation
                        .as_ref()
                        .map_or("Sha256(…)".to_owned(), |n| format!("Sha256({n:?})"));
                    out.push(
                        Finding::new(
                            &MUST_HASH_RAW,
                            ctx.mapping_target(flow, fm),
                            format!(
                                "{name} requires {} ({label}) hashed with SHA-256{}, but flow {} sends it {}.",
                                m.wire_name,
                                cite(&param.source),
                                flow.id,
                                m.transform.short()
                            ),
                        )
                        .fix(format!(
                            "Hash {} before sending and set its transform on flow {} to {}.",
                            m.field, flow.id, wanted
                        )),
                    );
                }
                _ => {}
            }
        }
    }
    for (flow, fm) in hashed_fields {
        let Some(field) = fm.field else {
            continue;
        };
        if field.identifiability == Identifiability::NotPersonal {
            out.push(
                Finding::new(
                    &HASHED_NOT_PERSONAL,
                    Target {
                        kind: "field",
                        element: ElementRef::Field(field.id.clone()),
                        name: field.label.clone(),
                    },
                    format!(
                        "{} is recorded as not personal data, but is sent hashed (e.g. as {} on flow {}): a hash of personal data is still personal data.",
                        field.label, fm.mapping.wire_name, flow.id
                    ),
                )
                .fix(format!(
                    "Record how '{}' identifies a person (\"Identifies a person\" on the field; identifiability in the file): directly (DirectIdentifier) or as a pseudonymous id (PseudonymousId).",
                    field.label
                )),
            );
        }
    }
}
