//! Small server-container exports built in the tests, and their import.

use serde_json::{Value, json};

use capimap::catalog::Catalog;
use capimap::check::Finding;
use capimap::import::gtm::{self, Analysis};
use capimap::model::Project;

/// The template id each gallery repository gets in these exports.
const TEMPLATES: &[(&str, &str, &str)] = &[
    ("11", "stape-io/facebook-tag", "Facebook Conversion API"),
    ("12", "stape-io/tiktok-tag", "TikTok Events API"),
    ("13", "stape-io/snapchat-tag", "Snapchat Conversion API"),
    (
        "14",
        "stape-io/pinterest-tag",
        "Pinterest Conversion API by Stape",
    ),
    ("15", "stape-io/linkedin-tag", "LinkedIn Conversion API"),
    ("16", "stape-io/reddit-tag", "Reddit Conversion API"),
    ("17", "stape-io/twitter-tag", "X (Twitter) Conversion API"),
    (
        "18",
        "stape-io/microsoft-capi-tag",
        "Microsoft Ads UET Conversion API by Stape",
    ),
    (
        "19",
        "facebookincubator/ConversionsAPI-Tag-for-GoogleTagManager",
        "Conversions API Tag",
    ),
    ("20", "stape-io/data-client", "Data Client"),
    ("21", "stape-io/consent-parser-variable", "Consent Parser"),
];

pub fn p(key: &str, value: &str) -> Value {
    json!({"type": "TEMPLATE", "key": key, "value": value})
}

pub fn flag(key: &str, on: bool) -> Value {
    json!({"type": "BOOLEAN", "key": key, "value": on.to_string()})
}

pub fn rows(key: &str, rows: &[(&str, &str)]) -> Value {
    let list: Vec<Value> = rows
        .iter()
        .map(|(n, v)| json!({"type": "MAP", "map": [p("name", n), p("value", v)]}))
        .collect();
    json!({"type": "LIST", "key": key, "list": list})
}

pub fn condition(op: &str, arg0: &str, arg1: &str) -> Value {
    json!({"type": op, "parameter": [p("arg0", arg0), p("arg1", arg1)]})
}

pub struct Tag {
    pub json: Value,
}

/// A tag of a gallery template, firing on trigger "1" (every event of every client).
pub fn tag(id: &str, repository: &str) -> Tag {
    let template = TEMPLATES
        .iter()
        .find(|(_, r, _)| *r == repository)
        .map_or("99", |(t, _, _)| *t);
    Tag {
        json: json!({"tagId": id, "name": format!("Tag {id}"), "type": format!("cvt_1_{template}"), "firingTriggerId": ["1"], "parameter": []}),
    }
}

/// A tag of Google's own type (`sgtmgaaw`, `sgtmadsct`, …).
pub fn google(id: &str, kind: &str) -> Tag {
    Tag {
        json: json!({"tagId": id, "name": format!("Tag {id}"), "type": kind, "firingTriggerId": ["1"], "parameter": []}),
    }
}

impl Tag {
    pub fn param(mut self, v: Value) -> Self {
        if let Some(list) = self.json["parameter"].as_array_mut() {
            list.push(v);
        }
        self
    }

    pub fn text(self, key: &str, value: &str) -> Self {
        self.param(p(key, value))
    }

    pub fn firing(mut self, ids: &[&str]) -> Self {
        self.json["firingTriggerId"] = json!(ids);
        self
    }

    pub fn blocking(mut self, ids: &[&str]) -> Self {
        self.json["blockingTriggerId"] = json!(ids);
        self
    }

    pub fn paused(mut self) -> Self {
        self.json["paused"] = json!(true);
        self
    }
}

pub struct Export {
    pub tags: Vec<Value>,
    pub triggers: Vec<Value>,
    pub variables: Vec<Value>,
    pub clients: Vec<Value>,
    pub templates: Vec<Value>,
}

/// A server container with a GA4 client, trigger "1" on every event, and the variables
/// `ED - email`, `ED - phone`, `ED - gcs`, `ED - ad_storage`, `ED - ad_user_data`.
pub fn export() -> Export {
    let ed = |id: &str, name: &str, key: &str| json!({"variableId": id, "name": name, "type": "ed", "parameter": [p("keyPath", key)]});
    Export {
        tags: Vec::new(),
        triggers: vec![json!({"triggerId": "1", "name": "All events", "type": "ALWAYS"})],
        variables: vec![
            ed("101", "ED - email", "user_data.email_address"),
            ed("102", "ED - phone", "user_data.phone_number"),
            ed("103", "ED - gcs", "x-ga-gcs"),
            ed("104", "ED - ad_storage", "consent_state.ad_storage"),
            ed("105", "ED - ad_user_data", "consent_state.ad_user_data"),
            ed("106", "ED - token", "secrets.token"),
        ],
        clients: vec![json!({"clientId": "1", "name": "GA4", "type": "gaaw_client", "parameter": []})],
        templates: TEMPLATES
            .iter()
            .map(|(id, repo, name)| {
                let (owner, repository) = repo.split_once('/').unwrap_or(("", repo));
                json!({"templateId": id, "name": name, "galleryReference": {"owner": owner, "repository": repository, "version": "0000000", "isModified": false},
                       "templateData": format!("___INFO___\n\n{{\"type\": \"TAG\", \"displayName\": \"{name}\"}}\n\n___TEMPLATE_PARAMETERS___\n\n[]\n")})
            })
            .collect(),
    }
}

impl Export {
    pub fn tag(mut self, t: Tag) -> Self {
        self.tags.push(t.json);
        self
    }

    pub fn trigger(mut self, id: &str, conditions: Vec<Value>) -> Self {
        self.triggers.push(json!({"triggerId": id, "name": format!("Trigger {id}"), "type": "ALWAYS", "filter": conditions}));
        self
    }

    pub fn variable(mut self, v: Value) -> Self {
        self.variables.push(v);
        self
    }

    pub fn client(mut self, c: Value) -> Self {
        self.clients.push(c);
        self
    }

    pub fn template(mut self, t: Value) -> Self {
        self.templates.push(t);
        self
    }

    pub fn json(&self) -> String {
        json!({
            "exportFormatVersion": 2,
            "containerVersion": {
                "containerId": "1",
                "container": {"containerId": "1", "publicId": "GTM-TEST", "name": "Test server", "usageContext": ["SERVER"]},
                "tag": self.tags, "trigger": self.triggers, "variable": self.variables, "client": self.clients,
                "customTemplate": self.templates,
                "builtInVariable": [{"type": "EVENT_NAME", "name": "Event Name"}, {"type": "CLIENT_NAME", "name": "Client Name"}, {"type": "DEBUG_MODE", "name": "Debug Mode"}],
            }
        })
        .to_string()
    }

    pub fn analyse(&self) -> Analysis {
        gtm::analyse(
            gtm::parse(self.json().as_bytes(), "test.json").unwrap_or_else(|e| panic!("{e}")),
        )
    }

    /// The import into an empty project, and the container's findings about it.
    pub fn import(&self) -> (Project, Vec<Finding>) {
        let a = self.analyse();
        let catalog = builtin();
        let plan = gtm::plan(&a, &Project::empty("test"), &catalog);
        let findings = gtm::findings(&a, &plan.result, &catalog);
        (plan.result, findings)
    }

    /// The container's findings, drift included, about a record.
    pub fn check(&self, record: &Project) -> Vec<Finding> {
        gtm::container_findings(&self.analyse(), record, &builtin())
    }
}

pub fn builtin() -> Catalog {
    Catalog::builtin().unwrap_or_else(|e| panic!("{e}"))
}

/// The ids of the rules that found something.
pub fn rules(findings: &[Finding]) -> Vec<&'static str> {
    let mut r: Vec<&str> = findings.iter().map(|f| f.rule.id).collect();
    r.sort_unstable();
    r.dedup();
    r
}
