//! Triggers: which clients' events a trigger fires for, which events, and what it reads of the
//! consent state. A trigger's conditions all have to hold (ref. §1.4); a condition capimap
//! cannot evaluate is taken as possibly true, so that it never narrows what a tag sends.

use std::collections::BTreeSet;

use super::container::{Condition, Container, Trigger, references};

/// A consent type of Google's consent mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentType {
    AdStorage,
    AdUserData,
    AdPersonalization,
    AnalyticsStorage,
}

impl ConsentType {
    pub const ALL: [ConsentType; 4] = [
        ConsentType::AdStorage,
        ConsentType::AdUserData,
        ConsentType::AdPersonalization,
        ConsentType::AnalyticsStorage,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ConsentType::AdStorage => "ad_storage",
            ConsentType::AdUserData => "ad_user_data",
            ConsentType::AdPersonalization => "ad_personalization",
            ConsentType::AnalyticsStorage => "analytics_storage",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }
}

/// What of the consent state a condition reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Reads {
    /// `x-ga-gcs` (or the `gcs` query parameter): `G1` + ad_storage digit + analytics digit.
    Gcs,
    /// `x-ga-gcd`: its letters are not documented, so nothing is credited for it.
    Gcd,
    /// `consent_state.<type>` from the Data Client: `true` or `false`.
    State(ConsentType),
}

/// The four values of gcs, with what each says is granted (ref. §3.2).
const GCS: [(&str, bool, bool); 4] = [
    ("G100", false, false),
    ("G101", false, true),
    ("G110", true, false),
    ("G111", true, true),
];

/// A trigger as far as capimap reads it.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    /// The client names it may fire for; `None`: every client.
    pub clients: Option<BTreeSet<String>>,
    /// The client names its client conditions hold for, for certain (what a blocking trigger
    /// surely blocks).
    pub surely: Option<BTreeSet<String>>,
    /// Event names it is limited to (`{{Event Name}}` equals …), for descriptions.
    pub events: Vec<String>,
    /// The consent conditions, with what they read.
    pub consent: Vec<ConsentCondition>,
    /// Conditions on anything else (event name, paths, …).
    pub other: usize,
    /// Whether a client-name condition is among the conditions.
    pub on_client: bool,
    /// The trigger fires on every event its conditions let through (type Always): other
    /// types add conditions of their own.
    pub every_event: bool,
}

/// A condition on a consent signal.
#[derive(Clone, Debug)]
pub struct ConsentCondition {
    pub reads: Reads,
    pub cond: Condition,
    /// The value the variable gives when the event lacks the signal (its default value).
    pub default: Option<String>,
}

/// What a `{{Variable}}` argument stands for.
enum Arg {
    ClientName,
    EventName,
    Consent(Reads, Option<String>),
    Other,
}

fn arg(c: &Container, text: &str) -> Arg {
    // Only an argument that is one variable and nothing else: "{{ED - gcs}}x" is not gcs.
    let Some(name) = text
        .trim()
        .strip_prefix("{{")
        .and_then(|x| x.strip_suffix("}}"))
        .map(str::trim)
        .filter(|n| !n.contains("{{") && !n.contains("}}"))
    else {
        return Arg::Other;
    };
    if let Some(b) = c.built_in(name) {
        return match b.kind.as_str() {
            "clientname" => Arg::ClientName,
            "eventname" => Arg::EventName,
            _ => Arg::Other,
        };
    }
    let Some(v) = c.variable(name) else {
        // The built-ins by their usual names, when the export does not list them.
        return match name {
            "Client Name" => Arg::ClientName,
            "Event Name" => Arg::EventName,
            _ => Arg::Other,
        };
    };
    let default = (v.params.flag("setDefaultValue") == Some(true))
        .then(|| v.params.text("defaultValue").unwrap_or_default().to_owned());
    let key = match v.kind.as_str() {
        "ed" => v.params.text("keyPath").unwrap_or_default(),
        "qp" => v.params.text("queryParamName").unwrap_or_default(),
        _ => return Arg::Other,
    };
    match key.trim() {
        "x-ga-gcs" | "gcs" => Arg::Consent(Reads::Gcs, default),
        "x-ga-gcd" | "gcd" => Arg::Consent(Reads::Gcd, default),
        k => match k
            .strip_prefix("consent_state.")
            .and_then(ConsentType::from_key)
        {
            Some(t) => Arg::Consent(Reads::State(t), default),
            None => Arg::Other,
        },
    }
}

/// Whether a condition holds for a value; `None` when capimap cannot tell.
pub fn holds(cond: &Condition, value: &str) -> Option<bool> {
    // A value compared with a variable is known only at run time.
    if !references(&cond.arg1).is_empty() {
        return None;
    }
    let (v, a) = if cond.ignore_case && cond.op != "matchregex" {
        (value.to_lowercase(), cond.arg1.to_lowercase())
    } else {
        // A pattern is not lower-cased (`\D` is not `\d`); the regex ignores case itself.
        (value.to_owned(), cond.arg1.clone())
    };
    let r = match cond.op.as_str() {
        "equals" => v == a,
        "contains" => v.contains(&a),
        "startswith" => v.starts_with(&a),
        "endswith" => v.ends_with(&a),
        "matchregex" => regex::RegexBuilder::new(&a)
            .case_insensitive(cond.ignore_case)
            .size_limit(1 << 16)
            .build()
            .ok()?
            .is_match(&v),
        _ => return None,
    };
    Some(r != cond.negate)
}

pub fn read(c: &Container, t: &Trigger) -> Reading {
    let mut r = Reading {
        every_event: t.kind == "always",
        ..Reading::default()
    };
    for cond in &t.conditions {
        match arg(c, &cond.arg0) {
            Arg::ClientName => {
                r.on_client = true;
                let names: BTreeSet<String> = c
                    .clients
                    .iter()
                    .filter(|cl| holds(cond, &cl.name) != Some(false))
                    .map(|cl| cl.name.clone())
                    .collect();
                r.clients = Some(match r.clients.take() {
                    Some(before) => before.intersection(&names).cloned().collect(),
                    None => names,
                });
                let sure: BTreeSet<String> = c
                    .clients
                    .iter()
                    .filter(|cl| holds(cond, &cl.name) == Some(true))
                    .map(|cl| cl.name.clone())
                    .collect();
                r.surely = Some(match r.surely.take() {
                    Some(before) => before.intersection(&sure).cloned().collect(),
                    None => sure,
                });
            }
            Arg::EventName => {
                r.other += 1;
                if cond.op == "equals" && !cond.negate && references(&cond.arg1).is_empty() {
                    r.events.push(cond.arg1.clone());
                }
            }
            Arg::Consent(reads, default) => r.consent.push(ConsentCondition {
                reads,
                cond: cond.clone(),
                default,
            }),
            Arg::Other => r.other += 1,
        }
    }
    r
}

/// One state of the signal a trigger reads: a value it can have, or the signal missing from
/// the event (the variable's default, else "undefined" or "").
#[derive(Clone, Copy)]
enum State {
    Value(&'static str),
    Missing(usize),
}

/// The states of what `reads` reads, each with whether `wanted` is granted in it. A missing
/// signal grants nothing: the event says nothing of the user's choice.
fn states(reads: Reads, wanted: ConsentType) -> Vec<(State, bool)> {
    let mut out: Vec<(State, bool)> = match (reads, wanted) {
        (Reads::Gcs, ConsentType::AdStorage | ConsentType::AnalyticsStorage) => GCS
            .iter()
            .map(|&(v, ad, analytics)| {
                let granted = if wanted == ConsentType::AdStorage {
                    ad
                } else {
                    analytics
                };
                (State::Value(v), granted)
            })
            .collect(),
        (Reads::State(t), _) if t == wanted => {
            vec![(State::Value("true"), true), (State::Value("false"), false)]
        }
        // The signal says nothing of this type: whatever it says, the type may be denied.
        _ => return Vec::new(),
    };
    out.extend([(State::Missing(0), false), (State::Missing(1), false)]);
    out
}

/// What a condition of the reading sees in a state.
fn seen(c: &ConsentCondition, s: State) -> &str {
    match s {
        State::Value(v) => v,
        State::Missing(_) if c.default.is_some() => c.default.as_deref().unwrap_or_default(),
        State::Missing(0) => "undefined",
        State::Missing(_) => "",
    }
}

/// The consent types a blocking trigger enforces: it blocks, for certain, every state in which
/// the type is not granted (a missing signal included). Only a trigger on every event that
/// reads one signal and nothing else can.
pub fn blocking_credits(r: &Reading) -> (Option<Reads>, Vec<ConsentType>) {
    let Some(reads) = single_signal(r) else {
        return (r.consent.first().map(|c| c.reads), Vec::new());
    };
    if r.other > 0 || r.on_client || !r.every_event {
        return (Some(reads), Vec::new());
    }
    let blocked = |s: State| {
        r.consent
            .iter()
            .all(|c| holds(&c.cond, seen(c, s)) == Some(true))
    };
    let credits = ConsentType::ALL
        .into_iter()
        .filter(|&t| {
            let s = states(reads, t);
            !s.is_empty() && s.iter().all(|&(st, g)| g || blocked(st))
        })
        .collect();
    (Some(reads), credits)
}

/// The consent types a blocking trigger tests when the signal is there (what it is meant to
/// check, for telling a wrong digit of gcs), whether or not it is credited.
pub fn blocking_tests(r: &Reading) -> Vec<ConsentType> {
    let Some(reads) = single_signal(r) else {
        return Vec::new();
    };
    let blocked = |s: State| {
        r.consent
            .iter()
            .all(|c| holds(&c.cond, seen(c, s)) == Some(true))
    };
    ConsentType::ALL
        .into_iter()
        .filter(|&t| {
            let s: Vec<(State, bool)> = states(reads, t)
                .into_iter()
                .filter(|(st, _)| matches!(st, State::Value(_)))
                .collect();
            s.iter().any(|(_, g)| !g) && s.iter().all(|&(st, g)| g || blocked(st))
        })
        .collect()
}

/// The consent types a firing trigger limits a tag to: it fires, for certain, in no state in
/// which the type is not granted (a missing signal included).
pub fn firing_credits(r: &Reading) -> Vec<ConsentType> {
    let Some(reads) = single_signal(r) else {
        return Vec::new();
    };
    // Fires unless a condition fails for certain.
    let may_fire = |s: State| {
        r.consent
            .iter()
            .all(|c| holds(&c.cond, seen(c, s)) != Some(false))
    };
    ConsentType::ALL
        .into_iter()
        .filter(|&t| {
            let s = states(reads, t);
            !s.is_empty() && s.iter().all(|&(st, g)| g || !may_fire(st))
        })
        .collect()
}

fn single_signal(r: &Reading) -> Option<Reads> {
    let first = r.consent.first()?.reads;
    r.consent.iter().all(|c| c.reads == first).then_some(first)
}
