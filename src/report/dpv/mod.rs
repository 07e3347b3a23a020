//! `capimap export --dpv`: the record of processing in the W3C Data Privacy Vocabulary (DPV
//! 2), as JSON-LD with its own `@context` (no remote context is needed to read it).
//!
//! The record is a `dpcat:ROPA` (the DPVCG's ROPA profile, DPCat) whose entries are the
//! activities, each a `dpv:PersonalDataHandling` (and `dpv:Process`, which DPV 2.3 recommends
//! in its place, and `dpcat:ROPARecord`): its purposes, legal bases, personal data, data
//! subjects, controller, recipients by role, transfers to third countries with their legal
//! basis and safeguard, storage durations and security measures. It says only what the
//! project records: what is not recorded is left out, not filled in.

mod terms;

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::check::context::in_eea;
use crate::model::{
    Date, Node, Party, ProcessingActivity, Project, RecipientRole, RetentionLimit, vocab,
};

/// The document and how many activities it holds.
pub struct Written {
    pub document: Value,
    pub activities: usize,
}

/// The IRIs of the project's own resources: a URN per project, so that two projects' records
/// do not share IRIs. Replace the `rec` prefix in the context to publish them elsewhere.
fn namespace(p: &Project) -> String {
    let slug: String = p
        .name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "urn:capimap:{}:",
        if slug.is_empty() { "project" } else { &slug }
    )
}

/// A resource id: `rec:` and the kind and id, the id's characters kept only where an IRI
/// allows them unescaped.
fn rec(kind: &str, id: &str) -> String {
    let id: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("rec:{kind}/{id}")
}

fn text(s: &str) -> Option<Value> {
    let s = s.trim();
    (!s.is_empty()).then(|| json!(s))
}

/// An entity: its name, address and contact, as DPV's entity properties hold them.
fn entity(id: String, types: &[&str], party: &Party) -> Value {
    let mut e = json!({ "@id": id, "@type": types, "dpv:hasName": party.name });
    if let Some(a) = text(&party.address) {
        e["dpv:hasAddress"] = a;
    }
    let contact: Vec<&str> = [party.email.trim(), party.phone.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !contact.is_empty() {
        e["dpv:hasContact"] = json!(contact);
    }
    e
}

fn controller(p: &Project) -> Value {
    let o = &p.organisation;
    let mut c = entity(
        "rec:controller".to_owned(),
        &["dpv:DataController"],
        &o.controller,
    );
    if let Some(dpo) = &o.dpo {
        c["dpv:hasDataProtectionOfficer"] =
            entity("rec:dpo".to_owned(), &["dpv:DataProtectionOfficer"], dpo);
    }
    if let Some(r) = &o.representative {
        c["dpv:hasRepresentative"] =
            entity("rec:representative".to_owned(), &["dpv:Representative"], r);
    }
    if let Some(country) = text(&o.establishment) {
        c["dpv:hasCountry"] =
            json!({ "@id": format!("loc:{}", country.as_str().unwrap_or("").to_uppercase()) });
    }
    c
}

pub fn export(p: &Project, date: Option<Date>) -> Written {
    let mut context = serde_json::Map::new();
    for (prefix, iri) in terms::CONTEXT {
        context.insert((*prefix).to_owned(), json!(iri));
    }
    context.insert("rec".to_owned(), json!(namespace(p)));
    let entries: Vec<Value> = p.activities.iter().map(|a| activity(p, a)).collect();
    let mut record = json!({
        "@id": "rec:record",
        "@type": ["dpcat:ROPA", "dpv:ROPA"],
        "dct:title": format!("Record of processing activities: {}", p.name),
        "dct:publisher": { "@id": "rec:controller" },
        "dpv:hasDataController": controller(p),
        "dcat:dataset": entries,
    });
    if let Some(d) = text(&p.description) {
        record["dct:description"] = d;
    }
    if let Some(date) = date {
        record["dct:issued"] = json!({ "@value": date.to_string(), "@type": "xsd:date" });
    }
    if p.record_version > 0 {
        record["dct:hasVersion"] = json!(p.record_version.to_string());
    }
    Written {
        document: json!({ "@context": context, "@graph": [record] }),
        activities: p.activities.len(),
    }
}

fn activity(p: &Project, a: &ProcessingActivity) -> Value {
    let (flows, fields) = super::facts::activity_scope(p, a);
    let fields: Vec<&str> = fields.iter().map(|f| f.as_str()).collect();
    let mut e = json!({
        "@id": rec("activity", a.id.as_str()),
        "@type": ["dpv:PersonalDataHandling", "dpv:Process", "dpcat:ROPARecord"],
        "dct:identifier": a.id.as_str(),
        "dct:title": a.name,
        "dpv:hasDataController": { "@id": "rec:controller" },
    });
    if let Some(d) = text(&a.description) {
        e["dct:description"] = d;
    }
    e["dpv:hasPurpose"] = json!(
        a.data_uses
            .iter()
            .map(|u| {
                let mut types = vec!["dpv:Purpose"];
                types.extend(terms::purpose(u));
                json!({
                    "@id": rec("purpose", &format!("{}.{u}", a.id)),
                    "@type": types,
                    "skos:notation": u,
                    "dct:description": vocab::label(vocab::DATA_USES, u).unwrap_or(u),
                })
            })
            .collect::<Vec<_>>()
    );
    let mut bases: Vec<&str> = a
        .lawful_basis
        .map(terms::lawful_basis)
        .into_iter()
        .collect();
    bases.extend(a.special_category_condition.map(terms::special_condition));
    if !bases.is_empty() {
        e["dpv:hasLegalBasis"] = json!(
            bases
                .iter()
                .map(|b| json!({ "@id": b }))
                .collect::<Vec<_>>()
        );
    }
    e["dpv:hasPersonalData"] = json!(
        fields
            .iter()
            .filter_map(|id| p.field(id))
            .filter(|f| f.identifiability.is_personal())
            .map(|f| {
                let mut types =
                    vec![terms::personal_data(&f.category).unwrap_or("dpv:PersonalData")];
                if f.special_category || vocab::is_special_category(&f.category) {
                    types.push("dpv:SpecialCategoryPersonalData");
                }
                json!({
                    "@id": rec("data", f.id.as_str()),
                    "@type": types,
                    "dct:title": f.label,
                    "skos:notation": f.category,
                })
            })
            .collect::<Vec<_>>()
    );
    e["dpv:hasDataSubject"] = json!(a
        .data_subjects
        .iter()
        .map(|s| json!({
            "@id": rec("subject", s),
            "@type": terms::data_subject(s).map_or(vec!["dpv:DataSubject"], |c| vec!["dpv:DataSubject", c]),
            "skos:notation": s,
        }))
        .collect::<Vec<_>>());
    // Where the activity's flows go, once for the recipients and the storage rules.
    let targets: HashSet<&str> = flows.iter().map(|f| f.to.as_str()).collect();
    recipients(p, &targets, &mut e);
    storage(p, a, &targets, &mut e);
    let measures: Vec<Value> = a
        .security_measures
        .iter()
        .filter_map(|m| text(m))
        .map(|m| json!({ "@type": "dpv:TechnicalOrganisationalMeasure", "dct:description": m }))
        .collect();
    if let Some(dpia) = a.dpia.as_deref().and_then(text) {
        e["dpv:hasImpactAssessment"] = json!({ "@type": "dpv:DPIA", "dct:description": dpia });
    }
    if !measures.is_empty() {
        e["dpv:hasTechnicalOrganisationalMeasure"] = Value::Array(measures);
    }
    e
}

/// Recipients by role, and the transfers to those outside the EEA with their basis.
fn recipients(p: &Project, targets: &HashSet<&str>, e: &mut Value) {
    let receivers: Vec<&Node> = p
        .nodes
        .iter()
        .filter(|n| !n.is_users_device() && !p.is_own_system(n))
        .filter(|n| targets.contains(n.id.as_str()))
        .collect();
    let mut all = Vec::new();
    let (mut processors, mut joint, mut transfers) = (Vec::new(), Vec::new(), Vec::new());
    for n in &receivers {
        let id = rec("recipient", n.id.as_str());
        let types: &[&str] = match n.recipient_role() {
            Some(RecipientRole::Processor) => &["dpv:Recipient", "dpv:DataProcessor"],
            Some(RecipientRole::JointController | RecipientRole::IndependentController) => {
                &["dpv:Recipient", "dpv:DataController"]
            }
            None => &["dpv:Recipient"],
        };
        let mut r =
            json!({ "@id": id, "@type": types, "dpv:hasName": n.operator, "dct:title": n.name });
        let country = n.country.trim().to_uppercase();
        if !country.is_empty() {
            r["dpv:hasCountry"] = json!({ "@id": format!("loc:{country}") });
        }
        all.push(r);
        match n.recipient_role() {
            Some(RecipientRole::Processor) => processors.push(json!({ "@id": id })),
            Some(RecipientRole::JointController) => joint.push(json!({ "@id": id })),
            _ => {}
        }
        if !country.is_empty() && !in_eea(&country) {
            let mut t = json!({
                "@type": ["dpv:Transfer", "dpv:CrossBorderTransfer"],
                "dpv:hasThirdCountry": { "@id": format!("loc:{country}") },
                "dpv:hasDataExporter": { "@id": "rec:controller" },
                "dpv:hasDataImporter": { "@id": id },
            });
            if let Some(tr) = &n.transfer {
                let (basis, measure) = terms::transfer(tr.mechanism);
                t["dpv:hasLegalBasis"] = json!({ "@id": basis });
                let mut safeguard = json!({ "@type": "dpv:SafeguardForDataTransfer" });
                if let Some(m) = measure {
                    safeguard["dpv:hasOrganisationalMeasure"] = json!({ "@id": m });
                }
                if let Some(r) = text(&tr.reference) {
                    safeguard["dct:description"] = r;
                }
                t["dpv:hasTechnicalOrganisationalMeasure"] = safeguard;
            }
            transfers.push(t);
        }
    }
    e["dpv:hasRecipient"] = Value::Array(all);
    if !processors.is_empty() {
        e["dpv:hasDataProcessor"] = Value::Array(processors);
    }
    if !joint.is_empty() {
        joint.insert(0, json!({ "@id": "rec:controller" }));
        e["dpv:hasJointDataControllers"] =
            json!({ "@type": "dpv:JointDataControllers", "dpv:hasDataController": joint });
    }
    if !transfers.is_empty() {
        e["dpv:hasProcessing"] = Value::Array(transfers);
    }
}

/// Storage durations: the activity's limit, and each rule of the systems that hold its data.
fn storage(p: &Project, a: &ProcessingActivity, targets: &HashSet<&str>, e: &mut Value) {
    let duration = |limit: &RetentionLimit| match limit {
        RetentionLimit::Period(period) => json!({
            "@type": "dpv:TemporalDuration",
            "rdf:value": { "@value": terms::duration(*period), "@type": "xsd:duration" },
            "dct:description": period.to_string(),
        }),
        RetentionLimit::AfterEvent { event, plus } => json!({
            "@type": "dpv:UntilEventDuration",
            "dct:description": format!("{event} + {plus}"),
        }),
    };
    let mut out = Vec::new();
    if let Some(max) = a.max_retention {
        out.push(json!({
            "@type": "dpv:StorageDuration",
            "dct:description": "the longest any personal data is kept for this activity",
            "dpv:hasDuration": duration(&RetentionLimit::Period(max)),
        }));
    }
    for r in p
        .retention
        .iter()
        .filter(|r| targets.contains(r.node.as_str()))
    {
        let system = p
            .node(r.node.as_str())
            .map_or(r.node.as_str(), |n| n.name.as_str());
        out.push(json!({
            "@type": "dpv:StorageDuration",
            "dct:description": format!("{system}: {}", r.applies_to),
            "dpv:hasDuration": duration(&r.limit),
        }));
    }
    if !out.is_empty() {
        e["dpv:hasStorageCondition"] = Value::Array(out);
    }
}
