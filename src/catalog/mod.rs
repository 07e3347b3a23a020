//! The platform catalogue: what each conversion API accepts, how each identifier must be
//! hashed, which consent parameters it has, the terms to accept, what it forbids, its event
//! window and retention statement, each fact with its source and provenance.
//!
//! The built-in files live in `templates/platforms/*.ron` and are embedded in the binary.
//! A user can add or override platforms with files of the same format in a folder of their
//! own (`--catalog DIR`). Where the research found nothing, the catalogue says `Unknown`, and
//! the checks do not pretend to know.

mod api;
mod builtin;
mod parse;

pub use api::{Api, RequestType, carried_by, version_older};
pub use parse::parse_platform;

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Date, Normalisation, Period};

/// How sure a fact is (the tags of `capi-platforms.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Provenance {
    /// The vendor's own documentation or legal page.
    Primary,
    /// The vendor's official SDK or API-definition source code.
    PrimaryCode,
    /// Third-party integrator code or docs, a mirror, or notes quoting the primary.
    Secondary,
    /// Not found or not verified.
    Unknown,
}

impl fmt::Display for Provenance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provenance::Primary => "primary",
            Provenance::PrimaryCode => "primary (code)",
            Provenance::Secondary => "secondary",
            Provenance::Unknown => "unknown",
        })
    }
}

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub url: String,
    pub provenance: Provenance,
}

/// Whether an identifier must be hashed before it is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Hashing {
    /// The platform requires SHA-256 of the normalised value.
    MustHash,
    /// The platform requires the value as it is; hashing breaks matching.
    MustNotHash,
    /// Either is accepted.
    Optional,
    /// Not known.
    Unknown,
}

impl fmt::Display for Hashing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hashing::MustHash => "must be hashed",
            Hashing::MustNotHash => "must not be hashed",
            Hashing::Optional => "hashing optional",
            Hashing::Unknown => "hashing rule unknown",
        })
    }
}

/// A parameter the platform accepts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// The wire name, as flows in a project spell it (`user_data.em`, `gclid`, …).
    pub wire_name: String,
    /// What it carries, in words.
    pub label: String,
    /// The data category (fideslang or capimap key) it carries.
    pub category: String,
    pub hashing: Hashing,
    /// The normalisation before hashing (or the format of a raw value), when the platform
    /// names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalisation: Option<Normalisation>,
    /// The platform forbids personal data in this parameter (e.g. Google's order ids).
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub no_personal_data: bool,
    /// Regions for whose users the platform does not use this parameter (Google: IP address
    /// in the EEA, UK and Switzerland), so that sending it there is needless.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unused_in: Vec<String>,
    /// The request types that carry this parameter (ids of the platform's `request_types`);
    /// empty: every request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub source: Source,
}

/// A consent or limited-data-use parameter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentParameter {
    pub wire_name: String,
    /// What it means, in words.
    pub meaning: String,
    /// Regions where the platform expects it ("EEA", "UK", "US-states", …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// The platform requires it for users of those regions (not merely offers it).
    #[serde(default, skip_serializing_if = "crate::model::is_false")]
    pub required: bool,
    /// The request types that carry it (Google Ads: click and call conversions, not
    /// adjustments); empty: every request.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<String>,
    pub source: Source,
    /// What the signal says for a person's choice, where the sources tell: the consent test
    /// plan names the value each test case must send. `None`: capimap does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub states: Option<SignalStates>,
}

/// The values of a consent signal and the consent that decides between them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalStates {
    /// The value sent when the person granted the consent it reports ("GRANTED").
    pub granted: String,
    /// The value sent when they did not ("DENIED").
    pub denied: String,
    /// The data uses (fideslang keys) whose consent the signal reports: it must say denied
    /// when the person denied a consent purpose that covers one of them.
    pub data_uses: Vec<String>,
    /// Where the values and the correspondence with the data uses come from.
    pub source: Source,
}

/// Terms a customer must accept before sending data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// How or where they are accepted, what they cover.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Needed for every use of the API (false: only for some services, said in the note).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub required: bool,
    /// Other names under which the same terms are known (former names, the platform's own
    /// variants), so that a recorded acceptance under one of them counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub source: Source,
}

/// A web address compared loosely: no scheme, no `www.`, no fragment, no trailing slash.
fn address(u: &str) -> String {
    let u = u.trim().to_ascii_lowercase();
    let u = u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
        .unwrap_or(&u);
    let u = u.strip_prefix("www.").unwrap_or(u);
    u.split('#')
        .next()
        .unwrap_or(u)
        .trim_end_matches('/')
        .to_owned()
}

fn yes() -> bool {
    true
}

fn is_true(b: &bool) -> bool {
    *b
}

/// A fact that may be unknown: the value with its source, or unknown with what was looked at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fact<T> {
    Known {
        value: T,
        /// The fact in words, as the source puts it.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        text: String,
        source: Source,
    },
    Unknown {
        /// What is missing, or what the research found instead.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
    },
}

impl<T> Fact<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Fact::Known { value, .. } => Some(value),
            Fact::Unknown { .. } => None,
        }
    }

    pub fn source(&self) -> Option<&Source> {
        match self {
            Fact::Known { source, .. } => Some(source),
            Fact::Unknown { .. } => None,
        }
    }
}

impl<T> Default for Fact<T> {
    fn default() -> Self {
        Fact::Unknown {
            note: String::new(),
        }
    }
}

/// What the platform forbids sending.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prohibition {
    /// In words: "health information", "data from children under 13", …
    pub what: String,
    pub source: Source,
}

/// A platform of the catalogue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Platform {
    /// Stable id, used by destinations (`platform: "meta"`).
    pub id: String,
    pub name: String,
    /// The API and endpoint, in words (`POST /v5/ad_accounts/{id}/events`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub endpoint: String,
    /// The API version the facts describe (`v23`, `v21.0`, `202410`), as the platform writes it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// When the facts were last checked against their sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<Date>,
    /// Hosts and request shape, for payload inspection.
    #[serde(default)]
    pub api: Api,
    /// The kinds of request the API takes, where parameters or consent depend on them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub request_types: Vec<RequestType>,
    /// The legal entity that receives EEA advertisers' data, where the sources name it.
    #[serde(default)]
    pub recipient: Fact<String>,
    /// ISO country code of that entity.
    #[serde(default)]
    pub recipient_country: Fact<String>,
    /// Customer-information parameters (match keys).
    pub user_data: Vec<Parameter>,
    /// Event-level parameters that can carry personal or sensitive data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub event_data: Vec<Parameter>,
    /// Further parameters the platform accepts that carry no personal data (event name,
    /// timestamp, currency, …), so that payload inspection can tell a parameter the platform
    /// does not accept. A name ending in `.*` stands for everything below it. Empty: not known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_fields: Vec<String>,
    /// The deduplication key.
    #[serde(default)]
    pub dedup_key: Fact<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_parameters: Vec<ConsentParameter>,
    /// Whether the API has any field that carries EU consent (if not, the sender must gate).
    #[serde(default)]
    pub eu_consent_field: Fact<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<Terms>,
    /// Categories of data the platform forbids (empty and unknown are told apart by
    /// `prohibitions_known`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prohibited: Vec<Prohibition>,
    /// How far back an event may be when sent.
    #[serde(default)]
    pub event_window: Fact<Period>,
    /// How long the platform keeps the data it receives.
    #[serde(default)]
    pub retention: Fact<Period>,
}

impl Platform {
    /// The parameter with this wire name, among user and event data.
    pub fn parameter(&self, wire_name: &str) -> Option<&Parameter> {
        self.user_data
            .iter()
            .chain(&self.event_data)
            .find(|p| p.wire_name == wire_name)
    }

    /// Every path that is a field of the platform's requests or lies on the way to one: each
    /// parameter, consent parameter and other field, and each prefix of one (`user_data` of
    /// `user_data.em`). Only such keys of a payload are the platform's own words; any other
    /// key may be data, and the keys under an open object (`custom_data.*`) are the
    /// advertiser's, not the platform's.
    pub fn known_paths(&self) -> std::collections::HashSet<String> {
        let mut known = std::collections::HashSet::new();
        let wires = self
            .user_data
            .iter()
            .chain(&self.event_data)
            .map(|p| p.wire_name.as_str())
            .chain(self.consent_parameters.iter().map(|c| c.wire_name.as_str()))
            .chain(self.other_fields.iter().map(|f| f.trim_end_matches(".*")));
        for wire in wires {
            for (at, _) in wire.match_indices(['.', '[']) {
                known.insert(wire[..at].to_owned());
            }
            known.insert(wire.to_owned());
        }
        known
    }

    /// Whether the platform accepts a parameter: a match key, an event field, a consent
    /// parameter, or one of its other fields. `None` when the catalogue does not list the
    /// platform's other fields, so that acceptance cannot be judged.
    pub fn accepts(&self, wire_name: &str) -> Option<bool> {
        if self.parameter(wire_name).is_some() || self.consent_parameter(wire_name).is_some() {
            return Some(true);
        }
        if self.other_fields.is_empty() {
            return None;
        }
        Some(self.other_fields.iter().any(|f| {
            match f.strip_suffix(".*") {
                Some(prefix) => wire_name
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('.')),
                None => f == wire_name,
            }
        }))
    }

    /// The platform's terms that an acceptance recorded under this name and address stands
    /// for: the terms of that name or alias (case and surrounding space do not matter), else
    /// the only terms at that address (two terms on one page cannot be told apart by it).
    pub fn terms_recorded_as(&self, name: &str, url: &str) -> Option<&Terms> {
        let same = |n: &str| n.trim().eq_ignore_ascii_case(name.trim());
        if let Some(t) = self
            .terms
            .iter()
            .find(|t| same(&t.name) || t.aliases.iter().any(|a| same(a)))
        {
            return Some(t);
        }
        if url.trim().is_empty() {
            return None;
        }
        let mut at = self
            .terms
            .iter()
            .filter(|t| !t.url.trim().is_empty() && address(&t.url) == address(url));
        match (at.next(), at.next()) {
            (Some(t), None) => Some(t),
            _ => None,
        }
    }

    /// How many of the platform's facts come from each kind of source: every parameter,
    /// consent parameter, request type, terms, prohibition, and the facts that may be unknown
    /// (recipient, its country, deduplication key, EU consent field, event windows,
    /// retention), by provenance; an unknown fact counts as `Unknown`.
    pub fn provenance_counts(&self) -> BTreeMap<Provenance, usize> {
        fn of<T>(f: &Fact<T>) -> Provenance {
            f.source().map_or(Provenance::Unknown, |s| s.provenance)
        }
        let mut all: Vec<Provenance> = self
            .user_data
            .iter()
            .chain(&self.event_data)
            .map(|p| p.source.provenance)
            .chain(self.consent_parameters.iter().map(|c| c.source.provenance))
            .chain(
                self.consent_parameters
                    .iter()
                    .filter_map(|c| c.states.as_ref().map(|s| s.source.provenance)),
            )
            .chain(self.request_types.iter().map(|t| t.source.provenance))
            .chain(self.terms.iter().map(|t| t.source.provenance))
            .chain(self.prohibited.iter().map(|x| x.source.provenance))
            .collect();
        all.extend([
            of(&self.recipient),
            of(&self.recipient_country),
            of(&self.dedup_key),
            of(&self.eu_consent_field),
            of(&self.event_window),
            of(&self.retention),
        ]);
        all.extend(
            self.request_types
                .iter()
                .filter_map(|t| t.event_window.as_ref())
                .map(of),
        );
        let mut counts = BTreeMap::new();
        for p in all {
            *counts.entry(p).or_insert(0) += 1;
        }
        counts
    }

    pub fn request_type(&self, id: &str) -> Option<&RequestType> {
        self.request_types.iter().find(|t| t.id == id)
    }

    /// "click conversion upload or call conversion upload": the names of request types, by id.
    pub fn request_type_names(&self, ids: &[String]) -> String {
        let names: Vec<&str> = ids
            .iter()
            .map(|id| {
                self.request_type(id)
                    .map_or(id.as_str(), |t| t.name.as_str())
            })
            .collect();
        names.join(" or ")
    }

    /// How far back an event of a request type may be: the type's own window, else the
    /// platform's.
    pub fn event_window_of(&self, request_type: Option<&str>) -> &Fact<Period> {
        request_type
            .and_then(|t| self.request_type(t))
            .and_then(|t| t.event_window.as_ref())
            .unwrap_or(&self.event_window)
    }

    pub fn consent_parameter(&self, wire_name: &str) -> Option<&ConsentParameter> {
        self.consent_parameters
            .iter()
            .find(|p| p.wire_name == wire_name)
    }
}

/// A problem with a catalogue file.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: {message}")]
    Syntax {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

/// The platforms, by id, and the normalisations usually applied to each data category.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    platforms: BTreeMap<String, Platform>,
    normalisations: BTreeMap<String, Normalisation>,
}

/// The file of a catalogue folder that holds the usual normalisations, not a platform.
const NORMALISATIONS_FILE: &str = "normalisations.ron";

impl Catalog {
    /// The catalogue built into capimap.
    pub fn builtin() -> Result<Self, CatalogError> {
        let mut catalog = Catalog {
            normalisations: parse::parse_normalisations(
                builtin::NORMALISATIONS,
                &format!("templates/{NORMALISATIONS_FILE}"),
            )?,
            ..Catalog::default()
        };
        for (name, text) in builtin::FILES {
            catalog.insert(parse_platform(
                text,
                &format!("templates/platforms/{name}"),
            )?);
        }
        Ok(catalog)
    }

    /// The built-in catalogue with the platforms of every `*.ron` file in `dir` added; a file
    /// whose id is a built-in platform's replaces it. Two files of the folder with one id are
    /// an error naming both: which of them was meant, capimap cannot know.
    pub fn with_dir(mut self, dir: &Path) -> Result<Self, CatalogError> {
        let read_err = |source| CatalogError::Read {
            file: dir.display().to_string(),
            source,
        };
        let mut files: Vec<_> = fs::read_dir(dir)
            .map_err(read_err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        files.sort();
        let mut from_dir: BTreeMap<String, String> = BTreeMap::new();
        for path in files {
            let file = path.display().to_string();
            let text = fs::read_to_string(&path).map_err(|source| CatalogError::Read {
                file: file.clone(),
                source,
            })?;
            if path.file_name().is_some_and(|n| n == NORMALISATIONS_FILE) {
                self.normalisations
                    .extend(parse::parse_normalisations(&text, &file)?);
            } else {
                let platform = parse_platform(&text, &file)?;
                if let Some(first) = from_dir.insert(platform.id.clone(), file.clone()) {
                    return Err(CatalogError::Invalid {
                        file,
                        message: format!(
                            "platform id '{}' is also the id of {first}; give each platform file its own id",
                            crate::model::shown::shown(&platform.id, 60)
                        ),
                    });
                }
                self.insert(platform);
            }
        }
        Ok(self)
    }

    pub fn insert(&mut self, platform: Platform) {
        self.platforms.insert(platform.id.clone(), platform);
    }

    pub fn get(&self, id: &str) -> Option<&Platform> {
        self.platforms.get(id)
    }

    /// The normalisation usually applied to a data category before hashing, where a
    /// platform's parameter names none.
    pub fn usual_normalisation(&self, category: &str) -> Option<&Normalisation> {
        self.normalisations.get(category)
    }

    /// The platforms in id order.
    pub fn platforms(&self) -> impl Iterator<Item = &Platform> {
        self.platforms.values()
    }

    pub fn len(&self) -> usize {
        self.platforms.len()
    }

    /// "812 facts: 402 primary, 230 primary (code), 120 secondary, 60 unknown": the
    /// provenance of every fact of every platform.
    pub fn provenance_summary(&self) -> String {
        let mut counts: BTreeMap<Provenance, usize> = BTreeMap::new();
        for p in self.platforms() {
            for (k, n) in p.provenance_counts() {
                *counts.entry(k).or_insert(0) += n;
            }
        }
        let total: usize = counts.values().sum();
        let parts: Vec<String> = [
            Provenance::Primary,
            Provenance::PrimaryCode,
            Provenance::Secondary,
            Provenance::Unknown,
        ]
        .iter()
        .map(|k| format!("{} {k}", counts.get(k).copied().unwrap_or(0)))
        .collect();
        format!("{total} facts: {}", parts.join(", "))
    }

    pub fn is_empty(&self) -> bool {
        self.platforms.is_empty()
    }
}

#[cfg(test)]
mod tests;
