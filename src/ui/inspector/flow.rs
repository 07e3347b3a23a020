//! The form of a flow: delivery, request type, consent signals, withdrawal, the activities it
//! serves, and each field mapping (wire name, how it is sent, why it is needed, for whom).

use eframe::egui::{self, RichText};

use crate::edit::Item;
use crate::model::*;

use super::super::command::AppCommand;
use super::super::theme;
use super::Form;
use super::regions::regions_row;
use super::widgets::*;

fn transform_options() -> Vec<(&'static str, &'static str)> {
    vec![
        ("raw", "raw"),
        ("sha256", "SHA-256"),
        ("truncated", "truncated"),
        ("generalised", "generalised"),
        ("dropped", "dropped"),
        ("unknown", "unknown"),
    ]
}

pub(super) fn flow_form(form: &mut Form, ui: &mut egui::Ui, mut f: Flow) -> Option<Item> {
    let before = f.clone();
    let p = &form.view.doc.project;
    let name = |id: &NodeId| {
        p.node(id.as_str())
            .map_or(id.to_string(), |n| n.name.clone())
    };
    ui.heading(format!("{} → {}", name(&f.from), name(&f.to)));
    ui.label(RichText::new(format!("flow {}", f.id)).weak());
    if let Some(line) = super::widgets::imported_from(f.origin.as_slice()) {
        ui.label(RichText::new(line).weak());
    }
    let platform = p
        .node(f.to.as_str())
        .and_then(|n| n.as_destination())
        .and_then(|d| form.view.catalog.get(&d.platform))
        .cloned();
    let activities: Vec<(ActivityId, String)> = p
        .activities
        .iter()
        .map(|a| (a.id.clone(), a.name.clone()))
        .collect();
    let fields: Vec<(FieldId, String)> = p
        .fields
        .iter()
        .map(|x| (x.id.clone(), x.label.clone()))
        .collect();
    ui.add_space(6.0);
    grid(ui, "flow", |ui| {
        multiline(ui, "Description", &mut f.description);
        let mut batch = matches!(f.delivery, Delivery::Batch(_));
        row(ui, "Delivery", |ui| {
            ui.horizontal(|ui| {
                ui.radio_value(&mut batch, false, "real time");
                ui.radio_value(&mut batch, true, "batch");
            });
        });
        match (batch, f.delivery) {
            (true, Delivery::RealTime) => f.delivery = Delivery::Batch(Period::days(1)),
            (false, Delivery::Batch(_)) => f.delivery = Delivery::RealTime,
            _ => {}
        }
        if let Delivery::Batch(every) = f.delivery {
            let mut v = Some(every);
            parsed(
                form.drafts,
                ui,
                format!("{}.delivery", f.id),
                "Every",
                &mut v,
                "1 day",
            );
            if let Some(v) = v {
                f.delivery = Delivery::Batch(v);
            }
        }
        // Which request the platform gets decides what it may carry (Google Ads adjustments
        // have no consent field); shown only for platforms that have request types.
        if let Some(pl) = platform.as_ref().filter(|p| !p.request_types.is_empty()) {
            let mut types: Vec<(Option<String>, &str)> = vec![(None, "not recorded")];
            types.extend(
                pl.request_types
                    .iter()
                    .map(|t| (Some(t.id.clone()), t.name.as_str())),
            );
            if let Some(other) = f
                .request_type
                .as_ref()
                .filter(|t| pl.request_type(t).is_none())
            {
                types.push((Some(other.clone()), "(not a type of this platform)"));
            }
            combo(ui, "Request type", &mut f.request_type, &types);
        }
        list_text(
            ui,
            "Consent signals forwarded",
            &mut f.consent_signals,
            "consent.ad_user_data, …",
        );
        optional_choice(
            ui,
            "When consent is withdrawn",
            "When consent is withdrawn",
            &mut f.on_withdrawal,
            "— not said —",
        );
    });
    if let Some(pl) = &platform {
        // Only what a request of the flow's type can carry.
        let offered: Vec<&str> = pl
            .consent_parameters
            .iter()
            .filter(|c| crate::catalog::carried_by(&c.request_types, f.request_type.as_deref()))
            .map(|c| c.wire_name.as_str())
            .collect();
        if !offered.is_empty() {
            ui.label(RichText::new(format!("{} accepts: {}", pl.name, offered.join(", "))).weak());
        }
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Activities served").strong());
    ui.horizontal_wrapped(|ui| {
        for (id, name) in &activities {
            let mut on = f.activities.contains(id);
            if ui.checkbox(&mut on, name).changed() {
                if on {
                    f.activities.push(id.clone());
                } else {
                    // A mapping names only activities of its flow.
                    f.activities.retain(|x| x != id);
                    for m in &mut f.fields {
                        m.activities.retain(|x| x != id);
                    }
                }
            }
        }
    });
    let flow_activities: Vec<(ActivityId, String)> = activities
        .iter()
        .filter(|(id, _)| f.activities.contains(id))
        .cloned()
        .collect();
    // An activity the flow serves is served by the flows that bring it its fields, too.
    let upstream = form
        .view
        .doc
        .project
        .flows_into(f.from.as_str())
        .next()
        .is_some();
    if upstream && !flow_activities.is_empty() {
        ui.horizontal_wrapped(|ui| {
            for (id, name) in &flow_activities {
                if ui
                    .small_button(format!("Apply “{name}” upstream"))
                    .on_hover_text("Mark this activity on every flow before this one that carries its fields, as one undoable step")
                    .clicked()
                {
                    form.out.push(AppCommand::ServeUpstream {
                        flow: f.id.clone(),
                        activity: id.clone(),
                    });
                }
            }
        });
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("Fields ({})", f.fields.len())).strong());
        let from_catalogue = platform.is_some();
        if ui
            .small_button("Propose mappings")
            .on_hover_text(if from_catalogue {
                "Add what the platform accepts of the fields that arrive at the start of this flow, hashed as it requires"
            } else {
                "Add the fields that arrive at the start of this flow, as they arrive"
            })
            .clicked()
        {
            form.out.push(AppCommand::ProposeMappings(f.id.clone()));
        }
    });
    let mut remove = None;
    for (i, m) in f.fields.iter_mut().enumerate() {
        ui.push_id(i, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("mapping")
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        combo(
                            ui,
                            "Field",
                            &mut m.field,
                            &fields
                                .iter()
                                .map(|(id, l)| (id.clone(), l.as_str()))
                                .collect::<Vec<_>>(),
                        );
                        // The wire name is typed, or picked from the platform's parameters.
                        match &platform {
                            Some(pl) => row(ui, "Wire name", |ui| {
                                ui.horizontal(|ui| {
                                    ui.add(
                                        egui::TextEdit::singleline(&mut m.wire_name)
                                            .desired_width(170.0),
                                    )
                                    .accessible_name("Wire name");
                                    let options: Vec<(String, String)> = pl
                                        .user_data
                                        .iter()
                                        .chain(&pl.event_data)
                                        .map(|p| {
                                            (
                                                p.wire_name.clone(),
                                                format!("{} — {} ({})", p.wire_name, p.label, p.hashing),
                                            )
                                        })
                                        .collect();
                                    searchable_pick(
                                        ui,
                                        &format!("{}: pick the wire name", m.field),
                                        "",
                                        &mut m.wire_name,
                                        &options,
                                    );
                                });
                            }),
                            None => text(ui, "Wire name", &mut m.wire_name),
                        }
                        let mut kind = match m.transform {
                            Transform::Raw => "raw",
                            Transform::Sha256(_) => "sha256",
                            Transform::Truncated(_) => "truncated",
                            Transform::Generalised(_) => "generalised",
                            Transform::Dropped => "dropped",
                            Transform::Unknown => "unknown",
                        };
                        let field_label = fields
                            .iter()
                            .find(|(id, _)| *id == m.field)
                            .map_or(m.field.to_string(), |(_, l)| l.clone());
                        combo_named(
                            ui,
                            "Sent as",
                            &format!("{field_label}: sent as"),
                            &mut kind,
                            &transform_options(),
                        );
                        m.transform = match (kind, &m.transform) {
                            ("raw", _) => Transform::Raw,
                            ("sha256", Transform::Sha256(n)) => Transform::Sha256(n.clone()),
                            ("sha256", _) => Transform::Sha256(None),
                            ("truncated", Transform::Truncated(s)) => {
                                Transform::Truncated(s.clone())
                            }
                            ("truncated", _) => Transform::Truncated(String::new()),
                            ("generalised", Transform::Generalised(s)) => {
                                Transform::Generalised(s.clone())
                            }
                            ("generalised", _) => Transform::Generalised(String::new()),
                            ("unknown", _) => Transform::Unknown,
                            _ => Transform::Dropped,
                        };
                        match &mut m.transform {
                            Transform::Sha256(n) => {
                                optional_choice(
                                    ui,
                                    "Normalised as",
                                    &format!("{field_label}: normalised as"),
                                    n,
                                    "— not declared —",
                                );
                            }
                            Transform::Truncated(how) | Transform::Generalised(how) => {
                                text(ui, "How", how);
                            }
                            _ => {}
                        }
                        multiline(ui, "Why it is needed", &mut m.justification);
                        if flow_activities.len() > 1 {
                            row(ui, "Used for", |ui| {
                                ui.vertical(|ui| {
                                    for (id, name) in &flow_activities {
                                        let mut on = m.activities.contains(id);
                                        let r = ui.checkbox(&mut on, name);
                                        if r.changed() {
                                            if on {
                                                m.activities.push(id.clone());
                                            } else {
                                                m.activities.retain(|x| x != id);
                                            }
                                        }
                                    }
                                    if m.activities.is_empty() {
                                        ui.weak("none ticked: every activity of the flow");
                                    }
                                });
                            });
                        }
                        regions_row(
                            ui,
                            "Only for users in",
                            &mut m.only_for,
                            "empty: all users of the flow",
                            None,
                        );
                        regions_row(
                            ui,
                            "Except users in",
                            &mut m.except_for,
                            "EEA, UK, CH",
                            None,
                        );
                    });
                if let Some(param) = platform.as_ref().and_then(|pl| pl.parameter(&m.wire_name)) {
                    let mut rule = format!("{}: {}", param.label, param.hashing);
                    if let Some(n) = &param.normalisation {
                        rule.push_str(&format!(" after {n}"));
                    }
                    ui.label(RichText::new(rule).weak());
                } else if let Some(pl) = platform.as_ref().filter(|_| m.transform.is_sent()) {
                    match pl.accepts(&m.wire_name) {
                        Some(true) => {}
                        Some(false) => {
                            ui.colored_label(
                                theme::WARNING,
                                "The platform does not accept this wire name.",
                            );
                        }
                        None => {
                            ui.colored_label(
                                theme::WARNING,
                                "Not among the parameters the catalogue documents for this platform.",
                            );
                        }
                    }
                }
                if ui.small_button("Remove this field").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        f.fields.remove(i);
    }
    if ui.button("Add a field").clicked()
        && let Some((id, _)) = fields
            .iter()
            .find(|(id, _)| !f.fields.iter().any(|m| m.field == *id))
    {
        // Named as the platform names a parameter of the field's category, when it has one.
        let category = form
            .view
            .doc
            .project
            .field(id.as_str())
            .map(|x| x.category.as_str());
        let wire = platform
            .as_ref()
            .and_then(|pl| {
                pl.user_data
                    .iter()
                    .chain(&pl.event_data)
                    .find(|p| Some(p.category.as_str()) == category)
            })
            .map_or(id.to_string(), |p| p.wire_name.clone());
        f.fields
            .push(FieldMapping::new(id.clone(), wire, Transform::Raw));
    }
    (f != before).then_some(Item::Flow(f))
}
