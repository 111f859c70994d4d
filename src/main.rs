//! Entry point: parse arguments, then start the app or run a subcommand.

use std::process::ExitCode;

use clap::Parser;
use llm_cost_explorer::{app, cli};

fn main() -> ExitCode {
    let arguments = cli::Cli::parse();
    match &arguments.command {
        Some(command) => match cli::run(command) {
            Ok(output) => {
                print!("{output}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
        None => match app::run(arguments.file, arguments.preset) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
    }
}
