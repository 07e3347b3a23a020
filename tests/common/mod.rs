//! Builders shared by the check tests: the test catalogue (one platform, "testads"), a clean
//! baseline project and ways to change it, and assertions on reports.

#![allow(dead_code)]

pub mod cli;
pub mod gtm;
pub mod long;
pub mod pdf;
pub mod python;
pub mod random;
pub mod record;
pub mod tools;
#[cfg(feature = "gui")]
pub mod ui;

pub use capimap::catalog::{
    self as cat, Catalog, ConsentParameter, Fact, Hashing, Parameter, Platform, Provenance,
    RequestType, Terms,
};
pub use capimap::check::{self, Finding, Report};
use capimap::model::*;

// ---------------------------------------------------------------------------------------------
// The test catalogue: one platform, "testads".

pub fn doc() -> cat::Source {
    cat::Source {
        url: "https://ads.example.test/docs".to_owned(),
        provenance: Provenance::Primary,
    }
}

pub fn param(wire_name: &str, category: &str, hashing: Hashing) -> Parameter {
    Parameter {
        wire_name: wire_name.to_owned(),
        label: wire_name.to_owned(),
        category: category.to_owned(),
        hashing,
        normalisation: None,
        no_personal_data: false,
        unused_in: vec![],
        request_types: vec![],
        note: String::new(),
        source: doc(),
    }
}

pub fn consent_param(wire_name: &str, region: &str, required: bool) -> ConsentParameter {
    ConsentParameter {
        wire_name: wire_name.to_owned(),
        meaning: format!("The person's choice, for users in {region}."),
        regions: vec![region.to_owned()],
        required,
        request_types: vec![],
        source: doc(),
        states: None,
    }
}

pub const TERMS: &str = "Test Ads Business Terms";

pub fn test_platform() -> Platform {
    Platform {
        id: "testads".to_owned(),
        name: "Test Ads".to_owned(),
        endpoint: "POST /v1/events".to_owned(),
        api_version: "v1".to_owned(),
        checked: None,
        api: cat::Api {
            hosts: vec!["ads.example.test".to_owned()],
            events_at: vec!["data".to_owned()],
            camel_case: false,
        },
        // Events carry the EEA consent signal; adjustments of sent events carry none, and
        // `adjust.reason` only on them (like Google Ads' click conversions and adjustments).
        request_types: vec![
            RequestType {
                id: "event".to_owned(),
                name: "event upload".to_owned(),
                endpoint: "POST /v1/events".to_owned(),
                note: String::new(),
                event_window: None,
                source: doc(),
            },
            RequestType {
                id: "adjustment".to_owned(),
                name: "event adjustment".to_owned(),
                endpoint: "POST /v1/adjustments".to_owned(),
                note: String::new(),
                event_window: None,
                source: doc(),
            },
        ],
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
            Parameter {
                request_types: vec!["adjustment".to_owned()],
                ..param("adjust.reason", "capimap.event_data", Hashing::Optional)
            },
        ],
        other_fields: vec![],
        dedup_key: Fact::default(),
        consent_parameters: vec![
            ConsentParameter {
                request_types: vec!["event".to_owned()],
                ..consent_param("consent.eea", "EEA", true)
            },
            consent_param("ldu", "US-states", false),
        ],
        eu_consent_field: Fact::default(),
        terms: vec![Terms {
            name: TERMS.to_owned(),
            url: "https://ads.example.test/terms".to_owned(),
            note: String::new(),
            required: true,
            aliases: vec![],
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

pub fn catalog() -> Catalog {
    let mut c = Catalog::default();
    c.insert(test_platform());
    c
}

// ---------------------------------------------------------------------------------------------
// Builders.

pub fn date() -> Date {
    Date::new(2026, 3, 1).unwrap()
}

pub fn party(name: &str) -> Party {
    Party {
        name: name.to_owned(),
        address: "Hafenstraße 1, 20457 Hamburg".to_owned(),
        email: "privacy@example.test".to_owned(),
        phone: String::new(),
    }
}

pub fn purpose(id: &str, name: &str, regions: &[&str]) -> ConsentPurpose {
    ConsentPurpose {
        id: id.into(),
        name: name.to_owned(),
        regions: regions.iter().map(|r| (*r).to_owned()).collect(),
        ..ConsentPurpose::default()
    }
}

/// A complete activity on consent with the given purpose.
pub fn activity(id: &str, name: &str, purpose: &str) -> ProcessingActivity {
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

pub fn field(id: &str, label: &str, category: &str, identifiability: Identifiability) -> Field {
    Field {
        id: id.into(),
        label: label.to_owned(),
        category: category.to_owned(),
        identifiability,
        ..Field::default()
    }
}

pub fn node(id: &str, name: &str, kind: NodeKind) -> Node {
    Node {
        id: id.into(),
        name: name.to_owned(),
        operator: "Example Shop GmbH".to_owned(),
        country: "DE".to_owned(),
        description: String::new(),
        transfer: None,
        role: None,
        contract: String::new(),
        disabled: false,
        origins: Vec::new(),
        kind,
    }
}

pub fn source(id: &str, name: &str, collects: &[&str]) -> Node {
    node(
        id,
        name,
        NodeKind::Source(Source {
            collects: collects.iter().map(|f| (*f).into()).collect(),
            ..Source::default()
        }),
    )
}

pub fn relay(id: &str, name: &str) -> Node {
    node(id, name, NodeKind::Relay(Relay::default()))
}

pub fn store(id: &str, name: &str, kind: StoreKind) -> Node {
    node(
        id,
        name,
        NodeKind::Store(Store {
            store: kind,
            on_withdrawal: None,
        }),
    )
}

/// A sent field mapping, justified.
pub fn map(field: &str, wire_name: &str, transform: Transform) -> FieldMapping {
    FieldMapping {
        justification: format!("{field} is needed to match the conversion."),
        ..FieldMapping::new(field.into(), wire_name, transform)
    }
}

pub fn flow(id: &str, from: &str, to: &str, fields: Vec<FieldMapping>) -> Flow {
    Flow {
        request_type: None,
        origin: None,
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

pub fn keep(id: &str, node: &str, scope: RetentionScope, period: Period) -> RetentionRule {
    RetentionRule {
        id: id.into(),
        node: node.into(),
        applies_to: scope,
        limit: RetentionLimit::Period(period),
        justification: "As short as the purpose allows.".to_owned(),
    }
}

pub fn risk(id: &str, rule: &str, target: &str) -> AcceptedRisk {
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
pub fn baseline() -> Project {
    let mut p = Project::empty("Check test shop");
    p.organisation = Organisation {
        controller: party("Example Shop GmbH"),
        establishment: "DE".to_owned(),
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
                    api_version: String::new(),
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

pub fn node_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Node {
    p.nodes
        .iter_mut()
        .find(|n| n.id.as_str() == id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

pub fn gate_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut ConsentGate {
    match &mut node_mut(p, id).kind {
        NodeKind::ConsentGate(g) => g,
        _ => panic!("{id} is not a gate"),
    }
}

pub fn source_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Source {
    match &mut node_mut(p, id).kind {
        NodeKind::Source(s) => s,
        _ => panic!("{id} is not a source"),
    }
}

pub fn dest_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Destination {
    match &mut node_mut(p, id).kind {
        NodeKind::Destination(d) => d,
        _ => panic!("{id} is not a destination"),
    }
}

pub fn flow_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Flow {
    p.flows
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no flow {id}"))
}

pub fn mapping_mut<'a>(p: &'a mut Project, flow: &str, field: &str) -> &'a mut FieldMapping {
    flow_mut(p, flow)
        .fields
        .iter_mut()
        .find(|m| m.field.as_str() == field)
        .unwrap_or_else(|| panic!("flow {flow} does not map {field}"))
}

pub fn activity_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut ProcessingActivity {
    p.activities
        .iter_mut()
        .find(|a| a.id.as_str() == id)
        .unwrap_or_else(|| panic!("no activity {id}"))
}

pub fn field_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut Field {
    p.fields
        .iter_mut()
        .find(|f| f.id.as_str() == id)
        .unwrap_or_else(|| panic!("no field {id}"))
}

pub fn retention_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut RetentionRule {
    p.retention
        .iter_mut()
        .find(|r| r.id.as_str() == id)
        .unwrap_or_else(|| panic!("no retention rule {id}"))
}

pub fn remove_retention(p: &mut Project, id: &str) {
    let before = p.retention.len();
    p.retention.retain(|r| r.id.as_str() != id);
    assert_eq!(p.retention.len(), before - 1, "no retention rule {id}");
}

/// Where a source's users are.
pub fn set_users(p: &mut Project, source: &str, regions: &[&str]) {
    source_mut(p, source).regions = regions.iter().map(|r| (*r).to_owned()).collect();
}

pub fn set_regions(p: &mut Project, purpose: &str, regions: &[&str]) {
    let c = p
        .consent_purposes
        .iter_mut()
        .find(|c| c.id.as_str() == purpose)
        .unwrap_or_else(|| panic!("no consent purpose {purpose}"));
    c.regions = regions.iter().map(|r| (*r).to_owned()).collect();
}

/// Adds an IP-address field and sends it raw along the whole chain to Test Ads as `client_ip`.
pub fn send_ip(p: &mut Project) {
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
pub fn send_click_id(p: &mut Project, transform: Transform) {
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
pub fn add_health_field(p: &mut Project) {
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

pub fn run(p: &Project) -> Report {
    check::check(p, &catalog())
}

/// The findings, one per line, for failure messages.
pub fn listing(r: &Report) -> String {
    if r.findings.is_empty() {
        return "  (no findings)".to_owned();
    }
    r.findings
        .iter()
        .map(|f| {
            format!(
                "  {} {} [{}]{}: {}",
                f.rule.id,
                f.target.id(),
                f.severity,
                if f.is_open() { "" } else { " (accepted)" },
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn of<'r>(r: &'r Report, rule: &str) -> Vec<&'r Finding> {
    r.findings.iter().filter(|f| f.rule.id == rule).collect()
}

/// Asserts that the report holds exactly one finding of `rule`, on `target`, and besides it
/// exactly the findings `also` (rule id, target id) that the change is bound to cause too;
/// that the finding is open, has the rule's severity, a fix and a message that names
/// `mentions` (the element's name, or the label or wire name of a field mapping).
#[track_caller]
pub fn fires<'r>(
    r: &'r Report,
    rule: &str,
    target: &str,
    mentions: &str,
    also: &[(&str, &str)],
) -> &'r Finding {
    let mut want: Vec<(&str, &str)> = also.to_vec();
    want.push((rule, target));
    want.sort_unstable();
    let ids: Vec<(&str, String)> = r
        .findings
        .iter()
        .map(|f| (f.rule.id, f.target.id().into_owned()))
        .collect();
    let mut got: Vec<(&str, &str)> = ids.iter().map(|(r, t)| (*r, t.as_str())).collect();
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
pub fn quiet(r: &Report, rule: &str) {
    assert!(check::rule(rule).is_some(), "{rule} is not a rule");
    assert!(
        of(r, rule).is_empty(),
        "{rule} fired, but should not have:\n{}",
        listing(r)
    );
}

/// A cookie id (`_tp`) read at the web shop and sent on to Test Ads as `browser_id`: through
/// the consent gate with the other fields, or straight to the tag server on a flow of its own
/// ("cookie-sync") that serves a legitimate-interests activity (fraud checks).
pub fn send_cookie_id(p: &mut Project, through_gate: bool) {
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
