//! Office holders as a face imports them from Parliament's files: the
//! language of files that do not tell and the day of the import resolved
//! here (see [`crate::parliament`] for the rules).

use std::path::PathBuf;

use serde::Deserialize;
use ts_rs::TS;

use crate::dates;
use crate::library::Library;
use crate::parliament::{ImportPlan, OfficialImport};
use crate::vocab::Lang;
use crate::Result;

/// How to read Parliament's files, as a face sends it.
#[derive(Debug, Clone, Default, Deserialize, TS)]
pub struct OfficialImportRequest {
    /// The language of a file that does not tell; English when missing.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// The day of the import (`YYYY-MM-DD`), when a list shows a new caucus;
    /// today when missing.
    #[serde(default)]
    pub today: Option<String>,
}

impl OfficialImportRequest {
    pub fn resolve(&self, files: Vec<PathBuf>) -> Result<OfficialImport> {
        let today = match self.today.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => dates::parse_date(t, "today")?,
            None => dates::today(),
        };
        Ok(OfficialImport { files, lang: self.lang, today })
    }
}

/// What importing the files would do; nothing is written.
pub fn plan_official_import(lib: &Library, files: Vec<PathBuf>, request: &OfficialImportRequest) -> Result<ImportPlan> {
    lib.plan_official_import(&request.resolve(files)?)
}

/// Imports the files in one transaction; returns what was done.
pub fn import_officials(lib: &mut Library, files: Vec<PathBuf>, request: &OfficialImportRequest) -> Result<ImportPlan> {
    let plan = lib.import_officials(&request.resolve(files)?)?;
    tracing::info!(
        files = plan.files.len(),
        new = plan.new.len(),
        changed = plan.changed.len(),
        unchanged = plan.unchanged,
        ambiguous = plan.ambiguous.len(),
        "imported Parliament's files"
    );
    Ok(plan)
}
