//! Decisions recorded in a dialog: accepting the risk of a finding (why it is acceptable, who
//! accepts it, and when; the finding stays listed, marked accepted, and no longer fails the
//! check), and renaming an element's id.

use eframe::egui;

use crate::edit::ops;

use super::super::command::AppCommand;
use super::super::view::AppView;

/// The dialog's fields, as typed.
pub(super) struct Fields<'a> {
    pub rule: &'a mut String,
    pub target: &'a mut String,
    pub name: &'a mut String,
    pub justification: &'a mut String,
    pub accepted_by: &'a mut String,
    pub date: &'a mut String,
    pub error: &'a mut Option<String>,
}

/// Returns whether the dialog stays open.
pub(super) fn accept_risk(
    ui: &mut egui::Ui,
    view: &AppView,
    fields: Fields,
    out: &mut Vec<AppCommand>,
) -> bool {
    let Fields {
        rule,
        target,
        name,
        justification,
        accepted_by,
        date,
        error,
    } = fields;
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
                    let command = ops::accept_risk(
                        &view.doc.project,
                        rule,
                        target,
                        justification.trim(),
                        accepted_by.trim(),
                        d,
                    );
                    out.push(AppCommand::Edit {
                        label: "Accept risk".to_owned(),
                        command: Box::new(command),
                        merge: None,
                    });
                }
            }
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

/// A new id for an element; the reason a typed id cannot be taken shows as it is typed.
pub(super) fn rename(
    ui: &mut egui::Ui,
    view: &AppView,
    element: &crate::model::ElementRef,
    text: &mut String,
    out: &mut Vec<AppCommand>,
) -> bool {
    let old = element.id().into_owned();
    ui.heading("Rename id");
    ui.label(format!(
        "The id '{old}' is how the project file, findings and accepted risks name this element. Every reference to it is rewritten."
    ));
    let edit = ui
        .add(egui::TextEdit::singleline(text).desired_width(320.0))
        .accessible_name("New id");
    if !edit.has_focus() && text.as_str() == old {
        edit.request_focus();
    }
    let project = &view.doc.project;
    let check = crate::edit::rename::check(project, element, text.trim());
    if let Err(e) = &check {
        ui.colored_label(ui.visuals().error_fg_color, e.to_string());
    }
    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut keep = true;
    ui.horizontal(|ui| {
        let changed = text.trim() != old;
        let ok = ui.add_enabled(check.is_ok() && changed, egui::Button::new("Rename"));
        if (ok.clicked() || enter)
            && changed
            && let Ok(command) = crate::edit::rename::rename(project, element, text.trim())
        {
            keep = false;
            out.push(AppCommand::Edit {
                label: format!("Rename {old}"),
                command: Box::new(command),
                merge: None,
            });
            out.push(AppCommand::Select {
                element: element.with_id(text.trim()),
                toggle: false,
            });
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
