//! Any bytes as request bodies for Meta: a result or a one-line error, never a panic; no path
//! of the result has a control character.
#![no_main]

use std::sync::OnceLock;

use capimap::catalog::Catalog;
use capimap::inspect::{Inspector, read_input};
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::builtin().expect("the built-in catalogue loads"))
}

fuzz_target!(|data: &[u8]| {
    let Some(meta) = catalog().get("meta") else {
        return;
    };
    let mut inspector = Inspector::new(meta);
    if let Err(e) = read_input(data, "fuzzed.jsonl", &mut inspector) {
        assert!(!e.to_string().chars().any(char::is_control));
    }
    let result = inspector.finish();
    for path in result.paths.keys() {
        assert!(!path.chars().any(char::is_control), "{path:?}");
    }
});
