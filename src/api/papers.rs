//! Papers: the rules a face would otherwise decide for itself.
//!
//! Which version a reader is shown is [`crate::Library::version_shown`];
//! who wrote a new version is [`super::author`].

use crate::papers::{Draft, NewPaper, PaperVersion};
use crate::vocab::Lang;
use crate::{Library, Result};

/// The text of a version about to be saved, as a face sends it; the author
/// may be left out.
#[derive(Debug, Clone, Default, serde::Deserialize, ts_rs::TS)]
pub struct DraftRequest {
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub body: String,
    #[serde(default)]
    pub note: String,
    /// Resolved by [`super::author`] when missing or blank.
    #[serde(default)]
    pub author: Option<String>,
}

impl DraftRequest {
    /// The draft with its author resolved.
    pub fn resolve(self) -> Draft {
        Draft {
            author: super::author(self.author.as_deref()),
            title: self.title,
            summary: self.summary,
            body: self.body,
            note: self.note,
            at: None,
        }
    }
}

/// A new paper as a face sends it: its language (a word of
/// [`Lang`], parsed here so a wrong one is an `invalid` error with a code),
/// tags, and the text of its first version.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
pub struct NewPaperRequest {
    #[ts(as = "Lang")]
    pub lang: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(flatten)]
    #[ts(flatten)]
    pub draft: DraftRequest,
}

/// Adds the paper a face asked for.
pub fn add_requested_paper(lib: &mut Library, request: NewPaperRequest) -> Result<PaperVersion> {
    let lang: Lang = request.lang.parse()?;
    add_paper(lib, lang, request.tags, request.draft)
}

/// Adds a new paper with its first version.
pub fn add_paper(lib: &mut Library, lang: Lang, tags: Vec<String>, draft: DraftRequest) -> Result<PaperVersion> {
    lib.add_paper(NewPaper { lang, tags, draft: draft.resolve() })
}

/// Appends version N+1 to paper `id`.
pub fn save_version(lib: &mut Library, id: i64, draft: DraftRequest) -> Result<PaperVersion> {
    lib.save_version(id, draft.resolve())
}

/// Appends a version equal to version `version` of paper `id`.
pub fn restore_version(lib: &mut Library, id: i64, version: i64, author: Option<&str>, note: &str) -> Result<PaperVersion> {
    lib.restore_version(id, version, &super::author(author), note)
}
