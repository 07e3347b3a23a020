//! The container as the rest of the importer reads it: ids and names as text, enums in one
//! spelling, parameters as a tree, and every secret already replaced by its length.

use std::collections::BTreeSet;

use super::raw::{self, Scalar};
use super::secret::{Secret, is_secret_key};
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

fn value(p: &raw::Parameter) -> Value {
    let kind = canon(&Scalar::text(&p.r#type));
    if kind == "list" || (!p.list.is_empty() && kind != "map") {
        Value::List(p.list.iter().map(value).collect())
    } else if kind == "map" || !p.map.is_empty() {
        Value::Map(params(&p.map))
    } else {
        Value::Text(Scalar::text(&p.value))
    }
}

pub(super) fn params(raw: &[raw::Parameter]) -> Params {
    Params(
        raw.iter()
            .map(|p| (Scalar::text(&p.key), value(p)))
            .collect(),
    )
}

/// Replaces every secret under `params` by its length, records where each was, and collects
/// the variables that secret parameters take their value from.
fn redact(
    params: &mut Params,
    prefix: &str,
    uses: &mut Vec<SecretUse>,
    vars: &mut BTreeSet<String>,
) {
    // A table row that names a secret (`{name: "access_token", value: …}`).
    let row_secret = params
        .text("name")
        .is_some_and(is_secret_key)
        .then(|| params.text("name").unwrap_or_default().to_owned());
    for (key, v) in &mut params.0 {
        let secret_here = is_secret_key(key) || (key == "value" && row_secret.is_some());
        let at = match &row_secret {
            Some(name) if key == "value" => format!("{prefix}{name}"),
            _ => format!("{prefix}{key}"),
        };
        match v {
            Value::Text(t) if secret_here => {
                let refs = references(t);
                if refs.is_empty() {
                    if !t.trim().is_empty() {
                        let s = Secret::of(t);
                        uses.push(SecretUse {
                            at,
                            how: SecretHow::Literal(s),
                        });
                        *v = Value::Secret(s);
                    }
                } else {
                    for r in refs {
                        vars.insert(r.to_owned());
                        uses.push(SecretUse {
                            at: at.clone(),
                            how: SecretHow::Variable(r.to_owned()),
                        });
                    }
                    // The text between the references could itself be a token.
                    *v = Value::Text(t.clone());
                }
            }
            Value::List(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    if let Value::Map(m) = item {
                        redact(m, &format!("{prefix}{key} row {}: ", i + 1), uses, vars);
                    }
                }
            }
            Value::Map(m) => redact(m, &format!("{prefix}{key}: "), uses, vars),
            _ => {}
        }
    }
}

/// Redacts a variable that holds a secret: a constant's value, every value of a lookup table.
fn redact_variable(v: &mut Variable, vars: &mut BTreeSet<String>) {
    let mut shape = None;
    let mut take = |t: &mut Value, vars: &mut BTreeSet<String>| {
        if let Value::Text(s) = t {
            let refs: Vec<String> = references(s).into_iter().map(str::to_owned).collect();
            if refs.is_empty() && !s.trim().is_empty() {
                let secret = Secret::of(s);
                shape.get_or_insert(secret);
                *t = Value::Secret(secret);
            }
            vars.extend(refs);
        }
    };
    for (key, val) in &mut v.params.0 {
        match (key.as_str(), val) {
            ("value" | "defaultValue", t) => take(t, vars),
            ("map", Value::List(rows)) => {
                for row in rows {
                    if let Value::Map(m) = row {
                        for (k, cell) in &mut m.0 {
                            if k == "value" {
                                take(cell, vars);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    v.secret = v.secret.or(shape);
}

pub(super) fn build(export: raw::Export, version: raw::Version, format_version: u32) -> Container {
    let meta = version.container.unwrap_or_default();
    let container_id =
        Scalar::text(&meta.container_id).or_else_empty(|| Scalar::text(&version.container_id));
    let public_id = Scalar::text(&meta.public_id).or_else_empty(|| container_id.clone());
    let name = Scalar::text(&meta.name)
        .or_else_empty(|| Scalar::text(&version.name))
        .or_else_empty(|| public_id.clone());
    let mut secret_vars = BTreeSet::new();
    let tags = version
        .tag
        .into_iter()
        .map(|t| {
            let mut params = params(&t.parameter);
            let mut secrets = Vec::new();
            redact(&mut params, "", &mut secrets, &mut secret_vars);
            Tag {
                id: Scalar::text(&t.tag_id),
                name: Scalar::text(&t.name),
                kind: Scalar::text(&t.r#type),
                params,
                firing: t.firing_trigger_id.into_iter().map(|s| s.0).collect(),
                blocking: t.blocking_trigger_id.into_iter().map(|s| s.0).collect(),
                paused: canon(&Scalar::text(&t.paused)) == "true",
                setup: t
                    .setup_tag
                    .iter()
                    .map(|s| Scalar::text(&s.tag_name))
                    .collect(),
                teardown: t
                    .teardown_tag
                    .iter()
                    .map(|s| Scalar::text(&s.tag_name))
                    .collect(),
                consent: t.consent_settings.map(|c| ConsentSetting {
                    status: canon(&Scalar::text(&c.consent_status)),
                    types: c
                        .consent_type
                        .map(|p| p.list.iter().map(|i| Scalar::text(&i.value)).collect())
                        .unwrap_or_default(),
                }),
                secrets,
            }
        })
        .collect();
    let clients = version
        .client
        .into_iter()
        .map(|c| {
            let mut params = params(&c.parameter);
            let mut secrets = Vec::new();
            redact(&mut params, "", &mut secrets, &mut secret_vars);
            Client {
                id: Scalar::text(&c.client_id),
                name: Scalar::text(&c.name),
                kind: Scalar::text(&c.r#type),
                params,
                secrets,
            }
        })
        .collect();
    let mut variables: Vec<Variable> = version
        .variable
        .into_iter()
        .map(|v| {
            let mut params = params(&v.parameter);
            let mut ignored = Vec::new();
            redact(&mut params, "", &mut ignored, &mut secret_vars);
            Variable {
                id: Scalar::text(&v.variable_id),
                name: Scalar::text(&v.name),
                kind: Scalar::text(&v.r#type),
                params,
                secret: None,
            }
        })
        .collect();
    // A secret variable may take its value from another: until nothing new is found.
    loop {
        let before = secret_vars.len();
        for v in &mut variables {
            let named = v.kind == "c" && is_secret_key(&v.name);
            if secret_vars.contains(&v.name) || named {
                redact_variable(v, &mut secret_vars);
            }
        }
        if secret_vars.len() == before {
            break;
        }
    }
    let mut unmodelled = Vec::new();
    for (what, n) in [
        ("transformation", version.transformation.len()),
        ("zone", version.zone.len()),
        ("gtagConfig", version.gtag_config.len()),
    ] {
        if n > 0 {
            unmodelled.push(format!(
                "{what}: {n} entr{} not modelled",
                if n == 1 { "y" } else { "ies" }
            ));
        }
    }
    Container {
        format_version,
        export_time: export.export_time.map(|s| s.0),
        public_id,
        container_id,
        name,
        version_id: Scalar::text(&version.container_version_id),
        tagging_server_urls: meta.tagging_server_urls.into_iter().map(|s| s.0).collect(),
        tags,
        triggers: version
            .trigger
            .into_iter()
            .map(|t| Trigger {
                id: Scalar::text(&t.trigger_id),
                name: Scalar::text(&t.name),
                kind: canon(&Scalar::text(&t.r#type)),
                conditions: t
                    .filter
                    .iter()
                    .chain(&t.custom_event_filter)
                    .chain(&t.auto_event_filter)
                    .map(condition)
                    .collect(),
            })
            .collect(),
        variables,
        built_ins: version
            .built_in_variable
            .into_iter()
            .map(|b| BuiltIn {
                kind: canon(&Scalar::text(&b.r#type)),
                name: Scalar::text(&b.name),
            })
            .collect(),
        clients,
        templates: version
            .custom_template
            .into_iter()
            .map(super::template::read)
            .collect(),
        unmodelled,
    }
}

fn condition(c: &raw::Condition) -> Condition {
    let p = params(&c.parameter);
    Condition {
        op: canon(&Scalar::text(&c.r#type)),
        arg0: p.text("arg0").unwrap_or_default().to_owned(),
        arg1: p.text("arg1").unwrap_or_default().to_owned(),
        negate: p.flag("negate").unwrap_or(false),
        ignore_case: p.flag("ignore_case").unwrap_or(false),
    }
}

trait OrElseEmpty {
    fn or_else_empty(self, f: impl FnOnce() -> String) -> String;
}

impl OrElseEmpty for String {
    fn or_else_empty(self, f: impl FnOnce() -> String) -> String {
        if self.trim().is_empty() { f() } else { self }
    }
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
