//! Where an element was imported from: a server-side Tag Manager container's own id for it, so
//! that a second import finds what the first one made, and a finding can name the tag.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One element of a container that an imported node or flow stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    /// The container's public id (`GTM-TSTSRV1`), else its numeric id.
    pub container: String,
    pub element: OriginElement,
    /// The tag is paused in the container: its destination receives nothing from it.
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub paused: bool,
    /// The import made this element (rather than finding it in the user's project): only then
    /// does a later import change what the element says (its consent check, whether it is in
    /// use).
    #[serde(default, skip_serializing_if = "super::is_false")]
    pub created: bool,
}

/// What in the container: the container itself, one of its clients, or one of its tags (by the
/// container's own ids, which survive renames in the container).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OriginElement {
    Container,
    Client(String),
    Tag(String),
}

impl Origin {
    pub fn new(container: impl Into<String>, element: OriginElement) -> Self {
        Self {
            container: container.into(),
            element,
            paused: false,
            created: false,
        }
    }

    /// The same container element, paused or not.
    pub fn same_element(&self, other: &Origin) -> bool {
        self.container == other.container && self.element == other.element
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.element {
            OriginElement::Container => write!(f, "container {}", self.container)?,
            OriginElement::Client(id) => write!(f, "{}, client {id}", self.container)?,
            OriginElement::Tag(id) => write!(f, "{}, tag {id}", self.container)?,
        }
        if self.paused {
            f.write_str(" (paused)")?;
        }
        Ok(())
    }
}
