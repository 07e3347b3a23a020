//! The record as an OpenDocument spreadsheet (ISO/IEC 26300, ODF 1.2), for offices that work
//! in LibreOffice: the same sheets as the Excel workbook (`sheet::workbook`), with the
//! template's header coloured by what Art. 30(1) requires, kept in view while scrolling and
//! repeated on every printed page, cells wrapped and columns sized, and a sheet that says what
//! the colours mean. Written with the zip crate rust_xlsxwriter already builds: the format is
//! a few XML parts, and the one Rust crate for it (spreadsheet-ods) brings a date, decimal and
//! locale stack the record does not need. The same project and date give the same bytes.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::model::{Date, Project};

use super::sheet::{Need, Sheet, workbook};
use super::svg::escape;
use super::words::Words;
use super::xlsx::{FURTHER_FILL, REQUIRED_FILL};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";

#[derive(Debug, thiserror::Error)]
#[error("the spreadsheet could not be written: {0}")]
pub struct OdsError(String);

impl From<zip::result::ZipError> for OdsError {
    fn from(e: zip::result::ZipError) -> Self {
        OdsError(e.to_string())
    }
}

impl From<std::io::Error> for OdsError {
    fn from(e: std::io::Error) -> Self {
        OdsError(e.to_string())
    }
}

/// The spreadsheet's bytes, dated `date` (its only date).
pub fn write(p: &Project, words: &Words, date: Date) -> Result<Vec<u8>, OdsError> {
    let mut sheets = workbook(p, words);
    let key = words.fill("xlsx.key", &[("date", &words.date(date))]);
    sheets.push(about(p, words, &key));
    // The archive's entries carry the record's date; zip dates run from 1980 to 2107, and
    // outside them the entries take 1980 (meta.xml keeps the record's own date).
    let when =
        DateTime::from_date_and_time(date.year, date.month, date.day, 0, 0, 0).unwrap_or_default();
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // The mimetype comes first and uncompressed, so a reader knows the file from its first
    // bytes (ODF 1.2 part 3, 3.3).
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(when);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when);
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    let title = words.get("title");
    let parts = [
        ("content.xml", content(&sheets)),
        ("styles.xml", STYLES.to_owned()),
        (
            "meta.xml",
            meta(&title, &p.organisation.controller.name, &key, date),
        ),
        ("settings.xml", settings(&sheets)),
        ("META-INF/manifest.xml", MANIFEST.to_owned()),
    ];
    for (name, xml) in parts {
        zip.start_file(name, deflated)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The last sheet: what the colours mean, where a reader sees it.
fn about(p: &Project, words: &Words, key: &str) -> Sheet {
    use super::sheet::Column;
    let column = |width| Column {
        title: String::new(),
        need: Need::Further,
        width,
    };
    Sheet {
        name: words.get("xlsx.about"),
        columns: vec![column(16.0), column(90.0)],
        rows: vec![
            vec![words.get("title"), p.organisation.controller.name.clone()],
            vec![String::new(), key.to_owned()],
            vec![String::new(), String::new()],
            vec![String::new(), words.get("xlsx.required")],
            vec![String::new(), words.get("xlsx.further")],
        ],
    }
}

/// A sheet's name as spreadsheets accept it: up to 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !"[]:*?/\\'".contains(*c))
        .take(31)
        .collect()
}

/// Every sheet: its columns' widths, the header row (repeated on printed pages) and the rows.
/// The About sheet (the last) has no header row: its first column shows the colours instead.
fn content(sheets: &[Sheet]) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.2">"#,
        "<office:automatic-styles>",
    ));
    // One column style per width used.
    let mut widths: Vec<u64> = sheets
        .iter()
        .flat_map(|s| s.columns.iter().map(|c| c.width.to_bits()))
        .collect();
    widths.sort_unstable();
    widths.dedup();
    for (i, w) in widths.iter().enumerate() {
        // A spreadsheet's width unit is about a character of its default font: 0.19 cm.
        let cm = f64::from_bits(*w) * 0.19;
        let _ = write!(
            x,
            r#"<style:style style:name="co{i}" style:family="table-column"><style:table-column-properties style:column-width="{cm:.2}cm"/></style:style>"#
        );
    }
    for (name, fill) in [("required", REQUIRED_FILL), ("further", FURTHER_FILL)] {
        let _ = write!(
            x,
            r##"<style:style style:name="{name}" style:family="table-cell"><style:table-cell-properties fo:background-color="#{fill:06X}" fo:border="0.5pt solid #000000" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>"##
        );
    }
    x.push_str(r#"<style:style style:name="body" style:family="table-cell"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>"#);
    x.push_str("</office:automatic-styles><office:body><office:spreadsheet>");
    let last = sheets.len().saturating_sub(1);
    for (n, sheet) in sheets.iter().enumerate() {
        let _ = write!(
            x,
            r#"<table:table table:name="{}">"#,
            escape(&sheet_name(&sheet.name))
        );
        for c in &sheet.columns {
            let style = widths.binary_search(&c.width.to_bits()).unwrap_or(0);
            let _ = write!(x, r#"<table:table-column table:style-name="co{style}"/>"#);
        }
        if n == last {
            // The key: its colour cells beside what they mean.
            for (i, row) in sheet.rows.iter().enumerate() {
                let first = match i {
                    3 => Some("required"),
                    4 => Some("further"),
                    _ => None,
                };
                x.push_str("<table:table-row>");
                for (c, cell) in row.iter().enumerate() {
                    cell_xml(
                        &mut x,
                        cell,
                        if c == 0 {
                            first.unwrap_or("body")
                        } else {
                            "body"
                        },
                    );
                }
                x.push_str("</table:table-row>");
            }
        } else {
            x.push_str("<table:table-header-rows><table:table-row>");
            for c in &sheet.columns {
                let style = match c.need {
                    Need::Required(_) => "required",
                    Need::Further => "further",
                };
                cell_xml(&mut x, &c.title, style);
            }
            x.push_str("</table:table-row></table:table-header-rows>");
            for row in &sheet.rows {
                x.push_str("<table:table-row>");
                for cell in row {
                    cell_xml(&mut x, cell, "body");
                }
                x.push_str("</table:table-row>");
            }
        }
        x.push_str("</table:table>");
    }
    x.push_str("</office:spreadsheet></office:body></office:document-content>");
    x
}

/// A text cell; each line of the text a paragraph, as ODF keeps line breaks in a cell.
fn cell_xml(x: &mut String, text: &str, style: &str) {
    let _ = write!(
        x,
        r#"<table:table-cell table:style-name="{style}" office:value-type="string">"#
    );
    for line in text.split('\n') {
        let _ = write!(
            x,
            "<text:p>{}</text:p>",
            escape(&line.replace('\u{a0}', " "))
        );
    }
    x.push_str("</table:table-cell>");
}

/// Title, the controller as creator, the key as description, the record's date.
fn meta(title: &str, creator: &str, description: &str, date: Date) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.2"><office:meta>"#,
            "<dc:title>{title}</dc:title><meta:initial-creator>{creator}</meta:initial-creator>",
            "<dc:description>{description}</dc:description>",
            "<meta:creation-date>{date}T00:00:00</meta:creation-date>",
            "<meta:generator>capimap</meta:generator></office:meta></office:document-meta>"
        ),
        title = escape(title),
        creator = escape(creator),
        description = escape(description),
        date = date,
    )
}

/// The view: on each sheet with a header row, the first row frozen (split mode 2 at row 1).
fn settings(sheets: &[Sheet]) -> String {
    let mut x = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?>"#,
        r#"<office:document-settings xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" office:version="1.2"><office:settings>"#,
        r#"<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>"#,
        r#"<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>"#,
        r#"<config:config-item-map-named config:name="Tables">"#,
    ));
    let item = |name: &str, kind: &str, value: &str| {
        format!(
            r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#
        )
    };
    for sheet in &sheets[..sheets.len().saturating_sub(1)] {
        let _ = write!(
            x,
            r#"<config:config-item-map-entry config:name="{}">{}{}{}{}</config:config-item-map-entry>"#,
            escape(&sheet_name(&sheet.name)),
            item("VerticalSplitMode", "short", "2"),
            item("VerticalSplitPosition", "int", "1"),
            item("ActiveSplitRange", "short", "2"),
            item("PositionBottom", "int", "1"),
        );
    }
    x.push_str("</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>");
    x
}

const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2">"#,
    r#"<office:styles><style:default-style style:family="table-cell"/></office:styles></office:document-styles>"#
);

const MANIFEST: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">"#,
    r#"<manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>"#,
    r#"<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>"#,
    r#"<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>"#,
    "</manifest:manifest>"
);
