//! Crash recovery: while there are unsaved changes, the project is written every 30 seconds to
//! a recovery file in the app's data folder; a clean exit or a save removes it; at the next
//! start a left-over file means the app did not exit cleanly, and the user is offered the work.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::Project;
use crate::store;

/// How often unsaved work is written to the recovery file, in seconds.
pub const INTERVAL: f64 = 30.0;

const PROJECT: &str = "recovery.capimap.ron";
const ORIGIN: &str = "recovery-origin.txt";

/// The recovery files in one folder.
#[derive(Clone, Debug)]
pub struct Recovery {
    dir: PathBuf,
}

/// Work found at start-up.
#[derive(Clone, Debug)]
pub struct Found {
    pub project: Project,
    /// The file the work belonged to, if it had one.
    pub origin: Option<PathBuf>,
}

impl Recovery {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn project_path(&self) -> PathBuf {
        self.dir.join(PROJECT)
    }

    /// Writes the unsaved work. Failing is not fatal: the user's own file is untouched, and
    /// the next attempt comes 30 seconds later.
    pub fn write(&self, project: &Project, origin: Option<&Path>) -> Result<(), String> {
        fs::create_dir_all(&self.dir).map_err(|e| format!("{}: {e}", self.dir.display()))?;
        store::save(&self.project_path(), project).map_err(|e| e.to_string())?;
        let origin = origin.map(|p| p.display().to_string()).unwrap_or_default();
        fs::write(self.dir.join(ORIGIN), origin).map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Removes the recovery files (after a save, or when the user discards the changes).
    pub fn clear(&self) {
        for name in [PROJECT, ORIGIN] {
            let _ = fs::remove_file(self.dir.join(name));
            let _ = fs::remove_file(store::backup_path(&self.dir.join(name)));
        }
    }

    /// Work left by a session that did not end cleanly. A recovery file that cannot be read is
    /// removed: there is nothing to offer.
    pub fn find(&self) -> Option<Found> {
        let path = self.project_path();
        if !path.is_file() {
            return None;
        }
        match store::load(&path) {
            Ok(loaded) => {
                let origin = fs::read_to_string(self.dir.join(ORIGIN))
                    .ok()
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .map(PathBuf::from);
                Some(Found {
                    project: loaded.project,
                    origin,
                })
            }
            Err(_) => {
                self.clear();
                None
            }
        }
    }
}
