//! Inspection at scale: a capture read on several threads, or split into shards inspected
//! apart and merged from their partial summaries, gives exactly what one thread reading all
//! of it gives; the paths kept beyond the limit agree with a brute-force count. The CLI's
//! `--summary-out` and `--merge` are tested in `inspect_merge_cli.rs`.

use std::collections::BTreeMap;

use proptest::prelude::*;
use sha2::{Digest, Sha256};

use capimap::catalog::{Catalog, Platform};
use capimap::inspect::consent::{Expectation, SignalExpectation};
use capimap::inspect::identities::{Index, TestIdentity};
use capimap::inspect::{Inspection, Inspector, MAX_PATHS, Sharing, read_input_shared, summary};

fn meta(catalog: &Catalog) -> &Platform {
    catalog
        .get("meta")
        .expect("the built-in catalogue has Meta")
}

fn hex(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One line of a capture: request bodies of every kind the reader meets, and the malformed
/// lines real logs have.
fn line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::collection::vec(event(), 1..3).prop_map(|events| {
            format!("{{\"data\":[{}]}}", events.join(",")).into_bytes()
        }),
        1 => Just(b"   ".to_vec()),
        1 => Just(b"{\"data\": [{\"event_name\": ".to_vec()),
        1 => Just(b"\xff\xfe not text".to_vec()),
        1 => Just(b"42".to_vec()),
    ]
}

/// The first line: a body, so that the input is read as JSON Lines.
fn first_line() -> impl Strategy<Value = Vec<u8>> {
    event().prop_map(|e| format!("{{\"data\":[{e}]}}").into_bytes())
}

fn event() -> impl Strategy<Value = String> {
    let em = prop_oneof![
        Just(hex("jane@example.com")),
        Just(hex("Jane@Example.com")),
        Just("jane@example.com".to_owned()),
        Just("Someone@Example.com".to_owned()),
        Just(hex("other@example.com")),
    ];
    let ph = prop_oneof![
        Just("+49 40 5550".to_owned()),
        Just("49405550".to_owned()),
        Just(hex("49405550")),
    ];
    let consent = prop_oneof![Just("GRANTED"), Just("DENIED"), Just("MAYBE")];
    (
        prop::option::of(prop::collection::vec(em, 1..3)),
        prop::option::of(ph),
        prop::option::of(consent),
        prop::collection::btree_set(0..12usize, 0..4),
        any::<bool>(),
    )
        .prop_map(|(em, ph, consent, keys, ip)| {
            let mut user = Vec::new();
            if let Some(em) = em {
                let list: Vec<String> = em.iter().map(|v| format!("\"{v}\"")).collect();
                user.push(format!("\"em\":[{}]", list.join(",")));
            }
            if let Some(ph) = ph {
                user.push(format!("\"ph\":\"{ph}\""));
            }
            if ip {
                user.push("\"client_ip_address\":\"203.0.113.9\"".to_owned());
            }
            // Unknown keys, one of which looks like a value (an e-mail address as a key).
            let custom: Vec<String> = keys
                .iter()
                .map(|k| match k {
                    0 => "\"x@y.example\":1".to_owned(),
                    k => format!("\"k{k}\":\"v\""),
                })
                .collect();
            let mut fields = vec![
                "\"event_name\":\"Purchase\"".to_owned(),
                format!("\"user_data\":{{{}}}", user.join(",")),
                format!("\"custom_data\":{{{}}}", custom.join(",")),
            ];
            if let Some(c) = consent {
                fields.push(format!("\"consent\":\"{c}\""));
            }
            format!("{{{}}}", fields.join(","))
        })
}

/// A capture: lines joined, the last one with or without its line end.
fn capture() -> impl Strategy<Value = Vec<Vec<u8>>> {
    (first_line(), prop::collection::vec(line(), 0..40))
        .prop_map(|(first, rest)| std::iter::once(first).chain(rest).collect())
}

fn joined(lines: &[Vec<u8>], last_end: bool) -> Vec<u8> {
    let mut bytes = lines.join(&b'\n');
    if last_end {
        bytes.push(b'\n');
    }
    bytes
}

fn identities() -> Index {
    Index::new(&[TestIdentity {
        email: Some("jane@example.com".into()),
        phone: Some("+49 40 5550".into()),
        country: Some("DE".into()),
        first_name: None,
        last_name: None,
        city: None,
        postal_code: None,
        date_of_birth: None,
        external_id: None,
        withdrawn: true,
    }])
}

fn expectation() -> Expectation {
    Expectation {
        case: "case 2 (EEA)".into(),
        destination: "meta-capi".into(),
        must_not: BTreeMap::from([(
            "user_data.em".to_owned(),
            ("E-mail address".to_owned(), vec!["Advertising".to_owned()]),
        )]),
        signals: vec![SignalExpectation {
            path: "consent".into(),
            expected: "DENIED".into(),
            opposite: "GRANTED".into(),
            required: true,
            follows: vec!["Advertising".into()],
        }],
        ..Expectation::default()
    }
}

/// The whole result, as `inspect --format json` prints it.
fn as_json(i: &Inspection) -> serde_json::Value {
    serde_json::to_value(i).expect("an inspection serialises")
}

const ONE_THREAD: Sharing = Sharing {
    block: usize::MAX,
    workers: 1,
};

fn read(inspector: &mut Inspector, bytes: &[u8], file: &str, sharing: Sharing) {
    read_input_shared(bytes, file, std::slice::from_mut(inspector), sharing)
        .expect("a JSON Lines capture is read");
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Any block size and number of workers: the same counts, flags, test identities,
    /// consent outcome and skipped lines (in line order) as one thread.
    #[test]
    fn threads_give_what_one_thread_gives(
        lines in capture(),
        last_end in any::<bool>(),
        block in 1..300usize,
        workers in 2..5usize,
    ) {
        let catalog = Catalog::builtin().expect("catalogue");
        let index = identities();
        let bytes = joined(&lines, last_end);
        let run = |sharing| {
            let mut i = Inspector::new(meta(&catalog))
                .with_identities(&index, &[])
                .with_consent(expectation());
            read(&mut i, &bytes, "capture.jsonl", sharing);
            as_json(&i.finish())
        };
        let one = run(ONE_THREAD);
        let many = run(Sharing { block, workers });
        prop_assert_eq!(many, one);
    }

    /// A capture cut into shards, each inspected into a partial summary written to disk and
    /// read back: merged, the report one run over the shards gives.
    #[test]
    fn merged_summaries_give_one_run(lines in capture(), cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..4)) {
        let catalog = Catalog::builtin().expect("catalogue");
        let platform = meta(&catalog);
        // Shards start at a body, as a capture split by lines of bodies does.
        let mut starts: Vec<usize> = cuts.iter().map(|c| c.index(lines.len())).collect();
        starts.push(0);
        starts.sort_unstable();
        starts.dedup();
        starts.retain(|s| serde_json::from_slice::<serde_json::Value>(&lines[*s]).is_ok_and(|v| v.is_object()));
        let shards: Vec<&[Vec<u8>]> = starts
            .iter()
            .enumerate()
            .map(|(k, s)| &lines[*s..starts.get(k + 1).copied().unwrap_or(lines.len())])
            .collect();
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mut one = Inspector::new(platform);
        let mut merged: Option<Inspection> = None;
        for (k, shard) in shards.iter().enumerate() {
            let name = format!("shard-{k}.jsonl");
            let bytes = joined(shard, true);
            read(&mut one, &bytes, &name, ONE_THREAD);
            let mut part = Inspector::new(platform);
            read(&mut part, &bytes, &name, Sharing { block: 64, workers: 2 });
            let file = dir.path().join(format!("part-{k}.json"));
            summary::write(&file, part.counted()).expect("the summary is written");
            let back = summary::read(&file).expect("the summary is read back");
            match &mut merged {
                None => merged = Some(back),
                Some(m) => m.merge(back),
            }
        }
        let merged = merged.expect("at least one shard");
        let merged = Inspector::resume(platform, merged).finish();
        prop_assert_eq!(as_json(&merged), as_json(&one.finish()));
    }
}

/// Events of many distinct keys, every value a number: all of `MAX_PATHS + 3,000` keys in a
/// random order cut into events, and some keys again in each, so that the limit is always
/// passed and paths recur.
fn wide_events() -> impl Strategy<Value = Vec<Vec<usize>>> {
    let all: Vec<usize> = (0..MAX_PATHS + 3_000).collect();
    (
        Just(all).prop_shuffle(),
        prop::collection::vec(any::<prop::sample::Index>(), 1..7),
        prop::collection::vec(prop::collection::btree_set(0..MAX_PATHS + 3_000, 0..400), 8),
    )
        .prop_map(|(keys, cuts, again)| {
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(keys.len())).collect();
            at.extend([0, keys.len()]);
            at.sort_unstable();
            at.dedup();
            at.windows(2)
                .zip(again)
                .map(|(w, again)| {
                    let mut event: std::collections::BTreeSet<usize> =
                        keys[w[0]..w[1]].iter().copied().collect();
                    event.extend(again);
                    // In the order the shuffle gave, then the recurring ones.
                    let mut ordered: Vec<usize> = keys[w[0]..w[1]].to_vec();
                    ordered.extend(event.into_iter().filter(|k| !keys[w[0]..w[1]].contains(k)));
                    ordered
                })
                .collect()
        })
}

/// What a brute-force count gives: every path counted whole, then the alphabetically first
/// [`MAX_PATHS`] kept; the values of the others are the untracked count.
fn brute_force(events: &[Vec<usize>]) -> (BTreeMap<String, (usize, usize)>, usize) {
    let mut all: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for keys in events {
        for k in keys {
            let seen = all.entry(format!("custom_data.k{k}")).or_default();
            seen.0 += 1;
            seen.1 += 1;
        }
    }
    let total: usize = all.values().map(|(_, values)| values).sum();
    let kept: BTreeMap<_, _> = all.into_iter().take(MAX_PATHS).collect();
    let untracked = total - kept.values().map(|(_, values)| values).sum::<usize>();
    (kept, untracked)
}

fn wide_lines(events: &[Vec<usize>]) -> Vec<Vec<u8>> {
    events
        .iter()
        .map(|keys| {
            let custom: Vec<String> = keys.iter().map(|k| format!("\"k{k}\":{k}")).collect();
            format!(
                "{{\"data\":[{{\"custom_data\":{{{}}}}}]}}",
                custom.join(",")
            )
            .into_bytes()
        })
        .collect()
}

fn counts(i: &Inspection) -> (BTreeMap<String, (usize, usize)>, usize) {
    let paths = i
        .paths
        .iter()
        .map(|(p, s)| (p.clone(), (s.present, s.values())))
        .collect();
    (paths, i.untracked)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Past the limit, one thread, several threads and merged halves keep the same paths,
    /// each counted whole, and count the same values untracked as a brute-force count.
    #[test]
    fn paths_beyond_the_limit_agree_with_brute_force(events in wide_events()) {
        let catalog = Catalog::builtin().expect("catalogue");
        let platform = meta(&catalog);
        let expected = brute_force(&events);
        let lines = wide_lines(&events);
        let bytes = joined(&lines, true);
        for sharing in [ONE_THREAD, Sharing { block: 4_000, workers: 3 }] {
            let mut i = Inspector::new(platform);
            read(&mut i, &bytes, "wide.jsonl", sharing);
            prop_assert_eq!(counts(i.counted()), expected.clone());
        }
        // The halves the other way round: the order of the input does not matter.
        let half = lines.len() / 2;
        let mut second = Inspector::new(platform);
        read(&mut second, &joined(&lines[half..], true), "b", ONE_THREAD);
        let mut first = Inspector::new(platform);
        read(&mut first, &joined(&lines[..half], true), "a", ONE_THREAD);
        let mut merged = second.counted().clone();
        merged.merge(first.counted().clone());
        prop_assert_eq!(counts(&merged), expected);
    }
}

/// A log of many broken lines: the first [`MAX_SKIPPED`] notes are kept, in line order, and
/// the others counted, the same on one thread, on several, and merged from shards.
#[test]
fn notes_on_skipped_lines_are_the_first_ones_however_the_log_is_read() {
    use capimap::inspect::MAX_SKIPPED;
    let catalog = Catalog::builtin().expect("catalogue");
    let platform = meta(&catalog);
    let body = b"{\"data\":[{\"event_name\":\"Purchase\"}]}".to_vec();
    let broken = b"{\"data\": [".to_vec();
    // 3,000 broken lines among 1,500 bodies, starting with a body.
    let lines: Vec<Vec<u8>> = (0..4_500)
        .map(|k| {
            if k % 3 == 0 {
                body.clone()
            } else {
                broken.clone()
            }
        })
        .collect();
    let bytes = joined(&lines, true);
    let run = |sharing| {
        let mut i = Inspector::new(platform);
        read(&mut i, &bytes, "broken.jsonl", sharing);
        i.counted().clone()
    };
    let one = run(ONE_THREAD);
    assert_eq!(one.skipped.len(), MAX_SKIPPED);
    assert_eq!(one.skipped_more, 3_000 - MAX_SKIPPED);
    let kept: Vec<usize> = one.skipped.iter().filter_map(|s| s.line).collect();
    let first: Vec<usize> = (1..=4_500)
        .filter(|n| (n - 1) % 3 != 0)
        .take(MAX_SKIPPED)
        .collect();
    assert_eq!(kept, first);
    let many = run(Sharing {
        block: 700,
        workers: 3,
    });
    assert_eq!(as_json(&many), as_json(&one));
    // Three shards, each inspected apart, merged in order: what one run over them keeps.
    let mut whole = Inspector::new(platform);
    let mut merged: Option<Inspection> = None;
    for (k, shard) in lines.chunks(1_500).enumerate() {
        let name = format!("shard-{k}");
        let bytes = joined(shard, true);
        read(&mut whole, &bytes, &name, ONE_THREAD);
        let mut part = Inspector::new(platform);
        read(
            &mut part,
            &bytes,
            &name,
            Sharing {
                block: 500,
                workers: 2,
            },
        );
        match &mut merged {
            None => merged = Some(part.counted().clone()),
            Some(m) => m.merge(part.counted().clone()),
        }
    }
    let merged = merged.expect("three shards");
    assert_eq!(as_json(&merged), as_json(whole.counted()));
    assert_eq!(merged.skipped_more, 3_000 - MAX_SKIPPED);
}
