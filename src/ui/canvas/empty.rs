//! The canvas of an empty project: what to do first, with the buttons to do it.

use eframe::egui;

use super::super::command::AppCommand;
use super::Canvas;

impl Canvas {
    /// An empty project: what to do first, with the buttons to do it.
    pub(super) fn empty_state(ui: &mut egui::Ui, actions: &mut Vec<AppCommand>) {
        use crate::model::{ConsentGate, NodeKind, Relay, Source};
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() / 2.0 - 90.0).max(20.0));
            ui.heading("An empty project");
            ui.label("Start where personal data enters, then add what it passes through and where it goes:");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                // Centre the row of buttons.
                ui.add_space((ui.available_width() - 420.0).max(0.0) / 2.0);
                if ui.button("🌐 Add a source").on_hover_text("A web shop, an app, a CRM").clicked() {
                    actions.push(AppCommand::AddNode(NodeKind::Source(Source::default())));
                }
                if ui.button("🛡 Add a consent gate").on_hover_text("The consent platform that lets events through only with consent").clicked() {
                    actions.push(AppCommand::AddNode(NodeKind::ConsentGate(ConsentGate::default())));
                }
                if ui.button("🔀 Add a relay").on_hover_text("A server-side tag manager or CDP").clicked() {
                    actions.push(AppCommand::AddNode(NodeKind::Relay(Relay::default())));
                }
            });
            ui.add_space(4.0);
            ui.label("Destinations come filled in from the catalogue: Add ▸ Destination.");
            ui.add_space(4.0);
            if ui.link("Or open the example to see a finished map").clicked() {
                actions.push(AppCommand::Request(super::super::command::Pending::OpenExample));
            }
        });
    }
}
