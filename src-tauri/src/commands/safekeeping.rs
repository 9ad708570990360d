//! Keeping the library safe and shared: its settings (organisation,
//! registrant), backups made by hand, and the automatic ones.

use dossier::api::places::{ForPage, PlacePurpose};
use dossier::backup::{AutomaticBackup, BackupInfo};
use dossier::settings::{Setting, Settings};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn library_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    state.run(|lib| lib.settings()).await
}

/// Sets one library setting (an empty value clears it) and returns them all.
#[tauri::command]
pub async fn set_library_setting(state: State<'_, AppState>, key: String, value: String) -> IpcResult<Settings> {
    let setting: Setting = key.parse()?;
    state
        .run(move |lib| {
            lib.set_setting(setting, &value)?;
            lib.settings()
        })
        .await
}

/// Writes a backup of the whole library to the file the user chose
/// (`place`; checked, then renamed into place), off the window's thread.
#[tauri::command]
pub async fn backup(state: State<'_, AppState>, place: String) -> IpcResult<BackupInfo> {
    let path = state.place(&place, &[PlacePurpose::SaveBackup])?;
    let info = state.job(move |lib| Ok(lib.backup(&path)?)).await?;
    Ok(info.for_page())
}

/// The automatic backups in the library's backups folder, newest first.
#[tauri::command]
pub async fn list_backups(state: State<'_, AppState>) -> IpcResult<Vec<AutomaticBackup>> {
    Ok(state.run(|lib| Ok(lib.automatic_backups())).await?.for_page())
}
