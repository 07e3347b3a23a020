//! The desktop app (feature `gui`). For now a window that shows what the project holds; the
//! canvas, inspectors and live findings come with the app's own issue.

use std::path::PathBuf;

use eframe::egui;

use crate::model::Project;
use crate::summary::{IncomingFlow, Summary};

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
#[error("the app could not start: {0}")]
pub struct UiError(String);

/// Opens the app window on a project and returns when the window is closed.
pub fn run(project: Project, path: Option<PathBuf>) -> Result<(), UiError> {
    let title = window_title(&project, path.as_ref());
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(&title)
            .with_inner_size([1100.0, 720.0])
            .with_min_inner_size([640.0, 400.0]),
        ..Default::default()
    };
    let app = SummaryApp {
        summary: Summary::of(&project),
        path,
    };
    eframe::run_native("capimap", options, Box::new(|_cc| Ok(Box::new(app))))
        .map_err(|e| UiError(e.to_string()))
}

fn window_title(project: &Project, path: Option<&PathBuf>) -> String {
    match path {
        Some(p) => format!(
            "{} — capimap",
            p.file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default()
        ),
        None => format!("{} (example) — capimap", project.name),
    }
}

struct SummaryApp {
    summary: Summary,
    path: Option<PathBuf>,
}

impl eframe::App for SummaryApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let file = match &self.path {
                    Some(p) => p.display().to_string(),
                    None => "built-in example".to_owned(),
                };
                ui.label(file);
                ui.separator();
                let n = &self.summary.nodes;
                ui.label(format!(
                    "{} nodes · {} flows · {} fields · {} activities",
                    n.sources + n.relays + n.consent_gates + n.stores + n.destinations,
                    self.summary.flows,
                    self.summary.fields,
                    self.summary.activities
                ));
            });
        });
        egui::CentralPanel::default_margins().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| summary_ui(ui, &self.summary));
        });
    }
}

fn summary_ui(ui: &mut egui::Ui, s: &Summary) {
    ui.heading(&s.name);
    if !s.controller.is_empty() {
        ui.label(format!("Controller: {}", s.controller));
    }
    ui.add_space(8.0);
    let n = &s.nodes;
    egui::Grid::new("counts")
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (label, count) in [
                ("Sources", n.sources),
                ("Relays", n.relays),
                ("Consent gates", n.consent_gates),
                ("Stores", n.stores),
                ("Destinations", n.destinations),
                ("Flows", s.flows),
                ("Field mappings", s.field_mappings),
                ("Fields in the catalogue", s.fields),
                ("Processing activities", s.activities),
                ("Consent purposes", s.consent_purposes),
                ("Retention rules", s.retention_rules),
            ] {
                ui.label(label);
                ui.label(count.to_string());
                ui.end_row();
            }
        });
    ui.add_space(12.0);
    ui.heading("What each destination receives");
    for d in &s.destinations {
        egui::CollapsingHeader::new(format!("{} — {}, {}", d.name, d.recipient, d.country))
            .id_salt(&d.id)
            .default_open(true)
            .show(ui, |ui| {
                if d.flows.is_empty() {
                    ui.label("No flow leads here.");
                }
                for flow in &d.flows {
                    ui.label(format!("From {} ({}):", flow.from_name, flow.delivery));
                    flow_fields_ui(ui, flow);
                    ui.add_space(6.0);
                }
            });
    }
}

fn flow_fields_ui(ui: &mut egui::Ui, flow: &IncomingFlow) {
    egui::Grid::new(("fields", &flow.flow))
        .striped(true)
        .num_columns(3)
        .spacing([16.0, 2.0])
        .show(ui, |ui| {
            ui.strong("Wire name");
            ui.strong("Field");
            ui.strong("How it is sent");
            ui.end_row();
            for f in &flow.fields {
                ui.monospace(&f.wire_name);
                ui.label(&f.label);
                if f.transform == "raw" {
                    ui.colored_label(ui.visuals().warn_fg_color, &f.detail);
                } else {
                    ui.label(&f.detail);
                }
                ui.end_row();
            }
        });
}
