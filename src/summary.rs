//! What a project holds, in brief: the content of `capimap show`, as data that prints as text
//! or serialises as JSON.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::model::{NodeKind, Project};

/// Columns align up to this many characters; a longer value runs over.
const MAX_COLUMN: usize = 60;

/// Counts by node kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct NodeCounts {
    pub sources: usize,
    pub relays: usize,
    pub consent_gates: usize,
    pub stores: usize,
    pub destinations: usize,
}

/// One field as a destination receives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReceivedField {
    pub field: String,
    pub label: String,
    pub wire_name: String,
    /// `raw`, `hashed`, `truncated` or `generalised`.
    pub transform: String,
    /// The transform in full, e.g. "SHA-256 after phone: E.164 with +".
    pub detail: String,
}

/// A flow into a destination and the fields it carries there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IncomingFlow {
    pub flow: String,
    /// The id of the node it comes from.
    pub from: String,
    pub from_name: String,
    /// "real time" or "batch every 1 day".
    pub delivery: String,
    pub fields: Vec<ReceivedField>,
}

/// A destination and what it receives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DestinationSummary {
    pub id: String,
    pub name: String,
    pub platform: String,
    pub recipient: String,
    pub country: String,
    pub flows: Vec<IncomingFlow>,
}

/// The summary of a project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub name: String,
    pub controller: String,
    pub version: u32,
    pub nodes: NodeCounts,
    pub flows: usize,
    pub field_mappings: usize,
    pub fields: usize,
    pub activities: usize,
    pub consent_purposes: usize,
    pub retention_rules: usize,
    pub accepted_risks: usize,
    pub destinations: Vec<DestinationSummary>,
}

impl Summary {
    pub fn of(p: &Project) -> Self {
        let mut nodes = NodeCounts::default();
        for n in &p.nodes {
            match n.kind {
                NodeKind::Source(_) => nodes.sources += 1,
                NodeKind::Relay(_) => nodes.relays += 1,
                NodeKind::ConsentGate(_) => nodes.consent_gates += 1,
                NodeKind::Store(_) => nodes.stores += 1,
                NodeKind::Destination(_) => nodes.destinations += 1,
            }
        }
        // Indexed once: a lookup by scan per destination, flow and mapping is quadratic in
        // a large project (issue 19: 54 s of CPU for 200,000 flows).
        let mut into: HashMap<&str, Vec<&crate::model::Flow>> = HashMap::new();
        for f in &p.flows {
            into.entry(f.to.as_str()).or_default().push(f);
        }
        let names: HashMap<&str, &str> = p
            .nodes
            .iter()
            .map(|n| (n.id.as_str(), n.name.as_str()))
            .collect();
        let labels: HashMap<&str, &str> = p
            .fields
            .iter()
            .map(|f| (f.id.as_str(), f.label.as_str()))
            .collect();
        let destinations = p
            .nodes
            .iter()
            .filter_map(|n| Some((n, n.as_destination()?)))
            .map(|(n, d)| DestinationSummary {
                id: n.id.to_string(),
                name: n.name.clone(),
                platform: d.platform.clone(),
                recipient: n.operator.clone(),
                country: n.country.clone(),
                flows: into
                    .get(n.id.as_str())
                    .into_iter()
                    .flatten()
                    .map(|f| IncomingFlow {
                        flow: f.id.to_string(),
                        from: f.from.to_string(),
                        from_name: names
                            .get(f.from.as_str())
                            .map(|x| (*x).to_owned())
                            .unwrap_or_default(),
                        delivery: f.delivery.to_string(),
                        fields: f
                            .sent_fields()
                            .map(|m| ReceivedField {
                                field: m.field.to_string(),
                                label: labels
                                    .get(m.field.as_str())
                                    .map(|x| (*x).to_owned())
                                    .unwrap_or_default(),
                                wire_name: m.wire_name.clone(),
                                transform: m.transform.short().to_owned(),
                                detail: m.transform.to_string(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Summary {
            name: p.name.clone(),
            controller: p.organisation.controller.name.clone(),
            version: p.version,
            nodes,
            flows: p.flows.len(),
            field_mappings: p.flows.iter().map(|f| f.fields.len()).sum(),
            fields: p.fields.len(),
            activities: p.activities.len(),
            consent_purposes: p.consent_purposes.len(),
            retention_rules: p.retention.len(),
            accepted_risks: p.accepted_risks.len(),
            destinations,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = &self.nodes;
        writeln!(f, "{}", self.name)?;
        if !self.controller.is_empty() {
            writeln!(f, "controller: {}", self.controller)?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "nodes       {}, {}, {}, {}, {}",
            count(n.sources, "source"),
            count(n.relays, "relay"),
            count(n.consent_gates, "consent gate"),
            count(n.stores, "store"),
            count(n.destinations, "destination"),
        )?;
        writeln!(
            f,
            "flows       {} ({})",
            self.flows,
            count(self.field_mappings, "field mapping")
        )?;
        writeln!(f, "fields      {}", self.fields)?;
        writeln!(f, "activities  {}", self.activities)?;
        writeln!(f, "consent     {}", count(self.consent_purposes, "purpose"))?;
        writeln!(f, "retention   {}", count(self.retention_rules, "rule"))?;
        if self.accepted_risks > 0 {
            writeln!(f, "accepted    {}", count(self.accepted_risks, "risk"))?;
        }
        for d in &self.destinations {
            writeln!(f)?;
            writeln!(
                f,
                "{} [{}] ({}) — {}, {}",
                d.name, d.id, d.platform, d.recipient, d.country
            )?;
            if d.flows.is_empty() {
                writeln!(f, "  no flow leads here")?;
            }
            for flow in &d.flows {
                writeln!(
                    f,
                    "  from {} [{}], {}, flow {}:",
                    flow.from_name, flow.from, flow.delivery, flow.flow
                )?;
                if flow.fields.is_empty() {
                    writeln!(f, "    no fields")?;
                }
                let wire = flow.fields.iter().map(|r| r.wire_name.chars().count());
                let label = flow.fields.iter().map(|r| r.label.chars().count());
                // Columns align up to a width; a longer value just runs over (and a format width
                // above 65535 would panic).
                let (wire, label) = (
                    wire.max().unwrap_or(0).min(MAX_COLUMN),
                    label.max().unwrap_or(0).min(MAX_COLUMN),
                );
                for r in &flow.fields {
                    let mut line = String::new();
                    let _ = write!(
                        line,
                        "    {:<wire$}  {:<label$}  {}",
                        r.wire_name, r.label, r.detail
                    );
                    writeln!(f, "{}", line.trim_end())?;
                }
            }
        }
        Ok(())
    }
}

/// "1 relay", "3 relays".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
