//! The platform catalogue: every built-in platform loads, says unknown where the research found
//! nothing, and a user's own files add to or override it.

use std::fs;
use std::process::Command;

use capimap::catalog::{Catalog, Fact, Hashing, Provenance};

#[test]
fn the_ten_platforms_load_with_sources_for_every_fact() {
    let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(catalog.len(), 10);
    // Every address given is a web address. Some facts come without one, where the reference
    // quotes a source (terms, integrators' notes) without its address.
    let check = |p: &str, what: &str, s: &capimap::catalog::Source| {
        if !s.url.is_empty() {
            assert!(s.url.starts_with("https://"), "{p} {what}: {}", s.url);
        }
    };
    for p in catalog.platforms() {
        assert!(!p.user_data.is_empty(), "{}: match keys", p.id);
        for x in p.user_data.iter().chain(&p.event_data) {
            assert_ne!(
                x.source.provenance,
                Provenance::Unknown,
                "{} {}",
                p.id,
                x.wire_name
            );
            if matches!(
                x.source.provenance,
                Provenance::Primary | Provenance::PrimaryCode
            ) {
                assert!(
                    !x.source.url.is_empty(),
                    "{} {}: a primary fact names its page",
                    p.id,
                    x.wire_name
                );
            }
            check(&p.id, &x.wire_name, &x.source);
        }
        for c in &p.consent_parameters {
            check(&p.id, &c.wire_name, &c.source);
        }
        for t in &p.terms {
            check(&p.id, &t.name, &t.source);
        }
        for f in [
            p.dedup_key.source(),
            p.event_window.source(),
            p.retention.source(),
        ]
        .into_iter()
        .flatten()
        {
            check(&p.id, "fact", f);
        }
    }
}

#[test]
fn the_catalogue_says_unknown_where_the_reference_does() {
    let catalog = Catalog::builtin().unwrap();
    // No retention statement was found for these platforms' conversion APIs.
    for id in [
        "tiktok",
        "snapchat",
        "pinterest",
        "reddit",
        "x",
        "microsoft",
        "linkedin",
    ] {
        let p = catalog.get(id).unwrap();
        assert!(
            matches!(p.retention, Fact::Unknown { .. }),
            "{id}: retention should be unknown"
        );
    }
    // Meta states two years (secondary source quoting the terms).
    let meta = catalog.get("meta").unwrap();
    assert_eq!(meta.retention.value().unwrap().to_string(), "2 years");
    assert_eq!(
        meta.retention.source().unwrap().provenance,
        Provenance::Secondary
    );
}

#[test]
fn hashing_rules_follow_the_platforms() {
    let catalog = Catalog::builtin().unwrap();
    let rule = |p: &str, w: &str| {
        catalog
            .get(p)
            .unwrap()
            .parameter(w)
            .unwrap_or_else(|| panic!("{p} has {w}"))
            .hashing
    };
    assert_eq!(rule("meta", "user_data.em"), Hashing::MustHash);
    assert_eq!(
        rule("meta", "user_data.client_ip_address"),
        Hashing::MustNotHash
    );
    assert_eq!(
        rule("google-ads", "user_identifiers.hashed_phone_number"),
        Hashing::MustHash
    );
    assert_eq!(
        rule("google-ads", "user_identifiers.address_info.postal_code"),
        Hashing::MustNotHash
    );
    assert_eq!(rule("tiktok", "user.phone"), Hashing::MustHash);
    assert_eq!(rule("tiktok", "user.ttclid"), Hashing::MustNotHash);
    let google = catalog.get("google-ads").unwrap();
    let ip = google.parameter("user_ip_address").unwrap();
    assert!(ip.unused_in.iter().any(|r| r == "EEA"));
    assert!(google.parameter("order_id").unwrap().no_personal_data);
    assert!(
        google
            .consent_parameter("consent.ad_user_data")
            .unwrap()
            .required
    );
}

#[test]
fn a_users_folder_adds_and_overrides_platforms() {
    let dir = tempfile::tempdir().unwrap();
    let meta = include_str!("../templates/platforms/meta.ron").replacen(
        "name: \"Meta Conversions API\"",
        "name: \"Meta (our reading)\"",
        1,
    );
    fs::write(dir.path().join("meta.ron"), meta).unwrap();
    let own = include_str!("../templates/platforms/meta.ron")
        .replacen("id: \"meta\"", "id: \"in-house-ads\"", 1)
        .replacen(
            "name: \"Meta Conversions API\"",
            "name: \"In-house ad server\"",
            1,
        );
    fs::write(dir.path().join("own.ron"), own).unwrap();
    fs::write(dir.path().join("notes.txt"), "not a platform").unwrap();

    let catalog = Catalog::builtin().unwrap().with_dir(dir.path()).unwrap();
    assert_eq!(catalog.len(), 11);
    assert_eq!(catalog.get("meta").unwrap().name, "Meta (our reading)");
    assert_eq!(
        catalog.get("in-house-ads").unwrap().name,
        "In-house ad server"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["platforms", "--catalog", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("In-house ad server"));
}

#[test]
fn a_broken_catalogue_file_is_one_line_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    fs::write(&path, "(\n    id: \"x\",\n    name: 5,\n)").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["check", "assets/examples/shop.capimap.ron", "--catalog"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&format!("{}:3:", path.display())), "{err}");
    let missing = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["platforms", "--catalog", "no/such/folder"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/folder"));
}
