//! `capimap import fides`: a fideslang resource file (a Fides manifest) read into the map —
//! systems into nodes, privacy declarations into activities, datasets and data flows into
//! fields and flows. A file capimap wrote comes back whole but for what fideslang cannot
//! hold (how each field is sent, which consents a gate enforces), which the import lists as
//! items to complete; a file from Fides itself comes in as far as its resources say.

mod build;
mod flows;

pub use build::{Imported, to_project};

use crate::edit::{Command, Item};
use crate::model::Project;
use crate::model::fideslang::doc::Manifest;
use crate::model::shown::shown;

/// A file larger than this is refused before it is read: a manifest of thousands of systems
/// is a few MB.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a fideslang file could not be read: one line, naming the file and the place, never
/// quoting the input (it holds contact details).
#[derive(Debug, thiserror::Error)]
pub enum FidesError {
    #[error("{file}: an empty file, not a fideslang resource file")]
    Empty { file: String },
    #[error("{file}: not YAML: the syntax breaks at line {line} column {column}")]
    NotYaml {
        file: String,
        line: usize,
        column: usize,
    },
    #[error(
        "{file}: not fideslang resources: line {line} column {column} does not hold what fideslang puts there (systems, datasets, organizations, taxonomy keys)"
    )]
    Shape {
        file: String,
        line: usize,
        column: usize,
    },
    #[error("{file}: no system, dataset or organization in it: nothing to import")]
    Nothing { file: String },
}

/// Reads a fideslang file. `file` names it in errors.
pub fn parse(bytes: &[u8], file: &str) -> Result<Manifest, FidesError> {
    let file = shown(file, 200);
    let text = String::from_utf8_lossy(bytes);
    if text.trim().is_empty() {
        return Err(FidesError::Empty { file });
    }
    let place = |e: &yaml_serde::Error| e.location().map_or((0, 0), |l| (l.line(), l.column()));
    // Read once; only a file that fails is read again, as plain YAML, to tell broken syntax
    // from YAML that is not fideslang.
    let m: Manifest = match yaml_serde::from_str(&text) {
        Ok(m) => m,
        Err(shape) => {
            return Err(match yaml_serde::from_str::<yaml_serde::Value>(&text) {
                Err(syntax) => {
                    let (line, column) = place(&syntax);
                    FidesError::NotYaml { file, line, column }
                }
                Ok(_) => {
                    let (line, column) = place(&shape);
                    FidesError::Shape { file, line, column }
                }
            });
        }
    };
    if m.system.is_empty() && m.dataset.is_empty() && m.organization.is_empty() {
        return Err(FidesError::Nothing { file });
    }
    Ok(m)
}

/// What merging an import into a project adds: one edit (one undo step), and what was left
/// out because the project already has an element with that id.
pub struct Merge {
    pub command: Command,
    pub added: usize,
    pub kept: Vec<String>,
}

/// The imported elements that `base` lacks, added after its own; elements whose id `base`
/// already has are kept as they are there.
pub fn merge(base: &Project, imported: &Project) -> Merge {
    let mut commands = Vec::new();
    let mut kept = Vec::new();
    macro_rules! add {
        ($list:ident, $item:path, $what:literal) => {{
            let mut at = base.$list.len();
            let have: std::collections::HashSet<&str> =
                base.$list.iter().map(|b| b.id.as_str()).collect();
            for e in &imported.$list {
                if have.contains(e.id.as_str()) {
                    kept.push(format!("{} '{}' (already in the project)", $what, e.id));
                } else {
                    commands.push(Command::Insert {
                        at,
                        item: $item(e.clone()),
                    });
                    at += 1;
                }
            }
        }};
    }
    add!(fields, Item::Field, "field");
    add!(activities, Item::Activity, "activity");
    add!(nodes, Item::Node, "node");
    add!(flows, Item::Flow, "flow");
    let added = commands.len();
    // Into a project with no systems yet, the file's organisation is the project's.
    if base.nodes.is_empty() && !imported.organisation.controller.name.trim().is_empty() {
        commands.push(Command::SetOrganisation(Box::new(
            imported.organisation.clone(),
        )));
    }
    // The new cards get places: the whole map laid out when the project had none, else each
    // new card in its kind's column, clear of the others (as a Tag Manager import does).
    let mut scratch = base.clone();
    if added > 0 && Command::Batch(commands.clone()).apply(&mut scratch).is_ok() {
        let grid = crate::layout::Grid::default();
        if base.layout.is_empty() {
            commands.push(Command::SetLayout(crate::layout::complete(&scratch, grid)));
        } else {
            for n in imported
                .nodes
                .iter()
                .filter(|n| base.node(n.id.as_str()).is_none())
            {
                let position = crate::layout::place_among(&scratch, &scratch.layout, &n.kind, grid);
                scratch.layout.positions.insert(n.id.clone(), position);
                commands.push(Command::SetPosition {
                    node: n.id.clone(),
                    position: Some(position),
                });
            }
        }
    }
    Merge {
        command: Command::Batch(commands),
        added,
        kept,
    }
}
