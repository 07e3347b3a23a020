//! `capimap export FILE [--pdf OUT.pdf] [--csv OUT.csv] [--xlsx OUT.xlsx] [--ods OUT.ods] [--svg OUT.svg] [--fides OUT.yml] [--dpv OUT.jsonld] [--date YYYY-MM-DD] [--paper a4|letter]`:
//! the record of processing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::ValueEnum;

use capimap::model::Date;
use capimap::report::words::Lang;
use capimap::report::{document, export, pdf};
use capimap::{check, store};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

/// The language of the PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English
    En,
    /// German (Verzeichnis von Verarbeitungstätigkeiten)
    De,
    /// French (registre des activités de traitement)
    Fr,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Self {
        match l {
            LangArg::En => Lang::En,
            LangArg::De => Lang::De,
            LangArg::Fr => Lang::Fr,
        }
    }
}

/// Who the PDF is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EditionArg {
    /// The record of processing only, as the supervisory authority asks for it (Art. 30(4))
    Authority,
    /// The record with the field inventory, consent coverage and findings as annexes
    Internal,
}

pub struct Args<'a> {
    pub file: &'a Path,
    pub pdf: Option<&'a PathBuf>,
    pub csv: Option<&'a PathBuf>,
    pub xlsx: Option<&'a PathBuf>,
    pub ods: Option<&'a PathBuf>,
    pub svg: Option<&'a PathBuf>,
    pub fides: Option<&'a PathBuf>,
    pub dpv: Option<&'a PathBuf>,
    pub date: Option<&'a str>,
    pub paper: PaperArg,
    pub edition: EditionArg,
    pub lang: LangArg,
    pub previous: Option<&'a str>,
    pub bom: bool,
    pub catalog: Option<&'a PathBuf>,
}

/// The record's date: `--date`, else `SOURCE_DATE_EPOCH` (for reproducible builds), else today.
fn record_date(arg: Option<&str>) -> anyhow::Result<Date> {
    if let Some(d) = arg {
        return d
            .parse::<Date>()
            .map_err(|e| anyhow::anyhow!("--date: {e}"));
    }
    if let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = epoch
            .trim()
            .parse()
            .with_context(|| format!("SOURCE_DATE_EPOCH: '{epoch}' is not a number of seconds"))?;
        return Date::from_unix_days(secs.div_euclid(86_400))
            .context("SOURCE_DATE_EPOCH is out of range");
    }
    Date::today().context("the system clock is out of range")
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.pdf.is_none()
        && args.csv.is_none()
        && args.xlsx.is_none()
        && args.ods.is_none()
        && args.svg.is_none()
        && args.fides.is_none()
        && args.dpv.is_none()
    {
        bail!(
            "nothing to export: give --pdf OUT.pdf, --csv OUT.csv, --xlsx OUT.xlsx, --ods OUT.ods, --svg OUT.svg, --fides OUT.yml and/or --dpv OUT.jsonld"
        );
    }
    // Everything that can be wrong with the arguments is said before anything is written.
    let date = record_date(args.date)?;
    let outputs: Vec<&PathBuf> = args
        .pdf
        .iter()
        .chain(args.csv.iter())
        .chain(args.xlsx.iter())
        .chain(args.ods.iter())
        .chain(args.svg.iter())
        .chain(args.fides.iter())
        .chain(args.dpv.iter())
        .copied()
        .collect();
    for out in &outputs {
        if same_file(out, args.file) {
            bail!(
                "{}: this is the project file itself; export to another file",
                out.display()
            );
        }
    }
    for (i, a) in outputs.iter().enumerate() {
        if let Some(b) = outputs[i + 1..].iter().find(|b| a == *b || same_file(a, b)) {
            bail!(
                "{}: given for two outputs; give each its own file",
                b.display()
            );
        }
    }
    let previous = args
        .previous
        .map(|arg| super::previous::load(arg, args.file, "--previous"))
        .transpose()?;
    // Read once: the bytes are both the project and what the cover's hash is of.
    let bytes = store::read_file(args.file)?;
    let loaded = store::parse_bytes(&bytes, &args.file.display().to_string())?;
    let project = &loaded.project;
    if let Some(svg) = args.svg {
        export::write_svg(svg, project)?;
        println!(
            "wrote {} (the diagram: {}, {})",
            svg.display(),
            capimap::model::shown::plural(project.nodes.len(), "node", "nodes"),
            capimap::model::shown::plural(project.flows.len(), "flow", "flows")
        );
    }
    if let Some(out) = args.fides {
        let written = export::write_fides(out, project)?;
        println!(
            "wrote {} (fideslang: {}, {})",
            out.display(),
            capimap::model::shown::plural(written.manifest.system.len(), "system", "systems"),
            capimap::model::shown::plural(written.manifest.dataset.len(), "dataset", "datasets")
        );
        for n in &written.not_expressed {
            eprintln!("capimap: not in the fideslang file: {n}");
        }
    }
    if let Some(out) = args.dpv {
        let written = export::write_dpv(out, project, Some(date))?;
        println!(
            "wrote {} (W3C DPV: {})",
            out.display(),
            capimap::model::shown::plural(
                written.activities,
                "processing activity",
                "processing activities"
            )
        );
    }
    if let Some(csv) = args.csv {
        export::write_csv(csv, project, args.bom)?;
        println!(
            "wrote {} ({} processing activities)",
            csv.display(),
            project.activities.len()
        );
    }
    if let Some(xlsx) = args.xlsx {
        export::write_xlsx(xlsx, project, date)?;
        println!(
            "wrote {} ({} processing activities; recipients, retention and fields on further sheets)",
            xlsx.display(),
            project.activities.len()
        );
    }
    if let Some(ods) = args.ods {
        export::write_ods(ods, project, date)?;
        println!(
            "wrote {} ({} processing activities; recipients, retention and fields on further sheets)",
            ods.display(),
            project.activities.len()
        );
    }
    if let Some(out) = args.pdf {
        let findings = check::check(project, &super::catalog(args.catalog)?);
        let job = export::PdfJob {
            date,
            saved: Some(bytes.clone()),
            edition: match args.edition {
                EditionArg::Authority => document::Edition::Authority,
                EditionArg::Internal => document::Edition::Internal,
            },
            lang: args.lang.into(),
            paper: match args.paper {
                PaperArg::A4 => pdf::Paper::A4,
                PaperArg::Letter => pdf::Paper::Letter,
            },
            changes: previous.map(|(old, since_hash)| document::ChangeLog {
                since_version: old.record_version,
                since_hash,
                changes: capimap::diff::changes(&old, project),
            }),
        };
        let written = export::write_pdf(out, project, &findings, job)?;
        for w in &written.warnings {
            eprintln!("capimap: warning: {w}");
        }
        println!("wrote {} ({} pages)", out.display(), written.pages);
    }
    Ok(super::EXIT_OK)
}
