//! Packets: which engagements a packet can be prepared for, and a Hill
//! day as a face asks for it (the day and its options parsed here). The
//! organisation a packet prints is resolved by
//! [`crate::Library::organisation`] whatever face asks.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates;
use crate::engagements::{Engagement, EngagementFilter};
use crate::export::day::DayOptions;
use crate::export::ExportOptions;
use crate::packets::NewPacket;
use crate::vocab::{Lang, PaperSize};
use crate::{Library, Result};

/// A new packet as a face sends it; words and dates are parsed here, so a
/// wrong one is an `invalid` error with a code.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewPacketRequest {
    pub title: String,
    pub official_id: Option<i64>,
    pub engagement_id: Option<i64>,
    /// `YYYY-MM-DD`.
    pub meeting_on: Option<String>,
    /// The author rule ([`super::author`]) when missing or blank.
    #[serde(default)]
    pub prepared_by: Option<String>,
}

impl NewPacketRequest {
    pub fn resolve(self) -> Result<NewPacket> {
        Ok(NewPacket {
            title: self.title,
            official_id: self.official_id,
            engagement_id: self.engagement_id,
            meeting_on: self.meeting_on.map(|d| dates::parse_date(&d, "meeting date")).transpose()?,
            prepared_by: super::author(self.prepared_by.as_deref()),
        })
    }
}

/// The paper size and label language of a packet's PDF, as a face sends
/// them.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct ExportSettings {
    #[ts(as = "PaperSize")]
    pub paper: String,
    #[ts(as = "Lang")]
    pub lang: String,
}

impl ExportSettings {
    /// The options for writing to `out`; the organisation is the library's
    /// own ([`crate::Library::organisation`]), as for the command line.
    pub fn options(&self, out: PathBuf) -> Result<ExportOptions> {
        Ok(ExportOptions { out, paper: self.paper.parse()?, lang: self.lang.parse()?, organisation: None, at: None })
    }
}

/// A Hill day as a face asks for it ([`crate::Library::prepare_day`]);
/// words and the date are parsed here, and who prepares new packets is
/// the author rule.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct DayRequest {
    /// `YYYY-MM-DD`.
    pub date: String,
    #[ts(as = "PaperSize")]
    pub paper: String,
    #[ts(as = "Lang")]
    pub lang: String,
    /// The library's setting when missing or blank.
    #[serde(default)]
    pub organisation: Option<String>,
    /// The author rule ([`super::author`]) when missing or blank.
    #[serde(default)]
    pub prepared_by: Option<String>,
}

impl DayRequest {
    /// The options for writing the day's files in `folder`.
    pub fn options(&self, folder: PathBuf) -> Result<DayOptions> {
        Ok(DayOptions {
            date: dates::parse_date(&self.date, "date")?,
            folder,
            paper: self.paper.parse()?,
            lang: self.lang.parse()?,
            organisation: self.organisation.clone(),
            at: None,
            prepared_by: super::author(self.prepared_by.as_deref()),
        })
    }
}

/// A day holding meetings or calls, for the Hill day's list of days.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PlannedDay {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub meetings: usize,
}

/// The days a Hill day can be prepared or debriefed for: from a week ago
/// on, those holding a meeting or a call.
pub fn planned_days(lib: &Library) -> Result<Vec<PlannedDay>> {
    let today = dates::now().date_naive();
    Ok(lib.days_with_meetings(today)?.into_iter().map(|(date, meetings)| PlannedDay { date, meetings }).collect())
}

/// The meetings and calls of day `date` (`YYYY-MM-DD`), in the order of
/// the day.
pub fn day_meetings(lib: &Library, date: &str) -> Result<Vec<Engagement>> {
    lib.day_meetings(dates::parse_date(date, "date")?)
}

/// The engagements with office holder `official` that a packet can be
/// prepared for: meetings and calls (oral communications), newest first.
pub fn meetings_with(lib: &Library, official: i64) -> Result<Vec<Engagement>> {
    let all = lib.engagements(&EngagementFilter { official_id: Some(official), ..EngagementFilter::default() })?;
    Ok(all.into_iter().filter(|e| e.kind.is_oral()).collect())
}
