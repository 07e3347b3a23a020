//! Behaviour tests for the check engine: for every rule of the registry, a small project that
//! triggers it and a close variant that must not.
//!
//! Every test starts from [`baseline`], a clean project (web shop → consent gate → tag server →
//! "Test Ads", plus a consent-record store) that yields no finding at all with the test-only
//! catalogue of [`catalog`], and changes one thing. Tests are named `<rule id>_fires…` and
//! `<rule id>_quiet_when_…`, with `/` and `-` written as `_`;
//! [`every_rule_has_a_fires_and_a_quiet_test`] holds every rule of `RULES` to that.

mod common;

use std::collections::BTreeSet;

use capimap::check::{self, Severity, output};
use capimap::model::*;
use common::*;

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
    let this = concat!(
        include_str!("check_rules.rs"),
        include_str!("check_consent.rs"),
        include_str!("check_requests.rs"),
        include_str!("check_gtm.rs")
    );
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
    p.organisation.establishment.clear();
    flow_mut(&mut p, "sgtm-ads")
        .consent_signals
        .push("ldu".into());
    fires(&run(&p), REGION, "sgtm-ads/ip", "client_ip", &[]);
}

#[test]
fn minimise_not_used_in_region_quiet_when_the_flow_carries_only_us_ca_users() {
    let mut p = baseline();
    send_ip(&mut p);
    set_users(&mut p, "web", &["US-CA"]);
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
    // Collected in the shop and sent through the gate, as the e-mail is.
    source_mut(&mut p, "web").collects.push("basket".into());
    for f in ["web-cmp", "cmp-sgtm"] {
        flow_mut(&mut p, f)
            .fields
            .push(map("basket", "basket", Transform::Raw));
    }
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
        of(&r, CHILD).iter().any(|f| f.target.id() == "ads"),
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
    let mut p = baseline();
    activity_mut(&mut p, "measure").consent_purpose = None;
    let r = run(&p);
    fires(&r, NO_PURPOSE, "measure", "Conversion measurement", &[]);
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
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Dropped;
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
    // Dropped before the tag server, so the tag server cannot send it on either.
    mapping_mut(&mut p, "cmp-sgtm", "email").transform = Transform::Dropped;
    mapping_mut(&mut p, "sgtm-ads", "email").transform = Transform::Dropped;
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
    assert_eq!(f.target.id(), target);
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
