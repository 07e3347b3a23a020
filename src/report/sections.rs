//! The record's sections after the activities: recipients and transfers, the retention
//! schedule, the approval block, and the internal edition's annexes (field inventory, consent
//! coverage, findings and accepted risks).

use crate::check::{Report, Severity};
use crate::graph::ProjectGraph;
use crate::model::*;

use super::document::{Block, Section, Table};
use super::wording;
use super::words::Words;

pub(super) fn columns(w: &Words, cols: &[(&str, f32)]) -> Vec<(String, f32)> {
    cols.iter().map(|(k, width)| (w.get(k), *width)).collect()
}

pub(super) fn recipients(p: &Project, w: &Words) -> Section {
    use super::recipients::{Category, category, contract};
    let mut receivers: Vec<(Category, &Node)> = p
        .nodes
        .iter()
        .filter(|n| {
            !matches!(n.kind, NodeKind::Source(_))
                && !n.is_users_device()
                && p.flows_into(n.id.as_str()).next().is_some()
        })
        .map(|n| (category(p, n), n))
        .collect();
    // By category as the templates list them (stable: file order within each).
    receivers.sort_by_key(|(c, _)| *c);
    let rows = receivers
        .into_iter()
        .map(|(c, n)| {
            let role = match (c, n.recipient_role()) {
                (_, Some(r)) => w.term("role", &r),
                (Category::Internal, None) => w.get("recipients.own"),
                _ => w.get("recipient.role_not_recorded"),
            };
            let transfer = match (&n.transfer, crate::check::context::in_eea(&n.country)) {
                (Some(t), _) if t.reference.is_empty() => w.term("mechanism", &t.mechanism),
                (Some(t), _) => format!("{} ({})", w.term("mechanism", &t.mechanism), t.reference),
                (None, true) => w.get("recipients.not_needed"),
                (None, false) if n.country.trim().is_empty() => w.get("recipients.unknown"),
                (None, false) => w.get("recipients.none_recorded"),
            };
            vec![
                if n.operator.trim().is_empty() {
                    n.name.clone()
                } else {
                    format!("{} — {}", n.name, n.operator.trim())
                },
                w.country(&n.country),
                role,
                transfer,
                contract(w, n).unwrap_or_default(),
            ]
        })
        .collect();
    Section {
        title: w.get("recipients.title"),
        blocks: vec![
            Block::Paragraph(w.get("recipients.intro")),
            Block::Table(Table {
                columns: columns(
                    w,
                    &[
                        // Wide enough for "Vereinigtes Königreich" and
                        // "Auftragsverarbeiter" without breaking a word.
                        ("recipients.system", 2.5),
                        ("recipients.country", 1.7),
                        ("recipients.role", 2.1),
                        ("recipients.mechanism", 1.8),
                        ("recipients.contract", 2.9),
                    ],
                ),
                rows,
            }),
        ],
    }
}

pub(super) fn retention(p: &Project, w: &Words) -> Section {
    let rows = p
        .retention
        .iter()
        .map(|r| {
            let node = p
                .node(r.node.as_str())
                .map_or(r.node.to_string(), |n| n.name.clone());
            let scope = match &r.applies_to {
                RetentionScope::Field(f) => p
                    .field(f.as_str())
                    .map_or(f.to_string(), |x| x.label.clone()),
                other => wording::scope(p, w, other),
            };
            vec![
                node,
                scope,
                wording::limit(w, &r.limit),
                r.justification.clone(),
            ]
        })
        .collect();
    Section {
        title: w.get("retention.title"),
        blocks: vec![
            Block::Paragraph(w.get("retention.intro")),
            Block::Table(Table {
                columns: columns(
                    w,
                    &[
                        ("retention.system", 2.0),
                        ("retention.data", 1.8),
                        ("retention.kept", 1.8),
                        ("retention.why", 4.0),
                    ],
                ),
                rows,
            }),
        ],
    }
}

/// For each destination and consent purpose, what the consent analysis of `check` proves:
/// whether personal data for the purpose reaches it, and if so whether a gate enforcing the
/// purpose is on every path (whatever the flows on the way are labelled).
pub(super) fn consent(p: &Project, report: &Report, w: &Words) -> Section {
    let graph = ProjectGraph::new(p);
    let mut columns = vec![(w.get("consent.destination"), 2.0)];
    columns.extend(p.consent_purposes.iter().map(|c| (c.name.clone(), 2.0)));
    let rows = p
        .destinations()
        .map(|d| {
            let mut row = vec![d.name.clone()];
            for c in &p.consent_purposes {
                // Personal data sent to the destination for an activity on this consent.
                let needed = p.flows_into(d.id.as_str()).any(|f| {
                    f.sent_fields().any(|m| {
                        p.field(m.field.as_str())
                            .is_some_and(|x| x.identifiability.is_personal())
                            && m.activities_on(f).iter().any(|a| {
                                p.activity(a.as_str()).is_some_and(|x| {
                                    x.lawful_basis == Some(LawfulBasis::Consent)
                                        && x.consent_purpose.as_ref() == Some(&c.id)
                                })
                            })
                    })
                });
                let ungated = report
                    .ungated
                    .contains(&(d.id.to_string(), c.id.to_string()));
                let cell = if !needed {
                    "—".to_owned()
                } else if ungated {
                    w.get("consent.not_enforced")
                } else {
                    let gates: Vec<String> = p
                        .nodes
                        .iter()
                        .filter(|n| n.as_gate().is_some_and(|g| g.enforces.contains(&c.id)))
                        .filter(|n| graph.is_reachable(n.id.as_str(), d.id.as_str()))
                        .map(|n| n.name.clone())
                        .collect();
                    w.fill("consent.enforced", &[("gates", &gates.join(", "))])
                };
                row.push(cell);
            }
            row
        })
        .collect();
    Section {
        title: w.get("consent.title"),
        blocks: vec![
            Block::Paragraph(w.get("consent.intro")),
            Block::Table(Table { columns, rows }),
        ],
    }
}

/// The findings and accepted risks (internal edition). The findings' own texts come from the
/// checks and are in English, as `capimap check` prints them.
pub(super) fn findings(report: &Report, w: &Words) -> Section {
    let open: Vec<Vec<String>> = report
        .findings
        .iter()
        .filter(|f| f.is_open())
        .map(|f| {
            vec![
                w.get(match f.severity {
                    Severity::Error => "severity.Error",
                    Severity::Warning => "severity.Warning",
                    Severity::Info => "severity.Info",
                }),
                f.rule.id.to_owned(),
                format!("{} {}", f.target.kind, f.target.name),
                w.fill(
                    "findings.why",
                    &[("message", &f.message), ("rests_on", &f.rule.rests_on)],
                ),
                f.fix.clone(),
            ]
        })
        .collect();
    let accepted: Vec<Vec<String>> = report
        .findings
        .iter()
        .filter_map(|f| Some((f, f.accepted.as_ref()?)))
        .map(|(f, a)| {
            vec![
                f.rule.id.to_owned(),
                format!("{} {}", f.target.kind, f.target.name),
                a.justification.clone(),
                a.accepted_by.clone(),
                w.date(a.date),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Paragraph(w.get("findings.intro"))];
    if open.is_empty() {
        blocks.push(Block::Paragraph(w.get("findings.none")));
    } else {
        blocks.push(Block::Table(Table {
            columns: columns(
                w,
                &[
                    ("findings.severity", 1.0),
                    ("findings.rule", 2.4),
                    ("findings.element", 2.2),
                    ("findings.finding", 4.2),
                    ("findings.remedy", 3.0),
                ],
            ),
            rows: open,
        }));
    }
    blocks.push(Block::Heading(w.get("findings.accepted")));
    if accepted.is_empty() {
        blocks.push(Block::Paragraph(w.get("findings.accepted_none")));
    } else {
        blocks.push(Block::Table(Table {
            columns: columns(
                w,
                &[
                    ("findings.rule", 2.0),
                    ("findings.element", 2.2),
                    ("findings.justification", 4.0),
                    ("findings.accepted_by", 1.6),
                    ("findings.date", 1.2),
                ],
            ),
            rows: accepted,
        }));
    }
    Section {
        title: w.get("findings.title"),
        blocks,
    }
}

/// Who approves the record, with lines to sign and date: the approvers on record, else
/// management and the data protection officer with their names left blank where unknown.
pub(super) fn approval(org: &Organisation, w: &Words) -> Section {
    let approvers: Vec<(String, String)> = if org.approvers.is_empty() {
        vec![
            (w.get("approval.management"), String::new()),
            (
                w.get("approval.dpo"),
                org.dpo.as_ref().map_or(String::new(), |d| d.name.clone()),
            ),
        ]
    } else {
        org.approvers
            .iter()
            .map(|a| (a.role.clone(), a.name.clone()))
            .collect()
    };
    let lines = w.get("approval.lines");
    Section {
        title: w.get("approval.title"),
        blocks: vec![Block::Entries(
            approvers
                .into_iter()
                .map(|(role, name)| {
                    let who = if name.trim().is_empty() {
                        w.fill("approval.blank_name", &[("role", &role)])
                    } else {
                        w.fill("approval.named", &[("role", &role), ("name", &name.trim())])
                    };
                    (who, lines.clone())
                })
                .collect(),
        )],
    }
}

/// The annex of the record that (c) refers to: for each category of personal data, the fields
/// in it (label and vocabulary key) and the activities that use them.
pub(super) fn fields_by_category(p: &Project, w: &Words) -> Section {
    // Only fields that some mapping sends for an activity: what the record's activities use.
    // One pass over the mappings, then each field's activities in the project's order.
    let mut uses: std::collections::HashMap<&str, std::collections::HashSet<&str>> =
        std::collections::HashMap::new();
    for fl in &p.flows {
        for m in fl.sent_fields() {
            uses.entry(m.field.as_str())
                .or_default()
                .extend(m.activities_on(fl).iter().map(|a| a.as_str()));
        }
    }
    let used = |f: &Field| -> Vec<&str> {
        let Some(ids) = uses.get(f.id.as_str()) else {
            return Vec::new();
        };
        p.activities
            .iter()
            .filter(|a| ids.contains(a.id.as_str()))
            .map(|a| a.name.as_str())
            .collect()
    };
    let personal: Vec<&Field> = p
        .fields
        .iter()
        .filter(|f| f.identifiability.is_personal() && !used(f).is_empty())
        .collect();
    let rows = super::categories::grouped(&personal)
        .into_iter()
        .flat_map(|(category, members)| {
            let name = wording::count(w, category, members.len());
            members.into_iter().enumerate().map(move |(i, f)| {
                vec![
                    if i == 0 { name.clone() } else { String::new() },
                    w.fill(
                        "field.line",
                        &[("label", &f.label), ("category", &f.category)],
                    ),
                    used(f).join(", "),
                ]
            })
        })
        .collect();
    Section {
        title: w.get("fields.title"),
        blocks: vec![
            Block::Paragraph(w.get("fields.intro")),
            Block::Table(Table {
                columns: columns(
                    w,
                    &[
                        ("fields.category", 2.4),
                        ("fields.field", 3.6),
                        ("fields.activities", 3.0),
                    ],
                ),
                rows,
            }),
        ],
    }
}
