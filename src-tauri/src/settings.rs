//! What the app remembers between runs: the library open last. Kept as
//! JSON in the OS config folder; a missing or unreadable file means "none".

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};

/// The remembered settings.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Settings {
    pub library: Option<PathBuf>,
}

fn path<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    app.path().app_config_dir().ok().map(|d| d.join("settings.json"))
}

/// Reads the settings; defaults when there are none.
pub fn load<R: Runtime>(app: &AppHandle<R>) -> Settings {
    path(app)
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers `library` as the one to open next time. Failing to write is
/// not worth bothering the user about: they would pick it again.
pub fn remember_library<R: Runtime>(app: &AppHandle<R>, library: PathBuf) {
    if let Some(p) = path(app) {
        let settings = Settings { library: Some(library) };
        if let (Some(dir), Ok(text)) = (p.parent(), serde_json::to_string_pretty(&settings)) {
            // Whole or not at all: a crash mid-write must not leave half a
            // file that forgets the library.
            if std::fs::create_dir_all(dir).is_ok() {
                let _ = dossier::files::write_atomically(&p, text.as_bytes());
            }
        }
    }
}
