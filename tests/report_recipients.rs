//! Art. 30(1)(d) and (e) as the templates ask for them: recipients split into the controller's
//! own systems, processors (with their contract), joint controllers and others, including a
//! processor that is not an ad platform; transfers stated only as far as the model knows them.

mod common;

use capimap::catalog::Catalog;
use capimap::check;
use capimap::model::*;
use capimap::report::document::Record;
use capimap::report::words::Lang;
use common::record::{entry, example, record, table};

fn recipient_rows(r: &Record) -> Vec<Vec<String>> {
    table(r, "Recipients and transfers")
}

/// The example with a customer data platform in the US, run by another company, receiving the
/// conversion events from the tag manager: `role` and `contract` as given.
fn with_cdp(role: Option<RecipientRole>, country: &str) -> Project {
    let mut p = example();
    let mut cdp = p.node("sgtm").expect("the tag manager").clone();
    cdp.id = "cdp".into();
    cdp.name = "Customer data platform".to_owned();
    cdp.operator = "Segment.io, Inc.".to_owned();
    cdp.country = country.to_owned();
    cdp.role = role;
    cdp.contract = "Twilio Data Protection Addendum of 2024-03-01".to_owned();
    cdp.transfer = Some(Transfer {
        mechanism: TransferMechanism::StandardContractualClauses,
        reference: "SCC module 2, 2021/914".to_owned(),
    });
    p.nodes.push(cdp);
    let mut flow = p.flow("sgtm-to-google").expect("a flow").clone();
    flow.id = "sgtm-to-cdp".into();
    flow.to = "cdp".into();
    p.flows.push(flow);
    p
}

#[test]
fn d_splits_recipients_by_role_and_lists_a_processor_that_is_no_ad_platform() {
    let p = with_cdp(Some(RecipientRole::Processor), "US");
    let r = record(&p, Lang::En);
    let d = entry(&r, "Conversion measurement", "Art. 30(1)(d)");
    let lines: Vec<&str> = d.lines().collect();
    let group = |start: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no group {start}: {d}"))
            .to_string()
    };
    let processors = group("Processors (Art. 28):");
    assert!(
        processors.contains("Customer data platform — Segment.io, Inc. (United States; contract: Twilio Data Protection Addendum of 2024-03-01"),
        "{processors}"
    );
    assert!(
        processors.contains("Google Ireland Limited"),
        "{processors}"
    );
    let joint = group("Joint controllers (Art. 26):");
    assert!(joint.contains("Meta Platforms Ireland Ltd."), "{joint}");
    assert!(!joint.contains("Segment"), "{joint}");
    let internal = group("Internal");
    assert!(internal.contains("Server-side tag manager"), "{internal}");
    assert!(!internal.contains("Segment"), "{internal}");

    // The table names the role, and the contract, never "own system" for it.
    let row = recipient_rows(&r)
        .into_iter()
        .find(|row| row[0].starts_with("Customer data platform"))
        .expect("the platform is a recipient");
    assert_eq!(row[2], "processor");
    assert!(row[3].contains("standard contractual clauses"), "{row:?}");
    assert!(row[4].contains("Data Protection Addendum"), "{row:?}");

    // (e) names the country and the mechanism on record, and what the model does not know.
    let e = entry(&r, "Conversion measurement", "Art. 30(1)(e)");
    assert!(e.contains("United States"), "{e}");
    assert!(
        e.contains("Customer data platform: standard contractual clauses"),
        "{e}"
    );
    assert!(e.contains("Onward transfers by the recipients"), "{e}");
    assert!(
        !e.contains("is in the EEA"),
        "no claim that all is in the EEA: {e}"
    );
}

#[test]
fn a_system_another_company_runs_without_a_role_is_said_so_and_found() {
    let p = with_cdp(None, "");
    let r = record(&p, Lang::En);
    let d = entry(&r, "Conversion measurement", "Art. 30(1)(d)");
    let unknown = d
        .lines()
        .find(|l| l.starts_with("Recipients whose role is not recorded:"))
        .unwrap_or_else(|| panic!("{d}"));
    assert!(unknown.contains("Segment.io, Inc."), "{unknown}");
    let e = entry(&r, "Conversion measurement", "Art. 30(1)(e)");
    assert!(
        e.contains("Unknown for Customer data platform: no country recorded"),
        "{e}"
    );
    let row = recipient_rows(&r)
        .into_iter()
        .find(|row| row[0].starts_with("Customer data platform"))
        .expect("a recipient");
    assert_eq!(row[2], "role not recorded");

    let findings = check::check(&p, &Catalog::builtin().unwrap());
    assert!(
        findings
            .findings
            .iter()
            .any(|f| f.rule.id == "contracts/no-role" && f.target.id() == "cdp"),
        "the check asks for the role"
    );
    // The controller's own systems need none.
    assert!(
        !findings
            .findings
            .iter()
            .any(|f| f.rule.id == "contracts/no-role" && f.target.id() == "sgtm")
    );
}

#[test]
fn recipients_and_transfers_read_in_german() {
    let p = with_cdp(Some(RecipientRole::Processor), "US");
    let r = record(&p, Lang::De);
    let d = entry(&r, "Conversion measurement", "Art. 30 Abs. 1 lit. d");
    assert!(d.contains("Auftragsverarbeiter (Art. 28 DSGVO):"), "{d}");
    assert!(d.contains("Vereinigte Staaten; AV-Vertrag:"), "{d}");
    let e = entry(&r, "Conversion measurement", "Art. 30 Abs. 1 lit. e");
    assert!(e.contains("Standarddatenschutzklauseln"), "{e}");
}

/// The example with the tag manager writing a cookie into the user's browser, as an imported
/// container records it.
fn with_cookie() -> Project {
    let mut p = example();
    let mut browser = p.node("sgtm").expect("the tag manager").clone();
    browser.id = "users-browser".into();
    browser.name = "The user's browser".to_owned();
    browser.operator = String::new();
    browser.country = String::new();
    browser.role = None;
    browser.contract = String::new();
    browser.transfer = None;
    browser.kind = NodeKind::Store(Store {
        store: StoreKind::Device,
        on_withdrawal: None,
    });
    p.nodes.push(browser);
    let mut flow = p.flow("sgtm-to-google").expect("a flow").clone();
    flow.id = "sgtm-to-browser".into();
    flow.to = "users-browser".into();
    p.flows.push(flow);
    p
}

#[test]
fn the_users_own_browser_is_no_recipient_and_no_transfer() {
    let p = with_cookie();
    let r = record(&p, Lang::En);
    let rows = recipient_rows(&r);
    assert!(
        rows.iter().all(|row| !row[0].contains("browser")),
        "{rows:?}"
    );
    // The other recipients are all still there.
    assert_eq!(
        rows.len(),
        recipient_rows(&record(&example(), Lang::En)).len()
    );
    let d = entry(&r, "Conversion measurement", "Art. 30(1)(d)");
    assert!(!d.contains("browser"), "{d}");
    let e = entry(&r, "Conversion measurement", "Art. 30(1)(e)");
    assert!(!e.contains("browser"), "{e}");
    assert!(!e.contains("no country recorded"), "{e}");
}
