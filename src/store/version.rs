//! Another version of a project, to compare with or to take a change log from: a file, or a
//! git revision of the project file when it lives in a git work tree (read with `git show`,
//! locally; nothing is fetched). The CLI's `--previous`, `--since` and `diff REV:PATH` and the
//! app's File ▸ Compare with… read versions here.

use std::path::Path;
use std::process::Command;

use super::{Loaded, StoreError, parse_bytes, read_file};

/// Why a version could not be read.
#[derive(Debug, thiserror::Error)]
pub enum VersionError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Neither a file nor a name git may be given.
    #[error("'{0}' is neither a file nor a git revision")]
    NotARevision(String),
    #[error(
        "{rev}: no such file, and the project has not been saved, so there is no git revision of it to read"
    )]
    Unsaved { rev: String },
    #[error("{rev}: no such file, and git could not be run to read a revision ({reason})")]
    NoGit { rev: String, reason: String },
    #[error("{rev}: no such file, and not a git revision of {file} ({reason})")]
    Git {
        rev: String,
        file: String,
        reason: String,
    },
}

/// A version read: the project, the file's bytes, and how to name it in messages
/// (`old.capimap.ron`, `HEAD:shop.capimap.ron`).
#[derive(Debug)]
pub struct Version {
    pub loaded: Loaded,
    pub bytes: Vec<u8>,
    pub name: String,
}

/// `arg` as a file when there is one by that name, else as a git revision of `project_file`.
pub fn load(arg: &str, project_file: Option<&Path>) -> Result<Version, VersionError> {
    let as_file = Path::new(arg);
    let (bytes, name) = if as_file.is_file() {
        (read_file(as_file)?, as_file.display().to_string())
    } else {
        let Some(project_file) = project_file else {
            return Err(VersionError::Unsaved {
                rev: shown_rev(arg),
            });
        };
        // Named as git names it from the file's folder: `HEAD:shop.capimap.ron`.
        let file = project_file.file_name().map_or_else(
            || project_file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        (git_show(arg, project_file)?, format!("{arg}:{file}"))
    };
    let loaded = parse_bytes(&bytes, &name)?;
    Ok(Version {
        loaded,
        bytes,
        name,
    })
}

/// A revision as messages may print it: no control characters, not a screenful.
fn shown_rev(rev: &str) -> String {
    let mut s: String = rev.chars().filter(|c| !c.is_control()).take(80).collect();
    if rev.chars().count() > 80 {
        s.push('…');
    }
    s
}

/// A file's content at git revision `rev`, read in the git work tree the file is in.
pub fn git_show(rev: &str, project_file: &Path) -> Result<Vec<u8>, VersionError> {
    // A revision is a name git accepts; refuse anything that could be read as an option.
    if rev.trim().is_empty() || rev.starts_with('-') || rev.chars().any(char::is_control) {
        return Err(VersionError::NotARevision(shown_rev(
            &rev.escape_debug().to_string(),
        )));
    }
    let dir = project_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = project_file.file_name() else {
        return Err(VersionError::NotARevision(shown_rev(rev)));
    };
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{}", name.to_string_lossy()))
        .output()
        .map_err(|e| VersionError::NoGit {
            rev: shown_rev(rev),
            reason: e.to_string(),
        })?;
    if !out.status.success() {
        return Err(VersionError::Git {
            rev: shown_rev(rev),
            file: project_file.display().to_string(),
            reason: String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("git show failed")
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect(),
        });
    }
    Ok(out.stdout)
}
