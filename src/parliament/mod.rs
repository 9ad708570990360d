//! Office holders read from Parliament's own files: the House of Commons'
//! list of Members (XML, or CSV in English or French), one Member's roles
//! (XML), and the Senate's list of Senators saved as a web page.
//!
//! # Design
//!
//! Staff download the files in a browser; Dossier reads them offline
//! ([`commons`], [`senate`]) into [`Holder`]s: one office holder as one
//! file describes them, with the roles the file states. The planner
//! ([`plan`]) lays every holder of every file over the library's officials
//! and says what would change; applying writes that plan in one
//! transaction. A dry run is the same plan, not written.
//!
//! ## Matching: updated, never duplicated
//!
//! A holder is the official of the library who has
//! 1. the same House `PersonId` (or Senate page name), where the file gives
//!    one; two officials with the same key are *ambiguous*;
//! 2. else the same name (accents, case and punctuation folded,
//!    [`names::fold`]) and the same riding: the official's riding or the
//!    riding of any of their seats, in either language;
//! 3. else the same name and the same province or territory, in either
//!    language.
//!
//! More than one official at a step is *ambiguous*: listed with the
//! candidates and left alone, never guessed. So is a name shared with an
//! official who has neither riding nor province to compare. An official
//! with another `PersonId` is another person whatever their name. No
//! official is ever deleted or replaced, so engagements, packets and reports
//! keep pointing at the same people.
//!
//! ## Roles over time
//!
//! A seat is a role of kind `seat` (branch: the riding, or a Senator's
//! province) from the file's start date to its end date; a file that gives
//! an end date ends the seat, and a Member missing from a list is left as
//! they are. A caucus is a role of kind `caucus`. A list of Members gives
//! each one's caucus *today* without its dates: when it differs from the
//! caucus the library holds open, that role ends the day before the new one
//! starts, which starts on the seat's first day if the seat is newer than
//! the open caucus, else on the day of the import (the list cannot say
//! when). A Member's roles file gives every caucus, position, committee and
//! association with their dates, and those dates win. A role matches an
//! existing one of the same kind with the same title and branch (folded)
//! that starts the same day or overlaps it; roles typed by hand that are
//! plainly seats ("Member of Parliament", "Senator") match seats.
//!
//! Importing a file again finds every field equal and every role matched:
//! "0 changed".
//!
//! ## Both languages
//!
//! A file is English or French: a CSV by its header row, an XML list or
//! page by the spelling of its provinces ("Québec", "Colombie-Britannique")
//! or its headers, else English unless the request says otherwise. A French
//! file sets the French riding, province, caucus and title names
//! (`*_fr`), an English one the English names; an official first met in a
//! French file gets the French names in both until an English file comes.
//! A French packet or report uses the French names where known.
//!
//! ## Failures
//!
//! Each file is read whole before anything is planned. A file that is too
//! large, not text, of another format, truncated XML, a CSV without the
//! Members' columns, a page without the Senators' table, or a record
//! without a name or with a bad date is one refusal naming the file (and
//! the record); with any refusal nothing is written. Team libraries: two
//! devices importing the same file offline each add the new Members; the
//! next import lists each such pair as ambiguous (same `PersonId`).

pub mod commons;
pub mod names;
pub mod plan;
pub mod senate;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::message::Message;
use crate::vocab::{Chamber, Lang, RoleKind};

pub use plan::{Ambiguity, FieldChange, ImportField, ImportPlan, PlannedChange, PlannedOfficial};

/// The largest file read: the House's list of every Member since 1867 is a
/// few megabytes.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// What a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// The House of Commons' list of Members, XML.
    CommonsXml,
    /// The same list, CSV.
    CommonsCsv,
    /// One Member's roles, XML.
    CommonsRoles,
    /// The Senate's list of Senators, a saved web page.
    SenateHtml,
}

/// One role as a file states it. For a list file the caucus is the one held
/// today and carries the seat's dates (`dated` false).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolderRole {
    pub kind: RoleKind,
    pub title: String,
    pub title_fr: String,
    pub branch: String,
    pub branch_fr: String,
    pub institution: String,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    /// Whether the file gives this role's own dates.
    pub dated: bool,
}

/// One office holder as one file describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub chamber: Chamber,
    pub person_id: Option<i64>,
    pub senate_slug: Option<String>,
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    /// The riding (a Senator's province), in the file's language.
    pub constituency: String,
    pub province: String,
    pub roles: Vec<HolderRole>,
}

impl Holder {
    /// The seat the file describes last: the one a list record is about.
    pub fn seat(&self) -> Option<&HolderRole> {
        self.roles.iter().filter(|r| r.kind == RoleKind::Seat).max_by_key(|r| r.started_on)
    }

    /// "Given Family".
    pub fn name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name).trim().to_owned()
    }
}

/// A file read: what it is, its language, its office holders.
#[derive(Debug, Clone)]
pub struct ParsedFile {
    /// The file's name, as messages show it.
    pub name: String,
    pub format: FileFormat,
    pub lang: Lang,
    pub holders: Vec<Holder>,
}

/// Reads one of Parliament's files. `lang` is the language to assume when
/// the file does not tell.
pub fn read_file(path: &Path, lang: Option<Lang>) -> Result<ParsedFile> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::invalid(Message::FileTooLarge { path: shown, size: meta.len() as i64, limit: MAX_FILE_BYTES as i64 }));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    read_bytes(&bytes, path, lang)
}

/// Reads a file's bytes (see [`read_file`]).
pub fn read_bytes(bytes: &[u8], path: &Path, lang: Option<Lang>) -> Result<ParsedFile> {
    let shown = path.display().to_string();
    let unknown = || Error::invalid(Message::ParliamentFileUnknown { path: shown.clone() });
    let text = decode(bytes).ok_or_else(unknown)?;
    let start = text.trim_start();
    let head: String = start.chars().take(4096).collect::<String>().to_ascii_lowercase();
    let (format, lang, holders) = if head.starts_with("<?xml") || head.starts_with("<arrayof") || head.starts_with("<profile") {
        commons::read_xml(&text, path, lang)?
    } else if head.contains("<html") || head.contains("<!doctype html") || head.contains("<table") {
        senate::read_html(&text, path, lang)?
    } else if head.lines().next().is_some_and(|l| l.contains(',')) {
        commons::read_csv(path)?
    } else {
        return Err(unknown());
    };
    if holders.is_empty() {
        return Err(Error::invalid(Message::ParliamentNoRecords { path: shown }));
    }
    Ok(ParsedFile { name: file_name(path), format, lang, holders })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

/// The file's text, as documents are read ([`crate::import::text::decode`]:
/// by its byte-order mark, UTF-8 or UTF-16, else UTF-8, else Windows-1252).
/// `None` for bytes that are not text at all.
fn decode(bytes: &[u8]) -> Option<String> {
    let (text, _) = crate::import::text::decode(bytes);
    // Control characters other than line ends and tabs do not occur in
    // these files; one among the first 64 K characters means binary bytes.
    let controls = text.chars().take(65_536).filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')).count();
    if text.trim().is_empty() || controls > 0 {
        return None;
    }
    Some(text)
}

/// What to import: the files, the language to assume where a file does not
/// tell, and the day of the import (when a list shows a new caucus).
#[derive(Debug, Clone)]
pub struct OfficialImport {
    pub files: Vec<PathBuf>,
    pub lang: Option<Lang>,
    pub today: NaiveDate,
}

impl Library {
    /// Reads the files and plans the import without writing anything.
    pub fn plan_official_import(&self, request: &OfficialImport) -> Result<ImportPlan> {
        let files = read_all(request)?;
        let conn = self.conn()?;
        Ok(plan::Planner::load(conn)?.plan(&files, request.today).0)
    }

    /// Reads the files, plans and applies the import in one transaction.
    /// Returns the plan that was applied.
    pub fn import_officials(&mut self, request: &OfficialImport) -> Result<ImportPlan> {
        let files = read_all(request)?;
        self.write(|tx| {
            let (plan, planner) = plan::Planner::load(tx)?.plan(&files, request.today);
            planner.apply(tx)?;
            Ok(plan)
        })
    }
}

/// Reads every file; any refusal stops the import before anything is
/// planned, naming every file refused.
fn read_all(request: &OfficialImport) -> Result<Vec<ParsedFile>> {
    if request.files.is_empty() {
        return Err(Error::invalid(Message::ParliamentNoFiles {}));
    }
    let mut files = Vec::new();
    let mut refused = Vec::new();
    for path in &request.files {
        match read_file(path, request.lang) {
            Ok(f) => files.push(f),
            Err(Error::Invalid(m)) => refused.push(m),
            Err(e) => return Err(e),
        }
    }
    match refused.len() {
        0 => Ok(files),
        1 => Err(Error::Invalid(refused.remove(0))),
        _ => Err(Error::invalid(Message::ParliamentFilesRefused { refusals: refused })),
    }
}
