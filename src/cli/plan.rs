//! `capimap plan FILE [--format text|markdown|json] [--catalog DIR]`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::ValueEnum;

use capimap::check::plan;
use capimap::report::test_plan::{self, Style};
use capimap::store;

use super::catalog;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Text,
    Markdown,
    Json,
}

pub fn run(
    path: &Path,
    format: PlanFormat,
    catalog_dir: Option<&PathBuf>,
) -> anyhow::Result<ExitCode> {
    let catalog = catalog(catalog_dir)?;
    let project = store::load(path)?.project;
    let plan = plan::plan(&project, &catalog).with_context(|| path.display().to_string())?;
    match format {
        PlanFormat::Text => print!("{}", test_plan::write(&plan, &project, Style::Text)),
        PlanFormat::Markdown => print!("{}", test_plan::write(&plan, &project, Style::Markdown)),
        PlanFormat::Json => println!("{}", serde_json::to_string_pretty(&plan)?),
    }
    Ok(super::EXIT_OK)
}
