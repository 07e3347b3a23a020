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
            Choice::Chosen(path) => self.import_container_from(ctx, &path),
            Choice::Several(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    self.import_container_from(ctx, &path);
                }
            }
            Choice::Cancelled => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(Purpose::Container, None)),
        }
        ctx.request_repaint();
    }

    /// Reads the export and works out what importing it would add and change, on a worker
    /// thread (an export can be tens of MB); the preview opens when it is done.
    pub(super) fn import_container_from(&mut self, ctx: &egui::Context, path: &std::path::Path) {
        let (tx, rx) = std::sync::mpsc::channel();
        let project = self.doc.project.clone();
        let revision = self.doc.revision();
        let catalog = self.catalog.clone();
        let path = path.to_path_buf();
        let repaint = ctx.clone();
        let work = move || {
            let _ = tx.send(prepare(&path, &project, &catalog).map(|mut i| {
                i.revision = revision;
                i
            }));
            repaint.request_repaint();
        };
        match std::thread::Builder::new()
            .name("capimap-import".to_owned())
            .spawn(work)
        {
            Ok(_) => {
                self.workers.importing = Some(rx);
                self.notify(ctx, "Reading the container…");
            }
            Err(e) => self.dialogs.open(Dialog::Error {
                title: "The container could not be imported".to_owned(),
                message: format!("No thread could be started to read it: {e}"),
            }),
        }
    }

    /// Opens the preview once the container is read.
    pub(super) fn poll_import(&mut self, ctx: &egui::Context) {
        let Some(rx) = &self.workers.importing else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok(imported)) => {
                self.workers.importing = None;
                self.status = None;
                self.dialogs.open(Dialog::ImportPreview(Arc::new(imported)));
            }
            Ok(Err(message)) => {
                self.workers.importing = None;
                self.status = None;
                self.dialogs.open(Dialog::Error {
                    title: "The container could not be imported".to_owned(),
                    message,
                });
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => self.workers.importing = None,
        }
    }

    /// Applies a previewed import, and checks the container's findings with the project's
    /// from now on.
    pub(super) fn apply_import(&mut self, ctx: &egui::Context, imported: &Imported) {
        let label = format!("Import container {}", imported.plan.container);
        // Edited while the preview was open: the same import, planned for the project as it is.
        let replanned;
        let plan = if imported.revision == self.doc.revision() {
            &imported.plan
        } else {
            replanned = gtm::plan(&imported.analysis, &self.doc.project, &self.catalog);
            &replanned
        };
        if !plan.is_empty() {
            self.edit(ctx, &label, plan.command.clone(), None);
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

/// The export read, analysed and planned against the project; an error is one sentence
/// naming the file.
fn prepare(
    path: &std::path::Path,
    project: &crate::model::Project,
    catalog: &crate::catalog::Catalog,
) -> Result<Imported, String> {
    let bytes = crate::store::read_capped(
        path,
        gtm::MAX_EXPORT_BYTES,
        "and a container export is a few MB at most",
    )
    .map_err(|e| e.to_string())?;
    let container = gtm::parse(&bytes, &path.display().to_string()).map_err(|e| e.to_string())?;
    let analysis = gtm::analyse(container);
    let plan = gtm::plan(&analysis, project, catalog);
    let summary = gtm::preview(&plan, &analysis, true);
    let findings = gtm::findings(&analysis, &plan.result, catalog);
    Ok(Imported {
        path: path.to_path_buf(),
        analysis: Arc::new(analysis),
        plan,
        summary,
        findings,
        revision: 0,
    })
}
