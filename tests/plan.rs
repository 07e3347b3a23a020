//! `capimap plan`: the consent test plan of the example and of small hand-built projects, as
//! a QA engineer would write it: one case per combination of choices that changes what a
//! destination may receive, and a withdrawal case per batch after a gate.

use std::collections::BTreeSet;

use capimap::check::plan::{Plan, Verdict, plan};
use capimap::model::*;
use serde_json::Value;

mod common;

use common::cli::{assert_ok, capimap};

const EXAMPLE: &str = "assets/examples/shop.capimap.ron";

fn example_plan() -> Value {
    let o = capimap(["plan", EXAMPLE, "--format", "json"]);
    assert_ok(&o);
    serde_json::from_slice(&o.stdout).expect("the plan is JSON")
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Each case as the set of combinations it stands for (each given by what it denies).
fn case_set(plan: &Value) -> BTreeSet<BTreeSet<Vec<String>>> {
    plan["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            let mut all: BTreeSet<Vec<String>> = c["same_as_this"]
                .as_array()
                .unwrap()
                .iter()
                .map(strings)
                .collect();
            all.insert(strings(&c["denied"]));
            all
        })
        .collect()
}

fn case_denying<'a>(plan: &'a Value, denied: &[&str]) -> &'a Value {
    plan["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| strings(&c["denied"]) == denied)
        .unwrap_or_else(|| panic!("no case denying {denied:?}"))
}

fn destination<'a>(case: &'a Value, id: &str) -> &'a Value {
    case["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["destination"] == id)
        .unwrap_or_else(|| panic!("no destination {id}"))
}

fn verdicts<'a>(d: &'a Value) -> impl Iterator<Item = (&'a Value, &'a Value)> + 'a {
    d["flows"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["fields"].as_array().unwrap().iter().map(move |x| (f, x)))
}

#[test]
fn the_example_has_three_consent_cases_and_one_withdrawal_case() {
    let plan = example_plan();
    let scopes = plan["scopes"].as_array().unwrap();
    assert_eq!(scopes.len(), 1, "{scopes:?}");
    assert_eq!(strings(&scopes[0]["regions"]), ["EEA", "UK", "CH"]);
    assert_eq!(
        strings(&scopes[0]["purposes"]),
        ["cp-measurement", "cp-marketing"]
    );
    // Meta and TikTok are sent data for measurement and retargeting alike, Google Ads for
    // measurement only: denying measurement stops everything, whatever marketing says.
    let m = || "cp-measurement".to_owned();
    let k = || "cp-marketing".to_owned();
    let want: BTreeSet<BTreeSet<Vec<String>>> = [
        BTreeSet::from([vec![]]),
        BTreeSet::from([vec![m()], vec![m(), k()]]),
        BTreeSet::from([vec![k()]]),
    ]
    .into();
    assert_eq!(case_set(&plan), want);

    let marketing_denied = case_denying(&plan, &["cp-marketing"]);
    for (_, x) in verdicts(destination(marketing_denied, "meta-capi")) {
        if x["personal"] == true {
            assert_eq!(x["verdict"], "must_not", "{x}");
            assert_eq!(strings(&x["denied"]), ["cp-marketing"]);
        }
    }
    let google = destination(marketing_denied, "google-ads");
    assert!(verdicts(google).all(|(_, x)| x["verdict"] == "may"));
    let signal = |case: &Value, flow: &str| -> String {
        let d = destination(case, "google-ads");
        let f = d["flows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["flow"] == flow)
            .unwrap();
        let s = f["signals"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["wire_name"] == "consent.ad_user_data")
            .unwrap();
        assert_eq!(strings(&s["follows"]), ["cp-measurement"]);
        s["expected"].as_str().unwrap().to_owned()
    };
    assert_eq!(signal(marketing_denied, "sgtm-to-google"), "GRANTED");
    assert_eq!(
        signal(case_denying(&plan, &["cp-measurement"]), "sgtm-to-google"),
        "DENIED"
    );

    let w = plan["withdrawals"].as_array().unwrap();
    assert_eq!(w.len(), 1);
    assert_eq!(w[0]["flow"], "export-to-google");
    assert_eq!(strings(&w[0]["destinations"]), ["google-ads"]);
    assert_eq!(strings(&w[0]["purposes"]), ["cp-measurement"]);
    assert_eq!(w[0]["number"], 4, "numbered after the consent cases");
}

#[test]
fn the_markdown_plan_is_a_checklist_with_one_heading_per_case() {
    let o = capimap(["plan", EXAMPLE, "--format", "markdown"]);
    assert_ok(&o);
    let text = String::from_utf8(o.stdout).unwrap();
    for n in 1..=4 {
        assert!(
            text.contains(&format!("\n## Case {n} (")),
            "case {n} in:\n{text}"
        );
    }
    assert!(text.contains("- [ ] no request carries: user_data.em (E-mail address)"));
    assert!(text.contains("consent.ad_user_data = DENIED"));
    assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
}

/// The check tests' shop: one purpose asked in the EEA behind a gate, one flow to Test Ads.
fn shop() -> Project {
    common::baseline()
}

fn plan_of(p: &Project) -> Plan {
    plan(p, &common::catalog()).expect("a plan")
}

#[test]
fn a_purpose_that_no_mapping_needs_adds_no_case() {
    let mut p = shop();
    p.consent_purposes
        .push(common::purpose("newsletter", "Newsletter", &["EEA"]));
    let plan = plan_of(&p);
    assert_eq!(plan.scopes.len(), 1);
    assert_eq!(plan.scopes[0].combinations, 4);
    assert_eq!(plan.cases.len(), 2, "{:#?}", plan.cases);
    let denied = plan
        .cases
        .iter()
        .find(|c| c.denied.contains(&"ads-eea".to_owned()))
        .unwrap();
    let fields = &denied.destinations[0].flows[0].fields;
    let email = fields.iter().find(|f| f.field == "email").unwrap();
    assert_eq!(
        email.verdict,
        Verdict::MustNot {
            denied: vec!["ads-eea".to_owned()]
        }
    );
    // The order number is no personal data, but the gate stops the whole event.
    let order = fields.iter().find(|f| f.field == "order").unwrap();
    assert_eq!(order.verdict, Verdict::NotReached);
}

#[test]
fn regions_where_the_shop_has_no_users_get_no_case() {
    let mut p = shop();
    // The shop's users are in Germany (its establishment; the source names no regions).
    p.consent_purposes.push(common::purpose(
        "ccpa",
        "Sale of data (California)",
        &["US-CA"],
    ));
    let plan = plan_of(&p);
    assert_eq!(plan.scopes.len(), 1, "{:?}", plan.scopes);
    assert_eq!(plan.scopes[0].label, "EEA");
    // Once the web shop also serves Californians, their scope has its own cases.
    if let NodeKind::Source(s) = &mut common::node_mut(&mut p, "web").kind {
        s.regions = vec!["DE".to_owned(), "US-CA".to_owned()];
    }
    let plan = plan_of(&p);
    let labels: Vec<&str> = plan.scopes.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["EEA", "US-CA"]);
    let ca = plan.cases.iter().filter(|c| c.scope == 1).count();
    // Nothing sent needs the Californian purpose, and the EEA one is not asked there.
    assert_eq!(ca, 1);
    let case = plan.cases.iter().find(|c| c.scope == 1).unwrap();
    let email = case.destinations[0].flows[0]
        .fields
        .iter()
        .find(|f| f.field == "email")
        .unwrap();
    assert!(
        matches!(&email.verdict, Verdict::Unknown { why } if why.contains("not asked")),
        "{:?}",
        email.verdict
    );
}

#[test]
fn a_batch_after_the_gate_that_sends_queued_events_is_expected_to_fail_its_withdrawal_case() {
    let mut p = shop();
    let f = p
        .flows
        .iter_mut()
        .find(|f| f.id.as_str() == "sgtm-ads")
        .unwrap();
    f.delivery = Delivery::Batch(Period::days(1));
    f.on_withdrawal = Some(WithdrawalHandling::SendQueued);
    let plan = plan_of(&p);
    assert_eq!(plan.withdrawals.len(), 1);
    assert_eq!(plan.withdrawals[0].model_passes, Some(false));
    assert_eq!(plan.withdrawals[0].destinations, ["ads"]);
    // Checked again when sending: expected to pass.
    p.flows
        .iter_mut()
        .find(|f| f.id.as_str() == "sgtm-ads")
        .unwrap()
        .on_withdrawal = Some(WithdrawalHandling::CheckedAtSend);
    assert_eq!(plan_of(&p).withdrawals[0].model_passes, Some(true));
}

#[test]
fn a_project_file_that_does_not_exist_is_one_line_naming_it() {
    let o = capimap(["plan", "no/such/file.capimap.ron"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("no/such/file.capimap.ron"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}
