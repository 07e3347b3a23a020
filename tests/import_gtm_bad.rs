//! Bad container exports: one clear line naming the file, exit code 2, never a panic, never a
//! value from the file; and what is odd but readable is imported.

mod common;

use std::path::Path;

use capimap::import::gtm;
use common::cli::capimap;

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("{e}"));
    p
}

/// Runs `import gtm` on the file: exit 2 and one line of stderr, which is returned.
fn refused(path: &Path) -> String {
    let o = capimap(["import", "gtm", path.to_str().unwrap_or_default()]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("capimap: "), "{err}");
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
    assert!(o.stdout.is_empty());
    err
}

#[test]
fn not_json_names_the_place() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let err = refused(&write(dir.path(), "a.json", b"not json {"));
    assert!(
        err.contains("a.json") && err.contains("not a JSON file") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn json_that_is_no_export_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (i, text) in ["{}", "{\"foo\": 1}", "[]", "\"x\"", "42"]
        .iter()
        .enumerate()
    {
        let err = refused(&write(dir.path(), &format!("{i}.json"), text.as_bytes()));
        assert!(err.contains("not a Tag Manager container export"), "{err}");
    }
    // The right shape at the top, a wrong type inside: the place is named.
    let err = refused(&write(
        dir.path(),
        "typed.json",
        b"{\"containerVersion\": {\"tag\": 5}}",
    ));
    assert!(
        err.contains("typed.json") && err.contains("wrong type") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn a_web_container_is_refused_with_what_to_export_instead() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for usage in ["WEB", "web"] {
        let text = format!(
            "{{\"exportFormatVersion\": 2, \"containerVersion\": {{\"container\": {{\"publicId\": \"GTM-W\", \"usageContext\": [\"{usage}\"]}}, \"tag\": []}}}}"
        );
        let err = refused(&write(dir.path(), "web.json", text.as_bytes()));
        assert!(
            err.contains("web container") && err.contains("server container"),
            "{err}"
        );
    }
}

#[test]
fn a_newer_export_format_is_refused() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let err = refused(&write(
        dir.path(),
        "new.json",
        b"{\"exportFormatVersion\": 3, \"containerVersion\": {}}",
    ));
    assert!(
        err.contains("export format version 3 is newer than this capimap reads (2)"),
        "{err}"
    );
}

#[test]
fn empty_folder_and_non_utf8_inputs_get_one_line() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert!(refused(&write(dir.path(), "empty.json", b"")).contains("empty"));
    refused(dir.path());
    refused(&write(
        dir.path(),
        "latin1.json",
        b"{\"containerVersion\": {\"name\": \"Caf\xe9\"}}",
    ));
    refused(&dir.path().join("missing.json"));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("huge.json");
    let f = std::fs::File::create(&path).unwrap_or_else(|e| panic!("{e}"));
    // Sparse: no disk is used.
    f.set_len(gtm::MAX_EXPORT_BYTES + 1)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(refused(&path).contains("larger than 128 MB"));
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let deep = format!(
        "{{\"containerVersion\": {{\"tag\": [{{\"parameter\": [{}{}]}}]}}}}",
        "{\"type\": \"LIST\", \"list\": [".repeat(300),
        "]}".repeat(300)
    );
    let err = refused(&write(dir.path(), "deep.json", deep.as_bytes()));
    assert!(
        err.contains("nested too deeply") || err.contains("not"),
        "{err}"
    );
}

#[test]
fn a_secret_in_a_broken_file_is_not_echoed() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let err = refused(&write(
        dir.path(),
        "broken.json",
        b"{\"accessToken\": \"FIXTURE-SECRET-X\" ,,}",
    ));
    assert!(!err.contains("FIXTURE-SECRET-X"), "{err}");
    let err = refused(&write(
        dir.path(),
        "typed.json",
        b"{\"containerVersion\": {\"tag\": \"FIXTURE-SECRET-Y\"}}",
    ));
    assert!(!err.contains("FIXTURE-SECRET-Y"), "{err}");
}

#[test]
fn numbers_for_ids_strings_for_booleans_and_dangling_references_are_imported() {
    let text = r#"{"exportFormatVersion": 2, "containerVersion": {
        "container": {"publicId": "GTM-ODD", "usageContext": ["server"]},
        "client": [{"clientId": 1, "name": "GA4", "type": "gaaw_client"}],
        "tag": [{"tagId": 21, "name": "A", "type": "sgtmgaaw", "firingTriggerId": [7], "paused": "false", "blockingTriggerId": null},
                {"tagId": 21, "name": "B", "type": "cvt_x_y", "firingTriggerId": ["404"], "paused": "true"}],
        "trigger": [{"triggerId": 7, "type": "always"}]}}"#;
    let c = gtm::parse(text.as_bytes(), "odd.json").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.tags[0].id, "21");
    assert!(!c.tags[0].paused && c.tags[1].paused);
    let a = gtm::analyse(c);
    assert!(a.notes.iter().any(|n| n.contains("404")), "{:?}", a.notes);
    let plan = gtm::plan(
        &a,
        &capimap::model::Project::empty("x"),
        &common::gtm::builtin(),
    );
    assert!(capimap::store::parse(&capimap::store::to_string(&plan.result), "x").is_ok());
}

#[test]
fn a_container_without_usage_context_is_taken_as_a_server_one_when_it_has_clients() {
    let text = r#"{"containerVersion": {"container": {"publicId": "GTM-X"}, "client": [{"clientId": "1", "name": "GA4", "type": "gaaw_client"}]}}"#;
    assert!(gtm::parse(text.as_bytes(), "x.json").is_ok());
    let web = r#"{"containerVersion": {"container": {"publicId": "GTM-X"}, "tag": [{"tagId": "1", "type": "html"}]}}"#;
    assert!(gtm::parse(web.as_bytes(), "x.json").is_err());
}

#[test]
fn a_50_mb_export_is_imported() {
    let text = gtm::synthetic::container(500, 200, 2_000, 250);
    assert!(text.len() > 50_000_000, "{} bytes", text.len());
    let a = gtm::analyse(gtm::parse(text.as_bytes(), "big.json").unwrap_or_else(|e| panic!("{e}")));
    assert_eq!(
        (
            a.tags.len(),
            a.container.templates.len(),
            a.container.variables.len()
        ),
        (500, 200, 2_000)
    );
    let plan = gtm::plan(
        &a,
        &capimap::model::Project::empty("x"),
        &common::gtm::builtin(),
    );
    assert!(plan.result.flows.len() >= 500);
}
