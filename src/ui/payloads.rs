//! Payload inspection in the app: request files read for a destination, the results in the
//! bottom panel, and undocumented fields turned into documented mappings in one step.

use std::path::PathBuf;

use eframe::egui::{self, RichText};

use crate::edit::{Command, Item, ops};
use crate::inspect::{self, Comparison, Inspection, Inspector, Kind};
use crate::model::*;

use super::app::{BottomTab, CapimapApp};
use super::theme;

/// The last inspection, for one destination.
pub struct Payloads {
    pub destination: String,
    pub files: Vec<PathBuf>,
    pub result: Inspection,
    pub comparison: Comparison,
}

/// Inspects request files for a destination and shows the results.
pub fn inspect(app: &mut CapimapApp, ctx: &egui::Context, destination: &str, files: Vec<PathBuf>) {
    let Some(platform) = app
        .doc
        .project
        .node(destination)
        .and_then(|n| n.as_destination())
        .and_then(|d| app.catalog.get(&d.platform))
        .cloned()
    else {
        app.notify(
            ctx,
            "This destination's platform is not in the catalogue: its requests cannot be read.",
        );
        return;
    };
    let mut inspector = Inspector::new(&platform);
    for f in &files {
        if let Err(e) = inspect::read_path(f, &mut inspector) {
            app.dialog = Some(super::dialogs::Dialog::Error {
                title: "The requests could not be inspected".to_owned(),
                message: e.to_string(),
            });
            return;
        }
    }
    let result = inspector.finish();
    let comparison = inspect::compare(&result, &app.doc.project, destination, &platform);
    app.notify(
        ctx,
        format!(
            "Inspected {} request bodies ({} events) for {destination}",
            result.bodies, result.events
        ),
    );
    app.payloads = Some(Payloads {
        destination: destination.to_owned(),
        files,
        result,
        comparison,
    });
    app.bottom_tab = BottomTab::Payloads;
    app.prefs.show_bottom = true;
}

/// The command that documents the undocumented fields on the first flow into the destination:
/// each becomes a mapping (to a catalogue field of the same category, or a new field), sent
/// as seen (hashed or raw), with the justification left for the user to write.
pub fn document_command(app: &CapimapApp, p: &Payloads) -> Option<Command> {
    let project = &app.doc.project;
    let flow = project.flows_into(&p.destination).next()?.clone();
    let platform = project
        .node(&p.destination)
        .and_then(|n| n.as_destination())
        .and_then(|d| app.catalog.get(&d.platform))?;
    let mut steps = Vec::new();
    let mut changed = flow.clone();
    let mut scratch = project.clone();
    for path in &p.comparison.undocumented {
        let stats = p.result.paths.get(path)?;
        let param = platform.parameter(path);
        let category = param.map_or("capimap.event_data".to_owned(), |x| x.category.clone());
        let field = match scratch.fields.iter().find(|f| f.category == category) {
            Some(f) => f.id.clone(),
            None => {
                let id = FieldId::new(ops::unique_id(&scratch, path));
                let kind = stats.kinds.keys().copied().find(|k| *k != Kind::Empty);
                let identifiability = match kind {
                    Some(Kind::Email | Kind::Phone | Kind::NameLike) => {
                        Identifiability::DirectIdentifier
                    }
                    Some(Kind::IpAddress | Kind::UrlWithPersonalData) => Identifiability::Indirect,
                    Some(Kind::Sha256Hex | Kind::Sha256Base64) => Identifiability::PseudonymousId,
                    _ => Identifiability::NotPersonal,
                };
                let f = Field {
                    id: id.clone(),
                    label: param.map_or(path.clone(), |x| x.label.clone()),
                    category: category.clone(),
                    identifiability,
                    ..Field::default()
                };
                let cmd = ops::append(&scratch, Item::Field(f));
                let _ = cmd.clone().apply(&mut scratch);
                steps.push(cmd);
                id
            }
        };
        let hashed = stats.hashed() > 0 && stats.raw() == 0;
        let transform = if hashed {
            Transform::Sha256(param.and_then(|x| x.normalisation.clone()))
        } else {
            Transform::Raw
        };
        changed
            .fields
            .push(FieldMapping::new(field, path.clone(), transform));
    }
    steps.push(ops::replace(&scratch, Item::Flow(changed))?);
    Some(Command::Batch(steps))
}

pub fn panel(app: &mut CapimapApp, ui: &mut egui::Ui) {
    let ctx = ui.ctx().clone();
    let Some(p) = &app.payloads else {
        ui.label("Drop request files (JSON, JSON Lines, HAR) on a destination's card, or select the destination and choose “Inspect payloads…” in the inspector. Values are never kept: only field paths, counts and what the values look like.");
        return;
    };
    let mut document = false;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(format!(
                "{} request bodies, {} events for {} (from {})",
                p.result.bodies,
                p.result.events,
                p.destination,
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
                    if ui.button("Document these fields").clicked() {
                        document = true;
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
    if document && let Some(cmd) = app.payloads.as_ref().and_then(|p| document_command(app, p)) {
        app.apply(&ctx, "Document inspected fields", cmd);
        if let Some(p) = &mut app.payloads {
            p.comparison.undocumented.clear();
        }
    }
}
