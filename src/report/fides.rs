//! `capimap export --fides`: the project as fideslang resources (a Fides manifest) — one
//! system per node with its egress and ingress, one privacy declaration per activity and data
//! use the system serves, the organisation, a dataset per store, and the extension
//! categories, uses and subjects the file needs beyond fideslang's default taxonomy.
//!
//! What fideslang has no attribute for but a node needs to come back from the file (its kind,
//! country, flows and the fields they carry) goes into the system's `meta.capimap`; how each
//! field is transformed and which consents each gate enforces are not written: fideslang has
//! no place for them, and the export says so.

use std::collections::BTreeSet;

use crate::check::context::in_eea;
use crate::model::fideslang as fl;
use crate::model::fideslang::doc::{
    ActivityRef, CapimapMeta, Collection, ContactDetails, DataFlow, Dataset, DatasetField,
    FieldMeta, FlowMeta, Manifest, Meta, Organization, System,
};
use crate::model::{Flow, Node, NodeKind, Party, ProcessingActivity, Project, RecipientRole};

/// The file and what it could not say.
pub struct Export {
    pub yaml: String,
    pub manifest: Manifest,
    /// What the project holds that fideslang cannot express, one sentence each.
    pub not_expressed: Vec<String>,
}

/// The fides key of a node (or of anything with an id): ids are already keys when they are
/// valid, and are made valid when not.
pub(super) fn key(id: &str) -> String {
    if fl::is_valid_key(id) {
        id.to_owned()
    } else {
        fl::key_of(id)
    }
}

/// Flows by the id of the node at one of their ends.
type FlowsAt<'p> = std::collections::HashMap<&'p str, Vec<&'p Flow>>;

pub fn export<'a>(p: &'a Project) -> Result<Export, yaml_serde::Error> {
    let org = match p.organisation.controller.name.trim() {
        "" => "default_organization".to_owned(),
        name => fl::key_of(&name.to_lowercase()),
    };
    let mut manifest = Manifest {
        organization: vec![organization(p, &org)],
        ..Manifest::default()
    };
    // Each node's flows out and in, found once: a scan of the flows per node is quadratic
    // in a large project.
    let (mut from, mut to): (FlowsAt, FlowsAt) = Default::default();
    for f in &p.flows {
        from.entry(f.from.as_str()).or_default().push(f);
        to.entry(f.to.as_str()).or_default().push(f);
    }
    let at = |m: &FlowsAt<'a>, id: &str| m.get(id).cloned().unwrap_or_default();
    for n in p.nodes.iter() {
        let (out, inn) = (at(&from, n.id.as_str()), at(&to, n.id.as_str()));
        manifest.system.push(system(p, n, &org, &out, &inn));
        if n.as_store().is_some() {
            manifest.dataset.push(dataset(p, n, &org, &inn));
        }
    }
    super::fides_taxonomy::declare_extensions(p, &mut manifest, &org);
    let yaml = format!(
        "# fideslang resources (Fides manifest) written by capimap {} from \"{}\".\n\
         # Categories, uses and subjects beyond fideslang {}'s default taxonomy are declared\n\
         # under data_category, data_use and data_subject. meta.capimap on each system holds\n\
         # what fideslang has no attribute for (kind, country, flows), for `capimap import fides`.\n{}",
        env!("CARGO_PKG_VERSION"),
        p.name.replace(['\n', '\r'], " "),
        fl::release(),
        yaml_serde::to_string(&manifest)?
    );
    Ok(Export {
        yaml,
        manifest,
        not_expressed: not_expressed(p),
    })
}

fn contact(party: &Party) -> ContactDetails {
    ContactDetails {
        name: party.name.clone(),
        address: party.address.clone(),
        email: party.email.clone(),
        phone: party.phone.clone(),
    }
}

fn organization(p: &Project, key: &str) -> Organization {
    let o = &p.organisation;
    Organization {
        fides_key: key.to_owned(),
        name: o.controller.name.clone(),
        description: p.description.clone(),
        controller: Some(contact(&o.controller)),
        data_protection_officer: o.dpo.as_ref().map(contact),
        representative: o.representative.as_ref().map(contact),
    }
}

/// The fideslang category of each field the mappings name, in first-seen order.
pub(super) fn categories<'a>(p: &'a Project, fields: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in fields {
        if let Some(f) = p.field(id) {
            let c = fl::category_to_fides(&f.category).to_owned();
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

/// Data flows grouped by the system at the other end.
fn data_flows<'a>(
    p: &'a Project,
    flows: impl Iterator<Item = &'a Flow>,
    other: impl Fn(&'a Flow) -> &'a str,
) -> Vec<DataFlow> {
    let mut out: Vec<(String, Vec<&'a str>)> = Vec::new();
    for f in flows {
        let k = key(other(f));
        let fields = f.sent_fields().map(|m| m.field.as_str());
        match out.iter_mut().find(|(o, _)| *o == k) {
            Some((_, v)) => v.extend(fields),
            None => out.push((k, fields.collect())),
        }
    }
    out.into_iter()
        .map(|(k, fields)| DataFlow {
            fides_key: k,
            kind: "system".to_owned(),
            data_categories: categories(p, fields.into_iter()),
        })
        .collect()
}

fn system_type(n: &Node) -> &'static str {
    match &n.kind {
        NodeKind::Source(_) => "Application",
        NodeKind::Relay(_) | NodeKind::ConsentGate(_) => "Service",
        NodeKind::Store(_) if n.is_users_device() => "User device",
        NodeKind::Store(_) => "Database",
        NodeKind::Destination(_) => "Third Party",
    }
}

/// capimap's kind of a node, and its detail (source kind, relay kind, store kind, platform).
pub fn kind_words(n: &Node) -> (&'static str, String) {
    match &n.kind {
        NodeKind::Source(s) => ("source", format!("{:?}", s.source)),
        NodeKind::Relay(r) => ("relay", format!("{:?}", r.relay)),
        NodeKind::ConsentGate(g) => ("consent_gate", format!("{:?}", g.signal)),
        NodeKind::Store(s) => ("store", format!("{:?}", s.store)),
        NodeKind::Destination(d) => ("destination", d.platform.clone()),
    }
}

pub(super) fn joined(items: impl IntoIterator<Item = String>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for i in items {
        let i = i.trim().to_owned();
        if !i.is_empty() && !seen.contains(&i) {
            seen.push(i);
        }
    }
    (!seen.is_empty()).then(|| seen.join("; "))
}

fn system<'p>(p: &'p Project, n: &Node, org: &str, out: &[&'p Flow], inn: &[&'p Flow]) -> System {
    let id = n.id.as_str();
    let touching = || out.iter().chain(inn.iter()).copied();
    let activities: Vec<&ProcessingActivity> = p
        .activities
        .iter()
        .filter(|a| touching().any(|f| f.activities.contains(&a.id)))
        .collect();

    let mut egress = data_flows(p, out.iter().copied(), |f| f.to.as_str());
    let mut ingress = data_flows(p, inn.iter().copied(), |f| f.from.as_str());
    if let Some(s) = n.as_source() {
        ingress.insert(
            0,
            DataFlow {
                fides_key: "user".to_owned(),
                kind: "user".to_owned(),
                data_categories: categories(p, s.collects.iter().map(|f| f.as_str())),
            },
        );
    }
    egress.retain(|d| !d.fides_key.is_empty());

    let own = p.is_own_system(n);
    let declarations = activities
        .iter()
        .flat_map(|a| super::fides_declarations::declarations(p, n, a, out, inn))
        .collect();
    let (kind, detail) = kind_words(n);
    let fields: BTreeSet<&str> = touching()
        .flat_map(|f| f.sent_fields().map(|m| m.field.as_str()))
        .chain(
            n.as_source()
                .into_iter()
                .flat_map(|s| s.collects.iter().map(|f| f.as_str())),
        )
        .collect();
    let meta = CapimapMeta {
        kind: kind.to_owned(),
        detail,
        country: n.country.clone(),
        operator: n.operator.clone(),
        transfer_reference: n
            .transfer
            .as_ref()
            .map(|t| t.reference.clone())
            .unwrap_or_default(),
        activities: activities
            .iter()
            .map(|a| ActivityRef {
                id: a.id.to_string(),
                name: a.name.clone(),
            })
            .collect(),
        collects: n
            .as_source()
            .map(|s| s.collects.iter().map(|f| f.to_string()).collect())
            .unwrap_or_default(),
        fields: p
            .fields
            .iter()
            .filter(|f| fields.contains(f.id.as_str()))
            .map(FieldMeta::of)
            .collect(),
        flows: out
            .iter()
            .map(|f| FlowMeta {
                id: f.id.to_string(),
                to: key(f.to.as_str()),
                fields: f.sent_fields().map(|m| m.field.to_string()).collect(),
                activities: f.activities.iter().map(|a| a.to_string()).collect(),
            })
            .collect(),
    };
    let dpias = joined(activities.iter().filter_map(|a| a.dpia.clone()));
    System {
        fides_key: key(id),
        organization_fides_key: org.to_owned(),
        name: n.name.clone(),
        description: n.description.clone(),
        system_type: system_type(n).to_owned(),
        meta: Some(Meta {
            capimap: Some(meta),
        }),
        egress: (!egress.is_empty()).then_some(egress),
        ingress: (!ingress.is_empty()).then_some(ingress),
        privacy_declarations: declarations,
        dataset_references: if n.as_store().is_some() {
            vec![key(id)]
        } else {
            Vec::new()
        },
        does_international_transfers: !n.country.trim().is_empty() && !in_eea(&n.country),
        legal_basis_for_transfers: n
            .transfer
            .iter()
            .map(|t| fl::transfer_basis(t.mechanism).to_owned())
            .collect(),
        requires_data_protection_assessments: dpias.is_some(),
        dpa_location: dpias,
        legal_name: if own {
            Some(p.organisation.controller.name.clone()).filter(|s| !s.trim().is_empty())
        } else {
            Some(n.operator.clone())
        },
        legal_address: own
            .then(|| p.organisation.controller.address.clone())
            .filter(|s| !s.trim().is_empty()),
        responsibility: match (own, n.recipient_role()) {
            (true, _) => vec!["Controller".to_owned()],
            (false, Some(RecipientRole::Processor)) => vec!["Processor".to_owned()],
            (false, Some(_)) => vec!["Controller".to_owned()],
            (false, None) => Vec::new(),
        },
        dpo: own
            .then(|| p.organisation.dpo.as_ref().map(Party::one_line))
            .flatten()
            .filter(|s| !s.is_empty()),
        joint_controller_info: (n.recipient_role() == Some(RecipientRole::JointController)).then(
            || match n.contract.trim() {
                "" => n.operator.clone(),
                c => format!("{}: {c}", n.operator),
            },
        ),
        data_security_practices: joined(
            activities
                .iter()
                .flat_map(|a| a.security_measures.iter().cloned()),
        ),
    }
}

/// A store's dataset: the fields it keeps of what flows into it (`inn`).
fn dataset(p: &Project, n: &Node, org: &str, inn: &[&Flow]) -> Dataset {
    let mut ids: Vec<&str> = Vec::new();
    for f in inn {
        for m in f.sent_fields() {
            if !ids.contains(&m.field.as_str()) {
                ids.push(m.field.as_str());
            }
        }
    }
    Dataset {
        fides_key: key(n.id.as_str()),
        organization_fides_key: org.to_owned(),
        name: n.name.clone(),
        description: n.description.clone(),
        collections: vec![Collection {
            name: "events".to_owned(),
            description: format!("What {} keeps of the events it receives.", n.name),
            fields: ids
                .iter()
                .filter_map(|id| p.field(id))
                .map(|f| DatasetField {
                    name: key(f.id.as_str()),
                    description: f.label.clone(),
                    data_categories: vec![fl::category_to_fides(&f.category).to_owned()],
                })
                .collect(),
        }],
    }
}

/// What the file cannot say, for the user to know before handing it on.
fn not_expressed(p: &Project) -> Vec<String> {
    let mut out = Vec::new();
    let transformed = p
        .flows
        .iter()
        .flat_map(|f| &f.fields)
        .filter(|m| m.transform.is_hashed() || !m.transform.is_sent())
        .count();
    if transformed > 0 {
        out.push(format!(
            "how fields are sent (raw, hashed, dropped): fideslang has no attribute for it ({transformed} field mappings are hashed or dropped)"
        ));
    }
    let gates = p.nodes.iter().filter(|n| n.as_gate().is_some()).count();
    if gates > 0 {
        out.push(format!(
            "which consent purposes each consent gate enforces: fideslang has no consent gates ({gates} in the project)"
        ));
    }
    if !p.consent_purposes.is_empty() {
        out.push(
            "consent purposes and their regions: fideslang has no consent purposes".to_owned(),
        );
    }
    for a in p.activities.iter().filter(|a| a.data_uses.is_empty()) {
        out.push(format!(
            "activity '{}' names no data use: its declarations use the placeholder '{}'; give it one",
            a.name,
            fl::USE_NOT_RECORDED
        ));
    }
    out
}
