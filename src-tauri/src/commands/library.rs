//! Opening, creating and describing the library the window works on.

use std::path::PathBuf;

use dossier::api::library::{view, LibraryView};
use dossier::api::places::{ForPage, PlacePurpose};
use dossier::api::views::AppStateView;
use dossier::Library;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::IpcResult;
use crate::settings;
use crate::state::AppState;

/// Checks the structure of the library at `root` (SQLite's quick check),
/// then makes today's automatic backup of it if it has none yet, on a thread
/// and a handle of its own so the window never waits. Silent unless
/// something is wrong; then the window is told, and a damaged library is not
/// backed up over a sound backup.
pub fn daily_backup_in_background<R: Runtime>(app: AppHandle<R>, root: PathBuf) {
    std::thread::spawn(move || {
        let failed = |e: dossier::Error| dossier::Message::DailyBackupFailed { reason: Box::new(e.message()) }.for_page();
        let lib = match Library::open(&root) {
            Ok(lib) => lib,
            Err(e) => {
                let _ = app.emit("notice", failed(e));
                return;
            }
        };
        let problems = lib.quick_check().unwrap_or_default();
        if !problems.is_empty() {
            let advice = dossier::library::restore_advice(Some(&root));
            let damaged = dossier::Message::Damaged { detail: problems.join("; "), advice: Box::new(advice) };
            let _ = app.emit("notice", damaged.for_page());
            return;
        }
        if let Err(e) = lib.daily_backup(dossier::dates::now()) {
            let _ = app.emit("notice", failed(e));
        }
    });
}

#[tauri::command]
pub async fn app_state(state: State<'_, AppState>) -> IpcResult<AppStateView> {
    let library = match state.root() {
        Some(_) => Some(state.run(|lib| view(lib)).await?),
        None => None,
    };
    let view = AppStateView {
        open_error: if library.is_none() { state.startup_error() } else { None },
        library,
        default_path: dossier::api::library::default_root()?,
        user_name: dossier::api::author(None),
        system_lang: dossier::api::system_lang(),
    };
    Ok(view.for_page())
}

/// Opens the library in the folder the user chose (`place`).
#[tauri::command]
pub async fn open_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, place: String) -> IpcResult<LibraryView> {
    let path = state.place(&place, &[PlacePurpose::OpenLibrary])?;
    let view = state.open_with(path.clone(), Library::open).await?;
    daily_backup_in_background(app.clone(), path.clone());
    settings::remember_library(&app, path);
    Ok(view.for_page())
}

/// Where a new library goes: the folder the user chose, else the default.
fn new_library_folder(state: &AppState, place: Option<String>) -> IpcResult<PathBuf> {
    match place {
        Some(id) => state.place(&id, &[PlacePurpose::NewLibrary]),
        None => Ok(dossier::api::library::default_root()?),
    }
}

/// Creates an empty library in the folder the user chose, or the default one.
#[tauri::command]
pub async fn create_library<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, place: Option<String>) -> IpcResult<LibraryView> {
    let path = new_library_folder(&state, place)?;
    let view = state.open_with(path.clone(), Library::init).await?;
    settings::remember_library(&app, path);
    Ok(view.for_page())
}

/// Fills the library in the folder the user chose, or the default one, with
/// the sample (creating it if needed).
#[tauri::command]
pub async fn create_sample_library<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    place: Option<String>,
) -> IpcResult<LibraryView> {
    let path = new_library_folder(&state, place)?;
    let view = state.open_with(path.clone(), |dir| Ok(dossier::api::library::open_sample(dir, None)?.0)).await?;
    settings::remember_library(&app, path);
    Ok(view.for_page())
}

/// Rebuilds the menu bar in the interface language, with the words of the
/// front end's dictionary (`lang` names the language they are in).
#[tauri::command]
pub async fn set_language<R: Runtime>(app: AppHandle<R>, lang: dossier::vocab::Lang, labels: dossier::menu_labels::MenuLabels) -> IpcResult<()> {
    // The menu needs only the words; the language comes with them so the
    // call says what it is, and is checked to be one the app speaks.
    let _ = lang;
    crate::menu::install(&app, &labels)
        .map_err(|e| crate::error::IpcError::new(crate::error::ErrorCode::Internal, dossier::Message::MenuFailed { detail: e.to_string() }))
}
