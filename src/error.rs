//! The one error type of the core library.
//!
//! Every fallible function in `dossier` returns [`Result`]. Each variant maps
//! to a stable [`Error::code`] so that the command line and the desktop shell
//! can branch on a code, never on a message's text. Every error is also a
//! [`Message`] ([`Error::message`]): a key with parameters that the command
//! line and the app each word in their own way; `Display` is its neutral
//! English. Messages name the thing that is wrong and, where there is one,
//! what to do about it.

use std::path::PathBuf;

use crate::layout::DATABASE_FILE;
use crate::message::{Message, Record, WordList};

/// Everything that can go wrong in the core library.
#[derive(Debug)]
pub enum Error {
    /// A record asked for by id does not exist; the message names it.
    NotFound(Message),

    /// Input was refused: a malformed date, an empty file, an unknown
    /// language, a file that is not UTF-8. The message says which and why.
    Invalid(Message),

    /// The request is well formed but clashes with the library's state:
    /// publishing a version already in force, saving unchanged text,
    /// creating a library where one exists.
    Conflict(Message),

    /// The folder holds no library (yet).
    NoLibrary(PathBuf),

    /// The library was written by a newer Dossier whose schema this version
    /// does not know; opening it could damage it.
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// The file at the library path is not a Dossier database; `reason`
    /// says what it is instead.
    NotALibrary { path: PathBuf, reason: Message },

    /// A file system operation failed; `path` says on what.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    /// A backup could not be written, or a file offered for restoring is
    /// not one Dossier can restore. `reason` says why and what was left.
    Backup { path: PathBuf, reason: Message },

    /// The library folder was moved or deleted while this handle had it
    /// open; nothing more is read from or written to the file left behind.
    Vanished(PathBuf),

    /// The library can only be read: its folder or database file is
    /// write-protected, or it is on read-only media.
    ReadOnly(PathBuf),

    /// The disk holding the library (or the file being written) is full;
    /// the message says what could not be written. The write was rolled
    /// back or the file removed.
    DiskFull(Message),

    /// SQLite found the database file damaged. `advice` says how to get the
    /// library back (see [`crate::library::restore_advice`]).
    Damaged { detail: String, advice: Message },

    /// The search index could not be read or written. It is derived data:
    /// the next search (or a reindex) rebuilds it from the database.
    Index(String),

    /// The user cancelled a long job (an import, an export); what it had
    /// finished stays, nothing half-done is left.
    Cancelled,

    /// The team library cannot sync: its folder is out of reach, or holds
    /// something this device cannot use. Nothing was lost; changes wait.
    Sync(Message),

    /// SQLite reported an error the core did not expect.
    Sqlite(rusqlite::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.message(), f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Sqlite(e) => Some(e),
            _ => None,
        }
    }
}

impl From<rusqlite::Error> for Error {
    /// Names the SQLite failures a user can act on: a full disk, a damaged
    /// file, a read-only file; the rest stay database errors.
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        match e.sqlite_error_code() {
            Some(C::DiskFull) => Error::DiskFull(Message::DatabaseCannotGrow {}),
            Some(C::DatabaseCorrupt | C::NotADatabase) => Error::Damaged {
                detail: e.to_string(),
                advice: Message::RestoreAdvice { database: DATABASE_FILE.into(), latest_backup: None },
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
        self.kind().as_str()
    }

    /// The kind of error, one of a closed list the faces branch on.
    pub fn kind(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::Invalid(_) => ErrorCode::Invalid,
            Error::Conflict(_) => ErrorCode::Conflict,
            Error::NoLibrary(_) | Error::Vanished(_) => ErrorCode::NoLibrary,
            Error::TooNew { .. } => ErrorCode::TooNew,
            Error::NotALibrary { .. } => ErrorCode::NotALibrary,
            Error::Io { .. } => ErrorCode::Io,
            Error::Backup { .. } => ErrorCode::Backup,
            Error::ReadOnly(_) => ErrorCode::ReadOnly,
            Error::DiskFull(_) => ErrorCode::DiskFull,
            Error::Damaged { .. } => ErrorCode::Damaged,
            Error::Index(_) => ErrorCode::Index,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::Sync(_) => ErrorCode::Sync,
            Error::Sqlite(_) => ErrorCode::Database,
        }
    }

    /// The error as a message: a key and its parameters, for whoever words
    /// it (the command line in English, the app in the interface language).
    pub fn message(&self) -> Message {
        let path = |p: &PathBuf| p.display().to_string();
        match self {
            Error::NotFound(m) | Error::Invalid(m) | Error::Conflict(m) | Error::Sync(m) => m.clone(),
            Error::NoLibrary(p) => Message::NoLibrary { path: path(p) },
            Error::TooNew { path: p, found, supported } => Message::TooNew { path: path(p), found: *found, supported: *supported },
            Error::NotALibrary { path: p, reason } => Message::NotALibrary { path: path(p), reason: Box::new(reason.clone()) },
            Error::Io { path: p, source } => Message::Io { path: path(p), detail: source.to_string() },
            Error::Backup { path: p, reason } => Message::Backup { path: path(p), reason: Box::new(reason.clone()) },
            Error::Vanished(p) => Message::Vanished { path: path(p) },
            Error::ReadOnly(p) => Message::ReadOnly { path: path(p) },
            Error::DiskFull(reason) => Message::DiskFull { reason: Box::new(reason.clone()) },
            Error::Damaged { detail, advice } => Message::Damaged { detail: detail.clone(), advice: Box::new(advice.clone()) },
            Error::Index(detail) => Message::Index { detail: detail.clone() },
            Error::Cancelled => Message::ExportCancelled {},
            Error::Sqlite(e) => Message::Database { detail: e.to_string() },
        }
    }

    pub(crate) fn not_found(what: Record, id: i64) -> Self {
        Error::NotFound(Message::NotFound { what, id })
    }

    pub(crate) fn invalid(message: Message) -> Self {
        Error::Invalid(message)
    }

    /// A word that is not in its closed list (see [`crate::vocab`]).
    pub(crate) fn unknown_word(list: WordList, word: &str, choices: &[&str]) -> Self {
        Error::Invalid(Message::UnknownWord {
            list,
            word: word.to_owned(),
            choices: choices.iter().map(|c| (*c).to_owned()).collect(),
        })
    }

    pub(crate) fn conflict(message: Message) -> Self {
        Error::Conflict(message)
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        if io_is_disk_full(&source) {
            return Error::DiskFull(Message::CannotWriteTo { path: path.display().to_string() });
        }
        Error::Io { path, source }
    }
}

/// The result type of the core library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The kinds of error, as the faces branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Invalid,
    Conflict,
    NoLibrary,
    TooNew,
    NotALibrary,
    Io,
    Backup,
    ReadOnly,
    DiskFull,
    Damaged,
    Index,
    Cancelled,
    Database,
    Sync,
    /// The app itself failed (a lock poisoned, a worker thread lost).
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Invalid => "invalid",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NoLibrary => "no_library",
            ErrorCode::TooNew => "too_new",
            ErrorCode::NotALibrary => "not_a_library",
            ErrorCode::Io => "io",
            ErrorCode::Backup => "backup",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::Damaged => "damaged",
            ErrorCode::Index => "index",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Database => "database",
            ErrorCode::Sync => "sync",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error as a face outside this process receives it (the desktop app's
/// IPC): `{ code, message, key, params }`. The face branches on `code`,
/// words `key` with its `params` in its own language, and falls back to
/// `message` (English) for a key it does not know.
#[derive(Debug, Clone, serde::Serialize, PartialEq, ts_rs::TS)]
#[ts(rename = "IpcError")]
pub struct ErrorReply {
    pub code: ErrorCode,
    /// The English wording, for a key the face cannot word.
    pub message: String,
    /// `key` and `params`.
    #[serde(flatten)]
    #[ts(flatten)]
    pub detail: Message,
}

impl ErrorReply {
    pub fn new(code: ErrorCode, detail: Message) -> Self {
        ErrorReply { code, message: detail.to_string(), detail }
    }

    /// No library is open yet (the first-run screen should be showing).
    pub fn no_library() -> Self {
        ErrorReply::new(ErrorCode::NoLibrary, Message::NoLibraryOpen {})
    }

    /// A lock was poisoned or a worker thread died: an earlier operation
    /// failed badly.
    pub fn internal() -> Self {
        ErrorReply::new(ErrorCode::Internal, Message::AppBroken {})
    }
}

impl From<Error> for ErrorReply {
    /// Also logs the error's code and key (never its parameters, which may
    /// hold a title): every error the app shows passes here.
    fn from(e: Error) -> Self {
        let detail = e.message();
        if matches!(e, Error::Cancelled) {
            tracing::info!("cancelled");
        } else {
            tracing::warn!(code = e.code(), key = %detail.key(), "failed");
        }
        ErrorReply::new(e.kind(), detail)
    }
}

impl From<crate::vocab::UnknownWord> for Error {
    fn from(u: crate::vocab::UnknownWord) -> Self {
        Error::unknown_word(u.list, &u.word, u.choices)
    }
}

impl From<crate::vocab::UnknownWord> for ErrorReply {
    fn from(u: crate::vocab::UnknownWord) -> Self {
        ErrorReply::from(Error::from(u))
    }
}
