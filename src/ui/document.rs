//! The open project: the model, where it lives on disk, its undo history, and its findings.

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::check::{self, Report};
use crate::edit::{Command, History};
use crate::layout::{self, Grid};
use crate::model::{Position, Project};

/// One open project.
pub struct Document {
    pub project: Project,
    /// The file it was read from or last saved to; `None` for the built-in example or a new
    /// project that was never saved.
    pub path: Option<PathBuf>,
    pub history: History,
    /// The history revision at the last save (or load).
    saved_revision: u64,
    /// The findings, and the revision they were computed for.
    pub report: Report,
    report_revision: Option<u64>,
}

impl Document {
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        // Nodes without a saved position get one from the automatic layout, so that the
        // canvas always has a place for every node. Not an edit: nothing is marked unsaved.
        project.layout = layout::complete(&project, Grid::default());
        Self {
            project,
            path,
            history: History::default(),
            saved_revision: 0,
            report: Report::default(),
            report_revision: None,
        }
    }

    /// Whether there are changes since the last save or load.
    pub fn is_modified(&self) -> bool {
        self.history.revision() != self.saved_revision
    }

    /// Marks the project as changed since it was last saved (recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_revision = u64::MAX;
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_revision = self.history.revision();
    }

    /// The name to show in the title: the file name, or the project name.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| p.display().to_string()),
            None => format!("{} (not saved)", self.project.name),
        }
    }

    /// Applies an edit as one undo step. Returns false when the command did not fit the
    /// project (then nothing changed).
    pub fn apply(&mut self, label: &str, command: Command, merge_key: Option<String>) -> bool {
        self.history
            .apply(&mut self.project, label, command, merge_key)
            .is_ok()
    }

    pub fn undo(&mut self) -> bool {
        self.history.undo(&mut self.project).unwrap_or(false)
    }

    pub fn redo(&mut self) -> bool {
        self.history.redo(&mut self.project).unwrap_or(false)
    }

    /// Whether the findings are out of date.
    pub fn needs_check(&self) -> bool {
        self.report_revision != Some(self.history.revision())
    }

    /// Re-runs the checks now.
    pub fn recheck(&mut self, catalog: &Catalog) {
        self.report = check::check(&self.project, catalog);
        self.report_revision = Some(self.history.revision());
    }

    /// Takes findings computed elsewhere (on a worker thread) for a revision.
    pub fn set_report(&mut self, report: Report, revision: u64) {
        if revision == self.history.revision() {
            self.report = report;
            self.report_revision = Some(revision);
        }
    }

    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Where a node is drawn.
    pub fn position(&self, node: &str) -> Position {
        self.project
            .layout
            .positions
            .get(node)
            .copied()
            .unwrap_or_default()
    }

    /// Open findings about an element (by id): about it, or about one of its field mappings.
    pub fn findings_for<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a check::Finding> {
        self.report.findings.iter().filter(move |f| {
            f.is_open()
                && (f.target.id == id
                    || f.target
                        .id
                        .strip_prefix(id)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
    }
}
