//! Reading parts out of ZIP containers (DOCX, ODT) without trusting them.
//!
//! A ZIP's headers say how large each entry is, but a hostile or damaged
//! file can lie, and a few hundred kilobytes can inflate to gigabytes. So
//! every entry is read through a counting limit: no part larger than
//! [`MAX_PART_BYTES`], no more than [`MAX_TOTAL_BYTES`] for the whole file,
//! and no part inflating more than [`MAX_RATIO`] times its compressed size
//! beyond the first megabyte. Promise: whatever the bytes, a refusal is an
//! [`Error::Invalid`] naming the file, never a panic or an exhausted memory.
//!
//! Entry names are never paths: the container is read in memory, a part is
//! found by the exact name its format fixes (`word/document.xml`), and
//! nothing is extracted, so an entry named `../../.bashrc` or `/etc/passwd`
//! is never looked up, written or read — it is simply not a part.

use std::io::{Cursor, Read};
use std::path::Path;

use zip::result::ZipError;
use zip::ZipArchive;

use crate::error::{Error, Result};
use crate::message::Message;

/// The largest single part read from a container.
pub(super) const MAX_PART_BYTES: u64 = 100 * 1024 * 1024;
/// The most read from one container in total.
pub(super) const MAX_TOTAL_BYTES: u64 = 200 * 1024 * 1024;
/// How many times its compressed size a part may inflate to (past 1 MB).
/// Word-processor XML compresses 5 to 30 times; bombs, thousands of times.
pub(super) const MAX_RATIO: u64 = 200;

/// An opened container and how much has been read from it.
pub(super) struct Container<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    path: &'a Path,
    kind: &'static str,
    read: u64,
}

impl<'a> Container<'a> {
    /// Opens `bytes` as a ZIP; `kind` ("DOCX", "ODT") names what it should be.
    pub fn open(bytes: &'a [u8], path: &'a Path, kind: &'static str) -> Result<Self> {
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            Error::invalid(Message::NotZip {
                path: path.display().to_string(),
                kind: kind.to_owned(),
                detail: short(&e),
            })
        })?;
        Ok(Container {
            archive,
            path,
            kind,
            read: 0,
        })
    }

    /// The part named `name`, or `None` when the container has none.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let path = self.path;
        let kind = self.kind;
        let damaged = |e: &dyn std::fmt::Display| {
            Error::invalid(Message::ZipDamaged {
                path: path.display().to_string(),
                kind: kind.to_owned(),
                part: name.to_owned(),
                detail: e.to_string(),
            })
        };
        let entry = match self.archive.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(&short(&e))),
        };
        if entry.encrypted() {
            return Err(Error::invalid(Message::ZipEncrypted { path: path.display().to_string(), kind: kind.to_owned() }));
        }
        let declared = entry.size();
        let remaining = MAX_TOTAL_BYTES.saturating_sub(self.read);
        let by_ratio = entry.compressed_size().saturating_mul(MAX_RATIO).saturating_add(1024 * 1024);
        let limit = MAX_PART_BYTES.min(remaining).min(by_ratio);
        let bomb = || {
            Error::invalid(Message::ZipBomb {
                path: path.display().to_string(),
                kind: kind.to_owned(),
                part: name.to_owned(),
                limit_mb: (limit / (1024 * 1024)) as i64,
            })
        };
        if declared > limit {
            return Err(bomb());
        }
        // The header's size is only a hint: the limit is enforced on what
        // actually comes out.
        let mut out = Vec::with_capacity(declared.min(limit) as usize);
        entry
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| damaged(&e))?;
        if out.len() as u64 > limit {
            return Err(bomb());
        }
        self.read += out.len() as u64;
        Ok(Some(out))
    }

    /// The part named `name`, refusing a container without it.
    pub fn required(&mut self, name: &str) -> Result<Vec<u8>> {
        self.part(name)?.ok_or_else(|| {
            Error::invalid(Message::ZipPartMissing {
                path: self.path.display().to_string(),
                kind: self.kind.to_owned(),
                part: name.to_owned(),
            })
        })
    }
}

fn short(e: &ZipError) -> String {
    match e {
        ZipError::InvalidArchive(m) => m.to_string(),
        ZipError::UnsupportedArchive(m) => format!("unsupported: {m}"),
        other => other.to_string(),
    }
}
