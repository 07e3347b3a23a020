//! `--previous FILE|REV` and `--since FILE|REV`: another version of the project, read by
//! `store::version` (a file, or a git revision of the project file).

use std::path::Path;

use capimap::model::Project;
use capimap::store::version;

/// The previous project and the SHA-256 of its file's bytes; `option` ("--previous",
/// "--since") names where `arg` came from in errors.
pub fn load(arg: &str, project_file: &Path, option: &str) -> anyhow::Result<(Project, String)> {
    // A file's own errors name the file and the place; the others say which option.
    let v = version::load(arg, Some(project_file)).map_err(|e| match e {
        version::VersionError::Store(e) => anyhow::Error::from(e),
        e => anyhow::anyhow!("{option} {e}"),
    })?;
    Ok((
        v.loaded.project,
        capimap::report::export::file_hash(&v.bytes),
    ))
}
