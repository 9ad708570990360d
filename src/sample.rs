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

use std::collections::HashMap;

use include_dir::{include_dir, Dir};
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

fn opt_date(d: &Option<String>, what: &str) -> Result<Option<chrono::NaiveDate>> {
    d.as_deref().map(|d| dates::parse_date(d, what)).transpose()
}

impl Library {
    /// Fills an empty library with the sample library, in one transaction.
    pub fn load_sample(&mut self) -> Result<SampleCounts> {
        if !self.is_empty()? {
            return Err(Error::conflict(Message::SampleNotEmpty { path: self.root().display().to_string() }));
        }
        // One line for the whole sample, not one per record it adds.
        let counts = crate::logging::quietly(|| self.atomically(load))?;
        tracing::info!(papers = counts.papers, versions = counts.versions, engagements = counts.engagements, "loaded the sample library");
        Ok(counts)
    }
}

fn load(lib: &mut Library) -> Result<SampleCounts> {
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
    let papers = load_papers(lib, &mut counts)?;
    let officials = load_officials(lib, &mut counts)?;
    let campaigns = load_campaigns(lib, &papers, &mut counts)?;
    let engagements = load_engagements(lib, &papers, &officials, &campaigns, &mut counts)?;
    load_packets(lib, &papers, &officials, &engagements, &mut counts)?;
    Ok(counts)
}

/// The sample's keys (`papers/<key>/`, `key = …`) and the ids they got.
type Ids = HashMap<String, i64>;

/// Every paper with its versions, publications, status and translations.
fn load_papers(lib: &mut Library, counts: &mut SampleCounts) -> Result<Ids> {
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
                at: Some(dates::parse_moment(&v.created_at, "created_at")?),
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
                let at = dates::parse_moment(day, "published_on")?;
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

fn load_officials(lib: &mut Library, counts: &mut SampleCounts) -> Result<Ids> {
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
                    started_on: dates::parse_date(&r.started_on, "started_on")?,
                    ended_on: opt_date(&r.ended_on, "ended_on")?,
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

fn load_campaigns(lib: &mut Library, paper_ids: &Ids, counts: &mut SampleCounts) -> Result<Ids> {
    let mut campaign_ids = HashMap::new();
    for c in parse::<Campaigns>("campaigns.toml")?.campaign {
        let paper_list = c
            .papers
            .iter()
            .map(|p| lookup(paper_ids, p, "paper"))
            .collect::<Result<Vec<_>>>()?;
        let campaign = lib.add_campaign(NewCampaign {
            title: c.title,
            started_on: Some(dates::parse_date(&c.started_on, "started_on")?),
            ended_on: opt_date(&c.ended_on, "ended_on")?,
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

fn load_engagements(lib: &mut Library, paper_ids: &Ids, official_ids: &Ids, campaign_ids: &Ids, counts: &mut SampleCounts) -> Result<Ids> {
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
            date: dates::parse_date(&e.date, "date")?,
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

fn load_packets(lib: &mut Library, paper_ids: &Ids, official_ids: &Ids, engagement_ids: &Ids, counts: &mut SampleCounts) -> Result<()> {
    for p in parse::<Packets>("packets.toml")?.packet {
        let packet = lib.create_packet(crate::packets::NewPacket {
            title: p.title,
            official_id: p.official.as_deref().map(|o| lookup(official_ids, o, "official")).transpose()?,
            engagement_id: p.engagement.as_deref().map(|e| lookup(engagement_ids, e, "engagement")).transpose()?,
            meeting_on: opt_date(&p.date, "date")?,
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
