//! The record as an Excel workbook, read back with calamine as a spreadsheet program reads it:
//! the ICO template's header and one row per activity, the same cells as the CSV; the
//! recipients, retention and field inventory sheets with the record's tables; the header
//! coloured by what Art. 30(1) requires, frozen, and the same bytes for the same date.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use capimap::report::words::{Lang, Words};
use capimap::report::{csv, sheet, xlsx};
use common::record::example;

fn workbook(date: &str) -> Vec<u8> {
    xlsx::write(
        &example(),
        &Words::builtin(Lang::En).unwrap(),
        date.parse().unwrap(),
    )
    .expect("writes")
}

fn cells(book: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let mut x: Xlsx<_> = Xlsx::new(Cursor::new(book.to_vec())).expect("an xlsx calamine reads");
    let range = x
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{sheet}: {e}"));
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_template_sheet_holds_the_ico_header_and_the_csvs_rows() {
    let book = workbook("2026-11-26");
    let got = cells(&book, "Template");
    let header: Vec<String> = csv::COLUMNS.iter().map(|s| (*s).to_owned()).collect();
    assert_eq!(got[0], header);
    let p = example();
    assert_eq!(got.len() - 1, p.activities.len(), "one row per activity");
    let mut text = Vec::new();
    csv::write(&p, &Words::builtin(Lang::En).unwrap(), false, &mut text).unwrap();
    let mut reader = ::csv::Reader::from_reader(text.as_slice());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(&got[1..], &rows[..], "the same cells as the CSV");
    // The activities are there by name.
    for (a, row) in p.activities.iter().zip(&got[1..]) {
        assert!(row[1].starts_with(&a.name), "{}", row[1]);
    }
}

#[test]
fn further_sheets_hold_the_records_recipients_retention_and_fields() {
    let book = workbook("2026-11-26");
    let p = example();
    let words = Words::builtin(Lang::En).unwrap();
    let sheets = sheet::workbook(&p, &words);
    assert_eq!(
        sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(),
        ["Template", "Recipients", "Retention", "Field inventory"]
    );
    for s in &sheets[1..] {
        let got = cells(&book, &s.name);
        let titles: Vec<String> = s.columns.iter().map(|c| c.title.clone()).collect();
        assert_eq!(got[0], titles, "{}", s.name);
        assert_eq!(&got[1..], &s.rows[..], "{}", s.name);
        assert!(!s.rows.is_empty(), "{}", s.name);
    }
    let recipients = cells(&book, "Recipients");
    assert!(
        recipients
            .iter()
            .any(|r| r[0].contains("Meta Platforms Ireland Ltd."))
    );
    let fields = cells(&book, "Field inventory");
    assert!(
        fields.iter().skip(1).all(|r| !r[0].is_empty()),
        "each row names its destination"
    );
    assert!(fields.iter().any(|r| r.iter().any(|c| c == "user_data.em")));
    let retention = cells(&book, "Retention");
    assert_eq!(retention.len() - 1, p.retention.len());
}

/// A part of the workbook's zip, as text.
fn part(book: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(book)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .expect(name)
        .read_to_string(&mut s)
        .unwrap();
    s
}

#[test]
fn the_header_is_frozen_coloured_by_article_30_and_the_body_wraps() {
    let book = workbook("2026-11-26");
    let ws = part(&book, "xl/worksheets/sheet1.xml");
    assert!(
        ws.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "frozen"
    );
    let cols = ws.matches("<col ").count();
    assert!(
        cols >= 2 && ws.contains("customWidth=\"1\""),
        "column widths"
    );
    let styles = part(&book, "xl/styles.xml");
    let required = format!("{:06X}", xlsx::REQUIRED_FILL);
    let further = format!("{:06X}", xlsx::FURTHER_FILL);
    assert!(
        styles.contains(&required) && styles.contains(&further),
        "{styles}"
    );
    assert!(styles.contains("wrapText=\"1\""));
    // Purposes (b) required, business function not: different header styles.
    let style_of = |cell: &str| {
        let at = ws.find(&format!("<c r=\"{cell}\"")).expect(cell);
        let s = &ws[at..];
        let s = &s[s.find("s=\"").unwrap() + 3..];
        s[..s.find('"').unwrap()].to_owned()
    };
    assert_ne!(style_of("A1"), style_of("B1"));
    assert_eq!(style_of("B1"), style_of("K1"), "(b) and (g) alike");
    assert_eq!(style_of("A1"), style_of("L1"), "further columns alike");
}

#[test]
fn the_same_date_gives_the_same_bytes_another_date_other_properties() {
    let (a, b) = (workbook("2026-11-26"), workbook("2026-11-26"));
    assert_eq!(a, b);
    let c = workbook("2026-11-27");
    assert_ne!(a, c);
    assert!(part(&c, "docProps/core.xml").contains("2026-11-27T00:00:00Z"));
}

#[test]
fn export_writes_the_workbook_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record.xlsx");
    let bytes = common::cli::export_example("--xlsx", &out, &["--date", "2026-11-26"]);
    assert_eq!(
        bytes,
        workbook("2026-11-26"),
        "the command writes the workbook the library does"
    );
}
