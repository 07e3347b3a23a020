//! The field inventory annex: for each destination, the fields it receives on each flow, how
//! each is transformed, and for whom it is sent.

use crate::model::*;

use super::document::{Block, Section, Table};
use super::sections::columns;
use super::words::Words;

/// "e-mail: trim, lower-case", in the record's language.
pub(super) fn normalisation(w: &Words, n: &Normalisation) -> String {
    match n {
        Normalisation::NamePrefix(k) => w.fill("norm.NamePrefix", &[("n", k)]),
        Normalisation::Custom(how) => w.fill("norm.Custom", &[("how", how)]),
        Normalisation::AsIs => w.get("transform.sha256_as_is"),
        other => w.term("norm", other),
    }
}

/// "SHA-256 after e-mail: trim, lower-case".
pub(super) fn transform(w: &Words, t: &Transform) -> String {
    match t {
        Transform::Sha256(Some(Normalisation::AsIs)) => w.get("transform.sha256_as_is"),
        Transform::Sha256(Some(n)) => w.fill(
            "transform.sha256",
            &[("normalisation", &normalisation(w, n))],
        ),
        Transform::Sha256(None) => w.get("transform.sha256_undeclared"),
        Transform::Truncated(how) => w.fill("transform.Truncated", &[("how", how)]),
        Transform::Generalised(how) => w.fill("transform.Generalised", &[("how", how)]),
        Transform::Raw | Transform::Dropped | Transform::Unknown => w.term("transform", t),
    }
}

pub(super) fn inventory(p: &Project, w: &Words) -> Section {
    let mut blocks = vec![Block::Paragraph(w.get("inventory.intro"))];
    for d in p.destinations() {
        blocks.push(Block::Heading(w.fill(
            "inventory.heading",
            &[("system", &d.name), ("operator", &d.operator)],
        )));
        let mappings: Vec<(&Flow, &FieldMapping)> = p
            .flows_into(d.id.as_str())
            .flat_map(|f| f.sent_fields().map(move |m| (f, m)))
            .collect();
        if mappings.is_empty() {
            blocks.push(Block::Paragraph(w.get("inventory.nothing")));
            continue;
        }
        // A column for whom and what a field is sent for, only where some mapping says so.
        let scoped = mappings.iter().any(|(_, m)| {
            !m.activities.is_empty() || !m.only_for.is_empty() || !m.except_for.is_empty()
        });
        let rows: Vec<Vec<String>> = mappings
            .iter()
            .map(|(f, m)| {
                let (label, category) = p
                    .field(m.field.as_str())
                    .map_or((m.field.to_string(), String::new()), |x| {
                        (x.label.clone(), x.category.clone())
                    });
                let mut row = vec![
                    label,
                    category,
                    m.wire_name.clone(),
                    transform(w, &m.transform),
                    m.justification.clone(),
                ];
                if scoped {
                    row.push(scope(p, f, m, w));
                }
                row
            })
            .collect();
        let mut cols = vec![
            ("inventory.field", 1.6),
            ("inventory.category", 2.0),
            ("inventory.sent_as", 2.2),
            ("inventory.transform", 2.2),
            ("inventory.why", 3.0),
        ];
        if scoped {
            cols.push(("inventory.sent_for", 2.2));
        }
        blocks.push(Block::Table(Table {
            columns: columns(w, &cols),
            rows,
        }));
    }
    Section {
        title: w.get("inventory.title"),
        blocks,
    }
}

/// "Retargeting; only users in US; not for users in EEA": what a mapping is restricted to.
fn scope(p: &Project, f: &Flow, m: &FieldMapping, w: &Words) -> String {
    let mut parts = Vec::new();
    let names: Vec<&str> = m
        .activities_on(f)
        .iter()
        .map(|a| {
            p.activity(a.as_str())
                .map_or(a.as_str(), |x| x.name.as_str())
        })
        .collect();
    let regions = |codes: &[String]| {
        codes
            .iter()
            .map(|c| w.country(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !m.activities.is_empty() {
        parts.push(names.join(", "));
    }
    if !m.only_for.is_empty() {
        parts.push(w.fill("inventory.only", &[("regions", &regions(&m.only_for))]));
    }
    if !m.except_for.is_empty() {
        parts.push(w.fill("inventory.except", &[("regions", &regions(&m.except_for))]));
    }
    if parts.is_empty() {
        w.get("inventory.all")
    } else {
        w.join(&parts)
    }
}
