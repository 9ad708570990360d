//! Full-text search over paper versions, campaigns and engagement notes.
//!
//! Owns the public search API: [`SearchRequest`] in, [`SearchResults`] out,
//! through [`Library::search`], [`Library::reindex`] and
//! [`Library::check_index`]. Promises: a search always answers (a malformed
//! query gives an empty or best-effort result, never an error) unless the
//! query is larger than any a person types ([`MAX_QUERY_CHARS`],
//! [`MAX_QUERY_TERMS`]): that is refused whole, with the limit named,
//! before the index is read; no search returns more than [`MAX_LIMIT`]
//! hits, whatever a request asks; the index it reads is in step with
//! SQLite, repaired or rebuilt first when needed; an edit saved before the
//! search is found by it; when a query finds (almost) nothing it is retried
//! typo-tolerant and the result says so.
//!
//! The parts: [`analysis`] (analyzers), [`schema`] (fields), [`query`] (the
//! query language), [`matching`] (tantivy queries) and `exclusion` (excluded
//! clauses in a form tantivy reads safely), [`documents`] (what is
//! indexed), [`index`] (open, sync, rebuild, repair), [`snippets`],
//! [`tally`] (facet counts).

pub mod analysis;
pub mod documents;
mod exclusion;
pub mod index;
pub mod matching;
pub mod query;
pub mod schema;
pub mod snippets;
pub mod tally;

use std::ops::Bound;
use std::time::Instant;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::dates;
use crate::error::{Error, Result};
use crate::message::Message;
use crate::library::Library;
use crate::vocab::{Lang, Status};

pub use crate::vocab::SearchKind;

pub use index::SearchIndex;
pub use snippets::SnippetPart;
pub use tally::Facets;

use matching::{Analyzers, Highlight};
use schema::Fields;

/// Below this many hits a query with an unknown word (a likely typo) is
/// retried typo-tolerant; with no hits at all it always is.
const FEW_HITS: usize = 3;

/// The longest query a search takes, in characters: a long quoted
/// paragraph fits. Longer input is refused rather than cut, because a cut
/// query answers a question nobody asked.
pub const MAX_QUERY_CHARS: usize = 1_000;

/// The most words, phrases and prefixes one query may hold. Each unknown
/// word costs a scan of part of the term dictionary and four typo automata,
/// so ten thousand of them would hold the index for minutes; nobody types
/// sixty-four terms that must all match.
pub const MAX_QUERY_TERMS: usize = 64;

/// The most hits one search returns, whoever asks: a script may want every
/// hit of a big library, but a snippet is made for each, and tantivy sets
/// aside room for as many hits as are asked for before it looks.
pub const MAX_LIMIT: usize = 10_000;

/// A search: the query text and its filters. JSON as the app sends it:
/// every filter `null` when unset, `as_of` as `YYYY-MM-DD`.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
pub struct SearchRequest {
    /// The query, in the volunteer query language (see [`query`]).
    pub query: String,
    /// Treat the last word as a prefix (search-as-you-type).
    pub as_you_type: bool,
    pub kind: Option<SearchKind>,
    /// First year, inclusive.
    pub from_year: Option<i32>,
    /// Last year, inclusive.
    pub to_year: Option<i32>,
    pub lang: Option<Lang>,
    /// Papers and campaigns with this tag.
    pub tag: Option<String>,
    /// Papers with this status (narrows to papers).
    pub status: Option<Status>,
    /// Engagements with this official (narrows to engagements).
    pub official: Option<i64>,
    /// Every version of each paper, not only the latest.
    pub all_versions: bool,
    /// Papers as they stood on this date (the version in force then), and
    /// campaigns and engagements dated on or before it.
    pub as_of: Option<NaiveDate>,
    /// How many hits to return (with snippets); at most `MAX_LIMIT`
    /// (10,000), whatever is asked.
    pub limit: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            as_you_type: false,
            kind: None,
            from_year: None,
            to_year: None,
            lang: None,
            tag: None,
            status: None,
            official: None,
            all_versions: false,
            as_of: None,
            limit: 20,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with no filters.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest { query: query.into(), ..Self::default() }
    }
}

/// One hit.
///
/// JSON fields (stable): `kind` (`paper`|`campaign`|`engagement`), `id`,
/// `version` (paper version number, else null), `title`, `date`
/// (`YYYY-MM-DD`), `year`, `lang` (`en`|`fr`), `score`, `snippet` (list of
/// `{text, hit}` parts).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i64,
    pub version: Option<i64>,
    pub title: String,
    pub date: String,
    pub year: i32,
    pub lang: Lang,
    pub score: f32,
    pub snippet: Vec<SnippetPart>,
}

/// The answer to a search.
///
/// JSON fields (stable): `query` (as given), `total` (matching documents),
/// `hits` (see [`SearchHit`]), `facets` (see [`Facets`]), `fuzzy` (true when the
/// hits come from the typo-tolerant retry), `corrected` (the query with
/// typos replaced by the indexed words found, or null), `took_us`
/// (microseconds, search and snippets).
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
pub struct SearchResults {
    pub query: String,
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub facets: Facets,
    pub fuzzy: bool,
    pub corrected: Option<String>,
    pub took_us: u64,
}

/// What [`Library::reindex`] did. JSON: `documents`, `took_ms`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ReindexReport {
    pub documents: u64,
    pub took_ms: u64,
}

/// How the index on disk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum IndexStatus {
    /// In step with the database, checksums verified.
    Ok,
    /// No index yet; the next search builds it.
    Missing,
    /// Behind the database; the next search applies the changes.
    Stale,
    /// A checksum does not match; the next search rebuilds it.
    Damaged,
    /// Cannot be read; the next search rebuilds it.
    Unreadable,
    /// Written with another index schema; the next search rebuilds it.
    OldSchema,
    /// Does not match the database; the next search rebuilds it.
    Diverged,
}

impl IndexStatus {
    /// The word as sent in JSON, for messages.
    pub fn as_str(self) -> &'static str {
        match self {
            IndexStatus::Ok => "ok",
            IndexStatus::Missing => "missing",
            IndexStatus::Stale => "stale",
            IndexStatus::Damaged => "damaged",
            IndexStatus::Unreadable => "unreadable",
            IndexStatus::OldSchema => "old_schema",
            IndexStatus::Diverged => "diverged",
        }
    }
}

impl std::fmt::Display for IndexStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The state of the index on disk, as [`Library::check_index`] found it.
///
/// JSON: `status` (see [`IndexStatus`]), `detail`, `documents`,
/// `indexed_seq`, `library_seq`, `checksums_ok`.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct IndexCheck {
    pub status: IndexStatus,
    /// What was found and what the next search does about it: a message
    /// (`index_*`), so each face words it in its own language.
    pub detail: Message,
    pub documents: u64,
    pub indexed_seq: Option<i64>,
    pub library_seq: i64,
    pub checksums_ok: bool,
}

use index::SearchHandle;

impl Library {
    /// Brings the search index in step with the database now, on this
    /// handle: what a long job does at its end, so searches someone waits on
    /// (which leave long catch-ups alone) find what it wrote.
    pub fn bring_index_up_to_date(&mut self) -> Result<()> {
        self.search_handle().map(|_| ())
    }

    fn search_handle(&mut self) -> Result<(&Connection, &mut SearchHandle)> {
        self.ensure_present()?;
        let read_only = self.is_read_only();
        let interactive = self.interactive_search();
        let (root, conn, slot) = self.search_parts();
        match slot {
            Some(handle) => {
                handle.index.sync_with(conn, interactive)?;
            }
            None => {
                let index = SearchIndex::open(&root, conn, read_only)?;
                *slot = Some(SearchHandle { index, analyzers: Analyzers::new() });
            }
        }
        let (_, conn, slot) = self.search_parts();
        match slot.as_mut() {
            Some(handle) => Ok((conn, handle)),
            None => Err(Error::Index("the search index could not be opened".into())),
        }
    }

    /// Searches the library. The index is opened (and repaired) on first
    /// use and brought in step with the database before every search.
    pub fn search(&mut self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let parsed = checked_query(&request.query, request.as_you_type)?;
        let first = self.search_handle().and_then(|(conn, handle)| run(conn, handle, request, &parsed));
        let mut results = match first {
            Ok(results) => results,
            Err(Error::Index(_)) => {
                // A damaged file can surface only when a search reads it:
                // rebuild from SQLite and answer anyway.
                let (_, conn, slot) = self.search_parts();
                if let Some(handle) = slot.take() {
                    let index = handle.index.repair(conn)?;
                    *slot = Some(SearchHandle { index, analyzers: handle.analyzers });
                }
                let (conn, handle) = self.search_handle()?;
                run(conn, handle, request, &parsed)?
            }
            Err(e) => return Err(e),
        };
        results.took_us = started.elapsed().as_micros() as u64;
        Ok(results)
    }

    /// Rebuilds the search index from the database.
    pub fn reindex(&mut self) -> Result<ReindexReport> {
        self.reindex_reporting(&mut |_, _| {})
    }

    /// [`Library::reindex`], calling `progress(done, total)` as documents
    /// are indexed, for a progress bar.
    pub fn reindex_reporting(&mut self, progress: &mut dyn FnMut(u64, u64)) -> Result<ReindexReport> {
        self.ensure_writable()?;
        let started = Instant::now();
        let (root, conn, slot) = self.search_parts();
        let index = match slot.take() {
            Some(handle) => handle.index.repair_reporting(conn, progress)?,
            None => SearchIndex::open_unsynced(&root)?.repair_reporting(conn, progress)?,
        };
        let documents = index.documents();
        *slot = Some(SearchHandle { index, analyzers: Analyzers::new() });
        let took_ms = started.elapsed().as_millis() as u64;
        tracing::info!(documents, took_ms, "rebuilt the search index");
        Ok(ReindexReport { documents, took_ms })
    }

    /// Checks the index on disk without changing it: present, readable,
    /// checksums sound, current schema, in step with the database.
    pub fn check_index(&mut self) -> Result<IndexCheck> {
        let (root, conn, _) = self.search_parts();
        let found = index::inspect(&root, conn)?;
        let library_seq = index::library_seq(conn)?;
        use index::Problem;
        let (status, detail) = match &found.problem {
            None => (IndexStatus::Ok, Message::IndexInStep {}),
            Some(Problem::Missing) => (IndexStatus::Missing, Message::IndexNotBuilt {}),
            Some(Problem::Unreadable(e)) => (IndexStatus::Unreadable, Message::IndexUnreadable { detail: e.clone() }),
            Some(Problem::Damaged(files)) => (IndexStatus::Damaged, Message::IndexChecksumMismatch { files: files.clone() }),
            Some(Problem::OldSchema(v)) => (
                IndexStatus::OldSchema,
                Message::IndexOldSchema { found: v.map(i64::from), current: i64::from(schema::SCHEMA_VERSION) },
            ),
            Some(Problem::Diverged) => (IndexStatus::Diverged, Message::IndexDiverged {}),
            Some(Problem::Stale { behind }) => (IndexStatus::Stale, Message::IndexBehind { changes: *behind }),
        };
        let checksums_ok = !matches!(found.problem, Some(Problem::Damaged(_) | Problem::Unreadable(_) | Problem::Missing));
        Ok(IndexCheck {
            status,
            detail,
            documents: found.documents,
            indexed_seq: found.indexed_seq,
            library_seq,
            checksums_ok,
        })
    }

    /// Closes the search index, waiting for its background merges so the
    /// folder is left compact. Searching again reopens it.
    pub fn close_search(&mut self) -> Result<()> {
        let (_, _, slot) = self.search_parts();
        match slot.take() {
            Some(handle) => handle.index.close(),
            None => Ok(()),
        }
    }
}

fn const_filter(q: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    // Filters decide membership, never rank.
    (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)))
}

fn term_filter(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
}

fn year_day(year: i32, month_day: i64) -> i64 {
    year as i64 * 10_000 + month_day
}

/// True when every document of the index, deleted ones included, is in
/// the default scope (no paper has a second version, as after an import):
/// the scope filter would then keep everything, at the cost of an
/// intersection with each match.
fn all_current(searcher: &Searcher, f: &Fields) -> bool {
    let documents: u64 = searcher.segment_readers().iter().map(|s| u64::from(s.max_doc())).sum();
    searcher.doc_freq(&Term::from_field_text(f.scope, "current")).is_ok_and(|current| current == documents)
}

/// The filters of `req` as query clauses; `all_current` as [`all_current`]
/// found the index.
fn filters(f: &Fields, conn: &Connection, req: &SearchRequest, all_current: bool) -> Result<Vec<(Occur, Box<dyn Query>)>> {
    let mut out = Vec::new();
    if let Some(kind) = req.kind {
        out.push(const_filter(term_filter(f.kind, kind.as_str())));
    }
    if req.from_year.is_some() || req.to_year.is_some() {
        let lo = req.from_year.map_or(Bound::Unbounded, |y| Bound::Included(Term::from_field_i64(f.day, year_day(y, 0))));
        let hi = req.to_year.map_or(Bound::Unbounded, |y| Bound::Included(Term::from_field_i64(f.day, year_day(y, 9999))));
        out.push(const_filter(Box::new(RangeQuery::new(lo, hi))));
    }
    if let Some(lang) = req.lang {
        out.push(const_filter(term_filter(f.lang, lang.as_str())));
    }
    if let Some(tag) = &req.tag {
        out.push(const_filter(term_filter(f.tag, &tag.trim().to_lowercase())));
    }
    if let Some(status) = req.status {
        out.push(const_filter(term_filter(f.status, status.as_str())));
    }
    if let Some(official) = req.official {
        let q = TermQuery::new(Term::from_field_u64(f.official, official.max(0) as u64), IndexRecordOption::Basic);
        out.push(const_filter(Box::new(q)));
    }
    if let Some(date) = req.as_of {
        out.push(const_filter(as_of_filter(f, conn, date)?));
    } else if !req.all_versions && !all_current {
        out.push(const_filter(term_filter(f.scope, "current")));
    }
    Ok(out)
}

/// Paper versions in force on `date` (by the publication log in SQLite),
/// and campaigns and engagements dated on or before it.
fn as_of_filter(f: &Fields, conn: &Connection, date: NaiveDate) -> Result<Box<dyn Query>> {
    let until = dates::end_of_day(date);
    let mut stmt = conn.prepare_cached(
        "SELECT paper_id,
                (SELECT v.number FROM publications q JOIN paper_versions v ON v.id = q.version_id
                  WHERE q.paper_id = p.paper_id AND q.published_at <= ?1
                 ORDER BY q.published_at DESC, q.id DESC LIMIT 1)
         FROM (SELECT DISTINCT paper_id FROM publications WHERE published_at <= ?1) p",
    )?;
    let keys: Vec<Term> = stmt
        .query_map([&until], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?
        .map(|row| row.map(|(id, n)| Term::from_field_text(f.key, &format!("paper:{id}:{n}"))))
        .collect::<rusqlite::Result<_>>()?;
    let day: i64 = dates::format_date(date).replace('-', "").parse().unwrap_or(0);
    let others: Box<dyn Query> = Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(RangeQuery::new(Bound::Unbounded, Bound::Included(Term::from_field_i64(f.day, day)))) as Box<dyn Query>),
        (Occur::MustNot, term_filter(f.kind, SearchKind::Paper.as_str())),
    ]));
    Ok(Box::new(BooleanQuery::new(vec![
        (Occur::Should, Box::new(TermSetQuery::new(keys)) as Box<dyn Query>),
        (Occur::Should, others),
    ])))
}

type Found = (Vec<(f32, DocAddress)>, tally::Tallied);

fn execute(handle: &SearchHandle, query: Box<dyn Query>, filters: &[(Occur, Box<dyn Query>)], limit: usize) -> Result<Found> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, query)];
    clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
    let q = BooleanQuery::new(clauses);
    let searcher = handle.index.reader.searcher();
    searcher
        .search(&q, &(TopDocs::with_limit(limit.max(1)).order_by_score(), tally::Tally))
        .map_err(index::tantivy_error)
}

/// The parsed query, or the refusal of one too large to run.
fn checked_query(text: &str, as_you_type: bool) -> Result<query::ParsedQuery> {
    // Counted before parsing, so a megabyte of input costs one pass.
    let chars = text.chars().count();
    if chars > MAX_QUERY_CHARS {
        return Err(Error::invalid(Message::SearchQueryTooLong { chars: chars as i64, max: MAX_QUERY_CHARS as i64 }));
    }
    let parsed = query::parse(text, as_you_type);
    let terms = parsed.clauses.len();
    if terms > MAX_QUERY_TERMS {
        return Err(Error::invalid(Message::SearchTooManyTerms { terms: terms as i64, max: MAX_QUERY_TERMS as i64 }));
    }
    Ok(parsed)
}

fn run(conn: &Connection, handle: &mut SearchHandle, req: &SearchRequest, parsed: &query::ParsedQuery) -> Result<SearchResults> {
    let mut results = SearchResults { query: req.query.clone(), ..SearchResults::default() };
    // A request built by hand (a library user, a hostile caller) is held to
    // the same ceiling as the faces' requests.
    let limit = req.limit.min(MAX_LIMIT);
    let fields = handle.index.fields.clone();
    let built = matching::build(&fields, &mut handle.analyzers, parsed, false, &[]);
    let Some(exact) = built.query else {
        return Ok(results);
    };
    let every_one_current = all_current(&handle.index.reader.searcher(), &fields);
    let filters = filters(&fields, conn, req, every_one_current)?;
    let mut found = execute(handle, exact, &filters, limit)?;
    let mut highlight = built.highlight;
    if found.1.total < FEW_HITS {
        let searcher = handle.index.reader.searcher();
        let fixes = matching::corrections(&fields, &mut handle.analyzers, &searcher, parsed);
        // Few hits with every word known is a precise query, not a typo.
        let retry = found.1.total == 0 || !fixes.is_empty();
        let loose = matching::build(&fields, &mut handle.analyzers, parsed, true, &fixes);
        if let (true, Some(q)) = (retry, loose.query) {
            let retry = execute(handle, q, &filters, limit)?;
            if retry.1.total > found.1.total {
                found = retry;
                highlight = loose.highlight;
                results.fuzzy = true;
                results.corrected = corrected_text(&req.query, &fixes, &mut handle.analyzers);
            }
        }
    }
    let (top, tallied) = found;
    results.total = tallied.total as u64;
    results.facets = tallied.facets;
    let searcher = handle.index.reader.searcher();
    for (score, address) in top.into_iter().take(limit) {
        let doc: TantivyDocument = searcher.doc(address).map_err(index::tantivy_error)?;
        let Some(key) = doc.get_first(fields.key).and_then(|v| v.as_str()).map(str::to_owned) else {
            continue;
        };
        if let Some(hit) = hit(conn, &key, score, &highlight, &mut handle.analyzers)? {
            results.hits.push(hit);
        }
    }
    // Hits of equal score come in the order of the index's segments, which
    // differ from device to device; ordered by what they are, every device
    // of a team answers alike.
    results.hits.sort_by(|a, b| {
        b.score.total_cmp(&a.score).then_with(|| (a.kind.as_str(), a.id, a.version).cmp(&(b.kind.as_str(), b.id, b.version)))
    });
    Ok(results)
}

fn hit(conn: &Connection, key: &str, score: f32, hl: &Highlight, analyzers: &mut Analyzers) -> Result<Option<SearchHit>> {
    let mut parts = key.split(':');
    let kind = parts.next().and_then(|k| k.parse::<SearchKind>().ok());
    let id = parts.next().and_then(|i| i.parse::<i64>().ok());
    let version = parts.next().and_then(|n| n.parse::<i64>().ok());
    let (Some(kind), Some(id)) = (kind, id) else {
        return Ok(None);
    };
    let Some(shown) = documents::shown(conn, kind, id, version)? else {
        return Ok(None);
    };
    let snippet = snippets::snippet(&shown.text, shown.lang, hl, analyzers);
    Ok(Some(SearchHit {
        kind,
        id,
        version,
        year: shown.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0),
        title: shown.title,
        date: shown.date,
        lang: shown.lang,
        score,
        snippet,
    }))
}

/// The query with each corrected word replaced, when there was any.
fn corrected_text(query: &str, fixes: &[(String, String)], analyzers: &mut Analyzers) -> Option<String> {
    if fixes.is_empty() {
        return None;
    }
    let words: Vec<String> = query
        .split_whitespace()
        .map(|w| {
            let folded = analysis::terms(&mut analyzers.folded, w);
            match fixes.iter().find(|(typed, _)| folded.first() == Some(typed)) {
                Some((_, fixed)) => fixed.clone(),
                None => w.to_owned(),
            }
        })
        .collect();
    Some(words.join(" "))
}
