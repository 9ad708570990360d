//! Helpers shared by the integration tests: temporary libraries, running the
//! `dossier` binary, and a logical snapshot of a library for before/after
//! comparisons.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::engagements::{EngagementKind, NewEngagement};
use dossier::papers::{Draft, Lang, NewPaper, PaperVersion};
use dossier::Library;

/// A library in a temporary folder that disappears with it.
pub struct TempLibrary {
    pub dir: tempfile::TempDir,
    pub lib: Library,
}

impl TempLibrary {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::init(&dir.path().join("lib")).expect("init library");
        TempLibrary { dir, lib }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("lib")
    }

    /// Writes `text` to a file in the temporary folder and returns its path.
    pub fn file(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write test file");
        path
    }
}

/// A draft by a fixed author.
pub fn draft(title: &str, body: &str, note: &str) -> Draft {
    Draft {
        title: title.into(),
        summary: String::new(),
        body: body.into(),
        author: "Test Author".into(),
        note: note.into(),
        at: None,
    }
}

/// Adds an English paper with one version.
pub fn add_paper(lib: &mut Library, title: &str, body: &str) -> PaperVersion {
    lib.add_paper(NewPaper {
        lang: Lang::En,
        tags: vec!["test".into()],
        draft: draft(title, body, "First version"),
    })
    .expect("add paper")
}

/// Runs the `dossier` binary on `library` with `args`.
pub fn dossier(library: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("DOSSIER_LIBRARY")
        .env("DOSSIER_AUTHOR", "CLI Tester")
        .env("NO_COLOR", "1")
        // Not the developer's own log folder.
        .env("DOSSIER_LOG_DIR", std::env::temp_dir().join("dossier-test-logs"))
        .output()
        .expect("run dossier")
}

/// Runs `dossier` and returns its stdout, failing the test on a non-zero exit.
pub fn dossier_ok(library: &Path, args: &[&str]) -> String {
    let out = dossier(library, args);
    assert!(
        out.status.success(),
        "`dossier {}` should succeed; stderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Runs `dossier` expecting failure; returns stderr.
pub fn dossier_err(library: &Path, args: &[&str]) -> String {
    let out = dossier(library, args);
    assert!(
        !out.status.success(),
        "`dossier {}` should fail; stdout: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty(), "a failing command prints nothing on stdout");
    String::from_utf8(out.stderr).expect("stderr is UTF-8")
}

/// Every row of every table of the library's database, as text: two equal
/// snapshots mean nothing was written.
pub fn snapshot(root: &Path) -> String {
    let conn = rusqlite::Connection::open(root.join(dossier::library::DATABASE_FILE)).expect("open db");
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| t != "sqlite_sequence");
    let mut out = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let cols = stmt.column_count();
        let mut rows: Vec<String> = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..cols {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out.push_str(&format!("## {table} ({} rows)\n{}\n", rows.len(), rows.join("\n")));
    }
    out
}

/// The CLI to measure: `DOSSIER_CLI`, else the one this test was built with.
pub fn measured_cli() -> PathBuf {
    std::env::var_os("DOSSIER_CLI").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_dossier")))
}

/// Wall time and peak resident memory (KB) of one command, and its stdout.
pub fn measure(library: &Path, args: &[&str]) -> (std::time::Duration, u64, String) {
    let started = std::time::Instant::now();
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(measured_cli())
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

/// A meeting on `date` with `officials` about `subject`, logged by "Test
/// Staff", with nothing else filled in: the start of a test's engagement.
pub fn meeting(date: chrono::NaiveDate, officials: Vec<i64>, subject: &str) -> NewEngagement {
    NewEngagement {
        kind: EngagementKind::Meeting,
        date,
        time: None,
        place: String::new(),
        campaign_id: None,
        subject: subject.into(),
        notes: String::new(),
        follow_ups: String::new(),
        attendees: String::new(),
        reportable: None,
        official_ids: officials,
        papers: vec![],
        subjects: vec![],
        logged_by: "Test Staff".into(),
    }
}
