//! Search benchmarks on the large synthetic corpus (5,000 paper versions,
//! 50,000 campaigns and engagements), and on a library made by importing a
//! folder of 20,000 short Markdown files.
//!
//! First a reporting run prints p50/p99 of top-20-with-snippets for a fixed
//! query mix, the same queries against SQLite FTS5 (bm25 + snippet()) on the
//! same corpus, their ratio, edit-to-visible latency, full rebuild time and
//! index size. Then the import: the folder goes into a new library through
//! the `dossier` command line, the first searches after it are each a new
//! process (as a person runs them), and a query mix whose commonest word is
//! in most documents is timed in one process. Then criterion measures a few
//! of the large corpus's queries.
//!
//! `cargo bench --bench search` (set `DOSSIER_BENCH_REPORT_ONLY=1` to skip
//! criterion, `DOSSIER_BENCH_SKIP_IMPORT=1` to skip the import). The
//! generated library and files are cached in `/var/tmp/dossier-bench/`
//! (`large-<seed>`, `files-<seed>`; override with `DOSSIER_BENCH_DIR`); the
//! imported library is made again by every run.

use std::path::{Path, PathBuf};
use std::process::Command;
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
    /// The last word is a prefix, as the search box sends it.
    as_you_type: bool,
}

const fn case(category: &'static str, query: &'static str, fts: &'static str) -> Case {
    Case { category, query, fts, filtered: false, as_you_type: false }
}

const fn typed(category: &'static str, query: &'static str, fts: &'static str) -> Case {
    Case { as_you_type: true, ..case(category, query, fts) }
}

const CASES: &[Case] = &[
    case("term", "refugees", "refugees"),
    case("term", "négociations", "négociations"),
    // The commonest content word, in most documents.
    case("common", "policy", "policy"),
    case("two-term", "settlement annexation", "settlement annexation"),
    case("two-term", "droit retour", "droit retour"),
    case("phrase", "\"human rights\"", "\"human rights\""),
    case("phrase", "\"nations unies\"", "\"nations unies\""),
    case("prefix-2", "re*", "re*"),
    typed("typed-2", "po", "po*"),
    case("prefix-3", "pal*", "pal*"),
    case("prefix-4+", "negoti*", "negoti*"),
    case("typo", "apartide", "apartide"),
    case("typo", "refugess", "refugess"),
    Case { filtered: true, ..case("filtered", "water", "water") },
];

/// The queries on the imported files: the commonest words first (in most
/// documents), two letters typed, and the kinds of the large mix.
const IMPORT_CASES: &[Case] = &[
    case("common", "settlement", ""),
    case("common", "policy", ""),
    case("common", "politique", ""),
    case("two-term", "settlement government", ""),
    case("two-term", "settlement annexation", ""),
    case("term", "refugees", ""),
    case("term", "négociations", ""),
    case("phrase", "\"human rights\"", ""),
    typed("typed-2", "se", ""),
    typed("typed-2", "po", ""),
    typed("typed-1", "s", ""),
    case("prefix-2", "re*", ""),
    case("prefix-3", "set*", ""),
    typed("typed-word", "settlem", ""),
    case("typo", "setlement", ""),
    Case { filtered: true, ..case("filtered", "settlement", "") },
];

fn request(case: &Case) -> SearchRequest {
    let mut req = SearchRequest::new(case.query);
    req.as_you_type = case.as_you_type;
    if case.filtered {
        req.kind = Some(SearchKind::Paper);
        req.from_year = Some(2010);
        req.to_year = Some(2018);
        req.lang = Some(Lang::En);
    }
    req
}

fn bench_root() -> PathBuf {
    std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/dossier-bench"))
}

fn bench_dir() -> PathBuf {
    bench_root().join(format!("large-{SEED}"))
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

/// Times `runs` searches of each case on `lib`, prints a line per case,
/// and returns every time.
fn time_cases(lib: &mut Library, cases: &[Case], runs: usize) -> Vec<Duration> {
    println!("{:<10} {:<24} {:>7} {:>9} {:>9} {:>9}", "category", "query", "hits", "p50 ms", "p99 ms", "max ms");
    let mut all = Vec::new();
    for case in cases {
        let req = request(case);
        let total = lib.search(&req).expect("search").total;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            std::hint::black_box(lib.search(&req).expect("search"));
            times.push(t.elapsed());
        }
        times.sort();
        let shown = if case.as_you_type { format!("{} (typed)", case.query) } else { case.query.to_owned() };
        println!(
            "{:<10} {:<24} {:>7} {:>9.2} {:>9.2} {:>9.2}",
            case.category,
            shown,
            total,
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.99)),
            ms(*times.last().unwrap_or(&Duration::ZERO))
        );
        all.extend(times);
    }
    all.sort();
    all
}

/// The number of files imported.
const IMPORT_FILES: usize = 20_000;

/// The `dossier` command line on the library in `dir`.
fn cli(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
    c.arg("--library").arg(dir).env("DOSSIER_AUTHOR", "bench").env("NO_COLOR", "1");
    c
}

/// Runs `command`, failing the benchmark when it fails; returns its
/// output and how long it took.
fn run(command: &mut Command) -> (String, Duration) {
    let started = Instant::now();
    let out = command.output().expect("run dossier");
    let took = started.elapsed();
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8_lossy(&out.stdout).into_owned(), took)
}

/// The folder of Markdown files, generated on first use.
fn import_files() -> PathBuf {
    let dir = bench_root().join(format!("files-{SEED}"));
    if !dir.is_dir() {
        let tmp = dir.with_extension("partial");
        let _ = std::fs::remove_dir_all(&tmp);
        corpus::write_files(&tmp, IMPORT_FILES, SEED).expect("write the files");
        std::fs::rename(&tmp, &dir).expect("move the files into place");
    }
    dir
}

/// A folder of 20,000 files imported with `dossier import`, then
/// `dossier search` run three times, each a new process, then the query
/// mix in this process.
fn import_report() {
    println!("== Dossier search after an import ({IMPORT_FILES} Markdown files, seed {SEED}) ==");
    let files = import_files();
    let dir = bench_root().join("imported");
    let _ = std::fs::remove_dir_all(&dir);
    run(cli(&dir).arg("init"));
    let (_, took) = run(cli(&dir).arg("import").arg(&files));
    println!("dossier import: {:.1} s", took.as_secs_f64());
    for (i, query) in ["settlement", "settlement", "négociations"].into_iter().enumerate() {
        let (out, wall) = run(cli(&dir).args(["search", "--json", query]));
        let json: serde_json::Value = serde_json::from_str(&out).expect("search JSON");
        println!(
            "search {} after the import, a new process: {query}: {} hits, took_us {}, the whole command {:.0} ms",
            i + 1,
            json["total"],
            json["took_us"],
            ms(wall)
        );
    }
    let mut lib = Library::open(&dir).expect("open the imported library");
    let all = time_cases(&mut lib, IMPORT_CASES, RUNS);
    println!(
        "ALL after the import: p50 {:.2} ms p99 {:.2} ms max {:.2} ms",
        ms(percentile(&all, 0.5)),
        ms(percentile(&all, 0.99)),
        ms(*all.last().unwrap_or(&Duration::ZERO))
    );
}

fn main() {
    let mut lib = library();
    report(&mut lib);
    if std::env::var_os("DOSSIER_BENCH_SKIP_IMPORT").is_none() {
        import_report();
    }
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
