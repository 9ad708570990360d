//! Engagements: meetings, calls, letters and mailings with officials, on a
//! date, under a campaign, with the paper versions discussed.
//!
//! An engagement pins the exact version of each paper discussed, so "which
//! text did we leave with them?" always has an answer. Meetings and calls
//! with an office holder are reportable by default (oral and arranged
//! communications); letters and mailings are not.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::params;
use serde::Serialize;

use crate::campaigns::split_list;
use crate::dates;
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::store::ids::{self, Table};

pub use crate::vocab::EngagementKind;

/// An official taking part, as shown with an engagement.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Participant {
    pub official_id: i64,
    pub name: String,
}

/// A pinned paper version, as shown with an engagement.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VersionRef {
    pub paper_id: i64,
    pub version: i64,
    pub title: String,
}

/// An engagement as listed and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Engagement {
    pub id: i64,
    pub kind: EngagementKind,
    pub date: String,
    /// `HH:MM`, when known.
    pub time: Option<String>,
    pub place: String,
    pub campaign_id: Option<i64>,
    pub campaign_title: Option<String>,
    /// One line saying what it was about.
    pub subject: String,
    /// Markdown.
    pub notes: String,
    pub follow_ups: String,
    /// Who from the organisation attends, as typed ("Claire Dubé, Samira
    /// Khoury"): printed on a Hill day's itinerary.
    pub attendees: String,
    /// What came of it, written by the debrief after the meeting.
    pub outcome: String,
    /// Must go in the monthly communication report.
    pub reportable: bool,
    pub officials: Vec<Participant>,
    pub papers: Vec<VersionRef>,
    /// The Registry's subject-matter codes (`SMT-17`), in code order: what
    /// the monthly report files (see [`crate::subjects`]).
    pub subjects: Vec<String>,
    /// Who logged it (on which computer of a team does not matter: the
    /// person), empty for engagements logged before this was recorded.
    pub logged_by: String,
}

/// An engagement about to be logged.
#[derive(Debug, Clone)]
pub struct NewEngagement {
    pub kind: EngagementKind,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub place: String,
    pub campaign_id: Option<i64>,
    pub subject: String,
    pub notes: String,
    pub follow_ups: String,
    /// Who from the organisation attends.
    pub attendees: String,
    /// `None`: reportable when oral and with at least one official.
    pub reportable: Option<bool>,
    pub official_ids: Vec<i64>,
    /// Papers discussed, each with a version number, or `None` for the
    /// version in force on the date (else the latest then).
    pub papers: Vec<(i64, Option<i64>)>,
    /// Subject-matter codes, each one the library's list holds.
    pub subjects: Vec<String>,
    /// Who logs it: the author rule of the face (`api::author`).
    pub logged_by: String,
}

/// What a debrief after a meeting records: it replaces the engagement's
/// outcome, follow-ups and whether it is reported.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
pub struct Debrief {
    pub outcome: String,
    pub follow_ups: String,
    pub reportable: bool,
}

/// Which engagements a listing returns.
#[derive(Debug, Clone, Default)]
pub struct EngagementFilter {
    pub official_id: Option<i64>,
    pub campaign_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<EngagementKind>,
    pub reportable: Option<bool>,
}

impl Library {
    /// Logs an engagement.
    pub fn add_engagement(&mut self, new: NewEngagement) -> Result<Engagement> {
        if new.subject.trim().is_empty() {
            return Err(Error::invalid(Message::EngagementNeedsSubject {}));
        }
        if let Some(c) = new.campaign_id {
            self.campaign_exists(c)?;
        }
        for &o in &new.official_ids {
            self.official_exists(o)?;
        }
        let subjects = self.check_subject_codes(&new.subjects)?;
        let mut version_ids = Vec::new();
        for &(paper, number) in &new.papers {
            let version = match number {
                Some(n) => self.version(paper, n)?,
                None => self
                    .version_in_force(paper, Some(new.date))
                    .or_else(|_| self.latest_version(paper))?,
            };
            let id: i64 = self.conn()?.query_row(
                "SELECT id FROM paper_versions WHERE paper_id = ?1 AND number = ?2",
                params![version.paper_id, version.version],
                |r| r.get(0),
            )?;
            version_ids.push(id);
        }
        let reportable = new
            .reportable
            .unwrap_or(new.kind.is_oral() && !new.official_ids.is_empty());
        let now = dates::format_moment(dates::now());
        let id = self.write(|tx| {
            let id = ids::next(tx, Table::Engagements)?;
            tx.execute(
                "INSERT INTO engagements (id, kind, occurred_on, time_of_day, place, campaign_id, subject, notes, follow_ups, reportable, created_at, updated_at, logged_by, attendees)
                 VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?12, ?13)",
                params![
                    new.kind.as_str(),
                    dates::format_date(new.date),
                    new.time.map(|t| t.format("%H:%M").to_string()),
                    new.place.trim(),
                    new.campaign_id,
                    new.subject.trim(),
                    new.notes.trim(),
                    new.follow_ups.trim(),
                    reportable,
                    now,
                    id,
                    new.logged_by.trim(),
                    new.attendees.trim()
                ],
            )?;
            for o in &new.official_ids {
                tx.execute("INSERT OR IGNORE INTO engagement_officials VALUES (?1, ?2)", params![id, o])?;
            }
            for v in &version_ids {
                tx.execute("INSERT OR IGNORE INTO engagement_papers VALUES (?1, ?2)", params![id, v])?;
            }
            for c in &subjects {
                tx.execute("INSERT INTO engagement_subjects (engagement_id, code) VALUES (?1, ?2)", params![id, c])?;
            }
            Ok(id)
        })?;
        tracing::info!(engagement = id, kind = new.kind.as_str(), officials = new.official_ids.len(), "logged an engagement");
        self.engagement(id)
    }

    /// Records the debrief of engagement `id`: its outcome, follow-ups and
    /// whether it goes in the monthly report, in one write. An engagement
    /// that is not a meeting or a call has no debrief.
    pub fn debrief_engagement(&mut self, id: i64, debrief: &Debrief) -> Result<Engagement> {
        let engagement = self.engagement(id)?;
        if !engagement.kind.is_oral() {
            return Err(Error::invalid(Message::DebriefNotOral { engagement: id }));
        }
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            tx.execute(
                "UPDATE engagements SET outcome = ?2, follow_ups = ?3, reportable = ?4, updated_at = ?5 WHERE id = ?1",
                params![id, debrief.outcome.trim(), debrief.follow_ups.trim(), debrief.reportable, now],
            )?;
            Ok(())
        })?;
        tracing::info!(engagement = id, reportable = debrief.reportable, "debriefed an engagement");
        self.engagement(id)
    }

    /// One engagement.
    pub fn engagement(&self, id: i64) -> Result<Engagement> {
        self.query_engagements("WHERE e.id = ?1", params![id])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Engagement, id))
    }

    /// Engagements matching `filter`, newest first.
    pub fn engagements(&self, filter: &EngagementFilter) -> Result<Vec<Engagement>> {
        if let Some(o) = filter.official_id {
            self.official_exists(o)?;
        }
        if let Some(c) = filter.campaign_id {
            self.campaign_exists(c)?;
        }
        self.query_engagements(
            "WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM engagement_officials eo WHERE eo.engagement_id = e.id AND eo.official_id = ?1))
               AND (?2 IS NULL OR e.campaign_id = ?2)
               AND (?3 IS NULL OR e.occurred_on >= ?3) AND (?4 IS NULL OR e.occurred_on <= ?4)
               AND (?5 IS NULL OR e.kind = ?5) AND (?6 IS NULL OR e.reportable = ?6)",
            params![
                filter.official_id,
                filter.campaign_id,
                filter.from.map(dates::format_date),
                filter.to.map(dates::format_date),
                filter.kind.map(EngagementKind::as_str),
                filter.reportable
            ],
        )
    }

    fn query_engagements(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Engagement>> {
        let sql = format!(
            "SELECT e.id, e.kind, e.occurred_on, e.time_of_day, e.place, e.campaign_id, c.title,
                    e.subject, e.notes, e.follow_ups, e.reportable,
                    (SELECT group_concat(o.id || char(30) || o.given_name || ' ' || o.family_name, char(31))
                       FROM (SELECT o.* FROM engagement_officials eo JOIN officials o ON o.id = eo.official_id
                             WHERE eo.engagement_id = e.id ORDER BY o.family_name, o.given_name) o),
                    (SELECT group_concat(v.paper_id || char(30) || v.number || char(30) || v.title, char(31))
                       FROM (SELECT v.* FROM engagement_papers ep JOIN paper_versions v ON v.id = ep.version_id
                             WHERE ep.engagement_id = e.id ORDER BY v.paper_id) v),
                    e.logged_by,
                    (SELECT group_concat(s.code, char(31))
                       FROM (SELECT code FROM engagement_subjects WHERE engagement_id = e.id
                             ORDER BY CAST(substr(code, 5) AS INTEGER)) s),
                    e.attendees, e.outcome
             FROM engagements e LEFT JOIN campaigns c ON c.id = e.campaign_id
             {filter} ORDER BY e.occurred_on DESC, e.time_of_day DESC, e.id DESC"
        );
        let mut stmt = self.conn()?.prepare(&sql)?;
        let rows = stmt.query_map(args, |row| {
            let kind: String = row.get(1)?;
            let officials = split_list(row.get(11)?, '\u{1f}')
                .into_iter()
                .filter_map(|o| {
                    let (id, name) = o.split_once('\u{1e}')?;
                    Some(Participant {
                        official_id: id.parse().ok()?,
                        name: name.trim().to_owned(),
                    })
                })
                .collect();
            let papers = split_list(row.get(12)?, '\u{1f}')
                .into_iter()
                .filter_map(|p| {
                    let mut parts = p.splitn(3, '\u{1e}');
                    Some(VersionRef {
                        paper_id: parts.next()?.parse().ok()?,
                        version: parts.next()?.parse().ok()?,
                        title: parts.next()?.to_owned(),
                    })
                })
                .collect();
            Ok((kind, Engagement {
                id: row.get(0)?,
                kind: EngagementKind::Meeting,
                date: row.get(2)?,
                time: row.get(3)?,
                place: row.get(4)?,
                campaign_id: row.get(5)?,
                campaign_title: row.get(6)?,
                subject: row.get(7)?,
                notes: row.get(8)?,
                follow_ups: row.get(9)?,
                attendees: row.get(15)?,
                outcome: row.get(16)?,
                reportable: row.get(10)?,
                officials,
                papers,
                logged_by: row.get(13)?,
                subjects: split_list(row.get(14)?, '\u{1f}'),
            }))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, mut engagement) = row?;
            engagement.kind = kind.parse()?;
            out.push(engagement);
        }
        Ok(out)
    }
}
