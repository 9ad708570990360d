//! A library: one folder holding the database and, later, derived data.
//!
//! [`Library`] is the handle every operation goes through. It owns the one
//! SQLite connection of this handle, and runs each write in an immediate
//! transaction so that a write either happens whole or not at all. A library
//! that cannot be written (read-only media, a write-protected file) opens
//! read-only: reads work and every write is refused with
//! [`Error::ReadOnly`]. Every operation first checks that the database file
//! it opened is still where it was, so a folder moved or deleted while open
//! gives [`Error::Vanished`] instead of writes into a file nobody can see.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::store;
use crate::sync::capture;

pub use crate::layout::DATABASE_FILE;

/// The largest file `paper add` and friends read unless told otherwise.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// What a library holds, in numbers.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct LibrarySummary {
    pub path: PathBuf,
    pub papers: i64,
    pub campaigns: i64,
    pub officials: i64,
    pub engagements: i64,
}

/// Refuses a library folder, or a database file in it, that is a symbolic
/// link: a library is opened where it really is, so a link planted in a
/// shared folder cannot point Dossier's writes somewhere else. (Folders
/// above it may be links: only the library's own names are checked.)
fn refuse_links(root: &Path) -> Result<()> {
    for path in [root.to_owned(), root.join(DATABASE_FILE)] {
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::invalid(Message::LibraryIsLink { path: path.display().to_string() }));
        }
    }
    Ok(())
}

/// An open library.
pub struct Library {
    root: PathBuf,
    conn: Connection,
    read_only: bool,
    /// The database file as opened (device and inode on Unix).
    identity: Option<FileIdentity>,
    max_file_bytes: u64,
    /// The search index, opened on first search (see [`crate::search`]).
    search: Option<crate::search::index::SearchHandle>,
    /// Searches on this handle are waited on by someone typing: they never
    /// wait for another handle's index writer (see
    /// [`crate::search::index::SearchIndex::sync_with`]).
    interactive_search: bool,
}

impl Library {
    /// The library used when none is named: the OS data directory, e.g.
    /// `~/.local/share/dossier` on Linux.
    pub fn default_root() -> Result<PathBuf> {
        directories::ProjectDirs::from("", "", "dossier")
            .map(|dirs| dirs.data_dir().to_owned())
            .ok_or_else(|| {
                Error::invalid(Message::NoHomeFolder {})
            })
    }

    /// Creates a new, empty library in `root` (created if missing). Refuses a
    /// folder that already holds a library.
    pub fn init(root: &Path) -> Result<Self> {
        if root.is_file() {
            return Err(Error::invalid(Message::LibraryPathIsFile { path: root.display().to_string() }));
        }
        refuse_links(root)?;
        let db = root.join(DATABASE_FILE);
        if db.exists() {
            return Err(Error::conflict(Message::LibraryExists { path: root.display().to_string() }));
        }
        if !root.exists() {
            std::fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
            crate::files::make_private(root)?;
        }
        let opened = store::open(&db, true, &|_, _| Ok(()))?;
        tracing::info!(folder = %root.display(), "created a library");
        Ok(Self::with(root, opened))
    }

    /// Opens the library in `root`, migrating its schema if it is older.
    pub fn open(root: &Path) -> Result<Self> {
        refuse_links(root)?;
        let db = root.join(DATABASE_FILE);
        if !db.is_file() {
            return Err(Error::NoLibrary(root.to_owned()));
        }
        let opened = store::open(&db, false, &|conn, from| {
            tracing::info!(from, to = store::SCHEMA_VERSION, "migrating the library's schema");
            crate::backup::automatic::before_migration(conn, &db, from, store::SCHEMA_VERSION).map(|_| ())
        })
        .map_err(|e| with_advice(e, root))?;
        let lib = Self::with(root, opened);
        tracing::info!(folder = %root.display(), read_only = lib.read_only, "opened a library");
        Ok(lib)
    }

    /// Opens a public copy being made, writable so its index can be built.
    pub(crate) fn open_for_public_copy(root: &Path) -> Result<Self> {
        let mut lib = Self::open(root)?;
        lib.read_only = false;
        Ok(lib)
    }

    fn with(root: &Path, opened: store::Opened) -> Self {
        let identity = FileIdentity::of(&root.join(DATABASE_FILE));
        // A public copy is for reading only, whoever opens it.
        let public = opened
            .conn
            .query_row("SELECT public FROM sync_device WHERE id = 1", [], |r| r.get::<_, bool>(0))
            .unwrap_or(false);
        Library {
            root: root.to_owned(),
            read_only: opened.read_only || public,
            conn: opened.conn,
            identity,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            search: None,
            interactive_search: false,
        }
    }

    /// True when the library could only be opened for reading: every write
    /// is refused with [`Error::ReadOnly`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Fails with [`Error::Vanished`] when the database file this handle
    /// opened is no longer at its path (the folder was moved or deleted).
    pub fn ensure_present(&self) -> Result<()> {
        let now = FileIdentity::of(&self.database_path());
        if now.is_none() || now != self.identity {
            return Err(Error::Vanished(self.root.clone()));
        }
        Ok(())
    }

    /// Fails unless this handle can write: the library is still there and
    /// not read-only.
    pub(crate) fn ensure_writable(&self) -> Result<()> {
        self.ensure_present()?;
        if self.read_only {
            return Err(Error::ReadOnly(self.root.clone()));
        }
        Ok(())
    }

    /// The library folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The database file.
    pub fn database_path(&self) -> PathBuf {
        self.root.join(DATABASE_FILE)
    }

    /// Makes this handle's searches interactive: answered at once from the
    /// index as it stands when a long job holds the index writer or has
    /// left hundreds of changes for it (the job catches up at its end). For
    /// the app's window, whose long jobs run on handles of their own.
    pub fn set_interactive_search(&mut self, on: bool) {
        self.interactive_search = on;
    }

    pub(crate) fn interactive_search(&self) -> bool {
        self.interactive_search
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
        Ok(self.conn()?.query_row(
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

    /// The schema version of the library's database (`PRAGMA user_version`):
    /// [`crate::SCHEMA_VERSION`] once opened for writing, maybe older when
    /// opened read-only.
    pub fn schema_version(&self) -> Result<u32> {
        let found: i64 = self.conn()?.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        Ok(u32::try_from(found).unwrap_or(0))
    }

    /// True when the library holds no papers, campaigns, officials or
    /// engagements.
    pub fn is_empty(&self) -> Result<bool> {
        let s = self.summary()?;
        Ok(s.papers + s.campaigns + s.officials + s.engagements == 0)
    }

    /// Runs SQLite's quick structural check (pages, cells, free list; not
    /// indexes against tables) and returns the problems it found. Linear in
    /// the file's size: the app runs it in the background after opening a
    /// library.
    pub fn quick_check(&self) -> Result<Vec<String>> {
        self.check_with("PRAGMA quick_check")
    }

    /// Runs SQLite's own integrity check and returns the problems it found
    /// (none when the database is sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        self.check_with("PRAGMA integrity_check")
    }

    fn check_with(&self, pragma: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn()?.prepare(pragma)?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        let problems: Vec<String> = rows
            .collect::<rusqlite::Result<_>>()?;
        Ok(problems.into_iter().filter(|p| p != "ok").collect())
    }

    /// The connection, for reads, once the library is known to be still
    /// where it was opened.
    pub(crate) fn conn(&self) -> Result<&Connection> {
        self.ensure_present()?;
        Ok(&self.conn)
    }

    /// What the search module needs at once: the folder, the connection and
    /// the search handle slot.
    pub(crate) fn search_parts(&mut self) -> (PathBuf, &Connection, &mut Option<crate::search::index::SearchHandle>) {
        (self.root.clone(), &self.conn, &mut self.search)
    }

    /// Runs `f` in one immediate transaction (a savepoint inside
    /// [`Library::atomically`]): all of its writes land, or none. In a team,
    /// what `f` changed is recorded for the other devices in the same
    /// transaction ([`crate::sync::capture`]).
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.transaction(true, f)
    }

    /// Like [`Library::write`], but not recorded for the team: applying
    /// other devices' changes, and this device's own sync bookkeeping.
    pub(crate) fn write_unrecorded<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        self.transaction(false, f)
    }

    fn transaction<T>(&mut self, record: bool, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let run = |conn: &Connection| if record { recorded(conn, f) } else { f(conn) };
        self.ensure_writable()?;
        if self.conn.is_autocommit() {
            store::retry_busy(|| self.conn.execute_batch("BEGIN IMMEDIATE"))?;
            let done = run(&self.conn).and_then(|value| {
                self.conn.execute_batch("COMMIT")?;
                Ok(value)
            });
            if done.is_err() && !self.conn.is_autocommit() {
                // A failed statement or commit (a full disk) leaves nothing.
                let _ = self.conn.execute_batch("ROLLBACK");
            }
            done
        } else {
            let sp = self.conn.savepoint()?;
            let value = run(&sp)?;
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
        self.ensure_writable()?;
        store::retry_busy(|| self.conn.execute_batch("BEGIN IMMEDIATE"))?;
        let done = f(self).and_then(|value| {
            self.conn.execute_batch("COMMIT")?;
            Ok(value)
        });
        if done.is_err() && !self.conn.is_autocommit() {
            // The rollback can only fail if the transaction already ended.
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        done
    }
}

/// Runs `f` on `conn` under a session recording the shared tables when the
/// library is in a team, and stores what it recorded.
fn recorded<T>(conn: &Connection, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    let session = capture::start(conn)?;
    let value = f(conn)?;
    if let Some(session) = session {
        capture::finish(conn, session)?;
    }
    Ok(value)
}

pub use crate::backup::automatic::restore_advice;

/// A damaged or foreign database file, with the advice that names this
/// library's newest automatic backup.
fn with_advice(e: Error, root: &Path) -> Error {
    match e {
        Error::Damaged { detail, .. } => Error::Damaged { detail, advice: restore_advice(Some(root)) },
        Error::NotALibrary { path, reason: Message::NotSqlite { .. } } => Error::NotALibrary {
            path,
            reason: Message::NotSqlite { advice: Some(Box::new(restore_advice(Some(root)))) },
        },
        other => other,
    }
}

/// Which file a path names: device and inode on Unix, where a file moved or
/// deleted and recreated is told apart from the one opened; elsewhere, only
/// that a file is there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileIdentity(u64, u64);

impl FileIdentity {
    fn of(path: &Path) -> Option<FileIdentity> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileIdentity(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            Some(FileIdentity(0, 0))
        }
    }
}

