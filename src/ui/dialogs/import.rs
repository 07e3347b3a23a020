//! The preview of a container import: what it adds and changes, what it found in the
//! container, and Import or Cancel.

use eframe::egui::{self, RichText};

use crate::ui::command::AppCommand;
use crate::ui::dialog::Imported;

/// Returns whether the dialog stays open.
pub(super) fn preview(
    ui: &mut egui::Ui,
    imported: &std::sync::Arc<Imported>,
    out: &mut Vec<AppCommand>,
) -> bool {
    let c = &imported.analysis.container;
    ui.set_width(680.0);
    ui.heading(format!("Import {}", c.public_id));
    ui.label(RichText::new(c.name.as_str()).strong());
    ui.label(format!("From {}", imported.path.display()));
    ui.add_space(4.0);
    let (added, changed) = imported
        .plan
        .changes
        .iter()
        .partition::<Vec<_>, _>(|c| matches!(c, crate::import::gtm::Change::Added { .. }));
    ui.label(if imported.plan.is_empty() {
        "The project already records this container as exported: nothing to add or change."
            .to_owned()
    } else {
        format!(
            "Adds {} and changes {}, as one step you can undo. Nothing you wrote is removed.",
            crate::ui::plural(added.len(), "element", "elements"),
            crate::ui::plural(changed.len(), "element", "elements"),
        )
    });
    let errors = imported
        .findings
        .iter()
        .filter(|f| f.severity == crate::check::Severity::Error)
        .count();
    if !imported.findings.is_empty() {
        ui.colored_label(
            if errors > 0 { crate::ui::theme::ERROR } else { crate::ui::theme::WARNING },
            format!(
                "The container itself has {} ({} errors): they appear with the other findings, each on the element it concerns.",
                crate::ui::plural(imported.findings.len(), "finding", "findings"),
                errors
            ),
        );
    }
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .min_scrolled_height(320.0)
        .max_height(320.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add(
                egui::Label::new(
                    RichText::new(imported.summary.as_str())
                        .monospace()
                        .size(11.5),
                )
                .wrap(),
            );
        });
    ui.add_space(8.0);
    let mut keep = true;
    ui.horizontal(|ui| {
        if ui.button("Import").clicked() {
            keep = false;
            out.push(AppCommand::ApplyImport(imported.clone()));
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
