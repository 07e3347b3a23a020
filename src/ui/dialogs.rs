//! Modal dialogs: welcome, unsaved changes, errors, the in-app path prompt, accepting a risk.

use std::path::PathBuf;

use eframe::egui::{self, Id, Modal, RichText};

use crate::edit::ops;

use super::app::{self, CapimapApp, Pending};
use super::files::{self, Purpose};

#[derive(Clone, Debug)]
pub enum Dialog {
    Welcome,
    About,
    Shortcuts,
    Error {
        title: String,
        message: String,
    },
    /// Unsaved changes: save, discard or cancel, then do `then`.
    Unsaved {
        then: Pending,
    },
    /// No native file dialog: type the path.
    PathPrompt {
        purpose: Purpose,
        text: String,
        error: Option<String>,
        /// What to do once saved (the action that asked to save first).
        then: Option<Pending>,
        /// For request files: the destination they went to.
        inspect_for: Option<String>,
    },
    /// The file was changed by another program since it was opened: reload, overwrite or
    /// save elsewhere.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Work left by a session that did not end cleanly.
    Recover {
        origin: Option<PathBuf>,
        found: Box<super::recovery::Found>,
    },
    AcceptRisk {
        rule: String,
        target: String,
        name: String,
        justification: String,
        accepted_by: String,
        date: String,
        error: Option<String>,
    },
}

impl Dialog {
    pub fn path_prompt(purpose: Purpose, suggested: Option<&PathBuf>) -> Self {
        let text = suggested
            .map(|p| {
                if p.is_absolute() {
                    p.display().to_string()
                } else {
                    std::env::current_dir()
                        .map(|d| d.join(p).display().to_string())
                        .unwrap_or_else(|_| p.display().to_string())
                }
            })
            .unwrap_or_default();
        Dialog::PathPrompt {
            purpose,
            text,
            error: None,
            then: None,
            inspect_for: None,
        }
    }
}

/// Shows the open dialog, if any, and carries out what the user chose.
pub fn show(app: &mut CapimapApp, ctx: &egui::Context) {
    let Some(mut dialog) = app.dialog.take() else {
        return;
    };
    let mut keep = true;
    let response = Modal::new(Id::unique("capimap-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        keep = dialog_ui(app, ui, &mut dialog);
    });
    if response.should_close() && !matches!(dialog, Dialog::Unsaved { .. }) {
        keep = false;
    }
    if !keep && matches!(dialog, Dialog::Welcome) {
        app.prefs.welcome_seen = true;
    }
    // An action in the dialog may have opened another one (Save → Save as): that one wins.
    if keep && app.dialog.is_none() {
        app.dialog = Some(dialog);
    }
}

/// Returns whether the dialog stays open.
fn dialog_ui(app: &mut CapimapApp, ui: &mut egui::Ui, dialog: &mut Dialog) -> bool {
    let ctx = ui.ctx().clone();
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
            ui.label("• The window shows an example: an online shop sending conversions to Meta, Google Ads and TikTok.");
            ui.label("• Click a card or an arrow's badge to see and edit it on the right.");
            ui.label("• The findings below list what is wrong, why, and how to fix it; click one to go to it.");
            ui.label("• Drag from the dot on a card's right edge to another card to draw a flow.");
            ui.label("• File ▸ New project starts your own; Add ▸ Destination adds a platform from the catalogue.");
            ui.add_space(8.0);
            if ui.button("Start").clicked() {
                app.prefs.welcome_seen = true;
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
                for (s, what) in [
                    (app::NEW, "New project"),
                    (app::OPEN, "Open"),
                    (app::SAVE, "Save"),
                    (app::SAVE_AS, "Save as"),
                    (app::UNDO, "Undo"),
                    (app::REDO, "Redo"),
                    (app::REDO_Y, "Redo"),
                    (app::DELETE, "Delete the selection"),
                    (app::FIND, "Search the outline"),
                    (app::FIT, "Fit the diagram"),
                ] {
                    ui.monospace(ui.ctx().format_shortcut(&s));
                    ui.label(what);
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
                    app.recover(&ctx, (**found).clone());
                }
                // Only that copy goes: this window's own (and any other window's) stays.
                if ui.button("Discard").clicked() {
                    keep = false;
                    app.forget_recovered(found);
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
                    app.open_path(&ctx, path.clone());
                }
                if ui.button("Overwrite").clicked() {
                    keep = false;
                    app.save_overwriting(&ctx, path.clone());
                }
                if ui.button("Save as…").clicked() {
                    keep = false;
                    app.save_as(&ctx);
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        }
        Dialog::Error { title, message } => {
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
                app.doc.display_name()
            ));
            ui.add_space(8.0);
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    keep = false;
                    app.save_then(&ctx, Some(then.clone()));
                }
                if ui.button("Don't save").clicked() {
                    keep = false;
                    let then = then.clone();
                    app.proceed(&ctx, then);
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
        } => {
            ui.heading(match purpose {
                Purpose::Open => "Open a project",
                Purpose::SaveAs => "Save the project as",
                Purpose::Export => "Export the record of processing",
                Purpose::Inspect => "Inspect request files",
            });
            ui.label("No system file dialog is available here. Type the path of the file:");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(text)
                        .desired_width(480.0)
                        .hint_text("/home/me/privacy/shop.capimap.ron"),
                )
                .accessible_name("Path of the file");
            if let Some(e) = error {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
            }
            let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let mut keep = true;
            ui.horizontal(|ui| {
                let ok = ui.button(match purpose {
                    Purpose::Open => "Open",
                    Purpose::SaveAs => "Save",
                    Purpose::Export => "Export",
                    Purpose::Inspect => "Inspect",
                });
                if ok.clicked() || enter {
                    match files::typed_path(text) {
                        None => *error = Some("Type a path.".to_owned()),
                        Some(path) => match purpose {
                            Purpose::Open | Purpose::Inspect if !path.is_file() => {
                                *error = Some(format!("{}: no such file", path.display()));
                            }
                            Purpose::Open => {
                                keep = false;
                                app.open_path(&ctx, path);
                            }
                            Purpose::Export => {
                                keep = false;
                                app.export_to(&ctx, path);
                            }
                            Purpose::Inspect => {
                                keep = false;
                                if let Some(d) = inspect_for.take() {
                                    super::payloads::inspect(app, &ctx, &d, vec![path]);
                                }
                            }
                            Purpose::SaveAs => {
                                keep = false;
                                if app.save_to(&ctx, path)
                                    && let Some(then) = then.take()
                                {
                                    app.proceed(&ctx, then);
                                }
                            }
                        },
                    }
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        }
        Dialog::AcceptRisk {
            rule,
            target,
            name,
            justification,
            accepted_by,
            date,
            error,
        } => {
            ui.heading("Accept a risk");
            ui.label(format!("Finding {rule} on {name} ({target})."));
            ui.label("It stays listed, marked accepted, and no longer fails the check.");
            ui.add_space(4.0);
            ui.label("Why is it acceptable?");
            ui.add(
                egui::TextEdit::multiline(justification)
                    .desired_rows(3)
                    .desired_width(480.0),
            )
            .accessible_name("Why is it acceptable?");
            egui::Grid::new("accept").num_columns(2).show(ui, |ui| {
                ui.label("Accepted by");
                ui.text_edit_singleline(accepted_by)
                    .accessible_name("Accepted by");
                ui.end_row();
                ui.label("Date (YYYY-MM-DD)");
                ui.text_edit_singleline(date)
                    .accessible_name("Date accepted");
                ui.end_row();
            });
            if let Some(e) = error {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
            }
            let mut keep = true;
            ui.horizontal(|ui| {
                if ui.button("Accept risk").clicked() {
                    match date.trim().parse::<crate::model::Date>() {
                        _ if justification.trim().is_empty() => {
                            *error = Some("Write why the risk is acceptable.".to_owned());
                        }
                        _ if accepted_by.trim().is_empty() => {
                            *error = Some("Name who accepts it.".to_owned());
                        }
                        Err(e) => *error = Some(e),
                        Ok(d) => {
                            keep = false;
                            let cmd = ops::accept_risk(
                                &app.doc.project,
                                rule,
                                target,
                                justification.trim(),
                                accepted_by.trim(),
                                d,
                            );
                            app.apply(&ctx, "Accept risk", cmd);
                        }
                    }
                }
                if ui.button("Cancel").clicked() {
                    keep = false;
                }
            });
            keep
        }
    }
}
