//! The monthly communication report to the Registry of Lobbyists.

use std::path::PathBuf;

use dossier::api::views::SavedFile;
use dossier::lobbying::{LobbyingReport, Month, ReportFormat};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// Drafts the report of `month` (`YYYY-MM`), counting days to the deadline
/// from today.
#[tauri::command]
pub async fn lobbying_report(state: State<'_, AppState>, month: String) -> IpcResult<LobbyingReport> {
    let month = month.parse::<Month>()?;
    state.run(move |lib| lib.lobbying_report(month, dossier::dates::local_today())).await
}

/// Writes the report of `month` to `path` as `csv` or `pdf`.
#[tauri::command]
pub async fn export_lobbying_report(
    state: State<'_, AppState>,
    month: String,
    format: String,
    path: PathBuf,
) -> IpcResult<SavedFile> {
    let (month, format) = (month.parse::<Month>()?, format.parse::<ReportFormat>()?);
    state
        .job(move |lib| {
            let report = lib.lobbying_report(month, dossier::dates::local_today())?;
            let bytes = lib.write_lobbying_report(&report, format, &path)?;
            Ok(SavedFile { path, bytes })
        })
        .await
}
