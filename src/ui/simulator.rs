//! The consent simulator: choose granted or denied for each consent purpose, and where the
//! users are; the canvas and the field inventory then show what each flow carries in that
//! state (from `check::plan::simulate`, the same verdicts as `capimap plan`). A view of the
//! project, not an edit: nothing is saved and nothing goes into the undo history.

use eframe::egui::{self, RichText};

use crate::catalog::Catalog;
use crate::check::plan::{Simulation, simulate};

use super::command::{AppCommand, SimChoice};
use super::document::Document;
use super::theme;
use super::view::AppView;

/// The simulator's state: the choice, and what it gives for the project as it is now.
#[derive(Default)]
pub struct Simulator {
    choice: Option<SimChoice>,
    result: Option<Simulation>,
    /// Why nothing could be simulated.
    error: Option<String>,
    /// The project revision and choice the result is for.
    computed: Option<(u64, SimChoice)>,
}

impl Simulator {
    pub fn is_on(&self) -> bool {
        self.choice.is_some()
    }

    pub fn choice(&self) -> Option<&SimChoice> {
        self.choice.as_ref()
    }

    /// Turns the simulator on (with `Some`), changes the choice, or turns it off.
    pub fn set(&mut self, choice: Option<SimChoice>) {
        self.choice = choice;
        if self.choice.is_none() {
            self.result = None;
            self.computed = None;
        }
    }

    /// The simulation of the current choice, when on.
    pub fn result(&self) -> Option<&Simulation> {
        self.choice.as_ref().and(self.result.as_ref())
    }

    /// Works the simulation out again when the project or the choice changed since.
    pub fn refresh(&mut self, doc: &Document, catalog: &Catalog) {
        let Some(choice) = &mut self.choice else {
            return;
        };
        let now = (doc.revision(), choice.clone());
        if self.computed.as_ref() == Some(&now) {
            return;
        }
        match simulate(&doc.project, catalog, choice.scope, &choice.denied) {
            Ok(Some((scope, r))) => {
                // A scope gone with an edit falls back to the first; purposes no longer asked
                // for these users are no longer denied.
                choice.scope = scope;
                if let Some(s) = r.scopes.get(scope) {
                    choice.denied.retain(|d| s.purposes.contains(d));
                }
                self.result = Some(r);
                self.error = None;
            }
            Ok(None) => {
                self.result = None;
                self.error = None;
            }
            Err(e) => {
                self.result = None;
                self.error = Some(e.to_string());
            }
        }
        self.computed = Some((doc.revision(), choice.clone()));
    }

    /// The bar above the canvas: the users, a switch per purpose, and what the state gives.
    pub fn bar(&self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        let Some(choice) = &self.choice else {
            return;
        };
        let project = &view.doc.project;
        ui.horizontal_wrapped(|ui| {
            ui.strong("Consent simulator");
            if ui
                .button("Close")
                .on_hover_text("Leave the simulator")
                .clicked()
            {
                out.push(AppCommand::Simulate(None));
            }
            ui.separator();
            let scopes = self.result.as_ref().map_or(&[][..], |r| r.scopes.as_slice());
            if scopes.is_empty() {
                // With an error (too many purposes), the line below says why.
                if self.error.is_none() {
                    ui.label(
                    RichText::new(
                        "No consent purpose is asked for anyone whose data reaches a destination: there is nothing to simulate.",
                    )
                    .weak(),
                );
                }
            } else {
                ui.label("Users in");
                let current = scopes
                    .get(choice.scope)
                    .map_or("", |s| s.label.as_str());
                egui::ComboBox::from_id_salt("simulator-scope")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for (i, s) in scopes.iter().enumerate() {
                            if ui.selectable_label(i == choice.scope, &s.label).clicked() {
                                out.push(AppCommand::Simulate(Some(SimChoice {
                                    scope: i,
                                    denied: choice.denied.clone(),
                                })));
                            }
                        }
                    })
                    .response
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Users in")
                    });
                ui.separator();
                if let Some(s) = scopes.get(choice.scope) {
                    for id in &s.purposes {
                        let name = project.consent_purpose(id).map_or(id.as_str(), |c| &c.name);
                        let mut granted = !choice.denied.contains(id);
                        let r = ui
                            .checkbox(&mut granted, name)
                            .on_hover_text(format!(
                                "Granted when ticked, denied when not ({id})"
                            ));
                        if r.changed() {
                            let mut denied = choice.denied.clone();
                            if granted {
                                denied.retain(|d| d != id);
                            } else {
                                denied.push(id.clone());
                            }
                            out.push(AppCommand::Simulate(Some(SimChoice {
                                scope: choice.scope,
                                denied,
                            })));
                        }
                    }
                }
            }
        });
        // What the state gives, on a line of its own.
        ui.horizontal_wrapped(|ui| {
            if let Some(e) = &self.error {
                ui.label(RichText::new(e).color(theme::ERROR));
            } else if let Some(r) = &self.result {
                let names: Vec<&str> = r
                    .receiving
                    .iter()
                    .map(|d| project.node(d).map_or(d.as_str(), |n| n.name.as_str()))
                    .collect();
                if names.is_empty() {
                    ui.label("No destination receives anything.");
                } else {
                    ui.label(format!("Receiving data: {}.", names.join(", ")));
                }
                if r.without_consent > 0 {
                    ui.label(
                        RichText::new(format!(
                            "{} sent without the consent needed (red badges).",
                            super::plural(r.without_consent, "field", "fields")
                        ))
                        .color(theme::ERROR),
                    );
                }
            }
        });
    }
}
