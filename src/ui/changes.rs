//! The Changes tab, while comparing (File ▸ Compare with…): every element added, removed or
//! changed since the version compared with, one line each with what changed; a click on one
//! that is still in the project selects it and brings it into view.

use eframe::egui::{self, RichText};

use crate::diff::elements::{ElementChange, Mark};

use super::command::AppCommand;
use super::compare::{colour, summary};
use super::view::AppView;

/// Whether to list one kind of mark only.
#[derive(Default)]
pub struct ChangesList {
    only: Option<Mark>,
}

impl ChangesList {
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
        let (Some(c), Some(name)) = (view.comparison, view.compared_with) else {
            ui.label("Not comparing. File ▸ Compare with… compares the project with another file or a git revision of it.");
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Since {name}: {}.", summary(c)));
            ui.separator();
            ui.selectable_value(&mut self.only, None, "All");
            for mark in [Mark::Added, Mark::Changed, Mark::Removed] {
                ui.selectable_value(&mut self.only, Some(mark), mark.word());
            }
        });
        for r in &c.renamed {
            ui.label(RichText::new(format!("Renamed {} {} → {}", r.kind, r.from, r.to)).weak());
        }
        let shown: Vec<&ElementChange> = c
            .changes
            .iter()
            .filter(|x| self.only.is_none_or(|m| x.mark == m))
            .collect();
        if c.changes.is_empty() {
            ui.label("Nothing was added, removed or changed.");
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, row_height, shown.len(), |ui, rows| {
                for x in &shown[rows] {
                    line(ui, view, x, name, out);
                }
            });
    }
}

/// One change: its mark, what it is, its name (a link while the element is in the project)
/// and what changed.
fn line(
    ui: &mut egui::Ui,
    view: &AppView,
    x: &ElementChange,
    name: &str,
    out: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(format!("{:<7}", x.mark.word()))
                .color(colour(x.mark))
                .strong(),
        );
        ui.label(RichText::new(x.kind).weak());
        let text = format!("{} — {}", x.name, x.details.join("; "));
        let text = if x.details.is_empty() {
            x.name.clone()
        } else {
            text
        };
        if x.mark != Mark::Removed && x.element.exists_in(&view.doc.project) {
            let r = ui.link(&text).on_hover_text(format!(
                "Select this {} ({})",
                x.kind,
                x.element.id()
            ));
            if r.clicked() {
                out.push(AppCommand::Reveal(x.element.clone()));
            }
        } else {
            ui.label(RichText::new(text).strikethrough())
                .on_hover_text(format!("Only in {name}: it is no longer in the project"));
        }
    });
}
