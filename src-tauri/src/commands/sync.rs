//! The team library: where this device stands, syncing with the shared
//! folder, setting up or joining, conflicts, and the public copy.
//!
//! A sync, a set-up and a public copy run off the window's handle (they
//! read and write files in the shared folder, which may be slow); status,
//! conflicts and bringing a value back are short.

use dossier::api::places::{ForPage, PlacePurpose};
use dossier::api::sync::{self as team, SetupReport, SetupRequest};
use dossier::sync::handle::{Conflict, SyncReport, SyncStatus};
use dossier::sync::public::PublicCopy;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> IpcResult<SyncStatus> {
    Ok(state.run(|lib| lib.sync_status()).await?.for_page())
}

/// Writes this device's changes to the team folder and applies the others'.
#[tauri::command]
pub async fn sync_now(state: State<'_, AppState>) -> IpcResult<SyncReport> {
    state
        .job(|lib| {
            let report = lib.sync()?;
            // The window's searches leave a long catch-up to the job that
            // brought the changes; the index is derived, so a failure here
            // only leaves the work to the next search.
            if report.rows_applied > 0 {
                let _ = lib.bring_index_up_to_date();
            }
            Ok(report)
        })
        .await
}

/// Starts a team library with the open library, or joins the one the folder
/// holds (which replaces the open, empty library with the team's).
#[tauri::command]
pub async fn sync_setup(state: State<'_, AppState>, place: String, mut request: SetupRequest) -> IpcResult<SetupReport> {
    // The folder is the one the user chose, whatever the request says.
    request.folder = state.place(&place, &[PlacePurpose::TeamFolder])?;
    let report = state
        .reopen_with(move |root| {
            let (lib, setup, status) = team::setup(root, &request)?;
            Ok((lib, SetupReport { setup, status }))
        })
        .await?;
    Ok(report.for_page())
}

/// Leaves the team library; the library stays, standing alone.
#[tauri::command]
pub async fn leave_team(state: State<'_, AppState>) -> IpcResult<SyncStatus> {
    Ok(state.job(|lib| Ok(lib.leave_team()?)).await?.for_page())
}

/// The values kept aside on this device; brought-back ones too when `all`.
#[tauri::command]
pub async fn sync_conflicts(state: State<'_, AppState>, all: bool) -> IpcResult<Vec<Conflict>> {
    state.run(move |lib| lib.conflicts(all)).await
}

/// Brings back the value of conflict `id` as a new change.
#[tauri::command]
pub async fn keep_conflict(state: State<'_, AppState>, id: i64) -> IpcResult<Conflict> {
    state.run(move |lib| lib.keep_conflict(id)).await
}

/// Writes or refreshes the public copy in the folder the user chose.
#[tauri::command]
pub async fn public_copy(state: State<'_, AppState>, place: String) -> IpcResult<PublicCopy> {
    let dir = state.place(&place, &[PlacePurpose::PublicCopy])?;
    Ok(state.job(move |lib| Ok(lib.public_copy(&dir)?)).await?.for_page())
}
