//! The monthly communication report a registered in-house lobbyist files
//! by the 15th of each month: every oral and arranged communication with a
//! designated public office holder in the previous month.
//!
//! [`Library::lobbying_report`] drafts it from the engagements log: one row
//! per reportable meeting or call and per office holder taking part (a
//! meeting with two officials gives two rows), with the position title,
//! branch or unit and institution of the office holder's role in force on
//! the engagement's date, the subject matters (the Registry's codes with
//! their names) and what was discussed, and the registrant from the
//! library's settings. [`csv`] and [`pdf`] write it out.
//!
//! Decision: an engagement flagged reportable that is a letter or a mailing
//! is **not a row** (letters and mailings are lobbying, but this report
//! lists only oral and arranged communications, and the rows are what gets
//! filed). It is listed in [`LobbyingReport::not_reported`] with a warning,
//! and shown on screen, on standard error and in the PDF, so a user sees it
//! and can correct the flag or the kind.
//!
//! Promises: drafting a report reads the library and writes nothing; every
//! gap that would make a filed row wrong (no role in force, no institution,
//! no registrant, no subject matter) is a warning naming the engagement, its date and the
//! office holder.

pub mod csv;
pub mod pdf;

use std::collections::HashMap;

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use crate::dates;
use crate::engagements::{Engagement, EngagementFilter, EngagementKind};

pub use crate::vocab::ReportFormat;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;
use crate::officials::{Lang, Official};
use crate::subjects::SubjectMatter;

/// The day of the following month by which a month's report is filed.
pub const FILING_DAY: u32 = 15;

/// A calendar month, as `--month 2026-10` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month holding `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month { first: date.with_day(1).unwrap_or(date) }
    }

    /// The month whose report is due on `today`: the one before it.
    pub fn due_on(today: NaiveDate) -> Month {
        let first = Month::of(today).first;
        Month::of(first.pred_opt().unwrap_or(first))
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first.pred_opt().unwrap_or(self.first)
    }

    pub fn next(self) -> Month {
        Month { first: self.first.checked_add_months(Months::new(1)).unwrap_or(self.first) }
    }

    /// The filing deadline: the 15th of the following month.
    pub fn deadline(self) -> NaiveDate {
        self.next().first.with_day(FILING_DAY).unwrap_or(self.next().first)
    }

    /// "2026-10".
    pub fn key(self) -> String {
        self.first.format("%Y-%m").to_string()
    }

    /// "October 2026".
    pub fn name(self) -> String {
        self.first.format("%B %Y").to_string()
    }
}

impl std::str::FromStr for Month {
    type Err = Error;
    fn from_str(text: &str) -> Result<Month> {
        let bad = || {
            Error::invalid(Message::BadMonth { text: text.to_owned() })
        };
        let t = text.trim();
        let (y, m) = t.split_once('-').ok_or_else(bad)?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first }).ok_or_else(bad)
    }
}

/// What a warning is about, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The office holder had no role in force on the date: no position title.
    NoPositionTitle,
    /// The role in force names no federal institution.
    NoInstitution,
    /// The library has no registrant set.
    NoRegistrant,
    /// A letter or mailing flagged reportable: not part of this report.
    NotOral,
    /// A reportable engagement that names no office holder.
    NoOfficeHolder,
    /// A reportable meeting or call with no subject matter: the Registry
    /// needs at least one.
    NoSubjectMatters,
}

/// A problem to fix before filing.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportWarning {
    pub kind: WarningKind,
    pub engagement_id: Option<i64>,
    pub date: Option<String>,
    pub official_id: Option<i64>,
    pub official: Option<String>,
    /// Names the engagement, date and office holder, and what to do.
    pub message: Message,
}

/// One row of the report: one communication with one office holder.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReportRow {
    pub date: String,
    pub engagement_id: i64,
    /// meeting or call.
    pub kind: EngagementKind,
    pub official_id: i64,
    pub last_name: String,
    pub first_name: String,
    /// From the role in force on the date; empty when there is none.
    pub position_title: String,
    pub branch: String,
    /// The title and branch in French where a French file of Parliament
    /// gave them, else the English ones: what a French reader sees.
    pub position_title_fr: String,
    pub branch_fr: String,
    pub institution: String,
    /// The Registry's subject matters of the engagement, in code order.
    pub subject_matters: Vec<SubjectMatter>,
    /// What was discussed: the engagement's subject.
    pub subject: String,
    /// The campaign it was part of, if any.
    pub campaign: Option<String>,
    /// Who logged the engagement (a team's report covers every device).
    pub logged_by: String,
    /// From the settings; empty when not set.
    pub registrant: String,
    /// Short notes of what is missing from this row.
    pub warnings: Vec<Message>,
}

/// An engagement flagged reportable that the report does not list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct NotReported {
    pub engagement_id: i64,
    pub date: String,
    pub kind: EngagementKind,
    /// The office holders' names.
    pub officials: Vec<String>,
    pub subject: String,
    pub reason: Message,
}

/// A month's communication report, drafted.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LobbyingReport {
    /// "2026-10".
    pub month: String,
    /// "October 2026".
    pub month_name: String,
    pub organisation: Option<String>,
    pub registrant: Option<String>,
    /// The 15th of the following month.
    pub deadline: String,
    /// The day the deadline was counted from.
    pub today: String,
    /// Days from `today` to `deadline`: negative once it has passed.
    pub days_left: i64,
    /// By date, time, engagement, then office holder's name.
    pub rows: Vec<ReportRow>,
    pub not_reported: Vec<NotReported>,
    /// Every problem, report-wide ones first.
    pub warnings: Vec<ReportWarning>,
}

impl LobbyingReport {
    /// "19 days left until the filing deadline, 2026-11-15", "due today",
    /// or "overdue by 3 days".
    pub fn deadline_line(&self) -> String {
        let plural = |n: i64| if n == 1 { "" } else { "s" };
        match self.days_left {
            n if n > 0 => format!("{n} day{} left until the filing deadline, {}", plural(n), self.deadline),
            0 => format!("the filing deadline is today, {}", self.deadline),
            n => format!("overdue: the filing deadline was {}, {} day{} ago", self.deadline, -n, plural(-n)),
        }
    }

    /// "SMT-11 Foreign Affairs; SMT-16 International Development": a row's
    /// subject matters, named in French when asked and known.
    pub fn subject_line(row: &ReportRow, french: bool) -> String {
        row.subject_matters.iter().map(|m| format!("{} {}", m.code, m.name(french))).collect::<Vec<_>>().join("; ")
    }

    /// True when the report can be filed as it is.
    pub fn is_clean(&self) -> bool {
        self.warnings.is_empty()
    }
}

impl Library {
    /// Drafts the communication report of `month`, counting the days to its
    /// deadline from `today`. Reads only.
    pub fn lobbying_report(&self, month: Month, today: NaiveDate) -> Result<LobbyingReport> {
        let settings = self.settings()?;
        let registrant = settings.registrant.clone().filter(|r| !r.trim().is_empty());
        let mut warnings = Vec::new();
        if registrant.is_none() {
            warnings.push(ReportWarning {
                kind: WarningKind::NoRegistrant,
                engagement_id: None,
                date: None,
                official_id: None,
                official: None,
                message: Message::ReportNoRegistrant {},
            });
        }

        let matters: HashMap<String, SubjectMatter> =
            self.subject_matters()?.into_iter().map(|m| (m.code.clone(), m)).collect();
        let mut officials: HashMap<i64, Official> = HashMap::new();
        let mut rows = Vec::new();
        let mut not_reported = Vec::new();
        for e in &self.reportable_engagements(month)? {
            if !e.kind.is_oral() {
                let (warning, apart) = not_oral(e);
                warnings.push(warning);
                not_reported.push(apart);
                continue;
            }
            if e.officials.is_empty() {
                warnings.push(no_office_holder(e));
                continue;
            }
            if e.subjects.is_empty() {
                warnings.push(no_subject_matters(e));
            }
            let subjects: Vec<SubjectMatter> = e.subjects.iter().filter_map(|c| matters.get(c).cloned()).collect();
            let mut these: Vec<ReportRow> = Vec::new();
            for p in &e.officials {
                if let std::collections::hash_map::Entry::Vacant(slot) = officials.entry(p.official_id) {
                    slot.insert(self.official(p.official_id)?);
                }
                let mut r = row(e, &officials[&p.official_id], registrant.as_deref(), &mut warnings);
                if subjects.is_empty() {
                    r.warnings.push(Message::RowNoSubjectMatters {});
                }
                r.subject_matters = subjects.clone();
                these.push(r);
            }
            these.sort_by(|a, b| {
                (a.last_name.to_lowercase(), a.first_name.to_lowercase()).cmp(&(b.last_name.to_lowercase(), b.first_name.to_lowercase()))
            });
            rows.extend(these);
        }

        let deadline = month.deadline();
        Ok(LobbyingReport {
            month: month.key(),
            month_name: month.name(),
            organisation: settings.organisation,
            registrant,
            deadline: dates::format_date(deadline),
            today: dates::format_date(today),
            days_left: (deadline - today).num_days(),
            rows,
            not_reported,
            warnings,
        })
    }

    /// The engagements of `month` flagged reportable, in the order they
    /// happened.
    fn reportable_engagements(&self, month: Month) -> Result<Vec<Engagement>> {
        let mut engagements = self.engagements(&EngagementFilter {
            from: Some(month.first_day()),
            to: Some(month.last_day()),
            reportable: Some(true),
            ..EngagementFilter::default()
        })?;
        engagements.sort_by(|a, b| (&a.date, &a.time, a.id).cmp(&(&b.date, &b.time, b.id)));
        Ok(engagements)
    }

    /// Drafts the report of `month` and writes it to `out` as CSV or PDF,
    /// through a temporary file renamed into place.
    pub fn write_lobbying_report(&self, report: &LobbyingReport, format: ReportFormat, out: &std::path::Path) -> Result<u64> {
        let kind = match format {
            ReportFormat::Csv => crate::files::Target::Csv,
            ReportFormat::Pdf => crate::files::Target::Pdf,
        };
        let target = crate::files::check_target(out, kind)?;
        let bytes = match format {
            ReportFormat::Csv => csv::to_csv(report),
            ReportFormat::Pdf => pdf::to_pdf(report)?,
        };
        crate::files::write_atomically(&target, &bytes)?;
        tracing::info!(format = ?format, rows = report.rows.len(), bytes = bytes.len(), "wrote a lobbying report");
        Ok(bytes.len() as u64)
    }
}

/// A letter or mailing flagged reportable: the warning about it, and its
/// entry in the list of engagements the report leaves out.
fn not_oral(e: &Engagement) -> (ReportWarning, NotReported) {
    let names: Vec<String> = e.officials.iter().map(|o| o.name.clone()).collect();
    let warning = ReportWarning {
        kind: WarningKind::NotOral,
        engagement_id: Some(e.id),
        date: Some(e.date.clone()),
        official_id: e.officials.first().map(|o| o.official_id),
        official: (!names.is_empty()).then(|| names.join(", ")),
        message: Message::ReportNotOral { engagement: e.id, date: e.date.clone(), kind: e.kind, officials: names.clone() },
    };
    let apart = NotReported {
        engagement_id: e.id,
        date: e.date.clone(),
        kind: e.kind,
        officials: names,
        subject: e.subject.clone(),
        reason: Message::LettersNotReported {},
    };
    (warning, apart)
}

/// The warning about a meeting or call flagged reportable that names no
/// office holder, and so gives no row.
fn no_office_holder(e: &Engagement) -> ReportWarning {
    ReportWarning {
        kind: WarningKind::NoOfficeHolder,
        engagement_id: Some(e.id),
        date: Some(e.date.clone()),
        official_id: None,
        official: None,
        message: Message::ReportNoOfficeHolder { engagement: e.id, date: e.date.clone(), kind: e.kind },
    }
}

/// The warning about a reportable meeting or call without subject matters.
fn no_subject_matters(e: &Engagement) -> ReportWarning {
    let names: Vec<String> = e.officials.iter().map(|o| o.name.clone()).collect();
    ReportWarning {
        kind: WarningKind::NoSubjectMatters,
        engagement_id: Some(e.id),
        date: Some(e.date.clone()),
        official_id: e.officials.first().map(|o| o.official_id),
        official: (!names.is_empty()).then(|| names.join(", ")),
        message: Message::ReportNoSubjectMatters { engagement: e.id, date: e.date.clone(), kind: e.kind, officials: names },
    }
}

/// The row of engagement `e` with office holder `o`, from the role in force
/// on its date. What the row lacks goes on the row in short and, in full,
/// to `warnings`.
fn row(e: &Engagement, o: &Official, registrant: Option<&str>, warnings: &mut Vec<ReportWarning>) -> ReportRow {
    let role = o.role_on(&e.date);
    let mut row_warnings = Vec::new();
    let mut warn = |kind: WarningKind, short: Message, message: Message| {
        row_warnings.push(short);
        warnings.push(ReportWarning {
            kind,
            engagement_id: Some(e.id),
            date: Some(e.date.clone()),
            official_id: Some(o.id),
            official: Some(o.name.clone()),
            message,
        });
    };
    match role {
        None => warn(
            WarningKind::NoPositionTitle,
            Message::RowNoPositionTitle {},
            Message::ReportNoPositionTitle { engagement: e.id, date: e.date.clone(), official: o.name.clone(), official_id: o.id },
        ),
        Some(r) if r.institution.trim().is_empty() => warn(
            WarningKind::NoInstitution,
            Message::RowNoInstitution {},
            Message::ReportNoInstitution {
                engagement: e.id,
                date: e.date.clone(),
                official: o.name.clone(),
                official_id: o.id,
                role: r.title.clone(),
                since: r.started_on.to_string(),
            },
        ),
        Some(_) => {}
    }
    if registrant.is_none() {
        row_warnings.push(Message::RowNoRegistrant {});
    }
    ReportRow {
        date: e.date.clone(),
        engagement_id: e.id,
        kind: e.kind,
        official_id: o.id,
        last_name: o.family_name.clone(),
        first_name: o.given_name.clone(),
        position_title: role.map(|r| r.title.clone()).unwrap_or_default(),
        branch: role.map(|r| r.branch.clone()).unwrap_or_default(),
        position_title_fr: role.map(|r| r.title_in(Lang::Fr).to_owned()).unwrap_or_default(),
        branch_fr: role.map(|r| r.branch_in(Lang::Fr).to_owned()).unwrap_or_default(),
        institution: role.map(|r| r.institution.clone()).unwrap_or_default(),
        subject_matters: Vec::new(),
        subject: e.subject.clone(),
        campaign: e.campaign_title.clone(),
        logged_by: e.logged_by.clone(),
        registrant: registrant.unwrap_or_default().to_owned(),
        warnings: row_warnings,
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_read_strictly_and_know_their_deadline() {
        let m: Month = "2026-10".parse().unwrap();
        assert_eq!(m.key(), "2026-10");
        assert_eq!(m.name(), "October 2026");
        assert_eq!(m.last_day(), NaiveDate::from_ymd_opt(2026, 10, 31).unwrap());
        assert_eq!(m.deadline(), NaiveDate::from_ymd_opt(2026, 11, 15).unwrap());
        let dec: Month = "2026-12".parse().unwrap();
        assert_eq!(dec.deadline(), NaiveDate::from_ymd_opt(2027, 1, 15).unwrap(), "December is filed in January");
        for bad in ["2026-13", "oct", "2026-1", "2026/10", "26-10", "2026-00", "", "2026-10-01"] {
            let err = bad.parse::<Month>().unwrap_err().to_string();
            assert!(err.contains("YYYY-MM"), "`{bad}` is refused with the expected form: {err}");
        }
    }

    #[test]
    fn the_month_due_is_the_one_before_today() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(Month::due_on(day(2026, 11, 12)).key(), "2026-10");
        assert_eq!(Month::due_on(day(2027, 1, 3)).key(), "2026-12", "January files December");
        assert_eq!(Month::due_on(day(2027, 3, 31)).key(), "2027-02");
        assert_eq!(Month::due_on(day(2028, 3, 1)).key(), "2028-02");
        assert_eq!(Month::due_on(day(2030, 12, 31)).key(), "2030-11");
    }
}
