//! What capimap knows about each conversion-API tag template, as data: which platform it
//! sends to, the fields it sends by itself and from its tables, how it hashes them, the
//! cookies it writes on the device, its consent option and its test, log and secret keys.
//! Every entry rests on `sgtm-container.md` §4 (the templates' code at the pinned commits).

use crate::model::{Normalisation, Transform};

/// How a template transforms a field before sending it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hash {
    Raw,
    /// SHA-256 after trim and lower-case.
    TrimLower,
    /// SHA-256 after a rule capimap has no name for, in words.
    Custom(&'static str),
}

impl Hash {
    pub fn transform(self) -> Transform {
        match self {
            Hash::Raw => Transform::Raw,
            Hash::TrimLower => Transform::Sha256(Some(Normalisation::TrimLowercase)),
            Hash::Custom(how) => Transform::Sha256(Some(Normalisation::Custom(how.to_owned()))),
        }
    }
}

/// An override table of a template: its rows set platform fields by wire name.
pub struct Table {
    pub key: &'static str,
    /// What the row's name is put in: `user_data.` + `em`, `user.userIds[` + `SHA256_EMAIL` + `]`.
    pub prefix: &'static str,
    pub suffix: &'static str,
    /// The checkbox that turns the automatic mapping of this group off, where there is one.
    pub automap: Option<&'static str>,
}

/// A field the template sends on every event by itself.
pub struct Auto {
    pub wire: &'static str,
    pub field: &'static str,
    /// The table whose automatic mapping this belongs to (its switch can turn it off).
    pub group: &'static str,
}

/// When a cookie is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// Whenever the click id arrives in the page's URL.
    FromUrl,
    /// When the parameter is true; the template's default when unset.
    IfTrue(&'static str, bool),
    /// Unless the parameter is true.
    UnlessTrue(&'static str),
}

pub struct Cookie {
    pub name: &'static str,
    pub field: &'static str,
    pub switch: Switch,
    pub days: u32,
    /// The server creates the identifier (rather than keeping one the platform's URL brought).
    pub generated: bool,
}

/// A consent or limited-data signal the template forwards.
pub enum Signal {
    /// On every event.
    Always(&'static str),
    /// When a row of this name is in one of the template's tables.
    IfRow(&'static str),
}

pub struct Profile {
    pub id: &'static str,
    /// `owner/repository` in the Community Template Gallery, lower-case.
    pub repository: &'static str,
    pub display_name: &'static str,
    pub platform: &'static str,
    /// What people call it: "Stape's Meta Conversions API tag".
    pub label: &'static str,
    pub account_keys: &'static [&'static str],
    pub tables: &'static [Table],
    pub automatic: &'static [Auto],
    /// Fields the template takes from event data when the website sends them (ref. §4.2).
    pub may_send: &'static [&'static str],
    pub hashing: &'static [(&'static str, Hash)],
    pub cookies: &'static [Cookie],
    /// "Send data in case marketing consent given" (`adStorageConsent: required`).
    pub consent_option: bool,
    /// Text parameters that hold a test code, and switches that turn test mode on.
    pub test_codes: &'static [&'static str],
    pub test_switches: &'static [&'static str],
    /// Log switches (`always` logs every request).
    pub log_keys: &'static [&'static str],
    /// The request URL carries the access token (so logging it logs the token).
    pub token_in_url: bool,
    /// How the phone number falls short of the platform's format, when it does.
    pub phone_problem: Option<&'static str>,
    pub signals: &'static [Signal],
}

/// The template's hashing of a wire name.
impl Profile {
    pub fn hash_of(&self, wire: &str) -> Hash {
        self.hashing
            .iter()
            .find(|(w, _)| *w == wire)
            .map_or(Hash::Raw, |(_, h)| *h)
    }

    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }
}

pub use super::profiles::PROFILES;

/// The profile of a template: by its gallery repository, else by its display name when every
/// parameter the tag sets is one the profile's template knows.
pub fn recognise(repository: Option<&str>, display_name: &str) -> Option<&'static Profile> {
    match repository {
        Some(r) => PROFILES.iter().copied().find(|p| p.repository == r),
        None => PROFILES
            .iter()
            .copied()
            .find(|p| !display_name.is_empty() && p.display_name == display_name),
    }
}
