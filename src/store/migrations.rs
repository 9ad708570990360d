//! Numbered schema migrations, applied in order in one transaction.
//!
//! The schema version lives in `PRAGMA user_version`. A shipped migration is
//! never edited: a change to the schema is a new numbered file.

use std::path::Path;

use rusqlite::Connection;

use crate::error::{Error, Result};

/// The migrations, in order; migration `i` brings the schema to version `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_originals_and_settings.sql"),
    include_str!("migrations/003_team_library.sql"),
    include_str!("migrations/004_parliament.sql"),
    include_str!("migrations/005_hill_day.sql"),
    include_str!("migrations/006_sync_quarantine.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database up to [`SCHEMA_VERSION`], or refuses a newer one.
/// `before` runs first when an existing library (schema 1 or later) is about
/// to be migrated; if it fails, nothing is migrated.
pub(super) fn migrate(
    conn: &mut Connection,
    path: &Path,
    before: impl FnOnce(&Connection, i64) -> Result<()>,
) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_owned(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    if found >= 1 {
        before(conn, found)?;
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    // Another process may have migrated while we waited for the lock; and
    // the schema the migrations run on must be the one they expect, or a
    // trigger of someone else's would run with them.
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    super::check_schema_at(&tx, found)?;
    apply(&tx, found, SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Runs the migrations that bring a database at version `from` to version
/// `to`, inside the caller's transaction.
pub(super) fn apply(conn: &Connection, from: i64, to: i64) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().take(to.max(0) as usize).skip(from.max(0) as usize) {
        conn.execute_batch(sql)?;
        conn.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}
