//! What an import adds to and changes in a project, for the preview and for drift.

use std::collections::HashMap;

use serde::Serialize;

use crate::edit::Command;
use crate::model::Project;

/// One thing an import adds to or changes in the project.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    Added {
        kind: &'static str,
        id: String,
        name: String,
    },
    /// A matched element now remembers the container element it stands for.
    Remembered {
        kind: &'static str,
        id: String,
        origin: String,
    },
    AccountSet {
        node: String,
        account: String,
    },
    Disabled {
        node: String,
    },
    Enabled {
        node: String,
    },
    GateEnforces {
        node: String,
        purposes: Vec<String>,
    },
    /// The flow now runs through the tag's consent check.
    Rerouted {
        flow: String,
        via: String,
    },
    MappingAdded {
        flow: String,
        wire: String,
    },
    TransformChanged {
        flow: String,
        wire: String,
        from: String,
        to: String,
    },
    SignalAdded {
        flow: String,
        signal: String,
    },
    RequestTypeSet {
        flow: String,
        request_type: String,
    },
}

/// A mapping the project documents on a flow matched to a tag, which the tag does not send.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Left {
    pub flow: String,
    pub wire: String,
    /// The tag may send it when the website's event data holds it.
    pub may_send: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub container: String,
    #[serde(skip)]
    pub command: Command,
    /// The project with the import applied.
    #[serde(skip)]
    pub result: Project,
    pub changes: Vec<Change>,
    pub left: Vec<Left>,
    /// Tags that do not fire (paused, or no trigger): recorded on their destination, no flow.
    pub not_firing: Vec<String>,
    pub notes: Vec<String>,
    /// Fragment node id → project node id.
    #[serde(skip)]
    pub nodes: HashMap<String, String>,
    /// Fragment flow id → project flow id.
    #[serde(skip)]
    pub flows: HashMap<String, String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }
}
