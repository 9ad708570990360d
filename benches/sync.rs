//! Team library benchmarks: applying other devices' changes, joining the
//! large library, and what the shared folder costs.
//!
//! `cargo bench --bench sync`. Prints:
//! - the time to apply 1,000 changes (write transactions) made on another
//!   device: 400 new papers, 300 new versions, 300 packet note edits;
//! - bytes written to the shared folder per change;
//! - the time for a new device to join the large library (5,000 versions,
//!   50,000 records) until it answers a search, and the snapshot's size.
//!
//! The large library is the one `cargo bench --bench search` caches in
//! `/var/tmp/dossier-bench/large-42` (generated here if missing).

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::corpus::{self, Size};
use dossier::packets::NewPacket;
use dossier::papers::{Draft, Lang, NewPaper};
use dossier::search::SearchRequest;
use dossier::Library;

fn draft(title: &str, body: &str) -> Draft {
    Draft { title: title.into(), summary: String::new(), body: body.into(), author: "Bench".into(), note: String::new(), at: None }
}

fn folder_bytes(path: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![path.to_owned()];
    while let Some(p) = stack.pop() {
        for e in std::fs::read_dir(&p).into_iter().flatten().flatten() {
            let m = match e.metadata() {
                Ok(m) => m,
                Err(_) => continue,
            };
            if m.is_dir() {
                stack.push(e.path());
            } else {
                total += m.len();
            }
        }
    }
    total
}

fn large_library() -> PathBuf {
    let dir = std::env::var_os("DOSSIER_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/var/tmp/dossier-bench"))
        .join("large-42");
    if !dir.join("library.sqlite").is_file() {
        let tmp = dir.with_extension("partial");
        let _ = std::fs::remove_dir_all(&tmp);
        let mut lib = Library::init(&tmp).expect("init");
        corpus::fill(&mut lib, Size::Large, 42).expect("fill");
        drop(lib);
        std::fs::rename(&tmp, &dir).expect("move corpus into place");
    }
    dir
}

fn apply_thousand_changes() {
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    let mut a = Library::init(&tmp.path().join("a")).unwrap();
    a.create_team(&shared, "a", "Bench A").unwrap();
    let mut b = Library::join_team(&tmp.path().join("b"), &shared, "b", "Bench B").unwrap();
    let packet = a.create_packet(NewPacket { title: "Hill day".into(), official_id: None, engagement_id: None, meeting_on: None, prepared_by: String::new() }).unwrap();
    a.sync().unwrap();
    b.sync().unwrap();
    let before = folder_bytes(&shared.join("dossier-team").join("changes"));
    let mut papers = Vec::new();
    for i in 0..400 {
        let v = a
            .add_paper(NewPaper { lang: Lang::En, tags: vec!["bench".into()], draft: draft(&format!("Paper {i}"), &format!("Body of paper {i}, a paragraph of a few dozen words about housing and transit policy in the capital region, with figures from the latest census and a request to the committee."))} )
            .unwrap();
        papers.push(v.paper_id);
    }
    for i in 0..300 {
        a.save_version(papers[i % papers.len()], draft(&format!("Paper {}", i % papers.len()), &format!("Revised body {i}: the committee asked for the regional figures, here they are."))).unwrap();
    }
    for i in 0..300 {
        a.set_packet_notes(packet.id, &format!("Talking point {i}")).unwrap();
    }
    let written = Instant::now();
    let out = a.sync().unwrap();
    let write_ms = written.elapsed().as_secs_f64() * 1000.0;
    let bytes = folder_bytes(&shared.join("dossier-team").join("changes")) - before;
    let started = Instant::now();
    let report = b.sync().unwrap();
    let apply = started.elapsed();
    assert_eq!(report.files_applied, 1);
    println!(
        "apply 1,000 changes from another device: {:.0} ms ({} row changes; writing them out took {write_ms:.0} ms)",
        apply.as_secs_f64() * 1000.0,
        report.rows_applied
    );
    println!(
        "shared folder: {} bytes for {} changes, {:.0} bytes per change",
        bytes,
        out.changes_written,
        bytes as f64 / out.changes_written.max(1) as f64
    );
}

fn join_large() {
    let source = large_library();
    let tmp = tempfile::tempdir().unwrap();
    let shared = tmp.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    // A copy of the large library becomes the first device.
    let first = tmp.path().join("first");
    std::fs::create_dir_all(&first).unwrap();
    {
        let lib = Library::open(&source).unwrap();
        lib.backup(&first.join("library.sqlite")).unwrap();
    }
    let mut lib = Library::open(&first).unwrap();
    let setup = Instant::now();
    lib.create_team(&shared, "first", "Bench").unwrap();
    let setup = setup.elapsed();
    let snapshot = folder_bytes(&shared.join("dossier-team").join("snapshots"));
    let started = Instant::now();
    let mut joined = Library::join_team(&tmp.path().join("new"), &shared, "new", "Bench").unwrap();
    let copied = started.elapsed();
    let hits = joined.search(&SearchRequest::new("refugees")).unwrap().hits.len();
    let searchable = started.elapsed();
    assert!(hits > 0);
    println!(
        "set up a team on the large library: {:.1} s (snapshot {:.1} MB)",
        setup.as_secs_f64(),
        snapshot as f64 / 1_048_576.0
    );
    println!(
        "a new device joins the large library: {:.1} s to a copy, {:.1} s to a searchable library",
        copied.as_secs_f64(),
        searchable.as_secs_f64()
    );
}

fn main() {
    // `cargo bench` passes flags such as `--bench`; nothing to parse.
    apply_thousand_changes();
    join_large();
}
