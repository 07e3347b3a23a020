//! System tools some tests read the record with (qpdf, poppler's pdfinfo and pdffonts): an
//! independent second reader. `.ci/run` installs them and sets `CAPIMAP_CI`, and there a
//! missing tool fails the test; elsewhere the test says it skipped that check.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `tool` with `args` on `file`, or `None` where the tool is not installed (outside CI).
pub fn run(tool: &str, args: &[&str], file: &Path) -> Option<Output> {
    match Command::new(tool).args(args).arg(file).output() {
        Ok(out) => Some(out),
        Err(e) if std::env::var_os("CAPIMAP_CI").is_some() => {
            panic!("{tool} is required in CI (.ci/run installs it): {e}")
        }
        Err(_) => {
            eprintln!("{tool} is not installed: that check is skipped");
            None
        }
    }
}
