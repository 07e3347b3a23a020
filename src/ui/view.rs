//! What panels may read while they draw: the document, the selection, the catalogue and the
//! app's state, lent read-only. Panels change nothing; they push commands.

use crate::catalog::Catalog;

use super::command::Highlight;
use super::document::Document;
use super::inspection::Payloads;
use super::prefs::Prefs;
use super::selection::Selection;

pub struct AppView<'a> {
    pub doc: &'a Document,
    pub selection: &'a Selection,
    pub catalog: &'a Catalog,
    pub prefs: &'a Prefs,
    /// An export is under way.
    pub exporting: bool,
    /// The findings shown are not yet those of the project as it is (a large project's
    /// checks run on a worker thread).
    pub checking: bool,
    /// How far the background layout of a large project has come (0 to 1), while it runs.
    pub arranging: Option<f32>,
    /// The status bar's message, while it is shown.
    pub status: Option<&'a str>,
    /// The last payload inspection.
    pub payloads: Option<&'a Payloads>,
    /// An element and path to draw highlighted (a finding opened or under the pointer).
    pub highlight: Option<&'a Highlight>,
    /// What the flows carry in the consent state the simulator is set to, when it is on.
    pub simulation: Option<&'a crate::check::plan::Simulation>,
    /// What changed since the version compared with (File ▸ Compare with…), while comparing.
    pub comparison: Option<&'a crate::diff::elements::Comparison>,
    /// That version's name: `HEAD:shop.capimap.ron`, `old.capimap.ron`.
    pub compared_with: Option<&'a str>,
}
