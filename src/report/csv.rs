//! The record as CSV: one row per processing activity under the header row of the UK ICO's
//! controller documentation template (sheet "Template", row 9, columns A to AD), for people
//! who keep their record in that spreadsheet: paste the rows under its header.
//!
//! Source of the header strings: the ICO's template as quoted verbatim, in order, in a public
//! research note on records of processing (secondary); Fides' data-map export uses the same
//! names. capimap's own reference (`ropa-art30.md`) lists the columns' content, not their
//! exact wording. The template's contact block above the table (controller, DPO,
//! representative: rows 1 to 6) is not a table row; the PDF carries it. A column the model
//! knows nothing about (personal data breaches, the Data Protection Act 2018 conditions, the
//! retention policy document) is left empty, never guessed.

use std::io;

use crate::model::Project;

use super::facts::ActivityFacts;
use super::words::Words;

/// The header row of the ICO's controller template, verbatim and in order.
pub const COLUMNS: &[&str] = &[
    "Business function",
    "Purpose of processing",
    "Name and contact details of joint controller (if applicable)",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Link to contract with processor",
    "Names of third countries or international organisations that personal data are transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Article 9 condition for processing special category data",
    "Legitimate interests for the processing (if applicable)",
    "Link to record of legitimate interests assessment (if applicable)",
    "Rights available to individuals",
    "Existence of automated decision-making, including profiling (if applicable)",
    "The source of the personal data (if applicable)",
    "Link to record of consent",
    "Location of personal data",
    "Data Protection Impact Assessment required?",
    "Data Protection Impact Assessment progress",
    "Link to Data Protection Impact Assessment",
    "Has a personal data breach occurred?",
    "Link to record of personal data breach",
    "Data Protection Act 2018 Schedule 1 Condition for processing",
    "GDPR Article 6 lawful basis for processing",
    "Link to retention and erasure policy document",
    "Is personal data retained and erased in accordance with the policy document?",
    "Reasons for not adhering to policy document (if applicable)",
];

pub(super) fn row(f: &ActivityFacts, w: &Words) -> Vec<String> {
    let list = |v: &[String]| w.join(v);
    let unknown = String::new;
    vec![
        f.owner.clone(),
        // The activity is named by its purpose: the template has no column for a name.
        if f.purpose.is_empty() {
            f.name.clone()
        } else {
            format!("{}: {}", f.name, f.purpose)
        },
        list(&f.joint_controllers),
        list(&f.data_subjects),
        list(&f.personal_data),
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
        f.special_category.clone(),
        f.legitimate_interest.clone(),
        f.assessment.clone(),
        f.rights.clone(),
        f.profiling.clone(),
        list(&f.sources),
        f.consent_record.clone(),
        list(&f.locations),
        // A DPIA on record says one was required; none on record says nothing either way.
        if f.dpia_recorded {
            w.get("yes")
        } else {
            unknown()
        },
        unknown(),
        if f.dpia_recorded {
            f.dpia.clone()
        } else {
            unknown()
        },
        unknown(),
        unknown(),
        unknown(),
        unknown(),
        unknown(),
        unknown(),
        unknown(),
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
    // The same sheet the workbook's first one is.
    let sheet = super::sheet::ico(p, words);
    w.write_record(sheet.columns.iter().map(|c| c.title.as_str()))?;
    for row in &sheet.rows {
        w.write_record(row)?;
    }
    w.flush()?;
    Ok(())
}
