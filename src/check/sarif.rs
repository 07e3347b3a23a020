//! The findings as SARIF 2.1.0, for code-scanning pages in CI. Each result points at the line
//! of its element in the project file.

use serde_json::{Value, json};

use crate::store::SourceMap;

use super::output::line_of;
use super::{RULES, Report, Severity};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The report as a SARIF 2.1.0 log. `uri` is the project file as CI sees it (relative to the
/// repository root where possible).
pub fn sarif(report: &Report, uri: &str, map: Option<&SourceMap>) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.id,
                "name": r.id.replace(['/', '-'], "_"),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.rests_on },
                "help": { "text": r.fix },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "family": r.family.to_string() },
            });
            if !r.url.is_empty() {
                rule["helpUri"] = json!(r.url);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let index = RULES.iter().position(|r| r.id == f.rule.id);
            let mut text = f.message.clone();
            if !f.path.is_empty() {
                text.push_str(&format!(" Path: {}.", f.path.join(" → ")));
            }
            text.push_str(&format!(" Fix: {}", f.fix));
            let mut physical = json!({ "artifactLocation": { "uri": uri } });
            if let Some(line) = map.and_then(|m| line_of(&f.target, m)) {
                physical["region"] = json!({ "startLine": line });
            }
            let mut result = json!({
                "ruleId": f.rule.id,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": physical,
                    "logicalLocations": [{ "name": f.target.id(), "kind": f.target.kind }],
                }],
                "partialFingerprints": { "capimap/v1": format!("{}:{}", f.rule.id, f.target.id()) },
            });
            if let Some(i) = index {
                result["ruleIndex"] = json!(i);
            }
            // The witness path, node by node, each at its line: code-scanning pages show it as
            // a flow through the project file.
            if !f.path.is_empty() {
                let steps: Vec<Value> = f
                    .path
                    .iter()
                    .map(|id| {
                        let mut physical = json!({ "artifactLocation": { "uri": uri } });
                        if let Some(line) = map.and_then(|m| m.line_of(id)) {
                            physical["region"] = json!({ "startLine": line });
                        }
                        json!({ "location": {
                            "physicalLocation": physical,
                            "message": { "text": format!("node {id}") },
                        }})
                    })
                    .collect();
                result["codeFlows"] = json!([{ "threadFlows": [{ "locations": steps }] }]);
            }
            if let Some(a) = &f.accepted {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "justification": format!("{} (accepted by {} on {})", a.justification, a.accepted_by, a.date),
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "capimap",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
