//! The index on disk: opening, catching up with SQLite, rebuilding and
//! repairing it.
//!
//! Promises: SQLite is the truth and the index follows it. Each index commit
//! carries a payload naming the schema version and the last `search_outbox`
//! sequence number it reflects. Opening brings a missing, stale, damaged or
//! old-schema index up to date (or rebuilds it) without being asked. This
//! process holds at most one `IndexWriter`; when another process holds the
//! writer lock, this one still answers from the last committed index.
//! Committed changes are visible at once (the reader is reloaded by hand),
//! and old segment files are garbage-collected after each commit.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use std::collections::HashMap;

use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term};

use super::analysis;
use super::documents::{self, entity_key};
use super::schema::{Fields, SCHEMA_VERSION};
use super::SearchKind;
use crate::error::{Error, Result};

/// The index folder inside a library.
pub const INDEX_DIR: &str = "index";

/// The writer for edits: one thread and a small arena, because tantivy
/// sizes (and clears) its hash tables by the arena at every commit, which
/// made a one-document commit cost ~150 ms with a large arena.
const EDIT_WRITER: (usize, usize) = (1, 24 * 1024 * 1024);
/// The writer for a rebuild: both cores and room for big segments.
const BULK_WRITER: (usize, usize) = (2, 128 * 1024 * 1024);

/// Applied outbox rows are pruned once this many have gathered.
const PRUNE_BATCH: i64 = 64;

/// Past this many changed records a full rebuild is faster than updates.
const REBUILD_THRESHOLD: usize = 20_000;

/// What each commit records about itself.
#[derive(Debug, Serialize, Deserialize, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    pub schema: u32,
    pub seq: i64,
}

/// An open index with its reader and, when this process holds the lock,
/// its writer.
pub struct SearchIndex {
    dir: PathBuf,
    pub(crate) fields: Fields,
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    writer: Option<IndexWriter>,
    indexed_seq: i64,
}

pub(crate) fn tantivy_error(e: TantivyError) -> Error {
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

fn acquire_writer(index: &Index) -> Result<Option<IndexWriter>> {
    writer_of(index, EDIT_WRITER)
}

fn writer_of(index: &Index, (threads, bytes): (usize, usize)) -> Result<Option<IndexWriter>> {
    match index.writer_with_num_threads(threads, bytes) {
        Ok(w) => Ok(Some(w)),
        Err(TantivyError::LockFailure(LockError::LockBusy, _)) => Ok(None),
        Err(e) => Err(tantivy_error(e)),
    }
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
    /// as needed, and brings it in step with `conn`.
    pub fn open(root: &Path, conn: &Connection) -> Result<Self> {
        let mut index = Self::open_unsynced(root)?;
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
        let payload = read_payload(&index);
        if payload.map(|p| p.schema) != Some(SCHEMA_VERSION) {
            return Err(Error::Index("index of another schema version".into()));
        }
        // A truncated or flipped file may still open; the checksums catch it.
        let damaged = index.validate_checksum().map_err(tantivy_error)?;
        if !damaged.is_empty() {
            return Err(Error::Index(format!("damaged index files: {damaged:?}")));
        }
        Self::from_index(dir, index, payload.map_or(0, |p| p.seq))
    }

    fn from_index(dir: &Path, index: Index, indexed_seq: i64) -> Result<Self> {
        let fields = Fields::new();
        if index.schema() != fields.schema {
            return Err(Error::Index("index fields differ from this schema".into()));
        }
        let reader = manual_reader(&index)?;
        // Opening every segment now surfaces a damaged file as an error here
        // rather than in the middle of a search.
        reader.searcher();
        let writer = acquire_writer(&index)?;
        Ok(SearchIndex {
            dir: dir.to_owned(),
            fields,
            index,
            reader,
            writer,
            indexed_seq,
        })
    }

    /// Throws the folder away and starts an empty index (rebuilt by the
    /// following sync, since its sequence number is -1).
    fn recreate(dir: &Path) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        let fields = Fields::new();
        let index = Index::create_in_dir(dir, fields.schema.clone()).map_err(tantivy_error)?;
        analysis::register(&index);
        Self::from_index(dir, index, -1)
    }

    /// Drops this index and rebuilds it from scratch from `conn`.
    pub fn repair(self, conn: &Connection) -> Result<Self> {
        let dir = self.dir.clone();
        drop(self);
        let mut fresh = Self::recreate(&dir)?;
        fresh.rebuild(conn)?;
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

    /// True when this process holds the writer.
    pub fn is_writer(&self) -> bool {
        self.writer.is_some()
    }

    /// Brings the index in step with the database: applies pending outbox
    /// rows, or rebuilds when rows it needs were pruned. Does nothing inside
    /// an open transaction, whose changes may still roll back.
    pub fn sync(&mut self, conn: &Connection) -> Result<()> {
        if !conn.is_autocommit() {
            return Ok(());
        }
        if self.writer.is_none() {
            // Another process writes: see its latest commit, and take over
            // the writer if it has gone.
            self.reader.reload().map_err(tantivy_error)?;
            self.writer = acquire_writer(&self.index)?;
            if let Some(p) = read_payload(&self.index) {
                self.indexed_seq = p.seq;
            }
            if self.writer.is_none() {
                return Ok(());
            }
        }
        let target = library_seq(conn)?;
        if target == self.indexed_seq {
            return Ok(());
        }
        let gap = match oldest_pending(conn)? {
            Some(oldest) => oldest > self.indexed_seq + 1,
            None => true,
        };
        if self.indexed_seq < 0 || target < self.indexed_seq || gap {
            return self.rebuild(conn).map(|_| ());
        }
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT entity, entity_id FROM search_outbox WHERE seq > ?1 AND seq <= ?2",
        )?;
        let changed: Vec<(String, i64)> = stmt
            .query_map([self.indexed_seq, target], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if changed.len() > REBUILD_THRESHOLD {
            return self.rebuild(conn).map(|_| ());
        }
        let fields = self.fields.clone();
        let searcher = self.reader.searcher();
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
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
        self.commit(conn, target)
    }

    /// Rebuilds every document from the database; returns how many.
    pub fn rebuild(&mut self, conn: &Connection) -> Result<u64> {
        let target = library_seq(conn)?;
        let fields = self.fields.clone();
        let busy = || {
            Error::Conflict("another Dossier process is updating the search index; close it and try again".into())
        };
        if self.writer.is_none() {
            return Err(busy());
        }
        // Swap the edit writer for a bulk one (never two at once: the lock
        // allows one writer per index), and back after the commit.
        self.writer = None;
        self.writer = writer_of(&self.index, BULK_WRITER)?;
        let Some(writer) = self.writer.as_mut() else {
            return Err(busy());
        };
        writer.delete_all_documents().map_err(tantivy_error)?;
        let mut count = 0u64;
        for kind in [SearchKind::Paper, SearchKind::Campaign, SearchKind::Engagement] {
            documents::for_each(conn, kind, None, &mut |src| {
                writer.add_document(src.document(&fields)).map_err(tantivy_error)?;
                count += 1;
                Ok(())
            })?;
        }
        self.commit(conn, target)?;
        if let Some(bulk) = self.writer.take() {
            // Let the rebuild's merges finish so the folder starts compact.
            bulk.wait_merging_threads().map_err(tantivy_error)?;
        }
        self.writer = acquire_writer(&self.index)?;
        Ok(count)
    }

    /// Commits with the payload for `seq`, makes the commit visible, prunes
    /// the outbox rows it covers and collects unused files.
    fn commit(&mut self, conn: &Connection, seq: i64) -> Result<()> {
        let Some(writer) = self.writer.as_mut() else {
            return Ok(());
        };
        let payload = serde_json::to_string(&Payload { schema: SCHEMA_VERSION, seq })
            .map_err(|e| Error::Index(e.to_string()))?;
        let mut prepared = writer.prepare_commit().map_err(tantivy_error)?;
        prepared.set_payload(&payload);
        prepared.commit().map_err(tantivy_error)?;
        self.reader.reload().map_err(tantivy_error)?;
        self.indexed_seq = seq;
        // Rows at or below `seq` are reflected by the committed index. The
        // prune is best effort (failing it only leaves rows to skip later)
        // and batched, since each prune is a synchronous SQLite commit.
        let pending: i64 = conn
            .query_row("SELECT count(*) FROM search_outbox WHERE seq <= ?1", [seq], |r| r.get(0))
            .unwrap_or(0);
        if conn.is_autocommit() && pending >= PRUNE_BATCH {
            let _ = conn.execute("DELETE FROM search_outbox WHERE seq <= ?1", [seq]);
        }
        // tantivy collects unused files itself after each commit and merge.
        Ok(())
    }

    /// Waits for background merges so the folder is compact when closed.
    pub fn close(mut self) -> Result<()> {
        if let Some(writer) = self.writer.take() {
            writer.wait_merging_threads().map_err(tantivy_error)?;
            // Collect what the last merges left behind.
            if let Ok(w) = acquire_writer(&self.index) {
                if let Some(w) = w {
                    let _ = w.garbage_collect_files().wait();
                }
            }
        }
        Ok(())
    }
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
