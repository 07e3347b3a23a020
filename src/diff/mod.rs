//! What changed between two versions of a project, in the terms a DPO reads a record in: a new
//! recipient, a new field sent to a recipient, a field now sent raw, a lawful basis or a
//! retention period changed. The record's change log prints these; `capimap diff` can too.
//!
//! Elements are matched by id (nodes, activities, fields) and retention rules by system and
//! scope, so a rename is a change of name, not a removal and an addition.

pub mod elements;
pub mod review;

use std::collections::{BTreeMap, HashSet};

use crate::model::{
    LawfulBasis, Node, NodeKind, Project, RecipientRole, RetentionLimit, RetentionScope, Transform,
};

/// One change, with the names of the new version (the old one's where the element is gone).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    ActivityAdded {
        activity: String,
    },
    ActivityRemoved {
        activity: String,
    },
    PurposeChanged {
        activity: String,
    },
    LawfulBasisChanged {
        activity: String,
        from: Option<LawfulBasis>,
        to: Option<LawfulBasis>,
    },
    RecipientAdded {
        system: String,
        operator: String,
    },
    RecipientRemoved {
        system: String,
        operator: String,
    },
    RoleChanged {
        system: String,
        from: Option<RecipientRole>,
        to: Option<RecipientRole>,
    },
    CountryChanged {
        system: String,
        from: String,
        to: String,
    },
    FieldAdded {
        field: String,
        system: String,
    },
    FieldRemoved {
        field: String,
        system: String,
    },
    /// A field a system received hashed (or otherwise transformed) now reaches it raw.
    FieldNowRaw {
        field: String,
        system: String,
    },
    TransformChanged {
        field: String,
        system: String,
        from: Transform,
        to: Transform,
    },
    RetentionAdded {
        system: String,
        scope: RetentionScope,
        limit: RetentionLimit,
    },
    RetentionRemoved {
        system: String,
        scope: RetentionScope,
    },
    RetentionChanged {
        system: String,
        scope: RetentionScope,
        from: RetentionLimit,
        to: RetentionLimit,
    },
}

/// The systems that receive data (every node but sources with a flow into it), by id.
pub(crate) fn recipients(p: &Project) -> BTreeMap<&str, &Node> {
    p.nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Source(_)))
        .filter(|n| p.flows_into(n.id.as_str()).next().is_some())
        .map(|n| (n.id.as_str(), n))
        .collect()
}

/// For each recipient, each field it receives with the transforms it arrives in.
pub(crate) fn received(p: &Project) -> BTreeMap<(&str, &str), HashSet<&Transform>> {
    let mut out: BTreeMap<(&str, &str), HashSet<&Transform>> = BTreeMap::new();
    for f in &p.flows {
        for m in f.sent_fields() {
            out.entry((f.to.as_str(), m.field.as_str()))
                .or_default()
                .insert(&m.transform);
        }
    }
    out
}

fn field_label(p: &Project, id: &str) -> String {
    p.field(id).map_or(id.to_owned(), |f| f.label.clone())
}

fn node_name(p: &Project, id: &str) -> String {
    p.node(id).map_or(id.to_owned(), |n| n.name.clone())
}

/// Every change from `old` to `new`, activities first, then recipients, fields and retention.
pub fn changes(old: &Project, new: &Project) -> Vec<Change> {
    let mut out = Vec::new();
    for a in &new.activities {
        match old.activity(a.id.as_str()) {
            None => out.push(Change::ActivityAdded {
                activity: a.name.clone(),
            }),
            Some(before) => {
                if before.description.trim() != a.description.trim() {
                    out.push(Change::PurposeChanged {
                        activity: a.name.clone(),
                    });
                }
                if before.lawful_basis != a.lawful_basis {
                    out.push(Change::LawfulBasisChanged {
                        activity: a.name.clone(),
                        from: before.lawful_basis,
                        to: a.lawful_basis,
                    });
                }
            }
        }
    }
    for a in &old.activities {
        if new.activity(a.id.as_str()).is_none() {
            out.push(Change::ActivityRemoved {
                activity: a.name.clone(),
            });
        }
    }

    let (was, now) = (recipients(old), recipients(new));
    for (id, n) in &now {
        match was.get(id) {
            None => out.push(Change::RecipientAdded {
                system: n.name.clone(),
                operator: n.operator.clone(),
            }),
            Some(before) => {
                if before.recipient_role() != n.recipient_role() {
                    out.push(Change::RoleChanged {
                        system: n.name.clone(),
                        from: before.recipient_role(),
                        to: n.recipient_role(),
                    });
                }
                if !before.country.trim().eq_ignore_ascii_case(n.country.trim()) {
                    out.push(Change::CountryChanged {
                        system: n.name.clone(),
                        from: before.country.clone(),
                        to: n.country.clone(),
                    });
                }
            }
        }
    }
    for (id, n) in &was {
        if !now.contains_key(id) {
            out.push(Change::RecipientRemoved {
                system: n.name.clone(),
                operator: n.operator.clone(),
            });
        }
    }

    // Fields per recipient; a recipient that is new or gone is said once, above.
    let (sent_before, sent_now) = (received(old), received(new));
    for ((to, field), transforms) in &sent_now {
        if !was.contains_key(to) {
            continue;
        }
        let (system, label) = (node_name(new, to), field_label(new, field));
        match sent_before.get(&(*to, *field)) {
            None => out.push(Change::FieldAdded {
                field: label,
                system,
            }),
            Some(before) if before == transforms => {}
            Some(before) => {
                if transforms.contains(&Transform::Raw) && !before.contains(&Transform::Raw) {
                    out.push(Change::FieldNowRaw {
                        field: label,
                        system,
                    });
                } else if let (Some(from), Some(to)) =
                    (transform_of(old, to, field), transform_of(new, to, field))
                {
                    out.push(Change::TransformChanged {
                        field: label,
                        system,
                        from,
                        to,
                    });
                }
            }
        }
    }
    for (to, field) in sent_before.keys() {
        if now.contains_key(to) && !sent_now.contains_key(&(*to, *field)) {
            out.push(Change::FieldRemoved {
                field: field_label(old, field),
                system: node_name(new, to),
            });
        }
    }

    for r in &new.retention {
        let before = old
            .retention
            .iter()
            .find(|b| b.node == r.node && b.applies_to == r.applies_to);
        let system = node_name(new, r.node.as_str());
        match before {
            None => out.push(Change::RetentionAdded {
                system,
                scope: r.applies_to.clone(),
                limit: r.limit.clone(),
            }),
            Some(b) if b.limit != r.limit => out.push(Change::RetentionChanged {
                system,
                scope: r.applies_to.clone(),
                from: b.limit.clone(),
                to: r.limit.clone(),
            }),
            Some(_) => {}
        }
    }
    for b in &old.retention {
        if !new
            .retention
            .iter()
            .any(|r| r.node == b.node && r.applies_to == b.applies_to)
        {
            out.push(Change::RetentionRemoved {
                system: node_name(old, b.node.as_str()),
                scope: b.applies_to.clone(),
            });
        }
    }
    out
}

/// The transform of the first mapping of `field` into `to`.
fn transform_of(p: &Project, to: &str, field: &str) -> Option<Transform> {
    p.flows_into(to)
        .flat_map(|f| f.sent_fields())
        .find(|m| m.field.as_str() == field)
        .map(|m| m.transform.clone())
}
