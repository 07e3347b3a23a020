//! A change reviewed like code (`capimap diff`): the record's changes ([`super::changes`]),
//! and what a reviewer of a pull request also needs that the record does not say: consent
//! gates added, removed or enforcing other purposes, identifiers newly sent raw, and the
//! findings the checks raise on one side and not on the other (the consent analysis run on
//! both). Each change has a kind that `--fail-on` can name.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::catalog::Catalog;
use crate::check::{self, Finding};
use crate::edit::rename::renamed_project;
use crate::model::{ElementRef, Identifiability, NodeKind, Project, RetentionLimit};

use super::{Change, received, recipients};

/// What `--fail-on` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    NewRecipient,
    NewRawIdentifier,
    NewUngatedPath,
    LongerRetention,
    BasisChanged,
    NewFinding,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::NewRecipient,
        Kind::NewRawIdentifier,
        Kind::NewUngatedPath,
        Kind::LongerRetention,
        Kind::BasisChanged,
        Kind::NewFinding,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::NewRecipient => "new-recipient",
            Kind::NewRawIdentifier => "new-raw-identifier",
            Kind::NewUngatedPath => "new-ungated-path",
            Kind::LongerRetention => "longer-retention",
            Kind::BasisChanged => "basis-changed",
            Kind::NewFinding => "new-finding",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// A consent gate's change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum GateChange {
    Added {
        gate: String,
        enforces: Vec<String>,
    },
    Removed {
        gate: String,
        enforces: Vec<String>,
    },
    PurposesChanged {
        gate: String,
        from: Vec<String>,
        to: Vec<String>,
    },
}

/// A recipient's change the record's change log does not word: its transfer mechanism, its
/// platform terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum RecipientChange {
    /// `None`: no mechanism recorded.
    TransferChanged {
        system: String,
        from: Option<String>,
        to: Option<String>,
    },
    /// Terms added (`from: None`), removed (`to: None`) or accepted or not now.
    TermsChanged {
        system: String,
        terms: String,
        from: Option<bool>,
        to: Option<bool>,
    },
}

/// A finding, as a reviewer reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FindingNote {
    pub rule: &'static str,
    pub severity: check::Severity,
    pub target: String,
    pub message: String,
}

/// An element whose id changed and nothing else: (what it is, old id, new id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Renamed {
    pub kind: &'static str,
    pub from: String,
    pub to: String,
}

/// Everything a reviewer is told about a change.
#[derive(Clone, Debug, Default)]
pub struct Review {
    /// Ids renamed: the rest of the review compares the old version under the new ids.
    pub renamed: Vec<Renamed>,
    pub changes: Vec<Change>,
    pub gates: Vec<GateChange>,
    pub recipients: Vec<RecipientChange>,
    /// (field, system): a direct identifier that reaches the system raw, and did not before.
    pub raw_identifiers: Vec<(String, String)>,
    /// Open findings of the new version that the old one did not have, and the reverse.
    pub new_findings: Vec<FindingNote>,
    pub resolved_findings: Vec<FindingNote>,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
            && self.renamed.is_empty()
            && self.gates.is_empty()
            && self.recipients.is_empty()
            && self.raw_identifiers.is_empty()
            && self.new_findings.is_empty()
            && self.resolved_findings.is_empty()
    }

    /// The kinds of change present, for `--fail-on`.
    pub fn kinds(&self) -> Vec<Kind> {
        let mut out = Vec::new();
        let mut add = |k: Kind| {
            if !out.contains(&k) {
                out.push(k);
            }
        };
        for c in &self.changes {
            match c {
                Change::RecipientAdded { .. } => add(Kind::NewRecipient),
                Change::LawfulBasisChanged { .. } => add(Kind::BasisChanged),
                Change::RetentionRemoved { .. } => add(Kind::LongerRetention),
                Change::RetentionChanged { from, to, .. } if longer(from, to) => {
                    add(Kind::LongerRetention)
                }
                _ => {}
            }
        }
        if !self.raw_identifiers.is_empty() {
            add(Kind::NewRawIdentifier);
        }
        if self.new_findings.iter().any(|f| UNGATED.contains(&f.rule)) {
            add(Kind::NewUngatedPath);
        }
        if !self.new_findings.is_empty() {
            add(Kind::NewFinding);
        }
        out.sort();
        out
    }
}

/// The rules that report personal data reaching a destination past no gate for its consent.
const UNGATED: [&str; 2] = ["consent/ungated-path", "consent/cookie-id-ungated"];

/// Whether a retention limit got longer. A limit after an event is compared by its period
/// when the event is the same; a limit that changes what it counts from is not called longer
/// (capimap cannot tell), but is still listed as changed.
pub fn longer(from: &RetentionLimit, to: &RetentionLimit) -> bool {
    match (from, to) {
        (RetentionLimit::Period(a), RetentionLimit::Period(b)) => b > a,
        (
            RetentionLimit::AfterEvent { event: e1, plus: a },
            RetentionLimit::AfterEvent { event: e2, plus: b },
        ) if e1.trim() == e2.trim() => b > a,
        _ => false,
    }
}

/// Reviews the change from `old` to `new`, with the checks run on both against `catalog`.
pub fn review(old: &Project, new: &Project, catalog: &Catalog) -> Review {
    let (renamed, old) = &match_renames(old, new);
    // The two sides are independent: each is checked, and what its recipients receive worked
    // out, on a thread of its own when the project is large (the checks alone keep only one
    // and a quarter cores busy).
    let side = |p| (open_findings(p, catalog), received(p));
    let ((before, sent_before), (after, sent_now)) =
        crate::parallel::both(new.flows.len() >= 1_000, || side(old), || side(new));
    Review {
        renamed: renamed.clone(),
        changes: super::changes_with(old, new, &sent_before, &sent_now),
        gates: gates(old, new),
        recipients: recipient_changes(old, new),
        raw_identifiers: raw_identifiers(old, new, &sent_before, &sent_now),
        // Each side is checked once; the findings are compared both ways.
        new_findings: notes(only_in(&after, &before)),
        resolved_findings: notes(only_in(&before, &after)),
    }
}

fn purposes_of(p: &Project, ids: &[crate::model::ConsentPurposeId]) -> Vec<String> {
    ids.iter()
        .map(|id| {
            p.consent_purpose(id.as_str())
                .map_or(id.to_string(), |c| c.name.clone())
        })
        .collect()
}

fn gates(old: &Project, new: &Project) -> Vec<GateChange> {
    let gates = |p: &Project| -> BTreeMap<String, (String, Vec<String>)> {
        p.nodes
            .iter()
            .filter_map(|n| match &n.kind {
                NodeKind::ConsentGate(g) => {
                    let mut e = purposes_of(p, &g.enforces);
                    e.sort();
                    Some((n.id.to_string(), (n.name.clone(), e)))
                }
                _ => None,
            })
            .collect()
    };
    let (was, now) = (gates(old), gates(new));
    let mut out = Vec::new();
    for (id, (name, enforces)) in &now {
        match was.get(id) {
            None => out.push(GateChange::Added {
                gate: name.clone(),
                enforces: enforces.clone(),
            }),
            Some((_, before)) if before != enforces => out.push(GateChange::PurposesChanged {
                gate: name.clone(),
                from: before.clone(),
                to: enforces.clone(),
            }),
            Some(_) => {}
        }
    }
    for (id, (name, enforces)) in &was {
        if !now.contains_key(id) {
            out.push(GateChange::Removed {
                gate: name.clone(),
                enforces: enforces.clone(),
            });
        }
    }
    out
}

/// Transfer mechanisms and platform terms of the recipients both versions have.
fn recipient_changes(old: &Project, new: &Project) -> Vec<RecipientChange> {
    let (was, now) = (recipients(old), recipients(new));
    let transfer = |n: &crate::model::Node| {
        n.transfer.as_ref().map(|t| {
            if t.reference.trim().is_empty() {
                t.mechanism.to_string()
            } else {
                format!("{}: {}", t.mechanism, t.reference.trim())
            }
        })
    };
    let terms = |n: &crate::model::Node| -> BTreeMap<String, bool> {
        n.as_destination()
            .map(|d| {
                d.terms
                    .iter()
                    .map(|t| (t.name.trim().to_owned(), t.accepted))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (id, n) in &now {
        let Some(before) = was.get(id) else {
            continue;
        };
        let (from, to) = (transfer(before), transfer(n));
        if from != to {
            out.push(RecipientChange::TransferChanged {
                system: n.name.clone(),
                from,
                to,
            });
        }
        let (a, b) = (terms(before), terms(n));
        for name in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
            let (from, to) = (a.get(name).copied(), b.get(name).copied());
            if from != to {
                out.push(RecipientChange::TermsChanged {
                    system: n.name.clone(),
                    terms: name.clone(),
                    from,
                    to,
                });
            }
        }
    }
    out
}

/// Direct identifiers that now reach a system raw: newly sent raw, or sent raw where they
/// were transformed before. A system that is itself new counts too: its raw identifiers are
/// new.
fn raw_identifiers(
    old: &Project,
    new: &Project,
    before: &super::Received<'_>,
    now: &super::Received<'_>,
) -> Vec<(String, String)> {
    let was = recipients(old);
    let fields: std::collections::HashMap<&str, &crate::model::Field> =
        new.fields.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut found: Vec<(&str, &str)> = Vec::new();
    // In the map's order, sorted afterwards: only the raw identifiers, not every pair.
    for ((to, field), sent) in now.iter() {
        let direct = fields
            .get(field)
            .is_some_and(|f| f.identifiability == Identifiability::DirectIdentifier);
        if !direct || !sent.raw() {
            continue;
        }
        let raw_before =
            was.contains_key(to) && before.get(&(to, field)).is_some_and(super::Sent::raw);
        if !raw_before {
            found.push((to, field));
        }
    }
    found.sort_unstable();
    found
        .into_iter()
        .map(|(to, field)| {
            (
                fields
                    .get(field)
                    .map_or(field.to_owned(), |f| f.label.clone()),
                new.node(to).map_or(to.to_owned(), |n| n.name.clone()),
            )
        })
        .collect()
}

/// How a finding is matched across versions: its rule, its element and its path. Messages
/// name elements, so a renamed element's finding would otherwise look new.
fn key(f: &Finding) -> (&'static str, String, Vec<String>) {
    (f.rule.id, f.target.id().into_owned(), f.path.clone())
}

/// The findings of `a` that `b` does not have (as many times as `a` has more of them), in
/// `a`'s order. `check --since` keeps these.
pub fn only_in(a: &[Finding], b: &[Finding]) -> Vec<Finding> {
    // Hashed: tens of thousands of findings, whose keys share long prefixes.
    let mut counts: rustc_hash::FxHashMap<(&'static str, String, Vec<String>), usize> =
        rustc_hash::FxHashMap::default();
    for f in b {
        *counts.entry(key(f)).or_default() += 1;
    }
    let mut out = Vec::new();
    for f in a {
        match counts.get_mut(&key(f)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(f.clone()),
        }
    }
    out
}

/// The findings of a project still open (not accepted as risks).
fn open_findings(p: &Project, catalog: &Catalog) -> Vec<Finding> {
    check::check(p, catalog)
        .findings
        .into_iter()
        .filter(Finding::is_open)
        .collect()
}

fn notes(findings: Vec<Finding>) -> Vec<FindingNote> {
    findings
        .into_iter()
        .map(|f| FindingNote {
            rule: f.rule.id,
            severity: f.severity,
            target: format!("{} {}", f.target.kind, f.target.name),
            message: f.message,
        })
        .collect()
}

/// Elements of `old` whose id is gone from `new`, while `new` has exactly one element of the
/// same kind under an id `old` lacks that is the same in everything but the id (references
/// to other renamed elements included): renamed. Returns them and `old` under the new ids.
/// Purposes and fields go first, then activities, nodes and flows, as each refers to those
/// before it.
pub(crate) fn match_renames<'a>(
    old: &'a Project,
    new: &Project,
) -> (Vec<Renamed>, Cow<'a, Project>) {
    // Borrowed until a rename is found: a change without renames (nearly every change) does
    // not copy a project of 50,000 flows.
    let mut p = Cow::Borrowed(old);
    let mut out = Vec::new();
    macro_rules! pass {
        ($list:ident, $kind:expr, $element:path) => {{
            // Ids by set, so that an unchanged project of 50,000 flows costs one pass.
            let now: HashSet<&str> = new.$list.iter().map(|n| n.id.as_str()).collect();
            let gone: Vec<String> = p
                .$list
                .iter()
                .filter(|e| !now.contains(e.id.as_str()))
                .map(|e| e.id.to_string())
                .collect();
            if !gone.is_empty() {
                let mut have: HashSet<String> = p.$list.iter().map(|e| e.id.to_string()).collect();
                // Candidates: the elements of `new` under an id `old` lacks. Each gone id is
                // compared with each of them: a rename of many ids at once is quadratic in
                // their number, not in the project's size.
                let fresh: Vec<_> = new
                    .$list
                    .iter()
                    .filter(|n| !have.contains(n.id.as_str()))
                    .collect();
                for id in gone {
                    let Some(before) = p.$list.iter().find(|e| e.id.as_str() == id).cloned() else {
                        continue;
                    };
                    let same: Vec<_> = fresh
                        .iter()
                        .filter(|n| !have.contains(n.id.as_str()))
                        .filter(|n| {
                            let mut b = before.clone();
                            b.id = n.id.clone();
                            b == ***n
                        })
                        .collect();
                    if let [only] = same.as_slice()
                        && let Ok(q) =
                            renamed_project(&p, &$element(before.id.clone()), only.id.as_str())
                    {
                        out.push(Renamed {
                            kind: $kind,
                            from: id.clone(),
                            to: only.id.to_string(),
                        });
                        have.remove(&id);
                        have.insert(only.id.to_string());
                        p = Cow::Owned(q);
                    }
                }
            }
        }};
    }
    pass!(
        consent_purposes,
        "consent purpose",
        ElementRef::ConsentPurpose
    );
    pass!(fields, "field", ElementRef::Field);
    pass!(activities, "activity", ElementRef::Activity);
    pass!(nodes, "node", ElementRef::Node);
    pass!(flows, "flow", ElementRef::Flow);
    (out, p)
}
