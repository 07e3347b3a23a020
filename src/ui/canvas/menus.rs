//! Right-click menus on cards, flows and the empty canvas: what one does to the thing under
//! the pointer, as in any desktop editor.

use eframe::egui;

use crate::model::{ConsentGate, Destination, Flow, Node, NodeKind, Relay, Source, Store};

use super::super::command::AppCommand;
use super::super::dialog::Dialog;
use super::super::selection::Element;
use super::super::view::AppView;

fn item(ui: &mut egui::Ui, label: &str, out: &mut Vec<AppCommand>, commands: Vec<AppCommand>) {
    if ui.button(label).clicked() {
        out.extend(commands);
        ui.close();
    }
}

/// The last entries of a card's or flow's menu: rename its id, delete it (after selecting it).
fn rename_and_delete(ui: &mut egui::Ui, element: Element, out: &mut Vec<AppCommand>) {
    let select = AppCommand::Select {
        element: element.clone(),
        toggle: false,
    };
    item(
        ui,
        "Rename id…",
        out,
        vec![
            select.clone(),
            AppCommand::ShowDialog(Dialog::rename(&element)),
        ],
    );
    ui.separator();
    item(ui, "Delete", out, vec![select, AppCommand::Delete]);
}

/// A card's menu. Commands that act on the selection first select the card.
pub(super) fn card(ui: &mut egui::Ui, node: &Node, view: &AppView, out: &mut Vec<AppCommand>) {
    let select = || AppCommand::Select {
        element: Element::Node(node.id.clone()),
        toggle: false,
    };
    if node.as_destination().is_some() {
        item(
            ui,
            "Check a capture…",
            out,
            vec![select(), AppCommand::ChooseRequests(node.id.clone())],
        );
    }
    ui.menu_button("Add a flow to", |ui| {
        for other in view.doc.project.nodes.iter().filter(|n| n.id != node.id) {
            item(
                ui,
                &other.name,
                out,
                vec![AppCommand::Connect {
                    from: node.id.clone(),
                    to: other.id.clone(),
                }],
            );
        }
    });
    item(ui, "Duplicate", out, vec![select(), AppCommand::Duplicate]);
    item(ui, "Copy", out, vec![select(), AppCommand::Copy]);
    rename_and_delete(ui, Element::Node(node.id.clone()), out);
}

/// A flow's menu (on its badge).
pub(super) fn flow(ui: &mut egui::Ui, flow: &Flow, out: &mut Vec<AppCommand>) {
    let select = || AppCommand::Select {
        element: Element::Flow(flow.id.clone()),
        toggle: false,
    };
    item(
        ui,
        "Propose mappings",
        out,
        vec![select(), AppCommand::ProposeMappings(flow.id.clone())],
    );
    rename_and_delete(ui, Element::Flow(flow.id.clone()), out);
}

/// The empty canvas's menu.
pub(super) fn background(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    for (label, kind) in [
        ("Add a source", NodeKind::Source(Source::default())),
        (
            "Add a consent gate",
            NodeKind::ConsentGate(ConsentGate::default()),
        ),
        ("Add a relay", NodeKind::Relay(Relay::default())),
        ("Add a store", NodeKind::Store(Store::default())),
    ] {
        item(ui, label, out, vec![AppCommand::AddNode(kind)]);
    }
    ui.menu_button("Add a destination", |ui| {
        for p in view.catalog.platforms() {
            item(
                ui,
                &p.name,
                out,
                vec![AppCommand::AddDestination(p.id.clone())],
            );
        }
        ui.separator();
        item(
            ui,
            "Other destination",
            out,
            vec![AppCommand::AddNode(NodeKind::Destination(
                Destination::default(),
            ))],
        );
    });
    ui.separator();
    item(ui, "Paste", out, vec![AppCommand::Paste]);
    item(ui, "Select all nodes", out, vec![AppCommand::SelectAll]);
    ui.separator();
    item(ui, "Fit the diagram", out, vec![AppCommand::Fit]);
    item(ui, "Automatic layout", out, vec![AppCommand::AutoLayout]);
}
