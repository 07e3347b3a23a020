//! File ▸ Compare with…: reading the other version (a file, or a git revision of the project
//! file through `store::version`, as the CLI does) and starting the comparison.

use eframe::egui;

use super::CapimapApp;
use crate::store::version;
use crate::ui::command::BottomTab;
use crate::ui::dialog::Dialog;
use crate::ui::files::{Choice, Purpose};

impl CapimapApp {
    /// The dialog, offering what was compared with last, else HEAD for a saved project.
    pub(super) fn ask_compare(&mut self) {
        let text = self.compare.asked().map(str::to_owned).unwrap_or_else(|| {
            if self.doc.path.is_some() {
                "HEAD".to_owned()
            } else {
                String::new()
            }
        });
        self.dialogs.open(Dialog::CompareWith {
            text,
            error: None,
            focused: false,
        });
    }

    /// Reads the version and compares with it; the dialog comes back with the error when it
    /// cannot be read, so that the user can correct what they typed.
    pub(super) fn compare_with(&mut self, ctx: &egui::Context, arg: String) {
        match version::load(&arg, self.doc.path.as_deref()) {
            Ok(v) => {
                self.compare
                    .start(arg, v.name.clone(), v.loaded.project, &self.doc);
                self.bottom.tab = BottomTab::Changes;
                self.prefs.show_bottom = true;
                let summary = self
                    .compare
                    .result()
                    .map(super::super::compare::summary)
                    .unwrap_or_default();
                self.notify(ctx, format!("Compared with {}: {summary}", v.name));
            }
            Err(e) => self.dialogs.open(Dialog::CompareWith {
                text: arg,
                error: Some(e.to_string()),
                focused: false,
            }),
        }
        ctx.request_repaint();
    }

    /// The system's file dialog, in the project's folder; where there is none, the dialog
    /// again, asking for the path.
    pub(super) fn choose_compare_file(&mut self, ctx: &egui::Context) {
        let near = self.doc.path.clone();
        match self.choose(Purpose::Open, near.as_ref()) {
            Choice::Chosen(path) => self.compare_with(ctx, path.display().to_string()),
            Choice::Several(paths) => {
                if let Some(path) = paths.into_iter().next() {
                    self.compare_with(ctx, path.display().to_string());
                }
            }
            Choice::Cancelled => {}
            Choice::Unavailable => self.dialogs.open(Dialog::CompareWith {
                text: String::new(),
                error: Some(
                    "No system file dialog is available here: type the path of the other version's file.".to_owned(),
                ),
                focused: false,
            }),
        }
    }
}
