//! The project an analysis stands for, on its own: the container as a relay, its clients as
//! entry points, each tag's destination, gate and flows, the user's browser where the server
//! writes cookies, with canonical ids and every element's origin. A merge maps it onto the
//! user's project.

use std::collections::BTreeMap;

use super::analyse::{Analysis, Gate, Recognised, Status, TagAnalysis};
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

fn node(id: String, name: &str, origin: Origin, kind: NodeKind) -> Node {
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

fn flow(id: String, from: &NodeId, to: &NodeId, origin: Origin, fields: Vec<FieldMapping>) -> Flow {
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
fn event_key(f: &super::analyse::SentField) -> String {
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
fn cookie_transform(field: &str) -> Transform {
    if field == "gtmeec" {
        Transform::Sha256(Some(Normalisation::Custom(C_GTMEEC.to_owned())))
    } else {
        Transform::Raw
    }
}

pub fn gate_description(t: &TagAnalysis) -> String {
    let parts: Vec<String> = t
        .gates
        .iter()
        .map(|g| match g {
            Gate::TemplateOption => "the template's option \"Send data in case marketing consent given\": it reads consent_state.ad_storage, else the third character of x-ga-gcs, never ad_user_data, and sends nothing when neither is present".to_owned(),
            Gate::Trigger { trigger, name, blocking, credits, .. } => format!(
                "{} trigger {trigger}{}: {}; an event without the consent signal is not stopped by it",
                if *blocking { "blocking" } else { "firing" },
                if name.is_empty() { String::new() } else { format!(" '{name}'") },
                if credits.is_empty() { "enforces no consent type as a whole".to_owned() } else { credits.iter().map(|c| c.key()).collect::<Vec<_>>().join(", ") },
            ),
            Gate::Declared { types } => format!("declared consent settings NEEDED [{}]: whether a server container enforces them is not known", types.join(", ")),
            Gate::Native => "Google's consent mode in Google's own tag (it adjusts what is sent rather than blocking every request)".to_owned(),
        })
        .collect();
    format!(
        "The consent check of tag {} '{}': {}.",
        t.id,
        t.name,
        parts.join("; ")
    )
}

pub fn credited(t: &TagAnalysis) -> Vec<ConsentType> {
    let mut out: Vec<ConsentType> = Vec::new();
    for g in &t.gates {
        let c: Vec<ConsentType> = match (g, &t.recognised) {
            (Gate::TemplateOption, _) => vec![ConsentType::AdStorage],
            (Gate::Trigger { credits, .. }, _) => credits.clone(),
            (Gate::Declared { .. }, _) => Vec::new(),
            (Gate::Native, Recognised::Google(g)) => {
                use super::analyse::Google::*;
                use ConsentType::*;
                match g {
                    Analytics => vec![AnalyticsStorage],
                    AdsConversion => vec![AdStorage, AdUserData],
                    AdsRemarketing => vec![AdStorage, AdUserData, AdPersonalization],
                    ConversionLinker | Floodlight => vec![AdStorage],
                }
            }
            (Gate::Native, _) => Vec::new(),
        };
        for x in c {
            if !out.contains(&x) {
                out.push(x);
            }
        }
    }
    out.sort();
    out
}

fn tag_description(t: &TagAnalysis) -> String {
    let mut s = format!("Tag {} '{}'", t.id, t.name);
    match &t.recognised {
        Recognised::Template { profile, version } => {
            let label = super::profiles::PROFILES
                .iter()
                .find(|p| p.id == *profile)
                .map_or(*profile, |p| p.label);
            s.push_str(&format!(
                " ({label}{})",
                version
                    .as_deref()
                    .map(|v| format!(", version {}", &v[..v.len().min(7)]))
                    .unwrap_or_default()
            ));
        }
        Recognised::Modified { .. } => {
            s.push_str(" (a modified template: what it sends and how is not known)")
        }
        Recognised::Google(g) => s.push_str(&format!(" ({})", g.label())),
        Recognised::Unknown(why) => s.push_str(&format!(" ({why})")),
    }
    if !t.events.is_empty() {
        s.push_str(&format!(", on {}", t.events.join(", ")));
    }
    s.push('.');
    if !t.may_send.is_empty() {
        s.push_str(&format!(
            " It may also send, when the website's event data holds them: {}.",
            t.may_send.join(", ")
        ));
    }
    if t.fields.iter().any(|f| f.transform.is_hashed()) {
        s.push_str(" A value that is already 64 hex characters is passed on as hashed.");
    }
    s
}

/// The imported project on its own, named after the container.
pub fn fragment(a: &Analysis, catalog: &Catalog) -> Project {
    let c = &a.container;
    let mut p = Project::empty(c.name.clone());
    let origin = |e: OriginElement| Origin::new(c.public_id.clone(), e);
    let public = slug(&c.public_id);
    let relay_id = NodeId::new(if public.starts_with("gtm-") {
        public
    } else {
        format!("gtm-{public}")
    });
    let mut relay = node(
        relay_id.to_string(),
        &c.name,
        origin(OriginElement::Container),
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
    p.nodes.push(relay);
    let mut used_fields: Vec<&'static str> = Vec::new();
    let mut use_field = |f: &'static str| {
        if !used_fields.contains(&f) {
            used_fields.push(f);
        }
    };
    let firing: Vec<&TagAnalysis> = a
        .tags
        .iter()
        .filter(|t| t.status == Status::Fires)
        .collect();
    // Clients: an entry point each, carrying what the tags their events fire read.
    for cl in &a.clients {
        let Some(kind) = cl.source else { continue };
        let id = format!("client-{}", slug(&cl.name));
        let mut mappings: Vec<FieldMapping> = Vec::new();
        for t in firing.iter().filter(|t| t.clients.contains(&cl.id)) {
            for f in &t.fields {
                if !mappings.iter().any(|m| m.field.as_str() == f.field) {
                    use_field(f.field);
                    mappings.push(FieldMapping::new(
                        FieldId::new(f.field),
                        event_key(f),
                        Transform::Raw,
                    ));
                }
            }
        }
        let mut n = node(
            id.clone(),
            &cl.name,
            origin(OriginElement::Client(cl.id.clone())),
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
            format!("{id}-to-{relay_id}"),
            &n.id,
            &relay_id,
            origin(OriginElement::Client(cl.id.clone())),
            mappings,
        );
        fl.description = format!(
            "The events that client '{}' receives and hands to the tags.",
            cl.name
        );
        p.nodes.push(n);
        p.flows.push(fl);
    }
    let browser = NodeId::new(BROWSER);
    let writes = firing.iter().any(|t| !t.cookies.is_empty())
        || a.clients.iter().any(|c| c.cookie.is_some());
    if writes {
        let mut b = node(
            BROWSER.to_owned(),
            "The user's browser (cookies set by the server container)",
            origin(OriginElement::Container),
            NodeKind::Store(Store {
                store: StoreKind::Device,
                on_withdrawal: None,
            }),
        );
        b.description =
            "Cookies the server container writes on the user's device (ePrivacy Art. 5(3))."
                .to_owned();
        p.nodes.push(b);
    }
    let mut retention: BTreeMap<&'static str, (Option<u32>, String)> = BTreeMap::new();
    for cl in &a.clients {
        if let Some(ck) = &cl.cookie {
            use_field(ck.field);
            let f = flow(
                format!("client-{}-cookies", slug(&cl.name)),
                &relay_id,
                &browser,
                origin(OriginElement::Client(cl.id.clone())),
                vec![FieldMapping::new(
                    FieldId::new(ck.field),
                    ck.cookie.clone(),
                    Transform::Raw,
                )],
            );
            p.flows.push(f);
            retention.entry(ck.field).or_insert((
                ck.days,
                format!(
                    "cookie lifetime set by client {} '{}' ({})",
                    cl.id, cl.name, ck.how
                ),
            ));
        }
    }
    // Destinations by (platform, account), in the order of the tags.
    let mut dests: Vec<(String, String, NodeId)> = Vec::new();
    for t in &a.tags {
        let platform = platform_of(t, catalog);
        let accounts = if t.accounts.is_empty() {
            vec![String::new()]
        } else {
            t.accounts.clone()
        };
        let mut targets = Vec::new();
        for account in accounts.iter().filter(|_| platform.is_some()) {
            let platform = platform.clone().unwrap_or_default();
            let at = dests
                .iter()
                .position(|(pl, ac, _)| *pl == platform && ac == account);
            let id = match at {
                Some(i) => dests[i].2.clone(),
                None => {
                    let base = if account.is_empty() {
                        platform.clone()
                    } else {
                        format!("{platform}-{}", slug(account))
                    };
                    let mut n = match catalog.get(&platform) {
                        Some(pl) => crate::edit::ops::destination_from_catalog(&p, pl),
                        None => {
                            let name = match platform.as_str() {
                                "google-analytics" => "Google Analytics 4",
                                "google-floodlight" => "Floodlight (Campaign Manager 360)",
                                _ => t.name.as_str(),
                            };
                            let mut n = node(
                                base.clone(),
                                name,
                                origin(OriginElement::Container),
                                NodeKind::Destination(Destination {
                                    platform: platform.clone(),
                                    ..Destination::default()
                                }),
                            );
                            n.origins.clear();
                            if !t.hosts.is_empty() {
                                n.description =
                                    format!("Receives requests at {}.", t.hosts.join(", "));
                            }
                            n
                        }
                    };
                    n.id = NodeId::new(crate::edit::ops::unique_id(&p, &base));
                    if let NodeKind::Destination(d) = &mut n.kind {
                        d.account = account.clone();
                    }
                    if !account.is_empty() {
                        n.name = format!("{} ({account})", n.name);
                    }
                    n.disabled = true;
                    let id = n.id.clone();
                    p.nodes.push(n);
                    dests.push((platform.clone(), account.clone(), id.clone()));
                    id
                }
            };
            let n = p.nodes.iter_mut().find(|n| n.id == id);
            if let Some(n) = n {
                let mut o = origin(OriginElement::Tag(t.id.clone()));
                o.paused = t.status != Status::Fires;
                if !n.origins.iter().any(|x| x.same_element(&o)) {
                    n.origins.push(o);
                }
                n.disabled &= t.status != Status::Fires;
            }
            targets.push(id);
        }
        if t.status != Status::Fires {
            continue;
        }
        let sent: Vec<FieldMapping> = t
            .fields
            .iter()
            .map(|f| {
                use_field(f.field);
                FieldMapping::new(FieldId::new(f.field), f.wire.clone(), f.transform.clone())
            })
            .collect();
        let tag_origin = origin(OriginElement::Tag(t.id.clone()));
        let credits = credited(t);
        let from = if t.gates.is_empty() {
            relay_id.clone()
        } else {
            let gid = NodeId::new(format!("gate-tag-{}", slug(&t.id)));
            let enforces: Vec<ConsentPurposeId> = credits
                .iter()
                .map(|c| ConsentPurposeId::new(purpose_id(*c)))
                .collect();
            let mut g = node(
                gid.to_string(),
                &format!("Consent check of '{}'", t.name),
                tag_origin.clone(),
                NodeKind::ConsentGate(ConsentGate {
                    enforces,
                    signal: SignalStandard::GoogleConsentMode,
                    withdrawal: String::new(),
                    records_to: None,
                }),
            );
            g.description = gate_description(t);
            p.nodes.push(g);
            let mut f = flow(
                format!("tag-{}-to-gate", slug(&t.id)),
                &relay_id,
                &gid,
                tag_origin.clone(),
                sent.clone(),
            );
            f.description = format!(
                "The events of tag {} '{}', before its consent check.",
                t.id, t.name
            );
            p.flows.push(f);
            gid
        };
        for ty in &credits {
            let id = purpose_id(*ty);
            if p.consent_purpose(&id).is_none() {
                p.consent_purposes.push(ConsentPurpose {
                    id: ConsentPurposeId::new(id),
                    name: format!("Google consent mode: {}", ty.key()),
                    description: "Created by capimap import gtm: the consent type the container's consent checks test. Link your activities to the purpose this consent type stands for in your consent banner.".to_owned(),
                    ..ConsentPurpose::default()
                });
            }
        }
        let many = targets.len() > 1;
        for (i, to) in targets.iter().enumerate() {
            let id = if many {
                format!("tag-{}-{}", slug(&t.id), slug(&accounts[i]))
            } else {
                format!("tag-{}", slug(&t.id))
            };
            let mut f = flow(id, &from, to, tag_origin.clone(), sent.clone());
            f.description = tag_description(t);
            f.request_type = t.request_type.clone();
            f.consent_signals = t.signals.clone();
            p.flows.push(f);
        }
        if !t.cookies.is_empty() {
            let maps = t
                .cookies
                .iter()
                .map(|ck| {
                    use_field(ck.field);
                    FieldMapping::new(
                        FieldId::new(ck.field),
                        ck.cookie.clone(),
                        cookie_transform(ck.field),
                    )
                })
                .collect();
            let mut f = flow(
                format!("tag-{}-cookies", slug(&t.id)),
                &from,
                &browser,
                tag_origin.clone(),
                maps,
            );
            f.description = format!(
                "Cookies tag {} '{}' writes: {}.",
                t.id,
                t.name,
                t.cookies
                    .iter()
                    .map(|c| format!("{} ({})", c.cookie, c.how))
                    .collect::<Vec<_>>()
                    .join("; ")
            );
            p.flows.push(f);
            for ck in &t.cookies {
                retention.entry(ck.field).or_insert((
                    ck.days,
                    format!(
                        "cookie lifetime set by tag {} '{}' ({})",
                        t.id, t.name, ck.how
                    ),
                ));
            }
        }
        if !t.logs.is_empty() {
            if p.node(LOGS).is_none() {
                let mut n = node(
                    LOGS.to_owned(),
                    "Server container request logs",
                    origin(OriginElement::Container),
                    NodeKind::Store(Store {
                        store: StoreKind::Log,
                        on_withdrawal: None,
                    }),
                );
                n.description = "To complete: where the container's logs are kept (Cloud Logging, BigQuery) and for how long.".to_owned();
                p.nodes.push(n);
            }
            let mut f = flow(
                format!("tag-{}-log", slug(&t.id)),
                &relay_id,
                &NodeId::new(LOGS),
                tag_origin.clone(),
                sent.clone(),
            );
            f.description = format!(
                "Tag {} '{}' logs every request ({} always): the request with its fields, and in the request URL the access token.",
                t.id,
                t.name,
                t.logs.join(", ")
            );
            p.flows.push(f);
        }
    }
    for (field, (days, why)) in retention {
        if let Some(days) = days {
            let period = if days % 365 == 0 {
                Period::new(days / 365, PeriodUnit::Years)
            } else {
                Period::days(days)
            };
            p.retention.push(RetentionRule {
                id: RetentionId::new(format!("ret-{}", slug(field))),
                node: browser.clone(),
                applies_to: RetentionScope::Field(FieldId::new(field)),
                limit: RetentionLimit::Period(period),
                justification: why,
            });
        }
    }
    for f in used_fields {
        if let Some(d) = fields::def(f) {
            p.fields.push(Field {
                id: FieldId::new(d.id),
                label: d.label.to_owned(),
                category: d.category.to_owned(),
                special_category: false,
                identifiability: d.identifiability,
                cookie: d.cookie.map(str::to_owned),
                description: d.description.to_owned(),
            });
        }
    }
    p
}
