//! The monthly communication report to the Registry of Lobbyists.

use std::path::PathBuf;

use dossier::lobbying::{LobbyingReport, Month, ReportFormat};
use serde::Serialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// A file the app wrote.
#[derive(Serialize)]
pub struct SavedFile {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Drafts the report of `month` (`YYYY-MM`), counting days to the deadline
/// from today.
#[tauri::command]
pub fn lobbying_report(state: State<'_, AppState>, month: String) -> IpcResult<LobbyingReport> {
    state.with(|lib| lib.lobbying_report(month.parse::<Month>()?, dossier::dates::local_today()))
}

/// Writes the report of `month` to `path` as `csv` or `pdf`.
#[tauri::command]
pub async fn export_lobbying_report(
    state: State<'_, AppState>,
    month: String,
    format: String,
    path: PathBuf,
) -> IpcResult<SavedFile> {
    state.with(|lib| {
        let report = lib.lobbying_report(month.parse::<Month>()?, dossier::dates::local_today())?;
        let bytes = lib.write_lobbying_report(&report, format.parse::<ReportFormat>()?, &path)?;
        Ok(SavedFile { path, bytes })
    })
}
