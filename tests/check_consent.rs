//! Behaviour tests for the consent rules: for each, a small project that triggers it and a
//! close variant that must not (see `check_rules.rs` for the conventions), and for each class
//! of setup that could once hide an ungated path, the smallest project that shows it next to
//! close ones that must stay quiet.

mod common;

use capimap::model::*;
use common::*;

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
fn consent_ungated_path_fires_when_the_bypass_names_another_activity() {
    // The same bypass, labelled with a contract activity: the e-mail still gets to the tag
    // server without consent, and from there to Test Ads for the consent activity. Labels
    // say what a flow is for, not which data moves.
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
    let f = fires(&r, UNGATED, "ads", "Test Ads API", &[]);
    assert_eq!(f.path, ["web", "sgtm", "ads"]);
}

#[test]
fn consent_ungated_path_quiet_when_the_bypass_carries_no_personal_data() {
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
            vec![map("order", "order_id", Transform::Raw)],
        )
    });
    let r = run(&p);
    quiet(&r, UNGATED);
}

const COOKIE: &str = "consent/cookie-id-ungated";

#[test]
fn consent_cookie_id_ungated_fires() {
    let mut p = baseline();
    send_cookie_id(&mut p, false);
    let r = run(&p);
    // The bypass names another activity, but the browser id goes on to Test Ads for the
    // consent activity all the same; and the tag server reads it for fraud checks, which no
    // consent covers.
    fires(
        &r,
        COOKIE,
        "ads",
        "_tp",
        &[(COOKIE, "sgtm"), (UNGATED, "ads")],
    );
    let at = |node: &str| {
        of(&r, COOKIE)
            .into_iter()
            .find(|f| f.target.id() == node)
            .unwrap_or_else(|| panic!("no cookie finding on {node}"))
    };
    assert_eq!(at("sgtm").path, ["web", "sgtm"]);
    assert!(
        at("sgtm").message.contains("Fraud checks"),
        "{}",
        at("sgtm").message
    );
    let f = at("ads");
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
        of(&r, COOKIE).iter().any(|f| f.target.id() == "ads"),
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
    // Where the users are is not recorded (no regions on the source, no establishment): they
    // may be anywhere, so the EEA signal and the US flag are both expected.
    let mut p = baseline();
    p.organisation.establishment.clear();
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
    set_users(&mut p, "web", &["US-CA"]);
    let f = flow_mut(&mut p, "sgtm-ads");
    f.consent_signals = vec!["ldu".to_owned()];
    let r = run(&p);
    quiet(&r, SIGNAL);
    assert!(r.findings.is_empty(), "{}", listing(&r));
}

#[test]
fn consent_limited_use_flag_missing_fires() {
    let mut p = baseline();
    set_users(&mut p, "web", &["US-CA"]);
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
// Consent that is no consent, and purposes of unknown scope.

const OPT_OUT: &str = "consent/opt-out-is-not-consent";
const SCOPE: &str = "consent/purpose-scope-unknown";
const CLAIM: &str = "consent/strictly-necessary-to-ad-platform";

fn purpose_mut<'a>(p: &'a mut Project, id: &str) -> &'a mut ConsentPurpose {
    p.consent_purposes
        .iter_mut()
        .find(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("no consent purpose {id}"))
}

#[test]
fn consent_opt_out_is_not_consent_fires() {
    let mut p = baseline();
    purpose_mut(&mut p, "ads-eea").mode = ConsentMode::OptOut;
    let r = run(&p);
    let f = fires(&r, OPT_OUT, "measure", "Advertising (EEA)", &[]);
    assert!(f.message.contains("opt-out"), "{}", f.message);
}

#[test]
fn consent_opt_out_is_not_consent_fires_when_the_purpose_names_no_region_and_the_users_are_in_germany()
 {
    let mut p = baseline();
    let c = purpose_mut(&mut p, "ads-eea");
    c.mode = ConsentMode::OptOut;
    c.regions.clear();
    fires(
        &run(&p),
        OPT_OUT,
        "measure",
        "Conversion measurement",
        &[(SCOPE, "ads-eea")],
    );
}

#[test]
fn consent_opt_out_is_not_consent_quiet_when_the_opt_out_purpose_is_for_us_users_only() {
    let mut p = baseline();
    let c = purpose_mut(&mut p, "ads-eea");
    c.mode = ConsentMode::OptOut;
    c.regions = vec!["US-CA".to_owned()];
    quiet(&run(&p), OPT_OUT);
}

#[test]
fn consent_purpose_scope_unknown_fires() {
    let mut p = baseline();
    purpose_mut(&mut p, "ads-eea").regions.clear();
    fires(&run(&p), SCOPE, "ads-eea", "Advertising (EEA)", &[]);
}

#[test]
fn consent_purpose_scope_unknown_quiet_when_the_regions_are_recorded() {
    let r = run(&baseline());
    quiet(&r, SCOPE);
}

#[test]
fn consent_strictly_necessary_to_ad_platform_fires() {
    // Marking the activity strictly necessary would exempt the cookie read from consent; it
    // cannot be for an advertising platform.
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    activity_mut(&mut p, "measure").strictly_necessary = true;
    fires(&run(&p), CLAIM, "measure", "Test Ads API", &[]);
}

#[test]
fn consent_strictly_necessary_to_ad_platform_quiet_when_the_cookie_stays_in_own_systems() {
    // A strictly necessary activity reads its cookie on the way to the own tag server only.
    let mut p = baseline();
    p.activities.push(ProcessingActivity {
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        legitimate_interests_assessment: Some("LIA-3".to_owned()),
        consent_purpose: None,
        strictly_necessary: true,
        ..activity("cart", "Shopping cart", "none")
    });
    p.fields.push(Field {
        cookie: Some("_cart".to_owned()),
        ..field(
            "cart-id",
            "Cart id",
            "user.device.cookie_id",
            Identifiability::PseudonymousId,
        )
    });
    source_mut(&mut p, "web").collects.push("cart-id".into());
    p.flows.push(Flow {
        activities: vec!["cart".into()],
        ..flow(
            "cart",
            "web",
            "sgtm",
            vec![map("cart-id", "cart", Transform::Raw)],
        )
    });
    let r = run(&p);
    quiet(&r, CLAIM);
    quiet(&r, COOKIE);
}

// ---------------------------------------------------------------------------------------------
// The classes of setup that once hid a path, each next to close ones that must stay quiet.

/// A second way from the shop to the tag server, carrying the e-mail.
fn branch(p: &mut Project, id: &str, via: Option<&str>) {
    match via {
        None => p.flows.push(flow(
            id,
            "web",
            "sgtm",
            vec![map("email", "email", Transform::Raw)],
        )),
        Some(gate) => {
            p.flows.push(flow(
                &format!("{id}-in"),
                "web",
                gate,
                vec![map("email", "email", Transform::Raw)],
            ));
            p.flows.push(flow(
                &format!("{id}-out"),
                gate,
                "sgtm",
                vec![map("email", "email", Transform::Raw)],
            ));
        }
    }
}

fn gate(id: &str, enforces: &[&str]) -> Node {
    node(
        id,
        &format!("Gate {id}"),
        NodeKind::ConsentGate(ConsentGate {
            enforces: enforces.iter().map(|e| (*e).into()).collect(),
            records_to: Some("consent-db".into()),
            ..ConsentGate::default()
        }),
    )
}

#[test]
fn a_first_hop_that_names_no_activity_does_not_hide_the_path() {
    let mut p = baseline();
    branch(&mut p, "untagged", None);
    flow_mut(&mut p, "untagged").activities.clear();
    let r = run(&p);
    let f = of(&r, UNGATED);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].path, ["web", "sgtm", "ads"]);
}

#[test]
fn a_second_gate_on_a_parallel_branch_that_enforces_the_purpose_keeps_it_quiet() {
    let mut p = baseline();
    p.nodes.push(gate("cmp2", &["ads-eea"]));
    branch(&mut p, "app", Some("cmp2"));
    quiet(&run(&p), UNGATED);
}

#[test]
fn a_second_gate_that_enforces_another_purpose_is_a_path_around() {
    let mut p = baseline();
    p.nodes.push(gate("stats", &["statistics"]));
    branch(&mut p, "app", Some("stats"));
    let r = run(&p);
    let f = of(&r, UNGATED);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].path, ["web", "stats", "sgtm", "ads"]);
}

#[test]
fn branches_that_merge_before_the_gate_are_covered_by_it() {
    // web → relay → cmp and web → cmp: both pass the gate.
    let mut p = baseline();
    p.nodes.push(relay("edge", "Edge proxy"));
    for (id, from, to) in [("web-edge", "web", "edge"), ("edge-cmp", "edge", "cmp")] {
        p.flows.push(flow(
            id,
            from,
            to,
            vec![map("email", "email", Transform::Raw)],
        ));
    }
    quiet(&run(&p), UNGATED);
}

#[test]
fn a_cycle_behind_the_gate_stays_quiet_and_a_cycle_fed_around_it_does_not() {
    // sgtm ⇄ a retry queue, behind the gate.
    let mut p = baseline();
    p.nodes
        .push(store("retry", "Retry queue", StoreKind::Queue));
    p.flows.push(flow(
        "to-retry",
        "sgtm",
        "retry",
        vec![map("email", "email", Transform::Raw)],
    ));
    p.flows.push(flow(
        "from-retry",
        "retry",
        "sgtm",
        vec![map("email", "email", Transform::Raw)],
    ));
    quiet(&run(&p), UNGATED);
    // The queue is also fed straight from the shop.
    p.flows.push(flow(
        "web-retry",
        "web",
        "retry",
        vec![map("email", "email", Transform::Raw)],
    ));
    let r = run(&p);
    let f = of(&r, UNGATED);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].path, ["web", "retry", "sgtm", "ads"]);
}

#[test]
fn a_crm_modelled_as_a_store_uploading_without_a_gate_is_found() {
    let mut p = baseline();
    p.nodes
        .push(store("crm", "CRM database", StoreKind::Database));
    p.flows.push(flow(
        "crm-upload",
        "crm",
        "ads",
        vec![map(
            "email",
            "user.em",
            Transform::Sha256(Some(Normalisation::Email)),
        )],
    ));
    let r = run(&p);
    let f = of(&r, UNGATED);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].path, ["crm", "ads"]);
    assert!(
        f[0].message.contains("enters at CRM database"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_crm_store_that_uploads_through_a_gate_is_quiet() {
    let mut p = baseline();
    p.nodes
        .push(store("crm", "CRM database", StoreKind::Database));
    p.nodes.push(gate("export", &["ads-eea"]));
    p.flows.push(flow(
        "crm-export",
        "crm",
        "export",
        vec![map("email", "email", Transform::Raw)],
    ));
    p.flows.push(flow(
        "export-ads",
        "export",
        "ads",
        vec![map(
            "email",
            "user.em",
            Transform::Sha256(Some(Normalisation::Email)),
        )],
    ));
    quiet(&run(&p), UNGATED);
}

#[test]
fn a_relay_that_sends_a_field_no_flow_brings_it_is_where_the_field_enters() {
    let mut p = baseline();
    // The e-mail is dropped before the tag server, which still sends one to Test Ads.
    mapping_mut(&mut p, "cmp-sgtm", "email").transform = Transform::Dropped;
    let r = run(&p);
    let f = of(&r, UNGATED);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].path, ["sgtm", "ads"]);
}

#[test]
fn a_cookie_through_a_gate_for_another_purpose_is_not_covered() {
    // The gate enforces statistics only; the browser id is read for advertising.
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    gate_mut(&mut p, "cmp").enforces = vec!["statistics".into()];
    let r = run(&p);
    let targets: Vec<String> = of(&r, COOKIE)
        .iter()
        .map(|f| f.target.id().into_owned())
        .collect();
    assert_eq!(targets, ["cmp", "sgtm", "ads"], "{}", listing(&r));
}

#[test]
fn a_cookie_written_to_a_log_before_the_consent_check_is_found() {
    // The tag server logs every request, browser id included, before the gate decides.
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    p.nodes.push(store("log", "Request log", StoreKind::Log));
    p.flows.push(flow(
        "web-log",
        "web",
        "log",
        vec![map("tp-cookie", "cookie", Transform::Raw)],
    ));
    let r = run(&p);
    let f = of(&r, COOKIE);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].target.id(), "log");
    assert_eq!(f[0].path, ["web", "log"]);
}

#[test]
fn a_cookie_logged_for_a_strictly_necessary_activity_is_quiet() {
    let mut p = baseline();
    send_cookie_id(&mut p, true);
    p.activities.push(ProcessingActivity {
        lawful_basis: Some(LawfulBasis::LegitimateInterests),
        legitimate_interests_assessment: Some("LIA-9".to_owned()),
        consent_purpose: None,
        strictly_necessary: true,
        ..activity("security", "Load balancing and security", "none")
    });
    p.nodes.push(store("log", "Request log", StoreKind::Log));
    p.flows.push(Flow {
        activities: vec!["security".into()],
        ..flow(
            "web-log",
            "web",
            "log",
            vec![map("tp-cookie", "cookie", Transform::Raw)],
        )
    });
    quiet(&run(&p), COOKIE);
}

#[test]
fn special_category_data_is_blamed_on_the_activity_that_uses_it() {
    let mut p = baseline();
    p.activities
        .push(activity("retarget", "Retargeting", "ads-eea"));
    add_health_field(&mut p);
    for f in ["web-cmp", "cmp-sgtm", "sgtm-ads"] {
        let flow = flow_mut(&mut p, f);
        flow.activities.push("retarget".into());
        flow.fields.push(FieldMapping {
            activities: vec!["retarget".into()],
            ..map("health", "health", Transform::Raw)
        });
    }
    let r = run(&p);
    let art9: Vec<String> = of(&r, "lawful/special-category-without-condition")
        .iter()
        .map(|f| f.target.id().into_owned())
        .collect();
    assert_eq!(art9, ["retarget"], "{}", listing(&r));
    // Without the mapping's own list, the field serves both activities of the flow.
    for f in ["web-cmp", "cmp-sgtm", "sgtm-ads"] {
        mapping_mut(&mut p, f, "health").activities.clear();
    }
    let r = run(&p);
    assert_eq!(of(&r, "lawful/special-category-without-condition").len(), 2);
}

#[test]
fn a_field_sent_only_outside_the_eea_is_not_a_minimisation_finding() {
    let mut p = baseline();
    send_ip(&mut p);
    let r = run(&p);
    assert_eq!(
        of(&r, "minimise/not-used-in-region").len(),
        1,
        "{}",
        listing(&r)
    );
    mapping_mut(&mut p, "sgtm-ads", "ip").except_for = vec!["EEA".to_owned()];
    quiet(&run(&p), "minimise/not-used-in-region");
    let m = mapping_mut(&mut p, "sgtm-ads", "ip");
    m.except_for.clear();
    m.only_for = vec!["US".to_owned()];
    quiet(&run(&p), "minimise/not-used-in-region");
    // Except a single member state: other EEA users' addresses still go.
    let m = mapping_mut(&mut p, "sgtm-ads", "ip");
    m.only_for.clear();
    m.except_for = vec!["FR".to_owned()];
    assert_eq!(of(&run(&p), "minimise/not-used-in-region").len(), 1);
}

#[test]
fn a_german_shop_gets_no_us_flag_and_a_us_source_brings_one() {
    let r = run(&baseline());
    quiet(&r, "consent/limited-use-flag-missing");
    let mut p = baseline();
    p.nodes.push(source("us-shop", "US shop", &["email"]));
    set_users(&mut p, "us-shop", &["US"]);
    p.flows.push(flow(
        "us-cmp",
        "us-shop",
        "cmp",
        vec![map("email", "email", Transform::Raw)],
    ));
    let r = run(&p);
    let f = of(&r, "consent/limited-use-flag-missing");
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert_eq!(f[0].target.id(), "sgtm-ads");
}

#[test]
fn a_queue_that_drops_a_persons_events_on_withdrawal_answers_for_its_flows() {
    let mut p = baseline();
    p.nodes
        .push(store("queue", "Event queue", StoreKind::Queue));
    p.flows.push(flow(
        "sgtm-queue",
        "sgtm",
        "queue",
        vec![map("email", "email", Transform::Raw)],
    ));
    p.flows.push(flow(
        "queue-ads",
        "queue",
        "ads",
        vec![map(
            "email",
            "user.em",
            Transform::Sha256(Some(Normalisation::Email)),
        )],
    ));
    let r = run(&p);
    assert_eq!(of(&r, WITHDRAWAL).len(), 1, "{}", listing(&r));
    let set = |p: &mut Project, h: WithdrawalHandling| match &mut node_mut(p, "queue").kind {
        NodeKind::Store(s) => s.on_withdrawal = Some(h),
        _ => unreachable!(),
    };
    set(&mut p, WithdrawalHandling::DropQueued);
    quiet(&run(&p), WITHDRAWAL);
    set(&mut p, WithdrawalHandling::SendQueued);
    let r = run(&p);
    let f = of(&r, WITHDRAWAL);
    assert_eq!(f.len(), 1, "{}", listing(&r));
    assert!(
        f[0].message.contains("the store it leaves from"),
        "{}",
        f[0].message
    );
    // The flow's own answer wins over the store's.
    flow_mut(&mut p, "queue-ads").on_withdrawal = Some(WithdrawalHandling::DropQueued);
    quiet(&run(&p), WITHDRAWAL);
}
