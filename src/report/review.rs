//! `capimap diff` as text, Markdown (a pull-request comment: a summary table, then the
//! details) and JSON: the changes grouped by what a DPO cares about.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diff::Change;
use crate::diff::review::{GateChange, Kind, RecipientChange, Review};
use crate::model::Project;

use super::changes::describe;
use super::words::{Lang, Words, WordsError};

/// One group of changes, in words.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    pub group: &'static str,
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// The review, in words, grouped; what every output is made from.
#[derive(Clone, Debug, Serialize)]
pub struct Described {
    pub old: String,
    pub new: String,
    /// The kinds `--fail-on` can name that are present.
    pub kinds: Vec<Kind>,
    pub groups: Vec<Group>,
}

fn group_of(c: &Change) -> usize {
    match c {
        Change::RecipientAdded { .. }
        | Change::RecipientRemoved { .. }
        | Change::RoleChanged { .. }
        | Change::CountryChanged { .. } => 0,
        Change::FieldAdded { .. }
        | Change::FieldRemoved { .. }
        | Change::FieldNowRaw { .. }
        | Change::TransformChanged { .. } => 1,
        Change::ActivityAdded { .. }
        | Change::ActivityRemoved { .. }
        | Change::PurposeChanged { .. }
        | Change::LawfulBasisChanged { .. } => 3,
        Change::RetentionAdded { .. }
        | Change::RetentionRemoved { .. }
        | Change::RetentionChanged { .. } => 4,
    }
}

const GROUPS: [(&str, &str); 8] = [
    ("recipients", "Recipients"),
    ("fields", "Fields sent"),
    ("consent_gates", "Consent gates"),
    ("activities", "Activities and lawful bases"),
    ("retention", "Retention"),
    ("new_findings", "New findings"),
    ("resolved_findings", "Resolved findings"),
    ("renamed", "Renamed ids"),
];

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "no purpose".to_owned()
    } else {
        v.join(", ")
    }
}

/// The review in English words, grouped; `new` names the elements.
pub fn describe_review(
    new: &Project,
    r: &Review,
    old_name: &str,
    new_name: &str,
) -> Result<Described, WordsError> {
    let w = Words::shared(Lang::En)?;
    let mut lines: Vec<Vec<String>> = vec![Vec::new(); GROUPS.len()];
    for c in &r.changes {
        let mut line = describe(new, w, c);
        if let Change::RetentionChanged { from, to, .. } = c
            && crate::diff::review::longer(from, to)
        {
            line.push_str(" (longer)");
        }
        lines[group_of(c)].push(line);
    }
    for (field, system) in &r.raw_identifiers {
        let line = format!("{field} now reaches {system} unhashed (raw).");
        if !lines[1]
            .iter()
            .any(|l| l.contains(field) && l.contains(system) && l.contains("raw"))
        {
            lines[1].push(line);
        }
    }
    for c in &r.recipients {
        lines[0].push(match c {
            RecipientChange::TransferChanged { system, from, to } => {
                let or_none = |m: &Option<String>| {
                    m.clone()
                        .unwrap_or_else(|| "no transfer mechanism recorded".to_owned())
                };
                format!(
                    "Transfer to {system} now rests on {} (was {}).",
                    or_none(to),
                    or_none(from)
                )
            }
            RecipientChange::TermsChanged {
                system,
                terms,
                from,
                to,
            } => match (from, to) {
                (None, Some(true)) => format!("{system}: {terms} added, accepted."),
                (None, _) => format!("{system}: {terms} added, not accepted."),
                (Some(_), None) => format!("{system}: {terms} no longer recorded."),
                (_, Some(true)) => format!("{system}: {terms} now accepted."),
                (_, _) => format!("{system}: {terms} no longer accepted."),
            },
        });
    }
    for g in &r.gates {
        lines[2].push(match g {
            GateChange::Added { gate, enforces } => {
                format!("Consent gate {gate} added, enforcing {}.", list(enforces))
            }
            GateChange::Removed { gate, enforces } => format!(
                "Consent gate {gate} removed (it enforced {}).",
                list(enforces)
            ),
            GateChange::PurposesChanged { gate, from, to } => format!(
                "Consent gate {gate} now enforces {} (was {}).",
                list(to),
                list(from)
            ),
        });
    }
    for n in &r.renamed {
        lines[7].push(format!(
            "The {} {} is now {} (nothing else about it changed).",
            n.kind, n.from, n.to
        ));
    }
    for (i, found) in [(5, &r.new_findings), (6, &r.resolved_findings)] {
        for f in found {
            lines[i].push(format!(
                "[{}] {} {}: {}",
                f.rule,
                severity(f.severity),
                f.target,
                f.message
            ));
        }
    }
    Ok(Described {
        old: old_name.to_owned(),
        new: new_name.to_owned(),
        kinds: r.kinds(),
        groups: GROUPS
            .iter()
            .zip(lines)
            .filter(|(_, l)| !l.is_empty())
            .map(|(&(group, title), lines)| Group {
                group,
                title,
                lines,
            })
            .collect(),
    })
}

fn severity(s: crate::check::Severity) -> &'static str {
    match s {
        crate::check::Severity::Error => "error",
        crate::check::Severity::Warning => "warning",
        crate::check::Severity::Info => "info",
    }
}

fn count(d: &Described) -> usize {
    d.groups.iter().map(|g| g.lines.len()).sum()
}

pub fn text(d: &Described) -> String {
    let mut o = String::new();
    let n = count(d);
    let _ = writeln!(o, "{} → {}", d.old, d.new);
    if n == 0 {
        let _ = writeln!(o, "\nNo change in privacy terms.");
        return o;
    }
    let _ = writeln!(
        o,
        "{}{}",
        crate::model::shown::plural(n, "change", "changes"),
        kinds_note(d, "; for --fail-on: ", "")
    );
    for g in &d.groups {
        let _ = writeln!(o, "\n{} ({})", g.title, g.lines.len());
        for l in &g.lines {
            let _ = writeln!(o, "  {l}");
        }
    }
    o
}

/// The kinds present, after `lead` ("; for --fail-on: "), or nothing when there are none.
fn kinds_note(d: &Described, lead: &str, close: &str) -> String {
    if d.kinds.is_empty() {
        return String::new();
    }
    let names: Vec<&str> = d.kinds.iter().map(|k| k.name()).collect();
    format!("{lead}{}{close}", names.join(", "))
}

/// Markdown for a pull-request comment: a short summary table, then the details.
pub fn markdown(d: &Described) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "### capimap: privacy review of `{}`\n", d.new);
    let n = count(d);
    if n == 0 {
        let _ = writeln!(
            o,
            "No change in privacy terms since `{}`.",
            d.old.replace('`', "'")
        );
        return o;
    }
    let _ = writeln!(
        o,
        "{} since `{}`{}.\n",
        crate::model::shown::plural(n, "change", "changes"),
        d.old.replace('`', "'"),
        kinds_note(d, " — **", "**")
    );
    let _ = writeln!(o, "| area | changes |\n|---|---:|");
    for g in &d.groups {
        let _ = writeln!(o, "| {} | {} |", g.title, g.lines.len());
    }
    for g in &d.groups {
        let _ = writeln!(o, "\n#### {}\n", g.title);
        for l in &g.lines {
            let _ = writeln!(o, "- {}", escape(l));
        }
    }
    o
}

/// A line of text as Markdown that renders as written (no stray emphasis or tables).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '_' | '|' | '<' | '>' | '`' | '[' | ']' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
