//! The form of a node: what it is, who runs it where, and what its kind records (the fields
//! a source collects, the purposes a gate enforces, a destination's platform and terms).

use eframe::egui::{self, RichText};

use crate::edit::Item;
use crate::model::*;

use super::super::command::AppCommand;
use super::super::theme;
use super::Form;
use super::regions::regions_row;
use super::widgets::*;

pub(super) fn node_form(form: &mut Form, ui: &mut egui::Ui, mut n: Node) -> Option<Item> {
    let before = n.clone();
    ui.heading(format!("{} {}", theme::kind_icon(&n.kind), n.name));
    ui.label(RichText::new(format!("{} · id {}", n.kind_detail(), n.id)).weak());
    if let Some(line) = super::widgets::imported_from(&n.origins) {
        ui.label(RichText::new(line).weak());
    }
    if n.disabled || (n.as_destination().is_some() && !n.origins.is_empty()) {
        ui.checkbox(
            &mut n.disabled,
            "Not in use (every tag that sends here is paused)",
        )
        .on_hover_text(
            "A destination not in use is left out of the record while no flow enters it.",
        );
    }
    ui.add_space(6.0);
    grid(ui, "node", |ui| {
        text(ui, "Name", &mut n.name);
        text(ui, "Operator (legal entity)", &mut n.operator);
        country_row(ui, &mut n.country);
        multiline(ui, "Description", &mut n.description);
        // A destination records its role below; any other system another company runs
        // (a hosted CDP, a consent platform) says it here, for the record's recipients.
        if n.as_destination().is_none() {
            role_combo(ui, "Operator's role", &mut n.role);
        }
        text(ui, "Contract (Art. 28 / Art. 26)", &mut n.contract);
    });
    ui.add_space(6.0);
    let projects_purposes: Vec<(ConsentPurposeId, String)> = form
        .view
        .doc
        .project
        .consent_purposes
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let nodes: Vec<(NodeId, String)> = form
        .view
        .doc
        .project
        .nodes
        .iter()
        .filter(|x| x.id != n.id)
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    let fields: Vec<(FieldId, String)> = form
        .view
        .doc
        .project
        .fields
        .iter()
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    let platforms: Vec<(String, String)> = form
        .view
        .catalog
        .platforms()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    match &mut n.kind {
        NodeKind::Source(s) => {
            grid(ui, "source", |ui| {
                choice(ui, "Kind of source", &mut s.source);
                row(ui, "Directed at children", |ui| {
                    ui.checkbox(&mut s.child_directed, "")
                        .accessible_name("Directed at children");
                });
                let home = form
                    .view
                    .doc
                    .project
                    .organisation
                    .establishment
                    .trim()
                    .to_owned();
                let note = if home.is_empty() {
                    "Empty: anywhere, as no establishment is recorded for the organisation."
                        .to_owned()
                } else {
                    format!("Empty: where the organisation is established ({home}).")
                };
                regions_row(
                    ui,
                    "Where its users are",
                    &mut s.regions,
                    "DE, EEA, US-CA",
                    Some(&note),
                );
            });
            ui.label(RichText::new("Fields collected here").strong());
            for (id, label) in &fields {
                let mut on = s.collects.contains(id);
                if ui.checkbox(&mut on, label).changed() {
                    if on {
                        s.collects.push(id.clone());
                    } else {
                        s.collects.retain(|x| x != id);
                    }
                }
            }
        }
        NodeKind::Relay(r) => grid(ui, "relay", |ui| {
            choice(ui, "Kind of relay", &mut r.relay);
        }),
        NodeKind::Store(s) => grid(ui, "store", |ui| {
            choice(ui, "Kind of store", &mut s.store);
            optional_choice(
                ui,
                "When consent is withdrawn",
                "When consent is withdrawn",
                &mut s.on_withdrawal,
                "— not said —",
            );
        }),
        NodeKind::ConsentGate(g) => {
            grid(ui, "gate", |ui| {
                choice(ui, "Signal standard", &mut g.signal);
                multiline(ui, "How a withdrawal propagates", &mut g.withdrawal);
                let mut options: Vec<(Option<NodeId>, &str)> = vec![(None, "— nowhere —")];
                options.extend(
                    nodes
                        .iter()
                        .map(|(id, name)| (Some(id.clone()), name.as_str())),
                );
                combo(ui, "Consent records go to", &mut g.records_to, &options);
            });
            ui.label(RichText::new("Consent purposes it enforces").strong());
            for (id, name) in &projects_purposes {
                let mut on = g.enforces.contains(id);
                if ui.checkbox(&mut on, name).changed() {
                    if on {
                        g.enforces.push(id.clone());
                    } else {
                        g.enforces.retain(|x| x != id);
                    }
                }
            }
        }
        NodeKind::Destination(d) => {
            grid(ui, "destination", |ui| {
                let mut options: Vec<(String, &str)> = platforms
                    .iter()
                    .map(|(id, name)| (id.clone(), name.as_str()))
                    .collect();
                if !platforms.iter().any(|(id, _)| *id == d.platform) {
                    options.push((d.platform.clone(), "not in the catalogue"));
                }
                combo(ui, "Platform", &mut d.platform, &options);
                role_combo(ui, "Role of the recipient", &mut d.role);
                text(ui, "Account / pixel / dataset", &mut d.account);
                text(ui, "API version called", &mut d.api_version);
            });
            if ui
                .button("Check a capture…")
                .on_hover_text("Read request bodies sent to this destination (JSON, JSON Lines or HAR), check them against the platform's rules and this record, and against a consent case (the consent simulator's state, or one chosen in the Payload inspection tab) and test identities. No value is kept.")
                .clicked()
            {
                form.out.push(AppCommand::ChooseRequests(n.id.clone()));
            }
            ui.label(RichText::new("Platform terms").strong());
            let id = n.id.to_string();
            for (i, t) in d.terms.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.checkbox(&mut t.accepted, "accepted");
                    if t.url.is_empty() {
                        ui.label(&t.name);
                    } else {
                        ui.hyperlink_to(&t.name, &t.url);
                    }
                });
                let key = format!("{id}.terms.{i}.date");
                ui.horizontal(|ui| {
                    ui.add_space(24.0);
                    egui::Grid::new(&key).show(ui, |ui| {
                        parsed(
                            form.drafts,
                            ui,
                            key.clone(),
                            "on",
                            &mut t.date,
                            "YYYY-MM-DD",
                        );
                    });
                });
            }
        }
    }
    ui.add_space(6.0);
    let mut outside = n.transfer.is_some();
    ui.checkbox(&mut outside, "Operated outside the EEA: transfer mechanism");
    match (outside, &mut n.transfer) {
        (true, None) => {
            n.transfer = Some(Transfer {
                mechanism: TransferMechanism::StandardContractualClauses,
                reference: String::new(),
            })
        }
        (false, Some(_)) => n.transfer = None,
        _ => {}
    }
    if let Some(t) = &mut n.transfer {
        grid(ui, "transfer", |ui| {
            choice(ui, "Mechanism", &mut t.mechanism);
            text(ui, "Reference", &mut t.reference);
        });
    }
    (n != before).then_some(Item::Node(n))
}
