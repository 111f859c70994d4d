//! The app driven through its accessibility tree (kittest), its snapshot images, and the
//! SVG export against the PNG, and the slide's layout. One test binary, so the app and the renderer are
//! linked once for all of them.

#[path = "../common/mod.rs"]
mod common;

mod inputs_ui;
mod layout_ui;
mod ranges_ui;
mod slide;
mod snapshots;
mod svg_matches_png;
mod timeline_ui;
mod typed_text_ui;
mod ui;
mod ui_files;
