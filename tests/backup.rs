//! Backups and restores: a round trip gives back an equal library; a file
//! that is not a sound, known Dossier backup is refused before anything is
//! written; a library is backed up before a migration and once a day.

use std::path::{Path, PathBuf};

use chrono::{Days, TimeZone, Utc};
use dossier::backup::{BackupKind, BACKUPS_DIR, DAILY_KEPT};
use dossier::library::DATABASE_FILE;
use dossier::{Library, SCHEMA_VERSION};

use crate::util::{dossier, dossier_err, dossier_ok, snapshot, TempLibrary};

fn sample() -> TempLibrary {
    let mut t = TempLibrary::new();
    t.lib.load_sample(dossier::sample::WRITTEN_ON).expect("the sample library loads");
    t
}

/// Runs `dossier restore` expecting a refusal that says `expect` on one
/// line and writes nothing at `to`.
fn restore_refused(t: &TempLibrary, file: &Path, to: &Path, expect: &str) {
    let existed = to.exists();
    let before = existed.then(|| snapshot(to));
    let args = ["restore", file.to_str().unwrap(), "--to", to.to_str().unwrap()];
    let stderr = dossier_err(&t.root(), &args);
    assert!(stderr.starts_with("error: "), "errors are labelled: {stderr}");
    assert!(stderr.contains(expect), "restoring {} should say `{expect}`, said: {stderr}", file.display());
    assert_eq!(stderr.trim().lines().count(), 1, "one clear line: {stderr}");
    match before {
        Some(before) => assert_eq!(snapshot(to), before, "the existing library was not touched"),
        None => assert!(!to.exists(), "nothing was written at {}", to.display()),
    }
}

fn make_backup(t: &TempLibrary, name: &str) -> PathBuf {
    let file = t.dir.path().join(name);
    dossier_ok(&t.root(), &["backup", file.to_str().unwrap()]);
    file
}

#[test]
fn a_backup_restores_into_a_library_equal_in_every_table() {
    let t = sample();
    let file = t.dir.path().join("dossier-backup.sqlite");
    let out = dossier_ok(&t.root(), &["backup", file.to_str().unwrap()]);
    assert!(out.starts_with("Wrote the backup ") && (out.contains(" KB)") || out.contains(" MB)")), "says where and how big: {out}");
    assert!(out.contains("papers") && out.contains("engagements") && out.contains("original files"), "says what it holds: {out}");
    let header = std::fs::read(&file).unwrap();
    assert_eq!(&header[18..20], &[1, 1], "the backup is a self-contained rollback-journal file, not WAL");
    assert!(!t.dir.path().read_dir().unwrap().flatten().any(|e| e.file_name().to_string_lossy().ends_with(".part")),
        "no temporary file is left beside the backup");

    let to = t.dir.path().join("restored");
    let out = dossier_ok(&t.root(), &["restore", file.to_str().unwrap(), "--to", to.to_str().unwrap()]);
    assert!(out.contains("Restored") && out.contains("restored"), "{out}");
    assert_eq!(snapshot(&to), snapshot(&t.root()), "every row of every table came back");
    let lib = Library::open(&to).unwrap();
    assert!(lib.integrity_check().unwrap().is_empty());
    assert_eq!(lib.settings().unwrap(), t.lib.settings().unwrap(), "settings travel with the library");
}

#[test]
fn a_backup_is_taken_while_another_connection_holds_a_write_transaction() {
    let t = sample();
    let writer = rusqlite::Connection::open(t.root().join(DATABASE_FILE)).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; UPDATE settings SET value = 'uncommitted' WHERE key = 'registrant';").unwrap();
    let file = make_backup(&t, "during-write.sqlite");
    writer.execute_batch("COMMIT").unwrap();
    let info = dossier::backup::verify(&file).expect("the backup is sound");
    assert!(info.papers > 0);
    let conn = rusqlite::Connection::open(&file).unwrap();
    let registrant: String = conn.query_row("SELECT value FROM settings WHERE key = 'registrant'", [], |r| r.get(0)).unwrap();
    assert_eq!(registrant, "Samira Khoury", "the backup is the last committed state, not half a transaction");
}

#[test]
fn restoring_garbage_a_truncated_backup_or_a_foreign_database_is_refused_and_writes_nothing() {
    let t = sample();
    let to = t.dir.path().join("new-library");

    let garbage = t.file("garbage.sqlite", "this is not a database, just some text that is long enough to have a header".repeat(20));
    restore_refused(&t, &garbage, &to, "the file is not a SQLite database");

    let good = make_backup(&t, "good.sqlite");
    let bytes = std::fs::read(&good).unwrap();
    let truncated = t.file("truncated.sqlite", &bytes[..bytes.len() / 2]);
    restore_refused(&t, &truncated, &to, "damaged or incomplete");

    let foreign = t.dir.path().join("contacts.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE contacts (name TEXT);").unwrap();
    restore_refused(&t, &foreign, &to, "not a Dossier library or backup");

    let missing = t.dir.path().join("missing.sqlite");
    restore_refused(&t, &missing, &to, "missing.sqlite: there is no such file");
}

#[test]
fn a_backup_from_a_newer_dossier_is_refused() {
    let t = sample();
    let newer = make_backup(&t, "newer.sqlite");
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    restore_refused(&t, &newer, &t.dir.path().join("new-library"), "install a newer Dossier");
}

#[test]
fn restoring_over_an_existing_library_is_refused() {
    let t = sample();
    let file = make_backup(&t, "b.sqlite");
    restore_refused(&t, &file, &t.root(), "already holds a library");
}

#[test]
fn a_schema_1_backup_restores_and_is_upgraded() {
    let t = TempLibrary::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1/library.sqlite");
    let to = t.dir.path().join("from-schema-1");
    let out = dossier_ok(&t.root(), &["restore", fixture.to_str().unwrap(), "--to", to.to_str().unwrap()]);
    assert!(out.contains("upgraded from version 1"), "{out}");
    let lib = Library::open(&to).unwrap();
    assert_eq!(lib.papers(&Default::default()).unwrap().len(), 2, "the fixture's two papers came back");
}

fn schema_1_library() -> (tempfile::TempDir, PathBuf) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1/library.sqlite");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    std::fs::copy(&fixture, root.join(DATABASE_FILE)).expect("copy the committed fixture");
    (dir, root)
}

#[test]
fn an_existing_library_is_backed_up_before_its_schema_is_upgraded() {
    let (_dir, root) = schema_1_library();
    let lib = Library::open(&root).expect("the schema-1 library opens and is upgraded");
    let backups = lib.automatic_backups();
    assert_eq!(backups.len(), 1, "one backup was made before the upgrade: {backups:?}");
    assert_eq!(backups[0].kind, BackupKind::BeforeMigration);
    let name = backups[0].path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with(&format!("before-schema-{SCHEMA_VERSION}-")), "{name}");
    let info = dossier::backup::verify(&backups[0].path).unwrap();
    assert_eq!(info.schema_version, 1, "the backup is the library as it was");
    assert_eq!(info.papers, 2);
    assert_eq!(lib.latest_backup(), Some(backups[0].path.clone()));

    drop(lib);
    Library::open(&root).unwrap();
    assert_eq!(list(&root).len(), 1, "an up-to-date library is not backed up again on open");
}

#[test]
fn when_the_backup_before_an_upgrade_fails_the_library_is_not_upgraded() {
    let (_dir, root) = schema_1_library();
    // A file where the backups folder should be: the folder cannot be made.
    std::fs::write(root.join(BACKUPS_DIR), "in the way").unwrap();
    let err = Library::open(&root).err().expect("no upgrade without a backup");
    assert_eq!(err.code(), "backup", "{err}");
    let msg = err.to_string();
    assert!(msg.contains("from schema 1 to") && msg.contains("left as it was"), "the message says why: {msg}");
    let conn = rusqlite::Connection::open(root.join(DATABASE_FILE)).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 1, "the library is still at schema 1");
    let settings: i64 =
        conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'settings'", [], |r| r.get(0)).unwrap();
    assert_eq!(settings, 0, "no migration step ran");
}

fn list(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join(BACKUPS_DIR))
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_daily_backup_is_made_once_a_day_and_only_the_last_seven_are_kept() {
    let t = sample();
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
    for day in 0..9 {
        let now = start + Days::new(day);
        let made = t.lib.daily_backup(now).unwrap();
        assert!(made.is_some(), "day {day} gets its backup");
        assert_eq!(t.lib.daily_backup(now + chrono::Duration::hours(5)).unwrap(), None, "at most one a day");
    }
    let names = list(&t.root());
    assert_eq!(names.len(), DAILY_KEPT, "{names:?}");
    assert_eq!(names.first().map(String::as_str), Some("daily-2026-11-03.sqlite"), "the two oldest went: {names:?}");
    assert_eq!(names.last().map(String::as_str), Some("daily-2026-11-09.sqlite"));
    assert!(dossier::backup::verify(&t.root().join(BACKUPS_DIR).join("daily-2026-11-09.sqlite")).is_ok());
}

#[test]
fn the_first_write_command_of_the_day_makes_the_daily_backup_and_reads_do_not() {
    let t = sample();
    let root = t.root();
    dossier_ok(&root, &["paper", "list"]);
    assert!(list(&root).is_empty(), "reading makes no backup");
    assert!(t.lib.daily_backup_due());
    let out = dossier(&root, &["settings", "set", "organisation", "Another Name"]);
    assert!(out.status.success() && out.stderr.is_empty(), "the backup is silent: {}", String::from_utf8_lossy(&out.stderr));
    let today = dossier::backup::automatic::daily_name(Utc::now().date_naive());
    assert_eq!(list(&root), vec![today], "one daily backup, named for today");
    assert!(!t.lib.daily_backup_due());
    let listed = dossier_ok(&root, &["backups"]);
    assert!(listed.contains("daily") && listed.contains("backups/daily-"), "{listed}");
}

#[test]
fn a_failing_daily_backup_warns_and_the_command_still_runs() {
    let t = sample();
    std::fs::write(t.root().join(BACKUPS_DIR), "in the way").unwrap();
    let out = dossier(&t.root(), &["settings", "set", "registrant", "Hana Saleh"]);
    assert!(out.status.success(), "the command is not failed by its backup");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("warning: today's automatic backup could not be written"), "{stderr}");
    assert_eq!(t.lib.settings().unwrap().registrant.as_deref(), Some("Hana Saleh"));
}

#[test]
fn a_damaged_database_error_points_to_the_newest_backup() {
    let t = sample();
    let made = t.lib.daily_backup(Utc::now()).unwrap().expect("a backup");
    let root = t.root();
    drop(t.lib);
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(root.join(format!("{DATABASE_FILE}{suffix}")));
    }
    std::fs::write(root.join(DATABASE_FILE), vec![0x55u8; 8192]).unwrap();
    let err = Library::open(&root).err().expect("a damaged database does not open");
    let msg = err.to_string();
    assert!(msg.contains(&made.display().to_string()) && msg.contains("restore it from a backup"), "{msg}");
    // The command to run is the CLI's to add.
    let stderr = dossier_err(&root, &["paper", "list"]);
    assert!(stderr.contains(&format!("`dossier restore {} --to NEW_FOLDER`", made.display())), "{stderr}");
    assert_eq!(Library::latest_backup_in(&root), Some(made));
}

#[test]
fn restoring_a_live_database_brings_the_changes_still_in_its_wal() {
    let mut t = sample();
    // The library stays open, so its last commit is still in the -wal file.
    t.lib.set_setting(dossier::settings::Setting::Registrant, "Changed Just Now").unwrap();
    let live = t.root().join(DATABASE_FILE);
    assert!(t.root().join(format!("{DATABASE_FILE}-wal")).exists(), "the test needs a WAL beside the database");
    let to = t.dir.path().join("from-live");
    let (lib, _) = Library::restore(&live, &to).expect("a live library file restores");
    assert_eq!(lib.settings().unwrap().registrant.as_deref(), Some("Changed Just Now"), "the WAL's commit came along");
}

#[test]
fn checking_a_backup_writes_nothing_beside_it() {
    let t = sample();
    let file = make_backup(&t, "quiet.sqlite");
    let listing = || -> Vec<String> {
        let mut names: Vec<String> = t.dir.path().read_dir().unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    };
    let before = listing();
    dossier_ok(&t.root(), &["restore", file.to_str().unwrap(), "--to", t.dir.path().join("again").to_str().unwrap()]);
    let mut after = listing();
    after.retain(|n| n != "again");
    assert_eq!(after, before, "no -wal or -shm file appeared beside the backup");
}
