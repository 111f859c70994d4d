//! The command line through the real binary: every preset's report, the CLI's options and
//! exports, ranges, the timeline, and every bad file refused with its message. One test
//! binary, so the app is linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod bad_inputs;
mod cli;
mod cli_ranges;
mod cli_timeline;
mod presets;
