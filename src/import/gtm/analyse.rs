//! Each tag and client of the container, as capimap reads it: whether it fires, for which
//! clients, what it sends with which transform, the cookies it writes, its consent gates, its
//! secrets, test codes and logs. The one place where profile, parameters and template
//! defaults meet; building the project and the findings read only this.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::container::{Container, SecretHow, SecretUse, Tag, references, template_id};
use super::profile;
use super::secret::Secret;
use super::triggers::{self, ConsentType, Reads};
use crate::model::Transform;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Status {
    Fires,
    Paused,
    /// No firing trigger and nobody's setup or teardown tag.
    NoTrigger,
}

/// Google's own server tags (ref. §1.3, §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Google {
    Analytics,
    AdsConversion,
    AdsRemarketing,
    ConversionLinker,
    Floodlight,
}

impl Google {
    pub fn label(self) -> &'static str {
        match self {
            Google::Analytics => "Google Analytics: GA4 tag",
            Google::AdsConversion => "Google Ads conversion tracking tag",
            Google::AdsRemarketing => "Google Ads remarketing tag",
            Google::ConversionLinker => "Google's conversion linker",
            Google::Floodlight => "Floodlight tag",
        }
    }
}

/// What the importer knows of a tag's behaviour.
#[derive(Clone, Debug, Serialize)]
pub enum Recognised {
    /// A template of capimap's reference, unmodified (with its gallery version when known).
    Template {
        profile: &'static str,
        version: Option<String>,
    },
    /// A reference template that was changed after it was added: the platform is known, the
    /// behaviour is not.
    Modified {
        profile: &'static str,
    },
    Google(Google),
    /// Behaviour not known, and why.
    Unknown(String),
}

#[derive(Clone, Debug, Serialize)]
pub struct SentField {
    pub wire: String,
    pub field: &'static str,
    /// The event-data key the value is read from, when a table row names one.
    pub event_key: Option<String>,
    pub transform: Transform,
    /// Set by an override row (not the template's automatic mapping).
    pub row: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct CookieWrite {
    pub cookie: String,
    pub field: &'static str,
    pub days: Option<u32>,
    /// The server creates the identifier.
    pub generated: bool,
    /// The setting that makes it written, in words: "set to true", "not set (template
    /// default: true)".
    pub how: String,
    /// The switch's key, when there is one.
    pub key: Option<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Gate {
    /// The template's "Send data in case marketing consent given".
    TemplateOption,
    Trigger {
        trigger: String,
        name: String,
        blocking: bool,
        reads: Option<Reads>,
        /// What a blocking trigger blocks when the signal is there (what it is meant to test).
        tests: Vec<ConsentType>,
        /// What it enforces for every event, a missing signal included: the consent types the
        /// tag is credited with.
        credits: Vec<ConsentType>,
    },
    /// `consentSettings` NEEDED: whether a server container enforces it is not known.
    Declared { types: Vec<String> },
    /// Google's consent mode in Google's own tags.
    Native,
}

#[derive(Clone, Debug, Serialize)]
pub struct TestCode {
    pub key: String,
    /// A literal test code (its length) or a constant's; `None` for a switch turned on.
    pub chars: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct VariableSecret {
    pub id: String,
    pub name: String,
    pub secret: Secret,
    /// The parameter that takes it.
    pub at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct TagAnalysis {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub recognised: Recognised,
    pub platform: Option<String>,
    /// Accounts (pixel, dataset): several when a table lists several pixels.
    pub accounts: Vec<String>,
    pub request_type: Option<String>,
    /// Client ids whose events fire the tag.
    pub clients: Vec<String>,
    pub events: Vec<String>,
    pub fields: Vec<SentField>,
    pub may_send: Vec<String>,
    pub signals: Vec<String>,
    pub cookies: Vec<CookieWrite>,
    pub reads_cookies: Vec<String>,
    pub gates: Vec<Gate>,
    pub secrets: Vec<SecretUse>,
    pub variable_secrets: Vec<VariableSecret>,
    pub test_codes: Vec<TestCode>,
    pub logs: Vec<String>,
    /// Hosts the tag sends to (an unknown template's permissions).
    pub hosts: Vec<String>,
    pub notes: Vec<String>,
    /// The template's settings that findings quote: `(key, how it is set)`.
    pub settings: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ClientAnalysis {
    pub id: String,
    pub name: String,
    pub kind: String,
    /// The entry point it stands for; `None` for the web container client (it serves gtm.js).
    pub source: Option<crate::model::SourceKind>,
    pub cookie: Option<CookieWrite>,
    pub what: &'static str,
    /// Stape's Data Client, which passes the Data Tag's consent_state on.
    pub data_client: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Analysis {
    #[serde(skip)]
    pub container: Container,
    pub clients: Vec<ClientAnalysis>,
    pub tags: Vec<TagAnalysis>,
    pub notes: Vec<String>,
}

impl Analysis {
    pub fn tag(&self, id: &str) -> Option<&TagAnalysis> {
        self.tags.iter().find(|t| t.id == id)
    }
}

pub fn analyse(c: Container) -> Analysis {
    let mut notes: Vec<String> = c.unmodelled.clone();
    let readings: HashMap<&str, triggers::Reading> = c
        .triggers
        .iter()
        .map(|t| (t.id.as_str(), triggers::read(&c, t)))
        .collect();
    let clients: Vec<ClientAnalysis> = c
        .clients
        .iter()
        .map(|cl| super::clients::client(&c, cl, &mut notes))
        .collect();
    let mut tags: Vec<TagAnalysis> = c.tags.iter().map(|t| tag(&c, t, &readings)).collect();
    // Setup and teardown tags fire with their main tag, for its clients (a chain of them too).
    let mut sequenced = vec![false; tags.len()];
    loop {
        let mut changed = false;
        for (i, t) in c.tags.iter().enumerate() {
            if tags[i].status != Status::Fires {
                continue;
            }
            for name in t.setup.iter().chain(&t.teardown) {
                let Some(j) = c.tags.iter().position(|x| &x.name == name) else {
                    continue;
                };
                if tags[j].status == Status::Paused {
                    continue;
                }
                let from = tags[i].clients.clone();
                let target = &mut tags[j];
                if target.status == Status::NoTrigger {
                    target.status = Status::Fires;
                    changed = true;
                }
                for cl in from {
                    if !target.clients.contains(&cl) {
                        target.clients.push(cl);
                        changed = true;
                    }
                }
                sequenced[j] = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (t, _) in tags.iter_mut().zip(&sequenced).filter(|(_, s)| **s) {
        // Fired with its main tag, whatever its own triggers say: they check nothing then.
        if t.gates.iter().any(|g| matches!(g, Gate::Trigger { .. })) {
            t.gates.retain(|g| !matches!(g, Gate::Trigger { .. }));
            t.notes.push(format!(
                "tag {} '{}' fires as another tag's setup or cleanup tag: its own triggers are not taken as a consent check",
                t.id, t.name
            ));
        }
    }
    for v in &c.variables {
        match v.kind.as_str() {
            "ed" | "c" | "smm" | "qp" | "rh" => {}
            "sgtmk" => notes.push(format!(
                "variable {} '{}' reads a cookie (sgtmk): the key of its cookie name is not verified, so the cookie is not recorded",
                v.id, v.name
            )),
            k if k.starts_with("cvt_") => {}
            k => notes.push(format!("variable {} '{}' of type {k} is not modelled", v.id, v.name)),
        }
    }
    for t in &c.tags {
        let mut undefined = std::collections::BTreeSet::new();
        texts(&t.params, &mut |text| {
            for r in references(text) {
                if c.variable(r).is_none() && c.built_in(r).is_none() {
                    undefined.insert(r.to_owned());
                }
            }
        });
        for r in undefined {
            notes.push(format!(
                "tag {} '{}' refers to {{{{{r}}}}}, which the export does not define: not resolved",
                t.id, t.name
            ));
        }
        for trig in t.firing.iter().chain(&t.blocking) {
            if c.trigger(trig).is_none() {
                notes.push(format!(
                    "tag {} refers to trigger {trig}, which the export does not hold",
                    t.id
                ));
            }
        }
    }
    Analysis {
        container: c,
        clients,
        tags,
        notes,
    }
}

fn tag(c: &Container, t: &Tag, readings: &HashMap<&str, triggers::Reading>) -> TagAnalysis {
    let template = c.template_of(&t.kind);
    let profile = template.and_then(|tp| {
        profile::recognise(
            tp.gallery.as_ref().map(|g| g.repository.as_str()),
            &tp.display_name,
        )
    });
    let google = match t.kind.as_str() {
        "sgtmgaaw" => Some(Google::Analytics),
        "sgtmadsct" => Some(Google::AdsConversion),
        "sgtmadsremarket" => Some(Google::AdsRemarketing),
        "sgtmadscl" => Some(Google::ConversionLinker),
        "sgtmfls" | "sgtmflc" => Some(Google::Floodlight),
        _ => None,
    };
    let recognised = match (google, template, profile) {
        (Some(g), _, _) => Recognised::Google(g),
        (None, Some(tp), Some(p)) if tp.gallery.as_ref().is_some_and(|g| g.modified) => {
            Recognised::Modified { profile: p.id }
        }
        (None, Some(tp), Some(p)) => Recognised::Template {
            profile: p.id,
            version: tp.gallery.as_ref().map(|g| g.version.clone()),
        },
        (None, Some(tp), None) => Recognised::Unknown(match &tp.gallery {
            Some(g) => format!(
                "template {} '{}' ({}) is not in capimap's reference",
                tp.id, tp.name, g.repository
            ),
            None => format!(
                "template {} '{}' has no gallery reference and is not one capimap recognises",
                tp.id, tp.name
            ),
        }),
        (None, None, _) if template_id(&t.kind).is_some() => {
            Recognised::Unknown(format!("its template ({}) is not in the export", t.kind))
        }
        (None, None, _) => {
            Recognised::Unknown(format!("tag type '{}' is not one capimap knows", t.kind))
        }
    };
    let mut a = TagAnalysis {
        id: t.id.clone(),
        name: t.name.clone(),
        status: if t.paused {
            Status::Paused
        } else if t.firing.is_empty() {
            Status::NoTrigger
        } else {
            Status::Fires
        },
        recognised,
        platform: None,
        accounts: Vec::new(),
        request_type: None,
        clients: Vec::new(),
        events: Vec::new(),
        fields: Vec::new(),
        may_send: Vec::new(),
        signals: Vec::new(),
        cookies: Vec::new(),
        reads_cookies: Vec::new(),
        gates: Vec::new(),
        secrets: t.secrets.clone(),
        variable_secrets: Vec::new(),
        test_codes: Vec::new(),
        logs: Vec::new(),
        hosts: template
            .map(|tp| tp.urls.iter().filter_map(|u| host(u)).collect())
            .unwrap_or_default(),
        notes: Vec::new(),
        settings: Vec::new(),
    };
    scope(c, t, readings, &mut a);
    for s in &t.secrets {
        if let SecretHow::Variable(name) = &s.how
            && let Some(v) = c.variable(name)
            && let Some(secret) = v.secret
        {
            a.variable_secrets.push(VariableSecret {
                id: v.id.clone(),
                name: v.name.clone(),
                secret,
                at: s.at.clone(),
            });
        }
    }
    match (google, profile) {
        (Some(g), _) => super::google::read(c, t, g, &mut a),
        (None, Some(p)) => super::known::known(c, t, p, template.map(|tp| &tp.defaults), &mut a),
        (None, None) => super::google::unknown(c, t, template, &mut a),
    }
    if let Recognised::Modified { .. } = a.recognised {
        for f in &mut a.fields {
            f.transform = Transform::Unknown;
        }
    }
    super::gates::gates(c, t, profile, readings, &mut a);
    a
}

/// Every text of a parameter tree.
fn texts(params: &super::container::Params, f: &mut dyn FnMut(&str)) {
    fn walk(v: &super::container::Value, f: &mut dyn FnMut(&str)) {
        match v {
            super::container::Value::Text(t) => f(t),
            super::container::Value::List(items) => items.iter().for_each(|i| walk(i, f)),
            super::container::Value::Map(m) => texts(m, f),
            super::container::Value::Secret(_) => {}
        }
    }
    for (_, v) in &params.0 {
        walk(v, f);
    }
}

fn host(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let h = rest.split(['/', '?', '#']).next()?.trim();
    (!h.is_empty() && h != "*").then(|| h.to_ascii_lowercase())
}

/// The clients and events a tag fires for.
fn scope(c: &Container, t: &Tag, readings: &HashMap<&str, triggers::Reading>, a: &mut TagAnalysis) {
    let all: BTreeSet<String> = c.clients.iter().map(|cl| cl.name.clone()).collect();
    let mut names = BTreeSet::new();
    for id in &t.firing {
        match readings.get(id.as_str()) {
            Some(r) => {
                names.extend(r.clients.clone().unwrap_or_else(|| all.clone()));
                a.events.extend(r.events.iter().cloned());
            }
            None => names.extend(all.iter().cloned()),
        }
    }
    for id in &t.blocking {
        if let Some(r) = readings.get(id.as_str())
            && r.on_client
            && r.other == 0
            && r.consent.is_empty()
            && let Some(blocked) = &r.surely
        {
            names.retain(|n| !blocked.contains(n));
        }
    }
    a.clients = c
        .clients
        .iter()
        .filter(|cl| names.contains(&cl.name))
        .map(|cl| cl.id.clone())
        .collect();
    a.events.dedup();
}
