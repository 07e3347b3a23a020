//! Which dialog is open and what it holds (the text typed so far, the action waiting for the
//! user's decision). Drawn by `dialogs/`; opened by commands.

use std::path::PathBuf;

use crate::model::NodeId;

use super::files::Purpose;

/// Something that must wait until the user has decided about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(Option<PathBuf>),
    OpenExample,
    Revert,
    Close,
}

/// A container export read and planned, waiting for the user to import it.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub analysis: std::sync::Arc<crate::import::gtm::Analysis>,
    pub plan: crate::import::gtm::Plan,
    /// What the preview says, for people.
    pub summary: String,
    /// The container's findings about the project as it would be.
    pub findings: Vec<crate::check::Finding>,
    /// The revision of the project the plan was made for.
    pub revision: u64,
}

#[derive(Clone, Debug)]
pub enum Dialog {
    Welcome,
    About,
    Shortcuts,
    Error {
        title: String,
        message: String,
    },
    /// A message that is not an error (what an import added and left to complete).
    Notice {
        title: String,
        message: String,
    },
    /// Unsaved changes: save, discard or cancel, then do `then`.
    Unsaved {
        then: Pending,
    },
    /// No native file dialog: type the path.
    PathPrompt {
        purpose: Purpose,
        text: String,
        error: Option<String>,
        /// What to do once saved (the action that asked to save first).
        then: Option<Pending>,
        /// For request files: the destination they went to.
        inspect_for: Option<NodeId>,
        /// The text field asks for the keyboard when the prompt opens.
        focused: bool,
    },
    /// The file was changed by another program since it was opened: reload, overwrite or
    /// save elsewhere.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// Work left by a session that did not end cleanly.
    Recover {
        origin: Option<PathBuf>,
        found: Box<super::recovery::Found>,
    },
    /// The record was written: open it, show its folder; a note when errors are still open.
    Exported {
        title: String,
        message: String,
        path: PathBuf,
        errors: usize,
    },
    /// A new id for an element.
    Rename {
        element: crate::model::ElementRef,
        text: String,
    },
    /// File ▸ Compare with…: a git revision or a file.
    CompareWith {
        text: String,
        error: Option<String>,
        focused: bool,
    },
    /// What importing a container would add and change: import or cancel.
    ImportPreview(std::sync::Arc<Imported>),
    AcceptRisk {
        rule: String,
        target: String,
        name: String,
        justification: String,
        accepted_by: String,
        date: String,
        error: Option<String>,
    },
}

impl Dialog {
    pub fn path_prompt(purpose: Purpose, suggested: Option<&PathBuf>) -> Self {
        let text = suggested
            .map(|p| {
                if p.is_absolute() {
                    p.display().to_string()
                } else {
                    std::env::current_dir()
                        .map(|d| d.join(p).display().to_string())
                        .unwrap_or_else(|_| p.display().to_string())
                }
            })
            .unwrap_or_default();
        Dialog::PathPrompt {
            purpose,
            text,
            error: None,
            then: None,
            inspect_for: None,
            focused: false,
        }
    }

    /// A new id for an element, starting from its id.
    pub fn rename(element: &crate::model::ElementRef) -> Self {
        Dialog::Rename {
            element: element.clone(),
            text: element.id().into_owned(),
        }
    }

    /// Accepting the risk of a finding: asks why, who and when.
    pub fn accept_risk(f: &crate::check::Finding) -> Self {
        Dialog::AcceptRisk {
            rule: f.rule.id.to_owned(),
            target: f.target.id().into_owned(),
            name: f.target.name.clone(),
            justification: String::new(),
            accepted_by: String::new(),
            date: String::new(),
            error: None,
        }
    }
}
