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
mod platform;
mod registry;

pub use api::{Api, RequestType, carried_by, version_older};
pub use parse::parse_platform;
pub use registry::{Catalog, CatalogError};

use std::fmt;

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

#[cfg(test)]
mod tests;
