//! Campaigns, officials and engagements, and officials imported from
//! Parliament's files.

use dossier::campaigns::{Campaign, CampaignFilter};
use dossier::api::records::NewEngagementRequest;
use dossier::engagements::{Debrief, Engagement, EngagementFilter};
use dossier::api::views::OfficialView;
use dossier::api::officials::OfficialImportRequest;
use dossier::api::places::PlacePurpose;
use dossier::officials::Official;
use dossier::parliament::ImportPlan;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_campaigns(state: State<'_, AppState>) -> IpcResult<Vec<Campaign>> {
    state.run(|lib| lib.campaigns(&CampaignFilter::default())).await
}

#[tauri::command]
pub async fn list_engagements(state: State<'_, AppState>, campaign: Option<i64>) -> IpcResult<Vec<Engagement>> {
    state
        .run(move |lib| lib.engagements(&EngagementFilter { campaign_id: campaign, ..EngagementFilter::default() }))
        .await
}

#[tauri::command]
pub async fn list_officials(state: State<'_, AppState>) -> IpcResult<Vec<Official>> {
    state.run(|lib| lib.officials()).await
}

#[tauri::command]
pub async fn get_engagement(state: State<'_, AppState>, id: i64) -> IpcResult<Engagement> {
    state.run(move |lib| lib.engagement(id)).await
}

#[tauri::command]
pub async fn get_official(state: State<'_, AppState>, id: i64) -> IpcResult<OfficialView> {
    state.run(move |lib| dossier::api::views::official_view(lib, id)).await
}

#[tauri::command]
pub async fn add_engagement(state: State<'_, AppState>, input: NewEngagementRequest) -> IpcResult<Engagement> {
    state.run(move |lib| lib.add_engagement(input.resolve()?)).await
}

/// After a meeting or call: its outcome, follow-ups and whether it is reported.
#[tauri::command]
pub async fn debrief_engagement(state: State<'_, AppState>, id: i64, debrief: Debrief) -> IpcResult<Engagement> {
    state.run(move |lib| lib.debrief_engagement(id, &debrief)).await
}

/// What importing Parliament's files (`places`, chosen for that purpose)
/// would do: new officials, changes field by field, unchanged, ambiguous.
/// Nothing is written.
#[tauri::command]
pub async fn plan_official_import(
    state: State<'_, AppState>,
    places: Vec<String>,
    options: OfficialImportRequest,
) -> IpcResult<ImportPlan> {
    let files = parliament_files(&state, &places)?;
    state.job(move |lib| Ok(dossier::api::officials::plan_official_import(lib, files, &options)?)).await
}

/// Imports Parliament's files in one transaction, on a handle of its own;
/// returns what was done.
#[tauri::command]
pub async fn import_officials(
    state: State<'_, AppState>,
    places: Vec<String>,
    options: OfficialImportRequest,
) -> IpcResult<ImportPlan> {
    let files = parliament_files(&state, &places)?;
    state.job(move |lib| Ok(dossier::api::officials::import_officials(lib, files, &options)?)).await
}

fn parliament_files(state: &AppState, places: &[String]) -> IpcResult<Vec<std::path::PathBuf>> {
    places.iter().map(|id| state.place(id, &[PlacePurpose::ParliamentFiles])).collect()
}
