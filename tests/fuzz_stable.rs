//! The fuzz targets' properties on stable Rust, for a bounded number of cases in `cargo
//! test` (the `fuzz/` targets run the same properties open-ended under cargo-fuzz): any
//! mutation of a project file, any bytes given to inspection, and any mutation of a Tag Manager
//! container export give a result or a one-line error, never a panic, and no output carries a
//! control character, a value from the input or a container's token.

use capimap::catalog::Catalog;
use capimap::inspect::{Inspector, read_input};
use capimap::{examples, store};
use proptest::prelude::*;

/// One edit of a text: bytes replaced, inserted (control characters and brackets favoured:
/// they are what breaks parsers and terminals) or cut.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, Vec<u8>),
    Insert(usize, Vec<u8>),
    Cut(usize, usize),
}

fn nasty_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just(b'\n'),
            Just(0x1b),
            Just(b'"'),
            Just(b'\\'),
            Just(b'('),
            Just(b')'),
            Just(b'['),
            Just(b','),
            Just(0xff),
            any::<u8>(),
        ],
        1..24,
    )
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), nasty_bytes()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<usize>(), nasty_bytes()).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), 1usize..4096).prop_map(|(at, n)| Mutation::Cut(at, n)),
    ]
}

fn apply(text: &[u8], edits: &[Mutation]) -> Vec<u8> {
    let mut t = text.to_vec();
    for m in edits {
        let at = |i: usize, t: &Vec<u8>| if t.is_empty() { 0 } else { i % t.len() };
        match m {
            Mutation::Replace(i, b) => {
                let i = at(*i, &t);
                for (k, byte) in b.iter().enumerate() {
                    if let Some(slot) = t.get_mut(i + k) {
                        *slot = *byte;
                    }
                }
            }
            Mutation::Insert(i, b) => {
                let i = at(*i, &t);
                t.splice(i..i, b.iter().copied());
            }
            Mutation::Cut(i, n) => {
                let i = at(*i, &t);
                let end = (i + n).min(t.len());
                t.drain(i..end);
            }
        }
    }
    t
}

fn assert_one_line(message: &str) {
    assert!(!message.chars().any(char::is_control), "{message:?}");
    assert!(message.len() < 2_000, "{} bytes", message.len());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_500, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_project_file_loads_or_gives_one_clean_line(
        edits in prop::collection::vec(mutation(), 1..6)
    ) {
        let bytes = apply(examples::SHOP.as_bytes(), &edits);
        let text = String::from_utf8_lossy(&bytes);
        if let Err(e) = store::parse(&text, "fuzzed.capimap.ron") {
            let message = e.to_string();
            assert_one_line(&message);
            prop_assert!(message.starts_with("fuzzed.capimap.ron"));
        }
    }

    #[test]
    fn a_mutated_container_export_imports_or_gives_one_clean_line_and_no_token(
        which in 0usize..2,
        edits in prop::collection::vec(mutation(), 1..6)
    ) {
        let fixture: &[u8] = [
            include_bytes!("fixtures/gtm/shop-stape-meta-tiktok.json").as_slice(),
            include_bytes!("fixtures/gtm/google-ads-ga4.json").as_slice(),
        ][which];
        let bytes = apply(fixture, &edits);
        match capimap::import::gtm::parse(&bytes, "fuzzed.json") {
            Err(e) => {
                let message = e.to_string();
                assert_one_line(&message);
                prop_assert!(message.starts_with("fuzzed.json"));
                prop_assert!(!message.contains("REDACTED"), "{message}");
            }
            Ok(c) => {
                let a = capimap::import::gtm::analyse(c);
                let catalog = Catalog::builtin().unwrap();
                let plan = capimap::import::gtm::plan(&a, &capimap::model::Project::empty("f"), &catalog);
                let findings = capimap::import::gtm::findings(&a, &plan.result, &catalog);
                let text = store::to_string(&plan.result);
                prop_assert!(!text.contains("REDACTED-TOKEN"));
                for f in &findings {
                    prop_assert!(!f.message.contains("REDACTED-TOKEN"), "{}", f.message);
                }
                let back = store::parse(&text, "imported");
                prop_assert!(back.is_ok(), "{:?}", back.err().map(|e| e.to_string()));
            }
        }
    }

    #[test]
    fn any_bytes_given_to_inspection_give_no_panic_and_print_no_value(
        body in prop::collection::vec(any::<u8>(), 0..600),
        keyed in "[a-z]{3,8}@[a-z]{3,8}\\.example",
    ) {
        let catalog = Catalog::builtin().unwrap();
        let meta = catalog.get("meta").unwrap();
        // Raw bytes, and the same bytes inside a plausible body whose keys and values carry an
        // e-mail address that must not come out again.
        let wrapped = format!(
            "{{\"data\":[{{\"custom_data\":{{\"{keyed}\":\"{keyed}\"}},\"x\":{:?}}}]}}\n",
            String::from_utf8_lossy(&body)
        );
        for input in [body.clone(), wrapped.into_bytes()] {
            let mut inspector = Inspector::new(meta);
            let outcome = read_input(input.as_slice(), "fuzzed.jsonl", &mut inspector);
            if let Err(e) = &outcome {
                assert_one_line(&e.to_string());
            }
            let result = inspector.finish();
            let shown = serde_json::to_string(&result).unwrap();
            prop_assert!(!shown.contains(&keyed), "a value came out: {shown}");
            for path in result.paths.keys() {
                prop_assert!(!path.chars().any(char::is_control), "{path:?}");
            }
            for s in &result.skipped {
                assert_one_line(&s.reason);
            }
        }
    }
}
