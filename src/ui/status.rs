//! The status bar: the file, the project's size, the counts of findings (each opens the
//! findings), an export under way, and the last message.

use eframe::egui::{self, RichText};

use crate::check::Severity;

use super::command::AppCommand;
use super::plural;
use super::theme;
use super::view::AppView;

pub fn status_bar(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        let name = view.doc.display_name();
        if view.doc.is_modified() {
            ui.label(format!("● {name}"))
                .on_hover_text("Unsaved changes");
        } else {
            ui.label(name);
        }
        ui.separator();
        let p = &view.doc.project;
        ui.label(format!(
            "{} · {} · {} · {}",
            plural(p.nodes.len(), "node", "nodes"),
            plural(p.flows.len(), "flow", "flows"),
            plural(p.fields.len(), "field", "fields"),
            plural(p.activities.len(), "activity", "activities"),
        ));
        ui.separator();
        // Before a large project's first check there are no counts to show: "0 errors" would
        // say the project is clean.
        let checked = view.doc.was_checked();
        if checked {
            finding_counts(ui, view, out);
        }
        if view.checking {
            if checked {
                ui.separator();
            }
            ui.spinner();
            if checked {
                ui.label("Checking…").on_hover_text(
                    "The findings shown are those of the last check; a new one is running.",
                );
            } else {
                ui.label("Checking the project…")
                    .on_hover_text("The findings appear when the first check is done.");
            }
        }
        if let Some(done) = view.arranging {
            ui.separator();
            ui.spinner();
            ui.label(format!(
                "Laying out the cards… {} %",
                (done * 100.0).round() as u32
            ))
            .on_hover_text("The project has no saved positions: the cards stand in columns by kind until the layout is done. You can work meanwhile.");
            if ui.small_button("Stop").on_hover_text("Keep the cards where they are now").clicked() {
                out.push(AppCommand::StopLayout);
            }
        }
        if view.exporting {
            ui.separator();
            ui.spinner();
            ui.label("Exporting the record…");
        }
        if let Some(msg) = view.status {
            ui.separator();
            ui.label(RichText::new(msg).italics());
        }
    });
}

/// The counts of open findings by severity (each opens the findings), and the accepted ones.
fn finding_counts(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    for (s, one, many) in [
        (Severity::Error, "error", "errors"),
        (Severity::Warning, "warning", "warnings"),
        (Severity::Info, "note", "notes"),
    ] {
        let n = view.doc.report.count(s);
        let colour = if n > 0 {
            theme::severity_colour(s)
        } else {
            ui.visuals().weak_text_color()
        };
        let count = ui
            .add(
                egui::Label::new(RichText::new(plural(n, one, many)).color(colour))
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(format!("Show the {many}"));
        if count.clicked() {
            out.push(AppCommand::ShowFindings(Some(s)));
        }
    }
    let accepted = view.doc.report.accepted();
    if accepted > 0 {
        ui.label(format!("{accepted} accepted"));
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;
    use crate::catalog::Catalog;
    use crate::model::Project;
    use crate::ui::document::Document;
    use crate::ui::prefs::Prefs;
    use crate::ui::selection::Selection;

    /// The status bar of `doc` with a check and a layout under way: whether it shows counts
    /// of errors, the first check, a later check, and the layout with its Stop button.
    fn labels(doc: &Document) -> (bool, bool, bool, bool) {
        let catalog = Catalog::builtin().expect("catalogue");
        let (prefs, selection) = (Prefs::default(), Selection::default());
        let view = AppView {
            doc,
            selection: &selection,
            catalog: &catalog,
            prefs: &prefs,
            exporting: false,
            checking: true,
            arranging: Some(0.4),
            status: None,
            payloads: None,
            highlight: None,
            simulation: None,
            comparison: None,
            compared_with: None,
        };
        let mut out = Vec::new();
        let h = Harness::new_ui(|ui| status_bar(ui, &view, &mut out));
        (
            h.query_by_label_contains(" error").is_some(),
            h.query_by_label("Checking the project…").is_some(),
            h.query_by_label("Checking…").is_some(),
            h.query_by_label_contains("Laying out the cards… 40 %")
                .is_some()
                && h.query_by_label("Stop").is_some(),
        )
    }

    #[test]
    fn before_the_first_check_no_counts_are_shown() {
        let mut doc = Document::new(Project::empty("p"), None);
        let (counts, first, again, layout) = labels(&doc);
        assert!(
            !counts,
            "a count of errors before any check says the project is clean"
        );
        assert!(first && !again && layout);
        doc.recheck(&Catalog::builtin().expect("catalogue"));
        let (counts, first, again, layout) = labels(&doc);
        assert!(counts && !first && again && layout);
    }
}
