//! The `capimap` command: parse the command line and dispatch; nothing else.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// A check of a large project makes and frees millions of small values (facts per mapping,
/// the findings' texts); mimalloc does that about a quarter faster than the system allocator
/// (`cargo bench --bench check`, which uses it too).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    restore_sigpipe();
    capimap::pages::prefer_small_pages();
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            // One line, every cause joined: "file:line:col: what is wrong". Many errors already
            // name their cause in their own text; a cause is added only when it says more.
            let mut line = err.to_string();
            for cause in err.chain().skip(1) {
                let cause = cause.to_string();
                if !line.contains(&cause) {
                    line.push_str(": ");
                    line.push_str(&cause);
                }
            }
            eprintln!("capimap: {line}");
            ExitCode::from(cli::EXIT_INPUT)
        }
    }
}

/// Rust starts programs with SIGPIPE ignored, so printing into a closed pipe (`capimap rules |
/// head -1`) fails and `println!` panics. A command-line tool should instead stop quietly, as
/// `cat` or `grep` do: restore the default action.
#[cfg(unix)]
fn restore_sigpipe() {
    // SAFETY: called first thing in main, before any other thread exists; setting a signal's
    // action to its default is async-signal-safe and has no other effect on the program.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_sigpipe() {}
