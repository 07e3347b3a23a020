//! `--previous FILE|REV`: the previous version of a project, for the record's change log:
//! a file, or a git revision of the project file when it lives in a git work tree (read with
//! `git show`, locally; nothing is fetched).

use std::path::Path;
use std::process::Command;

use anyhow::{Context as _, bail};

use capimap::model::Project;
use capimap::store;

/// The previous project and the SHA-256 of its file's bytes; `option` ("--previous",
/// "--since") names where `arg` came from in errors.
pub fn load(arg: &str, project_file: &Path, option: &str) -> anyhow::Result<(Project, String)> {
    let as_file = Path::new(arg);
    let (bytes, name) = if as_file.is_file() {
        let bytes = store::read_file(as_file)?;
        (bytes, as_file.display().to_string())
    } else {
        (
            git_show(arg, project_file).map_err(|e| anyhow::anyhow!("{option} {e}"))?,
            format!("{arg}:{}", project_file.display()),
        )
    };
    let loaded = store::parse_bytes(&bytes, &name)?;
    Ok((loaded.project, capimap::report::export::file_hash(&bytes)))
}

/// A file's content at git revision `rev`, read in the git work tree the file is in.
pub fn git_show(rev: &str, project_file: &Path) -> anyhow::Result<Vec<u8>> {
    // A revision is a name git accepts; refuse anything that could be read as an option.
    if rev.is_empty() || rev.starts_with('-') || rev.chars().any(char::is_control) {
        bail!(
            "'{}' is neither a file nor a git revision",
            rev.escape_debug()
        );
    }
    let dir = project_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = project_file
        .file_name()
        .context("the project file has no name")?;
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{}", name.to_string_lossy()))
        .output()
        .with_context(|| {
            format!("{rev}: no such file, and git could not be run to read a revision")
        })?;
    if !out.status.success() {
        bail!(
            "{rev}: no such file, and not a git revision of {} ({})",
            project_file.display(),
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .next()
                .unwrap_or("git show failed")
                .chars()
                .filter(|c| !c.is_control())
                .take(200)
                .collect::<String>()
        );
    }
    Ok(out.stdout)
}
