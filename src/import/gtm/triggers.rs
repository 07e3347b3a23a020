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
    /// The client names it is limited to; `None`: every client.
    pub clients: Option<BTreeSet<String>>,
    /// Event names it is limited to (`{{Event Name}}` equals …), for descriptions.
    pub events: Vec<String>,
    /// The consent conditions, with what they read.
    pub consent: Vec<(Reads, Condition)>,
    /// Conditions on anything else (event name, paths, …).
    pub other: usize,
    /// Whether a client-name condition is among the conditions.
    pub on_client: bool,
}

/// What a `{{Variable}}` argument stands for.
enum Arg {
    ClientName,
    EventName,
    Consent(Reads),
    Other,
}

fn arg(c: &Container, text: &str) -> Arg {
    let refs = references(text);
    let [name] = refs.as_slice() else {
        return Arg::Other;
    };
    if let Some(b) = c.built_in(name) {
        return match b.kind.as_str() {
            "clientname" => Arg::ClientName,
            "eventname" => Arg::EventName,
            _ => Arg::Other,
        };
    }
    match *name {
        "Client Name" => return Arg::ClientName,
        "Event Name" => return Arg::EventName,
        _ => {}
    }
    let Some(v) = c.variable(name) else {
        return Arg::Other;
    };
    let key = match v.kind.as_str() {
        "ed" => v.params.text("keyPath").unwrap_or_default(),
        "qp" => v.params.text("queryParamName").unwrap_or_default(),
        _ => return Arg::Other,
    };
    match key.trim() {
        "x-ga-gcs" | "gcs" => Arg::Consent(Reads::Gcs),
        "x-ga-gcd" | "gcd" => Arg::Consent(Reads::Gcd),
        k => match k
            .strip_prefix("consent_state.")
            .and_then(ConsentType::from_key)
        {
            Some(t) => Arg::Consent(Reads::State(t)),
            None => Arg::Other,
        },
    }
}

/// Whether a condition holds for a value; `None` when capimap cannot tell.
pub fn holds(cond: &Condition, value: &str) -> Option<bool> {
    let (v, a) = if cond.ignore_case {
        (value.to_lowercase(), cond.arg1.to_lowercase())
    } else {
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
    let mut r = Reading::default();
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
            }
            Arg::EventName => {
                r.other += 1;
                if cond.op == "equals" && !cond.negate && references(&cond.arg1).is_empty() {
                    r.events.push(cond.arg1.clone());
                }
            }
            Arg::Consent(reads) => r.consent.push((reads, cond.clone())),
            Arg::Other => r.other += 1,
        }
    }
    r
}

/// The values of what `reads` reads, each with whether `wanted` is granted in it.
fn states(reads: Reads, wanted: ConsentType) -> Vec<(&'static str, bool)> {
    match reads {
        Reads::Gcs => GCS
            .iter()
            .map(|&(v, ad, analytics)| {
                let granted = match wanted {
                    ConsentType::AdStorage => ad,
                    ConsentType::AnalyticsStorage => analytics,
                    // gcs says nothing of these.
                    _ => true,
                };
                (v, granted)
            })
            .collect(),
        Reads::State(t) => vec![("true", true), ("false", t != wanted)],
        Reads::Gcd => Vec::new(),
    }
}

/// Whether the conditions (all on the same signal) hold for a value; unknown counts as holding.
fn all_hold(conds: &[&Condition], value: &str) -> bool {
    conds.iter().all(|c| holds(c, value) != Some(false))
}

/// The consent types a blocking trigger enforces: those for which it blocks every state where
/// the type is denied. Only a trigger that reads one signal and nothing else credits a type.
pub fn blocking_credits(r: &Reading) -> (Option<Reads>, Vec<ConsentType>) {
    let Some(reads) = single_signal(r) else {
        return (r.consent.first().map(|(s, _)| *s), Vec::new());
    };
    if r.other > 0 || r.on_client {
        return (Some(reads), Vec::new());
    }
    let conds: Vec<&Condition> = r.consent.iter().map(|(_, c)| c).collect();
    let credits = ConsentType::ALL
        .into_iter()
        .filter(|&t| {
            let s = states(reads, t);
            // Blocked where all conditions hold for certain (unknown: not blocked).
            let blocked = |v: &str| conds.iter().all(|c| holds(c, v) == Some(true));
            !s.is_empty() && s.iter().any(|(_, g)| !g) && s.iter().all(|&(v, g)| g || blocked(v))
        })
        .collect();
    (Some(reads), credits)
}

/// The consent types a firing trigger limits a tag to: it fires only in states where the type
/// is granted.
pub fn firing_credits(r: &Reading) -> Vec<ConsentType> {
    let Some(reads) = single_signal(r) else {
        return Vec::new();
    };
    let conds: Vec<&Condition> = r.consent.iter().map(|(_, c)| c).collect();
    ConsentType::ALL
        .into_iter()
        .filter(|&t| {
            let s = states(reads, t);
            !s.is_empty()
                && s.iter().any(|(_, g)| !g)
                && s.iter().all(|&(v, g)| g || !all_hold(&conds, v))
        })
        .collect()
}

fn single_signal(r: &Reading) -> Option<Reads> {
    let first = r.consent.first()?.0;
    r.consent.iter().all(|(s, _)| *s == first).then_some(first)
}
