//! Entry point: parse arguments, then start the app or run a subcommand.

use std::process::ExitCode;

use clap::Parser;
use llm_cost_explorer::{app, cli};

// The command line's one place to report an error; everything else returns it here.
#[expect(clippy::print_stderr, reason = "a failed command says why on stderr")]
fn main() -> ExitCode {
    let arguments = cli::Cli::parse();
    match &arguments.command {
        Some(command) => {
            let _runtime_folder = needs_offscreen_renderer(command)
                .then(private_runtime_folder)
                .flatten();
            match cli::run(command) {
                Ok(output) => {
                    print!("{output}");
                    ExitCode::SUCCESS
                }
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::from(2)
                }
            }
        }
        None => match app::run(arguments.file, arguments.preset) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("error: {error:#}");
                ExitCode::from(2)
            }
        },
    }
}

/// True for commands that draw a PNG offscreen.
fn needs_offscreen_renderer(command: &cli::Command) -> bool {
    matches!(command, cli::Command::Export(args) if args.png.is_some())
}

/// Mesa's Vulkan device-selection layer looks for a Wayland display as the renderer
/// starts and prints "error: XDG_RUNTIME_DIR is invalid or not set" when a headless
/// machine (a server, CI) has no runtime folder, although nothing is wrong. A
/// successful export prints nothing on stderr, so such a machine gets a private, empty
/// runtime folder for the life of the process. Nothing else reads the variable.
fn private_runtime_folder() -> Option<tempfile::TempDir> {
    let usable = std::env::var_os("XDG_RUNTIME_DIR")
        .is_some_and(|folder| std::path::Path::new(&folder).is_dir());
    if usable {
        return None;
    }
    // Created with mode 0700, as the XDG specification asks of a runtime folder.
    let folder = tempfile::Builder::new()
        .prefix("llm-cost-explorer-runtime-")
        .tempdir()
        .ok()?;
    // SAFETY: called at the start of `main`, before this process starts any thread, so
    // no other code can be reading the environment at the same time.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("XDG_RUNTIME_DIR", folder.path());
    }
    Some(folder)
}
