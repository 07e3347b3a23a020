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

#[test]
fn one_row_per_activity_with_the_ico_columns_in_order() {
    let p = store::parse(examples::SHOP, "shop").unwrap().project;
    let mut out = Vec::new();
    write(&p, &Words::builtin(Lang::En).unwrap(), false, &mut out).unwrap();
    let mut reader = csv::Reader::from_reader(out.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, COLUMNS);
    assert_eq!(COLUMNS[0], "Controller");
    let rows = records(&out);
    assert_eq!(rows.len(), p.activities.len());
    let col = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let measurement = &rows[0];
    assert_eq!(
        measurement[col("Processing activity")],
        "Conversion measurement"
    );
    assert!(measurement[col("Categories of recipients")].contains("Meta Platforms Ireland Ltd."));
    assert!(measurement[col("Article 6 lawful basis")].contains("Art. 6(1)(a)"));
    assert!(measurement[col("Retention schedule")].contains("13 months"));
    assert!(measurement[col("Link to record of consent")].contains("Consent records"));
    // Meta receives the measurement data as joint controller (Art. 26).
    assert!(
        measurement[col("Joint controller")].contains("Meta Platforms Ireland Ltd."),
        "{}",
        measurement[col("Joint controller")]
    );
    let analytics = rows
        .iter()
        .find(|r| r[col("Processing activity")] == "Shop analytics")
        .unwrap();
    assert!(
        analytics[col("Legitimate interests and link to record of assessment")]
            .contains("not referenced")
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
        .position(|c| *c == "Purpose of the processing")
        .unwrap();
    assert_eq!(rows[0][col], p.activities[0].description);
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
    // The controller's address survives with its umlaut.
    assert!(String::from_utf8(marked).unwrap().contains("Hafenstraße"));
}
