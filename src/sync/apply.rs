//! Applying another device's changes: versions are added, every other field
//! goes to the latest clock, and whatever loses is kept as a conflict.
//!
//! Runs inside the transaction that applies one change file (see
//! [`crate::sync`] for the rules). Foreign keys are checked when the file is
//! done: a row left pointing at a parent another device removed is removed
//! too, and kept as a conflict.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};

use crate::dates;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::sync::capture;
use crate::sync::changes::{self, key_text, Op, RowChange, SHARED_TABLES};
use crate::sync::clock::{self, Clock};

/// One transaction of another device, as a change file carries it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub clock: Clock,
    pub person: String,
    pub changeset: Vec<u8>,
}

/// Why a value was kept aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A later change set the field.
    Overwritten,
    /// The record was removed on another device.
    Removed,
    /// The record pointed at something another device removed.
    Orphaned,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Overwritten => "overwritten",
            Reason::Removed => "removed",
            Reason::Orphaned => "orphaned",
        }
    }
}

/// Columns that only say when a record last changed: the latest wins as
/// for any field, but the time that lost is not worth a conflict.
const BOOKKEEPING: &[&str] = &["updated_at"];

/// Tables whose rows never change once written: a second copy of a row is
/// the same row.
const IMMUTABLE: &[&str] = &["paper_versions", "publications", "originals", "version_sources"];

/// What applying a file did, for its summary and the search index.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Applied {
    pub rows: usize,
    pub conflicts: usize,
    /// Papers that received a version, to renumber.
    pub papers: BTreeSet<i64>,
    /// The column names of each table met, read once per file.
    columns: BTreeMap<String, Vec<String>>,
}

/// What a column may hold, from its declared type (SQLite's affinity rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    Text,
    Real,
    Blob,
    /// No declared type, or `NUMERIC`: whatever SQLite keeps there.
    Any,
}

impl Kind {
    fn of(declared: &str) -> Kind {
        let t = declared.to_ascii_uppercase();
        if t.contains("INT") {
            Kind::Integer
        } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
            Kind::Text
        } else if t.contains("BLOB") {
            Kind::Blob
        } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
            Kind::Real
        } else {
            Kind::Any
        }
    }

    fn holds(self, value: &Value) -> bool {
        matches!(
            (self, value),
            (Kind::Any, _)
                | (_, Value::Null)
                | (Kind::Integer, Value::Integer(_))
                | (Kind::Text, Value::Text(_))
                | (Kind::Real, Value::Real(_) | Value::Integer(_))
                | (Kind::Blob, Value::Blob(_))
        )
    }
}

/// One column of a shared table, as the checks see it.
#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
    not_null: bool,
    pk: bool,
}

/// The shared tables' columns, read once per sync, to check changes
/// against before anything is applied.
#[derive(Debug, Default)]
pub struct Schema {
    tables: BTreeMap<String, Vec<Column>>,
}

impl Schema {
    fn table(&mut self, conn: &Connection, table: &str) -> Result<&[Column]> {
        if !self.tables.contains_key(table) {
            let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
            let columns = stmt
                .query_map([], |r| {
                    Ok(Column {
                        name: r.get(1)?,
                        kind: Kind::of(&r.get::<_, String>(2)?),
                        not_null: r.get::<_, bool>(3)?,
                        pk: r.get::<_, i64>(5)? > 0,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            self.tables.insert(table.to_owned(), columns);
        }
        Ok(&self.tables[table])
    }
}

/// Checks every row change of `entry` against this library's schema before
/// anything is applied: `Ok(Err(reason))` when the change must be refused.
/// A shared table; no more columns than it has (fewer from an older
/// schema, whose columns lead); its primary key where it has it, whole;
/// every value of a type its column holds, and no `NULL` where the column
/// refuses one or in the key.
pub fn check_entry(conn: &Connection, schema: &mut Schema, entry: &Entry) -> Result<std::result::Result<(), Message>> {
    let Ok(rows) = changes::decode(&entry.changeset) else { return Ok(Err(Message::SyncFileMalformed {})) };
    for row in &rows {
        if !SHARED_TABLES.contains(&row.table.as_str()) {
            return Ok(Err(Message::SyncUnknownTable { table: row.table.chars().take(64).collect() }));
        }
        let columns = schema.table(conn, &row.table)?;
        let mismatch = || Message::SyncSchemaMismatch { table: row.table.clone() };
        let n = row.pk.len();
        if n == 0 || n > columns.len() || row.old.len() != n || row.new.len() != n {
            return Ok(Err(mismatch()));
        }
        if columns.iter().enumerate().any(|(i, c)| c.pk != (i < n && row.pk[i])) {
            return Ok(Err(mismatch()));
        }
        for (i, column) in columns[..n].iter().enumerate() {
            let sides: &[&Option<Value>] = match row.op {
                Op::Insert => &[&row.new[i]],
                Op::Delete => &[&row.old[i]],
                Op::Update if column.pk => &[&row.old[i]],
                Op::Update => &[&row.new[i]],
            };
            for value in sides {
                let refused = match value {
                    // An insert and a delete hold every column, an update its key.
                    None => row.op != Op::Update || column.pk,
                    Some(v) => !column.kind.holds(v) || (matches!(v, Value::Null) && (column.not_null || column.pk)),
                };
                if refused {
                    return Ok(Err(Message::SyncWrongValue { table: row.table.clone(), column: column.name.clone() }));
                }
            }
        }
    }
    Ok(Ok(()))
}

/// Applies `entry` inside the caller's transaction.
pub fn apply_entry(conn: &Connection, entry: &Entry, applied: &mut Applied) -> Result<()> {
    let rows = changes::decode(&entry.changeset)?;
    for row in &rows {
        if !SHARED_TABLES.contains(&row.table.as_str()) {
            continue;
        }
        if !applied.columns.contains_key(&row.table) {
            applied.columns.insert(row.table.clone(), changes::columns(conn, &row.table)?);
        }
        let mut names = applied.columns[&row.table].clone();
        // A device on an older schema writes rows without the columns added
        // since; columns are only ever appended, so its values are the
        // leading ones and the rest keep what they hold (or their defaults).
        if row.pk.len() < names.len() && row.pk.iter().any(|&k| k) {
            names.truncate(row.pk.len());
        }
        if names.len() != row.pk.len() {
            return Err(Error::invalid(Message::SyncSchemaMismatch {
                table: row.table.clone(),
            }));
        }
        apply_row(conn, row, &names, entry, applied)?;
        applied.rows += 1;
    }
    clock::witness(conn, &entry.clock)?;
    Ok(())
}

/// Ends a file: removes rows left without their parent, then numbers the
/// versions of every paper that received one by clock order.
pub fn finish_file(conn: &Connection, applied: &mut Applied) -> Result<()> {
    remove_orphans(conn, applied)?;
    for &paper in &applied.papers {
        renumber(conn, paper)?;
    }
    Ok(())
}

fn apply_row(conn: &Connection, row: &RowChange, names: &[String], entry: &Entry, applied: &mut Applied) -> Result<()> {
    let key = row.key();
    let key_text = key_text(&key);
    let (where_sql, key_params) = where_key(row, names);
    let current: Option<Vec<Value>> = conn
        .query_row(
            &format!("SELECT {} FROM {} WHERE {where_sql}", names.join(", "), row.table),
            params_from_iter(key_params.iter()),
            |r| (0..names.len()).map(|i| r.get::<_, Value>(i)).collect(),
        )
        .optional()?;
    match (row.op, current) {
        (Op::Insert, None) => insert(conn, row, names, entry, applied),
        (Op::Insert, Some(current)) => {
            if IMMUTABLE.contains(&row.table.as_str()) {
                return Ok(());
            }
            merge(conn, row, names, &key_text, &where_sql, &key_params, &current, entry, applied, false)
        }
        (Op::Update, Some(current)) => {
            if row.table == "paper_versions" {
                // Only a version's number changes, and numbers are made here.
                return Ok(());
            }
            merge(conn, row, names, &key_text, &where_sql, &key_params, &current, entry, applied, true)
        }
        (Op::Update, None) => {
            for (col, value) in row.new.iter().enumerate() {
                if let Some(value) = value {
                    keep(conn, &row.table, &key_text, &names[col], value, &entry.clock, &entry.person, Reason::Removed)?;
                    applied.conflicts += 1;
                }
            }
            Ok(())
        }
        (Op::Delete, Some(current)) => {
            // Edits made here after the removal was written are kept aside.
            let later = field_clocks(conn, &row.table, &key_text)?;
            for (col, clock) in later {
                if clock > entry.clock && col < names.len() && !row.pk[col] {
                    keep(conn, &row.table, &key_text, &names[col], &current[col], &clock, "", Reason::Removed)?;
                    applied.conflicts += 1;
                }
            }
            conn.execute(&format!("DELETE FROM {} WHERE {where_sql}", row.table), params_from_iter(key_params.iter()))?;
            conn.execute("DELETE FROM sync_clocks WHERE tbl = ?1 AND pk = ?2", params![row.table, key_text])?;
            Ok(())
        }
        (Op::Delete, None) => Ok(()),
    }
}

fn where_key(row: &RowChange, names: &[String]) -> (String, Vec<Value>) {
    let key = row.key();
    let cols: Vec<String> = names
        .iter()
        .zip(&row.pk)
        .filter(|(_, is_pk)| **is_pk)
        .enumerate()
        .map(|(i, (name, _))| format!("{name} IS ?{}", i + 1))
        .collect();
    (cols.join(" AND "), key)
}

fn insert(conn: &Connection, row: &RowChange, names: &[String], entry: &Entry, applied: &mut Applied) -> Result<()> {
    let mut values: Vec<Value> = row.new.iter().map(|v| v.clone().unwrap_or(Value::Null)).collect();
    if row.table == "paper_versions" {
        // Numbered after the paper's others for now; `renumber` orders them.
        let paper = col_index(names, "paper_id");
        let number = col_index(names, "number");
        if let (Some(p), Some(n)) = (paper, number) {
            if let Value::Integer(paper_id) = values[p] {
                let next: i64 = conn.query_row(
                    "SELECT coalesce(max(number), 0) + 1 FROM paper_versions WHERE paper_id = ?1",
                    [paper_id],
                    |r| r.get(0),
                )?;
                values[n] = Value::Integer(next);
                applied.papers.insert(paper_id);
            }
        }
    }
    let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!("INSERT INTO {} ({}) VALUES ({})", row.table, names.join(", "), marks.join(", ")),
        params_from_iter(values.iter()),
    )?;
    capture::stamp(conn, std::slice::from_ref(row), &entry.clock)
}

#[allow(clippy::too_many_arguments)]
fn merge(
    conn: &Connection,
    row: &RowChange,
    names: &[String],
    key_text: &str,
    where_sql: &str,
    key_params: &[Value],
    current: &[Value],
    entry: &Entry,
    applied: &mut Applied,
    knows_old: bool,
) -> Result<()> {
    let clocks: BTreeMap<usize, Clock> = field_clocks(conn, &row.table, key_text)?.into_iter().collect();
    let mut stamped = Vec::new();
    for (col, new) in row.new.iter().enumerate() {
        let Some(new) = new else { continue };
        if row.pk[col] {
            continue;
        }
        let here = clocks.get(&col).cloned().unwrap_or_else(Clock::zero);
        let cur = &current[col];
        if entry.clock > here {
            // The incoming value wins. The one it replaces lost if the other
            // device had not seen it.
            let unseen = if knows_old { row.old[col].as_ref() != Some(cur) } else { cur != new };
            if unseen && cur != new && here != Clock::zero() && !BOOKKEEPING.contains(&names[col].as_str()) {
                keep(conn, &row.table, key_text, &names[col], cur, &here, "", Reason::Overwritten)?;
                applied.conflicts += 1;
            }
            if cur != new {
                conn.execute(
                    &format!("UPDATE {} SET {} = ?{} WHERE {where_sql}", row.table, names[col], key_params.len() + 1),
                    params_from_iter(key_params.iter().chain(std::iter::once(new))),
                )?;
            }
            stamped.push(col);
        } else if cur != new && !BOOKKEEPING.contains(&names[col].as_str()) {
            keep(conn, &row.table, key_text, &names[col], new, &entry.clock, &entry.person, Reason::Overwritten)?;
            applied.conflicts += 1;
        }
    }
    let clock = entry.clock.to_string();
    for col in stamped {
        conn.execute(
            "INSERT INTO sync_clocks (tbl, pk, col, clock) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (tbl, pk, col) DO UPDATE SET clock = excluded.clock",
            params![row.table, key_text, col as i64, clock],
        )?;
    }
    Ok(())
}

fn col_index(names: &[String], name: &str) -> Option<usize> {
    names.iter().position(|n| n == name)
}

fn field_clocks(conn: &Connection, table: &str, key_text: &str) -> Result<Vec<(usize, Clock)>> {
    let mut stmt = conn.prepare_cached("SELECT col, clock FROM sync_clocks WHERE tbl = ?1 AND pk = ?2")?;
    let rows = stmt.query_map(params![table, key_text], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (col, clock) = row?;
        if let (Ok(col), Some(clock)) = (col.parse::<usize>(), Clock::parse(&clock)) {
            out.push((col, clock));
        }
    }
    Ok(out)
}

/// Keeps a value that lost, once.
#[allow(clippy::too_many_arguments)]
fn keep(
    conn: &Connection,
    table: &str,
    key_text: &str,
    column: &str,
    value: &Value,
    clock: &Clock,
    person: &str,
    reason: Reason,
) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO sync_conflicts (tbl, pk, col, value, clock, person, reason, found_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![table, key_text, column, value, clock.to_string(), person, reason.as_str(), dates::format_moment(dates::now())],
    )?;
    Ok(())
}

/// Removes rows whose parent another device removed, until none is left,
/// keeping each as a conflict.
fn remove_orphans(conn: &Connection, applied: &mut Applied) -> Result<()> {
    for _ in 0..16 {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let broken: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if broken.is_empty() {
            return Ok(());
        }
        let by_key: BTreeSet<(String, i64)> = broken.into_iter().collect();
        for (table, fk) in by_key {
            remove_orphans_of(conn, &table, fk, applied)?;
        }
    }
    Ok(())
}

fn remove_orphans_of(conn: &Connection, table: &str, fk: i64, applied: &mut Applied) -> Result<()> {
    let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_list({table})"))?;
    let links: Vec<(String, String, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, Option<String>>(4)?)))?
        .filter_map(|r| r.ok())
        .filter(|(id, ..)| *id == fk)
        .map(|(_, parent, from, to)| (parent, from, to))
        .collect();
    if links.is_empty() {
        return Ok(());
    }
    let parent = &links[0].0;
    let missing = links
        .iter()
        .map(|(_, from, to)| format!("p.{} IS t.{from}", to.clone().unwrap_or_else(|| "id".into())))
        .collect::<Vec<_>>()
        .join(" AND ");
    let set = links.iter().map(|(_, from, _)| format!("t.{from} IS NOT NULL")).collect::<Vec<_>>().join(" AND ");
    let condition = format!("{set} AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE {missing})");
    let names = changes::primary_key(conn, table)?;
    let mut rows = conn.prepare(&format!("SELECT {} FROM {table} t WHERE {condition}", names.iter().map(|n| format!("t.{n}")).collect::<Vec<_>>().join(", ")))?;
    let keys: Vec<Vec<Value>> = rows
        .query_map([], |r| (0..names.len()).map(|i| r.get::<_, Value>(i)).collect())?
        .collect::<rusqlite::Result<_>>()?;
    let now = dates::format_moment(dates::now());
    for key in &keys {
        conn.execute(
            "INSERT OR IGNORE INTO sync_conflicts (tbl, pk, col, value, clock, person, reason, found_at)
             VALUES (?1, ?2, '', NULL, '', '', ?3, ?4)",
            params![table, key_text(key), Reason::Orphaned.as_str(), now],
        )?;
        applied.conflicts += 1;
    }
    let cond = names.iter().enumerate().map(|(i, n)| format!("{n} IS ?{}", i + 1)).collect::<Vec<_>>().join(" AND ");
    for key in &keys {
        conn.execute(&format!("DELETE FROM {table} WHERE {cond}"), params_from_iter(key.iter()))?;
    }
    Ok(())
}

/// Numbers a paper's versions 1, 2, 3 … in clock order (ties by id), the
/// same order on every device; untouched when already so.
pub fn renumber(conn: &Connection, paper: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT id, number FROM paper_versions WHERE paper_id = ?1 ORDER BY clock, id")?;
    let rows: Vec<(i64, i64)> = stmt
        .query_map([paper], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.iter().enumerate().all(|(i, (_, n))| *n == i as i64 + 1) {
        return Ok(());
    }
    conn.execute("UPDATE paper_versions SET number = number + 1000000 WHERE paper_id = ?1", [paper])?;
    let mut set = conn.prepare_cached("UPDATE paper_versions SET number = ?2 WHERE id = ?1")?;
    for (i, (id, _)) in rows.iter().enumerate() {
        set.execute(params![id, i as i64 + 1])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A change made by a device still on an older schema, whose `officials`
    /// had fewer columns: its values fill the leading columns and the
    /// columns added since keep their defaults.
    #[test]
    fn a_change_from_a_device_on_an_older_schema_applies() {
        let old = Connection::open_in_memory().unwrap();
        old.execute_batch(
            "CREATE TABLE officials (id INTEGER PRIMARY KEY, given_name TEXT NOT NULL, family_name TEXT NOT NULL,
                 chamber TEXT NOT NULL, party TEXT NOT NULL DEFAULT '', constituency TEXT NOT NULL DEFAULT '',
                 created_at TEXT NOT NULL, updated_at TEXT NOT NULL);",
        )
        .unwrap();
        let mut session = rusqlite::session::Session::new(&old).unwrap();
        session.attach(Some("officials")).unwrap();
        old.execute(
            "INSERT INTO officials VALUES (17, 'Ada', 'Older', 'house', 'Liberal', 'Outremont', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let mut changeset = Vec::new();
        session.changeset_strm(&mut changeset).unwrap();
        drop(session);

        let dir = tempfile::tempdir().unwrap();
        let lib = crate::Library::init(&dir.path().join("lib")).unwrap();
        let conn = lib.conn().unwrap();
        let entry = Entry { clock: Clock::parse(&format!("{:016}-0000-{}", 1_800_000_000_000u64, "a1b2c3d4e5f60718")).unwrap(), person: "Ada".into(), changeset };
        let mut applied = Applied::default();
        apply_entry(conn, &entry, &mut applied).unwrap();
        let (name, riding, province, person_id): (String, String, String, Option<i64>) = conn
            .query_row("SELECT family_name, constituency, province, person_id FROM officials WHERE id = 17", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), riding.as_str(), province.as_str(), person_id), ("Older", "Outremont", "", None));
    }
}
