//! The record as CSV: one row per activity, the ICO template's columns in order, every value
//! readable back.

mod common;

use std::process::Command;

use capimap::report::csv::{COLUMNS, write};
use capimap::report::words::{Lang, Words};
use capimap::{examples, store};

fn records(text: &[u8]) -> Vec<Vec<String>> {
    csv::Reader::from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The ICO controller template's header row (sheet "Template", row 9, columns A to AD), as
/// its source quotes it: the CSV's header must be this, cell for cell.
const ICO_HEADER: &str = "Business function,Purpose of processing,Name and contact details of joint controller (if applicable),Categories of individuals,Categories of personal data,Categories of recipients,Link to contract with processor,Names of third countries or international organisations that personal data are transferred to (if applicable),Safeguards for exceptional transfers of personal data to third countries or international organisations (if applicable),Retention schedule (if possible),General description of technical and organisational security measures (if possible),Article 6 lawful basis for processing personal data,Article 9 condition for processing special category data,Legitimate interests for the processing (if applicable),Link to record of legitimate interests assessment (if applicable),Rights available to individuals,\"Existence of automated decision-making, including profiling (if applicable)\",The source of the personal data (if applicable),Link to record of consent,Location of personal data,Data Protection Impact Assessment required?,Data Protection Impact Assessment progress,Link to Data Protection Impact Assessment,Has a personal data breach occurred?,Link to record of personal data breach,Data Protection Act 2018 Schedule 1 Condition for processing,GDPR Article 6 lawful basis for processing,Link to retention and erasure policy document,Is personal data retained and erased in accordance with the policy document?,Reasons for not adhering to policy document (if applicable)";

#[test]
fn one_row_per_activity_under_the_ico_templates_header_row() {
    let p = store::parse(examples::SHOP, "shop").unwrap().project;
    let mut out = Vec::new();
    write(&p, &Words::builtin(Lang::En).unwrap(), false, &mut out).unwrap();
    let text = String::from_utf8(out.clone()).unwrap();
    assert_eq!(
        text.lines().next(),
        Some(ICO_HEADER),
        "the header row, byte for byte"
    );
    assert_eq!(COLUMNS.len(), 30, "columns A to AD");
    let rows = records(&out);
    assert_eq!(rows.len(), p.activities.len());
    assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let measurement = &rows[0];
    assert!(measurement[col("Purpose of processing")].starts_with("Conversion measurement: "));
    assert_eq!(measurement[col("Business function")], p.activities[0].owner);
    assert!(measurement[col("Categories of recipients")].contains("Meta Platforms Ireland Ltd."));
    assert!(measurement[col("Categories of recipients")].contains("Processors (Art. 28)"));
    assert!(
        measurement[col("Article 6 lawful basis for processing personal data")]
            .contains("Art. 6(1)(a)")
    );
    assert!(measurement[col("Retention schedule (if possible)")].contains("13 months"));
    assert!(measurement[col("Link to record of consent")].contains("Consent records"));
    assert!(
        measurement[col("Link to contract with processor")]
            .contains("Google Ads Data Processing Terms"),
        "the processor's contract: {}",
        measurement[col("Link to contract with processor")]
    );
    // Meta receives the measurement data as joint controller (Art. 26).
    let joint = col("Name and contact details of joint controller (if applicable)");
    assert!(
        measurement[joint].contains("Meta Platforms Ireland Ltd."),
        "{}",
        measurement[joint]
    );
    assert_eq!(
        measurement[col("Data Protection Impact Assessment required?")],
        "Yes",
        "the example records a DPIA"
    );
    // What the model does not know stays empty.
    assert_eq!(measurement[col("Has a personal data breach occurred?")], "");
    let analytics = rows
        .iter()
        .find(|r| r[col("Purpose of processing")].starts_with("Shop analytics"))
        .unwrap();
    assert_eq!(
        analytics[col("Legitimate interests for the processing (if applicable)")],
        "not stated"
    );
    assert_eq!(
        analytics[col("Link to record of legitimate interests assessment (if applicable)")],
        ""
    );
    assert!(analytics[col("Rights available to individuals")].contains("objection (Art. 21)"));
}

#[test]
fn commas_quotes_newlines_and_any_script_survive() {
    let mut p = store::parse(examples::SHOP, "shop").unwrap().project;
    p.activities[0].description = "Zoë Müller, \"Ελληνικά\"\nДанные; 東京".to_owned();
    let mut out = Vec::new();
    write(&p, &Words::builtin(Lang::En).unwrap(), false, &mut out).unwrap();
    let rows = records(&out);
    let col = COLUMNS
        .iter()
        .position(|c| *c == "Purpose of processing")
        .unwrap();
    assert_eq!(
        rows[0][col],
        format!("{}: {}", p.activities[0].name, p.activities[0].description)
    );
}

#[test]
fn export_writes_the_csv_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record.csv");
    let o = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["export", "assets/examples/shop.capimap.ron", "--csv"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(records(&std::fs::read(&out).unwrap()).len(), 4);
    let bad = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["export", "no-such.capimap.ron", "--csv"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn bom_starts_the_csv_with_a_byte_order_mark_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let export = |name: &str, extra: &[&str]| {
        common::cli::export_example("--csv", &dir.path().join(name), extra)
    };
    let plain = export("plain.csv", &[]);
    let marked = export("marked.csv", &["--bom"]);
    assert!(!plain.starts_with("\u{feff}".as_bytes()));
    assert!(marked.starts_with("\u{feff}".as_bytes()));
    assert_eq!(&marked[3..], &plain[..], "the mark and nothing else");
    // Text beyond ASCII survives (the recipients are "system — operator").
    assert!(
        String::from_utf8(marked)
            .unwrap()
            .contains("Meta Conversions API — Meta")
    );
}
