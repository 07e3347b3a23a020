//! What a flow's request type and a destination's API version change in the checks: a
//! platform's request types decide which consent signals and parameters a request can carry
//! (Google Ads adjustments have no consent field), and a version older than the catalogue's
//! is noted. Tests are named like those of `check_rules.rs`, which holds every rule to a
//! `_fires` and a `_quiet_when_` test here or there.

mod common;

use capimap::catalog::Catalog;
use capimap::model::*;
use common::*;

fn with_request_type(t: Option<&str>) -> Project {
    let mut p = baseline();
    flow_mut(&mut p, "sgtm-ads").request_type = t.map(str::to_owned);
    p
}

#[test]
fn catalog_unknown_request_type_fires_on_a_type_the_platform_does_not_have() {
    let r = run(&with_request_type(Some("evnet")));
    let f = fires(&r, "catalog/unknown-request-type", "sgtm-ads", "evnet", &[]);
    // The message lists the types there are, so the user can correct the typo.
    assert!(f.message.contains("event") && f.message.contains("adjustment"));
}

#[test]
fn catalog_unknown_request_type_quiet_when_the_type_is_the_platforms() {
    for t in ["event", "adjustment"] {
        quiet(
            &run(&with_request_type(Some(t))),
            "catalog/unknown-request-type",
        );
    }
}

#[test]
fn catalog_unknown_request_type_fires_on_a_flow_into_no_platform() {
    let mut p = baseline();
    flow_mut(&mut p, "cmp-sgtm").request_type = Some("event".to_owned());
    fires(
        &run(&p),
        "catalog/unknown-request-type",
        "cmp-sgtm",
        "does not go to an ad platform",
        &[],
    );
}

#[test]
fn a_consent_signal_that_the_request_type_does_not_carry_is_not_demanded() {
    // Adjustments carry no consent field: nothing to forward, so nothing missing.
    let mut p = with_request_type(Some("adjustment"));
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    quiet(&run(&p), "consent/signal-missing");
    // Events do carry it.
    let mut p = with_request_type(Some("event"));
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    let r = run(&p);
    let f = fires(
        &r,
        "consent/signal-missing",
        "sgtm-ads",
        "event upload",
        &[],
    );
    assert!(!f.fix.contains("request type"), "{}", f.fix);
}

#[test]
fn a_flow_of_unknown_request_type_is_still_told_to_forward_the_signal_and_how_to_say_its_type() {
    // Not knowing the request type must not silence the rule: the flow may send events.
    let mut p = with_request_type(None);
    flow_mut(&mut p, "sgtm-ads").consent_signals.clear();
    let r = run(&p);
    let f = fires(&r, "consent/signal-missing", "sgtm-ads", "consent.eea", &[]);
    assert!(
        f.fix.contains("request type") && f.fix.contains("adjustment"),
        "{}",
        f.fix
    );
}

#[test]
fn a_parameter_of_another_request_type_is_not_accepted() {
    let mut p = with_request_type(Some("event"));
    p.fields.push(Field {
        id: "reason".into(),
        label: "Adjustment reason".to_owned(),
        category: "capimap.event_data".to_owned(),
        identifiability: Identifiability::NotPersonal,
        ..Field::default()
    });
    flow_mut(&mut p, "sgtm-ads")
        .fields
        .push(map("reason", "adjust.reason", Transform::Raw));
    let r = run(&p);
    let f = fires(
        &r,
        "minimise/not-accepted",
        "sgtm-ads/reason",
        "adjust.reason",
        &[],
    );
    assert!(f.message.contains("event adjustment"), "{}", f.message);
    // On adjustments, or on a flow whose type is not recorded, it is accepted.
    for t in [Some("adjustment"), None] {
        flow_mut(&mut p, "sgtm-ads").request_type = t.map(str::to_owned);
        quiet(&run(&p), "minimise/not-accepted");
    }
}

fn with_api_version(destination: &str, catalogue: &str) -> (Project, Catalog) {
    let mut p = baseline();
    dest_mut(&mut p, "ads").api_version = destination.to_owned();
    let mut platform = test_platform();
    platform.api_version = catalogue.to_owned();
    let mut c = Catalog::default();
    c.insert(platform);
    (p, c)
}

#[test]
fn catalog_api_version_older_fires_when_the_destination_calls_an_older_version() {
    for (called, described) in [("v22", "v23"), ("v9.0", "v21.0"), ("202401", "202410")] {
        let (p, c) = with_api_version(called, described);
        let r = check::check(&p, &c);
        let f = fires(&r, "catalog/api-version-older", "ads", called, &[]);
        assert!(f.message.contains(described), "{}", f.message);
    }
}

#[test]
fn catalog_api_version_older_quiet_when_the_version_is_current_or_not_recorded() {
    for (called, described) in [("v23", "v23"), ("v24", "v23"), ("", "v23"), ("v22", "")] {
        let (p, c) = with_api_version(called, described);
        quiet(&check::check(&p, &c), "catalog/api-version-older");
    }
}
