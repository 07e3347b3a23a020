//! The Python interpreter the interoperability tests validate capimap's files with, through
//! real consumers (the `fideslang` package's pydantic models, `rdflib`'s JSON-LD parser).
//! `.ci/run` installs them in a virtual environment and names its interpreter in
//! `CAPIMAP_PYTHON`; there a missing package fails the test, elsewhere the test says it skipped.

use std::path::Path;
use std::process::{Command, Output};

fn interpreter() -> String {
    std::env::var("CAPIMAP_PYTHON").unwrap_or_else(|_| "python3".to_owned())
}

/// Runs `tests/interop/SCRIPT` with `args`, or `None` where Python or `module` is missing
/// (outside CI).
pub fn run(module: &str, script: &str, args: &[&Path]) -> Option<Output> {
    let python = interpreter();
    let present = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !present {
        if std::env::var_os("CAPIMAP_CI").is_some() {
            panic!("{python} with the {module} package is required in CI (.ci/run installs it)");
        }
        eprintln!("{python} has no {module} package: that check is skipped");
        return None;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/interop")
        .join(script);
    Some(
        Command::new(&python)
            .arg(script)
            .args(args)
            .output()
            .expect("python runs"),
    )
}
