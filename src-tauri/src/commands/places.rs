//! Choosing files and folders, and opening a file the app wrote: the only
//! way a path enters the app from the window. The system's dialog is opened
//! here, in Rust, never by the page; the page receives ids and names
//! ([`dossier::api::places`]).
//!
//! For the end-to-end tests, which cannot drive a native dialog,
//! `$DOSSIER_TEST_CHOICES` may hold the dialogs' answers, one per line (each
//! a path, or several joined as in `$PATH` for a choice of files; an empty
//! line cancels). It is read from the environment the app was started in,
//! which the page cannot set.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use dossier::api::places::{ChosenPlace, Dialog, PlacePurpose};
use dossier::files::Target;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::{DialogExt, FilePath};

use crate::error::{ErrorCode, IpcError, IpcResult};
use crate::state::{blocking, AppState};

/// Opens the system's dialog for `purpose`, titled `title` (in the
/// interface language), suggesting `suggested_name` for a file to save, and
/// returns what the user chose (nothing when they cancel).
#[tauri::command]
pub async fn choose_places<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    purpose: PlacePurpose,
    title: String,
    suggested_name: Option<String>,
) -> IpcResult<Vec<ChosenPlace>> {
    let chosen = blocking(move || Ok(ask(&app, purpose, &title, suggested_name.as_deref()))).await?;
    Ok(chosen.into_iter().map(|path| state.grant(purpose, path)).collect())
}

/// Opens a file the app wrote this run (a packet, a report) in the system's
/// viewer.
#[tauri::command]
pub async fn open_place(state: State<'_, AppState>, place: String) -> IpcResult<()> {
    let file = state.written_file(&place)?;
    blocking(move || open_in_viewer(&file)).await
}

/// Opens `file` in the program the system uses for its kind.
pub fn open_in_viewer(file: &std::path::Path) -> IpcResult<()> {
    tauri_plugin_opener::open_path(file, None::<&str>)
        .map_err(|e| IpcError::new(ErrorCode::Io, dossier::Message::ViewerFailed { detail: e.to_string() }))
}

/// The answers given in advance for the end-to-end tests
/// (`$DOSSIER_TEST_CHOICES`), if any, read once.
static TEST_CHOICES: OnceLock<Option<Mutex<VecDeque<String>>>> = OnceLock::new();

/// The next answer given in advance, if the app was started with some.
fn test_answer() -> Option<Vec<PathBuf>> {
    let answers = TEST_CHOICES
        .get_or_init(|| std::env::var("DOSSIER_TEST_CHOICES").ok().map(|v| Mutex::new(v.lines().map(str::to_owned).collect())))
        .as_ref()?;
    let line = answers.lock().unwrap_or_else(|p| p.into_inner()).pop_front().unwrap_or_default();
    Some(std::env::split_paths(&line).filter(|p| !p.as_os_str().is_empty()).collect())
}

/// Asks the user, in the system's dialog; blocks until they answer.
fn ask<R: Runtime>(app: &AppHandle<R>, purpose: PlacePurpose, title: &str, suggested: Option<&str>) -> Vec<PathBuf> {
    if let Some(answer) = test_answer() {
        return answer;
    }
    let dialog = app.dialog().file().set_title(title);
    let picked: Vec<FilePath> = match purpose.dialog() {
        Dialog::Folder => dialog.set_can_create_directories(true).blocking_pick_folder().into_iter().collect(),
        Dialog::Files => dialog
            // "Documents" in English and French alike.
            .add_filter("Documents", dossier::import::SUPPORTED_EXTENSIONS)
            .blocking_pick_files()
            .unwrap_or_default(),
        Dialog::Save(target) => {
            let dialog = dialog.add_filter(target_filter_name(target), &[target.extension()]);
            let dialog = match suggested {
                Some(name) => dialog.set_file_name(name),
                None => dialog,
            };
            dialog.blocking_save_file().into_iter().collect()
        }
    };
    picked.into_iter().filter_map(|p| p.into_path().ok()).collect()
}

/// The name of a save dialog's filter: the kind of file, the same in
/// English and French.
fn target_filter_name(target: Target) -> &'static str {
    match target {
        Target::Pdf => "PDF",
        Target::Csv => "CSV",
        Target::Backup => "SQLite",
        Target::Text => "TXT",
    }
}

/// Opens a web or mail address (`http`, `https`, `mailto`) in the system's
/// browser or mail program; the page asked the user first, showing it.
/// Anything else is refused: a `file:` or `smb:` link in a paper opens
/// nothing.
#[tauri::command]
pub async fn open_link(url: String) -> IpcResult<()> {
    // Opened as the rule rewrites it: a mail link keeps only its
    // recipients, subject and body.
    let allowed = dossier::links::allowed_link(&url).map(std::borrow::Cow::into_owned);
    let Some(url) = allowed else {
        return Err(IpcError::new(ErrorCode::Invalid, dossier::Message::LinkNotOpenable { url }));
    };
    blocking(move || {
        tauri_plugin_opener::open_url(&url, None::<&str>)
            .map_err(|e| IpcError::new(ErrorCode::Io, dossier::Message::ViewerFailed { detail: e.to_string() }))
    })
    .await
}
