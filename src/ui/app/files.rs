//! The file lifecycle: new, open, save, save as, revert, close, with the unsaved-changes
//! prompt, the file-changed-on-disk prompt, and the in-app path prompt where the system has
//! no file dialog.

use std::path::PathBuf;

use eframe::egui;

use crate::model::{Date, Project};
use crate::report::document::Edition;
use crate::store;

use super::super::command::Pending;
use super::super::dialog::Dialog;
use super::super::document::Document;
use super::super::files::{self, Choice, Purpose};
use super::CapimapApp;

impl CapimapApp {
    /// Runs an action that replaces or closes the project, asking first if there are unsaved
    /// changes.
    pub(super) fn request(&mut self, ctx: &egui::Context, pending: Pending) {
        if self.doc.is_modified() {
            self.dialogs.open(Dialog::Unsaved { then: pending });
        } else {
            self.proceed(ctx, pending);
        }
    }

    pub(super) fn proceed(&mut self, ctx: &egui::Context, pending: Pending) {
        match pending {
            Pending::New => {
                let mut p = Project::empty("New project");
                p.organisation.controller.name = "Your organisation".to_owned();
                self.replace_document(Document::new(p, None));
            }
            Pending::OpenExample => {
                if let Ok(loaded) = store::parse(crate::examples::SHOP, crate::examples::SHOP_NAME)
                {
                    self.replace_document(Document::new(loaded.project, None));
                }
            }
            Pending::Open(Some(path)) => self.open_path(ctx, path),
            Pending::Open(None) => {
                let here = self.doc.path.clone();
                match self.choose(Purpose::Open, here.as_ref()) {
                    Choice::Chosen(path) => self.open_path(ctx, path),
                    Choice::Several(paths) => {
                        if let Some(path) = paths.into_iter().next() {
                            self.open_path(ctx, path);
                        }
                    }
                    Choice::Cancelled => {}
                    Choice::Unavailable => self
                        .dialogs
                        .open(Dialog::path_prompt(Purpose::Open, here.as_ref())),
                }
            }
            Pending::Revert => {
                if let Some(path) = self.doc.path.clone() {
                    self.open_path(ctx, path);
                } else {
                    self.proceed(ctx, Pending::OpenExample);
                }
            }
            Pending::Close => {
                self.clear_recovery();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    pub(super) fn choose(&self, purpose: Purpose, suggested: Option<&PathBuf>) -> Choice {
        if self.prefs.in_app_file_prompt {
            return Choice::Unavailable;
        }
        files::ask_native(purpose, suggested)
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.stop_layout();
        self.doc = doc;
        self.check_if_small();
        self.selection.clear();
        // Another project: the version compared with was one of the old one.
        self.compare.stop();
        self.canvas.fit_all();
        self.inspector.forget_drafts();
    }

    /// Opens a project file; an error is shown with its file and place.
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        match store::load(&path) {
            Ok(loaded) => {
                self.replace_document(Document::new(loaded.project, Some(path.clone())));
                self.prefs.remember(path.clone());
                let elsewhere = self.open_elsewhere(&path);
                self.note_origin();
                self.notify(
                    ctx,
                    if elsewhere {
                        format!(
                            "Opened {}. It is open in another capimap window too: changes saved in one replace the other's (capimap asks before saving over them).",
                            path.display()
                        )
                    } else {
                        format!("Opened {}", path.display())
                    },
                );
            }
            Err(e) => self.dialogs.open(Dialog::Error {
                title: "The project could not be opened".to_owned(),
                message: e.to_string(),
            }),
        }
    }

    /// Saves, then carries out `then` once the project is saved (also when the app's own path
    /// prompt had to ask where first). Returns whether it saved now.
    pub(super) fn save_then(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        let saved = match self.doc.path.clone() {
            Some(path) => self.save_to(ctx, path),
            None => self.save_as_then(ctx, then.clone()),
        };
        if saved && let Some(then) = then {
            self.proceed(ctx, then);
        }
        saved
    }

    /// Asks where and saves; returns whether it saved now. With the app's own prompt the save
    /// happens when the user confirms it, and `then` follows.
    pub(super) fn save_as_then(&mut self, ctx: &egui::Context, then: Option<Pending>) -> bool {
        let suggested = self
            .doc
            .path
            .clone()
            .unwrap_or_else(|| files::suggested_name(&self.doc.project.name));
        match self.choose(Purpose::SaveAs, Some(&suggested)) {
            Choice::Chosen(path) => self.save_to(ctx, path),
            Choice::Cancelled | Choice::Several(_) => false,
            Choice::Unavailable => {
                let mut prompt = Dialog::path_prompt(Purpose::SaveAs, Some(&suggested));
                if let Dialog::PathPrompt { then: t, .. } = &mut prompt {
                    *t = then;
                }
                self.dialogs.open(prompt);
                false
            }
        }
    }

    /// Saves to `path`, asking first when another program changed that file since it was
    /// opened. Returns whether it saved.
    pub fn save_to(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        if self.doc.path.as_ref() == Some(&path) && self.doc.changed_on_disk() {
            self.dialogs.open(Dialog::ChangedOnDisk { path });
            return false;
        }
        self.write_to(ctx, path)
    }

    pub(super) fn write_to(&mut self, ctx: &egui::Context, path: PathBuf) -> bool {
        match store::save(&path, &self.doc.project) {
            Ok(saved) => {
                self.doc.mark_saved(path.clone());
                self.clear_recovery();
                self.note_origin();
                self.prefs.remember(path.clone());
                let mut message = format!("Saved {}", path.display());
                if saved.cleaned > 0 {
                    message.push_str(&format!(
                        "; removed {} temporary file(s) that interrupted saves had left in its folder",
                        saved.cleaned
                    ));
                }
                self.notify(ctx, message);
                true
            }
            Err(e) => {
                self.dialogs.open(Dialog::Error {
                    title: "The project could not be saved".to_owned(),
                    message: format!(
                        "{e}. Your changes are still open here: save them elsewhere with Save As."
                    ),
                });
                false
            }
        }
    }

    /// File ▸ Export record…: asks where (next to the project file, under a name that says
    /// which edition, language and date), then writes the record there.
    pub(super) fn export_record(&mut self, ctx: &egui::Context, edition: Edition) {
        self.workers.edition = edition;
        let stem = files::suggested_name(&self.doc.project.name);
        let stem = stem.to_string_lossy();
        let stem = stem.trim_end_matches(&format!(".{}", store::EXTENSION));
        let which = match edition {
            Edition::Authority => "record",
            Edition::Internal => "internal-record",
        };
        // A copy in another language gets its own name, so that it never replaces the English.
        let lang = match self.prefs.record_lang {
            crate::report::words::Lang::En => String::new(),
            other => format!("-{}", other.code()),
        };
        let date = Date::today().map(|d| format!("-{d}")).unwrap_or_default();
        let suggested = self.beside_project(format!("{stem}-{which}{lang}{date}.pdf"));
        match self.choose(Purpose::Export, Some(&suggested)) {
            Choice::Chosen(path) => self.export_to(ctx, path),
            Choice::Cancelled | Choice::Several(_) => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(Purpose::Export, Some(&suggested))),
        }
    }

    /// File ▸ Export diagram…: asks where, next to the project file (SVG suggested).
    /// A file named `name` in the project file's folder (the working folder for a project
    /// never saved): where exports are suggested.
    pub(super) fn beside_project(&self, name: String) -> PathBuf {
        match self.doc.path.as_deref().and_then(|p| p.parent()) {
            Some(dir) if !dir.as_os_str().is_empty() => dir.join(name),
            _ => PathBuf::from(name),
        }
    }

    pub(super) fn export_diagram(&mut self, ctx: &egui::Context) {
        let stem = files::suggested_name(&self.doc.project.name);
        let stem = stem.to_string_lossy();
        let name = format!(
            "{}-diagram.svg",
            stem.trim_end_matches(&format!(".{}", store::EXTENSION))
        );
        let suggested = self.beside_project(name);
        match self.choose(Purpose::Diagram, Some(&suggested)) {
            Choice::Chosen(path) => self.run(
                ctx,
                super::super::command::AppCommand::ExportDiagramTo(path),
            ),
            Choice::Cancelled | Choice::Several(_) => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(Purpose::Diagram, Some(&suggested))),
        }
    }

    /// Asks for request files to inspect for a destination.
    pub(super) fn choose_requests(
        &mut self,
        ctx: &egui::Context,
        destination: crate::model::NodeId,
    ) {
        let near = self.doc.path.clone();
        match self.choose(Purpose::Inspect, near.as_ref()) {
            Choice::Chosen(path) => self.run(
                ctx,
                super::super::command::AppCommand::InspectFiles {
                    destination,
                    files: vec![path],
                },
            ),
            Choice::Several(paths) => self.run(
                ctx,
                super::super::command::AppCommand::InspectFiles {
                    destination,
                    files: paths,
                },
            ),
            Choice::Cancelled => {}
            Choice::Unavailable => {
                let mut prompt = Dialog::path_prompt(Purpose::Inspect, None);
                if let Dialog::PathPrompt { inspect_for, .. } = &mut prompt {
                    *inspect_for = Some(destination);
                }
                self.dialogs.open(prompt);
            }
        }
    }

    /// Asks for a file of test identities to check the last inspection's capture with.
    pub(super) fn choose_identities(&mut self, ctx: &egui::Context) {
        let near = self
            .payloads
            .as_ref()
            .and_then(|p| p.files.first().cloned());
        match self.choose(Purpose::TestIdentities, near.as_ref()) {
            Choice::Chosen(path) => self.run(
                ctx,
                super::super::command::AppCommand::CheckWithIdentities(path),
            ),
            Choice::Cancelled | Choice::Several(_) => {}
            Choice::Unavailable => self
                .dialogs
                .open(Dialog::path_prompt(Purpose::TestIdentities, None)),
        }
    }
}
