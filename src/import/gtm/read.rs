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
    // A table row that names a secret (`{name: "access_token", value: …}`, or `key`).
    let row_secret = ["name", "key"]
        .iter()
        .find_map(|k| params.text(k).filter(|n| is_secret_key(n)))
        .map(str::to_owned);
    for (key, v) in &mut params.0 {
        // A template's secret key holds a secret however it is shaped; a key that only
        // sounds like one ("pixelIdAndAccessTokenTable") is secret where it holds text.
        let named = super::secret::SECRET_KEYS.contains(&key.as_str());
        let secret_here = named
            || (matches!(v, Value::Text(_))
                && (is_secret_key(key) || (key == "value" && row_secret.is_some())));
        let at = match &row_secret {
            Some(name) if key == "value" => format!("{prefix}{name}"),
            _ => format!("{prefix}{key}"),
        };
        if secret_here {
            secret_tree(v, &at, uses, vars);
            continue;
        }
        nested(v, &format!("{prefix}{key}"), uses, vars);
    }
}

/// The maps anywhere under a value that is not secret itself (lists of lists included).
fn nested(v: &mut Value, at: &str, uses: &mut Vec<SecretUse>, vars: &mut BTreeSet<String>) {
    match v {
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                nested(item, &format!("{at} row {}", i + 1), uses, vars);
            }
        }
        Value::Map(m) => redact(m, &format!("{at}: "), uses, vars),
        _ => {}
    }
}

/// Everything under a secret key is secret: each text becomes its length (a text that also
/// names variables keeps only their names), in lists and maps too.
fn secret_tree(v: &mut Value, at: &str, uses: &mut Vec<SecretUse>, vars: &mut BTreeSet<String>) {
    match v {
        Value::Text(t) => {
            let refs: Vec<String> = references(t).into_iter().map(str::to_owned).collect();
            for r in &refs {
                vars.insert(r.clone());
                uses.push(SecretUse {
                    at: at.to_owned(),
                    how: SecretHow::Variable(r.clone()),
                });
            }
            let literal = without_references(t);
            if !literal.trim().is_empty() {
                let s = Secret::of(&literal);
                uses.push(SecretUse {
                    at: at.to_owned(),
                    how: SecretHow::Literal(s),
                });
                *v = Value::Secret(s);
            } else if !refs.is_empty() {
                // Only the variables' names are kept.
                *v = Value::Text(refs.iter().map(|r| format!("{{{{{r}}}}}")).collect());
            }
        }
        Value::List(items) => items
            .iter_mut()
            .for_each(|i| secret_tree(i, at, uses, vars)),
        Value::Map(m) => {
            m.0.iter_mut()
                .for_each(|(_, i)| secret_tree(i, at, uses, vars))
        }
        Value::Secret(_) => {}
    }
}

/// The text with its `{{Variable}}` references taken out.
fn without_references(t: &str) -> String {
    let mut out = String::new();
    let mut rest = t;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("}}") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => {
                rest = &rest[start..];
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Redacts a variable that holds a secret: a constant's value, every value of a lookup table.
fn redact_variable(v: &mut Variable, vars: &mut BTreeSet<String>) {
    let mut shape = None;
    let mut take = |t: &mut Value, vars: &mut BTreeSet<String>| {
        if let Value::Text(s) = t {
            let refs: Vec<String> = references(s).into_iter().map(str::to_owned).collect();
            let literal = without_references(s);
            if !literal.trim().is_empty() {
                let secret = Secret::of(&literal);
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
    let mut unmodelled = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut seen_triggers: std::collections::HashMap<String, usize> =
        std::collections::HashMap::new();
    let tags = version
        .tag
        .into_iter()
        .map(|t| {
            // A repeated tag id (an edited export) must not make two tags one.
            let mut id = Scalar::text(&t.tag_id);
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                unmodelled.push(format!(
                    "tag id {id} appears more than once: the repeat is taken as tag {id} ({n})"
                ));
                id = format!("{id} ({n})");
            }
            let mut params = params(&t.parameter);
            let mut secrets = Vec::new();
            redact(&mut params, "", &mut secrets, &mut secret_vars);
            Tag {
                id,
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
                id: {
                    // A repeated trigger id: the repeat is renamed, and a tag that names the
                    // id gets the first, as Tag Manager's own lookup would.
                    let id = Scalar::text(&t.trigger_id);
                    let n = seen_triggers.entry(id.clone()).or_insert(0);
                    *n += 1;
                    if *n > 1 {
                        unmodelled.push(format!("trigger id {id} appears more than once: the repeat is taken as trigger {id} ({n})"));
                        format!("{id} ({n})")
                    } else {
                        id
                    }
                },
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
    let arg0 = p.text("arg0").unwrap_or_default().to_owned();
    // `{{API key header}} equals <the key>`: the value is a secret, and capimap needs it not.
    let secret = references(&arg0).iter().any(|r| is_secret_key(r));
    Condition {
        op: canon(&Scalar::text(&c.r#type)),
        arg0,
        arg1: if secret {
            String::new()
        } else {
            p.text("arg1").unwrap_or_default().to_owned()
        },
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
