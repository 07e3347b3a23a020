//! Running the `capimap` binary from the tests.

use std::ffi::OsStr;
use std::process::{Command, Output};

/// `capimap ARGS…`, run to the end.
pub fn capimap<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Output {
    Command::new(env!("CARGO_BIN_EXE_capimap"))
        .args(args)
        .output()
        .expect("the capimap binary runs")
}

/// Asserts that the command exited 0, showing its stderr otherwise.
pub fn assert_ok(o: &Output) {
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `capimap export` of the built-in example's file with `--pdf OUT` or `--csv OUT` (`format`)
/// and further arguments; it must succeed; the written file's bytes.
pub fn export_example(format: &str, out: &std::path::Path, extra: &[&str]) -> Vec<u8> {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("export"),
        OsStr::new("assets/examples/shop.capimap.ron"),
        OsStr::new(format),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    assert_ok(&capimap(args));
    std::fs::read(out).expect("the export wrote its file")
}
