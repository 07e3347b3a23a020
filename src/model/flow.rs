//! Flows: directed connections between nodes, with the fields they carry and how.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{ActivityId, FieldId, FlowId, NodeId};
use super::time::Period;

/// The normalisation applied before hashing. Platforms match hashes only when both sides
/// normalised the same way, so the name says exactly which rule was applied.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Normalisation {
    /// Trim surrounding white space, lower-case.
    Email,
    /// As `Email`, and for gmail.com / googlemail.com remove dots and a `+suffix` before `@`
    /// (Google's Data Manager API).
    EmailGmail,
    /// As `Email`, and for gmail.com / googlemail.com remove the dots before `@`, nothing else
    /// (what the Google Ads API documents).
    EmailGmailDots,
    /// As `Email`, and for every domain remove the dots and anything after a `+` before `@`
    /// (Reddit).
    EmailNoDotsNoPlus,
    /// E.164 with the leading `+` and country code (`+18005550100`): Google, TikTok, X.
    PhoneE164,
    /// Digits only with the country code, no `+`, no leading zeros (`16505551212`):
    /// Meta, Snapchat, Pinterest.
    PhoneDigits,
    /// Lower-case, no punctuation (first name, last name).
    Name,
    /// Trimmed and lower-case, then only the first N characters (Meta's `f5first`, `fi`; the
    /// SDK removes no punctuation before cutting).
    NamePrefix(u8),
    /// Lower-case, no punctuation, digits or spaces.
    City,
    /// Two-letter code, lower-case.
    State,
    /// Lower-case, no spaces or dash (US: first five digits).
    PostalCode,
    /// ISO 3166-1 alpha-2, lower-case.
    Country,
    /// `f` / `m` (Pinterest also `n`).
    Gender,
    /// `YYYYMMDD`.
    DateOfBirth,
    /// The day of the date of birth, `DD`.
    DayOfBirth,
    /// The month of the date of birth, `MM`.
    MonthOfBirth,
    /// The year of the date of birth, `YYYY`.
    YearOfBirth,
    /// Trim surrounding white space only.
    Trim,
    /// Trim and lower-case.
    TrimLowercase,
    /// None: the value is hashed exactly as stored (e.g. an external id).
    AsIs,
    /// A rule of the organisation's own, described in words.
    Custom(String),
}

impl Normalisation {
    /// Whether two normalisations are the same rule under two names: `Email` is trim and
    /// lower-case, which is what `TrimLowercase` says of any field.
    pub fn same_rule(&self, other: &Normalisation) -> bool {
        use Normalisation::{Email, TrimLowercase};
        self == other
            || matches!(
                (self, other),
                (Email, TrimLowercase) | (TrimLowercase, Email)
            )
    }
}

impl fmt::Display for Normalisation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Normalisation::Email => f.write_str("e-mail: trim, lower-case"),
            Normalisation::EmailGmail => {
                f.write_str("e-mail: trim, lower-case, Gmail dots and +suffix removed")
            }
            Normalisation::EmailGmailDots => {
                f.write_str("e-mail: trim, lower-case, Gmail dots removed")
            }
            Normalisation::EmailNoDotsNoPlus => {
                f.write_str("e-mail: trim, lower-case, dots and +suffix removed")
            }
            Normalisation::PhoneE164 => f.write_str("phone: E.164 with +"),
            Normalisation::PhoneDigits => f.write_str("phone: digits with country code, no +"),
            Normalisation::Name => f.write_str("name: lower-case, no punctuation"),
            Normalisation::NamePrefix(n) => {
                write!(f, "name: trim, lower-case, first {n} characters")
            }
            Normalisation::City => f.write_str("city: lower-case, letters only"),
            Normalisation::State => f.write_str("state: 2-letter code, lower-case"),
            Normalisation::PostalCode => f.write_str("postal code: lower-case, no spaces"),
            Normalisation::Country => f.write_str("country: ISO alpha-2, lower-case"),
            Normalisation::Gender => f.write_str("gender: f/m"),
            Normalisation::DateOfBirth => f.write_str("date of birth: YYYYMMDD"),
            Normalisation::DayOfBirth => f.write_str("day of birth: DD"),
            Normalisation::MonthOfBirth => f.write_str("month of birth: MM"),
            Normalisation::YearOfBirth => f.write_str("year of birth: YYYY"),
            Normalisation::Trim => f.write_str("trim"),
            Normalisation::TrimLowercase => f.write_str("trim, lower-case"),
            Normalisation::AsIs => f.write_str("as stored"),
            Normalisation::Custom(s) => write!(f, "custom: {s}"),
        }
    }
}

/// What happens to a field's value on its way along a flow.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Transform {
    /// Sent as it is.
    Raw,
    /// SHA-256 after the named normalisation; `None` when no normalisation is declared.
    Sha256(Option<Normalisation>),
    /// Cut short, e.g. the last octet of an IP address removed.
    Truncated(String),
    /// Made coarser, e.g. a date of birth reduced to the year.
    Generalised(String),
    /// Removed before the flow: documented so that the record shows it is not sent.
    Dropped,
    /// Sent, but how it is transformed is not known: imported from a tag template whose
    /// behaviour capimap cannot read (a modified or unknown template).
    Unknown,
}

impl Transform {
    pub fn is_hashed(&self) -> bool {
        matches!(self, Transform::Sha256(_))
    }

    /// Whether the value is sent at all.
    pub fn is_sent(&self) -> bool {
        !matches!(self, Transform::Dropped)
    }

    /// One word for tables: raw, hashed, truncated, generalised, dropped.
    pub fn short(&self) -> &'static str {
        match self {
            Transform::Raw => "raw",
            Transform::Sha256(_) => "hashed",
            Transform::Truncated(_) => "truncated",
            Transform::Generalised(_) => "generalised",
            Transform::Dropped => "dropped",
            Transform::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Transform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Transform::Raw => f.write_str("raw"),
            Transform::Sha256(Some(Normalisation::AsIs)) => {
                f.write_str("SHA-256 of the value as stored")
            }
            Transform::Sha256(Some(n)) => write!(f, "SHA-256 after {n}"),
            Transform::Sha256(None) => f.write_str("SHA-256 (normalisation not declared)"),
            Transform::Truncated(how) => write!(f, "truncated ({how})"),
            Transform::Generalised(how) => write!(f, "generalised ({how})"),
            Transform::Dropped => f.write_str("dropped"),
            Transform::Unknown => f.write_str("unknown (a tag template capimap cannot read)"),
        }
    }
}

/// One field on one flow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldMapping {
    pub field: FieldId,
    /// The parameter name on the wire (`user_data.em`, `hashed_phone_number`, …).
    pub wire_name: String,
    pub transform: Transform,
    /// Why this field is needed for the purposes of the flow (Art. 5(1)(c)).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
    /// The activities of the flow that use this field, when not all of them do. Empty: every
    /// activity of the flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ActivityId>,
    /// The field is sent only for users in these regions. Empty: for all users of the flow.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only_for: Vec<String>,
    /// The field is not sent for users in these regions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except_for: Vec<String>,
}

impl FieldMapping {
    /// A mapping for all users and all activities of its flow, without a justification.
    pub fn new(field: FieldId, wire_name: impl Into<String>, transform: Transform) -> Self {
        Self {
            field,
            wire_name: wire_name.into(),
            transform,
            justification: String::new(),
            activities: Vec::new(),
            only_for: Vec::new(),
            except_for: Vec::new(),
        }
    }

    /// The activities that use this field on `flow`: its own list, or the flow's.
    pub fn activities_on<'a>(&'a self, flow: &'a Flow) -> &'a [ActivityId] {
        if self.activities.is_empty() {
            &flow.activities
        } else {
            &self.activities
        }
    }
}

/// How events travel along a flow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// Each event as it happens.
    #[default]
    RealTime,
    /// Collected and sent at this interval.
    Batch(Period),
}

impl fmt::Display for Delivery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Delivery::RealTime => f.write_str("real time"),
            Delivery::Batch(p) => write!(f, "batch every {p}"),
        }
    }
}

/// What happens to events already queued on a flow when the person withdraws consent
/// (Art. 7(3): withdrawal takes effect from then on).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WithdrawalHandling {
    /// Queued events of that person are deleted before sending.
    DropQueued,
    /// Queued events are still sent (consent was valid when they were recorded).
    SendQueued,
    /// Nothing is queued: every event is checked against the consent state when sent.
    CheckedAtSend,
    /// Described in words.
    Custom(String),
}

impl fmt::Display for WithdrawalHandling {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WithdrawalHandling::DropQueued => f.write_str("queued events are dropped"),
            WithdrawalHandling::SendQueued => f.write_str("queued events are still sent"),
            WithdrawalHandling::CheckedAtSend => {
                f.write_str("consent is checked again when sending")
            }
            WithdrawalHandling::Custom(s) => f.write_str(s),
        }
    }
}

/// A directed flow of events from one node to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub id: FlowId,
    pub from: NodeId,
    pub to: NodeId,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The processing activities this flow serves.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::tight::list"
    )]
    pub activities: Vec<ActivityId>,
    #[serde(default)]
    pub delivery: Delivery,
    /// Consent signals forwarded with each event, by wire name (`consent.ad_user_data`,
    /// `data_processing_options`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_signals: Vec<String>,
    /// What happens to queued events when consent is withdrawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_withdrawal: Option<WithdrawalHandling>,
    /// Into a destination: which of its platform's request types the flow sends (an id of
    /// the catalogue's `request_types`: `click-conversion`, `conversion-adjustment`, …), where
    /// what a request may carry depends on it. `None`: not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_type: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "super::tight::list"
    )]
    pub fields: Vec<FieldMapping>,
    /// The container element this flow was imported from (`capimap import gtm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<super::origin::Origin>,
}

impl Flow {
    /// The mappings whose values are actually sent (not dropped).
    pub fn sent_fields(&self) -> impl Iterator<Item = &FieldMapping> {
        self.fields.iter().filter(|m| m.transform.is_sent())
    }
}
