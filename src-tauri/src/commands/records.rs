//! Campaigns, officials and engagements.

use dossier::campaigns::{Campaign, CampaignFilter};
use dossier::api::records::NewEngagementRequest;
use dossier::engagements::{Engagement, EngagementFilter};
use dossier::api::views::OfficialView;
use dossier::officials::Official;
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
