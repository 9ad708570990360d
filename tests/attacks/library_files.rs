//! Library and backup files from someone else: a file of another program,
//! a library folder that is a link, a backup whose schema was altered.
//! Each is refused with a clear error, and nothing is written to it.

use std::path::Path;

use dossier::{Library, Message};

fn digest(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn attack_a_foreign_database_is_refused_before_anything_is_written_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    let db = root.join("library.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode = DELETE; CREATE TABLE accounts (name TEXT); INSERT INTO accounts VALUES ('x');").unwrap();
    }
    let before = digest(&db);
    let err = Library::open(&root).err().expect("refused");
    assert!(matches!(err.message(), Message::NotALibrary { .. }), "{err}");
    assert_eq!(digest(&db), before, "not a byte changed (no switch to WAL)");
    assert!(!root.join("library.sqlite-wal").exists(), "no journal files were made beside it");
}

#[cfg(unix)]
#[test]
fn attack_a_library_folder_that_is_a_link_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    Library::init(&real).unwrap();
    let link = dir.path().join("shared-lib");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let err = Library::open(&link).err().expect("refused");
    assert!(matches!(err.message(), Message::LibraryIsLink { .. }), "{err}");
    assert!(Library::init(&link).is_err(), "nor made there");
    // The database file itself as a link.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::os::unix::fs::symlink(real.join("library.sqlite"), other.join("library.sqlite")).unwrap();
    let err = Library::open(&other).err().expect("refused");
    assert!(matches!(err.message(), Message::LibraryIsLink { .. }), "{err}");
}

/// A backup of a library with the sample in it, altered by `sql`.
fn altered_backup(dir: &Path, sql: &str) -> std::path::PathBuf {
    let mut lib = Library::init(&dir.join("source")).unwrap();
    lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let file = dir.join("altered.sqlite");
    lib.backup(&file).unwrap();
    let conn = rusqlite::Connection::open(&file).unwrap();
    conn.execute_batch(sql).unwrap();
    file
}

#[test]
fn attack_a_backup_with_an_extra_trigger_is_not_restored() {
    let dir = tempfile::tempdir().unwrap();
    let file = altered_backup(
        dir.path(),
        "CREATE TRIGGER exfiltrate AFTER INSERT ON paper_versions BEGIN
             UPDATE settings SET value = NEW.body WHERE key = 'organisation';
         END;",
    );
    let err = dossier::backup::verify(&file).err().expect("refused");
    assert!(err.to_string().contains("trigger exfiltrate"), "the extra trigger is named: {err}");
    let to = dir.path().join("restored");
    let err = Library::restore(&file, &to).err().expect("refused");
    assert!(err.to_string().contains("exfiltrate"), "{err}");
    assert!(!to.exists(), "nothing was made");
}

#[test]
fn attack_a_library_with_an_extra_view_or_a_changed_trigger_is_not_opened() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sql) in [
        ("view", "CREATE VIEW papers_all AS SELECT * FROM papers;"),
        (
            "weakened",
            "DROP TRIGGER paper_versions_are_permanent;
             CREATE TRIGGER paper_versions_are_permanent BEFORE DELETE ON paper_versions WHEN 0 BEGIN SELECT 1; END;",
        ),
    ] {
        let root = dir.path().join(name);
        Library::init(&root).unwrap();
        let db = root.join("library.sqlite");
        rusqlite::Connection::open(&db).unwrap().execute_batch(sql).unwrap();
        let err = Library::open(&root).err().expect("refused");
        assert!(matches!(err.message(), Message::SchemaUnexpected { .. }), "{name}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn attack_another_user_on_the_machine_cannot_read_the_library_or_its_copies() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let mut lib = Library::init(&root).unwrap();
    lib.load_sample(dossier::sample::WRITTEN_ON).unwrap();
    let backup = dir.path().join("copy.sqlite");
    lib.backup(&backup).unwrap();
    let pdf = dir.path().join("packet.pdf");
    lib.export_packet(1, &dossier::export::ExportOptions { out: pdf.clone(), ..Default::default() }).unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700, "the library folder");
    for file in [root.join("library.sqlite"), root.join("library.sqlite-wal"), backup, pdf] {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn attack_an_old_library_with_a_trigger_of_its_own_is_refused_before_it_is_migrated() {
    // A real library at schema 1, with a trigger added that the migration
    // to schema 3 would fire (it rewrites every version's row): before the
    // schema was compared first, the file was backed up, migrated, the
    // trigger ran, and only then was it refused.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    std::fs::create_dir(&root).unwrap();
    let db = root.join("library.sqlite");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1/library.sqlite"), &db).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = DELETE;
             CREATE TRIGGER planted AFTER UPDATE ON paper_versions BEGIN
                 UPDATE papers SET title = 'planted';
             END;",
        )
        .unwrap();
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(version, 1, "the file says it is a library at schema 1");
    }
    let before = digest(&db);
    let err = Library::open(&root).err().expect("refused");
    assert!(matches!(err.message(), Message::SchemaUnexpected { .. }), "{err}");
    assert!(err.to_string().contains("trigger planted"), "the trigger is named: {err}");
    assert_eq!(digest(&db), before, "not a byte changed: not migrated, the trigger never ran");
    let left: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["library.sqlite"], "no journal and no backup were made beside it");
}
