//! A damaged, read-only, vanished or full library: every case gives a clear
//! message (and exit status 1 from the CLI), never a panic, and whatever can
//! still work does: a missing or garbage index is rebuilt, a read-only
//! library reads, a full disk keeps everything saved before it filled.
//!
//! The read-only and disk-full cases need a file system of their own and run
//! as root (as CI does): root ignores file permissions, so a read-only
//! library is a read-only remount of a small tmpfs. Run as another user they
//! print why they are skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use dossier::Library;

use crate::util::{dossier, dossier_ok, TempLibrary};

/// A command's stderr, checked to hold no panic.
fn stderr_of(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "no command may panic; stderr: {err}");
    err
}

/// Runs `dossier` expecting a clean failure: exit status 1, no panic, one
/// `error:` line; returns stderr.
fn fails(library: &Path, args: &[&str]) -> String {
    let out = dossier(library, args);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "`dossier {}` should fail with status 1; stderr: {err}", args.join(" "));
    assert!(err.contains("error: "), "the failure is reported as an error line: {err}");
    err
}

/// A library made by the CLI with two papers, closed cleanly.
fn library_with_papers(t: &TempLibrary) -> PathBuf {
    let root = t.root();
    let a = t.file("a.md", "# Élections et colonies\n\nLe Canada doit étiqueter les produits des colonies.\n");
    let b = t.file("b.md", "# Water and settlements\n\nCheckpoints and permits decide who gets water.\n");
    dossier_ok(&root, &["paper", "add", a.to_str().unwrap(), "--lang", "fr"]);
    dossier_ok(&root, &["paper", "add", b.to_str().unwrap()]);
    dossier_ok(&root, &["search", "élections"]);
    root
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

/// A small tmpfs mounted for one test and unmounted when dropped, even when
/// the test fails.
struct Mount {
    dir: PathBuf,
}

impl Mount {
    /// Mounts a tmpfs of `size` (e.g. "4m") at `dir`; `None` (with the
    /// reason printed) when not root or mounting is not allowed here.
    fn tmpfs(dir: &Path, size: &str, test: &str) -> Option<Mount> {
        if !is_root() {
            println!("{test}: skipped: needs root to mount a file system of its own (CI runs as root)");
            return None;
        }
        std::fs::create_dir_all(dir).expect("mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .output()
            .expect("run mount");
        if !out.status.success() {
            println!("{test}: skipped: cannot mount a tmpfs here: {}", String::from_utf8_lossy(&out.stderr).trim());
            return None;
        }
        Some(Mount { dir: dir.to_owned() })
    }

    fn remount(&self, option: &str) {
        let out = Command::new("mount").args(["-o", &format!("remount,{option}")]).arg(&self.dir).output().expect("run mount");
        assert!(out.status.success(), "remount {option}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let ok = Command::new("umount").arg(&self.dir).status().map(|s| s.success()).unwrap_or(false);
        if !ok {
            let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
        }
    }
}

#[test]
fn a_truncated_database_is_reported_as_damaged_with_what_to_do() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    drop(t.lib);
    let db = root.join("library.sqlite");
    let len = std::fs::metadata(&db).expect("db").len();
    std::fs::OpenOptions::new().write(true).open(&db).expect("open").set_len(len / 2).expect("truncate");
    for args in [&["paper", "list"][..], &["paper", "show", "2"], &["search", "water"], &["check"]] {
        let err = fails(&root, args);
        assert!(err.contains("damaged") && err.contains("backup"), "`{}` says the database is damaged and to restore a backup: {err}", args.join(" "));
    }
}

#[test]
fn a_database_file_of_garbage_is_refused_with_what_to_do() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    drop(t.lib);
    let mut garbage = Vec::with_capacity(64 * 1024);
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    while garbage.len() < 64 * 1024 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        garbage.extend_from_slice(&x.to_le_bytes());
    }
    std::fs::write(root.join("library.sqlite"), &garbage).expect("write garbage");
    let _ = std::fs::remove_file(root.join("library.sqlite-wal"));
    let _ = std::fs::remove_file(root.join("library.sqlite-shm"));
    for args in [&["paper", "list"][..], &["search", "water"], &["paper", "add", "nothing.md"]] {
        let err = fails(&root, args);
        assert!(err.contains("not a SQLite database") && err.contains("backup"), "`{}`: {err}", args.join(" "));
    }
    assert_eq!(std::fs::read(root.join("library.sqlite")).expect("read"), garbage, "a refused file is left as it was");
}

#[test]
fn a_missing_index_folder_is_rebuilt_by_the_next_search() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    std::fs::remove_dir_all(root.join("index")).expect("delete index");
    let out = dossier_ok(&root, &["search", "checkpoints", "--json"]);
    assert!(out.contains("Water and settlements"), "the rebuilt index finds the paper: {out}");
}

#[test]
fn a_garbage_index_folder_is_rebuilt_by_the_next_search() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    let index = root.join("index");
    for entry in std::fs::read_dir(&index).expect("list index") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            std::fs::write(&path, b"\x00\xffnot tantivy at all\x13\x37").expect("spoil index file");
        }
    }
    std::fs::write(index.join("meta.json"), b"{ this is not json").expect("spoil meta.json");
    let out = dossier_ok(&root, &["search", "étiqueter", "--json"]);
    assert!(out.contains("Élections et colonies"), "the rebuilt index finds the paper: {out}");
    let check = dossier_ok(&root, &["check", "--json"]);
    assert!(check.contains("\"status\": \"ok\""), "the index is sound again: {check}");
}

#[test]
fn an_index_path_that_is_a_file_is_replaced_by_a_rebuilt_index() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    std::fs::remove_dir_all(root.join("index")).expect("delete index");
    std::fs::write(root.join("index"), b"a file where the index folder should be").expect("write file");
    let out = dossier_ok(&root, &["search", "checkpoints", "--json"]);
    assert!(out.contains("Water and settlements"), "search still answers: {out}");
}

/// A library on a tmpfs that is then remounted read-only.
fn read_only_library(t: &TempLibrary, test: &str, stale_index: bool) -> Option<(Mount, PathBuf)> {
    let mount = Mount::tmpfs(&t.dir.path().join("ro"), "16m", test)?;
    let root = mount.dir.join("lib");
    dossier_ok(&root, &["init"]);
    let a = t.file("ro-a.md", "# Réfugiés et logement\n\nLe droit au retour et le logement.\n");
    dossier_ok(&root, &["paper", "add", a.to_str().unwrap(), "--lang", "fr"]);
    dossier_ok(&root, &["search", "logement"]);
    if stale_index {
        let b = t.file("ro-b.md", "# Water rights\n\nAquifers and permits.\n");
        dossier_ok(&root, &["paper", "add", b.to_str().unwrap()]);
    }
    mount.remount("ro");
    Some((mount, root))
}

fn check_read_only(root: &Path, stale_index: bool) {
    let out = dossier(root, &["paper", "list", "--json"]);
    let err = stderr_of(&out);
    assert!(out.status.success(), "a read-only library still lists its papers: {err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Réfugiés et logement"), "with their titles");
    assert!(err.contains("notice: library is read-only; changes cannot be saved"), "a visible notice says so: {err}");

    let out = dossier(root, &["paper", "show", "1", "--json"]);
    assert!(out.status.success(), "show works: {}", stderr_of(&out));

    let out = dossier(root, &["search", "logement", "--json"]);
    let err = stderr_of(&out);
    assert!(out.status.success(), "search works on a read-only library: {err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Réfugiés et logement"), "and finds the paper");
    if stale_index {
        let out = dossier(root, &["search", "aquifers", "--json"]);
        assert!(out.status.success(), "search works with an index behind the database: {}", stderr_of(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("Water rights"), "and finds what the index on disk missed");
    }

    let file = root.parent().and_then(Path::parent).map(|d| d.join("ro-a.md")).expect("the input file beside the mount");
    for args in [
        &["paper", "add", file.to_str().unwrap()][..],
        &["paper", "publish", "1"],
        &["engagement", "add", "--kind", "call", "--date", "2024-01-02", "--subject", "x"],
        &["reindex"],
    ] {
        let err = fails(root, args);
        assert!(err.contains("read-only"), "`{}` says the library is read-only: {err}", args.join(" "));
    }
}

#[test]
fn a_read_only_library_opens_for_reading_and_refuses_writes_clearly() {
    let t = TempLibrary::new();
    let Some((_mount, root)) = read_only_library(&t, "read-only library", false) else { return };
    check_read_only(&root, false);
    let lib = Library::open(&root).expect("opens read-only");
    assert!(lib.is_read_only(), "the handle knows it is read-only");
}

#[test]
fn a_read_only_library_with_an_index_behind_still_searches_everything() {
    let t = TempLibrary::new();
    let Some((_mount, root)) = read_only_library(&t, "read-only library, stale index", true) else { return };
    check_read_only(&root, true);
}

#[test]
fn an_immutable_database_file_opens_read_only() {
    let t = TempLibrary::new();
    let root = library_with_papers(&t);
    drop(t.lib);
    let db = root.join("library.sqlite");
    if !is_root() || !Command::new("chattr").arg("+i").arg(&db).status().map(|s| s.success()).unwrap_or(false) {
        println!("immutable database file: skipped: needs root and chattr on this file system");
        return;
    }
    struct Mutable(PathBuf);
    impl Drop for Mutable {
        fn drop(&mut self) {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        }
    }
    let _guard = Mutable(db);
    let out = dossier(&root, &["paper", "list"]);
    let err = stderr_of(&out);
    assert!(out.status.success(), "an immutable database file still reads: {err}");
    assert!(err.contains("read-only"), "with the notice: {err}");
    let err = fails(&root, &["paper", "publish", "1"]);
    assert!(err.contains("read-only"), "{err}");
}

#[test]
fn a_library_folder_that_vanishes_while_open_gives_a_clear_error() {
    let mut t = TempLibrary::new();
    crate::util::add_paper(&mut t.lib, "Before", "Text before the folder moved.");
    let moved = t.dir.path().join("moved");
    std::fs::rename(t.root(), &moved).expect("move the library folder away");
    let draft = crate::util::draft("After", "Text after.", "note");
    let err = t.lib.save_version(1, draft.clone()).expect_err("a write to a vanished library must fail");
    let msg = err.to_string();
    assert_eq!(err.code(), "no_library", "{msg}");
    assert!(msg.contains("moved or deleted"), "the message says what happened: {msg}");
    assert!(t.lib.papers(&Default::default()).is_err(), "reads fail too rather than show a ghost");
    assert!(t.lib.search(&dossier::search::SearchRequest::new("before")).is_err(), "and search");
    // Deleted outright, not moved: the same.
    std::fs::rename(&moved, t.root()).expect("move back");
    let mut lib = Library::open(&t.root()).expect("reopen");
    std::fs::remove_dir_all(t.root()).expect("delete the library folder");
    let err = lib.save_version(1, draft).expect_err("a write to a deleted library must fail");
    assert_eq!(err.code(), "no_library", "{err}");
}

#[test]
fn a_full_disk_refuses_writes_clearly_and_keeps_everything_saved_before() {
    let t = TempLibrary::new();
    let Some(mount) = Mount::tmpfs(&t.dir.path().join("full"), "4m", "disk full") else { return };
    let root = mount.dir.join("lib");
    dossier_ok(&root, &["init"]);
    dossier_ok(&root, &["official", "add", "--given-name", "A", "--family-name", "B", "--chamber", "house", "--title", "MP"]);
    dossier_ok(&root, &["packet", "create", "--title", "Full"]);
    let first = t.file("first.md", "# Premier papier\n\nLes élections.\n");
    dossier_ok(&root, &["paper", "add", first.to_str().unwrap()]);
    dossier_ok(&root, &["packet", "add", "1", "1@1"]);
    let mut saved: Vec<(i64, String)> = Vec::new();
    let mut refusals = Vec::new();
    let mut n = 0u64;
    // Papers with big bodies until the disk fills, then a few more of each
    // kind of write to see every one refused cleanly.
    while refusals.len() < 6 && n < 400 {
        n += 1;
        let body: String = (0..4000).map(|i| format!("mot{} élection{} ", (i * 7919 + n) % 10007, i % 13)).collect();
        let file = t.file(&format!("big-{n}.md"), format!("# Papier {n}\n\n{body}\n"));
        let out = dossier(&root, &["paper", "add", file.to_str().unwrap(), "--json"]);
        let err = stderr_of(&out);
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
            saved.push((v["paper_id"].as_i64().expect("id"), body));
        } else {
            assert_eq!(out.status.code(), Some(1), "{err}");
            refusals.push(err);
        }
    }
    assert!(!saved.is_empty() && !refusals.is_empty(), "the disk filled after some papers were saved ({} saved)", saved.len());
    for err in &refusals {
        assert!(err.contains("disk is full") && err.contains("nothing was saved"), "a full disk is named as such: {err}");
    }
    // The other writers on a full disk.
    let pdf = mount.dir.join("packet.pdf");
    let update = t.file("update.md", "# Papier 1\n\nUne révision.\n");
    for args in [
        vec!["packet", "add", "1", "1@1"],
        vec!["paper", "update", "1", update.to_str().unwrap()],
        vec!["engagement", "add", "--kind", "call", "--date", "2024-01-02", "--subject", "Appel"],
        vec!["packet", "export", "1", "--out", pdf.to_str().unwrap()],
        vec!["reindex"],
        vec!["search", "élection3"],
    ] {
        let out = dossier(&root, &args);
        let err = stderr_of(&out);
        if !out.status.success() {
            assert!(err.contains("disk is full"), "`{}` names the full disk: {err}", args.join(" "));
        }
    }
    assert!(!pdf.exists() || crate::harness::pdf_is_whole(&pdf).is_ok(), "no half-written PDF");
    // Everything saved before is there, and the database is sound.
    crate::harness::integrity(&root).expect("integrity_check is ok on a full disk");
    let lib = Library::open(&root).expect("the library opens on a full disk");
    for (id, body) in &saved {
        let v = lib.latest_version(*id).expect("an acknowledged paper is there");
        assert_eq!(v.body.trim_end(), body.trim_end(), "paper {id} has its exact text");
    }
    drop(lib);
    println!("disk full (4 MB tmpfs): {} papers saved, {} writes refused with a clear message, integrity ok, nothing lost", saved.len(), refusals.len());
}
