//! `capimap check FILE [--gtm CONTAINER.json] [--format text|json|sarif] [--fail-on error|warning|never]
//! [--catalog DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use capimap::check::{self, Severity, output, sarif};
use capimap::store;

use super::catalog;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// The lowest severity that makes `check` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Never,
}

pub fn run(
    path: &Path,
    format: CheckFormat,
    fail_on: FailOn,
    gtm: Option<&PathBuf>,
    since: Option<&str>,
    catalog_dir: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    let catalog = catalog(catalog_dir)?;
    let (loaded, text) = store::load_keeping_text(path)?;
    let extra = match gtm {
        Some(container) => {
            let analysis = super::import::read_container(container)?;
            Some(capimap::import::gtm::container_findings(
                &analysis,
                &loaded.project,
                &catalog,
            ))
        }
        None => None,
    };
    // Where each finding stands in the file is worked out on the other core, while the checks
    // run (they keep about one and a quarter cores busy).
    let (source_map, mut report) = capimap::parallel::both(
        true,
        || store::SourceMap::from_text(text),
        || check::check_with_extra(&loaded.project, &catalog, extra),
    );
    if let Some(since) = since {
        // The findings the previous version had too are known: only new ones are reported.
        let (previous, _) = super::previous::load(since, path, "--since")?;
        let before = check::check(&previous, &catalog);
        let new = capimap::diff::review::only_in(&report.findings, &before.findings);
        report.findings = new;
    }
    let file = path.display().to_string();
    let map = Some(&source_map);
    match format {
        CheckFormat::Text => {
            if let Some(since) = since {
                println!(
                    "Only the findings that are new since {since}: those it had too are left out.\n"
                );
            }
            print!("{}", output::text(&report, &file, map))
        }
        CheckFormat::Json => println!("{}", output::json(&report, &file, map)),
        CheckFormat::Sarif => println!("{}", sarif::sarif(&report, &sarif_uri(path), map)),
    }
    let failing = match fail_on {
        FailOn::Error => report.open_at_least(Severity::Error),
        FailOn::Warning => report.open_at_least(Severity::Warning),
        FailOn::Never => 0,
    };
    // The process ends here: the system takes its memory back at once, where freeing a large
    // project's million values one by one took a tenth of the run.
    std::mem::forget((loaded, report, source_map));
    Ok(if failing > 0 {
        ExitCode::from(super::EXIT_FINDINGS)
    } else {
        super::EXIT_OK
    })
}

/// SARIF wants a URI; a relative path with forward slashes is what code-scanning pages resolve
/// against the repository.
fn sarif_uri(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
