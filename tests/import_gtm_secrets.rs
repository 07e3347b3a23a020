//! No secret of a container export reaches any output or file: tokens, API secrets and OAuth
//! keys (and the test codes, which are no secret but a value of the input) are shown as their
//! length only.

mod common;

use capimap::import::gtm;
use common::cli::{assert_ok, capimap};

const FIXTURES: &[&str] = &[
    "shop-stape-meta-tiktok.json",
    "google-ads-ga4.json",
    "minimal.json",
    "agency-all-platforms.json",
];

fn fixture(name: &str) -> String {
    format!("tests/fixtures/gtm/{name}")
}

/// The secrets of the fixtures, read from the files themselves: every value of a secret key
/// or of a constant named like a token is one of these.
const SECRETS: &[&str] = &["REDACTED-TOKEN", "FIXTURE-SECRET", "FIXTURE-OAUTH"];
const TEST_CODES: &[&str] = &["TEST12345", "TEST00001", "FIXTURE-TEST-CODE"];

fn assert_clean(what: &str, text: &str, also_test_codes: bool) {
    for s in SECRETS
        .iter()
        .chain(if also_test_codes { TEST_CODES } else { &[] })
    {
        assert!(!text.contains(s), "{what} contains {s}");
    }
}

fn out(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn the_fixtures_do_hold_the_secrets_this_test_looks_for() {
    let all: String = FIXTURES
        .iter()
        .map(|f| std::fs::read_to_string(fixture(f)).unwrap_or_default())
        .collect();
    for s in SECRETS.iter().chain(TEST_CODES) {
        assert!(all.contains(s), "{s}");
    }
}

#[test]
fn no_secret_in_what_import_prints_or_writes() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for f in FIXTURES {
        let path = fixture(f);
        for format in ["text", "json"] {
            let o = capimap(["import", "gtm", &path, "--format", format]);
            assert_ok(&o);
            assert_clean(&format!("import {f} --format {format}"), &out(&o), true);
            let o = capimap(["import", "gtm", &path, "--format", format, "--dry-run"]);
            assert_clean(&format!("import {f} --dry-run"), &out(&o), true);
        }
        let written = dir.path().join(format!("{f}.capimap.ron"));
        let w = written.to_str().unwrap_or_default();
        assert_ok(&capimap(["import", "gtm", &path, "--out", w, "--force"]));
        let file = std::fs::read_to_string(&written).unwrap_or_default();
        assert!(file.contains("version: 5"));
        assert_clean(&format!("the project written from {f}"), &file, true);
        // Merged into the example.
        let into = dir.path().join(format!("{f}.into.capimap.ron"));
        std::fs::write(&into, capimap::examples::SHOP).unwrap_or_else(|e| panic!("{e}"));
        let i = into.to_str().unwrap_or_default();
        assert_ok(&capimap(["import", "gtm", &path, "--into", i]));
        assert_clean(
            &format!("the example merged with {f}"),
            &std::fs::read_to_string(&into).unwrap_or_default(),
            true,
        );
        // What the other commands say of the imported project.
        for args in [vec!["show", w], vec!["show", w, "--format", "json"]] {
            assert_clean(&format!("{args:?}"), &out(&capimap(&args)), true);
        }
        for format in ["text", "json", "sarif"] {
            let o = capimap(["check", i, "--gtm", &path, "--format", format]);
            assert_clean(
                &format!("check --gtm {f} --format {format}"),
                &out(&o),
                true,
            );
        }
        let csv = dir.path().join("r.csv");
        let svg = dir.path().join("r.svg");
        assert_ok(&capimap([
            "export",
            w,
            "--csv",
            csv.to_str().unwrap_or_default(),
            "--svg",
            svg.to_str().unwrap_or_default(),
        ]));
        for p in [&csv, &svg] {
            assert_clean(
                &format!("{}", p.display()),
                &std::fs::read_to_string(p).unwrap_or_default(),
                true,
            );
        }
    }
}

#[test]
fn no_secret_in_the_debug_or_json_of_the_import() {
    for f in FIXTURES {
        let bytes = std::fs::read(fixture(f)).unwrap_or_default();
        let c = gtm::parse(&bytes, f).unwrap_or_else(|e| panic!("{e}"));
        assert_clean("Debug of the container", &format!("{c:?}"), false);
        let a = gtm::analyse(c);
        assert_clean("Debug of the analysis", &format!("{a:?}"), false);
        assert_clean(
            "JSON of the analysis",
            &serde_json::to_string(&a).unwrap_or_default(),
            false,
        );
        let plan = gtm::plan(
            &a,
            &capimap::model::Project::empty("x"),
            &common::gtm::builtin(),
        );
        assert_clean(
            "JSON of the plan",
            &serde_json::to_string(&plan).unwrap_or_default(),
            true,
        );
    }
}

#[test]
fn the_shape_of_each_secret_is_told() {
    let o = capimap([
        "import",
        "gtm",
        &fixture("shop-stape-meta-tiktok.json"),
        "--dry-run",
    ]);
    let text = out(&o);
    assert!(
        text.contains("accessToken (literal, 14 characters)"),
        "{text}"
    );
}
