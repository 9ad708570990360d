//! A Hill day: every meeting and call planned on one date, printed at once.
//!
//! Design:
//! - **Which meetings.** The oral engagements (meetings and calls,
//!   [`EngagementKind::is_oral`]) dated on the day, in the order of the
//!   day: by time, those without a time last, then by id.
//! - **Which packet.** The packet linked to the engagement
//!   (`packets.engagement_id`; the one updated last when there are several)
//!   is printed as it is. A meeting without one gets a new packet built
//!   from the engagement: titled by its subject, for its first office
//!   holder, holding the papers it lists at the versions it lists, prepared
//!   by the author rule. A paper archived since is left out with a warning;
//!   a meeting with no papers still gets its cover and the office holder's
//!   page.
//! - **What is written** in the chosen folder (made when missing), with
//!   names in the day's language:
//!   - `DATE NN TIME NAME.pdf`, one per meeting (`2026-12-02 01 10h30
//!     Jean-Luc Bérubé.pdf`);
//!   - `DATE itinerary.pdf`: time, place, the office holder with title,
//!     party and riding, who from our side attends, the subject, the papers
//!     in the packet and where it starts in the combined PDF;
//!   - `DATE all packets.pdf`: every packet in meeting order for
//!     double-sided printing. Each packet starts on a right-hand (odd)
//!     page, a blank page added before it when needed, and has one outline
//!     entry holding the packet's own.
//! - **Nothing half done.** Every packet is laid out before anything is
//!   written or stored, so a refusal (an archived paper in a linked packet,
//!   a paper with nothing published that a packet follows) or a cancel
//!   leaves no file and no new packet. Then each file is written whole
//!   (temporary name, then renamed), and one transaction stores the new
//!   packets and records each meeting's export, as a single export does.
//! - **Refused before any work:** a day with no meeting or call
//!   (`day_nothing_planned`), a folder that is a file
//!   (`day_folder_not_a_folder`), a file of the same name that is not a PDF
//!   (`target_other_kind`), a read-only library.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use super::layout::{LinkTarget, Shape};
use super::tags::Tags;
use super::outline::{Bookmark, Meta};
use super::packet::{self, Composed, Geometry};
use super::pdf::PageOut;
use super::{fonts, itinerary, labels, record_export, serialise, ExportOptions, LaidOut};
use crate::dates;
use crate::engagements::{Engagement, EngagementFilter, EngagementKind};
use crate::error::{Error, Result};
use crate::files::{check_target, write_atomically, Target};
use crate::library::Library;
use crate::message::Message;
use crate::packets::{NewPacket, Packet, PacketItem};
use crate::papers::Status;
use crate::progress::Job;
use crate::vocab::{Lang, PaperSize};

/// How to print a day.
#[derive(Debug, Clone)]
pub struct DayOptions {
    pub date: NaiveDate,
    /// The folder the files go in; made when missing.
    pub folder: PathBuf,
    pub paper: PaperSize,
    pub lang: Lang,
    /// As for a packet: the library's setting when `None`.
    pub organisation: Option<String>,
    /// "Printed on", and the moment recorded; now when `None`.
    pub at: Option<DateTime<Utc>>,
    /// Who prepared the packets made for meetings that had none.
    pub prepared_by: String,
}

/// One meeting of the day, as printed.
#[derive(Debug, Clone, Serialize)]
pub struct DayMeeting {
    pub engagement_id: i64,
    pub kind: EngagementKind,
    /// `HH:MM`, when known.
    pub time: Option<String>,
    pub officials: Vec<String>,
    pub subject: String,
    pub packet_id: i64,
    /// True when the packet was made for this day.
    pub packet_created: bool,
    /// The meeting's own PDF.
    pub file: PathBuf,
    pub pages: usize,
    /// True when a paper in it is not a published version.
    pub draft: bool,
    /// The page of the combined PDF where its packet starts (from 1).
    pub first_page: usize,
}

/// What [`Library::prepare_day`] wrote.
#[derive(Debug, Clone, Serialize)]
pub struct DayReport {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub folder: PathBuf,
    pub meetings: Vec<DayMeeting>,
    pub itinerary: PathBuf,
    pub combined: PathBuf,
    pub combined_pages: usize,
    /// Papers left out of a new packet, and the like.
    pub warnings: Vec<Message>,
}

/// A step of a day's printing, reported as it happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "stage", rename_all = "snake_case")]
pub enum DayStep {
    /// Meeting `done` of `total` has its packet laid out.
    Packet { done: usize, total: usize },
    /// File `done` of `total` is serialised.
    Writing { done: usize, total: usize },
    /// Every file is in place and the exports recorded.
    Done { files: usize },
}

/// A meeting with the packet it will print.
struct Planned {
    engagement: Engagement,
    packet: Packet,
    created: bool,
}

impl Library {
    /// The meetings and calls on `date`, in the order of the day.
    pub fn day_meetings(&self, date: NaiveDate) -> Result<Vec<Engagement>> {
        let mut day = self.engagements(&EngagementFilter { from: Some(date), to: Some(date), ..EngagementFilter::default() })?;
        day.retain(|e| e.kind.is_oral());
        day.sort_by(|a, b| (a.time.is_none(), &a.time, a.id).cmp(&(b.time.is_none(), &b.time, b.id)));
        Ok(day)
    }

    /// The days from `from` on (and the week before it, for debriefs) that
    /// hold a meeting or a call, with how many, in date order.
    pub fn days_with_meetings(&self, from: NaiveDate) -> Result<Vec<(String, usize)>> {
        let since = dates::format_date(from - chrono::Days::new(7));
        // Which kinds count is `EngagementKind::is_oral`'s to say, not this query's.
        // The words are plain lowercase ASCII, so quoting them makes a JSON array.
        let oral: Vec<String> = EngagementKind::ALL.iter().filter(|k| k.is_oral()).map(|k| format!("\"{}\"", k.as_str())).collect();
        let oral = format!("[{}]", oral.join(","));
        let mut stmt = self.conn()?.prepare(
            "SELECT occurred_on, count(*) FROM engagements
             WHERE occurred_on >= ?1 AND kind IN (SELECT value FROM json_each(?2))
             GROUP BY occurred_on ORDER BY occurred_on LIMIT 60",
        )?;
        let days = stmt.query_map(rusqlite::params![since, oral], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize)))?;
        Ok(days.collect::<rusqlite::Result<_>>()?)
    }

    /// Prints the day `opts` names: see the module's design.
    pub fn prepare_day(&mut self, opts: &DayOptions) -> Result<DayReport> {
        self.prepare_day_watched(opts, &mut Job::quiet())
    }

    /// [`Library::prepare_day`], reporting each packet laid out and each
    /// file serialised, and stopping when `job` is cancelled.
    pub fn prepare_day_watched(&mut self, opts: &DayOptions, job: &mut Job<'_, DayStep>) -> Result<DayReport> {
        self.ensure_writable()?;
        let meetings = self.day_meetings(opts.date)?;
        if meetings.is_empty() {
            return Err(Error::invalid(Message::DayNothingPlanned { date: dates::format_date(opts.date) }));
        }
        let folder = check_folder(&opts.folder)?;
        let mut warnings = Vec::new();
        let mut planned = Vec::with_capacity(meetings.len());
        for e in meetings {
            let (packet, created) = self.day_packet(&e, &opts.prepared_by, &mut warnings)?;
            planned.push(Planned { engagement: e, packet, created });
        }
        let names = FileNames::new(opts.date, opts.lang, &planned);
        if folder.is_dir() {
            for name in names.all() {
                check_target(&folder.join(name), Target::Pdf)?;
            }
        }

        let export = ExportOptions { out: PathBuf::new(), paper: opts.paper, lang: opts.lang, organisation: opts.organisation.clone(), at: opts.at };
        let total = planned.len();
        let mut laid = Vec::with_capacity(total);
        for (k, p) in planned.iter().enumerate() {
            let data = packet::resolve(self, p.packet.clone())?;
            laid.push(self.lay_out(data, &export, &mut |_, _| job.check())?);
            job.step(DayStep::Packet { done: k + 1, total });
        }
        let organisation = self.organisation(opts.organisation.as_deref())?;
        let geo = Geometry::of(opts.paper);
        let (combined, first_pages) = combine(&laid, &planned, opts.lang, geo);
        let stops = self.stops(&planned, &laid, &first_pages)?;
        let at = opts.at.unwrap_or_else(dates::now);
        let fonts = fonts::fonts().ok_or_else(|| Error::invalid(Message::FontUnreadable {}))?;
        let l = labels::day_labels(opts.lang);
        let day_title = format!("{} — {}", l.hill_day, labels::long_date(opts.date, opts.lang));
        let route = itinerary::compose(fonts, &stops, opts.date, geo, opts.lang, &organisation, &labels::long_date(at.date_naive(), opts.lang));
        let meta = |title: String| Meta {
            title,
            author: organisation.clone(),
            subject: day_title.clone(),
            keywords: String::new(),
            created: at,
            lang: opts.lang.tag().to_owned(),
            cover_label: None,
            page_size: (geo.width, geo.height),
        };

        // Serialise everything before the first file is written.
        let files = total + 2;
        let mut singles = Vec::with_capacity(total);
        for (k, one) in laid.iter().enumerate() {
            singles.push(one.rendered(one.serialise(&mut |_, _| job.check())?));
            job.step(DayStep::Writing { done: k + 1, total: files });
        }
        let itinerary_title = format!("{} — {}", itinerary::capital(l.itinerary), labels::long_date(opts.date, opts.lang));
        let route_bytes = serialise(&route, &meta(itinerary_title), &mut |_, _| job.check())?;
        job.step(DayStep::Writing { done: total + 1, total: files });
        let combined_bytes = serialise(&combined, &meta(day_title.clone()), &mut |_, _| job.check())?;
        job.step(DayStep::Writing { done: files, total: files });
        job.check()?;

        std::fs::create_dir_all(&folder)
            .map_err(|e| Error::invalid(Message::CannotCreateFolder { path: folder.display().to_string(), detail: e.to_string() }))?;
        for (k, single) in singles.iter().enumerate() {
            write_atomically(&folder.join(&names.meetings[k]), &single.bytes)?;
        }
        write_atomically(&folder.join(&names.itinerary), &route_bytes)?;
        write_atomically(&folder.join(&names.combined), &combined_bytes)?;

        let moment = dates::format_moment(at);
        let packet_ids = self.atomically(|lib| {
            let mut ids = Vec::with_capacity(planned.len());
            for (k, p) in planned.iter().enumerate() {
                let id = if p.created { lib.store_day_packet(&p.packet)? } else { p.packet.id };
                let out = folder.join(&names.meetings[k]);
                lib.write(|tx| record_export(tx, id, &moment, &out, &singles[k], &export))?;
                ids.push(id);
            }
            Ok(ids)
        })?;

        let meetings = planned
            .iter()
            .enumerate()
            .map(|(k, p)| DayMeeting {
                engagement_id: p.engagement.id,
                kind: p.engagement.kind,
                time: p.engagement.time.clone(),
                officials: p.engagement.officials.iter().map(|o| o.name.clone()).collect(),
                subject: p.engagement.subject.clone(),
                packet_id: packet_ids[k],
                packet_created: p.created,
                file: folder.join(&names.meetings[k]),
                pages: singles[k].pages,
                draft: singles[k].draft,
                first_page: first_pages[k] + 1,
            })
            .collect();
        tracing::info!(meetings = total, pages = combined.pages.len(), "printed a Hill day");
        job.step(DayStep::Done { files });
        Ok(DayReport {
            date: dates::format_date(opts.date),
            itinerary: folder.join(&names.itinerary),
            combined: folder.join(&names.combined),
            combined_pages: combined.pages.len(),
            folder,
            meetings,
            warnings,
        })
    }

    /// The packet meeting `e` prints: its linked packet, else one built
    /// from it (not stored yet, id 0), with a warning for each archived
    /// paper left out.
    fn day_packet(&self, e: &Engagement, prepared_by: &str, warnings: &mut Vec<Message>) -> Result<(Packet, bool)> {
        let linked: Option<i64> = self
            .conn()?
            .query_row(
                "SELECT id FROM packets WHERE engagement_id = ?1 ORDER BY updated_at DESC, id DESC LIMIT 1",
                [e.id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = linked {
            return Ok((self.packet(id)?, false));
        }
        let mut items = Vec::with_capacity(e.papers.len());
        for v in &e.papers {
            let paper = self.paper(v.paper_id)?;
            if paper.status == Status::Archived {
                warnings.push(Message::DayPaperArchived { engagement: e.id, paper: paper.id, title: paper.title });
                continue;
            }
            items.push(PacketItem {
                id: 0,
                position: items.len() as i64 + 1,
                paper_id: v.paper_id,
                title: v.title.clone(),
                pinned_version: Some(v.version),
            });
        }
        let packet = Packet {
            id: 0,
            title: e.subject.clone(),
            official_id: e.officials.first().map(|o| o.official_id),
            engagement_id: Some(e.id),
            meeting_on: Some(e.date.clone()),
            prepared_by: prepared_by.trim().to_owned(),
            notes: String::new(),
            items,
            created_at: String::new(),
            updated_at: String::new(),
        };
        Ok((packet, true))
    }

    /// Stores a packet [`Library::day_packet`] built; returns its id.
    fn store_day_packet(&mut self, p: &Packet) -> Result<i64> {
        let meeting_on = p.meeting_on.as_deref().map(|d| dates::parse_date(d, "meeting date")).transpose()?;
        let stored = self.create_packet(NewPacket {
            title: p.title.clone(),
            official_id: p.official_id,
            engagement_id: p.engagement_id,
            meeting_on,
            prepared_by: p.prepared_by.clone(),
        })?;
        for item in &p.items {
            self.add_packet_item(stored.id, item.paper_id, item.pinned_version)?;
        }
        Ok(stored.id)
    }

    /// What the itinerary prints of each meeting.
    fn stops(&self, planned: &[Planned], laid: &[LaidOut], first_pages: &[usize]) -> Result<Vec<itinerary::Stop>> {
        let mut stops = Vec::with_capacity(planned.len());
        for (k, p) in planned.iter().enumerate() {
            let officials = p.engagement.officials.iter().map(|o| self.official(o.official_id)).collect::<Result<_>>()?;
            let papers = laid[k]
                .data
                .items
                .iter()
                .map(|i| (i.version.title.clone(), i.version.version, i.paper.lang))
                .collect();
            let first = first_pages[k] + 1;
            let last = first + laid[k].composed.pages.len() - 1;
            stops.push(itinerary::Stop { engagement: p.engagement.clone(), officials, papers, pages: (first, last) });
        }
        Ok(stops)
    }
}

/// The folder the files go in, made absolute: refused when it is a file.
/// A missing folder is made when the files are written.
fn check_folder(folder: &Path) -> Result<PathBuf> {
    let shown = || folder.display().to_string();
    if folder.as_os_str().is_empty() {
        return Err(Error::invalid(Message::DayFolderNotAFolder { path: shown() }));
    }
    let absolute = std::path::absolute(folder).map_err(|e| Error::io(folder, e))?;
    match std::fs::metadata(&absolute) {
        Ok(meta) if meta.is_dir() => Ok(absolute),
        Ok(_) => Err(Error::invalid(Message::DayFolderNotAFolder { path: shown() })),
        Err(_) => {
            // The nearest existing folder above must be a folder.
            let mut up = absolute.parent();
            while let Some(p) = up {
                if let Ok(meta) = std::fs::metadata(p) {
                    if !meta.is_dir() {
                        return Err(Error::invalid(Message::DayFolderNotAFolder { path: shown() }));
                    }
                    break;
                }
                up = p.parent();
            }
            Ok(absolute)
        }
    }
}

/// The names of the files a day writes.
struct FileNames {
    meetings: Vec<String>,
    itinerary: String,
    combined: String,
}

impl FileNames {
    fn new(date: NaiveDate, lang: Lang, planned: &[Planned]) -> FileNames {
        let l = labels::day_labels(lang);
        let day = dates::format_date(date);
        let meetings = planned
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let e = &p.engagement;
                let who = e.officials.first().map_or(e.subject.as_str(), |o| o.name.as_str());
                let time = e.time.as_deref().map(|t| format!(" {}", t.replace(':', "h"))).unwrap_or_default();
                format!("{day} {:02}{time} {}.pdf", k + 1, file_safe(who, 60))
            })
            .collect();
        FileNames { meetings, itinerary: format!("{day} {}.pdf", l.itinerary), combined: format!("{day} {}.pdf", l.all_packets) }
    }

    fn all(&self) -> impl Iterator<Item = &String> {
        self.meetings.iter().chain([&self.itinerary, &self.combined])
    }
}

/// `text` as part of a file name on every system: letters, digits, spaces
/// and `-'.,` kept, anything else a hyphen, at most `max` characters.
fn file_safe(text: &str, max: usize) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '.' | ',') { c } else { '-' })
        .take(max)
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.').trim();
    if trimmed.is_empty() { "-".to_owned() } else { trimmed.to_owned() }
}

/// Every packet of the day in one document: each starts on a right-hand
/// page, under an outline entry of its own. Returns the document and the
/// page (from 0) where each packet starts.
fn combine(laid: &[LaidOut], planned: &[Planned], lang: Lang, geo: Geometry) -> (Composed, Vec<usize>) {
    let mut out = Composed { pages: Vec::new(), links: Vec::new(), bookmarks: Vec::new(), tags: Tags::new() };
    let mut firsts = Vec::with_capacity(laid.len());
    for (one, p) in laid.iter().zip(planned) {
        // Page indexes from 0: an even index is a right-hand page.
        if out.pages.len() % 2 == 1 {
            out.pages.push(PageOut::default());
        }
        let page_offset = out.pages.len();
        let link_offset = out.links.len();
        firsts.push(page_offset);
        // Each packet a Part of the document's structure.
        let root = out.tags.root();
        let elem_offset = out.tags.graft(&one.composed.tags, root, link_offset);
        for page in &one.composed.pages {
            let mut page = page.clone();
            for row in &mut page.rows {
                for link in &mut row.row.links {
                    link.4 += link_offset;
                }
                for set in &mut row.row.lines {
                    if let Some(tag) = set.line.tag.as_mut() {
                        tag.0 += elem_offset;
                    }
                }
                for shape in &mut row.row.shapes {
                    if let Shape::Logo { figure: Some(figure), .. } = shape {
                        figure.0 += elem_offset;
                    }
                }
            }
            out.pages.push(page);
        }
        out.links.extend(one.composed.links.iter().map(|t| match t {
            LinkTarget::Page(n) => LinkTarget::Page(n + page_offset),
            other => other.clone(),
        }));
        out.bookmarks.push(Bookmark { title: itinerary::meeting_title(&p.engagement, lang), level: 0, page: page_offset, y: geo.height });
        out.bookmarks.extend(one.composed.bookmarks.iter().map(|b| Bookmark {
            title: b.title.clone(),
            level: b.level.saturating_add(1),
            page: b.page + page_offset,
            y: b.y,
        }));
    }
    (out, firsts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_keep_letters_and_drop_what_a_system_refuses() {
        assert_eq!(file_safe("Jean-Luc Bérubé", 60), "Jean-Luc Bérubé");
        assert_eq!(file_safe("a/b\\c:d*e?f\"g<h>i|j", 60), "a-b-c-d-e-f-g-h-i-j");
        assert_eq!(file_safe("Dr. ", 60), "Dr");
        assert_eq!(file_safe("///", 60), "---");
        assert_eq!(file_safe("", 60), "-");
        assert_eq!(file_safe(&"x".repeat(100), 60).len(), 60);
    }

    #[test]
    fn a_folder_that_is_a_file_is_refused_and_a_missing_one_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(matches!(check_folder(&file), Err(Error::Invalid(Message::DayFolderNotAFolder { .. }))));
        assert!(matches!(check_folder(&file.join("below")), Err(Error::Invalid(Message::DayFolderNotAFolder { .. }))));
        assert_eq!(check_folder(&dir.path().join("new/day")).unwrap(), dir.path().join("new/day"));
        assert!(!dir.path().join("new").exists(), "checking makes nothing");
    }
}
