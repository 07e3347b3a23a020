//! The checks: a registry of rules, each with a stable id, a severity, what it rests on and how
//! to fix what it finds; and the run that turns a project into findings.
//!
//! Families, one file each: consent, minimisation, hashing, lawful basis and contracts
//! (with transfers), retention, and the record itself (Art. 30(1)(a)–(g)).

mod consent;
pub(crate) mod context;
mod dataflow;
mod gates;
mod hashing;
mod lawful;
mod minimise;
pub mod output;
pub mod paths;
pub mod plan;
mod record;
mod regions;
mod requests;
mod retention;
mod rules;
pub(crate) mod rules_gtm;
pub mod sarif;

use std::collections::BTreeSet;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::catalog::Catalog;
use crate::model::{Date, ElementRef, Project};

pub use context::Context;
pub use paths::{ConsentPaths, CookieRead, Exposed, Need, Ungated, consent_paths};
pub use rules::{RULES, rule};

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Against the law or the platform's terms as recorded: fix before sending data.
    Error,
    /// Probably wrong, or needless personal data: look at it.
    Warning,
    /// Worth knowing; nothing may be wrong.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        })
    }
}

/// The family a rule belongs to (the part of its id before the slash).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Consent,
    Minimise,
    Hashing,
    Lawful,
    Contracts,
    Transfers,
    Retention,
    Record,
    Catalog,
    /// A server-side Tag Manager container (`check --gtm`).
    Gtm,
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Family::Consent => "consent",
            Family::Minimise => "minimisation",
            Family::Hashing => "hashing",
            Family::Lawful => "lawful basis",
            Family::Contracts => "contracts",
            Family::Transfers => "transfers",
            Family::Retention => "retention",
            Family::Record => "record of processing",
            Family::Catalog => "catalogue",
            Family::Gtm => "tag manager container",
        })
    }
}

/// A rule of the registry.
#[derive(Debug, Serialize)]
pub struct Rule {
    /// Stable id, `family/name`.
    pub id: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// What the rule finds, in one sentence.
    pub summary: &'static str,
    /// Why it matters: the article or platform rule it rests on.
    pub rests_on: &'static str,
    /// Where to read that rule, when there is a page for it.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub url: &'static str,
    /// How to fix what it finds, in general.
    pub fix: &'static str,
}

/// What a finding is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// "destination", "flow", "activity", "field", "consent purpose", "organisation", …: the
    /// word people read before the name.
    pub kind: &'static str,
    /// The element itself.
    pub element: ElementRef,
    /// The element's name, for people.
    pub name: String,
}

impl Target {
    /// The element's id as reports write it ("organisation", `flow/field` for a mapping).
    pub fn id(&self) -> std::borrow::Cow<'_, str> {
        self.element.id()
    }
}

/// Reports keep their shape: kind, id, name.
impl Serialize for Target {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut t = s.serialize_struct("Target", 3)?;
        t.serialize_field("kind", self.kind)?;
        t.serialize_field("id", &self.id())?;
        t.serialize_field("name", &self.name)?;
        t.end()
    }
}

/// An accepted risk applied to a finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acceptance {
    pub risk: String,
    pub justification: String,
    pub accepted_by: String,
    pub date: Date,
}

/// One thing a check found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(serialize_with = "rule_id")]
    pub rule: &'static Rule,
    pub severity: Severity,
    pub target: Target,
    /// What is wrong, about this element, in one or two sentences.
    pub message: String,
    /// A witness path (node ids), where the finding is about a path.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
    /// How to fix it, as specific as the check can be.
    pub fix: String,
    /// Set when an accepted risk covers this finding: still listed, no longer failing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accepted: Option<Acceptance>,
}

impl PartialEq for Rule {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

impl Eq for Rule {}

fn rule_id<S: Serializer>(rule: &&'static Rule, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(rule.id)
}

impl Finding {
    pub(crate) fn new(rule: &'static Rule, target: Target, message: impl Into<String>) -> Self {
        Self {
            rule,
            severity: rule.severity,
            target,
            message: message.into(),
            path: Vec::new(),
            fix: rule.fix.to_owned(),
            accepted: None,
        }
    }

    pub(crate) fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = fix.into();
        self
    }

    pub(crate) fn path<S: ToString>(mut self, nodes: &[S]) -> Self {
        self.path = nodes.iter().map(ToString::to_string).collect();
        self
    }

    /// Whether the finding counts against the project (it is not accepted).
    pub fn is_open(&self) -> bool {
        self.accepted.is_none()
    }
}

/// The findings of one run, in a deterministic order: by severity, then family, then the
/// order of the elements in the project file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// (destination id, consent purpose id) for every destination that personal data for the
    /// purpose reaches along a path no gate enforcing it guards: the record's consent coverage,
    /// from the same analysis as the findings.
    #[serde(skip)]
    pub ungated: BTreeSet<(String, String)>,
}

impl Report {
    /// Open findings at or above a severity.
    pub fn open_at_least(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.is_open() && f.severity <= severity)
            .count()
    }

    /// Open findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.is_open() && f.severity == severity)
            .count()
    }

    pub fn accepted(&self) -> usize {
        self.findings.iter().filter(|f| !f.is_open()).count()
    }
}

/// Runs every rule on a project.
pub fn check(project: &Project, catalog: &Catalog) -> Report {
    check_with(project, catalog, context::worth_threads(project), None)
}

/// [`check`], with findings from outside the project (a server-side Tag Manager container's)
/// put among the project's before accepted risks apply. `Some` also says the container was
/// read: only then is an accepted risk of a `gtm/` rule that matches nothing stale.
pub fn check_with_extra(
    project: &Project,
    catalog: &Catalog,
    extra: Option<Vec<Finding>>,
) -> Report {
    check_with(project, catalog, context::worth_threads(project), extra)
}

/// [`check`], on several threads or on one.
fn check_with(
    project: &Project,
    catalog: &Catalog,
    parallel: bool,
    extra: Option<Vec<Finding>>,
) -> Report {
    use crate::parallel::both;
    // The checks that read neither the (node, field) graph nor whose data a flow carries run
    // while those are worked out; each check's findings are kept apart, to be put together
    // in the same order as one after the other.
    let (ctx, early) = Context::staged(project, catalog, parallel, |ctx| {
        let each = |check: fn(&Context, &mut Vec<Finding>)| {
            let mut out = Vec::new();
            check(ctx, &mut out);
            out
        };
        [
            each(consent::withdrawal),
            each(consent::records),
            each(hashing::run),
            each(lawful::run),
            each(retention::run),
            each(record::run),
        ]
    });
    let [withdrawal, records, hashing, lawful, retention, record] = early;
    // The consent analysis takes about as long as the other checks together: beside them.
    let ((ungated, mut findings), rest) = both(
        parallel,
        || {
            let mut out = Vec::new();
            let ungated = consent::paths(&ctx, &mut out);
            (ungated, out)
        },
        || {
            let mut rest = Vec::new();
            consent::validity(&ctx, &mut rest);
            rest.extend(withdrawal);
            consent::signals(&ctx, &mut rest);
            rest.extend(records);
            minimise::run(&ctx, &mut rest);
            for part in [hashing, lawful, retention, record] {
                rest.extend(part);
            }
            rest
        },
    );
    findings.extend(rest);
    let container_read = extra.is_some();
    findings.extend(extra.into_iter().flatten());
    // Freeing the context's half a million mappings takes a while of its own: beside the
    // sorting, not before it.
    both(
        parallel,
        move || drop(ctx),
        || {
            apply_accepted_risks(project, &mut findings, container_read);
            // Stable: within a severity and family, the order in which the checks met the elements.
            findings.sort_by_key(|f| (f.severity, f.rule.family));
        },
    );
    Report { findings, ungated }
}

/// Marks the findings that an accepted risk covers, and reports accepted risks that no longer
/// match anything (the problem was fixed, or the rule id or target was mistyped).
fn apply_accepted_risks(project: &Project, findings: &mut Vec<Finding>, container_read: bool) {
    let mut used = vec![false; project.accepted_risks.len()];
    for f in findings.iter_mut() {
        if let Some((i, risk)) = project
            .accepted_risks
            .iter()
            .enumerate()
            .find(|(_, r)| r.rule == f.rule.id && r.target == f.target.id())
        {
            used[i] = true;
            f.accepted = Some(Acceptance {
                risk: risk.id.to_string(),
                justification: risk.justification.clone(),
                accepted_by: risk.accepted_by.clone(),
                date: risk.date,
            });
        }
    }
    for (risk, _) in project.accepted_risks.iter().zip(used).filter(|(_, u)| !u) {
        let known = rule(&risk.rule).is_some();
        // A container's finding can only be matched when the container was read.
        if !container_read && rule(&risk.rule).is_some_and(|r| r.family == Family::Gtm) {
            continue;
        }
        findings.push(
            Finding::new(
                &rules::STALE_ACCEPTED_RISK,
                Target {
                    kind: "accepted risk",
                    element: ElementRef::AcceptedRisk(risk.id.clone()),
                    name: format!("{} on {}", risk.rule, risk.target),
                },
                if known {
                    format!(
                        "No finding of rule {} on '{}' is left: the accepted risk no longer applies.",
                        risk.rule, risk.target
                    )
                } else {
                    format!("'{}' is not a rule of capimap.", risk.rule)
                },
            )
            .fix(if known {
                "Remove the accepted risk, or correct its target."
            } else {
                "Correct the rule id (see `capimap rules`) or remove the accepted risk."
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_several_threads_the_findings_are_those_of_one_thread_in_the_same_order() {
        let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        let p = crate::synthetic::project(1_200, 4);
        let one = check_with(&p, &catalog, false, None);
        let several = check_with(&p, &catalog, true, None);
        assert!(!one.findings.is_empty());
        let text = |r: &Report| -> Vec<String> {
            r.findings
                .iter()
                .map(|f| format!("{} {} {} {}", f.rule.id, f.target.id(), f.message, f.fix))
                .collect()
        };
        assert_eq!(text(&one), text(&several));
        assert_eq!(one.ungated, several.ungated);

        // And both are what every check gives on the finished context, one after the other:
        // the checks run early really need neither the (node, field) graph nor the users.
        let ctx = Context::new(&p, &catalog);
        let mut all = Vec::new();
        consent::paths(&ctx, &mut all);
        consent::validity(&ctx, &mut all);
        consent::withdrawal(&ctx, &mut all);
        consent::signals(&ctx, &mut all);
        consent::records(&ctx, &mut all);
        minimise::run(&ctx, &mut all);
        hashing::run(&ctx, &mut all);
        lawful::run(&ctx, &mut all);
        retention::run(&ctx, &mut all);
        record::run(&ctx, &mut all);
        apply_accepted_risks(&p, &mut all, false);
        all.sort_by_key(|f| (f.severity, f.rule.family));
        let reference = Report {
            findings: all,
            ungated: BTreeSet::new(),
        };
        assert_eq!(text(&reference), text(&one));
    }
}
