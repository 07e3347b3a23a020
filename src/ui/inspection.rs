//! The last payload inspection in the app: request files read for a destination and compared
//! with the record, and looked through for test identities when a file of them is given.
//! Shown by `payloads.rs`.

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::inspect::{self, Comparison, Inspection, Inspector};
use crate::model::{NodeId, Project};

/// The last inspection, for one destination.
pub struct Payloads {
    pub destination: NodeId,
    pub files: Vec<PathBuf>,
    /// The file of test identities looked for, and how many it holds.
    pub identities: Option<(PathBuf, usize)>,
    /// The numbers of the test identities the file marks as withdrawn.
    pub withdrawn: Vec<usize>,
    pub result: Inspection,
    pub comparison: Comparison,
}

impl Payloads {
    /// Reads request files sent to a destination and compares them with the record; the
    /// error names the file and the place.
    pub fn read(
        project: &Project,
        catalog: &Catalog,
        destination: &NodeId,
        files: Vec<PathBuf>,
        identities: Option<PathBuf>,
    ) -> Result<Self, String> {
        let platform = project
            .node(destination.as_str())
            .and_then(|n| n.as_destination())
            .and_then(|d| catalog.get(&d.platform))
            .ok_or_else(|| {
                "This destination's platform is not in the catalogue: its requests cannot be read."
                    .to_owned()
            })?;
        // The test people become digests here and their values are dropped at once.
        let index = match &identities {
            Some(path) => {
                let ids = inspect::identities::load(path).map_err(|e| e.to_string())?;
                Some(inspect::identities::Index::new(&ids))
            }
            None => None,
        };
        let mut inspector = Inspector::new(platform);
        if let Some(index) = &index {
            inspector = inspector.with_identities(index, &[]);
        }
        for f in &files {
            inspect::read_path(f, &mut inspector).map_err(|e| e.to_string())?;
        }
        let result = inspector.finish();
        let comparison = inspect::compare(&result, project, destination.as_str(), platform);
        Ok(Self {
            destination: destination.clone(),
            files,
            withdrawn: index
                .as_ref()
                .map(|i| i.withdrawn.clone())
                .unwrap_or_default(),
            identities: identities.zip(index.map(|i| i.identities)),
            result,
            comparison,
        })
    }
}
