//! Finding the imported elements in a project by the container ids they remember, for the
//! findings' targets.

use crate::check::Target;
use crate::model::*;

/// Finds the imported elements in a project by the container ids they remember.
pub struct Locate<'a> {
    pub p: &'a Project,
    pub container: &'a str,
}

impl<'a> Locate<'a> {
    pub fn is_tag(&self, o: &Option<Origin>, tag: &str) -> bool {
        o.as_ref().is_some_and(|o| {
            o.container == self.container && o.element == OriginElement::Tag(tag.to_owned())
        })
    }

    pub fn relay(&self) -> Option<&'a Node> {
        self.p.nodes.iter().find(|n| {
            matches!(n.kind, NodeKind::Relay(_))
                && n.origins
                    .iter()
                    .any(|o| o.container == self.container && o.element == OriginElement::Container)
        })
    }

    pub fn tag_flow(&self, tag: &str) -> Option<&'a Flow> {
        self.p.flows.iter().find(|f| {
            self.is_tag(&f.origin, tag)
                && self
                    .p
                    .node(f.to.as_str())
                    .is_some_and(|n| n.as_destination().is_some())
        })
    }

    pub fn gate(&self, tag: &str) -> Option<&'a Node> {
        self.p.nodes.iter().find(|n| {
            n.as_gate().is_some()
                && n.origins.iter().any(|o| {
                    o.container == self.container && o.element == OriginElement::Tag(tag.to_owned())
                })
        })
    }

    pub fn device_flow(&self, element: &OriginElement) -> Option<&'a Flow> {
        self.p.flows.iter().find(|f| {
            f.origin
                .as_ref()
                .is_some_and(|o| o.container == self.container && &o.element == element)
                && self
                    .p
                    .node(f.to.as_str())
                    .and_then(Node::as_store)
                    .is_some_and(|s| s.store == StoreKind::Device)
        })
    }

    pub fn mapping(&self, f: &'a Flow, wire: &str) -> Option<Target> {
        let m = f.fields.iter().find(|m| m.wire_name == wire)?;
        Some(Target {
            kind: "field mapping",
            element: ElementRef::Mapping(f.id.clone(), m.field.clone()),
            name: format!("{wire} on {}", self.flow_name(f)),
        })
    }

    pub fn flow_name(&self, f: &Flow) -> String {
        let name = |id: &NodeId| {
            self.p
                .node(id.as_str())
                .map_or(id.to_string(), |n| n.name.clone())
        };
        format!("{} → {}", name(&f.from), name(&f.to))
    }

    pub fn flow_target(&self, f: &Flow) -> Target {
        Target {
            kind: "flow",
            element: ElementRef::Flow(f.id.clone()),
            name: self.flow_name(f),
        }
    }

    pub fn node_target(n: &Node) -> Target {
        Target {
            kind: n.kind.label(),
            element: ElementRef::Node(n.id.clone()),
            name: n.name.clone(),
        }
    }

    /// The nearest element that stands for the container: its relay, else the organisation.
    pub fn container_target(&self) -> Target {
        container_target(self.p, self.relay())
    }

    /// A tag's flow, else the container.
    pub fn tag_target(&self, tag: &str) -> Target {
        self.tag_flow(tag)
            .map_or_else(|| self.container_target(), |f| self.flow_target(f))
    }

    pub fn gate_target(&self, tag: &str) -> Target {
        self.gate(tag)
            .map_or_else(|| self.tag_target(tag), Self::node_target)
    }

    pub fn wire_target(&self, tag: &str, wire: &str) -> Target {
        self.tag_flow(tag)
            .and_then(|f| self.mapping(f, wire))
            .unwrap_or_else(|| self.tag_target(tag))
    }

    pub fn cookie_target(&self, element: OriginElement, cookie: &str, or: Target) -> Target {
        self.device_flow(&element)
            .and_then(|f| self.mapping(f, cookie))
            .unwrap_or(or)
    }
}

/// What stands for the container in a project: its relay, else the organisation.
pub fn container_target(p: &Project, relay: Option<&Node>) -> Target {
    match relay {
        Some(n) => Locate::node_target(n),
        None => Target {
            kind: "organisation",
            element: ElementRef::Organisation,
            name: p.organisation.controller.name.clone(),
        },
    }
}

/// The relay of `record` that the plan matched the container to, when there is one.
pub fn record_relay<'a>(plan: &super::plan::Plan, record: &'a Project) -> Option<&'a Node> {
    plan.nodes
        .values()
        .filter_map(|id| record.node(id))
        .find(|n| matches!(n.kind, NodeKind::Relay(_)))
}
