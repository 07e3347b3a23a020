//! The app's own path prompt, where the system has no file dialog: it takes the keyboard,
//! Enter submits, and the hint fits what is asked for (a project, a record, request files).

use eframe::egui;

use crate::model::NodeId;

use super::super::command::{AppCommand, Exchange, Pending};
use super::super::files::{self, Purpose};

/// Returns whether the prompt stays open.
#[allow(clippy::too_many_arguments)]
pub(super) fn path_prompt(
    ui: &mut egui::Ui,
    purpose: Purpose,
    text: &mut String,
    error: &mut Option<String>,
    then: &mut Option<Pending>,
    inspect_for: &mut Option<NodeId>,
    focused: &mut bool,
    out: &mut Vec<AppCommand>,
) -> bool {
    ui.heading(match purpose {
        Purpose::Open => "Open a project",
        Purpose::SaveAs => "Save the project as",
        Purpose::Export => "Export the record of processing",
        Purpose::Inspect => "Inspect request files",
        Purpose::Diagram => "Export the diagram",
        Purpose::Container => "Import a server-side Tag Manager container",
        Purpose::TestIdentities => "Check the capture with test identities",
        Purpose::Fides => "Import fideslang resources",
        Purpose::FidesExport => "Export for Fides",
        Purpose::DpvExport => "Export the record as W3C DPV",
    });
    let (ask, hint) = match purpose {
        Purpose::Open | Purpose::SaveAs => (
            "No system file dialog is available here. Type the path of the project file:",
            "/home/me/privacy/shop.capimap.ron",
        ),
        Purpose::Export => (
            "No system file dialog is available here. Type where to write the record (.pdf, .xlsx or .ods for a workbook, or .csv):",
            "/home/me/privacy/shop-record.pdf",
        ),
        Purpose::Diagram => (
            "No system file dialog is available here. Type where to write the diagram (.svg for the whole of it, .png for the canvas as shown):",
            "/home/me/privacy/shop-diagram.svg",
        ),
        Purpose::Container => (
            "No system file dialog is available here. Type the path of the container export (Admin ▸ Export Container in the server container):",
            "/home/me/Downloads/GTM-XXXXXXX_workspace.json",
        ),
        Purpose::Inspect => (
            "No system file dialog is available here. Type the path of the request files (JSON, JSON Lines or HAR), separated by ; for several:",
            "/home/me/capture/meta-requests.jsonl",
        ),
        Purpose::TestIdentities => (
            "No system file dialog is available here. Type the path of the file of made-up test people the QA team used (RON, see the README):",
            "/home/me/capture/test-identities.ron",
        ),
        Purpose::Fides => (
            "No system file dialog is available here. Type the path of the fideslang file (YAML, as `fides pull` writes it):",
            "/home/me/fides/systems.yml",
        ),
        Purpose::FidesExport => (
            "No system file dialog is available here. Type where to write the fideslang resources (.yml):",
            "/home/me/privacy/shop.fides.yml",
        ),
        Purpose::DpvExport => (
            "No system file dialog is available here. Type where to write the record as JSON-LD (.jsonld):",
            "/home/me/privacy/shop.dpv.jsonld",
        ),
    };
    ui.label(ask);
    let edit = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(480.0)
                .hint_text(hint),
        )
        .accessible_name("Path of the file");
    if !*focused {
        edit.request_focus();
        *focused = true;
    }
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
            Purpose::Diagram => "Export",
            Purpose::Container => "Import",
            Purpose::TestIdentities => "Check",
            Purpose::Fides => "Import",
            Purpose::FidesExport | Purpose::DpvExport => "Export",
        });
        if ok.clicked() || enter {
            match submit(purpose, text, then, inspect_for) {
                Ok(command) => {
                    keep = false;
                    out.push(command);
                }
                Err(e) => {
                    *error = Some(e);
                    // Enter took the keyboard away from the field: give it back.
                    *focused = false;
                }
            }
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}

/// What a typed path asks for, or why it cannot be taken.
fn submit(
    purpose: Purpose,
    text: &str,
    then: &mut Option<Pending>,
    inspect_for: &mut Option<NodeId>,
) -> Result<AppCommand, String> {
    let paths = match purpose {
        Purpose::Inspect => files::typed_paths(text),
        _ => files::typed_path(text).into_iter().collect(),
    };
    if paths.is_empty() {
        return Err("Type a path.".to_owned());
    }
    if matches!(
        purpose,
        Purpose::Open
            | Purpose::Inspect
            | Purpose::Container
            | Purpose::TestIdentities
            | Purpose::Fides
    ) && let Some(missing) = paths.iter().find(|p| !p.is_file())
    {
        return Err(format!("{}: no such file", missing.display()));
    }
    let mut paths = paths.into_iter();
    let first = paths.next().ok_or("Type a path.")?;
    Ok(match purpose {
        Purpose::Open => AppCommand::Proceed(Pending::Open(Some(first))),
        Purpose::Export => AppCommand::ExportTo(first),
        Purpose::Diagram => AppCommand::ExportDiagramTo(first),
        Purpose::Container => AppCommand::ImportContainerFrom(first),
        Purpose::Fides => AppCommand::ImportFidesFrom(first),
        Purpose::FidesExport => AppCommand::ExportExchangeTo(Exchange::Fides, first),
        Purpose::DpvExport => AppCommand::ExportExchangeTo(Exchange::Dpv, first),
        Purpose::TestIdentities => AppCommand::CheckWithIdentities(first),
        Purpose::SaveAs => AppCommand::SaveTo {
            path: first,
            then: then.take(),
        },
        Purpose::Inspect => AppCommand::InspectFiles {
            destination: inspect_for
                .take()
                .ok_or("No destination was chosen for these requests.")?,
            files: std::iter::once(first).chain(paths).collect(),
        },
    })
}
