//! The record of processing as a document: sections of paragraphs, labelled entries and tables,
//! and the diagram, built from the project and its findings. Renderers (PDF, CSV) only lay it
//! out; what the record says is decided here and in [`super::sections`], in the words of
//! [`Words`].

use crate::check::Report;
use crate::model::*;

use super::facts::activity_facts;
use super::sections;
use super::words::Words;

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
    Diagram(super::figure::Figure),
    /// "See also": other sections, by their title and their index in the record, each a
    /// reference the PDF prints with its page and makes a link.
    See(Vec<(String, usize)>),
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
    /// The title of the table of contents, in the record's language.
    pub contents: String,
    /// "page {n} of {total}", in the record's language.
    pub page: String,
    /// "{title} (continued)": the head of a section's further pages.
    pub continued: String,
    /// "See also:" and "{title}, page {n}", for cross-references.
    pub see_also: String,
    pub see_page: String,
    /// The language the record is written in.
    pub lang: super::words::Lang,
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
    /// SHA-256 of the project file, hex; `None` when the record was made from changes not
    /// saved to a file.
    pub project_hash: Option<String>,
    pub edition: Edition,
    /// What changed since the previous version of the record, when it was given.
    pub changes: Option<ChangeLog>,
}

/// The changes since the previous version of the record ([`crate::diff::changes`]).
pub struct ChangeLog {
    /// The previous project's `record_version` (0 when it gave none).
    pub since_version: u32,
    /// SHA-256 of the previous project file, hex.
    pub since_hash: String,
    pub changes: Vec<crate::diff::Change>,
}

pub(super) fn or_none(w: &Words, v: &[String]) -> String {
    if v.is_empty() {
        w.get("none_recorded")
    } else {
        w.join(v)
    }
}

/// Builds the record in the language of `w`.
pub fn build(p: &Project, report: &Report, meta: &Meta, w: &Words) -> Record {
    let org = &p.organisation;
    let mut cover = vec![(w.get("cover.controller"), org.controller.one_line())];
    cover.push((
        w.get("cover.representative"),
        org.representative
            .as_ref()
            .map_or(w.get("cover.representative_none"), Party::one_line),
    ));
    cover.push((
        w.get("cover.dpo"),
        org.dpo
            .as_ref()
            .map_or(w.get("none_recorded"), Party::one_line),
    ));
    for j in super::wording::all_joint_controllers(p, w) {
        cover.push((w.get("cover.joint_controller"), j));
    }
    cover.push((w.get("cover.project"), p.name.clone()));
    cover.push((
        w.get("cover.version"),
        if p.record_version > 0 {
            w.fill(
                "cover.version_n",
                &[("n", &p.record_version), ("date", &w.date(meta.date))],
            )
        } else {
            w.date(meta.date)
        },
    ));
    cover.push((
        w.get("cover.hash"),
        meta.project_hash
            .clone()
            .unwrap_or_else(|| w.get("cover.unsaved")),
    ));
    cover.push((
        w.get("cover.edition"),
        w.get(match meta.edition {
            Edition::Authority => "edition.authority",
            Edition::Internal => "edition.internal",
        }),
    ));

    let mut sections = vec![Section {
        title: w.get("about.title"),
        blocks: {
            let mut about = vec![Block::Paragraph(w.get("about.text"))];
            // The controller's own description of what the project covers.
            if !p.description.trim().is_empty() {
                about.push(Block::Paragraph(p.description.trim().to_owned()));
            }
            about
        },
    }];

    if let Some(log) = &meta.changes {
        sections.push(super::changes::section(p, log, w));
    }
    let first_activity = sections.len();
    for a in &p.activities {
        sections.push(activity(p, a, w));
    }
    if let Some(first) = sections
        .get_mut(first_activity)
        .filter(|_| !p.activities.is_empty())
    {
        first
            .blocks
            .insert(0, Block::Paragraph(w.get("activity.intro")));
    }

    let after_activities = sections.len();
    sections.push(sections::recipients(p, w));
    sections.push(sections::retention(p, w));
    sections.push(Section {
        title: w.get("diagram.title"),
        // The introduction comes with the figure: it describes a drawing the PDF may find too
        // large to draw.
        blocks: vec![Block::Diagram(super::figure::figure(p, w))],
    });
    // Each activity points to the record's tables of all recipients and retention rules and
    // to the diagram, which its own entries summarise.
    let see: Vec<(String, usize)> = (after_activities..sections.len())
        .map(|i| (sections[i].title.clone(), i))
        .collect();
    // Under the title (and the introduction), where it cannot be left alone on a page.
    for s in &mut sections[first_activity..after_activities] {
        let at = s
            .blocks
            .iter()
            .take_while(|b| matches!(b, Block::Paragraph(_)))
            .count();
        s.blocks.insert(at, Block::See(see.clone()));
    }
    sections.push(sections::fields_by_category(p, w));
    if meta.edition == Edition::Authority {
        sections.push(sections::approval(org, w));
    }
    // The authority gets the record; what capimap found is for the controller.
    if meta.edition == Edition::Internal {
        for (letter, mut annex) in [
            ("A", super::inventory::inventory(p, w)),
            ("B", sections::consent(p, report, w)),
            ("C", sections::findings(report, w)),
        ] {
            annex.title = w.fill(
                "annex.title",
                &[("letter", &letter), ("title", &annex.title)],
            );
            sections.push(annex);
        }
    }

    Record {
        title: w.get("title"),
        subtitle: w.get("subtitle"),
        organisation: org.controller.name.clone(),
        cover,
        sections,
        footer: w.get("footer"),
        contents: w.get("contents"),
        page: w.get("page"),
        continued: w.get("continued"),
        see_also: w.get("see.also"),
        see_page: w.get("see.page"),
        lang: w.lang(),
    }
}

/// One activity's section: the elements of Art. 30(1) with their letters, then the entries
/// the regulators' templates add.
fn activity(p: &Project, a: &ProcessingActivity, w: &Words) -> Section {
    let org = &p.organisation;
    let f = activity_facts(p, a, w);
    let list = |v: &[String]| or_none(w, v);
    let mut controller = org.controller.one_line();
    if let Some(d) = &org.dpo {
        controller.push_str(&w.get("list.sep"));
        controller.push_str(&w.fill("a.dpo", &[("dpo", &d.one_line())]));
    }
    if !f.joint_controllers.is_empty() {
        controller.push_str(&w.get("list.sep"));
        controller.push_str(&w.fill("a.joint", &[("list", &w.join(&f.joint_controllers))]));
    }
    // Only what the model knows: the country on record of each receiving system and the
    // mechanism recorded with it; what the recipients pass on, it does not know, and says so.
    let mut transfers = vec![if f.recipients.is_empty() {
        // No recipient, no transfer: nothing to say about countries.
        w.get("none_recorded")
    } else if f.third_countries.is_empty() {
        w.get("e.none")
    } else {
        w.fill(
            "e.list",
            &[
                ("countries", &f.third_countries.join(", ")),
                ("safeguards", &list(&f.transfer_safeguards)),
            ],
        )
    }];
    if !f.countries_unknown.is_empty() {
        transfers.push(w.fill("e.unknown", &[("systems", &f.countries_unknown.join(", "))]));
    }
    if f.external_recipients {
        transfers.push(w.get("e.onward"));
    }
    let transfers = transfers.join("\n");
    let mut entries = vec![
        (w.get("art30.a"), controller),
        (
            w.get("art30.b"),
            if f.purpose.is_empty() {
                w.get("not_described")
            } else {
                f.purpose.clone()
            },
        ),
        (w.get("art30.c_subjects"), list(&f.data_subjects)),
        (w.get("art30.c_data"), list(&f.personal_data)),
        // One line per category of recipients.
        (
            w.get("art30.d"),
            if f.recipients.is_empty() {
                w.get("none_recorded")
            } else {
                f.recipients.join("\n")
            },
        ),
        (w.get("art30.e"), transfers),
        (w.get("art30.f"), list(&f.retention)),
        (w.get("art30.g"), list(&f.security_measures)),
        (w.get("entry.lawful_basis"), f.lawful_basis.clone()),
        (
            w.get("entry.legitimate_interests"),
            f.legitimate_interests.clone(),
        ),
        (w.get("entry.special_category"), f.special_category.clone()),
        (w.get("entry.sources"), list(&f.sources)),
        (w.get("entry.consent_record"), f.consent_record.clone()),
        (w.get("entry.device_access"), f.device_access.clone()),
        (w.get("entry.withdrawal"), f.withdrawal.clone()),
        (w.get("entry.rights"), f.rights.clone()),
        (w.get("entry.profiling"), f.profiling.clone()),
        (w.get("entry.locations"), list(&f.locations)),
        (w.get("entry.dpia"), f.dpia.clone()),
    ];
    if !f.owner.is_empty() {
        entries.push((w.get("entry.owner"), f.owner.clone()));
    }
    entries.push((w.get("entry.introduced"), f.introduced.clone()));
    entries.push((w.get("entry.changed"), f.changed.clone()));
    if !f.last_review.is_empty() {
        entries.push((w.get("entry.reviewed"), f.last_review.clone()));
    }
    Section {
        title: w.fill("activity.title", &[("name", &a.name)]),
        blocks: vec![Block::Entries(entries)],
    }
}
