//! Partial summaries: `capimap inspect --summary-out PART.json` writes what one share of a
//! capture holds, and `--merge PART.json...` adds the shares up to the report one run over
//! all of them gives (`merge.rs`). A cluster job inspects a warehouse's worth of logs this
//! way, one file per task. A summary holds what an inspection keeps and nothing more: field
//! paths (keys that look like values already replaced by their kind), counts and kinds, and
//! where input was skipped; never a value.

use std::collections::BTreeMap;
use std::io::BufReader;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::read::what;
use super::{Inspection, MAX_PATHS, MAX_SKIPPED, PathStats, Skipped};
use crate::store::{Saved, StoreError};

/// What the first member of a summary says, so that another JSON file is told apart.
const TAG: &str = "capimap inspection summary";
/// The version of the format; a later capimap that changes it reads older ones or says why.
const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Summary {
    summary: String,
    version: u32,
    /// The path limit it was counted with: shares counted with another cannot be merged into
    /// what one run gives.
    max_paths: usize,
    platform: String,
    bodies: usize,
    events: usize,
    untracked: usize,
    paths: BTreeMap<String, PathStats>,
    skipped: Vec<Skipped>,
    /// Skipped pieces beyond the notes listed.
    #[serde(default)]
    skipped_more: usize,
}

/// A summary that cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}:{line}:{column}: not valid JSON ({what}); --merge reads the partial summaries written by --summary-out"
    )]
    NotJson {
        file: String,
        line: usize,
        column: usize,
        what: &'static str,
    },
    #[error(
        "{file}: not a partial summary of capimap inspect (write one with capimap inspect INPUT --platform ID --summary-out {file})"
    )]
    NotSummary { file: String },
    #[error(
        "{file}: a summary of format version {found}; this capimap reads version {VERSION}: inspect that share again with this capimap"
    )]
    Version { file: String, found: String },
    #[error(
        "{file}: counted with a limit of {found} distinct field paths, this capimap counts {MAX_PATHS}: inspect that share again with this capimap"
    )]
    Limit { file: String, found: usize },
    #[error(
        "{file}: a summary, but not as capimap inspect --summary-out writes one ({what}); was it edited?"
    )]
    Altered { file: String, what: &'static str },
}

/// Writes what `counted` holds (before its flags are worked out) as a partial summary.
pub fn write(path: &Path, counted: &Inspection) -> Result<Saved, StoreError> {
    let summary = Summary {
        summary: TAG.to_owned(),
        version: VERSION,
        max_paths: MAX_PATHS,
        platform: counted.platform.clone(),
        bodies: counted.bodies,
        events: counted.events,
        untracked: counted.untracked,
        paths: counted.paths.clone(),
        skipped: counted.skipped.clone(),
        skipped_more: counted.skipped_more,
    };
    crate::store::write_output(path, |w| {
        serde_json::to_writer_pretty(&mut *w, &summary)?;
        w.write_all(b"\n")
    })
}

/// Reads a partial summary: the counts, to be merged, without flags.
pub fn read(path: &Path) -> Result<Inspection, SummaryError> {
    let file = path.display().to_string();
    let opened = std::fs::File::open(path).map_err(|source| SummaryError::Read {
        file: file.clone(),
        source,
    })?;
    let value: Value = serde_json::from_reader(BufReader::new(opened)).map_err(|e| {
        if e.is_io() {
            SummaryError::Read {
                file: file.clone(),
                source: std::io::Error::other(what(&e)),
            }
        } else {
            SummaryError::NotJson {
                file: file.clone(),
                line: e.line(),
                column: e.column(),
                what: what(&e),
            }
        }
    })?;
    if value.get("summary").and_then(Value::as_str) != Some(TAG) {
        return Err(SummaryError::NotSummary { file });
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(VERSION) => {}
        other => {
            return Err(SummaryError::Version {
                file,
                found: other.map_or_else(|| "unknown".to_owned(), |v| v.to_string()),
            });
        }
    }
    // serde's own message would quote the file's keys: only the kind of error is said.
    let summary: Summary = serde_json::from_value(value).map_err(|e| SummaryError::Altered {
        file: file.clone(),
        what: what(&e),
    })?;
    if summary.max_paths != MAX_PATHS {
        return Err(SummaryError::Limit {
            file,
            found: summary.max_paths,
        });
    }
    let altered = |what| SummaryError::Altered {
        file: file.clone(),
        what,
    };
    if summary.paths.len() > MAX_PATHS {
        return Err(altered("more field paths than the limit"));
    }
    if summary.skipped.len() > MAX_SKIPPED {
        return Err(altered("more notes on skipped input than the limit"));
    }
    // Everything read is shown on a terminal later: capimap writes no control character.
    let texts = summary
        .paths
        .keys()
        .chain(summary.skipped.iter().flat_map(|s| [&s.file, &s.reason]))
        .chain([&summary.platform]);
    if texts.into_iter().any(|t| t.chars().any(char::is_control)) {
        return Err(altered("control characters in a text"));
    }
    Ok(Inspection {
        platform: summary.platform,
        bodies: summary.bodies,
        events: summary.events,
        paths: summary.paths,
        skipped: summary.skipped,
        skipped_more: summary.skipped_more,
        untracked: summary.untracked,
        ..Inspection::default()
    })
}
