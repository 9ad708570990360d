//! Campaigns: the organisation's history since 2004, each with dates,
//! a summary, a description, an outcome, tags and the papers it used.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

use crate::dates;
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::store::ids::{self, Table};
use crate::papers::normalise_tags;

/// A campaign as listed and shown.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Campaign {
    pub id: i64,
    pub title: String,
    pub started_on: String,
    /// `None` while the campaign goes on.
    pub ended_on: Option<String>,
    pub summary: String,
    /// Markdown.
    pub description: String,
    pub outcome: String,
    pub tags: Vec<String>,
    /// Ids of the papers the campaign used.
    pub paper_ids: Vec<i64>,
    /// How many engagements were logged under it.
    pub engagements: i64,
}

/// A campaign about to be created.
#[derive(Debug, Clone, Default)]
pub struct NewCampaign {
    pub title: String,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub summary: String,
    pub description: String,
    pub outcome: String,
    pub tags: Vec<String>,
    pub paper_ids: Vec<i64>,
}

/// Which campaigns a listing returns: those running at some point in the
/// year range, with a tag.
#[derive(Debug, Clone, Default)]
pub struct CampaignFilter {
    pub from_year: Option<i32>,
    pub to_year: Option<i32>,
    pub tag: Option<String>,
}

impl Library {
    /// Creates a campaign.
    pub fn add_campaign(&mut self, new: NewCampaign) -> Result<Campaign> {
        if new.title.trim().is_empty() {
            return Err(Error::invalid(Message::CampaignNeedsTitle {}));
        }
        let started = new
            .started_on
            .ok_or_else(|| Error::invalid(Message::CampaignNeedsStart {}))?;
        if let Some(end) = new.ended_on {
            if end < started {
                return Err(Error::invalid(Message::CampaignEndsBeforeStart {
                    start: started.to_string(),
                    end: end.to_string(),
                }));
            }
        }
        let tags = normalise_tags(&new.tags)?;
        for &paper in &new.paper_ids {
            self.paper(paper)?;
        }
        let now = dates::format_moment(dates::now());
        let id = self.write(|tx| {
            let id = ids::next(tx, Table::Campaigns)?;
            tx.execute(
                "INSERT INTO campaigns (id, title, started_on, ended_on, summary, description, outcome, created_at, updated_at)
                 VALUES (?8, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    new.title.trim(),
                    dates::format_date(started),
                    new.ended_on.map(dates::format_date),
                    new.summary.trim(),
                    new.description.trim(),
                    new.outcome.trim(),
                    now,
                    id
                ],
            )?;
            for tag in &tags {
                tx.execute("INSERT INTO campaign_tags VALUES (?1, ?2)", params![id, tag])?;
            }
            for paper in &new.paper_ids {
                tx.execute(
                    "INSERT OR IGNORE INTO campaign_papers VALUES (?1, ?2)",
                    params![id, paper],
                )?;
            }
            Ok(id)
        })?;
        self.campaign(id)
    }

    /// One campaign.
    pub fn campaign(&self, id: i64) -> Result<Campaign> {
        self.query_campaigns("WHERE c.id = ?1", params![id])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Campaign, id))
    }

    /// Campaigns matching `filter`, in the order they started.
    pub fn campaigns(&self, filter: &CampaignFilter) -> Result<Vec<Campaign>> {
        let from = filter.from_year.map(|y| format!("{y:04}-01-01"));
        let to = filter.to_year.map(|y| format!("{y:04}-12-31"));
        let tag = filter.tag.as_ref().map(|t| t.trim().to_lowercase());
        self.query_campaigns(
            "WHERE (?1 IS NULL OR coalesce(c.ended_on, '9999') >= ?1) AND (?2 IS NULL OR c.started_on <= ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM campaign_tags t WHERE t.campaign_id = c.id AND t.tag = ?3))",
            params![from, to, tag],
        )
    }

    fn query_campaigns(&self, filter: &str, args: impl rusqlite::Params) -> Result<Vec<Campaign>> {
        let sql = format!(
            "SELECT c.id, c.title, c.started_on, c.ended_on, c.summary, c.description, c.outcome,
                    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM campaign_tags t WHERE t.campaign_id = c.id ORDER BY tag)),
                    (SELECT group_concat(paper_id) FROM (SELECT paper_id FROM campaign_papers cp WHERE cp.campaign_id = c.id ORDER BY paper_id)),
                    (SELECT count(*) FROM engagements e WHERE e.campaign_id = c.id)
             FROM campaigns c {filter} ORDER BY c.started_on, c.id"
        );
        let mut stmt = self.conn()?.prepare(&sql)?;
        let rows = stmt.query_map(args, |row| {
            let tags: Option<String> = row.get(7)?;
            let papers: Option<String> = row.get(8)?;
            Ok(Campaign {
                id: row.get(0)?,
                title: row.get(1)?,
                started_on: row.get(2)?,
                ended_on: row.get(3)?,
                summary: row.get(4)?,
                description: row.get(5)?,
                outcome: row.get(6)?,
                tags: split_list(tags, '\u{1f}'),
                paper_ids: split_list(papers, ',')
                    .iter()
                    .filter_map(|p| p.parse().ok())
                    .collect(),
                engagements: row.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Links a paper to a campaign.
    pub fn link_campaign_paper(&mut self, campaign: i64, paper: i64) -> Result<()> {
        self.campaign(campaign)?;
        self.paper(paper)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR IGNORE INTO campaign_papers VALUES (?1, ?2)",
                params![campaign, paper],
            )?;
            Ok(())
        })
    }

    pub(crate) fn campaign_exists(&self, id: i64) -> Result<()> {
        self.conn()?
            .query_row("SELECT id FROM campaigns WHERE id = ?1", [id], |r| r.get::<_, i64>(0))
            .optional()?
            .map(|_| ())
            .ok_or_else(|| Error::not_found(Record::Campaign, id))
    }
}

/// Splits a `group_concat` column; `None` (no rows) is an empty list.
pub(crate) fn split_list(joined: Option<String>, sep: char) -> Vec<String> {
    joined
        .map(|j| j.split(sep).map(str::to_owned).collect())
        .unwrap_or_default()
}
