//! The command line: one file per subcommand.

mod new;
mod open;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: success.
pub const EXIT_OK: ExitCode = ExitCode::SUCCESS;
/// Exit code: usage or input error (clap uses 2 for usage errors too).
pub const EXIT_INPUT: u8 = 2;

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
        Some(Command::Open { file }) => open::file(&file),
        Some(Command::New { file, empty, force }) => new::run(&file, empty, force),
        Some(Command::Show { file, format }) => show::run(&file, format),
    }
}
