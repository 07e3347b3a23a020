//! The audit's corrections, seen as a user sees them: each test fails on the catalogue's old
//! value (the fact is named in each test) and passes on the corrected one.

use capimap::catalog::Catalog;
use capimap::check::{self, Report};
use capimap::model::*;

/// The minimal project (web shop → one destination, consent-based measurement), its
/// destination on `platform`, its one flow sending `mappings` as requests of `request_type`.
fn project(platform: &str, request_type: Option<&str>, mappings: &[(&str, Transform)]) -> Project {
    let mut p = capimap::store::parse(
        include_str!("fixtures/minimal.capimap.ron"),
        "minimal.capimap.ron",
    )
    .unwrap()
    .project;
    for n in &mut p.nodes {
        if let NodeKind::Destination(d) = &mut n.kind {
            d.platform = platform.to_owned();
        }
    }
    let flow = &mut p.flows[0];
    flow.request_type = request_type.map(str::to_owned);
    flow.fields = mappings
        .iter()
        .map(|(wire, t)| FieldMapping::new("email".into(), *wire, t.clone()))
        .collect();
    p
}

fn rules(r: &Report) -> Vec<&str> {
    r.findings.iter().map(|f| f.rule.id).collect()
}

fn run(p: &Project) -> Report {
    check::check(p, &Catalog::builtin().unwrap())
}

#[test]
fn google_ads_adjustments_are_not_asked_for_a_consent_field_they_do_not_have_click_conversions_are()
{
    // Old catalogue: consent.ad_user_data required for every Google Ads request.
    let email = (
        "user_identifiers.hashed_email",
        Transform::Sha256(Some(Normalisation::EmailGmailDots)),
    );
    let adjustments = run(&project(
        "google-ads",
        Some("conversion-adjustment"),
        std::slice::from_ref(&email),
    ));
    assert!(
        !rules(&adjustments).contains(&"consent/signal-missing"),
        "{:?}",
        rules(&adjustments)
    );
    let clicks = run(&project(
        "google-ads",
        Some("click-conversion"),
        std::slice::from_ref(&email),
    ));
    assert!(rules(&clicks).contains(&"consent/signal-missing"));
    // Address info is taken only on adjustments.
    let address = (
        "user_identifiers.address_info.hashed_first_name",
        Transform::Sha256(Some(Normalisation::Name)),
    );
    let clicks = run(&project(
        "google-ads",
        Some("click-conversion"),
        std::slice::from_ref(&address),
    ));
    assert!(rules(&clicks).contains(&"minimise/not-accepted"));
    let adjustments = run(&project(
        "google-ads",
        Some("conversion-adjustment"),
        &[address],
    ));
    assert!(!rules(&adjustments).contains(&"minimise/not-accepted"));
}

#[test]
fn reddit_wants_dots_and_plus_suffix_removed_before_the_e_mail_is_hashed() {
    // Old catalogue: "remove non-alphanumerics from the user name".
    let lower_only = run(&project(
        "reddit",
        None,
        &[("user.email", Transform::Sha256(Some(Normalisation::Email)))],
    ));
    assert!(rules(&lower_only).contains(&"hashing/normalisation-differs"));
    let right = run(&project(
        "reddit",
        None,
        &[(
            "user.email",
            Transform::Sha256(Some(Normalisation::EmailNoDotsNoPlus)),
        )],
    ));
    assert!(
        !rules(&right).iter().any(|r| r.starts_with("hashing/")),
        "{:?}",
        rules(&right)
    );
}

#[test]
fn reddit_takes_the_conversion_id_hashed_or_not() {
    // Old catalogue: metadata.conversion_id must not be hashed.
    for t in [Transform::Raw, Transform::Sha256(Some(Normalisation::AsIs))] {
        let r = run(&project("reddit", None, &[("metadata.conversion_id", t)]));
        assert!(
            !rules(&r).iter().any(|r| r.starts_with("hashing/must")),
            "{:?}",
            rules(&r)
        );
    }
}

#[test]
fn metas_truncated_keys_are_accepted_and_must_be_hashed_after_truncation() {
    // Old catalogue: f5first and its kin were unknown parameters.
    let right = run(&project(
        "meta",
        None,
        &[(
            "user_data.f5first",
            Transform::Sha256(Some(Normalisation::NamePrefix(5))),
        )],
    ));
    assert!(
        !rules(&right).contains(&"minimise/not-accepted"),
        "{:?}",
        rules(&right)
    );
    assert!(
        !rules(&right).iter().any(|r| r.starts_with("hashing/")),
        "{:?}",
        rules(&right)
    );
    let raw = run(&project(
        "meta",
        None,
        &[("user_data.f5first", Transform::Raw)],
    ));
    assert!(rules(&raw).contains(&"hashing/must-hash-sent-raw"));
}
