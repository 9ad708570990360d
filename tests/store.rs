//! Opening libraries: creating the schema, refusing what is not ours or is
//! newer than us, and leaving refused files untouched.

use std::path::Path;

use dossier::library::DATABASE_FILE;
use dossier::{Library, SCHEMA_VERSION};

use crate::util::{add_paper, TempLibrary};

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read file")
}

#[test]
fn a_new_library_has_the_current_schema_and_safe_settings() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let lib = Library::open(&root).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(root.join(DATABASE_FILE)).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION, "init applies every migration");
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal", "the library stays in WAL mode so readers never block the writer");
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN
             ('papers','paper_versions','publications','campaigns','officials','official_roles','engagements','packets','packet_items','search_outbox')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 10, "every table of the schema exists");
}

#[test]
fn foreign_keys_are_enforced_on_library_connections() {
    let mut t = TempLibrary::new();
    let err = t
        .lib
        .add_packet_item(1, 1, None)
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    let v = add_paper(&mut t.lib, "P", "Text.");
    assert_eq!(v.version, 1);
}

#[test]
fn a_library_from_a_newer_dossier_is_refused_and_left_alone() {
    let t = TempLibrary::new();
    let root = t.root();
    drop(t.lib);
    let db = root.join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
    }
    let before = bytes(&db);
    let err = Library::open(&root).err().expect("a newer library must not open");
    assert_eq!(err.code(), "too_new");
    let msg = err.to_string();
    assert!(msg.contains("newer Dossier") && msg.contains(&(SCHEMA_VERSION + 1).to_string()), "{msg}");
    assert_eq!(bytes(&db), before, "refusing it wrote nothing");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DATABASE_FILE);
    std::fs::write(&db, b"this is a text file pretending to be a library, long enough to have a header").unwrap();
    let err = Library::open(dir.path()).err().expect("garbage must not open");
    assert_eq!(err.code(), "not_a_library", "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
    assert_eq!(bytes(&db), b"this is a text file pretending to be a library, long enough to have a header");
}

#[test]
fn another_applications_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DATABASE_FILE);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');").unwrap();
    }
    let err = Library::open(dir.path()).err().expect("a foreign database must not open");
    assert_eq!(err.code(), "not_a_library", "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, 0, "no migration ran on someone else's database");
}

#[test]
fn init_refuses_an_existing_library_and_open_refuses_a_missing_one() {
    let t = TempLibrary::new();
    let err = Library::init(&t.root()).err().expect("second init");
    assert_eq!(err.code(), "conflict", "{err}");
    let missing = t.dir.path().join("nowhere");
    let err = Library::open(&missing).err().expect("missing library");
    assert_eq!(err.code(), "no_library");
    assert_eq!(err.to_string(), format!("no library at {}", missing.display()));
    assert!(matches!(err.message(), dossier::Message::NoLibrary { .. }), "the CLI adds `dossier init`: {err:?}");
    assert!(!missing.exists(), "opening a missing library creates nothing");
}

#[test]
fn the_released_schema_1_fixture_opens_with_its_data() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-1/library.sqlite");
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&fixture, dir.path().join(DATABASE_FILE)).expect("copy the committed fixture");
    let lib = Library::open(dir.path()).expect("a library from schema 1 opens");
    let papers = lib.papers(&Default::default()).unwrap();
    assert_eq!(papers.len(), 2, "the fixture holds two papers");
    let fr = papers.iter().find(|p| p.lang.as_str() == "fr").expect("a French paper");
    assert_eq!(lib.history(fr.id).unwrap().len(), 3, "the French paper has three versions");
    let v1 = lib.version(fr.id, 1).unwrap();
    assert!(v1.body.contains("élections"), "the text survived with its accents: {}", v1.body);
    assert_eq!(fr.version_in_force, Some(2), "version 2 was published in the fixture");
    assert!(lib.integrity_check().unwrap().is_empty());
}
