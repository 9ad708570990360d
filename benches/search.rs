//! Search benchmarks on the large synthetic corpus (5,000 paper versions,
//! 50,000 campaigns and engagements).
//!
//! First a reporting run prints p50/p99 of top-20-with-snippets for a fixed
//! query mix, the same queries against SQLite FTS5 (bm25 + snippet()) on the
//! same corpus, their ratio, edit-to-visible latency, full rebuild time and
//! index size. Then criterion measures a few of the queries.
//!
//! `cargo bench --bench search` (set `DOSSIER_BENCH_REPORT_ONLY=1` to skip
//! criterion). The generated library is cached in
//! `/var/tmp/dossier-bench/large-<seed>` (override with
//! `DOSSIER_BENCH_DIR`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use dossier::corpus::{self, Size};
use dossier::papers::{Draft, Lang};
use dossier::search::{SearchKind, SearchRequest};
use dossier::Library;

const SEED: u64 = 42;
const RUNS: usize = 200;

struct Case {
    category: &'static str,
    query: &'static str,
    fts: &'static str,
    filtered: bool,
}

const CASES: &[Case] = &[
    Case { category: "term", query: "refugees", fts: "refugees", filtered: false },
    Case { category: "term", query: "négociations", fts: "négociations", filtered: false },
    Case { category: "two-term", query: "settlement annexation", fts: "settlement annexation", filtered: false },
    Case { category: "two-term", query: "droit retour", fts: "droit retour", filtered: false },
    Case { category: "phrase", query: "\"human rights\"", fts: "\"human rights\"", filtered: false },
    Case { category: "phrase", query: "\"nations unies\"", fts: "\"nations unies\"", filtered: false },
    Case { category: "prefix-2", query: "re*", fts: "re*", filtered: false },
    Case { category: "prefix-3", query: "pal*", fts: "pal*", filtered: false },
    Case { category: "prefix-4+", query: "negoti*", fts: "negoti*", filtered: false },
    Case { category: "typo", query: "apartide", fts: "apartide", filtered: false },
    Case { category: "typo", query: "refugess", fts: "refugess", filtered: false },
    Case { category: "filtered", query: "water", fts: "water", filtered: true },
];

fn request(case: &Case) -> SearchRequest {
    let mut req = SearchRequest::new(case.query);
    if case.filtered {
        req.kind = Some(SearchKind::Paper);
        req.from_year = Some(2010);
        req.to_year = Some(2018);
        req.lang = Some(Lang::En);
    }
    req
}

fn bench_dir() -> PathBuf {
    std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/dossier-bench"))
        .join(format!("large-{SEED}"))
}

/// The cached large library, generated on first use (into a temp folder
/// renamed into place, so an interrupted run never leaves half a corpus).
fn library() -> Library {
    let dir = bench_dir();
    if !dir.join("library.sqlite").is_file() {
        let tmp = dir.with_extension("partial");
        let _ = std::fs::remove_dir_all(&tmp);
        let started = Instant::now();
        let mut lib = Library::init(&tmp).expect("init bench library");
        let counts = corpus::fill(&mut lib, Size::Large, SEED).expect("fill corpus");
        drop(lib);
        std::fs::rename(&tmp, &dir).expect("move corpus into place");
        println!("generated the large corpus {counts:?} in {:.1} s", started.elapsed().as_secs_f64());
    }
    Library::open(&dir).expect("open bench library")
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|d| d.flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum())
        .unwrap_or(0)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The FTS5 side: the same documents (latest paper versions, campaigns,
/// engagements) in an FTS5 table of a separate database, built once.
fn fts(lib: &Library) -> rusqlite::Connection {
    let path = bench_dir().join("fts5.sqlite");
    let fresh = !path.is_file();
    let conn = rusqlite::Connection::open(&path).expect("open fts db");
    if fresh {
        let started = Instant::now();
        conn.execute_batch(&format!(
            "ATTACH DATABASE '{}' AS lib;
             BEGIN;
             CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, year UNINDEXED, lang UNINDEXED, title, body,
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO docs (kind, year, lang, title, body)
               SELECT 'paper', CAST(substr(v.created_at, 1, 4) AS INTEGER), p.lang, v.title, v.summary || ' ' || v.body
               FROM lib.papers p JOIN lib.paper_versions v ON v.paper_id = p.id
               WHERE v.number = (SELECT max(number) FROM lib.paper_versions w WHERE w.paper_id = p.id);
             INSERT INTO docs (kind, year, lang, title, body)
               SELECT 'campaign', CAST(substr(started_on, 1, 4) AS INTEGER), '', title,
                      summary || ' ' || description || ' ' || outcome FROM lib.campaigns;
             INSERT INTO docs (kind, year, lang, title, body)
               SELECT 'engagement', CAST(substr(occurred_on, 1, 4) AS INTEGER), '', subject,
                      notes || ' ' || follow_ups FROM lib.engagements;
             COMMIT;
             DETACH DATABASE lib;",
            lib.database_path().display()
        ))
        .expect("build fts5 table");
        println!("built the FTS5 side table in {:.1} s", started.elapsed().as_secs_f64());
    }
    conn
}

fn fts_query(conn: &rusqlite::Connection, case: &Case) -> usize {
    let filter = if case.filtered { "AND kind = 'paper' AND year BETWEEN 2010 AND 2018 AND lang = 'en'" } else { "" };
    let sql = format!(
        "SELECT rowid, bm25(docs, 0, 0, 0, 2.0, 1.0), snippet(docs, 4, '[', ']', '…', 28) FROM docs
         WHERE docs MATCH ?1 {filter} ORDER BY bm25(docs, 0, 0, 0, 2.0, 1.0) LIMIT 20"
    );
    let mut stmt = conn.prepare_cached(&sql).expect("prepare fts query");
    let rows = stmt
        .query_map([case.fts], |r| r.get::<_, String>(2))
        .expect("fts query")
        .filter_map(Result::ok)
        .count();
    rows
}

fn report(lib: &mut Library) {
    println!("== Dossier search report (large corpus, seed {SEED}) ==");
    let started = Instant::now();
    let rebuilt = lib.reindex().expect("reindex");
    let rebuild = started.elapsed();
    lib.close_search().expect("close");
    let size = dir_size(&bench_dir().join("index"));
    println!(
        "full rebuild: {} documents in {:.1} s; index size {:.1} MB",
        rebuilt.documents,
        rebuild.as_secs_f64(),
        size as f64 / 1e6
    );
    lib.search(&SearchRequest::new("warm up")).expect("open index");
    let fts = fts(lib);

    println!("{:<10} {:<24} {:>7} {:>9} {:>9} {:>9} {:>9} {:>7}", "category", "query", "hits", "p50 ms", "p99 ms", "fts p50", "fts p99", "p50 x");
    let (mut all, mut all_fts) = (Vec::new(), Vec::new());
    for case in CASES {
        let req = request(case);
        let total = lib.search(&req).expect("search").total;
        let mut times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            let r = lib.search(&req).expect("search");
            times.push(t.elapsed());
            std::hint::black_box(r);
        }
        fts_query(&fts, case);
        let mut fts_times = Vec::with_capacity(RUNS);
        for _ in 0..RUNS {
            let t = Instant::now();
            std::hint::black_box(fts_query(&fts, case));
            fts_times.push(t.elapsed());
        }
        times.sort();
        fts_times.sort();
        let (p50, p99) = (percentile(&times, 0.5), percentile(&times, 0.99));
        let (f50, f99) = (percentile(&fts_times, 0.5), percentile(&fts_times, 0.99));
        println!(
            "{:<10} {:<24} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7.1}",
            case.category,
            case.query,
            total,
            ms(p50),
            ms(p99),
            ms(f50),
            ms(f99),
            ms(f50) / ms(p50).max(0.001)
        );
        all.extend(times);
        all_fts.extend(fts_times);
    }
    all.sort();
    all_fts.sort();
    println!(
        "ALL tantivy p50 {:.2} ms p99 {:.2} ms | FTS5 p50 {:.2} ms p99 {:.2} ms | FTS5/tantivy p50 {:.1}x p99 {:.1}x",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(percentile(&all_fts, 0.5)),
        ms(percentile(&all_fts, 0.99)),
        ms(percentile(&all_fts, 0.5)) / ms(percentile(&all, 0.5)).max(0.001),
        ms(percentile(&all_fts, 0.99)) / ms(percentile(&all, 0.99)).max(0.001),
    );

    // Edit to visible: save a version with a fresh word, then search it.
    let paper: i64 = 1;
    let base = lib.latest_version(paper).expect("paper 1");
    let mut times = Vec::new();
    let mut saves = Vec::new();
    for i in 0..30 {
        let word = format!("zebrafish{i}x{}", std::process::id());
        let t = Instant::now();
        lib.save_version(
            paper,
            Draft { title: base.title.clone(), summary: base.summary.clone(), body: format!("{}\n\n{word}", base.body), author: "bench".into(), ..Draft::default() },
        )
        .expect("save");
        saves.push(t.elapsed());
        let r = lib.search(&SearchRequest::new(word.as_str())).expect("search");
        times.push(t.elapsed());
        assert_eq!(r.total, 1, "the edit is visible");
    }
    times.sort();
    saves.sort();
    println!(
        "edit-to-visible (save + search): p50 {:.1} ms (of which the SQLite save {:.1} ms), max {:.1} ms over {} edits",
        ms(percentile(&times, 0.5)),
        ms(percentile(&saves, 0.5)),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        times.len()
    );
}

fn main() {
    let mut lib = library();
    report(&mut lib);
    if std::env::var_os("DOSSIER_BENCH_REPORT_ONLY").is_some() {
        return;
    }
    let mut c = Criterion::default().sample_size(30).configure_from_args();
    let mut group = c.benchmark_group("search");
    for case in CASES.iter().filter(|c| c.category != "two-term") {
        let req = request(case);
        group.bench_function(format!("{} {}", case.category, case.query), |b| {
            b.iter(|| lib.search(&req).expect("search"))
        });
    }
    group.finish();
    c.final_summary();
}
