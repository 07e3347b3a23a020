//! File ▸ Import ▸ Server-side Tag Manager container…: the export is read, its import planned
//! against the open project and previewed; only the user's Import applies it, as one undo step.

use std::sync::Arc;

use eframe::egui;

use super::CapimapApp;
use crate::import::gtm;
use crate::ui::dialog::{Dialog, Imported};
use crate::ui::files::{Choice, Purpose};

impl CapimapApp {
    /// Asks for the export, in the project's folder.
    pub(super) fn import_container(&mut self, ctx: &egui::Context) {
        let near = self.doc.path.clone();
        match self.choose(Purpose::Container, near.as_ref()) {
            Choice::Chosen(path) => self.import_container_from(&path),
            Choice::Several(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    self.import_container_from(&path);
                }
            }
            Choice::Cancelled => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(Purpose::Container, None)),
        }
        ctx.request_repaint();
    }

    /// Reads the export and shows what importing it would add and change.
    pub(super) fn import_container_from(&mut self, path: &std::path::Path) {
        match read(path) {
            Ok(analysis) => {
                let plan = gtm::plan(&analysis, &self.doc.project, &self.catalog);
                let summary = gtm::preview(&plan, &analysis, true);
                let findings = gtm::findings(&analysis, &plan.result, &self.catalog);
                self.dialogs.open(Dialog::ImportPreview(Arc::new(Imported {
                    path: path.to_path_buf(),
                    analysis: Arc::new(analysis),
                    plan,
                    summary,
                    findings,
                })));
            }
            Err(message) => self.dialogs.open(Dialog::Error {
                title: "The container could not be imported".to_owned(),
                message,
            }),
        }
    }

    /// Applies a previewed import, and checks the container's findings with the project's
    /// from now on.
    pub(super) fn apply_import(&mut self, ctx: &egui::Context, imported: &Imported) {
        let label = format!("Import container {}", imported.plan.container);
        if !imported.plan.is_empty() {
            self.edit(ctx, &label, imported.plan.command.clone(), None);
        }
        self.doc.container = Some(imported.analysis.clone());
        // The container's findings change even when the project does not.
        self.doc.recheck(&self.catalog);
        let message = if imported.plan.is_empty() {
            format!(
                "The project already records {} as exported; its findings are shown with the others.",
                imported.plan.container
            )
        } else {
            format!(
                "Imported {}: {} additions and changes, one step to undo.",
                imported.plan.container,
                imported.plan.changes.len()
            )
        };
        self.notify(ctx, message);
    }
}

/// The export read and analysed; an error is one sentence naming the file.
fn read(path: &std::path::Path) -> Result<gtm::Analysis, String> {
    let bytes = crate::store::read_capped(
        path,
        gtm::MAX_EXPORT_BYTES,
        "and a container export is a few MB at most",
    )
    .map_err(|e| e.to_string())?;
    let container = gtm::parse(&bytes, &path.display().to_string()).map_err(|e| e.to_string())?;
    Ok(gtm::analyse(container))
}
