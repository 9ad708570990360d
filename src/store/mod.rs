//! The SQLite store: opening a database file, its connection settings and
//! its schema migrations.
//!
//! Promises: every connection runs in WAL mode with foreign keys enforced, a
//! busy timeout and full synchronous commits; the schema is brought up to date
//! in one transaction before anything else touches it; a database written by a
//! newer Dossier, or a file that is not a Dossier database, is refused before
//! anything is written to it; an existing library is backed up (see
//! [`crate::backup::automatic`]) before a migration, and not migrated when
//! that backup fails. Every connection is hardened against a hostile file
//! ([`harden`]) before its first read, and a database whose tables, views,
//! triggers or indexes differ from the ones Dossier makes is refused; a
//! library at an older version is compared with what that version's
//! migrations make before anything is written to it or any migration runs
//! (a trigger of someone else's would run with them). A
//! database that cannot be written (a read-only file or
//! folder, read-only media) is opened read-only instead, without the WAL
//! files it could not create: reads work, writes are refused.

pub mod ids;
mod migrations;

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};
use crate::message::Message;
use crate::layout::DATABASE_FILE;

pub use migrations::SCHEMA_VERSION;

/// `PRAGMA application_id` of a Dossier database ("DOSS").
pub const APPLICATION_ID: i64 = 0x444F_5353;

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open database and whether it could only be opened for reading.
pub(crate) struct Opened {
    pub conn: Connection,
    pub read_only: bool,
}

/// Opens (or, when `create` is set, creates) the database at `path` and
/// migrates it to [`SCHEMA_VERSION`]; opens it read-only when it cannot be
/// written.
/// A hook the store calls before migrating an existing library: the
/// library passes its backup, so the store never depends on the backup code.
pub(crate) type BeforeMigration<'a> = &'a dyn Fn(&Connection, i64) -> Result<()>;

pub(crate) fn open(path: &Path, create: bool, before_migration: BeforeMigration<'_>) -> Result<Opened> {
    if !create && !writable(path) {
        let conn = open_read_only(path)?;
        return Ok(Opened { conn, read_only: true });
    }
    let conn = open_read_write(path, create, before_migration)?;
    Ok(Opened { conn, read_only: false })
}

fn open_read_write(path: &Path, create: bool, before_migration: BeforeMigration<'_>) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| not_a_library(path, e))?;
    harden(&conn).map_err(|e| not_a_library(path, e))?;
    // Nothing is written to a file before it is known to be a library: of
    // Dossier's, at a version this build knows, holding exactly what that
    // version's migrations make (else a trigger of someone else's would run
    // as the migrations write).
    check_identity(&conn, path, create)?;
    let found: i64 = retry_busy(|| conn.query_row("PRAGMA user_version", [], |r| r.get(0))).map_err(|e| not_a_library(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
    }
    check_schema_at(&conn, found)?;
    if create {
        // Before SQLite makes its journal files, which take the file's mode.
        crate::files::make_private(path)?;
    }
    retry_busy(|| configure(&conn)).map_err(|e| not_a_library(path, e))?;
    // An existing library is backed up as it was before its schema changes.
    migrations::migrate(&mut conn, path, before_migration)?;
    check_schema(&conn)?;
    Ok(conn)
}

/// Settings every connection takes, read-only ones included. Most keep a
/// hostile database file from doing more than hold data: its schema may
/// not call functions with side effects from views or triggers
/// (`trusted_schema`), nor be rewritten by SQL (`DEFENSIVE`); malformed
/// pages are caught when read (`cell_size_check`); and an `INSERT OR
/// REPLACE` fires the delete triggers that keep versions permanent
/// (`recursive_triggers`), instead of replacing a row silently. One is for
/// speed: a statement keeps the plan it was prepared with (`ENABLE_QPSG`).
/// Without it SQLite prepares a cached statement again whenever a bound
/// value changes, if its plan peeked at that value; a search paid for that
/// once per hit.
pub(crate) fn harden(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    conn.pragma_update(None, "cell_size_check", "ON")?;
    conn.pragma_update(None, "recursive_triggers", "ON")?;
    Ok(())
}

/// The tables, indexes, views and triggers a library of each schema version
/// holds (index: the version, 0 an empty file), as SQLite stores them:
/// made once per process by running the migrations one at a time on an
/// empty database in memory.
fn expected_schemas() -> &'static [Vec<SchemaObject>] {
    static EXPECTED: std::sync::OnceLock<Vec<Vec<SchemaObject>>> = std::sync::OnceLock::new();
    EXPECTED.get_or_init(|| {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        harden(&conn).and_then(|()| configure(&conn)).expect("the settings apply");
        let mut schemas = vec![schema_of(&conn).expect("the schema reads")];
        for version in 1..=SCHEMA_VERSION {
            migrations::apply(&conn, version - 1, version).expect("the migrations run");
            schemas.push(schema_of(&conn).expect("the schema reads"));
        }
        schemas
    })
}

/// One row of `sqlite_schema`: type, name and the SQL that made it.
type SchemaObject = (String, String, Option<String>);

fn schema_of(conn: &Connection) -> rusqlite::Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    rows.collect()
}

/// Refuses a database whose schema is not exactly the one Dossier makes: a
/// trigger, view or index added by someone else would run or answer with
/// Dossier's rights, and a changed one could undo a promise (immutable
/// versions).
pub(crate) fn check_schema(conn: &Connection) -> Result<()> {
    check_schema_at(conn, SCHEMA_VERSION)
}

/// Refuses a database whose schema is not exactly the one the migrations
/// make at `version` (0: an empty file), checked before any migration runs
/// on it. A version this build does not know holds nothing it could expect.
pub(crate) fn check_schema_at(conn: &Connection, version: i64) -> Result<()> {
    let found = retry_busy(|| schema_of(conn))?;
    let none = Vec::new();
    let expected = usize::try_from(version).ok().and_then(|v| expected_schemas().get(v)).unwrap_or(&none);
    if found == *expected {
        return Ok(());
    }
    let differing: Vec<String> = found
        .iter()
        .filter(|o| !expected.contains(o))
        .chain(expected.iter().filter(|o| !found.contains(o)))
        .map(|(kind, name, _)| format!("{kind} {name}"))
        .take(5)
        .collect();
    Err(Error::invalid(Message::SchemaUnexpected { objects: differing.join(", ") }))
}

/// How many times a statement refused with `SQLITE_BUSY` after the busy
/// timeout is tried again.
const BUSY_RETRIES: u32 = 5;

/// Runs `f` again while SQLite answers `SQLITE_BUSY` despite the busy
/// timeout: another process held the lock longer still, or a connection
/// opened while another was recovering or checkpointing the write-ahead log.
pub(crate) fn retry_busy<T>(mut f: impl FnMut() -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    let mut attempt = 0;
    loop {
        match f() {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && attempt < BUSY_RETRIES => {
                attempt += 1;
                std::thread::sleep(Duration::from_millis(50 * u64::from(attempt)));
            }
            other => return other,
        }
    }
}

/// True when the database file can be written and its folder can take the
/// journal files SQLite keeps beside it.
fn writable(path: &Path) -> bool {
    if std::fs::OpenOptions::new().append(true).open(path).is_err() {
        return false;
    }
    let Some(folder) = path.parent() else { return false };
    let probe = folder.join(format!(".dossier-write-check-{}", std::process::id()));
    match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        // Left behind by an earlier process with this id that was killed.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::remove_file(&probe).is_ok(),
        Err(_) => false,
    }
}

/// Opens a database that cannot be written. With committed changes still
/// in its write-ahead log, SQLite reads them through the existing WAL files;
/// without, the file is opened as immutable, which needs no WAL files (a
/// read-only folder could not take them).
fn open_read_only(path: &Path) -> Result<Connection> {
    let wal = path.with_file_name(format!("{DATABASE_FILE}-wal"));
    let pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let uri = format!("file:{}?{}", uri_path(path), if pending { "mode=ro" } else { "immutable=1" });
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(&uri, flags).map_err(|e| not_a_library(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(|e| not_a_library(path, e))?;
    harden(&conn).map_err(|e| not_a_library(path, e))?;
    conn.pragma_update(None, "foreign_keys", "ON").map_err(|e| not_a_library(path, e))?;
    check_identity(&conn, path, false)?;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(|e| not_a_library(path, e))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_owned(), found, supported: SCHEMA_VERSION });
    }
    if found < SCHEMA_VERSION {
        return Err(Error::ReadOnly(path.parent().unwrap_or(path).to_owned()));
    }
    check_schema(&conn)?;
    Ok(conn)
}

/// `path` as the path part of a SQLite URI: everything but unreserved
/// characters and `/` percent-encoded.
pub(crate) fn uri_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
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
    let app_id: i64 = retry_busy(|| conn.query_row("PRAGMA application_id", [], |r| r.get(0)))
        .map_err(|e| not_a_library(path, e))?;
    if app_id == APPLICATION_ID {
        return Ok(());
    }
    if app_id != 0 {
        return Err(Error::NotALibrary {
            path: path.to_owned(),
            reason: Message::ForeignDatabase { app_id: format!("{app_id:#x}") },
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
            reason: Message::NotDossierLibrary {},
        });
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

pub(crate) fn not_a_library(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotALibrary {
            path: path.to_owned(),
            // The library adds which backup to restore.
            reason: Message::NotSqlite { advice: None },
        },
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => Error::Damaged {
            detail: e.to_string(),
            advice: Message::RestoreAdvice { database: DATABASE_FILE.into(), latest_backup: None },
        },
        _ => Error::from(e),
    }
}

#[cfg(test)]
mod tests {
    use crate::Library;

    /// A library holding the sample, in a folder removed with the guard.
    fn sample() -> (tempfile::TempDir, Library) {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::init(&dir.path().join("lib")).unwrap();
        lib.load_sample(crate::sample::WRITTEN_ON).unwrap();
        (dir, lib)
    }

    #[test]
    fn a_cached_statement_is_not_prepared_again_for_new_values() {
        use rusqlite::StatementStatus;
        let (_dir, lib) = sample();
        let conn = lib.conn().unwrap();
        // The statement a search runs for each hit, with each paper's key.
        let papers: Vec<(i64, i64)> = conn
            .prepare("SELECT paper_id, number FROM paper_versions")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(papers.len() > 3, "the sample has papers to read");
        for (id, number) in &papers {
            crate::search::documents::shown(conn, crate::vocab::SearchKind::Paper, *id, Some(*number)).unwrap().expect("shown");
        }
        let sql = crate::search::documents::SHOWN_PAPER_SQL;
        let stmt = conn.prepare_cached(sql).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0, "prepared once for {} papers", papers.len());
        assert!(stmt.get_status(StatementStatus::VmStep) > 0, "the cached statement is the one that ran");
    }

    #[test]
    fn attack_insert_or_replace_cannot_rewrite_a_version() {
        let (_dir, lib) = sample();
        let conn = lib.conn().unwrap();
        let (id, body): (i64, String) =
            conn.query_row("SELECT id, body FROM paper_versions ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        conn.execute_batch(&format!(
            "CREATE TEMP TABLE forged AS SELECT * FROM paper_versions WHERE id = {id}; UPDATE forged SET body = 'forged';"
        ))
        .unwrap();
        // A replace deletes the row it conflicts with: the delete trigger
        // that keeps versions permanent must fire, not be skipped.
        let err = conn.execute("INSERT OR REPLACE INTO paper_versions SELECT * FROM forged", []).unwrap_err();
        assert!(err.to_string().contains("permanent"), "{err}");
        let now: String = conn.query_row("SELECT body FROM paper_versions WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        assert_eq!(now, body, "the version is as it was written");
    }

    #[test]
    fn attack_the_schema_may_not_call_functions_with_side_effects() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::init(&dir.path().join("lib")).unwrap();
        let conn = lib.conn().unwrap();
        // A hostile file's view or trigger could call a function that is not
        // innocuous; with `trusted_schema` off, SQLite refuses to.
        let trusted: bool = conn.query_row("PRAGMA trusted_schema", [], |r| r.get(0)).unwrap();
        assert!(!trusted, "trusted_schema is off on every connection");
        let err = conn.execute_batch("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = '' WHERE 0").unwrap_err();
        assert!(!err.to_string().is_empty(), "defensive mode refuses writing the schema as data");
    }
}
