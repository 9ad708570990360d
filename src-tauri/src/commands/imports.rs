//! Bringing documents in: files and folders imported as papers, one
//! transaction per file, with progress and cancel, on a handle of its own.

use std::sync::Mutex;

use dossier::api::imports::{ImportRequest, ImportSummary};
use dossier::api::places::{ForPage, PlacePurpose};
use dossier::import::ImportProgress;
use dossier::progress::Cancel;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The switch of the import running now; `cancel_import` flips it.
static RUNNING: Mutex<Option<Cancel>> = Mutex::new(None);

/// Imports the files and folders the user chose (`places`; folders are
/// walked), sending progress before each file.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    places: Vec<String>,
    options: ImportRequest,
    progress: Channel<ImportProgress>,
) -> IpcResult<ImportSummary> {
    let paths = places
        .iter()
        .map(|id| state.place(id, &[PlacePurpose::ImportFiles, PlacePurpose::ImportFolder]))
        .collect::<IpcResult<Vec<_>>>()?;
    // A wrong language is refused before the job starts.
    options.options()?;
    let cancel = Cancel::new();
    if let Ok(mut running) = RUNNING.lock() {
        *running = Some(cancel.clone());
    }
    state
        .job(move |lib| {
            let report = dossier::api::imports::import(lib, &paths, &options, &mut |p| {
                let _ = progress.send(p.clone().for_page());
                !cancel.is_cancelled()
            })?;
            Ok(ImportSummary::from(report).for_page())
        })
        .await
}

/// Stops a running import before its next file (or its next page, in a
/// PDF); what it imported stays.
#[tauri::command]
pub async fn cancel_import() {
    if let Ok(running) = RUNNING.lock() {
        if let Some(cancel) = running.as_ref() {
            cancel.cancel();
        }
    }
}
