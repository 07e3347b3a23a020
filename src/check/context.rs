//! What every check needs, computed once per run: indexes by id, the graph, the catalogue's
//! parameters by wire name, and the regions each flow's data comes from.

use std::collections::{HashMap, HashSet};

use crate::catalog::{Catalog, Parameter, Platform};
use crate::graph::ProjectGraph;
use crate::model::{Field, FieldMapping, Flow, Node, NodeKind, ProcessingActivity, Project, vocab};

use super::Target;

/// The countries of the European Economic Area (EU 27, Iceland, Liechtenstein, Norway).
pub const EEA: &[&str] = &[
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
];

pub fn in_eea(country: &str) -> bool {
    EEA.iter().any(|c| c.eq_ignore_ascii_case(country.trim()))
}

/// A platform with its parameters indexed by wire name.
pub struct IndexedPlatform<'c> {
    pub platform: &'c Platform,
    params: HashMap<&'c str, &'c Parameter>,
}

impl<'c> IndexedPlatform<'c> {
    pub fn parameter(&self, wire_name: &str) -> Option<&'c Parameter> {
        self.params.get(wire_name).copied()
    }
}

/// Indexes over one project, built once per check run.
pub struct Context<'p> {
    pub project: &'p Project,
    pub graph: ProjectGraph<'p>,
    nodes: HashMap<&'p str, &'p Node>,
    fields: HashMap<&'p str, &'p Field>,
    activities: HashMap<&'p str, &'p ProcessingActivity>,
    platforms: HashMap<&'p str, IndexedPlatform<'p>>,
    /// Regions the consent purposes of each activity apply in; `None`: everywhere or unknown.
    activity_regions: HashMap<&'p str, Option<HashSet<&'p str>>>,
}

impl<'p> Context<'p> {
    pub fn new(project: &'p Project, catalog: &'p Catalog) -> Self {
        let platforms = catalog
            .platforms()
            .map(|p| {
                let params = p
                    .user_data
                    .iter()
                    .chain(&p.event_data)
                    .map(|x| (x.wire_name.as_str(), x))
                    .collect();
                (
                    p.id.as_str(),
                    IndexedPlatform {
                        platform: p,
                        params,
                    },
                )
            })
            .collect();
        let activity_regions = project
            .activities
            .iter()
            .map(|a| {
                let regions = a
                    .consent_purpose
                    .as_ref()
                    .and_then(|c| project.consent_purpose(c.as_str()))
                    .filter(|c| !c.regions.is_empty())
                    .map(|c| c.regions.iter().map(String::as_str).collect());
                (a.id.as_str(), regions)
            })
            .collect();
        Self {
            project,
            graph: ProjectGraph::new(project),
            nodes: project.nodes.iter().map(|n| (n.id.as_str(), n)).collect(),
            fields: project.fields.iter().map(|f| (f.id.as_str(), f)).collect(),
            activities: project
                .activities
                .iter()
                .map(|a| (a.id.as_str(), a))
                .collect(),
            platforms,
            activity_regions,
        }
    }

    pub fn node(&self, id: &str) -> Option<&'p Node> {
        self.nodes.get(id).copied()
    }

    pub fn field(&self, id: &str) -> Option<&'p Field> {
        self.fields.get(id).copied()
    }

    pub fn activity(&self, id: &str) -> Option<&'p ProcessingActivity> {
        self.activities.get(id).copied()
    }

    /// The catalogue platform of a destination node, when the catalogue knows it.
    pub fn platform_of(&self, node: &Node) -> Option<&IndexedPlatform<'p>> {
        let d = node.as_destination()?;
        self.platforms.get(d.platform.as_str())
    }

    /// Whether a field is personal data (anything but `NotPersonal`).
    pub fn is_personal(&self, field: &str) -> bool {
        self.field(field)
            .is_some_and(|f| f.identifiability.is_personal())
    }

    /// Whether a field is special-category data (flagged, or by its category).
    pub fn is_special(&self, field: &str) -> bool {
        self.field(field)
            .is_some_and(|f| f.special_category || vocab::is_special_category(&f.category))
    }

    /// Whether a flow may carry data of users in any of `regions` ("EEA", "UK", "CH",
    /// "US-states", …). Called for every field mapping, so it allocates nothing.
    pub fn flow_touches(&self, flow: &Flow, regions: &[String]) -> bool {
        if regions.is_empty() || flow.activities.is_empty() {
            return true;
        }
        let mut any_known = false;
        for a in &flow.activities {
            match self.activity_regions.get(a.as_str()) {
                Some(Some(known)) => {
                    any_known = true;
                    if known
                        .iter()
                        .any(|f| regions.iter().any(|r| region_matches(f, r)))
                    {
                        return true;
                    }
                }
                // An activity that applies everywhere, or whose regions are not recorded.
                _ => return true,
            }
        }
        !any_known
    }

    pub fn node_target(&self, node: &Node) -> Target {
        Target {
            kind: node.kind.label(),
            id: node.id.to_string(),
            name: node.name.clone(),
        }
    }

    pub fn flow_target(&self, flow: &Flow) -> Target {
        Target {
            kind: "flow",
            id: flow.id.to_string(),
            name: self.flow_name(flow),
        }
    }

    /// "Web shop → Meta Conversions API".
    pub fn flow_name(&self, flow: &Flow) -> String {
        let name = |id: &str| self.node(id).map_or(id.to_owned(), |n| n.name.clone());
        format!("{} → {}", name(flow.from.as_str()), name(flow.to.as_str()))
    }

    /// A field mapping is addressed as `flow/field`.
    pub fn mapping_target(&self, flow: &Flow, m: &FieldMapping) -> Target {
        let label = self
            .field(m.field.as_str())
            .map_or(m.field.to_string(), |f| f.label.clone());
        Target {
            kind: "field mapping",
            id: format!("{}/{}", flow.id, m.field),
            name: format!("{label} as {} on {}", m.wire_name, self.flow_name(flow)),
        }
    }

    pub fn activity_target(&self, a: &ProcessingActivity) -> Target {
        Target {
            kind: "activity",
            id: a.id.to_string(),
            name: a.name.clone(),
        }
    }

    /// Nodes of a kind that can hold data for some time (everything but sources and gates).
    pub fn holds_data(node: &Node) -> bool {
        matches!(
            node.kind,
            NodeKind::Relay(_) | NodeKind::Store(_) | NodeKind::Destination(_)
        )
    }
}

/// Whether a region of a flow (a consent purpose's region) falls under a region the platform
/// names. "EEA" also covers member-state codes; "US-states" covers "US" and "US-CA" etc.
pub fn region_matches(flow_region: &str, platform_region: &str) -> bool {
    let f = flow_region.trim();
    let p = platform_region.trim();
    if f.eq_ignore_ascii_case(p) {
        return true;
    }
    match p {
        "EEA" => in_eea(f) || f.eq_ignore_ascii_case("EU"),
        "US-states" => f.eq_ignore_ascii_case("US") || f.to_ascii_uppercase().starts_with("US-"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_match_by_group() {
        assert!(region_matches("EEA", "EEA"));
        assert!(region_matches("DE", "EEA"));
        assert!(region_matches("US-CA", "US-states"));
        assert!(!region_matches("UK", "EEA"));
        assert!(!region_matches("EEA", "US-states"));
        assert!(in_eea("no") && !in_eea("CH") && !in_eea("US"));
    }
}
