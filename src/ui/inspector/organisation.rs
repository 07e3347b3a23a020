//! The forms of the project (its name, description, record version) and of the organisation
//! (controller, representative, DPO, joint controllers, establishment).

use eframe::egui::{self, RichText};

use crate::model::*;

use super::regions::establishment_row;
use super::widgets::*;

pub(super) fn party_fields(ui: &mut egui::Ui, id: &str, p: &mut Party) {
    grid(ui, id, |ui| {
        text(ui, "Name", &mut p.name);
        text(ui, "Address", &mut p.address);
        text(ui, "E-mail", &mut p.email);
        text(ui, "Phone", &mut p.phone);
    });
}

/// `by_role`: the operators of destinations recorded as joint controllers.
/// The project's name, its description (printed in the record's "About this record") and the
/// version number of the record issued from it.
pub(super) fn project_form(ui: &mut egui::Ui, p: &Project) -> Option<crate::edit::Command> {
    let (mut name, mut description, mut version) =
        (p.name.clone(), p.description.clone(), p.record_version);
    ui.heading("Project");
    grid(ui, "project", |ui| {
        text(ui, "Name", &mut name);
        multiline(ui, "Description (for the record)", &mut description);
        let label = ui
            .label("Version of the record")
            .on_hover_text("Raise it with each version of the record you issue; 0 for none");
        ui.add(egui::DragValue::new(&mut version).range(0..=9999))
            .labelled_by(label.id);
        ui.end_row();
    });
    ui.add_space(8.0);
    (name != p.name || description != p.description || version != p.record_version).then_some(
        crate::edit::Command::SetInfo {
            name,
            description,
            record_version: version,
        },
    )
}

pub(super) fn organisation_form(
    ui: &mut egui::Ui,
    mut org: Organisation,
    by_role: &[String],
) -> Option<Organisation> {
    let before = org.clone();
    ui.heading("Organisation");
    ui.label(RichText::new("Art. 30(1)(a): the controller and its contacts").weak());
    ui.label(RichText::new("Controller").strong());
    party_fields(ui, "controller", &mut org.controller);
    grid(ui, "establishment", |ui| {
        establishment_row(ui, &mut org.establishment);
    });
    let mut has_dpo = org.dpo.is_some();
    ui.checkbox(&mut has_dpo, "Data protection officer");
    match (has_dpo, &org.dpo) {
        (true, None) => org.dpo = Some(Party::default()),
        (false, Some(_)) => org.dpo = None,
        _ => {}
    }
    if let Some(d) = &mut org.dpo {
        party_fields(ui, "dpo", d);
    }
    let mut has_rep = org.representative.is_some();
    ui.checkbox(&mut has_rep, "Representative in the Union (Art. 27)");
    match (has_rep, &org.representative) {
        (true, None) => org.representative = Some(Party::default()),
        (false, Some(_)) => org.representative = None,
        _ => {}
    }
    if let Some(r) = &mut org.representative {
        party_fields(ui, "representative", r);
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Joint controllers (Art. 26)").strong());
    // Destinations recorded as joint controllers count too; say so, so that they are not
    // entered twice.
    if !by_role.is_empty() {
        ui.label(
            RichText::new(format!(
                "Also joint controllers, by their destination's role: {}",
                by_role.join(", ")
            ))
            .weak(),
        );
    }
    let mut remove = None;
    for (i, j) in org.joint_controllers.iter_mut().enumerate() {
        ui.push_id(("joint", i), |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                party_fields(ui, "joint-party", &mut j.party);
                grid(ui, "joint-arrangement", |ui| {
                    multiline(ui, "Arrangement", &mut j.arrangement);
                });
                if ui.small_button("Remove this joint controller").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        org.joint_controllers.remove(i);
    }
    if ui.button("Add a joint controller").clicked() {
        org.joint_controllers.push(JointController::default());
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Who signs the record").strong());
    ui.label(
        RichText::new("None listed: the record leaves lines for management and the DPO.").weak(),
    );
    let mut remove = None;
    for (i, a) in org.approvers.iter_mut().enumerate() {
        ui.push_id(("approver", i), |ui| {
            grid(ui, "approver", |ui| {
                text(ui, "Role", &mut a.role);
                text(ui, "Name", &mut a.name);
            });
            if ui.small_button("Remove this approver").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        org.approvers.remove(i);
    }
    if ui.button("Add an approver").clicked() {
        org.approvers.push(Approver::default());
    }
    (org != before).then_some(org)
}

// Adding elements that are not on the canvas.
