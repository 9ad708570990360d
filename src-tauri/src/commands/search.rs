//! Global search.

use dossier::api::views::ReindexProgress;
use dossier::dates;
use dossier::search::{IndexCheck, ReindexReport, SearchRequest, SearchResults};
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// A search as the palette sends it; empty filters are `null`.
#[derive(Deserialize)]
pub struct SearchInput {
    pub query: String,
    pub as_you_type: bool,
    pub kind: Option<String>,
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub lang: Option<String>,
    pub tag: Option<String>,
    pub status: Option<String>,
    pub official: Option<i64>,
    pub all_versions: bool,
    pub as_of: Option<String>,
    /// Hits wanted; the core's default and ceiling apply.
    pub limit: Option<usize>,
}

impl SearchInput {
    fn into_request(self) -> dossier::Result<SearchRequest> {
        Ok(SearchRequest {
            query: self.query,
            as_you_type: self.as_you_type,
            kind: self.kind.map(|k| k.parse()).transpose()?,
            from_year: self.from_year,
            to_year: self.to_year,
            lang: self.lang.map(|l| l.parse()).transpose()?,
            tag: self.tag,
            status: self.status.map(|s| s.parse()).transpose()?,
            official: self.official,
            all_versions: self.all_versions,
            as_of: self.as_of.map(|d| dates::parse_date(&d, "as of")).transpose()?,
            limit: dossier::api::search::limit(self.limit),
        })
    }
}

#[tauri::command]
pub async fn search(state: State<'_, AppState>, request: SearchInput) -> IpcResult<SearchResults> {
    let request = request.into_request()?;
    state.run(move |lib| lib.search(&request)).await
}

/// Readies search before the first keystroke: the index is brought in step
/// on a handle of its own (a rebuild, if one is needed, holds up nothing
/// else), then opened and searched once on the window's handle; the page
/// gets that search's hits to lay out unseen. A library that cannot be
/// written keeps its index in memory, one per handle, so there the first
/// step would only copy the index for nothing.
#[tauri::command]
pub async fn warm_search(state: State<'_, AppState>) -> IpcResult<SearchResults> {
    state
        .job(|lib| {
            if !lib.is_read_only() {
                lib.bring_index_up_to_date()?;
            }
            Ok(())
        })
        .await?;
    state.run(dossier::api::search::warm).await
}

/// Checks the index on disk (present, checksums, in step) without changing it.
#[tauri::command]
pub async fn check_index(state: State<'_, AppState>) -> IpcResult<IndexCheck> {
    state.job(|lib| Ok(lib.check_index()?)).await
}

/// Rebuilds the index from the database on a handle of its own: searches
/// go on answering from the last commit meanwhile.
#[tauri::command]
pub async fn reindex(state: State<'_, AppState>, progress: Channel<ReindexProgress>) -> IpcResult<ReindexReport> {
    state
        .job(move |lib| {
            Ok(lib.reindex_reporting(&mut |done, total| {
                let _ = progress.send(ReindexProgress { done, total });
            })?)
        })
        .await
}
