//! What someone helping a user reads: the log of a day's work (operations,
//! never the text of papers), `dossier --version --verbose`, and the problem
//! report.

use std::path::Path;
use std::process::{Command, Output};


/// `dossier` on `library`, logging into `logs`.
fn run(library: &Path, logs: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("DOSSIER_LIBRARY")
        .env("DOSSIER_AUTHOR", "Support Tester")
        .env("DOSSIER_LOG_DIR", logs)
        .output()
        .expect("run dossier")
}

fn ok(library: &Path, logs: &Path, args: &[&str]) -> String {
    let out = run(library, logs, args);
    assert!(out.status.success(), "`dossier {}`: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A folder for a library (not made yet), its log, and the files a test writes.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        Place { dir: tempfile::tempdir().unwrap() }
    }
    fn root(&self) -> std::path::PathBuf {
        self.dir.path().join("lib")
    }
    fn dir(&self) -> &Path {
        self.dir.path()
    }
    fn file(&self, name: &str, text: &str) -> std::path::PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path
    }
}

fn log_text(logs: &Path) -> String {
    dossier::logging::files(logs).iter().map(|p| std::fs::read_to_string(p).unwrap()).collect()
}

#[test]
fn a_days_work_is_logged_as_operations_without_the_text_of_any_paper() {
    let t = Place::new();
    let (lib, logs) = (t.root(), t.dir().join("logs"));
    ok(&lib, &logs, &["sample", "--as-of", "2026-11-28"]);
    let draft = t.file("zebra.md", "# Zebra crossings policy\n\nEvery zebra crossing needs a light.\n");
    ok(&lib, &logs, &["paper", "add", draft.to_str().unwrap(), "--note", "Quagga draft note"]);
    ok(&lib, &logs, &["search", "zebra"]);
    let pdf = t.dir().join("packet.pdf");
    ok(&lib, &logs, &["packet", "export", "1", "--out", pdf.to_str().unwrap()]);
    ok(&lib, &logs, &["backup", t.dir().join("b.sqlite").to_str().unwrap()]);
    let failed = run(&lib, &logs, &["paper", "show", "999"]);
    assert!(!failed.status.success());

    let text = log_text(&logs);
    for expected in [
        "INFO started version=\"",
        "INFO ran command=sample",
        "INFO created a library folder=",
        "INFO loaded the sample library papers=",
        "INFO ran command=paper add",
        "INFO added a paper paper=",
        "INFO ran command=search",
        "INFO exported a packet packet=1 pages=",
        "INFO wrote a backup bytes=",
        "WARN failed command=paper show code=\"not_found\" key=not_found",
    ] {
        assert!(text.contains(expected), "the log has `{expected}`:\n{text}");
    }
    for secret in ["Zebra", "zebra", "Quagga", "light", "Beyond the Two-State Solution"] {
        assert!(!text.contains(secret), "the log holds `{secret}`, a paper's text or a search:\n{text}");
    }
    assert_eq!(dossier::logging::files(&logs).len(), 1, "one file for the command line today");
    assert!(text.lines().count() < 40, "operations, not every record the sample adds:\n{text}");
}

#[test]
fn the_verbose_version_names_the_schema_the_library_and_the_log_without_migrating() {
    let t = Place::new();
    let (lib, logs) = (t.root(), t.dir().join("logs"));
    let bare = ok(&lib, &logs, &["--version"]);
    assert_eq!(bare, format!("dossier {}\n", env!("CARGO_PKG_VERSION")));
    let none = ok(&lib, &logs, &["--version", "--verbose"]);
    assert!(none.contains(&format!("library: {} (no library there)", lib.display())), "{none}");
    ok(&lib, &logs, &["init"]);
    let facts = ok(&lib, &logs, &["--version", "--verbose"]);
    assert!(facts.contains(&format!("schema: {}", dossier::SCHEMA_VERSION)), "{facts}");
    assert!(facts.contains(&format!("library: {} (schema {})", lib.display(), dossier::SCHEMA_VERSION)), "{facts}");
    assert!(facts.contains(&format!("log: {}", logs.display())), "{facts}");
    let err = run(&lib, &logs, &["--verbose"]);
    assert!(!err.status.success(), "--verbose alone is a usage error");
}

#[test]
fn a_problem_report_holds_the_facts_the_check_and_the_log_and_a_bad_target_changes_nothing() {
    let t = Place::new();
    let (lib, logs) = (t.root(), t.dir().join("logs"));
    ok(&lib, &logs, &["sample", "--as-of", "2026-11-28"]);
    let out = t.dir().join("report.txt");
    let said = ok(&lib, &logs, &["problem-report", out.to_str().unwrap()]);
    assert!(said.starts_with("Wrote a problem report to "), "{said}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains(&format!("Dossier {} (schema {})", env!("CARGO_PKG_VERSION"), dossier::SCHEMA_VERSION)), "{text}");
    assert!(text.contains("== dossier check ==") && text.contains("Database integrity: ok"), "{text}");
    assert!(text.contains("== Log: cli.") && text.contains("ran command=sample"), "{text}");
    assert!(!text.contains("Beyond the Two-State Solution"), "{text}");

    // No library: the report says why, and is still written.
    let empty = t.dir().join("nowhere");
    let out2 = t.dir().join("report2.txt");
    ok(&empty, &logs, &["problem-report", out2.to_str().unwrap()]);
    let text2 = std::fs::read_to_string(&out2).unwrap();
    assert!(text2.contains("No library is open: ") && text2.contains("[no_library]"), "{text2}");

    // A name without .txt, a missing folder, a file of another kind: refused,
    // nothing written.
    let before = std::fs::read_dir(t.dir()).unwrap().count();
    for (target, says) in [
        (t.dir().join("report.pdf"), "must end in .txt"),
        (t.dir().join("missing").join("r.txt"), "does not exist"),
    ] {
        let out = run(&lib, &logs, &["problem-report", target.to_str().unwrap()]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
    let sqlite = t.dir().join("b.txt");
    std::fs::copy(lib.join("library.sqlite"), &sqlite).unwrap();
    let out = run(&lib, &logs, &["problem-report", sqlite.to_str().unwrap()]);
    assert!(!out.status.success(), "a SQLite file named .txt is not overwritten");
    assert!(std::fs::read(&sqlite).unwrap().starts_with(b"SQLite format 3\0"));
    assert_eq!(std::fs::read_dir(t.dir()).unwrap().count(), before + 1, "only the copy made here is new");
}
