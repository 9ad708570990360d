//! The index on disk: opening, catching up with SQLite, rebuilding and
//! repairing it.
//!
//! Promises: SQLite is the truth and the index follows it. Each index commit
//! carries a payload naming the schema version and the last `search_outbox`
//! sequence number it reflects. Opening brings a missing, stale, damaged or
//! old-schema index up to date (or rebuilds it) without being asked. This
//! process holds at most one `IndexWriter`, and only while it applies
//! changes: processes sharing a library take turns, and one that finds the
//! writer busy for long leaves its changes in `search_outbox` for the next
//! writer and answers from the last committed index. A library on read-only
//! media gets an index in memory, never written back.
//! Committed changes are visible at once (the reader is reloaded by hand),
//! and old segment files are garbage-collected after each commit.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::{Directory, MmapDirectory, RamDirectory, INDEX_WRITER_LOCK};
use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term};

use super::analysis;
use super::documents::{self, entity_key};
use super::schema::{Fields, SCHEMA_VERSION};
use crate::vocab::SearchKind;
use crate::error::{Error, Result};
use crate::message::Message;
use super::matching::Analyzers;

/// The index folder inside a library.
pub use crate::layout::INDEX_DIR;

/// The writer for edits: one thread and a small arena, because tantivy
/// sizes (and clears) its hash tables by the arena at every commit, which
/// made a one-document commit cost ~150 ms with a large arena.
const EDIT_WRITER: (usize, usize) = (1, 24 * 1024 * 1024);
/// The writer for a rebuild: room for big segments, and every core but one
/// (at least one, at most two), so a window reading meanwhile still gets a
/// core of its own.
fn bulk_writer() -> (usize, usize) {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    (cores.saturating_sub(1).clamp(1, 2), 128 * 1024 * 1024)
}

/// Past this many outbox rows behind, a catch-up takes the bulk writer: the
/// edit writer's small arena would cut an import of thousands of papers
/// into dozens of segments, each merged again before the catch-up ends.
const BULK_CHANGES: i64 = 2_000;

/// Applied outbox rows are pruned once this many have gathered.
const PRUNE_BATCH: i64 = 64;

/// Past this many changed records a full rebuild is faster than updates.
const REBUILD_THRESHOLD: usize = 20_000;
/// The most records a search someone waits on brings into the index
/// itself: an edit or two, not a long job's hundreds of papers.
const INTERACTIVE_CHANGES: usize = 8;

/// What each commit records about itself.
#[derive(Debug, Serialize, Deserialize, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    pub schema: u32,
    pub seq: i64,
}

/// How long a sync waits for another process to finish its index commit
/// before leaving the changes in the outbox for the next writer.
const SYNC_WAIT: Duration = Duration::from_secs(5);
/// How long a rebuild waits for the writer lock.
const REBUILD_WAIT: Duration = Duration::from_secs(120);

/// An open index with its reader. The writer is taken only while changes
/// are applied and released right after, so processes sharing a library
/// take turns and a long-lived handle never blocks the others.
pub struct SearchIndex {
    /// The index folder, or `None` for an index held in memory (a library
    /// on read-only media, whose folder cannot take an index).
    dir: Option<PathBuf>,
    pub(crate) fields: Fields,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    indexed_seq: i64,
    /// The commit metadata (`meta.json`) the reader last loaded.
    seen_meta: Option<Vec<u8>>,
}

pub(crate) fn tantivy_error(e: TantivyError) -> Error {
    let full = match &e {
        TantivyError::IoError(io) => crate::error::io_is_disk_full(io),
        // Other variants wrap the I/O error deeper; its text is the same.
        other => other.to_string().contains("No space left on device"),
    };
    if full {
        return Error::DiskFull(Message::IndexCannotBeWritten {});
    }
    Error::Index(e.to_string())
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |e| Error::io(path, e)
}

/// The last outbox sequence number ever written (rows may be pruned).
pub fn library_seq(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'search_outbox'), 0)",
        [],
        |r| r.get(0),
    )?)
}

/// The oldest outbox row still present, if any.
fn oldest_pending(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT min(seq) FROM search_outbox", [], |r| r.get(0))?)
}

/// Reads the payload of the last commit.
pub fn read_payload(index: &Index) -> Option<Payload> {
    let metas = index.load_metas().ok()?;
    serde_json::from_str(metas.payload.as_deref()?).ok()
}

/// Opens the index in `dir` as it is, registering analyzers; fails on
/// anything unreadable.
fn open_existing(dir: &Path) -> Result<Index> {
    let index = Index::open_in_dir(dir).map_err(tantivy_error)?;
    analysis::register(&index);
    Ok(index)
}

/// The writer, waiting up to `wait` while another process holds the lock;
/// `None` when it is still held then.
fn writer_of(index: &Index, (threads, bytes): (usize, usize), wait: Duration) -> Result<Option<IndexWriter>> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(2);
    loop {
        match index.writer_with_num_threads(threads, bytes) {
            Ok(w) => return Ok(Some(w)),
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) if started.elapsed() < wait => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            Err(TantivyError::LockFailure(LockError::LockBusy, _)) => return Ok(None),
            Err(e) => return Err(tantivy_error(e)),
        }
    }
}

/// Lets the writer's merges finish, then releases it and its lock.
fn release(writer: IndexWriter) -> Result<()> {
    writer.wait_merging_threads().map_err(tantivy_error)
}

fn manual_reader(index: &Index) -> Result<IndexReader> {
    index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(tantivy_error)
}

/// Why an index on disk cannot be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    Unreadable(String),
    Damaged(Vec<String>),
    OldSchema(Option<u32>),
    /// The index reflects changes the database no longer has rows for, or
    /// claims more than the database holds: only a rebuild is safe.
    Diverged,
    /// The index is behind the database by this many outbox rows.
    Stale { behind: i64 },
}

impl SearchIndex {
    /// Opens the index of the library at `root`, repairing or rebuilding it
    /// as needed, and brings it in step with `conn`. A `read_only` library
    /// gets an index in memory: a copy of the one on disk when it is sound,
    /// caught up or rebuilt there, never written back.
    pub fn open(root: &Path, conn: &Connection, read_only: bool) -> Result<Self> {
        let mut index = if read_only { Self::open_in_memory(root)? } else { Self::open_unsynced(root)? };
        index.sync(conn)?;
        Ok(index)
    }

    /// Opens the index as it is when sound, else an empty one; the caller
    /// syncs or rebuilds it.
    pub fn open_unsynced(root: &Path) -> Result<Self> {
        let dir = root.join(INDEX_DIR);
        match Self::open_checked(&dir) {
            Ok(index) => Ok(index),
            Err(_) => Self::recreate(&dir),
        }
    }

    /// Opens an existing, sound index of the current schema.
    fn open_checked(dir: &Path) -> Result<Self> {
        if !dir.join("meta.json").is_file() {
            return Err(Error::Index("no index yet".into()));
        }
        let index = open_existing(dir)?;
        Self::checked(Some(dir), index)
    }

    fn checked(dir: Option<&Path>, index: Index) -> Result<Self> {
        let payload = read_payload(&index);
        match payload {
            Some(p) if p.schema == SCHEMA_VERSION => {}
            // Created by another process that has not committed its first
            // build yet: the following sync builds it.
            None if index.schema() == Fields::new().schema && index.load_metas().is_ok_and(|m| m.segments.is_empty()) => {
                return Self::from_index(dir, index, -1);
            }
            _ => return Err(Error::Index("index of another schema version".into())),
        }
        // A truncated or flipped file may still open; the checksums catch it.
        let damaged = index.validate_checksum().map_err(tantivy_error)?;
        if !damaged.is_empty() {
            return Err(Error::Index(format!("damaged index files: {damaged:?}")));
        }
        Self::from_index(dir, index, payload.map_or(0, |p| p.seq))
    }

    /// A copy in memory of the index on disk (when it is sound), else an
    /// empty index in memory that the following sync rebuilds.
    fn open_in_memory(root: &Path) -> Result<Self> {
        let copied = copy_to_memory(&root.join(INDEX_DIR)).and_then(|index| Self::checked(None, index));
        match copied {
            Ok(index) => Ok(index),
            Err(_) => {
                let fields = Fields::new();
                let index = Index::create_in_ram(fields.schema.clone());
                analysis::register(&index);
                Self::from_index(None, index, -1)
            }
        }
    }

    fn from_index(dir: Option<&Path>, index: Index, indexed_seq: i64) -> Result<Self> {
        let fields = Fields::new();
        if index.schema() != fields.schema {
            return Err(Error::Index("index fields differ from this schema".into()));
        }
        let reader = manual_reader(&index)?;
        // Opening every segment now surfaces a damaged file as an error here
        // rather than in the middle of a search.
        reader.searcher();
        Ok(SearchIndex {
            dir: dir.map(Path::to_owned),
            fields,
            index,
            reader,
            indexed_seq,
            seen_meta: None,
        })
    }

    /// Throws the folder away and starts an empty index (rebuilt by the
    /// following sync, since its sequence number is -1).
    ///
    /// Another process may be doing the same, or using the folder: the
    /// folder is emptied only while holding the index writer lock, and not
    /// at all when, by then, it holds a sound index.
    fn recreate(dir: &Path) -> Result<Self> {
        if std::fs::symlink_metadata(dir).is_ok_and(|m| !m.is_dir()) {
            // Something that is not a folder sits where the index belongs.
            std::fs::remove_file(dir).map_err(io(dir))?;
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let folder = MmapDirectory::open(dir).map_err(|e| Error::Index(e.to_string()))?;
        let started = Instant::now();
        let _lock = loop {
            match folder.acquire_lock(&INDEX_WRITER_LOCK) {
                Ok(lock) => break lock,
                Err(LockError::LockBusy) if started.elapsed() < REBUILD_WAIT => std::thread::sleep(Duration::from_millis(20)),
                Err(e) => return Err(Error::Index(format!("cannot lock the index folder: {e}"))),
            }
        };
        if let Ok(sound) = Self::open_checked(dir) {
            return Ok(sound);
        }
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let path = entry.map_err(io(dir))?.path();
            let lock_file = path.file_name().is_some_and(|n| n.to_string_lossy().starts_with(".tantivy-"));
            if lock_file {
                continue;
            }
            if path.is_dir() {
                std::fs::remove_dir_all(&path).map_err(io(&path))?;
            } else {
                std::fs::remove_file(&path).map_err(io(&path))?;
            }
        }
        let fields = Fields::new();
        let index = Index::create(folder, fields.schema.clone(), Default::default()).map_err(tantivy_error)?;
        analysis::register(&index);
        Self::from_index(Some(dir), index, -1)
    }

    /// Drops this index and rebuilds it from scratch from `conn`.
    pub fn repair(self, conn: &Connection) -> Result<Self> {
        self.repair_reporting(conn, &mut |_, _| {})
    }

    /// [`Self::repair`], calling `progress(done, total)` as documents are
    /// added.
    pub fn repair_reporting(self, conn: &Connection, progress: &mut dyn FnMut(u64, u64)) -> Result<Self> {
        let mut fresh = match &self.dir {
            Some(dir) => {
                let dir = dir.clone();
                drop(self);
                Self::recreate(&dir)?
            }
            None => {
                let index = Index::create_in_ram(self.fields.schema.clone());
                analysis::register(&index);
                Self::from_index(None, index, -1)?
            }
        };
        fresh.rebuild_reporting(conn, progress)?;
        Ok(fresh)
    }

    /// The last outbox sequence number this index reflects.
    pub fn indexed_seq(&self) -> i64 {
        self.indexed_seq
    }

    /// Number of documents in the committed index.
    pub fn documents(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Sees the latest commit, whichever process made it. Every commit
    /// writes new metadata, so when it reads as it did last time the reader
    /// in hand is current and is kept: a reload builds a new searcher, a
    /// tenth of an as-you-type search.
    fn refresh(&mut self) -> Result<()> {
        let meta = self.index.directory().atomic_read(Path::new("meta.json")).ok();
        if meta.is_some() && meta == self.seen_meta {
            return Ok(());
        }
        self.reader.reload().map_err(tantivy_error)?;
        if let Some(p) = read_payload(&self.index) {
            self.indexed_seq = p.seq;
        }
        self.seen_meta = meta;
        Ok(())
    }

    /// Brings the index in step with the database: applies pending outbox
    /// rows, or rebuilds when rows it needs were pruned. Does nothing inside
    /// an open transaction, whose changes may still roll back. When another
    /// process keeps the writer longer than [`SYNC_WAIT`], the changes stay
    /// in the outbox for the next writer and this search answers from the
    /// last commit.
    pub fn sync(&mut self, conn: &Connection) -> Result<()> {
        self.sync_with(conn, false)
    }

    /// [`Self::sync`] for a search someone is waiting on (the app's search
    /// box): it never waits for another handle's writer, and leaves a long
    /// catch-up (more than [`INTERACTIVE_CHANGES`] records, or a rebuild)
    /// to the job that made the changes, answering from the last commit.
    pub fn sync_with(&mut self, conn: &Connection, interactive: bool) -> Result<()> {
        if !conn.is_autocommit() {
            return Ok(());
        }
        self.refresh()?;
        let target = library_seq(conn)?;
        if target == self.indexed_seq {
            return Ok(());
        }
        let wait = if interactive { Duration::ZERO } else { SYNC_WAIT };
        let shape = if self.indexed_seq < 0 || target - self.indexed_seq > BULK_CHANGES { bulk_writer() } else { EDIT_WRITER };
        let Some(mut writer) = writer_of(&self.index, shape, wait)? else {
            return Ok(());
        };
        // Another process may have committed while this one waited.
        self.refresh()?;
        let applied = self.apply(conn, &mut writer, interactive);
        let released = release(writer);
        applied.and(released)
    }

    fn apply(&mut self, conn: &Connection, writer: &mut IndexWriter, interactive: bool) -> Result<()> {
        let target = library_seq(conn)?;
        if target == self.indexed_seq {
            return Ok(());
        }
        let gap = match oldest_pending(conn)? {
            Some(oldest) => oldest > self.indexed_seq + 1,
            None => true,
        };
        if self.indexed_seq < 0 || target < self.indexed_seq || gap {
            if interactive {
                return Ok(());
            }
            return self.rebuild_with(conn, writer, &mut |_, _| {}).map(|_| ());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT entity, entity_id FROM search_outbox WHERE seq > ?1 AND seq <= ?2",
        )?;
        let changed: Vec<(String, i64)> = stmt
            .query_map([self.indexed_seq, target], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if interactive && changed.len() > INTERACTIVE_CHANGES {
            return Ok(());
        }
        if changed.len() > REBUILD_THRESHOLD {
            return self.rebuild_with(conn, writer, &mut |_, _| {}).map(|_| ());
        }
        let fields = self.fields.clone();
        let searcher = self.reader.searcher();
        for (entity, id) in changed {
            let Ok(kind) = entity.parse::<SearchKind>() else {
                continue;
            };
            if kind == SearchKind::Paper {
                sync_paper(conn, &searcher, &fields, writer, id)?;
                continue;
            }
            writer.delete_term(Term::from_field_text(fields.entity, &entity_key(kind, id)));
            documents::for_each(conn, kind, Some(id), &mut |src| {
                writer.add_document(src.document(&fields)).map_err(tantivy_error)?;
                Ok(())
            })?;
        }
        self.commit(conn, writer, target)
    }

    /// Rebuilds every document from the database; returns how many. Waits
    /// for another process's writer to finish rather than fail.
    pub fn rebuild(&mut self, conn: &Connection) -> Result<u64> {
        self.rebuild_reporting(conn, &mut |_, _| {})
    }

    /// [`Self::rebuild`], calling `progress(done, total)` every few hundred
    /// documents and once at the end.
    pub fn rebuild_reporting(&mut self, conn: &Connection, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let Some(mut writer) = writer_of(&self.index, bulk_writer(), REBUILD_WAIT)? else {
            return Err(Error::Conflict(Message::IndexBusy {}));
        };
        let count = self.rebuild_with(conn, &mut writer, progress);
        // Let the rebuild's merges finish so the folder starts compact.
        let released = release(writer);
        let count = count?;
        released?;
        Ok(count)
    }

    fn rebuild_with(&mut self, conn: &Connection, writer: &mut IndexWriter, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let target = library_seq(conn)?;
        let total = documents::count_all(conn)?;
        progress(0, total);
        let fields = self.fields.clone();
        writer.delete_all_documents().map_err(tantivy_error)?;
        let mut count = 0u64;
        for kind in [SearchKind::Paper, SearchKind::Campaign, SearchKind::Engagement] {
            documents::for_each(conn, kind, None, &mut |src| {
                writer.add_document(src.document(&fields)).map_err(tantivy_error)?;
                count += 1;
                if count % 500 == 0 {
                    progress(count, total.max(count));
                }
                Ok(())
            })?;
        }
        self.commit(conn, writer, target)?;
        progress(count, count);
        Ok(count)
    }

    /// Commits with the payload for `seq`, makes the commit visible and
    /// prunes the outbox rows it covers.
    fn commit(&mut self, conn: &Connection, writer: &mut IndexWriter, seq: i64) -> Result<()> {
        let payload = serde_json::to_string(&Payload { schema: SCHEMA_VERSION, seq })
            .map_err(|e| Error::Index(e.to_string()))?;
        let mut prepared = writer.prepare_commit().map_err(tantivy_error)?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(tantivy_error)?;
        self.reader.reload().map_err(tantivy_error)?;
        self.indexed_seq = seq;
        // Rows at or below `seq` are reflected by the committed index. The
        // prune is best effort (failing it only leaves rows to skip later;
        // a read-only library keeps them all) and batched, since each prune
        // is a synchronous SQLite commit.
        if self.dir.is_none() || conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(true) {
            return Ok(());
        }
        let pending: i64 = conn
            .query_row("SELECT count(*) FROM search_outbox WHERE seq <= ?1", [seq], |r| r.get(0))
            .unwrap_or(0);
        if conn.is_autocommit() && pending >= PRUNE_BATCH {
            let _ = conn.execute("DELETE FROM search_outbox WHERE seq <= ?1", [seq]);
        }
        // tantivy collects unused files itself after each commit and merge.
        Ok(())
    }

    /// Collects files the last merges left behind, when no other process is
    /// writing.
    pub fn close(self) -> Result<()> {
        if self.dir.is_some() {
            if let Some(writer) = writer_of(&self.index, EDIT_WRITER, Duration::ZERO)? {
                let _ = writer.garbage_collect_files().wait();
                release(writer)?;
            }
        }
        Ok(())
    }
}

/// Reads the index files in `dir` into memory and opens them there.
fn copy_to_memory(dir: &Path) -> Result<Index> {
    let ram = RamDirectory::create();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        let name = entry.file_name();
        // Lock files are per process and meaningless in memory.
        if !entry.path().is_file() || name.to_string_lossy().starts_with(".tantivy-") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(io(dir))?;
        ram.atomic_write(Path::new(&name), &bytes).map_err(|e| Error::Index(e.to_string()))?;
    }
    let index = Index::open(ram).map_err(tantivy_error)?;
    analysis::register(&index);
    Ok(index)
}

/// Re-indexes the versions of paper `id` whose state changed (a new
/// version, the previous latest, or all of them after a tag or status
/// change): a paper with many versions costs two documents per edit, not
/// all of them.
fn sync_paper(conn: &Connection, searcher: &Searcher, f: &Fields, writer: &mut IndexWriter, id: i64) -> Result<()> {
    let mut indexed: HashMap<String, String> = HashMap::new();
    let entity = TermQuery::new(Term::from_field_text(f.entity, &entity_key(SearchKind::Paper, id)), IndexRecordOption::Basic);
    for address in searcher.search(&entity, &DocSetCollector).map_err(tantivy_error)? {
        let doc: TantivyDocument = searcher.doc(address).map_err(tantivy_error)?;
        let key = doc.get_first(f.key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        let state = doc.get_first(f.state).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
        indexed.insert(key, state);
    }
    for (number, state) in documents::paper_states(conn, id)? {
        let key = format!("{}:{id}:{number}", SearchKind::Paper.as_str());
        if indexed.remove(&key).as_deref() == Some(state.as_str()) {
            continue;
        }
        writer.delete_term(Term::from_field_text(f.key, &key));
        documents::paper_version(conn, id, number, &mut |src| {
            writer.add_document(src.document(f)).map_err(tantivy_error)?;
            Ok(())
        })?;
    }
    // Versions the index has but the database does not (cannot happen while
    // versions are permanent, but the database is the truth).
    for key in indexed.into_keys() {
        writer.delete_term(Term::from_field_text(f.key, &key));
    }
    Ok(())
}

/// What [`inspect`] found, without changing anything.
#[derive(Debug, Clone)]
pub struct Inspection {
    pub problem: Option<Problem>,
    pub indexed_seq: Option<i64>,
    pub documents: u64,
}

/// Looks at the index on disk for `dir` against `conn`: present, readable,
/// checksums sound, current schema, in step.
pub fn inspect(root: &Path, conn: &Connection) -> Result<Inspection> {
    let dir = root.join(INDEX_DIR);
    let mut out = Inspection { problem: None, indexed_seq: None, documents: 0 };
    if !dir.join("meta.json").is_file() {
        out.problem = Some(Problem::Missing);
        return Ok(out);
    }
    let index = match open_existing(&dir) {
        Ok(index) => index,
        Err(e) => {
            out.problem = Some(Problem::Unreadable(e.to_string()));
            return Ok(out);
        }
    };
    let payload = read_payload(&index);
    out.indexed_seq = payload.map(|p| p.seq);
    if payload.map(|p| p.schema) != Some(SCHEMA_VERSION) {
        out.problem = Some(Problem::OldSchema(payload.map(|p| p.schema)));
        return Ok(out);
    }
    match index.validate_checksum() {
        Ok(damaged) if damaged.is_empty() => {}
        Ok(damaged) => {
            let mut names: Vec<String> = damaged.iter().map(|p| p.display().to_string()).collect();
            names.sort();
            out.problem = Some(Problem::Damaged(names));
            return Ok(out);
        }
        Err(e) => {
            out.problem = Some(Problem::Unreadable(e.to_string()));
            return Ok(out);
        }
    }
    match manual_reader(&index) {
        Ok(reader) => out.documents = reader.searcher().num_docs(),
        Err(e) => {
            out.problem = Some(Problem::Unreadable(e.to_string()));
            return Ok(out);
        }
    }
    let seq = payload.map_or(0, |p| p.seq);
    let target = library_seq(conn)?;
    let gap = oldest_pending(conn)?.is_some_and(|oldest| oldest > seq + 1);
    if seq > target || gap || (seq < target && oldest_pending(conn)?.is_none()) {
        out.problem = Some(Problem::Diverged);
    } else if seq < target {
        out.problem = Some(Problem::Stale { behind: target - seq });
    }
    Ok(out)
}

/// The search state a `Library` handle carries, opened on first use: the
/// index and the analyzers its queries are built with. Defined here, below
/// the library, so that the library can hold one without depending on the
/// search API built on it.
pub struct SearchHandle {
    pub(super) index: SearchIndex,
    pub(super) analyzers: Analyzers,
}
