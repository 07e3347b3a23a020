//! File ▸ Compare with…: a git revision of the project file (HEAD, a branch, a commit) or
//! another project file, as `capimap diff` and `--since` take them.

use eframe::egui::{self, RichText};

use super::super::command::AppCommand;
use super::super::view::AppView;

/// Returns whether the dialog stays open.
pub(super) fn compare_with(
    ui: &mut egui::Ui,
    view: &AppView,
    text: &mut String,
    error: &mut Option<String>,
    focused: &mut bool,
    out: &mut Vec<AppCommand>,
) -> bool {
    ui.heading("Compare with another version");
    let saved = view.doc.path.is_some();
    ui.label(if saved {
        "What changed since a git revision of this project file (HEAD is the last commit; a branch, a tag or a commit id work too), or since another project file. The canvas marks what was added, removed and changed; the Changes tab lists it."
    } else {
        "What changed since another project file. (A git revision can be compared with once the project is saved in a git work tree.) The canvas marks what was added, removed and changed; the Changes tab lists it."
    });
    ui.add_space(4.0);
    let edit = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(f32::INFINITY)
                .hint_text(if saved {
                    "HEAD, main, a1b2c3d or /path/to/old.capimap.ron"
                } else {
                    "/path/to/old.capimap.ron"
                }),
        )
        .accessible_name("Revision or file");
    if !*focused {
        edit.request_focus();
        *focused = true;
    }
    if edit.changed() {
        *error = None;
    }
    if let Some(e) = error.as_deref() {
        ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
    }
    let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    let mut keep = true;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let given = !text.trim().is_empty();
        let ok = ui.add_enabled(given, egui::Button::new("Compare"));
        if (ok.clicked() || enter) && given {
            keep = false;
            out.push(AppCommand::CompareWith(text.trim().to_owned()));
        }
        if ui
            .button("Choose a file…")
            .on_hover_text("Pick the other version's project file")
            .clicked()
        {
            keep = false;
            out.push(AppCommand::ChooseCompareFile);
        }
        if ui.button("Cancel").clicked() {
            keep = false;
        }
    });
    keep
}
