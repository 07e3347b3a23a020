//! The record as an Excel workbook and as an OpenDocument spreadsheet, each read back with
//! calamine as a spreadsheet program reads it: the ICO template's header and one row per
//! activity, the same cells as the CSV; the recipients, retention and field inventory sheets
//! with the record's tables; the header coloured by what Art. 30(1) requires, frozen, and the
//! same bytes for the same date.

mod common;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use capimap::report::words::{Lang, Words};
use capimap::report::{csv, ods, sheet, xlsx};
use common::record::example;

#[derive(Clone, Copy, Debug)]
enum Format {
    Xlsx,
    Ods,
}

const FORMATS: [Format; 2] = [Format::Xlsx, Format::Ods];

fn write(format: Format, date: &str) -> Vec<u8> {
    let (p, words, date) = (
        example(),
        Words::builtin(Lang::En).unwrap(),
        date.parse().unwrap(),
    );
    match format {
        Format::Xlsx => xlsx::write(&p, &words, date).expect("writes"),
        Format::Ods => ods::write(&p, &words, date).expect("writes"),
    }
}

fn workbook(date: &str) -> Vec<u8> {
    write(Format::Xlsx, date)
}

fn cells(book: &[u8], sheet: &str) -> Vec<Vec<String>> {
    let mut x =
        open_workbook_auto_from_rs(Cursor::new(book.to_vec())).expect("a workbook calamine reads");
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
    for format in FORMATS {
        template_sheet(format);
    }
}

fn template_sheet(format: Format) {
    let book = write(format, "2026-11-26");
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
    assert_eq!(
        &got[1..],
        &rows[..],
        "{format:?}: the same cells as the CSV"
    );
    // The activities are there by name.
    for (a, row) in p.activities.iter().zip(&got[1..]) {
        assert!(row[1].starts_with(&a.name), "{}", row[1]);
    }
}

#[test]
fn further_sheets_hold_the_records_recipients_retention_and_fields() {
    for format in FORMATS {
        further_sheets(format);
    }
}

fn further_sheets(format: Format) {
    let book = write(format, "2026-11-26");
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
        assert_eq!(got[0], titles, "{format:?} {}", s.name);
        assert_eq!(&got[1..], &s.rows[..], "{format:?} {}", s.name);
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
    for format in FORMATS {
        let (a, b) = (write(format, "2026-11-26"), write(format, "2026-11-26"));
        assert_eq!(a, b, "{format:?}");
        let c = write(format, "2026-11-27");
        assert_ne!(a, c, "{format:?}");
        let (name, date) = match format {
            Format::Xlsx => ("docProps/core.xml", "2026-11-27T00:00:00Z"),
            Format::Ods => ("meta.xml", "<meta:creation-date>2026-11-27T00:00:00<"),
        };
        assert!(part(&c, name).contains(date), "{format:?}");
    }
}

/// The elements of an ODF part named `local` (in any namespace), with their attributes by
/// local name.
fn odf_elements(xml: &str, local: &str) -> Vec<std::collections::BTreeMap<String, String>> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == local)
        .map(|n| {
            n.attributes()
                .map(|a| (a.name().to_owned(), a.value().to_owned()))
                .collect()
        })
        .collect()
}

#[test]
fn the_spreadsheet_is_an_odf_package_a_reader_recognises() {
    let book = write(Format::Ods, "2026-11-26");
    // The mimetype is the first entry, uncompressed, so the type shows in the first bytes.
    assert_eq!(&book[..4], b"PK\x03\x04");
    assert_eq!(
        &book[30..38],
        b"mimetype",
        "the first entry is the mimetype"
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(&book)).expect("a zip");
    let first = zip.by_index(0).expect("an entry");
    assert_eq!(first.compression(), zip::CompressionMethod::Stored);
    drop(first);
    assert_eq!(
        part(&book, "mimetype"),
        "application/vnd.oasis.opendocument.spreadsheet"
    );
    let manifest = part(&book, "META-INF/manifest.xml");
    let listed: Vec<String> = odf_elements(&manifest, "file-entry")
        .into_iter()
        .filter_map(|a| a.get("full-path").cloned())
        .collect();
    for name in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] {
        assert!(listed.iter().any(|l| l == name), "{name} in {listed:?}");
        odf_elements(&part(&book, name), "x");
    }
    let meta = part(&book, "meta.xml");
    assert!(
        meta.contains("<dc:title>Record of processing activities</dc:title>"),
        "{meta}"
    );
    assert!(meta.contains(&example().organisation.controller.name));
}

#[test]
fn the_spreadsheets_header_is_coloured_by_article_30_repeated_and_frozen() {
    let book = write(Format::Ods, "2026-11-26");
    let content = part(&book, "content.xml");
    // The two header styles: the colours of the Excel workbook, bold, wrapped.
    let styles = odf_elements(&content, "table-cell-properties");
    for fill in [xlsx::REQUIRED_FILL, xlsx::FURTHER_FILL] {
        let colour = format!("#{fill:06X}");
        assert!(
            styles
                .iter()
                .any(|s| s.get("background-color") == Some(&colour)
                    && s.get("wrap-option").map(String::as_str) == Some("wrap")),
            "{colour}"
        );
    }
    // Each table's header row is a header row (printed on every page); in the template,
    // (b) purposes and (g) security are required, the business function is not.
    let doc = roxmltree::Document::parse(&content).unwrap();
    let tables: Vec<_> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "table" && n.is_element())
        .collect();
    assert_eq!(tables.len(), 5, "four sheets and the key");
    let header_styles: Vec<String> = tables[0]
        .descendants()
        .find(|n| n.tag_name().name() == "table-header-rows")
        .expect("a header row")
        .descendants()
        .filter(|n| n.tag_name().name() == "table-cell")
        .filter_map(|n| {
            n.attributes()
                .find(|a| a.name() == "style-name")
                .map(|a| a.value().to_owned())
        })
        .collect();
    assert_eq!(header_styles.len(), csv::COLUMNS.len());
    assert_ne!(header_styles[0], header_styles[1]);
    assert_eq!(header_styles[1], header_styles[10], "(b) and (g) alike");
    assert_eq!(header_styles[0], header_styles[11], "further columns alike");
    // Columns have widths; the view keeps the first row frozen on the four sheets.
    let widths = odf_elements(&content, "table-column-properties");
    assert!(
        widths
            .iter()
            .all(|w| w.get("column-width").is_some_and(|v| v.ends_with("cm")))
    );
    let settings = part(&book, "settings.xml");
    assert_eq!(
        settings
            .matches(r#"config:name="VerticalSplitMode""#)
            .count(),
        4
    );
}

#[test]
fn export_writes_the_spreadsheet_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("record.ods");
    let bytes = common::cli::export_example("--ods", &out, &["--date", "2026-11-26"]);
    assert_eq!(bytes, write(Format::Ods, "2026-11-26"));
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
