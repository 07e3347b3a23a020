//! A custom template of the export: where it comes from (the Community Template Gallery's
//! repository and version), its parameters' defaults, and the cookies and hosts its
//! permissions allow. The template's code is read for none of this and kept nowhere.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use super::raw::{self, Scalar};

#[derive(Clone, Debug, PartialEq)]
pub struct Gallery {
    /// `stape-io/facebook-tag`, lower-case.
    pub repository: String,
    pub version: String,
    pub modified: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub gallery: Option<Gallery>,
    /// `___INFO___.displayName`.
    pub display_name: String,
    /// `TAG`, `CLIENT`, `MACRO`.
    pub kind: String,
    /// Parameter name → default value, as text (`true`, `debug`).
    pub defaults: BTreeMap<String, String>,
    /// Every parameter name the template declares.
    pub parameters: BTreeSet<String>,
    /// Cookie names the template may set (`set_cookies`).
    pub cookies: Vec<String>,
    /// URLs it may send to (`send_http`).
    pub urls: Vec<String>,
}

pub(super) fn read(t: raw::Template) -> Template {
    let data = Scalar::text(&t.template_data);
    let info = section(&data, "___INFO___");
    let mut defaults = BTreeMap::new();
    let mut parameters = BTreeSet::new();
    if let Some(Json::Array(items)) = section(&data, "___TEMPLATE_PARAMETERS___") {
        for item in &items {
            walk_parameters(item, &mut defaults, &mut parameters);
        }
    }
    let (mut cookies, mut urls) = (Vec::new(), Vec::new());
    if let Some(perms) = section(&data, "___SERVER_PERMISSIONS___") {
        permissions(&perms, &mut cookies, &mut urls);
    }
    let text = |v: Option<&Json>| v.and_then(Json::as_str).unwrap_or_default().to_owned();
    Template {
        id: Scalar::text(&t.template_id),
        name: Scalar::text(&t.name),
        gallery: t.gallery_reference.map(|g| Gallery {
            repository: format!("{}/{}", Scalar::text(&g.owner), Scalar::text(&g.repository))
                .to_ascii_lowercase(),
            version: Scalar::text(&g.version),
            modified: Scalar::text(&g.is_modified).eq_ignore_ascii_case("true"),
        }),
        display_name: text(info.as_ref().and_then(|i| i.get("displayName"))),
        kind: text(info.as_ref().and_then(|i| i.get("type"))),
        defaults,
        parameters,
        cookies,
        urls,
    }
}

/// The JSON of one `___SECTION___` of a template's text.
fn section(data: &str, name: &str) -> Option<Json> {
    let start = data.find(name)? + name.len();
    let rest = &data[start..];
    let end = rest.find("\n___").unwrap_or(rest.len());
    serde_json::from_str(rest[..end].trim()).ok()
}

fn walk_parameters(
    p: &Json,
    defaults: &mut BTreeMap<String, String>,
    names: &mut BTreeSet<String>,
) {
    if let Some(name) = p.get("name").and_then(Json::as_str) {
        names.insert(name.to_owned());
        // A template's default for a secret parameter is a secret too: not kept.
        if let Some(d) = p
            .get("defaultValue")
            .filter(|_| !super::secret::is_secret_key(name))
        {
            let d = match d {
                Json::String(s) => s.clone(),
                Json::Bool(b) => b.to_string(),
                Json::Number(n) => n.to_string(),
                _ => String::new(),
            };
            defaults.insert(name.to_owned(), d);
        }
    }
    for key in [
        "subParams",
        "selectItems",
        "radioItems",
        "simpleTableColumns",
    ] {
        if let Some(Json::Array(items)) = p.get(key) {
            for item in items {
                walk_parameters(item, defaults, names);
            }
        }
    }
}

/// The cookie names of `set_cookies` and the URLs of `send_http`.
fn permissions(p: &Json, cookies: &mut Vec<String>, urls: &mut Vec<String>) {
    let Json::Array(items) = p else { return };
    for item in items {
        let instance = item.get("instance");
        let id = instance
            .and_then(|i| i.pointer("/key/publicId"))
            .and_then(Json::as_str)
            .unwrap_or_default();
        let Some(Json::Array(params)) = instance.and_then(|i| i.get("param")) else {
            continue;
        };
        for param in params {
            let key = param.get("key").and_then(Json::as_str).unwrap_or_default();
            let value = param.get("value");
            match (id, key) {
                ("set_cookies", "allowedCookies") => {
                    for entry in list_items(value) {
                        if let Some(name) = map_value(entry, "name") {
                            cookies.push(name);
                        }
                    }
                }
                ("send_http", "urls") => {
                    urls.extend(
                        list_items(value)
                            .filter_map(|u| u.get("string")?.as_str().map(str::to_owned)),
                    );
                }
                _ => {}
            }
        }
    }
}

fn list_items(v: Option<&Json>) -> impl Iterator<Item = &Json> {
    v.and_then(|v| v.get("listItem"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
}

/// The value under `key` of a permission's map (`mapKey` and `mapValue` side by side).
fn map_value(entry: &Json, key: &str) -> Option<String> {
    let keys = entry.get("mapKey")?.as_array()?;
    let at = keys
        .iter()
        .position(|k| k.get("string").and_then(Json::as_str) == Some(key))?;
    entry
        .get("mapValue")?
        .as_array()?
        .get(at)?
        .get("string")?
        .as_str()
        .map(str::to_owned)
}
