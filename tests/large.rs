//! The large benchmark library (5,000 paper versions, 50,000 records) through
//! the command line: open and list, search, export a packet, each timed and
//! its peak memory measured with `/usr/bin/time -v`.
//!
//! Ignored by default (it copies ~275 MB and wants a release build):
//! `cargo build --release --bin dossier` then
//! `DOSSIER_CLI=<target>/release/dossier cargo test --test tests -- --ignored large_library --nocapture`.
//! `DOSSIER_LARGE_LIBRARY` names the library to copy (default
//! `/var/tmp/dossier-bench/large-42`, built by `cargo bench --bench search`
//! or `dossier corpus --size large`); the copy is what is used, never the
//! original.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::util::{measure, measured_cli};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("make folder");
    for entry in std::fs::read_dir(from).expect("list folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else if entry.file_name() != "fts5.sqlite" {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

#[test]
#[ignore = "copies the 275 MB benchmark library; run with a release CLI, see the README"]
fn large_library_opens_searches_and_exports_within_the_speed_goals() {
    let source = std::env::var_os("DOSSIER_LARGE_LIBRARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/dossier-bench/large-42"));
    if !source.join("library.sqlite").exists() {
        let out = Command::new(measured_cli()).arg("--library").arg(&source).args(["corpus", "--size", "large"]).output().expect("build corpus");
        assert!(out.status.success(), "building the large corpus: {}", String::from_utf8_lossy(&out.stderr));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = dir.path().join("large");
    copy_dir(&source, &lib);

    // Bring the copied index in step first (a no-op when it already is).
    measure(&lib, &["search", "warm-up"]);

    let mut list = Vec::new();
    let mut list_rss = 0;
    for _ in 0..3 {
        let (took, rss, out) = measure(&lib, &["paper", "list", "--json"]);
        assert!(out.len() > 1000, "the list has the papers");
        list.push(took);
        list_rss = list_rss.max(rss);
    }
    let mut search_in_core = Vec::new();
    let mut search_cmd = Vec::new();
    let mut search_rss = 0;
    for q in ["élections", "settlement trade", "négociations colonies", "humanitarian access", "apartide"] {
        let (took, rss, out) = measure(&lib, &["search", q, "--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).expect("search JSON");
        search_in_core.push(Duration::from_micros(v["took_us"].as_u64().expect("took_us")));
        search_cmd.push(took);
        search_rss = search_rss.max(rss);
    }
    // A packet of the five longest-lived papers.
    let papers: serde_json::Value = serde_json::from_str(&measure(&lib, &["paper", "list", "--json"]).2).expect("list JSON");
    let mut ids: Vec<(i64, i64)> = papers
        .as_array()
        .expect("array")
        .iter()
        .map(|p| (p["latest_version"].as_i64().unwrap_or(0), p["id"].as_i64().unwrap_or(0)))
        .collect();
    ids.sort_unstable_by(|a, b| b.cmp(a));
    let (_, _, created) = measure(&lib, &["packet", "create", "--title", "Large library packet", "--json"]);
    let packet = serde_json::from_str::<serde_json::Value>(&created).expect("JSON")["id"].to_string();
    for (latest, id) in ids.iter().take(5) {
        measure(&lib, &["packet", "add", &packet, &format!("{id}@{latest}")]);
    }
    let pdf = dir.path().join("large.pdf");
    let (export, export_rss, report) = measure(&lib, &["packet", "export", &packet, "--out", pdf.to_str().unwrap(), "--json"]);
    let report: serde_json::Value = serde_json::from_str(&report).expect("export JSON");

    let max = |v: &[Duration]| v.iter().max().copied().unwrap_or_default();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "large library: open+list {:.0} ms (max of 3), peak RSS {} MB; search in core max {:.1} ms, whole command max {:.0} ms, peak RSS {} MB; export {} pages in {:.0} ms, peak RSS {} MB",
        ms(max(&list)),
        list_rss / 1024,
        ms(max(&search_in_core)),
        ms(max(&search_cmd)),
        search_rss / 1024,
        report["pages"],
        ms(export),
        export_rss / 1024
    );
    assert!(max(&list) <= Duration::from_millis(1500), "open + list within 1.5 s: {:?}", list);
    assert!(max(&search_in_core) <= Duration::from_millis(50), "search within 50 ms: {:?}", search_in_core);
    assert!(export <= Duration::from_secs(5), "export within a few seconds: {export:?}");
    for (what, rss) in [("list", list_rss), ("search", search_rss), ("export", export_rss)] {
        assert!(rss <= 300 * 1024, "{what} peaks at {} MB, goal 300 MB", rss / 1024);
    }
}

/// p50, p95 and max of `samples`, in milliseconds.
fn spread(samples: &mut [Duration]) -> String {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    format!("p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {}", at(0.5), at(0.95), at(1.0), samples.len())
}

/// Lists papers, opens the paper with the most versions and searches, on
/// `lib`, again and again until `busy` says the job on the other handle is
/// over; returns the three spreads.
fn ask_while(lib: &mut dossier::Library, busy: &std::sync::atomic::AtomicBool) -> [Vec<Duration>; 3] {
    use dossier::papers::PaperFilter;
    use std::sync::atomic::Ordering;
    let biggest = lib.papers(&PaperFilter::default()).unwrap().into_iter().max_by_key(|p| p.latest_version).unwrap().id;
    let mut out: [Vec<Duration>; 3] = Default::default();
    let queries = ["housing", "élections", "trade arms", "logement", "settlement goods", "droits"];
    let mut k = 0;
    while busy.load(Ordering::SeqCst) {
        let t = Instant::now();
        lib.papers(&PaperFilter::default()).unwrap();
        out[0].push(t.elapsed());
        let t = Instant::now();
        lib.paper_view(biggest, None).unwrap();
        out[1].push(t.elapsed());
        let t = Instant::now();
        let req = dossier::search::SearchRequest { query: queries[k % queries.len()].into(), ..Default::default() };
        lib.search(&req).unwrap();
        out[2].push(t.elapsed());
        k += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    out
}

/// What the desktop app does during a long job: the job runs on a `Library`
/// handle of its own (as `AppState::job` gives it) and the window's handle
/// goes on answering. Prints the latency of listing, opening and searching
/// during an import of 300 files and during a full reindex of the large
/// library. `cargo test --release --test tests -- --ignored answers_during --nocapture`.
#[test]
#[ignore = "copies the 275 MB benchmark library; a measurement, figures in the README"]
fn answers_during_long_jobs_on_the_large_library() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let source = std::env::var_os("DOSSIER_LARGE_LIBRARY").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/var/tmp/dossier-bench/large-42"));
    assert!(source.join("library.sqlite").is_file(), "build the large library first: `cargo bench --bench search`");
    let work = tempfile::tempdir_in("/var/tmp").expect("temp folder");
    let root = work.path().join("large");
    copy_dir(&source, &root);
    let files = work.path().join("import");
    std::fs::create_dir(&files).unwrap();
    for k in 0..300 {
        let body = format!("# Position {k}\n\n{}", "Housing is a right; le logement est un droit. ".repeat(300 + k));
        std::fs::write(files.join(format!("position-{k:03}.md")), body).unwrap();
    }
    let mut short = dossier::Library::open(&root).unwrap();
    // As the app's window handle is.
    short.set_interactive_search(true);
    short.search(&dossier::search::SearchRequest { query: "warm".into(), ..Default::default() }).unwrap();

    for job in ["import", "reindex"] {
        let busy = Arc::new(AtomicBool::new(true));
        let (flag, at, dir) = (busy.clone(), root.clone(), files.clone());
        let started = Instant::now();
        let worker = std::thread::spawn(move || {
            let mut lib = dossier::Library::open(&at).unwrap();
            if job == "import" {
                let opts = dossier::import::ImportOptions { lang: None, tags: vec![], dry_run: false, author: "Bench".into() };
                lib.import_paths(&[dir], &opts, &mut |_| true).unwrap();
            } else {
                lib.reindex().unwrap();
            }
            flag.store(false, Ordering::SeqCst);
        });
        let [mut list, mut open, mut search] = ask_while(&mut short, &busy);
        worker.join().unwrap();
        println!("during the {job} ({:.1} s):", started.elapsed().as_secs_f64());
        println!("  list papers: {}", spread(&mut list));
        println!("  open the paper with the most versions: {}", spread(&mut open));
        println!("  search: {}", spread(&mut search));
    }
}
