//! Engagements as a face logs them: words, dates and times parsed here, and
//! who logged it resolved by the author rule.

use serde::Deserialize;
use ts_rs::TS;

use crate::dates;
use crate::engagements::NewEngagement;
use crate::vocab::EngagementKind;
use crate::Result;

/// A new engagement as a face's log form sends it.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewEngagementRequest {
    #[ts(as = "EngagementKind")]
    pub kind: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM`; none when missing or blank.
    pub time: Option<String>,
    #[serde(default)]
    pub place: String,
    pub campaign_id: Option<i64>,
    pub subject: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub follow_ups: String,
    /// Who from the organisation attends.
    #[serde(default)]
    pub attendees: String,
    /// Reportable when oral and with an office holder, unless given.
    pub reportable: Option<bool>,
    #[serde(default)]
    pub official_ids: Vec<i64>,
    /// The Registry's subject-matter codes, each one the library's list holds.
    #[serde(default)]
    pub subjects: Vec<String>,
    /// Who logs it: the author rule ([`super::author`]) when missing or blank.
    #[serde(default)]
    pub logged_by: Option<String>,
}

impl NewEngagementRequest {
    pub fn resolve(self) -> Result<NewEngagement> {
        Ok(NewEngagement {
            kind: self.kind.parse()?,
            date: dates::parse_date(&self.date, "date")?,
            time: self.time.as_deref().filter(|t| !t.trim().is_empty()).map(|t| dates::parse_time(t, "time")).transpose()?,
            place: self.place,
            campaign_id: self.campaign_id,
            subject: self.subject,
            notes: self.notes,
            follow_ups: self.follow_ups,
            attendees: self.attendees,
            reportable: self.reportable,
            official_ids: self.official_ids,
            papers: vec![],
            subjects: self.subjects,
            logged_by: super::author(self.logged_by.as_deref()),
        })
    }
}
