//! Importing many files and folders at once: [`Library::import_paths`].
//!
//! Folders are walked recursively in name order, skipping hidden files and
//! folders, so the same folder always gives the same outcomes in the same
//! order. Every file gets one [`ImportOutcome`]: imported, skipped as a
//! duplicate (its bytes are already the original of a paper), or refused
//! with the reason. Promises: each file is one transaction (paper, version,
//! original and source land together or not at all), one bad file never
//! stops the batch, a cancel takes effect between files and between the
//! pages of a PDF, and a dry run reads and parses everything but writes
//! nothing. A walk never follows a symbolic link, to a file or a folder: a
//! folder from someone else could link to anything on the disk, so each
//! link found is refused by name (a path the user names is read as named).
//! An import that wrote anything returns with the search index in step with
//! it, so the next search, in this process or another, has nothing to
//! catch up.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::lang::{detect_language, Detected};
use super::{Format, SourceFile};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;
use crate::papers::{normalise_tags, Draft, NewPaper};
use crate::vocab::Lang;

/// How to import (the app sends it as JSON; missing fields take defaults).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ImportOptions {
    /// The language of every file; detected per file when `None`.
    pub lang: Option<Lang>,
    /// Tags given to every imported paper.
    pub tags: Vec<String>,
    /// Read and parse everything, report what would happen, write nothing.
    pub dry_run: bool,
    /// The author of the first versions.
    pub author: String,
}

/// Where an import is: sent before each file is read, and again before
/// each page of a PDF (the same step: a chance to cancel).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ImportProgress {
    /// Files finished so far.
    pub done: usize,
    pub total: usize,
    /// The file about to be read.
    pub path: PathBuf,
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// A new paper was made (in a dry run: would be; ids are then `None`).
    Imported {
        paper_id: Option<i64>,
        version: Option<i64>,
        title: String,
        lang: Lang,
        format: Format,
    },
    /// The same bytes were imported before, as paper `paper_id` (in a dry
    /// run, possibly earlier in this batch: `same_as` names that file).
    Duplicate {
        paper_id: Option<i64>,
        same_as: Option<PathBuf>,
    },
    /// The file was not imported; `code` is the error's stable code,
    /// `reason` its message (for wording it), `message` that in English.
    Refused { code: String, message: String, reason: Message },
}

/// What happened to one file, as one word: the `outcome` tag of
/// [`Outcome`], for lists that show a file per line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    Imported,
    Duplicate,
    Refused,
}

impl Outcome {
    /// The outcome as one word, spelled as its JSON `outcome` tag.
    pub fn status(&self) -> ImportStatus {
        match self {
            Outcome::Imported { .. } => ImportStatus::Imported,
            Outcome::Duplicate { .. } => ImportStatus::Duplicate,
            Outcome::Refused { .. } => ImportStatus::Refused,
        }
    }
}

/// One file's outcome, with any warnings (e.g. read as Windows-1252).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct ImportOutcome {
    pub path: PathBuf,
    #[serde(flatten)]
    pub outcome: Outcome,
    pub warnings: Vec<Message>,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct ImportReport {
    pub outcomes: Vec<ImportOutcome>,
    pub dry_run: bool,
    /// True when the progress callback asked to stop; files after the last
    /// outcome were not looked at.
    pub cancelled: bool,
}

impl ImportReport {
    /// How many files were (or, in a dry run, would be) imported.
    pub fn imported(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Imported { .. }))
    }

    pub fn duplicates(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Duplicate { .. }))
    }

    pub fn refused(&self) -> usize {
        self.count(|o| matches!(o, Outcome::Refused { .. }))
    }

    fn count(&self, f: impl Fn(&Outcome) -> bool) -> usize {
        self.outcomes.iter().filter(|o| f(&o.outcome)).count()
    }
}

/// One entry of a batch.
enum Entry {
    /// A file to read; `in_folder` when a walk found it (it is then read
    /// only if it is still no link).
    File { path: PathBuf, in_folder: bool },
    /// Something found in a folder that is not read, and why.
    Refused { path: PathBuf, error: Error },
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::File { path, .. } | Entry::Refused { path, .. } => path,
        }
    }
}

/// The files `paths` name: files as given, folders walked (a folder given
/// as a link is walked: the user named it). A folder that cannot be read,
/// and a link inside one, become refusals.
fn files(paths: &[PathBuf]) -> Vec<Entry> {
    let mut out = Vec::new();
    for path in paths {
        if !path.is_dir() {
            out.push(Entry::File { path: path.clone(), in_folder: false });
            continue;
        }
        let walk = walkdir::WalkDir::new(path)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walk {
            match entry {
                Ok(e) if e.file_type().is_dir() => {}
                Ok(e) if e.path_is_symlink() => {
                    let error = super::link_not_followed(e.path());
                    out.push(Entry::Refused { path: e.into_path(), error });
                }
                Ok(e) if e.file_type().is_file() => out.push(Entry::File { path: e.into_path(), in_folder: true }),
                // Pipes, sockets, devices: not documents, and reading one
                // could block.
                Ok(_) => {}
                Err(e) => {
                    let at = e.path().unwrap_or(path).to_owned();
                    let message = Message::UnreadableInFolder { path: at.display().to_string(), detail: e.to_string() };
                    out.push(Entry::Refused { path: at, error: Error::invalid(message) });
                }
            }
        }
    }
    out
}

/// What every file of one batch shares.
struct Batch<'o> {
    options: &'o ImportOptions,
    tags: Vec<String>,
    /// Files of this batch by content, for duplicates within a dry run (a
    /// real run finds them in the library).
    seen: HashMap<String, PathBuf>,
}

/// A refusal whose message starts with the file's path, as every
/// outcome line does.
fn refused(path: &Path, e: &Error) -> Outcome {
    let message = e.to_string();
    let shown = path.display().to_string();
    let message = if message.starts_with(&shown) { message } else { format!("{shown}: {message}") };
    Outcome::Refused {
        code: e.code().to_owned(),
        message,
        reason: e.message(),
    }
}

/// The language to file a document under, or why it cannot be imported.
fn language(path: &Path, body: &str, forced: Option<Lang>) -> Result<Lang> {
    if let Some(lang) = forced {
        return Ok(lang);
    }
    match detect_language(body) {
        Detected::Supported { lang } => Ok(lang),
        Detected::Other { name } => Err(Error::invalid(Message::OtherLanguage {
            path: path.display().to_string(),
            language: name,
        })),
        Detected::Unknown => Err(Error::invalid(Message::UnknownLanguage { path: path.display().to_string() })),
    }
}

impl Library {
    /// Imports files and folders, one transaction per file, calling
    /// `progress` before each file, and again (with the same step) before
    /// each page of a PDF; when it returns `false` the import stops there
    /// (files already imported stay, the file being read is left out) and
    /// the report says `cancelled`.
    ///
    /// Refuses the whole batch, before any file, only when the options are
    /// wrong (an empty author, a bad tag). Brings the search index up to
    /// date before returning.
    pub fn import_paths(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress) -> bool,
    ) -> Result<ImportReport> {
        let tags = normalise_tags(&options.tags)?;
        if options.author.trim().is_empty() {
            return Err(Error::invalid(Message::VersionNeedsAuthor {}));
        }
        let files = files(paths);
        let total = files.len();
        let mut report = ImportReport {
            dry_run: options.dry_run,
            ..ImportReport::default()
        };
        let mut batch = Batch { options, tags, seen: HashMap::new() };
        for (done, entry) in files.into_iter().enumerate() {
            let step = ImportProgress { done, total, path: entry.path().to_owned() };
            if !progress(&step) {
                report.cancelled = true;
                break;
            }
            let mut warnings = Vec::new();
            let outcome = match &entry {
                Entry::Refused { path, error } => refused(path, error),
                Entry::File { path, in_folder } => {
                    // Asked again between the pages of a long document, so
                    // a cancel need not wait for the file to end.
                    let mut keep_going = || progress(&step);
                    // The batch logs one line at its end, not one per paper.
                    let one = crate::logging::quietly(|| self.import_one(path, *in_folder, &mut batch, &mut warnings, &mut keep_going));
                    match one {
                        Ok(outcome) => outcome,
                        Err(Error::Cancelled) => {
                            report.cancelled = true;
                            break;
                        }
                        Err(e) => refused(path, &e),
                    }
                }
            };
            report.outcomes.push(ImportOutcome { path: step.path, outcome, warnings });
        }
        if report.imported() > 0 && !report.dry_run {
            // The search index follows in one catch-up, now, rather than in
            // the first search after the import (which would wait seconds
            // for it). The index is derived: failing here leaves the work
            // to the next search, and the import stands.
            if let Err(e) = self.bring_index_up_to_date() {
                tracing::warn!(code = e.code(), "the search index was left to catch up later");
            }
        }
        tracing::info!(
            files = report.outcomes.len(),
            imported = report.imported(),
            duplicates = report.duplicates(),
            refused = report.refused(),
            dry_run = report.dry_run,
            cancelled = report.cancelled,
            "imported documents"
        );
        Ok(report)
    }

    fn import_one(
        &mut self,
        path: &Path,
        in_folder: bool,
        batch: &mut Batch<'_>,
        warnings: &mut Vec<Message>,
        keep_going: &mut dyn FnMut() -> bool,
    ) -> Result<Outcome> {
        let Batch { options, tags, seen } = batch;
        let source = if in_folder {
            SourceFile::read_in_folder(path, self.max_file_bytes())?
        } else {
            SourceFile::read(path, self.max_file_bytes())?
        };
        if let Some(paper_id) = self.paper_with_original(&source.sha256)? {
            return Ok(Outcome::Duplicate {
                paper_id: Some(paper_id),
                same_as: None,
            });
        }
        if let Some(earlier) = seen.get(&source.sha256) {
            return Ok(Outcome::Duplicate {
                paper_id: None,
                same_as: Some(earlier.clone()),
            });
        }
        let doc = source.parse_with(keep_going)?;
        warnings.extend(doc.warnings.iter().cloned());
        let lang = language(path, &doc.body, options.lang)?;
        let title = doc.title_or_file_name();
        let format = source.format;
        if options.dry_run {
            seen.insert(source.sha256.clone(), path.to_owned());
            return Ok(Outcome::Imported {
                paper_id: None,
                version: None,
                title,
                lang,
                format,
            });
        }
        let new = NewPaper {
            lang,
            tags: tags.to_vec(),
            draft: Draft {
                title: title.clone(),
                summary: String::new(),
                body: doc.body,
                author: options.author.clone(),
                note: format!("Imported from {}", source.file_name()),
                at: None,
            },
        };
        let v = self.add_paper_from_file(new, &source)?;
        Ok(Outcome::Imported {
            paper_id: Some(v.paper_id),
            version: Some(v.version),
            title: v.title,
            lang,
            format,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_word_is_the_json_outcome_tag() {
        let outcomes = [
            Outcome::Imported { paper_id: Some(1), version: Some(1), title: "T".into(), lang: Lang::En, format: Format::Text },
            Outcome::Duplicate { paper_id: Some(1), same_as: None },
            Outcome::Refused { code: "invalid".into(), message: "no".into(), reason: Message::TagEmpty {} },
        ];
        for outcome in outcomes {
            let json = serde_json::to_value(&outcome).unwrap();
            let status = serde_json::to_value(outcome.status()).unwrap();
            assert_eq!(json["outcome"], status, "one spelling for {outcome:?}");
        }
    }
}
