//! The field catalogue: each kind of personal data once.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::FieldId;

/// How well a field singles out a person on its own.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Identifiability {
    /// Identifies a person by itself: e-mail, phone number, name with address.
    #[default]
    DirectIdentifier,
    /// Identifies a person in combination with other data: postal code, date of birth, IP address.
    Indirect,
    /// An identifier assigned to a person or device: click id, cookie id, customer number.
    PseudonymousId,
    /// Not personal data on its own: currency, event name.
    NotPersonal,
}

impl Identifiability {
    pub fn label(self) -> &'static str {
        match self {
            Identifiability::DirectIdentifier => "direct identifier",
            Identifiability::Indirect => "indirect identifier",
            Identifiability::PseudonymousId => "pseudonymous id",
            Identifiability::NotPersonal => "not personal",
        }
    }

    pub fn is_personal(self) -> bool {
        self != Identifiability::NotPersonal
    }
}

impl fmt::Display for Identifiability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A kind of data, catalogued once and mapped onto flows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    /// A fideslang data-category key (`user.contact.email`) or one of capimap's own keys for
    /// what fideslang lacks (`capimap.click_id`, `capimap.user_agent`, …); see [`super::vocab`].
    pub category: String,
    /// Special-category data in the sense of Art. 9(1).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub special_category: bool,
    pub identifiability: Identifiability,
    /// The browser cookie the value is read from (`_fbp`, `_gcl_aw`, …), when it is one:
    /// reading it needs consent under ePrivacy Art. 5(3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookie: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}
