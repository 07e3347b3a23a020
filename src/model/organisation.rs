//! The controller and the other parties named in Art. 30(1)(a).

use serde::{Deserialize, Serialize};

/// A legal or natural person with contact details.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Legal name (for the DPO: the person's or the service's name).
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
}

impl Party {
    /// Name, address, e-mail and phone on one line, the empty ones left out.
    pub fn one_line(&self) -> String {
        [
            self.name.as_str(),
            self.address.as_str(),
            self.email.as_str(),
            self.phone.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// A joint controller (Art. 26) and what the arrangement between the controllers says.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JointController {
    pub party: Party,
    /// The essence of the Art. 26 arrangement: who answers data subjects, who does what.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arrangement: String,
}

/// The organisation whose record this is.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub controller: Party,
    /// ISO 3166-1 alpha-2 code of the country of the controller's main establishment
    /// (Art. 4(16)); where a source's users are, unless the source says otherwise.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub establishment: String,
    /// The representative in the Union (Art. 27), for controllers established outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<Party>,
    /// The data protection officer (Art. 37–39), where one is designated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dpo: Option<Party>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub joint_controllers: Vec<JointController>,
    /// Who signs the record: "Managing director" Jane Roe, "Data protection officer" …
    /// Empty: the record leaves the names blank for management and the DPO.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvers: Vec<Approver>,
}

/// A person who approves the record, with the role in which they sign.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Approver {
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}
