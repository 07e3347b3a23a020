//! The record of processing as a document: sections of paragraphs, labelled entries and tables,
//! and the diagram, built from the project and its findings. Renderers (PDF, CSV) only lay it
//! out; what the record says is decided here.

use serde::Deserialize;

use crate::check::{Report, Severity};
use crate::graph::ProjectGraph;
use crate::model::*;

use super::facts::activity_facts;

/// The fixed texts of the record (templates/report/texts.ron).
#[derive(Clone, Debug, Deserialize)]
pub struct Texts {
    pub title: String,
    pub subtitle: String,
    pub about: String,
    pub activities_intro: String,
    pub recipients_intro: String,
    pub retention_intro: String,
    pub inventory_intro: String,
    pub consent_intro: String,
    pub diagram_intro: String,
    pub findings_intro: String,
    pub footer: String,
}

impl Texts {
    /// The texts built into capimap. They are checked by a test; should the file ever not
    /// parse, the record still comes out, with the built-in English wording below.
    pub fn builtin() -> Self {
        ron::from_str(include_str!("../../templates/report/texts.ron")).unwrap_or_else(|_| Texts {
            title: "Record of processing activities".to_owned(),
            subtitle: String::new(),
            about: String::new(),
            activities_intro: String::new(),
            recipients_intro: String::new(),
            retention_intro: String::new(),
            inventory_intro: String::new(),
            consent_intro: String::new(),
            diagram_intro: String::new(),
            findings_intro: String::new(),
            footer: "Record of processing activities".to_owned(),
        })
    }
}

/// A table: column titles with relative widths, and rows of cells.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
}

/// A piece of a section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// Labelled entries: label, value.
    Entries(Vec<(String, String)>),
    Table(Table),
    /// The data-flow diagram of the project.
    Diagram,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub title: String,
    pub subtitle: String,
    pub organisation: String,
    /// The cover's entries: controller, representative, DPO, date, project hash.
    pub cover: Vec<(String, String)>,
    pub sections: Vec<Section>,
    pub footer: String,
}

/// Who the record is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Edition {
    /// The supervisory authority (Art. 30(4)): the record of processing and nothing else.
    /// capimap's findings, the consent coverage and the field inventory are the controller's
    /// own working papers, which Art. 30 does not ask for.
    #[default]
    Authority,
    /// The controller's own copy: the record, with the field inventory, the consent coverage
    /// and the findings and accepted risks as labelled annexes.
    Internal,
}

/// What the record is produced from, besides the project.
pub struct Meta {
    /// The date of this version of the record.
    pub date: Date,
    /// SHA-256 of the project file, hex.
    pub project_hash: String,
    pub edition: Edition,
}

fn or_none(v: &[String]) -> String {
    if v.is_empty() {
        "None recorded".to_owned()
    } else {
        v.join("; ")
    }
}

/// Builds the record.
pub fn build(p: &Project, report: &Report, meta: &Meta, texts: &Texts) -> Record {
    let org = &p.organisation;
    let mut cover = vec![("Controller".to_owned(), org.controller.one_line())];
    cover.push((
        "Representative (Art. 27)".to_owned(),
        org.representative.as_ref().map_or(
            "None (established in the Union)".to_owned(),
            Party::one_line,
        ),
    ));
    cover.push((
        "Data protection officer".to_owned(),
        org.dpo
            .as_ref()
            .map_or("None recorded".to_owned(), Party::one_line),
    ));
    for j in super::facts::all_joint_controllers(p) {
        cover.push(("Joint controller (Art. 26)".to_owned(), j));
    }
    cover.push(("Project".to_owned(), p.name.clone()));
    cover.push(("Version of the record".to_owned(), meta.date.to_string()));
    cover.push((
        "Project file (SHA-256)".to_owned(),
        meta.project_hash.clone(),
    ));
    cover.push((
        "Edition".to_owned(),
        match meta.edition {
            Edition::Authority => "For the supervisory authority (Art. 30(4))",
            Edition::Internal => {
                "Internal: with the field inventory, consent coverage and findings as annexes"
            }
        }
        .to_owned(),
    ));

    let mut sections = vec![Section {
        title: "About this record".to_owned(),
        blocks: {
            let mut about = vec![Block::Paragraph(texts.about.clone())];
            // The controller's own description of what the project covers.
            if !p.description.trim().is_empty() {
                about.push(Block::Paragraph(p.description.trim().to_owned()));
            }
            about
        },
    }];

    // One section per activity.
    for a in &p.activities {
        let f = activity_facts(p, a);
        let mut entries = vec![
            ("Art. 30(1)(a) Controller and contacts".to_owned(), {
                let mut s = org.controller.one_line();
                if let Some(d) = &org.dpo {
                    s.push_str(&format!("; DPO: {}", d.one_line()));
                }
                if !f.joint_controllers.is_empty() {
                    s.push_str(&format!(
                        "; joint controllers (Art. 26): {}",
                        f.joint_controllers.join("; ")
                    ));
                }
                s
            }),
            (
                "Art. 30(1)(b) Purpose".to_owned(),
                if f.purpose.is_empty() {
                    "Not described".to_owned()
                } else {
                    f.purpose.clone()
                },
            ),
            (
                "Art. 30(1)(c) Categories of data subjects".to_owned(),
                or_none(&f.data_subjects),
            ),
            (
                "Art. 30(1)(c) Categories of personal data".to_owned(),
                or_none(&f.personal_data),
            ),
            (
                "Art. 30(1)(d) Recipients".to_owned(),
                or_none(&f.recipients),
            ),
            (
                "Art. 30(1)(e) Transfers to third countries".to_owned(),
                if f.third_countries.is_empty() {
                    "None: all recipients process the data in the EEA".to_owned()
                } else {
                    format!(
                        "{}; safeguards: {}",
                        f.third_countries.join(", "),
                        or_none(&f.transfer_safeguards)
                    )
                },
            ),
            (
                "Art. 30(1)(f) Time limits for erasure".to_owned(),
                or_none(&f.retention),
            ),
            (
                "Art. 30(1)(g) Security measures".to_owned(),
                or_none(&f.security_measures),
            ),
            ("Lawful basis (Art. 6)".to_owned(), f.lawful_basis.clone()),
            (
                "Legitimate interests".to_owned(),
                f.legitimate_interests.clone(),
            ),
            (
                "Special category data (Art. 9)".to_owned(),
                f.special_category.clone(),
            ),
            ("Source of the data".to_owned(), or_none(&f.sources)),
            ("Record of consent".to_owned(), f.consent_record.clone()),
            (
                "Cookies and device access (ePrivacy Art. 5(3))".to_owned(),
                f.device_access.clone(),
            ),
            (
                "Withdrawal of consent (Art. 7(3))".to_owned(),
                f.withdrawal.clone(),
            ),
            ("Rights of the data subjects".to_owned(), f.rights.clone()),
            (
                "Automated decisions and profiling".to_owned(),
                f.profiling.clone(),
            ),
            ("Location of the data".to_owned(), or_none(&f.locations)),
            ("DPIA".to_owned(), f.dpia.clone()),
        ];
        if !f.owner.is_empty() {
            entries.push(("Owner".to_owned(), f.owner.clone()));
        }
        entries.push(("Introduced".to_owned(), f.introduced.clone()));
        entries.push(("Last changed".to_owned(), f.changed.clone()));
        if !f.last_review.is_empty() {
            entries.push(("Last reviewed".to_owned(), f.last_review.clone()));
        }
        sections.push(Section {
            title: format!("Activity: {}", a.name),
            blocks: vec![Block::Entries(entries)],
        });
    }
    if let Some(first) = sections.get_mut(1) {
        first
            .blocks
            .insert(0, Block::Paragraph(texts.activities_intro.clone()));
    }

    sections.push(recipients(p, texts));
    sections.push(retention(p, texts));
    sections.push(Section {
        title: "Data-flow diagram".to_owned(),
        blocks: vec![
            Block::Paragraph(texts.diagram_intro.clone()),
            Block::Diagram,
        ],
    });
    if meta.edition == Edition::Authority {
        sections.push(approval(org));
    }
    // The authority gets the record; what capimap found is for the controller.
    if meta.edition == Edition::Internal {
        for (letter, mut annex) in [
            ("A", inventory(p, texts)),
            ("B", consent(p, report, texts)),
            ("C", findings(report, texts)),
        ] {
            annex.title = format!("Annex {letter} (internal): {}", annex.title);
            sections.push(annex);
        }
    }

    Record {
        title: texts.title.clone(),
        subtitle: texts.subtitle.clone(),
        organisation: org.controller.name.clone(),
        cover,
        sections,
        footer: texts.footer.clone(),
    }
}

fn recipients(p: &Project, texts: &Texts) -> Section {
    let rows = p
        .nodes
        .iter()
        .filter(|n| {
            !matches!(n.kind, NodeKind::Source(_)) && p.flows_into(n.id.as_str()).next().is_some()
        })
        .map(|n| {
            let (role, terms) = match n.as_destination() {
                Some(d) => (
                    d.role.map_or("not recorded".to_owned(), |r| r.to_string()),
                    d.terms
                        .iter()
                        .map(|t| match (t.accepted, t.date) {
                            (true, Some(date)) => format!("{}: accepted {date}", t.name),
                            (true, None) => format!("{}: accepted", t.name),
                            (false, _) => format!("{}: NOT accepted", t.name),
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
                None => ("own system".to_owned(), String::new()),
            };
            let transfer = match (&n.transfer, crate::check::context::in_eea(&n.country)) {
                (Some(t), _) if t.reference.is_empty() => t.mechanism.to_string(),
                (Some(t), _) => format!("{} ({})", t.mechanism, t.reference),
                (None, true) => "not needed (EEA)".to_owned(),
                (None, false) => "NONE RECORDED".to_owned(),
            };
            vec![
                format!("{} — {}", n.name, n.operator),
                if n.country.is_empty() {
                    "not recorded".to_owned()
                } else {
                    n.country.clone()
                },
                role,
                transfer,
                terms,
            ]
        })
        .collect();
    Section {
        title: "Recipients and transfers".to_owned(),
        blocks: vec![
            Block::Paragraph(texts.recipients_intro.clone()),
            Block::Table(Table {
                columns: vec![
                    ("System and recipient".to_owned(), 3.0),
                    ("Country".to_owned(), 1.0),
                    ("Role".to_owned(), 1.6),
                    ("Transfer mechanism".to_owned(), 2.0),
                    ("Platform terms".to_owned(), 3.4),
                ],
                rows,
            }),
        ],
    }
}

fn retention(p: &Project, texts: &Texts) -> Section {
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
                other => other.to_string(),
            };
            vec![node, scope, r.limit.to_string(), r.justification.clone()]
        })
        .collect();
    Section {
        title: "Retention schedule".to_owned(),
        blocks: vec![
            Block::Paragraph(texts.retention_intro.clone()),
            Block::Table(Table {
                columns: vec![
                    ("System".to_owned(), 2.0),
                    ("Data".to_owned(), 1.8),
                    ("Kept for".to_owned(), 1.8),
                    ("Why".to_owned(), 4.0),
                ],
                rows,
            }),
        ],
    }
}

fn inventory(p: &Project, texts: &Texts) -> Section {
    let mut blocks = vec![Block::Paragraph(texts.inventory_intro.clone())];
    for d in p.destinations() {
        blocks.push(Block::Heading(format!("{} ({})", d.name, d.operator)));
        let mappings: Vec<(&Flow, &FieldMapping)> = p
            .flows_into(d.id.as_str())
            .flat_map(|f| f.sent_fields().map(move |m| (f, m)))
            .collect();
        if mappings.is_empty() {
            blocks.push(Block::Paragraph("Receives no fields.".to_owned()));
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
                    m.transform.to_string(),
                    m.justification.clone(),
                ];
                if scoped {
                    row.push(scope(p, f, m));
                }
                row
            })
            .collect();
        let mut columns = vec![
            ("Field".to_owned(), 1.6),
            ("Category".to_owned(), 2.0),
            ("Sent as".to_owned(), 2.2),
            ("Transform".to_owned(), 2.2),
            ("Why it is needed".to_owned(), 3.0),
        ];
        if scoped {
            columns.push(("Sent for".to_owned(), 2.2));
        }
        blocks.push(Block::Table(Table { columns, rows }));
    }
    Section {
        title: "Field inventory per destination".to_owned(),
        blocks,
    }
}

/// "Retargeting; only users in US; not for users in EEA": what a mapping is restricted to.
fn scope(p: &Project, f: &Flow, m: &FieldMapping) -> String {
    let mut parts = Vec::new();
    let names: Vec<&str> = m
        .activities_on(f)
        .iter()
        .map(|a| {
            p.activity(a.as_str())
                .map_or(a.as_str(), |x| x.name.as_str())
        })
        .collect();
    if !m.activities.is_empty() {
        parts.push(names.join(", "));
    }
    if !m.only_for.is_empty() {
        parts.push(format!("only users in {}", m.only_for.join(", ")));
    }
    if !m.except_for.is_empty() {
        parts.push(format!("not for users in {}", m.except_for.join(", ")));
    }
    if parts.is_empty() {
        "all activities and users of the flow".to_owned()
    } else {
        parts.join("; ")
    }
}

/// For each destination and consent purpose, what the consent analysis of `check` proves:
/// whether personal data for the purpose reaches it, and if so whether a gate enforcing the
/// purpose is on every path (whatever the flows on the way are labelled).
fn consent(p: &Project, report: &Report, texts: &Texts) -> Section {
    let graph = ProjectGraph::new(p);
    let mut columns = vec![("Destination".to_owned(), 2.0)];
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
                    "Not enforced".to_owned()
                } else {
                    let gates: Vec<String> = p
                        .nodes
                        .iter()
                        .filter(|n| n.as_gate().is_some_and(|g| g.enforces.contains(&c.id)))
                        .filter(|n| graph.is_reachable(n.id.as_str(), d.id.as_str()))
                        .map(|n| n.name.clone())
                        .collect();
                    format!("Enforced by {}", gates.join(", "))
                };
                row.push(cell);
            }
            row
        })
        .collect();
    Section {
        title: "Consent coverage".to_owned(),
        blocks: vec![
            Block::Paragraph(texts.consent_intro.clone()),
            Block::Table(Table { columns, rows }),
        ],
    }
}

fn findings(report: &Report, texts: &Texts) -> Section {
    let open: Vec<Vec<String>> = report
        .findings
        .iter()
        .filter(|f| f.is_open())
        .map(|f| {
            vec![
                match f.severity {
                    Severity::Error => "Error",
                    Severity::Warning => "Warning",
                    Severity::Info => "Note",
                }
                .to_owned(),
                f.rule.id.to_owned(),
                format!("{} {}", f.target.kind, f.target.name),
                format!("{} Why: {}", f.message, f.rule.rests_on),
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
                a.date.to_string(),
            ]
        })
        .collect();
    let mut blocks = vec![Block::Paragraph(texts.findings_intro.clone())];
    if open.is_empty() {
        blocks.push(Block::Paragraph("No open findings.".to_owned()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Severity".to_owned(), 1.0),
                ("Rule".to_owned(), 2.4),
                ("Element".to_owned(), 2.2),
                ("Finding".to_owned(), 4.2),
                ("Remedy".to_owned(), 3.0),
            ],
            rows: open,
        }));
    }
    blocks.push(Block::Heading("Accepted risks".to_owned()));
    if accepted.is_empty() {
        blocks.push(Block::Paragraph("None.".to_owned()));
    } else {
        blocks.push(Block::Table(Table {
            columns: vec![
                ("Rule".to_owned(), 2.0),
                ("Element".to_owned(), 2.2),
                ("Justification".to_owned(), 4.0),
                ("Accepted by".to_owned(), 1.6),
                ("Date".to_owned(), 1.2),
            ],
            rows: accepted,
        }));
    }
    Section {
        title: "Findings and accepted risks".to_owned(),
        blocks,
    }
}

/// Who approves the record, with lines to sign and date: the approvers on record, else
/// management and the data protection officer with their names left blank where unknown.
fn approval(org: &Organisation) -> Section {
    let approvers: Vec<(String, String)> = if org.approvers.is_empty() {
        vec![
            ("Management".to_owned(), String::new()),
            (
                "Data protection officer".to_owned(),
                org.dpo.as_ref().map_or(String::new(), |d| d.name.clone()),
            ),
        ]
    } else {
        org.approvers
            .iter()
            .map(|a| (a.role.clone(), a.name.clone()))
            .collect()
    };
    let lines = "Signature: ______________________________   Date: ______________".to_owned();
    Section {
        title: "Approval".to_owned(),
        blocks: vec![Block::Entries(
            approvers
                .into_iter()
                .map(|(role, name)| {
                    let who = if name.trim().is_empty() {
                        format!("{role}: name ______________________")
                    } else {
                        format!("{role}: {}", name.trim())
                    };
                    (who, lines.clone())
                })
                .collect(),
        )],
    }
}
