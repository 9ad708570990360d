//! Campaigns, officials and engagements.

use dossier::campaigns::{Campaign, CampaignFilter};
use dossier::dates;
use dossier::engagements::{Engagement, EngagementFilter, NewEngagement};
use dossier::api::views::OfficialView;
use dossier::officials::Official;
use serde::Deserialize;
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

/// A new engagement as the log form sends it.
#[derive(Deserialize)]
pub struct NewEngagementInput {
    pub kind: String,
    pub date: String,
    pub time: Option<String>,
    pub place: String,
    pub campaign_id: Option<i64>,
    pub subject: String,
    pub notes: String,
    pub follow_ups: String,
    pub reportable: Option<bool>,
    pub official_ids: Vec<i64>,
}

#[tauri::command]
pub async fn add_engagement(state: State<'_, AppState>, input: NewEngagementInput) -> IpcResult<Engagement> {
    state
        .run(move |lib| {
            let new = NewEngagement {
                kind: input.kind.parse()?,
                date: dates::parse_date(&input.date, "date")?,
                time: input.time.as_deref().filter(|t| !t.is_empty()).map(|t| dates::parse_time(t, "time")).transpose()?,
                place: input.place,
                campaign_id: input.campaign_id,
                subject: input.subject,
                notes: input.notes,
                follow_ups: input.follow_ups,
                reportable: input.reportable,
                official_ids: input.official_ids,
                papers: vec![],
                logged_by: dossier::api::author(None),
            };
            lib.add_engagement(new)
        })
        .await
}
