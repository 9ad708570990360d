//! Briefing packets as PDF: the one thing a staffer hands an MP.
//!
//! [`Library::export_packet_pdf`] lays a packet out and returns the bytes;
//! [`Library::export_packet`] writes them to a file and records the export
//! (when, where, pages, size, and the exact versions printed) in
//! `packet_exports`. The work is split by concern: [`fonts`] (bundled faces
//! and fallback), [`shaping`] (bidi and rustybuzz), [`layout`] (lines and
//! pages), [`table`] (tables' columns and rows), [`markdown`] (paper
//! bodies), [`packet`] (what goes on which page), [`tags`] (the structure
//! tree that makes every PDF tagged for screen readers), [`pdf`] (printpdf)
//! and [`outline`] (the lopdf pass).
//!
//! Promises: a file is written to a temporary name in the target folder and
//! renamed into place, so no half-written PDF is ever left behind; every
//! refusal is an [`Error`] that says what to do, never a panic.

pub mod day;
pub mod fonts;
pub mod hyphenate;
pub mod itinerary;
pub mod labels;
pub mod layout;
pub mod markdown;
pub mod outline;
pub mod packet;
pub mod pdf;
pub mod shaping;
pub mod table;
pub mod tags;

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::Serialize;

use crate::dates;
use crate::papers::parse_enum;
use crate::files::{check_target, write_atomically, Target};
use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;
use crate::store::ids::{self, Table};
use crate::progress::Job;
use packet::PacketData;

pub use crate::vocab::{Lang, PaperSize};


/// How to export a packet.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The PDF to write (for [`Library::export_packet`]).
    pub out: PathBuf,
    pub paper: PaperSize,
    /// The language of the packet's own labels.
    pub lang: Lang,
    /// Printed on the cover, in the running header and in the metadata:
    /// the one given, else the library's `organisation` setting, else
    /// [`DEFAULT_ORGANISATION`] (resolved by the library, so every face
    /// prints the same name).
    pub organisation: Option<String>,
    /// The moment printed as "Printed on" and set as creation date; now
    /// when `None`.
    pub at: Option<DateTime<Utc>>,
}

impl Default for ExportOptions {
    fn default() -> Self {
        ExportOptions {
            out: PathBuf::new(),
            paper: PaperSize::Letter,
            lang: Lang::En,
            organisation: None,
            at: None,
        }
    }
}

/// The organisation name used until one is configured.
pub const DEFAULT_ORGANISATION: &str = "Dossier Sample Advocacy Organisation";

/// A paper version held by an export.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportedVersion {
    pub paper_id: i64,
    pub version: i64,
    pub title: String,
    /// False when the version was never published: the packet was a draft.
    pub published: bool,
}

/// A packet laid out and serialised, not yet written anywhere.
#[derive(Debug, Clone)]
pub struct RenderedPacket {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// True when any item is not a published version (the DRAFT mark).
    pub draft: bool,
    /// The versions printed, in packet order, with their row ids.
    pub versions: Vec<(i64, ExportedVersion)>,
}

/// A packet laid out, not yet serialised: what a single export writes,
/// and what a Hill day also joins into one document.
pub(crate) struct LaidOut {
    pub data: PacketData,
    pub composed: packet::Composed,
    pub meta: outline::Meta,
}

impl LaidOut {
    /// The PDF's bytes, calling `tick` after each page.
    pub fn serialise(&self, tick: &mut dyn FnMut(usize, usize) -> Result<()>) -> Result<Vec<u8>> {
        serialise(&self.composed, &self.meta, tick)
    }

    /// What was printed, with `bytes`.
    pub fn rendered(&self, bytes: Vec<u8>) -> RenderedPacket {
        let versions = self
            .data
            .items
            .iter()
            .map(|i| {
                (
                    i.version_id,
                    ExportedVersion {
                        paper_id: i.paper.id,
                        version: i.version.version,
                        title: i.version.title.clone(),
                        published: !i.is_draft(),
                    },
                )
            })
            .collect();
        RenderedPacket { bytes, pages: self.composed.pages.len(), draft: self.data.is_draft(), versions }
    }
}

/// Records in `packet_exports` that packet `id` was written to `out` at
/// `at`, with the versions it printed; returns the export's id.
pub(crate) fn record_export(tx: &rusqlite::Connection, id: i64, at: &str, out: &std::path::Path, rendered: &RenderedPacket, opts: &ExportOptions) -> Result<i64> {
    let export_id = ids::next(tx, Table::PacketExports)?;
    tx.execute(
        "INSERT INTO packet_exports (id, packet_id, exported_at, path, pages, bytes, paper_size, lang)
         VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, at, out.to_string_lossy(), rendered.pages as i64, rendered.bytes.len() as i64, opts.paper.as_str(), opts.lang.as_str(), export_id],
    )?;
    for (k, (version_id, _)) in rendered.versions.iter().enumerate() {
        tx.execute(
            "INSERT INTO packet_export_versions (export_id, position, version_id) VALUES (?1, ?2, ?3)",
            params![export_id, k as i64 + 1, version_id],
        )?;
    }
    Ok(export_id)
}

/// Writes composed pages with printpdf, then the lopdf pass.
pub(crate) fn serialise(composed: &packet::Composed, meta: &outline::Meta, tick: &mut dyn FnMut(usize, usize) -> Result<()>) -> Result<Vec<u8>> {
    let fonts = fonts::fonts().ok_or_else(|| Error::invalid(Message::FontUnreadable {}))?;
    let mut tags = composed.tags.clone();
    let written = pdf::write(fonts, &composed.pages, meta.page_size, &meta.title, &mut tags, tick)?;
    let drawn = outline::Drawn { links: &written.links, targets: &composed.links, tags: &tags, marks: &written.marks };
    outline::finish(pdf::to_lopdf(&written.doc), &drawn, &composed.bookmarks, meta)
        .map_err(|e| Error::invalid(Message::PdfNotAssembled { detail: e.to_string() }))
}

/// What [`Library::export_packet`] did.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ExportReport {
    /// Row id in `packet_exports`.
    pub export_id: i64,
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: u64,
    pub paper: PaperSize,
    pub lang: Lang,
    pub draft: bool,
    pub versions: Vec<ExportedVersion>,
}

/// An export as recorded.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PacketExport {
    pub id: i64,
    pub packet_id: i64,
    pub exported_at: String,
    pub path: String,
    pub pages: i64,
    pub bytes: i64,
    /// The sheet it was printed on (the `paper_size` column).
    pub paper: PaperSize,
    pub lang: Lang,
    pub versions: Vec<ExportedVersion>,
}

/// A step of an export, reported as it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum ExportStep {
    /// Paper `done` of `total` has been laid out.
    Layout { done: usize, total: usize },
    /// Page `done` of `total` has been written.
    Writing { done: usize, total: usize },
    /// The file is in place and the export recorded.
    Done { pages: usize },
}

impl Library {
    /// The organisation a packet or report names: `given` when it has text,
    /// else the library's setting, else [`DEFAULT_ORGANISATION`].
    pub fn organisation(&self, given: Option<&str>) -> Result<String> {
        if let Some(name) = given.map(str::trim).filter(|n| !n.is_empty()) {
            return Ok(name.to_owned());
        }
        Ok(self
            .setting(crate::settings::Setting::Organisation)?
            .map(|n| n.trim().to_owned())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| DEFAULT_ORGANISATION.to_owned()))
    }

    /// Lays packet `id` out and returns the PDF bytes.
    pub fn export_packet_pdf(&self, id: i64, opts: &ExportOptions) -> Result<RenderedPacket> {
        self.render_packet(id, opts, &mut Job::quiet())
    }

    /// Lays packet `id` out and serialises it, reporting each paper laid
    /// out and each page written, and stopping when `job` is cancelled.
    fn render_packet(&self, id: i64, opts: &ExportOptions, job: &mut Job<'_, ExportStep>) -> Result<RenderedPacket> {
        let data = packet::gather(self, id)?;
        let laid = self.lay_out(data, opts, &mut |done, total| {
            job.step(ExportStep::Layout { done, total });
            job.check()
        })?;
        let bytes = laid.serialise(&mut |done, total| {
            job.step(ExportStep::Writing { done, total });
            job.check()
        })?;
        Ok(laid.rendered(bytes))
    }

    /// Lays a packet's data out as `opts` say, calling `tick` after each
    /// paper (an error from it stops there).
    pub(crate) fn lay_out(&self, data: PacketData, opts: &ExportOptions, tick: &mut dyn FnMut(usize, usize) -> Result<()>) -> Result<LaidOut> {
        let organisation = self.organisation(opts.organisation.as_deref())?;
        let fonts = fonts::fonts().ok_or_else(|| Error::invalid(Message::FontUnreadable {}))?;
        let geo = packet::Geometry::of(opts.paper);
        let (width, height) = (geo.width, geo.height);
        let at = opts.at.unwrap_or_else(dates::now);
        let printed_on = labels::long_date(at.date_naive(), opts.lang);
        tick(0, data.items.len())?;
        let composed = packet::compose(fonts, &data, geo, opts.lang, &organisation, &printed_on, tick)?;
        let official = data.official.as_ref().map(|o| o.name.clone()).unwrap_or_default();
        let meta = outline::Meta {
            title: data.packet.title.clone(),
            author: if data.packet.prepared_by.trim().is_empty() { organisation.clone() } else { data.packet.prepared_by.clone() },
            subject: format!("{}: {}", labels::labels(opts.lang).briefing_packet, official).trim_end_matches([':', ' ']).to_owned(),
            keywords: data.items.iter().map(|i| i.version.title.as_str()).collect::<Vec<_>>().join("; "),
            created: at,
            lang: opts.lang.tag().to_owned(),
            cover_label: Some(labels::labels(opts.lang).cover.to_owned()),
            page_size: (width, height),
        };
        Ok(LaidOut { data, composed, meta })
    }

    /// Exports packet `id` to `opts.out` and records the export.
    pub fn export_packet(&mut self, id: i64, opts: &ExportOptions) -> Result<ExportReport> {
        self.export_packet_watched(id, opts, &mut Job::quiet())
    }

    /// [`Library::export_packet`], laid out once, with each step reported
    /// to `job`; a cancel before the file is written leaves no file and no
    /// record.
    pub fn export_packet_watched(&mut self, id: i64, opts: &ExportOptions, job: &mut Job<'_, ExportStep>) -> Result<ExportReport> {
        // The export is recorded in the library: refuse before writing a file.
        self.ensure_writable()?;
        let out = check_target(&opts.out, Target::Pdf)?;
        let rendered = self.render_packet(id, opts, job)?;
        job.check()?;
        write_atomically(&out, &rendered.bytes)?;
        let at = dates::format_moment(opts.at.unwrap_or_else(dates::now));
        let bytes = rendered.bytes.len() as u64;
        let export_id = self.write(|tx| record_export(tx, id, &at, &out, &rendered, opts))?;
        Ok(ExportReport {
            export_id,
            path: out,
            pages: rendered.pages,
            bytes,
            paper: opts.paper,
            lang: opts.lang,
            draft: rendered.draft,
            versions: rendered.versions.into_iter().map(|(_, v)| v).collect(),
        })
        .inspect(|report| {
            tracing::info!(packet = id, pages = report.pages, bytes = report.bytes, lang = report.lang.as_str(), "exported a packet");
            job.step(ExportStep::Done { pages: report.pages })
        })
    }

    /// The recorded exports of packet `id`, newest first.
    pub fn packet_exports(&self, id: i64) -> Result<Vec<PacketExport>> {
        self.packet(id)?;
        let mut stmt = self.conn()?.prepare(
            "SELECT id, packet_id, exported_at, path, pages, bytes, paper_size, lang FROM packet_exports
             WHERE packet_id = ?1 ORDER BY exported_at DESC, id DESC",
        )?;
        let mut exports: Vec<PacketExport> = stmt
            .query_map([id], |r| {
                Ok(PacketExport {
                    id: r.get(0)?,
                    packet_id: r.get(1)?,
                    exported_at: r.get(2)?,
                    path: r.get(3)?,
                    pages: r.get(4)?,
                    bytes: r.get(5)?,
                    paper: parse_enum(r.get(6)?, 6)?,
                    lang: parse_enum(r.get(7)?, 7)?,
                    versions: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut versions = self.conn()?.prepare(
            "SELECT v.paper_id, v.number, v.title,
                    EXISTS (SELECT 1 FROM publications p WHERE p.version_id = v.id AND p.published_at <= e.exported_at)
             FROM packet_export_versions x JOIN paper_versions v ON v.id = x.version_id
             JOIN packet_exports e ON e.id = x.export_id
             WHERE x.export_id = ?1 ORDER BY x.position",
        )?;
        for e in &mut exports {
            e.versions = versions
                .query_map([e.id], |r| {
                    Ok(ExportedVersion { paper_id: r.get(0)?, version: r.get(1)?, title: r.get(2)?, published: r.get(3)? })
                })?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(exports)
    }
}

