//! The project an analysis stands for, on its own: the container as a relay, its clients as
//! entry points, each tag's destination, gate and flows, the user's browser where the server
//! writes cookies, with canonical ids and every element's origin. A merge maps it onto the
//! user's project.

use std::collections::BTreeMap;

use super::analyse::{Analysis, Recognised, Status, TagAnalysis};
use super::fields;
use super::triggers::ConsentType;
use crate::catalog::Catalog;
use crate::model::*;

/// What the base64 cookie of Meta's event enhancement holds.
pub const C_GTMEEC: &str = "base64 JSON of the tag's hashed user data";

pub const BROWSER: &str = "users-browser";
pub const LOGS: &str = "container-logs";

pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

pub fn purpose_id(t: ConsentType) -> String {
    format!("gcm-{}", t.key().replace('_', "-"))
}

pub(super) fn node(id: String, name: &str, origin: Origin, kind: NodeKind) -> Node {
    Node {
        id: NodeId::new(id),
        name: name.to_owned(),
        operator: String::new(),
        country: String::new(),
        description: String::new(),
        transfer: None,
        role: None,
        contract: String::new(),
        disabled: false,
        origins: vec![origin],
        kind,
    }
}

pub(super) fn flow(
    id: String,
    from: &NodeId,
    to: &NodeId,
    origin: Origin,
    fields: Vec<FieldMapping>,
) -> Flow {
    Flow {
        id: FlowId::new(id),
        from: from.clone(),
        to: to.clone(),
        description: String::new(),
        activities: Vec::new(),
        delivery: Delivery::RealTime,
        consent_signals: Vec::new(),
        on_withdrawal: None,
        request_type: None,
        fields,
        origin: Some(origin),
    }
}

/// The platform a tag sends to: the analysis's, else the catalogue's platform whose API host
/// its template may send to, else "unknown".
pub fn platform_of(t: &TagAnalysis, catalog: &Catalog) -> Option<String> {
    if let Some(p) = &t.platform {
        return Some(p.clone());
    }
    if let Recognised::Google(super::analyse::Google::ConversionLinker) = t.recognised {
        return None;
    }
    let by_host = catalog
        .platforms()
        .find(|p| t.hosts.iter().any(|h| p.api.hosts.iter().any(|x| x == h)));
    Some(by_host.map_or_else(|| "unknown".to_owned(), |p| p.id.clone()))
}

/// The wire name under which the client hands a field to the tags.
pub(super) fn event_key(f: &super::analyse::SentField) -> String {
    if let Some(k) = &f.event_key {
        return k.clone();
    }
    match fields::def(f.field) {
        Some(d) if d.cookie.is_some() => d.cookie.unwrap_or_default().to_owned(),
        _ => match f.field {
            "ip_address" => "ip_override".to_owned(),
            other => other.to_owned(),
        },
    }
}

/// The transform a cookie is kept on the device with.
pub(super) fn cookie_transform(field: &str) -> Transform {
    if field == "gtmeec" {
        Transform::Sha256(Some(Normalisation::Custom(C_GTMEEC.to_owned())))
    } else {
        Transform::Raw
    }
}

/// What the fragment is built of, as it is built.
pub(super) struct Builder<'a> {
    pub a: &'a Analysis,
    pub catalog: &'a Catalog,
    pub p: Project,
    pub relay: NodeId,
    pub browser: NodeId,
    /// Fields in the order they are first used.
    pub used: Vec<&'static str>,
    /// Cookie lifetimes by field: (days, why).
    pub retention: BTreeMap<&'static str, (Option<u32>, String)>,
    /// Destinations by (platform, account).
    pub dests: Vec<(String, String, NodeId)>,
    /// The ids given out so far (looked up once each, not by scanning the fragment).
    pub taken: std::collections::HashSet<String>,
}

impl Builder<'_> {
    /// The origin of an element the import makes.
    pub fn origin(&self, e: OriginElement) -> Origin {
        Origin {
            created: true,
            ..Origin::new(self.a.container.public_id.clone(), e)
        }
    }

    /// An id not taken in the fragment yet (two tags "2.3" and "2-3" make the same slug).
    pub fn fresh(&mut self, base: String) -> String {
        let base = crate::edit::ops::id_base(&base);
        let id = if self.taken.contains(&base) {
            (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !self.taken.contains(id))
                .unwrap_or(base)
        } else {
            base
        };
        self.taken.insert(id.clone());
        id
    }

    pub fn use_field(&mut self, f: &'static str) {
        if !self.used.contains(&f) {
            self.used.push(f);
        }
    }

    fn relay(&mut self) {
        let c = &self.a.container;
        let mut relay = node(
            self.relay.to_string(),
            &c.name,
            self.origin(OriginElement::Container),
            NodeKind::Relay(Relay {
                relay: RelayKind::ServerSideTagManager,
            }),
        );
        relay.description = format!(
            "To complete: the operator of the server, the country where it runs and the hosting provider. Server container {} (container {}){}{}.",
            c.public_id,
            c.container_id,
            c.export_time
                .as_deref()
                .map(|t| format!(", exported {t}"))
                .unwrap_or_default(),
            if c.tagging_server_urls.is_empty() {
                String::new()
            } else {
                format!("; tagging server {}", c.tagging_server_urls.join(", "))
            },
        );
        self.p.nodes.push(relay);
    }

    /// An entry point per client, carrying what the tags its events fire read.
    fn clients(&mut self) {
        let a = self.a;
        for cl in &a.clients {
            let Some(kind) = cl.source else { continue };
            let id = self.fresh(format!("client-{}", slug(&cl.name)));
            let mut mappings: Vec<FieldMapping> = Vec::new();
            let firing = a
                .tags
                .iter()
                .filter(|t| t.status == Status::Fires && t.clients.contains(&cl.id));
            for f in firing.flat_map(|t| &t.fields) {
                if !mappings.iter().any(|m| m.field.as_str() == f.field) {
                    self.use_field(f.field);
                    mappings.push(FieldMapping::new(
                        FieldId::new(f.field),
                        event_key(f),
                        Transform::Raw,
                    ));
                }
            }
            let origin = self.origin(OriginElement::Client(cl.id.clone()));
            let mut n = node(
                id.clone(),
                &cl.name,
                origin.clone(),
                NodeKind::Source(Source {
                    source: kind,
                    collects: mappings.iter().map(|m| m.field.clone()).collect(),
                    ..Source::default()
                }),
            );
            n.description = format!(
                "Client {} '{}' of the server container: {}.",
                cl.id, cl.name, cl.what
            );
            let mut fl = flow(
                self.fresh(format!("{id}-to-{}", self.relay)),
                &n.id,
                &self.relay,
                origin,
                mappings,
            );
            fl.description = format!(
                "The events that client '{}' receives and hands to the tags.",
                cl.name
            );
            self.p.nodes.push(n);
            self.p.flows.push(fl);
        }
    }

    /// The user's browser, where the server writes cookies, with the clients' cookies.
    fn browser(&mut self) {
        let a = self.a;
        let writes = a
            .tags
            .iter()
            .any(|t| t.status == Status::Fires && !t.cookies.is_empty())
            || a.clients.iter().any(|c| c.cookie.is_some());
        if !writes {
            return;
        }
        let mut b = node(
            BROWSER.to_owned(),
            "The user's browser (cookies set by the server container)",
            self.origin(OriginElement::Container),
            NodeKind::Store(Store {
                store: StoreKind::Device,
                on_withdrawal: None,
            }),
        );
        b.description =
            "Cookies the server container writes on the user's device (ePrivacy Art. 5(3))."
                .to_owned();
        self.p.nodes.push(b);
        for cl in &a.clients {
            let Some(ck) = &cl.cookie else { continue };
            self.use_field(ck.field);
            let f = flow(
                self.fresh(format!("client-{}-cookies", slug(&cl.name))),
                &self.relay,
                &self.browser,
                self.origin(OriginElement::Client(cl.id.clone())),
                vec![FieldMapping::new(
                    FieldId::new(ck.field),
                    ck.cookie.clone(),
                    Transform::Raw,
                )],
            );
            self.p.flows.push(f);
            self.retention.entry(ck.field).or_insert((
                ck.days,
                format!(
                    "cookie lifetime set by client {} '{}' ({})",
                    cl.id, cl.name, ck.how
                ),
            ));
        }
    }

    /// The retention of the cookies and the fields, at the end.
    fn finish(mut self) -> Project {
        for (field, (days, why)) in std::mem::take(&mut self.retention) {
            let Some(days) = days else { continue };
            let period = if days % 365 == 0 {
                Period::new(days / 365, PeriodUnit::Years)
            } else {
                Period::days(days)
            };
            self.p.retention.push(RetentionRule {
                id: RetentionId::new(format!("ret-{}", slug(field))),
                node: self.browser.clone(),
                applies_to: RetentionScope::Field(FieldId::new(field)),
                limit: RetentionLimit::Period(period),
                justification: why,
            });
        }
        for d in self.used.iter().filter_map(|f| fields::def(f)) {
            self.p.fields.push(Field {
                id: FieldId::new(d.id),
                label: d.label.to_owned(),
                category: d.category.to_owned(),
                special_category: false,
                identifiability: d.identifiability,
                cookie: d.cookie.map(str::to_owned),
                description: d.description.to_owned(),
            });
        }
        self.p
    }
}

/// The imported project on its own, named after the container.
pub fn fragment(a: &Analysis, catalog: &Catalog) -> Project {
    let public = slug(&a.container.public_id);
    let relay = if public.starts_with("gtm-") {
        public
    } else {
        format!("gtm-{public}")
    };
    let mut b = Builder {
        a,
        catalog,
        p: Project::empty(a.container.name.clone()),
        relay: NodeId::new(relay.clone()),
        browser: NodeId::new(BROWSER),
        used: Vec::new(),
        retention: BTreeMap::new(),
        dests: Vec::new(),
        taken: [relay, BROWSER.to_owned(), LOGS.to_owned()]
            .into_iter()
            .collect(),
    };
    b.relay();
    b.clients();
    b.browser();
    for t in &a.tags {
        let targets = b.destinations(t);
        if t.status == Status::Fires {
            b.tag(t, &targets);
        }
    }
    b.finish()
}
