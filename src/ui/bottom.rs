//! The bottom panel: its tabs (findings, field inventory, payload inspection, and the changes
//! while comparing with another version) and the state of each.

use eframe::egui;

use super::changes::ChangesList;
use super::command::{AppCommand, BottomTab};
use super::findings::FindingsList;
use super::inventory::Inventory;
use super::view::AppView;

pub struct BottomPanel {
    pub tab: BottomTab,
    pub findings: FindingsList,
    inventory: Inventory,
    changes: ChangesList,
}

impl Default for BottomPanel {
    fn default() -> Self {
        Self {
            tab: BottomTab::Findings,
            findings: FindingsList::default(),
            inventory: Inventory::default(),
            changes: ChangesList::default(),
        }
    }
}

impl BottomPanel {
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        ui.horizontal(|ui| {
            let open = view
                .doc
                .report
                .findings
                .iter()
                .filter(|f| f.is_open())
                .count();
            ui.selectable_value(
                &mut self.tab,
                BottomTab::Findings,
                if view.doc.was_checked() {
                    format!("Findings ({open})")
                } else {
                    "Findings".to_owned()
                },
            );
            ui.selectable_value(&mut self.tab, BottomTab::Inventory, "Field inventory");
            ui.selectable_value(&mut self.tab, BottomTab::Payloads, "Payload inspection");
            if let Some(c) = view.comparison {
                ui.selectable_value(
                    &mut self.tab,
                    BottomTab::Changes,
                    format!("Changes ({})", c.changes.len()),
                );
            }
        });
        ui.separator();
        match self.tab {
            BottomTab::Findings => self.findings.ui(ui, view, out),
            BottomTab::Inventory => self.inventory.ui(ui, view, out),
            BottomTab::Payloads => super::payloads::panel(ui, view, out),
            BottomTab::Changes => self.changes.ui(ui, view, out),
        }
    }
}
