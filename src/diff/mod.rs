//! What changed between two versions of a project, in the terms a DPO reads a record in: a new
//! recipient, a new field sent to a recipient, a field now sent raw, a lawful basis or a
//! retention period changed. The record's change log prints these; `capimap diff` can too.
//!
//! Elements are matched by id (nodes, activities, fields) and retention rules by system and
//! scope, so a rename is a change of name, not a removal and an addition.

pub mod elements;
pub mod review;

use std::collections::{BTreeMap, HashMap, HashSet};

use rustc_hash::FxHashMap;

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
    let targets: HashSet<&str> = p.flows.iter().map(|f| f.to.as_str()).collect();
    p.nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Source(_)))
        .filter(|n| targets.contains(n.id.as_str()))
        .map(|n| (n.id.as_str(), n))
        .collect()
}

/// How a field reaches a recipient: that of the first mapping that sends it, and every other
/// transform it arrives in (usually none, so a list that does not allocate until needed: half
/// a million mappings would otherwise make as many small lists).
pub(crate) struct Sent<'p> {
    pub first: &'p Transform,
    others: Vec<&'p Transform>,
}

impl<'p> Sent<'p> {
    fn new(first: &'p Transform) -> Self {
        Sent {
            first,
            others: Vec::new(),
        }
    }

    /// Every transform it arrives in, each once.
    fn all(&self) -> impl Iterator<Item = &'p Transform> + '_ {
        std::iter::once(self.first).chain(self.others.iter().copied())
    }

    fn add(&mut self, t: &'p Transform) {
        if self.first != t && !self.others.contains(&t) {
            self.others.push(t);
        }
    }

    pub fn raw(&self) -> bool {
        self.all().any(|t| *t == Transform::Raw)
    }

    /// The same transforms, in whatever order.
    fn same(&self, other: &Sent<'_>) -> bool {
        self.others.len() == other.others.len() && self.all().all(|t| other.all().any(|o| o == t))
    }
}

/// What each recipient receives, by (recipient, field). Recipients and fields are numbered as
/// they are met, and the pairs kept by number: 50,000 flows of ten fields are half a million
/// insertions, where hashing and comparing two strings per pair cost most of a comparison.
/// Callers sort the pairs they report.
#[derive(Default)]
pub(crate) struct Received<'p> {
    nodes: Numbered<'p>,
    fields: Numbered<'p>,
    sent: FxHashMap<(u32, u32), Sent<'p>>,
}

/// Ids numbered in the order they are met.
#[derive(Default)]
struct Numbered<'p> {
    ids: Vec<&'p str>,
    numbers: FxHashMap<&'p str, u32>,
}

impl<'p> Numbered<'p> {
    fn number(&mut self, id: &'p str) -> u32 {
        if let Some(&n) = self.numbers.get(id) {
            return n;
        }
        // A project has far fewer than 4 billion nodes or fields: its file could not hold them.
        let n = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.push(id);
        self.numbers.insert(id, n);
        n
    }
}

impl<'p> Received<'p> {
    /// How `field` reaches recipient `to`, if it does.
    pub fn get(&self, (to, field): &(&str, &str)) -> Option<&Sent<'p>> {
        let to = *self.nodes.numbers.get(to)?;
        let field = *self.fields.numbers.get(field)?;
        self.sent.get(&(to, field))
    }

    pub fn contains_key(&self, pair: &(&str, &str)) -> bool {
        self.get(pair).is_some()
    }

    /// Every (recipient, field) pair with how it is sent, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = ((&'p str, &'p str), &Sent<'p>)> + '_ {
        self.sent.iter().map(|(&(to, field), sent)| {
            (
                (self.nodes.ids[to as usize], self.fields.ids[field as usize]),
                sent,
            )
        })
    }
}

/// For each recipient, each field it receives with the transforms it arrives in.
pub(crate) fn received(p: &Project) -> Received<'_> {
    let mut out = Received::default();
    for f in &p.flows {
        let to = out.nodes.number(f.to.as_str());
        for m in f.sent_fields() {
            let field = out.fields.number(m.field.as_str());
            out.sent
                .entry((to, field))
                .and_modify(|s| s.add(&m.transform))
                .or_insert_with(|| Sent::new(&m.transform));
        }
    }
    out
}

/// Names by id, looked up once per comparison rather than by a scan per change (a change of
/// 1,000 flows in a 5,000-node project would otherwise scan the nodes 1,000 times).
struct Names<'p> {
    nodes: HashMap<&'p str, &'p str>,
    fields: HashMap<&'p str, &'p str>,
}

impl<'p> Names<'p> {
    fn of(p: &'p Project) -> Self {
        Names {
            nodes: p
                .nodes
                .iter()
                .map(|n| (n.id.as_str(), n.name.as_str()))
                .collect(),
            fields: p
                .fields
                .iter()
                .map(|f| (f.id.as_str(), f.label.as_str()))
                .collect(),
        }
    }

    fn node(&self, id: &str) -> String {
        self.nodes.get(id).copied().unwrap_or(id).to_owned()
    }

    fn field(&self, id: &str) -> String {
        self.fields.get(id).copied().unwrap_or(id).to_owned()
    }
}

/// Retention rules by system (a system has a handful; a project thousands).
fn rules_by_node(p: &Project) -> HashMap<&str, Vec<&crate::model::RetentionRule>> {
    let mut m: HashMap<&str, Vec<&crate::model::RetentionRule>> = HashMap::new();
    for r in &p.retention {
        m.entry(r.node.as_str()).or_default().push(r);
    }
    m
}

/// Every change from `old` to `new`, activities first, then recipients, fields and retention.
pub fn changes(old: &Project, new: &Project) -> Vec<Change> {
    changes_with(old, new, &received(old), &received(new))
}

/// [`changes`] with what each side's recipients receive worked out already (the review needs
/// it too, and on a large project it is the costliest part).
pub(crate) fn changes_with<'p>(
    old: &'p Project,
    new: &'p Project,
    sent_before: &Received<'p>,
    sent_now: &Received<'p>,
) -> Vec<Change> {
    let mut out = Vec::new();
    let (names_old, names_new) = (Names::of(old), Names::of(new));

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
    // Looked at in the maps' own order and sorted afterwards: only the changes are sorted,
    // not the half a million (recipient, field) pairs of a large project.
    let mut per_field: Vec<((&str, &str, u8), Change)> = Vec::new();
    for ((to, field), sent) in sent_now.iter() {
        if !was.contains_key(to) {
            continue;
        }
        match sent_before.get(&(to, field)) {
            None => per_field.push((
                (to, field, 0),
                Change::FieldAdded {
                    field: names_new.field(field),
                    system: names_new.node(to),
                },
            )),
            Some(before) if before.same(sent) => {}
            Some(before) => {
                let (system, label) = (names_new.node(to), names_new.field(field));
                let change = if sent.raw() && !before.raw() {
                    Change::FieldNowRaw {
                        field: label,
                        system,
                    }
                } else {
                    Change::TransformChanged {
                        field: label,
                        system,
                        from: before.first.clone(),
                        to: sent.first.clone(),
                    }
                };
                per_field.push(((to, field, 0), change));
            }
        }
    }
    for ((to, field), _) in sent_before.iter() {
        if now.contains_key(to) && !sent_now.contains_key(&(to, field)) {
            per_field.push((
                (to, field, 1),
                Change::FieldRemoved {
                    field: names_old.field(field),
                    system: names_new.node(to),
                },
            ));
        }
    }
    // Additions and changes first, then removals, each by recipient and field.
    per_field.sort_unstable_by(|(a, _), (b, _)| (a.2, a.0, a.1).cmp(&(b.2, b.0, b.1)));
    out.extend(per_field.into_iter().map(|(_, c)| c));

    let (rules_old, rules_new) = (rules_by_node(old), rules_by_node(new));
    for r in &new.retention {
        let before = rules_old
            .get(r.node.as_str())
            .and_then(|v| v.iter().find(|b| b.applies_to == r.applies_to));
        let system = names_new.node(r.node.as_str());
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
        if !rules_new
            .get(b.node.as_str())
            .is_some_and(|v| v.iter().any(|r| r.applies_to == b.applies_to))
        {
            out.push(Change::RetentionRemoved {
                system: names_old.node(b.node.as_str()),
                scope: b.applies_to.clone(),
            });
        }
    }
    out
}
