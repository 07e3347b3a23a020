//! The command line as a user (or a CI job) meets it.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const EXAMPLE: &str = "assets/examples/shop.capimap.ron";
const MINIMAL: &str = include_str!("fixtures/minimal.capimap.ron");

fn capimap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(args)
        .output()
        .expect("capimap runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn show_prints_counts_and_what_each_destination_receives() {
    let o = capimap(&["show", EXAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("3 sources, 1 relay, 2 consent gates, 2 stores, 3 destinations"),
        "{out}"
    );
    assert!(out.contains("Meta Conversions API [meta-capi]"), "{out}");
    let tiktok = &out[out.find("TikTok Events API").expect("TikTok is listed")..];
    let phone = tiktok.lines().find(|l| l.contains("user.phone")).unwrap();
    assert!(phone.trim_end().ends_with("raw"), "{phone}");
    let email = tiktok.lines().find(|l| l.contains("user.email")).unwrap();
    assert!(email.contains("SHA-256"), "{email}");
}

#[test]
fn show_json_is_machine_readable() {
    let o = capimap(&["show", EXAMPLE, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["nodes"]["destinations"], 3);
    assert_eq!(v["flows"], 10);
    let google = v["destinations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["platform"] == "google-ads")
        .unwrap();
    let flows = google["flows"].as_array().unwrap();
    assert_eq!(flows.len(), 2, "the tag manager and the nightly CRM export");
    let batch = flows.iter().find(|f| f["from"] == "crm-export").unwrap();
    assert_eq!(batch["delivery"], "batch every 1 day");
    let hashed: Vec<&str> = batch["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["transform"] == "hashed")
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(hashed, ["email", "phone"]);
}

#[test]
fn new_writes_the_example_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("shop.capimap.ron");
    let f = file.to_str().unwrap();
    let o = capimap(&["new", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        fs::read_to_string(EXAMPLE).unwrap()
    );

    fs::write(&file, "my work").unwrap();
    let o = capimap(&["new", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--force"));
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        "my work",
        "nothing lost"
    );

    let o = capimap(&["new", f, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(store_bak(&file)).unwrap(),
        "my work",
        "the overwritten file is kept as .bak"
    );
}

fn store_bak(p: &Path) -> std::path::PathBuf {
    capimap::store::backup_path(p)
}

#[test]
fn new_empty_writes_a_skeleton_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acme.capimap.ron");
    let o = capimap(&["new", file.to_str().unwrap(), "--empty"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = capimap(&["show", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["name"], "acme");
    assert_eq!(v["flows"], 0);
}

#[test]
fn every_bad_input_is_one_line_on_stderr_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let big = "x".repeat(1 << 20);
    let cases: Vec<(&str, String)> = vec![
        (
            "missing comma",
            MINIMAL.replacen("name: \"Minimal\",", "name: \"Minimal\"", 1),
        ),
        ("truncated", MINIMAL[..MINIMAL.len() / 2].to_owned()),
        (
            "wrong type",
            MINIMAL.replacen("version: 5,", "version: \"one\",", 1),
        ),
        (
            "unknown variant",
            MINIMAL.replacen("Sha256(Email)", "Md5(Email)", 1),
        ),
        (
            "newer version",
            MINIMAL.replacen("version: 5,", "version: 9,", 1),
        ),
        (
            "unknown node",
            MINIMAL.replacen("to: \"meta\"", "to: \"ghost\"", 1),
        ),
        (
            "unknown field",
            MINIMAL.replacen("field: \"email\"", "field: \"ghost\"", 1),
        ),
        (
            "duplicate id",
            MINIMAL.replacen("id: \"meta\"", "id: \"web\"", 1),
        ),
        (
            "1 MB string",
            MINIMAL.replacen("version: 5,", &format!("version: \"{big}\","), 1),
        ),
        (
            "deep nesting",
            format!(
                "(version: 4, name: {}{})",
                "[".repeat(50_000),
                "]".repeat(50_000)
            ),
        ),
        ("empty file", String::new()),
        ("not RON", "<?xml version=\"1.0\"?><project/>".to_owned()),
    ];
    for (what, text) in cases {
        let text: String = text;
        let path = dir.path().join("bad.capimap.ron");
        fs::write(&path, &text).unwrap();
        for cmd in ["show", "open"] {
            let o = capimap(&[cmd, path.to_str().unwrap()]);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{cmd}, {what}: {err}");
            assert_eq!(err.lines().count(), 1, "{cmd}, {what}: one line: {err}");
            assert!(err.len() < 500, "{cmd}, {what}: short");
            assert!(
                err.starts_with(&format!("capimap: {}", path.display())),
                "{cmd}, {what}: names the file: {err}"
            );
            assert!(!err.contains("panicked"), "{what}");
        }
    }
}

#[test]
fn a_missing_file_is_exit_2() {
    let o = capimap(&["show", "no-such-file.capimap.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no-such-file.capimap.ron: cannot read"));
    // The system's reason, once.
    let err = stderr(&o);
    let reason = "No such file or directory";
    assert_eq!(err.matches(reason).count(), 1, "{err}");
}

#[test]
fn export_checks_its_arguments_before_writing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("shop.capimap.ron");
    fs::copy(EXAMPLE, &project).unwrap();
    let p = project.to_str().unwrap();
    let csv = dir.path().join("record.csv");
    let c = csv.to_str().unwrap();
    // A bad date is refused even when only the CSV (which has no date) is asked for.
    let o = capimap(&["export", p, "--csv", c, "--date", "2026-13-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--date"), "{}", stderr(&o));
    assert!(!csv.exists(), "nothing written");
    // The project file is never overwritten by an export.
    let o = capimap(&["export", p, "--csv", p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("project file itself"), "{}", stderr(&o));
    assert_eq!(fs::read(&project).unwrap(), fs::read(EXAMPLE).unwrap());
    // Nor is one output written over the other.
    let o = capimap(&["export", p, "--csv", c, "--pdf", c]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("given for two outputs"),
        "{}",
        stderr(&o)
    );
    assert!(!csv.exists());
    let o = capimap(&["export", p, "--svg", c, "--csv", c]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!csv.exists());
}

#[test]
fn export_svg_writes_the_diagram_with_every_node() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("diagram.svg");
    let o = capimap(&["export", EXAMPLE, "--svg", svg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg "));
    let project = capimap::store::load(std::path::Path::new(EXAMPLE))
        .unwrap()
        .project;
    for n in &project.nodes {
        assert!(
            text.contains(&format!("{} {}</title>", n.kind.label(), n.id)),
            "{}",
            n.id
        );
    }
}

#[test]
fn very_long_names_print_without_a_crash() {
    // Text tables pad their columns; a name longer than any padding must not break them.
    let dir = tempfile::tempdir().unwrap();
    let long = "w".repeat(70_000);
    let text = fs::read_to_string(EXAMPLE).unwrap().replacen(
        "wire_name: \"user.email\"",
        &format!("wire_name: \"{long}\""),
        1,
    );
    assert!(text.contains(&long));
    let project = dir.path().join("long.capimap.ron");
    fs::write(&project, text).unwrap();
    let o = capimap(&["show", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains(&long));
    // A key of an inspected request that the platform does not know is never echoed at
    // length (it may be data): it is named as a long key.
    let body = dir.path().join("long.json");
    fs::write(&body, format!("{{\"data\":[{{\"{long}\":1}}]}}")).unwrap();
    let o = capimap(&["inspect", body.to_str().unwrap(), "--platform", "meta"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!stdout(&o).contains(&long));
    assert!(stdout(&o).contains("<long key>"), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn output_into_a_closed_pipe_ends_quietly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(["rules"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is read
    let o = child.wait_with_output().unwrap();
    assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
}

#[test]
fn every_subcommand_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["new", "--help"],
        vec!["show", "--help"],
        vec!["open", "--help"],
        vec!["import", "--help"],
        vec!["import", "gtm", "--help"],
    ] {
        let o = capimap(&cmd);
        assert_eq!(o.status.code(), Some(0), "{cmd:?}");
        assert!(
            stdout(&o).contains("Usage: capimap"),
            "{cmd:?}: {}",
            stdout(&o)
        );
    }
    assert!(stdout(&capimap(&["--help"])).contains("Exit codes"));
}

#[test]
fn usage_errors_are_exit_2() {
    assert_eq!(capimap(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(capimap(&["show"]).status.code(), Some(2));
    assert_eq!(
        capimap(&["show", EXAMPLE, "--format", "xml"]).status.code(),
        Some(2)
    );
}
