//! Backups of a library's database, and checking a file before trusting it.
//!
//! A backup is one SQLite file: the whole database, and with it the original
//! imported files, which are stored inside it. The search index is not in
//! it; it is derived and rebuilt from the database on the next search.
//!
//! Promises: a backup is a consistent snapshot even while the app or another
//! `dossier` is writing (SQLite's `VACUUM INTO` reads inside one read
//! transaction); it is written to a temporary file beside its target,
//! checked (`PRAGMA integrity_check`, Dossier's application id, a schema this
//! build knows) and only then renamed into place, so a file with a backup's
//! name is always a whole, sound backup. The file is left in rollback-journal
//! mode, so it is self-contained: no `-wal` file is needed beside it.
//!
//! Architecture invariant: this file and [`automatic`] sit below
//! [`crate::library`] (which backs a library up before migrating it) and never
//! import it; the `Library` methods live in `handle.rs`.
//!
//! [`automatic`] keeps the backups the library makes by itself (before a
//! migration, and once a day); [`restore`] turns a backup back into a
//! library.

pub mod automatic;
mod handle;
pub mod restore;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::store::{self, APPLICATION_ID, SCHEMA_VERSION};

pub use automatic::{AutomaticBackup, BackupKind, BACKUPS_DIR, DAILY_KEPT};

/// What a backup file holds, as read back from the file itself.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// Size of the file in bytes.
    pub bytes: u64,
    pub schema_version: i64,
    pub papers: i64,
    /// Paper versions, every one of which the backup holds.
    pub versions: i64,
    pub campaigns: i64,
    pub officials: i64,
    pub engagements: i64,
    pub packets: i64,
    /// Original imported files stored in the database.
    pub originals: i64,
}

/// Snapshots the database behind `conn` into `target`: a temporary file
/// beside it first, checked, then renamed.
pub(crate) fn write_copy(conn: &Connection, target: &Path) -> Result<BackupInfo> {
    let fail = |reason: Message| Error::Backup { path: target.to_owned(), reason };
    // Created empty, exclusively and private, under a name nobody can guess:
    // VACUUM INTO writes into an empty file.
    let tmp = crate::files::temp_path_beside(target)?;
    let tmp_text = tmp.to_str().ok_or_else(|| fail(Message::FolderNameNotUnicode {}))?.to_owned();
    conn.execute("VACUUM INTO ?1", [&tmp_text]).map_err(|e| fail(Message::CopyFailed { detail: e.to_string() }))?;
    {
        let copy = Connection::open_with_flags(&tmp, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        // A backup is one file, whatever mode the library runs in.
        let _mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        inspect(&copy, &tmp).map_err(|e| fail(Message::CopyCheckFailed { reason: Box::new(e.message()) }))?;
    }
    let file = std::fs::File::open(&tmp).map_err(|e| Error::io(&tmp, e))?;
    file.sync_all().map_err(|e| Error::io(&tmp, e))?;
    // On any failure above, dropping `tmp` removes the half-made copy.
    crate::files::persist(tmp, target)?;
    let copy = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    inspect(&copy, target)
}

/// Opens a file offered as a backup without writing to it, and checks it is
/// a sound Dossier database this build can read.
pub fn verify(file: &Path) -> Result<BackupInfo> {
    open_checked(file).map(|(_, info)| info)
}

/// As [`verify`], keeping the read-only connection for copying from.
pub(crate) fn open_checked(file: &Path) -> Result<(Connection, BackupInfo)> {
    let refuse = |reason: Message| Error::Backup { path: file.to_owned(), reason };
    let meta = std::fs::metadata(file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => refuse(Message::BackupMissing {}),
        _ => Error::io(file, e),
    })?;
    if meta.is_dir() {
        return Err(refuse(Message::BackupIsFolder {}));
    }
    let conn = open_read_only(file).map_err(|e| damaged(file, e))?;
    let info = inspect(&conn, file)?;
    Ok((conn, info))
}

/// Opens a file without writing anything beside it. A file with a `-wal`
/// beside it is a live database (or a copy taken with its WAL), whose
/// newest pages are in that WAL: it is opened as SQLite reads any database.
/// Without one, it is opened immutable, so SQLite creates no `-shm` or
/// `-wal` next to a file that is only being read.
fn open_read_only(file: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut wal = file.as_os_str().to_owned();
    wal.push("-wal");
    let conn = if Path::new(&wal).exists() {
        Connection::open_with_flags(file, flags)?
    } else {
        Connection::open_with_flags(immutable_uri(file), flags | OpenFlags::SQLITE_OPEN_URI)?
    };
    // A backup may come from anyone: read it as warily as a library.
    store::harden(&conn)?;
    Ok(conn)
}

/// `file:` URI of `path` with `immutable=1`, escaping what a URI reserves.
fn immutable_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut uri: Vec<u8> = b"file:".to_vec();
    // A Windows drive path is written file:/C:/…
    if !text.starts_with('/') && text.get(1..2) == Some(":") {
        uri.push(b'/');
    }
    for b in text.bytes() {
        match b {
            b'%' | b'?' | b'#' | b' ' => uri.extend_from_slice(format!("%{b:02X}").as_bytes()),
            _ => uri.push(b),
        }
    }
    let mut uri = String::from_utf8_lossy(&uri).into_owned();
    uri.push_str("?immutable=1");
    uri
}

/// Checks an open database is Dossier's, not newer than this build, and
/// sound, and counts what it holds.
fn inspect(conn: &Connection, path: &Path) -> Result<BackupInfo> {
    let refuse = |reason: Message| Error::Backup { path: path.to_owned(), reason };
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| damaged(path, e))?;
    if app_id != APPLICATION_ID {
        return Err(refuse(if app_id == 0 {
            Message::NotDossierBackup {}
        } else {
            Message::ForeignDatabase { app_id: format!("{app_id:#x}") }
        }));
    }
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| damaged(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
    }
    if found < 1 {
        return Err(refuse(Message::UnfinishedDatabase {}));
    }
    // An older backup is checked once migrated, when restored.
    if found == SCHEMA_VERSION {
        store::check_schema(conn).map_err(|e| refuse(e.message()))?;
    }
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get::<_, String>(0))?.collect())
        .map_err(|e| damaged(path, e))?;
    let problems: Vec<String> = problems.into_iter().filter(|p| p != "ok").collect();
    if !problems.is_empty() {
        let first: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
        return Err(refuse(Message::IntegrityFailed { problems: first.join("; ") }));
    }
    let count = |table: &str| -> Result<i64> {
        let exists: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
            [table],
            |r| r.get(0),
        )?;
        if !exists {
            return Ok(0);
        }
        Ok(conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| r.get(0))?)
    };
    let info = BackupInfo {
        path: path.to_owned(),
        bytes: std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
        schema_version: found,
        papers: count("papers")?,
        versions: count("paper_versions")?,
        campaigns: count("campaigns")?,
        officials: count("officials")?,
        engagements: count("engagements")?,
        packets: count("packets")?,
        originals: count("originals")?,
    };
    Ok(info)
}

/// Words a SQLite failure on a file offered as a backup.
fn damaged(path: &Path, e: rusqlite::Error) -> Error {
    let reason = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Message::FileNotSqlite {},
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Message::FileDamaged {},
        Some(rusqlite::ErrorCode::CannotOpen) => Message::FileCannotOpen {},
        _ => return store::not_a_library(path, e),
    };
    Error::Backup { path: path.to_owned(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_reserves_and_keep_accents() {
        assert_eq!(immutable_uri(Path::new("/home/maya/Mes sauvegardes/été #2.sqlite")),
            "file:/home/maya/Mes%20sauvegardes/été%20%232.sqlite?immutable=1");
        assert_eq!(immutable_uri(Path::new("/a/100%?.sqlite")), "file:/a/100%25%3F.sqlite?immutable=1");
    }
}
