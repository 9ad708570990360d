//! Bringing documents in: files and folders imported as papers, one
//! transaction per file, with progress and cancel, on a handle of its own.

use std::path::PathBuf;
use std::sync::Mutex;

use dossier::api::imports::{ImportRequest, ImportSummary};
use dossier::import::ImportProgress;
use dossier::progress::Cancel;
use serde::Deserialize;
use tauri::ipc::Channel;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// The switch of the import running now; `cancel_import` flips it.
static RUNNING: Mutex<Option<Cancel>> = Mutex::new(None);

/// The import options as the dialog sends them. Parsed here rather than
/// deserialised into the core's request, so that a bad language comes back
/// as an `invalid` error with a code, like every other error.
#[derive(Deserialize)]
pub struct ImportInput {
    pub lang: Option<String>,
    pub tags: Vec<String>,
    pub dry_run: bool,
    #[serde(default)]
    pub author: Option<String>,
}

/// Imports `paths` (folders are walked), sending progress before each file.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    options: ImportInput,
    progress: Channel<ImportProgress>,
) -> IpcResult<ImportSummary> {
    let request = ImportRequest {
        lang: options.lang.map(|l| l.parse()).transpose()?,
        tags: options.tags,
        dry_run: options.dry_run,
        author: options.author,
    };
    let cancel = Cancel::new();
    if let Ok(mut running) = RUNNING.lock() {
        *running = Some(cancel.clone());
    }
    state
        .job(move |lib| {
            let report = dossier::api::imports::import(lib, &paths, &request, &mut |p| {
                let _ = progress.send(p.clone());
                !cancel.is_cancelled()
            })?;
            Ok(ImportSummary::from(report))
        })
        .await
}

/// Stops a running import before its next file; what it imported stays.
#[tauri::command]
pub async fn cancel_import() {
    if let Ok(running) = RUNNING.lock() {
        if let Some(cancel) = running.as_ref() {
            cancel.cancel();
        }
    }
}
