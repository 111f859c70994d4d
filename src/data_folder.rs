//! The user's data folder, where the price catalogue (imports and custom entries) lives
//! beside the app's saved session: `~/.local/share/llm-cost-explorer` on Linux (or
//! `$XDG_DATA_HOME/llm-cost-explorer`), `~/Library/Application Support/llm-cost-explorer` on
//! macOS, `%APPDATA%\llm-cost-explorer\data` on Windows. The environment variable
//! [`DATA_DIR_VARIABLE`] points it elsewhere (tests, a shared catalogue).

use std::path::{Path, PathBuf};

use crate::prices::litellm::{self, Import};
use crate::prices::{Catalogue, PriceEntry};
use crate::safe_io;

/// The app id: names the window class and the data folder.
pub const APP_ID: &str = "llm-cost-explorer";

/// Set to a folder to keep the catalogue there instead.
pub const DATA_DIR_VARIABLE: &str = "LLM_COST_EXPLORER_DATA_DIR";

/// The catalogue's file name in the data folder.
const PRICES_FILE: &str = "prices.json";

/// The largest price file read: LiteLLM's is about 1.5 MB.
pub const MAX_PRICE_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The data folder, or `None` where the platform has none.
pub fn folder() -> Option<PathBuf> {
    match std::env::var_os(DATA_DIR_VARIABLE) {
        Some(folder) if !folder.is_empty() => Some(PathBuf::from(folder)),
        _ => eframe::storage_dir(APP_ID),
    }
}

/// Where the price catalogue is kept.
pub fn prices_path() -> Result<PathBuf, String> {
    folder()
        .map(|folder| folder.join(PRICES_FILE))
        .ok_or_else(|| {
            format!("this platform has no data folder; set {DATA_DIR_VARIABLE} to choose one")
        })
}

/// The stored catalogue; an empty one when nothing was imported or added yet. A file that
/// cannot be read is an error naming it (it is never overwritten unread).
pub fn load_catalogue() -> Result<Catalogue, String> {
    let path = prices_path()?;
    if !path.exists() {
        return Ok(Catalogue::default());
    }
    let text = safe_io::read_text(&path, MAX_PRICE_FILE_BYTES)
        .map_err(|error| format!("{}: {error}", path.display()))?;
    Catalogue::from_json(&text).map_err(|error| {
        format!(
            "{}: {error} (the catalogue is kept as it is; move the file away to start a new one)",
            path.display()
        )
    })
}

/// Writes the catalogue (atomically); returns where.
pub fn save_catalogue(catalogue: &Catalogue) -> Result<PathBuf, String> {
    let path = prices_path()?;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|error| format!("{}: {}", parent.display(), safe_io::describe(&error)))?;
    }
    safe_io::write_atomically(&path, catalogue.to_json().as_bytes())
        .map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(path)
}

/// Imports a LiteLLM price file into the stored catalogue, replacing the previous import;
/// returns what was found and the catalogue as stored.
pub fn import_prices(file: &Path, today: &str) -> Result<(Import, Catalogue), String> {
    let text = safe_io::read_text(file, MAX_PRICE_FILE_BYTES)
        .map_err(|error| format!("{}: {error}", file.display()))?;
    let name = file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let found = litellm::import(&text, &name, today)
        .map_err(|error| format!("{}: {error}", file.display()))?;
    // An import replaces the previous one: one that finds nothing must not wipe it.
    if found.entries.is_empty() {
        return Err(format!(
            "{}: {}; no chat or completion model with prices was found, so the catalogue \
             was left as it was",
            file.display(),
            found.summary()
        ));
    }
    let mut catalogue = load_catalogue()?;
    catalogue.replace_imports(found.entries.clone());
    save_catalogue(&catalogue)?;
    Ok((found, catalogue))
}

/// Adds (or replaces) a custom entry in the stored catalogue.
pub fn add_custom_price(entry: PriceEntry) -> Result<Catalogue, String> {
    let mut catalogue = load_catalogue()?;
    catalogue.add_custom(entry);
    save_catalogue(&catalogue)?;
    Ok(catalogue)
}
