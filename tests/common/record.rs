//! The record of the example, and its entries, for the report tests.

use capimap::catalog::Catalog;
use capimap::check;
use capimap::model::Project;
use capimap::report::document::{Block, Edition, Meta, Record, build};
use capimap::report::words::{Lang, Words};
use capimap::{examples, store};

pub fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

/// The authority edition of `p` in `lang`, checked with the built-in catalogue.
pub fn record(p: &Project, lang: Lang) -> Record {
    record_edition(p, lang, Edition::Authority)
}

/// An edition of `p` in `lang`, dated as `pdf::date`, checked with the built-in catalogue.
pub fn record_edition(p: &Project, lang: Lang, edition: Edition) -> Record {
    let meta = Meta {
        date: super::pdf::date(),
        project_hash: Some("0".repeat(64)),
        edition,
        changes: None,
    };
    build(
        p,
        &check::check(p, &Catalog::builtin().unwrap()),
        &meta,
        &Words::builtin(lang).unwrap(),
    )
}

/// The text with its no-break spaces ("Art.\u{a0}28") as plain ones, as a reader sees it.
pub fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The value of the entry whose label starts with `label`, in the section whose title ends
/// with `section` (no-break spaces read as spaces).
pub fn entry(r: &Record, section: &str, label: &str) -> String {
    r.sections
        .iter()
        .filter(|s| plain(&s.title).ends_with(section))
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Entries(e) => e
                .iter()
                .find(|(k, _)| plain(k).starts_with(label))
                .map(|(_, v)| plain(v)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{section}: no entry {label}"))
}

/// The rows of the first table of the section titled `title`.
pub fn table(r: &Record, title: &str) -> Vec<Vec<String>> {
    r.sections
        .iter()
        .find(|s| s.title == title)
        .and_then(|s| {
            s.blocks.iter().find_map(|b| match b {
                Block::Table(t) => Some(
                    t.rows
                        .iter()
                        .map(|row| row.iter().map(|c| plain(c)).collect())
                        .collect(),
                ),
                _ => None,
            })
        })
        .unwrap_or_else(|| panic!("no table in {title}"))
}

/// The example with `count` more retention rules on its event log: a schedule longer than a
/// page, each rule's justification "Rule number N of a long schedule.".
pub fn with_retention_rules(count: u32) -> Project {
    use capimap::model::{Period, RetentionId, RetentionLimit, RetentionRule, RetentionScope};
    let mut p = example();
    for i in 0..count {
        p.retention.push(RetentionRule {
            id: RetentionId::new(format!("extra-{i}")),
            node: "event-log".into(),
            applies_to: RetentionScope::AllPersonalData,
            limit: RetentionLimit::Period(Period::days(i + 1)),
            justification: format!("Rule number {i} of a long schedule."),
        });
    }
    p
}
