//! The cost model behind LLM Cost Explorer, with no user interface.
//!
//! Data flows one way: a [`scenario::Scenario`] (from a preset, a file or the UI) is
//! prepared once by [`engine::prepare`] into an [`engine::Model`]: the priced options, the
//! [`engine::Report`] at the scenario's volume, and costs at any volume. The app, the CLI
//! and every export read that model and the [`figure::Figure`] drawn from it; nothing
//! else computes a cost. This crate never sees egui, eframe, wgpu or winit: the build
//! enforces it, because the GUI crate depends on this one and not the other way round.

pub mod engine;
pub mod figure;
pub mod prices;
pub mod report_text;
pub mod safe_io;
pub mod scenario;
pub mod sizing;
pub mod units;
pub mod usage;
