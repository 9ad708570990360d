//! Papers: list, read, edit (append a version), restore, publish, diff.

use dossier::api::papers::{DraftRequest, NewPaperRequest};
use dossier::papers::{Paper, PaperFilter, PaperVersion, PaperView, Publication, VersionDiff};
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

#[tauri::command]
pub async fn list_papers(state: State<'_, AppState>) -> IpcResult<Vec<Paper>> {
    state.run(|lib| lib.papers(&PaperFilter::default())).await
}

#[tauri::command]
pub async fn get_paper(state: State<'_, AppState>, id: i64, version: Option<i64>) -> IpcResult<PaperView> {
    state.run(move |lib| lib.paper_view(id, version)).await
}

#[tauri::command]
pub async fn add_paper(state: State<'_, AppState>, input: NewPaperRequest) -> IpcResult<PaperVersion> {
    state.run(move |lib| dossier::api::papers::add_requested_paper(lib, input)).await
}

#[tauri::command]
pub async fn save_version(state: State<'_, AppState>, id: i64, input: DraftRequest) -> IpcResult<PaperVersion> {
    state.run(move |lib| dossier::api::papers::save_version(lib, id, input)).await
}

#[tauri::command]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: i64,
    version: i64,
    author: Option<String>,
    note: String,
) -> IpcResult<PaperVersion> {
    state.run(move |lib| dossier::api::papers::restore_version(lib, id, version, author.as_deref(), &note)).await
}

#[tauri::command]
pub async fn publish_version(state: State<'_, AppState>, id: i64, version: Option<i64>) -> IpcResult<Publication> {
    state.run(move |lib| lib.publish(id, version, None)).await
}

#[tauri::command]
pub async fn diff_versions(state: State<'_, AppState>, id: i64, from: i64, to: i64) -> IpcResult<VersionDiff> {
    state.run(move |lib| lib.diff_versions(id, from, to)).await
}

/// Live preview in the editor: Markdown to sanitised HTML.
#[tauri::command]
pub async fn render_markdown(text: String) -> String {
    dossier::html::markdown_to_html(&text)
}
