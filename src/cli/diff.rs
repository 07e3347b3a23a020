//! `capimap diff OLD NEW [--format text|markdown|json] [--fail-on KINDS] [--catalog DIR]`:
//! what a change does in privacy terms. OLD and NEW are project files or `REV:PATH`, a file at
//! a git revision (read with `git show`, locally).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use capimap::diff::review::{Kind, review};
use capimap::model::Project;
use capimap::report::review::{describe_review, markdown, text};
use capimap::store;

use super::catalog;
use super::plan::PlanFormat;

pub fn run(
    old: &str,
    new: &str,
    format: PlanFormat,
    fail_on: &[String],
    catalog_dir: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    // Every kind named is checked before any file is read: a typo must not pass CI silently.
    let mut kinds = Vec::new();
    for k in fail_on.iter().map(|k| k.trim()).filter(|k| !k.is_empty()) {
        match Kind::parse(k) {
            Some(kind) => kinds.push(kind),
            None => bail!(
                "--fail-on: '{}' is not a kind of change; the kinds are {}",
                k.escape_debug(),
                Kind::ALL.map(Kind::name).join(", ")
            ),
        }
    }
    let catalog = catalog(catalog_dir)?;
    let before = load(old)?;
    let after = load(new)?;
    let r = review(&before, &after, &catalog);
    let d = describe_review(&after, &r, old, new)?;
    match format {
        PlanFormat::Text => print!("{}", text(&d)),
        PlanFormat::Markdown => print!("{}", markdown(&d)),
        PlanFormat::Json => println!("{}", serde_json::to_string_pretty(&d)?),
    }
    let hit: Vec<&str> = d
        .kinds
        .iter()
        .filter(|k| kinds.contains(k))
        .map(|k| k.name())
        .collect();
    if hit.is_empty() {
        Ok(super::EXIT_OK)
    } else {
        eprintln!("capimap: --fail-on: {}", hit.join(", "));
        Ok(ExitCode::from(super::EXIT_FINDINGS))
    }
}

/// A project file, or `REV:PATH` from git when no file of that name exists.
fn load(arg: &str) -> anyhow::Result<Project> {
    let path = Path::new(arg);
    if path.is_file() {
        return Ok(store::load(path)?.project);
    }
    let Some((rev, file)) = arg.split_once(':') else {
        bail!(
            "{}: no such file (for a git revision write REV:PATH)",
            path.display()
        );
    };
    let bytes = store::version::git_show(rev, Path::new(file))?;
    Ok(store::parse_bytes(&bytes, arg)?.project)
}
