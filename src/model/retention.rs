//! Retention rules: how long each system keeps what.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::ids::{FieldId, NodeId, RetentionId};
use super::time::Period;

/// What a retention rule covers on its node.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RetentionScope {
    /// All personal data held by the node.
    AllPersonalData,
    /// One field of the catalogue.
    Field(FieldId),
    /// Every field of a data category (fideslang key; parent keys cover their children).
    Category(String),
}

impl fmt::Display for RetentionScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetentionScope::AllPersonalData => f.write_str("all personal data"),
            RetentionScope::Field(id) => write!(f, "field {id}"),
            RetentionScope::Category(c) => write!(f, "category {c}"),
        }
    }
}

/// The limit itself: a fixed period, or a period after an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RetentionLimit {
    /// Deleted this long after collection.
    Period(Period),
    /// Deleted this long after an event, e.g. "account closed" + 30 days.
    AfterEvent { event: String, plus: Period },
}

impl fmt::Display for RetentionLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RetentionLimit::Period(p) => write!(f, "{p}"),
            RetentionLimit::AfterEvent { event, plus } => write!(f, "{event} + {plus}"),
        }
    }
}

/// A retention rule for one node.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRule {
    pub id: RetentionId,
    pub node: NodeId,
    pub applies_to: RetentionScope,
    pub limit: RetentionLimit,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
}
