//! LLM Cost Explorer: where does self-hosting an open model become cheaper than an API?
//!
//! Data flows one way: a [`scenario::Scenario`] (from a preset, a file or the UI) goes
//! through [`engine::evaluate`] into an [`engine::Report`], which the app, the CLI and
//! the exporters draw. Nothing else computes a cost.

pub mod app;
pub mod cli;
pub mod engine;
pub mod export;
pub mod report_text;
pub mod safe_io;
pub mod scenario;
pub mod units;
