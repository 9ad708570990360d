//! The monthly communication report to the Registry of Lobbyists.

use dossier::api::places::{ForPage, PlacePurpose};
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

/// Writes the report of `month` as `csv` or `pdf` to the file the user
/// chose (`place`).
#[tauri::command]
pub async fn export_lobbying_report(
    state: State<'_, AppState>,
    month: String,
    format: String,
    place: String,
) -> IpcResult<SavedFile> {
    let (month, format) = (month.parse::<Month>()?, format.parse::<ReportFormat>()?);
    let purpose = match format {
        ReportFormat::Csv => PlacePurpose::SaveCsv,
        ReportFormat::Pdf => PlacePurpose::SavePdf,
    };
    let path = state.place(&place, &[purpose])?;
    let saved = state
        .job(move |lib| {
            let report = lib.lobbying_report(month, dossier::dates::local_today())?;
            let bytes = lib.write_lobbying_report(&report, format, &path)?;
            Ok(SavedFile { path, bytes })
        })
        .await?;
    state.mark_written(&place);
    Ok(saved.for_page())
}
