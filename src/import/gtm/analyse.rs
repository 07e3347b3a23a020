//! Each tag and client of the container, as capimap reads it: whether it fires, for which
//! clients, what it sends with which transform, the cookies it writes, its consent gates, its
//! secrets, test codes and logs. The one place where profile, parameters and template
//! defaults meet; building the project and the findings read only this.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::container::{
    Client, Container, Params, SecretHow, SecretUse, Tag, Value, references, template_id,
};
use super::fields;
use super::profile::{self, Profile, Switch};
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
        .map(|cl| client(&c, cl, &mut notes))
        .collect();
    let mut tags: Vec<TagAnalysis> = c.tags.iter().map(|t| tag(&c, t, &readings)).collect();
    // Setup and teardown tags fire with their main tag, for its clients.
    let inherited: Vec<(usize, Vec<String>)> = c
        .tags
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.setup.iter().chain(&t.teardown).map(move |n| (i, n)))
        .filter(|(i, _)| tags[*i].status == Status::Fires)
        .filter_map(|(i, name)| {
            let j = c.tags.iter().position(|t| &t.name == name)?;
            Some((j, tags[i].clients.clone()))
        })
        .collect();
    for (j, from) in inherited {
        let t = &mut tags[j];
        if t.status == Status::NoTrigger {
            t.status = Status::Fires;
        }
        for cl in from {
            if !t.clients.contains(&cl) {
                t.clients.push(cl);
            }
        }
    }
    for t in &c.tags {
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

fn client(c: &Container, cl: &Client, notes: &mut Vec<String>) -> ClientAnalysis {
    use crate::model::SourceKind::{Backend, Website};
    let template = c.template_of(&cl.kind);
    let repository = template
        .and_then(|t| t.gallery.as_ref())
        .map(|g| g.repository.as_str());
    let (source, what, cookie) = match (cl.kind.as_str(), repository) {
        ("gaaw_client", _) => {
            let server = cl
                .params
                .text("cookieManagement")
                .is_some_and(|m| m.eq_ignore_ascii_case("server"));
            let cookie = server.then(|| CookieWrite {
                cookie: cl
                    .params
                    .text("cookieName")
                    .filter(|n| !n.trim().is_empty())
                    .unwrap_or("FPID")
                    .to_owned(),
                field: "fpid",
                days: cl
                    .params
                    .text("cookieMaxAgeInSec")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .map(|s| s.div_ceil(86_400) as u32),
                generated: true,
                how: "cookie management: server".to_owned(),
                key: Some("cookieManagement"),
            });
            (
                Some(Website),
                "the website's GA4 stream (Google Analytics client)",
                cookie,
            )
        }
        ("ua_client", _) => (
            Some(Website),
            "the website's Universal Analytics stream",
            None,
        ),
        ("gtm_client", _) => {
            notes.push(format!("client {} '{}' serves the web container's gtm.js and carries no event data: no entry point for it", cl.id, cl.name));
            (None, "the web container loader", None)
        }
        (_, Some("stape-io/data-client")) => {
            let setting = setting(
                &cl.params,
                "generateClientId",
                template.map(|t| &t.defaults),
                true,
            );
            let cookie = setting.0.then(|| CookieWrite {
                cookie: "_dcid".to_owned(),
                field: "dcid",
                days: Some(730),
                generated: true,
                how: setting.1.clone(),
                key: Some("generateClientId"),
            });
            (
                Some(Website),
                "Stape's Data Client: the Data Tag on the website, or a backend or webhook",
                cookie,
            )
        }
        _ => {
            notes.push(format!(
                "client {} '{}' (type {}) is not one capimap knows: taken as a backend entry point",
                cl.id, cl.name, cl.kind
            ));
            (Some(Backend), "a client capimap does not know", None)
        }
    };
    let data_client = repository == Some("stape-io/data-client");
    ClientAnalysis {
        id: cl.id.clone(),
        name: cl.name.clone(),
        kind: cl.kind.clone(),
        source,
        cookie,
        what,
        data_client,
    }
}

/// Whether a boolean setting is on, and how it is set: the tag's value, else the exported
/// template's default, else the reference's.
fn setting(
    params: &Params,
    key: &str,
    defaults: Option<&std::collections::BTreeMap<String, String>>,
    default: bool,
) -> (bool, String) {
    if let Some(b) = params.flag(key) {
        return (b, format!("{key} set to {b}"));
    }
    let d = defaults
        .and_then(|d| d.get(key))
        .and_then(|v| v.trim().parse::<bool>().ok())
        .unwrap_or(default);
    (d, format!("{key} not set (template default: {d})"))
}

/// What a parameter's text stands for.
pub(super) enum Resolved<'a> {
    Literal(&'a str),
    Constant(&'a str),
    Secret,
    EventData(&'a str),
    /// A lookup table keyed on `{{Debug Mode}}`: set only in preview.
    DebugLookup,
    Other,
    Empty,
}

pub(super) fn resolve<'a>(c: &'a Container, text: &'a str) -> Resolved<'a> {
    let refs = references(text);
    if text.trim().is_empty() {
        return Resolved::Empty;
    }
    let [name] = refs.as_slice() else {
        return if refs.is_empty() {
            Resolved::Literal(text.trim())
        } else {
            Resolved::Other
        };
    };
    let Some(v) = c.variable(name) else {
        return Resolved::Other;
    };
    match v.kind.as_str() {
        "c" => match v.params.get("value") {
            Some(Value::Text(t)) => Resolved::Constant(t),
            Some(Value::Secret(_)) => Resolved::Secret,
            _ => Resolved::Other,
        },
        "ed" => Resolved::EventData(v.params.text("keyPath").unwrap_or_default()),
        "smm" => {
            let input = v.params.text("input").unwrap_or_default();
            let on_debug = references(input).first().is_some_and(|n| {
                *n == "Debug Mode" || c.built_in(n).is_some_and(|b| b.kind == "debugmode")
            });
            if on_debug {
                Resolved::DebugLookup
            } else {
                Resolved::Other
            }
        }
        _ => Resolved::Other,
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
        (None, Some(p)) => known(c, t, p, template.map(|tp| &tp.defaults), &mut a),
        (None, None) => super::google::unknown(c, t, template, &mut a),
    }
    if let Recognised::Modified { .. } = a.recognised {
        for f in &mut a.fields {
            f.transform = Transform::Unknown;
        }
    }
    gates(c, t, profile, readings, &mut a);
    a
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
            && let Some(blocked) = &r.clients
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

/// The value of an account parameter: literal or through a constant.
pub(super) fn account(c: &Container, params: &Params, keys: &[&str], a: &mut TagAnalysis) {
    for key in keys {
        let Some(text) = params.text(key) else {
            continue;
        };
        match resolve(c, text) {
            Resolved::Literal(v) | Resolved::Constant(v) => {
                a.accounts.push(v.trim().to_owned());
                return;
            }
            Resolved::Empty => {}
            _ => {
                a.notes.push(format!(
                    "the account ({key}) is set at run time, not in the container"
                ));
                return;
            }
        }
    }
}

fn known(
    c: &Container,
    t: &Tag,
    p: &'static Profile,
    defaults: Option<&std::collections::BTreeMap<String, String>>,
    a: &mut TagAnalysis,
) {
    a.platform = Some(p.platform.to_owned());
    account(c, &t.params, p.account_keys, a);
    // Meta's table of several pixels, each with its own token.
    for row in match t.params.get("pixelIdAndAccessTokenTable") {
        Some(Value::List(rows)) => rows.as_slice(),
        _ => &[],
    } {
        if let Value::Map(m) = row
            && let Some(Resolved::Literal(v) | Resolved::Constant(v)) =
                m.text("pixelId").map(|x| resolve(c, x))
            && !a.accounts.iter().any(|x| x == v)
        {
            a.accounts.push(v.to_owned());
        }
    }
    if p.id == "meta-stape" {
        a.request_type = Some(match t.params.text("actionSource").unwrap_or("website") {
            "system_generated" => "system-generated".to_owned(),
            "physical_store" => "physical-store".to_owned(),
            other => other.replace('_', "-"),
        });
    }
    for auto in p.automatic {
        let off = p
            .table(auto.group)
            .and_then(|tb| tb.automap)
            .and_then(|k| t.params.flag(k))
            == Some(false);
        if !off {
            a.fields.push(SentField {
                wire: auto.wire.to_owned(),
                field: auto.field,
                event_key: None,
                transform: Transform::Raw,
                row: false,
            });
        }
    }
    if p.id == "tiktok"
        && t.params
            .text("eventId")
            .is_some_and(|v| !v.trim().is_empty())
    {
        a.fields.push(SentField {
            wire: "event_id".to_owned(),
            field: "event_id",
            event_key: None,
            transform: Transform::Raw,
            row: true,
        });
    }
    for table in p.tables {
        for row in t.params.rows(table.key) {
            let wire = format!("{}{}{}", table.prefix, row.name.trim(), table.suffix);
            let leaf = row.name.trim();
            let text = match row.value {
                Value::Text(x) => x.as_str(),
                _ => "",
            };
            if leaf == "test_event_code" || leaf == "test_id" {
                test_code(c, leaf, text, a);
                continue;
            }
            if p.signals
                .iter()
                .any(|s| matches!(s, profile::Signal::IfRow(n) if *n == leaf))
                || leaf.starts_with("data_processing_options")
            {
                if !a.signals.contains(&wire) {
                    a.signals.push(wire);
                }
                continue;
            }
            let event_key = match resolve(c, text) {
                Resolved::EventData(k) => Some(k.to_owned()),
                _ => None,
            };
            let field = fields::for_leaf(leaf).unwrap_or("event_data");
            let sent = SentField {
                wire: wire.clone(),
                field,
                event_key,
                transform: p.hash_of(&wire).transform(),
                row: true,
            };
            match a.fields.iter_mut().find(|f| f.wire == wire) {
                Some(f) => *f = sent,
                None => a.fields.push(sent),
            }
        }
    }
    a.may_send = p
        .may_send
        .iter()
        .filter(|w| !a.fields.iter().any(|f| f.wire == **w))
        .map(|w| (*w).to_owned())
        .collect();
    for s in p.signals {
        if let profile::Signal::Always(w) = s
            && (p.id != "microsoft" || t.params.has("consent"))
            && !a.signals.iter().any(|x| x == w)
        {
            a.signals.push((*w).to_owned());
        }
    }
    for ck in p.cookies {
        a.reads_cookies.push(ck.name.to_owned());
        let (on, how, key) = match ck.switch {
            Switch::FromUrl => (
                true,
                "when the click id is in the page's address".to_owned(),
                None,
            ),
            Switch::IfTrue(k, d) => {
                let (on, how) = setting(&t.params, k, defaults, d);
                (on, how, Some(k))
            }
            Switch::UnlessTrue(k) => match t.params.flag(k) {
                Some(true) => (false, format!("{k} set to true"), Some(k)),
                Some(false) => (true, format!("{k} set to false"), Some(k)),
                None => (
                    true,
                    format!("{k} not set (template default: false)"),
                    Some(k),
                ),
            },
        };
        a.settings.push((ck.name.to_owned(), how.clone()));
        if on {
            a.cookies.push(CookieWrite {
                cookie: ck.name.to_owned(),
                field: ck.field,
                days: Some(ck.days),
                generated: ck.generated,
                how,
                key,
            });
        }
    }
    for key in p.test_codes {
        if let Some(text) = t.params.text(key) {
            test_code(c, key, text, a);
        }
    }
    for key in p.test_switches {
        if t.params.flag(key) == Some(true) {
            a.test_codes.push(TestCode {
                key: (*key).to_owned(),
                chars: None,
            });
        }
    }
    for key in p.log_keys {
        if t.params
            .text(key)
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("always"))
        {
            a.logs.push((*key).to_owned());
        }
    }
    if p.id == "tiktok" {
        a.settings.push((
            "limitedDataUse".to_owned(),
            match t.params.flag("limitedDataUse") {
                Some(b) => format!("limitedDataUse set to {b}"),
                None => "limitedDataUse not set (template default: false)".to_owned(),
            },
        ));
    }
}

fn test_code(c: &Container, key: &str, text: &str, a: &mut TagAnalysis) {
    let chars = match resolve(c, text) {
        Resolved::Literal(v) | Resolved::Constant(v) => Some(v.chars().count()),
        Resolved::Secret => Some(0),
        _ => return,
    };
    a.test_codes.push(TestCode {
        key: key.to_owned(),
        chars,
    });
}

fn gates(
    c: &Container,
    t: &Tag,
    p: Option<&'static Profile>,
    readings: &HashMap<&str, triggers::Reading>,
    a: &mut TagAnalysis,
) {
    if p.is_some_and(|p| p.consent_option) {
        let v = t
            .params
            .text("adStorageConsent")
            .unwrap_or_default()
            .trim()
            .to_owned();
        a.settings.push((
            "adStorageConsent".to_owned(),
            if v.is_empty() {
                "adStorageConsent not set (send data always)".to_owned()
            } else {
                format!("adStorageConsent set to {v}")
            },
        ));
        if v.eq_ignore_ascii_case("required") {
            a.gates.push(Gate::TemplateOption);
        }
    }
    for id in &t.blocking {
        if let Some(r) = readings.get(id.as_str())
            && !r.consent.is_empty()
        {
            let (reads, credits) = triggers::blocking_credits(r);
            a.gates.push(Gate::Trigger {
                trigger: id.clone(),
                name: c.trigger(id).map(|x| x.name.clone()).unwrap_or_default(),
                blocking: true,
                reads,
                credits,
            });
        }
    }
    let firing: Vec<&triggers::Reading> = t
        .firing
        .iter()
        .filter_map(|id| readings.get(id.as_str()))
        .collect();
    if !firing.is_empty()
        && firing.len() == t.firing.len()
        && firing.iter().all(|r| !r.consent.is_empty())
    {
        let mut common: Option<BTreeSet<ConsentType>> = None;
        for r in &firing {
            let c: BTreeSet<ConsentType> = triggers::firing_credits(r).into_iter().collect();
            common = Some(match common {
                Some(x) => x.intersection(&c).copied().collect(),
                None => c,
            });
        }
        a.gates.push(Gate::Trigger {
            trigger: t.firing.join(", "),
            name: t
                .firing
                .iter()
                .filter_map(|id| c.trigger(id))
                .map(|x| x.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            blocking: false,
            reads: firing[0].consent.first().map(|(s, _)| *s),
            credits: common.unwrap_or_default().into_iter().collect(),
        });
    }
    if let Some(cs) = &t.consent
        && cs.status == "needed"
    {
        a.gates.push(Gate::Declared {
            types: cs.types.clone(),
        });
    }
    if matches!(a.recognised, Recognised::Google(_)) {
        a.gates.push(Gate::Native);
    }
}
