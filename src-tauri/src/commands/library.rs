//! Opening, creating and describing the library the window works on.

use std::path::PathBuf;

use dossier::library::LibrarySummary;
use dossier::Library;
use serde::Serialize;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::IpcResult;
use crate::settings;
use crate::state::AppState;

/// The open library as the window shows it: what it holds, and what the
/// user must be told about where it sits.
#[derive(Serialize)]
pub struct LibraryView {
    #[serde(flatten)]
    pub summary: LibrarySummary,
    /// Set when the folder is cloud-synced or on a network drive.
    pub location_warning: Option<String>,
    /// Opened for reading only (read-only folder or media).
    pub read_only: bool,
}

fn view(lib: &mut Library) -> dossier::Result<LibraryView> {
    Ok(LibraryView {
        summary: lib.summary()?,
        location_warning: lib.location_warning(),
        read_only: lib.is_read_only(),
    })
}

/// Makes today's automatic backup of the library at `root`, if it has none
/// yet, on a thread and a connection of its own so the window never waits.
/// Silent unless it fails; then the window is told.
pub fn daily_backup_in_background<R: Runtime>(app: AppHandle<R>, root: PathBuf) {
    std::thread::spawn(move || {
        if let Err(e) = dossier::backup::automatic::daily_backup_in(&root, dossier::dates::now()) {
            let _ = app.emit("notice", format!("today's automatic backup failed: {e}"));
        }
    });
}

/// What the window needs to know at start.
#[derive(Serialize)]
pub struct AppStateView {
    /// The open library, or `None` on first run.
    pub library: Option<LibraryView>,
    /// Where a new library goes unless the user picks another folder.
    pub default_path: PathBuf,
    /// `$DOSSIER_AUTHOR`, else the login name: the default author of new versions.
    pub user_name: String,
    /// Why the library named on the command line or opened last time could
    /// not be opened (damaged, from a newer Dossier…), when none is open.
    pub open_error: Option<crate::error::IpcError>,
}

#[tauri::command]
pub fn app_state(state: State<'_, AppState>) -> IpcResult<AppStateView> {
    let library = match state.root() {
        Some(_) => Some(state.with(view)?),
        None => None,
    };
    Ok(AppStateView {
        open_error: if library.is_none() { state.startup_error() } else { None },
        library,
        default_path: Library::default_root()?,
        user_name: ["DOSSIER_AUTHOR", "USER", "USERNAME"]
            .iter()
            .find_map(|v| std::env::var(v).ok().filter(|s| !s.trim().is_empty()))
            .unwrap_or_default(),
    })
}

#[tauri::command]
pub fn open_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: PathBuf) -> IpcResult<LibraryView> {
    state.open(&path)?;
    daily_backup_in_background(app.clone(), path.clone());
    settings::remember_library(&app, path);
    state.with(view)
}

#[tauri::command]
pub fn create_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, path: PathBuf) -> IpcResult<LibraryView> {
    state.replace(Library::init(&path)?);
    settings::remember_library(&app, path);
    state.with(view)
}

/// Fills the library at `path` with the sample (creating it if needed).
#[tauri::command]
pub fn create_sample_library<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> IpcResult<LibraryView> {
    let mut lib = match Library::open(&path) {
        Ok(lib) => lib,
        Err(dossier::Error::NoLibrary(_)) => Library::init(&path)?,
        Err(e) => return Err(e.into()),
    };
    lib.load_sample()?;
    state.replace(lib);
    settings::remember_library(&app, path);
    state.with(view)
}

/// Rebuilds the menu bar in the interface language, with the words of the
/// front end's dictionary (`lang` names the language they are in).
#[tauri::command]
pub fn set_language<R: Runtime>(app: AppHandle<R>, lang: dossier::vocab::Lang, labels: dossier::menu_labels::MenuLabels) -> IpcResult<()> {
    // The menu needs only the words; the language comes with them so the
    // call says what it is, and is checked to be one the app speaks.
    let _ = lang;
    crate::menu::install(&app, &labels).map_err(|e| crate::error::IpcError {
        code: "internal".into(),
        message: format!("cannot rebuild the menu: {e}"),
    })
}
