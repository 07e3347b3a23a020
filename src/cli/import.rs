//! `capimap import gtm CONTAINER.json [--into PROJECT] [--out FILE] [--dry-run] [--force]
//! [--format text|json] [--catalog DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use capimap::check::{Finding, Report, output};
use capimap::import::gtm;
use capimap::model::{Party, Project};
use capimap::store;

use super::{Format, catalog};

pub struct Args<'a> {
    pub container: &'a Path,
    pub into: Option<&'a PathBuf>,
    pub out: Option<&'a PathBuf>,
    pub dry_run: bool,
    pub force: bool,
    pub format: Format,
    pub catalog: Option<&'a PathBuf>,
}

/// Reads and analyses a container export: the one reading of it that `import` and `check
/// --gtm` share.
pub fn read_container(path: &Path) -> anyhow::Result<gtm::Analysis> {
    let bytes = store::read_capped(
        path,
        gtm::MAX_EXPORT_BYTES,
        "and a container export is a few MB at most",
    )?;
    let container = gtm::parse(&bytes, &path.display().to_string())?;
    Ok(gtm::analyse(container))
}

pub fn run(a: Args) -> anyhow::Result<ExitCode> {
    let catalog = catalog(a.catalog)?;
    if let Some(out) = a.out
        && same_file(out, a.container)
    {
        bail!(
            "{}: --out would overwrite the container export",
            out.display()
        );
    }
    let analysis = read_container(a.container)?;
    let (base, file) = match a.into {
        Some(p) => (store::load(p)?.project, p.display().to_string()),
        None => (skeleton(&analysis), String::new()),
    };
    let plan = gtm::plan(&analysis, &base, &catalog);
    let findings = gtm::findings(&analysis, &plan.result, &catalog);
    let report = report(findings);
    let target = a.out.or(a.into);
    match a.format {
        Format::Text => eprint!("{}", gtm::preview(&plan, &analysis, a.dry_run)),
        Format::Json => println!(
            "{}",
            serde_json::json!({
                "plan": &plan,
                "findings": serde_json::from_str::<serde_json::Value>(&output::json(&report, &file, None)).unwrap_or_default(),
            })
        ),
    }
    if a.format == Format::Text && !report.findings.is_empty() {
        eprintln!();
        eprint!(
            "{}",
            output::text(&report, a.container.display().to_string().as_str(), None)
        );
    }
    if a.dry_run {
        return Ok(super::EXIT_OK);
    }
    match target {
        None => {
            if a.format == Format::Text {
                print!("{}", store::to_string(&plan.result));
            }
        }
        Some(path) => {
            let unchanged = a.out.is_none() && plan.is_empty();
            if unchanged {
                eprintln!(
                    "capimap: {} already records {} as exported: nothing written",
                    path.display(),
                    plan.container
                );
                return Ok(super::EXIT_OK);
            }
            if a.out.is_some()
                && path.exists()
                && !a.force
                && a.into.is_none_or(|i| !same_file(i, path))
            {
                bail!(
                    "{}: the file already exists; use --force to overwrite it",
                    path.display()
                );
            }
            store::save(path, &plan.result)?;
            eprintln!("capimap: wrote {}", path.display());
        }
    }
    Ok(super::EXIT_OK)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// The project a standalone import starts from: named after the container, with the
/// controller left for the user to fill in.
fn skeleton(a: &gtm::Analysis) -> Project {
    let mut p = Project::empty(a.container.name.clone());
    p.description = format!(
        "Imported from the server-side Tag Manager container {}.",
        a.container.public_id
    );
    p.organisation.controller = Party {
        name: "Your organisation's legal name".to_owned(),
        ..Party::default()
    };
    p
}

pub fn report(mut findings: Vec<Finding>) -> Report {
    findings.sort_by_key(|f| (f.severity, f.rule.family));
    Report {
        findings,
        ..Report::default()
    }
}
