//! Help → About and Help → Save a problem report…: the facts whoever helps
//! the user asks for ([`dossier::api::support`]).

use dossier::api::places::{ForPage, PlacePurpose};
use dossier::api::support::{self, About, SupportFolder};
use dossier::api::views::SavedFile;
use tauri::State;

use crate::error::{IpcError, IpcResult};
use crate::state::{blocking, AppState};

/// The version, the schema, the open library and the log, with folders
/// shown by name (the page gets no paths; it can ask to show them).
#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> IpcResult<About> {
    let root = state.root();
    blocking(move || Ok(support::about(root.as_deref()).for_page())).await
}

/// Shows the library's folder or the log's in the system's file manager.
#[tauri::command]
pub async fn show_support_folder(state: State<'_, AppState>, folder: SupportFolder) -> IpcResult<()> {
    let dir = match folder {
        SupportFolder::Library => state.root().ok_or_else(IpcError::no_library)?,
        SupportFolder::Log => dossier::logging::folder()
            .ok_or_else(|| IpcError::new(dossier::error::ErrorCode::Invalid, dossier::Message::NoHomeFolder {}))?,
    };
    blocking(move || {
        // The log folder exists once something was logged; make it so the
        // file manager opens on it rather than failing.
        let _ = std::fs::create_dir_all(&dir);
        crate::commands::places::open_in_viewer(&dir)
    })
    .await
}

/// Writes the problem report to the file the user chose (`place`): the
/// facts, `dossier check` on the open library (on a handle of its own), and
/// the log's last week.
#[tauri::command]
pub async fn save_problem_report(state: State<'_, AppState>, place: String) -> IpcResult<SavedFile> {
    let path = state.place(&place, &[PlacePurpose::SaveProblemReport])?;
    let root = state.root();
    let not_open = state.startup_error().map(|e| e.detail);
    let saved = blocking(move || Ok(support::write_problem_report(root.as_deref(), not_open.as_ref(), &path)?)).await?;
    state.mark_written(&place);
    Ok(saved.for_page())
}
