//! `capimap import fides FILE.yml [--into PROJECT] [--out FILE] [--dry-run] [--force]
//! [--format text|json]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use capimap::import::fides;
use capimap::store;

use super::Format;

pub struct Args<'a> {
    pub file: &'a Path,
    pub into: Option<&'a PathBuf>,
    pub out: Option<&'a PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub format: Format,
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    for target in a.out.iter().chain(a.into.iter()) {
        if let (Ok(x), Ok(y)) = (target.canonicalize(), a.file.canonicalize())
            && x == y
        {
            bail!(
                "{}: this is the fideslang file itself; write the project to another file",
                target.display()
            );
        }
    }
    let bytes = store::read_capped(
        a.file,
        fides::MAX_FILE_BYTES,
        "and a fideslang file is a few MB at most",
    )?;
    let manifest = fides::parse(&bytes, &a.file.display().to_string())?;
    let imported = fides::to_project(&manifest);
    let (result, added, kept) = match a.into {
        Some(path) => {
            let mut base = store::load(path)?.project;
            let merge = fides::merge(&base, &imported.project);
            merge
                .command
                .apply(&mut base)
                .map_err(|e| anyhow::anyhow!("the import could not be applied: {e}"))?;
            (base, merge.added, merge.kept)
        }
        None => {
            let p = &imported.project;
            let n = p.nodes.len() + p.flows.len() + p.fields.len() + p.activities.len();
            (imported.project.clone(), n, Vec::new())
        }
    };
    let p = &imported.project;
    match a.format {
        Format::Text => {
            let what = format!(
                "{} systems, {} activities, {} fields, {} flows",
                p.nodes.len(),
                p.activities.len(),
                p.fields.len(),
                p.flows.len()
            );
            let verb = if a.dry_run {
                "would import"
            } else {
                "imported"
            };
            match a.into {
                None => eprintln!("capimap: {verb} {}: {what}", a.file.display()),
                Some(into) => eprintln!(
                    "capimap: {verb} {} ({what}) into {}: {added} added, {} already there",
                    a.file.display(),
                    into.display(),
                    kept.len()
                ),
            }
            for k in &kept {
                eprintln!("  kept as it is: {k}");
            }
            if !imported.to_complete.is_empty() {
                eprintln!("To complete (fideslang does not say):");
                for t in &imported.to_complete {
                    eprintln!("  - {t}");
                }
            }
        }
        Format::Json => println!(
            "{}",
            serde_json::json!({
                "systems": p.nodes.len(),
                "activities": p.activities.len(),
                "fields": p.fields.len(),
                "flows": p.flows.len(),
                "added": added,
                "kept": kept,
                "to_complete": imported.to_complete,
            })
        ),
    }
    if a.dry_run {
        return Ok(super::EXIT_OK);
    }
    match a.out.or(a.into) {
        None => {
            if a.format == Format::Text {
                print!("{}", store::to_string(&result));
            }
        }
        Some(path) => {
            if a.out.is_some() && path.exists() && !a.force && a.into.is_none_or(|i| i != path) {
                bail!(
                    "{}: the file already exists; use --force to overwrite it",
                    path.display()
                );
            }
            store::save(path, &result)?;
            eprintln!("capimap: wrote {}", path.display());
        }
    }
    Ok(super::EXIT_OK)
}
