//! The container as the rest of the importer reads it: ids and names as text, enums in one
//! spelling, parameters as a tree, and every secret already replaced by its length.

use super::secret::Secret;
use super::template::Template;

/// `ONCE_PER_EVENT`, `oncePerEvent` and `once-per-event` all read `onceperevent` (ref. §1.1:
/// the export and the API spell enums differently).
pub fn canon(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A parameter's value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    List(Vec<Value>),
    Map(Params),
    /// What a secret was: its length only.
    Secret(Secret),
}

/// Parameters by key, in the export's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(pub Vec<(String, Value)>);

/// One row of a table parameter (a LIST of MAPs with a `name` and a `value`).
pub struct Row<'a> {
    pub name: &'a str,
    pub value: &'a Value,
}

impl Params {
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn text(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Value::Text(t)) => Some(t.as_str()),
            _ => None,
        }
    }

    /// A boolean parameter: `true`/`false` in any case; `None` when absent or not a boolean.
    pub fn flag(&self, key: &str) -> Option<bool> {
        match self.text(key)?.trim().to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The rows of a table parameter that have a name.
    pub fn rows(&self, key: &str) -> Vec<Row<'_>> {
        let Some(Value::List(items)) = self.get(key) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item {
                Value::Map(m) => {
                    let name = m.text("name").or_else(|| m.text("key"))?;
                    let value = m.get("value")?;
                    Some(Row { name, value })
                }
                _ => None,
            })
            .collect()
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }
}

/// How a secret parameter gets its value.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub enum SecretHow {
    /// Written in the container.
    Literal(Secret),
    /// Through a variable, by its name.
    Variable(String),
}

/// A secret parameter of a tag or client: where it is and how it is set.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SecretUse {
    /// The parameter's key, with the table row where it is in one ("pixelIdAndAccessTokenTable
    /// row 2: accessToken").
    pub at: String,
    pub how: SecretHow,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsentSetting {
    /// `notset`, `notneeded`, `needed` (canonical spelling).
    pub status: String,
    pub types: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub id: String,
    pub name: String,
    /// The tag type: `sgtmgaaw`, `cvt_100000101_11`, …
    pub kind: String,
    pub params: Params,
    pub firing: Vec<String>,
    pub blocking: Vec<String>,
    pub paused: bool,
    pub setup: Vec<String>,
    pub teardown: Vec<String>,
    pub consent: Option<ConsentSetting>,
    pub secrets: Vec<SecretUse>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// `equals`, `startswith`, `matchregex`, … (canonical spelling).
    pub op: String,
    pub arg0: String,
    pub arg1: String,
    pub negate: bool,
    pub ignore_case: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub conditions: Vec<Condition>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Variable {
    pub id: String,
    pub name: String,
    /// `ed`, `c`, `smm`, `qp`, `rh`, `cvt_…`
    pub kind: String,
    pub params: Params,
    /// Set when the variable holds a secret written in the container.
    pub secret: Option<Secret>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BuiltIn {
    /// `eventname`, `clientname`, `debugmode`, … (canonical spelling).
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Client {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub params: Params,
    pub secrets: Vec<SecretUse>,
}

/// A server container's version, as exported.
#[derive(Clone, Debug, PartialEq)]
pub struct Container {
    pub format_version: u32,
    pub export_time: Option<String>,
    /// `GTM-…`, else the numeric container id.
    pub public_id: String,
    pub container_id: String,
    pub name: String,
    pub version_id: String,
    pub tagging_server_urls: Vec<String>,
    pub tags: Vec<Tag>,
    pub triggers: Vec<Trigger>,
    pub variables: Vec<Variable>,
    pub built_ins: Vec<BuiltIn>,
    pub clients: Vec<Client>,
    pub templates: Vec<Template>,
    /// What the export holds that capimap does not model ("transformation: 1 entry").
    pub unmodelled: Vec<String>,
}

/// The variable names a text refers to: `{{Const - Meta pixel ID}}` → "Const - Meta pixel ID".
pub fn references(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        out.push(after[..end].trim());
        rest = &after[end + 2..];
    }
    out
}

impl Container {
    pub fn variable(&self, name: &str) -> Option<&Variable> {
        self.variables.iter().find(|v| v.name == name)
    }

    pub fn built_in(&self, name: &str) -> Option<&BuiltIn> {
        self.built_ins.iter().find(|b| b.name == name)
    }

    pub fn trigger(&self, id: &str) -> Option<&Trigger> {
        self.triggers.iter().find(|t| t.id == id)
    }

    /// The template of a `cvt_<container>_<template>` type.
    pub fn template_of(&self, kind: &str) -> Option<&Template> {
        let id = template_id(kind)?;
        self.templates.iter().find(|t| t.id == id)
    }
}

/// `cvt_100000101_11` → "11".
pub fn template_id(kind: &str) -> Option<&str> {
    let rest = kind.strip_prefix("cvt_")?;
    rest.rsplit('_').next().filter(|s| !s.is_empty())
}
