//! The public copy: a library volunteers open read-only, holding only what
//! the organisation has published.
//!
//! What it keeps: papers with at least one published version, and only
//! their published versions (with the publication log and tags); campaigns'
//! title, dates, summary, outcome and tags, and their links to kept papers;
//! the organisation's name. Everything else is gone: drafts, imported
//! original files, engagements and their notes, office holders, packets and
//! their exports, other settings, and this device's own tables.
//!
//! It is made from a `VACUUM INTO` copy in a staging folder beside the
//! target: the copy's triggers are dropped while what is not public is
//! deleted (it is a new library, not this one) and made again, then `VACUUM`
//! rewrites the file so no freed page keeps a deleted byte. The copy is checked, its search index
//! built, and only then does it replace the previous public copy.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::layout::{DATABASE_FILE, INDEX_DIR};
use crate::library::Library;
use crate::message::Message;

/// What a public copy holds.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct PublicCopy {
    pub path: String,
    pub papers: i64,
    pub versions: i64,
    pub campaigns: i64,
    pub bytes: u64,
}

/// Empties everything that is not public, in the copy `conn`.
const SCRUB: &str = "
    PRAGMA foreign_keys = OFF;
    PRAGMA journal_mode = DELETE;
    BEGIN;
    DELETE FROM packet_export_versions;
    DELETE FROM packet_exports;
    DELETE FROM packet_items;
    DELETE FROM packets;
    DELETE FROM engagement_subjects;
    DELETE FROM engagement_papers;
    DELETE FROM engagement_officials;
    DELETE FROM engagements;
    DELETE FROM official_roles;
    DELETE FROM officials;
    DELETE FROM version_sources;
    DELETE FROM originals;
    DELETE FROM paper_versions WHERE id NOT IN (SELECT version_id FROM publications);
    DELETE FROM publications WHERE version_id NOT IN (SELECT id FROM paper_versions);
    DELETE FROM papers WHERE id NOT IN (SELECT paper_id FROM paper_versions);
    UPDATE papers SET translation_id = NULL WHERE translation_id NOT IN (SELECT id FROM papers);
    UPDATE papers SET status = 'published' WHERE status = 'draft';
    UPDATE paper_versions SET parent_id = NULL WHERE parent_id NOT IN (SELECT id FROM paper_versions);
    UPDATE paper_versions SET settles = '', restored_from = NULL;
    DELETE FROM paper_tags WHERE paper_id NOT IN (SELECT id FROM papers);
    UPDATE campaigns SET description = '';
    DELETE FROM campaign_papers WHERE paper_id NOT IN (SELECT id FROM papers);
    DELETE FROM settings WHERE key <> 'organisation';
    DELETE FROM search_outbox;
    DELETE FROM sync_outbox;
    DELETE FROM sync_pending_files;
    DELETE FROM sync_applied;
    DELETE FROM sync_clocks;
    DELETE FROM sync_conflicts;
    DELETE FROM sync_quarantine;
    DELETE FROM sync_ids;
    UPDATE sync_device SET device = '0000000000000000', name = '', person = '', slot = 0, step = 1, team = NULL,
           folder = NULL, clock = '', next_file = 1, last_sync = NULL, last_error = NULL, public = 1;
    COMMIT;
    PRAGMA foreign_keys = ON;
";

impl Library {
    /// Whether this library is a public copy (always opened read-only).
    pub fn is_public_copy(&self) -> Result<bool> {
        Ok(self.conn()?.query_row("SELECT public FROM sync_device WHERE id = 1", [], |r| r.get(0))?)
    }

    /// Writes or refreshes the public copy in folder `dir`.
    pub fn public_copy(&mut self, dir: &Path) -> Result<PublicCopy> {
        if dir.is_file() {
            return Err(Error::invalid(Message::LibraryPathIsFile { path: dir.display().to_string() }));
        }
        if dir.join(DATABASE_FILE).is_file() && !is_public(&dir.join(DATABASE_FILE)) {
            return Err(Error::conflict(Message::PublicCopyOverLibrary { path: dir.display().to_string() }));
        }
        if same_folder(dir, self.root()) {
            return Err(Error::conflict(Message::PublicCopyOverLibrary { path: dir.display().to_string() }));
        }
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let staging = dir.join(format!(".public-copy-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        let made = self.stage_public_copy(&staging);
        let report = match made {
            Ok(report) => report,
            Err(e) => {
                let _ = fs::remove_dir_all(&staging);
                return Err(e);
            }
        };
        // Replace the old copy: the database first (one rename), then the index.
        let db = dir.join(DATABASE_FILE);
        fs::rename(staging.join(DATABASE_FILE), &db).map_err(|e| Error::io(&db, e))?;
        let index = dir.join(INDEX_DIR);
        let old = dir.join(format!(".old-index-{}", std::process::id()));
        if index.exists() {
            fs::rename(&index, &old).map_err(|e| Error::io(&index, e))?;
        }
        if staging.join(INDEX_DIR).exists() {
            fs::rename(staging.join(INDEX_DIR), &index).map_err(|e| Error::io(&index, e))?;
        }
        let _ = fs::remove_dir_all(&old);
        let _ = fs::remove_dir_all(&staging);
        tracing::info!(papers = report.papers, versions = report.versions, bytes = report.bytes, "wrote a public copy");
        Ok(PublicCopy { path: dir.display().to_string(), ..report })
    }

    fn stage_public_copy(&mut self, staging: &Path) -> Result<PublicCopy> {
        let db = staging.join(DATABASE_FILE);
        self.conn()?.execute("VACUUM INTO ?1", [db.display().to_string()])?;
        {
            let copy = Connection::open(&db)?;
            let mut stmt = copy.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
            let triggers: Vec<(String, String)> =
                stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
            drop(stmt);
            for (t, _) in &triggers {
                copy.execute_batch(&format!("DROP TRIGGER \"{t}\""))?;
            }
            copy.execute_batch(SCRUB)?;
            // Made again as they were: the copy is a library whose schema is
            // exactly Dossier's, which is what opening one checks.
            for (_, sql) in &triggers {
                copy.execute_batch(sql)?;
            }
            copy.execute_batch("VACUUM")?;
            let problems: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
            let orphans: i64 = copy.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
            if problems != "ok" || orphans > 0 {
                return Err(Error::invalid(Message::IntegrityFailed { problems: format!("{problems}; {orphans} broken links") }));
            }
        }
        // Index it as a library of its own, before anyone can open it.
        let mut copy = Library::open_for_public_copy(staging)?;
        copy.reindex()?;
        let conn = copy.conn()?;
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let report = PublicCopy {
            path: String::new(),
            papers: count("SELECT count(*) FROM papers")?,
            versions: count("SELECT count(*) FROM paper_versions")?,
            campaigns: count("SELECT count(*) FROM campaigns")?,
            bytes: fs::metadata(&db).map(|m| m.len()).unwrap_or(0),
        };
        Ok(report)
    }
}

/// Whether the database at `path` is a public copy.
fn is_public(path: &Path) -> bool {
    Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| c.query_row("SELECT public FROM sync_device WHERE id = 1", [], |r| r.get::<_, bool>(0)))
        .unwrap_or(false)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> PathBuf { p.canonicalize().unwrap_or_else(|_| p.to_owned()) };
    canon(a) == canon(b)
}
