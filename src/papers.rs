//! Position papers and their immutable versions.
//!
//! A paper is a title-less shell (language, status, tags, translation link);
//! its text lives in versions. Every save appends a version; restoring version
//! N appends a copy of it; publishing appends to the publication log. Nothing
//! here updates or deletes a version, and the schema refuses it anyway.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::dates;
use crate::diff::{self, WordDiff};
use crate::error::{Error, Result};
use crate::message::{Message, Record};
use crate::library::Library;
use crate::store::ids::{self, Table};
use crate::sync::clock;

pub use crate::vocab::{Lang, Status};

/// A paper as listed and shown: its metadata and the title of its latest
/// version.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct Paper {
    pub id: i64,
    /// Title of the latest version.
    pub title: String,
    pub lang: Lang,
    pub status: Status,
    pub tags: Vec<String>,
    /// Number of the latest version.
    pub latest_version: i64,
    /// Number of the version in force now, if any was ever published.
    pub version_in_force: Option<i64>,
    /// The paper this one is a translation of, or that translates it.
    pub translation_id: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
    /// Two people saved versions without seeing each other's (on two
    /// devices of a team): the paper says "compare" until a version is
    /// saved after both.
    pub edited_in_parallel: bool,
}

/// One immutable version of a paper, with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct PaperVersion {
    pub paper_id: i64,
    pub version: i64,
    pub title: String,
    pub summary: String,
    /// The body, in Markdown.
    pub body: String,
    pub author: String,
    /// The change note written when the version was saved.
    pub note: String,
    /// The version this one restored, when it was made by a restore.
    pub restored_from: Option<i64>,
    pub created_at: String,
}

/// A line of a paper's history: a version without its text.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VersionInfo {
    pub version: i64,
    pub title: String,
    pub author: String,
    pub note: String,
    pub restored_from: Option<i64>,
    pub created_at: String,
    pub words: usize,
    /// Moments at which this version was put in force.
    pub published_at: Vec<String>,
}

/// An entry of the publication log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Publication {
    pub paper_id: i64,
    pub version: i64,
    pub published_at: String,
}

/// The text of a version about to be saved.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: String,
    pub summary: String,
    pub body: String,
    pub author: String,
    pub note: String,
    /// When it was written; now when `None`. Importing old material sets it.
    pub at: Option<DateTime<Utc>>,
}

/// A paper about to be created, with the text of its first version.
#[derive(Debug, Clone)]
pub struct NewPaper {
    pub lang: Lang,
    pub tags: Vec<String>,
    pub draft: Draft,
}

/// Which papers a listing returns.
#[derive(Debug, Clone, Default)]
pub struct PaperFilter {
    pub lang: Option<Lang>,
    pub status: Option<Status>,
    pub tag: Option<String>,
}

/// The word-level difference between two versions of a paper.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct VersionDiff {
    pub paper_id: i64,
    pub from: i64,
    pub to: i64,
    pub title: WordDiff,
    pub summary: WordDiff,
    pub body: WordDiff,
}

/// A paper as its screen shows it: one version's text rendered as
/// sanitised HTML, the whole history, and the linked translation.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct PaperView {
    pub paper: Paper,
    pub version: PaperVersion,
    /// The version's body as sanitised HTML.
    pub html: String,
    pub history: Vec<VersionInfo>,
    pub translation: Option<Paper>,
}

/// Tags are compared and stored trimmed, lower-case, without repeats.
pub fn normalise_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        if tag.is_empty() {
            return Err(Error::invalid(Message::TagEmpty {}));
        }
        if tag.chars().count() > 60 {
            return Err(Error::invalid(Message::TagTooLong { tag, max: 60 }));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    out.sort();
    Ok(out)
}

fn check_draft(draft: &Draft) -> Result<()> {
    if draft.title.trim().is_empty() {
        return Err(Error::invalid(Message::PaperNeedsTitle {}));
    }
    if draft.body.trim().is_empty() {
        return Err(Error::invalid(Message::PaperTextEmpty {}));
    }
    if draft.author.trim().is_empty() {
        return Err(Error::invalid(Message::VersionNeedsAuthor {}));
    }
    Ok(())
}

const VERSION_COLUMNS: &str =
    "paper_id, number, title, summary, body, author, note, restored_from, created_at";

fn version_from_row(row: &Row<'_>) -> rusqlite::Result<PaperVersion> {
    Ok(PaperVersion {
        paper_id: row.get(0)?,
        version: row.get(1)?,
        title: row.get(2)?,
        summary: row.get(3)?,
        body: row.get(4)?,
        author: row.get(5)?,
        note: row.get(6)?,
        restored_from: row.get(7)?,
        created_at: row.get(8)?,
    })
}

/// Reads a word stored in a text column (language, status, paper size),
/// refusing one this Dossier does not know.
pub(crate) fn parse_enum<T: std::str::FromStr<Err = crate::vocab::UnknownWord>>(text: String, index: usize) -> rusqlite::Result<T> {
    text.parse().map_err(|e: crate::vocab::UnknownWord| {
        rusqlite::Error::FromSqlConversionFailure(index, rusqlite::types::Type::Text, Box::new(Error::from(e)))
    })
}

/// Appends a version to a paper inside `tx` and returns it.
fn append_version(
    tx: &Connection,
    paper_id: i64,
    draft: &Draft,
    restored_from: Option<i64>,
) -> Result<PaperVersion> {
    check_draft(draft)?;
    let (number, parent): (i64, Option<i64>) = tx.query_row(
        "SELECT coalesce(max(number), 0) + 1,
                (SELECT id FROM paper_versions WHERE paper_id = ?1 ORDER BY number DESC LIMIT 1)
         FROM paper_versions WHERE paper_id = ?1",
        [paper_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // Saving on a paper edited in parallel settles the other tips: the
    // author saw them, since the paper says "compare" until they do.
    let settles = tips(tx, paper_id)?
        .into_iter()
        .filter(|&tip| Some(tip) != parent)
        .map(|tip| tip.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let at = dates::format_moment(draft.at.unwrap_or_else(dates::now));
    let id = ids::next(tx, Table::PaperVersions)?;
    let clock = clock::issue(tx)?.to_string();
    tx.execute(
        "INSERT INTO paper_versions (paper_id, number, title, summary, body, author, note, restored_from, created_at,
                                     id, parent_id, settles, clock)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            paper_id,
            number,
            draft.title.trim(),
            draft.summary.trim(),
            draft.body,
            draft.author.trim(),
            draft.note.trim(),
            restored_from,
            at,
            id,
            parent,
            settles,
            clock
        ],
    )?;
    tx.execute(
        "UPDATE papers SET updated_at = max(updated_at, ?2) WHERE id = ?1",
        params![paper_id, at],
    )?;
    Ok(PaperVersion {
        paper_id,
        version: number,
        title: draft.title.trim().to_owned(),
        summary: draft.summary.trim().to_owned(),
        body: draft.body.clone(),
        author: draft.author.trim().to_owned(),
        note: draft.note.trim().to_owned(),
        restored_from,
        created_at: at,
    })
}

/// The versions of a paper that no later version was written from or
/// settles: one for a paper edited in turn, more after parallel edits.
pub(crate) fn tips(conn: &Connection, paper_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.id FROM paper_versions v
          WHERE v.paper_id = ?1
            AND NOT EXISTS (SELECT 1 FROM paper_versions w
                             WHERE w.paper_id = ?1
                               AND (w.parent_id = v.id OR (' ' || w.settles || ' ') LIKE ('% ' || v.id || ' %')))
          ORDER BY v.number",
    )?;
    let rows = stmt.query_map([paper_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn set_tags(tx: &Connection, paper_id: i64, tags: &[String]) -> Result<()> {
    tx.execute("DELETE FROM paper_tags WHERE paper_id = ?1", [paper_id])?;
    for tag in tags {
        tx.execute(
            "INSERT INTO paper_tags (paper_id, tag) VALUES (?1, ?2)",
            params![paper_id, tag],
        )?;
    }
    Ok(())
}

impl Library {
    /// Creates a paper with its first version.
    pub fn add_paper(&mut self, new: NewPaper) -> Result<PaperVersion> {
        check_draft(&new.draft)?;
        let tags = normalise_tags(&new.tags)?;
        self.write(|tx| {
            let at = dates::format_moment(new.draft.at.unwrap_or_else(dates::now));
            let id = ids::next(tx, Table::Papers)?;
            tx.execute(
                "INSERT INTO papers (id, lang, status, created_at, updated_at) VALUES (?3, ?1, 'draft', ?2, ?2)",
                params![new.lang.as_str(), at, id],
            )?;
            set_tags(tx, id, &tags)?;
            append_version(tx, id, &new.draft, None)
        })
        .inspect(|v| tracing::info!(paper = v.paper_id, "added a paper"))
    }

    /// Appends a version to paper `id`. Refuses text identical to the
    /// latest version, which would add a version that changes nothing.
    pub fn save_version(&mut self, id: i64, draft: Draft) -> Result<PaperVersion> {
        let latest = self.latest_version(id)?;
        if latest.title == draft.title.trim()
            && latest.summary == draft.summary.trim()
            && latest.body == draft.body
        {
            return Err(Error::conflict(Message::UnchangedText { paper: id, version: latest.version }));
        }
        self.write(|tx| append_version(tx, id, &draft, None))
            .inspect(|v| tracing::info!(paper = id, version = v.version, "saved a version"))
    }

    /// Appends a version whose text equals version `number`.
    pub fn restore_version(&mut self, id: i64, number: i64, author: &str, note: &str) -> Result<PaperVersion> {
        let old = self.version(id, number)?;
        let latest = self.latest_version(id)?;
        if latest.title == old.title && latest.summary == old.summary && latest.body == old.body {
            return Err(Error::conflict(Message::RestoreUnchanged { paper: id, latest: latest.version, version: number }));
        }
        let note = if note.trim().is_empty() {
            format!("Restored version {number}")
        } else {
            format!("Restored version {number}: {}", note.trim())
        };
        let draft = Draft {
            title: old.title,
            summary: old.summary,
            body: old.body,
            author: author.to_owned(),
            note,
            at: None,
        };
        self.write(|tx| append_version(tx, id, &draft, Some(number)))
            .inspect(|v| tracing::info!(paper = id, version = v.version, restored = number, "restored a version"))
    }

    /// Puts version `number` (the latest when `None`) of paper `id` in force
    /// and marks the paper published.
    pub fn publish(&mut self, id: i64, number: Option<i64>, at: Option<DateTime<Utc>>) -> Result<Publication> {
        let number = match number {
            Some(n) => self.version(id, n)?.version,
            None => self.latest_version(id)?.version,
        };
        let version_id = self.version_id(id, number)?;
        let paper = self.paper(id)?;
        if paper.version_in_force == Some(number) && paper.status == Status::Published {
            return Err(Error::conflict(Message::AlreadyInForce { paper: id, version: number }));
        }
        let published_at = dates::format_moment(at.unwrap_or_else(dates::now));
        self.write(|tx| {
            let publication = ids::next(tx, Table::Publications)?;
            tx.execute(
                "INSERT INTO publications (id, paper_id, version_id, published_at) VALUES (?4, ?1, ?2, ?3)",
                params![id, version_id, published_at, publication],
            )?;
            tx.execute(
                "UPDATE papers SET status = 'published', updated_at = max(updated_at, ?2) WHERE id = ?1",
                params![id, published_at],
            )?;
            Ok(Publication {
                paper_id: id,
                version: number,
                published_at,
            })
        })
        .inspect(|_| tracing::info!(paper = id, version = number, "published a version"))
    }

    /// Sets a paper's status without touching its versions or publication
    /// log; use [`Library::publish`] to put a version in force.
    pub fn set_status(&mut self, id: i64, status: Status) -> Result<()> {
        let paper = self.paper(id)?;
        if status == Status::Published && paper.version_in_force.is_none() {
            return Err(Error::conflict(Message::NeverPublished { paper: id }));
        }
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            tx.execute(
                "UPDATE papers SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status.as_str(), now],
            )?;
            Ok(())
        })
    }

    /// Replaces a paper's tags.
    pub fn set_paper_tags(&mut self, id: i64, tags: &[String]) -> Result<()> {
        self.paper(id)?;
        let tags = normalise_tags(tags)?;
        self.write(|tx| set_tags(tx, id, &tags))
    }

    /// Links two papers as translations of each other (in both directions),
    /// replacing any earlier link either had.
    pub fn link_translation(&mut self, a: i64, b: i64) -> Result<()> {
        let (pa, pb) = (self.paper(a)?, self.paper(b)?);
        if a == b {
            return Err(Error::invalid(Message::OwnTranslation {}));
        }
        if pa.lang == pb.lang {
            return Err(Error::invalid(Message::SameLanguage { a, b, lang: pa.lang }));
        }
        self.write(|tx| {
            tx.execute(
                "UPDATE papers SET translation_id = NULL WHERE translation_id IN (?1, ?2)",
                params![a, b],
            )?;
            tx.execute("UPDATE papers SET translation_id = ?2 WHERE id = ?1", params![a, b])?;
            tx.execute("UPDATE papers SET translation_id = ?2 WHERE id = ?1", params![b, a])?;
            Ok(())
        })
    }

    /// One paper's metadata.
    pub fn paper(&self, id: i64) -> Result<Paper> {
        self.query_papers("WHERE p.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| Error::not_found(Record::Paper, id))
    }

    /// Papers matching `filter`, most recently changed first.
    pub fn papers(&self, filter: &PaperFilter) -> Result<Vec<Paper>> {
        let lang = filter.lang.map(Lang::as_str);
        let status = filter.status.map(Status::as_str);
        let tag = filter.tag.as_ref().map(|t| t.trim().to_lowercase());
        self.query_papers(
            "WHERE (?1 IS NULL OR p.lang = ?1) AND (?2 IS NULL OR p.status = ?2)
               AND (?3 IS NULL OR EXISTS (SELECT 1 FROM paper_tags t WHERE t.paper_id = p.id AND t.tag = ?3))",
            &[&lang, &status, &tag],
        )
    }

    fn query_papers(&self, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Paper>> {
        let sql = format!(
            "SELECT p.id, v.title, p.lang, p.status, p.translation_id, v.number,
                    (SELECT pv.number FROM publications pub JOIN paper_versions pv ON pv.id = pub.version_id
                      WHERE pub.paper_id = p.id AND pub.published_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                      ORDER BY pub.published_at DESC, pub.id DESC LIMIT 1),
                    p.created_at, p.updated_at,
                    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM paper_tags t WHERE t.paper_id = p.id ORDER BY tag)),
                    (SELECT count(*) FROM paper_versions tip WHERE tip.paper_id = p.id
                        AND NOT EXISTS (SELECT 1 FROM paper_versions w WHERE w.paper_id = p.id
                              AND (w.parent_id = tip.id OR (' ' || w.settles || ' ') LIKE ('% ' || tip.id || ' %')))) > 1
             FROM papers p
             JOIN paper_versions v ON v.paper_id = p.id
              AND v.number = (SELECT max(number) FROM paper_versions WHERE paper_id = p.id)
             {filter}
             ORDER BY p.updated_at DESC, p.id DESC"
        );
        let mut stmt = self.conn()?.prepare(&sql)?;
        let rows = stmt.query_map(args, |row| {
            let tags: Option<String> = row.get(9)?;
            Ok(Paper {
                id: row.get(0)?,
                title: row.get(1)?,
                lang: parse_enum(row.get(2)?, 2)?,
                status: parse_enum(row.get(3)?, 3)?,
                translation_id: row.get(4)?,
                latest_version: row.get(5)?,
                version_in_force: row.get(6)?,
                created_at: row.get(7)?,
                updated_at: row.get(8)?,
                tags: tags
                    .map(|t| t.split('\u{1f}').map(str::to_owned).collect())
                    .unwrap_or_default(),
                edited_in_parallel: row.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Version `number` of paper `id`.
    pub fn version(&self, id: i64, number: i64) -> Result<PaperVersion> {
        self.paper_exists(id)?;
        self.conn()?
            .query_row(
                &format!("SELECT {VERSION_COLUMNS} FROM paper_versions WHERE paper_id = ?1 AND number = ?2"),
                params![id, number],
                version_from_row,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(Message::NoVersion { paper: id, version: number }))
    }

    /// The id of version `number` of paper `id`: what references hold.
    pub(crate) fn version_id(&self, id: i64, number: i64) -> Result<i64> {
        self.paper_exists(id)?;
        self.conn()?
            .query_row(
                "SELECT id FROM paper_versions WHERE paper_id = ?1 AND number = ?2",
                params![id, number],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(Message::NoVersion { paper: id, version: number }))
    }

    /// The newest version of paper `id`, published or not.
    pub fn latest_version(&self, id: i64) -> Result<PaperVersion> {
        self.paper_exists(id)?;
        Ok(self.conn()?.query_row(
            &format!("SELECT {VERSION_COLUMNS} FROM paper_versions WHERE paper_id = ?1 ORDER BY number DESC LIMIT 1"),
            [id],
            version_from_row,
        )?)
    }

    /// The version of paper `id` that was in force at the end of `date`
    /// (today when `None`): the one most recently published by then.
    pub fn version_in_force(&self, id: i64, date: Option<NaiveDate>) -> Result<PaperVersion> {
        self.paper_exists(id)?;
        let until = match date {
            Some(d) => dates::end_of_day(d),
            None => dates::format_moment(dates::now()),
        };
        let number: Option<i64> = self
            .conn()?
            .query_row(
                "SELECT v.number FROM publications pub JOIN paper_versions v ON v.id = pub.version_id
                  WHERE pub.paper_id = ?1 AND pub.published_at <= ?2
                 ORDER BY pub.published_at DESC, pub.id DESC LIMIT 1",
                params![id, until],
                |r| r.get(0),
            )
            .optional()?;
        match number {
            Some(n) => self.version(id, n),
            None => Err(Error::NotFound(Message::NoPublishedVersion {
                paper: id,
                on: date.map(dates::format_date),
            })),
        }
    }

    /// Every version of paper `id`, oldest first, without their text.
    pub fn history(&self, id: i64) -> Result<Vec<VersionInfo>> {
        self.paper_exists(id)?;
        let mut stmt = self.conn()?.prepare(
            "SELECT v.number, v.title, v.author, v.note, v.restored_from, v.created_at, v.body,
                    (SELECT group_concat(published_at, ' ') FROM
                       (SELECT published_at FROM publications pub
                         WHERE pub.version_id = v.id ORDER BY published_at))
             FROM paper_versions v WHERE v.paper_id = ?1 ORDER BY v.number",
        )?;
        let rows = stmt.query_map([id], |row| {
            let body: String = row.get(6)?;
            let published: Option<String> = row.get(7)?;
            Ok(VersionInfo {
                version: row.get(0)?,
                title: row.get(1)?,
                author: row.get(2)?,
                note: row.get(3)?,
                restored_from: row.get(4)?,
                created_at: row.get(5)?,
                words: body.split_whitespace().count(),
                published_at: published
                    .map(|p| p.split(' ').map(str::to_owned).collect())
                    .unwrap_or_default(),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The publication log of paper `id`, oldest first.
    pub fn publications(&self, id: i64) -> Result<Vec<Publication>> {
        self.paper_exists(id)?;
        let mut stmt = self.conn()?.prepare(
            "SELECT pub.paper_id, v.number, pub.published_at FROM publications pub JOIN paper_versions v ON v.id = pub.version_id
              WHERE pub.paper_id = ?1 ORDER BY pub.published_at, pub.id",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Publication {
                paper_id: r.get(0)?,
                version: r.get(1)?,
                published_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The word-level difference from version `from` to version `to`.
    pub fn diff_versions(&self, id: i64, from: i64, to: i64) -> Result<VersionDiff> {
        let (a, b) = (self.version(id, from)?, self.version(id, to)?);
        Ok(VersionDiff {
            paper_id: id,
            from,
            to,
            title: diff::words(&a.title, &b.title),
            summary: diff::words(&a.summary, &b.summary),
            body: diff::words(&a.body, &b.body),
        })
    }

    /// Paper `id` as its screen shows it: version `number`, else the version
    /// in force, else the latest.
    pub fn paper_view(&self, id: i64, number: Option<i64>) -> Result<PaperView> {
        self.paper_view_as_of(id, number, None)
    }

    /// The version of paper `id` a reader is shown, the one rule both faces
    /// follow: version `number` when asked for; else the one in force on
    /// `as_of`; else the one in force now; else (never published) the latest.
    pub fn version_shown(&self, paper: &Paper, number: Option<i64>, as_of: Option<NaiveDate>) -> Result<PaperVersion> {
        match (number, as_of, paper.version_in_force) {
            (Some(n), _, _) => self.version(paper.id, n),
            (None, Some(date), _) => self.version_in_force(paper.id, Some(date)),
            (None, None, Some(_)) => self.version_in_force(paper.id, None),
            (None, None, None) => self.latest_version(paper.id),
        }
    }

    /// A paper as a reader sees it (see [`Library::version_shown`]).
    pub fn paper_view_as_of(&self, id: i64, number: Option<i64>, as_of: Option<NaiveDate>) -> Result<PaperView> {
        let paper = self.paper(id)?;
        let version = self.version_shown(&paper, number, as_of)?;
        let translation = paper.translation_id.map(|t| self.paper(t)).transpose()?;
        Ok(PaperView {
            html: crate::html::markdown_to_html(&version.body),
            history: self.history(id)?,
            paper,
            version,
            translation,
        })
    }

    fn paper_exists(&self, id: i64) -> Result<()> {
        let found: Option<i64> = self
            .conn()?
            .query_row("SELECT id FROM papers WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        found.map(|_| ()).ok_or_else(|| Error::not_found(Record::Paper, id))
    }
}
