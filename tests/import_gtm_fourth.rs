//! An export of our own with a tag for every platform capimap knows and the odd parts of real
//! containers: imported without loss, with what capimap cannot read reported.

mod common;

use std::collections::BTreeSet;

use capimap::import::gtm::{self, analyse::Status};
use capimap::model::*;
use common::gtm::builtin;

const AGENCY: &str = "tests/fixtures/gtm/agency-all-platforms.json";

struct Imported {
    a: gtm::Analysis,
    plan: gtm::Plan,
    findings: Vec<capimap::check::Finding>,
}

fn import() -> Imported {
    let bytes = std::fs::read(AGENCY).unwrap_or_else(|e| panic!("{e}"));
    let a = gtm::analyse(gtm::parse(&bytes, AGENCY).unwrap_or_else(|e| panic!("{e}")));
    let catalog = builtin();
    let plan = gtm::plan(&a, &Project::empty("agency"), &catalog);
    let findings = gtm::findings(&a, &plan.result, &catalog);
    Imported { a, plan, findings }
}

impl Imported {
    fn rules_on(&self, tag: &str) -> BTreeSet<&'static str> {
        let who = format!("ag {tag} '");
        self.findings
            .iter()
            .filter(|f| f.message.contains(&who))
            .map(|f| f.rule.id)
            .collect()
    }

    fn tag_flows(&self, tag: &str) -> Vec<&Flow> {
        let p = &self.plan.result;
        p.flows
            .iter()
            .filter(|f| {
                f.origin
                    .as_ref()
                    .is_some_and(|o| o.element == OriginElement::Tag(tag.to_owned()))
            })
            .filter(|f| {
                p.node(f.to.as_str())
                    .is_some_and(|n| n.as_destination().is_some())
            })
            .collect()
    }

    fn mapping(&self, tag: &str, wire: &str) -> Option<&FieldMapping> {
        self.tag_flows(tag)
            .into_iter()
            .flat_map(|f| &f.fields)
            .find(|m| m.wire_name == wire)
    }
}

#[test]
fn every_tag_and_client_is_accounted_for() {
    let i = import();
    let p = &i.plan.result;
    for t in &i.a.container.tags {
        let remembered = p.nodes.iter().any(|n| {
            n.origins
                .iter()
                .any(|o| o.element == OriginElement::Tag(t.id.clone()))
        }) || p.flows.iter().any(|f| {
            f.origin
                .as_ref()
                .is_some_and(|o| o.element == OriginElement::Tag(t.id.clone()))
        });
        assert!(remembered, "tag {} is in the project", t.id);
    }
    for c in &i.a.container.clients {
        let remembered = p.nodes.iter().any(|n| {
            n.origins
                .iter()
                .any(|o| o.element == OriginElement::Client(c.id.clone()))
        });
        let noted = i
            .plan
            .notes
            .iter()
            .any(|n| n.contains(&format!("client {} ", c.id)));
        assert!(remembered || noted, "client {}", c.id);
    }
    for words in [
        "transformation: 1 entry",
        "zone: 1 entry",
        "sgtmk",
        "type xyz",
        "{{Not Defined}}",
    ] {
        assert!(
            i.plan.notes.iter().any(|n| n.contains(words)),
            "note on {words}: {:#?}",
            i.plan.notes
        );
    }
}

#[test]
fn each_meta_pixel_is_its_own_destination() {
    let i = import();
    let meta: BTreeSet<&str> = i
        .plan
        .result
        .destinations()
        .chain(i.plan.result.nodes.iter().filter(|n| n.disabled))
        .filter_map(Node::as_destination)
        .filter(|d| d.platform == "meta")
        .map(|d| d.account.as_str())
        .collect();
    for pixel in [
        "1111111111",
        "2222222222",
        "3333333333",
        "4444444444",
        "5555555555",
    ] {
        assert!(meta.contains(pixel), "{pixel}: {meta:?}");
    }
    // The table tag sends to both of its pixels, and both tokens are reported in one finding.
    assert_eq!(i.tag_flows("3").len(), 2);
    let secret = i
        .findings
        .iter()
        .find(|f| f.rule.id == "gtm/secret-in-container" && f.message.contains("Tag 3 "))
        .map(|f| f.message.clone())
        .unwrap_or_default();
    assert!(
        secret.contains("row 1") && secret.contains("row 2"),
        "{secret}"
    );
}

#[test]
fn metas_own_tag_has_no_consent_option_and_its_test_code_is_reported() {
    let i = import();
    assert_eq!(
        i.rules_on("4"),
        BTreeSet::from([
            "gtm/consent-send-always",
            "gtm/secret-in-container",
            "gtm/test-code-left"
        ])
    );
}

#[test]
fn reddit_and_linkedin_send_contact_data_in_clear() {
    let i = import();
    assert_eq!(
        i.mapping("5", "user.email").map(|m| &m.transform),
        Some(&Transform::Raw)
    );
    assert!(
        i.rules_on("5").contains("gtm/raw-contact-data")
            && i.rules_on("5").contains("gtm/reddit-ldu-bug")
    );
    for w in ["user.userInfo.firstName", "user.userInfo.lastName"] {
        assert_eq!(
            i.mapping("6", w).map(|m| &m.transform),
            Some(&Transform::Raw),
            "{w}"
        );
    }
    assert!(i.rules_on("6").contains("gtm/raw-contact-data"));
}

#[test]
fn microsofts_tag_is_read_with_its_defaults() {
    let i = import();
    let em = i.mapping("7", "userData.em").map(|m| m.transform.clone());
    assert!(
        matches!(em, Some(Transform::Sha256(Some(Normalisation::Custom(_))))),
        "{em:?}"
    );
    for rule in [
        "gtm/ms-consent-unset",
        "gtm/email-overnormalised",
        "gtm/phone-normalisation",
        "gtm/server-sets-identifier",
        "gtm/extra-recipient",
    ] {
        assert!(
            i.rules_on("7").contains(rule),
            "{rule}: {:?}",
            i.rules_on("7")
        );
    }
    assert!(
        i.findings
            .iter()
            .any(|f| f.rule.id == "gtm/server-sets-identifier" && f.message.contains("uet_vid"))
    );
}

#[test]
fn xs_four_oauth_keys_are_one_finding_with_their_lengths() {
    let i = import();
    let f: Vec<&capimap::check::Finding> = i
        .findings
        .iter()
        .filter(|f| f.rule.id == "gtm/secret-in-container" && f.message.contains("Tag 8 "))
        .collect();
    assert_eq!(f.len(), 1);
    for key in [
        "consumerKey",
        "consumerSecret",
        "oauthToken",
        "oauthTokenSecret",
    ] {
        assert!(
            f[0].message.contains(&format!("{key} (literal, ")),
            "{key}: {}",
            f[0].message
        );
    }
}

#[test]
fn test_switches_are_reported() {
    let i = import();
    assert!(i.rules_on("9").contains("gtm/test-code-left"));
    assert!(i.rules_on("10").contains("gtm/test-code-left"));
}

#[test]
fn an_unknown_http_tag_keeps_its_host_and_fields_with_the_transform_unknown() {
    let i = import();
    let f = i.tag_flows("11");
    let dest = i
        .plan
        .result
        .node(f[0].to.as_str())
        .unwrap_or_else(|| panic!("dest"));
    assert_eq!(
        dest.as_destination().map(|d| d.platform.as_str()),
        Some("unknown")
    );
    assert!(
        dest.description
            .contains("collect.unknown-analytics.example"),
        "{}",
        dest.description
    );
    let email = f[0]
        .fields
        .iter()
        .find(|m| m.field.as_str() == "email")
        .unwrap_or_else(|| panic!("email"));
    assert_eq!(email.transform, Transform::Unknown);
    assert!(i.rules_on("11").contains("gtm/unknown-template"));
    // A tag whose template is missing is reported too, and not merged with the other.
    assert!(i.rules_on("12").contains("gtm/unknown-template"));
    assert_ne!(i.tag_flows("12")[0].to, f[0].to);
}

#[test]
fn a_modified_template_keeps_its_platform_with_every_transform_unknown() {
    let i = import();
    let f = i.tag_flows("13");
    assert_eq!(
        i.plan
            .result
            .node(f[0].to.as_str())
            .and_then(Node::as_destination)
            .map(|d| d.platform.as_str()),
        Some("tiktok")
    );
    assert!(
        f[0].fields
            .iter()
            .all(|m| m.transform == Transform::Unknown)
    );
    assert!(i.rules_on("13").contains("gtm/unknown-template"));
}

#[test]
fn consent_checks_are_read_as_the_container_has_them() {
    let i = import();
    // Data Client events reach a Stape tag whose option reads consent_state.ad_storage only.
    assert!(i.rules_on("14").contains("gtm/consent-state-shadow"));
    // A firing trigger that needs consent_state.ad_user_data granted is credited.
    let gate = i
        .plan
        .result
        .node(i.tag_flows("15")[0].from.as_str())
        .and_then(Node::as_gate)
        .cloned()
        .unwrap_or_default();
    assert!(
        gate.enforces
            .contains(&ConsentPurposeId::new("gcm-ad-user-data")),
        "{:?}",
        gate.enforces
    );
    assert!(!i.rules_on("15").contains("gtm/consent-ad-storage-only"));
    // The consent parser sends gcd to a further recipient.
    assert!(i.findings.iter().any(|f| f.rule.id == "gtm/extra-recipient" && f.message.contains("analytics-debugger")));
}

#[test]
fn tags_that_do_not_fire_leave_a_disabled_destination_and_no_flow() {
    let i = import();
    for (tag, pixel) in [("16", "6666666666"), ("17", "7777777777")] {
        assert_ne!(i.a.tag(tag).map(|t| t.status), Some(Status::Fires));
        assert!(i.tag_flows(tag).is_empty());
        let d = i
            .plan
            .result
            .nodes
            .iter()
            .find(|n| n.as_destination().is_some_and(|d| d.account == pixel))
            .unwrap_or_else(|| panic!("{pixel}"));
        assert!(d.disabled, "{pixel}");
        assert!(i.rules_on(tag).is_empty(), "{tag}");
        assert!(
            i.plan
                .not_firing
                .iter()
                .any(|n| n.starts_with(&format!("tag {tag} ")))
        );
    }
    // A disabled destination is not among the recipients.
    assert!(!i.plan.result.destinations().any(|n| n.disabled));
}

#[test]
fn the_imported_project_is_a_valid_file_that_checks_without_error_lines() {
    let i = import();
    let text = capimap::store::to_string(&i.plan.result);
    let loaded = capimap::store::parse(&text, "agency").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded.project, i.plan.result);
    let report = capimap::check::check(&loaded.project, &builtin());
    // The container's server has no country yet: the record says so.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule.id == "transfers/country-unknown" && f.target.id() == "gtm-tstsrv4")
    );
    // The user's browser is not a recipient in another country.
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.rule.id.starts_with("transfers/") && f.target.id() == "users-browser")
    );
}
