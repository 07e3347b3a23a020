//! Everything the user can ask the app to do, as one type. Panels and menus only push
//! [`AppCommand`]s while they draw; the app applies them afterwards, in one place
//! (`app::apply`), so that no panel changes the app in the middle of a frame and every edit
//! reaches the undo history the same way.
//!
//! The commands that have a menu entry carry their label, tooltip and shortcuts in one table
//! (`shortcuts.rs`): the menus, the key handling and the shortcuts dialog are drawn from it.

use std::path::PathBuf;

use crate::edit::Command;
use crate::model::{ElementRef, NodeId, NodeKind};
use crate::report::document::Edition;

use super::dialog::Dialog;
pub use super::dialog::Pending;
use super::prefs::Prefs;

/// The bottom panel's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Findings,
    Inventory,
    Payloads,
    /// While comparing with another version: what changed since.
    Changes,
}

/// The state simulated: the group of users (a scope of the plan) and the purposes denied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SimChoice {
    pub scope: usize,
    /// Purpose ids; every other purpose asked for these users is granted.
    pub denied: Vec<String>,
}

/// An element and, for findings about a path, the nodes along it: drawn highlighted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub element: ElementRef,
    pub path: Vec<NodeId>,
}

#[derive(Clone, Debug)]
pub enum AppCommand {
    // Files
    /// New, open, revert or close: asks about unsaved changes first.
    Request(Pending),
    /// Carries it out without asking (the user decided).
    Proceed(Pending),
    Save,
    SaveAs,
    /// Saves, then carries out what waited for it.
    SaveThen(Pending),
    /// Saves to a path typed in the app's prompt, then carries out `then`.
    SaveTo {
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Saves over a file another program changed, because the user chose to.
    SaveOverwriting(PathBuf),
    /// Asks where, then exports the record in this edition.
    Export(Edition),
    ExportTo(PathBuf),
    /// Asks where, then writes the diagram as SVG.
    ExportDiagram,
    ExportDiagramTo(PathBuf),
    /// Asks for a server-side Tag Manager container export, then previews its import.
    ImportContainer,
    /// Reads a container export and previews what importing it changes.
    ImportContainerFrom(PathBuf),
    /// Applies the previewed import, as one undo step.
    ApplyImport(std::sync::Arc<super::dialog::Imported>),
    /// Asks for a fideslang file, then adds what it describes, as one undo step.
    ImportFides,
    ImportFidesFrom(PathBuf),
    /// Asks where, then writes the map for another privacy tool.
    ExportExchange(Exchange),
    ExportExchangeTo(Exchange, PathBuf),
    /// Opens a file or folder with the system's own program (a PDF viewer, the file manager).
    OpenExternally(PathBuf),
    Quit,
    /// Takes the work left by a crashed session.
    Recover(Box<super::recovery::Found>),
    /// Removes that work without taking it.
    DiscardRecovered(Box<super::recovery::Found>),

    // Editing
    Undo,
    Redo,
    /// Deletes the selected nodes and flows.
    Delete,
    /// Copies the selected nodes, with the flows among them.
    Copy,
    Paste,
    /// Copies and pastes the selected nodes in one go.
    Duplicate,
    /// An edit of the project, as one undo step; edits with the same `merge` key that follow
    /// each other (typing into one field) become one step.
    Edit {
        label: String,
        /// Boxed: a command holds whole elements, and every other command is small.
        command: Box<Command>,
        merge: Option<String>,
    },
    /// Ends the current merged edit: the next keystroke starts a new undo step.
    Seal,
    AddNode(NodeKind),
    /// Adds a destination filled in from the catalogue's platform.
    AddDestination(String),
    AddActivity,
    AddConsentPurpose,
    AddField,
    /// Adds the mappings proposed for a flow that it lacks.
    ProposeMappings(crate::model::FlowId),
    /// Marks an activity on a flow and every flow upstream that carries its fields.
    ServeUpstream {
        flow: crate::model::FlowId,
        activity: crate::model::ActivityId,
    },
    /// Draws a flow between two nodes, with the mappings proposed for it.
    Connect {
        from: NodeId,
        to: NodeId,
    },

    // Selection and view
    Select {
        element: ElementRef,
        /// Shift/Ctrl-click: add to the selection (or take out).
        toggle: bool,
    },
    /// Selects and brings into view (the outline, a finding, an inventory cell).
    Reveal(ElementRef),
    SelectNodes {
        nodes: Vec<NodeId>,
        add: bool,
    },
    SelectAll,
    ClearSelection,
    Fit,
    AutoLayout,
    /// Stops the background layout of a large project: the cards keep their columns.
    StopLayout,
    Find,
    ShowTab(BottomTab),
    /// Shows the findings, only those of one severity (the status bar's counts).
    ShowFindings(Option<crate::check::Severity>),
    /// Brings these nodes into view together (an opened finding's path).
    FrameNodes(Vec<NodeId>),
    /// Highlights them for this frame only (a finding under the pointer).
    Hover(Highlight),
    /// Turns the consent simulator on or off (View ▸ Consent simulator).
    ToggleSimulator,
    /// Simulates these consent choices; `None` leaves the simulator.
    Simulate(Option<SimChoice>),
    /// Asks what to compare the project with (File ▸ Compare with…).
    AskCompare,
    /// Compares with this file, or git revision of the project file.
    CompareWith(String),
    /// Asks for the other version's file with the system's file dialog.
    ChooseCompareFile,
    /// Takes the comparison's marks off.
    StopComparing,

    // Payload inspection
    /// Asks for request files sent to this destination.
    ChooseRequests(NodeId),
    InspectFiles {
        destination: NodeId,
        files: Vec<PathBuf>,
    },
    /// Documents the fields the last inspection found undocumented.
    DocumentInspected,
    /// Asks for a file of test identities to check the last inspection's capture with.
    ChooseTestIdentities,
    /// Inspects the last inspection's files again, looking for these test identities.
    CheckWithIdentities(PathBuf),
    /// Inspects the last inspection's files again against this case of the consent test
    /// plan (`None`: against none).
    CheckAgainstCase(Option<usize>),

    // Dialogs and preferences
    ShowDialog(Dialog),
    ShowWelcome,
    ShowShortcuts,
    ShowAbout,
    SetPrefs(Box<Prefs>),
}

/// The files capimap exchanges with other privacy tools.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exchange {
    /// fideslang resources for Fides (YAML).
    Fides,
    /// The record in the W3C Data Privacy Vocabulary (JSON-LD).
    Dpv,
}
