//! Facts for whoever helps a user: which Dossier this is, which library it
//! has open and where the log is ([`about`]); what `dossier check` finds
//! ([`check`]); and the problem report that gathers them with the log in one
//! file to send by email ([`write_problem_report`]).
//!
//! The report is written for support staff, in English whatever the
//! interface language, and holds what the log holds: operations, counts,
//! codes and folders, never the text of a paper.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::views::SavedFile;
use crate::files::{self, Target};
use crate::search::IndexCheck;
use crate::{Library, Message, Result, SCHEMA_VERSION};

/// Which Dossier this is and what it has open.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct About {
    /// This program's version, e.g. `0.1.0`.
    pub version: String,
    /// The schema this program writes; a library is migrated to it on open.
    pub schema: u32,
    /// The operating system and processor, e.g. `linux x86_64`.
    pub system: String,
    /// The open library, if any.
    pub library: Option<AboutLibrary>,
    /// Where the log is written, if this machine has a folder for it.
    #[ts(type = "string | null")]
    pub log_folder: Option<PathBuf>,
}

/// The open library, as About shows it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AboutLibrary {
    /// Its folder.
    #[ts(type = "string")]
    pub folder: PathBuf,
    /// The schema version its database is at; `None` when no library is
    /// there.
    pub schema: Option<u32>,
}

/// A folder About offers to show in the system's file manager.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum SupportFolder {
    /// The open library's folder.
    Library,
    /// The folder of the log.
    Log,
}

/// The facts About shows, for the library in `root` if one is open (read
/// without opening it for writing: asking migrates nothing).
pub fn about(root: Option<&Path>) -> About {
    About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        schema: SCHEMA_VERSION as u32,
        system: format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
        library: root.map(|r| AboutLibrary { folder: r.to_owned(), schema: schema_at(r) }),
        log_folder: crate::logging::folder(),
    }
}

/// The schema version of the library in `root`, read without opening it
/// for writing (so nothing is migrated); `None` when no library is there.
pub fn schema_at(root: &Path) -> Option<u32> {
    use rusqlite::{Connection, OpenFlags};
    let db = root.join(crate::layout::DATABASE_FILE);
    if !db.is_file() {
        return None;
    }
    let conn = Connection::open_with_flags(&db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).ok()?;
    conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0)).ok().and_then(|v| u32::try_from(v).ok())
}

/// What `dossier check` finds in a library.
#[derive(Debug, Clone, Serialize)]
pub struct LibraryCheck {
    pub summary: crate::library::LibrarySummary,
    /// The database's schema version.
    pub schema: u32,
    /// SQLite's integrity check: empty when the database is sound.
    pub problems: Vec<String>,
    /// The search index against the database.
    pub index: IndexCheck,
}

/// Checks the database's integrity and the search index.
pub fn check(lib: &mut Library) -> Result<LibraryCheck> {
    let problems = lib.integrity_check()?;
    let index = lib.check_index()?;
    let summary = lib.summary()?;
    let schema = lib.schema_version()?;
    tracing::info!(damaged = !problems.is_empty(), index = ?index.status, "checked the library");
    Ok(LibraryCheck { summary, schema, problems, index })
}

impl LibraryCheck {
    /// The check as lines of English text, as the command line prints it.
    pub fn lines(&self) -> Vec<String> {
        let s = &self.summary;
        let mut lines = vec![
            format!("Library {} (schema {})", s.path.display(), self.schema),
            format!("{} papers, {} campaigns, {} officials, {} engagements", s.papers, s.campaigns, s.officials, s.engagements),
        ];
        if self.problems.is_empty() {
            lines.push("Database integrity: ok".into());
        } else {
            lines.push(format!("Database integrity: damaged: {}", self.problems.join("; ")));
        }
        let i = &self.index;
        lines.push(format!("Search index: {} ({} documents): {}", i.status, i.documents, i.detail));
        lines
    }
}

/// How much of the log a problem report carries at most: the newest part.
pub const REPORT_LOG_BYTES: usize = 4 * 1024 * 1024;

/// Writes the problem report to `out` (a `.txt` file): About's facts, the
/// check of the library in `root` on a handle of its own (or why it did not
/// open, or `not_open`: why no library is named), and the log's last week,
/// newest last. Written whole or not at all.
pub fn write_problem_report(root: Option<&Path>, not_open: Option<&Message>, out: &Path) -> Result<SavedFile> {
    let out = files::check_target(out, Target::Text)?;
    let (mut lib, why) = match root.map(Library::open) {
        Some(Ok(lib)) => (Some(lib), None),
        Some(Err(e)) => (None, Some(e.message())),
        None => (None, not_open.cloned()),
    };
    let text = problem_report(lib.as_mut(), why.as_ref());
    files::write_atomically(&out, text.as_bytes())?;
    tracing::info!(bytes = text.len(), "wrote a problem report");
    Ok(SavedFile { path: out, bytes: text.len() as u64 })
}

/// The report's text.
fn problem_report(mut lib: Option<&mut Library>, not_open: Option<&Message>) -> String {
    let root = lib.as_deref().map(|l| l.root().to_owned());
    let about = about(root.as_deref());
    let mut text = String::new();
    let _ = writeln!(text, "Dossier problem report");
    let _ = writeln!(text, "Written: {}", chrono::Utc::now().format("%Y-%m-%d %H:%M:%S UTC"));
    let _ = writeln!(text, "Dossier {} (schema {}) on {}", about.version, about.schema, about.system);
    match &about.log_folder {
        Some(dir) => _ = writeln!(text, "Log folder: {}", dir.display()),
        None => _ = writeln!(text, "Log folder: none on this machine"),
    }
    let _ = writeln!(text, "\n== dossier check ==");
    match lib.as_deref_mut() {
        Some(lib) => match check(lib) {
            Ok(found) => found.lines().iter().for_each(|l| _ = writeln!(text, "{l}")),
            Err(e) => _ = writeln!(text, "The check failed: {} [{}]", e.message(), e.code()),
        },
        None => match not_open {
            Some(why) => _ = writeln!(text, "No library is open: {why} [{}]", why.key()),
            None => _ = writeln!(text, "No library is open."),
        },
    }
    let logs = about.log_folder.as_deref().map(crate::logging::files).unwrap_or_default();
    append_logs(&mut text, &logs);
    text
}

/// Appends each log file under its name, oldest first, keeping only the
/// newest [`REPORT_LOG_BYTES`] of them in all.
fn append_logs(text: &mut String, logs: &[PathBuf]) {
    let mut parts: Vec<(String, String)> = Vec::new();
    let mut room = REPORT_LOG_BYTES;
    for path in logs.iter().rev() {
        if room == 0 {
            break;
        }
        let Ok(bytes) = std::fs::read(path) else { continue };
        let body = String::from_utf8_lossy(&bytes);
        let mut start = body.len().saturating_sub(room);
        // Start on a whole line.
        if start > 0 {
            start = body[start..].find('\n').map_or(body.len(), |n| start + n + 1);
        }
        room -= body.len() - start;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        parts.push((name, body[start..].to_owned()));
    }
    if parts.is_empty() {
        let _ = writeln!(text, "\n== Log ==\n(empty)");
    }
    for (name, body) in parts.into_iter().rev() {
        let _ = writeln!(text, "\n== Log: {name} ==");
        text.push_str(&body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_keeps_the_newest_part_of_the_log_from_a_line_start() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("app.2026-11-01.log");
        let new = dir.path().join("app.2026-11-02.log");
        let line = "x".repeat(99) + "\n";
        std::fs::write(&old, line.repeat(REPORT_LOG_BYTES / 100)).unwrap();
        std::fs::write(&new, "2026-11-02 INFO opened the library\n").unwrap();
        let mut text = String::new();
        append_logs(&mut text, &[old, new]);
        let at_old = text.find("== Log: app.2026-11-01.log ==").expect("the older file, cut");
        let at_new = text.find("== Log: app.2026-11-02.log ==").expect("the newer file, whole");
        assert!(at_old < at_new, "oldest first");
        assert!(text.len() <= REPORT_LOG_BYTES + 200, "{}", text.len());
        let cut = &text[at_old..at_new];
        let body = cut.split_once("==\n").unwrap().1;
        assert!(body.starts_with(&line), "starts on a whole line");
        assert!(text.ends_with("opened the library\n"));
    }
}
