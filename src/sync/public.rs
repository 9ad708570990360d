//! The public copy: a library volunteers open read-only, holding only what
//! the organisation has published.
//!
//! What it keeps: papers with at least one published version, and only
//! their published versions (with the publication log and tags), without
//! their change notes (a note such as "legal said ok" is an internal
//! comment); campaigns' title, dates, summary, outcome and tags, and their
//! links to kept papers; the organisation's name. Everything else is gone:
//! drafts, imported original files, engagements and their notes, office
//! holders, packets and their exports, other settings, and this device's own
//! tables.
//!
//! How it is made, and why there:
//! - **Built in private, beside the library.** The unscrubbed `VACUUM INTO`
//!   copy is made in a staging folder inside the library's own folder
//!   (`.public-copy-` and an unpredictable name, mode 0700; the database in
//!   it created empty, exclusively, mode 0600, before `VACUUM INTO` fills
//!   it). It never sits in the target folder: that is the volunteers'
//!   folder, often shared or synced by a cloud client that uploads any file
//!   whatever its mode, so even a 0700 subfolder there would leak. The
//!   library's folder already holds every byte of the copy, so building it
//!   there shows nobody anything new. Only when that folder cannot be
//!   written (read-only media) is the OS temporary folder used (a 0700
//!   folder too; a leftover there is the OS's to clear).
//! - **Scrubbed, vacuumed, checked, then indexed.** The copy's triggers are
//!   dropped while what is not public is deleted (it is a new library, not
//!   this one) and made again; `VACUUM` rewrites the file so no freed page
//!   keeps a deleted byte; `PRAGMA integrity_check`, the foreign keys and a
//!   check that every scrubbed table is empty must pass; its search index is
//!   built; the file is left in rollback-journal mode, self-contained.
//! - **Moved into place whole.** On the target's file system the finished
//!   files are renamed into the target: straight from the staging folder
//!   when both are on one file system, else first copied (already scrubbed:
//!   nothing there is private) into a `.public-copy-…` folder inside the
//!   target. The old index is moved out first (a public copy without an
//!   index is searched through one built in memory from its database), then
//!   the new database replaces the old one in one rename, then the new index
//!   goes in: at every moment the folder holds the old copy or the new one,
//!   never a database with another copy's index. Only once in place is the
//!   database made readable by others, as the owner's umask allows.
//! - **Leftovers removed.** A run killed part way leaves a `.public-copy-…`
//!   folder (in the library's folder, or in the target when copied across
//!   file systems; earlier versions of Dossier also left `.public-copy-PID`
//!   and `.old-index-PID` in the target). The next public copy removes each
//!   whose name and contents are those of a staging folder, and nothing
//!   else. Public copies of one library are made one at a time (a lock file,
//!   `.public-copy.lock`, in the library's folder), so a leftover is never a
//!   copy still being made.
//! - **Only its own files are replaced.** The target's `library.sqlite` must
//!   be an earlier public copy, and its `index` an earlier copy's search
//!   index (only the index's own files, beside a public copy): a library, a
//!   folder of the user's files or anything else under those names refuses
//!   the command before anything is written.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use tempfile::TempDir;
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

/// The start of a staging folder's name, in the library's folder or in the
/// target (earlier versions: `.public-copy-` and the process id).
pub const STAGING_PREFIX: &str = ".public-copy-";

/// Left in the target by earlier versions of Dossier, which moved the old
/// index aside under this name and the process id.
const LEGACY_OLD_INDEX_PREFIX: &str = ".old-index-";

/// The lock file, in the library's folder, that makes one library's public
/// copies one at a time.
pub const LOCK_FILE: &str = ".public-copy.lock";

/// Where, inside a staging folder, the target's old index waits to be
/// removed.
const OLD_INDEX: &str = "old-index";

/// The start of the name of the file [`make_shared`] creates for a moment.
const MODE_PROBE_PREFIX: &str = ".mode-";

/// The tables a public copy holds no row of.
const EMPTIED: &[&str] = &[
    "packet_export_versions",
    "packet_exports",
    "packet_items",
    "packets",
    "engagement_subjects",
    "engagement_papers",
    "engagement_officials",
    "engagements",
    "official_roles",
    "officials",
    "version_sources",
    "originals",
    "search_outbox",
    "sync_outbox",
    "sync_pending_files",
    "sync_applied",
    "sync_clocks",
    "sync_conflicts",
    "sync_quarantine",
    "sync_ids",
];

/// What is trimmed from the tables a public copy keeps, in the copy, after
/// the [`EMPTIED`] tables are emptied.
const SCRUB: &str = "
    DELETE FROM paper_versions WHERE id NOT IN (SELECT version_id FROM publications);
    DELETE FROM publications WHERE version_id NOT IN (SELECT id FROM paper_versions);
    DELETE FROM papers WHERE id NOT IN (SELECT paper_id FROM paper_versions);
    UPDATE papers SET translation_id = NULL WHERE translation_id NOT IN (SELECT id FROM papers);
    UPDATE papers SET status = 'published' WHERE status = 'draft';
    UPDATE paper_versions SET parent_id = NULL WHERE parent_id NOT IN (SELECT id FROM paper_versions);
    UPDATE paper_versions SET settles = '', restored_from = NULL, note = '';
    DELETE FROM paper_tags WHERE paper_id NOT IN (SELECT id FROM papers);
    UPDATE campaigns SET description = '';
    DELETE FROM campaign_papers WHERE paper_id NOT IN (SELECT id FROM papers);
    DELETE FROM settings WHERE key <> 'organisation';
    UPDATE sync_device SET device = '0000000000000000', name = '', person = '', slot = 0, step = 1, team = NULL,
           folder = NULL, clock = '', next_file = 1, last_sync = NULL, last_error = NULL, public = 1;
";

/// Rows of the kept tables that [`SCRUB`] leaves none of: zero in a sound
/// public copy.
const LEFT_PRIVATE: &str = "
    SELECT (SELECT count(*) FROM paper_versions
             WHERE note <> '' OR settles <> '' OR id NOT IN (SELECT version_id FROM publications))
         + (SELECT count(*) FROM papers WHERE status = 'draft')
         + (SELECT count(*) FROM campaigns WHERE description <> '')
         + (SELECT count(*) FROM settings WHERE key <> 'organisation')
         + (SELECT count(*) FROM sync_device WHERE public = 0)
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
        if same_folder(dir, self.root()) {
            return Err(Error::conflict(Message::PublicCopyOverLibrary { path: dir.display().to_string() }));
        }
        check_target(dir)?;
        // Held until the copy is in place; `None` when the library's folder
        // cannot be written (the copy is then built in the OS's folder).
        let lock = lock_library(self.root());
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if lock.is_some() {
            remove_leftovers(self.root());
        }
        remove_leftovers(dir);
        let build = match staging_in(self.root()) {
            Ok(staging) => staging,
            Err(_) => {
                let tmp = std::env::temp_dir();
                staging_in(&tmp).map_err(|e| Error::io(&tmp, e))?
            }
        };
        // Dropping a staging folder removes it, so a failure below leaves
        // nothing of the copy behind.
        let report = self.build_public_copy(build.path())?;
        let landing = if same_file_system(build.path(), dir) {
            build
        } else {
            let landing = staging_in(dir).map_err(|e| Error::io(dir, e))?;
            copy_finished(build.path(), landing.path())?;
            drop(build);
            landing
        };
        // The target may have changed while the copy was made.
        check_target(dir)?;
        move_into_place(landing.path(), dir)?;
        drop(landing);
        drop(lock);
        let bytes = fs::metadata(dir.join(DATABASE_FILE)).map(|m| m.len()).unwrap_or(report.bytes);
        tracing::info!(papers = report.papers, versions = report.versions, bytes, "wrote a public copy");
        Ok(PublicCopy { path: dir.display().to_string(), bytes, ..report })
    }

    /// Makes the whole public copy in `staging`, a private folder: the
    /// database scrubbed, vacuumed and checked, its index built.
    fn build_public_copy(&mut self, staging: &Path) -> Result<PublicCopy> {
        let db = staging.join(DATABASE_FILE);
        // Private from its first byte: VACUUM INTO fills an empty file.
        create_private(&db)?;
        let name = db.to_str().ok_or_else(|| Error::invalid(Message::FolderNameNotUnicode {}))?;
        self.conn()?.execute("VACUUM INTO ?1", [name])?;
        scrub(&Connection::open(&db)?)?;
        // Index it as a library of its own, before anyone can open it.
        let report = {
            let mut copy = Library::open_for_public_copy(staging)?;
            copy.reindex()?;
            let conn = copy.conn()?;
            let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
            PublicCopy {
                path: String::new(),
                papers: count("SELECT count(*) FROM papers")?,
                versions: count("SELECT count(*) FROM paper_versions")?,
                campaigns: count("SELECT count(*) FROM campaigns")?,
                bytes: 0,
            }
        };
        // One self-contained file again (opening it made it write-ahead),
        // checked as it will be read.
        {
            let conn = Connection::open(&db)?;
            let _mode: String = conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
            check_scrubbed(&conn)?;
        }
        for beside in ["-wal", "-shm", "-journal"] {
            let path = staging.join(format!("{DATABASE_FILE}{beside}"));
            if path.exists() {
                return Err(Error::invalid(Message::IntegrityFailed { problems: format!("{} was left beside the copy", path.display()) }));
            }
        }
        let file = fs::File::open(&db).map_err(|e| Error::io(&db, e))?;
        file.sync_all().map_err(|e| Error::io(&db, e))?;
        let bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(PublicCopy { bytes, ..report })
    }
}

/// Empties, in the copy `conn`, everything that is not public, then
/// rewrites the file so no freed page keeps a deleted byte, and checks it.
fn scrub(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")?;
    let triggers: Vec<(String, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    drop(stmt);
    for (t, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{t}\""))?;
    }
    let emptied: String = EMPTIED.iter().map(|t| format!("DELETE FROM {t};\n")).collect();
    conn.execute_batch(&format!(
        "PRAGMA foreign_keys = OFF; PRAGMA journal_mode = DELETE; BEGIN; {emptied} {SCRUB} COMMIT; PRAGMA foreign_keys = ON;"
    ))?;
    // Made again as they were: the copy is a library whose schema is
    // exactly Dossier's, which is what opening one checks.
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    conn.execute_batch("VACUUM")?;
    let problems: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let orphans: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if problems != "ok" || orphans > 0 {
        return Err(Error::invalid(Message::IntegrityFailed { problems: format!("{problems}; {orphans} broken links") }));
    }
    check_scrubbed(conn)
}

/// Fails unless the copy `conn` holds nothing [`EMPTIED`] or [`SCRUB`]
/// removes.
fn check_scrubbed(conn: &Connection) -> Result<()> {
    let mut left = Vec::new();
    for table in EMPTIED {
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
        if rows > 0 {
            left.push(format!("{rows} rows in {table}"));
        }
    }
    let private: i64 = conn.query_row(LEFT_PRIVATE, [], |r| r.get(0))?;
    if private > 0 {
        left.push(format!("{private} private values"));
    }
    if !left.is_empty() {
        return Err(Error::invalid(Message::IntegrityFailed { problems: format!("the public copy still holds {}", left.join(", ")) }));
    }
    Ok(())
}

/// Refuses a target whose `library.sqlite` or `index` is not an earlier
/// public copy's: they would be replaced.
fn check_target(dir: &Path) -> Result<()> {
    let shown = |p: &Path| p.display().to_string();
    let db = dir.join(DATABASE_FILE);
    let public = match fs::symlink_metadata(&db) {
        Err(_) => false,
        Ok(m) if !m.is_file() => return Err(Error::conflict(Message::PublicCopyOverForeign { path: shown(&db) })),
        Ok(_) => match what_database(&db) {
            Database::PublicCopy => true,
            Database::Library => return Err(Error::conflict(Message::PublicCopyOverLibrary { path: shown(dir) })),
            Database::Other => return Err(Error::conflict(Message::PublicCopyOverForeign { path: shown(&db) })),
        },
    };
    let index = dir.join(INDEX_DIR);
    match fs::symlink_metadata(&index) {
        Err(_) => Ok(()),
        Ok(m) if m.is_dir() && index_files_only(&index) == Some(0) => Ok(()),
        Ok(m) if m.is_dir() && public && index_files_only(&index).is_some() => Ok(()),
        Ok(_) => Err(Error::conflict(Message::PublicCopyOverForeign { path: shown(&index) })),
    }
}

enum Database {
    PublicCopy,
    Library,
    Other,
}

/// What the file at `path` is, read without writing to it or beside it
/// (opened as immutable: no journal, no shared-memory file), on a hardened
/// connection (it may be anyone's file). Only a file with Dossier's
/// application id is asked anything more, and only of a table (a view could
/// make reading it cost anything).
fn what_database(path: &Path) -> Database {
    let uri = format!("file:{}?immutable=1", crate::store::uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let Ok(conn) = Connection::open_with_flags(&uri, flags) else {
        return Database::Other;
    };
    if crate::store::harden(&conn).is_err() {
        return Database::Other;
    }
    let dossier = conn
        .query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|id| id == crate::store::APPLICATION_ID);
    if !dossier {
        return Database::Other;
    }
    let table: rusqlite::Result<i64> =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sync_device'", [], |r| r.get(0));
    if table.unwrap_or(0) != 1 {
        return Database::Library;
    }
    match conn.query_row("SELECT public FROM sync_device WHERE id = 1", [], |r| r.get::<_, bool>(0)) {
        Ok(true) => Database::PublicCopy,
        _ => Database::Library,
    }
}

/// How many files `dir` holds when every one is named as the search index
/// names its files; `None` when anything else is there (a folder, a link,
/// another name) or it cannot be read.
fn index_files_only(dir: &Path) -> Option<usize> {
    let mut files = 0;
    for entry in fs::read_dir(dir).ok()? {
        let entry = entry.ok()?;
        let name = entry.file_name();
        if !entry.file_type().ok()?.is_file() || !is_index_file_name(name.to_str()?) {
            return None;
        }
        files += 1;
    }
    Some(files)
}

/// The names of the files a search index folder holds: its metadata, its
/// locks, a temporary file of an interrupted commit, and segment files (a
/// segment's 32 hexadecimal digits, then what the file holds).
fn is_index_file_name(name: &str) -> bool {
    matches!(name, "meta.json" | ".managed.json")
        || (name.starts_with(".tantivy-") && name.ends_with(".lock"))
        || name.starts_with(".tmp")
        || name.split_once('.').is_some_and(|(segment, rest)| {
            segment.len() == 32 && segment.bytes().all(|b| b.is_ascii_hexdigit()) && !rest.is_empty()
        })
}

/// The lock on `root`'s public copies, waited for; `None` when the folder
/// cannot take the lock file.
fn lock_library(root: &Path) -> Option<fs::File> {
    use fs4::fs_std::FileExt;
    let path = root.join(LOCK_FILE);
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&path).ok()?;
    file.lock_exclusive().ok()?;
    Some(file)
}

/// A new staging folder in `base`: an unpredictable name, created
/// exclusively, readable by its owner only.
fn staging_in(base: &Path) -> io::Result<TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(STAGING_PREFIX).rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o700));
    }
    builder.tempdir_in(base)
}

/// Removes from `dir` the staging folders a killed public copy left: the
/// names this module gives them, holding only what it puts in them.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let ours = if name.starts_with(STAGING_PREFIX) {
            holds_only_staging(&path)
        } else if name.starts_with(LEGACY_OLD_INDEX_PREFIX) {
            name[LEGACY_OLD_INDEX_PREFIX.len()..].bytes().all(|b| b.is_ascii_digit()) && index_files_only(&path).is_some()
        } else {
            false
        };
        if ours {
            match fs::remove_dir_all(&path) {
                Ok(()) => tracing::info!(folder = %path.display(), "removed what an interrupted public copy left"),
                Err(e) => tracing::warn!(folder = %path.display(), error = %e, "could not remove what an interrupted public copy left"),
            }
        }
    }
}

/// True when the folder holds nothing a staging folder does not: the
/// database and its journals, the new index, the old one, a mode probe.
fn holds_only_staging(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let name = entry.file_name();
        let Some(name) = name.to_str() else { return false };
        let Ok(kind) = entry.file_type() else { return false };
        let database = name == DATABASE_FILE || ["-journal", "-wal", "-shm"].iter().any(|s| name == format!("{DATABASE_FILE}{s}"));
        let index = (name == INDEX_DIR || name == OLD_INDEX) && kind.is_dir();
        let probe = name.starts_with(MODE_PROBE_PREFIX) && kind.is_file();
        if !((database || probe) && kind.is_file() || index) {
            return false;
        }
    }
    true
}

/// Copies the finished copy from `from` into `to`, another file system:
/// the database, then the index's files, each flushed to disk.
fn copy_finished(from: &Path, to: &Path) -> Result<()> {
    let copy = |a: &Path, b: &Path| -> Result<()> {
        fs::copy(a, b).map_err(|e| Error::io(b, e))?;
        fs::File::open(b).and_then(|f| f.sync_all()).map_err(|e| Error::io(b, e))
    };
    copy(&from.join(DATABASE_FILE), &to.join(DATABASE_FILE))?;
    let index = from.join(INDEX_DIR);
    if index.is_dir() {
        let target = to.join(INDEX_DIR);
        fs::create_dir(&target).map_err(|e| Error::io(&target, e))?;
        for entry in fs::read_dir(&index).map_err(|e| Error::io(&index, e))? {
            let entry = entry.map_err(|e| Error::io(&index, e))?;
            copy(&entry.path(), &target.join(entry.file_name()))?;
        }
        crate::files::sync_folder(&target);
    }
    crate::files::sync_folder(to);
    Ok(())
}

/// Replaces the public copy in `dir` by the finished one in `staging`, on
/// the same file system: the old index out, the new database in (one
/// rename), the new index in. Between the renames the folder holds a whole
/// copy without an index, which a reader indexes in memory. The database
/// stays private (0600) until it is in place.
fn move_into_place(staging: &Path, dir: &Path) -> Result<()> {
    let index = dir.join(INDEX_DIR);
    let old_index = staging.join(OLD_INDEX);
    let had_index = fs::symlink_metadata(&index).is_ok();
    if had_index {
        fs::rename(&index, &old_index).map_err(|e| Error::io(&index, e))?;
    }
    let db = dir.join(DATABASE_FILE);
    if let Err(e) = fs::rename(staging.join(DATABASE_FILE), &db) {
        if had_index {
            let _ = fs::rename(&old_index, &index);
        }
        return Err(Error::io(&db, e));
    }
    // Public from now on: readable by others as the owner's umask allows
    // (learnt in the staging folder, so nothing else appears in `dir`).
    make_shared(&db, staging)?;
    crate::files::sync_folder(dir);
    let new_index = staging.join(INDEX_DIR);
    if new_index.is_dir() {
        fs::rename(&new_index, &index).map_err(|e| Error::io(&index, e))?;
        crate::files::sync_folder(dir);
    }
    Ok(())
}

/// Creates `path` empty, exclusively, readable by its owner only.
fn create_private(path: &Path) -> Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop).map_err(|e| Error::io(path, e))
}

/// Gives `file` the mode a new file of its owner gets (0666 less the
/// umask), learnt from a file created in `folder`.
fn make_shared(file: &Path, folder: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let probe = tempfile::Builder::new()
            .prefix(MODE_PROBE_PREFIX)
            .permissions(fs::Permissions::from_mode(0o666))
            .tempfile_in(folder)
            .map_err(|e| Error::io(folder, e))?;
        let mode = probe.as_file().metadata().map_err(|e| Error::io(folder, e))?.permissions().mode() & 0o666;
        fs::set_permissions(file, fs::Permissions::from_mode(mode)).map_err(|e| Error::io(file, e))?;
    }
    #[cfg(not(unix))]
    let _ = (file, folder);
    Ok(())
}

/// True when a rename can take `a`'s files to `b`.
fn same_file_system(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        matches!((fs::metadata(a), fs::metadata(b)), (Ok(x), Ok(y)) if x.dev() == y.dev())
    }
    #[cfg(not(unix))]
    {
        // Told by the drive or share the paths start with.
        let root = |p: &Path| p.canonicalize().ok().and_then(|p| p.components().next().map(|c| c.as_os_str().to_owned()));
        root(a).is_some() && root(a) == root(b)
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| -> PathBuf { p.canonicalize().unwrap_or_else(|_| p.to_owned()) };
    canon(a) == canon(b)
}
