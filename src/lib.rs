//! LLM Cost Explorer: where does self-hosting an open model become cheaper than an API?
//!
//! The cost model lives in the `llm-cost-engine` crate, which cannot see the UI; this
//! crate draws it. Data flows one way: a [`scenario::Scenario`] (from a preset, a file or
//! the UI) is prepared once into an [`engine::Model`]; the app, the CLI and the exporters
//! read that model and the chart [`figure::Figure`] drawn from it. Nothing here computes a
//! cost.

pub use llm_cost_engine::{
    engine, figure, prices, report_text, safe_io, scenario, sizing, units, usage,
};

pub mod app;
pub mod cli;
pub mod data_folder;
pub mod export;
pub mod plot_view;
pub mod theme;
pub mod tornado_view;
