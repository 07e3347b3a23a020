//! The consent a container's triggers are credited with, against a brute-force oracle: for
//! random firing and blocking triggers on the consent signals, every consent type the import
//! credits a tag's gate with must be one under which the tag, as Tag Manager evaluates its
//! triggers, fires for no event where that type is denied.
//!
//! Events carry consistent signals (x-ga-gcs and the Data Client's consent_state say the same),
//! or none at all (then nothing is granted), which a blocking trigger on a signal does not
//! stop.

mod common;

use capimap::import::gtm::analyse::Gate;
use common::gtm::{condition, export, tag};
use proptest::prelude::*;
use serde_json::Value;

#[derive(Clone, Debug)]
struct Cond {
    arg0: usize,
    op: usize,
    arg1: String,
    negate: bool,
    ignore_case: bool,
}

const ARGS: [&str; 4] = [
    "{{ED - gcs}}",
    "{{ED - ad_storage}}",
    "{{ED - ad_user_data}}",
    "{{Event Name}}",
];
const OPS: [&str; 5] = [
    "EQUALS",
    "STARTS_WITH",
    "ENDS_WITH",
    "CONTAINS",
    "MATCH_REGEX",
];

fn cond() -> impl Strategy<Value = Cond> {
    // Patterns that mean something for the signals, and random ones.
    let arg1 = prop_oneof![
        Just("G10".to_owned()),
        Just("G1.0".to_owned()),
        Just("^G1.0$".to_owned()),
        Just("^G10".to_owned()),
        Just("G11".to_owned()),
        Just("0".to_owned()),
        Just("1".to_owned()),
        Just("false".to_owned()),
        Just("true".to_owned()),
        Just("FALSE".to_owned()),
        Just("purchase".to_owned()),
        "[G10.^$*|tTruefalsF]{0,5}",
    ];
    (0usize..4, 0usize..5, arg1, any::<bool>(), any::<bool>()).prop_map(
        |(arg0, op, arg1, negate, ignore_case)| Cond {
            arg0,
            op,
            arg1,
            negate,
            ignore_case,
        },
    )
}

fn trigger() -> impl Strategy<Value = Vec<Cond>> {
    prop::collection::vec(cond(), 0..3)
}

/// An event: the consent granted for ad_storage, analytics_storage and ad_user_data, and its name.
#[derive(Clone, Copy, Debug)]
struct Event {
    ad: bool,
    analytics: bool,
    user_data: bool,
    purchase: bool,
    /// The consent signals are missing: Tag Manager compares "undefined" (0) or "" (1).
    missing: Option<usize>,
}

fn value(e: Event, arg0: usize) -> String {
    let b = |x: bool| if x { "1" } else { "0" };
    if let (Some(m), 0..=2) = (e.missing, arg0) {
        return if m == 0 { "undefined" } else { "" }.to_owned();
    }
    match arg0 {
        0 => format!("G1{}{}", b(e.ad), b(e.analytics)),
        1 => e.ad.to_string(),
        2 => e.user_data.to_string(),
        _ => if e.purchase { "purchase" } else { "page_view" }.to_owned(),
    }
}

/// Tag Manager's evaluation of one condition; a pattern that does not compile never matches.
fn holds(c: &Cond, e: Event) -> bool {
    let v = value(e, c.arg0);
    let (v2, a2) = if c.ignore_case {
        (v.to_lowercase(), c.arg1.to_lowercase())
    } else {
        (v.clone(), c.arg1.clone())
    };
    let r = match c.op {
        0 => v2 == a2,
        1 => v2.starts_with(&a2),
        2 => v2.ends_with(&a2),
        3 => v2.contains(&a2),
        _ => regex::RegexBuilder::new(&c.arg1)
            .case_insensitive(c.ignore_case)
            .build()
            .is_ok_and(|r| r.is_match(&v)),
    };
    r != c.negate
}

fn fires(firing: &[Vec<Cond>], blocking: &[Vec<Cond>], e: Event) -> bool {
    firing.iter().any(|t| t.iter().all(|c| holds(c, e)))
        && !blocking.iter().any(|t| t.iter().all(|c| holds(c, e)))
}

fn json(c: &Cond) -> Value {
    let mut v = condition(OPS[c.op], ARGS[c.arg0], &c.arg1);
    if let Some(list) = v["parameter"].as_array_mut() {
        list.push(
            serde_json::json!({"type": "BOOLEAN", "key": "negate", "value": c.negate.to_string()}),
        );
        list.push(serde_json::json!({"type": "BOOLEAN", "key": "ignore_case", "value": c.ignore_case.to_string()}));
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn a_credited_consent_type_is_never_denied_for_an_event_the_tag_fires_for(
        firing in prop::collection::vec(trigger(), 1..3),
        blocking in prop::collection::vec(trigger(), 0..3),
    ) {
        let mut e = export();
        let mut firing_ids = Vec::new();
        for (i, t) in firing.iter().enumerate() {
            let id = format!("f{i}");
            e = e.trigger(&id, t.iter().map(json).collect());
            firing_ids.push(id);
        }
        let mut blocking_ids = Vec::new();
        for (i, t) in blocking.iter().enumerate() {
            let id = format!("b{i}");
            e = e.trigger(&id, t.iter().map(json).collect());
            blocking_ids.push(id);
        }
        let f: Vec<&str> = firing_ids.iter().map(String::as_str).collect();
        let b: Vec<&str> = blocking_ids.iter().map(String::as_str).collect();
        let e = e.tag(tag("1", "stape-io/tiktok-tag").text("pixelId", "P").firing(&f).blocking(&b));
        let a = e.analyse();
        let t = a.tag("1").unwrap();
        let credited: Vec<&str> = t.gates.iter().flat_map(|g| match g {
            Gate::Trigger { credits, .. } => credits.iter().map(|c| c.key()).collect(),
            _ => Vec::new(),
        }).collect();
        let (p, _) = e.import();
        // What the project's gate enforces is what the triggers were credited with.
        let enforced: Vec<String> = p.nodes.iter().filter_map(|n| n.as_gate()).flat_map(|g| g.enforces.iter().map(ToString::to_string)).collect();
        for key in &credited {
            let purpose = format!("gcm-{}", key.replace('_', "-"));
            prop_assert!(enforced.contains(&purpose), "{} not enforced", purpose);
        }
        let mut events = Vec::new();
        for ad in [false, true] { for analytics in [false, true] { for user_data in [false, true] { for purchase in [false, true] {
            events.push(Event { ad, analytics, user_data, purchase, missing: None });
        }}}}
        for purchase in [false, true] { for m in [0, 1] {
            events.push(Event { ad: false, analytics: false, user_data: false, purchase, missing: Some(m) });
        }}
        for ev in events {
            if !fires(&firing, &blocking, ev) { continue; }
            for key in &credited {
                let denied = match *key {
                    "ad_storage" => !ev.ad,
                    "analytics_storage" => !ev.analytics,
                    "ad_user_data" => !ev.user_data,
                    _ => false,
                };
                prop_assert!(!denied, "credited {key}, but the tag fires for {ev:?}; gates {:?}", t.gates);
            }
        }
    }
}

/// A case the random search can miss: a firing trigger on consent_state.ad_storage says
/// nothing of ad_user_data.
#[test]
fn a_trigger_on_one_consent_type_is_credited_with_that_type_only() {
    let e = export()
        .trigger(
            "9",
            vec![condition("EQUALS", "{{ED - ad_storage}}", "true")],
        )
        .tag(
            tag("1", "stape-io/tiktok-tag")
                .text("pixelId", "P")
                .firing(&["9"]),
        );
    let a = e.analyse();
    let credits: Vec<&str> = a
        .tag("1")
        .unwrap()
        .gates
        .iter()
        .flat_map(|g| match g {
            Gate::Trigger { credits, .. } => credits.iter().map(|c| c.key()).collect(),
            _ => Vec::new(),
        })
        .collect();
    assert_eq!(credits, vec!["ad_storage"]);
}
