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

/// The CLI to measure: `DOSSIER_CLI`, else the one this test was built with.
fn cli() -> PathBuf {
    std::env::var_os("DOSSIER_CLI").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dossier")))
}

/// Wall time and peak resident memory (KB) of one command, and its stdout.
fn measure(library: &Path, args: &[&str]) -> (Duration, u64, String) {
    let started = Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(cli())
        .arg("--library")
        .arg(library)
        .args(args)
        .env("DOSSIER_AUTHOR", "Bench")
        .output()
        .expect("run /usr/bin/time (Debian package `time`)");
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "`dossier {}` failed: {err}", args.join(" "));
    let rss = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes): "))
        .and_then(|v| v.trim().parse().ok())
        .expect("time -v reports the peak RSS");
    (took, rss, String::from_utf8_lossy(&out.stdout).into_owned())
}

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
        let out = Command::new(cli()).arg("--library").arg(&source).args(["corpus", "--size", "large"]).output().expect("build corpus");
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
