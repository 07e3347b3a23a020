//! The command line: one file per subcommand.

mod check;
mod diff;
mod export;
mod import;
mod import_fides;
mod inspect;
mod inspect_case;
mod inspect_merge;
mod inspect_text;
mod new;
mod open;
mod plan;
mod platforms;
mod previous;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: success.
pub const EXIT_OK: ExitCode = ExitCode::SUCCESS;
/// Exit code: usage or input error (clap uses 2 for usage errors too).
pub const EXIT_INPUT: u8 = 2;
/// Exit code: findings at or above the `--fail-on` severity.
pub const EXIT_FINDINGS: u8 = 1;
/// Text tables align their columns up to this many characters; a longer value runs over.
pub const MAX_COLUMN: usize = 60;

#[derive(Parser, Debug)]
#[command(
    name = "capimap",
    version,
    about = "Model, check and document server-side conversion-API data flows",
    long_about = "capimap models the personal data that your servers send to ad platforms' \
                  conversion APIs (Meta, Google, TikTok, …) as a graph of sources, relays, \
                  consent gates, stores and destinations, checks it, and exports the GDPR Art. 30 \
                  record of processing.\n\nWith no command, capimap opens the app on the built-in \
                  example project.",
    after_help = "Exit codes: 0 ok, 1 findings (checking commands), 2 usage or input error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a project file in the app
    Open {
        /// The project file (*.capimap.ron)
        file: PathBuf,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Write a new project file: the example shop, or an empty skeleton
    New {
        /// Where to write it (by convention ending in .capimap.ron)
        file: PathBuf,
        /// Write an empty skeleton instead of the example
        #[arg(long)]
        empty: bool,
        /// Overwrite the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Print what a project holds: counts, and what each destination receives and how
    Show {
        /// The project file (*.capimap.ron)
        file: PathBuf,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Check a project: consent, minimisation, hashing, lawful basis, contracts, transfers,
    /// retention and the record of processing
    #[command(
        after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error."
    )]
    Check {
        /// The project file (*.capimap.ron)
        file: PathBuf,
        /// Output format (SARIF 2.1.0 for code-scanning pages)
        #[arg(long, value_enum, default_value_t = check::CheckFormat::Text)]
        format: check::CheckFormat,
        /// The lowest severity that makes the command exit 1 (accepted risks never do)
        #[arg(long, value_enum, default_value_t = check::FailOn::Error)]
        fail_on: check::FailOn,
        /// A server-side Tag Manager container export: also report its consent and hashing
        /// pitfalls, and where it and the record differ (gtm/ rules)
        #[arg(long, value_name = "CONTAINER.json")]
        gtm: Option<PathBuf>,
        /// Report only the findings that are new since this version of the project: a file,
        /// or a git revision of the project file (HEAD~1, main)
        #[arg(long, value_name = "FILE|REV")]
        since: Option<String>,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Derive the consent test plan: for each combination of consent choices that matters
    /// (per region where the users are), what each destination may and must not receive and
    /// which consent signals it must carry; and a withdrawal case per batch or queued flow
    #[command(
        after_help = "The JSON output numbers the cases as `capimap inspect --case N` reads them. Exit codes: 0 plan written, 2 usage or input error."
    )]
    Plan {
        /// The project file (*.capimap.ron)
        file: PathBuf,
        /// Output format: text, a Markdown checklist for QA, or JSON
        #[arg(long, value_enum, default_value_t = plan::PlanFormat::Text)]
        format: plan::PlanFormat,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// What a change does in privacy terms: recipients, fields, transforms, consent gates,
    /// lawful bases, retention, and the findings it adds or resolves
    #[command(
        after_help = "Kinds for --fail-on: new-recipient, new-raw-identifier, new-ungated-path, longer-retention, basis-changed, new-finding.\nExit codes: 0 no listed kind of change, 1 a listed kind present, 2 usage or input error."
    )]
    Diff {
        /// The old version: a project file, or REV:PATH (the file at a git revision)
        old: String,
        /// The new version: a project file, or REV:PATH
        new: String,
        /// Output format: text, Markdown for a pull-request comment, or JSON
        #[arg(long, value_enum, default_value_t = plan::PlanFormat::Text)]
        format: plan::PlanFormat,
        /// Exit 1 when one of these kinds of change is present (comma-separated)
        #[arg(long, value_name = "KINDS", value_delimiter = ',')]
        fail_on: Vec<String>,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// List the conversion-API platforms capimap knows, or show one in full
    Platforms {
        /// A platform id (e.g. meta, google-ads, tiktok)
        id: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Export the record of processing (GDPR Art. 30) as PDF, CSV, Excel or OpenDocument, the
    /// diagram as SVG, and the map for Fides (fideslang YAML) or as W3C DPV JSON-LD
    Export {
        /// The project file (*.capimap.ron)
        file: PathBuf,
        /// Write the record as PDF
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// Write the record as CSV: one row per processing activity, under the header row of
        /// the UK ICO's controller template
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// Write the record as an Excel workbook: the ICO controller template's sheet (one row
        /// per activity, headers green where Art. 30(1) requires the content), then sheets of
        /// the recipients, the retention schedule and the field inventory
        #[arg(long, value_name = "OUT.xlsx")]
        xlsx: Option<PathBuf>,
        /// Write the same sheets as an OpenDocument spreadsheet (LibreOffice, OpenOffice)
        #[arg(long, value_name = "OUT.ods")]
        ods: Option<PathBuf>,
        /// Write the data-flow diagram as SVG (cards, flows with their field counts, a legend)
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
        /// Write the project as fideslang resources for Fides (a system per node with its
        /// egress and ingress, a privacy declaration per activity, the organization, a dataset
        /// per store, and the extension categories capimap needs beyond fideslang's)
        #[arg(long, value_name = "OUT.yml")]
        fides: Option<PathBuf>,
        /// Write the record in the W3C Data Privacy Vocabulary (DPV 2) as JSON-LD: a
        /// dpv:PersonalDataHandling per activity with purposes, legal bases, personal data,
        /// recipients, transfers, storage durations and measures
        #[arg(long, value_name = "OUT.jsonld")]
        dpv: Option<PathBuf>,
        /// Start the CSV with a UTF-8 byte-order mark, so that Excel opens it with its
        /// accents intact
        #[arg(long, requires = "csv")]
        bom: bool,
        /// The date of this version of the record (default: SOURCE_DATE_EPOCH, else today);
        /// the same project and date give the same PDF, byte for byte
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Paper size of the PDF
        #[arg(long, value_enum, default_value_t = export::PaperArg::A4)]
        paper: export::PaperArg,
        /// Who the PDF is for: the supervisory authority (the Art. 30 record only) or the
        /// controller (with capimap's findings, the consent coverage and the field inventory)
        #[arg(long, value_enum, default_value_t = export::EditionArg::Authority)]
        edition: export::EditionArg,
        /// The language of the PDF: every fixed word, the Art. 30 element names (as the GDPR
        /// words them in that language), dates and country names. The CSV is in English, as
        /// the ICO's template is
        #[arg(long, value_enum, default_value_t = export::LangArg::En)]
        lang: export::LangArg,
        /// The previous version of the project (a file, or a git revision such as HEAD~1 when
        /// the project is in a git work tree): the PDF then lists what changed since it
        #[arg(long, value_name = "FILE|REV")]
        previous: Option<String>,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
    /// Inspect request bodies sent to a conversion API: which fields, hashed or raw, what the
    /// values look like, what breaks the platform's rules, and (with --against) what the record
    /// does not document. No value from the input is ever printed or stored.
    #[command(after_help = "Exit codes: 0 nothing flagged, 1 flagged, 2 usage or input error.")]
    Inspect {
        /// Request bodies: JSON, JSON Lines (one body per line) or a HAR file; `-` reads
        /// standard input (`zcat capture.jsonl.gz | capimap inspect - …`)
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// The platform the requests go to (see `capimap platforms`); with --destination, the
        /// destination's own platform unless given
        #[arg(long)]
        platform: Option<String>,
        /// A project to compare with: the fields of the flows into --destination, or, for a
        /// HAR capture without --destination, of every destination, each one's requests picked
        /// out by its platform's hosts
        #[arg(long, value_name = "PROJECT")]
        against: Option<PathBuf>,
        /// The destination node in that project the requests go to
        #[arg(long, value_name = "NODE_ID", requires = "against")]
        destination: Option<String>,
        /// Made-up test people used for the captured test orders (a RON list of e-mail,
        /// phone with country, names, city, postal code, date of birth, external id): says
        /// whose each hash is and how the value was normalised before hashing. Identities are
        /// named by number, never by value; the file is read and dropped
        #[arg(long, value_name = "IDS.ron")]
        test_identities: Option<PathBuf>,
        /// Test identities (by number, from 1) that withdrew consent before the capture: any
        /// of their data in it is an error
        #[arg(
            long,
            value_name = "N",
            value_delimiter = ',',
            requires = "test_identities"
        )]
        withdrawn: Vec<usize>,
        /// A case of `capimap plan` for the --against project: flag every request carrying a
        /// field the case says must not reach the destination, and every consent signal whose
        /// value contradicts it. A withdrawal case needs --test-identities with the identity
        /// that withdrew
        #[arg(
            long,
            value_name = "N",
            requires = "against",
            conflicts_with = "consent"
        )]
        case: Option<usize>,
        /// The consent choices of the capture, as "cp-marketing=denied,cp-measurement=granted"
        /// (every purpose asked for these users): checked like the plan's case for them
        #[arg(long, value_name = "CHOICES", requires = "against")]
        consent: Option<String>,
        /// Where the test users are, when the plan has cases for several regions (one of the
        /// regions `capimap plan` lists)
        #[arg(long, value_name = "REGION", requires = "consent")]
        region: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
        /// Writes a partial summary of the inputs to PART.json instead of a report (field
        /// paths, counts and kinds; never a value), for a capture inspected in parts, on one
        /// machine or many: combine the parts with --merge
        #[arg(long, value_name = "PART.json")]
        summary_out: Option<PathBuf>,
        /// The inputs are partial summaries written by --summary-out: prints the report one
        /// run over all their inputs gives (with --against and --destination, compared with
        /// the project)
        #[arg(long)]
        merge: bool,
        /// What to call standard input (`-`) in notes on skipped lines: the name of the
        /// object streamed, so that the parts of a merge can be told apart
        #[arg(long, value_name = "NAME")]
        stdin_name: Option<String>,
    },
    /// Import what you already have into a project: a server-side Tag Manager container
    /// export, or fideslang resources from Fides
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// List the rules `check` applies, with what each rests on and how to fix its findings
    Rules {
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportWhat {
    /// Read fideslang resources (a Fides manifest: systems, privacy declarations, datasets,
    /// the organization) into a project: systems become nodes, declarations activities,
    /// datasets and data flows fields and flows. What fideslang cannot say (how each field is
    /// sent, which consents a gate enforces) is listed as items to complete
    #[command(
        after_help = "Without --into or --out the project is printed. Exit codes: 0 imported, 2 usage or input error."
    )]
    Fides {
        /// The fideslang file (YAML)
        file: PathBuf,
        /// Add to this project what it does not have yet (elements are matched by id; nothing
        /// in it is changed). Saved in place unless --out is given
        #[arg(long, value_name = "PROJECT")]
        into: Option<PathBuf>,
        /// Write the project here
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Show what would be added, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Overwrite --out if it exists
        #[arg(long)]
        force: bool,
        /// Output format of the summary
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Read a server-side Google Tag Manager container export (Admin ▸ Export Container) into
    /// a project: the container as a relay, its clients as entry points, each tag's
    /// destination with the fields it sends and how it hashes them, the cookies it writes and
    /// the consent check it really has. Tokens are never printed or stored.
    #[command(
        after_help = "Without --into or --out the project is printed. Exit codes: 0 imported (findings or not), 2 usage or input error."
    )]
    Gtm {
        /// The container export (JSON)
        container: PathBuf,
        /// Merge into this project: matched by the tag ids it remembers, else by platform and
        /// account; nothing you wrote is removed. Saved in place unless --out is given
        #[arg(long, value_name = "PROJECT")]
        into: Option<PathBuf>,
        /// Write the project here
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Show what would be added and changed, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Overwrite --out if it exists
        #[arg(long)]
        force: bool,
        /// Output format of the summary and findings
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A folder of platform files (*.ron) that add to or override the built-in catalogue
        #[arg(long, value_name = "DIR")]
        catalog: Option<PathBuf>,
    },
}

/// Output format of commands that print a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// Runs the command; an error is an input error (exit 2), printed on one line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        None => open::example(),
        Some(Command::Open { file, catalog }) => open::file(&file, catalog.as_ref()),
        Some(Command::New { file, empty, force }) => new::run(&file, empty, force),
        Some(Command::Show { file, format }) => show::run(&file, format),
        Some(Command::Check {
            file,
            format,
            fail_on,
            gtm,
            since,
            catalog,
        }) => check::run(
            &file,
            format,
            fail_on,
            gtm.as_ref(),
            since.as_deref(),
            catalog.as_ref(),
        ),
        Some(Command::Plan {
            file,
            format,
            catalog,
        }) => plan::run(&file, format, catalog.as_ref()),
        Some(Command::Diff {
            old,
            new,
            format,
            fail_on,
            catalog,
        }) => diff::run(&old, &new, format, &fail_on, catalog.as_ref()),
        Some(Command::Platforms {
            id,
            format,
            catalog,
        }) => platforms::run(id.as_deref(), format, catalog.as_ref()),
        Some(Command::Rules { format }) => platforms::rules(format),
        Some(Command::Import {
            what:
                ImportWhat::Fides {
                    file,
                    into,
                    out,
                    dry_run,
                    force,
                    format,
                },
        }) => import_fides::run(import_fides::Args {
            file: &file,
            into: into.as_ref(),
            out: out.as_ref(),
            dry_run,
            force,
            format,
        }),
        Some(Command::Import {
            what:
                ImportWhat::Gtm {
                    container,
                    into,
                    out,
                    dry_run,
                    force,
                    format,
                    catalog,
                },
        }) => import::run(import::Args {
            container: &container,
            into: into.as_ref(),
            out: out.as_ref(),
            dry_run,
            force,
            format,
            catalog: catalog.as_ref(),
        }),
        Some(Command::Inspect {
            inputs,
            platform,
            against,
            destination,
            test_identities,
            withdrawn,
            case,
            consent,
            region,
            format,
            catalog,
            summary_out,
            merge,
            stdin_name,
        }) => inspect::run(inspect::Args {
            inputs: &inputs,
            platform: platform.as_deref(),
            against: against.as_ref(),
            destination: destination.as_deref(),
            test_identities: test_identities.as_ref(),
            withdrawn: &withdrawn,
            case,
            consent: consent.as_deref(),
            region: region.as_deref(),
            format,
            catalog: catalog.as_ref(),
            summary_out: summary_out.as_ref(),
            merge,
            stdin_name: stdin_name.as_deref(),
        }),
        Some(Command::Export {
            file,
            pdf,
            csv,
            xlsx,
            ods,
            svg,
            fides,
            dpv,
            date,
            paper,
            edition,
            lang,
            previous,
            bom,
            catalog,
        }) => export::run(export::Args {
            file: &file,
            pdf: pdf.as_ref(),
            csv: csv.as_ref(),
            xlsx: xlsx.as_ref(),
            ods: ods.as_ref(),
            svg: svg.as_ref(),
            fides: fides.as_ref(),
            dpv: dpv.as_ref(),
            date: date.as_deref(),
            paper,
            edition,
            lang,
            previous: previous.as_deref(),
            bom,
            catalog: catalog.as_ref(),
        }),
    }
}

/// The built-in catalogue, with the user's folder added when one is given.
pub(crate) fn catalog(dir: Option<&PathBuf>) -> anyhow::Result<capimap::catalog::Catalog> {
    let builtin = capimap::catalog::Catalog::builtin()?;
    Ok(match dir {
        Some(d) => builtin.with_dir(d)?,
        None => builtin,
    })
}
