//! Any bytes as a project file: a project or a one-line error, never a panic; the error has
//! no control character and is short.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = capimap::store::parse(&text, "fuzzed.capimap.ron") {
        let message = e.to_string();
        assert!(!message.chars().any(char::is_control), "{message:?}");
        assert!(message.len() < 2_000);
    }
});
