//! A library: one folder holding the database and, later, derived data.
//!
//! [`Library`] is the handle every operation goes through. It owns the one
//! SQLite connection of this handle, and runs each write in an immediate
//! transaction so that a write either happens whole or not at all.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};
use crate::store;

/// The database file inside a library folder.
pub const DATABASE_FILE: &str = "library.sqlite";

/// The largest file `paper add` and friends read unless told otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// What a library holds, in numbers.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LibrarySummary {
    pub path: PathBuf,
    pub papers: i64,
    pub campaigns: i64,
    pub officials: i64,
    pub engagements: i64,
}

/// An open library.
pub struct Library {
    root: PathBuf,
    conn: Connection,
    max_file_bytes: u64,
    /// The search index, opened on first search (see [`crate::search`]).
    search: Option<crate::search::SearchHandle>,
}

impl Library {
    /// The library used when none is named: the OS data directory, e.g.
    /// `~/.local/share/dossier` on Linux.
    pub fn default_root() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "dossier")
            .map(|dirs| dirs.data_dir().to_owned())
            .ok_or_else(|| {
                Error::invalid("cannot find a home folder for the default library: pass --library DIR")
            })
    }

    /// Creates a new, empty library in `root` (created if missing). Refuses a
    /// folder that already holds a library.
    pub fn init(root: &Path) -> Result<Self> {
        if root.is_file() {
            return Err(Error::invalid(format!(
                "{} is a file; a library is a folder",
                root.display()
            )));
        }
        let db = root.join(DATABASE_FILE);
        if db.exists() {
            return Err(Error::conflict(format!(
                "{} already holds a library; open it instead",
                root.display()
            )));
        }
        std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let conn = store::open(&db, true)?;
        Ok(Self::with(root, conn))
    }

    /// Opens the library in `root`, migrating its schema if it is older.
    pub fn open(root: &Path) -> Result<Self> {
        let db = root.join(DATABASE_FILE);
        if !db.is_file() {
            return Err(Error::NoLibrary(root.to_owned()));
        }
        let conn = store::open(&db, false).map_err(|e| point_to_backup(root, e))?;
        Ok(Self::with(root, conn))
    }

    /// The newest automatic backup of the library in `root`, when the
    /// library itself cannot be opened (see [`crate::backup::automatic`]).
    pub fn latest_backup_in(root: &Path) -> Option<PathBuf> {
        crate::backup::automatic::latest_in(root)
    }

    fn with(root: &Path, conn: Connection) -> Self {
        Library {
            root: root.to_owned(),
            conn,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            search: None,
        }
    }

    /// The library folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// The largest input file this handle accepts, in bytes.
    pub fn max_file_bytes(&self) -> u64 {
        self.max_file_bytes
    }

    /// Changes the largest input file this handle accepts.
    pub fn set_max_file_bytes(&mut self, bytes: u64) {
        self.max_file_bytes = bytes;
    }

    /// How many papers, campaigns, officials and engagements it holds.
    pub fn summary(&self) -> Result<LibrarySummary> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM campaigns),
                    (SELECT count(*) FROM officials), (SELECT count(*) FROM engagements)",
            [],
            |r| {
                Ok(LibrarySummary {
                    path: self.root.clone(),
                    papers: r.get(0)?,
                    campaigns: r.get(1)?,
                    officials: r.get(2)?,
                    engagements: r.get(3)?,
                })
            },
        )?)
    }

    /// True when the library holds no papers, campaigns, officials or
    /// engagements.
    pub fn is_empty(&self) -> Result<bool> {
        let s = self.summary()?;
        Ok(s.papers + s.campaigns + s.officials + s.engagements == 0)
    }

    /// Runs SQLite's own integrity check and returns the problems it found
    /// (none when the database is sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let problems: Vec<String> = rows
            .collect::<rusqlite::Result<_>>()?;
        Ok(problems.into_iter().filter(|p| p != "ok").collect())
    }

    /// The connection, for reads.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// What the search module needs at once: the folder, the connection and
    /// the search handle slot.
    pub(crate) fn search_parts(&mut self) -> (PathBuf, &Connection, &mut Option<crate::search::SearchHandle>) {
        (self.root.clone(), &self.conn, &mut self.search)
    }

    /// Runs `f` in one immediate transaction (a savepoint inside
    /// [`Library::atomically`]): all of its writes land, or none.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        if self.conn.is_autocommit() {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        } else {
            let sp = self.conn.savepoint()?;
            let value = f(&sp)?;
            sp.commit()?;
            Ok(value)
        }
    }

    /// Runs several operations as one transaction: when `f` fails, every
    /// write it made is rolled back and the library is as it was.
    pub fn atomically<T>(&mut self, f: impl FnOnce(&mut Library) -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f(self);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        match f(self) {
            Ok(value) => {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            }
            Err(e) => {
                // The rollback can only fail if the transaction already ended.
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}

/// Adds to a "damaged database" error where the newest automatic backup is
/// and how to restore it, so the user is not left with a dead end.
fn point_to_backup(root: &Path, e: Error) -> Error {
    match e {
        Error::NotALibrary { path, reason } if reason.contains("restore it from a backup") => {
            let reason = match crate::backup::automatic::latest_in(root) {
                Some(latest) => format!(
                    "{reason}: the newest automatic backup is {}; `dossier restore {} --to NEW_FOLDER` makes a library of it",
                    latest.display(),
                    latest.display()
                ),
                None => reason,
            };
            Error::NotALibrary { path, reason }
        }
        other => other,
    }
}
