//! Opening, creating and describing the library the window works on.

use std::path::PathBuf;

use dossier::library::LibrarySummary;
use dossier::Library;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};

use crate::error::IpcResult;
use crate::settings;
use crate::state::AppState;

/// What the window needs to know at start.
#[derive(Serialize)]
pub struct AppStateView {
    /// The open library, or `None` on first run.
    pub library: Option<LibrarySummary>,
    /// Where a new library goes unless the user picks another folder.
    pub default_path: PathBuf,
    /// `$DOSSIER_AUTHOR`, else the login name: the default author of new versions.
    pub user_name: String,
}

#[tauri::command]
pub fn app_state(state: State<'_, AppState>) -> IpcResult<AppStateView> {
    let library = match state.root() {
        Some(_) => Some(state.with(|lib| lib.summary())?),
        None => None,
    };
    Ok(AppStateView {
        library,
        default_path: Library::default_root()?,
        user_name: ["DOSSIER_AUTHOR", "USER", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_default(),
    })
}

#[tauri::command]
pub fn open_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: PathBuf) -> IpcResult<LibrarySummary> {
    state.open(&path)?;
    settings::remember_library(&app, path);
    state.with(|lib| lib.summary())
}

#[tauri::command]
pub fn create_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: PathBuf) -> IpcResult<LibrarySummary> {
    state.replace(Library::init(&path)?);
    settings::remember_library(&app, path);
    state.with(|lib| lib.summary())
}

/// Fills the library at `path` with the sample (creating it if needed).
#[tauri::command]
pub fn create_sample_library<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> IpcResult<LibrarySummary> {
    let mut lib = match Library::open(&path) {
        Ok(lib) => lib,
        Err(dossier::Error::NoLibrary(_)) => Library::init(&path)?,
        Err(e) => return Err(e.into()),
    };
    lib.load_sample()?;
    state.replace(lib);
    settings::remember_library(&app, path);
    state.with(|lib| lib.summary())
}

/// Rebuilds the menu bar in the interface language ("en" or "fr").
#[tauri::command]
pub fn set_language<R: Runtime>(app: AppHandle<R>, lang: String) -> IpcResult<()> {
    crate::menu::install(&app, &lang).map_err(|e| crate::error::IpcError {
        code: "internal".into(),
        message: format!("cannot rebuild the menu: {e}"),
    })
}
