//! `capimap export FILE --csv OUT.csv`: the record of processing.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::bail;

use capimap::{report, store};

pub fn run(path: &Path, csv: Option<&PathBuf>) -> anyhow::Result<ExitCode> {
    let Some(csv) = csv else {
        bail!("nothing to export: give --csv OUT.csv");
    };
    let loaded = store::load(path)?;
    store::write_output(csv, |w| {
        report::csv::write(&loaded.project, w).map_err(io::Error::other)
    })?;
    println!(
        "wrote {} ({} processing activities)",
        csv.display(),
        loaded.project.activities.len()
    );
    Ok(super::EXIT_OK)
}
