//! Bad project files give one clear line naming the file and the place, never a panic.

use capimap::store::{self, StoreError};
use capimap::{examples, store::Migration};

const MINIMAL: &str = include_str!("fixtures/minimal.capimap.ron");

fn error(text: &str) -> StoreError {
    match store::parse(text, "bad.capimap.ron") {
        Ok(_) => panic!("expected an error, the project loaded"),
        Err(e) => e,
    }
}

fn message(text: &str) -> String {
    let msg = error(text).to_string();
    assert!(!msg.contains('\n'), "the message is one line: {msg:?}");
    assert!(
        msg.starts_with("bad.capimap.ron"),
        "the message names the file: {msg}"
    );
    assert!(msg.len() < 400, "the message is short: {} bytes", msg.len());
    msg
}

#[test]
fn malformed_ron_names_line_and_column() {
    // A missing comma after the name, on line 6 of the minimal project.
    let text = MINIMAL.replacen("name: \"Minimal\",", "name: \"Minimal\"", 1);
    let e = error(&text);
    match &e {
        StoreError::Syntax { line, column, .. } => {
            assert_eq!(*line, 7, "{e}");
            assert!(*column > 0);
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert!(message(&text).starts_with("bad.capimap.ron:7:"));
}

#[test]
fn a_truncated_file_says_it_ends_too_early() {
    let text = &MINIMAL[..MINIMAL.len() / 2];
    let msg = message(text);
    assert!(msg.contains("ends too early"), "{msg}");
}

#[test]
fn a_wrong_type_is_named() {
    let text = MINIMAL.replacen("version: 5,", "version: \"one\",", 1);
    let msg = message(&text);
    assert!(msg.starts_with("bad.capimap.ron:5:"), "{msg}");
}

#[test]
fn an_unknown_enum_variant_lists_the_valid_ones() {
    let text = MINIMAL.replacen("transform: Sha256(Email)", "transform: Md5(Email)", 1);
    let msg = message(&text);
    assert!(msg.contains("'Md5'"), "{msg}");
    assert!(msg.contains("Sha256") && msg.contains("Raw"), "{msg}");
}

#[test]
fn an_unknown_attribute_is_named_with_the_expected_ones() {
    let text = MINIMAL.replacen("lawful_basis: Consent,", "lawfull_basis: Consent,", 1);
    let msg = message(&text);
    assert!(msg.contains("'lawfull_basis'"), "{msg}");
    assert!(msg.contains("lawful_basis"), "{msg}");
}

#[test]
fn a_newer_version_is_refused_naming_both_versions() {
    let text = MINIMAL.replacen("version: 5,", "version: 7,", 1);
    let e = error(&text);
    assert!(
        matches!(e, StoreError::NewerVersion { found: 7, .. }),
        "{e:?}"
    );
    let msg = message(&text);
    assert!(
        msg.contains("version 7")
            && msg.contains(&format!("up to {}", capimap::model::CURRENT_VERSION)),
        "{msg}"
    );
}

#[test]
fn a_file_without_version_is_not_taken_for_a_project() {
    let msg = message("(name: \"x\")");
    assert!(msg.contains("no 'version' field"), "{msg}");
}

#[test]
fn a_flow_to_a_missing_node_names_the_id_and_the_flow() {
    let text = MINIMAL.replacen("to: \"meta\"", "to: \"meta-capi\"", 1);
    let e = error(&text);
    let msg = message(&text);
    assert!(
        matches!(e, StoreError::UnknownReference { kind: "node", .. }),
        "{e:?}"
    );
    assert!(
        msg.contains("'meta-capi'") && msg.contains("flow 'web-to-meta'"),
        "{msg}"
    );
    let line = text
        .lines()
        .position(|l| l.contains("\"meta-capi\""))
        .unwrap()
        + 1;
    assert!(
        msg.starts_with(&format!("bad.capimap.ron:{line}:")),
        "{msg}"
    );
}

#[test]
fn a_mapping_of_an_unknown_field_names_the_id() {
    let text = MINIMAL.replacen("field: \"email\"", "field: \"e_mail\"", 1);
    let msg = message(&text);
    assert!(msg.contains("field 'e_mail'"), "{msg}");
    assert!(msg.contains("field mapping of flow 'web-to-meta'"), "{msg}");
}

#[test]
fn duplicate_ids_name_both_places() {
    let text = MINIMAL.replacen("id: \"meta\"", "id: \"web\"", 1);
    let e = error(&text);
    let first = text
        .lines()
        .position(|l| l.contains("id: \"web\""))
        .unwrap()
        + 1;
    let lines: Vec<&str> = text.lines().collect();
    let second = lines
        .iter()
        .rposition(|l| l.contains("id: \"web\""))
        .unwrap()
        + 1;
    match &e {
        StoreError::DuplicateId {
            id,
            first_line,
            second_line,
            ..
        } => {
            assert_eq!(id, "web");
            assert_eq!((*first_line, *second_line), (first, second));
        }
        other => panic!("expected a duplicate-id error, got {other:?}"),
    }
    let msg = message(&text);
    assert!(msg.contains(&format!("line {first}")), "{msg}");
}

#[test]
fn duplicate_ids_across_kinds_are_refused_too() {
    let text = MINIMAL.replacen("id: \"measure\"", "id: \"email\"", 1);
    let text = text.replacen("\"measure\",", "\"email\",", 1);
    let msg = message(&text);
    assert!(
        msg.contains("activity 'email'") && msg.contains("field 'email'"),
        "{msg}"
    );
}

#[test]
fn an_id_with_spaces_is_refused() {
    let text = MINIMAL
        .replacen("id: \"web\"", "id: \"web shop\"", 1)
        .replacen("from: \"web\"", "from: \"web shop\"", 1);
    let msg = message(&text);
    assert!(msg.contains("node 'web shop'"), "{msg}");
}

#[test]
fn a_bad_date_or_period_is_explained() {
    let text = MINIMAL.replacen(
        "lawful_basis: Consent,",
        "lawful_basis: Consent,\n            max_retention: \"13 moons\",",
        1,
    );
    let msg = message(&text);
    assert!(msg.contains("'13 moons' is not a period"), "{msg}");
    let text = MINIMAL.replacen(
        "lawful_basis: Consent,",
        "lawful_basis: Consent,\n            last_review: \"2026-02-30\",",
        1,
    );
    let msg = message(&text);
    assert!(msg.contains("does not exist"), "{msg}");
}

#[test]
fn a_one_megabyte_string_is_read_or_refused_without_echoing_it() {
    let big = "x".repeat(1 << 20);
    // As a value of the right type it is simply read.
    let text = MINIMAL.replacen("\"Minimal\"", &format!("\"{big}\""), 1);
    let loaded = store::parse(&text, "big.capimap.ron").unwrap();
    assert_eq!(loaded.project.name.len(), 1 << 20);
    // Where a number belongs, the error stays short.
    let text = MINIMAL.replacen("version: 5,", &format!("version: \"{big}\","), 1);
    message(&text);
    // Unterminated, it is a clear error.
    let text = format!("(version: 4, name: \"{big}");
    message(&text);
}

#[test]
fn deeply_nested_input_is_refused_without_overflowing_the_stack() {
    let depth = 100_000;
    let text = format!(
        "(version: 4, name: \"x\", organisation: {}{})",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let msg = message(&text);
    assert!(msg.contains("nested more than"), "{msg}");
}

#[test]
fn non_utf8_bytes_are_an_error_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.capimap.ron");
    let mut bytes = b"(version: 4,\n name: \"M".to_vec();
    bytes.push(0xfc); // ü in Latin-1
    bytes.extend_from_slice(b"ller\")");
    std::fs::write(&path, bytes).unwrap();
    let e = store::load(&path).unwrap_err();
    assert!(matches!(e, StoreError::Syntax { line: 2, .. }), "{e:?}");
    assert!(e.to_string().contains("not UTF-8"));
}

#[test]
fn a_missing_file_is_named() {
    let e = store::load(std::path::Path::new("no/such/file.capimap.ron")).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("no/such/file.capimap.ron: cannot read")
    );
}

#[test]
fn the_migration_hook_upgrades_an_older_file_step_by_step() {
    // Version 0 called the activities "purposes". The step renames them and bumps the version.
    fn v0_to_v1(text: &str) -> Result<String, String> {
        if !text.contains("purposes:") {
            return Err("no purposes found".to_owned());
        }
        Ok(text
            .replacen("version: 0,", "version: 1,", 1)
            .replacen("purposes:", "activities:", 1))
    }
    // The step from 0 to 1 is the test's; the steps after it are the build's own.
    let mut steps = vec![Migration {
        from: 0,
        upgrade: v0_to_v1,
    }];
    steps.extend_from_slice(store::MIGRATIONS);
    let text = include_str!("fixtures/v0-minimal.capimap.ron");
    // Without the step, the old file cannot be read.
    let e = store::parse(text, "v0.capimap.ron").unwrap_err();
    assert!(e.to_string().contains("no upgrade from version 0"), "{e}");
    // With it, it loads as a current project.
    let loaded = store::parse_with(text, "v0.capimap.ron", &steps).unwrap();
    assert_eq!(loaded.project.version, capimap::model::CURRENT_VERSION);
    assert_eq!(loaded.project.activities.len(), 1);
    assert_eq!(loaded.project.activities[0].name, "Conversion measurement");
    // A failing step is reported with the version it started from.
    let broken = text.replacen("purposes:", "activities:", 1);
    let e = store::parse_with(&broken, "v0.capimap.ron", &steps).unwrap_err();
    assert!(
        e.to_string().contains("version 0: no purposes found"),
        "{e}"
    );
}

#[test]
fn the_example_loads_without_error() {
    store::parse(examples::SHOP, examples::SHOP_NAME).unwrap();
}

#[test]
fn a_long_wrong_value_is_quoted_only_in_part() {
    let big = "y".repeat(100_000);
    let text = MINIMAL.replacen(
        "lawful_basis: Consent,",
        &format!("lawful_basis: Consent,\n            max_retention: \"{big}\","),
        1,
    );
    let msg = message(&text);
    assert!(msg.contains("is not a period"), "{msg}");
}

#[test]
fn an_empty_file_or_another_format_says_what_a_project_looks_like() {
    let msg = message("");
    assert!(msg.contains("the file is empty"), "{msg}");
    let msg = message("<?xml version=\"1.0\"?><project/>");
    assert!(msg.contains("starts with '('"), "{msg}");
}

#[test]
fn a_region_capimap_cannot_place_is_refused_at_its_line() {
    let text = MINIMAL.replacen(
        "                collects: [",
        "                regions: [\"Germany\"],\n                collects: [",
        1,
    );
    let msg = message(&text);
    let line = text
        .lines()
        .position(|l| l.contains("\"Germany\""))
        .unwrap()
        + 1;
    assert!(msg.contains(&format!(":{line}:")), "{msg}");
    assert!(
        msg.contains("node 'web'") && msg.contains("'Germany' is not a region"),
        "{msg}"
    );
    // The establishment must be a country.
    let text = MINIMAL.replacen(
        "            email: \"privacy@example.test\",\n        ),",
        "            email: \"privacy@example.test\",\n        ),\n        establishment: \"EEA\",",
        1,
    );
    let msg = message(&text);
    assert!(
        msg.contains("establishment 'EEA' is not a country"),
        "{msg}"
    );
}

#[test]
fn a_mapping_may_name_only_activities_of_its_flow() {
    let text = MINIMAL.replacen(
        "                    transform: Sha256(Email),",
        "                    transform: Sha256(Email),\n                    activities: [\"retargeting\"],",
        1,
    );
    let msg = message(&text);
    assert!(
        msg.contains("names activity 'retargeting', which the flow does not serve"),
        "{msg}"
    );
}

/// Line (1-based) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("the needle is in the text")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn an_id_with_control_characters_is_escaped_and_located() {
    // A newline and a terminal escape (clear screen) in the field's id, written as RON
    // escapes on the id's line.
    let text = MINIMAL.replacen("id: \"email\",", "id: \"em\\nail\\u{1b}[2J\",", 1);
    let msg = message(&text);
    assert!(!msg.chars().any(char::is_control), "{msg:?}");
    assert!(msg.contains("em\\nail\\u{1b}[2J"), "shown escaped: {msg}");
    let line = line_of(&text, "id: \"em\\nail");
    assert!(
        msg.starts_with(&format!("bad.capimap.ron:{line}:")),
        "names line {line}: {msg}"
    );
}

#[test]
fn a_huge_id_gives_a_short_error() {
    let huge = "x".repeat(200_000);
    let text = MINIMAL.replacen("id: \"email\",", &format!("id: \"{huge}\","), 1);
    let msg = message(&text);
    assert!(msg.contains('…'), "cut with an ellipsis: {msg}");
}

#[test]
fn dates_and_periods_with_control_characters_stay_on_one_line() {
    for bad in [
        "last_review: \"2026\\n-01-01\"",
        "max_retention: \"13\\u{1b}[31m months\"",
    ] {
        let text = MINIMAL.replacen(
            "lawful_basis: Consent,",
            &format!("lawful_basis: Consent,\n            {bad},"),
            1,
        );
        let msg = message(&text);
        assert!(!msg.chars().any(char::is_control), "{msg:?}");
    }
}

#[test]
fn a_position_that_is_not_a_number_is_refused_where_it_stands() {
    for value in ["NaN", "inf", "-inf"] {
        let text = MINIMAL.trim_end().trim_end_matches(')').to_owned()
            + &format!(
                "    layout: (\n        positions: {{\n            \"web\": (x: {value}, y: 0.0),\n        }},\n    ),\n)\n"
            );
        let msg = message(&text);
        assert!(msg.contains("finite number"), "{value}: {msg}");
        let line = line_of(&text, "\"web\": (x:");
        assert!(
            msg.starts_with(&format!("bad.capimap.ron:{line}:")),
            "{msg}"
        );
    }
}

#[test]
fn deeply_nested_input_is_refused_by_its_depth() {
    let deep = "Some(".repeat(200_000);
    let text = format!("(version: 4, name: {deep}");
    let msg = message(&text);
    assert!(msg.contains("nested more than"), "{msg}");
}

#[cfg(unix)]
#[test]
fn devices_folders_and_oversized_files_are_not_read() {
    for path in ["/dev/zero", "/tmp"] {
        let e = store::load(std::path::Path::new(path))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }
    // A sparse file just over the limit: no disk space used, and never read.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.capimap.ron");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(store::MAX_FILE_BYTES + 1).unwrap();
    let e = store::load(&big).unwrap_err().to_string();
    assert!(e.contains("larger than 1024 MB"), "{e}");
}

#[test]
fn two_catalogue_files_with_one_platform_id_are_refused_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let meta = include_str!("../templates/platforms/meta.ron");
    std::fs::write(dir.path().join("a.ron"), meta).unwrap();
    std::fs::write(dir.path().join("b.ron"), meta).unwrap();
    let e = capimap::catalog::Catalog::builtin()
        .unwrap()
        .with_dir(dir.path())
        .unwrap_err()
        .to_string();
    assert!(e.contains("a.ron") && e.contains("b.ron"), "{e}");
    assert!(e.contains("'meta'"), "{e}");
}
