//! The sample library that ships with Dossier, built from the text files
//! under `assets/sample/` (compiled into the binary so it works anywhere).
//!
//! Layout of `assets/sample/`: `settings.toml` (organisation and
//! registrant), `subject_matters.toml` (a few of the Registry's subject
//! matters, with illustrative code numbers), `campaigns.toml`,
//! `officials.toml`, `engagements.toml`,
//! `packets.toml`, and `papers/<key>/paper.toml` with one Markdown file
//! per version. Records refer to each other by key; the loader turns keys
//! into ids and builds everything in one transaction.
//!
//! ## Recent months follow the day the sample is made
//!
//! The files were written as of [`WRITTEN_ON`] (28 November 2026): an
//! autumn of Hill days behind it, October's meetings due in the monthly
//! report, and a Hill day planned for early December. A sample made on
//! another day keeps that shape ([`Recent`]):
//!
//! - Records dated before [`RECENT_FROM`] (1 September 2026) are history
//!   and keep their real dates: the 2004 → 2026 campaigns, papers and
//!   meetings.
//! - Records dated from then on move by whole months, so that the written
//!   month (November 2026) becomes the month the sample is made in:
//!   October's meetings are last month's, due in this month's report, and
//!   the planned Hill day falls early next month. The day of the month is
//!   kept (the 31st becomes a shorter month's last day).
//! - What had happened by [`WRITTEN_ON`] never lands after the day the
//!   sample is made: a date that would is moved to the day before it. What
//!   was planned after [`WRITTEN_ON`] stays ahead: at the earliest, the day
//!   after.
//! - A moved date that falls on a weekend goes to the Friday before (what
//!   had happened) or the Monday after (what is planned), as an office
//!   would have it. Moving keeps the records' order.
//! - A campaign title's `{year}` is the year its (moved) start falls in.
//! - Made on [`WRITTEN_ON`], or on any earlier day, the sample is exactly
//!   as written; tests that check its dates make it so.

use std::collections::HashMap;

use include_dir::{include_dir, Dir};
use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use serde::Deserialize;

use crate::campaigns::NewCampaign;
use crate::dates;
use crate::engagements::NewEngagement;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::import::{self, Format};
use crate::library::Library;
use crate::officials::{NewOfficial, NewRole};
use crate::papers::{Draft, NewPaper, Status};
use crate::settings::Setting;

static SAMPLE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/assets/sample");

/// The day the sample's files were written as of.
pub const WRITTEN_ON: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 28) {
    Some(d) => d,
    None => panic!("a real day"),
};

/// The first day of the sample's recent months; earlier records are history.
pub const RECENT_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2026, 9, 1) {
    Some(d) => d,
    None => panic!("a real day"),
};

/// How the sample's recent dates move for a sample made on a given day
/// (the rules are in the module's documentation).
#[derive(Debug, Clone, Copy)]
pub struct Recent {
    /// Whole months from the written month to the month the sample is made in.
    months: u32,
    /// The day the sample is made.
    today: NaiveDate,
}

impl Recent {
    /// The move for a sample made on `today`.
    pub fn as_of(today: NaiveDate) -> Recent {
        let index = |d: NaiveDate| i64::from(d.year()) * 12 + i64::from(d.month0());
        let months = (index(today) - index(WRITTEN_ON)).clamp(0, i64::from(u32::MAX)) as u32;
        Recent { months, today }
    }

    /// Where a record dated `date` in the files lands.
    pub fn date(&self, date: NaiveDate) -> NaiveDate {
        if self.today <= WRITTEN_ON || date < RECENT_FROM {
            return date;
        }
        // `checked_add_months` keeps the day, or takes a shorter month's last.
        let Some(moved) = date.checked_add_months(Months::new(self.months)) else {
            return date;
        };
        if date <= WRITTEN_ON {
            let moved = moved.min(self.today.pred_opt().unwrap_or(self.today));
            match moved.weekday() {
                Weekday::Sat => moved - Duration::days(1),
                Weekday::Sun => moved - Duration::days(2),
                _ => moved,
            }
        } else {
            let moved = moved.max(self.today.succ_opt().unwrap_or(self.today));
            match moved.weekday() {
                Weekday::Sat => moved + Duration::days(2),
                Weekday::Sun => moved + Duration::days(1),
                _ => moved,
            }
        }
    }

    /// A `YYYY-MM-DD` date of the files, moved.
    fn day(&self, text: &str, what: &str) -> Result<NaiveDate> {
        Ok(self.date(dates::parse_date(text, what)?))
    }

    /// An optional date of the files, moved.
    fn opt_day(&self, text: &Option<String>, what: &str) -> Result<Option<NaiveDate>> {
        text.as_deref().map(|d| self.day(d, what)).transpose()
    }

    /// A moment of the files (`YYYY-MM-DDTHH:MM:SS`), its day moved and its
    /// time of day kept.
    fn moment(&self, text: &str, what: &str) -> Result<chrono::DateTime<chrono::Utc>> {
        let at = dates::parse_moment(text, what)?;
        let day = self.date(at.date_naive());
        Ok(day.and_time(at.time()).and_utc())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaperFile {
    lang: String,
    #[serde(default)]
    tags: Vec<String>,
    status: String,
    translation_of: Option<String>,
    version: Vec<VersionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VersionEntry {
    number: i64,
    file: String,
    author: String,
    note: String,
    created_at: String,
    #[serde(default)]
    summary: String,
    published_on: Option<String>,
}

#[derive(Deserialize)]
struct Campaigns {
    campaign: Vec<CampaignEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CampaignEntry {
    key: String,
    title: String,
    started_on: String,
    ended_on: Option<String>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    papers: Vec<String>,
}

#[derive(Deserialize)]
struct Officials {
    official: Vec<OfficialEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialEntry {
    key: String,
    given_name: String,
    family_name: String,
    chamber: String,
    #[serde(default)]
    party: String,
    #[serde(default)]
    constituency: String,
    role: Vec<RoleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleEntry {
    title: String,
    #[serde(default)]
    branch: String,
    #[serde(default)]
    institution: String,
    started_on: String,
    ended_on: Option<String>,
}

#[derive(Deserialize)]
struct Engagements {
    engagement: Vec<EngagementEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EngagementEntry {
    /// Only for engagements a packet refers to.
    key: Option<String>,
    kind: String,
    date: String,
    time: Option<String>,
    #[serde(default)]
    place: String,
    campaign: Option<String>,
    #[serde(default)]
    officials: Vec<String>,
    #[serde(default)]
    papers: Vec<String>,
    subject: String,
    /// Who logged it; the sample's older entries predate recording it.
    #[serde(default)]
    logged_by: String,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    follow_ups: String,
    /// Who from the organisation attends.
    #[serde(default)]
    attendees: String,
    reportable: bool,
    /// Subject-matter codes, from `subject_matters.toml`.
    #[serde(default)]
    subjects: Vec<String>,
}

#[derive(Deserialize)]
struct SubjectMatters {
    subject: Vec<SubjectEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SubjectEntry {
    code: String,
    en: String,
    fr: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    organisation: String,
    registrant: String,
}

#[derive(Deserialize)]
struct Packets {
    packet: Vec<PacketEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PacketEntry {
    title: String,
    official: Option<String>,
    engagement: Option<String>,
    date: Option<String>,
    #[serde(default)]
    prepared_by: String,
    #[serde(default)]
    notes: String,
    items: Vec<String>,
}

/// What the sample loader created.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SampleCounts {
    pub papers: usize,
    pub versions: usize,
    pub campaigns: usize,
    pub officials: usize,
    pub engagements: usize,
    pub packets: usize,
}

fn text(path: &str) -> Result<&'static str> {
    SAMPLE
        .get_file(path)
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| Error::invalid(Message::SampleBroken { detail: format!("it is missing {path}") }))
}

fn parse<T: serde::de::DeserializeOwned>(path: &str) -> Result<T> {
    toml::from_str(text(path)?).map_err(|e| Error::invalid(Message::SampleBroken { detail: format!("{path}: {e}") }))
}

fn lookup(map: &HashMap<String, i64>, key: &str, what: &str) -> Result<i64> {
    map.get(key)
        .copied()
        .ok_or_else(|| Error::invalid(Message::SampleBroken { detail: format!("it refers to unknown {what} `{key}`") }))
}

impl Library {
    /// Fills an empty library with the sample library, in one transaction.
    /// Its recent months are those of `today` (see the module's
    /// documentation); [`WRITTEN_ON`] gives the files exactly as written.
    pub fn load_sample(&mut self, today: NaiveDate) -> Result<SampleCounts> {
        if !self.is_empty()? {
            return Err(Error::conflict(Message::SampleNotEmpty { path: self.root().display().to_string() }));
        }
        // One line for the whole sample, not one per record it adds.
        let recent = Recent::as_of(today);
        let counts = crate::logging::quietly(|| self.atomically(|lib| load(lib, &recent)))?;
        tracing::info!(papers = counts.papers, versions = counts.versions, engagements = counts.engagements, "loaded the sample library");
        Ok(counts)
    }
}

fn load(lib: &mut Library, recent: &Recent) -> Result<SampleCounts> {
    let mut counts = SampleCounts::default();
    let settings: SettingsFile = parse("settings.toml")?;
    lib.set_setting(Setting::Organisation, &settings.organisation)?;
    lib.set_setting(Setting::Registrant, &settings.registrant)?;
    let subjects: Vec<crate::subjects::SubjectMatter> = parse::<SubjectMatters>("subject_matters.toml")?
        .subject
        .into_iter()
        .map(|s| crate::subjects::SubjectMatter { code: s.code, name_en: s.en, name_fr: s.fr })
        .collect();
    lib.add_subject_matters(&subjects)?;
    let papers = load_papers(lib, recent, &mut counts)?;
    let officials = load_officials(lib, recent, &mut counts)?;
    let campaigns = load_campaigns(lib, recent, &papers, &mut counts)?;
    let engagements = load_engagements(lib, recent, &papers, &officials, &campaigns, &mut counts)?;
    load_packets(lib, recent, &papers, &officials, &engagements, &mut counts)?;
    Ok(counts)
}

/// The sample's keys (`papers/<key>/`, `key = …`) and the ids they got.
type Ids = HashMap<String, i64>;

/// Every paper with its versions, publications, status and translations.
fn load_papers(lib: &mut Library, recent: &Recent, counts: &mut SampleCounts) -> Result<Ids> {
    let mut papers: Vec<(String, PaperFile)> = Vec::new();
    let dir = SAMPLE
        .get_dir("papers")
        .ok_or_else(|| Error::invalid(Message::SampleBroken { detail: "it has no papers folder".into() }))?;
    for paper_dir in dir.dirs() {
        let key = paper_dir
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let file: PaperFile = parse(&format!("papers/{key}/paper.toml"))?;
        papers.push((key, file));
    }
    // Ids follow the order papers were first written, as they would have.
    papers.sort_by(|a, b| a.1.version[0].created_at.cmp(&b.1.version[0].created_at));

    let mut paper_ids = HashMap::new();
    for (key, file) in &papers {
        let mut id = None;
        let mut versions = file.version.iter().collect::<Vec<_>>();
        versions.sort_by_key(|v| v.number);
        for v in versions {
            let path = format!("papers/{key}/{}", v.file);
            let doc = import::parse_bytes(text(&path)?.as_bytes(), std::path::Path::new(&path), Format::Markdown)?;
            let draft = Draft {
                title: doc.title_or_file_name(),
                summary: v.summary.clone(),
                body: doc.body,
                author: v.author.clone(),
                note: v.note.clone(),
                at: Some(recent.moment(&v.created_at, "created_at")?),
            };
            let saved = match id {
                None => lib.add_paper(NewPaper {
                    lang: file.lang.parse()?,
                    tags: file.tags.clone(),
                    draft,
                })?,
                Some(id) => lib.save_version(id, draft)?,
            };
            if saved.version != v.number {
                return Err(Error::invalid(Message::SampleBroken { detail: format!("{path}: versions must be numbered 1, 2, 3…") }));
            }
            id = Some(saved.paper_id);
            counts.versions += 1;
            if let Some(day) = &v.published_on {
                let at = recent.moment(day, "published_on")?;
                lib.publish(saved.paper_id, Some(saved.version), Some(at))?;
            }
        }
        let id = id.ok_or_else(|| Error::invalid(Message::SampleBroken { detail: format!("paper {key} has no versions") }))?;
        let status: Status = file.status.parse()?;
        if status != lib.paper(id)?.status {
            lib.set_status(id, status)?;
        }
        paper_ids.insert(key.clone(), id);
        counts.papers += 1;
    }
    for (key, file) in &papers {
        if let Some(other) = &file.translation_of {
            lib.link_translation(paper_ids[key], lookup(&paper_ids, other, "paper")?)?;
        }
    }

    Ok(paper_ids)
}

fn load_officials(lib: &mut Library, recent: &Recent, counts: &mut SampleCounts) -> Result<Ids> {
    let mut official_ids = HashMap::new();
    for o in parse::<Officials>("officials.toml")?.official {
        let roles = o
            .role
            .iter()
            .map(|r| {
                Ok(NewRole {
                    title: r.title.clone(),
                    branch: r.branch.clone(),
                    institution: r.institution.clone(),
                    started_on: recent.day(&r.started_on, "started_on")?,
                    ended_on: recent.opt_day(&r.ended_on, "ended_on")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let official = lib.add_official(NewOfficial {
            given_name: o.given_name,
            family_name: o.family_name,
            chamber: o.chamber.parse()?,
            party: o.party,
            constituency: o.constituency,
            roles,
        })?;
        official_ids.insert(o.key, official.id);
        counts.officials += 1;
    }

    Ok(official_ids)
}

fn load_campaigns(lib: &mut Library, recent: &Recent, paper_ids: &Ids, counts: &mut SampleCounts) -> Result<Ids> {
    let mut campaign_ids = HashMap::new();
    for c in parse::<Campaigns>("campaigns.toml")?.campaign {
        let paper_list = c
            .papers
            .iter()
            .map(|p| lookup(paper_ids, p, "paper"))
            .collect::<Result<Vec<_>>>()?;
        let started_on = recent.day(&c.started_on, "started_on")?;
        let campaign = lib.add_campaign(NewCampaign {
            title: c.title.replace("{year}", &started_on.year().to_string()),
            started_on: Some(started_on),
            ended_on: recent.opt_day(&c.ended_on, "ended_on")?,
            summary: c.summary,
            description: c.description,
            outcome: c.outcome,
            tags: c.tags,
            paper_ids: paper_list,
        })?;
        campaign_ids.insert(c.key, campaign.id);
        counts.campaigns += 1;
    }

    Ok(campaign_ids)
}

fn load_engagements(lib: &mut Library, recent: &Recent, paper_ids: &Ids, official_ids: &Ids, campaign_ids: &Ids, counts: &mut SampleCounts) -> Result<Ids> {
    let mut engagement_ids = HashMap::new();
    let mut engagements = parse::<Engagements>("engagements.toml")?.engagement;
    engagements.sort_by(|a, b| (&a.date, &a.time).cmp(&(&b.date, &b.time)));
    for e in engagements {
        let papers = e
            .papers
            .iter()
            .map(|p| {
                let (key, number) = match p.split_once('@') {
                    Some((k, n)) => (k, Some(n.parse::<i64>().map_err(|_| Error::invalid(Message::SampleBroken { detail: format!("bad paper ref `{p}`") }))?)),
                    None => (p.as_str(), None),
                };
                Ok((lookup(paper_ids, key, "paper")?, number))
            })
            .collect::<Result<Vec<_>>>()?;
        let key = e.key.clone();
        let logged = lib.add_engagement(NewEngagement {
            kind: e.kind.parse()?,
            date: recent.day(&e.date, "date")?,
            time: e.time.as_deref().map(|t| dates::parse_time(t, "time")).transpose()?,
            place: e.place,
            campaign_id: e.campaign.as_deref().map(|c| lookup(campaign_ids, c, "campaign")).transpose()?,
            subject: e.subject,
            notes: e.notes,
            follow_ups: e.follow_ups,
            attendees: e.attendees,
            reportable: Some(e.reportable),
            official_ids: e
                .officials
                .iter()
                .map(|o| lookup(official_ids, o, "official"))
                .collect::<Result<_>>()?,
            papers,
            subjects: e.subjects,
            logged_by: e.logged_by,
        })?;
        if let Some(key) = key {
            engagement_ids.insert(key, logged.id);
        }
        counts.engagements += 1;
    }

    Ok(engagement_ids)
}

fn load_packets(lib: &mut Library, recent: &Recent, paper_ids: &Ids, official_ids: &Ids, engagement_ids: &Ids, counts: &mut SampleCounts) -> Result<()> {
    for p in parse::<Packets>("packets.toml")?.packet {
        let packet = lib.create_packet(crate::packets::NewPacket {
            title: p.title,
            official_id: p.official.as_deref().map(|o| lookup(official_ids, o, "official")).transpose()?,
            engagement_id: p.engagement.as_deref().map(|e| lookup(engagement_ids, e, "engagement")).transpose()?,
            meeting_on: recent.opt_day(&p.date, "date")?,
            prepared_by: p.prepared_by,
        })?;
        for item in &p.items {
            let (key, number) = match item.split_once('@') {
                Some((k, n)) => (k, Some(n.parse::<i64>().map_err(|_| Error::invalid(Message::SampleBroken { detail: format!("bad packet item `{item}`") }))?)),
                None => (item.as_str(), None),
            };
            lib.add_packet_item(packet.id, lookup(paper_ids, key, "paper")?, number)?;
        }
        lib.set_packet_notes(packet.id, &p.notes)?;
        counts.packets += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn made_on_the_written_day_or_before_the_sample_is_as_written() {
        for today in ["2026-11-28", "2026-11-01", "2025-06-30", "1999-01-01"] {
            let recent = Recent::as_of(day(today));
            for d in ["2004-03-01", "2026-09-01", "2026-10-31", "2026-11-25", "2026-12-02", "2026-12-06"] {
                assert_eq!(recent.date(day(d)), day(d), "{d} made on {today}");
            }
        }
    }

    #[test]
    fn recent_dates_move_by_whole_months_and_history_stays() {
        let recent = Recent::as_of(day("2027-03-10"));
        assert_eq!(recent.date(day("2026-08-31")), day("2026-08-31"), "history");
        assert_eq!(recent.date(day("2026-10-06")), day("2027-02-05"), "a Saturday goes to the Friday before");
        assert_eq!(recent.date(day("2026-10-14")), day("2027-02-14") - Duration::days(2), "Sunday the 14th to Friday the 12th");
        assert_eq!(recent.date(day("2026-10-30")), day("2027-02-26"), "the 30th of a short month is its last day, a Sunday");
        assert_eq!(recent.date(day("2026-11-04")), day("2027-03-04"));
        assert_eq!(recent.date(day("2026-11-25")), day("2027-03-09"), "what had happened stays before today");
        assert_eq!(recent.date(day("2026-12-02")), day("2027-04-02"), "what was planned stays ahead");
        assert_eq!(recent.date(day("2026-12-06")), day("2027-04-06"), "a planned Tuesday");
        assert_eq!(Recent::as_of(day("2027-05-01")).date(day("2026-12-02")), day("2027-06-02"));
        assert_eq!(Recent::as_of(day("2027-05-01")).date(day("2026-12-05")), day("2027-06-07"), "a planned Saturday goes to Monday");
    }

    #[test]
    fn moving_keeps_the_order_of_every_recent_date_on_every_day() {
        let mut today = day("2026-11-29");
        while today <= day("2029-01-31") {
            let recent = Recent::as_of(today);
            let mut d = RECENT_FROM;
            let mut last = recent.date(d);
            while d <= day("2026-12-31") {
                let moved = recent.date(d);
                assert!(moved >= last, "{d} made on {today}: {moved} before {last}");
                if d <= WRITTEN_ON {
                    assert!(moved <= today, "{d} had happened, made on {today}: {moved}");
                } else {
                    assert!(moved > today, "{d} was planned, made on {today}: {moved}");
                }
                last = moved;
                d = d.succ_opt().unwrap();
            }
            today = today.succ_opt().unwrap();
        }
    }
}
