//! Editing a project: every change is a [`Command`] that, applied, returns its inverse, and a
//! [`History`] that keeps both for undo and redo. The app only sends commands; this is the one
//! place that changes a project, so undo works for every edit, and it is tested without a
//! screen.

pub mod add;
mod command;
pub mod copy;
mod history;
pub mod ops;
pub mod propose;
pub mod rename;

pub use command::{Collection, Command, EditError, Item};
pub use history::History;
