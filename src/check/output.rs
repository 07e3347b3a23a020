//! The findings as text for people and as JSON for programs (the schema is in the README).

use std::fmt::Write as _;

use serde::Serialize;

use crate::model::ElementRef;
use crate::store::SourceMap;

use super::{Finding, Report, Rule, Severity, Target};

/// The line in the project file where a finding's element stands.
pub fn line_of(target: &Target, map: &SourceMap) -> Option<usize> {
    match &target.element {
        ElementRef::Organisation => map.line_of_key("organisation"),
        ElementRef::Mapping(flow, field) => {
            let flow_line = map.line_of(flow.as_str())?;
            map.find_quoted_from(field.as_str(), flow_line)
                .or(Some(flow_line))
        }
        other => map.line_of(&other.id()),
    }
}

/// The report as text, grouped by severity, accepted risks last.
pub fn text(report: &Report, file: &str, map: Option<&SourceMap>) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {}", summary_line(report));
    for severity in [Severity::Error, Severity::Warning, Severity::Info] {
        let group: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.is_open() && f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let heading = match severity {
            Severity::Error => "Errors",
            Severity::Warning => "Warnings",
            Severity::Info => "Information",
        };
        let _ = writeln!(out, "\n{heading} ({})", group.len());
        for f in group {
            finding_text(&mut out, f, map);
        }
    }
    let accepted: Vec<&Finding> = report.findings.iter().filter(|f| !f.is_open()).collect();
    if !accepted.is_empty() {
        let _ = writeln!(out, "\nAccepted risks ({})", accepted.len());
        for f in accepted {
            finding_text(&mut out, f, map);
        }
    }
    out
}

fn summary_line(report: &Report) -> String {
    let n = |s| report.count(s);
    let plural = |k: usize, word: &str| {
        if k == 1 {
            format!("1 {word}")
        } else {
            format!("{k} {word}s")
        }
    };
    let mut line = format!(
        "{}, {}, {} to note",
        plural(n(Severity::Error), "error"),
        plural(n(Severity::Warning), "warning"),
        n(Severity::Info)
    );
    if report.accepted() > 0 {
        let _ = write!(line, ", {} accepted", report.accepted());
    }
    line
}

fn finding_text(out: &mut String, f: &Finding, map: Option<&SourceMap>) {
    let line = map
        .and_then(|m| line_of(&f.target, m))
        .map(|l| format!(", line {l}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "\n  {}[{}] {} {} ({}{})",
        f.severity,
        f.rule.id,
        f.target.kind,
        f.target.id(),
        f.target.name,
        line
    );
    let _ = writeln!(out, "    {}", f.message);
    if !f.path.is_empty() {
        let _ = writeln!(out, "    path: {}", f.path.join(" → "));
    }
    let _ = writeln!(out, "    why:  {}", f.rule.rests_on);
    let _ = writeln!(out, "    fix:  {}", f.fix);
    if let Some(a) = &f.accepted {
        let _ = writeln!(
            out,
            "    accepted by {} on {} ({}): {}",
            a.accepted_by, a.date, a.risk, a.justification
        );
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    file: &'a str,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    info: usize,
    accepted: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: Severity,
    family: super::Family,
    target: &'a Target,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    message: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    path: &'a [String],
    fix: &'a str,
    rests_on: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    url: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    accepted: Option<&'a super::Acceptance>,
}

/// The report as JSON (pretty-printed).
pub fn json(report: &Report, file: &str, map: Option<&SourceMap>) -> String {
    let doc = JsonReport {
        file,
        summary: JsonSummary {
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            info: report.count(Severity::Info),
            accepted: report.accepted(),
        },
        findings: report
            .findings
            .iter()
            .map(|f| JsonFinding {
                rule: f.rule.id,
                severity: f.severity,
                family: f.rule.family,
                target: &f.target,
                line: map.and_then(|m| line_of(&f.target, m)),
                message: &f.message,
                path: &f.path,
                fix: &f.fix,
                rests_on: f.rule.rests_on,
                url: f.rule.url,
                accepted: f.accepted.as_ref(),
            })
            .collect(),
    };
    // Plain data with string keys: serialising cannot fail.
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// The rule catalogue as text, like a linter's list.
pub fn rules_text(rules: &[&Rule]) -> String {
    let mut out = String::new();
    let mut family = None;
    for r in rules {
        if family != Some(r.family) {
            family = Some(r.family);
            let _ = writeln!(out, "\n{}", r.family.to_string().to_uppercase());
        }
        let _ = writeln!(out, "\n  {} ({})", r.id, r.severity);
        let _ = writeln!(out, "    {}", r.summary);
        let _ = writeln!(out, "    why: {}", r.rests_on);
        if !r.url.is_empty() {
            let _ = writeln!(out, "    see: {}", r.url);
        }
        let _ = writeln!(out, "    fix: {}", r.fix);
    }
    out.trim_start().to_owned()
}
