//! Writing files so that the user's work is never lost: the new content goes to a temporary
//! file in the same folder, is flushed to disk, and is renamed over the target; the previous
//! file becomes `*.bak` by a hard link renamed into place (or, where links are not possible, a
//! complete copy renamed into place), so the backup is never a partial file either. A kill at
//! any moment leaves the old file or the new one, and a complete backup.
//!
//! Saving through a symbolic link saves the file it points to and keeps the link; a FIFO or a
//! device (`/dev/stdout`) is written through. Temporary files that interrupted saves left in
//! the folder are removed by the next save there.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::StoreError;

/// The names of capimap's temporary files: `.capimap-save-XXXXXX.tmp`, `.capimap-bak-….tmp`.
const TEMP_PREFIXES: [&str; 2] = [".capimap-save-", ".capimap-bak-"];
const TEMP_SUFFIX: &str = ".tmp";

/// Where a file system cannot lock files, a temporary file older than this counts as left by
/// a save that did not finish (a save takes seconds).
const STALE_AFTER: Duration = Duration::from_secs(15 * 60);

/// What a save did besides writing the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Saved {
    /// Temporary files of earlier, interrupted saves that were removed from the folder.
    pub cleaned: usize,
}

/// Where the previous version of a file is kept: `name.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

pub(super) fn write_file(
    path: &Path,
    backup: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<Saved, StoreError> {
    let file = path.display().to_string();
    let fail = |source: io::Error| StoreError::Write {
        file: file.clone(),
        source: without_temp_path(source),
    };
    let target = resolve_links(path).map_err(fail)?;
    match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(fail(io::Error::new(
                io::ErrorKind::IsADirectory,
                "this is a folder",
            )));
        }
        // A FIFO, a terminal or another device: there is nothing to replace, so the content
        // is written through (`--pdf /dev/stdout`).
        Ok(m) if !m.is_file() => {
            let mut out = fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(fail)?;
            write(&mut out).map_err(fail)?;
            out.flush().map_err(fail)?;
            return Ok(Saved::default());
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(fail(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )));
    }
    let cleaned = clean_stale(&dir);
    let mut tmp = temp_builder(TEMP_PREFIXES[0])
        .tempfile_in(&dir)
        .map_err(fail)?;
    // Locked while it is written: a later save can tell this file, should the process die,
    // from one another window is writing right now (the lock ends with the process).
    let _ = tmp.as_file().try_lock();
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        write(&mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
    }
    keep_permissions(&target, tmp.as_file());
    tmp.as_file().sync_all().map_err(fail)?;
    if backup && target.is_file() {
        keep_backup(&target, &dir).map_err(fail)?;
    }
    tmp.persist(&target).map_err(|e| fail(e.error))?;
    sync_dir(&dir);
    Ok(Saved { cleaned })
}

fn temp_builder(prefix: &str) -> tempfile::Builder<'_, '_> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(TEMP_SUFFIX);
    b
}

/// The file a chain of symbolic links ends at (the path itself when it is none).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p)?;
                p = if to.is_absolute() {
                    to
                } else {
                    p.parent().unwrap_or(Path::new(".")).join(to)
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Makes `target.bak` the current content of `target`, atomically: a hard link to the file
/// under a temporary name, renamed over the backup; where the file system has no hard links,
/// a complete copy, flushed, renamed over it.
fn keep_backup(target: &Path, dir: &Path) -> io::Result<()> {
    let bak = backup_path(target);
    // A save killed between this and the rename of the new file leaves the backup and the
    // file one and the same (two links to it): the backup already is the file's content. A
    // new link renamed over it would stay behind as a temporary file, for renaming a link
    // onto another link to the same file does nothing (rename(2)).
    if same_file(target, &bak) {
        return Ok(());
    }
    let linked =
        temp_builder(TEMP_PREFIXES[1]).make_in(dir, |staged| fs::hard_link(target, staged));
    let Ok(staged) = linked else {
        let mut copy = temp_builder(TEMP_PREFIXES[1]).tempfile_in(dir)?;
        let _ = copy.as_file().try_lock();
        io::copy(&mut fs::File::open(target)?, copy.as_file_mut())?;
        copy.as_file().sync_all()?;
        return copy.persist(&bak).map(drop).map_err(|e| e.error);
    };
    // Locked like the save's own temporary file while it exists, for the same reason.
    let held = fs::File::open(staged.path());
    if let Ok(f) = &held {
        let _ = f.try_lock();
    }
    staged.persist(&bak).map(drop).map_err(|e| e.error)
}

/// Whether two paths are links to one file.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere a rename replaces the target whatever it is.
        let _ = (a, b);
        false
    }
}

/// Whether a temporary file of ours belongs to no running save: its lock can be taken (the
/// writer is gone), or, where files cannot be locked, it is old.
fn abandoned(path: &Path, meta: &fs::Metadata) -> bool {
    let Ok(f) = fs::OpenOptions::new().read(true).write(true).open(path) else {
        return false;
    };
    match f.try_lock() {
        Ok(()) => true,
        Err(fs::TryLockError::WouldBlock) => false,
        Err(fs::TryLockError::Error(_)) => meta
            .modified()
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER),
    }
}

/// Removes capimap's own temporary files that interrupted saves left in `dir`; how many.
fn clean_stale(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            TEMP_PREFIXES.iter().any(|p| name.starts_with(p)) && name.ends_with(TEMP_SUFFIX)
        })
        .filter(|e| {
            e.metadata()
                .is_ok_and(|m| m.is_file() && abandoned(&e.path(), &m))
        })
        .filter(|e| fs::remove_file(e.path()).is_ok())
        .count()
}

/// The error without the name of capimap's temporary file, which means nothing to the user
/// (the message names the file being saved).
fn without_temp_path(e: io::Error) -> io::Error {
    let inner = e
        .get_ref()
        .and_then(|inner| inner.source())
        .and_then(|s| s.downcast_ref::<io::Error>())
        .and_then(io::Error::raw_os_error);
    match inner.or_else(|| e.raw_os_error()) {
        Some(code) => io::Error::from_raw_os_error(code),
        None if e.to_string().contains(TEMP_PREFIXES[0]) => {
            io::Error::new(e.kind(), e.kind().to_string())
        }
        None => e,
    }
}

/// A replaced file keeps its permissions; a new one gets the usual read-write for the owner and
/// read for others (temporary files start owner-only).
fn keep_permissions(path: &Path, tmp: &fs::File) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map_or(0o644, |m| m.permissions().mode());
        let _ = tmp.set_permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = (path, tmp);
}

/// Makes the rename durable. Best effort: not every platform can open a folder for syncing.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
