//! Stable, human-readable ids. One namespace per project: no two entities share an id, so a
//! finding, an accepted risk or a SARIF location can name any entity by its id alone.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

define_id!(
    /// A node of the data-flow graph (source, relay, consent gate, store, destination).
    NodeId
);
define_id!(
    /// A directed flow between two nodes.
    FlowId
);
define_id!(
    /// A kind of personal data in the field catalogue.
    FieldId
);
define_id!(
    /// A processing activity (one purpose; one row of the record of processing).
    ActivityId
);
define_id!(
    /// A consent purpose that a consent gate can enforce.
    ConsentPurposeId
);
define_id!(
    /// A retention rule.
    RetentionId
);
define_id!(
    /// An accepted risk.
    RiskId
);

/// Why an id is not acceptable, or `None` when it is.
///
/// Ids are what people type and what diffs show, so they are kept to a portable alphabet:
/// ASCII letters, digits, `_`, `-` and `.`, starting with a letter or digit, at most 64 long.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        return Some("an id cannot be empty");
    }
    if id.len() > 64 {
        return Some("an id can be at most 64 characters long");
    }
    if !id.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return Some("an id must start with a letter or a digit");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return Some("an id may contain only letters a-z, digits, '_', '-' and '.'");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_readable_ids_and_rejects_the_rest() {
        assert_eq!(id_problem("meta-capi"), None);
        assert_eq!(id_problem("web.shop_2"), None);
        assert!(id_problem("").is_some());
        assert!(id_problem("-leading").is_some());
        assert!(id_problem("has space").is_some());
        assert!(id_problem("ümlaut").is_some());
        assert!(id_problem(&"x".repeat(65)).is_some());
    }
}
