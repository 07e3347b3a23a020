//! Writing the record to files: one definition for the command line and the app, so that the
//! same project gives the same record (and the same hash on its cover) from either.

use std::path::Path;

use sha2::{Digest as _, Sha256};

use crate::check::Report;
use crate::model::{Date, Project};
use crate::store::{self, StoreError};

use super::document::{self, ChangeLog, Edition, Meta};
use super::pdf::{self, Paper, PdfError};
use super::words::{Lang, Words, WordsError};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Words(#[from] WordsError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error(transparent)]
    Write(#[from] StoreError),
    #[error("the workbook could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Ods(#[from] super::ods::OdsError),
    #[error("the fideslang file could not be written: {0}")]
    Yaml(#[from] yaml_serde::Error),
    #[error("the JSON-LD file could not be written: {0}")]
    Json(#[from] serde_json::Error),
}

/// SHA-256 of a project file's bytes, in hex: what the record's cover names its source by.
pub fn file_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a PDF record is made from, besides the project and its findings.
pub struct PdfJob {
    pub date: Date,
    /// The bytes of the saved project file the record is issued from; `None` when the project
    /// has no saved file that matches it (the cover then says so instead of a hash).
    pub saved: Option<Vec<u8>>,
    pub edition: Edition,
    pub lang: Lang,
    pub paper: Paper,
    pub changes: Option<ChangeLog>,
}

/// What was written.
pub struct Written {
    pub pages: usize,
    /// Characters the fonts lack, one line each.
    pub warnings: Vec<String>,
}

/// Lays out the record and writes it to `path` (atomically).
pub fn write_pdf(
    path: &Path,
    project: &Project,
    report: &Report,
    job: PdfJob,
) -> Result<Written, ExportError> {
    let meta = Meta {
        date: job.date,
        project_hash: job.saved.as_deref().map(file_hash),
        edition: job.edition,
        changes: job.changes,
    };
    let words = Words::builtin(job.lang)?;
    let record = document::build(project, report, &meta, &words);
    let options = pdf::Options {
        paper: job.paper,
        date: job.date,
    };
    let out = pdf::render(&record, &options)?;
    store::write_output(path, |w| w.write_all(&out.bytes))?;
    Ok(Written {
        pages: out.pages,
        warnings: out.warnings,
    })
}

/// Writes the record as CSV under the ICO template's header row. The template is English, and
/// so are the values under it; `bom` starts the file with a byte-order mark, so that Excel
/// reads it as UTF-8.
pub fn write_csv(path: &Path, project: &Project, bom: bool) -> Result<(), ExportError> {
    let english = Words::builtin(Lang::En)?;
    store::write_output(path, |w| {
        super::csv::write(project, &english, bom, w).map_err(std::io::Error::other)
    })?;
    Ok(())
}

/// Writes the project as fideslang resources (see [`super::fides`]); returns what the file
/// could not say.
pub fn write_fides(path: &Path, project: &Project) -> Result<super::fides::Export, ExportError> {
    let export = super::fides::export(project)?;
    store::write_output(path, |w| w.write_all(export.yaml.as_bytes()))?;
    Ok(export)
}

/// Writes the record in the W3C Data Privacy Vocabulary as JSON-LD (see [`super::dpv`]).
pub fn write_dpv(
    path: &Path,
    project: &Project,
    date: Option<Date>,
) -> Result<super::dpv::Written, ExportError> {
    let written = super::dpv::export(project, date);
    let text = serde_json::to_string_pretty(&written.document)?;
    store::write_output(path, |w| w.write_all(text.as_bytes()))?;
    Ok(written)
}

/// Writes the record as an Excel workbook (see [`super::xlsx`]): English, as the ICO template
/// and the CSV are.
pub fn write_xlsx(path: &Path, project: &Project, date: Date) -> Result<(), ExportError> {
    let english = Words::builtin(Lang::En)?;
    let bytes = super::xlsx::write(project, &english, date)?;
    store::write_output(path, |w| w.write_all(&bytes))?;
    Ok(())
}

/// Writes the record as an OpenDocument spreadsheet (see [`super::ods`]): the workbook's
/// sheets, in English as the ICO template is.
pub fn write_ods(path: &Path, project: &Project, date: Date) -> Result<(), ExportError> {
    let english = Words::builtin(Lang::En)?;
    let bytes = super::ods::write(project, &english, date)?;
    store::write_output(path, |w| w.write_all(&bytes))?;
    Ok(())
}

/// Writes the data-flow diagram as an SVG file (see [`super::svg`]).
pub fn write_svg(path: &Path, project: &Project) -> Result<(), ExportError> {
    let svg = super::svg::diagram(project);
    store::write_output(path, |w| w.write_all(svg.as_bytes()))?;
    Ok(())
}
