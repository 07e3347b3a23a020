//! The field inventory: which receiver gets which field, and how (raw, hashed, …); a cell
//! selects the flow that sends it.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use eframe::egui::{self, Color32, RichText};

use crate::model::{FlowId, NodeId, NodeKind, Transform};

use crate::check::plan::Carriage;

use super::command::AppCommand;
use super::selection::Element;
use super::theme;
use super::view::AppView;

/// The field inventory's own state: its filters.
#[derive(Default)]
pub struct Inventory {
    filter: InventoryFilter,
}

/// Filters of the field inventory.
#[derive(Clone, Debug, Default)]
pub struct InventoryFilter {
    pub category: String,
    /// Show only this receiving node.
    pub node: Option<NodeId>,
}

/// The most receivers the field inventory shows side by side.
const MAX_INVENTORY_COLUMNS: usize = 40;

impl Inventory {
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        inventory(&mut self.filter, ui, view, out);
    }
}

fn inventory(
    filter: &mut InventoryFilter,
    ui: &mut egui::Ui,
    view: &AppView,
    out: &mut Vec<AppCommand>,
) {
    let project = &view.doc.project;
    ui.horizontal(|ui| {
        ui.label("Category");
        ui.add(
            egui::TextEdit::singleline(&mut filter.category)
                .hint_text("e.g. user.contact")
                .desired_width(160.0),
        )
        .accessible_name("Filter by category");
        ui.label("Receiver");
        let current = filter
            .node
            .as_ref()
            .and_then(|id| project.node(id.as_str()))
            .map_or("All".to_owned(), |n| n.name.clone());
        egui::ComboBox::from_id_salt("inventory-node")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.node, None, "All");
                for n in project
                    .nodes
                    .iter()
                    .filter(|n| !matches!(n.kind, NodeKind::Source(_) | NodeKind::ConsentGate(_)))
                {
                    ui.selectable_value(&mut filter.node, Some(n.id.clone()), &n.name);
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Filter by receiver")
            });
    });
    // What each receiver gets of each field, from one pass over the flows: the first flow
    // into it that sends the field. The grid below then only looks cells up.
    let mut cells: HashMap<(&str, &str), (&FlowId, &Transform)> = HashMap::default();
    for flow in &project.flows {
        for m in flow.sent_fields() {
            cells
                .entry((m.field.as_str(), flow.to.as_str()))
                .or_insert((&flow.id, &m.transform));
        }
    }
    // In the consent simulator: what each cell carries in the simulated state, the most
    // telling over every flow into the receiver (sent without consent, unknown, sent, none).
    let mut simulated: HashMap<(&str, &str), &Carriage> = HashMap::default();
    if let Some(sim) = view.simulation {
        for flow in &project.flows {
            for m in flow.sent_fields() {
                let Some(c) = sim.carriage(flow.id.as_str(), m.field.as_str()) else {
                    continue;
                };
                let e = simulated
                    .entry((m.field.as_str(), flow.to.as_str()))
                    .or_insert(c);
                if c.rank() > e.rank() {
                    *e = c;
                }
            }
        }
    }
    let receives: HashSet<&str> = project.flows.iter().map(|f| f.to.as_str()).collect();
    // Columns: relays, stores and destinations that receive something.
    let columns: Vec<_> = project
        .nodes
        .iter()
        .filter(|n| !matches!(n.kind, NodeKind::Source(_) | NodeKind::ConsentGate(_)))
        .filter(|n| filter.node.as_ref().is_none_or(|x| x == &n.id))
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
        .filter(|f| filter.category.is_empty() || f.category.contains(filter.category.trim()))
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
                                    let sim = simulated.get(&(f.id.as_str(), n.id.as_str()));
                                    let (shown, note) = match sim {
                                        None => (RichText::new(text).color(colour), ""),
                                        Some(Carriage::Carried) => {
                                            (RichText::new(text).color(colour), "")
                                        }
                                        Some(Carriage::Blocked) => (
                                            RichText::new(text).weak().strikethrough(),
                                            "; not sent in the simulated consent state",
                                        ),
                                        Some(Carriage::WithoutConsent { .. }) => (
                                            RichText::new(format!("{text} ⚠")).color(theme::ERROR),
                                            "; sent without the consent it needs in the simulated consent state",
                                        ),
                                        Some(Carriage::Unknown { .. }) => (
                                            RichText::new(format!("{text} ?")).color(colour),
                                            "; sent, but the model does not say which consent it needs",
                                        ),
                                    };
                                    let r = ui
                                        .add(egui::Button::new(shown).small())
                                        .on_hover_text(format!("{t} on flow {flow}{note}"))
                                        .accessible_name(format!(
                                            "{} to {}: {text}{note}",
                                            f.label, n.name
                                        ));
                                    if r.clicked() {
                                        select = Some(flow.clone());
                                    }
                                }
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    if let Some(flow) = select {
        out.push(AppCommand::Reveal(Element::Flow(flow)));
    }
}
