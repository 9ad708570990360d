//! Hostile files in the team folder: what anyone who can write into
//! `FOLDER/dossier-team` can put there. Each file is built by hand, with a
//! header forged to the right length and SHA-256 (as an attacker would),
//! then a device syncs. Each test checks the rules of "No file can stop the
//! team" in `src/sync/mod.rs`: no panic and no hang, the hostile change is
//! not applied, it is listed in `sync status` with its reason and never
//! retried, an honest change written after it still arrives, and `check`
//! finds the library sound.

use std::path::{Path, PathBuf};

use dossier::layout::DATABASE_FILE;
use dossier::message::Message;
use dossier::Library;
use rusqlite::types::Value;
use sha2::{Digest, Sha256};

use crate::sync::Team;
use crate::util::add_paper;

/// A device that never joined: its folder is made by the attacker.
pub const EVIL: &str = "00000000000000ee";

/// A clock of `device` at `millis`, in the text form change files carry.
pub fn clock(millis: u64, device: &str) -> String {
    format!("{millis:016}-0000-{device}")
}

/// The wall clock now, in milliseconds.
pub fn now_millis() -> u64 {
    chrono::Utc::now().timestamp_millis() as u64
}

/// A change file's bytes, header forged to match its body: `entries` is
/// what the header claims (the real count unless given).
pub fn forge(device: &str, seq: i64, entries: &[(String, Vec<u8>)], claimed: Option<u64>) -> Vec<u8> {
    let mut body = Vec::new();
    for (clock, changeset) in entries {
        let meta = serde_json::json!({ "clock": clock, "person": "Executive Director" }).to_string();
        body.extend_from_slice(&(meta.len() as u32).to_be_bytes());
        body.extend_from_slice(meta.as_bytes());
        body.extend_from_slice(&(changeset.len() as u32).to_be_bytes());
        body.extend_from_slice(changeset);
    }
    let header = serde_json::json!({
        "device": device,
        "seq": seq,
        "schema": dossier::SCHEMA_VERSION,
        "after": {},
        "entries": claimed.unwrap_or(entries.len() as u64),
        "length": body.len(),
        "sha256": Sha256::digest(&body).iter().map(|b| format!("{b:02x}")).collect::<String>(),
    });
    [format!("dossier-changes 1\n{header}\n").as_bytes(), &body].concat()
}

/// Where file `seq` of `device` goes in the team folder.
pub fn change_path(shared: &Path, device: &str, seq: i64) -> PathBuf {
    shared.join("dossier-team").join("changes").join(device).join(format!("{seq:08}.changes"))
}

/// Puts `bytes` in the folder as file `seq` of `device`.
pub fn place(shared: &Path, device: &str, seq: i64, bytes: &[u8]) -> PathBuf {
    let path = change_path(shared, device, seq);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A changeset as an attacker makes one: SQLite's own format, from a table
/// with the columns of `table` in the library at `db` (plus `extra` more),
/// but no types and no constraints, so any value goes in. One row is
/// inserted (or, with `delete`, removed) with `values`; the columns not
/// named get a value of their declared type.
pub fn changeset(db: &Path, table: &str, delete: bool, extra: usize, values: &[(&str, Value)]) -> Vec<u8> {
    let real = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = real.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    let mut columns: Vec<(String, String, bool)> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, i64>(5)? > 0)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    if columns.is_empty() {
        // A table the library does not have.
        columns = vec![("id".into(), "INTEGER".into(), true), ("note".into(), "TEXT".into(), false)];
    }
    for i in 0..extra {
        columns.push((format!("extra_{i}"), "TEXT".into(), false));
    }
    let scratch = rusqlite::Connection::open_in_memory().unwrap();
    let keys: Vec<&str> = columns.iter().filter(|c| c.2).map(|c| c.0.as_str()).collect();
    let names: Vec<&str> = columns.iter().map(|c| c.0.as_str()).collect();
    scratch
        .execute_batch(&format!("CREATE TABLE {table} ({}, PRIMARY KEY ({}))", names.join(", "), keys.join(", ")))
        .unwrap();
    let row: Vec<Value> = columns
        .iter()
        .map(|(name, kind, _)| {
            values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_else(|| match kind.as_str() {
                k if k.contains("INT") => Value::Integer(1),
                k if k.contains("BLOB") => Value::Blob(vec![1]),
                k if k.contains("REAL") => Value::Real(1.0),
                _ => Value::Text("x".into()),
            })
        })
        .collect();
    let marks: Vec<String> = (1..=row.len()).map(|i| format!("?{i}")).collect();
    let insert = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "));
    if delete {
        scratch.execute(&insert, rusqlite::params_from_iter(row.iter())).unwrap();
    }
    let mut session = rusqlite::session::Session::new(&scratch).unwrap();
    session.attach(None::<&str>).unwrap();
    if delete {
        scratch.execute(&format!("DELETE FROM {table}"), []).unwrap();
    } else {
        scratch.execute(&insert, rusqlite::params_from_iter(row.iter())).unwrap();
    }
    let mut out = Vec::new();
    session.changeset_strm(&mut out).unwrap();
    out
}

/// The library database of device `i`.
pub fn db_of(team: &Team, i: usize) -> PathBuf {
    team.dir.path().join(format!("device-{i}")).join(DATABASE_FILE)
}

fn one(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Syncs device 0 with the hostile files in place, then device 1 writes an
/// honest paper and device 0 syncs again. Checks every promise and returns
/// the reasons device 0 lists.
fn survives(team: &mut Team, hostile: usize) -> Vec<Message> {
    let started = std::time::Instant::now();
    let first = team.devices[0].sync().expect("a hostile file is no error of the library");
    assert_eq!(first.files_quarantined as usize, hostile, "{:?}", first.warnings);
    assert!(
        first.warnings.iter().filter(|w| matches!(w, Message::SyncFileQuarantined { .. })).count() == hostile,
        "each is a named warning: {:?}",
        first.warnings
    );
    add_paper(&mut team.devices[1], "Honest after the attack", "Written after the hostile files.");
    team.devices[1].sync().unwrap();
    let again = team.devices[0].sync().unwrap();
    assert_eq!(again.files_quarantined, 0, "a quarantined file is never retried");
    assert_eq!(again.files_applied, 1, "the honest file arrives: {:?}", again.warnings);
    let lib = &mut team.devices[0];
    let titles: Vec<String> = lib.papers(&Default::default()).unwrap().into_iter().map(|p| p.title).collect();
    assert!(titles.iter().any(|t| t == "Honest after the attack"), "{titles:?}");
    let mut request = dossier::search::SearchRequest::new("honest");
    request.limit = 10;
    assert_eq!(lib.search(&request).unwrap().hits.len(), 1, "search works on every device");
    let status = lib.sync_status().unwrap();
    assert_eq!(status.last_error, None, "nothing says the library is damaged");
    assert_eq!(status.quarantined.len(), hostile, "listed in the status: {:?}", status.quarantined);
    assert_eq!(status.waiting_in, 0, "nothing waits behind them");
    let check = dossier::api::support::check(lib).unwrap();
    assert!(check.problems.is_empty(), "check says ok: {:?}", check.problems);
    assert!(started.elapsed() < std::time::Duration::from_secs(120), "nothing blocked");
    status.quarantined.into_iter().map(|q| q.reason).collect()
}

#[test]
fn attack_a_header_claiming_two_to_the_forty_entries_is_refused_without_allocating() {
    let mut team = Team::new(2, |_| {});
    let set = changeset(&db_of(&team, 0), "settings", false, 0, &[("key", Value::Text("organisation".into())), ("value", Value::Text("Pwned".into()))]);
    let entry = (clock(now_millis(), EVIL), set);
    place(&team.shared(), EVIL, 1, &forge(EVIL, 1, std::slice::from_ref(&entry), Some(1 << 40)));
    place(&team.shared(), EVIL, 2, &forge(EVIL, 2, std::slice::from_ref(&entry), Some(u32::MAX as u64)));
    let reasons = survives(&mut team, 2);
    assert!(reasons.iter().all(|r| *r == Message::SyncFileMalformed {}), "{reasons:?}");
    assert_ne!(team.devices[0].setting(dossier::settings::Setting::Organisation).unwrap().as_deref(), Some("Pwned"));
}

#[cfg(unix)]
#[test]
fn attack_a_link_to_dev_zero_a_fifo_and_a_folder_are_never_read() {
    let mut team = Team::new(2, |_| {});
    let shared = team.shared();
    let link = change_path(&shared, EVIL, 1);
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let fifo = change_path(&shared, EVIL, 2);
    let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::fs::create_dir(change_path(&shared, EVIL, 3)).unwrap();
    // The other files a sync reads, as FIFOs and links: skipped, never waited on.
    let team_dir = shared.join("dossier-team");
    let c = std::ffi::CString::new(team_dir.join("devices").join(format!("{EVIL}.json")).as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let c = std::ffi::CString::new(team_dir.join("snapshots").join(format!("{EVIL}-00000001.json")).as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    std::os::unix::fs::symlink("/dev/zero", team_dir.join("snapshots").join(format!("{EVIL}-00000002.json"))).unwrap();
    let reasons = survives(&mut team, 3);
    assert!(reasons.iter().all(|r| *r == Message::SyncNotRegularFile {}), "{reasons:?}");
    // A device joins past them too.
    let joined = Library::join_team(&team.dir.path().join("device-2"), &shared, "device 2", "Person 2").unwrap();
    assert_eq!(joined.papers(&Default::default()).unwrap().len(), 1);
}

#[test]
fn attack_values_of_the_wrong_type_are_refused_before_anything_is_applied() {
    let mut team = Team::new(2, |lib| {
        add_paper(lib, "Housing", "First text.");
    });
    let db = db_of(&team, 0);
    let paper = one(&db, "SELECT id FROM papers");
    let version = |overrides: &[(&str, Value)]| {
        // The first value given for a column is the one used.
        let mut values = overrides.to_vec();
        values.extend([("id", Value::Integer(900_001)), ("paper_id", Value::Integer(paper)), ("number", Value::Integer(2))]);
        values.extend([("parent_id", Value::Null), ("restored_from", Value::Null)]);
        changeset(&db, "paper_versions", false, 0, &values)
    };
    let hostile = [
        version(&[("title", Value::Blob(vec![0xff; 64]))]),
        version(&[("body", Value::Real(1.5))]),
        version(&[("title", Value::Null)]),
        version(&[("id", Value::Text("nine".into()))]),
        changeset(&db, "papers", false, 0, &[("id", Value::Integer(900_002)), ("translation_id", Value::Text("abc".into())), ("lang", Value::Text("en".into()))]),
    ];
    for (i, set) in hostile.iter().enumerate() {
        let seq = i as i64 + 1;
        place(&team.shared(), EVIL, seq, &forge(EVIL, seq, &[(clock(now_millis(), EVIL), set.clone())], None));
    }
    let reasons = survives(&mut team, hostile.len());
    assert!(reasons.iter().all(|r| matches!(r, Message::SyncWrongValue { .. })), "{reasons:?}");
    assert!(reasons.contains(&Message::SyncWrongValue { table: "paper_versions".into(), column: "title".into() }), "{reasons:?}");
    assert!(reasons.contains(&Message::SyncWrongValue { table: "papers".into(), column: "translation_id".into() }), "{reasons:?}");
    assert_eq!(one(&db, "SELECT count(*) FROM paper_versions WHERE id >= 900000"), 0);
    assert_eq!(one(&db, "SELECT count(*) FROM papers WHERE id >= 900000"), 0);
    // Every face that reads the papers still works.
    let lib = &mut team.devices[0];
    lib.reindex().unwrap();
    lib.public_copy(&team.dir.path().join("public")).unwrap();
}

#[test]
fn attack_an_unknown_table_or_too_many_columns_is_refused() {
    let mut team = Team::new(2, |_| {});
    let db = db_of(&team, 0);
    let unknown = changeset(&db, "evil_table", false, 0, &[]);
    let wide = changeset(&db, "settings", false, 3, &[("key", Value::Text("organisation".into()))]);
    place(&team.shared(), EVIL, 1, &forge(EVIL, 1, &[(clock(now_millis(), EVIL), unknown)], None));
    place(&team.shared(), EVIL, 2, &forge(EVIL, 2, &[(clock(now_millis(), EVIL), wide)], None));
    place(&team.shared(), EVIL, 3, &forge(EVIL, 3, &[(clock(now_millis(), EVIL), b"not a changeset at all".to_vec())], None));
    let reasons = survives(&mut team, 3);
    assert_eq!(
        reasons.iter().map(|r| r.key()).collect::<std::collections::BTreeSet<String>>(),
        ["sync_file_malformed", "sync_schema_mismatch", "sync_unknown_table"].into_iter().map(String::from).collect(),
        "{reasons:?}"
    );
}

#[test]
fn attack_removing_a_version_or_adding_an_orphan_is_quarantined_and_the_library_is_not_called_damaged() {
    let mut team = Team::new(2, |lib| {
        add_paper(lib, "Housing", "First text.");
    });
    let db = db_of(&team, 0);
    let (paper, version) = (one(&db, "SELECT id FROM papers"), one(&db, "SELECT id FROM paper_versions"));
    let remove = changeset(&db, "paper_versions", true, 0, &[("id", Value::Integer(version)), ("paper_id", Value::Integer(paper))]);
    let orphan = changeset(
        &db,
        "paper_versions",
        false,
        0,
        &[("id", Value::Integer(900_003)), ("paper_id", Value::Integer(777_777)), ("parent_id", Value::Null), ("restored_from", Value::Null)],
    );
    place(&team.shared(), EVIL, 1, &forge(EVIL, 1, &[(clock(now_millis(), EVIL), remove)], None));
    place(&team.shared(), EVIL, 2, &forge(EVIL, 2, &[(clock(now_millis(), EVIL), orphan)], None));
    let reasons = survives(&mut team, 2);
    assert!(reasons.iter().all(|r| matches!(r, Message::SyncChangeFailed { .. })), "{reasons:?}");
    assert_eq!(one(&db, &format!("SELECT count(*) FROM paper_versions WHERE id = {version}")), 1, "the version stays");
    assert_eq!(one(&db, "SELECT count(*) FROM paper_versions WHERE id = 900003"), 0);
}

#[test]
fn attack_a_forged_clock_far_ahead_is_refused_and_no_later_change_is_dropped() {
    let mut team = Team::new(2, |_| {});
    let db = db_of(&team, 0);
    let set = changeset(&db, "settings", false, 0, &[("key", Value::Text("organisation".into())), ("value", Value::Text("From the future".into()))]);
    let forged = "9999999999999999-9999-00000000000000ee".to_owned();
    let two_days = clock(now_millis() + 2 * 86_400_000, EVIL);
    place(&team.shared(), EVIL, 1, &forge(EVIL, 1, &[(forged, set.clone())], None));
    place(&team.shared(), EVIL, 2, &forge(EVIL, 2, &[(two_days, set)], None));
    let reasons = survives(&mut team, 2);
    assert!(reasons.iter().all(|r| matches!(r, Message::SyncClockAhead { .. })), "{reasons:?}");
    assert_ne!(team.devices[0].setting(dossier::settings::Setting::Organisation).unwrap().as_deref(), Some("From the future"));
    let local = one(&db, "SELECT CAST(substr(clock, 1, 16) AS INTEGER) FROM sync_device");
    assert!((local as u64) < now_millis() + 86_400_000, "the local clock did not jump: {local}");
    // The next change made here goes out and arrives.
    add_paper(&mut team.devices[0], "After the forged clock", "text");
    let sent = team.devices[0].sync().unwrap();
    assert_eq!(sent.changes_written, 1);
    team.devices[1].sync().unwrap();
    let titles: Vec<String> = team.devices[1].papers(&Default::default()).unwrap().into_iter().map(|p| p.title).collect();
    assert!(titles.contains(&"After the forged clock".to_owned()), "{titles:?}");
}

#[test]
fn a_change_whose_clock_cannot_be_read_gets_a_new_one_instead_of_being_dropped() {
    let mut team = Team::new(2, |_| {});
    add_paper(&mut team.devices[0], "Kept", "text");
    // What an older Dossier left after a forged clock: 17 digits.
    let conn = rusqlite::Connection::open(db_of(&team, 0)).unwrap();
    conn.execute("UPDATE sync_outbox SET clock = '10000000000000000-0000-' || clock", []).unwrap();
    drop(conn);
    let sent = team.devices[0].sync().unwrap();
    assert_eq!(sent.changes_written, 1, "the change is written, not dropped");
    assert_eq!(team.devices[1].sync().unwrap().files_applied, 1);
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1);
}

#[test]
fn no_device_waits_for_a_file_another_one_quarantined() {
    let mut team = Team::new(3, |_| {});
    place(&team.shared(), EVIL, 1, &forge(EVIL, 1, &[(clock(now_millis(), EVIL), b"junk".to_vec())], None));
    team.devices[0].sync().unwrap();
    // Device 0 writes after settling the hostile file; device 1 never sees
    // that file (its sync client skipped it), yet takes device 0's change.
    add_paper(&mut team.devices[0], "After", "text");
    team.devices[0].sync().unwrap();
    std::fs::remove_dir_all(change_path(&team.shared(), EVIL, 1).parent().unwrap()).unwrap();
    let report = team.devices[1].sync().unwrap();
    assert_eq!(report.files_applied, 1, "{:?}", report.warnings);
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1);
}

#[test]
fn a_device_told_its_slot_is_taken_can_leave() {
    let mut team = Team::new(2, |_| {});
    let me = team.devices[1].sync_status().unwrap().device;
    let slot = one(&db_of(&team, 1), "SELECT slot FROM sync_device");
    // A device file claiming the same slot, joined earlier.
    let other = serde_json::json!({ "device": EVIL, "name": "impostor", "slot": slot, "joined": "2001-01-01T00:00:00Z" });
    std::fs::write(team.shared().join("dossier-team").join("devices").join(format!("{EVIL}.json")), other.to_string()).unwrap();
    add_paper(&mut team.devices[1], "Made here", "text");
    let err = team.devices[1].sync().unwrap_err();
    assert!(matches!(err.message(), Message::SyncSlotTaken { .. }), "{err:?}");
    let status = team.devices[1].leave_team().expect("leaving is the way out the message gives");
    assert!(!status.in_team);
    assert_eq!(team.devices[1].papers(&Default::default()).unwrap().len(), 1, "what was made here stays here");
    assert!(team.shared().join("dossier-team").join("devices").join(format!("{me}.left")).exists());
}
