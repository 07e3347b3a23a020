//! Integrity of a parsed project: id syntax, unique ids, and references that resolve.
//! Checks of content (consent, minimisation, …) are not here: they are findings, not errors.

// Hashed with Fx rather than SipHash: every id and reference of a large project is looked up
// here once per load, and the ids come from the user's own file, not from an attacker choosing
// collisions.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::model::ids::id_problem;
use crate::model::{NodeKind, Project, Region, RetentionScope};

/// An id as a message shows it (escaped, at most 60 characters).
fn shown(id: &str) -> String {
    crate::model::shown::shown(id, 60)
}

/// An integrity problem, before it is given a file and a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// An id that is not acceptable.
    BadId {
        id: String,
        owner: String,
        why: &'static str,
    },
    /// Two entities with one id.
    Duplicate {
        id: String,
        first: String,
        second: String,
    },
    /// A reference to an id that no entity of the expected kind has.
    Unknown {
        id: String,
        kind: &'static str,
        /// Who refers to it, e.g. "flow 'f1' (field mapping)".
        used_in: String,
        /// The id of the entity that holds the reference, to find the line.
        owner_id: String,
    },
    /// A canvas position that is not a finite number (NaN or infinity would break the canvas
    /// and the PDF's diagram).
    BadPosition {
        /// The node whose position it is.
        node: String,
        message: String,
    },
    /// A value that is not acceptable where it stands (a region that is no region, an
    /// activity on a field mapping that its flow does not serve).
    BadValue {
        /// The value as written, to find the line.
        value: String,
        /// The id of the entity that holds it (`None`: the organisation).
        owner_id: Option<String>,
        /// What is wrong, in one sentence that names the element.
        message: String,
    },
}

/// All integrity problems of a project, in file order.
pub fn problems(p: &Project) -> Vec<Problem> {
    let mut out = Vec::new();
    // What each id was declared as; the words of a problem are made only when there is one.
    let mut seen: HashMap<&str, &'static str> = HashMap::default();
    for c in &p.consent_purposes {
        declare(&mut out, &mut seen, "consent purpose", c.id.as_str());
    }
    for a in &p.activities {
        declare(&mut out, &mut seen, "activity", a.id.as_str());
    }
    for f in &p.fields {
        declare(&mut out, &mut seen, "field", f.id.as_str());
    }
    for n in &p.nodes {
        declare(&mut out, &mut seen, "node", n.id.as_str());
    }
    for f in &p.flows {
        declare(&mut out, &mut seen, "flow", f.id.as_str());
    }
    for r in &p.retention {
        declare(&mut out, &mut seen, "retention rule", r.id.as_str());
    }
    for r in &p.accepted_risks {
        declare(&mut out, &mut seen, "accepted risk", r.id.as_str());
    }

    let consents: HashSet<&str> = p.consent_purposes.iter().map(|c| c.id.as_str()).collect();
    let activities: HashSet<&str> = p.activities.iter().map(|a| a.id.as_str()).collect();
    let fields: HashSet<&str> = p.fields.iter().map(|f| f.id.as_str()).collect();
    let nodes: HashSet<&str> = p.nodes.iter().map(|n| n.id.as_str()).collect();
    let unknown = |id: &str, kind: &'static str, used_in: String, owner: &str| Problem::Unknown {
        id: id.to_owned(),
        kind,
        used_in,
        owner_id: owner.to_owned(),
    };
    for a in &p.activities {
        if let Some(c) = &a.consent_purpose
            && !consents.contains(c.as_str())
        {
            out.push(unknown(
                c.as_str(),
                "consent purpose",
                format!("activity '{}'", shown(a.id.as_str())),
                a.id.as_str(),
            ));
        }
    }
    for n in &p.nodes {
        let owner = || format!("node '{}'", shown(n.id.as_str()));
        match &n.kind {
            NodeKind::Source(s) => {
                for f in &s.collects {
                    if !fields.contains(f.as_str()) {
                        out.push(unknown(f.as_str(), "field", owner(), n.id.as_str()));
                    }
                }
            }
            NodeKind::ConsentGate(g) => {
                for c in &g.enforces {
                    if !consents.contains(c.as_str()) {
                        out.push(unknown(
                            c.as_str(),
                            "consent purpose",
                            owner(),
                            n.id.as_str(),
                        ));
                    }
                }
                if let Some(s) = &g.records_to
                    && !nodes.contains(s.as_str())
                {
                    out.push(unknown(s.as_str(), "node", owner(), n.id.as_str()));
                }
            }
            NodeKind::Relay(_) | NodeKind::Store(_) | NodeKind::Destination(_) => {}
        }
    }
    for f in &p.flows {
        let owner = || format!("flow '{}'", shown(f.id.as_str()));
        for end in [&f.from, &f.to] {
            if !nodes.contains(end.as_str()) {
                out.push(unknown(end.as_str(), "node", owner(), f.id.as_str()));
            }
        }
        for a in &f.activities {
            if !activities.contains(a.as_str()) {
                out.push(unknown(a.as_str(), "activity", owner(), f.id.as_str()));
            }
        }
        for m in &f.fields {
            if !fields.contains(m.field.as_str()) {
                out.push(unknown(
                    m.field.as_str(),
                    "field",
                    format!("a field mapping of flow '{}'", shown(f.id.as_str())),
                    f.id.as_str(),
                ));
            }
        }
    }
    for r in &p.retention {
        let owner = || format!("retention rule '{}'", shown(r.id.as_str()));
        if !nodes.contains(r.node.as_str()) {
            out.push(unknown(r.node.as_str(), "node", owner(), r.id.as_str()));
        }
        if let RetentionScope::Field(f) = &r.applies_to
            && !fields.contains(f.as_str())
        {
            out.push(unknown(f.as_str(), "field", owner(), r.id.as_str()));
        }
    }
    regions(p, &mut out);
    mapping_activities(p, &mut out);
    for id in p.layout.positions.keys() {
        if !nodes.contains(id.as_str()) {
            out.push(unknown(
                id.as_str(),
                "node",
                "the layout".to_owned(),
                id.as_str(),
            ));
        }
    }
    for (node, at) in &p.layout.positions {
        if !(at.x.is_finite() && at.y.is_finite()) {
            out.push(Problem::BadPosition {
                node: node.to_string(),
                message: format!(
                    "the canvas position of node '{}' is ({}, {}): a position must be a finite number (delete it and capimap places the node)",
                    shown(node.as_str()),
                    at.x,
                    at.y
                ),
            });
        }
    }
    out
}

/// Every region is one that capimap can relate to others: a region it could not place would
/// silently escape the rules for the regions it belongs to.
fn regions(p: &Project, out: &mut Vec<Problem>) {
    let est = p.organisation.establishment.trim();
    if !est.is_empty() {
        match Region::parse(est) {
            Ok(Region::Country(_)) => {}
            _ => out.push(Problem::BadValue {
                value: est.to_owned(),
                owner_id: None,
                message: format!(
                    "the organisation's establishment '{}' is not a country: write its ISO 3166 code (DE, FR, …)",
                    est.chars().take(40).collect::<String>().escape_debug()
                ),
            }),
        }
    }
    let mut check = |value: &str, owner_id: Option<&str>, owner: &str| {
        if let Err(why) = Region::parse(value) {
            out.push(Problem::BadValue {
                value: value.to_owned(),
                owner_id: owner_id.map(str::to_owned),
                message: format!("{owner}: {why}"),
            });
        }
    };
    for c in &p.consent_purposes {
        for r in &c.regions {
            check(
                r,
                Some(c.id.as_str()),
                &format!("consent purpose '{}'", shown(c.id.as_str())),
            );
        }
    }
    for n in &p.nodes {
        if let NodeKind::Source(s) = &n.kind {
            for r in &s.regions {
                check(
                    r,
                    Some(n.id.as_str()),
                    &format!("node '{}'", shown(n.id.as_str())),
                );
            }
        }
    }
    for f in &p.flows {
        for m in &f.fields {
            for r in m.only_for.iter().chain(&m.except_for) {
                check(
                    r,
                    Some(f.id.as_str()),
                    &format!(
                        "the mapping of '{}' on flow '{}'",
                        shown(m.field.as_str()),
                        shown(f.id.as_str())
                    ),
                );
            }
        }
    }
}

/// A field mapping names only activities of its own flow: it says which of them use the
/// field, and cannot add one the flow does not serve.
fn mapping_activities(p: &Project, out: &mut Vec<Problem>) {
    for f in &p.flows {
        for m in &f.fields {
            for a in m.activities.iter().filter(|a| !f.activities.contains(a)) {
                out.push(Problem::BadValue {
                    value: a.to_string(),
                    owner_id: Some(f.id.to_string()),
                    message: format!(
                        "the mapping of '{}' on flow '{}' names activity '{}', which the flow does not serve; add it to the flow's activities first",
                        m.field, f.id, a
                    ),
                });
            }
        }
    }
}

/// Records an entity's id: checks its syntax and that no earlier entity has it.
fn declare<'a>(
    out: &mut Vec<Problem>,
    seen: &mut HashMap<&'a str, &'static str>,
    kind: &'static str,
    id: &'a str,
) {
    let what = |kind: &str| format!("{kind} '{}'", shown(id));
    if let Some(why) = id_problem(id) {
        out.push(Problem::BadId {
            id: id.to_owned(),
            owner: what(kind),
            why,
        });
    }
    match seen.get(id) {
        Some(first) => out.push(Problem::Duplicate {
            id: id.to_owned(),
            first: what(first),
            second: what(kind),
        }),
        None => {
            seen.insert(id, kind);
        }
    }
}
