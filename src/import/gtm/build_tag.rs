//! One tag's part of the fragment: its destination (one per platform and account), its consent
//! check, its flows, the cookies it writes and its log.

use super::analyse::{Status, TagAnalysis};
use super::build::{Builder, LOGS, cookie_transform, flow, node, platform_of, purpose_id, slug};
use super::describe::{credited, gate_description, tag_description};
use crate::model::*;

impl Builder<'_> {
    /// The destinations a tag sends to (also of a paused tag: they remember it), with their ids.
    pub(super) fn destinations(&mut self, t: &TagAnalysis) -> Vec<(String, NodeId)> {
        let platform = platform_of(t, self.catalog);
        let accounts = if t.accounts.is_empty() {
            vec![String::new()]
        } else {
            t.accounts.clone()
        };
        let mut targets = Vec::new();
        for account in accounts.iter().filter(|_| platform.is_some()) {
            let platform = platform.clone().unwrap_or_default();
            // Tags capimap does not know are not taken to send to the same place.
            let account = &if platform == "unknown" && account.is_empty() {
                format!("tag {}", t.id)
            } else {
                account.clone()
            };
            let at = self
                .dests
                .iter()
                .position(|(pl, ac, _)| *pl == platform && ac == account);
            let id = match at {
                Some(i) => self.dests[i].2.clone(),
                None => {
                    let base = if account.is_empty() {
                        platform.clone()
                    } else {
                        format!("{platform}-{}", slug(account))
                    };
                    let mut n = match self.catalog.get(&platform) {
                        Some(pl) => crate::edit::ops::destination_from_catalog(&self.p, pl),
                        None => {
                            let name = match platform.as_str() {
                                "google-analytics" => "Google Analytics 4",
                                "google-floodlight" => "Floodlight (Campaign Manager 360)",
                                _ => t.name.as_str(),
                            };
                            let mut n = node(
                                base.clone(),
                                name,
                                self.origin(OriginElement::Container),
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
                    n.id = NodeId::new(self.fresh(base.clone()));
                    if let NodeKind::Destination(d) = &mut n.kind
                        && platform != "unknown"
                    {
                        d.account = account.clone();
                    }
                    if !account.is_empty() && platform != "unknown" {
                        n.name = format!("{} ({account})", n.name);
                    }
                    n.disabled = true;
                    let id = n.id.clone();
                    self.p.nodes.push(n);
                    self.dests
                        .push((platform.clone(), account.clone(), id.clone()));
                    id
                }
            };
            let mut o = self.origin(OriginElement::Tag(t.id.clone()));
            o.paused = t.status != Status::Fires;
            if let Some(n) = self.p.nodes.iter_mut().find(|n| n.id == id) {
                if !n.origins.iter().any(|x| x.same_element(&o)) {
                    n.origins.push(o);
                }
                n.disabled &= t.status != Status::Fires;
            }
            targets.push((account.clone(), id));
        }
        targets
    }

    /// A firing tag's gate, flows, cookies and log.
    pub(super) fn tag(&mut self, t: &TagAnalysis, targets: &[(String, NodeId)]) {
        let sent: Vec<FieldMapping> = t
            .fields
            .iter()
            .map(|f| {
                self.use_field(f.field);
                FieldMapping::new(FieldId::new(f.field), f.wire.clone(), f.transform.clone())
            })
            .collect();
        let tag_origin = self.origin(OriginElement::Tag(t.id.clone()));
        let credits = credited(t);
        let from = if t.gates.is_empty() {
            self.relay.clone()
        } else {
            let gid = NodeId::new(self.fresh(format!("gate-tag-{}", slug(&t.id))));
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
            self.p.nodes.push(g);
            let mut f = flow(
                self.fresh(format!("tag-{}-to-gate", slug(&t.id))),
                &self.relay,
                &gid,
                tag_origin.clone(),
                sent.clone(),
            );
            f.description = format!(
                "The events of tag {} '{}', before its consent check.",
                t.id, t.name
            );
            self.p.flows.push(f);
            gid
        };
        for ty in &credits {
            let id = purpose_id(*ty);
            if self.p.consent_purpose(&id).is_none() {
                self.p.consent_purposes.push(ConsentPurpose {
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
                format!("tag-{}-{}", slug(&t.id), slug(&targets[i].0))
            } else {
                format!("tag-{}", slug(&t.id))
            };
            let mut f = flow(
                self.fresh(id),
                &from,
                &to.1,
                tag_origin.clone(),
                sent.clone(),
            );
            f.description = tag_description(t);
            f.request_type = t.request_type.clone();
            f.consent_signals = t.signals.clone();
            self.p.flows.push(f);
        }
        if !t.cookies.is_empty() {
            let maps = t
                .cookies
                .iter()
                .map(|ck| {
                    self.use_field(ck.field);
                    FieldMapping::new(
                        FieldId::new(ck.field),
                        ck.cookie.clone(),
                        cookie_transform(ck.field),
                    )
                })
                .collect();
            let mut f = flow(
                self.fresh(format!("tag-{}-cookies", slug(&t.id))),
                &from,
                &self.browser,
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
            self.p.flows.push(f);
            for ck in &t.cookies {
                self.retention.entry(ck.field).or_insert((
                    ck.days,
                    format!(
                        "cookie lifetime set by tag {} '{}' ({})",
                        t.id, t.name, ck.how
                    ),
                ));
            }
        }
        if !t.logs.is_empty() {
            if self.p.node(LOGS).is_none() {
                let mut n = node(
                    LOGS.to_owned(),
                    "Server container request logs",
                    self.origin(OriginElement::Container),
                    NodeKind::Store(Store {
                        store: StoreKind::Log,
                        on_withdrawal: None,
                    }),
                );
                n.description = "To complete: where the container's logs are kept (Cloud Logging, BigQuery) and for how long.".to_owned();
                self.p.nodes.push(n);
            }
            let mut f = flow(
                self.fresh(format!("tag-{}-log", slug(&t.id))),
                &self.relay,
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
            self.p.flows.push(f);
        }
    }
}
