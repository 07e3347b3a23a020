//! The outline, the findings and field-inventory tabs, and the status bar.

use std::collections::{HashMap, HashSet};

use eframe::egui::{self, Color32, RichText};

use crate::check::Severity;
use crate::model::{NodeKind, Transform};

use super::app::{BottomTab, CapimapApp};
use super::dialogs::Dialog;
use super::selection::Element;
use super::theme;

pub fn status_bar(app: &mut CapimapApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let name = app.doc.display_name();
        if app.doc.is_modified() {
            ui.label(format!("● {name}"))
                .on_hover_text("Unsaved changes");
        } else {
            ui.label(name);
        }
        ui.separator();
        let p = &app.doc.project;
        ui.label(format!(
            "{} nodes · {} flows · {} fields · {} activities",
            p.nodes.len(),
            p.flows.len(),
            p.fields.len(),
            p.activities.len()
        ));
        ui.separator();
        for (s, word) in [
            (Severity::Error, "errors"),
            (Severity::Warning, "warnings"),
            (Severity::Info, "notes"),
        ] {
            let n = app.doc.report.count(s);
            let colour = if n > 0 {
                theme::severity_colour(s)
            } else {
                ui.visuals().weak_text_color()
            };
            ui.colored_label(colour, format!("{n} {word}"));
        }
        let accepted = app.doc.report.accepted();
        if accepted > 0 {
            ui.label(format!("{accepted} accepted"));
        }
        if app.is_exporting() {
            ui.separator();
            ui.spinner();
            ui.label("Exporting the record…");
        }
        if let Some((msg, at)) = &app.status {
            let now = ui.input(|i| i.time);
            if now - at < 8.0 {
                ui.separator();
                ui.label(RichText::new(msg).italics());
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs(1));
            }
        }
    });
}

pub fn outline(app: &mut CapimapApp, ui: &mut egui::Ui) {
    ui.add_space(4.0);
    let search = ui
        .add(
            egui::TextEdit::singleline(&mut app.outline_filter)
                .hint_text("Search (Ctrl+F)")
                .desired_width(f32::INFINITY),
        )
        .accessible_name("Search the outline");
    if app.focus_search {
        search.request_focus();
        app.focus_search = false;
    }
    let filter = app.outline_filter.to_lowercase();
    let matches = |text: &str| filter.is_empty() || text.to_lowercase().contains(&filter);
    ui.add_space(4.0);
    let mut clicked: Option<Element> = None;
    egui::ScrollArea::vertical().show(ui, |ui| {
        let project = &app.doc.project;
        let mut entry = |ui: &mut egui::Ui, element: Element, text: String| {
            let selected = app.selection.contains(&element);
            if ui.selectable_label(selected, text).clicked() {
                clicked = Some(element);
            }
        };
        if matches("organisation") || matches(&project.organisation.controller.name) {
            entry(
                ui,
                Element::Organisation,
                format!("🏢 {}", project.organisation.controller.name),
            );
        }
        type IsKind = fn(&NodeKind) -> bool;
        let kinds: [(&str, IsKind); 5] = [
            ("Sources", |k| matches!(k, NodeKind::Source(_))),
            ("Consent gates", |k| matches!(k, NodeKind::ConsentGate(_))),
            ("Relays", |k| matches!(k, NodeKind::Relay(_))),
            ("Stores", |k| matches!(k, NodeKind::Store(_))),
            ("Destinations", |k| matches!(k, NodeKind::Destination(_))),
        ];
        for (title, is) in kinds {
            let nodes: Vec<_> = project
                .nodes
                .iter()
                .filter(|n| is(&n.kind) && (matches(&n.name) || matches(n.id.as_str())))
                .collect();
            egui::CollapsingHeader::new(format!("{title} ({})", nodes.len()))
                .id_salt(title)
                .default_open(true)
                .show(ui, |ui| {
                    let rows: Vec<(Element, String)> = nodes
                        .iter()
                        .map(|n| {
                            let marks = app.doc.mark(n.id.as_str()).map_or(0, |m| m.count);
                            let text = if marks > 0 {
                                format!("{} {}  ⚠{marks}", theme::kind_icon(&n.kind), n.name)
                            } else {
                                format!("{} {}", theme::kind_icon(&n.kind), n.name)
                            };
                            (Element::Node(n.id.to_string()), text)
                        })
                        .collect();
                    entries(ui, title, rows, &mut entry);
                });
        }
        let activities: Vec<_> = project
            .activities
            .iter()
            .filter(|a| matches(&a.name) || matches(a.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Processing activities ({})", activities.len()))
            .default_open(true)
            .show(ui, |ui| {
                for a in activities {
                    entry(ui, Element::Activity(a.id.to_string()), a.name.clone());
                }
            });
        let purposes: Vec<_> = project
            .consent_purposes
            .iter()
            .filter(|c| matches(&c.name) || matches(c.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Consent purposes ({})", purposes.len()))
            .default_open(false)
            .show(ui, |ui| {
                for c in purposes {
                    entry(
                        ui,
                        Element::ConsentPurpose(c.id.to_string()),
                        c.name.clone(),
                    );
                }
            });
        let fields: Vec<_> = project
            .fields
            .iter()
            .filter(|f| matches(&f.label) || matches(f.id.as_str()) || matches(&f.category))
            .collect();
        egui::CollapsingHeader::new(format!("Fields ({})", fields.len()))
            .default_open(false)
            .show(ui, |ui| {
                for f in fields {
                    entry(ui, Element::Field(f.id.to_string()), f.label.clone());
                }
            });
        let risks: Vec<_> = project
            .accepted_risks
            .iter()
            .filter(|r| matches(&r.rule) || matches(&r.target) || matches(r.id.as_str()))
            .collect();
        egui::CollapsingHeader::new(format!("Accepted risks ({})", risks.len()))
            .default_open(false)
            .show(ui, |ui| {
                for r in risks {
                    entry(
                        ui,
                        Element::AcceptedRisk(r.id.to_string()),
                        format!("{} on {}", r.rule, r.target),
                    );
                }
            });
    });
    if let Some(e) = clicked {
        app.select_and_frame(e);
    }
}

/// A list of outline entries; a long one scrolls in a box of its own, where only the entries
/// in view are laid out.
fn entries(
    ui: &mut egui::Ui,
    id: &str,
    rows: Vec<(Element, String)>,
    entry: &mut impl FnMut(&mut egui::Ui, Element, String),
) {
    const SHORT: usize = 60;
    if rows.len() <= SHORT {
        for (e, text) in rows {
            entry(ui, e, text);
        }
        return;
    }
    let height = ui.text_style_height(&egui::TextStyle::Button) + ui.spacing().item_spacing.y + 2.0;
    let mut rows: Vec<Option<(Element, String)>> = rows.into_iter().map(Some).collect();
    egui::ScrollArea::vertical()
        .id_salt(("outline", id))
        .max_height(320.0)
        .show_rows(ui, height, rows.len(), |ui, range| {
            for i in range {
                if let Some((e, text)) = rows[i].take() {
                    entry(ui, e, text);
                }
            }
        });
}

pub fn bottom(app: &mut CapimapApp, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        let open = app
            .doc
            .report
            .findings
            .iter()
            .filter(|f| f.is_open())
            .count();
        ui.selectable_value(
            &mut app.bottom_tab,
            BottomTab::Findings,
            format!("Findings ({open})"),
        );
        ui.selectable_value(&mut app.bottom_tab, BottomTab::Inventory, "Field inventory");
        ui.selectable_value(
            &mut app.bottom_tab,
            BottomTab::Payloads,
            "Payload inspection",
        );
    });
    ui.separator();
    match app.bottom_tab {
        BottomTab::Findings => findings(app, ui),
        BottomTab::Inventory => inventory(app, ui),
        BottomTab::Payloads => super::payloads::panel(app, ui),
    }
}

/// Up to this many findings are listed with all their details; beyond, one line each (only the
/// lines in view are laid out) with the details of the one clicked.
const DETAILED_UP_TO: usize = 150;

fn findings(app: &mut CapimapApp, ui: &mut egui::Ui) {
    if app.doc.report.findings.len() > DETAILED_UP_TO {
        findings_compact(app, ui);
    } else {
        findings_detailed(app, ui);
    }
}

fn findings_compact(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let mut go_to: Option<(String, String)> = None;
    let mut accept: Option<Dialog> = None;
    let findings = &app.doc.report.findings;
    if let Some(f) = app.finding_focus.and_then(|i| findings.get(i)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            finding_row(ui, f, &mut go_to, &mut accept);
        });
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut focus = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, findings.len(), |ui, rows| {
            for i in rows {
                let f = &findings[i];
                ui.horizontal(|ui| {
                    let dot = if f.is_open() { "●" } else { "○" };
                    ui.colored_label(theme::severity_colour(f.severity), dot);
                    let text = format!("{} {} — {}", f.target.kind, f.target.name, f.message);
                    let r = ui
                        .add(
                            egui::Label::new(text)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .on_hover_text(f.rule.id);
                    if r.clicked() {
                        focus = Some(i);
                        go_to = Some((f.target.kind.to_owned(), f.target.id.clone()));
                    }
                });
            }
        });
    if focus.is_some() {
        app.finding_focus = focus;
    }
    if let Some((kind, id)) = go_to {
        app.select_target(&kind, &id);
    }
    if let Some(d) = accept {
        app.dialog = Some(d);
    }
}

fn findings_detailed(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let mut go_to: Option<(String, String)> = None;
    let mut accept: Option<Dialog> = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if app.doc.report.findings.is_empty() {
                ui.label("No findings: every check passes.");
            }
            for (severity, title) in [
                (Severity::Error, "Errors"),
                (Severity::Warning, "Warnings"),
                (Severity::Info, "Notes"),
            ] {
                let group: Vec<_> = app
                    .doc
                    .report
                    .findings
                    .iter()
                    .filter(|f| f.is_open() && f.severity == severity)
                    .collect();
                if group.is_empty() {
                    continue;
                }
                egui::CollapsingHeader::new(
                    RichText::new(format!("{title} ({})", group.len()))
                        .color(theme::severity_colour(severity))
                        .strong(),
                )
                .id_salt(title)
                .default_open(true)
                .show(ui, |ui| {
                    for f in group {
                        finding_row(ui, f, &mut go_to, &mut accept);
                    }
                });
            }
            let accepted: Vec<_> = app
                .doc
                .report
                .findings
                .iter()
                .filter(|f| !f.is_open())
                .collect();
            if !accepted.is_empty() {
                egui::CollapsingHeader::new(format!("Accepted risks ({})", accepted.len()))
                    .default_open(false)
                    .show(ui, |ui| {
                        for f in accepted {
                            finding_row(ui, f, &mut go_to, &mut accept);
                        }
                    });
            }
        });
    if let Some((kind, id)) = go_to {
        app.select_target(&kind, &id);
    }
    if let Some(d) = accept {
        app.dialog = Some(d);
    }
}

fn finding_row(
    ui: &mut egui::Ui,
    f: &crate::check::Finding,
    go_to: &mut Option<(String, String)>,
    accept: &mut Option<Dialog>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(theme::severity_colour(f.severity), "●");
        let link = ui
            .link(RichText::new(format!("{} {}", f.target.kind, f.target.name)).strong())
            .on_hover_text("Select it");
        if link.clicked() {
            *go_to = Some((f.target.kind.to_owned(), f.target.id.clone()));
        }
        ui.label(RichText::new(f.rule.id).monospace().weak());
    });
    ui.indent(("finding", f.rule.id, &f.target.id, &f.message), |ui| {
        ui.label(&f.message);
        if !f.path.is_empty() {
            ui.label(RichText::new(format!("Path: {}", f.path.join(" → "))).weak());
        }
        ui.label(RichText::new(format!("Why: {}", f.rule.rests_on)).weak());
        ui.label(format!("Fix: {}", f.fix));
        match &f.accepted {
            Some(a) => {
                ui.label(
                    RichText::new(format!(
                        "Accepted by {} on {}: {}",
                        a.accepted_by, a.date, a.justification
                    ))
                    .italics(),
                );
            }
            None => {
                if ui.small_button("Accept risk…").clicked() {
                    *accept = Some(Dialog::AcceptRisk {
                        rule: f.rule.id.to_owned(),
                        target: f.target.id.clone(),
                        name: f.target.name.clone(),
                        justification: String::new(),
                        accepted_by: String::new(),
                        date: String::new(),
                        error: None,
                    });
                }
            }
        }
    });
    ui.add_space(6.0);
}

/// Filters of the field inventory.
#[derive(Clone, Debug, Default)]
pub struct InventoryFilter {
    pub category: String,
    /// Show only this receiving node.
    pub node: Option<String>,
}

/// The most receivers the field inventory shows side by side.
const MAX_INVENTORY_COLUMNS: usize = 40;

fn inventory(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let project = &app.doc.project;
    ui.horizontal(|ui| {
        ui.label("Category");
        ui.add(
            egui::TextEdit::singleline(&mut app.inventory.category)
                .hint_text("e.g. user.contact")
                .desired_width(160.0),
        )
        .accessible_name("Filter by category");
        ui.label("Receiver");
        let current = app
            .inventory
            .node
            .as_deref()
            .and_then(|id| project.node(id))
            .map_or("All".to_owned(), |n| n.name.clone());
        egui::ComboBox::from_id_salt("inventory-node")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut app.inventory.node, None, "All");
                for n in project
                    .nodes
                    .iter()
                    .filter(|n| !matches!(n.kind, NodeKind::Source(_) | NodeKind::ConsentGate(_)))
                {
                    ui.selectable_value(&mut app.inventory.node, Some(n.id.to_string()), &n.name);
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by receiver")
            });
    });
    // What each receiver gets of each field, from one pass over the flows: the first flow
    // into it that sends the field. The grid below then only looks cells up.
    let mut cells: HashMap<(&str, &str), (&str, &Transform)> = HashMap::new();
    for flow in &project.flows {
        for m in flow.sent_fields() {
            cells
                .entry((m.field.as_str(), flow.to.as_str()))
                .or_insert((flow.id.as_str(), &m.transform));
        }
    }
    let receives: HashSet<&str> = project.flows.iter().map(|f| f.to.as_str()).collect();
    // Columns: relays, stores and destinations that receive something.
    let columns: Vec<_> = project
        .nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Source(_) | NodeKind::ConsentGate(_)))
        .filter(|n| {
            app.inventory
                .node
                .as_deref()
                .is_none_or(|x| x == n.id.as_str())
        })
        .filter(|n| receives.contains(n.id.as_str()))
        .collect();
    // A grid of every receiver of a very large project would be unreadable and slow to draw:
    // show the first ones and say how to reach the others.
    let mut columns = columns;
    if columns.len() > MAX_INVENTORY_COLUMNS {
        ui.label(
            RichText::new(format!(
                "Showing {MAX_INVENTORY_COLUMNS} of {} receivers: pick one under Receiver to see its column.",
                columns.len()
            ))
            .color(theme::WARNING),
        );
        columns.truncate(MAX_INVENTORY_COLUMNS);
    }
    let rows: Vec<_> = project
        .fields
        .iter()
        .filter(|f| {
            app.inventory.category.is_empty() || f.category.contains(app.inventory.category.trim())
        })
        .collect();
    let mut select = None;
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("inventory")
                .striped(true)
                .min_col_width(70.0)
                .show(ui, |ui| {
                    ui.strong("Field");
                    ui.strong("Category");
                    for n in &columns {
                        ui.strong(&n.name);
                    }
                    ui.end_row();
                    for f in &rows {
                        ui.label(&f.label);
                        ui.label(RichText::new(&f.category).weak());
                        for n in &columns {
                            match cells.get(&(f.id.as_str(), n.id.as_str())) {
                                None => {
                                    ui.label(RichText::new("–").weak());
                                }
                                Some(&(flow, t)) => {
                                    let (text, colour) = match t {
                                        Transform::Raw => ("raw", theme::WARNING),
                                        Transform::Sha256(_) => {
                                            ("hashed", Color32::from_rgb(0x2e, 0x8b, 0x57))
                                        }
                                        _ => (t.short(), ui.visuals().text_color()),
                                    };
                                    let r =
                                        ui.add(
                                            egui::Button::new(RichText::new(text).color(colour))
                                                .small(),
                                        )
                                        .on_hover_text(format!("{t} on flow {flow}"))
                                        .accessible_name(
                                            format!("{} to {}: {text}", f.label, n.name),
                                        );
                                    if r.clicked() {
                                        select = Some(flow.to_owned());
                                    }
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(flow) = select {
        app.select_and_frame(Element::Flow(flow));
    }
}
