//! What gets indexed: reads papers, campaigns and engagements from SQLite
//! and turns each into index documents; fetches the text of shown hits.
//!
//! Promises: every paper *version* is one document (the latest marked
//! `current`), every campaign and engagement one document; the text indexed
//! is exactly the text SQLite holds, so a rebuild from SQLite alone always
//! reproduces the index.

use rusqlite::{params, Connection, OptionalExtension};
use tantivy::TantivyDocument;

use super::{analysis, tally};
use super::schema::Fields;
use crate::vocab::SearchKind;
use crate::error::Result;
use crate::vocab::Lang;

/// One searchable thing, as read from SQLite.
#[derive(Debug, Clone)]
pub struct Source {
    pub kind: SearchKind,
    pub id: i64,
    /// The version number, for papers.
    pub version: Option<i64>,
    pub lang: Lang,
    pub status: Option<String>,
    pub tags: Vec<String>,
    pub officials: Vec<i64>,
    /// Latest version of a paper; always true for campaigns and engagements.
    pub current: bool,
    /// `YYYY-MM-DD`: when the version was written, the campaign started or
    /// the engagement happened.
    pub date: String,
    pub title: String,
    pub body: String,
}

impl Source {
    /// The key of this document in the index.
    pub fn key(&self) -> String {
        match self.version {
            Some(n) => format!("{}:{}:{}", self.kind.as_str(), self.id, n),
            None => format!("{}:{}", self.kind.as_str(), self.id),
        }
    }

    /// See [`Fields::state`].
    pub fn state(&self) -> String {
        state(self.lang.as_str(), self.status.as_deref().unwrap_or(""), &self.tags, self.current)
    }

    fn year(&self) -> i64 {
        self.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
    }

    fn day(&self) -> i64 {
        let digits: String = self.date.chars().filter(char::is_ascii_digit).take(8).collect();
        digits.parse().unwrap_or(0)
    }

    /// The index document for this source.
    pub fn document(&self, f: &Fields) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.key, self.key());
        doc.add_text(f.entity, entity_key(self.kind, self.id));
        doc.add_text(f.state, self.state());
        doc.add_text(f.kind, self.kind.as_str());
        doc.add_text(f.lang, self.lang.as_str());
        if let Some(status) = &self.status {
            doc.add_text(f.status, status);
        }
        for tag in &self.tags {
            doc.add_text(f.tag, tag);
        }
        for &o in &self.officials {
            doc.add_u64(f.official, o as u64);
        }
        if self.current {
            doc.add_text(f.scope, "current");
        }
        doc.add_i64(f.year, self.year());
        doc.add_i64(f.day, self.day());
        doc.add_u64(f.tally, tally::code(self.kind, self.lang, self.year(), !self.tags.is_empty()));
        let (title, body) = f.stemmed(self.lang);
        doc.add_text(title, &self.title);
        doc.add_text(body, &self.body);
        doc.add_text(f.title_folded, &self.title);
        doc.add_text(f.body_folded, &self.body);
        doc
    }
}

fn state(lang: &str, status: &str, tags: &[String], current: bool) -> String {
    format!("{lang}|{status}|{}|{current}", tags.join("\u{1f}"))
}

/// The state of each version of paper `id` as SQLite has it now, by
/// number, read without the text.
pub fn paper_states(conn: &Connection, id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.lang, p.status,
                (SELECT group_concat(tag, char(31)) FROM paper_tags t WHERE t.paper_id = p.id),
                v.number,
                v.number = (SELECT max(number) FROM paper_versions w WHERE w.paper_id = p.id)
         FROM papers p JOIN paper_versions v ON v.paper_id = p.id WHERE p.id = ?1",
    )?;
    let rows = stmt.query_map([id], |r| {
        let (lang, status): (String, String) = (r.get(0)?, r.get(1)?);
        let tags = split_tags(r.get(2)?);
        Ok((r.get::<_, i64>(3)?, state(&lang, &status, &tags, r.get(4)?)))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Calls `each` with version `number` of paper `id`.
pub fn paper_version(conn: &Connection, id: i64, number: i64, each: &mut dyn FnMut(Source) -> Result<()>) -> Result<()> {
    papers_where(conn, Some(id), Some(number), each)
}

/// The `entity` term of a record, as the outbox names it.
pub fn entity_key(kind: SearchKind, id: i64) -> String {
    format!("{}:{}", kind.as_str(), id)
}

fn split_tags(joined: Option<String>) -> Vec<String> {
    let mut tags: Vec<String> = joined
        .unwrap_or_default()
        .split('\u{1f}')
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    tags.sort();
    tags
}

fn join_text(parts: &[&str]) -> String {
    parts.iter().filter(|p| !p.trim().is_empty()).copied().collect::<Vec<_>>().join("\n\n")
}

/// How many documents a full rebuild indexes: one per paper version, one
/// per campaign, one per engagement.
pub fn count_all(conn: &Connection) -> Result<u64> {
    Ok(conn.query_row(
        "SELECT (SELECT count(*) FROM paper_versions) + (SELECT count(*) FROM campaigns)
              + (SELECT count(*) FROM engagements)",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// Calls `each` with every source of `kind` (only record `only` when given).
pub fn for_each(
    conn: &Connection,
    kind: SearchKind,
    only: Option<i64>,
    each: &mut dyn FnMut(Source) -> Result<()>,
) -> Result<()> {
    match kind {
        SearchKind::Paper => papers(conn, only, each),
        SearchKind::Campaign => campaigns(conn, only, each),
        SearchKind::Engagement => engagements(conn, only, each),
    }
}

fn papers(conn: &Connection, only: Option<i64>, each: &mut dyn FnMut(Source) -> Result<()>) -> Result<()> {
    papers_where(conn, only, None, each)
}

fn papers_where(
    conn: &Connection,
    only: Option<i64>,
    number: Option<i64>,
    each: &mut dyn FnMut(Source) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.lang, p.status,
                (SELECT group_concat(tag, char(31)) FROM paper_tags t WHERE t.paper_id = p.id),
                v.number, v.title, v.summary, v.body, v.created_at,
                v.number = (SELECT max(number) FROM paper_versions w WHERE w.paper_id = p.id)
         FROM papers p JOIN paper_versions v ON v.paper_id = p.id
         WHERE (?1 IS NULL OR p.id = ?1) AND (?2 IS NULL OR v.number = ?2)",
    )?;
    let mut rows = stmt.query(params![only, number])?;
    while let Some(r) = rows.next()? {
        let lang: String = r.get(1)?;
        let summary: String = r.get(6)?;
        let body: String = r.get(7)?;
        let created: String = r.get(8)?;
        each(Source {
            kind: SearchKind::Paper,
            id: r.get(0)?,
            version: Some(r.get(4)?),
            lang: lang.parse().unwrap_or(Lang::En),
            status: Some(r.get(2)?),
            tags: split_tags(r.get(3)?),
            officials: Vec::new(),
            current: r.get(9)?,
            date: created.get(..10).unwrap_or(&created).to_owned(),
            title: r.get(5)?,
            body: join_text(&[&summary, &body]),
        })?;
    }
    Ok(())
}

fn campaigns(conn: &Connection, only: Option<i64>, each: &mut dyn FnMut(Source) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.title, c.started_on, c.summary, c.description, c.outcome,
                (SELECT group_concat(tag, char(31)) FROM campaign_tags t WHERE t.campaign_id = c.id)
         FROM campaigns c WHERE ?1 IS NULL OR c.id = ?1",
    )?;
    let mut rows = stmt.query(params![only])?;
    while let Some(r) = rows.next()? {
        let title: String = r.get(1)?;
        let (summary, description, outcome): (String, String, String) = (r.get(3)?, r.get(4)?, r.get(5)?);
        let body = join_text(&[&summary, &description, &outcome]);
        each(Source {
            kind: SearchKind::Campaign,
            id: r.get(0)?,
            version: None,
            lang: analysis::detect(&format!("{title} {body}")),
            status: None,
            tags: split_tags(r.get(6)?),
            officials: Vec::new(),
            current: true,
            date: r.get(2)?,
            title,
            body,
        })?;
    }
    Ok(())
}

fn engagements(conn: &Connection, only: Option<i64>, each: &mut dyn FnMut(Source) -> Result<()>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.subject, e.occurred_on, e.notes, e.follow_ups, e.place,
                (SELECT group_concat(eo.official_id, ',') FROM engagement_officials eo WHERE eo.engagement_id = e.id),
                (SELECT group_concat(o.given_name || ' ' || o.family_name, ', ')
                   FROM engagement_officials eo JOIN officials o ON o.id = eo.official_id
                  WHERE eo.engagement_id = e.id)
         FROM engagements e WHERE ?1 IS NULL OR e.id = ?1",
    )?;
    let mut rows = stmt.query(params![only])?;
    while let Some(r) = rows.next()? {
        let title: String = r.get(1)?;
        let (notes, follow_ups, place): (String, String, String) = (r.get(3)?, r.get(4)?, r.get(5)?);
        let ids: Option<String> = r.get(6)?;
        let names: Option<String> = r.get(7)?;
        let body = join_text(&[&notes, &follow_ups]);
        let lang = analysis::detect(&format!("{title} {body}"));
        // Names and place are searchable ("meeting with Tremblay") but come
        // after the notes so snippets show the notes first.
        let body = join_text(&[&body, &names.unwrap_or_default(), &place]);
        each(Source {
            kind: SearchKind::Engagement,
            id: r.get(0)?,
            version: None,
            lang,
            status: None,
            tags: Vec::new(),
            officials: ids
                .unwrap_or_default()
                .split(',')
                .filter_map(|s| s.trim().parse().ok())
                .collect(),
            current: true,
            date: r.get(2)?,
            title,
            body,
        })?;
    }
    Ok(())
}

/// The title, language and text of a hit, for display and snippets.
pub struct Shown {
    pub title: String,
    pub text: String,
    pub date: String,
    pub lang: Lang,
}

/// What [`shown`] reads of a paper version: title, text, date, language.
pub(crate) const SHOWN_PAPER_SQL: &str = "SELECT v.title, v.summary || char(10) || char(10) || v.body, substr(v.created_at, 1, 10), p.lang
     FROM paper_versions v JOIN papers p ON p.id = v.paper_id
     WHERE v.paper_id = ?1 AND v.number = ?2";

/// Reads what a hit shows from SQLite; `None` if the record is gone.
pub fn shown(conn: &Connection, kind: SearchKind, id: i64, number: Option<i64>) -> Result<Option<Shown>> {
    let row = match kind {
        SearchKind::Paper => conn
            .prepare_cached(SHOWN_PAPER_SQL)?
            .query_row(params![id, number.unwrap_or(0)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, Some(r.get::<_, String>(3)?)))
            })
            .optional()?,
        SearchKind::Campaign => conn
            .prepare_cached(
                "SELECT title, summary || char(10) || char(10) || description || char(10) || char(10) || outcome,
                        started_on FROM campaigns WHERE id = ?1",
            )?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, None)))
            .optional()?,
        SearchKind::Engagement => conn
            .prepare_cached(
                "SELECT subject, notes || char(10) || char(10) || follow_ups, occurred_on FROM engagements WHERE id = ?1",
            )?
            .query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, None)))
            .optional()?,
    };
    Ok(row.map(|(title, text, date, lang): (String, String, String, Option<String>)| {
        let lang = match lang {
            Some(l) => l.parse().unwrap_or(Lang::En),
            None => analysis::detect(&format!("{title} {text}")),
        };
        Shown { title, text, date, lang }
    }))
}
