//! File ▸ Import ▸ Fides YAML… and File ▸ Export ▸ Fides YAML… / DPV JSON-LD…: the map
//! handed to and taken from the rest of a privacy team's tools. An import adds what the open
//! project lacks as one undo step, then says what fideslang could not tell.

use std::path::PathBuf;

use eframe::egui;

use super::CapimapApp;
use crate::import::fides;
use crate::model::Date;
use crate::report::export;
use crate::store;
use crate::ui::command::Exchange;
use crate::ui::dialog::Dialog;
use crate::ui::files::{self, Choice, Purpose};

impl CapimapApp {
    /// Asks for a fideslang file, in the project's folder.
    pub(super) fn import_fides(&mut self, ctx: &egui::Context) {
        let near = self.doc.path.clone();
        match self.choose(Purpose::Fides, near.as_ref()) {
            Choice::Chosen(path) => self.import_fides_from(ctx, path),
            Choice::Several(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    self.import_fides_from(ctx, path);
                }
            }
            Choice::Cancelled => {}
            Choice::Unavailable => self.dialogs.open(Dialog::path_prompt(Purpose::Fides, None)),
        }
        ctx.request_repaint();
    }

    pub(super) fn import_fides_from(&mut self, ctx: &egui::Context, path: PathBuf) {
        let read = store::read_capped(
            &path,
            fides::MAX_FILE_BYTES,
            "and a fideslang file is a few MB at most",
        )
        .map_err(|e| e.to_string())
        .and_then(|bytes| {
            fides::parse(&bytes, &path.display().to_string()).map_err(|e| e.to_string())
        });
        let manifest = match read {
            Ok(m) => m,
            Err(message) => {
                self.dialogs.open(Dialog::Error {
                    title: "The fideslang file could not be imported".to_owned(),
                    message,
                });
                return;
            }
        };
        let imported = fides::to_project(&manifest);
        let merge = fides::merge(&self.doc.project, &imported.project);
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if merge.added > 0 {
            self.edit(
                ctx,
                &format!("Import {name} from Fides"),
                merge.command,
                None,
            );
        }
        let mut message = if merge.added == 0 {
            format!("The project already has everything {name} describes: nothing was added.")
        } else {
            format!(
                "Added {} from {name} (systems as nodes, declarations as activities, data flows as flows): one step to undo.",
                super::super::plural(merge.added, "element", "elements")
            )
        };
        if !merge.kept.is_empty() {
            message.push_str(&format!(
                "\n\nKept as they are in the project ({}): {}.",
                merge.kept.len(),
                merge.kept.join(", ")
            ));
        }
        if merge.added > 0 && !imported.to_complete.is_empty() {
            message.push_str("\n\nTo complete — fideslang does not say:");
            for t in &imported.to_complete {
                message.push_str(&format!("\n • {t}"));
            }
        }
        self.dialogs.open(Dialog::Notice {
            title: "Imported from Fides".to_owned(),
            message,
        });
    }

    /// Asks where to write the fideslang or DPV file, next to the project.
    pub(super) fn export_exchange(&mut self, ctx: &egui::Context, format: Exchange) {
        let stem = files::suggested_name(&self.doc.project.name);
        let stem = stem.to_string_lossy();
        let stem = stem.trim_end_matches(&format!(".{}", store::EXTENSION));
        let name = match format {
            Exchange::Fides => format!("{stem}.fides.yml"),
            Exchange::Dpv => format!("{stem}.dpv.jsonld"),
        };
        let suggested = self.beside_project(name);
        let purpose = match format {
            Exchange::Fides => Purpose::FidesExport,
            Exchange::Dpv => Purpose::DpvExport,
        };
        match self.choose(purpose, Some(&suggested)) {
            Choice::Chosen(path) => self.export_exchange_to(ctx, format, path),
            Choice::Cancelled | Choice::Several(_) => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(purpose, Some(&suggested))),
        }
    }

    pub(super) fn export_exchange_to(
        &mut self,
        ctx: &egui::Context,
        format: Exchange,
        path: PathBuf,
    ) {
        let project = &self.doc.project;
        let written = match format {
            Exchange::Fides => export::write_fides(&path, project).map(|e| {
                let mut m = format!(
                    "Wrote {}: fideslang resources ({}, {}).",
                    path.display(),
                    super::super::plural(e.manifest.system.len(), "system", "systems"),
                    super::super::plural(e.manifest.dataset.len(), "dataset", "datasets"),
                );
                if !e.not_expressed.is_empty() {
                    m.push_str("\n\nNot in the file — fideslang has no place for:");
                    for n in &e.not_expressed {
                        m.push_str(&format!("\n • {n}"));
                    }
                }
                m
            }),
            Exchange::Dpv => export::write_dpv(&path, project, Date::today()).map(|w| {
                format!(
                    "Wrote {}: the record in the W3C Data Privacy Vocabulary ({}).",
                    path.display(),
                    super::super::plural(
                        w.activities,
                        "processing activity",
                        "processing activities"
                    )
                )
            }),
        };
        match written {
            Ok(message) => {
                self.notify(ctx, format!("Exported {}", path.display()));
                self.dialogs.open(Dialog::Exported {
                    title: match format {
                        Exchange::Fides => "Exported for Fides",
                        Exchange::Dpv => "Record exported as W3C DPV",
                    }
                    .to_owned(),
                    message,
                    path,
                    errors: 0,
                });
            }
            Err(e) => self.dialogs.open(Dialog::Error {
                title: "The file could not be written".to_owned(),
                message: e.to_string(),
            }),
        }
    }
}
