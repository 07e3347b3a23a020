//! The open project: the model, where it lives on disk, its undo history, and its findings.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use crate::catalog::Catalog;
use rustc_hash::FxHashMap as HashMap;

use crate::check::{self, Report, Severity};
use crate::edit::{Command, History};
use crate::layout::{self, Grid};
use crate::model::{NodeId, Position, Project};

/// One open project.
pub struct Document {
    pub project: Project,
    /// The file it was read from or last saved to; `None` for the built-in example or a new
    /// project that was never saved.
    pub path: Option<PathBuf>,
    pub history: History,
    /// The history state at the last save (or load).
    saved_state: u64,
    /// The findings, and the revision they were computed for.
    pub report: Report,
    report_revision: Option<u64>,
    /// Open findings by element id (a field mapping counts for its flow): how many, and the
    /// worst. Computed once per report, read by every card and arrow in every frame.
    marks: HashMap<String, Mark>,
    /// What a card shows: the node's own findings and those of the flows into it (and
    /// their mappings), which are about what the node receives.
    card_marks: HashMap<String, Mark>,
    /// The file's modification time and size when it was read or last saved: a save over a
    /// file that another program changed since is detected before it overwrites that work.
    disk: Option<(SystemTime, u64)>,
    /// The server-side Tag Manager container imported in this session: its findings (the
    /// container's pitfalls and where it and the record differ) are checked with the project's.
    pub container: Option<std::sync::Arc<crate::import::gtm::Analysis>>,
    /// Nodes of a large project opened without saved positions, standing in provisional
    /// columns until the app's background layout gives them their places.
    pub provisional: Vec<NodeId>,
}

/// The checks of a project, with the findings of the container imported into it.
pub fn checked(
    project: &Project,
    catalog: &Catalog,
    container: Option<&crate::import::gtm::Analysis>,
) -> Report {
    let extra = container.map(|a| crate::import::gtm::container_findings(a, project, catalog));
    check::check_with_extra(project, catalog, extra)
}

/// What tells one version of a file on disk from another, cheaply.
fn fingerprint(path: &Path) -> Option<(SystemTime, u64)> {
    let m = std::fs::metadata(path).ok()?;
    Some((m.modified().ok()?, m.len()))
}

/// The findings mark of an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub count: usize,
    pub worst: Severity,
}

impl Document {
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        // Nodes without a saved position get one from the automatic layout, so that the
        // canvas always has a place for every node. Not an edit: nothing is marked unsaved.
        // A large project gets provisional places at once and is laid out in the background
        // (the window opens without waiting for it).
        let mut provisional = Vec::new();
        if project.nodes.len() <= layout::CRATE_MAX_NODES {
            project.layout = layout::complete(&project, Grid::default());
        } else {
            provisional = project
                .nodes
                .iter()
                .filter(|n| !project.layout.positions.contains_key(&n.id))
                .map(|n| n.id.clone())
                .collect();
            if !provisional.is_empty() {
                project.layout = layout::provisional(&project, Grid::default());
            }
        }
        let disk = path.as_deref().and_then(fingerprint);
        Self {
            project,
            path,
            history: History::default(),
            saved_state: 0,
            report: Report::default(),
            report_revision: None,
            marks: HashMap::default(),
            card_marks: HashMap::default(),
            disk,
            container: None,
            provisional,
        }
    }

    /// Whether the file this project was read from or saved to has been changed by another
    /// program (or window) since.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, self.disk) {
            (Some(p), Some(known)) => fingerprint(p) != Some(known),
            _ => false,
        }
    }

    /// Whether there are changes since the last save or load.
    pub fn is_modified(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Marks the project as changed since it was last saved (recovered work).
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    pub fn mark_saved(&mut self, path: PathBuf) {
        self.disk = fingerprint(&path);
        self.path = Some(path);
        self.saved_state = self.history.state();
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
    /// Whether the findings of some version of this project have been taken (a large
    /// project's first check runs on a worker thread after the window opens).
    pub fn was_checked(&self) -> bool {
        self.report_revision.is_some()
    }

    pub fn needs_check(&self) -> bool {
        self.report_revision != Some(self.history.revision())
    }

    /// Re-runs the checks now.
    pub fn recheck(&mut self, catalog: &Catalog) {
        let report = checked(&self.project, catalog, self.container.as_deref());
        self.take_report(report, self.history.revision());
    }

    /// Takes findings computed elsewhere (on a worker thread) for a revision.
    pub fn set_report(&mut self, report: Report, revision: u64) {
        if revision == self.history.revision() {
            self.take_report(report, revision);
        }
    }

    fn take_report(&mut self, report: Report, revision: u64) {
        fn add(marks: &mut HashMap<String, Mark>, id: &str, severity: Severity) {
            let mark = marks.entry(id.to_owned()).or_insert(Mark {
                count: 0,
                worst: severity,
            });
            mark.count += 1;
            mark.worst = mark.worst.min(severity);
        }
        self.marks.clear();
        self.card_marks.clear();
        let receiver: HashMap<&str, &str> = self
            .project
            .flows
            .iter()
            .map(|f| (f.id.as_str(), f.to.as_str()))
            .collect();
        for f in report.findings.iter().filter(|f| f.is_open()) {
            let owner = f.target.element.owner();
            add(&mut self.marks, &owner.id(), f.severity);
            let card = match &owner {
                crate::model::ElementRef::Node(n) => Some(n.as_str()),
                crate::model::ElementRef::Flow(id) => receiver.get(id.as_str()).copied(),
                _ => None,
            };
            if let Some(card) = card {
                add(&mut self.card_marks, card, f.severity);
            }
        }
        self.report = report;
        self.report_revision = Some(revision);
    }

    /// The mark of a node's card: its own open findings and those of the flows into it.
    pub fn card_mark(&self, node: &str) -> Option<Mark> {
        self.card_marks.get(node).copied()
    }

    /// The findings mark of an element, if it has open findings.
    pub fn mark(&self, id: &str) -> Option<Mark> {
        self.marks.get(id).copied()
    }

    pub fn revision(&self) -> u64 {
        self.history.revision()
    }

    /// Gives the nodes that stood in provisional places (`was`) the places of the finished
    /// layout, except a card the user has moved since: its place is theirs. Not an edit,
    /// as the layout on opening is not.
    pub fn take_layout(
        &mut self,
        was: &[(NodeId, Position)],
        placed: &std::collections::BTreeMap<NodeId, Position>,
    ) {
        let positions = &mut self.project.layout.positions;
        for (id, at) in was {
            if let (Some(now), Some(new)) = (positions.get_mut(id), placed.get(id))
                && *now == *at
            {
                *now = *new;
            }
        }
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
}
