//! Payload inspection from the command line: fields, kinds and flags per platform, the
//! comparison with the record, malformed input, and no value ever in any output.

use std::path::Path;
use std::process::{Command, Output};

const DIR: &str = "tests/fixtures/inspect";

fn inspect(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("capimap runs")
}

fn fixture(name: &str) -> String {
    format!("{DIR}/{name}")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON output")
}

fn flags(v: &serde_json::Value) -> Vec<(String, String)> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn correct_meta_requests_raise_nothing() {
    let o = inspect(&[
        &fixture("meta-good.jsonl"),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let v = json(&o);
    assert_eq!(v["bodies"], 3);
    assert_eq!(v["events"], 6);
    assert_eq!(v["paths"]["user_data.em"]["present"], 6);
    assert_eq!(v["paths"]["user_data.em"]["kinds"]["sha256-hex"], 6);
    assert_eq!(
        v["paths"]["user_data.client_ip_address"]["kinds"]["ip-address"],
        6
    );
    assert!(flags(&v).is_empty());
}

#[test]
fn meta_rule_breaks_are_flagged() {
    let o = inspect(&[
        &fixture("meta-bad.json"),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let f = flags(&json(&o));
    for expected in [
        ("inspect/must-hash-sent-raw", "user_data.ph"),
        ("inspect/must-hash-sent-raw", "user_data.em"),
        ("inspect/not-normalised", "user_data.em"),
        (
            "inspect/must-not-hash-hashed",
            "user_data.client_ip_address",
        ),
        ("inspect/personal-data-in-url", "event_source_url"),
    ] {
        assert!(
            f.contains(&(expected.0.to_owned(), expected.1.to_owned())),
            "{expected:?} in {f:?}"
        );
    }
}

#[test]
fn the_comparison_finds_what_the_record_does_not_say() {
    let o = inspect(&[
        &fixture("meta-bad.json"),
        "--platform",
        "meta",
        "--against",
        "assets/examples/shop.capimap.ron",
        "--destination",
        "meta-capi",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let c = &json(&o)["comparison"];
    let list = |k: &str| -> Vec<String> {
        c[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert!(list("undocumented").contains(&"event_source_url".to_owned()));
    assert!(list("never_seen").contains(&"user_data.fn".to_owned()));
    let differs = c["transform_differs"].as_array().unwrap();
    assert!(
        differs
            .iter()
            .any(|d| d[0] == "user_data.ph" && d[2] == "sent raw")
    );
}

#[test]
fn a_malformed_line_is_reported_with_its_number_and_skipped() {
    let o = inspect(&[
        &fixture("meta-malformed.jsonl"),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v = json(&o);
    assert_eq!(v["events"], 2, "the lines around the bad one are inspected");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("meta-malformed.jsonl:2: skipped"), "{err}");
    assert!(!err.contains("Purchase"), "no content is quoted: {err}");
}

#[test]
fn tiktok_and_google_ads_bodies_are_read_in_their_own_shape() {
    let o = inspect(&[
        &fixture("tiktok-good.json"),
        "--platform",
        "tiktok",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert_eq!(json(&o)["paths"]["user.email"]["kinds"]["sha256-hex"], 1);

    let o = inspect(&[
        &fixture("google-ads-pii-in-order-id.json"),
        "--platform",
        "google-ads",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    assert_eq!(
        v["paths"]["user_identifiers.hashed_email"]["kinds"]["sha256-hex"],
        1
    );
    let f = flags(&v);
    assert!(
        f.contains(&(
            "inspect/personal-data-in-no-pii-field".to_owned(),
            "order_id".to_owned()
        )),
        "{f:?}"
    );
    assert!(
        !f.iter().any(|(id, _)| id == "inspect/must-hash-sent-raw"),
        "{f:?}"
    );
}

#[test]
fn a_har_file_gives_each_platform_its_own_requests() {
    let o = inspect(&[
        &fixture("mixed.har"),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    let v = json(&o);
    assert_eq!(v["bodies"], 1, "only the request to graph.facebook.com");
    assert!(flags(&v).contains(&(
        "inspect/must-hash-sent-raw".to_owned(),
        "user_data.ph".to_owned()
    )));
    let o = inspect(&[
        &fixture("mixed.har"),
        "--platform",
        "tiktok",
        "--format",
        "json",
    ]);
    assert_eq!(json(&o)["bodies"], 1);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn no_value_from_the_input_appears_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("leaky.jsonl");
    let email = "zebra.quokka.7731@unusual-domain.example";
    let phone = "+49 171 9876 5432";
    let ip = "198.51.100.223";
    let body = serde_json::json!({"data": [{
        "event_name": "Purchase",
        "event_source_url": format!("https://shop.example/thanks?email={email}"),
        "user_data": {"em": [email], "ph": [phone], "client_ip_address": ip},
        "custom_data": {"order_id": email}
    }]});
    std::fs::write(&input, format!("{body}\n{{broken {email}\n")).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for format in ["text", "json"] {
        let o = inspect(&[
            input.to_str().unwrap(),
            "--platform",
            "meta",
            "--against",
            "assets/examples/shop.capimap.ron",
            "--destination",
            "meta-capi",
            "--format",
            format,
        ]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        for secret in [email, phone, ip, "zebra", "9876", "198.51.100"] {
            assert!(!all.contains(secret), "{format}: '{secret}' leaked");
        }
    }
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after, "no file was written");
    assert!(Path::new("assets/examples/shop.capimap.ron").is_file());
}

#[test]
fn bad_input_is_one_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("not-json.json");
    std::fs::write(&input, "{\n  \"data\": [ secret-value-123 ]\n}").unwrap();
    let o = inspect(&[input.to_str().unwrap(), "--platform", "meta"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("not-json.json:2:"), "{err}");
    assert!(!err.contains("secret-value-123"), "{err}");
    assert_eq!(
        inspect(&[input.to_str().unwrap(), "--platform", "nope"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        inspect(&["no/such/file.json", "--platform", "meta"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn an_array_of_bodies_and_a_har_with_a_broken_body_are_read_entry_by_entry() {
    let dir = tempfile::tempdir().unwrap();
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("tiktok-good.json")).unwrap())
            .unwrap();
    let array = dir.path().join("bodies.json");
    std::fs::write(
        &array,
        serde_json::to_string_pretty(&vec![good.clone(), good.clone()]).unwrap(),
    )
    .unwrap();
    let o = inspect(&[
        array.to_str().unwrap(),
        "--platform",
        "tiktok",
        "--format",
        "json",
    ]);
    assert_eq!(json(&o)["bodies"], 2);

    let har = serde_json::json!({"log": {"version": "1.2", "entries": [
        {"request": {"url": "https://business-api.tiktok.com/open_api/v1.3/event/track/",
                     "postData": {"text": "{not json"}}},
        {"request": {"url": "https://business-api.tiktok.com/open_api/v1.3/event/track/",
                     "postData": {"text": good.to_string()}}}
    ]}});
    let path = dir.path().join("broken.har");
    std::fs::write(&path, serde_json::to_string_pretty(&har).unwrap()).unwrap();
    let o = inspect(&[
        path.to_str().unwrap(),
        "--platform",
        "tiktok",
        "--format",
        "json",
    ]);
    assert_eq!(json(&o)["bodies"], 1);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("entry 1 to business-api.tiktok.com"), "{err}");

    let no_entries = dir.path().join("empty.har");
    std::fs::write(&no_entries, r#"{"log": {"version": "1.2"}}"#).unwrap();
    let o = inspect(&[no_entries.to_str().unwrap(), "--platform", "tiktok"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("without a log.entries list"));
}

#[test]
fn personal_data_inside_google_custom_variables_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ga.json");
    let body = serde_json::json!({"conversions": [{
        "gclid": "Cj0KCQiA-abc",
        "conversionAction": "customers/1/conversionActions/2",
        "orderId": "NO-1",
        "customVariables": [{"conversionCustomVariable": "customers/1/conversionCustomVariables/3",
                             "value": "someone@example.org"}]
    }]});
    std::fs::write(&path, body.to_string()).unwrap();
    let o = inspect(&[
        path.to_str().unwrap(),
        "--platform",
        "google-ads",
        "--format",
        "json",
    ]);
    let f = flags(&json(&o));
    assert!(
        f.iter()
            .any(|(id, p)| id == "inspect/personal-data-in-no-pii-field"
                && p.starts_with("custom_variables")),
        "{f:?}"
    );
    assert!(
        !f.iter()
            .any(|(id, p)| id == "inspect/personal-data-in-no-pii-field" && p == "order_id")
    );
}

#[test]
fn a_parameter_the_platform_does_not_accept_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meta.json");
    let body = serde_json::json!({"data": [{
        "event_name": "Purchase", "event_time": 1, "action_source": "website",
        "user_data": {"em": ["a".repeat(64)], "shoe_size": "44"},
        "custom_data": {"any_custom_property": "fine"}
    }]});
    std::fs::write(&path, body.to_string()).unwrap();
    let o = inspect(&[
        path.to_str().unwrap(),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    let f = flags(&json(&o));
    assert_eq!(
        f,
        vec![(
            "inspect/not-accepted".to_owned(),
            "user_data.shoe_size".to_owned()
        )],
        "custom_data keys are free-form at Meta; user_data keys are not"
    );
}

/// The correct fixture of every platform, written after its documentation.
const GOOD: &[(&str, &str)] = &[
    ("meta", "meta-good.jsonl"),
    ("google-data-manager", "google-data-manager-good.json"),
    ("google-ads", "google-ads-good.json"),
    ("tiktok", "tiktok-good.json"),
    ("snapchat", "snapchat-good.json"),
    ("pinterest", "pinterest-good.json"),
    ("linkedin", "linkedin-good.json"),
    ("reddit", "reddit-good.json"),
    ("x", "x-good.json"),
    ("microsoft", "microsoft-good.json"),
];

#[test]
fn correct_requests_of_every_platform_raise_nothing() {
    for (platform, file) in GOOD {
        let o = inspect(&[&fixture(file), "--platform", platform, "--format", "json"]);
        let v = json(&o);
        assert!(
            v["events"].as_u64().unwrap() >= 1,
            "{platform}: events read"
        );
        assert!(flags(&v).is_empty(), "{platform}: {:?}", flags(&v));
        assert_eq!(o.status.code(), Some(0), "{platform}");
    }
}

#[test]
fn an_e_mail_sent_in_the_clear_is_caught_on_every_platform_that_requires_hashing() {
    use sha2::{Digest, Sha256};
    let hash: String = Sha256::digest(b"customer1@example.com")
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    for (platform, file) in GOOD {
        if *platform == "reddit" {
            continue; // Reddit takes match keys hashed or not.
        }
        let text = std::fs::read_to_string(fixture(file)).unwrap();
        assert!(
            text.contains(&hash),
            "{platform}: the fixture has the hashed e-mail"
        );
        let broken = dir.path().join(file);
        std::fs::write(&broken, text.replace(&hash, "customer1@example.com")).unwrap();
        let o = inspect(&[
            broken.to_str().unwrap(),
            "--platform",
            platform,
            "--format",
            "json",
        ]);
        assert_eq!(o.status.code(), Some(1), "{platform}");
        assert!(
            flags(&json(&o))
                .iter()
                .any(|(id, _)| id == "inspect/must-hash-sent-raw"),
            "{platform}: {:?}",
            flags(&json(&o))
        );
    }
}

#[test]
fn a_body_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["meta-good.jsonl", "tiktok-good.json"] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(std::fs::read(fixture(name)).unwrap());
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let platform = name.split('-').next().unwrap();
        let o = inspect(&[path.to_str().unwrap(), "--platform", platform]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

/// A platform that only the user's `--catalog` folder describes: its hosts pick its requests
/// out of a HAR file, its request shape finds the events, its parameters decide what is
/// accepted. Nothing of it lives in capimap's code.
const OWN_PLATFORM: &str = r#"(
    id: "in-house-ads",
    name: "In-house ad server",
    api_version: "v2",
    checked: "2026-11-30",
    api: (hosts: ["events.ads.example.test"], events_at: ["batch.items"]),
    user_data: [
        (
            wire_name: "who.mail",
            label: "e-mail address",
            category: "user.contact.email",
            hashing: MustHash,
            normalisation: Email,
            source: (url: "https://ads.example.test/docs", provenance: Primary),
        ),
    ],
    other_fields: ["what", "when"],
)"#;

#[test]
fn a_platform_of_the_users_own_catalogue_is_picked_out_of_a_har_file_and_inspected() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("catalogue");
    std::fs::create_dir(&catalogue).unwrap();
    std::fs::write(catalogue.join("own.ron"), OWN_PLATFORM).unwrap();
    let hash = "a".repeat(64);
    let body = |mail: &str| {
        serde_json::json!({"batch": {"items": [
            {"who": {"mail": mail}, "what": "purchase", "when": 1_700_000_000},
            {"who": {"mail": mail}, "what": "lead", "shoe_size": 44}
        ]}})
        .to_string()
    };
    let har = serde_json::json!({"log": {"version": "1.2", "entries": [
        {"request": {"url": "https://events.ads.example.test/v2/collect",
                     "postData": {"text": body(&hash)}}},
        // Another platform's request in the same capture is not this platform's.
        {"request": {"url": "https://graph.facebook.com/v21.0/1/events",
                     "postData": {"text": body("someone@example.com")}}}
    ]}});
    let path = dir.path().join("capture.har");
    std::fs::write(&path, har.to_string()).unwrap();
    let o = inspect(&[
        path.to_str().unwrap(),
        "--platform",
        "in-house-ads",
        "--catalog",
        catalogue.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v = json(&o);
    assert_eq!(v["bodies"], 1, "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(v["events"], 2);
    assert_eq!(v["paths"]["who.mail"]["present"], 2);
    let flagged = flags(&v);
    // Its own parameters and other fields are accepted; the one it does not list is not.
    assert!(
        flagged
            .iter()
            .all(|(_, p)| p != "who.mail" && p != "what" && p != "when"),
        "{flagged:?}"
    );
    assert!(flagged.iter().any(|(_, p)| p == "shoe_size"), "{flagged:?}");
    // No value reaches the output, not even the other platform's e-mail address.
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!out.contains(&hash) && !out.contains("someone@"));
}

#[test]
fn a_har_file_for_a_platform_without_hosts_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let catalogue = dir.path().join("catalogue");
    std::fs::create_dir(&catalogue).unwrap();
    let no_hosts = OWN_PLATFORM.replace(
        r#"api: (hosts: ["events.ads.example.test"], events_at: ["batch.items"]),"#,
        "",
    );
    std::fs::write(catalogue.join("own.ron"), no_hosts).unwrap();
    let path = dir.path().join("capture.har");
    std::fs::write(&path, r#"{"log": {"version": "1.2", "entries": []}}"#).unwrap();
    let o = inspect(&[
        path.to_str().unwrap(),
        "--platform",
        "in-house-ads",
        "--catalog",
        catalogue.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no API host for in-house-ads"), "{err}");
}

/// A request body of `platform` with one event that carries `wire_name`, nested as its API
/// nests it (LinkedIn's `userIds[SHA256_EMAIL]` as an `{idType, idValue}` list).
fn body_with(platform: &capimap::catalog::Platform, wire_name: &str) -> serde_json::Value {
    use serde_json::{Value, json};
    let mut value = json!("x");
    for segment in wire_name.rsplit('.') {
        value = match segment.split_once('[') {
            Some((name, id_type)) => {
                json!({ name: [{"idType": id_type.trim_end_matches(']'), "idValue": value}] })
            }
            None => json!({ segment: value }),
        };
    }
    let mut body = Value::Array(vec![value]);
    if let Some(at) = platform.api.events_at.first() {
        for key in at.rsplit('.') {
            body = json!({ key: body });
        }
    }
    body
}

#[test]
fn every_parameter_of_the_catalogue_is_accepted_in_an_inspected_request_and_in_a_mapping() {
    let catalog = capimap::catalog::Catalog::builtin().unwrap();
    let mut refused = Vec::new();
    for platform in catalog.platforms() {
        let wire_names: Vec<&str> = platform
            .user_data
            .iter()
            .chain(&platform.event_data)
            .map(|p| p.wire_name.as_str())
            .chain(
                platform
                    .consent_parameters
                    .iter()
                    .map(|c| c.wire_name.as_str()),
            )
            .collect();
        for wire in &wire_names {
            let mut inspector = capimap::inspect::Inspector::new(platform);
            inspector.add_body(&body_with(platform, wire));
            let result = inspector.finish();
            if result.flags.iter().any(|f| f.id == "inspect/not-accepted") {
                refused.push(format!("inspect {} {wire}", platform.id));
            }
        }
        // The same names on a flow of a project into the platform.
        let mut p = capimap::store::parse(
            include_str!("fixtures/minimal.capimap.ron"),
            "minimal.capimap.ron",
        )
        .unwrap()
        .project;
        let Some(dest) = p.nodes.iter_mut().find_map(|n| match &mut n.kind {
            capimap::model::NodeKind::Destination(d) => Some(d),
            _ => None,
        }) else {
            panic!("the minimal fixture has a destination");
        };
        dest.platform = platform.id.clone();
        let into = p
            .flows
            .iter()
            .position(|f| {
                p.node(f.to.as_str())
                    .is_some_and(|n| n.as_destination().is_some())
            })
            .expect("a flow into the destination");
        let template = p.fields[0].clone();
        p.flows[into].fields.clear();
        for (i, wire) in wire_names.iter().enumerate() {
            let id = format!("f{i}");
            p.fields.push(capimap::model::Field {
                id: id.as_str().into(),
                ..template.clone()
            });
            p.flows[into].fields.push(capimap::model::FieldMapping::new(
                id.as_str().into(),
                *wire,
                capimap::model::Transform::Raw,
            ));
        }
        let report = capimap::check::check(&p, &catalog);
        for f in report
            .findings
            .iter()
            .filter(|f| f.rule.id == "minimise/not-accepted")
        {
            refused.push(format!("check {}: {}", platform.id, f.message));
        }
    }
    assert!(refused.is_empty(), "refused:\n{}", refused.join("\n"));
}

/// Everything `capimap inspect` printed, stdout and stderr, for `input` in both formats.
fn all_output(input: &Path, platform: &str) -> Vec<String> {
    ["text", "json"]
        .iter()
        .map(|format| {
            let o = inspect(&[
                input.to_str().unwrap(),
                "--platform",
                platform,
                "--format",
                format,
            ]);
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        })
        .collect()
}

#[test]
fn keys_and_id_types_that_carry_values_never_reach_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("keys.jsonl");
    let email = "walrus.pelican.4410@odd-domain.example";
    // Values used as keys: an e-mail as a key of custom data, a value as LinkedIn's idType,
    // and a key with a terminal escape that clears the screen.
    let meta = serde_json::json!({"data": [{
        "event_name": "Purchase",
        "custom_data": {email: "1", "\u{1b}[2Jwipe": "x"},
    }]});
    let linkedin = serde_json::json!({"elements": [{
        "conversion": "urn:lla:llaPartnerConversion:1",
        "user": {"userIds": [{"idType": email, "idValue": "x"},
                              {"idType": "SHA256_EMAIL", "idValue": "ab"}]},
    }]});
    std::fs::write(&input, format!("{meta}\n")).unwrap();
    for out in all_output(&input, "meta") {
        assert!(!out.contains(email), "an e-mail key leaked: {out}");
        assert!(!out.contains("walrus"), "{out}");
        assert!(!out.contains('\u{1b}'), "a raw escape code was printed");
        assert!(
            out.contains("<e-mail address>"),
            "the key is named by its kind: {out}"
        );
    }
    std::fs::write(&input, format!("{linkedin}\n")).unwrap();
    for out in all_output(&input, "linkedin") {
        assert!(!out.contains(email), "an idType value leaked: {out}");
        assert!(
            out.contains("user.user_ids[SHA256_EMAIL]")
                || out.contains("user.userIds[SHA256_EMAIL]"),
            "the platform's own id type stays as written: {out}"
        );
    }
}

#[test]
fn json_lines_with_a_long_first_line_and_a_line_that_is_not_utf8_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("long.jsonl");
    let long = "a".repeat(20_000);
    let first = serde_json::json!({"data": [{"event_name": "Purchase", "custom_data": {"content_name": long}}]});
    let second = serde_json::json!({"data": [{"event_name": "Lead"}]});
    let mut bytes = format!("{first}\n").into_bytes();
    bytes.extend_from_slice(b"{\"data\": [\xff\xfe]}\n");
    bytes.extend_from_slice(format!("{second}\nnull\n").as_bytes());
    std::fs::write(&input, bytes).unwrap();
    let o = inspect(&[
        input.to_str().unwrap(),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code().map(|c| c <= 1),
        Some(true),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v = json(&o);
    assert_eq!(v["bodies"], 2, "the two good lines are read");
    let skipped = v["skipped"].as_array().unwrap();
    let line = |n: u64| {
        skipped
            .iter()
            .find(|s| s["line"] == n)
            .map(|s| s["reason"].as_str().unwrap().to_owned())
    };
    assert_eq!(line(2).as_deref(), Some("not UTF-8 text"));
    assert!(
        line(4).is_some_and(|r| r.contains("not a JSON object")),
        "{skipped:?}"
    );
    assert!(
        !v["paths"].as_object().unwrap().contains_key(""),
        "no empty path for the null body"
    );
}

#[test]
fn a_million_distinct_keys_are_counted_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("many.jsonl");
    let mut text = String::new();
    for chunk in 0..30 {
        let keys: serde_json::Map<String, serde_json::Value> = (0..1_000)
            .map(|i| (format!("k{chunk}x{i}"), serde_json::Value::from(1)))
            .collect();
        text.push_str(&serde_json::json!({"data": [{"custom_data": keys}]}).to_string());
        text.push('\n');
    }
    std::fs::write(&input, text).unwrap();
    let o = inspect(&[
        input.to_str().unwrap(),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    let v = json(&o);
    let tracked = v["paths"].as_object().unwrap().len();
    assert_eq!(tracked, capimap::inspect::MAX_PATHS);
    assert_eq!(v["untracked"], 30_000 - capimap::inspect::MAX_PATHS as u64);
    assert!(String::from_utf8_lossy(&o.stderr).contains("counted but not listed"));
}

#[test]
fn hashed_and_raw_count_events_not_values() {
    // Two events: the first sends three hashed e-mail addresses and two raw ones in one list,
    // the second one hash.
    let hash = "a".repeat(64);
    let body = serde_json::json!({"data": [
        {"event_name": "Purchase", "user_data": {
            "em": [hash, hash, hash, "someone@example.com", "other@example.com"]}},
        {"event_name": "Purchase", "user_data": {"em": [hash]}},
    ]});
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lists.jsonl");
    std::fs::write(&file, format!("{body}\n")).unwrap();
    let o = inspect(&[
        file.to_str().unwrap(),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    let v = json(&o);
    let em = &v["paths"]["user_data.em"];
    assert_eq!(em["present"], 2, "{em}");
    assert_eq!(em["hashed_events"], 2, "{em}");
    assert_eq!(em["raw_events"], 1, "{em}");
    // The kinds still count values.
    assert_eq!(em["kinds"]["sha256-hex"], 4, "{em}");
    // The table shows events: no column exceeds the events column.
    let o = inspect(&[file.to_str().unwrap(), "--platform", "meta"]);
    let text = String::from_utf8_lossy(&o.stdout);
    let row = text
        .lines()
        .find(|l| l.trim_start().starts_with("user_data.em "))
        .unwrap_or_else(|| panic!("{text}"));
    let numbers: Vec<usize> = row
        .split_whitespace()
        .skip(1)
        .take(3)
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers, [2, 2, 1], "{row}");
}

#[test]
fn a_dash_reads_standard_input_as_a_file_is_read() {
    use std::io::Write as _;
    let file = fixture("meta-malformed.jsonl");
    let from_file = inspect(&[&file, "--platform", "meta", "--format", "json"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["inspect", "-", "--platform", "meta", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(&file).unwrap())
        .unwrap();
    let from_stdin = child.wait_with_output().unwrap();
    assert_eq!(from_stdin.status.code(), from_file.status.code());
    let (a, b) = (json(&from_file), json(&from_stdin));
    assert!(a["events"].as_u64().unwrap() > 0);
    assert_eq!(a["paths"], b["paths"]);
    assert_eq!(a["flags"], b["flags"]);
}
