//! The export as Tag Manager writes it, read leniently: every array may be absent or null, ids
//! may be strings or numbers, booleans may be strings, and fields capimap does not read (notes,
//! fingerprints, monitoring metadata) are skipped without being kept.

use serde::{Deserialize, Deserializer};

/// A scalar of the export as text: `"21"`, `21`, `true` all read as what they say.
#[derive(Debug, Default, Clone)]
pub(super) struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// An array that may be absent or `null`.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

fn text(s: &Option<Scalar>) -> String {
    s.as_ref().map(|s| s.0.clone()).unwrap_or_default()
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
pub(super) struct Export {
    pub export_format_version: Option<Scalar>,
    pub export_time: Option<Scalar>,
    pub container_version: Option<Version>,
    /// A bare container version (the API's output) has its fields at the top.
    #[serde(flatten)]
    pub bare: Version,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Version {
    pub container_id: Option<Scalar>,
    pub container_version_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub container: Option<Container>,
    #[serde(default, deserialize_with = "list")]
    pub tag: Vec<Tag>,
    #[serde(default, deserialize_with = "list")]
    pub trigger: Vec<Trigger>,
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
    #[serde(default, deserialize_with = "list")]
    pub built_in_variable: Vec<BuiltIn>,
    #[serde(default, deserialize_with = "list")]
    pub client: Vec<Client>,
    #[serde(default, deserialize_with = "list")]
    pub custom_template: Vec<Template>,
    #[serde(default, deserialize_with = "list")]
    pub zone: Vec<serde::de::IgnoredAny>,
    #[serde(default, deserialize_with = "list")]
    pub transformation: Vec<serde::de::IgnoredAny>,
    #[serde(default, deserialize_with = "list")]
    pub gtag_config: Vec<serde::de::IgnoredAny>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Container {
    pub public_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub container_id: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub usage_context: Vec<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub tagging_server_urls: Vec<Scalar>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Tag {
    pub tag_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub r#type: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub parameter: Vec<Parameter>,
    #[serde(default, deserialize_with = "list")]
    pub firing_trigger_id: Vec<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub blocking_trigger_id: Vec<Scalar>,
    pub paused: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub setup_tag: Vec<Sequenced>,
    #[serde(default, deserialize_with = "list")]
    pub teardown_tag: Vec<Sequenced>,
    pub consent_settings: Option<ConsentSettings>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Sequenced {
    pub tag_name: Option<Scalar>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct ConsentSettings {
    pub consent_status: Option<Scalar>,
    pub consent_type: Option<Parameter>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Parameter {
    pub r#type: Option<Scalar>,
    pub key: Option<Scalar>,
    pub value: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub list: Vec<Parameter>,
    #[serde(default, deserialize_with = "list")]
    pub map: Vec<Parameter>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Trigger {
    pub trigger_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub r#type: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub filter: Vec<Condition>,
    #[serde(default, deserialize_with = "list")]
    pub custom_event_filter: Vec<Condition>,
    #[serde(default, deserialize_with = "list")]
    pub auto_event_filter: Vec<Condition>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Condition {
    pub r#type: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub parameter: Vec<Parameter>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Variable {
    pub variable_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub r#type: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub parameter: Vec<Parameter>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct BuiltIn {
    pub r#type: Option<Scalar>,
    pub name: Option<Scalar>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Client {
    pub client_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub r#type: Option<Scalar>,
    #[serde(default, deserialize_with = "list")]
    pub parameter: Vec<Parameter>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Template {
    pub template_id: Option<Scalar>,
    pub name: Option<Scalar>,
    pub template_data: Option<Scalar>,
    pub gallery_reference: Option<Gallery>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase")]
pub(super) struct Gallery {
    pub owner: Option<Scalar>,
    pub repository: Option<Scalar>,
    pub version: Option<Scalar>,
    pub is_modified: Option<Scalar>,
}

impl Scalar {
    pub fn text(s: &Option<Scalar>) -> String {
        text(s)
    }
}
