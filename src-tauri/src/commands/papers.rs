//! Papers: list, read, edit (append a version), restore, publish, diff.

use dossier::papers::{Draft, NewPaper, Paper, PaperFilter, PaperVersion, PaperView, Publication, VersionDiff};
use serde::Deserialize;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The text of a version about to be saved, as the editor sends it.
#[derive(Deserialize)]
pub struct DraftInput {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub note: String,
    pub author: String,
}

impl From<DraftInput> for Draft {
    fn from(d: DraftInput) -> Self {
        Draft { title: d.title, summary: d.summary, body: d.body, author: d.author, note: d.note, at: None }
    }
}

/// A new paper as the "New paper" dialog sends it.
#[derive(Deserialize)]
pub struct NewPaperInput {
    pub lang: String,
    pub tags: Vec<String>,
    #[serde(flatten)]
    pub draft: DraftInput,
}

#[tauri::command]
pub fn list_papers(state: State<'_, AppState>) -> IpcResult<Vec<Paper>> {
    state.with(|lib| lib.papers(&PaperFilter::default()))
}

#[tauri::command]
pub fn get_paper(state: State<'_, AppState>, id: i64, version: Option<i64>) -> IpcResult<PaperView> {
    state.with(|lib| lib.paper_view(id, version))
}

#[tauri::command]
pub fn create_paper(state: State<'_, AppState>, input: NewPaperInput) -> IpcResult<PaperVersion> {
    state.with(|lib| {
        let lang = input.lang.parse()?;
        lib.add_paper(NewPaper { lang, tags: input.tags, draft: input.draft.into() })
    })
}

#[tauri::command]
pub fn save_version(state: State<'_, AppState>, id: i64, input: DraftInput) -> IpcResult<PaperVersion> {
    state.with(|lib| lib.save_version(id, input.into()))
}

#[tauri::command]
pub fn restore_version(
    state: State<'_, AppState>,
    id: i64,
    number: i64,
    author: String,
    note: String,
) -> IpcResult<PaperVersion> {
    state.with(|lib| lib.restore_version(id, number, &author, &note))
}

#[tauri::command]
pub fn publish_version(state: State<'_, AppState>, id: i64, number: Option<i64>) -> IpcResult<Publication> {
    state.with(|lib| lib.publish(id, number, None))
}

#[tauri::command]
pub fn diff_versions(state: State<'_, AppState>, id: i64, from: i64, to: i64) -> IpcResult<VersionDiff> {
    state.with(|lib| lib.diff_versions(id, from, to))
}

/// Live preview in the editor: Markdown to sanitised HTML.
#[tauri::command]
pub fn render_markdown(text: String) -> String {
    dossier::html::markdown_to_html(&text)
}
