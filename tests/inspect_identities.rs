//! Test identities from the command line: captures a test shop could have sent, made here from
//! made-up people, hashed the platform's way and the usual wrong ways. capimap says whose each
//! hash is and how it was made, finds a withdrawn person's data in a batch, and never shows a
//! test value or a captured value.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

const IDENTITIES: &str = r#"// The QA team's made-up people.
[
    (email: "qa.one@example.com", phone: "+49 170 1111111"),
    (email: "  Zoë.Müller+qa@GMail.com ", phone: "0170 1234567", country: "DE", first_name: "Zoë"),
]
"#;

/// Every value of the identities above, as typed and as any output could spell it.
const VALUES: [&str; 9] = [
    "qa.one@example.com",
    "1701111111",
    "Zoë.Müller",
    "zoë.müller",
    "zoëmüller",
    "GMail",
    "1701234567",
    "0170 1234567",
    "Zoë",
];

fn sha(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn inspect(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("capimap runs")
}

/// `inspect CAPTURE --platform P --test-identities IDS` and further arguments.
fn with_identities(capture: &Path, platform: &str, ids: &Path, more: &[&str]) -> Output {
    let mut args = vec![
        capture.to_str().unwrap(),
        "--platform",
        platform,
        "--test-identities",
        ids.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    inspect(&args)
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("JSON output ({e}): {}", String::from_utf8_lossy(&o.stderr)))
}

/// A Meta event with hashed e-mail and phone.
fn meta_event(em: &str, ph: &str) -> String {
    serde_json::json!({"data": [{
        "event_name": "Purchase", "event_time": 1_764_000_000, "action_source": "website",
        "event_source_url": "https://shop.example/checkout",
        "user_data": {"em": [em], "ph": [ph], "client_user_agent": "Mozilla/5.0"}
    }]})
    .to_string()
}

/// A Data Manager batch of events, each with a hashed e-mail.
fn google_batch(emails: &[String]) -> String {
    let events: Vec<serde_json::Value> = emails
        .iter()
        .map(|e| serde_json::json!({"userData": {"userIdentifiers": [{"emailAddress": e}]}}))
        .collect();
    serde_json::json!({ "events": events }).to_string()
}

/// The identity uses of a JSON result: (path, identity, field, as required, ways).
fn uses(v: &serde_json::Value) -> Vec<(String, u64, String, u64, Vec<String>)> {
    v["identities"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|u| {
            (
                u["path"].as_str().unwrap().to_owned(),
                u["identity"].as_u64().unwrap(),
                u["field"].as_str().unwrap().to_owned(),
                u["as_required"].as_u64().unwrap(),
                u["ways"].as_object().unwrap().keys().cloned().collect(),
            )
        })
        .collect()
}

fn flag_ids(v: &serde_json::Value) -> Vec<String> {
    v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn each_hash_is_told_whose_it_is_and_how_it_was_made() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write(dir.path(), "ids.ron", IDENTITIES);
    // Meta: identity 1 hashed right; identity 2's e-mail as typed, its phone in national
    // format with the leading zero.
    let capture = [
        meta_event(&sha("qa.one@example.com"), &sha("491701111111")),
        meta_event(&sha("  Zoë.Müller+qa@GMail.com "), &sha("01701234567")),
    ]
    .join("\n");
    let meta = write(dir.path(), "meta.jsonl", &capture);
    let out = with_identities(&meta, "meta", &ids, &["--format", "json"]);
    let v = json(&out);
    let got = uses(&v);
    let find = |path: &str, n: u64| {
        got.iter()
            .find(|u| u.0 == path && u.1 == n)
            .unwrap_or_else(|| panic!("{path} of identity {n} in {got:?}"))
            .clone()
    };
    assert_eq!(find("user_data.em", 1).3, 1, "hashed as Meta requires");
    assert_eq!(find("user_data.ph", 1).3, 1);
    assert_eq!(find("user_data.em", 2).4, ["as typed, not trimmed"]);
    assert_eq!(
        find("user_data.ph", 2).4,
        ["national format, leading zero kept"]
    );
    let flags = flag_ids(&v);
    assert_eq!(
        flags
            .iter()
            .filter(|f| *f == "inspect/identity-hashed-wrongly")
            .count(),
        2,
        "{flags:?}"
    );
    // Google's Data Manager API removes Gmail's dots and +suffix: a hash that kept them is
    // wrong there, though it is Meta's rule.
    let batch = google_batch(&[sha("zoë.müller+qa@gmail.com"), sha("zoëmüller@gmail.com")]);
    let google = write(dir.path(), "google.json", &batch);
    let v = json(&with_identities(
        &google,
        "google-data-manager",
        &ids,
        &["--format", "json"],
    ));
    let got = uses(&v);
    let email = got
        .iter()
        .find(|u| u.1 == 2 && u.2 == "email")
        .expect("identity 2's e-mail");
    assert_eq!(
        email.3, 1,
        "the Gmail-normalised hash is as required: {got:?}"
    );
    assert_eq!(email.4, ["e-mail: trim, lower-case"], "{got:?}");
}

#[test]
fn a_withdrawn_identitys_event_in_a_batch_is_caught_and_a_batch_without_it_passes() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write(dir.path(), "ids.ron", IDENTITIES);
    let with = write(
        dir.path(),
        "with.json",
        &google_batch(&[sha("qa.one@example.com"), sha("zoëmüller@gmail.com")]),
    );
    let without = write(
        dir.path(),
        "without.json",
        &google_batch(&[sha("qa.one@example.com")]),
    );
    let run = |capture: &Path| {
        with_identities(
            capture,
            "google-data-manager",
            &ids,
            &["--withdrawn", "2", "--format", "json"],
        )
    };
    let caught = run(&with);
    assert_eq!(caught.status.code(), Some(1));
    let flags = flag_ids(&json(&caught));
    assert!(
        flags.contains(&"inspect/withdrawn-identity-sent".to_owned()),
        "{flags:?}"
    );
    let passed = run(&without);
    let flags = flag_ids(&json(&passed));
    assert!(
        !flags.iter().any(|f| f.starts_with("inspect/withdrawn")),
        "{flags:?}"
    );
    // A number the file does not have is an error before anything is read.
    let out = with_identities(&with, "google-data-manager", &ids, &["--withdrawn", "3"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--withdrawn 3") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn no_test_value_and_no_captured_value_appears_in_any_output() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write(dir.path(), "ids.ron", IDENTITIES);
    let hashes = [
        sha("  Zoë.Müller+qa@GMail.com "),
        sha("01701234567"),
        sha("qa.one@example.com"),
    ];
    let mut capture = vec![
        meta_event(&hashes[0], &hashes[1]),
        meta_event(&hashes[2], &sha("491701111111")),
    ];
    // Identity 2's e-mail sent raw, and a stranger's hash.
    capture.push(meta_event("zoë.müller+qa@gmail.com", &sha("4915112345678")));
    let meta = write(dir.path(), "meta.jsonl", &capture.join("\n"));
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    for format in ["text", "json"] {
        let out = with_identities(
            &meta,
            "meta",
            &ids,
            &["--withdrawn", "2", "--format", format],
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(all.contains("identity 2"), "{all}");
        // The raw e-mail is found as identity 2's, without being shown.
        assert!(all.contains("inspect/identity-sent-raw"), "{all}");
        for v in VALUES {
            assert!(!all.contains(v), "{format}: {v:?} in the output");
        }
        for h in &hashes {
            assert!(
                !all.contains(h.as_str()),
                "{format}: a captured hash in the output"
            );
        }
        let hex_runs = all
            .as_bytes()
            .windows(64)
            .any(|w| w.iter().all(u8::is_ascii_hexdigit));
        assert!(!hex_runs, "{format}: no 64-digit hex at all");
    }
    // Nothing was written beside the inputs.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), before.len());
}

#[test]
fn a_bad_identities_file_is_one_line_naming_its_place_and_no_value() {
    let dir = tempfile::tempdir().unwrap();
    let ids = write(
        dir.path(),
        "ids.ron",
        "[\n  (email: \"secret.person@example.com\", phone: 0170),\n]",
    );
    let meta = write(dir.path(), "meta.jsonl", &meta_event("a", "b"));
    let out = with_identities(&meta, "meta", &ids, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("ids.ron:2:"), "{err}");
    assert!(!err.contains("secret") && !err.contains("0170"), "{err}");
}
