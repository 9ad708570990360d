//! Making the id of a new row, so that no two devices of a team ever make
//! the same one and ids stay small numbers people type.
//!
//! This device makes only ids `≡ slot (mod step)`, each above every id its
//! table holds or has held here (`sync_ids` remembers the highest made, so a
//! removed row's id is never made again). A library alone has slot 0 and
//! step 1: ids 1, 2, 3 … as before it joined a team. See `crate::sync`.

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::Result;

/// The tables whose rows get an id made here; every other shared table is
/// keyed by what it holds (tags, links, settings, original files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Papers,
    PaperVersions,
    Publications,
    Campaigns,
    Officials,
    OfficialRoles,
    Engagements,
    Packets,
    PacketItems,
    PacketExports,
}

impl Table {
    /// The table's name in the schema.
    pub fn name(self) -> &'static str {
        match self {
            Table::Papers => "papers",
            Table::PaperVersions => "paper_versions",
            Table::Publications => "publications",
            Table::Campaigns => "campaigns",
            Table::Officials => "officials",
            Table::OfficialRoles => "official_roles",
            Table::Engagements => "engagements",
            Table::Packets => "packets",
            Table::PacketItems => "packet_items",
            Table::PacketExports => "packet_exports",
        }
    }
}

/// This device's slot and step.
pub fn slot_and_step(conn: &Connection) -> Result<(i64, i64)> {
    Ok(conn
        .query_row("SELECT slot, step FROM sync_device WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, 1)))
}

/// The smallest id above `base` that is `≡ slot (mod step)`.
pub fn after(base: i64, slot: i64, step: i64) -> i64 {
    let first = base + 1;
    first + (slot - first).rem_euclid(step)
}

/// Makes the id of a new row of `table`, inside the writing transaction.
pub fn next(conn: &Connection, table: Table) -> Result<i64> {
    let (slot, step) = slot_and_step(conn)?;
    let name = table.name();
    let max: i64 = conn.query_row(&format!("SELECT coalesce(max(id), 0) FROM {name}"), [], |r| r.get(0))?;
    let high: i64 = conn
        .query_row("SELECT high FROM sync_ids WHERE tbl = ?1", [name], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let id = after(max.max(high), slot, step);
    conn.execute(
        "INSERT INTO sync_ids (tbl, high) VALUES (?1, ?2) ON CONFLICT (tbl) DO UPDATE SET high = excluded.high",
        params![name, id],
    )?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_different_slots_never_meet() {
        let mut seen = std::collections::BTreeSet::new();
        for slot in 0..16 {
            let mut base = 0;
            for _ in 0..50 {
                let id = after(base, slot, 16);
                assert_eq!(id.rem_euclid(16), slot);
                assert!(id > base);
                assert!(seen.insert(id), "{id} made twice");
                // Another device's rows push the base on.
                base = id + (slot * 7) % 5;
            }
        }
    }

    #[test]
    fn a_library_alone_counts_one_by_one() {
        assert_eq!(after(0, 0, 1), 1);
        assert_eq!(after(41, 0, 1), 42);
        assert_eq!(after(41, 3, 16), 51);
        assert_eq!(after(51, 3, 16), 67);
    }
}
