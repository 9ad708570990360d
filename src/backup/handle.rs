//! The backup methods of a [`Library`]: a backup made by hand, the list of
//! automatic ones, and the daily one. The file work itself is in the
//! parent module and [`super::automatic`], below the library.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::automatic::{daily_path, latest_in, list_in, write_daily, AutomaticBackup, BACKUPS_DIR};
use super::{write_copy, BackupInfo};
use crate::dates;
use crate::error::Result;
use crate::files::{check_target, Target};
use crate::library::Library;

impl Library {
    /// Writes a backup of the whole database to `to` and returns what it
    /// holds. `to` is replaced only once the new backup has been checked.
    pub fn backup(&self, to: &Path) -> Result<BackupInfo> {
        let target = check_target(to, Target::Backup)?;
        let info = write_copy(self.conn()?, &target)?;
        tracing::info!(bytes = info.bytes, papers = info.papers, versions = info.versions, "wrote a backup");
        Ok(info)
    }

    /// The newest automatic backup of the library in `root`, when the
    /// library itself cannot be opened.
    pub fn latest_backup_in(root: &Path) -> Option<PathBuf> {
        latest_in(root)
    }

    /// The folder of this library's automatic backups.
    pub fn backups_dir(&self) -> PathBuf {
        self.root().join(BACKUPS_DIR)
    }

    /// This library's automatic backups, newest first.
    pub fn automatic_backups(&self) -> Vec<AutomaticBackup> {
        list_in(self.root())
    }

    /// The newest automatic backup, to point a user to when the database is
    /// damaged.
    pub fn latest_backup(&self) -> Option<PathBuf> {
        latest_in(self.root())
    }

    /// Whether today (UTC) has no daily backup yet. One file lookup: cheap
    /// enough to ask on every open.
    pub fn daily_backup_due(&self) -> bool {
        !daily_path(self.root(), dates::now().date_naive()).exists()
    }

    /// Makes the daily backup for `now`'s day unless it exists, and deletes
    /// daily backups beyond the newest [`DAILY_KEPT`]. Returns the file
    /// written, or `None` when the day already had one.
    pub fn daily_backup(&self, now: DateTime<Utc>) -> Result<Option<PathBuf>> {
        let target = daily_path(self.root(), now.date_naive());
        if target.exists() {
            return Ok(None);
        }
        let written = write_daily(self.conn()?, self.root(), &target)?;
        tracing::info!("wrote the daily backup");
        Ok(written)
    }
}

