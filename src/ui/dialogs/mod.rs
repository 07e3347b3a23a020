//! Modal dialogs: welcome, unsaved changes, errors, the in-app path prompt, accepting a risk.

use eframe::egui::{self, Id, Modal, RichText};

use super::command::AppCommand;
use super::dialog::{Dialog, Pending};
use super::view::AppView;

mod accept;
mod compare;
mod import;
mod prompt;

/// The open dialog, if any.
#[derive(Default)]
pub struct Dialogs {
    open: Option<Dialog>,
}

impl Dialogs {
    /// Opens a dialog; one opened by an action in another dialog replaces it.
    pub fn open(&mut self, dialog: Dialog) {
        self.open = Some(dialog);
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Shows the open dialog; what the user chose is pushed as commands.
    pub fn show(&mut self, ctx: &egui::Context, view: &AppView, out: &mut Vec<AppCommand>) {
        let Some(mut dialog) = self.open.take() else {
            return;
        };
        let mut keep = true;
        let response = Modal::new(Id::unique("capimap-dialog")).show(ctx, |ui| {
            ui.set_max_width(if matches!(dialog, Dialog::ImportPreview(_)) {
                720.0
            } else {
                520.0
            });
            keep = dialog_ui(ui, view, &mut dialog, out);
        });
        if response.should_close() && !matches!(dialog, Dialog::Unsaved { .. }) {
            keep = false;
        }
        if !keep && matches!(dialog, Dialog::Welcome) && !view.prefs.welcome_seen {
            let mut prefs = view.prefs.clone();
            prefs.welcome_seen = true;
            out.push(AppCommand::SetPrefs(Box::new(prefs)));
        }
        if keep {
            self.open = Some(dialog);
        }
    }
}

/// Returns whether the dialog stays open.
fn dialog_ui(
    ui: &mut egui::Ui,
    view: &AppView,
    dialog: &mut Dialog,
    out: &mut Vec<AppCommand>,
) -> bool {
    match dialog {
        Dialog::Welcome => {
            ui.heading("Welcome to capimap");
            ui.add_space(6.0);
            ui.label(
                "capimap maps the personal data your servers send to ad platforms' conversion APIs \
                 (Meta, Google, TikTok and others), checks it against the GDPR and the platforms' \
                 rules, and documents it for the record of processing (Art. 30).",
            );
            ui.add_space(6.0);
            ui.label(RichText::new("How to begin").strong());
            // Opened on a file, the window shows the user's own project, not the example.
            match view.doc.path.as_ref().and_then(|p| p.file_name()) {
                Some(name) => ui.label(format!(
                    "• The window shows your project, {}: its systems as cards, its data flows as arrows.",
                    crate::model::shown::shown(&name.to_string_lossy(), 60)
                )),
                None => ui.label("• The window shows an example: an online shop sending conversions to Meta, Google Ads and TikTok."),
            };
            ui.label("• Click a card or an arrow's badge to see and edit it on the right.");
            ui.label("• The findings below list what is wrong, why, and how to fix it; click one to go to it.");
            ui.label("• Drag from the dot on a card's right edge to another card to draw a flow.");
            ui.label("• File ▸ New project starts your own; Add ▸ Destination adds a platform from the catalogue.");
            ui.add_space(8.0);
            if ui.button("Start").clicked() {
                return false;
            }
            true
        }
        Dialog::About => {
            ui.heading("capimap");
            ui.label(format!("Version {}", env!("CARGO_PKG_VERSION")));
            ui.label("Documents personal data flows to conversion APIs; stores no personal data and makes no network connections.");
            !ui.button("Close").clicked()
        }
        Dialog::Shortcuts => {
            ui.heading("Keyboard shortcuts");
            egui::Grid::new("shortcuts").num_columns(2).show(ui, |ui| {
                for command in AppCommand::table() {
                    let Some(spec) = command.spec() else { continue };
                    if spec.shortcuts.is_empty() {
                        continue;
                    }
                    let keys: Vec<String> = spec
                        .shortcuts
                        .iter()
                        .map(|s| ui.ctx().format_shortcut(s))
                        .collect();
                    ui.monospace(keys.join(", "));
                    ui.label(spec.label.trim_end_matches('…'));
                    ui.end_row();
                }
                ui.monospace("Shift / Ctrl + click");
                ui.label("Add to the selection");
                ui.end_row();
                ui.monospace("Drag on empty canvas");
                ui.label("Select with a box");
                ui.end_row();
                ui.monospace("Right or middle drag, wheel");
                ui.label("Pan; Ctrl + wheel zooms");
                ui.end_row();
            });
            !ui.button("Close").clicked()
        }
        Dialog::Recover { origin, found } => {
            ui.heading("Recover unsaved work?");
            ui.label(match origin {
                Some(p) => format!(
                    "capimap did not close normally last time. Unsaved changes to {} were kept.",
                    p.display()
                ),
                None => "capimap did not close normally last time. Unsaved work on a project \
                         that was never saved was kept."
                    .to_owned(),
            });
            ui.label(format!("Project: {}", found.project.name));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Recover").clicked() {
                    keep = false;
                    out.push(AppCommand::Recover(found.clone()));
                }
                // Only that copy goes: this window's own (and any other window's) stays.
                if ui.button("Discard").clicked() {
                    keep = false;
                    out.push(AppCommand::DiscardRecovered(found.clone()));
                }
            });
            keep
        }
        Dialog::ChangedOnDisk { path } => {
            ui.heading("The file was changed by another program");
            ui.label(format!(
                "{} was changed on disk since you opened it. Saving now would replace those changes with yours.",
                path.display()
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Reload (discard my changes)").clicked() {
                    keep = false;
                    out.push(AppCommand::Proceed(Pending::Open(Some(path.clone()))));
                }
                if ui.button("Overwrite").clicked() {
                    keep = false;
                    out.push(AppCommand::SaveOverwriting(path.clone()));
                }
                if ui.button("Save as…").clicked() {
                    keep = false;
                    out.push(AppCommand::SaveAs);
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        }
        Dialog::Error { title, message } | Dialog::Notice { title, message } => {
            ui.heading(title.as_str());
            ui.add_space(4.0);
            ui.label(message.as_str());
            ui.add_space(8.0);
            !ui.button("OK").clicked()
        }
        Dialog::Unsaved { then } => {
            ui.heading("Save changes?");
            ui.label(format!(
                "{} has changes that are not saved.",
                view.doc.display_name()
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    keep = false;
                    out.push(AppCommand::SaveThen(then.clone()));
                }
                if ui.button("Don't save").clicked() {
                    keep = false;
                    out.push(AppCommand::Proceed(then.clone()));
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        }
        Dialog::PathPrompt {
            purpose,
            text,
            error,
            then,
            inspect_for,
            focused,
        } => prompt::path_prompt(ui, *purpose, text, error, then, inspect_for, focused, out),
        Dialog::Rename { element, text } => accept::rename(ui, view, element, text, out),
        Dialog::Exported {
            title,
            message,
            path,
            errors,
        } => {
            ui.heading(title.as_str());
            ui.label(message.as_str());
            if *errors > 0 {
                ui.add_space(4.0);
                ui.colored_label(
                    super::theme::WARNING,
                    format!(
                        "{} still open in the findings: the record shows the processing as it is recorded, problems included. Fix them or accept the risk with its reason, then export again.",
                        super::plural(*errors, "error is", "errors are")
                    ),
                );
            }
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Open").clicked() {
                    keep = false;
                    out.push(AppCommand::OpenExternally(path.clone()));
                }
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
                    && ui.button("Show in folder").clicked()
                {
                    keep = false;
                    out.push(AppCommand::OpenExternally(dir.to_path_buf()));
                }
                if ui.button("Close").clicked() {
                    keep = false;
                }
            });
            keep
        }
        Dialog::ImportPreview(imported) => import::preview(ui, imported, out),
        Dialog::CompareWith {
            text,
            error,
            focused,
        } => compare::compare_with(ui, view, text, error, focused, out),
        Dialog::AcceptRisk {
            rule,
            target,
            name,
            justification,
            accepted_by,
            date,
            error,
        } => accept::accept_risk(
            ui,
            view,
            accept::Fields {
                rule,
                target,
                name,
                justification,
                accepted_by,
                date,
                error,
            },
            out,
        ),
    }
}
