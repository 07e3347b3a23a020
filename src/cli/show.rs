//! `capimap show FILE [--format text|json]`.

use std::path::Path;
use std::process::ExitCode;

use capimap::store;
use capimap::summary::Summary;

use super::Format;

pub fn run(path: &Path, format: Format) -> anyhow::Result<ExitCode> {
    let loaded = store::load(path)?;
    let summary = Summary::of(&loaded.project);
    match format {
        Format::Text => print!("{summary}"),
        Format::Json => println!("{}", serde_json::to_string_pretty(&summary)?),
    }
    Ok(super::EXIT_OK)
}
