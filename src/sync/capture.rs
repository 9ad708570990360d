//! Recording each write transaction's changes while the library is in a
//! team, inside that transaction.
//!
//! [`start`] attaches a SQLite session to the shared tables before a write;
//! [`finish`] takes its changeset before the commit and stores it in
//! `sync_outbox` with a fresh clock, and stamps every field it set with
//! that clock in `sync_clocks`. The write and its record commit together.

use rusqlite::session::Session;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;
use crate::sync::changes::{self, Op, RowChange, SHARED_TABLES};
use crate::sync::clock::{self, Clock};

/// Whether this library is in a team (its writes are recorded).
pub fn in_team(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row("SELECT team IS NOT NULL FROM sync_device WHERE id = 1", [], |r| r.get::<_, bool>(0))
        .optional()?
        .unwrap_or(false))
}

/// A session recording the shared tables, or `None` for a library alone.
pub fn start(conn: &Connection) -> Result<Option<Session<'_>>> {
    if !in_team(conn)? {
        return Ok(None);
    }
    let mut session = Session::new(conn)?;
    for table in SHARED_TABLES {
        session.attach(Some(*table))?;
    }
    Ok(Some(session))
}

/// Stores what `session` recorded, if anything, as one change of this
/// device. Runs inside the writing transaction, before its commit.
pub fn finish(conn: &Connection, mut session: Session<'_>) -> Result<()> {
    if session.is_empty() {
        return Ok(());
    }
    let mut changeset = Vec::new();
    session.changeset_strm(&mut changeset)?;
    drop(session);
    let rows = changes::decode(&changeset)?;
    if rows.is_empty() {
        return Ok(());
    }
    let clock = clock::issue(conn)?;
    let person: String = conn.query_row("SELECT person FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
    conn.execute(
        "INSERT INTO sync_outbox (clock, person, changeset) VALUES (?1, ?2, ?3)",
        params![clock.to_string(), person, changeset],
    )?;
    stamp(conn, &rows, &clock)
}

/// Records `clock` as the last writer of every field `rows` set, and forgets
/// the fields of removed rows.
pub fn stamp(conn: &Connection, rows: &[RowChange], clock: &Clock) -> Result<()> {
    let clock = clock.to_string();
    let mut set = conn.prepare_cached(
        "INSERT INTO sync_clocks (tbl, pk, col, clock) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (tbl, pk, col) DO UPDATE SET clock = excluded.clock",
    )?;
    let mut forget = conn.prepare_cached("DELETE FROM sync_clocks WHERE tbl = ?1 AND pk = ?2")?;
    for row in rows {
        let key = row.key_text();
        match row.op {
            Op::Delete => {
                forget.execute(params![row.table, key])?;
            }
            Op::Insert | Op::Update => {
                for (col, value) in row.new.iter().enumerate() {
                    if value.is_some() && !row.pk[col] {
                        set.execute(params![row.table, key, col as i64, clock])?;
                    }
                }
            }
        }
    }
    Ok(())
}
