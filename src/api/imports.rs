//! Importing documents as a face asks for it: the author resolved once, and
//! each file's outcome flattened into one line per file for a list.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::message::Message;
use crate::import::{ImportOptions, ImportOutcome, ImportProgress, ImportReport, ImportStatus, Outcome};
use crate::vocab::Lang;
use crate::{Library, Result};

/// An import as a face asks for it. The language is a word parsed here,
/// so a wrong one is an `invalid` error with a code.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
pub struct ImportRequest {
    /// The language of every file; detected per file when missing.
    #[serde(default)]
    #[ts(as = "Option<Lang>")]
    pub lang: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub dry_run: bool,
    /// Resolved by [`super::author`] when missing or blank.
    #[serde(default)]
    pub author: Option<String>,
}

impl ImportRequest {
    pub fn options(&self) -> Result<ImportOptions> {
        Ok(ImportOptions {
            lang: self.lang.as_deref().map(str::parse).transpose()?,
            tags: self.tags.clone(),
            dry_run: self.dry_run,
            author: super::author(self.author.as_deref()),
        })
    }
}

/// One file's outcome, flat for a list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportLine {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub status: ImportStatus,
    pub paper_id: Option<i64>,
    pub version: Option<i64>,
    pub title: Option<String>,
    pub lang: Option<Lang>,
    pub format: Option<String>,
    /// Why the file was refused, or how it was read (e.g. the encoding
    /// assumed), in English.
    pub message: Option<String>,
    /// The same as messages, for wording in the interface language.
    pub notes: Vec<Message>,
}

impl From<ImportOutcome> for ImportLine {
    fn from(o: ImportOutcome) -> Self {
        let text = (!o.warnings.is_empty()).then(|| crate::message::join(&o.warnings, "; "));
        let mut line = ImportLine {
            path: o.path,
            status: ImportStatus::Imported,
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
                line.status = ImportStatus::Duplicate;
                line.paper_id = paper_id;
            }
            Outcome::Refused { message, reason, .. } => {
                line.status = ImportStatus::Refused;
                line.message = Some(message);
                line.notes = vec![reason];
            }
        }
        line
    }
}

/// A whole import, for a face's list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportSummary {
    pub lines: Vec<ImportLine>,
    pub cancelled: bool,
}

impl From<ImportReport> for ImportSummary {
    fn from(report: ImportReport) -> Self {
        ImportSummary { cancelled: report.cancelled, lines: report.outcomes.into_iter().map(ImportLine::from).collect() }
    }
}

/// Imports `paths` (folders are walked), telling `progress` before each
/// file; the import stops before the next file when it returns false.
pub fn import(
    lib: &mut Library,
    paths: &[PathBuf],
    request: &ImportRequest,
    progress: &mut dyn FnMut(&ImportProgress) -> bool,
) -> Result<ImportReport> {
    let report = lib.import_paths(paths, &request.options()?, progress)?;
    // The index is derived: failing to bring it up to date now only leaves
    // the work to the next search.
    let _ = lib.bring_index_up_to_date();
    Ok(report)
}
