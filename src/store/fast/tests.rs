//! The fast reader against its oracle, the `ron` crate.

use super::*;

/// Where the reader stopped, for a failing test to show.
fn stopped_at<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    let (value, at) = read(text);
    value.map_err(|_| {
        let from = text.floor_char_boundary(at.saturating_sub(80));
        format!("stopped at byte {at}: …{}", &text[from..at.min(text.len())])
    })
}

/// What the `ron` crate makes of a text, as the store reads it.
fn by_ron(text: &str) -> Option<crate::model::Project> {
    crate::store::ron_options().from_str(text).ok()
}

/// The example with a layout, escapes, comments and options of every kind, so that the
/// texts mutated below reach every part of the reader.
fn rich_text() -> String {
    let mut p = crate::store::parse(crate::examples::SHOP, "shop")
        .map(|l| l.project)
        .unwrap();
    p.description = "Line one\nsays \"quoted\" and \\ and\ttab".to_owned();
    for (i, n) in p.nodes.iter().enumerate() {
        let at = crate::model::Position {
            x: i as f32 * 120.5 - 40.25,
            y: 1.0e-3 * i as f32,
        };
        p.layout.positions.insert(n.id.clone(), at);
    }
    let text = crate::store::to_string(&p);
    // Comments where a person might add them, and Windows line endings in part.
    text.replacen(
        "    nodes: [",
        "    // the systems\n    nodes: [ // inline\n",
        1,
    )
    .replacen("\n", "\r\n", 40)
}

#[test]
fn the_example_is_read() {
    let p: crate::model::Project = stopped_at(crate::examples::SHOP).unwrap();
    assert!(!p.flows.is_empty());
    assert_eq!(Some(p), by_ron(crate::examples::SHOP));
}

#[test]
fn what_capimap_writes_is_read_as_ron_reads_it() {
    let rich = rich_text();
    let fast: crate::model::Project = stopped_at(&rich).unwrap();
    assert_eq!(Some(&fast), by_ron(&rich).as_ref());
    assert!(fast.description.contains("\"quoted\""));
    // Escapes as a person types them (capimap itself writes raw strings).
    let typed =
        crate::examples::SHOP.replacen("name: \"", r#"name: "\"q\" \\ \n \r \t \0 \' é"#, 1);
    let fast: crate::model::Project = stopped_at(&typed).unwrap();
    assert!(
        fast.name.starts_with("\"q\" \\ \n \r \t \0 ' é"),
        "{}",
        fast.name
    );
    assert_eq!(Some(fast), by_ron(&typed));
    for flows in [0, 1, 7, 120] {
        let text = crate::store::to_string(&crate::synthetic::rung(flows));
        let fast: crate::model::Project = stopped_at(&text).unwrap();
        assert_eq!(Some(fast), by_ron(&text), "{flows} flows");
    }
}

#[test]
fn what_it_does_not_read_is_left_to_ron() {
    let text = crate::examples::SHOP;
    for (from, to) in [
        ("    nodes: [", "    /* block */ nodes: ["),
        ("name: \"", "name: \"\\x41"),
        ("version: 5", "version: 0x5"),
        (
            "#![enable(implicit_some)]",
            "#![enable(implicit_some, unwrap_newtypes)]",
        ),
    ] {
        let changed = text.replacen(from, to, 1);
        assert_ne!(changed, text, "{from}");
        assert!(
            from_str::<crate::model::Project>(&changed).is_none(),
            "{to}"
        );
    }
}

/// A mutation of a text: bytes removed, or RON's own characters put in.
fn mutate(text: &str, at: usize, len: usize, insert: &str) -> Option<String> {
    let at = at % text.len();
    let end = (at + len).min(text.len());
    if !text.is_char_boundary(at) || !text.is_char_boundary(end) {
        return None;
    }
    Some(format!("{}{insert}{}", &text[..at], &text[end..]))
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(600))]

    /// The oracle is the `ron` crate: whatever the fast reader reads, `ron` reads the
    /// same; whatever `ron` refuses, the fast reader refuses too.
    #[test]
    fn never_reads_a_text_otherwise_than_ron(
        at in 0usize..1_000_000,
        len in 0usize..6,
        insert in proptest::sample::select(vec![
            "", " ", "\n", ",", ":", "(", ")", "[", "]", "{", "}", "\"", "\\", "//", "/*",
            "#", "r#", "Some(", "None", "Some", "()", "0", "-1", "1.5", "1e3", "_", "é",
            "\\n", "\\t", "\\r", "\\0", "\\'", "\\\"", "\\u{41}", "\\x41", "true",
            "x: 1,", "\u{2028}", "\t", "..", "r\"", "\"#",
        ]),
        rich in proptest::bool::ANY,
    ) {
        static RICH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let base = if rich { RICH.get_or_init(rich_text).as_str() } else { crate::examples::SHOP };
        if let Some(text) = mutate(base, at, len, insert)
            && let Some(fast) = from_str::<crate::model::Project>(&text)
        {
            proptest::prop_assert_eq!(Some(fast), by_ron(&text));
        }
    }
}

#[test]
fn a_large_project_read_on_two_threads_is_what_ron_reads() {
    for flows in [2, 3, 40, 301] {
        let text = crate::store::to_string(&crate::synthetic::rung(flows));
        let (fast, split) = split::project_split_from(&text, 0);
        // With a few flows the middle of the text is among the nodes: no split.
        assert!(
            split || flows < 10,
            "{flows} flows: the second half was read by the other thread"
        );
        assert_eq!(fast, by_ron(&text), "{flows} flows");
    }
    // A guess that is never arrived at (the middle of the text falls inside a long
    // description that looks like a flow's opening line) is thrown away.
    let mut p = crate::synthetic::rung(4);
    p.description = format!("{}\n        (\n{}", "x".repeat(40_000), "y".repeat(40_000));
    let text = crate::store::to_string(&p);
    let (fast, split) = split::project_split_from(&text, 0);
    assert!(!split);
    assert_eq!(fast, by_ron(&text));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(150))]

    /// Mutated texts read on two threads: whatever is read is what `ron` reads.
    #[test]
    fn read_on_two_threads_never_otherwise_than_ron(
        at in 0usize..1_000_000,
        len in 0usize..6,
        insert in proptest::sample::select(vec![
            "", " ", "\n", ",", "(", ")", "[", "]", "\"", "r#\"", "//", "\n        (\n",
            "x: 1,", "None", "]),", "flows: [",
        ]),
    ) {
        static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        let base = TEXT.get_or_init(|| crate::store::to_string(&crate::synthetic::rung(40)));
        if let Some(text) = mutate(base, at, len, insert)
            && let (Some(fast), _) = split::project_split_from(&text, 0)
        {
            proptest::prop_assert_eq!(Some(fast), by_ron(&text));
        }
    }
}
