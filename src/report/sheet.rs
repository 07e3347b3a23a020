//! The record as spreadsheet tables: the ICO controller template's row per activity, and the
//! record's tables of recipients, retention and fields, each a sheet. One model for the CSV and
//! the workbook, so the two hold the same content.

use crate::model::Project;

use super::document::{Block, Section, Table};
use super::facts::activity_facts;
use super::words::Words;

/// A column's place in Art. 30(1): whether its content is what Art. 30(1) itself requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Need {
    /// Art. 30(1) requires this content (its letter given).
    Required(char),
    /// A further column of the template or of capimap's tables.
    Further,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub title: String,
    pub need: Need,
    /// Width in characters of a spreadsheet's default font.
    pub width: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

/// Where the ICO template's columns stand in Art. 30(1), per `ropa-art30.md`'s table: (a) the
/// joint controller, (b) purposes, (c) individuals and personal data, (d) recipients, (e) third
/// countries and safeguards, (f) retention, (g) security measures. This is capimap's reading of
/// "required": the template's own colour key is not among capimap's sources.
const ICO_NEEDS: [Need; 11] = [
    Need::Further,
    Need::Required('b'),
    Need::Required('a'),
    Need::Required('c'),
    Need::Required('c'),
    Need::Required('d'),
    Need::Further,
    Need::Required('e'),
    Need::Required('e'),
    Need::Required('f'),
    Need::Required('g'),
];

/// The template's sheet: its header and one row per activity, values in `words`' language
/// (the template is English), no-break spaces as plain ones (they only defeat searching).
pub fn ico(p: &Project, words: &Words) -> Sheet {
    let columns = super::csv::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let need = ICO_NEEDS.get(i).copied().unwrap_or(Need::Further);
            Column {
                title: (*t).to_owned(),
                need,
                width: if matches!(need, Need::Required(_)) {
                    40.0
                } else {
                    28.0
                },
            }
        })
        .collect();
    let rows = p
        .activities
        .iter()
        .map(|a| {
            super::csv::row(&activity_facts(p, a, words), words)
                .iter()
                .map(|c| plain(c))
                .collect()
        })
        .collect();
    Sheet {
        name: "Template".to_owned(),
        columns,
        rows,
    }
}

fn plain(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// A sheet of one of the record's sections: its tables, one after the other, under the widest
/// one's header; a table under a heading (the field inventory: one per destination) gets the
/// heading as its first column.
fn from_section(name: &str, s: &Section, first: Option<&str>) -> Sheet {
    let mut columns: Vec<Column> = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut heading = String::new();
    for b in &s.blocks {
        match b {
            Block::Heading(h) => heading = plain(h),
            Block::Table(Table {
                columns: cols,
                rows: body,
            }) => {
                if cols.len() + usize::from(first.is_some()) > columns.len() {
                    columns = first
                        .map(|f| (f.to_owned(), 3.0))
                        .into_iter()
                        .chain(cols.iter().cloned())
                        .map(|(title, w)| Column {
                            title: plain(&title),
                            need: Need::Further,
                            width: f64::from(w) * 12.0,
                        })
                        .collect();
                }
                for r in body {
                    let lead = first.map(|_| heading.clone());
                    rows.push(lead.into_iter().chain(r.iter().map(|c| plain(c))).collect());
                }
            }
            _ => {}
        }
    }
    for r in &mut rows {
        r.resize(columns.len(), String::new());
    }
    Sheet {
        name: name.to_owned(),
        columns,
        rows,
    }
}

/// The workbook's sheets: the template, then recipients, retention and the field inventory.
pub fn workbook(p: &Project, words: &Words) -> Vec<Sheet> {
    vec![
        ico(p, words),
        from_section(
            &words.get("xlsx.recipients"),
            &super::sections::recipients(p, words),
            None,
        ),
        from_section(
            &words.get("xlsx.retention"),
            &super::sections::retention(p, words),
            None,
        ),
        from_section(
            &words.get("xlsx.fields"),
            &super::inventory::inventory(p, words),
            Some(&words.get("xlsx.destination")),
        ),
    ]
}
