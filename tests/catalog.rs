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
    // The app and the export read the same folder, and refuse a broken one the same way
    // before opening a window or writing a file.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("record.pdf");
    for args in [
        vec![
            "open",
            "assets/examples/shop.capimap.ron",
            "--catalog",
            "no/such/folder",
        ],
        vec![
            "export",
            "assets/examples/shop.capimap.ron",
            "--pdf",
            pdf.to_str().unwrap(),
            "--catalog",
            "no/such/folder",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_capimap"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no/such/folder"),
            "{args:?}"
        );
    }
    assert!(!pdf.exists());
}

#[test]
fn platforms_json_shows_request_types_hosts_request_shape_and_when_the_facts_were_checked() {
    let out = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["platforms", "google-ads", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let types: Vec<&str> = v["request_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    for t in [
        "click-conversion",
        "call-conversion",
        "conversion-adjustment",
    ] {
        assert!(types.contains(&t), "{types:?}");
    }
    assert_eq!(v["api"]["hosts"][0], "googleads.googleapis.com");
    assert!(
        v["api"]["events_at"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    assert_eq!(v["api"]["camel_case"], true);
    assert_eq!(v["api_version"], "v23");
    assert!(v["checked"].as_str().is_some_and(|d| d.len() == 10));
    // The text form says the same.
    let text = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["platforms", "google-ads"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("version v23"), "{text}");
    assert!(text.contains("conversion-adjustment"), "{text}");
    assert!(text.contains("googleads.googleapis.com"), "{text}");
}

#[test]
fn every_platform_has_hosts_request_shape_and_a_date_of_checking() {
    let catalog = Catalog::builtin().unwrap();
    for p in catalog.platforms() {
        assert!(!p.api.hosts.is_empty(), "{}: hosts", p.id);
        assert!(!p.api.events_at.is_empty(), "{}: events_at", p.id);
        assert!(p.checked.is_some(), "{}: checked", p.id);
    }
}

#[test]
fn google_ads_consent_is_carried_by_click_and_call_conversions_not_adjustments() {
    // Audit §2: ConversionAdjustment has no consent field.
    let catalog = Catalog::builtin().unwrap();
    let google = catalog.get("google-ads").unwrap();
    let consent = google.consent_parameter("consent.ad_user_data").unwrap();
    let carried = |t| capimap::catalog::carried_by(&consent.request_types, Some(t));
    assert!(carried("click-conversion") && carried("call-conversion"));
    assert!(!carried("conversion-adjustment"));
}

#[test]
fn the_audits_corrections_are_in_the_catalogue() {
    let catalog = Catalog::builtin().unwrap();
    // Data Manager's consent values are the wire enum's names.
    let dm = catalog.get("google-data-manager").unwrap();
    for c in &dm.consent_parameters {
        assert!(c.meaning.contains("CONSENT_GRANTED"), "{}", c.wire_name);
        assert!(
            c.meaning.contains("CONSENT_STATUS_UNSPECIFIED"),
            "{}",
            c.wire_name
        );
    }
    // Reddit: e-mail without dots and +suffix; the conversion id may be hashed or not.
    let reddit = catalog.get("reddit").unwrap();
    assert_eq!(
        reddit.parameter("user.email").unwrap().normalisation,
        Some(capimap::model::Normalisation::EmailNoDotsNoPlus)
    );
    assert_eq!(
        reddit.parameter("metadata.conversion_id").unwrap().hashing,
        Hashing::Optional
    );
    // Meta: 62 days for physical-store events, secondary until confirmed on the live page.
    let meta = catalog.get("meta").unwrap();
    let store = meta.event_window_of(Some("physical-store"));
    assert_eq!(
        store.value().map(ToString::to_string).as_deref(),
        Some("62 days")
    );
    assert_eq!(
        store.source().map(|s| s.provenance),
        Some(Provenance::Secondary)
    );
    assert_eq!(
        meta.event_window_of(Some("website"))
            .value()
            .map(ToString::to_string)
            .as_deref(),
        Some("7 days")
    );
}

/// The parameters the audit found missing (a selection of each platform's), which a mapping
/// or an inspected request may now use.
const ADDED: &[(&str, &str)] = &[
    ("meta", "user_data.page_id"),
    ("meta", "user_data.ctwa_clid"),
    ("meta", "user_data.page_scoped_user_id"),
    ("meta", "user_data.ig_account_id"),
    ("meta", "user_data.ig_sid"),
    ("meta", "user_data.f5first"),
    ("meta", "user_data.f5last"),
    ("meta", "user_data.fi"),
    ("meta", "user_data.dobd"),
    ("meta", "user_data.dobm"),
    ("meta", "user_data.doby"),
    ("meta", "app_data.extinfo"),
    ("google-ads", "caller_id"),
    ("google-ads", "session_attributes_encoded"),
    ("google-ads", "session_attributes_key_value_pairs"),
    ("google-ads", "user_identifiers.user_identifier_source"),
    ("google-data-manager", "user_id"),
    ("google-data-manager", "client_id"),
    ("google-data-manager", "app_instance_id"),
    ("google-data-manager", "ad_identifiers.mobile_device_id"),
    ("google-data-manager", "ad_identifiers.dclid"),
    ("google-data-manager", "ad_identifiers.impression_id"),
    ("tiktok", "lead.lead_id"),
    ("tiktok", "lead.lead_event_source"),
    ("tiktok", "properties.description"),
    ("tiktok", "properties.search_string"),
    ("pinterest", "os_version"),
];

#[test]
fn the_parameters_the_audit_found_missing_are_accepted() {
    let catalog = Catalog::builtin().unwrap();
    let mut missing = Vec::new();
    for (platform, wire) in ADDED {
        if catalog.get(platform).unwrap().accepts(wire) != Some(true) {
            missing.push(format!("{platform} {wire}"));
        }
    }
    assert!(missing.is_empty(), "not accepted: {}", missing.join(", "));
}

#[test]
fn the_readme_gives_the_catalogues_provenance_counts_as_platforms_prints_them() {
    let out = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .arg("platforms")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&out.stdout);
    let line = out
        .lines()
        .find(|l| l.starts_with("Catalogue: "))
        .expect("a summary line");
    let readme = fs::read_to_string("README.md").unwrap();
    assert!(readme.contains(line), "README lacks: {line}");
}

#[test]
fn a_parameter_naming_a_request_type_the_platform_lacks_is_refused_with_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = include_str!("../templates/platforms/google-ads.ron").replacen(
        "request_types: [\"click-conversion\", \"call-conversion\"]",
        "request_types: [\"click-conversion\", \"phone-call\"]",
        1,
    );
    assert!(text.contains("phone-call"), "the template changed");
    fs::write(dir.path().join("google-ads.ron"), text).unwrap();
    let err = Catalog::builtin()
        .unwrap()
        .with_dir(dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("google-ads.ron") && err.contains("'phone-call'"),
        "{err}"
    );
}

#[test]
fn the_usual_normalisations_come_from_the_catalogue_and_a_users_folder_can_change_them() {
    use capimap::model::Normalisation;
    let builtin = Catalog::builtin().unwrap();
    assert_eq!(
        builtin.usual_normalisation("user.contact.phone_number"),
        Some(&Normalisation::PhoneE164)
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("normalisations.ron"),
        r#"{ "user.contact.phone_number": PhoneDigits, "user.loyalty_id": Trim }"#,
    )
    .unwrap();
    let own = Catalog::builtin().unwrap().with_dir(dir.path()).unwrap();
    // Not taken for a platform; its entries replace or add to the built-in ones.
    assert_eq!(own.len(), builtin.len());
    assert_eq!(
        own.usual_normalisation("user.contact.phone_number"),
        Some(&Normalisation::PhoneDigits)
    );
    assert_eq!(
        own.usual_normalisation("user.loyalty_id"),
        Some(&Normalisation::Trim)
    );
    assert_eq!(
        own.usual_normalisation("user.contact.email"),
        Some(&Normalisation::Email)
    );
    // A broken one names its file and place.
    fs::write(dir.path().join("normalisations.ron"), "{ \"x\": Emial }").unwrap();
    let err = Catalog::builtin()
        .unwrap()
        .with_dir(dir.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("normalisations.ron:1:"), "{err}");
}
