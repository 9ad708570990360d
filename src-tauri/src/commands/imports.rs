//! Bringing documents in: files and folders imported as papers, one
//! transaction per file, with progress and cancel.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use dossier::import::{ImportOptions, ImportOutcome, ImportProgress, Outcome};
use dossier::papers::Lang;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::State;

use crate::error::IpcResult;
use crate::state::AppState;

/// Set by `cancel_import`; the import stops before its next file.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// The import options as the dialog sends them. Parsed here rather than
/// deserialised into the core's `ImportOptions`, so that a bad language
/// comes back as an `invalid` error with a code, like every other error.
#[derive(Deserialize)]
pub struct ImportInput {
    pub lang: Option<String>,
    pub tags: Vec<String>,
    pub dry_run: bool,
    pub author: String,
}

/// One file's outcome, flat for the dialog's list.
#[derive(Serialize)]
pub struct ImportLine {
    pub path: PathBuf,
    /// `imported`, `duplicate` or `refused`.
    pub status: &'static str,
    pub paper_id: Option<i64>,
    pub version: Option<i64>,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub format: Option<String>,
    /// Why the file was refused, or how it was read (e.g. the encoding
    /// assumed), in English.
    pub message: Option<String>,
    /// The same as messages, for wording in the interface language.
    pub notes: Vec<dossier::Message>,
}

impl From<ImportOutcome> for ImportLine {
    fn from(o: ImportOutcome) -> Self {
        let text = (!o.warnings.is_empty()).then(|| dossier::message::join(&o.warnings, "; "));
        let mut line = ImportLine {
            path: o.path,
            status: "imported",
            paper_id: None,
            version: None,
            title: None,
            lang: None,
            format: None,
            message: text,
            notes: o.warnings,
        };
        match o.outcome {
            Outcome::Imported { paper_id, version, title, lang, format } => {
                line.paper_id = paper_id;
                line.version = version;
                line.title = Some(title);
                line.lang = Some(lang);
                line.format = Some(format.as_str().to_owned());
            }
            Outcome::Duplicate { paper_id, .. } => {
                line.status = "duplicate";
                line.paper_id = paper_id;
            }
            Outcome::Refused { message, reason, .. } => {
                line.status = "refused";
                line.message = Some(message);
                line.notes = vec![reason];
            }
        }
        line
    }
}

#[derive(Serialize)]
pub struct ImportSummary {
    pub lines: Vec<ImportLine>,
    pub cancelled: bool,
}

/// Imports `paths` (folders are walked), sending progress before each file,
/// off the window's thread.
#[tauri::command]
pub async fn import_paths(
    state: State<'_, AppState>,
    paths: Vec<PathBuf>,
    options: ImportInput,
    progress: Channel<ImportProgress>,
) -> IpcResult<ImportSummary> {
    CANCEL.store(false, Ordering::SeqCst);
    state.with(|lib| {
        let options = ImportOptions {
            lang: options.lang.map(|l| l.parse()).transpose()?,
            tags: options.tags,
            dry_run: options.dry_run,
            author: options.author,
        };
        let report = lib.import_paths(&paths, &options, &mut |p| {
            let _ = progress.send(p.clone());
            !CANCEL.load(Ordering::SeqCst)
        })?;
        Ok(ImportSummary {
            cancelled: report.cancelled,
            lines: report.outcomes.into_iter().map(ImportLine::from).collect(),
        })
    })
}

/// Stops a running import before its next file; what it imported stays.
#[tauri::command]
pub fn cancel_import() {
    CANCEL.store(true, Ordering::SeqCst);
}
