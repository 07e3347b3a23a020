//! Each reference export gives what `sgtm-container.md` §7 lists for it: nodes, flows, fields,
//! transforms and findings. Written from the reference (the expectations quote it), and
//! finding elements by the container ids they remember, not by the ids capimap makes up.

use std::collections::BTreeSet;

use capimap::catalog::Catalog;
use capimap::check::Finding;
use capimap::import::gtm::analyse::{Gate, Recognised, Status};
use capimap::import::gtm::profiles::C_FB_PHONE;
use capimap::import::gtm::triggers::{ConsentType, Reads};
use capimap::import::gtm::{self, Analysis};
use capimap::model::*;

fn catalog() -> Catalog {
    Catalog::builtin().unwrap_or_else(|e| panic!("{e}"))
}

fn fixture(name: &str) -> Analysis {
    let path = format!("{}/tests/fixtures/gtm/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    gtm::analyse(gtm::parse(&bytes, name).unwrap_or_else(|e| panic!("{e}")))
}

struct Imported {
    a: Analysis,
    p: Project,
    findings: Vec<Finding>,
}

fn import(name: &str) -> Imported {
    let a = fixture(name);
    let c = catalog();
    let plan = gtm::plan(&a, &Project::empty("x"), &c);
    let findings = gtm::findings(&a, &plan.result, &c);
    Imported {
        a,
        p: plan.result,
        findings,
    }
}

fn tag(id: &str) -> OriginElement {
    OriginElement::Tag(id.to_owned())
}

impl Imported {
    fn nodes_from(&self, e: &OriginElement) -> Vec<&Node> {
        self.p
            .nodes
            .iter()
            .filter(|n| n.origins.iter().any(|o| &o.element == e))
            .collect()
    }

    fn flows_from(&self, e: &OriginElement) -> Vec<&Flow> {
        self.p
            .flows
            .iter()
            .filter(|f| f.origin.as_ref().is_some_and(|o| &o.element == e))
            .collect()
    }

    /// The flow of a tag into its destination.
    fn tag_flow(&self, id: &str) -> &Flow {
        self.flows_from(&tag(id))
            .into_iter()
            .find(|f| {
                self.p
                    .node(f.to.as_str())
                    .is_some_and(|n| n.as_destination().is_some())
            })
            .unwrap_or_else(|| panic!("no flow of tag {id} into a destination"))
    }

    fn destination_of(&self, id: &str) -> &Node {
        let f = self.tag_flow(id);
        self.p
            .node(f.to.as_str())
            .unwrap_or_else(|| panic!("no node {}", f.to))
    }

    /// (wire name, field cookie, transform) of a flow, sorted.
    fn mappings(&self, f: &Flow) -> BTreeSet<(String, Option<String>, String)> {
        f.fields
            .iter()
            .map(|m| {
                let cookie = self
                    .p
                    .field(m.field.as_str())
                    .and_then(|x| x.cookie.clone());
                (m.wire_name.clone(), cookie, format!("{:?}", m.transform))
            })
            .collect()
    }

    /// The gtm/ rule names of the findings about a tag (its message names it).
    fn rules_of_tag(&self, id: &str) -> BTreeSet<String> {
        let who = format!("ag {id} '");
        self.findings
            .iter()
            .filter(|f| f.message.contains(&who))
            .map(|f| f.rule.id.trim_start_matches("gtm/").to_owned())
            .collect()
    }

    fn finding(&self, rule: &str, tag: &str) -> &Finding {
        let who = format!("ag {tag} '");
        self.findings
            .iter()
            .find(|f| f.rule.id == format!("gtm/{rule}") && f.message.contains(&who))
            .unwrap_or_else(|| {
                panic!(
                    "no {rule} on tag {tag}: {:#?}",
                    self.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
                )
            })
    }
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn raw() -> String {
    format!("{:?}", Transform::Raw)
}

fn sha(n: Normalisation) -> String {
    format!("{:?}", Transform::Sha256(Some(n)))
}

#[test]
fn shop_the_container_is_a_relay_left_to_complete() {
    let i = import("shop-stape-meta-tiktok.json");
    let relays = i.nodes_from(&OriginElement::Container);
    let relay = relays
        .iter()
        .find(|n| matches!(n.kind, NodeKind::Relay(_)))
        .unwrap_or_else(|| panic!("no relay"));
    assert_eq!(
        relay.name,
        "Nordlicht Outdoor - server (fixture: stape Meta + TikTok)"
    );
    assert!(matches!(
        relay.kind,
        NodeKind::Relay(Relay {
            relay: RelayKind::ServerSideTagManager
        })
    ));
    assert_eq!((relay.operator.as_str(), relay.country.as_str()), ("", ""));
    assert!(
        relay.description.starts_with("To complete"),
        "{}",
        relay.description
    );
    assert!(relay.origins.iter().all(|o| o.container == "GTM-TSTSRV1"));
}

#[test]
fn shop_clients_are_entry_points_that_set_their_cookies() {
    let i = import("shop-stape-meta-tiktok.json");
    for (client, cookie) in [("1", "FPID"), ("2", "_dcid")] {
        let e = OriginElement::Client(client.to_owned());
        let sources: Vec<&Node> = i
            .nodes_from(&e)
            .into_iter()
            .filter(|n| {
                matches!(
                    n.kind,
                    NodeKind::Source(Source {
                        source: SourceKind::Website,
                        ..
                    })
                )
            })
            .collect();
        assert_eq!(sources.len(), 1, "client {client}");
        let written: Vec<String> = i
            .flows_from(&e)
            .iter()
            .flat_map(|f| &f.fields)
            .filter_map(|m| i.p.field(m.field.as_str())?.cookie.clone())
            .collect();
        assert!(
            written.contains(&cookie.to_owned()),
            "client {client} writes {cookie}: {written:?}"
        );
    }
    // FPID for 2 years (cookieMaxAgeInSec 63072000).
    let fpid =
        i.p.fields
            .iter()
            .find(|f| f.cookie.as_deref() == Some("FPID"))
            .map(|f| f.id.clone());
    let rule = i.p.retention.iter().find(|r| {
        Some(&r.applies_to)
            == fpid
                .as_ref()
                .map(|f| RetentionScope::Field(f.clone()))
                .as_ref()
    });
    assert_eq!(
        rule.map(|r| r.limit.to_string()),
        Some("2 years".to_owned())
    );
}

#[test]
fn shop_triggers_are_scoped_to_their_clients() {
    let a = fixture("shop-stape-meta-tiktok.json");
    // Trigger 13 is scoped to GA4 (client 1), 14 applies to all, 15 to the Data Client.
    let clients = |t: &str| a.tag(t).map(|x| x.clients.clone()).unwrap_or_default();
    assert_eq!(clients("21"), vec!["1"]);
    assert_eq!(clients("22"), vec!["1", "2"]);
    assert_eq!(clients("24"), vec!["2"]);
    assert_eq!(
        a.tag("21").map(|t| t.events.clone()),
        Some(vec!["purchase".to_owned()])
    );
}

#[test]
fn shop_tag_21_sends_its_overrides_and_automatic_fields_to_meta() {
    let i = import("shop-stape-meta-tiktok.json");
    let t = i.a.tag("21").unwrap_or_else(|| panic!("tag 21"));
    assert!(
        matches!(&t.recognised, Recognised::Template { profile: "meta-stape", version: Some(v) } if v == "d47449bd784fd94517c69344eafda86755036008")
    );
    let dest = i.destination_of("21");
    assert_eq!(
        dest.as_destination()
            .map(|d| (d.platform.as_str(), d.account.as_str())),
        Some(("meta", "100000000000001"))
    );
    let f = i.tag_flow("21");
    let expected: BTreeSet<(String, Option<String>, String)> = [
        ("user_data.em", None, sha(Normalisation::TrimLowercase)),
        (
            "user_data.ph",
            None,
            sha(Normalisation::Custom(C_FB_PHONE.to_owned())),
        ),
        ("event_id", None, raw()),
        ("user_data.client_ip_address", None, raw()),
        ("user_data.client_user_agent", None, raw()),
        ("user_data.fbp", Some("_fbp"), raw()),
        ("user_data.fbc", Some("_fbc"), raw()),
    ]
    .into_iter()
    .map(|(w, c, t)| (w.to_owned(), c.map(str::to_owned), t))
    .collect();
    assert_eq!(i.mappings(f), expected);
    // No consent check: straight from the relay.
    assert!(t.gates.is_empty());
    assert!(
        i.p.node(f.from.as_str())
            .is_some_and(|n| matches!(n.kind, NodeKind::Relay(_)))
    );
    assert_eq!(f.request_type.as_deref(), Some("website"));
    assert_eq!(
        i.rules_of_tag("21"),
        set(&[
            "consent-send-always",
            "event-enhancement-cookie",
            "server-sets-identifier",
            "secret-in-container",
            "test-code-left",
            "secret-in-logs",
            "phone-normalisation"
        ])
    );
    assert!(
        i.finding("server-sets-identifier", "21")
            .message
            .contains("_fbp")
    );
    let secret = &i.finding("secret-in-container", "21").message;
    assert!(
        secret.contains("literal")
            && secret.contains("14 characters")
            && secret.contains("accessToken"),
        "{secret}"
    );
    let test = &i.finding("test-code-left", "21").message;
    assert!(
        test.contains("testId") && !test.contains("TEST12345"),
        "{test}"
    );
    assert!(
        i.finding("secret-in-logs", "21")
            .message
            .contains("logType")
    );
}

#[test]
fn shop_tag_22_sends_always_with_the_templates_defaults() {
    let i = import("shop-stape-meta-tiktok.json");
    let t = i.a.tag("22").unwrap_or_else(|| panic!("tag 22"));
    assert!(t.gates.is_empty());
    let f = i.tag_flow("22");
    let wires: BTreeSet<String> = i
        .mappings(f)
        .into_iter()
        .map(|(w, _, t)| {
            assert_eq!(t, raw(), "{w}");
            w
        })
        .collect();
    assert_eq!(
        wires,
        set(&[
            "user_data.client_ip_address",
            "user_data.client_user_agent",
            "user_data.fbp",
            "user_data.fbc"
        ])
    );
    assert_eq!(
        i.rules_of_tag("22"),
        set(&[
            "consent-send-always",
            "event-enhancement-cookie",
            "server-sets-identifier",
            "secret-in-container"
        ])
    );
    for rule in ["event-enhancement-cookie", "server-sets-identifier"] {
        assert!(
            i.finding(rule, "22")
                .message
                .contains("not set (template default: true)"),
            "{rule}"
        );
    }
    assert!(
        i.finding("server-sets-identifier", "22")
            .message
            .contains("_fbp")
    );
    let secret = &i.finding("secret-in-container", "22").message;
    assert!(
        secret.contains("variable 10") && secret.contains("Const - Meta access token"),
        "{secret}"
    );
    assert_eq!(
        i.finding("secret-in-container", "22").target.element,
        ElementRef::Flow(f.id.clone())
    );
}

#[test]
fn shop_tag_23_is_gated_on_ad_storage_only() {
    let i = import("shop-stape-meta-tiktok.json");
    let t = i.a.tag("23").unwrap_or_else(|| panic!("tag 23"));
    assert_eq!(t.gates, vec![Gate::TemplateOption]);
    let dest = i.destination_of("23");
    assert_eq!(
        dest.as_destination()
            .map(|d| (d.platform.as_str(), d.account.as_str())),
        Some(("tiktok", "CTESTPIXEL00000000001"))
    );
    let f = i.tag_flow("23");
    let gate =
        i.p.node(f.from.as_str())
            .and_then(Node::as_gate)
            .unwrap_or_else(|| panic!("tag 23 runs through a gate"));
    assert_eq!(gate.signal, SignalStandard::GoogleConsentMode);
    assert_eq!(gate.enforces, vec![ConsentPurposeId::new("gcm-ad-storage")]);
    // relay → gate → TikTok
    assert!(i.p.flows.iter().any(|g| {
        g.to == f.from
            && i.p
                .node(g.from.as_str())
                .is_some_and(|n| matches!(n.kind, NodeKind::Relay(_)))
    }));
    let expected: BTreeSet<(String, Option<String>, String)> = [
        ("user.email", None, sha(Normalisation::TrimLowercase)),
        ("user.phone", None, sha(Normalisation::TrimLowercase)),
        ("user.ip", None, raw()),
        ("user.user_agent", None, raw()),
        ("user.ttclid", Some("ttclid"), raw()),
        ("user.ttp", Some("_ttp"), raw()),
    ]
    .into_iter()
    .map(|(w, c, t)| (w.to_owned(), c.map(str::to_owned), t))
    .collect();
    assert_eq!(i.mappings(f), expected);
    assert_eq!(f.consent_signals, vec!["limited_data_use".to_owned()]);
    // Not test-code-left (the code comes from a lookup on {{Debug Mode}}), not
    // consent-state-shadow (trigger 13 is scoped to GA4: no Data Client events).
    assert_eq!(
        i.rules_of_tag("23"),
        set(&[
            "consent-ad-storage-only",
            "secret-in-container",
            "server-sets-identifier",
            "ldu-off",
            "phone-normalisation"
        ])
    );
    assert!(
        i.finding("secret-in-container", "23")
            .message
            .contains("variable 7")
    );
    assert!(
        i.finding("server-sets-identifier", "23")
            .message
            .contains("_ttp")
    );
}

#[test]
fn shop_tag_24_is_paused_disabled_and_has_no_flow() {
    let i = import("shop-stape-meta-tiktok.json");
    assert_eq!(i.a.tag("24").map(|t| t.status), Some(Status::Paused));
    assert!(i.flows_from(&tag("24")).is_empty());
    let tiktok = i.destination_of("23");
    assert!(
        tiktok
            .origins
            .iter()
            .any(|o| o.element == tag("24") && o.paused)
    );
    assert!(!tiktok.disabled, "tag 23 still sends there");
    assert!(i.rules_of_tag("24").is_empty());
}

#[test]
fn shop_clients_set_identifiers_and_nothing_else_is_found() {
    let i = import("shop-stape-meta-tiktok.json");
    let client_cookies: BTreeSet<bool> = ["FPID", "_dcid"]
        .iter()
        .map(|c| {
            i.findings.iter().any(|f| {
                f.rule.id == "gtm/server-sets-identifier"
                    && f.message.contains(&format!("creates {c} "))
                    && f.message.starts_with("Client")
            })
        })
        .collect();
    assert_eq!(client_cookies, BTreeSet::from([true]));
    // 7 + 4 + 5 on the tags, 2 on the clients; no ldu-off on tag 21 (no US users recorded).
    assert_eq!(
        i.findings.len(),
        18,
        "{:#?}",
        i.findings
            .iter()
            .map(|f| (f.rule.id, &f.message))
            .collect::<Vec<_>>()
    );
}

#[test]
fn google_variables_of_every_kind_are_read() {
    let a = fixture("google-ads-ga4.json");
    let c = &a.container;
    let kind = |name: &str| c.variable(name).map(|v| v.kind.clone());
    assert_eq!(kind("ED - x-ga-gcs").as_deref(), Some("ed"));
    assert_eq!(kind("Const - Ads conversion ID").as_deref(), Some("c"));
    assert_eq!(
        c.variable("QP - gcd")
            .and_then(|v| v.params.text("queryParamName")),
        Some("gcd")
    );
    assert_eq!(
        c.variable("RH - Host")
            .and_then(|v| v.params.text("headerName")),
        Some("Host")
    );
    let built: BTreeSet<&str> = c.built_ins.iter().map(|b| b.kind.as_str()).collect();
    assert!(built.contains("eventname") && built.contains("clientname"));
}

#[test]
fn google_ga4_tag_has_the_native_gate() {
    let i = import("google-ads-ga4.json");
    let tag20 =
        &i.a.container
            .tags
            .iter()
            .find(|t| t.id == "20")
            .unwrap_or_else(|| panic!("tag 20"))
            .consent;
    assert_eq!(
        tag20.as_ref().map(|c| (c.status.as_str(), c.types.len())),
        Some(("notset", 0))
    );
    assert_eq!(
        i.a.tag("20").map(|t| t.gates.clone()),
        Some(vec![Gate::Native])
    );
    let f = i.tag_flow("20");
    assert!(
        i.p.node(f.from.as_str())
            .is_some_and(|n| n.as_gate().is_some())
    );
}

#[test]
fn google_conversion_linker_writes_cookies_and_sends_nowhere() {
    let i = import("google-ads-ga4.json");
    let flows = i.flows_from(&tag("21"));
    assert!(flows.iter().all(|f| {
        i.p.node(f.to.as_str())
            .is_none_or(|n| n.as_destination().is_none())
    }));
    assert!(flows.iter().any(|f| {
        i.p.node(f.to.as_str())
            .and_then(Node::as_store)
            .is_some_and(|s| s.store == StoreKind::Device)
    }));
}

#[test]
fn google_ads_conversion_has_three_gates_none_of_which_is_credited() {
    let i = import("google-ads-ga4.json");
    let t = i.a.tag("22").unwrap_or_else(|| panic!("tag 22"));
    assert_eq!(
        i.destination_of("22")
            .as_destination()
            .map(|d| (d.platform.as_str(), d.account.as_str())),
        Some(("google-ads", "1234567890"))
    );
    assert_eq!(t.gates.len(), 3, "{:?}", t.gates);
    // Trigger 12 blocks ad_storage denied (G10…), but lets an event without gcs through.
    assert!(
        matches!(&t.gates[0], Gate::Trigger { trigger, blocking: true, reads: Some(Reads::Gcs), tests, credits, .. }
        if trigger == "12" && tests == &vec![ConsentType::AdStorage] && credits.is_empty())
    );
    // Whether a server container enforces declared consent settings is not known (ref. §8).
    assert_eq!(
        t.gates[1],
        Gate::Declared {
            types: vec!["ad_storage".to_owned(), "ad_user_data".to_owned()]
        }
    );
    // Consent mode adjusts what Google's tag sends rather than stopping it (ref. §3.1).
    assert_eq!(t.gates[2], Gate::Native);
    let f = i.tag_flow("22");
    let gate = i.p.node(f.from.as_str()).unwrap_or_else(|| panic!("gate"));
    assert_eq!(gate.as_gate().map(|g| g.enforces.len()), Some(0));
    for words in [
        "trigger 12",
        "declared",
        "consent mode",
        "not taken as a consent check",
    ] {
        assert!(
            gate.description.contains(words),
            "{words}: {}",
            gate.description
        );
    }
}

#[test]
fn google_remarketing_tests_the_analytics_digit_and_that_is_the_only_finding() {
    let i = import("google-ads-ga4.json");
    let t = i.a.tag("23").unwrap_or_else(|| panic!("tag 23"));
    assert!(
        matches!(&t.gates[0], Gate::Trigger { trigger, tests, .. } if trigger == "13" && tests == &vec![ConsentType::AnalyticsStorage])
    );
    assert_eq!(
        i.destination_of("23").id,
        i.destination_of("22").id,
        "the same conversion id"
    );
    let rules: Vec<&str> = i.findings.iter().map(|f| f.rule.id).collect();
    assert_eq!(rules, vec!["gtm/consent-gcs-position"]);
    let gate =
        i.p.node(i.tag_flow("23").from.as_str())
            .map(|n| n.id.clone());
    assert_eq!(
        i.findings[0].target.element,
        ElementRef::Node(gate.unwrap_or_else(|| NodeId::new("?")))
    );
}

#[test]
fn minimal_parses_without_the_absent_arrays_and_finds_nothing() {
    let i = import("minimal.json");
    assert!(i.a.container.variables.is_empty() && i.a.container.templates.is_empty());
    let relays: Vec<&Node> = i
        .nodes_from(&OriginElement::Container)
        .into_iter()
        .filter(|n| matches!(n.kind, NodeKind::Relay(_)))
        .collect();
    assert_eq!(relays.len(), 1);
    assert_eq!(relays[0].name, "Minimal server container (fixture)");
    let sources = i.nodes_from(&OriginElement::Client("3".to_owned()));
    assert!(
        matches!(sources.as_slice(), [n] if matches!(n.kind, NodeKind::Source(Source { source: SourceKind::Website, .. })))
    );
    assert_eq!(
        i.a.tag("2").map(|t| t.clients.clone()),
        Some(vec!["3".to_owned()])
    );
    assert_eq!(
        i.a.tag("2").map(|t| t.gates.clone()),
        Some(vec![Gate::Native])
    );
    assert_eq!(
        i.destination_of("2")
            .as_destination()
            .map(|d| d.platform.as_str()),
        Some("google-analytics")
    );
    assert!(
        !i.p.nodes.iter().any(|n| n.as_store().is_some()),
        "no cookies: no browser store"
    );
    assert!(
        i.findings.is_empty(),
        "{:?}",
        i.findings.iter().map(|f| &f.message).collect::<Vec<_>>()
    );
}
