//! The gtm/ rules, each on a small server container made in the test: one export that the
//! rule must find something in, and a close variant where it must not.

mod common;

use capimap::model::*;
use common::gtm::*;
use serde_json::json;

const FB: &str = "stape-io/facebook-tag";
const TT: &str = "stape-io/tiktok-tag";

fn has(f: &[capimap::check::Finding], rule: &str) -> bool {
    f.iter().any(|x| x.rule.id == rule)
}

fn found(e: &Export, rule: &str) -> bool {
    has(&e.import().1, rule)
}

/// A Stape Meta tag that does everything right that does not concern the rule at hand.
fn quiet_meta(id: &str) -> common::gtm::Tag {
    tag(id, FB)
        .text("pixelId", "1234567890")
        .text("accessToken", "{{ED - token}}")
        .text("adStorageConsent", "required")
        .param(flag("generateFbp", false))
        .param(flag("enableEventEnhancement", false))
}

#[test]
fn gtm_consent_send_always_fires_for_a_template_left_at_send_always() {
    let e = export().tag(tag("1", FB).text("pixelId", "1"));
    assert!(found(&e, "gtm/consent-send-always"));
}

#[test]
fn gtm_consent_send_always_fires_when_a_blocking_trigger_lets_events_without_consent_through() {
    // Blocking on consent_state.ad_storage = false stops nothing that lacks the consent state.
    let e = export()
        .trigger(
            "9",
            vec![condition("EQUALS", "{{ED - ad_storage}}", "false")],
        )
        .tag(tag("1", FB).text("pixelId", "1").blocking(&["9"]));
    let (p, f) = e.import();
    assert!(has(&f, "gtm/consent-send-always"));
    assert!(
        p.nodes
            .iter()
            .filter_map(Node::as_gate)
            .all(|g| g.enforces.is_empty())
    );
}

#[test]
fn gtm_consent_send_always_quiet_when_firing_trigger_on_consent_state() {
    let e = export()
        .trigger(
            "9",
            vec![condition("EQUALS", "{{ED - ad_storage}}", "true")],
        )
        .tag(tag("1", FB).text("pixelId", "1").firing(&["9"]));
    let (p, f) = e.import();
    assert!(!has(&f, "gtm/consent-send-always"));
    // The trigger is the tag's gate, and it enforces ad_storage.
    let gate = p
        .nodes
        .iter()
        .find_map(Node::as_gate)
        .unwrap_or_else(|| panic!("a gate"));
    assert_eq!(gate.enforces, vec![ConsentPurposeId::new("gcm-ad-storage")]);
}

#[test]
fn gtm_consent_ad_storage_only_fires_when_the_option_gates_user_data() {
    let e = export().tag(
        tag("1", TT)
            .text("pixelId", "P")
            .text("adStorageConsent", "required")
            .param(rows("userDataList", &[("email", "{{ED - email}}")])),
    );
    assert!(found(&e, "gtm/consent-ad-storage-only"));
}

#[test]
fn gtm_consent_ad_storage_only_quiet_when_a_trigger_fires_only_with_ad_user_data() {
    let e = export()
        .trigger(
            "9",
            vec![condition("EQUALS", "{{ED - ad_user_data}}", "true")],
        )
        .tag(
            tag("1", TT)
                .text("pixelId", "P")
                .text("adStorageConsent", "required")
                .param(rows("userDataList", &[("email", "{{ED - email}}")]))
                .firing(&["9"]),
        );
    let (p, f) = e.import();
    assert!(!has(&f, "gtm/consent-ad-storage-only"));
    let gate = p
        .nodes
        .iter()
        .find_map(Node::as_gate)
        .unwrap_or_else(|| panic!("a gate"));
    assert!(
        gate.enforces
            .contains(&ConsentPurposeId::new("gcm-ad-user-data"))
    );
}

#[test]
fn gtm_consent_gcs_position_fires_when_the_analytics_digit_gates_an_ad_tag() {
    let e = export()
        .trigger("9", vec![condition("ENDS_WITH", "{{ED - gcs}}", "0")])
        .tag(quiet_meta("1").blocking(&["9"]));
    assert!(found(&e, "gtm/consent-gcs-position"));
}

#[test]
fn gtm_consent_gcs_position_quiet_when_third_digit() {
    let e = export()
        .trigger("9", vec![condition("MATCH_REGEX", "{{ED - gcs}}", "^G10")])
        .tag(quiet_meta("1").blocking(&["9"]));
    let f = e.import().1;
    assert!(!has(&f, "gtm/consent-gcs-position"), "{:?}", rules(&f));
}

fn data_client(e: Export) -> Export {
    e.client(json!({"clientId": "2", "name": "Data Client", "type": "cvt_1_20", "parameter": [flag("generateClientId", false)]}))
}

#[test]
fn gtm_consent_state_shadow_fires_for_events_of_the_data_client() {
    let e = data_client(export()).tag(quiet_meta("1"));
    assert!(found(&e, "gtm/consent-state-shadow"));
}

#[test]
fn gtm_consent_state_shadow_quiet_when_the_tag_fires_for_ga4_only() {
    let e = data_client(export())
        .trigger("9", vec![condition("EQUALS", "{{Client Name}}", "GA4")])
        .tag(quiet_meta("1").firing(&["9"]));
    assert!(!found(&e, "gtm/consent-state-shadow"));
}

#[test]
fn gtm_event_enhancement_cookie_fires_when_the_option_is_left_unset() {
    let e = export().tag(
        tag("1", FB)
            .text("pixelId", "1")
            .text("adStorageConsent", "required"),
    );
    let (_, f) = e.import();
    let m = f
        .iter()
        .find(|x| x.rule.id == "gtm/event-enhancement-cookie")
        .map(|x| x.message.clone())
        .unwrap_or_default();
    assert!(m.contains("not set (template default: true)"), "{m}");
}

#[test]
fn gtm_event_enhancement_cookie_quiet_when_switched_off() {
    assert!(!found(
        &export().tag(quiet_meta("1")),
        "gtm/event-enhancement-cookie"
    ));
}

#[test]
fn gtm_server_sets_identifier_fires_for_tiktok_generate_ttp() {
    let e = export().tag(
        tag("1", TT)
            .text("pixelId", "P")
            .text("adStorageConsent", "required")
            .param(flag("generateTtp", true)),
    );
    assert!(found(&e, "gtm/server-sets-identifier"));
}

#[test]
fn gtm_server_sets_identifier_quiet_when_tiktok_leaves_generate_ttp_unset() {
    // generateTtp has no default: unset, no _ttp is made (ttclid only comes from the URL).
    let e = export().tag(
        tag("1", TT)
            .text("pixelId", "P")
            .text("adStorageConsent", "required"),
    );
    assert!(!found(&e, "gtm/server-sets-identifier"));
}

#[test]
fn gtm_raw_contact_data_fires_for_reddit_e_mail() {
    let e = export().tag(
        tag("1", "stape-io/reddit-tag")
            .text("adStorageConsent", "required")
            .param(rows("userDataList", &[("email", "{{ED - email}}")])),
    );
    let (p, f) = e.import();
    assert!(has(&f, "gtm/raw-contact-data"));
    let m = p
        .flows
        .iter()
        .flat_map(|f| &f.fields)
        .find(|m| m.wire_name == "user.email");
    assert_eq!(m.map(|m| &m.transform), Some(&Transform::Raw));
}

#[test]
fn gtm_raw_contact_data_quiet_when_reddit_sends_no_contact_data() {
    let e = export().tag(tag("1", "stape-io/reddit-tag").text("adStorageConsent", "required"));
    assert!(!found(&e, "gtm/raw-contact-data"));
}

#[test]
fn gtm_phone_normalisation_fires_for_tiktok_phone() {
    let e = export().tag(
        tag("1", TT)
            .text("adStorageConsent", "required")
            .param(rows("userDataList", &[("phone", "{{ED - phone}}")])),
    );
    assert!(found(&e, "gtm/phone-normalisation"));
}

#[test]
fn gtm_phone_normalisation_quiet_when_the_phone_goes_through_pinterest() {
    // The reference does not list Pinterest: it removes +, spaces, dashes and brackets.
    let e = export().tag(
        tag("1", "stape-io/pinterest-tag")
            .text("adStorageConsent", "required")
            .param(rows("userDataList", &[("ph", "{{ED - phone}}")])),
    );
    assert!(!found(&e, "gtm/phone-normalisation"));
}

const MS: &str = "stape-io/microsoft-capi-tag";

#[test]
fn gtm_email_overnormalised_fires_for_microsoft_e_mail() {
    let e = export()
        .tag(tag("1", MS).param(rows("userDataParametersList", &[("em", "{{ED - email}}")])));
    assert!(found(&e, "gtm/email-overnormalised"));
}

#[test]
fn gtm_email_overnormalised_quiet_when_microsoft_sends_no_e_mail() {
    assert!(!found(
        &export().tag(tag("1", MS)),
        "gtm/email-overnormalised"
    ));
}

#[test]
fn gtm_test_code_left_fires_for_a_literal_test_code() {
    let e = export().tag(quiet_meta("1").text("testId", "TEST777"));
    let f = e.import().1;
    let m = f
        .iter()
        .find(|x| x.rule.id == "gtm/test-code-left")
        .map(|x| x.message.clone())
        .unwrap_or_default();
    assert!(m.contains("7 characters") && !m.contains("TEST777"), "{m}");
}

#[test]
fn gtm_test_code_left_quiet_when_lookup_on_debug_mode() {
    let lookup = json!({"variableId": "200", "name": "LT - test", "type": "smm", "parameter": [p("input", "{{Debug Mode}}"),
        {"type": "LIST", "key": "map", "list": [{"type": "MAP", "map": [p("key", "true"), p("value", "TEST777")]}]}]});
    let e = export()
        .variable(lookup)
        .tag(quiet_meta("1").text("testId", "{{LT - test}}"));
    assert!(!found(&e, "gtm/test-code-left"));
}

#[test]
fn gtm_secret_in_container_fires_for_a_literal_token() {
    let e = export().tag(quiet_meta("1").text("accessToken", "EAAB-secret-value"));
    let f = e.import().1;
    let m = f
        .iter()
        .find(|x| x.rule.id == "gtm/secret-in-container")
        .map(|x| x.message.clone())
        .unwrap_or_default();
    assert!(
        m.contains("17 characters") && !m.contains("secret-value"),
        "{m}"
    );
}

#[test]
fn gtm_secret_in_container_quiet_when_the_token_comes_from_event_data() {
    assert!(!found(
        &export().tag(quiet_meta("1")),
        "gtm/secret-in-container"
    ));
}

#[test]
fn gtm_secret_in_logs_fires_when_meta_logs_always() {
    assert!(found(
        &export().tag(quiet_meta("1").text("logType", "always")),
        "gtm/secret-in-logs"
    ));
}

#[test]
fn gtm_secret_in_logs_quiet_when_logging_in_debug_only() {
    assert!(!found(
        &export().tag(quiet_meta("1").text("logType", "debug")),
        "gtm/secret-in-logs"
    ));
}

#[test]
fn gtm_ldu_off_fires_for_tiktok_without_limited_data_use() {
    assert!(found(
        &export().tag(tag("1", TT).text("adStorageConsent", "required")),
        "gtm/ldu-off"
    ));
}

#[test]
fn gtm_ldu_off_quiet_when_meta_without_us_users() {
    let e = export().tag(quiet_meta("1"));
    let (mut p, f) = e.import();
    assert!(!has(&f, "gtm/ldu-off"));
    // With users in California recorded, the same tag is reported.
    for n in &mut p.nodes {
        if let NodeKind::Source(s) = &mut n.kind {
            s.regions = vec!["US-CA".to_owned()];
        }
    }
    assert!(has(&e.check(&p), "gtm/ldu-off"));
}

#[test]
fn gtm_reddit_ldu_bug_fires_with_user_data_rows() {
    let e = export().tag(
        tag("1", "stape-io/reddit-tag")
            .text("adStorageConsent", "required")
            .param(rows("userDataList", &[("external_id", "{{ED - email}}")])),
    );
    assert!(found(&e, "gtm/reddit-ldu-bug"));
}

#[test]
fn gtm_reddit_ldu_bug_quiet_when_the_user_data_table_is_empty() {
    assert!(!found(
        &export().tag(tag("1", "stape-io/reddit-tag").text("adStorageConsent", "required")),
        "gtm/reddit-ldu-bug"
    ));
}

#[test]
fn gtm_ms_consent_unset_fires_without_the_consent_parameter() {
    assert!(found(&export().tag(tag("1", MS)), "gtm/ms-consent-unset"));
}

#[test]
fn gtm_ms_consent_unset_quiet_when_consent_is_passed() {
    let (p, f) = export()
        .tag(tag("1", MS).text("consent", "{{ED - ad_storage}}"))
        .import();
    assert!(!has(&f, "gtm/ms-consent-unset"));
    assert!(p.flows.iter().any(|f| {
        f.consent_signals
            .iter()
            .any(|s| s == "userData.adStorageConsent")
    }));
}

#[test]
fn gtm_unknown_template_fires_for_a_template_missing_from_the_export() {
    let (p, f) = export()
        .tag(tag("1", "someone/else").param(rows("data", &[("mail", "{{ED - email}}")])))
        .import();
    assert!(has(&f, "gtm/unknown-template"));
    let m = p
        .flows
        .iter()
        .flat_map(|f| &f.fields)
        .find(|m| m.wire_name == "mail");
    assert_eq!(m.map(|m| &m.transform), Some(&Transform::Unknown));
}

#[test]
fn gtm_unknown_template_quiet_when_the_template_is_known() {
    assert!(!found(
        &export().tag(quiet_meta("1")),
        "gtm/unknown-template"
    ));
}

#[test]
fn gtm_extra_recipient_fires_for_microsofts_client_side_id_sync() {
    assert!(found(
        &export().tag(tag("1", MS).text("consent", "G")),
        "gtm/extra-recipient"
    ));
}

#[test]
fn gtm_extra_recipient_quiet_when_client_side_id_sync_is_off() {
    assert!(!found(
        &export().tag(
            tag("1", MS)
                .text("consent", "G")
                .param(flag("enableClientSideIdSync", false))
        ),
        "gtm/extra-recipient"
    ));
}

// Drift: the record against the container.

fn documented() -> (Export, Project) {
    let e = export().tag(quiet_meta("1").param(rows("userDataList", &[("em", "{{ED - email}}")])));
    let p = e.import().0;
    (e, p)
}

fn tag_flow(p: &mut Project) -> &mut Flow {
    let dest: Vec<NodeId> = p
        .nodes
        .iter()
        .filter(|n| n.as_destination().is_some())
        .map(|n| n.id.clone())
        .collect();
    p.flows
        .iter_mut()
        .find(|f| dest.contains(&f.to))
        .unwrap_or_else(|| panic!("a flow into a destination"))
}

#[test]
fn gtm_tag_undocumented_fires_for_a_tag_the_record_lacks() {
    let (e, _) = documented();
    let e = e.tag(
        tag("2", TT)
            .text("pixelId", "NEWPIXEL")
            .text("adStorageConsent", "required"),
    );
    let (_, p) = documented();
    let f = e.check(&p);
    assert!(
        f.iter()
            .any(|x| x.rule.id == "gtm/tag-undocumented" && x.message.contains("Tag 2 ")),
        "{:?}",
        rules(&f)
    );
}

#[test]
fn gtm_tag_undocumented_quiet_when_the_record_is_the_import() {
    let (e, p) = documented();
    let f = e.check(&p);
    assert!(
        f.iter().all(|x| !x.rule.id.starts_with("gtm/")
            || ![
                "gtm/tag-undocumented",
                "gtm/field-undocumented",
                "gtm/field-not-sent",
                "gtm/transform-differs",
                "gtm/destination-not-sent"
            ]
            .contains(&x.rule.id)),
        "{:?}",
        rules(&f)
    );
}

#[test]
fn gtm_field_undocumented_fires_for_a_mapping_removed_from_the_record() {
    let (e, mut p) = documented();
    tag_flow(&mut p)
        .fields
        .retain(|m| m.wire_name != "user_data.em");
    assert!(has(&e.check(&p), "gtm/field-undocumented"));
}

#[test]
fn gtm_field_undocumented_quiet_when_every_field_is_documented() {
    let (e, p) = documented();
    assert!(!has(&e.check(&p), "gtm/field-undocumented"));
}

#[test]
fn gtm_field_not_sent_fires_for_a_field_the_tag_never_sends() {
    let (e, mut p) = documented();
    tag_flow(&mut p).fields.push(FieldMapping::new(
        FieldId::new("email"),
        "custom_data.coupon",
        Transform::Raw,
    ));
    assert!(has(&e.check(&p), "gtm/field-not-sent"));
}

#[test]
fn gtm_field_not_sent_quiet_when_template_may_send_it() {
    // First names come from event data when the website sends them.
    let (e, mut p) = documented();
    tag_flow(&mut p).fields.push(FieldMapping::new(
        FieldId::new("email"),
        "user_data.fn",
        Transform::Sha256(Some(Normalisation::TrimLowercase)),
    ));
    assert!(!has(&e.check(&p), "gtm/field-not-sent"));
}

#[test]
fn gtm_transform_differs_fires_when_the_record_says_raw() {
    let (e, mut p) = documented();
    for m in &mut tag_flow(&mut p).fields {
        if m.wire_name == "user_data.em" {
            m.transform = Transform::Raw;
        }
    }
    assert!(has(&e.check(&p), "gtm/transform-differs"));
}

#[test]
fn gtm_transform_differs_quiet_when_the_record_names_the_same_rule_otherwise() {
    // E-mail normalisation is trim and lower-case, the rule the tag applies.
    let (e, mut p) = documented();
    for m in &mut tag_flow(&mut p).fields {
        if m.wire_name == "user_data.em" {
            m.transform = Transform::Sha256(Some(Normalisation::Email));
        }
    }
    assert!(!has(&e.check(&p), "gtm/transform-differs"));
}

#[test]
fn gtm_destination_not_sent_fires_for_a_destination_no_tag_sends_to() {
    let (e, mut p) = documented();
    let relay = p
        .nodes
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Relay(_)))
        .map(|n| n.id.clone())
        .unwrap_or_else(|| NodeId::new("?"));
    let mut old = p
        .nodes
        .iter()
        .find(|n| n.as_destination().is_some())
        .cloned()
        .unwrap_or_else(|| panic!("dest"));
    old.id = NodeId::new("old-pinterest");
    old.origins.clear();
    p.nodes.push(old);
    let mut f = tag_flow(&mut p).clone();
    f.id = FlowId::new("to-old");
    f.from = relay;
    f.to = NodeId::new("old-pinterest");
    f.origin = None;
    p.flows.push(f);
    let found = e.check(&p);
    assert!(
        found
            .iter()
            .any(|x| x.rule.id == "gtm/destination-not-sent" && x.target.id() == "old-pinterest"),
        "{:?}",
        rules(&found)
    );
}

#[test]
fn gtm_destination_not_sent_quiet_when_every_destination_has_its_tag() {
    let (e, p) = documented();
    assert!(!has(&e.check(&p), "gtm/destination-not-sent"));
}

#[test]
fn gtm_gate_enforces_unchecked_fires_when_the_record_claims_more_than_the_container_checks() {
    let (e, mut p) = documented();
    for n in &mut p.nodes {
        if let NodeKind::ConsentGate(g) = &mut n.kind {
            g.enforces.push(ConsentPurposeId::new("cp-marketing"));
        }
    }
    let f = e.check(&p);
    let m = f
        .iter()
        .find(|x| x.rule.id == "gtm/gate-enforces-unchecked")
        .map(|x| x.message.clone())
        .unwrap_or_default();
    assert!(
        m.contains("cp-marketing") && m.contains("gcm-ad-storage"),
        "{m}"
    );
}

#[test]
fn gtm_gate_enforces_unchecked_quiet_when_the_gate_is_the_imported_one() {
    let (e, p) = documented();
    assert!(!has(&e.check(&p), "gtm/gate-enforces-unchecked"));
}
