//! Any bytes as a Tag Manager container export: an import or a one-line error, never a panic;
//! the error has no control character and is short, and what is imported loads again.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match capimap::import::gtm::parse(data, "fuzzed.json") {
        Err(e) => {
            let message = e.to_string();
            assert!(!message.chars().any(char::is_control), "{message:?}");
            assert!(message.len() < 2_000);
        }
        Ok(c) => {
            let a = capimap::import::gtm::analyse(c);
            let Ok(catalog) = capimap::catalog::Catalog::builtin() else { return };
            let plan = capimap::import::gtm::plan(&a, &capimap::model::Project::empty("f"), &catalog);
            let text = capimap::store::to_string(&plan.result);
            assert!(capimap::store::parse(&text, "imported").is_ok());
        }
    }
});
