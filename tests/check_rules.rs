//! Behaviour tests for the check engine: for every rule of the registry, a small project that
//! triggers it and a close variant that must not.
//!
//! Every test starts from [`baseline`], a clean project (web shop → consent gate → tag server →
//! "Test Ads", plus a consent-record store) that yields no finding at all with the test-only
//! catalogue of [`catalog`], and changes one thing. Tests are named `<rule id>_fires…` and
//! `<rule id>_quiet_when_…`, with `/` and `-` written as `_`;
//! [`every_rule_has_a_fires_and_a_quiet_test`] holds every rule of `RULES` to that.

use std::collections::BTreeSet;

use capimap::catalog::{
    self as cat, Catalog, ConsentParameter, Fact, Hashing, Parameter, Platform, Provenance, Terms,
};
use capimap::check::{self, Finding, Report, Severity, output};
use capimap::model::*;

// ---------------------------------------------------------------------------------------------
// The test catalogue: one platform, "testads".

fn doc() -> cat::Source {
    cat::Source {
        url: "https://ads.example.test/docs".to_owned(),
        provenance: Provenance::Primary,
    }
}

fn param(wire_name: &str, category: &str, hashing: Hashing) -> Parameter {
    Parameter {
        wire_name: wire_name.to_owned(),
        label: wire_name.to_owned(),
        category: category.to_owned(),
        hashing,
        normalisation: None,
        no_personal_data: false,
        unused_in: vec![],
        note: String::new(),
        source: doc(),
    }
}

fn consent_param(wire_name: &str, region: &str, required: bool) -> ConsentParameter {
    ConsentParameter {
        wire_name: wire_name.to_owned(),
        meaning: format!("The person's choice, for users in {region}."),
        regions: vec![region.to_owned()],
        required,
        source: doc(),
    }
}

const TERMS: &str = "Test Ads Business Terms";

fn test_platform() -> Platform {
    Platform {
        id: "testads".to_owned(),
        name: "Test Ads".to_owned(),
        endpoint: "POST /v1/events".to_owned(),
        recipient: Fact::default(),
        recipient_country: Fact::default(),
        user_data: vec![
            Parameter {
                normalisation: Some(Normalisation::Email),
                ..param("user.em", "user.contact.email", Hashing::MustHash)
            },
            Parameter {
                unused_in: vec!["EEA".to_owned()],
                note: "Not used for EEA users.".to_owned(),
                ..param("client_ip", "user.device.ip_address", Hashing::MustNotHash)
            },
            param("click_id", "capimap.click_id", Hashing::MustNotHash),
            param("browser_id", "user.device.cookie_id", Hashing::Optional),
        ],
        event_data: vec![
            Parameter {
                no_personal_data: true,
                ..param("order_id", "capimap.order_id", Hashing::Optional)
            },
            param("custom", "capimap.event_data", Hashing::Optional),
        ],
        other_fields: vec![],
        dedup_key: Fact::default(),
        consent_parameters: vec![
            consent_param("consent.eea", "EEA", true),
            consent_param("ldu", "US-states", false),
        ],
        eu_consent_field: Fact::default(),
        terms: vec![Terms {
            name: TERMS.to_owned(),
            url: "https://ads.example.test/terms".to_owned(),
            note: String::new(),
            required: true,
            source: doc(),
        }],
        prohibited: vec![],
        event_window: Fact::default(),
        retention: Fact::Known {
            value: Period::months(13),
            text: "Event data is kept for 13 months.".to_owned(),
            source: doc(),
        },
    }
}

fn catalog() -> Catalog {
    let mut c = Catalog::default();
    c.insert(test_platform());
    c
}

// ---------------------------------------------------------------------------------------------
// Builders.

fn date() -> Date {
    Date::new(2026, 3, 1).unwrap()
}

fn party(name: &str) -> Party {
    Party {
        name: name.to_owned(),
        address: "Hafenstraße 1, 20457 Hamburg".to_owned(),
        email: "privacy@example.test".to_owned(),
        phone: String::new(),
    }
}

fn purpose(id: &str, name: &str, regions: &[&str]) -> ConsentPurpose {
    ConsentPurpose {
        id: id.into(),
        name: name.to_owned(),
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        ..ConsentPurpose::default()
    }
}

/// A complete activity on consent with the given purpose.
fn activity(id: &str, name: &str, purpose: &str) -> ProcessingActivity {
    ProcessingActivity {
        id: id.into(),
        name: name.to_owned(),
        description: format!("{name} for our ad campaigns."),
        lawful_basis: Some(LawfulBasis::Consent),
        consent_purpose: Some(purpose.into()),
        data_subjects: vec!["customer".to_owned()],
        max_retention: Some(Period::months(13)),
        security_measures: vec!["TLS on every connection".to_owned()],
        ..ProcessingActivity::default()
    }
}

fn field(id: &str, label: &str, category: &str, identifiability: Identifiability) -> Field {
    Field {
        id: id.into(),
        label: label.to_owned(),
        category: category.to_owned(),
        identifiability,
        ..Field::default()
    }
}

fn node(id: &str, name: &str, kind: NodeKind) -> Node {
    Node {
        id: id.into(),
        name: name.to_owned(),
        operator: "Example Shop GmbH".to_owned(),
        country: "DE".to_owned(),
        description: String::new(),
        transfer: None,
        kind,
    }
}

fn source(id: &str, name: &str, collects: &[&str]) -> Node {
    node(
        id,
        name,
        NodeKind::Source(Source {
            collects: collects.iter().map(|f| (*f).into()).collect(),
            ..Source::default()
        }),
    )
}

fn relay(id: &str, name: &str) -> Node {
    node(id, name, NodeKind::Relay(Relay::default()))
}

fn store(id: &str, name: &str, kind: StoreKind) -> Node {
    node(id, name, NodeKind::Store(Store { store: kind }))
}

/// A sent field mapping, justified.
fn map(field: &str, wire_name: &str, transform: Transform) -> FieldMapping {
    FieldMapping {
        field: field.into(),
        wire_name: wire_name.to_owned(),
        transform,
        justification: format!("{field} is needed to match the conversion."),
    }
}

fn flow(id: &str, from: &str, to: &str, fields: Vec<FieldMapping>) -> Flow {
    Flow {
        id: id.into(),
        from: from.into(),
        to: to.into(),
        description: String::new(),
        activities: vec!["measure".into()],
        delivery: Delivery::RealTime,
        consent_signals: vec![],
        on_withdrawal: None,
        fields,
    }
}

fn keep(id: &str, node: &str, scope: RetentionScope, period: Period) -> RetentionRule {
    RetentionRule {
        id: id.into(),
        node: node.into(),
        applies_to: scope,
        limit: RetentionLimit::Period(period),
        justification: "As short as the purpose allows.".to_owned(),
    }
}

fn risk(id: &str, rule: &str, target: &str) -> AcceptedRisk {
    AcceptedRisk {
        id: id.into(),
        rule: rule.to_owned(),
        target: target.to_owned(),
        justification: "Decided by the DPO.".to_owned(),
        accepted_by: "Dr. Test (DPO)".to_owned(),
        date: date(),
    }
}

/// The clean project: every rule stays quiet.
///
/// ```text
/// web ──web-cmp──▶ cmp ──cmp-sgtm──▶ sgtm ──sgtm-ads──▶ ads (testads)
///                   └─ records_to ─▶ consent-db
/// ```
///
/// One activity, "measure", on consent for purpose "ads-eea" (regions: EEA), served by all
/// three flows. The e-mail is hashed after the e-mail normalisation on the way to Test Ads;
/// the order number (not personal) goes as `order_id`; the EEA consent signal is forwarded.
fn baseline() -> Project {
    let mut p = Project::empty("Check test shop");
    p.organisation = Organisation {
        controller: party("Example Shop GmbH"),
        dpo: Some(party("Dr. Test (DPO)")),
        ..Organisation::default()
    };
    p.consent_purposes = vec![purpose("ads-eea", "Advertising (EEA)", &["EEA"])];
    p.activities = vec![activity("measure", "Conversion measurement", "ads-eea")];
    p.fields = vec![
        field(
            "email",
            "E-mail address",
            "user.contact.email",
            Identifiability::DirectIdentifier,
        ),
        field(
            "order",
            "Order number",
            "capimap.order_id",
            Identifiability::NotPersonal,
        ),
    ];
    p.nodes = vec![
        source("web", "Web shop", &["email", "order"]),
        node(
            "cmp",
            "Consent manager",
            NodeKind::ConsentGate(ConsentGate {
                enforces: vec!["ads-eea".into()],
                records_to: Some("consent-db".into()),
                ..ConsentGate::default()
            }),
        ),
        store("consent-db", "Consent records", StoreKind::Database),
        relay("sgtm", "Tag server"),
        Node {
            operator: "Test Ads Ireland Ltd".to_owned(),
            country: "IE".to_owned(),
            ..node(
                "ads",
                "Test Ads API",
                NodeKind::Destination(Destination {
                    platform: "testads".to_owned(),
                    role: Some(RecipientRole::Processor),
                    terms: vec![TermsAcceptance {
                        name: TERMS.to_owned(),
                        url: String::new(),
                        accepted: true,
                        date: Some(date()),
                    }],
                    account: "pixel-1".to_owned(),
                }),
            )
        },
    ];
    let raw = || {
        vec![
            map("email", "email", Transform::Raw),
            map("order", "order", Transform::Raw),
        ]
    };
    p.flows = vec![
        flow("web-cmp", "web", "cmp", raw()),
        flow("cmp-sgtm", "cmp", "sgtm", raw()),
        Flow {
            consent_signals: vec!["consent.eea".to_owned()],
            ..flow(
                "sgtm-ads",
                "sgtm",
                "ads",
                vec![
                    map(
                        "email",
                        "user.em",
                        Transform::Sha256(Some(Normalisation::Email)),
                    ),
                    map("order", "order_id", Transform::Raw),
                ],
            )
        },
    ];
    p.retention = vec![
        keep(
            "keep-consents",
            "consent-db",
            RetentionScope::AllPersonalData,
            Period::new(3, PeriodUnit::Years),
        ),
        keep(
            "keep-sgtm",
            "sgtm",
            RetentionScope::AllPersonalData,
            Period::days(1),
        ),
        keep(
            "keep-ads",
            "ads",
            RetentionScope::AllPersonalData,
            Period::months(13),
        ),
    ];
    p
}

// Ways into the baseline, to change one thing.

fn node_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Node {
    p.nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn gate_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut ConsentGate {
    match &mut node_mut(p, id).kind {
        NodeKind::ConsentGate(g) => g,
        _ => panic!("{id} is not a gate"),
    }
}

fn source_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Source {
    match &mut node_mut(p, id).kind {
        NodeKind::Source(s) => s,
        _ => panic!("{id} is not a source"),
    }
}

fn dest_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Destination {
    match &mut node_mut(p, id).kind {
        NodeKind::Destination(d) => d,
        _ => panic!("{id} is not a destination"),
    }
}

fn flow_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Flow {
    p.flows
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no flow {id}"))
}

fn mapping_mut<'a>(p: &'a mut Project, flow: &str, field: &str) -> &'a mut FieldMapping {
    flow_mut(p, flow)
        .fields
        .iter_mut()
        .find(|m| m.field.as_str() == field)
        .unwrap_or_else(|| panic!("flow {flow} does not map {field}"))
}

fn activity_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut ProcessingActivity {
    p.activities
        .iter_mut()
        .find(|a| a.id.as_str() == id)
        .unwrap_or_else(|| panic!("no activity {id}"))
}

fn field_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Field {
    p.fields
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no field {id}"))
}

fn retention_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut RetentionRule {
    p.retention
        .iter_mut()
        .find(|r| r.id.as_str() == id)
        .unwrap_or_else(|| panic!("no retention rule {id}"))
}

fn remove_retention(p: &mut Project, id: &str) {
    let before = p.retention.len();
    p.retention.retain(|r| r.id.as_str() != id);
    assert_eq!(p.retention.len(), before - 1, "no retention rule {id}");
}

fn set_regions(p: &mut Project, purpose: &str, regions: &[&str]) {
    let c = p
        .consent_purposes
        .iter_mut()
        .find(|c| c.id.as_str() == purpose)
        .unwrap_or_else(|| panic!("no consent purpose {purpose}"));
    c.regions = regions.iter().map(|r| (*r).to_owned()).collect();
}

/// Adds an IP-address field and sends it raw along the whole chain to Test Ads as `client_ip`.
fn send_ip(p: &mut Project) {
    p.fields.push(field(
        "ip",
        "IP address",
        "user.device.ip_address",
        Identifiability::Indirect,
    ));
    source_mut(p, "web").collects.push("ip".into());
    for (f, wire) in [
        ("web-cmp", "ip"),
        ("cmp-sgtm", "ip"),
        ("sgtm-ads", "client_ip"),
    ] {
        flow_mut(p, f).fields.push(map("ip", wire, Transform::Raw));
    }
}

/// Adds a click-id field and sends it along the whole chain to Test Ads as `click_id`.
fn send_click_id(p: &mut Project, transform: Transform) {
    p.fields.push(field(
        "gclid",
        "Ad click id",
        "capimap.click_id",
        Identifiability::PseudonymousId,
    ));
    source_mut(p, "web").collects.push("gclid".into());
    flow_mut(p, "web-cmp")
        .fields
        .push(map("gclid", "gclid", Transform::Raw));
    flow_mut(p, "cmp-sgtm")
        .fields
        .push(map("gclid", "gclid", Transform::Raw));
    flow_mut(p, "sgtm-ads")
        .fields
        .push(map("gclid", "click_id", transform));
}

/// A health field ("Bought medication"), collected at the web shop.
fn add_health_field(p: &mut Project) {
    p.fields.push(field(
        "health",
        "Bought medication",
        "user.health_and_medical",
        Identifiability::Indirect,
    ));
    source_mut(p, "web").collects.push("health".into());
}

// ---------------------------------------------------------------------------------------------
// Running and asserting.

fn run(p: &Project) -> Report {
    check::check(p, &catalog())
}

/// The findings, one per line, for failure messages.
fn listing(r: &Report) -> String {
    if r.findings.is_empty() {
        return "  (no findings)".to_owned();
    }
    r.findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} [{}]{}: {}",
                f.rule.id,
                f.target.id,
                f.severity,
                if f.is_open() { "" } else { " (accepted)" },
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn of<'r>(r: &'r Report, rule: &str) -> Vec<&'r Finding> {
    r.findings.iter().filter(|f| f.rule.id == rule).collect()
}

/// Asserts that the report holds exactly one finding of `rule`, on `target`, and besides it
/// exactly the findings `also` (rule id, target id) that the change is bound to cause too;
/// that the finding is open, has the rule's severity, a fix and a message that names
/// `mentions` (the element's name, or the label or wire name of a field mapping).
#[track_caller]
fn fires<'r>(
    r: &'r Report,
    rule: &str,
    target: &str,
    mentions: &str,
    also: &[(&str, &str)],
) -> &'r Finding {
    let mut want: Vec<(&str, &str)> = also.to_vec();
    want.push((rule, target));
    want.sort_unstable();
    let mut got: Vec<(&str, &str)> = r
        .findings
        .iter()
        .map(|f| (f.rule.id, f.target.id.as_str()))
        .collect();
    got.sort_unstable();
    assert_eq!(got, want, "findings:\n{}", listing(r));
    let f = of(r, rule)[0];
    let registered = check::rule(rule).expect("a rule of the registry");
    assert_eq!(f.severity, registered.severity);
    assert!(f.is_open());
    assert!(!f.message.trim().is_empty(), "{rule}: empty message");
    assert!(
        f.message.contains(mentions),
        "{rule}: message does not mention '{mentions}': {}",
        f.message
    );
    assert!(!f.fix.trim().is_empty(), "{rule}: empty fix");
    assert!(!f.target.name.trim().is_empty(), "{rule}: unnamed target");
    f
}

/// Asserts that no finding of `rule` is in the report.
#[track_caller]
fn quiet(r: &Report, rule: &str) {
    assert!(check::rule(rule).is_some(), "{rule} is not a rule");
    assert!(
        of(r, rule).is_empty(),
        "{rule} fired, but should not have:\n{}",
        listing(r)
    );
}

// ---------------------------------------------------------------------------------------------
// The baseline and the registry.

#[test]
fn the_baseline_is_clean() {
    let r = run(&baseline());
    assert!(r.findings.is_empty(), "findings:\n{}", listing(&r));
}

#[test]
fn the_baseline_is_a_valid_project_file() {
    let text = capimap::store::to_string(&baseline());
    let loaded = capimap::store::parse(&text, "baseline").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.project, baseline());
}

/// `consent/ungated-path` → `consent_ungated_path`.
fn test_name(rule: &str) -> String {
    rule.replace(['/', '-'], "_")
}

#[test]
fn every_rule_has_a_fires_and_a_quiet_test() {
    let this = include_str!("check_rules.rs");
    let missing: Vec<String> = check::RULES
        .iter()
        .flat_map(|r| {
            let name = test_name(r.id);
            [format!("fn {name}_fires"), format!("fn {name}_quiet_when_")]
        })
        .filter(|f| !this.contains(f.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "rules without tests: {}",
        missing.join(", ")
    );
    // And every rule id is spelled out in this file, as the tests assert it.
    for r in check::RULES {
        assert!(
            this.contains(&format!("\"{}\"", r.id)),
            "{} is never asserted",
            r.id
        );
    }
}

#[test]
fn rule_ids_are_unique_and_findable() {
    let ids: BTreeSet<&str> = check::RULES.iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), check::RULES.len());
    for r in check::RULES {
        assert_eq!(check::rule(r.id).map(|x| x.id), Some(r.id));
    }
    assert!(check::rule("consent/no-such-rule").is_none());
}

// ---------------------------------------------------------------------------------------------
// Consent

const UNGATED: &str = "consent/ungated-path";

#[test]
fn consent_ungated_path_fires_when_the_gate_enforces_another_purpose() {
    let mut p = baseline();
    gate_mut(&mut p, "cmp").enforces = vec!["analytics".into()];
    let r = run(&p);
    let f = fires(&r, UNGATED, "ads", "Test Ads API", &[]);
    assert_eq!(f.path, ["web", "cmp", "sgtm", "ads"]);
    assert!(f.message.contains("Advertising (EEA)"), "{}", f.message);
}

#[test]
fn consent_ungated_path_fires_on_a_bypass_around_the_gate() {
    let mut p = baseline();
    p.flows.push(flow(
        "bypass",
        "web",
        "sgtm",
        vec![map("email", "email", Transform::Raw)],
    ));
    let r = run(&p);
    let f = fires(&r, UNGATED, "ads", "Test Ads API", &[]);
    assert_eq!(f.path, ["web", "sgtm", "ads"]);
    assert!(
        f.fix.contains("bypass"),
        "the fix names the flow: {}",
        f.fix
    );
}

#[test]
fn consent_ungated_path_quiet_when_the_gate_also_enforces_the_purpose() {
    let mut p = baseline();
    gate_mut(&mut p, "cmp").enforces = vec!["analytics".into(), "ads-eea".into()];
    quiet(&run(&p), UNGATED);
}

#[test]
fn consent_ungated_path_quiet_when_the_bypass_serves_no_consent_activity() {
    // The same bypass, but it serves a contract activity: the consent activity's own flows
    // all pass the gate.
    let mut p = baseline();
    p.activities.push(ProcessingActivity {
        lawful_basis: Some(LawfulBasis::Contract),
        consent_purpose: None,
        ..activity("orders", "Order processing", "none")
    });
    p.flows.push(Flow {
        activities: vec!["orders".into()],
        ..flow(
            "bypass",
            "web",
            "sgtm",
            vec![map("email", "email", Transform::Raw)],
        )
    });
    let r = run(&p);
    quiet(&r, UNGATED);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const COOKIE: &str = "consent/cookie-id-ungated";

/// A cookie id (`_tp`) read at the web shop and sent on to Test Ads as `browser_id`: through
/// the consent gate with the other fields, or straight to the tag server on a flow of its own
/// ("cookie-sync") that serves a legitimate-interests activity (fraud checks).
fn send_cookie_id(p: &mut Project, through_gate: bool) {
    p.fields.push(Field {
        cookie: Some("_tp".to_owned()),
        ..field(
            "tp-cookie",
            "Test Ads browser id",
            "user.device.cookie_id",
            Identifiability::PseudonymousId,
        )
    });
    source_mut(p, "web").collects.push("tp-cookie".into());
    let cookie = || map("tp-cookie", "tp", Transform::Raw);
    if through_gate {
        flow_mut(p, "web-cmp").fields.push(cookie());
        flow_mut(p, "cmp-sgtm").fields.push(cookie());
    } else {
        p.activities.push(ProcessingActivity {
            lawful_basis: Some(LawfulBasis::LegitimateInterests),
            legitimate_interests_assessment: Some("LIA-7".to_owned()),
            consent_purpose: None,
            ..activity("fraud", "Fraud checks", "none")
        });
        p.flows.push(Flow {
            activities: vec!["fraud".into()],
            ..flow("cookie-sync", "web", "sgtm", vec![cookie()])
        });
    }
    flow_mut(p, "sgtm-ads")
        .fields
        .push(map("tp-cookie", "browser_id", Transform::Raw));
}

#[test]
fn consent_cookie_id_ungated_fires() {
    let mut p = baseline();
    send_cookie_id(&mut p, false);
    let r = run(&p);
    let f = fires(&r, COOKIE, "ads", "Test Ads API", &[]);
    assert_eq!(f.path, ["web", "sgtm", "ads"]);
    assert!(f.message.contains("_tp"), "names the cookie: {}", f.message);
}

#[test]
fn consent_cookie_id_ungated_fires_when_the_gate_on_the_way_enforces_nothing() {
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    gate_mut(&mut p, "cmp").enforces.clear();
    let r = run(&p);
    assert!(
        of(&r, COOKIE).iter().any(|f| f.target.id == "ads"),
        "a gate that enforces no purpose protects nothing: {}",
        listing(&r)
    );
}

#[test]
fn consent_cookie_id_ungated_quiet_when_the_cookie_passes_the_gate() {
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    let r = run(&p);
    quiet(&r, COOKIE);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const WITHDRAWAL: &str = "consent/withdrawal-unhandled";

#[test]
fn consent_withdrawal_unhandled_fires_for_a_batch_after_the_gate() {
    let mut p = baseline();
    flow_mut(&mut p, "sgtm-ads").delivery = Delivery::Batch(Period::days(1));
    let r = run(&p);
    fires(&r, WITHDRAWAL, "sgtm-ads", "Tag server → Test Ads API", &[]);
}

#[test]
fn consent_withdrawal_unhandled_fires_for_real_time_sends_out_of_a_queue() {
    let mut p = baseline();
    p.nodes
        .push(store("queue", "Event queue", StoreKind::Queue));
    p.retention.push(keep(
        "keep-queue",
        "queue",
        RetentionScope::AllPersonalData,
        Period::days(1),
    ));
    flow_mut(&mut p, "sgtm-ads").from = "queue".into();
    p.flows.push(flow(
        "sgtm-queue",
        "sgtm",
        "queue",
        vec![map("email", "email", Transform::Raw)],
    ));
    let r = run(&p);
    fires(&r, WITHDRAWAL, "sgtm-ads", "queue", &[]);
}

#[test]
fn consent_withdrawal_unhandled_fires_when_queued_events_are_still_sent() {
    let mut p = baseline();
    let f = flow_mut(&mut p, "sgtm-ads");
    f.delivery = Delivery::Batch(Period::days(1));
    f.on_withdrawal = Some(WithdrawalHandling::SendQueued);
    let r = run(&p);
    let f = fires(&r, WITHDRAWAL, "sgtm-ads", "Tag server → Test Ads API", &[]);
    assert!(f.message.contains("still sends"), "{}", f.message);
}

#[test]
fn consent_withdrawal_unhandled_quiet_when_queued_events_are_dropped() {
    let mut p = baseline();
    let f = flow_mut(&mut p, "sgtm-ads");
    f.delivery = Delivery::Batch(Period::days(1));
    f.on_withdrawal = Some(WithdrawalHandling::DropQueued);
    quiet(&run(&p), WITHDRAWAL);
}

#[test]
fn consent_withdrawal_unhandled_quiet_when_the_batch_is_before_the_gate() {
    let mut p = baseline();
    flow_mut(&mut p, "web-cmp").delivery = Delivery::Batch(Period::days(1));
    quiet(&run(&p), WITHDRAWAL);
}

const SIGNAL: &str = "consent/signal-missing";
const LDU: &str = "consent/limited-use-flag-missing";

#[test]
fn consent_signal_missing_fires() {
    let mut p = baseline();
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    let r = run(&p);
    let f = fires(&r, SIGNAL, "sgtm-ads", "consent.eea", &[]);
    assert!(f.message.contains("sgtm-ads"), "{}", f.message);
}

#[test]
fn consent_signal_missing_fires_for_a_member_state_region() {
    let mut p = baseline();
    set_regions(&mut p, "ads-eea", &["DE"]);
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    fires(&run(&p), SIGNAL, "sgtm-ads", "consent.eea", &[]);
}

#[test]
fn consent_signal_missing_fires_when_the_regions_are_not_recorded() {
    // A consent purpose without regions applies everywhere: the EEA signal and the US flag
    // are both expected.
    let mut p = baseline();
    set_regions(&mut p, "ads-eea", &[]);
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    fires(
        &run(&p),
        SIGNAL,
        "sgtm-ads",
        "consent.eea",
        &[(LDU, "sgtm-ads")],
    );
}

#[test]
fn consent_signal_missing_quiet_when_the_flow_carries_only_us_users() {
    let mut p = baseline();
    set_regions(&mut p, "ads-eea", &["US-CA"]);
    let f = flow_mut(&mut p, "sgtm-ads");
    f.consent_signals = vec!["ldu".to_owned()];
    let r = run(&p);
    quiet(&r, SIGNAL);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn consent_limited_use_flag_missing_fires() {
    let mut p = baseline();
    set_regions(&mut p, "ads-eea", &["US-CA"]);
    let r = run(&p);
    let f = fires(&r, LDU, "sgtm-ads", "ldu", &[]);
    assert!(f.message.contains("sgtm-ads"), "{}", f.message);
}

#[test]
fn consent_limited_use_flag_missing_quiet_when_the_flag_is_forwarded() {
    let mut p = baseline();
    set_regions(&mut p, "ads-eea", &["EEA", "US-CA"]);
    flow_mut(&mut p, "sgtm-ads").consent_signals = vec!["consent.eea".into(), "ldu".into()];
    let r = run(&p);
    quiet(&r, LDU);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn consent_limited_use_flag_missing_quiet_when_the_flow_carries_only_eea_users() {
    // The baseline: regions EEA only, so the US flag is not expected.
    quiet(&run(&baseline()), LDU);
}

const NO_RECORDS: &str = "consent/no-consent-records";

#[test]
fn consent_no_consent_records_fires() {
    let mut p = baseline();
    gate_mut(&mut p, "cmp").records_to = None;
    let r = run(&p);
    fires(&r, NO_RECORDS, "cmp", "Consent manager", &[]);
}

#[test]
fn consent_no_consent_records_quiet_when_the_gate_enforces_nothing() {
    // A gate that enforces no purpose has no consents to demonstrate (its uselessness shows
    // up as an ungated path instead).
    let mut p = baseline();
    let g = gate_mut(&mut p, "cmp");
    g.records_to = None;
    g.enforces.clear();
    let r = run(&p);
    quiet(&r, NO_RECORDS);
    fires(&r, UNGATED, "ads", "Test Ads API", &[]);
}

const RECORDS_RETENTION: &str = "consent/consent-records-without-retention";

#[test]
fn consent_consent_records_without_retention_fires() {
    let mut p = baseline();
    remove_retention(&mut p, "keep-consents");
    let r = run(&p);
    fires(&r, RECORDS_RETENTION, "consent-db", "Consent records", &[]);
}

#[test]
fn consent_consent_records_without_retention_fires_once_for_a_shared_store() {
    let mut p = baseline();
    remove_retention(&mut p, "keep-consents");
    p.nodes.push(node(
        "app-cmp",
        "App consent SDK",
        NodeKind::ConsentGate(ConsentGate {
            enforces: vec!["ads-eea".into()],
            records_to: Some("consent-db".into()),
            ..ConsentGate::default()
        }),
    ));
    let r = run(&p);
    fires(&r, RECORDS_RETENTION, "consent-db", "Consent manager", &[]);
}

#[test]
fn consent_consent_records_without_retention_quiet_when_a_rule_covers_one_category() {
    // Any retention rule on the record store will do; what it covers is not checked here.
    let mut p = baseline();
    retention_mut(&mut p, "keep-consents").applies_to =
        RetentionScope::Category("user.privacy_preferences".into());
    quiet(&run(&p), RECORDS_RETENTION);
}

// ---------------------------------------------------------------------------------------------
// Minimisation

const NOT_ACCEPTED: &str = "minimise/not-accepted";

#[test]
fn minimise_not_accepted_fires() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").wire_name = "user.email".into();
    let r = run(&p);
    let f = fires(&r, NOT_ACCEPTED, "sgtm-ads/email", "E-mail address", &[]);
    assert!(f.message.contains("user.email"), "{}", f.message);
}

#[test]
fn minimise_not_accepted_quiet_when_the_mapping_is_dropped() {
    let mut p = baseline();
    let m = mapping_mut(&mut p, "sgtm-ads", "email");
    m.wire_name = "user.email".into();
    m.transform = Transform::Dropped;
    let r = run(&p);
    quiet(&r, NOT_ACCEPTED);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn minimise_not_accepted_quiet_when_the_parameter_is_event_data() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "order").wire_name = "custom".into();
    quiet(&run(&p), NOT_ACCEPTED);
}

const JUSTIFY: &str = "minimise/no-justification";

#[test]
fn minimise_no_justification_fires() {
    let mut p = baseline();
    mapping_mut(&mut p, "web-cmp", "email").justification = "  ".into();
    let r = run(&p);
    fires(&r, JUSTIFY, "web-cmp/email", "E-mail address", &[]);
}

#[test]
fn minimise_no_justification_quiet_when_the_field_is_not_personal() {
    let mut p = baseline();
    mapping_mut(&mut p, "web-cmp", "order")
        .justification
        .clear();
    quiet(&run(&p), JUSTIFY);
}

#[test]
fn minimise_no_justification_quiet_when_the_field_is_dropped() {
    let mut p = baseline();
    let m = mapping_mut(&mut p, "web-cmp", "email");
    m.justification.clear();
    m.transform = Transform::Dropped;
    quiet(&run(&p), JUSTIFY);
}

const UNUSED: &str = "minimise/collected-unused";

#[test]
fn minimise_collected_unused_fires() {
    let mut p = baseline();
    p.fields.push(field(
        "phone",
        "Phone number",
        "user.contact.phone_number",
        Identifiability::DirectIdentifier,
    ));
    source_mut(&mut p, "web").collects.push("phone".into());
    let r = run(&p);
    let f = fires(&r, UNUSED, "web", "Web shop", &[]);
    assert!(f.message.contains("Phone number"), "{}", f.message);
}

#[test]
fn minimise_collected_unused_fires_when_the_only_flow_drops_the_field() {
    let mut p = baseline();
    mapping_mut(&mut p, "web-cmp", "order").transform = Transform::Dropped;
    let r = run(&p);
    fires(&r, UNUSED, "web", "Order number", &[]);
}

#[test]
fn minimise_collected_unused_quiet_when_a_flow_from_the_source_carries_it() {
    let mut p = baseline();
    p.fields.push(field(
        "phone",
        "Phone number",
        "user.contact.phone_number",
        Identifiability::DirectIdentifier,
    ));
    source_mut(&mut p, "web").collects.push("phone".into());
    flow_mut(&mut p, "web-cmp")
        .fields
        .push(map("phone", "phone", Transform::Raw));
    let r = run(&p);
    quiet(&r, UNUSED);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const REGION: &str = "minimise/not-used-in-region";

#[test]
fn minimise_not_used_in_region_fires_for_an_eea_flow() {
    let mut p = baseline();
    send_ip(&mut p);
    let r = run(&p);
    let f = fires(&r, REGION, "sgtm-ads/ip", "client_ip", &[]);
    assert!(f.message.contains("EEA"), "{}", f.message);
}

#[test]
fn minimise_not_used_in_region_fires_when_the_regions_are_not_recorded() {
    let mut p = baseline();
    send_ip(&mut p);
    set_regions(&mut p, "ads-eea", &[]);
    flow_mut(&mut p, "sgtm-ads")
        .consent_signals
        .push("ldu".into());
    fires(&run(&p), REGION, "sgtm-ads/ip", "client_ip", &[]);
}

#[test]
fn minimise_not_used_in_region_quiet_when_the_flow_carries_only_us_ca_users() {
    let mut p = baseline();
    send_ip(&mut p);
    set_regions(&mut p, "ads-eea", &["US-CA"]);
    flow_mut(&mut p, "sgtm-ads").consent_signals = vec!["ldu".into()];
    let r = run(&p);
    quiet(&r, REGION);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const SPECIAL: &str = "minimise/special-category";
const ART9: &str = "lawful/special-category-without-condition";

#[test]
fn minimise_special_category_fires() {
    let mut p = baseline();
    add_health_field(&mut p);
    flow_mut(&mut p, "web-cmp")
        .fields
        .push(map("health", "health", Transform::Raw));
    flow_mut(&mut p, "cmp-sgtm")
        .fields
        .push(map("health", "health", Transform::Raw));
    flow_mut(&mut p, "sgtm-ads")
        .fields
        .push(map("health", "custom", Transform::Raw));
    let r = run(&p);
    let f = fires(
        &r,
        SPECIAL,
        "sgtm-ads/health",
        "Bought medication",
        &[(ART9, "measure")],
    );
    assert!(f.message.contains("Test Ads API"), "{}", f.message);
}

#[test]
fn minimise_special_category_fires_for_a_flagged_field_even_with_an_art9_condition() {
    // The platforms forbid it whatever the Art. 9(2) condition.
    let mut p = baseline();
    p.fields.push(Field {
        special_category: true,
        ..field(
            "basket",
            "Basket contents",
            "capimap.event_data",
            Identifiability::Indirect,
        )
    });
    flow_mut(&mut p, "sgtm-ads")
        .fields
        .push(map("basket", "custom", Transform::Raw));
    activity_mut(&mut p, "measure").special_category_condition =
        Some(SpecialCategoryCondition::ExplicitConsent);
    fires(&run(&p), SPECIAL, "sgtm-ads/basket", "Basket contents", &[]);
}

#[test]
fn minimise_special_category_quiet_when_it_stays_before_the_ad_platform() {
    let mut p = baseline();
    add_health_field(&mut p);
    flow_mut(&mut p, "web-cmp")
        .fields
        .push(map("health", "health", Transform::Raw));
    let r = run(&p);
    quiet(&r, SPECIAL);
    fires(&r, ART9, "measure", "Conversion measurement", &[]);
}

const CHILD: &str = "minimise/child-directed-source";

#[test]
fn minimise_child_directed_source_fires_even_along_a_flow_without_fields() {
    let mut p = baseline();
    source_mut(&mut p, "web").child_directed = true;
    flow_mut(&mut p, "web-cmp").fields.clear();
    let r = run(&p);
    assert!(
        of(&r, CHILD).iter().any(|f| f.target.id == "ads"),
        "the events themselves are about a child: {}",
        listing(&r)
    );
}

#[test]
fn minimise_child_directed_source_fires() {
    let mut p = baseline();
    source_mut(&mut p, "web").child_directed = true;
    let r = run(&p);
    let f = fires(&r, CHILD, "ads", "Test Ads API", &[]);
    assert_eq!(f.path, ["web", "cmp", "sgtm", "ads"]);
}

#[test]
fn minimise_child_directed_source_quiet_when_it_feeds_only_a_store() {
    let mut p = baseline();
    p.nodes.push(node(
        "kids",
        "Kids club",
        NodeKind::Source(Source {
            collects: vec!["email".into()],
            child_directed: true,
            ..Source::default()
        }),
    ));
    p.nodes
        .push(store("crm", "Customer database", StoreKind::Database));
    p.retention.push(keep(
        "keep-crm",
        "crm",
        RetentionScope::AllPersonalData,
        Period::months(6),
    ));
    p.flows.push(flow(
        "kids-crm",
        "kids",
        "crm",
        vec![map("email", "email", Transform::Raw)],
    ));
    let r = run(&p);
    quiet(&r, CHILD);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const NO_PII: &str = "minimise/personal-data-in-no-pii-field";

#[test]
fn minimise_personal_data_in_no_pii_field_fires() {
    let mut p = baseline();
    flow_mut(&mut p, "sgtm-ads")
        .fields
        .retain(|m| m.field.as_str() != "order");
    mapping_mut(&mut p, "sgtm-ads", "email").wire_name = "order_id".into();
    let r = run(&p);
    let f = fires(&r, NO_PII, "sgtm-ads/email", "E-mail address", &[]);
    assert!(f.message.contains("order_id"), "{}", f.message);
}

#[test]
fn minimise_personal_data_in_no_pii_field_quiet_when_the_order_id_carries_the_order_number() {
    // The baseline: the order number, recorded as not personal, goes as order_id.
    let p = baseline();
    let m = &p.flow("sgtm-ads").unwrap().fields[1];
    assert_eq!(
        (m.field.as_str(), m.wire_name.as_str()),
        ("order", "order_id")
    );
    quiet(&run(&p), NO_PII);
}

#[test]
fn minimise_personal_data_in_no_pii_field_quiet_when_the_email_is_dropped() {
    let mut p = baseline();
    let m = mapping_mut(&mut p, "sgtm-ads", "email");
    m.wire_name = "order_id".into();
    m.transform = Transform::Dropped;
    quiet(&run(&p), NO_PII);
}

// ---------------------------------------------------------------------------------------------
// Hashing

const MUST_HASH: &str = "hashing/must-hash-sent-raw";

#[test]
fn hashing_must_hash_sent_raw_fires() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Raw;
    let r = run(&p);
    let f = fires(&r, MUST_HASH, "sgtm-ads/email", "user.em", &[]);
    assert!(f.fix.contains("Sha256(Email)"), "{}", f.fix);
}

#[test]
fn hashing_must_hash_sent_raw_fires_for_a_truncated_value() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Truncated("domain only".into());
    fires(&run(&p), MUST_HASH, "sgtm-ads/email", "truncated", &[]);
}

#[test]
fn hashing_must_hash_sent_raw_quiet_when_hashed_without_declared_normalisation() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Sha256(None);
    let r = run(&p);
    quiet(&r, MUST_HASH);
    fires(&r, NORM_MISSING, "sgtm-ads/email", "user.em", &[]);
}

#[test]
fn hashing_must_hash_sent_raw_quiet_when_the_raw_value_goes_to_a_relay() {
    // web-cmp and cmp-sgtm carry the e-mail raw in the baseline: only what reaches the
    // platform is held to its hashing rules.
    let r = run(&baseline());
    quiet(&r, MUST_HASH);
}

const MUST_NOT_HASH: &str = "hashing/must-not-hash-hashed";

#[test]
fn hashing_must_not_hash_hashed_fires() {
    let mut p = baseline();
    send_click_id(&mut p, Transform::Sha256(None));
    let r = run(&p);
    let f = fires(&r, MUST_NOT_HASH, "sgtm-ads/gclid", "click_id", &[]);
    assert!(f.fix.contains("Raw"), "{}", f.fix);
}

#[test]
fn hashing_must_not_hash_hashed_quiet_when_sent_raw() {
    let mut p = baseline();
    send_click_id(&mut p, Transform::Raw);
    let r = run(&p);
    quiet(&r, MUST_NOT_HASH);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const NORM_MISSING: &str = "hashing/normalisation-missing";

#[test]
fn hashing_normalisation_missing_fires() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Sha256(None);
    let r = run(&p);
    let f = fires(&r, NORM_MISSING, "sgtm-ads/email", "user.em", &[]);
    assert!(f.fix.contains("Sha256(Email)"), "{}", f.fix);
}

#[test]
fn hashing_normalisation_missing_quiet_when_declared() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform =
        Transform::Sha256(Some(Normalisation::Email));
    let r = run(&p);
    quiet(&r, NORM_MISSING);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn hashing_normalisation_missing_quiet_when_the_value_must_not_be_hashed_at_all() {
    // Hashing a click id is reported once, as must-not-hash, not also for its normalisation.
    let mut p = baseline();
    send_click_id(&mut p, Transform::Sha256(None));
    let r = run(&p);
    quiet(&r, NORM_MISSING);
    fires(&r, MUST_NOT_HASH, "sgtm-ads/gclid", "click_id", &[]);
}

const NORM_DIFFERS: &str = "hashing/normalisation-differs";

#[test]
fn hashing_normalisation_differs_fires() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform =
        Transform::Sha256(Some(Normalisation::EmailGmail));
    let r = run(&p);
    let f = fires(&r, NORM_DIFFERS, "sgtm-ads/email", "user.em", &[]);
    assert!(f.fix.contains("Sha256(Email)"), "{}", f.fix);
}

#[test]
fn hashing_normalisation_differs_quiet_when_the_platform_names_none() {
    // The same hash in `custom`, which names no normalisation: any declared one is fine.
    let mut p = baseline();
    let m = mapping_mut(&mut p, "sgtm-ads", "email");
    m.wire_name = "custom".into();
    m.transform = Transform::Sha256(Some(Normalisation::EmailGmail));
    let r = run(&p);
    quiet(&r, NORM_DIFFERS);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const HASHED_NOT_PERSONAL: &str = "hashing/hashed-recorded-not-personal";

#[test]
fn hashing_hashed_recorded_not_personal_fires() {
    let mut p = baseline();
    field_mut(&mut p, "email").identifiability = Identifiability::NotPersonal;
    let r = run(&p);
    let f = fires(&r, HASHED_NOT_PERSONAL, "email", "E-mail address", &[]);
    assert_eq!(f.target.kind, "field");
}

#[test]
fn hashing_hashed_recorded_not_personal_quiet_when_recorded_as_pseudonymous() {
    let mut p = baseline();
    field_mut(&mut p, "email").identifiability = Identifiability::PseudonymousId;
    let r = run(&p);
    quiet(&r, HASHED_NOT_PERSONAL);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn hashing_hashed_recorded_not_personal_quiet_when_the_non_personal_field_is_sent_raw() {
    // The order number is not personal and goes raw in the baseline.
    quiet(&run(&baseline()), HASHED_NOT_PERSONAL);
}

// ---------------------------------------------------------------------------------------------
// Lawful basis

const NO_BASIS: &str = "lawful/no-basis";

#[test]
fn lawful_no_basis_fires() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").lawful_basis = None;
    let r = run(&p);
    fires(&r, NO_BASIS, "measure", "Conversion measurement", &[]);
}

#[test]
fn lawful_no_basis_quiet_when_the_basis_is_contract() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").lawful_basis = Some(LawfulBasis::Contract);
    let r = run(&p);
    quiet(&r, NO_BASIS);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const NO_LIA: &str = "lawful/legitimate-interests-without-assessment";

#[test]
fn lawful_legitimate_interests_without_assessment_fires() {
    let mut p = baseline();
    let a = activity_mut(&mut p, "measure");
    a.lawful_basis = Some(LawfulBasis::LegitimateInterests);
    a.legitimate_interests_assessment = Some(" ".into());
    let r = run(&p);
    fires(&r, NO_LIA, "measure", "Conversion measurement", &[]);
}

#[test]
fn lawful_legitimate_interests_without_assessment_quiet_when_referenced() {
    let mut p = baseline();
    let a = activity_mut(&mut p, "measure");
    a.lawful_basis = Some(LawfulBasis::LegitimateInterests);
    a.legitimate_interests_assessment = Some("LIA-2026-01".into());
    let r = run(&p);
    quiet(&r, NO_LIA);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const NO_PURPOSE: &str = "lawful/consent-without-purpose";

#[test]
fn lawful_consent_without_purpose_fires() {
    // Without a purpose the flow's regions are unknown, so the US flag is expected too.
    let mut p = baseline();
    activity_mut(&mut p, "measure").consent_purpose = None;
    let r = run(&p);
    fires(
        &r,
        NO_PURPOSE,
        "measure",
        "Conversion measurement",
        &[(LDU, "sgtm-ads")],
    );
}

#[test]
fn lawful_consent_without_purpose_quiet_when_the_basis_is_contract() {
    let mut p = baseline();
    let a = activity_mut(&mut p, "measure");
    a.lawful_basis = Some(LawfulBasis::Contract);
    a.consent_purpose = None;
    quiet(&run(&p), NO_PURPOSE);
}

#[test]
fn lawful_special_category_without_condition_fires() {
    let mut p = baseline();
    add_health_field(&mut p);
    flow_mut(&mut p, "web-cmp")
        .fields
        .push(map("health", "health", Transform::Raw));
    let r = run(&p);
    fires(&r, ART9, "measure", "Conversion measurement", &[]);
}

#[test]
fn lawful_special_category_without_condition_quiet_when_explicit_consent_is_recorded() {
    let mut p = baseline();
    add_health_field(&mut p);
    flow_mut(&mut p, "web-cmp")
        .fields
        .push(map("health", "health", Transform::Raw));
    activity_mut(&mut p, "measure").special_category_condition =
        Some(SpecialCategoryCondition::ExplicitConsent);
    let r = run(&p);
    quiet(&r, ART9);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

// ---------------------------------------------------------------------------------------------
// Contracts and transfers

const TERMS_RULE: &str = "contracts/terms-not-accepted";

#[test]
fn contracts_terms_not_accepted_fires_when_recorded_as_not_accepted() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").terms[0].accepted = false;
    let r = run(&p);
    let f = fires(&r, TERMS_RULE, "ads", "Test Ads API", &[]);
    assert!(f.message.contains(TERMS), "{}", f.message);
}

#[test]
fn contracts_terms_not_accepted_fires_when_the_required_terms_are_not_recorded() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").terms.clear();
    let r = run(&p);
    let f = fires(&r, TERMS_RULE, "ads", "Test Ads API", &[]);
    assert!(f.message.contains(TERMS), "{}", f.message);
}

#[test]
fn contracts_terms_not_accepted_quiet_when_recorded_in_other_case_and_spacing() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").terms[0].name = format!("  {}  ", TERMS.to_lowercase());
    quiet(&run(&p), TERMS_RULE);
}

const NO_ROLE: &str = "contracts/no-role";

#[test]
fn contracts_no_role_fires() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").role = None;
    fires(&run(&p), NO_ROLE, "ads", "Test Ads API", &[]);
}

#[test]
fn contracts_no_role_quiet_when_joint_controller() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").role = Some(RecipientRole::JointController);
    quiet(&run(&p), NO_ROLE);
}

const NO_MECHANISM: &str = "transfers/no-mechanism";

#[test]
fn transfers_no_mechanism_fires() {
    let mut p = baseline();
    node_mut(&mut p, "ads").country = "US".into();
    let r = run(&p);
    let f = fires(&r, NO_MECHANISM, "ads", "Test Ads API", &[]);
    assert!(f.message.contains("US"), "{}", f.message);
}

#[test]
fn transfers_no_mechanism_quiet_when_an_adequacy_decision_is_recorded() {
    let mut p = baseline();
    let n = node_mut(&mut p, "ads");
    n.country = "US".into();
    n.transfer = Some(Transfer {
        mechanism: TransferMechanism::AdequacyDecision,
        reference: "EU–US Data Privacy Framework".into(),
    });
    let r = run(&p);
    quiet(&r, NO_MECHANISM);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn transfers_no_mechanism_quiet_when_only_the_source_is_abroad() {
    let mut p = baseline();
    node_mut(&mut p, "web").country = "US".into();
    quiet(&run(&p), NO_MECHANISM);
}

const COUNTRY: &str = "transfers/country-unknown";

#[test]
fn transfers_country_unknown_fires() {
    let mut p = baseline();
    node_mut(&mut p, "sgtm").country = " ".into();
    fires(&run(&p), COUNTRY, "sgtm", "Tag server", &[]);
}

#[test]
fn transfers_country_unknown_quiet_when_the_node_receives_no_personal_data() {
    let mut p = baseline();
    node_mut(&mut p, "sgtm").country = String::new();
    mapping_mut(&mut p, "cmp-sgtm", "email").transform = Transform::Dropped;
    let r = run(&p);
    quiet(&r, COUNTRY);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

// ---------------------------------------------------------------------------------------------
// Retention

const RET_MISSING: &str = "retention/missing";

#[test]
fn retention_missing_fires() {
    let mut p = baseline();
    remove_retention(&mut p, "keep-sgtm");
    let r = run(&p);
    let f = fires(&r, RET_MISSING, "sgtm", "Tag server", &[]);
    assert!(f.message.contains("e-mail address"), "{}", f.message);
}

#[test]
fn retention_missing_quiet_when_the_personal_data_is_dropped_before_the_node() {
    let mut p = baseline();
    remove_retention(&mut p, "keep-sgtm");
    mapping_mut(&mut p, "cmp-sgtm", "email").transform = Transform::Dropped;
    let r = run(&p);
    quiet(&r, RET_MISSING);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const UNCOVERED: &str = "retention/field-uncovered";

#[test]
fn retention_field_uncovered_fires() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-sgtm").applies_to = RetentionScope::Category("user.device".into());
    let r = run(&p);
    fires(&r, UNCOVERED, "sgtm", "e-mail address", &[]);
}

#[test]
fn retention_field_uncovered_quiet_when_a_parent_category_covers_the_field() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-sgtm").applies_to = RetentionScope::Category("user.contact".into());
    let r = run(&p);
    quiet(&r, UNCOVERED);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const EXCEEDS: &str = "retention/exceeds-activity";

#[test]
fn retention_exceeds_activity_fires() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-sgtm").limit = RetentionLimit::Period(Period::months(14));
    let r = run(&p);
    let f = fires(&r, EXCEEDS, "sgtm", "Tag server", &[]);
    assert!(
        f.message.contains("Conversion measurement"),
        "{}",
        f.message
    );
}

#[test]
fn retention_exceeds_activity_quiet_when_equal_to_the_activity_maximum() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-sgtm").limit = RetentionLimit::Period(Period::months(13));
    quiet(&run(&p), EXCEEDS);
}

#[test]
fn retention_exceeds_activity_quiet_when_the_same_period_is_written_in_other_units() {
    let mut p = baseline();
    let one_year = RetentionLimit::Period(Period::new(1, PeriodUnit::Years));
    activity_mut(&mut p, "measure").max_retention = Some(Period::months(12));
    retention_mut(&mut p, "keep-sgtm").limit = one_year.clone();
    retention_mut(&mut p, "keep-ads").limit = one_year;
    let r = run(&p);
    quiet(&r, EXCEEDS);
}

const PLATFORM_LONGER: &str = "retention/platform-keeps-longer";

#[test]
fn retention_platform_keeps_longer_fires() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-ads").limit = RetentionLimit::Period(Period::months(6));
    let r = run(&p);
    let f = fires(&r, PLATFORM_LONGER, "ads", "Test Ads API", &[]);
    assert!(f.message.contains("13 months"), "{}", f.message);
}

#[test]
fn retention_platform_keeps_longer_quiet_when_the_limit_follows_an_event() {
    let mut p = baseline();
    retention_mut(&mut p, "keep-ads").limit = RetentionLimit::AfterEvent {
        event: "campaign ends".into(),
        plus: Period::months(6),
    };
    let r = run(&p);
    quiet(&r, PLATFORM_LONGER);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn retention_platform_keeps_longer_quiet_when_the_same_period_is_written_in_other_units() {
    let mut catalog = catalog();
    let mut platform = test_platform();
    platform.retention = Fact::Known {
        value: Period::new(1, PeriodUnit::Years),
        text: String::new(),
        source: doc(),
    };
    catalog.insert(platform);
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = Some(Period::months(12));
    retention_mut(&mut p, "keep-ads").limit = RetentionLimit::Period(Period::months(12));
    let r = check::check(&p, &catalog);
    quiet(&r, PLATFORM_LONGER);
}

// ---------------------------------------------------------------------------------------------
// The record of processing

const CONTACT: &str = "record/controller-contact";

#[test]
fn record_controller_contact_fires() {
    let mut p = baseline();
    p.organisation.controller.address.clear();
    let r = run(&p);
    let f = fires(&r, CONTACT, "organisation", "postal address", &[]);
    assert_eq!(f.target.name, "Example Shop GmbH");
}

#[test]
fn record_controller_contact_quiet_when_a_phone_replaces_the_email() {
    let mut p = baseline();
    p.organisation.controller.email.clear();
    p.organisation.controller.phone = "+49 40 555 0100".into();
    quiet(&run(&p), CONTACT);
}

const DPO: &str = "record/dpo-missing";

#[test]
fn record_dpo_missing_fires() {
    let mut p = baseline();
    p.organisation.dpo = None;
    fires(
        &run(&p),
        DPO,
        "organisation",
        "data protection officer",
        &[],
    );
}

#[test]
fn record_dpo_missing_quiet_when_a_dpo_is_named_without_contact_details() {
    let mut p = baseline();
    p.organisation.dpo = Some(Party {
        name: "External DPO service".into(),
        ..Party::default()
    });
    quiet(&run(&p), DPO);
}

const UNDESCRIBED: &str = "record/purpose-undescribed";

#[test]
fn record_purpose_undescribed_fires() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").description = " \n".into();
    fires(
        &run(&p),
        UNDESCRIBED,
        "measure",
        "Conversion measurement",
        &[],
    );
}

#[test]
fn record_purpose_undescribed_quiet_when_described() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").description = "Count purchases per campaign.".into();
    quiet(&run(&p), UNDESCRIBED);
}

const SUBJECTS: &str = "record/data-subjects-missing";

#[test]
fn record_data_subjects_missing_fires() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").data_subjects.clear();
    fires(&run(&p), SUBJECTS, "measure", "Conversion measurement", &[]);
}

#[test]
fn record_data_subjects_missing_quiet_when_one_category_is_named() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").data_subjects = vec!["anonymous_user".into()];
    quiet(&run(&p), SUBJECTS);
}

const NO_FLOWS: &str = "record/activity-without-flows";

/// A second, complete activity on contract.
fn add_orders_activity(p: &mut Project) {
    p.activities.push(ProcessingActivity {
        lawful_basis: Some(LawfulBasis::Contract),
        consent_purpose: None,
        ..activity("orders", "Order confirmation", "none")
    });
}

#[test]
fn record_activity_without_flows_fires() {
    let mut p = baseline();
    add_orders_activity(&mut p);
    fires(&run(&p), NO_FLOWS, "orders", "Order confirmation", &[]);
}

#[test]
fn record_activity_without_flows_quiet_when_a_flow_serves_it() {
    let mut p = baseline();
    add_orders_activity(&mut p);
    flow_mut(&mut p, "web-cmp").activities.push("orders".into());
    let r = run(&p);
    quiet(&r, NO_FLOWS);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const NO_ACTIVITY: &str = "record/flow-without-activity";

#[test]
fn record_flow_without_activity_fires() {
    let mut p = baseline();
    flow_mut(&mut p, "cmp-sgtm").activities.clear();
    fires(
        &run(&p),
        NO_ACTIVITY,
        "cmp-sgtm",
        "Consent manager → Tag server",
        &[],
    );
}

#[test]
fn record_flow_without_activity_quiet_when_the_flow_carries_no_personal_data() {
    let mut p = baseline();
    let f = flow_mut(&mut p, "cmp-sgtm");
    f.activities.clear();
    f.fields.retain(|m| m.field.as_str() == "order");
    let r = run(&p);
    quiet(&r, NO_ACTIVITY);
}

const ERASURE: &str = "record/erasure-limit-missing";

#[test]
fn record_erasure_limit_missing_fires() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = None;
    fires(&run(&p), ERASURE, "measure", "Conversion measurement", &[]);
}

#[test]
fn record_erasure_limit_missing_quiet_when_a_maximum_is_set() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = Some(Period::new(2, PeriodUnit::Years));
    quiet(&run(&p), ERASURE);
}

const SECURITY: &str = "record/security-measures-missing";

#[test]
fn record_security_measures_missing_fires() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").security_measures.clear();
    fires(&run(&p), SECURITY, "measure", "Conversion measurement", &[]);
}

#[test]
fn record_security_measures_missing_quiet_when_one_measure_is_listed() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").security_measures = vec!["SHA-256 of contact data".into()];
    quiet(&run(&p), SECURITY);
}

const RECIPIENT: &str = "record/recipient-unnamed";

#[test]
fn record_recipient_unnamed_fires() {
    let mut p = baseline();
    node_mut(&mut p, "ads").operator = "  ".into();
    fires(&run(&p), RECIPIENT, "ads", "Test Ads API", &[]);
}

#[test]
fn record_recipient_unnamed_quiet_when_only_a_relay_has_no_operator() {
    let mut p = baseline();
    node_mut(&mut p, "sgtm").operator.clear();
    let r = run(&p);
    quiet(&r, RECIPIENT);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

const STALE: &str = "record/stale-accepted-risk";

#[test]
fn record_stale_accepted_risk_fires_when_the_problem_was_fixed() {
    let mut p = baseline();
    p.accepted_risks
        .push(risk("risk-dpo", "record/dpo-missing", "organisation"));
    let r = run(&p);
    let f = fires(&r, STALE, "risk-dpo", "organisation", &[]);
    assert_eq!(f.target.kind, "accepted risk");
    assert_eq!(r.open_at_least(Severity::Warning), 0, "info does not fail");
}

#[test]
fn record_stale_accepted_risk_fires_for_an_unknown_rule_id() {
    let mut p = baseline();
    p.organisation.dpo = None;
    p.accepted_risks
        .push(risk("risk-dpo", "record/no-dpo", "organisation"));
    let r = run(&p);
    let f = fires(
        &r,
        STALE,
        "risk-dpo",
        "record/no-dpo",
        &[(DPO, "organisation")],
    );
    assert!(f.message.contains("not a rule"), "{}", f.message);
    assert!(
        of(&r, DPO)[0].is_open(),
        "the mistyped risk accepts nothing"
    );
}

#[test]
fn record_stale_accepted_risk_quiet_when_the_risk_matches() {
    let mut p = baseline();
    p.organisation.dpo = None;
    p.accepted_risks
        .push(risk("risk-dpo", "record/dpo-missing", "organisation"));
    quiet(&run(&p), STALE);
}

// ---------------------------------------------------------------------------------------------
// The catalogue

const UNKNOWN_PLATFORM: &str = "catalog/unknown-platform";

#[test]
fn catalog_unknown_platform_fires() {
    let mut p = baseline();
    dest_mut(&mut p, "ads").platform = "otherads".into();
    let r = run(&p);
    let f = fires(&r, UNKNOWN_PLATFORM, "ads", "Test Ads API", &[]);
    assert!(f.message.contains("otherads"), "{}", f.message);
}

#[test]
fn catalog_unknown_platform_quiet_when_the_catalogue_knows_it() {
    let mut p = baseline();
    let mut catalog = catalog();
    catalog.insert(Platform {
        id: "otherads".into(),
        name: "Other Ads".into(),
        ..test_platform()
    });
    dest_mut(&mut p, "ads").platform = "otherads".into();
    let r = check::check(&p, &catalog);
    quiet(&r, UNKNOWN_PLATFORM);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

// ---------------------------------------------------------------------------------------------
// Accepted risks

#[test]
fn an_accepted_risk_marks_its_finding_accepted() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = None;
    let open = run(&p);
    assert_eq!(open.open_at_least(Severity::Error), 1, "{}", listing(&open));

    p.accepted_risks
        .push(risk("risk-erasure", ERASURE, "measure"));
    let r = run(&p);
    let f = fires_accepted(&r, ERASURE, "measure");
    let a = f.accepted.as_ref().unwrap();
    assert_eq!(a.risk, "risk-erasure");
    assert_eq!(a.accepted_by, "Dr. Test (DPO)");
    assert_eq!(a.date, date());
    assert_eq!(r.open_at_least(Severity::Error), 0);
    assert_eq!(r.open_at_least(Severity::Info), 0);
    assert_eq!(r.count(Severity::Error), 0);
    assert_eq!(r.accepted(), 1);
    quiet(&r, STALE);
}

#[test]
fn an_accepted_risk_on_a_mapping_names_it_flow_slash_field() {
    let mut p = baseline();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Raw;
    p.accepted_risks
        .push(risk("risk-raw", MUST_HASH, "sgtm-ads/email"));
    let r = run(&p);
    fires_accepted(&r, MUST_HASH, "sgtm-ads/email");
    assert_eq!(r.open_at_least(Severity::Info), 0, "{}", listing(&r));
}

#[test]
fn an_accepted_risk_on_another_target_accepts_nothing_and_is_stale() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = None;
    p.accepted_risks
        .push(risk("risk-erasure", ERASURE, "retarget"));
    let r = run(&p);
    let stale = fires(
        &r,
        STALE,
        "risk-erasure",
        "retarget",
        &[(ERASURE, "measure")],
    );
    assert!(stale.message.contains(ERASURE), "{}", stale.message);
    assert!(of(&r, ERASURE)[0].is_open());
    assert_eq!(r.open_at_least(Severity::Error), 1);
    assert_eq!(r.accepted(), 0);
}

#[test]
fn an_accepted_risk_is_listed_in_the_json() {
    let mut p = baseline();
    activity_mut(&mut p, "measure").max_retention = None;
    p.accepted_risks
        .push(risk("risk-erasure", ERASURE, "measure"));
    let json = output::json(&run(&p), "test", None);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["accepted"], 1);
    assert_eq!(v["findings"][0]["rule"], ERASURE);
    assert_eq!(v["findings"][0]["accepted"]["risk"], "risk-erasure");
}

/// The one finding of `rule` on `target`, accepted.
#[track_caller]
fn fires_accepted<'r>(r: &'r Report, rule: &str, target: &str) -> &'r Finding {
    let found = of(r, rule);
    assert_eq!(found.len(), 1, "{}", listing(r));
    let f = found[0];
    assert_eq!(f.target.id, target);
    assert!(!f.is_open(), "not accepted: {}", listing(r));
    f
}

// ---------------------------------------------------------------------------------------------
// Determinism

/// A project with many findings: most rules fire, several on more than one element.
fn messy() -> Project {
    let mut p = baseline();
    p.organisation.dpo = None;
    p.organisation.controller.address.clear();
    set_regions(&mut p, "ads-eea", &[]);
    send_ip(&mut p);
    send_click_id(&mut p, Transform::Sha256(None));
    send_cookie_id(&mut p, false);
    add_orders_activity(&mut p);
    add_health_field(&mut p);
    flow_mut(&mut p, "sgtm-ads")
        .fields
        .push(map("health", "health", Transform::Raw));
    gate_mut(&mut p, "cmp").enforces = vec!["analytics".into()];
    gate_mut(&mut p, "cmp").records_to = None;
    let f = flow_mut(&mut p, "sgtm-ads");
    f.delivery = Delivery::Batch(Period::days(1));
    f.consent_signals.clear();
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Raw;
    mapping_mut(&mut p, "web-cmp", "email")
        .justification
        .clear();
    node_mut(&mut p, "ads").country = "US".into();
    node_mut(&mut p, "sgtm").country.clear();
    dest_mut(&mut p, "ads").terms.clear();
    dest_mut(&mut p, "ads").role = None;
    retention_mut(&mut p, "keep-sgtm").limit = RetentionLimit::Period(Period::months(20));
    retention_mut(&mut p, "keep-ads").limit = RetentionLimit::Period(Period::months(2));
    source_mut(&mut p, "web").child_directed = true;
    p.accepted_risks.push(risk("risk-role", NO_ROLE, "ads"));
    p.accepted_risks.push(risk("risk-old", DPO, "someone"));
    p
}

#[test]
fn check_is_deterministic() {
    let p = messy();
    let first = run(&p);
    assert!(first.findings.len() > 20, "{}", listing(&first));
    let json = output::json(&first, "messy", None);
    for _ in 0..5 {
        let again = output::json(&run(&p.clone()), "messy", None);
        assert_eq!(json, again);
    }
}

#[test]
fn check_is_deterministic_on_the_example_with_the_builtin_catalogue() {
    let loaded = capimap::store::parse(capimap::examples::SHOP, "shop").unwrap();
    let catalog = Catalog::builtin().unwrap();
    let json = output::json(&check::check(&loaded.project, &catalog), "shop", None);
    for _ in 0..5 {
        let again = output::json(&check::check(&loaded.project, &catalog), "shop", None);
        assert_eq!(json, again);
    }
}

#[test]
fn findings_come_by_severity_then_family() {
    let r = run(&messy());
    let keys: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.severity, f.rule.family))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "{}", listing(&r));
}
