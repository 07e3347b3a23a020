//! Payload inspection in the app: request files read for a destination, the results in the
//! bottom panel, and undocumented fields turned into documented mappings in one step.

use eframe::egui::{self, RichText};

use super::command::AppCommand;
use super::plural;
use super::theme;
use super::view::AppView;

/// The inspection tab: what was seen, how it compares with the record, and the button that
/// documents what the record lacks.
pub fn panel(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let Some(p) = view.payloads else {
        ui.label("Drop request files (JSON, JSON Lines, HAR) on a destination's card, or select the destination and choose “Inspect payloads…” in the inspector. Values are never kept: only field paths, counts and what the values look like.");
        return;
    };
    let destination = view
        .doc
        .project
        .node(p.destination.as_str())
        .map_or(p.destination.as_str(), |n| n.name.as_str());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(format!(
                "{}, {} for {destination} (from {})",
                plural(p.result.bodies, "request body", "request bodies"),
                plural(p.result.events, "event", "events"),
                p.files
                    .iter()
                    .map(|f| f
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            for f in &p.result.flags {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::ERROR, "●");
                    ui.label(RichText::new(f.id).monospace().weak());
                    ui.label(&f.message);
                });
            }
            let c = &p.comparison;
            if !c.undocumented.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::WARNING, "●");
                    ui.label(format!(
                        "Sent but not documented: {}",
                        c.undocumented.join(", ")
                    ));
                    if ui
                        .button("Document these fields")
                        .on_hover_text("Add them to the first flow into this destination, as seen (hashed or raw), as one undoable step; then write why each is needed")
                        .clicked()
                    {
                        out.push(AppCommand::DocumentInspected);
                    }
                });
            }
            if !c.never_seen.is_empty() {
                ui.label(format!(
                "Documented but never seen: {} (stale record, or data that need not be collected)",
                c.never_seen.join(", ")
            ));
            }
            for (path, documented, seen) in &c.transform_differs {
                ui.label(format!("{path}: documented as {documented}, but {seen}"));
            }
            ui.add_space(6.0);
            egui::Grid::new("payload-paths")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong("Field");
                    ui.strong("Events");
                    ui.strong("Hashed");
                    ui.strong("Raw");
                    ui.strong("Looks like");
                    ui.end_row();
                    for (path, s) in &p.result.paths {
                        ui.monospace(path);
                        ui.label(s.present.to_string());
                        ui.label(s.hashed().to_string());
                        ui.label(s.raw().to_string());
                        ui.label(
                            s.kinds
                                .iter()
                                .map(|(k, n)| format!("{} ×{n}", k.label()))
                                .collect::<Vec<_>>()
                                .join(", "),
                        );
                        ui.end_row();
                    }
                });
        });
}
