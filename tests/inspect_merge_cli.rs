//! `capimap inspect --summary-out` and `--merge` as a cluster job uses them: a capture split
//! into shards, each inspected into a partial summary, the parts merged into the report one
//! run over the shards prints (text and JSON, warnings and exit code alike); and the mistakes
//! a user can make, each refused with one line that says why.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MALFORMED: &str = "tests/fixtures/inspect/meta-malformed.jsonl";
const GOOD: &str = "tests/fixtures/inspect/meta-good.jsonl";
const EXAMPLE: &str = "assets/examples/shop.capimap.ron";

fn capimap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .arg("inspect")
        .args(args)
        .output()
        .expect("capimap runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The fixtures' lines cut into three shards in a folder of their own.
fn shards(dir: &Path) -> Vec<PathBuf> {
    let mut lines: Vec<String> = Vec::new();
    for f in [GOOD, MALFORMED, GOOD] {
        let content = std::fs::read_to_string(f).expect("the fixture is read");
        lines.extend(content.lines().map(str::to_owned));
    }
    // Each shard starts at a body, as `split -l` of a log of bodies does.
    let bodies: Vec<usize> = (0..lines.len())
        .filter(|k| serde_json::from_str::<serde_json::Value>(&lines[*k]).is_ok())
        .collect();
    let cuts = [
        0,
        bodies[bodies.len() / 3],
        bodies[2 * bodies.len() / 3],
        lines.len(),
    ];
    cuts.windows(2)
        .enumerate()
        .map(|(k, w)| {
            let path = dir.join(format!("shard-{k}.jsonl"));
            std::fs::write(&path, lines[w[0]..w[1]].join("\n") + "\n").expect("a shard is written");
            path
        })
        .collect()
}

/// Each shard inspected into PART.json; the parts' paths.
fn parts(shards: &[PathBuf]) -> Vec<String> {
    shards
        .iter()
        .map(|s| {
            let part = format!("{}.part.json", s.display());
            let o = capimap(&[
                s.to_str().unwrap(),
                "--platform",
                "meta",
                "--summary-out",
                &part,
            ]);
            assert!(o.status.success(), "{}", text(&o.stderr));
            assert!(o.stdout.is_empty(), "a map step prints no report");
            assert!(text(&o.stderr).contains("wrote"), "{}", text(&o.stderr));
            part
        })
        .collect()
}

#[test]
fn merged_parts_print_what_one_run_prints() {
    let dir = tempfile::tempdir().unwrap();
    let shards = shards(dir.path());
    let parts = parts(&shards);
    let shard_args: Vec<&str> = shards.iter().map(|s| s.to_str().unwrap()).collect();
    let part_args: Vec<&str> = parts.iter().map(String::as_str).collect();
    for extra in [
        vec![],
        vec!["--format", "json"],
        vec!["--against", EXAMPLE, "--destination", "meta-capi"],
        vec![
            "--against",
            EXAMPLE,
            "--destination",
            "meta-capi",
            "--format",
            "json",
        ],
    ] {
        let mut one_args = shard_args.clone();
        one_args.extend(["--platform", "meta"]);
        one_args.extend(&extra);
        let one = capimap(&one_args);
        let mut merge_args = vec!["--merge"];
        merge_args.extend(&part_args);
        merge_args.extend(&extra);
        let merged = capimap(&merge_args);
        assert_eq!(text(&merged.stdout), text(&one.stdout), "{extra:?}");
        assert_eq!(text(&merged.stderr), text(&one.stderr), "{extra:?}");
        assert_eq!(merged.status.code(), one.status.code(), "{extra:?}");
    }
    // The malformed lines are reported by their shard and line, and the comparison finds
    // what the record lacks: exit 1.
    let one = capimap(&[
        shard_args[0],
        shard_args[1],
        shard_args[2],
        "--platform",
        "meta",
    ]);
    assert!(
        text(&one.stderr).contains("shard-1.jsonl:"),
        "{}",
        text(&one.stderr)
    );
    let mut args = vec!["--merge"];
    args.extend(&part_args);
    args.extend(["--against", EXAMPLE, "--destination", "meta-capi"]);
    assert_eq!(capimap(&args).status.code(), Some(1));
}

#[test]
fn a_summary_holds_no_value() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part.json");
    let o = capimap(&[
        MALFORMED,
        "--platform",
        "meta",
        "--summary-out",
        part.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let summary = std::fs::read_to_string(&part).unwrap();
    for value in [
        "203.0.113",
        "fb.1.1700000000000",
        "NO-2026",
        "b4133380ccd33e9f",
        "Mozilla",
    ] {
        assert!(
            !summary.contains(value),
            "the summary holds a value: {value}"
        );
    }
    assert!(summary.contains("user_data.em"), "{summary}");
}

fn refused(args: &[&str], says: &str) {
    let o = capimap(args);
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.contains(says), "{args:?}: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "{args:?}: one line: {err}"
    );
    assert!(!err.chars().any(|c| c.is_control() && c != '\n'), "{err:?}");
}

#[test]
fn mistakes_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part.json");
    let part = part.to_str().unwrap();
    let o = capimap(&[GOOD, "--platform", "meta", "--summary-out", part]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // A capture given to --merge, not a summary.
    refused(&["--merge", GOOD], "--merge reads the partial summaries");
    // Another JSON file.
    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"paths\": {}}").unwrap();
    refused(
        &["--merge", other.to_str().unwrap()],
        "not a partial summary",
    );
    // A later format.
    let summary = std::fs::read_to_string(part).unwrap();
    let later = dir.path().join("later.json");
    std::fs::write(&later, summary.replace("\"version\": 1", "\"version\": 7")).unwrap();
    refused(&["--merge", later.to_str().unwrap()], "format version 7");
    // An edited one whose path would put an escape sequence on the terminal.
    let edited = dir.path().join("edited.json");
    std::fs::write(
        &edited,
        summary.replace("user_data.em", "user_data.\\u001b[31m"),
    )
    .unwrap();
    refused(&["--merge", edited.to_str().unwrap()], "was it edited?");
    // Parts of two platforms.
    let tiktok = dir.path().join("tiktok.json");
    std::fs::write(
        &tiktok,
        summary.replace("\"platform\": \"meta\"", "\"platform\": \"tiktok\""),
    )
    .unwrap();
    refused(
        &["--merge", part, tiktok.to_str().unwrap()],
        "merge the parts of one platform",
    );
    refused(
        &["--merge", part, "--platform", "tiktok"],
        "disagrees with the summaries",
    );
    // A destination on another platform, or none named.
    refused(
        &[
            "--merge",
            part,
            "--against",
            EXAMPLE,
            "--destination",
            "google-ads",
        ],
        "but the summaries are of requests to meta",
    );
    refused(
        &["--merge", part, "--against", EXAMPLE],
        "--destination NODE_ID",
    );
    // What a summary cannot carry.
    refused(
        &[
            GOOD,
            "--platform",
            "meta",
            "--summary-out",
            part,
            "--against",
            EXAMPLE,
        ],
        "compare the merged parts",
    );
    refused(
        &["--merge", part, "--case", "1", "--against", EXAMPLE],
        "event by event",
    );
    refused(&["--merge", "-"], "standard input");
}

#[test]
fn a_log_of_many_broken_lines_gets_the_first_notes_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("broken.jsonl");
    let good = std::fs::read_to_string(GOOD).unwrap();
    let body = good.lines().next().unwrap();
    let mut content = format!("{body}\n");
    for _ in 0..2_500 {
        content.push_str("{\"data\": [\n");
    }
    std::fs::write(&log, content).unwrap();
    let o = capimap(&[log.to_str().unwrap(), "--platform", "meta"]);
    let err = text(&o.stderr);
    let notes = err.lines().filter(|l| l.contains(": skipped: ")).count();
    assert_eq!(notes, 20, "{err}");
    assert!(
        err.contains("and 2480 more pieces of input skipped, not listed here (--format json lists the first 1000)"),
        "{err}"
    );
    let o = capimap(&[
        log.to_str().unwrap(),
        "--platform",
        "meta",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["skipped"].as_array().map(Vec::len), Some(1_000));
    assert_eq!(v["skipped_more"], 1_500);
}

/// A stream is named in the notes as `--stdin-name` says, so that merged parts of streamed
/// objects can be told apart.
#[test]
fn a_stream_goes_by_the_name_given() {
    use std::io::Write as _;
    let good = std::fs::read_to_string(GOOD).unwrap();
    let log = format!("{}\n{{\"data\": [\n", good.lines().next().unwrap());
    for (name, says) in [
        (
            Some("logs/2026-11/part-7.jsonl"),
            "logs/2026-11/part-7.jsonl:2: skipped",
        ),
        (None, "standard input:2: skipped"),
    ] {
        let mut args = vec!["inspect", "-", "--platform", "meta"];
        if let Some(n) = name {
            args.extend(["--stdin-name", n]);
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_capimap"))
            .args(&args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("capimap runs");
        child
            .stdin
            .take()
            .expect("a pipe")
            .write_all(log.as_bytes())
            .expect("the log is written");
        let o = child.wait_with_output().expect("capimap ends");
        assert!(text(&o.stderr).contains(says), "{}", text(&o.stderr));
    }
    refused(
        &[GOOD, "--platform", "meta", "--stdin-name", "x"],
        "--stdin-name names standard input",
    );
}
