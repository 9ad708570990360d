//! The files papers were imported from, kept byte for byte.
//!
//! Each imported file is stored once in `originals`, keyed by the SHA-256 of
//! its bytes, and `version_sources` says which version was made from which
//! file, under what name and format. Promises: a version and its source are
//! written in one transaction (there is never a version claiming a file that
//! is not stored, nor a stored file without its version), the same bytes are
//! stored once however often they are imported, and what
//! [`Library::original`] returns is exactly what was read.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::message::Message;
use crate::import::SourceFile;
use crate::library::Library;
use crate::papers::{Draft, NewPaper, PaperVersion};
use crate::dates;

/// An original file, as imported.
#[derive(Debug, Clone, Serialize)]
pub struct Original {
    pub paper_id: i64,
    /// The version made from it.
    pub version: i64,
    pub file_name: String,
    pub format: String,
    pub sha256: String,
    pub size: i64,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}

/// Stores `source` (once) and links it to version `number` of `paper_id`.
fn link_source(tx: &Connection, paper_id: i64, number: i64, source: &SourceFile) -> Result<()> {
    tx.execute(
        "INSERT INTO originals (sha256, bytes, size, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (sha256) DO NOTHING",
        params![source.sha256, source.bytes, source.bytes.len() as i64, dates::format_moment(dates::now())],
    )?;
    tx.execute(
        "INSERT INTO version_sources (version_id, sha256, file_name, format)
         SELECT id, ?3, ?4, ?5 FROM paper_versions WHERE paper_id = ?1 AND number = ?2",
        params![paper_id, number, source.sha256, source.file_name(), source.format.as_str()],
    )?;
    Ok(())
}

impl Library {
    /// Creates a paper from an imported file and keeps the file, together.
    pub fn add_paper_from_file(&mut self, new: NewPaper, source: &SourceFile) -> Result<PaperVersion> {
        self.atomically(|lib| {
            let v = lib.add_paper(new)?;
            lib.write(|tx| link_source(tx, v.paper_id, v.version, source))?;
            Ok(v)
        })
    }

    /// Appends a version from an imported file and keeps the file, together.
    pub fn save_version_from_file(&mut self, id: i64, draft: Draft, source: &SourceFile) -> Result<PaperVersion> {
        self.atomically(|lib| {
            let v = lib.save_version(id, draft)?;
            lib.write(|tx| link_source(tx, v.paper_id, v.version, source))?;
            Ok(v)
        })
    }

    /// The paper that already has a version imported from a file with
    /// these bytes (the first such paper), if any.
    pub fn paper_with_original(&self, sha256: &str) -> Result<Option<i64>> {
        Ok(self
            .conn()?
            .query_row(
                "SELECT v.paper_id FROM version_sources s JOIN paper_versions v ON v.id = s.version_id
                 WHERE s.sha256 = ?1 ORDER BY v.paper_id, v.number LIMIT 1",
                [sha256],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The file version `number` of paper `paper_id` was imported from; with
    /// no number, the file of the newest version that came from one.
    pub fn original(&self, paper_id: i64, number: Option<i64>) -> Result<Original> {
        self.paper(paper_id)?;
        if let Some(n) = number {
            self.version(paper_id, n)?;
        }
        let found = self
            .conn()?
            .query_row(
                "SELECT v.number, s.file_name, s.format, o.sha256, o.size, o.bytes
                 FROM paper_versions v
                 JOIN version_sources s ON s.version_id = v.id
                 JOIN originals o ON o.sha256 = s.sha256
                 WHERE v.paper_id = ?1 AND (?2 IS NULL OR v.number = ?2)
                 ORDER BY v.number DESC LIMIT 1",
                params![paper_id, number],
                |r| {
                    Ok(Original {
                        paper_id,
                        version: r.get(0)?,
                        file_name: r.get(1)?,
                        format: r.get(2)?,
                        sha256: r.get(3)?,
                        size: r.get(4)?,
                        bytes: r.get(5)?,
                    })
                },
            )
            .optional()?;
        // A version typed in the app has no file behind it.
        found.ok_or_else(|| match number {
            Some(n) => Error::NotFound(Message::NoOriginal { paper: paper_id, version: Some(n) }),
            None => Error::NotFound(Message::NoOriginal { paper: paper_id, version: None }),
        })
    }
}
