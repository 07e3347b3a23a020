//! The record's change log: "Changes since version N", from [`crate::diff::changes`], in the
//! words of the record's language.

use crate::diff::Change;
use crate::model::Project;

use super::document::{Block, ChangeLog, Section};
use super::wording;
use super::words::Words;

fn basis(w: &Words, b: Option<crate::model::LawfulBasis>) -> String {
    b.map_or(w.get("not_recorded"), |b| wording::basis(w, b))
}

fn role(w: &Words, r: Option<crate::model::RecipientRole>) -> String {
    r.map_or(w.get("recipient.role_not_recorded"), |r| w.term("role", &r))
}

/// One change as a sentence, in the words of `w`'s language (fields named as `p`, the new version, names them).
pub fn describe(p: &Project, w: &Words, c: &Change) -> String {
    match c {
        Change::ActivityAdded { activity } => {
            w.fill("change.activity_added", &[("activity", activity)])
        }
        Change::ActivityRemoved { activity } => {
            w.fill("change.activity_removed", &[("activity", activity)])
        }
        Change::PurposeChanged { activity } => w.fill("change.purpose", &[("activity", activity)]),
        Change::LawfulBasisChanged { activity, from, to } => w.fill(
            "change.basis",
            &[
                ("activity", activity),
                ("from", &basis(w, *from)),
                ("to", &basis(w, *to)),
            ],
        ),
        Change::RecipientAdded { system, operator } => w.fill(
            "change.recipient_added",
            &[("system", system), ("operator", operator)],
        ),
        Change::RecipientRemoved { system, operator } => w.fill(
            "change.recipient_removed",
            &[("system", system), ("operator", operator)],
        ),
        Change::RoleChanged { system, from, to } => w.fill(
            "change.role",
            &[
                ("system", system),
                ("from", &role(w, *from)),
                ("to", &role(w, *to)),
            ],
        ),
        Change::CountryChanged { system, from, to } => w.fill(
            "change.country",
            &[
                ("system", system),
                ("from", &w.country(from)),
                ("to", &w.country(to)),
            ],
        ),
        Change::FieldAdded { field, system } => w.fill(
            "change.field_added",
            &[("field", field), ("system", system)],
        ),
        Change::FieldRemoved { field, system } => w.fill(
            "change.field_removed",
            &[("field", field), ("system", system)],
        ),
        Change::FieldNowRaw { field, system } => {
            w.fill("change.field_raw", &[("field", field), ("system", system)])
        }
        Change::TransformChanged {
            field,
            system,
            from,
            to,
        } => w.fill(
            "change.transform",
            &[
                ("field", field),
                ("system", system),
                ("from", &super::inventory::transform(w, from)),
                ("to", &super::inventory::transform(w, to)),
            ],
        ),
        Change::RetentionAdded {
            system,
            scope,
            limit,
        } => w.fill(
            "change.retention_added",
            &[
                ("system", system),
                ("scope", &wording::scope(p, w, scope)),
                ("limit", &wording::limit(w, limit)),
            ],
        ),
        Change::RetentionRemoved { system, scope } => w.fill(
            "change.retention_removed",
            &[("system", system), ("scope", &wording::scope(p, w, scope))],
        ),
        Change::RetentionChanged {
            system,
            scope,
            from,
            to,
        } => w.fill(
            "change.retention",
            &[
                ("system", system),
                ("scope", &wording::scope(p, w, scope)),
                ("from", &wording::limit(w, from)),
                ("to", &wording::limit(w, to)),
            ],
        ),
    }
}

pub(super) fn section(p: &Project, log: &ChangeLog, w: &Words) -> Section {
    let title = if log.since_version > 0 {
        w.fill("changes.title_n", &[("n", &log.since_version)])
    } else {
        w.get("changes.title")
    };
    let mut blocks = vec![Block::Paragraph(
        w.fill("changes.intro", &[("hash", &log.since_hash)]),
    )];
    if log.changes.is_empty() {
        blocks.push(Block::Paragraph(w.get("changes.none")));
    } else {
        let lines: Vec<String> = log
            .changes
            .iter()
            .map(|c| format!("• {}", describe(p, w, c)))
            .collect();
        blocks.push(Block::Paragraph(lines.join("\n")));
    }
    Section { title, blocks }
}
