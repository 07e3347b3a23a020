//! The project: everything capimap knows about one organisation's conversion-API data flows.

use serde::{Deserialize, Serialize};

use super::activity::ProcessingActivity;
use super::consent::ConsentPurpose;
use super::field::Field;
use super::flow::Flow;
use super::layout::Layout;
use super::node::{Node, NodeKind};
use super::organisation::Organisation;
use super::retention::RetentionRule;
use super::risk::AcceptedRisk;

/// The version of the project-file format this build writes.
pub const CURRENT_VERSION: u32 = 5;

/// A project, as held in a `*.capimap.ron` file.
///
/// Collections keep the order the user gave them; that order is the order in the file, in
/// lists and in the record, so that saving an unchanged project gives identical bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    /// The file-format version (see [`CURRENT_VERSION`]).
    pub version: u32,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// The version number of the record of processing issued from this project (raised by
    /// the controller with each version it issues; 0 for none given): printed on the record,
    /// and named by the next version's change log.
    #[serde(default, skip_serializing_if = "super::is_zero")]
    pub record_version: u32,
    pub organisation: Organisation,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent_purposes: Vec<ConsentPurpose>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<ProcessingActivity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nodes: Vec<Node>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retention: Vec<RetentionRule>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_risks: Vec<AcceptedRisk>,
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
}

impl Project {
    /// An empty project with a placeholder controller, ready to be filled in.
    pub fn empty(name: impl Into<String>) -> Self {
        Self {
            version: CURRENT_VERSION,
            name: name.into(),
            description: String::new(),
            record_version: 0,
            organisation: Organisation::default(),
            consent_purposes: Vec::new(),
            activities: Vec::new(),
            fields: Vec::new(),
            nodes: Vec::new(),
            flows: Vec::new(),
            retention: Vec::new(),
            accepted_risks: Vec::new(),
            layout: Layout::default(),
        }
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    pub fn field(&self, id: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.id.as_str() == id)
    }

    pub fn activity(&self, id: &str) -> Option<&ProcessingActivity> {
        self.activities.iter().find(|a| a.id.as_str() == id)
    }

    pub fn consent_purpose(&self, id: &str) -> Option<&ConsentPurpose> {
        self.consent_purposes.iter().find(|c| c.id.as_str() == id)
    }

    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flows.iter().find(|f| f.id.as_str() == id)
    }

    /// Whether the controller runs a system itself: no operator on record, or the controller.
    pub fn is_own_system(&self, n: &Node) -> bool {
        let operator = n.operator.trim();
        operator.is_empty()
            || operator.eq_ignore_ascii_case(self.organisation.controller.name.trim())
    }

    /// The destinations in use, in file order. A disabled one (its tags paused) is left out
    /// only while no flow enters it: marking a destination disabled never hides a flow.
    pub fn destinations(&self) -> impl Iterator<Item = &Node> {
        let fed: std::collections::HashSet<&str> = if self.nodes.iter().any(|n| n.disabled) {
            self.flows.iter().map(|f| f.to.as_str()).collect()
        } else {
            std::collections::HashSet::new()
        };
        self.nodes.iter().filter(move |n| {
            matches!(n.kind, NodeKind::Destination(_))
                && (!n.disabled || fed.contains(n.id.as_str()))
        })
    }

    /// The flows that end at a node.
    pub fn flows_into<'a>(&'a self, node: &'a str) -> impl Iterator<Item = &'a Flow> + 'a {
        self.flows.iter().filter(move |f| f.to.as_str() == node)
    }
}
