//! File ▸ Compare with…: the open project against another version of it (a file, or a git
//! revision of its file). The canvas marks what was added, removed and changed since, the
//! Changes tab lists it. A view of the project, like the consent simulator: nothing is saved
//! and nothing goes into the undo history; the marks follow the project as it is edited.

use eframe::egui::{self, RichText};

use crate::diff::elements::{Comparison, Mark, compare};
use crate::model::Project;

use super::command::{AppCommand, BottomTab};
use super::document::Document;
use super::theme;
use super::view::AppView;

/// What the open project is compared with, and the comparison for its current revision.
#[derive(Default)]
pub struct Compare {
    against: Option<Against>,
}

struct Against {
    /// As the user gave it: a path or a revision (shown in the dialog next time).
    asked: String,
    /// How to name it: `HEAD:shop.capimap.ron`, `old.capimap.ron`.
    name: String,
    old: Project,
    result: Comparison,
    /// The project revision the result is for.
    computed: u64,
}

impl Compare {
    pub fn is_on(&self) -> bool {
        self.against.is_some()
    }

    /// Compares with `old` from now on; `asked` is what the user typed, `name` how to call it.
    pub fn start(&mut self, asked: String, name: String, old: Project, doc: &Document) {
        let result = compare(&old, &doc.project);
        self.against = Some(Against {
            asked,
            name,
            old,
            result,
            computed: doc.revision(),
        });
    }

    pub fn stop(&mut self) {
        self.against = None;
    }

    /// What the user last compared with, to offer it again.
    pub fn asked(&self) -> Option<&str> {
        self.against.as_ref().map(|a| a.asked.as_str())
    }

    pub fn result(&self) -> Option<&Comparison> {
        self.against.as_ref().map(|a| &a.result)
    }

    pub fn name(&self) -> Option<&str> {
        self.against.as_ref().map(|a| a.name.as_str())
    }

    /// Compares again when the project changed since.
    pub fn refresh(&mut self, doc: &Document) {
        if let Some(a) = &mut self.against
            && a.computed != doc.revision()
        {
            a.result = compare(&a.old, &doc.project);
            a.computed = doc.revision();
        }
    }
}

/// The counts of a comparison, as a sentence: "2 added, 1 removed, 3 changed".
pub fn summary(c: &Comparison) -> String {
    let parts: Vec<String> = [Mark::Added, Mark::Removed, Mark::Changed]
        .into_iter()
        .map(|m| (m, c.count(m)))
        .filter(|(_, n)| *n > 0)
        .map(|(m, n)| format!("{n} {}", m.word()))
        .collect();
    let renamed = match c.renamed.len() {
        0 => String::new(),
        1 => "1 id renamed".to_owned(),
        n => format!("{n} ids renamed"),
    };
    match (parts.is_empty(), renamed.is_empty()) {
        (true, true) => "no changes".to_owned(),
        (true, false) => renamed,
        (false, true) => parts.join(", "),
        (false, false) => format!("{}; {renamed}", parts.join(", ")),
    }
}

/// The colour of a mark, on the canvas and in the list: added green, changed blue, removed
/// red (drawn dashed and faded, so that it does not read as an error).
pub fn colour(mark: Mark) -> egui::Color32 {
    match mark {
        Mark::Added => theme::OK,
        Mark::Changed => theme::INFO,
        Mark::Removed => theme::ERROR,
    }
}

/// The bar above the canvas while comparing: with what, the counts, and the way out.
pub fn bar(ui: &mut egui::Ui, view: &AppView, out: &mut Vec<AppCommand>) {
    let (Some(c), Some(name)) = (view.comparison, view.compared_with) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong("Comparing");
        ui.label(format!("with {name}:"));
        ui.label(summary(c));
        for (mark, text) in [
            (Mark::Added, "added"),
            (Mark::Changed, "changed"),
            (Mark::Removed, "removed"),
        ] {
            ui.label(RichText::new(format!("■ {text}")).color(colour(mark)));
        }
        ui.separator();
        if ui
            .button("Changes")
            .on_hover_text("List every change in the bottom panel; a click selects the element")
            .clicked()
        {
            out.push(AppCommand::ShowTab(BottomTab::Changes));
        }
        if ui
            .button("Compare with…")
            .on_hover_text("Compare with another file or git revision")
            .clicked()
        {
            out.push(AppCommand::AskCompare);
        }
        if ui
            .button("Stop comparing")
            .on_hover_text("Take the marks off the canvas")
            .clicked()
        {
            out.push(AppCommand::StopComparing);
        }
    });
}
