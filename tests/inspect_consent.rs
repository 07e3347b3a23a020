//! Captures checked against a consent state (`inspect --against P --destination D --case N`
//! or `--consent CHOICES`): captures a test shop could have sent, written here. A shop that
//! sends to Meta while personalised advertising is denied is caught, one that tells Google
//! `adUserData: GRANTED` while measurement is denied is caught, and the correct shop raises
//! nothing under each case.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn example() -> String {
    format!(
        "{}/assets/examples/shop.capimap.ron",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn capimap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(args)
        .output()
        .expect("capimap runs")
}

/// `inspect CAPTURE --platform P --against EXAMPLE --destination D` and more, as JSON.
fn against(capture: &Path, platform: &str, destination: &str, more: &[&str]) -> Output {
    let example = example();
    let mut args = vec![
        "inspect",
        capture.to_str().unwrap(),
        "--platform",
        platform,
        "--against",
        &example,
        "--destination",
        destination,
        "--format",
        "json",
    ];
    args.extend_from_slice(more);
    capimap(&args)
}

fn json_of(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}): {}", String::from_utf8_lossy(&o.stderr)))
}

/// The consent flags: (id, path, message).
fn consent_flags(v: &Value) -> Vec<(String, String, String)> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let id = f["id"].as_str().unwrap();
            id.starts_with("inspect/sent-without")
                || id.starts_with("inspect/event-without")
                || id.starts_with("inspect/consent-signal")
        })
        .map(|f| {
            (
                f["id"].as_str().unwrap().to_owned(),
                f["path"].as_str().unwrap().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn hex(seed: usize) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(format!("made-up-{seed}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Meta events as the example's shop sends them: hashed e-mail and phone, IP, user agent.
fn meta_capture(events: usize) -> String {
    (0..events)
        .map(|i| {
            json!({"data": [{
                "event_name": "Purchase", "event_time": 1_764_000_000 + i, "event_id": format!("ev-{i}"),
                "action_source": "website", "event_source_url": "https://shop.example/checkout",
                "user_data": {"em": [hex(i)], "ph": [hex(i + 100)], "client_user_agent": "Mozilla/5.0"},
                "custom_data": {"currency": "EUR", "value": 10.0}
            }]})
            .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A Google Ads click-conversion upload with a hashed e-mail and the given ad_user_data.
fn google_capture(ad_user_data: &str, with_email: bool) -> String {
    let mut c = json!({
        "conversionAction": "customers/123/conversionActions/456",
        "conversionDateTime": "2026-11-26 10:00:00+01:00",
        "conversionValue": 49.9,
        "currencyCode": "EUR",
        "consent": {"adUserData": ad_user_data}
    });
    if with_email {
        c["userIdentifiers"] = json!([{"hashedEmail": hex(7)}]);
    }
    json!({"conversions": [c], "partialFailure": true}).to_string()
}

#[test]
fn meta_sent_while_personalised_advertising_was_denied_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let capture = write(dir.path(), "meta.jsonl", &meta_capture(3));
    // The plan's case 3 denies personalised advertising only; the example sends Meta its
    // data for measurement and retargeting alike.
    let o = against(&capture, "meta", "meta-capi", &["--case", "3"]);
    let v = json_of(&o);
    let flags = consent_flags(&v);
    let email = flags
        .iter()
        .find(|(id, path, _)| id == "inspect/sent-without-consent" && path == "user_data.em")
        .unwrap_or_else(|| panic!("no flag on the e-mail: {flags:?}"));
    assert!(email.2.contains("3 events"), "{}", email.2);
    assert!(email.2.contains("Personalised advertising"), "{}", email.2);
    assert!(email.2.contains("Art. 6(1)(a)"), "{}", email.2);
    assert_eq!(v["consent"]["events_sent_without_consent"], 3);
    assert_eq!(o.status.code(), Some(1), "an error-level finding fails");

    // Under case 1 (everything granted) the same capture is what the shop may send.
    let o = against(&capture, "meta", "meta-capi", &["--case", "1"]);
    let v = json_of(&o);
    assert_eq!(consent_flags(&v), vec![]);
    assert_eq!(v["consent"]["events_sent_without_consent"], 0);

    // The choices written out find the same case.
    let o = against(
        &capture,
        "meta",
        "meta-capi",
        &["--consent", "cp-marketing=denied, cp-measurement=granted"],
    );
    assert_eq!(json_of(&o)["consent"]["events_sent_without_consent"], 3);
    for seed in [0, 1, 2, 100] {
        assert!(!String::from_utf8_lossy(&o.stdout).contains(&hex(seed)));
    }
}

#[test]
fn google_told_granted_while_measurement_was_denied_is_caught() {
    let dir = tempfile::tempdir().unwrap();
    let capture = write(dir.path(), "g.json", &google_capture("GRANTED", true));
    let o = against(
        &capture,
        "google-ads",
        "google-ads",
        &["--consent", "cp-measurement=denied,cp-marketing=granted"],
    );
    let v = json_of(&o);
    let flags = consent_flags(&v);
    let signal = flags
        .iter()
        .find(|(id, ..)| id == "inspect/consent-signal-contradicts")
        .unwrap_or_else(|| panic!("no signal flag: {flags:?}"));
    assert_eq!(signal.1, "consent.ad_user_data");
    assert!(signal.2.contains("must be DENIED"), "{}", signal.2);
    assert!(signal.2.contains("GRANTED on 1 event"), "{}", signal.2);
    assert!(signal.2.contains("Advertising measurement"), "{}", signal.2);
    assert!(
        flags
            .iter()
            .any(|(id, path, _)| id == "inspect/sent-without-consent"
                && path.contains("hashed_email")),
        "the e-mail must not be sent either: {flags:?}"
    );

    // A value that is neither is reported as such, not as the opposite.
    let odd = write(dir.path(), "odd.json", &google_capture("granted", false));
    let o = against(&odd, "google-ads", "google-ads", &["--case", "2"]);
    let s = &json_of(&o)["consent"]["signals"][0];
    assert_eq!(
        (s["other"].as_u64(), s["opposite"].as_u64()),
        (Some(1), Some(0))
    );
}

#[test]
fn the_correct_shop_raises_nothing_under_each_case() {
    let dir = tempfile::tempdir().unwrap();
    // Everything granted: Google gets the e-mail and GRANTED.
    let all = write(dir.path(), "all.json", &google_capture("GRANTED", true));
    // Measurement denied: no identifier, and DENIED.
    let none = write(dir.path(), "none.json", &google_capture("DENIED", false));
    for (case, capture) in [("1", &all), ("2", &none), ("3", &all)] {
        let o = against(capture, "google-ads", "google-ads", &["--case", case]);
        let v = json_of(&o);
        assert_eq!(consent_flags(&v), vec![], "case {case}");
        let s = &v["consent"]["signals"][0];
        assert_eq!(s["as_expected"], 1, "case {case}: {s}");
    }
    // Everything granted: Meta gets all the example sends it.
    let meta = write(dir.path(), "meta.jsonl", &meta_capture(2));
    let o = against(&meta, "meta", "meta-capi", &["--case", "1"]);
    assert_eq!(consent_flags(&json_of(&o)), vec![]);
}

#[test]
fn an_event_where_the_case_lets_none_through_is_caught_whatever_it_carries() {
    let dir = tempfile::tempdir().unwrap();
    // No field the record knows: only the event's name and an undocumented field.
    let bare = json!({"data": [{"event_name": "Purchase", "custom_data": {"currency": "EUR"}}]});
    let capture = write(dir.path(), "bare.jsonl", &bare.to_string());
    let o = against(&capture, "meta", "meta-capi", &["--case", "3"]);
    let v = json_of(&o);
    assert_eq!(v["consent"]["events_not_expected"], 1);
    assert_eq!(v["consent"]["events_sent_without_consent"], 0);
    let flags = consent_flags(&v);
    assert!(
        flags
            .iter()
            .any(|(id, _, m)| id == "inspect/event-without-consent"
                && m.contains("Personalised advertising")),
        "{flags:?}"
    );
    // Google Ads still receives events in case 3: nothing of the kind there.
    let g = write(dir.path(), "g.json", &google_capture("GRANTED", false));
    let v = json_of(&against(&g, "google-ads", "google-ads", &["--case", "3"]));
    assert!(v["consent"].get("events_not_expected").is_none(), "{v}");
}

#[test]
fn the_text_output_says_what_was_checked() {
    let dir = tempfile::tempdir().unwrap();
    let capture = write(dir.path(), "meta.jsonl", &meta_capture(2));
    let example = example();
    let o = capimap(&[
        "inspect",
        capture.to_str().unwrap(),
        "--platform",
        "meta",
        "--against",
        &example,
        "--destination",
        "meta-capi",
        "--case",
        "3",
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Against case 3 for EEA, UK, CH of the consent test plan"),
        "{text}"
    );
    assert!(
        text.contains("2 events carried data that must not reach the destination"),
        "{text}"
    );
    assert!(text.contains("[inspect/sent-without-consent]"), "{text}");
}

#[test]
fn wrong_choices_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let capture = write(dir.path(), "meta.jsonl", &meta_capture(1));
    let cases: [(&[&str], &str); 5] = [
        (&["--case", "9"], "no case 9"),
        (&["--case", "4"], "withdrawal case"),
        (
            &["--consent", "cp-marketing=denied"],
            "missing: cp-measurement",
        ),
        (
            &["--consent", "cp-marketing=maybe,cp-measurement=granted"],
            "granted or denied",
        ),
        (
            &["--consent", "cp-nothing=denied,cp-measurement=granted"],
            "not a consent purpose",
        ),
    ];
    for (more, says) in cases {
        let o = against(&capture, "meta", "meta-capi", more);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{more:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{more:?}: {err}");
        assert!(err.contains(says), "{more:?}: {err}");
    }
    // Case 4 is the withdrawal of the export to Google Ads: not Meta's.
    let ids = write(
        dir.path(),
        "ids.ron",
        r#"[(email: "qa.one@example.com", withdrawn: true)]"#,
    );
    let o = against(
        &capture,
        "meta",
        "meta-capi",
        &["--case", "4", "--test-identities", ids.to_str().unwrap()],
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not to meta-capi"), "{err}");
}

/// A HAR file of a test order: the shop's page, then its server's requests to Meta and
/// Google Ads.
fn har(meta: &str, google: &str) -> String {
    let post = |url: &str, body: &str| {
        json!({"request": {"method": "POST", "url": url,
            "postData": {"mimeType": "application/json", "text": body}},
            "response": {"status": 200}})
    };
    json!({"log": {"version": "1.2", "entries": [
        {"request": {"method": "GET", "url": "https://shop.example/"}, "response": {"status": 200}},
        post("https://graph.facebook.com/v21.0/1234567890/events", meta),
        post("https://googleads.googleapis.com/v21/customers/123:uploadClickConversions", google),
    ]}})
    .to_string()
}

#[test]
fn a_har_file_without_destination_is_checked_for_every_destination_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let meta_lines = meta_capture(1);
    let capture = write(
        dir.path(),
        "order.har",
        &har(&meta_lines, &google_capture("GRANTED", true)),
    );
    let example = example();
    let args = [
        "inspect",
        capture.to_str().unwrap(),
        "--against",
        &example,
        "--case",
        "3",
    ];
    let o = capimap(&[&args[..], &["--format", "json"]].concat());
    let v = json_of(&o);
    let all = v["destinations"].as_array().unwrap();
    let of = |id: &str| {
        all.iter()
            .find(|d| d["destination"] == id)
            .unwrap_or_else(|| panic!("no {id} in {v}"))
    };
    // Personalised advertising denied: Meta must get nothing, Google Ads everything it gets.
    let meta = of("meta-capi");
    assert_eq!(meta["bodies"], 1);
    assert_eq!(meta["consent"]["events_sent_without_consent"], 1);
    let google = of("google-ads");
    assert_eq!(google["bodies"], 1);
    assert_eq!(consent_flags(google), vec![]);
    assert_eq!(google["consent"]["signals"][0]["as_expected"], 1);
    // No request went to TikTok: nothing said about it, and nothing flagged.
    assert_eq!(of("tiktok-events")["bodies"], 0);
    assert_eq!(o.status.code(), Some(1));

    // The text names each destination.
    let o = capimap(&args);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("== meta-capi (meta) =="), "{text}");
    assert!(text.contains("== google-ads (google-ads) =="), "{text}");
    assert!(text.contains("no request to tiktok's hosts"), "{text}");

    // Other captures cannot be told apart by host.
    let lines = write(dir.path(), "meta.jsonl", &meta_lines);
    let o = capimap(&["inspect", lines.to_str().unwrap(), "--against", &example]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("not a HAR file"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
