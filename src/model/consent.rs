//! Consent purposes: what a person agrees to, and what a consent gate enforces.

use serde::{Deserialize, Serialize};

use super::ids::ConsentPurposeId;

/// Whether the purpose needs a prior yes (opt-in) or runs until a no (opt-out).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsentMode {
    #[default]
    OptIn,
    OptOut,
}

/// A consent purpose as shown in the consent banner or preference centre.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsentPurpose {
    pub id: ConsentPurposeId,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Data uses it covers (fideslang keys).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_uses: Vec<String>,
    #[serde(default)]
    pub mode: ConsentMode,
    /// Regions where it applies: "EEA", "UK", "CH", "US-CA", … Empty means everywhere.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
}
