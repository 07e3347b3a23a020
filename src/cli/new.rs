//! `capimap new FILE [--empty] [--force]`.

use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use capimap::model::{Party, Project};
use capimap::{examples, store};

pub fn run(path: &Path, empty: bool, force: bool) -> anyhow::Result<ExitCode> {
    if path.exists() && !force {
        bail!(
            "{}: the file already exists; use --force to overwrite it",
            path.display()
        );
    }
    let project = if empty {
        skeleton(path)
    } else {
        store::parse(examples::SHOP, examples::SHOP_NAME)?.project
    };
    let saved = store::save(path, &project)?;
    if saved.cleaned > 0 {
        eprintln!(
            "capimap: removed {} temporary file(s) that interrupted saves had left beside {}",
            saved.cleaned,
            path.display()
        );
    }
    println!(
        "wrote {} ({})",
        path.display(),
        if empty {
            "empty project"
        } else {
            "example shop"
        }
    );
    Ok(super::EXIT_OK)
}

/// An empty project named after the file, with the controller left for the user to fill in.
fn skeleton(path: &Path) -> Project {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .map(|n| {
            n.trim_end_matches(".ron")
                .trim_end_matches(".capimap")
                .to_owned()
        })
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "New project".to_owned());
    let mut project = Project::empty(name);
    project.organisation.controller = Party {
        name: "Your organisation's legal name".to_owned(),
        ..Party::default()
    };
    project
}
