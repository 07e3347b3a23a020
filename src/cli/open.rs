//! `capimap` and `capimap open FILE`: the app.

use std::path::Path;
use std::process::ExitCode;

#[cfg(feature = "gui")]
use anyhow::Context as _;

use capimap::{examples, store};

/// Opens the app on the built-in example.
pub fn example() -> anyhow::Result<ExitCode> {
    let loaded = store::parse(examples::SHOP, examples::SHOP_NAME)?;
    launch(loaded.project, None, capimap::catalog::Catalog::builtin()?)
}

/// Opens the app on a file. The file is read first, so that a broken file is reported here,
/// on one line, like every other command does.
/// With `--catalog DIR`, the app checks, inspects and proposes mappings with the user's own
/// platform files too.
pub fn file(path: &Path, catalog: Option<&std::path::PathBuf>) -> anyhow::Result<ExitCode> {
    let loaded = store::load(path)?;
    let catalog = super::catalog(catalog)?;
    launch(loaded.project, Some(path.to_path_buf()), catalog)
}

#[cfg(feature = "gui")]
fn launch(
    project: capimap::model::Project,
    path: Option<std::path::PathBuf>,
    catalog: capimap::catalog::Catalog,
) -> anyhow::Result<ExitCode> {
    capimap::ui::run(project, path, catalog)
        .context("no window could be opened (is there a display?)")?;
    Ok(super::EXIT_OK)
}

#[cfg(not(feature = "gui"))]
fn launch(
    _project: capimap::model::Project,
    _path: Option<std::path::PathBuf>,
    _catalog: capimap::catalog::Catalog,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!(
        "this capimap was built without the app (feature `gui`); use a command such as \
         `capimap show FILE`, or see `capimap --help`"
    )
}
