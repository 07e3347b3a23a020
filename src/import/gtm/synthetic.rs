//! Generated container exports for benchmarks and size tests: many tags over the templates
//! capimap knows, custom templates with large template data, many variables and triggers.

use serde_json::{Value, json};

const TEMPLATES: &[(&str, &str)] = &[
    ("stape-io", "facebook-tag"),
    ("stape-io", "tiktok-tag"),
    ("stape-io", "snapchat-tag"),
    ("stape-io", "pinterest-tag"),
    ("stape-io", "linkedin-tag"),
    ("stape-io", "reddit-tag"),
    ("stape-io", "twitter-tag"),
    ("stape-io", "microsoft-capi-tag"),
];

fn p(key: &str, value: &str) -> Value {
    json!({"type": "TEMPLATE", "key": key, "value": value})
}

/// An export with `tags` tags, `templates` custom templates (each with about `template_kb`
/// KB of template data) and `variables` variables. The tokens are `SYNTHETIC-TOKEN-<n>`.
pub fn container(tags: usize, templates: usize, variables: usize, template_kb: usize) -> String {
    let templates = templates.max(1);
    let filler = "x".repeat(template_kb * 1024);
    let custom: Vec<Value> = (0..templates)
        .map(|i| {
            let (owner, repo) = TEMPLATES[i % TEMPLATES.len()];
            json!({
                "templateId": (1000 + i).to_string(),
                "name": format!("Template {i}"),
                "galleryReference": {"host": "github.com", "owner": owner, "repository": repo, "version": "0123456789abcdef", "isModified": false},
                "templateData": format!("___INFO___\n\n{{\"type\": \"TAG\", \"displayName\": \"T{i}\"}}\n\n___TEMPLATE_PARAMETERS___\n\n[{{\"name\": \"generateFbp\", \"defaultValue\": true}}]\n\n___SANDBOXED_JS_FOR_SERVER___\n\n// {filler}\n"),
            })
        })
        .collect();
    let vars: Vec<Value> = (0..variables)
        .map(|i| match i % 3 {
            0 => json!({"variableId": i.to_string(), "name": format!("ED - key {i}"), "type": "ed", "parameter": [p("keyPath", &format!("user_data.key_{i}"))]}),
            1 => json!({"variableId": i.to_string(), "name": format!("Const - {i}"), "type": "c", "parameter": [p("value", &format!("{}", 100_000 + i))]}),
            _ => json!({"variableId": i.to_string(), "name": format!("Const - token {i}"), "type": "c", "parameter": [p("value", &format!("SYNTHETIC-TOKEN-{i}"))]}),
        })
        .collect();
    let triggers: Vec<Value> = (0..(tags / 2).max(1))
        .map(|i| json!({"triggerId": format!("t{i}"), "name": format!("Trigger {i}"), "type": "ALWAYS", "filter": [
            {"type": "EQUALS", "parameter": [p("arg0", "{{Event Name}}"), p("arg1", &format!("event_{i}"))]}]}))
        .collect();
    let tag_list: Vec<Value> = (0..tags)
        .map(|i| {
            let template = 1000 + i % templates;
            json!({
                "tagId": i.to_string(),
                "name": format!("Tag {i}"),
                "type": format!("cvt_1_{template}"),
                "firingTriggerId": [format!("t{}", i % triggers.len())],
                "parameter": [
                    p("pixelId", &format!("{{{{Const - {}}}}}", 1 + 3 * (i % (variables / 3).max(1)))),
                    p("accessToken", &format!("SYNTHETIC-TOKEN-TAG-{i}")),
                    json!({"type": "LIST", "key": "userDataList", "list": [
                        {"type": "MAP", "map": [p("name", "em"), p("value", &format!("{{{{ED - key {}}}}}", 3 * (i % (variables / 3).max(1))))]}
                    ]}),
                ],
            })
        })
        .collect();
    json!({
        "exportFormatVersion": 2,
        "exportTime": "2026-11-20 10:00:00",
        "containerVersion": {
            "containerId": "1",
            "container": {"containerId": "1", "name": "Synthetic server container", "publicId": "GTM-SYNTH", "usageContext": ["SERVER"]},
            "tag": tag_list,
            "trigger": triggers,
            "variable": vars,
            "builtInVariable": [{"type": "EVENT_NAME", "name": "Event Name"}, {"type": "CLIENT_NAME", "name": "Client Name"}],
            "client": [{"clientId": "1", "name": "GA4", "type": "gaaw_client", "parameter": []}],
            "customTemplate": custom,
        }
    })
    .to_string()
}
