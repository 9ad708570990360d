//! The one error type of the core library.
//!
//! Every fallible function in `dossier` returns [`Result`]. Each variant maps
//! to a stable [`Error::code`] so that the command line and the desktop shell
//! can branch on a code, never on a message. Messages name the thing that is
//! wrong and, where there is one, what to do about it.

use std::path::PathBuf;

use crate::layout::DATABASE_FILE;

/// Everything that can go wrong in the core library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A record asked for by id does not exist (`what` is e.g. "paper").
    #[error("{what} {id} does not exist")]
    NotFound { what: &'static str, id: String },

    /// Input was refused: a malformed date, an empty file, an unknown
    /// language, a file that is not UTF-8. The message says which and why.
    #[error("{0}")]
    Invalid(String),

    /// The request is well formed but clashes with the library's state:
    /// publishing a version already in force, saving unchanged text,
    /// creating a library where one exists.
    #[error("{0}")]
    Conflict(String),

    /// The folder holds no library (yet).
    #[error("no library at {}: run `dossier init` (or `dossier sample`) to create one", .0.display())]
    NoLibrary(PathBuf),

    /// The library was written by a newer Dossier whose schema this version
    /// does not know; opening it could damage it.
    #[error("the library at {} has schema version {found}, but this Dossier understands up to version {supported}: install a newer Dossier to open it", path.display())]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The file at the library path is not a Dossier database.
    #[error("{} is not a Dossier library database: {reason}", path.display())]
    NotALibrary { path: PathBuf, reason: String },

    /// A file system operation failed; `path` says on what.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A backup could not be written, or a file offered for restoring is
    /// not one Dossier can restore. `reason` says why and what was left.
    #[error("backup {}: {reason}", path.display())]
    Backup { path: PathBuf, reason: String },

    /// The library folder was moved or deleted while this handle had it
    /// open; nothing more is read from or written to the file left behind.
    #[error("the library folder {} was moved or deleted while it was open; nothing was saved: open the library again where it is now", .0.display())]
    Vanished(PathBuf),

    /// The library can only be read: its folder or database file is
    /// write-protected, or it is on read-only media.
    #[error("the library at {} is read-only; changes cannot be saved: copy it to a folder you can write to, or make it writable", .0.display())]
    ReadOnly(PathBuf),

    /// The disk holding the library (or the file being written) is full.
    /// The write was rolled back or the file removed.
    #[error("the disk is full: {0}; nothing was saved. Free some space and try again")]
    DiskFull(String),

    /// SQLite found the database file damaged. `advice` says how to get the
    /// library back (see [`crate::library::restore_advice`]).
    #[error("the library's database is damaged ({detail}); {advice}")]
    Damaged { detail: String, advice: String },

    /// The search index could not be read or written. It is derived data:
    /// the next search (or `dossier reindex`) rebuilds it from the database.
    #[error("search index: {0}")]
    Index(String),

    /// The user cancelled a long job (an import, an export); what it had
    /// finished stays, nothing half-done is left.
    #[error("cancelled; nothing more was done")]
    Cancelled,

    /// SQLite reported an error the core did not expect.
    #[error("database error: {0}")]
    Sqlite(#[source] rusqlite::Error),
}

impl From<rusqlite::Error> for Error {
    /// Names the SQLite failures a user can act on: a full disk, a damaged
    /// file, a read-only file; the rest stay database errors.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull("the library's database could not grow".into()),
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged {
                detail: e.to_string(),
                advice: format!("restore {DATABASE_FILE} from a backup"),
            },
            Some(C::ReadOnly) => Error::ReadOnly(PathBuf::from(DATABASE_FILE)),
            _ => Error::Sqlite(e),
        }
    }
}

/// `ENOSPC`, "no space left on device", on Linux and macOS.
const ENOSPC: i32 = 28;

/// True when an I/O error means the disk is full.
pub(crate) fn io_is_disk_full(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(ENOSPC) || e.kind() == std::io::ErrorKind::StorageFull
}

impl Error {
    /// A short stable code for the kind of error, e.g. `not_found`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Invalid(_) => "invalid",
            Error::Conflict(_) => "conflict",
            Error::NoLibrary(_) => "no_library",
            Error::TooNew { .. } => "too_new",
            Error::NotALibrary { .. } => "not_a_library",
            Error::Io { .. } => "io",
            Error::Backup { .. } => "backup",
            Error::Vanished(_) => "no_library",
            Error::ReadOnly(_) => "read_only",
            Error::DiskFull(_) => "disk_full",
            Error::Damaged { .. } => "damaged",
            Error::Index(_) => "index",
            Error::Cancelled => "cancelled",
            Error::Sqlite(_) => "database",
        }
    }

    pub(crate) fn not_found(what: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::Invalid(message.into())
    }

    /// A word that is not in its closed list (see [`crate::vocab`]).
    pub(crate) fn unknown_word(what: &str, word: &str, choices: &[&str]) -> Self {
        let list = match choices.split_last() {
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        Error::Invalid(format!("unknown {what} `{word}`: use {list}"))
    }

    pub(crate) fn conflict(message: impl Into<String>) -> Self {
        Error::Conflict(message.into())
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if io_is_disk_full(&source) {
            return Error::DiskFull(format!("cannot write to {}", path.display()));
        }
        Error::Io { path, source }
    }
}

/// The result type of the core library.
pub type Result<T, E = Error> = std::result::Result<T, E>;
