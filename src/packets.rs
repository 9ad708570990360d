//! Briefing packets: a title, the meeting and office holder they are for,
//! talking points, and an ordered list of papers, each pinned to a version or
//! to whichever version is published when the packet is exported.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::papers::Status;
use crate::store::ids::{self, Table};

/// A paper in a packet.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PacketItem {
    pub id: i64,
    /// 1-based place in the packet.
    pub position: i64,
    pub paper_id: i64,
    /// Title of the paper's latest version.
    pub title: String,
    /// The pinned version, or `None` for "latest published".
    pub pinned_version: Option<i64>,
}

/// A packet as listed and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Packet {
    pub id: i64,
    pub title: String,
    pub official_id: Option<i64>,
    pub engagement_id: Option<i64>,
    pub meeting_on: Option<String>,
    /// Who prepared the packet, for its cover.
    pub prepared_by: String,
    /// Talking points and the ask, in Markdown.
    pub notes: String,
    pub items: Vec<PacketItem>,
    pub created_at: String,
    pub updated_at: String,
}

/// A packet after a paper was added, and what the person adding it should
/// know now rather than when the packet is printed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ItemAdded {
    pub packet: Packet,
    /// [`Message::PacketAddUnpublished`] when the paper follows its latest
    /// published version and has none yet.
    pub warnings: Vec<Message>,
}

/// A packet about to be created.
#[derive(Debug, Clone, Default)]
pub struct NewPacket {
    pub title: String,
    pub official_id: Option<i64>,
    pub engagement_id: Option<i64>,
    pub meeting_on: Option<NaiveDate>,
    pub prepared_by: String,
}

impl Library {
    /// Creates an empty packet.
    pub fn create_packet(&mut self, new: NewPacket) -> Result<Packet> {
        if new.title.trim().is_empty() {
            return Err(Error::invalid(Message::PacketNeedsTitle {}));
        }
        if let Some(o) = new.official_id {
            self.official_exists(o)?;
        }
        if let Some(e) = new.engagement_id {
            self.engagement(e)?;
        }
        let now = dates::format_moment(dates::now());
        let id = self.write(|tx| {
            let id = ids::next(tx, Table::Packets)?;
            tx.execute(
                "INSERT INTO packets (id, title, official_id, engagement_id, meeting_on, prepared_by, created_at, updated_at)
                 VALUES (?7, ?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![
                    new.title.trim(),
                    new.official_id,
                    new.engagement_id,
                    new.meeting_on.map(dates::format_date),
                    new.prepared_by.trim(),
                    now,
                    id
                ],
            )?;
            Ok(id)
        })?;
        self.packet(id)
    }

    /// Appends paper `paper_id` to a packet, pinned to `version` or, when
    /// `None`, to the latest published version.
    ///
    /// An archived paper is refused here rather than when the packet is
    /// printed. A paper with no published version may be added to follow
    /// its latest published one (it may be published before the meeting),
    /// with a warning now, since printing refuses it until then.
    pub fn add_packet_item(&mut self, packet: i64, paper_id: i64, version: Option<i64>) -> Result<ItemAdded> {
        self.packet(packet)?;
        let paper = self.paper(paper_id)?;
        if paper.status == Status::Archived {
            return Err(Error::conflict(Message::PacketAddArchived { packet, paper: paper.id, title: paper.title }));
        }
        let version_id = match version {
            Some(n) => Some(self.version_id(paper_id, n)?),
            None => None,
        };
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            let id = ids::next(tx, Table::PacketItems)?;
            tx.execute(
                "INSERT INTO packet_items (id, packet_id, position, paper_id, version_id)
                 VALUES (?4, ?1, (SELECT coalesce(max(position), 0) + 1 FROM packet_items WHERE packet_id = ?1), ?2, ?3)",
                params![packet, paper_id, version_id, id],
            )?;
            tx.execute("UPDATE packets SET updated_at = ?2 WHERE id = ?1", params![packet, now])?;
            Ok(())
        })?;
        let mut warnings = Vec::new();
        if version.is_none() && !self.has_version_in_force(paper_id)? {
            warnings.push(Message::PacketAddUnpublished { packet, paper: paper.id, title: paper.title });
        }
        Ok(ItemAdded { packet: self.packet(packet)?, warnings })
    }

    /// Whether paper `id` has a version published by now.
    fn has_version_in_force(&self, id: i64) -> Result<bool> {
        match self.version_in_force(id, None) {
            Ok(_) => Ok(true),
            Err(Error::NotFound(Message::NoPublishedVersion { .. })) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Removes an item from a packet and closes the gap.
    pub fn remove_packet_item(&mut self, packet: i64, item: i64) -> Result<Packet> {
        let position = self.item_position(packet, item)?;
        self.write(|tx| {
            tx.execute("DELETE FROM packet_items WHERE id = ?1", [item])?;
            tx.execute(
                "UPDATE packet_items SET position = position - 1 WHERE packet_id = ?1 AND position > ?2",
                params![packet, position],
            )?;
            Ok(())
        })?;
        self.packet(packet)
    }

    /// Moves an item to 1-based `position` (clamped to the packet's length).
    pub fn move_packet_item(&mut self, packet: i64, item: i64, position: i64) -> Result<Packet> {
        let from = self.item_position(packet, item)?;
        let len = self.packet(packet)?.items.len() as i64;
        let to = position.clamp(1, len.max(1));
        self.write(|tx| {
            if to < from {
                tx.execute(
                    "UPDATE packet_items SET position = position + 1 WHERE packet_id = ?1 AND position >= ?2 AND position < ?3",
                    params![packet, to, from],
                )?;
            } else if to > from {
                tx.execute(
                    "UPDATE packet_items SET position = position - 1 WHERE packet_id = ?1 AND position > ?2 AND position <= ?3",
                    params![packet, from, to],
                )?;
            }
            tx.execute("UPDATE packet_items SET position = ?2 WHERE id = ?1", params![item, to])?;
            Ok(())
        })?;
        self.packet(packet)
    }

    /// Pins an item to version `version`, or to "latest published" when `None`.
    pub fn pin_packet_item(&mut self, packet: i64, item: i64, version: Option<i64>) -> Result<Packet> {
        self.item_position(packet, item)?;
        let paper: i64 = self
            .conn()?
            .query_row("SELECT paper_id FROM packet_items WHERE id = ?1", [item], |r| r.get(0))?;
        let version_id = match version {
            Some(n) => Some(self.version_id(paper, n)?),
            None => None,
        };
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            tx.execute("UPDATE packet_items SET version_id = ?2 WHERE id = ?1", params![item, version_id])?;
            tx.execute("UPDATE packets SET updated_at = ?2 WHERE id = ?1", params![packet, now])?;
            Ok(())
        })?;
        self.packet(packet)
    }

    /// Replaces a packet's talking points.
    pub fn set_packet_notes(&mut self, packet: i64, notes: &str) -> Result<Packet> {
        self.packet(packet)?;
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            tx.execute(
                "UPDATE packets SET notes = ?2, updated_at = ?3 WHERE id = ?1",
                params![packet, notes.trim(), now],
            )?;
            Ok(())
        })?;
        self.packet(packet)
    }

    fn item_position(&self, packet: i64, item: i64) -> Result<i64> {
        self.packet(packet)?;
        self.conn()?
            .query_row(
                "SELECT position FROM packet_items WHERE id = ?1 AND packet_id = ?2",
                params![item, packet],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(Message::NoPacketItem { packet, item }))
    }

    /// One packet with its items in order.
    pub fn packet(&self, id: i64) -> Result<Packet> {
        self.query_packets("WHERE id = ?1", params![id])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Packet, id))
    }

    /// Every packet, most recently changed first.
    pub fn packets(&self) -> Result<Vec<Packet>> {
        self.query_packets("", params![])
    }

    fn query_packets(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Packet>> {
        let mut stmt = self.conn()?.prepare(&format!(
            "SELECT id, title, official_id, engagement_id, meeting_on, notes, created_at, updated_at, prepared_by
             FROM packets {filter} ORDER BY updated_at DESC, id DESC"
        ))?;
        let packets: Vec<Packet> = stmt
            .query_map(args, |r| {
                Ok(Packet {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    official_id: r.get(2)?,
                    engagement_id: r.get(3)?,
                    meeting_on: r.get(4)?,
                    notes: r.get(5)?,
                    created_at: r.get(6)?,
                    updated_at: r.get(7)?,
                    prepared_by: r.get(8)?,
                    items: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn()?.prepare(
            "SELECT i.id, i.position, i.paper_id, v.title, (SELECT number FROM paper_versions pin WHERE pin.id = i.version_id)
             FROM packet_items i
             JOIN paper_versions v ON v.paper_id = i.paper_id
              AND v.number = (SELECT max(number) FROM paper_versions WHERE paper_id = i.paper_id)
             WHERE i.packet_id = ?1 ORDER BY i.position, i.id",
        )?;
        packets
            .into_iter()
            .map(|mut p| {
                p.items = items
                    .query_map([p.id], |r| {
                        Ok(PacketItem {
                            id: r.get(0)?,
                            position: r.get(1)?,
                            paper_id: r.get(2)?,
                            title: r.get(3)?,
                            pinned_version: r.get(4)?,
                        })
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(p)
            })
            .collect()
    }
}
