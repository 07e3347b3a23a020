//! The record of processing as PDF, read back with lopdf (pure Rust, no system tools): every
//! Art. 30 element is there, any European script survives, long text wraps, long tables
//! continue with their header, characters the font lacks are replaced and reported, and the
//! same project and date give the same bytes.

mod common;

use std::process::Command;

use capimap::catalog::Catalog;
use capimap::model::{Date, Project};
use capimap::report::document::{Edition, Meta, build};
use capimap::report::pdf::{Output, Paper};
use capimap::report::words::{Lang, Words};
use capimap::{check, examples, store};

fn example() -> Project {
    store::parse(examples::SHOP, "shop").unwrap().project
}

fn date() -> Date {
    "2026-11-26".parse().unwrap()
}

fn pdf(p: &Project, paper: Paper) -> Output {
    edition_pdf(p, paper, Edition::Internal)
}

/// The record of a project, checked with the built-in catalogue.
fn record_of(p: &Project, edition: Edition) -> capimap::report::document::Record {
    let meta = Meta {
        date: date(),
        project_hash: Some("0".repeat(64)),
        edition,
        changes: None,
    };
    build(
        p,
        &check::check(p, &Catalog::builtin().unwrap()),
        &meta,
        &Words::builtin(Lang::En).unwrap(),
    )
}

/// The entry of an activity's section whose label starts with `key`.
fn activity_entry(record: &capimap::report::document::Record, activity: &str, key: &str) -> String {
    common::record::entry(record, &format!("Activity: {activity}"), key)
}

fn edition_pdf(p: &Project, paper: Paper, edition: Edition) -> Output {
    common::pdf::render_pdf(p, Lang::En, edition, paper)
}

/// The text of each page.
fn pages(bytes: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(bytes).expect("a valid PDF");
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    numbers
        .iter()
        .map(|n| common::pdf::page_text(&doc, *n))
        .collect()
}

/// All text, with line breaks and repeated spaces folded, so that phrases can be searched.
fn text(bytes: &[u8]) -> String {
    pages(bytes)
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_art_30_element_of_the_example_is_in_the_record() {
    let out = pdf(&example(), Paper::A4);
    let t = text(&out.bytes);
    for needle in [
        "Record of processing activities",
        "Nordlicht Outdoor GmbH",
        "Hafenstraße 12",
        "Kanzlei Weber Datenschutz",
        "Art. 30(1)(a)",
        "Art. 30(1)(b) Purposes of the processing",
        "Art. 30(1)(c) Categories of data subjects",
        "Art. 30(1)(c) Categories of personal data",
        "Art. 30(1)(d) Categories of recipients",
        "Art. 30(1)(e) Transfers to a third country",
        "Art. 30(1)(f) Time limits for erasure",
        "Art. 30(1)(g) Technical and organisational security measures",
        "Conversion measurement",
        "Retargeting and audience building",
        "Shop analytics",
        "Consent management",
        "Meta Platforms Ireland Ltd.",
        "Google Ireland Limited",
        "TikTok Technology Limited",
        "Lawful basis (Art. 6)",
        "Legitimate interests",
        "Source of the data",
        "Record of consent",
        "DPIA-2025-04",
        "Retention schedule",
        "Field inventory per destination",
        "user_data.em",
        "Consent coverage",
        "Data-flow diagram",
        "Findings and accepted risks",
        "TikTok Events API requires user.phone (Phone number) hashed",
        "risk",
    ] {
        // A line may end inside an identifier, after its dot ("user." + "phone"), which
        // extraction reads as a space: compared without spaces.
        let squeezed = |s: &str| s.split_whitespace().collect::<String>();
        assert!(
            squeezed(&t).contains(&squeezed(needle)),
            "missing: {needle}"
        );
    }
    // Every page carries the frame.
    let all = pages(&out.bytes);
    for (i, page) in all.iter().enumerate() {
        let folded = page.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            folded.contains(&format!("page {} of {}", i + 1, all.len())),
            "page {}",
            i + 1
        );
        assert!(folded.contains("Nordlicht Outdoor GmbH"), "page {}", i + 1);
    }
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
}

#[test]
fn contents_give_the_page_each_section_starts_on() {
    let out = pdf(&example(), Paper::A4);
    let all = pages(&out.bytes);
    let contents = all[1].split_whitespace().collect::<Vec<_>>().join(" ");
    // "Retention schedule … N": the section's title is on page N.
    let after =
        &contents[contents.find("Retention schedule").unwrap() + "Retention schedule".len()..];
    let n: usize = after
        .split_whitespace()
        .find_map(|w| w.parse().ok())
        .expect("a page number");
    assert!(all[n - 1].contains("Retention schedule"), "page {n}");
}

#[test]
fn names_in_greek_cyrillic_and_with_accents_survive() {
    let mut p = example();
    p.organisation.controller.name = "Zoë Müller Ελληνικά Данные GmbH".to_owned();
    p.activities[0].name = "Ελληνικά και Данные".to_owned();
    let out = pdf(&p, Paper::A4);
    let t = text(&out.bytes);
    assert!(
        t.contains("Zoë Müller Ελληνικά Данные GmbH"),
        "{}",
        &t[..300]
    );
    assert!(t.contains("Ελληνικά και Данные"));
    assert!(out.warnings.is_empty());
}

#[test]
fn a_long_description_wraps_onto_several_lines() {
    let mut p = example();
    let words: Vec<String> = (0..120).map(|i| format!("word{i}")).collect();
    p.activities[0].description = words.join(" ");
    let out = pdf(&p, Paper::A4);
    let page = pages(&out.bytes)
        .into_iter()
        .find(|pg| pg.contains("word0"))
        .unwrap();
    let lines: Vec<&str> = page.lines().filter(|l| l.contains("word")).collect();
    assert!(lines.len() > 5, "wrapped onto {} lines", lines.len());
    let folded = page.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in &words {
        assert!(folded.contains(w.as_str()), "{w} is printed");
    }
}

#[test]
fn a_table_longer_than_a_page_continues_with_its_header() {
    let p = common::record::with_retention_rules(120);
    let out = pdf(&p, Paper::A4);
    let all = pages(&out.bytes);
    let with_rules: Vec<&String> = all.iter().filter(|pg| pg.contains("Rule number")).collect();
    assert!(with_rules.len() >= 2, "the table spans pages");
    for pg in &with_rules {
        let folded = pg.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            folded.contains("System Data Kept for Why"),
            "the header repeats"
        );
    }
    // No row is cut: every rule's text is whole on one page.
    for i in 0..120 {
        let needle = format!("Rule number {i} of a long schedule.");
        assert!(
            all.iter().any(|pg| pg
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(&needle)),
            "{needle}"
        );
    }
}

#[test]
fn emoji_and_cjk_are_replaced_visibly_and_reported() {
    let mut p = example();
    p.activities[0].description = "Measure 🙂 in 東京".to_owned();
    let out = pdf(&p, Paper::A4);
    assert_eq!(out.warnings.len(), 3, "{:?}", out.warnings);
    assert!(out.warnings.iter().any(|w| w.contains("U+1F642")));
    assert!(out.warnings.iter().any(|w| w.contains("U+6771")));
    let t = text(&out.bytes);
    assert!(
        t.contains("Measure \u{FFFD} in \u{FFFD}\u{FFFD}"),
        "replaced visibly"
    );
}

#[test]
fn the_same_project_and_date_give_the_same_bytes() {
    let a = pdf(&example(), Paper::A4);
    let b = pdf(&example(), Paper::A4);
    assert_eq!(a.bytes, b.bytes);
    let mut later = example();
    later.name = "Changed".to_owned();
    assert_ne!(pdf(&later, Paper::A4).bytes, a.bytes);
}

#[test]
fn letter_paper_is_an_option() {
    let a4 = pdf(&example(), Paper::A4);
    let letter = pdf(&example(), Paper::Letter);
    let size = |bytes: &[u8]| {
        let doc = lopdf::Document::load_mem(bytes).unwrap();
        let (_, id) = doc.get_pages().into_iter().next().unwrap();
        let page = doc.get_dictionary(id).unwrap();
        let mb = page.get(b"MediaBox").unwrap().as_array().unwrap().clone();
        (mb[2].as_float().unwrap(), mb[3].as_float().unwrap())
    };
    let (w, h) = size(&letter.bytes);
    assert!(
        (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0,
        "{w}×{h}"
    );
    let (w, h) = size(&a4.bytes);
    assert!(
        (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0,
        "{w}×{h}"
    );
}

/// `capimap export` of the example to `out` with further arguments; the PDF's bytes.
fn export_example(out: &std::path::Path, extra: &[&str]) -> Vec<u8> {
    common::cli::export_example("--pdf", out, extra)
}

#[test]
fn export_from_the_command_line_is_reproducible_and_keeps_no_local_path() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str, extra: &[&str]| export_example(&dir.path().join(name), extra);
    let a = run("a.pdf", &["--date", "2026-11-26"]);
    let b = run("b.pdf", &["--date", "2026-11-26"]);
    assert_eq!(a, b, "byte-identical with the same --date");
    let c = run("c.pdf", &["--date", "2026-11-27"]);
    assert_ne!(a, c);
    let dir_text = dir.path().display().to_string();
    // Searched with every stream decompressed.
    let plain = common::pdf::inflated(&a);
    let raw = String::from_utf8_lossy(&plain);
    assert!(!raw.contains(&dir_text), "no local path in the PDF");
    assert!(!raw.contains("/work/"), "no local path in the PDF");
    // SOURCE_DATE_EPOCH stands in for --date (2026-11-26 is day 20783).
    let out = dir.path().join("env.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["export", "assets/examples/shop.capimap.ron", "--pdf"])
        .arg(&out)
        .env("SOURCE_DATE_EPOCH", (20_783 * 86_400 + 3_600).to_string())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read(out).unwrap(), a);
}

/// The record says what version 2 of the model knows, taken from the model and no more: where
/// the sources' users are, which cookies each activity reads and under which consent, how a
/// withdrawal reaches the systems, and for whom a field is sent.
#[test]
fn the_record_states_users_cookies_withdrawal_and_scopes_as_modelled() {
    let mut p = example();
    let record = record_of(&p, Edition::Internal);
    let entry = |activity: &str, key: &str| activity_entry(&record, activity, key);
    assert!(
        entry("Conversion measurement", "Source of the data")
            .contains("Web shop (website; users in Germany)")
    );
    let cookies = entry(
        "Retargeting and audience building",
        "Cookies and device access",
    );
    assert!(
        cookies.contains("_fbp") && !cookies.contains("_gcl_aw"),
        "{cookies}"
    );
    assert!(cookies.contains("Personalised advertising"), "{cookies}");
    // Shop analytics uses no cookie identifier once the mappings say what they are read for.
    assert_eq!(
        entry("Shop analytics", "Cookies and device access"),
        "No cookies recorded"
    );
    let withdrawal = entry("Conversion measurement", "Withdrawal of consent");
    assert!(
        withdrawal.contains("Offline conversion export: Reads the consent flag"),
        "{withdrawal}"
    );
    assert_eq!(
        entry("Shop analytics", "Withdrawal of consent"),
        "Not applicable"
    );

    // A mapping restricted by region gets a "Sent for" column in the field inventory.
    for f in &mut p.flows {
        for m in &mut f.fields {
            if f.id.as_str() == "sgtm-to-google" && m.field.as_str() == "ip_address" {
                m.except_for = vec!["EEA".to_owned(), "UK".to_owned(), "CH".to_owned()];
            }
        }
    }
    let t = text(&pdf(&p, Paper::A4).bytes);
    assert!(t.contains("Sent for"), "the inventory has the column");
    assert!(
        t.contains("not for users in the EEA, United Kingdom, Switzerland"),
        "and says it, with the regions named"
    );

    // Consent coverage comes from the same analysis as the findings: a direct upload from the
    // CRM to Google, past the export's consent check, is not enforced.
    // (The section's introduction explains the words once.)
    let not_enforced = |t: &str| t.matches("Not enforced").count();
    assert_eq!(not_enforced(&t), 1, "the example is gated everywhere");
    let mut upload = p.flow("export-to-google").unwrap().clone();
    upload.id = "crm-direct".into();
    upload.from = "crm".into();
    p.flows.push(upload);
    let t = text(&pdf(&p, Paper::A4).bytes);
    assert_eq!(not_enforced(&t), 2, "the bypass shows in the coverage");
}

#[test]
fn the_authority_edition_holds_the_record_and_no_finding_the_internal_one_adds_them_as_annexes() {
    let p = example();
    let report = check::check(&p, &Catalog::builtin().unwrap());
    assert!(!report.findings.is_empty(), "the example has findings");
    let authority = text(&edition_pdf(&p, Paper::A4, Edition::Authority).bytes);
    let internal = text(&edition_pdf(&p, Paper::A4, Edition::Internal).bytes);
    // The Art. 30 record is in both.
    for element in ["Art. 30(1)(a)", "Art. 30(1)(f)", "Recipients and transfers"] {
        assert!(authority.contains(element), "authority lacks {element}");
        assert!(internal.contains(element), "internal lacks {element}");
    }
    // No rule id, no finding, no remedy, no consent coverage reaches the authority. A table
    // cell may break an id at a hyphen, so ids are looked for with their hyphens left out too.
    let squeeze = |s: &str| s.replace(['-', ' '], "");
    let unhyphenated = squeeze(&authority);
    for rule in check::RULES {
        assert!(
            !authority.contains(rule.id) && !unhyphenated.contains(&squeeze(rule.id)),
            "the authority edition names rule {}",
            rule.id
        );
    }
    for f in &report.findings {
        let start: String = f.message.chars().take(40).collect();
        assert!(
            !authority.contains(&start),
            "finding in the authority edition: {start}"
        );
    }
    for internal_only in [
        "Findings and accepted risks",
        "Consent coverage",
        "Not enforced",
    ] {
        assert!(
            !authority.contains(internal_only),
            "authority: {internal_only}"
        );
    }
    assert!(authority.contains("For the supervisory authority"));
    // The internal copy has them, labelled as its annexes.
    assert!(internal.contains("Annex C (internal): Findings and accepted risks"));
    assert!(internal.contains("Annex B (internal): Consent coverage"));
    let internal = squeeze(&internal);
    for f in report.findings.iter().filter(|f| f.is_open()) {
        assert!(
            internal.contains(&squeeze(f.rule.id)),
            "internal lacks {}",
            f.rule.id
        );
    }
}

#[test]
fn export_writes_the_authority_edition_unless_asked_for_the_internal_one() {
    let dir = tempfile::tempdir().unwrap();
    let written = |edition: Option<&str>| {
        let out = dir
            .path()
            .join(format!("{}.pdf", edition.unwrap_or("default")));
        let mut extra = vec!["--date", "2026-11-26"];
        if let Some(e) = edition {
            extra.extend(["--edition", e]);
        }
        text(&export_example(&out, &extra))
    };
    let default = written(None);
    assert!(default.contains("For the supervisory authority"));
    assert!(!default.contains("Annex C"));
    assert_eq!(default, written(Some("authority")));
    assert!(written(Some("internal")).contains("Annex C (internal): Findings and accepted risks"));
}

#[test]
fn joint_controllers_are_named_on_the_cover_and_in_a_and_missing_retention_says_not_defined() {
    let p = example();
    let joint: Vec<&capimap::model::Node> = p
        .nodes
        .iter()
        .filter(|n| {
            n.as_destination()
                .is_some_and(|d| d.role == Some(capimap::model::RecipientRole::JointController))
        })
        .collect();
    assert!(joint.len() >= 2, "the example has joint controllers");
    let record = record_of(&p, Edition::Authority);
    let cover: Vec<&str> = record
        .cover
        .iter()
        .filter(|(k, _)| k.starts_with("Joint controller"))
        .map(|(_, v)| v.as_str())
        .collect();
    for n in &joint {
        assert!(
            cover.iter().any(|c| c.contains(n.operator.as_str())),
            "cover lacks {}: {cover:?}",
            n.operator
        );
    }
    let entry = |activity: &str, key: &str| activity_entry(&record, activity, key);
    let a = entry("Retargeting and audience building", "Art. 30(1)(a)");
    for n in &joint {
        assert!(
            a.contains(n.operator.as_str()),
            "(a) lacks {}: {a}",
            n.operator
        );
    }
    assert!(
        a.contains("terms on record: Meta Business Tools Terms"),
        "{a}"
    );
    // The tag manager's request log keeps IP addresses with no retention rule on record.
    assert!(
        p.retention.iter().all(|r| r.node.as_str() != "event-log"),
        "the example's gap"
    );
    let f = entry("Shop analytics", "Art. 30(1)(f)");
    assert!(f.contains("Tag manager request log: not defined"), "{f}");
}

#[test]
fn the_record_states_the_interest_pursued_the_dates_the_description_and_who_signs() {
    let mut p = example();
    let analytics = p
        .activities
        .iter()
        .position(|a| a.lawful_basis == Some(capimap::model::LawfulBasis::LegitimateInterests))
        .expect("an activity on legitimate interests");
    let name = p.activities[analytics].name.clone();
    let record = record_of(&p, Edition::Authority);
    assert!(
        activity_entry(&record, &name, "Legitimate interests")
            .contains("Interest pursued: not stated")
    );
    assert_eq!(activity_entry(&record, &name, "Introduced"), "Not recorded");
    // The approval block: management and the DPO, on the authority edition only.
    let approval = record
        .sections
        .iter()
        .find(|s| s.title == "Approval")
        .expect("an approval section");
    let dpo = p.organisation.dpo.as_ref().unwrap().name.clone();
    let signers = format!("{:?}", approval.blocks);
    assert!(
        signers.contains("Management") && signers.contains(&dpo),
        "{signers}"
    );
    assert!(signers.contains("Signature:") && signers.contains("Date:"));
    assert!(
        record_of(&p, Edition::Internal)
            .sections
            .iter()
            .all(|s| s.title != "Approval")
    );

    let a = &mut p.activities[analytics];
    a.legitimate_interest = "Keeping the shop free of bot orders".to_owned();
    a.introduced = Some("2024-03-01".parse().unwrap());
    a.changed = Some("2026-02-15".parse().unwrap());
    p.description = "Conversion events from the Nordlicht web shop and app.".to_owned();
    p.organisation.approvers = vec![capimap::model::Approver {
        role: "Managing director".to_owned(),
        name: "Jana Nordlicht".to_owned(),
    }];
    // Health data under explicit consent (Art. 9(2)(a)) has its consent recorded.
    let measurement = p
        .activities
        .iter()
        .position(|a| a.lawful_basis == Some(capimap::model::LawfulBasis::Consent))
        .unwrap();
    let purpose = p.activities[measurement].consent_purpose.clone();
    under_explicit_consent(&mut p, analytics, purpose);
    let record = record_of(&p, Edition::Authority);
    assert!(
        activity_entry(&record, &name, "Legitimate interests")
            .contains("Interest pursued: Keeping the shop free of bot orders")
    );
    assert_eq!(activity_entry(&record, &name, "Introduced"), "2024-03-01");
    assert_eq!(activity_entry(&record, &name, "Last changed"), "2026-02-15");
    assert_ne!(
        activity_entry(&record, &name, "Record of consent"),
        "Not applicable"
    );
    let about = format!("{:?}", record.sections[0].blocks);
    assert!(about.contains("Nordlicht web shop and app"), "{about}");
    let approval = format!(
        "{:?}",
        record
            .sections
            .iter()
            .find(|s| s.title == "Approval")
            .unwrap()
            .blocks
    );
    assert!(
        approval.contains("Managing director: Jana Nordlicht"),
        "{approval}"
    );
}

/// The activity processes special-category data under explicit consent to `purpose`.
fn under_explicit_consent(
    p: &mut Project,
    activity: usize,
    purpose: Option<capimap::model::ConsentPurposeId>,
) {
    let a = &mut p.activities[activity];
    a.special_category_condition = Some(capimap::model::SpecialCategoryCondition::ExplicitConsent);
    a.consent_purpose = purpose;
}
