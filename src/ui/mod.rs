//! The desktop app (feature `gui`): the data-flow canvas, the outline, inspectors, live
//! findings, the field inventory, files and undo. Nothing outside this module uses egui.
//!
//! Panels own their state and draw from a read-only [`view::AppView`]; what the user asks for
//! is pushed as an [`AppCommand`] and applied by the app after drawing, in one place.

mod app;
mod bottom;
mod canvas;
mod changes;
mod command;
mod compare;
mod dialog;
mod dialogs;
mod document;
mod files;
mod findings;
mod inspection;
mod inspector;
mod inventory;
mod menus;
mod outline;
mod payloads;
mod prefs;
mod recovery;
mod selection;
mod shortcuts;
mod simulator;
mod status;
mod theme;
mod view;

use std::path::PathBuf;

use eframe::egui;

pub use app::CapimapApp;
pub use command::SimChoice;
pub use command::{AppCommand, BottomTab, Exchange, Highlight, Pending};
pub use prefs::Prefs;
pub use recovery::Recovery;
pub use selection::Element;
pub use theme::Theme;

use crate::catalog::Catalog;
use crate::model::Project;

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
#[error("the app could not start: {0}")]
pub struct UiError(String);

pub(crate) use crate::model::shown::plural;

/// Opens the app window on a project and returns when the window is closed.
pub fn run(project: Project, path: Option<PathBuf>, catalog: Catalog) -> Result<(), UiError> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("capimap")
            .with_inner_size([1400.0, 860.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "capimap",
        options,
        Box::new(move |cc| {
            Ok(Box::new(CapimapApp::from_creation_context(
                cc, project, path, catalog,
            )))
        }),
    )
    .map_err(|e| UiError(e.to_string()))
}
