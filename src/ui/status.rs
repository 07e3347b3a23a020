//! The status bar: the file, the project's size, the counts of findings (each opens the
//! findings), an export under way, and the last message.

use eframe::egui::{self, RichText};

use crate::check::Severity;

use super::command::AppCommand;
use super::plural;
use super::theme;
use super::view::AppView;

pub fn status_bar(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        let name = view.doc.display_name();
        if view.doc.is_modified() {
            ui.label(format!("● {name}"))
                .on_hover_text("Unsaved changes");
        } else {
            ui.label(name);
        }
        ui.separator();
        let p = &view.doc.project;
        ui.label(format!(
            "{} · {} · {} · {}",
            plural(p.nodes.len(), "node", "nodes"),
            plural(p.flows.len(), "flow", "flows"),
            plural(p.fields.len(), "field", "fields"),
            plural(p.activities.len(), "activity", "activities"),
        ));
        ui.separator();
        for (s, one, many) in [
            (Severity::Error, "error", "errors"),
            (Severity::Warning, "warning", "warnings"),
            (Severity::Info, "note", "notes"),
        ] {
            let n = view.doc.report.count(s);
            let colour = if n > 0 {
                theme::severity_colour(s)
            } else {
                ui.visuals().weak_text_color()
            };
            let count = ui
                .add(
                    egui::Label::new(RichText::new(plural(n, one, many)).color(colour))
                        .sense(egui::Sense::click()),
                )
                .on_hover_text(format!("Show the {many}"));
            if count.clicked() {
                out.push(AppCommand::ShowFindings(Some(s)));
            }
        }
        let accepted = view.doc.report.accepted();
        if accepted > 0 {
            ui.label(format!("{accepted} accepted"));
        }
        if view.checking {
            ui.separator();
            ui.spinner();
            ui.label("Checking…")
                .on_hover_text("The findings shown are those of the last check; a new one is running.");
        }
        if let Some(done) = view.arranging {
            ui.separator();
            ui.spinner();
            ui.label(format!(
                "Laying out the cards… {} %",
                (done * 100.0).round() as u32
            ))
            .on_hover_text("The project has no saved positions: the cards stand in columns by kind until the layout is done. You can work meanwhile.");
            if ui.small_button("Stop").on_hover_text("Keep the cards where they are now").clicked() {
                out.push(AppCommand::StopLayout);
            }
        }
        if view.exporting {
            ui.separator();
            ui.spinner();
            ui.label("Exporting the record…");
        }
        if let Some(msg) = view.status {
            ui.separator();
            ui.label(RichText::new(msg).italics());
        }
    });
}
