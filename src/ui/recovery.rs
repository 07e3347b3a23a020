//! Crash recovery: while there are unsaved changes, the project is written every 30 seconds to
//! a recovery copy in the app's data folder; a save or a clean exit removes it; at the next
//! start, a copy whose window is gone means that window did not close normally, and the user
//! is offered the work.
//!
//! Every window has a session folder of its own, `session-<pid>-<nanos>/`, holding its copy,
//! the file the work belongs to, and `owner.lock`, locked by the window for as long as it runs
//! (the operating system releases the lock when the process ends, however it ends). A copy is
//! offered only when its lock can be taken: another window's live work is never offered as a
//! crash, and its Discard or its exit never touches this window's copy. Offering a copy takes
//! its lock, so two windows started together do not both offer the same crash.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::model::Project;
use crate::store;

/// How often unsaved work is written to the recovery file, in seconds.
pub const INTERVAL: f64 = 30.0;

const PROJECT: &str = "recovery.capimap.ron";
const ORIGIN: &str = "recovery-origin.txt";
const LOCK: &str = "owner.lock";
const SESSION_PREFIX: &str = "session-";

/// This window's recovery session, in the app's recovery folder. Clones share the session.
#[derive(Clone, Debug)]
pub struct Recovery {
    root: PathBuf,
    own: Arc<Session>,
}

#[derive(Debug)]
struct Session {
    dir: PathBuf,
    /// The open, locked `owner.lock`; `None` when the folder could not be made (then writing
    /// the copy fails too, and says so).
    _lock: Option<fs::File>,
}

/// Work found at start-up, left by a window that is gone.
#[derive(Clone, Debug)]
pub struct Found {
    pub project: Project,
    /// The file the work belonged to, if it had one.
    pub origin: Option<PathBuf>,
    /// The session folder it came from (`None`: the single copy of an older capimap).
    session: Option<PathBuf>,
    /// The dead session's lock, held while its work is offered.
    _claim: Option<Arc<fs::File>>,
}

/// The lock of a session folder, taken if no running window holds it.
fn claim(dir: &Path) -> Option<fs::File> {
    let f = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK))
        .ok()?;
    f.try_lock().ok().map(|()| f)
}

impl Recovery {
    /// A new session of this window under `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = root.join(format!("{SESSION_PREFIX}{}-{nanos:x}", std::process::id()));
        let lock = fs::create_dir_all(&dir).ok().and_then(|()| claim(&dir));
        Self {
            root,
            own: Arc::new(Session { dir, _lock: lock }),
        }
    }

    fn dir(&self) -> &Path {
        &self.own.dir
    }

    /// Writes the unsaved work. Failing is not fatal: the user's own file is untouched, and
    /// the next attempt comes 30 seconds later.
    pub fn write(&self, project: &Project, origin: Option<&Path>) -> Result<(), String> {
        fs::create_dir_all(self.dir()).map_err(|e| format!("{}: {e}", self.dir().display()))?;
        store::save(&self.dir().join(PROJECT), project).map_err(|e| e.to_string())?;
        self.note_origin(origin)
    }

    /// Records which file this window has open (so that another window opening it can warn).
    pub fn note_origin(&self, origin: Option<&Path>) -> Result<(), String> {
        let origin = origin.map(|p| p.display().to_string()).unwrap_or_default();
        fs::write(self.dir().join(ORIGIN), origin).map_err(|e| e.to_string())
    }

    /// Removes this window's copy (after a save, or when the user discards the changes).
    pub fn clear(&self) {
        let _ = fs::remove_file(self.dir().join(PROJECT));
        let _ = fs::remove_file(store::backup_path(&self.dir().join(PROJECT)));
    }

    /// Removes this window's session folder (at a clean exit).
    pub fn close(&self) {
        let _ = fs::remove_dir_all(self.dir());
    }

    /// Work left by a window that did not end cleanly. A session folder whose window is gone
    /// and that holds no readable copy is removed: there is nothing to offer.
    pub fn find(&self) -> Option<Found> {
        // The single copy an older capimap kept at the top of the folder.
        if let Some(found) = self.read(&self.root, None) {
            return Some(found);
        }
        let entries = fs::read_dir(&self.root).ok()?;
        for entry in entries.flatten() {
            let dir = entry.path();
            let is_session = entry
                .file_name()
                .to_string_lossy()
                .starts_with(SESSION_PREFIX);
            if !is_session || dir == self.dir() || !dir.is_dir() {
                continue;
            }
            // A running window holds its lock: its work is its own, not a crash.
            let Some(lock) = claim(&dir) else {
                continue;
            };
            match self.read(&dir, Some(lock)) {
                Some(found) => return Some(found),
                None => {
                    let _ = fs::remove_dir_all(&dir);
                }
            }
        }
        None
    }

    fn read(&self, dir: &Path, lock: Option<fs::File>) -> Option<Found> {
        let path = dir.join(PROJECT);
        if !path.is_file() {
            return None;
        }
        let Ok(loaded) = store::load(&path) else {
            let _ = fs::remove_file(&path);
            return None;
        };
        let origin = fs::read_to_string(dir.join(ORIGIN))
            .ok()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(PathBuf::from);
        Some(Found {
            project: loaded.project,
            origin,
            session: (dir != self.root).then(|| dir.to_path_buf()),
            _claim: lock.map(Arc::new),
        })
    }

    /// Removes the copy that was offered, once the user recovered or discarded it.
    pub fn forget(&self, found: &Found) {
        match &found.session {
            Some(dir) => {
                let _ = fs::remove_dir_all(dir);
            }
            None => {
                for name in [PROJECT, ORIGIN] {
                    let _ = fs::remove_file(self.root.join(name));
                    let _ = fs::remove_file(store::backup_path(&self.root.join(name)));
                }
            }
        }
    }

    /// Whether another running window has `path` open.
    pub fn open_elsewhere(&self, path: &Path) -> bool {
        let Ok(entries) = fs::read_dir(&self.root) else {
            return false;
        };
        let wanted = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        entries.flatten().any(|entry| {
            let dir = entry.path();
            dir != self.dir()
                && entry
                    .file_name()
                    .to_string_lossy()
                    .starts_with(SESSION_PREFIX)
                // Its lock is held: the window runs.
                && dir.join(LOCK).is_file()
                && claim(&dir).is_none()
                && fs::read_to_string(dir.join(ORIGIN)).is_ok_and(|o| {
                    let o = PathBuf::from(o.trim());
                    fs::canonicalize(&o).unwrap_or(o) == wanted
                })
        })
    }
}
