//! The `capimap` command: parse the command line and dispatch; nothing else.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // One line, every cause joined: "file:line:col: what is wrong".
            eprintln!("capimap: {err:#}");
            ExitCode::from(cli::EXIT_INPUT)
        }
    }
}
