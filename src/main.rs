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
                .then(prepare_offscreen_environment)
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
        None => {
            prepare_window_environment();
            match app::run(arguments.file, arguments.preset) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("error: {error:#}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// True for commands that draw a PNG offscreen.
fn needs_offscreen_renderer(command: &cli::Command) -> bool {
    matches!(command, cli::Command::Export(args) if args.png.is_some())
}

/// The environment a headless PNG export renders best in, set before any thread starts.
///
/// Mesa's Vulkan device-selection layer looks for a Wayland display as the renderer starts
/// and prints "error: XDG_RUNTIME_DIR is invalid or not set" when a headless machine (a
/// server, CI) has no runtime folder, although nothing is wrong; a successful export prints
/// nothing on stderr, so such a machine gets a private, empty runtime folder for the life
/// of the process. And the export prefers Mesa's software rasteriser (deterministic
/// output, no GPU to wake): where it is installed, the Vulkan loader is told to load only
/// it, which saves loading every other driver (a third of a headless export's time). A
/// user's own `VK_LOADER_DRIVERS_SELECT` is left alone. Nothing else reads either variable.
fn prepare_offscreen_environment() -> Option<tempfile::TempDir> {
    let runtime_usable = std::env::var_os("XDG_RUNTIME_DIR")
        .is_some_and(|folder| std::path::Path::new(&folder).is_dir());
    // Created with mode 0700, as the XDG specification asks of a runtime folder.
    let runtime_folder = (!runtime_usable)
        .then(|| {
            tempfile::Builder::new()
                .prefix("llm-cost-explorer-runtime-")
                .tempdir()
                .ok()
        })
        .flatten();
    let only_lavapipe =
        std::env::var_os("VK_LOADER_DRIVERS_SELECT").is_none() && lavapipe_installed();
    let mut variables = Vec::new();
    if let Some(folder) = &runtime_folder {
        variables.push(("XDG_RUNTIME_DIR", folder.path().as_os_str().to_owned()));
    }
    if only_lavapipe {
        variables.push(("VK_LOADER_DRIVERS_SELECT", "*lvp*".into()));
    }
    set_environment(&variables);
    runtime_folder
}

/// The environment the window draws in on a machine without a graphics device, set before
/// any thread starts: there only Mesa's software rasteriser can draw, so the Vulkan loader
/// is told to load only it (every other driver would be loaded, about 5 MB of it, to find
/// no device), and it rasterises on one thread rather than one per core (each keeps its
/// own working memory, about 6 MB, and a chart that redraws on input needs no more). A
/// user's own setting of either variable is left alone; a machine with a GPU is untouched.
fn prepare_window_environment() {
    if !lavapipe_installed() || has_graphics_device() {
        return;
    }
    let variables: Vec<(&str, std::ffi::OsString)> = [
        ("VK_LOADER_DRIVERS_SELECT", "*lvp*"),
        ("LP_NUM_THREADS", "1"),
    ]
    .into_iter()
    .filter(|(name, _)| std::env::var_os(name).is_none())
    .map(|(name, value)| (name, value.into()))
    .collect();
    set_environment(&variables);
}

/// Whether the machine has a device a hardware Vulkan driver could open: a DRM render
/// node, or NVIDIA's own device files.
fn has_graphics_device() -> bool {
    let has_entry_starting = |folder: &str, prefix: &str| {
        std::fs::read_dir(folder).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| entry.file_name().to_string_lossy().starts_with(prefix))
        })
    };
    has_entry_starting("/dev/dri", "renderD") || has_entry_starting("/dev", "nvidia")
}

/// Sets environment variables for the rest of the process.
fn set_environment(variables: &[(&str, std::ffi::OsString)]) {
    // SAFETY: called only from `main`, before this process starts any thread, so no other
    // code can be reading the environment at the same time.
    #[allow(unsafe_code)]
    unsafe {
        for (name, value) in variables {
            std::env::set_var(name, value);
        }
    }
}

/// Whether Mesa's lavapipe Vulkan driver is installed where the Vulkan loader finds drivers.
fn lavapipe_installed() -> bool {
    [
        "/usr/share/vulkan/icd.d",
        "/usr/local/share/vulkan/icd.d",
        "/etc/vulkan/icd.d",
    ]
    .iter()
    .filter_map(|folder| std::fs::read_dir(folder).ok())
    .flatten()
    .flatten()
    .any(|entry| entry.file_name().to_string_lossy().starts_with("lvp_icd"))
}
