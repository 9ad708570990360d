//! The backups a library makes by itself, in its `backups/` folder.
//!
//! Layout (see [`BACKUPS_DIR`]):
//!
//! ```text
//! <library>/backups/before-schema-2-20261127T071500Z.sqlite   before a migration, kept until deleted by hand
//! <library>/backups/daily-2026-11-27.sqlite                   the first write of each UTC day; the last 7 kept
//! ```
//!
//! Promises: an existing library is never migrated without a backup of it
//! as it was (if that backup fails, the migration does not run and the
//! library is left untouched); a daily backup is made at most once per UTC
//! day, checking whether it is due costs one file-system lookup, and only
//! the newest [`DAILY_KEPT`] daily backups are kept.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::layout::DATABASE_FILE;

/// The folder inside a library that holds its automatic backups.
pub use crate::layout::BACKUPS_DIR;

/// How many daily backups are kept; older ones are deleted.
pub const DAILY_KEPT: usize = 7;

const DAILY_PREFIX: &str = "daily-";
const BEFORE_PREFIX: &str = "before-schema-";
const SUFFIX: &str = ".sqlite";

/// Why an automatic backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The first write of a day.
    Daily,
    /// Just before the schema was upgraded.
    BeforeMigration,
}

/// An automatic backup found in the backups folder.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AutomaticBackup {
    pub path: PathBuf,
    pub kind: BackupKind,
    pub bytes: u64,
    /// When the file was written (UTC, from the file system).
    pub made_at: String,
}

/// The file name of the daily backup of `day`.
pub fn daily_name(day: NaiveDate) -> String {
    format!("{DAILY_PREFIX}{}{SUFFIX}", dates::format_date(day))
}

/// The file name of the backup made before migrating to schema `to` at `at`.
pub fn before_migration_name(to: i64, at: DateTime<Utc>) -> String {
    format!("{BEFORE_PREFIX}{to}-{}{SUFFIX}", at.format("%Y%m%dT%H%M%SZ"))
}

fn kind_of(name: &str) -> Option<BackupKind> {
    if !name.ends_with(SUFFIX) {
        return None;
    }
    if name.starts_with(DAILY_PREFIX) {
        Some(BackupKind::Daily)
    } else if name.starts_with(BEFORE_PREFIX) {
        Some(BackupKind::BeforeMigration)
    } else {
        None
    }
}

/// The automatic backups of the library in `root`, newest first. A missing
/// folder means none.
pub fn list_in(root: &Path) -> Vec<AutomaticBackup> {
    let Ok(entries) = std::fs::read_dir(root.join(BACKUPS_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<(std::time::SystemTime, AutomaticBackup)> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = kind_of(&name)?;
            let meta = entry.metadata().ok().filter(|m| m.is_file())?;
            let modified = meta.modified().ok()?;
            let made_at = dates::format_moment(DateTime::<Utc>::from(modified));
            Some((modified, AutomaticBackup { path: entry.path(), kind, bytes: meta.len(), made_at }))
        })
        .collect();
    // Newest first; on a tie (same second) the later name wins.
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.path.cmp(&a.1.path)));
    out.into_iter().map(|(_, b)| b).collect()
}

/// The newest automatic backup of the library in `root`, if any: usable
/// when the library itself cannot be opened.
pub fn latest_in(root: &Path) -> Option<PathBuf> {
    list_in(root).into_iter().next().map(|b| b.path)
}

/// What to tell a user whose library database is damaged: the one place
/// that finds it, naming the newest automatic backup when there is one.
pub fn restore_advice(root: Option<&Path>) -> Message {
    let Some(root) = root else {
        return Message::RestoreAdvice { database: DATABASE_FILE.into(), latest_backup: None };
    };
    Message::RestoreAdvice {
        database: root.join(DATABASE_FILE).display().to_string(),
        latest_backup: latest_in(root).map(|latest| latest.display().to_string()),
    }
}

/// Backs up the database at `db` before it is migrated from schema `from`;
/// called by the store inside `open`, before the migration's transaction.
pub(crate) fn before_migration(conn: &Connection, db: &Path, from: i64, to: i64) -> Result<PathBuf> {
    let dir = db.parent().unwrap_or(Path::new(".")).join(BACKUPS_DIR);
    let target = dir.join(before_migration_name(to, dates::now()));
    let why = |reason: Message| Error::Backup {
        path: target.clone(),
        reason: Message::MigrationBackupFailed { reason: Box::new(reason), from, to },
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        why(Message::CannotCreateFolder { path: dir.display().to_string(), detail: e.to_string() })
    })?;
    super::write_copy(conn, &target).map_err(|e| why(e.message()))?;
    Ok(target)
}

/// Deletes daily backups beyond the newest [`DAILY_KEPT`].
fn prune_daily(dir: &Path) -> Result<()> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| kind_of(n) == Some(BackupKind::Daily))
        .collect();
    // The date in the name sorts as text; newest first.
    names.sort_unstable_by(|a, b| b.cmp(a));
    for old in names.iter().skip(DAILY_KEPT) {
        let path = dir.join(old);
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

pub(crate) fn daily_path(root: &Path, day: NaiveDate) -> PathBuf {
    root.join(BACKUPS_DIR).join(daily_name(day))
}

pub(crate) fn write_daily(conn: &Connection, root: &Path, target: &Path) -> Result<Option<PathBuf>> {
    let dir = root.join(BACKUPS_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    super::write_copy(conn, target)?;
    prune_daily(&dir)?;
    Ok(Some(target.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_and_when_and_sort_by_date() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(daily_name(day), "daily-2026-11-27.sqlite");
        let at = dates::parse_moment("2026-11-27T07:15:00Z", "t").unwrap();
        assert_eq!(before_migration_name(2, at), "before-schema-2-20261127T071500Z.sqlite", "no colons: Windows refuses them");
        assert_eq!(kind_of("daily-2026-11-27.sqlite"), Some(BackupKind::Daily));
        assert_eq!(kind_of(".daily-2026-11-27.sqlite.12.part"), None, "a temporary file is not a backup");
        assert_eq!(kind_of("notes.txt"), None);
    }
}
