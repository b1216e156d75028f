//! The `meanfield` command-line tool (native only). Its interface is public and stable: scripts
//! and course material call it. Parameter keys are those of [`crate::schema`], the same as in
//! the page's links.
//!
//! Inside: [`args`] parses, [`help`] is the text, [`error`] how a command fails, `common` what
//! the commands share, and one file per group of commands; this file dispatches.

mod analysis;
mod args;
mod bifurcation;
mod commands;
mod common;
mod curves;
pub mod error;
mod export;
mod fit;
pub mod help;
mod lesson;
mod network;

use args::{Args, Command};
pub use error::{CliError, EXIT_USAGE};
pub use help::HELP;
use std::io::Write;

/// Runs the tool with `args` (without the program name); returns the exit code.
pub fn main(args: &[String], out: &mut impl Write, err: &mut impl Write) -> i32 {
    let result = Args::parse(args).and_then(|a| dispatch(&a, out));
    match result {
        Ok(warnings) => {
            for w in warnings {
                let _ = writeln!(err, "meanfield: warning: {w}");
            }
            0
        }
        Err(e) => {
            let _ = writeln!(err, "meanfield: error: {}", e.message);
            if e.usage {
                let _ = writeln!(err, "Run `meanfield --help` for usage.");
                EXIT_USAGE
            } else {
                1
            }
        }
    }
}

/// Runs the parsed command, writing its output to `out`; returns warnings for stderr.
fn dispatch(a: &Args, out: &mut impl Write) -> Result<Vec<String>, CliError> {
    match a.command.unwrap_or(Command::Help) {
        Command::Help => common::write_out(out, HELP),
        Command::Version => {
            common::write_out(out, &format!("meanfield {}\n", env!("CARGO_PKG_VERSION")))
        }
        Command::List => commands::list(a, out),
        Command::Tf => commands::tf(a, out),
        Command::Run => commands::run(a, out),
        Command::Steady => commands::steady(a, out),
        Command::Network => network::network(a, out),
        Command::BenchNetwork => network::bench(a, out),
        Command::Fit => fit::fit(a, out),
        Command::Export => export::export(a, out),
        Command::Analysis => analysis::analysis(a, out),
        Command::Bifurcation if a.two.is_some() => curves::two_parameter(a, out),
        Command::Bifurcation => bifurcation::bifurcation(a, out),
        Command::Lesson => lesson::lesson_command(a, out),
    }
}
