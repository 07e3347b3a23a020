//! The export's raw structures turned into the container model: parameters as a tree, enums in
//! one spelling, and every secret replaced by its length before anything else can see it.

use std::collections::BTreeSet;

use super::container::*;
use super::raw::{self, Scalar};
use super::secret::{Secret, is_secret_key};

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
