//! The record as CSV: one row per processing activity, for people who keep their record in a
//! spreadsheet. The columns are those the regulators' templates (the UK ICO's controller
//! spreadsheet, the CNIL's registre) consolidated in `ropa-art30.md`, in that table's order;
//! the ICO spreadsheet's own header strings and order are not in capimap's sources, so the
//! CSV does not claim them.

use std::io;

use crate::model::{Party, Project};

use super::facts::{ActivityFacts, activity_facts};
use super::words::Words;

/// The columns, in the order of the consolidated template table in `ropa-art30.md`.
pub const COLUMNS: &[&str] = &[
    "Controller",
    "Controller contact details",
    "Representative",
    "Data protection officer",
    "Joint controller",
    "Processing activity",
    "Business function / owner",
    "Purpose of the processing",
    "Categories of individuals",
    "Categories of personal data",
    "Special category data and Article 9 condition",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations",
    "Safeguards for exceptional transfers",
    "Retention schedule",
    "General description of technical and organisational security measures",
    "Article 6 lawful basis",
    "Legitimate interests and link to record of assessment",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling",
    "Source of personal data",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment",
    "Last reviewed",
];

fn row(p: &Project, f: &ActivityFacts, w: &Words) -> Vec<String> {
    let org = &p.organisation;
    let list = |v: &[String]| w.join(v);
    vec![
        org.controller.name.clone(),
        org.controller.one_line(),
        org.representative
            .as_ref()
            .map(Party::one_line)
            .unwrap_or_default(),
        org.dpo.as_ref().map(Party::one_line).unwrap_or_default(),
        list(&f.joint_controllers),
        f.name.clone(),
        f.owner.clone(),
        f.purpose.clone(),
        list(&f.data_subjects),
        list(&f.personal_data),
        f.special_category.clone(),
        list(&f.recipients),
        list(&f.processor_contracts),
        if f.third_countries.is_empty() {
            w.get("none")
        } else {
            list(&f.third_countries)
        },
        if f.transfer_safeguards.is_empty() {
            w.get("not_applicable")
        } else {
            list(&f.transfer_safeguards)
        },
        list(&f.retention),
        list(&f.security_measures),
        f.lawful_basis.clone(),
        f.legitimate_interests.clone(),
        f.rights.clone(),
        f.profiling.clone(),
        list(&f.sources),
        f.consent_record.clone(),
        list(&f.locations),
        f.dpia.clone(),
        f.last_review.clone(),
    ]
}

/// Writes the CSV (UTF-8, with a header row; fields quoted where needed), its values in the
/// language of `words` (the ICO template's headers are English). With `bom`, the file starts
/// with a UTF-8 byte-order mark, without which Excel reads it in the system's legacy encoding
/// and garbles every "ä" and "é".
pub fn write(
    p: &Project,
    words: &Words,
    bom: bool,
    mut out: impl io::Write,
) -> Result<(), csv::Error> {
    if bom {
        out.write_all("\u{feff}".as_bytes())?;
    }
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    for a in &p.activities {
        // No-break spaces hold "Art. 6" together on a printed page; in a spreadsheet they
        // only defeat searching, so cells get plain ones.
        let cells = row(p, &activity_facts(p, a, words), words);
        w.write_record(cells.iter().map(|c| c.replace(['\u{a0}', '\u{202f}'], " ")))?;
    }
    w.flush()?;
    Ok(())
}
