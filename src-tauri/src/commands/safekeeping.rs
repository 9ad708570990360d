//! Keeping the library safe and shared: its settings (organisation,
//! registrant), backups made by hand, and the automatic ones.

use std::path::PathBuf;

use dossier::backup::{AutomaticBackup, BackupInfo};
use dossier::settings::{Setting, Settings};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub fn library_settings(state: State<'_, AppState>) -> IpcResult<Settings> {
    state.with(|lib| lib.settings())
}

/// Sets one library setting (an empty value clears it) and returns them all.
#[tauri::command]
pub fn set_library_setting(
    state: State<'_, AppState>,
    key: String,
    value: String,
) -> IpcResult<Settings> {
    state.with(|lib| {
        let setting: Setting = key.parse()?;
        lib.set_setting(setting, &value)?;
        lib.settings()
    })
}

/// Writes a backup of the whole library to `path` (checked, then renamed
/// into place), off the window's thread.
#[tauri::command]
pub async fn backup_library(state: State<'_, AppState>, path: PathBuf) -> IpcResult<BackupInfo> {
    state.with(|lib| lib.backup(&path))
}

/// The automatic backups in the library's backups folder, newest first.
#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> IpcResult<Vec<AutomaticBackup>> {
    state.with(|lib| Ok(lib.automatic_backups()))
}
