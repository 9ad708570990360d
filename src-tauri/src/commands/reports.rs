//! The monthly communication report to the Registry of Lobbyists, the
//! subject matters it files, and our log reconciled with what the Registry
//! lists as filed.

use dossier::api::places::{ForPage, PlacePurpose};
use dossier::api::views::SavedFile;
use dossier::engagements::Engagement;
use dossier::lobbying::{LobbyingReport, Month, ReportFormat};
use dossier::registry::reconcile::Reconciliation;
use dossier::subjects::SubjectMatter;
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

/// The library's subject matters, in code order.
#[tauri::command]
pub async fn subject_matters(state: State<'_, AppState>) -> IpcResult<Vec<SubjectMatter>> {
    state.run(|lib| lib.subject_matters()).await
}

/// Sets the subject matters of engagement `id` (replacing those it had).
#[tauri::command]
pub async fn set_engagement_subjects(state: State<'_, AppState>, id: i64, codes: Vec<String>) -> IpcResult<Engagement> {
    state.run(move |lib| lib.set_engagement_subjects(id, &codes)).await
}

/// Reconciles our log with the Registry's files in the folder the user
/// chose (`place`), for `month` (`YYYY-MM`) or every month they hold. A
/// long read: it runs on a handle of its own.
#[tauri::command]
pub async fn reconcile_registry(state: State<'_, AppState>, place: String, month: Option<String>) -> IpcResult<Reconciliation> {
    let month = month.filter(|m| !m.trim().is_empty()).map(|m| m.parse::<Month>()).transpose()?;
    let folder = state.place(&place, &[PlacePurpose::RegistryFolder])?;
    state.job(move |lib| Ok(lib.reconcile_registry(&folder, month)?)).await
}
