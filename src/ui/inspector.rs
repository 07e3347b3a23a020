//! The inspector: a form for the selected element. Each change is an edited copy of the
//! element, sent as one command; typing into one element merges into one undo step. Text that
//! does not parse yet (a period, a date, a country code) is kept as typed, with a message,
//! until it does.

use eframe::egui::{self, RichText};

use crate::edit::{Item, ops};
use crate::model::*;

use super::app::CapimapApp;
use super::region_edit::{establishment_row, regions_row, withdrawal_options};
use super::selection::Element;
use super::theme;

pub fn inspector(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.add_space(4.0);
        let Some(selected) = app.selection.primary().cloned() else {
            ui.heading("Nothing selected");
            ui.label("Click a card or an arrow's badge on the canvas, or an entry in the outline, to see and edit it here.");
            if app.selection.len() > 1 {
                ui.label(format!("{} elements selected.", app.selection.len()));
            }
            return;
        };
        if app.selection.len() > 1 {
            ui.label(RichText::new(format!("{} selected; showing the last one.", app.selection.len())).weak());
        }
        let edited = match &selected {
            Element::Node(id) => app.doc.project.node(id).cloned().and_then(|n| node_form(app, ui, n)),
            Element::Flow(id) => app.doc.project.flow(id).cloned().and_then(|f| flow_form(app, ui, f)),
            Element::Activity(id) => app
                .doc
                .project
                .activity(id)
                .cloned()
                .and_then(|a| activity_form(app, ui, a)),
            Element::ConsentPurpose(id) => app
                .doc
                .project
                .consent_purpose(id)
                .cloned()
                .and_then(|c| purpose_form(ui, c)),
            Element::Field(id) => app.doc.project.field(id).cloned().and_then(|f| field_form(ui, f)),
            Element::Organisation => {
                let org = app.doc.project.organisation.clone();
                // The app speaks English; the words are capimap's own and parse (a test holds
                // it), else the list is left out rather than shown half-made.
                let by_role = crate::report::words::Words::shared(crate::report::words::Lang::En)
                    .map(|w| {
                        crate::report::facts::all_joint_controllers(&app.doc.project, w)
                            .into_iter()
                            .skip(org.joint_controllers.len())
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default();
                if let Some(info) = project_form(ui, &app.doc.project) {
                    app.apply_merged(&ctx, "Edit project", info, Some("edit:project".to_owned()));
                }
                if let Some(org) = organisation_form(ui, org, &by_role) {
                    app.apply_merged(
                        &ctx,
                        "Edit organisation",
                        crate::edit::Command::SetOrganisation(Box::new(org)),
                        Some("edit:organisation".to_owned()),
                    );
                }
                None
            }
            Element::Retention(id) => {
                // Retention rules are edited with their node.
                if let Some(r) = app.doc.project.retention.iter().find(|r| r.id.as_str() == id) {
                    let node = r.node.to_string();
                    app.selection.set(Element::Node(node));
                }
                None
            }
            Element::AcceptedRisk(id) => app
                .doc
                .project
                .accepted_risks
                .iter()
                .find(|r| r.id.as_str() == id)
                .cloned()
                .and_then(|r| risk_form(app, ui, r)),
        };
        if let Some(item) = edited
            && let Some(cmd) = ops::replace(&app.doc.project, item)
        {
            let label = format!("Edit {}", selected.id());
            app.apply_merged(&ctx, &label, cmd, Some(format!("edit:{}", selected.id())));
        }
        if let Element::Node(id) = &selected
            && let Some((label, cmd, key)) = retention_ui(app, ui, id)
        {
            app.apply_merged(&ctx, &label, cmd, key);
        }
        if ui.input(|i| i.pointer.any_released() || i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Tab)) {
            app.doc.history.seal();
        }
        findings_of(app, ui, selected.id());
    });
}

fn findings_of(app: &mut CapimapApp, ui: &mut egui::Ui, id: &str) {
    let mine: Vec<_> = app
        .doc
        .report
        .findings
        .iter()
        .filter(|f| {
            f.is_open() && (f.target.id == id || f.target.id.starts_with(&format!("{id}/")))
        })
        .collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(10.0);
    ui.separator();
    ui.label(RichText::new(format!("Findings here ({})", mine.len())).strong());
    for f in mine {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(theme::severity_colour(f.severity), "●");
            ui.label(RichText::new(f.rule.id).monospace().weak());
        });
        ui.label(&f.message);
        ui.label(RichText::new(format!("Fix: {}", f.fix)).weak());
        ui.add_space(4.0);
    }
}

// Widgets

fn row(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui)) {
    ui.label(label);
    add(ui);
    ui.end_row();
}

/// A grid row whose input is named by its label (for screen readers and the UI tests).
fn labelled(ui: &mut egui::Ui, label: &str, add: impl FnOnce(&mut egui::Ui) -> egui::Response) {
    ui.label(label);
    add(ui).accessible_name(label);
    ui.end_row();
}

fn text(ui: &mut egui::Ui, label: &str, value: &mut String) {
    labelled(ui, label, |ui| {
        ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
    });
}

fn multiline(ui: &mut egui::Ui, label: &str, value: &mut String) {
    labelled(ui, label, |ui| {
        ui.add(
            egui::TextEdit::multiline(value)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
    });
}

fn optional_text(ui: &mut egui::Ui, label: &str, value: &mut Option<String>) {
    let mut s = value.clone().unwrap_or_default();
    text(ui, label, &mut s);
    *value = (!s.trim().is_empty()).then_some(s);
}

/// A value typed as text that must parse (period, date): shown from the model, kept as typed
/// in `drafts` while it does not parse, with the reason below.
fn parsed<T: std::str::FromStr<Err = String> + ToString + Clone>(
    app: &mut CapimapApp,
    ui: &mut egui::Ui,
    key: String,
    label: &str,
    value: &mut Option<T>,
    hint: &str,
) {
    let shown = app
        .drafts
        .get(&key)
        .cloned()
        .unwrap_or_else(|| value.as_ref().map(ToString::to_string).unwrap_or_default());
    let mut s = shown.clone();
    ui.label(label);
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut s)
                .hint_text(hint)
                .desired_width(f32::INFINITY)
                .min_size(egui::vec2(110.0, 0.0)),
        )
        .accessible_name(label);
        if s != shown || app.drafts.contains_key(&key) {
            if s.trim().is_empty() {
                *value = None;
                app.drafts.remove(&key);
            } else {
                match s.trim().parse::<T>() {
                    Ok(v) => {
                        *value = Some(v);
                        app.drafts.remove(&key);
                    }
                    Err(e) => {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                        app.drafts.insert(key.clone(), s.clone());
                    }
                }
            }
        }
    });
    ui.end_row();
}

fn combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    label: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    combo_named(ui, label, label, value, options);
}

/// A labelled drop-down; `name` is what screen readers (and the UI tests) call it, when the
/// visible label alone is ambiguous ("Sent as" on every field mapping).
fn combo_named<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    label: &str,
    name: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("—", |(_, l)| l)
        .to_owned();
    row(ui, label, |ui| {
        let r = egui::ComboBox::from_id_salt(name)
            .selected_text(current)
            .width(ui.available_width().min(260.0))
            .show_ui(ui, |ui| {
                for (v, l) in options {
                    ui.selectable_value(value, v.clone(), *l);
                }
            });
        r.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
    });
}

fn list_text(ui: &mut egui::Ui, label: &str, values: &mut Vec<String>, hint: &str) {
    let mut s = values.join(", ");
    labelled(ui, label, |ui| {
        ui.add(
            egui::TextEdit::singleline(&mut s)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
    });
    let parsed: Vec<String> = s
        .split(',')
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .collect();
    if parsed != *values {
        *values = parsed;
    }
}

fn country_row(ui: &mut egui::Ui, country: &mut String) {
    ui.label("Country");
    ui.vertical(|ui| {
        ui.add(
            egui::TextEdit::singleline(country)
                .hint_text("DE, IE, US…")
                .desired_width(60.0),
        )
        .accessible_name("Country");
        let c = country.trim();
        let iso = c.len() == 2 && c.chars().all(|x| x.is_ascii_uppercase());
        if !c.is_empty() && !iso {
            ui.colored_label(
                ui.visuals().error_fg_color,
                "Use the two-letter ISO code in capitals, e.g. DE.",
            );
        }
    });
    ui.end_row();
}

fn grid(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Grid::new(id)
        .num_columns(2)
        .spacing([10.0, 6.0])
        .striped(false)
        .show(ui, add);
}

/// What a system's operator is to the controller (Art. 26, Art. 28).
fn role_combo(ui: &mut egui::Ui, label: &str, role: &mut Option<RecipientRole>) {
    combo(
        ui,
        label,
        role,
        &[
            (None, "— not recorded —"),
            (Some(RecipientRole::Processor), "processor (Art. 28)"),
            (
                Some(RecipientRole::JointController),
                "joint controller (Art. 26)",
            ),
            (
                Some(RecipientRole::IndependentController),
                "independent controller",
            ),
        ],
    );
}

// Forms: each returns the edited element when something changed.

fn node_form(app: &mut CapimapApp, ui: &mut egui::Ui, mut n: Node) -> Option<Item> {
    let before = n.clone();
    ui.heading(format!("{} {}", theme::kind_icon(&n.kind), n.name));
    ui.label(RichText::new(format!("{} · id {}", n.kind_detail(), n.id)).weak());
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
    let projects_purposes: Vec<(ConsentPurposeId, String)> = app
        .doc
        .project
        .consent_purposes
        .iter()
        .map(|c| (c.id.clone(), c.name.clone()))
        .collect();
    let nodes: Vec<(NodeId, String)> = app
        .doc
        .project
        .nodes
        .iter()
        .filter(|x| x.id != n.id)
        .map(|x| (x.id.clone(), x.name.clone()))
        .collect();
    let fields: Vec<(FieldId, String)> = app
        .doc
        .project
        .fields
        .iter()
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    let platforms: Vec<(String, String)> = app
        .catalog
        .platforms()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    match &mut n.kind {
        NodeKind::Source(s) => {
            grid(ui, "source", |ui| {
                combo(
                    ui,
                    "Kind of source",
                    &mut s.source,
                    &[
                        (SourceKind::Website, "website"),
                        (SourceKind::MobileApp, "mobile app"),
                        (SourceKind::Crm, "CRM"),
                        (SourceKind::PointOfSale, "point of sale / offline"),
                        (SourceKind::Backend, "backend"),
                    ],
                );
                row(ui, "Directed at children", |ui| {
                    ui.checkbox(&mut s.child_directed, "")
                        .accessible_name("Directed at children");
                });
                let home = app.doc.project.organisation.establishment.trim().to_owned();
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
            combo(
                ui,
                "Kind of relay",
                &mut r.relay,
                &[
                    (RelayKind::ServerSideTagManager, "server-side tag manager"),
                    (RelayKind::Cdp, "customer data platform"),
                    (RelayKind::BackendService, "backend service"),
                ],
            );
        }),
        NodeKind::Store(s) => grid(ui, "store", |ui| {
            combo(
                ui,
                "Kind of store",
                &mut s.store,
                &[
                    (StoreKind::Database, "database"),
                    (StoreKind::Log, "log"),
                    (StoreKind::Queue, "queue"),
                ],
            );
            combo(
                ui,
                "When consent is withdrawn",
                &mut s.on_withdrawal,
                &withdrawal_options(),
            );
        }),
        NodeKind::ConsentGate(g) => {
            grid(ui, "gate", |ui| {
                combo(
                    ui,
                    "Signal standard",
                    &mut g.signal,
                    &[
                        (SignalStandard::IabTcf, "IAB TCF"),
                        (SignalStandard::GoogleConsentMode, "Google Consent Mode"),
                        (SignalStandard::Own, "own format"),
                    ],
                );
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
                .button("Inspect payloads…")
                .on_hover_text("Read request bodies sent to this destination (JSON, JSON Lines or HAR) and compare them with this record. No value is kept.")
                .clicked()
            {
                app.inspect_requests_for = Some(n.id.to_string());
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
                        parsed(app, ui, key.clone(), "on", &mut t.date, "YYYY-MM-DD");
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
            combo(
                ui,
                "Mechanism",
                &mut t.mechanism,
                &[
                    (
                        TransferMechanism::AdequacyDecision,
                        "adequacy decision (Art. 45)",
                    ),
                    (
                        TransferMechanism::StandardContractualClauses,
                        "standard contractual clauses",
                    ),
                    (
                        TransferMechanism::BindingCorporateRules,
                        "binding corporate rules",
                    ),
                    (TransferMechanism::Derogation, "derogation (Art. 49)"),
                ],
            );
            text(ui, "Reference", &mut t.reference);
        });
    }
    (n != before).then_some(Item::Node(n))
}

fn transform_options() -> Vec<(&'static str, &'static str)> {
    vec![
        ("raw", "raw"),
        ("sha256", "SHA-256"),
        ("truncated", "truncated"),
        ("generalised", "generalised"),
        ("dropped", "dropped"),
    ]
}

const NORMALISATIONS: &[(Normalisation, &str)] = &[
    (Normalisation::Email, "e-mail: trim, lower-case"),
    (
        Normalisation::EmailGmail,
        "e-mail, Gmail dots and +suffix removed",
    ),
    (Normalisation::EmailGmailDots, "e-mail, Gmail dots removed"),
    (
        Normalisation::EmailNoDotsNoPlus,
        "e-mail, dots and +suffix removed",
    ),
    (Normalisation::PhoneE164, "phone: E.164 with +"),
    (Normalisation::PhoneDigits, "phone: digits, no +"),
    (Normalisation::Name, "name: lower-case"),
    (Normalisation::NamePrefix(5), "name: first 5 characters"),
    (Normalisation::NamePrefix(1), "name: initial"),
    (Normalisation::City, "city"),
    (Normalisation::State, "state code"),
    (Normalisation::PostalCode, "postal code"),
    (Normalisation::Country, "country code"),
    (Normalisation::Gender, "gender f/m"),
    (Normalisation::DateOfBirth, "YYYYMMDD"),
    (Normalisation::DayOfBirth, "day of birth DD"),
    (Normalisation::MonthOfBirth, "month of birth MM"),
    (Normalisation::YearOfBirth, "year of birth YYYY"),
    (Normalisation::Trim, "trim"),
    (Normalisation::TrimLowercase, "trim, lower-case"),
    (Normalisation::AsIs, "as stored"),
];

fn flow_form(app: &mut CapimapApp, ui: &mut egui::Ui, mut f: Flow) -> Option<Item> {
    let before = f.clone();
    let p = &app.doc.project;
    let name = |id: &NodeId| {
        p.node(id.as_str())
            .map_or(id.to_string(), |n| n.name.clone())
    };
    ui.heading(format!("{} → {}", name(&f.from), name(&f.to)));
    ui.label(RichText::new(format!("flow {}", f.id)).weak());
    let platform = p
        .node(f.to.as_str())
        .and_then(|n| n.as_destination())
        .and_then(|d| app.catalog.get(&d.platform))
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
                app,
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
        combo(
            ui,
            "When consent is withdrawn",
            &mut f.on_withdrawal,
            &withdrawal_options(),
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
    ui.add_space(6.0);
    ui.label(RichText::new(format!("Fields ({})", f.fields.len())).strong());
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
                        text(ui, "Wire name", &mut m.wire_name);
                        let mut kind = match m.transform {
                            Transform::Raw => "raw",
                            Transform::Sha256(_) => "sha256",
                            Transform::Truncated(_) => "truncated",
                            Transform::Generalised(_) => "generalised",
                            Transform::Dropped => "dropped",
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
                            _ => Transform::Dropped,
                        };
                        match &mut m.transform {
                            Transform::Sha256(n) => {
                                let mut options: Vec<(Option<Normalisation>, &str)> =
                                    vec![(None, "— not declared —")];
                                options.extend(
                                    NORMALISATIONS.iter().map(|(x, l)| (Some(x.clone()), *l)),
                                );
                                combo_named(
                                    ui,
                                    "Normalised as",
                                    &format!("{field_label}: normalised as"),
                                    n,
                                    &options,
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
        f.fields.push(FieldMapping::new(
            id.clone(),
            id.to_string(),
            Transform::Raw,
        ));
    }
    (f != before).then_some(Item::Flow(f))
}

fn activity_form(
    app: &mut CapimapApp,
    ui: &mut egui::Ui,
    mut a: ProcessingActivity,
) -> Option<Item> {
    let before = a.clone();
    ui.heading(&a.name);
    ui.label(RichText::new(format!("processing activity {}", a.id)).weak());
    let purposes: Vec<(Option<ConsentPurposeId>, String)> =
        std::iter::once((None, "— none —".to_owned()))
            .chain(
                app.doc
                    .project
                    .consent_purposes
                    .iter()
                    .map(|c| (Some(c.id.clone()), c.name.clone())),
            )
            .collect();
    let id = a.id.to_string();
    grid(ui, "activity", |ui| {
        text(ui, "Name", &mut a.name);
        multiline(ui, "Purpose (Art. 30(1)(b))", &mut a.description);
        let mut options: Vec<(Option<LawfulBasis>, &str)> = vec![(None, "— not recorded —")];
        options.extend([
            (Some(LawfulBasis::Consent), "consent, Art. 6(1)(a)"),
            (Some(LawfulBasis::Contract), "contract, Art. 6(1)(b)"),
            (
                Some(LawfulBasis::LegalObligation),
                "legal obligation, Art. 6(1)(c)",
            ),
            (
                Some(LawfulBasis::VitalInterests),
                "vital interests, Art. 6(1)(d)",
            ),
            (Some(LawfulBasis::PublicTask), "public task, Art. 6(1)(e)"),
            (
                Some(LawfulBasis::LegitimateInterests),
                "legitimate interests, Art. 6(1)(f)",
            ),
        ]);
        combo(ui, "Lawful basis", &mut a.lawful_basis, &options);
        if a.lawful_basis == Some(LawfulBasis::LegitimateInterests) {
            multiline(
                ui,
                "Legitimate interest pursued",
                &mut a.legitimate_interest,
            );
            optional_text(
                ui,
                "Legitimate-interests assessment",
                &mut a.legitimate_interests_assessment,
            );
        }
        {
            // For any basis, the consent purpose is what covers reading the cookies the
            // activity uses (ePrivacy Art. 5(3)); for consent it is also the basis itself.
            let label = if a.lawful_basis == Some(LawfulBasis::Consent) {
                "Consent purpose"
            } else {
                "Consent purpose for cookies"
            };
            combo(
                ui,
                label,
                &mut a.consent_purpose,
                &purposes
                    .iter()
                    .map(|(v, l)| (v.clone(), l.as_str()))
                    .collect::<Vec<_>>(),
            );
        }
        list_text(
            ui,
            "Data subjects",
            &mut a.data_subjects,
            "customer, prospect, anonymous_user",
        );
        list_text(
            ui,
            "Data uses",
            &mut a.data_uses,
            "marketing.advertising.third_party.targeted",
        );
        parsed(
            app,
            ui,
            format!("{id}.max_retention"),
            "Maximum retention",
            &mut a.max_retention,
            "13 months",
        );
        let mut measures = a.security_measures.join("\n");
        multiline(ui, "Security measures (one a line)", &mut measures);
        let measures: Vec<String> = measures
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if measures != a.security_measures {
            a.security_measures = measures;
        }
        row(ui, "Strictly necessary", |ui| {
            ui.checkbox(&mut a.strictly_necessary, "")
                .on_hover_text("Only for a service the user explicitly asked for: reading its cookies then needs no consent (ePrivacy Art. 5(3)). Advertising and analytics never are.")
                .accessible_name("Strictly necessary");
        });
        text(ui, "Owner", &mut a.owner);
        optional_text(ui, "DPIA reference", &mut a.dpia);
        parsed(
            app,
            ui,
            format!("{id}.last_review"),
            "Last review",
            &mut a.last_review,
            "YYYY-MM-DD",
        );
        parsed(
            app,
            ui,
            format!("{id}.introduced"),
            "Introduced",
            &mut a.introduced,
            "YYYY-MM-DD",
        );
        parsed(
            app,
            ui,
            format!("{id}.changed"),
            "Last changed",
            &mut a.changed,
            "YYYY-MM-DD",
        );
    });
    (a != before).then_some(Item::Activity(a))
}

fn purpose_form(ui: &mut egui::Ui, mut c: ConsentPurpose) -> Option<Item> {
    let before = c.clone();
    ui.heading(&c.name);
    ui.label(RichText::new(format!("consent purpose {}", c.id)).weak());
    grid(ui, "purpose", |ui| {
        text(ui, "Name", &mut c.name);
        multiline(ui, "As shown to people", &mut c.description);
        combo(
            ui,
            "Mode",
            &mut c.mode,
            &[
                (ConsentMode::OptIn, "opt-in"),
                (ConsentMode::OptOut, "opt-out"),
            ],
        );
        regions_row(
            ui,
            "Regions",
            &mut c.regions,
            "EEA, UK, CH, US-CA",
            Some("Empty: not known where it is asked for in this mode."),
        );
        list_text(
            ui,
            "Data uses",
            &mut c.data_uses,
            "analytics.reporting.ad_performance",
        );
    });
    (c != before).then_some(Item::ConsentPurpose(c))
}

fn field_form(ui: &mut egui::Ui, mut f: Field) -> Option<Item> {
    let before = f.clone();
    ui.heading(&f.label);
    ui.label(RichText::new(format!("field {}", f.id)).weak());
    grid(ui, "field", |ui| {
        text(ui, "Label", &mut f.label);
        row(ui, "Data category", |ui| {
            let label = vocab::label(vocab::DATA_CATEGORIES, &f.category).unwrap_or("");
            egui::ComboBox::from_id_salt("category")
                .selected_text(format!("{} {label}", f.category))
                .show_ui(ui, |ui| {
                    for t in vocab::DATA_CATEGORIES {
                        ui.selectable_value(
                            &mut f.category,
                            t.key.to_owned(),
                            format!("{} — {}", t.key, t.label),
                        );
                    }
                });
        });
        combo(
            ui,
            "Identifies a person",
            &mut f.identifiability,
            &[
                (Identifiability::DirectIdentifier, "directly"),
                (Identifiability::Indirect, "with other data"),
                (Identifiability::PseudonymousId, "as a pseudonymous id"),
                (Identifiability::NotPersonal, "not personal data"),
            ],
        );
        row(ui, "Special category (Art. 9)", |ui| {
            ui.checkbox(&mut f.special_category, "")
                .accessible_name("Special category (Art. 9)");
        });
        optional_text(ui, "Read from cookie", &mut f.cookie);
        multiline(ui, "Description", &mut f.description);
    });
    (f != before).then_some(Item::Field(f))
}

fn party_fields(ui: &mut egui::Ui, id: &str, p: &mut Party) {
    grid(ui, id, |ui| {
        text(ui, "Name", &mut p.name);
        text(ui, "Address", &mut p.address);
        text(ui, "E-mail", &mut p.email);
        text(ui, "Phone", &mut p.phone);
    });
}

/// `by_role`: the operators of destinations recorded as joint controllers.
/// The project's name, its description (printed in the record's "About this record") and the
/// version number of the record issued from it.
fn project_form(ui: &mut egui::Ui, p: &Project) -> Option<crate::edit::Command> {
    let (mut name, mut description, mut version) =
        (p.name.clone(), p.description.clone(), p.record_version);
    ui.heading("Project");
    grid(ui, "project", |ui| {
        text(ui, "Name", &mut name);
        multiline(ui, "Description (for the record)", &mut description);
        let label = ui
            .label("Version of the record")
            .on_hover_text("Raise it with each version of the record you issue; 0 for none");
        ui.add(egui::DragValue::new(&mut version).range(0..=9999))
            .labelled_by(label.id);
        ui.end_row();
    });
    ui.add_space(8.0);
    (name != p.name || description != p.description || version != p.record_version).then_some(
        crate::edit::Command::SetInfo {
            name,
            description,
            record_version: version,
        },
    )
}

fn organisation_form(
    ui: &mut egui::Ui,
    mut org: Organisation,
    by_role: &[String],
) -> Option<Organisation> {
    let before = org.clone();
    ui.heading("Organisation");
    ui.label(RichText::new("Art. 30(1)(a): the controller and its contacts").weak());
    ui.label(RichText::new("Controller").strong());
    party_fields(ui, "controller", &mut org.controller);
    grid(ui, "establishment", |ui| {
        establishment_row(ui, &mut org.establishment);
    });
    let mut has_dpo = org.dpo.is_some();
    ui.checkbox(&mut has_dpo, "Data protection officer");
    match (has_dpo, &org.dpo) {
        (true, None) => org.dpo = Some(Party::default()),
        (false, Some(_)) => org.dpo = None,
        _ => {}
    }
    if let Some(d) = &mut org.dpo {
        party_fields(ui, "dpo", d);
    }
    let mut has_rep = org.representative.is_some();
    ui.checkbox(&mut has_rep, "Representative in the Union (Art. 27)");
    match (has_rep, &org.representative) {
        (true, None) => org.representative = Some(Party::default()),
        (false, Some(_)) => org.representative = None,
        _ => {}
    }
    if let Some(r) = &mut org.representative {
        party_fields(ui, "representative", r);
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Joint controllers (Art. 26)").strong());
    // Destinations recorded as joint controllers count too; say so, so that they are not
    // entered twice.
    if !by_role.is_empty() {
        ui.label(
            RichText::new(format!(
                "Also joint controllers, by their destination's role: {}",
                by_role.join(", ")
            ))
            .weak(),
        );
    }
    let mut remove = None;
    for (i, j) in org.joint_controllers.iter_mut().enumerate() {
        ui.push_id(("joint", i), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                party_fields(ui, "joint-party", &mut j.party);
                grid(ui, "joint-arrangement", |ui| {
                    multiline(ui, "Arrangement", &mut j.arrangement);
                });
                if ui.small_button("Remove this joint controller").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        org.joint_controllers.remove(i);
    }
    if ui.button("Add a joint controller").clicked() {
        org.joint_controllers.push(JointController::default());
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Who signs the record").strong());
    ui.label(
        RichText::new("None listed: the record leaves lines for management and the DPO.").weak(),
    );
    let mut remove = None;
    for (i, a) in org.approvers.iter_mut().enumerate() {
        ui.push_id(("approver", i), |ui| {
            grid(ui, "approver", |ui| {
                text(ui, "Role", &mut a.role);
                text(ui, "Name", &mut a.name);
            });
            if ui.small_button("Remove this approver").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        org.approvers.remove(i);
    }
    if ui.button("Add an approver").clicked() {
        org.approvers.push(Approver::default());
    }
    (org != before).then_some(org)
}

// Adding elements that are not on the canvas.

/// Appends a new entity, as one undo step, and selects it.
fn add_item(app: &mut CapimapApp, ctx: &egui::Context, label: &str, item: Item, select: Element) {
    let cmd = ops::append(&app.doc.project, item);
    app.apply(ctx, label, cmd);
    app.selection.set(select);
}

pub fn add_activity(app: &mut CapimapApp, ctx: &egui::Context) {
    let id = ops::unique_id(&app.doc.project, "activity");
    let a = ProcessingActivity {
        id: ActivityId::new(&id),
        name: "New processing activity".to_owned(),
        ..ProcessingActivity::default()
    };
    add_item(
        app,
        ctx,
        "Add activity",
        Item::Activity(a),
        Element::Activity(id),
    );
}

pub fn add_consent_purpose(app: &mut CapimapApp, ctx: &egui::Context) {
    let id = ops::unique_id(&app.doc.project, "consent-purpose");
    let c = ConsentPurpose {
        id: ConsentPurposeId::new(&id),
        name: "New consent purpose".to_owned(),
        ..ConsentPurpose::default()
    };
    add_item(
        app,
        ctx,
        "Add consent purpose",
        Item::ConsentPurpose(c),
        Element::ConsentPurpose(id),
    );
}

pub fn add_field(app: &mut CapimapApp, ctx: &egui::Context) {
    let id = ops::unique_id(&app.doc.project, "field");
    let f = Field {
        id: FieldId::new(&id),
        label: "New field".to_owned(),
        category: "user.contact.email".to_owned(),
        ..Field::default()
    };
    add_item(app, ctx, "Add field", Item::Field(f), Element::Field(id));
}

/// The retention rules of a node: each editable, removable, and a button to add one.
fn retention_ui(
    app: &mut CapimapApp,
    ui: &mut egui::Ui,
    node: &str,
) -> Option<(String, crate::edit::Command, Option<String>)> {
    use crate::edit::{Collection, Command};
    ui.add_space(8.0);
    ui.label(RichText::new("Retention (Art. 30(1)(f))").strong());
    let fields: Vec<(FieldId, String)> = app
        .doc
        .project
        .fields
        .iter()
        .map(|f| (f.id.clone(), f.label.clone()))
        .collect();
    let mut out = None;
    let rules: Vec<(usize, RetentionRule)> = app
        .doc
        .project
        .retention
        .iter()
        .enumerate()
        .filter(|(_, r)| r.node.as_str() == node)
        .map(|(i, r)| (i, r.clone()))
        .collect();
    if rules.is_empty() {
        ui.label(
            RichText::new("No retention rule: how long does this system keep the data?").weak(),
        );
    }
    for (at, mut r) in rules {
        let before = r.clone();
        ui.push_id(r.id.as_str(), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                egui::Grid::new("rule")
                    .num_columns(2)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        let mut scope = match &r.applies_to {
                            RetentionScope::AllPersonalData => "all".to_owned(),
                            RetentionScope::Field(f) => format!("field:{f}"),
                            RetentionScope::Category(c) => format!("category:{c}"),
                        };
                        let mut options: Vec<(String, String)> =
                            vec![("all".to_owned(), "all personal data".to_owned())];
                        options.extend(
                            fields
                                .iter()
                                .map(|(id, l)| (format!("field:{id}"), format!("field: {l}"))),
                        );
                        if let RetentionScope::Category(c) = &r.applies_to {
                            options.push((format!("category:{c}"), format!("category: {c}")));
                        }
                        let options: Vec<(String, &str)> = options
                            .iter()
                            .map(|(v, l)| (v.clone(), l.as_str()))
                            .collect();
                        combo_named(
                            ui,
                            "Applies to",
                            &format!("Retention {}: applies to", r.id),
                            &mut scope,
                            &options,
                        );
                        r.applies_to = if let Some(f) = scope.strip_prefix("field:") {
                            RetentionScope::Field(FieldId::new(f))
                        } else if let Some(c) = scope.strip_prefix("category:") {
                            RetentionScope::Category(c.to_owned())
                        } else {
                            RetentionScope::AllPersonalData
                        };
                        let mut after_event = matches!(r.limit, RetentionLimit::AfterEvent { .. });
                        row(ui, "Deleted", |ui| {
                            ui.horizontal(|ui| {
                                ui.radio_value(&mut after_event, false, "after a period");
                                ui.radio_value(&mut after_event, true, "after an event");
                            });
                        });
                        let period = match &r.limit {
                            RetentionLimit::Period(p)
                            | RetentionLimit::AfterEvent { plus: p, .. } => *p,
                        };
                        let mut event = match &r.limit {
                            RetentionLimit::AfterEvent { event, .. } => event.clone(),
                            RetentionLimit::Period(_) => String::new(),
                        };
                        if after_event {
                            text(ui, "Event", &mut event);
                        }
                        let mut p = Some(period);
                        parsed(
                            app,
                            ui,
                            format!("{}.period", r.id),
                            if after_event { "Plus" } else { "Period" },
                            &mut p,
                            "30 days",
                        );
                        let p = p.unwrap_or(period);
                        r.limit = if after_event {
                            RetentionLimit::AfterEvent { event, plus: p }
                        } else {
                            RetentionLimit::Period(p)
                        };
                        multiline(ui, "Justification", &mut r.justification);
                    });
                if ui.small_button("Remove this rule").clicked() {
                    out = Some((
                        "Remove retention rule".to_owned(),
                        Command::Remove {
                            collection: Collection::Retention,
                            at,
                        },
                        None,
                    ));
                }
            });
        });
        if out.is_none() && r != before {
            let key = Some(format!("edit:{}", r.id));
            out = Some((
                format!("Edit {}", r.id),
                Command::Replace {
                    at,
                    item: Item::Retention(r),
                },
                key,
            ));
        }
    }
    if ui.button("Add a retention rule").clicked() {
        let id = ops::unique_id(&app.doc.project, &format!("ret-{node}"));
        let rule = RetentionRule {
            id: RetentionId::new(id),
            node: NodeId::new(node),
            applies_to: RetentionScope::AllPersonalData,
            limit: RetentionLimit::Period(Period::days(30)),
            justification: String::new(),
        };
        out = Some((
            "Add retention rule".to_owned(),
            ops::append(&app.doc.project, Item::Retention(rule)),
            None,
        ));
    }
    out
}

fn risk_form(app: &mut CapimapApp, ui: &mut egui::Ui, mut r: AcceptedRisk) -> Option<Item> {
    let before = r.clone();
    ui.heading("Accepted risk");
    ui.label(RichText::new(format!("{} on {}", r.rule, r.target)).monospace());
    if let Some(rule) = crate::check::rule(&r.rule) {
        ui.label(RichText::new(rule.summary).weak());
    }
    let id = r.id.to_string();
    grid(ui, "risk", |ui| {
        multiline(ui, "Justification", &mut r.justification);
        text(ui, "Accepted by", &mut r.accepted_by);
        let mut date = Some(r.date);
        parsed(
            app,
            ui,
            format!("{id}.date"),
            "Date",
            &mut date,
            "YYYY-MM-DD",
        );
        if let Some(d) = date {
            r.date = d;
        }
    });
    (r != before).then_some(Item::AcceptedRisk(r))
}
