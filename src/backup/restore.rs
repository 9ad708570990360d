//! Turning a backup file back into a library, in a folder of its own.
//!
//! Promises: the file is checked completely before anything is written (it
//! is SQLite, it is Dossier's, it passes `PRAGMA integrity_check`, its
//! schema is not newer than this build's); a folder that already holds a
//! library is refused; nothing is written beside the backup file; the
//! database is copied (by SQLite, so a WAL beside it counts) under a temporary name and
//! renamed, and an older schema is migrated by the ordinary open. If any
//! step fails, what it wrote is removed.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::{Library, DATABASE_FILE};

use super::BackupInfo;

/// What a restore did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct RestoreReport {
    /// The library folder written.
    pub library: PathBuf,
    /// The backup as checked before restoring.
    pub backup: BackupInfo,
    /// The schema the library has now (newer than the backup's when it was
    /// migrated on the way).
    pub schema_version: i64,
}

impl Library {
    /// Checks the backup `file`, then makes a library of it in `to`, which
    /// must not hold a library already. Returns the opened library.
    pub fn restore(file: &Path, to: &Path) -> Result<(Library, RestoreReport)> {
        let (source, backup) = super::open_checked(file)?;
        check_destination(to)?;

        let created_dir = !to.exists();
        let had_backups = to.join(super::BACKUPS_DIR).exists();
        std::fs::create_dir_all(to).map_err(|e| Error::io(to, e))?;
        let db = to.join(DATABASE_FILE);
        let result = (|| -> Result<Library> {
            if created_dir {
                crate::files::make_private(to)?;
            }
            let tmp = crate::files::temp_path_beside(&db)?;
            // Copied by SQLite, not byte for byte, so pages still in a WAL
            // beside the file come along and the copy is one consistent file.
            let tmp_text = tmp
                .to_str()
                .ok_or_else(|| Error::invalid(Message::FolderNameNotUnicode {}))?
                .to_owned();
            source.execute("VACUUM INTO ?1", [&tmp_text])?;
            std::fs::File::open(&tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| Error::io(&tmp, e))?;
            // Check what was written, not only what was read.
            super::verify(&tmp)?;
            crate::files::persist(tmp, &db)?;
            Library::open(to)
        })();
        match result {
            Ok(lib) => {
                let schema_version = crate::SCHEMA_VERSION;
                let report = RestoreReport { library: to.to_owned(), backup, schema_version };
                tracing::info!(to = %report.library.display(), schema = report.schema_version, "restored a backup");
                Ok((lib, report))
            }
            Err(e) => {
                // Leave the destination as it was found (the temporary
                // copy went when it was dropped).
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(to.join(format!("{DATABASE_FILE}{suffix}")));
                }
                if !had_backups {
                    let _ = std::fs::remove_dir_all(to.join(super::BACKUPS_DIR));
                }
                if created_dir {
                    let _ = std::fs::remove_dir(to);
                }
                Err(e)
            }
        }
    }
}

/// Refuses a destination that is a file or already holds a library.
fn check_destination(to: &Path) -> Result<()> {
    if to.as_os_str().is_empty() {
        return Err(Error::invalid(Message::RestoreNoFolder {}));
    }
    if to.is_file() {
        return Err(Error::invalid(Message::RestoreIntoFile { path: to.display().to_string() }));
    }
    for suffix in ["", "-wal"] {
        if to.join(format!("{DATABASE_FILE}{suffix}")).exists() {
            return Err(Error::conflict(Message::RestoreTargetHasLibrary { path: to.display().to_string() }));
        }
    }
    Ok(())
}
