//! Reading SQLite changesets into owned rows, and the list of tables a team
//! shares.
//!
//! A changeset is SQLite's own record of a transaction's net effect: per
//! row, by primary key, an insert (new values), a delete (old values) or an
//! update (the primary key, and the old and new values of changed columns).

use rusqlite::fallible_streaming_iterator::FallibleStreamingIterator;
use rusqlite::hooks::Action;
use rusqlite::session::ChangesetIter;
use rusqlite::types::Value;

use crate::error::Result;

/// The tables every device of a team holds alike. Everything else
/// (`sync_*`, `search_outbox`) belongs to one device.
pub const SHARED_TABLES: &[&str] = &[
    "papers",
    "paper_tags",
    "paper_versions",
    "publications",
    "campaigns",
    "campaign_tags",
    "campaign_papers",
    "officials",
    "official_roles",
    "engagements",
    "engagement_officials",
    "engagement_papers",
    "engagement_subjects",
    "subject_matters",
    "packets",
    "packet_items",
    "packet_exports",
    "packet_export_versions",
    "originals",
    "version_sources",
    "settings",
];

/// More columns than any table holds (SQLite's own limit): a changeset
/// naming more is not one of ours.
const MAX_COLUMNS: usize = 2000;

/// What happened to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Insert,
    Update,
    Delete,
}

/// One row's change, with owned values. `old` and `new` have one slot per
/// column: `None` where the changeset holds no value (an update's unchanged
/// columns; the old side of an insert; the new side of a delete).
#[derive(Debug, Clone, PartialEq)]
pub struct RowChange {
    pub table: String,
    pub op: Op,
    /// Which columns make the primary key.
    pub pk: Vec<bool>,
    pub old: Vec<Option<Value>>,
    pub new: Vec<Option<Value>>,
}

impl RowChange {
    /// The primary key's values, from whichever side holds them.
    pub fn key(&self) -> Vec<Value> {
        let side = if self.op == Op::Insert { &self.new } else { &self.old };
        self.pk
            .iter()
            .zip(side)
            .filter(|(is_pk, _)| **is_pk)
            .map(|(_, v)| v.clone().unwrap_or(Value::Null))
            .collect()
    }

    /// The primary key as text, the form device-local tables keep it in.
    pub fn key_text(&self) -> String {
        key_text(&self.key())
    }
}

/// A primary key's values as one text: each value tagged with its type and
/// separated by U+001F, so `1` and `'1'` stay apart.
pub fn key_text(values: &[Value]) -> String {
    values
        .iter()
        .map(|v| match v {
            Value::Integer(i) => format!("i{i}"),
            Value::Text(t) => format!("t{t}"),
            Value::Real(r) => format!("r{r}"),
            Value::Blob(b) => format!("b{}", b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
            Value::Null => "n".to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

/// The column names of `table`, in order.
pub fn columns(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(1))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The columns of `table`'s primary key, in key order.
pub fn primary_key(conn: &rusqlite::Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let mut rows: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(5)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rows.retain(|(pk, _)| *pk > 0);
    rows.sort();
    Ok(rows.into_iter().map(|(_, name)| name).collect())
}

/// Reads every row change of `changeset`.
pub fn decode(changeset: &[u8]) -> Result<Vec<RowChange>> {
    let mut reader: &[u8] = changeset;
    let input: &mut dyn std::io::Read = &mut reader;
    let mut iter = ChangesetIter::start_strm(&input)?;
    let mut out = Vec::new();
    while let Some(item) = iter.next()? {
        let op = item.op()?;
        let columns = usize::try_from(op.number_of_columns()).unwrap_or(usize::MAX);
        if columns > MAX_COLUMNS {
            return Err(crate::error::Error::invalid(crate::message::Message::SyncFileMalformed {}));
        }
        let table = op.table_name().to_owned();
        let code = op.code();
        let pk: Vec<bool> = item.pk()?.iter().map(|&b| b != 0).collect();
        let op = match code {
            Action::SQLITE_INSERT => Op::Insert,
            Action::SQLITE_UPDATE => Op::Update,
            Action::SQLITE_DELETE => Op::Delete,
            _ => continue,
        };
        let mut old = vec![None; columns];
        let mut new = vec![None; columns];
        for col in 0..columns {
            if op != Op::Insert {
                old[col] = item.old_value(col).ok().and_then(|v| Value::try_from(v).ok());
            }
            if op != Op::Delete {
                new[col] = item.new_value(col).ok().and_then(|v| Value::try_from(v).ok());
            }
        }
        out.push(RowChange { table, op, pk, old, new });
    }
    Ok(out)
}
