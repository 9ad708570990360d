//! The SQLite store: opening a database file, its connection settings and
//! its schema migrations.
//!
//! Promises: every connection runs in WAL mode with foreign keys enforced, a
//! busy timeout and full synchronous commits; the schema is brought up to date
//! in one transaction before anything else touches it; a database written by a
//! newer Dossier, or a file that is not a Dossier database, is refused before
//! anything is written to it; an existing library is backed up (see
//! [`crate::backup::automatic`]) before a migration, and not migrated when
//! that backup fails.

mod migrations;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use migrations::SCHEMA_VERSION;

/// `PRAGMA application_id` of a Dossier database ("DOSS").
pub const APPLICATION_ID: i64 = 0x444F_5353;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (or, when `create` is set, creates) the database at `path` and
/// migrates it to [`SCHEMA_VERSION`].
pub(crate) fn open(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_library(path, e))?;
    configure(&conn).map_err(|e| not_a_library(path, e))?;
    check_identity(&conn, path, create)?;
    // An existing library is backed up as it was before its schema changes.
    migrations::migrate(&mut conn, path, |conn, from| {
        crate::backup::automatic::before_migration(conn, path, from, SCHEMA_VERSION).map(|_| ())
    })?;
    Ok(conn)
}

/// Connection settings that must hold for every connection.
fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Reading journal_mode is the first real read of the file, so a file that
    // is not SQLite fails here with "file is not a database".
    // A database on read-only media cannot switch to WAL; it still reads.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuses a SQLite file that belongs to another application.
fn check_identity(conn: &Connection, path: &Path, create: bool) -> Result<()> {
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| not_a_library(path, e))?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    if app_id != 0 {
        return Err(Error::NotALibrary {
            path: path.to_owned(),
            reason: format!("it belongs to another application (application id {app_id:#x})"),
        });
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if tables > 0 || !create {
        return Err(Error::NotALibrary {
            path: path.to_owned(),
            reason: "it is a SQLite database, but not one Dossier made".into(),
        });
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

pub(crate) fn not_a_library(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotALibrary {
            path: path.to_owned(),
            reason: "the file is not a SQLite database (it may be damaged); restore it from a backup".into(),
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::NotALibrary {
            path: path.to_owned(),
            reason: "the database is damaged; restore it from a backup".into(),
        },
        _ => Error::Sqlite(e),
    }
}
