//! The library folder's layout: the names of what a library folder holds.
//!
//! Architecture invariant: a leaf. It imports nothing from the crate, so the
//! error type, the store and the backup code can all name these files
//! without depending on [`crate::library`].

/// The database file inside a library folder: the one source of truth.
pub const DATABASE_FILE: &str = "library.sqlite";

/// The folder of the search index, derived from the database.
pub const INDEX_DIR: &str = "index";

/// The folder of the automatic backups (before migrations, daily).
pub const BACKUPS_DIR: &str = "backups";
