//! Payload inspection: what servers really send to a conversion API, compared with the
//! platform's rules and with what the record documents. Privacy by design: values are looked
//! at once, classified, and dropped; the results hold field paths, counts and kinds only.

pub mod classify;
mod compare;
pub mod consent;
pub mod identities;
mod lines;
mod matching;
mod merge;
mod observed;
mod read;
pub mod summary;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{Hashing, Platform};
use crate::model::Normalisation;

pub use classify::Kind;
pub use compare::{Comparison, compare};
pub use lines::Sharing;
pub use matching::IdentityUse;
pub use read::{
    InputError, read_input, read_input_shared, read_path, read_path_into, read_stdin_into,
};

/// A key of a payload that the platform does not know, as the result may name it: one that
/// looks like a value (an e-mail address, a phone number, an IP address, a hash, a URL, a
/// name, or anything long) is replaced by its kind, so that no value reaches the output
/// through a key; any other is shown with control characters escaped.
fn key_shown(key: &str) -> String {
    let kind = classify::kind_of_str(key);
    let value_like = matches!(
        kind,
        Kind::Email
            | Kind::Phone
            | Kind::IpAddress
            | Kind::Sha256Hex
            | Kind::Sha256Base64
            | Kind::Url
            | Kind::UrlWithPersonalData
            | Kind::NameLike
    );
    if value_like {
        format!("<{}>", kind.label())
    } else if key.chars().count() > 40 {
        "<long key>".to_owned()
    } else {
        crate::model::shown::shown(key, 40)
    }
}

/// What was seen at one field path, over all events.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathStats {
    /// Events in which the path was present.
    pub present: usize,
    /// Values seen, by kind.
    pub kinds: BTreeMap<Kind, usize>,
    /// Raw values not written the way the platform requires (an upper-case e-mail, a phone
    /// number with spaces).
    pub not_normalised: usize,
    /// Events in which a hashed value was sent at the path (a list of hashes is one event).
    pub hashed_events: usize,
    /// Events in which a value neither hashed nor empty was sent at the path.
    pub raw_events: usize,
}

impl PathStats {
    pub fn hashed(&self) -> usize {
        self.kinds
            .iter()
            .filter(|(k, _)| k.is_hash())
            .map(|(_, n)| n)
            .sum()
    }

    /// Values that are neither hashes nor empty.
    pub fn raw(&self) -> usize {
        self.kinds
            .iter()
            .filter(|(k, _)| !k.is_hash() && **k != Kind::Empty)
            .map(|(_, n)| n)
            .sum()
    }

    fn personal_in_clear(&self) -> Vec<Kind> {
        self.kinds
            .keys()
            .copied()
            .filter(|k| k.is_personal_in_clear())
            .collect()
    }
}

/// Something the inspection flags.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Flag {
    /// A stable id, like the checks' rule ids (`inspect/must-hash-sent-raw`, …).
    pub id: &'static str,
    pub path: String,
    pub message: String,
}

/// A problem with a piece of input that was skipped (the rest is still inspected).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skipped {
    pub file: String,
    pub line: Option<usize>,
    /// What is wrong, never the content.
    pub reason: String,
}

/// The result of an inspection.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Inspection {
    pub platform: String,
    pub bodies: usize,
    pub events: usize,
    pub paths: BTreeMap<String, PathStats>,
    pub flags: Vec<Flag>,
    /// The first [`MAX_SKIPPED`] notes on skipped input, in the order of the input.
    pub skipped: Vec<Skipped>,
    /// Skipped pieces beyond those: counted, not listed (a log of a million broken lines
    /// would otherwise fill memory with notes).
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped_more: usize,
    /// Values at distinct paths beyond [`MAX_PATHS`], counted but not tracked one by one (a
    /// payload with a million distinct keys would otherwise fill memory). The paths tracked
    /// are the alphabetically first, whatever the order of the input (`merge.rs`).
    pub untracked: usize,
    /// What was found of the test identities looked for (`with_identities`), by number.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<IdentityUse>,
    /// What the capture showed against a case of the consent test plan (`with_consent`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<consent::ConsentOutcome>,
}

/// What one event holds, as it is walked: the paths with a value, and (path, hashed) for
/// each hashed or raw value.
type Seen<'a> = (&'a mut Vec<String>, &'a mut Vec<(String, bool)>);

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// The most notes on skipped input an inspection keeps.
pub const MAX_SKIPPED: usize = 1_000;

/// The most distinct field paths an inspection tracks: far more than any platform's schema
/// has (a few hundred), few enough that adversarial input stays small in memory.
pub const MAX_PATHS: usize = 10_000;

/// Collects what the bodies of one platform's requests contain.
pub struct Inspector<'c> {
    platform: &'c Platform,
    /// The platform's own field paths and their prefixes, looked up for every key.
    known: std::collections::HashSet<String>,
    result: Inspection,
    tested: Option<matching::Tested<'c>>,
    consent: Option<consent::Watch>,
    /// Only HAR files are read: the requests are picked out by host.
    har_only: bool,
}

/// Google's APIs speak JSON with camelCase names; the catalogue uses the protos' snake_case
/// (`api.camel_case` in its file).
fn snake(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

impl<'c> Inspector<'c> {
    pub fn new(platform: &'c Platform) -> Self {
        Self {
            platform,
            known: platform.known_paths(),
            result: Inspection {
                platform: platform.id.clone(),
                ..Inspection::default()
            },
            tested: None,
            consent: None,
            har_only: false,
        }
    }

    /// Also checks every event against what a case of the consent test plan expects.
    pub fn with_consent(mut self, expectation: consent::Expectation) -> Self {
        self.consent = Some(consent::Watch::new(expectation));
        self
    }

    /// Reads HAR files only, and takes from them the requests to the platform's hosts: for
    /// a capture of requests to several platforms, inspected once per platform.
    pub fn har_only(mut self) -> Self {
        self.har_only = true;
        self
    }

    pub fn skip(&mut self, s: Skipped) {
        if self.result.skipped.len() < MAX_SKIPPED {
            self.result.skipped.push(s);
        } else {
            self.result.skipped_more += 1;
        }
    }

    /// The events of one request body, where the catalogue says the platform's API puts them
    /// (`data`, `conversions`, `data.events`, …); a body with none of those is one event, or
    /// a list of events.
    fn events<'v>(&self, body: &'v Value) -> Vec<&'v Value> {
        let at = |path: &str| {
            path.split('.')
                .try_fold(body, |v, key| v.get(key))
                .and_then(Value::as_array)
        };
        if let Some(events) = self.platform.api.events_at.iter().find_map(|p| at(p)) {
            return events.iter().collect();
        }
        match body {
            Value::Array(a) => a.iter().collect(),
            other => vec![other],
        }
    }

    /// Takes one request body.
    pub fn add_body(&mut self, body: &Value) {
        self.add_body_at(body, None, "");
    }

    /// Takes one request body, from `file` at `line` (for the note when it is skipped).
    pub(crate) fn add_body_at(&mut self, body: &Value, line: Option<usize>, file: &str) {
        // A body is an object of fields (or a list of them): null, a number or a text has no
        // field paths to speak of.
        if !matches!(body, Value::Object(_) | Value::Array(_)) {
            self.skip(Skipped {
                file: file.to_owned(),
                line,
                reason: "the body is not a JSON object or list".to_owned(),
            });
            return;
        }
        self.result.bodies += 1;
        for event in self.events(body) {
            self.result.events += 1;
            let mut seen = Vec::new();
            let mut sent = Vec::new();
            self.walk(event, String::new(), &mut (&mut seen, &mut sent));
            seen.sort();
            seen.dedup();
            // Hashed and raw are counted per event, as `present` is: a list of five hashes
            // in one event is one event that sent hashes.
            sent.sort();
            sent.dedup();
            for (path, hashed) in sent {
                if let Some(stats) = self.result.paths.get_mut(&path) {
                    if hashed {
                        stats.hashed_events += 1;
                    } else {
                        stats.raw_events += 1;
                    }
                }
            }
            if let Some(w) = &mut self.consent {
                w.event(&seen, event, body, self.platform.api.camel_case);
            }
            for path in seen {
                if let Some(stats) = self.result.paths.get_mut(&path) {
                    stats.present += 1;
                }
            }
        }
    }

    /// Walks a value; `seen` gathers the paths with a value, and which of them had a hashed
    /// (`true`) or a raw value.
    fn walk(&mut self, v: &Value, path: String, seen: &mut Seen<'_>) {
        let camel_case = self.platform.api.camel_case;
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    let k = if camel_case { snake(k) } else { k.clone() };
                    let joined = |k: &str| {
                        if path.is_empty() {
                            k.to_owned()
                        } else {
                            format!("{path}.{k}")
                        }
                    };
                    let as_written = joined(&k);
                    let p = if self.known.contains(&as_written) {
                        as_written
                    } else {
                        joined(&key_shown(&k))
                    };
                    self.walk(child, p, seen);
                }
            }
            Value::Array(items) => {
                for item in items {
                    // LinkedIn's id list: {idType, idValue} becomes path[IDTYPE].
                    if let (Some(t), Some(val)) = (
                        item.get("idType").and_then(Value::as_str),
                        item.get("idValue"),
                    ) {
                        // The id type is a value: named as written only when the platform
                        // lists it.
                        let typed = format!("{path}[{t}]");
                        let p = if self.known.contains(&typed) {
                            typed
                        } else {
                            format!("{path}[{}]", key_shown(t))
                        };
                        self.walk(val, p, seen);
                    } else {
                        self.walk(item, path.clone(), seen);
                    }
                }
            }
            leaf => {
                let kind = match leaf {
                    Value::String(s) => classify::kind_of_str(s),
                    Value::Number(_) => Kind::Number,
                    Value::Bool(_) => Kind::Boolean,
                    _ => Kind::Empty,
                };
                if let Value::String(s) = leaf {
                    self.note_identity(&path, s, kind);
                }
                let not_normalised = match (leaf, kind) {
                    (Value::String(s), Kind::Email) => !classify::email_normalised(s),
                    (Value::String(s), Kind::Phone) => {
                        let wants = self
                            .platform
                            .parameter(&path)
                            .and_then(|p| p.normalisation.clone());
                        match wants {
                            Some(Normalisation::PhoneE164) => {
                                !(s.starts_with('+') && s[1..].chars().all(|c| c.is_ascii_digit()))
                            }
                            Some(Normalisation::PhoneDigits) => {
                                !s.chars().all(|c| c.is_ascii_digit())
                            }
                            _ => false,
                        }
                    }
                    _ => false,
                };
                // Every path reaches the consent watch, tracked or not: a field sent without
                // consent is sent however many other paths the capture has.
                if let Some(stats) = self.result.track(&path) {
                    *stats.kinds.entry(kind).or_default() += 1;
                    if not_normalised {
                        stats.not_normalised += 1;
                    }
                }
                if kind.is_hash() {
                    seen.1.push((path.clone(), true));
                } else if kind != Kind::Empty {
                    seen.1.push((path.clone(), false));
                }
                seen.0.push(path);
            }
        }
    }

    /// The parameter at `path` or above it that must carry no personal data, if any.
    fn no_pii_parameter(&self, path: &str) -> Option<&'c crate::catalog::Parameter> {
        let mut p = path;
        loop {
            if let Some(param) = self.platform.parameter(p).filter(|x| x.no_personal_data) {
                return Some(param);
            }
            p = &p[..p.rfind('.')?];
        }
    }

    /// The result, with the flags against the platform's rules.
    pub fn finish(mut self) -> Inspection {
        let mut flags = Vec::new();
        let name = &self.platform.name;
        for (path, s) in &self.result.paths {
            let param = self.platform.parameter(path);
            if let Some(param) = param {
                if param.hashing == Hashing::MustHash && s.raw() > 0 {
                    flags.push(Flag {
                        id: "inspect/must-hash-sent-raw",
                        path: path.clone(),
                        message: format!(
                            "{name} requires {path} hashed with SHA-256; {} of {} values were sent unhashed",
                            s.raw(),
                            s.raw() + s.hashed()
                        ),
                    });
                }
                if param.hashing == Hashing::MustNotHash && s.hashed() > 0 {
                    flags.push(Flag {
                        id: "inspect/must-not-hash-hashed",
                        path: path.clone(),
                        message: format!(
                            "{name} needs {path} as it is; {} values were hashed, which breaks matching",
                            s.hashed()
                        ),
                    });
                }
            }
            // A parameter that must carry no personal data covers everything below it too
            // (Google's custom_variables are objects).
            if let Some(param) = self.no_pii_parameter(path) {
                let personal = s.personal_in_clear();
                if !personal.is_empty() {
                    flags.push(Flag {
                        id: "inspect/personal-data-in-no-pii-field",
                        path: path.clone(),
                        message: format!(
                            "{name} forbids personal data in {}; values looked like {}",
                            param.wire_name,
                            kinds_text(&personal)
                        ),
                    });
                }
            }
            if self.platform.accepts(path) == Some(false) {
                flags.push(Flag {
                    id: "inspect/not-accepted",
                    path: path.clone(),
                    message: format!(
                        "{path} is not among the parameters {name} documents (capimap's catalogue): data the platform does not use should not be sent; if it does use it, add it to the catalogue"
                    ),
                });
            }
            if s.not_normalised > 0 {
                flags.push(Flag {
                    id: "inspect/not-normalised",
                    path: path.clone(),
                    message: format!(
                        "{} raw values of {path} are not written the way {name} requires (case, spaces or format)",
                        s.not_normalised
                    ),
                });
            }
            if s.kinds.contains_key(&Kind::UrlWithPersonalData) {
                flags.push(Flag {
                    id: "inspect/personal-data-in-url",
                    path: path.clone(),
                    message: format!(
                        "{} values of {path} are URLs whose query carries personal data",
                        s.kinds[&Kind::UrlWithPersonalData]
                    ),
                });
            }
        }
        let (uses, identity_flags) = self.identity_flags();
        flags.extend(identity_flags);
        if let Some(w) = self.consent.take() {
            flags.extend(w.flags());
            self.result.consent = Some(w.outcome);
        }
        self.result.identities = uses;
        self.result.flags = flags;
        self.result
    }
}

fn kinds_text(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", ")
}
