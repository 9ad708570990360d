//! The team library's operations on a [`Library`]: set up, join, sync,
//! status, conflicts and bringing a lost value back. The rules are in
//! [`crate::sync`].

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::dates;
use crate::error::{Error, Result};
use crate::layout::{DATABASE_FILE, INDEX_DIR};
use crate::library::Library;
use crate::message::Message;
use crate::store::SCHEMA_VERSION;
use crate::sync::apply::{self, Applied};
use crate::sync::changes::{columns, primary_key, SHARED_TABLES};
use crate::sync::clock::Clock;
use crate::sync::folder::{self, DeviceFile, Folder, Read, SnapshotFile, TeamFile};
use crate::sync::SLOTS;

/// After this many change files since the newest snapshot, a sync writes a
/// new one, so a device joining later has little to apply.
const SNAPSHOT_EVERY: i64 = 500;

/// Where this device stands in its team.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct SyncStatus {
    /// False for a library alone; the other fields then say little.
    pub in_team: bool,
    pub device: String,
    pub name: String,
    pub person: String,
    /// The shared folder (the one holding `dossier-team`).
    pub folder: Option<String>,
    pub reachable: bool,
    pub last_sync: Option<String>,
    pub last_error: Option<Message>,
    /// Changes made here and not yet written to the folder.
    pub waiting_out: i64,
    /// Change files of other devices in the folder, not yet applied here.
    pub waiting_in: i64,
    /// Values that lost and were not brought back.
    pub conflicts: i64,
    pub devices: Vec<DeviceView>,
    /// Other devices' files set aside here, never applied, newest first.
    pub quarantined: Vec<QuarantinedFile>,
}

/// A change file this device refused or could not apply: kept aside (it
/// stays in the folder, untouched), listed with its reason, never retried.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct QuarantinedFile {
    /// The device folder it was found in, and its number there.
    pub device: String,
    pub seq: i64,
    /// Why, e.g. `sync_wrong_value` or `sync_clock_ahead`.
    pub reason: Message,
    pub found_at: String,
}

/// A device of the team, as the status lists it.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct DeviceView {
    pub device: String,
    pub name: String,
    pub joined: String,
    pub this_one: bool,
}

/// What one sync did.
#[derive(Debug, Clone, Default, Serialize, PartialEq, TS)]
pub struct SyncReport {
    /// Changes of this device written to the folder, and in how many files.
    pub changes_written: i64,
    pub files_written: i64,
    /// Files of other devices applied here, and the row changes they held.
    pub files_applied: i64,
    pub rows_applied: i64,
    /// Values kept aside by this sync.
    pub new_conflicts: i64,
    /// Files of other devices quarantined by this sync (never applied).
    pub files_quarantined: i64,
    /// Files left waiting or quarantined, and why.
    pub warnings: Vec<Message>,
}

/// A value that lost to another change, kept to be brought back.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct Conflict {
    pub id: i64,
    /// The table and the record's key, e.g. `papers` and `12`.
    pub table: String,
    pub record: String,
    pub field: String,
    /// The value that lost, as text (empty for a removed record).
    pub value: Option<String>,
    /// The value the field holds now, the one that won (`None` when the
    /// record is gone).
    pub current: Option<String>,
    /// Who wrote it (when known), on which device, and when.
    pub person: String,
    pub device: String,
    pub written_at: String,
    /// `overwritten`, `removed` or `orphaned`.
    pub reason: String,
    pub found_at: String,
    pub kept_at: Option<String>,
}

/// This device's row of `sync_device`.
#[derive(Debug, Clone)]
struct Device {
    device: String,
    name: String,
    person: String,
    slot: i64,
    team: Option<String>,
    folder: Option<PathBuf>,
}

fn device(conn: &Connection) -> Result<Device> {
    Ok(conn.query_row(
        "SELECT device, name, person, slot, team, folder FROM sync_device WHERE id = 1",
        [],
        |r| {
            Ok(Device {
                device: r.get(0)?,
                name: r.get(1)?,
                person: r.get(2)?,
                slot: r.get(3)?,
                team: r.get(4)?,
                folder: r.get::<_, Option<String>>(5)?.map(PathBuf::from),
            })
        },
    )?)
}

/// A device's name: what people call the computer.
fn check_name(name: &str) -> Result<String> {
    let name = name.trim();
    let ok = !name.is_empty()
        && name.chars().count() <= 40
        && name.chars().all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '\''));
    if !ok {
        return Err(Error::invalid(Message::SyncDeviceName { name: name.to_owned() }));
    }
    Ok(name.to_owned())
}

/// The shared folder (what people chose) of a team folder.
fn shared_of(team_folder: &Path) -> String {
    team_folder.parent().unwrap_or(team_folder).display().to_string()
}

fn unreachable(folder: &Path, detail: impl ToString) -> Error {
    Error::Sync(Message::SyncFolderUnreachable { folder: folder.display().to_string(), detail: detail.to_string() })
}

fn random_id(conn: &Connection) -> Result<String> {
    Ok(conn.query_row("SELECT lower(hex(randomblob(8)))", [], |r| r.get(0))?)
}

impl Library {
    /// Where this device stands: in a team or not, the folder, what waits.
    pub fn sync_status(&self) -> Result<SyncStatus> {
        let conn = self.conn()?;
        let me = device(conn)?;
        let waiting_out: i64 = conn.query_row("SELECT count(*) FROM sync_outbox", [], |r| r.get(0))?;
        let conflicts: i64 = conn.query_row("SELECT count(*) FROM sync_conflicts WHERE kept_at IS NULL", [], |r| r.get(0))?;
        let (last_sync, last_error): (Option<String>, Option<String>) =
            conn.query_row("SELECT last_sync, last_error FROM sync_device WHERE id = 1", [], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let mut status = SyncStatus {
            in_team: me.team.is_some(),
            device: me.device.clone(),
            name: me.name.clone(),
            person: me.person.clone(),
            folder: me.folder.as_ref().and_then(|f| f.parent()).map(|f| f.display().to_string()),
            reachable: false,
            last_sync,
            last_error: last_error.and_then(|e| serde_json::from_str::<Message>(&e).ok()),
            waiting_out,
            waiting_in: 0,
            conflicts,
            devices: Vec::new(),
            quarantined: quarantined(conn)?,
        };
        let Some(root) = me.folder.clone() else { return Ok(status) };
        let folder = Folder { root };
        if let Ok(Some(team)) = folder.team() {
            status.reachable = Some(&team.team) == me.team.as_ref();
        }
        if status.reachable {
            let applied = applied_map(conn)?;
            for (dev, seqs) in folder.change_files(&me.device)? {
                let done = applied.get(&dev).copied().unwrap_or(0);
                status.waiting_in += seqs.iter().filter(|&&s| s > done).count() as i64;
            }
            status.devices = folder
                .members()?
                .into_values()
                .map(|d| DeviceView { this_one: d.device == me.device, device: d.device, name: d.name, joined: d.joined })
                .collect();
        }
        Ok(status)
    }

    /// Makes this library the first device of a new team library in the
    /// shared folder `shared`, and writes the snapshot others join from.
    pub fn create_team(&mut self, shared: &Path, name: &str, person: &str) -> Result<SyncStatus> {
        let name = check_name(name)?;
        let me = device(self.conn()?)?;
        if let Some(folder) = &me.folder {
            return Err(Error::conflict(Message::SyncAlreadyInTeam { folder: shared_of(folder) }));
        }
        let shared = shared.canonicalize().map_err(|e| unreachable(shared, e))?;
        let folder = Folder::in_shared(&shared);
        if folder.team()?.is_some() {
            return Err(Error::conflict(Message::SyncJoinNeedsEmpty { path: self.root().display().to_string() }));
        }
        let team_id = random_id(self.conn()?)?;
        let team = TeamFile { team: team_id.clone(), step: SLOTS };
        let bytes = serde_json::to_vec_pretty(&team).unwrap_or_default();
        if !folder::write_new(&folder.team_file(), &bytes)? {
            // Another device created a team here at the same moment.
            return Err(Error::conflict(Message::SyncJoinNeedsEmpty { path: self.root().display().to_string() }));
        }
        write_device_file(&folder, &me.device, &name, 0)?;
        let root_text = folder.root.display().to_string();
        self.write_unrecorded(|tx| {
            tx.execute(
                "UPDATE sync_device SET name = ?1, person = ?2, slot = 0, step = ?3, team = ?4, folder = ?5,
                        last_error = NULL WHERE id = 1",
                params![name, person.trim(), SLOTS, team_id, root_text],
            )?;
            Ok(())
        })?;
        self.write_snapshot(&folder)?;
        self.sync_status()
    }

    /// Creates the library in `root` as a new device of the team library in
    /// the shared folder `shared`: from its newest snapshot, then every
    /// change since. `root` may hold an empty library, nothing else.
    pub fn join_team(root: &Path, shared: &Path, name: &str, person: &str) -> Result<Library> {
        let name = check_name(name)?;
        let shared = shared.canonicalize().map_err(|e| unreachable(shared, e))?;
        let folder = Folder::in_shared(&shared);
        let team = folder
            .team()?
            .ok_or_else(|| Error::Sync(Message::SyncNotTeamFolder { folder: shared.display().to_string() }))?;
        if root.join(DATABASE_FILE).exists() {
            let existing = Library::open(root)?;
            if let Some(folder) = device(existing.conn()?)?.folder {
                return Err(Error::conflict(Message::SyncAlreadyInTeam { folder: shared_of(&folder) }));
            }
            if !existing.is_empty()? {
                return Err(Error::conflict(Message::SyncJoinNeedsEmpty { path: root.display().to_string() }));
            }
            drop(existing);
        }
        // A slot no device ever held first: one a device left may still be
        // on its way in changes delivered late, made with that slot's ids.
        let (ever, left) = folder.devices_ever()?;
        let held = |s: i64, include_left: bool| {
            ever.values().any(|m| m.slot == s && (include_left || !left.contains(&m.device)))
        };
        let slot = (0..SLOTS)
            .find(|&s| !held(s, true))
            .or_else(|| (0..SLOTS).find(|&s| !held(s, false)))
            .ok_or(Error::Sync(Message::SyncTeamFull { slots: SLOTS }))?;
        fs::create_dir_all(root).map_err(|e| Error::io(root, e))?;
        let db = root.join(DATABASE_FILE);
        let part = root.join(format!("{DATABASE_FILE}.joining"));
        if !copy_newest_whole_snapshot(&folder, &part)? {
            let _ = fs::remove_file(&part);
            return Err(Error::Sync(Message::SyncNoSnapshot { folder: shared.display().to_string() }));
        }
        fs::File::open(&part).and_then(|f| f.sync_all()).map_err(|e| Error::io(&part, e))?;
        for leftover in [format!("{DATABASE_FILE}-wal"), format!("{DATABASE_FILE}-shm")] {
            let _ = fs::remove_file(root.join(leftover));
        }
        let _ = fs::remove_dir_all(root.join(INDEX_DIR));
        fs::rename(&part, &db).map_err(|e| Error::io(&db, e))?;
        let mut lib = Library::open(root)?;
        let device_id = random_id(lib.conn()?)?;
        let root_text = folder.root.display().to_string();
        lib.write_unrecorded(|tx| {
            // The newest clock the snapshot holds: this device's clocks start after it.
            let newest: String = tx.query_row(
                "SELECT max(c) FROM (SELECT max(clock) AS c FROM sync_clocks UNION ALL SELECT max(clock) FROM paper_versions)",
                [],
                |r| r.get::<_, Option<String>>(0),
            )?
            .unwrap_or_default();
            let start = Clock::parse(&newest).map(|c| Clock { device: device_id.clone(), ..c }).unwrap_or_else(Clock::zero);
            tx.execute(
                "UPDATE sync_device SET device = ?1, name = ?2, person = ?3, slot = ?4, step = ?5, team = ?6, folder = ?7,
                        clock = ?8, next_file = 1, last_sync = NULL, last_error = NULL WHERE id = 1",
                params![device_id, name, person.trim(), slot, team.step, team.team, root_text, start.to_string()],
            )?;
            tx.execute_batch("DELETE FROM sync_outbox; DELETE FROM sync_pending_files; DELETE FROM sync_conflicts; DELETE FROM sync_ids;")?;
            Ok(())
        })?;
        write_device_file(&folder, &device_id, &name, slot)?;
        lib.sync()?;
        Ok(lib)
    }

    /// Leaves the team library: writes what waits here (when the folder is
    /// reachable), marks this device as gone in the folder (its slot is
    /// free again) and makes this library one that stands alone, with
    /// everything it holds. Refused while changes made here cannot be
    /// written out (the folder is out of reach), so none is stranded; not
    /// when a sync asks this device to leave (`sync_slot_taken`,
    /// `sync_sequence_reused`): what waits here could never be sent.
    pub fn leave_team(&mut self) -> Result<SyncStatus> {
        let me = device(self.conn()?)?;
        let Some(root) = me.folder.clone() else {
            return Err(Error::Sync(Message::SyncNotInTeam {}));
        };
        match self.sync() {
            Ok(_) => {}
            // The messages that ask to leave: what waits here cannot be
            // sent anyway, and stays in this library.
            Err(Error::Sync(Message::SyncSlotTaken { .. } | Message::SyncSequenceReused { .. })) => {}
            Err(e) => return Err(e),
        }
        let folder = Folder { root };
        let left = serde_json::json!({ "device": me.device, "left": dates::format_moment(dates::now()) });
        folder::write_new(
            &folder.devices().join(format!("{}.left", me.device)),
            &serde_json::to_vec_pretty(&left).unwrap_or_default(),
        )?;
        self.write_unrecorded(|tx| {
            tx.execute_batch(
                "UPDATE sync_device SET team = NULL, folder = NULL, last_sync = NULL, last_error = NULL WHERE id = 1;
                 DELETE FROM sync_outbox; DELETE FROM sync_pending_files;",
            )?;
            Ok(())
        })?;
        self.sync_status()
    }

    /// Writes this device's changes to the team folder and applies the
    /// other devices' changes here, then brings the search index up to
    /// date with them.
    pub fn sync(&mut self) -> Result<SyncReport> {
        let me = device(self.conn()?)?;
        let (Some(team), Some(root)) = (me.team.clone(), me.folder.clone()) else {
            return Err(Error::Sync(Message::SyncNotInTeam {}));
        };
        let folder = Folder { root };
        let result = self.sync_with(&me, &team, &folder);
        if result.as_ref().is_ok_and(|r| r.rows_applied > 0) {
            // The search index takes the other devices' changes now, so the
            // next search has none to catch up; failing only leaves them to it.
            if let Err(e) = self.bring_index_up_to_date() {
                tracing::warn!(code = e.code(), "the search index was left to catch up later");
            }
        }
        let error = result.as_ref().err().map(|e| serde_json::to_string(&e.message()).unwrap_or_default());
        let now = dates::format_moment(dates::now());
        let ok = result.is_ok();
        let _ = self.write_unrecorded(|tx| {
            if ok {
                tx.execute("UPDATE sync_device SET last_sync = ?1, last_error = NULL WHERE id = 1", [now])?;
            } else {
                tx.execute("UPDATE sync_device SET last_error = ?1 WHERE id = 1", [error])?;
            }
            Ok(())
        });
        match &result {
            Ok(r) => tracing::info!(
                changes_written = r.changes_written,
                files_applied = r.files_applied,
                rows_applied = r.rows_applied,
                new_conflicts = r.new_conflicts,
                waiting = r.warnings.len(),
                "synced with the team folder"
            ),
            Err(e) => tracing::warn!(code = e.code(), key = e.message().key(), "sync failed"),
        }
        result
    }

    fn sync_with(&mut self, me: &Device, team: &str, folder: &Folder) -> Result<SyncReport> {
        match folder.team() {
            Ok(Some(found)) if found.team == team => {}
            Ok(_) => return Err(unreachable(folder.root.parent().unwrap_or(&folder.root), "dossier-team/team.json")),
            Err(e) => return Err(unreachable(folder.root.parent().unwrap_or(&folder.root), e)),
        }
        check_slot(folder, me)?;
        let mut report = SyncReport::default();
        self.write_out(me, folder, &mut report)?;
        self.read_in(me, folder, &mut report)?;
        self.maybe_snapshot(folder)?;
        Ok(report)
    }

    /// Takes the next file number for the changes not yet in a file, then
    /// writes every file whose writing is not confirmed.
    /// A change whose clock cannot be read (an older Dossier let a forged
    /// clock push it past its width) gets a new clock: it is never dropped.
    /// Changes go in as many files as the limits every reader applies need.
    fn write_out(&mut self, me: &Device, folder: &Folder, report: &mut SyncReport) -> Result<()> {
        self.write_unrecorded(|tx| {
            let clocks: Vec<(i64, String)> = {
                let mut stmt = tx.prepare("SELECT seq, clock FROM sync_outbox ORDER BY seq")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            for (seq, text) in clocks {
                if Clock::parse(&text).is_none() {
                    let clock = crate::sync::clock::issue(tx)?;
                    tx.execute("UPDATE sync_outbox SET clock = ?2 WHERE seq = ?1", params![seq, clock.to_string()])?;
                }
            }
            let waiting: Vec<(i64, i64)> = {
                let mut stmt =
                    tx.prepare("SELECT seq, length(changeset) FROM sync_outbox WHERE file IS NULL ORDER BY seq")?;
                let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if waiting.is_empty() {
                return Ok(());
            }
            let mut seq: i64 = tx.query_row("SELECT next_file FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
            let after = serde_json::to_string(&after_map(tx)?).unwrap_or_default();
            let budget = (folder::MAX_FILE_BYTES / 2) as i64;
            let mut start = 0;
            while start < waiting.len() {
                let mut end = start + 1;
                let mut bytes = waiting[start].1;
                while end < waiting.len() && end - start < folder::MAX_ENTRIES && bytes + waiting[end].1 <= budget {
                    bytes += waiting[end].1;
                    end += 1;
                }
                tx.execute(
                    "UPDATE sync_outbox SET file = ?1 WHERE file IS NULL AND seq BETWEEN ?2 AND ?3",
                    params![seq, waiting[start].0, waiting[end - 1].0],
                )?;
                tx.execute("INSERT INTO sync_pending_files (seq, after) VALUES (?1, ?2)", params![seq, after])?;
                seq += 1;
                start = end;
            }
            tx.execute("UPDATE sync_device SET next_file = ?1 WHERE id = 1", [seq])?;
            Ok(())
        })?;
        let pending: Vec<(i64, String)> = {
            let mut stmt = self.conn()?.prepare("SELECT seq, after FROM sync_pending_files ORDER BY seq")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for (seq, after) in pending {
            let after: BTreeMap<String, i64> = serde_json::from_str(&after).unwrap_or_default();
            let entries: Vec<apply::Entry> = {
                let mut stmt = self
                    .conn()?
                    .prepare("SELECT clock, person, changeset FROM sync_outbox WHERE file = ?1 ORDER BY seq")?;
                let rows = stmt.query_map([seq], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Vec<u8>>(2)?)))?;
                let mut entries = Vec::new();
                for row in rows {
                    let (clock, person, changeset) = row?;
                    // Every clock was made readable above; one that is not
                    // stops the sync rather than lose its change.
                    let clock = Clock::parse(&clock).ok_or_else(|| Error::Sync(Message::SyncFileMalformed {}))?;
                    entries.push(apply::Entry { clock, person, changeset });
                }
                entries
            };
            let bytes = folder::encode(&me.device, seq, SCHEMA_VERSION, &after, &entries);
            if !folder::write_new(&folder.change_file(&me.device, seq), &bytes)? {
                return Err(Error::Sync(Message::SyncSequenceReused { seq }));
            }
            self.write_unrecorded(|tx| {
                tx.execute("DELETE FROM sync_outbox WHERE file = ?1", [seq])?;
                tx.execute("DELETE FROM sync_pending_files WHERE seq = ?1", [seq])?;
                Ok(())
            })?;
            report.changes_written += entries.len() as i64;
            report.files_written += 1;
        }
        Ok(())
    }

    /// Applies every other device's files that can be applied: in order per
    /// device, each after the files it depends on, each in one transaction.
    /// A file that is refused or cannot be applied is quarantined (see
    /// [`crate::sync`]) and the device's next files go on.
    fn read_in(&mut self, me: &Device, folder: &Folder, report: &mut SyncReport) -> Result<()> {
        let files = folder.change_files(&me.device)?;
        let mut stalled: BTreeMap<String, Message> = BTreeMap::new();
        let mut schema = apply::Schema::default();
        loop {
            let mut progress = false;
            for (dev, seqs) in &files {
                let mut done = applied_map(self.conn()?)?.get(dev).copied().unwrap_or(0);
                let waiting: Vec<i64> = seqs.iter().copied().filter(|&s| s > done).collect();
                for seq in waiting {
                    if seq != done + 1 {
                        break;
                    }
                    let (header, entries) = match folder::read(&folder.change_file(dev, seq)) {
                        Read::Whole(h, e) if h.device == *dev && h.seq == seq => (h, e),
                        Read::Incomplete => {
                            stalled.insert(dev.clone(), Message::SyncFileIncomplete { device: dev.clone(), seq });
                            break;
                        }
                        // Whole, but not the file this name holds.
                        Read::Whole(..) => {
                            self.quarantine(dev, seq, Message::SyncFileMalformed {}, report)?;
                            stalled.remove(dev);
                            done = seq;
                            progress = true;
                            continue;
                        }
                        Read::Refused(reason) => {
                            self.quarantine(dev, seq, reason, report)?;
                            stalled.remove(dev);
                            done = seq;
                            progress = true;
                            continue;
                        }
                    };
                    if header.schema > SCHEMA_VERSION {
                        stalled.insert(dev.clone(), Message::SyncNewerFormat { device: dev.clone(), seq, schema: header.schema });
                        break;
                    }
                    let applied = applied_map(self.conn()?)?;
                    let ready = header
                        .after
                        .iter()
                        .all(|(d, s)| d == &me.device || applied.get(d).copied().unwrap_or(0) >= *s);
                    if !ready {
                        break;
                    }
                    let outcome = match self.refusal(dev, &entries, &mut schema)? {
                        Some(reason) => Err(reason),
                        None => match self.apply_file(dev, seq, &entries) {
                            Ok(applied) => Ok(applied),
                            // The library itself cannot go on (damaged, full,
                            // read-only, busy): the file is read again next time.
                            Err(e) if stops_sync(&e) => return Err(e),
                            Err(e) => {
                                let detail = match &e {
                                    Error::Sqlite(inner) => inner.to_string(),
                                    other => other.to_string(),
                                };
                                Err(Message::SyncChangeFailed { detail: detail.chars().take(300).collect() })
                            }
                        },
                    };
                    match outcome {
                        Ok(outcome) => {
                            report.files_applied += 1;
                            report.rows_applied += outcome.rows as i64;
                            report.new_conflicts += outcome.conflicts as i64;
                        }
                        Err(reason) => self.quarantine(dev, seq, reason, report)?,
                    }
                    stalled.remove(dev);
                    done = seq;
                    progress = true;
                }
            }
            if !progress {
                break;
            }
        }
        report.warnings.extend(stalled.into_values());
        Ok(())
    }

    /// Why a whole file's changes must not be applied, checked before
    /// anything is: a clock far in the future or naming another device, a
    /// change that does not fit this library's schema.
    fn refusal(&self, dev: &str, entries: &[apply::Entry], schema: &mut apply::Schema) -> Result<Option<Message>> {
        let conn = self.conn()?;
        let newest = crate::sync::clock::newest(conn)?;
        let now = crate::sync::clock::now_millis();
        for entry in entries {
            if entry.clock.device != dev {
                return Ok(Some(Message::SyncFileMalformed {}));
            }
            if entry.clock.too_far_ahead(&newest, now) {
                let moment = entry.clock.moment();
                let dated = if moment.is_empty() { entry.clock.to_string() } else { moment };
                return Ok(Some(Message::SyncClockAhead { dated }));
            }
        }
        for entry in entries {
            if let Err(reason) = apply::check_entry(conn, schema, entry)? {
                return Ok(Some(reason));
            }
        }
        Ok(None)
    }

    /// Applies one whole, checked file in one transaction that records it.
    fn apply_file(&mut self, dev: &str, seq: i64, entries: &[apply::Entry]) -> Result<Applied> {
        self.write_unrecorded(|tx| {
            let mut applied = Applied::default();
            // Another process (the app and the command line on one library)
            // may have applied it meanwhile.
            if applied_up_to(tx, dev)? >= seq {
                return Ok(applied);
            }
            for entry in entries {
                apply::apply_entry(tx, entry, &mut applied)?;
            }
            apply::finish_file(tx, &mut applied)?;
            settle(tx, dev, seq)?;
            Ok(applied)
        })
    }

    /// Sets file `seq` of `dev` aside: recorded with its reason and counted
    /// as settled, so it is never retried and the files after it go on.
    fn quarantine(&mut self, dev: &str, seq: i64, reason: Message, report: &mut SyncReport) -> Result<()> {
        let text = serde_json::to_string(&reason).unwrap_or_default();
        let now = dates::format_moment(dates::now());
        let recorded = self.write_unrecorded(|tx| {
            if applied_up_to(tx, dev)? >= seq {
                return Ok(false);
            }
            tx.execute(
                "INSERT INTO sync_quarantine (device, seq, reason, found_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (device, seq) DO UPDATE SET reason = excluded.reason, found_at = excluded.found_at",
                params![dev, seq, text, now],
            )?;
            settle(tx, dev, seq)?;
            Ok(true)
        })?;
        if recorded {
            tracing::warn!(device = dev, seq, reason = reason.key(), "change file quarantined");
            report.files_quarantined += 1;
            report.warnings.push(Message::SyncFileQuarantined { device: dev.to_owned(), seq, reason: Box::new(reason) });
        }
        Ok(())
    }

    /// Writes a new snapshot when many files arrived since the newest one.
    fn maybe_snapshot(&mut self, folder: &Folder) -> Result<()> {
        let applied: i64 = applied_map(self.conn()?)?.values().sum();
        let own: i64 = self.conn()?.query_row("SELECT next_file - 1 FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
        let newest = folder
            .snapshots_newest_first()
            .first()
            .map(|(_, s)| s.applied.values().sum::<i64>())
            .unwrap_or(0);
        if applied + own - newest >= SNAPSHOT_EVERY {
            self.write_snapshot(folder)?;
        }
        Ok(())
    }

    /// Writes a whole copy of the library for joining devices: taken with
    /// `VACUUM INTO`, this device's own tables emptied, checked, copied
    /// into the folder beside its name and renamed, then described.
    fn write_snapshot(&mut self, folder: &Folder) -> Result<()> {
        let me = device(self.conn()?)?;
        let seq: i64 = self.conn()?.query_row("SELECT next_file - 1 FROM sync_device WHERE id = 1", [], |r| r.get(0))?;
        let mut applied = applied_map(self.conn()?)?;
        if seq > 0 {
            applied.insert(me.device.clone(), seq);
        }
        let local = self.root().join(format!(".snapshot-{}.sqlite", std::process::id()));
        let _ = fs::remove_file(&local);
        let made = (|| -> Result<Vec<u8>> {
            self.conn()?.execute("VACUUM INTO ?1", [local.display().to_string()])?;
            {
                let copy = Connection::open(&local)?;
                copy.execute_batch(
                    "PRAGMA journal_mode = DELETE;
                     DELETE FROM sync_outbox; DELETE FROM sync_pending_files; DELETE FROM sync_conflicts;
                     DELETE FROM sync_ids; DELETE FROM search_outbox;
                     UPDATE sync_device SET device = '0000000000000000', name = '', person = '', slot = 0, step = 1,
                            team = NULL, folder = NULL, next_file = 1, last_sync = NULL, last_error = NULL;
                     DELETE FROM sync_applied;",
                )?;
                let mut insert = copy.prepare("INSERT INTO sync_applied (device, seq) VALUES (?1, ?2)")?;
                for (d, s) in &applied {
                    insert.execute(params![d, s])?;
                }
                drop(insert);
                copy.execute_batch("VACUUM")?;
            }
            fs::read(&local).map_err(|e| Error::io(&local, e))
        })();
        let _ = fs::remove_file(&local);
        let bytes = made?;
        let name = format!("{}-{seq:08}", me.device);
        let db_path = folder.snapshots().join(format!("{name}.sqlite"));
        folder::write_new(&db_path, &bytes)?;
        let described = SnapshotFile {
            device: me.device.clone(),
            seq,
            schema: SCHEMA_VERSION,
            applied,
            length: bytes.len() as u64,
            sha256: folder::hex(&Sha256::digest(&bytes)),
        };
        folder::write_new(
            &folder.snapshots().join(format!("{name}.json")),
            &serde_json::to_vec_pretty(&described).unwrap_or_default(),
        )?;
        Ok(())
    }

    /// The values kept aside on this device, newest first; brought-back ones
    /// only when `all`.
    pub fn conflicts(&self, all: bool) -> Result<Vec<Conflict>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT id, tbl, pk, col, value, clock, person, reason, found_at, kept_at FROM sync_conflicts
              WHERE ?1 OR kept_at IS NULL ORDER BY found_at DESC, id DESC",
        )?;
        let rows = stmt.query_map([all], conflict_from_row)?;
        let mut conflicts: Vec<Conflict> = rows.collect::<rusqlite::Result<_>>()?;
        // Name the devices and, for this one, the person.
        let me = device(conn)?;
        let names: BTreeMap<String, String> = me
            .folder
            .map(|root| Folder { root }.members().unwrap_or_default())
            .unwrap_or_default()
            .into_values()
            .map(|d| (d.device, d.name))
            .collect();
        let keys: Vec<(String, String, String)> = {
            let mut stmt = conn.prepare("SELECT tbl, pk, col FROM sync_conflicts WHERE id = ?1")?;
            conflicts
                .iter()
                .map(|c| stmt.query_row([c.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
                .collect::<rusqlite::Result<_>>()?
        };
        for (c, (table, pk, col)) in conflicts.iter_mut().zip(keys) {
            c.current = current_value(conn, &table, &pk, &col)?;
            if c.person.is_empty() && c.device == me.device {
                c.person = me.person.clone();
            }
            if let Some(name) = names.get(&c.device) {
                c.device = name.clone();
            }
        }
        Ok(conflicts)
    }

    /// Brings back the value of conflict `id` as a new change, which wins
    /// on every device once synced.
    pub fn keep_conflict(&mut self, id: i64) -> Result<Conflict> {
        let conflict = self
            .conn()?
            .query_row(
                "SELECT id, tbl, pk, col, value, clock, person, reason, found_at, kept_at FROM sync_conflicts WHERE id = ?1",
                [id],
                conflict_from_row,
            )
            .optional()?
            .ok_or(Error::NotFound(Message::NoConflict { id }))?;
        if conflict.kept_at.is_some() {
            return Err(Error::conflict(Message::ConflictAlreadyKept { id }));
        }
        let (table, pk_text, column, value): (String, String, String, Value) = self.conn()?.query_row(
            "SELECT tbl, pk, col, value FROM sync_conflicts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let gone = || Error::conflict(Message::ConflictRecordGone { id });
        let (condition, key) = field_of(self.conn()?, &table, &pk_text, &column)?.ok_or_else(gone)?;
        let now = dates::format_moment(dates::now());
        self.write(|tx| {
            let changed = tx.execute(
                &format!("UPDATE {table} SET {column} = ?{} WHERE {condition}", key.len() + 1),
                rusqlite::params_from_iter(key.iter().chain(std::iter::once(&value))),
            )?;
            if changed == 0 {
                return Err(gone());
            }
            tx.execute("UPDATE sync_conflicts SET kept_at = ?2 WHERE id = ?1", params![id, now])?;
            Ok(())
        })?;
        Ok(Conflict { kept_at: Some(now), ..conflict })
    }

    /// Every shared table, row by row in key order, as text: equal on every
    /// device that applied the same files.
    pub fn shared_dump(&self) -> Result<String> {
        let conn = self.conn()?;
        let mut out = String::new();
        for table in SHARED_TABLES {
            let cols = columns(conn, table)?;
            let key = primary_key(conn, table)?;
            let mut stmt = conn.prepare(&format!("SELECT {} FROM {table} ORDER BY {}", cols.join(", "), key.join(", ")))?;
            let mut rows = stmt.query([])?;
            out.push_str(&format!("## {table}\n"));
            while let Some(row) = rows.next()? {
                let values: Vec<String> = (0..cols.len())
                    .map(|i| row.get::<_, Value>(i).map(|v| format!("{v:?}")))
                    .collect::<rusqlite::Result<_>>()?;
                out.push_str(&values.join("|"));
                out.push('\n');
            }
        }
        Ok(out)
    }
}

fn conflict_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let value: Value = r.get(4)?;
    let clock: String = r.get(5)?;
    let clock = Clock::parse(&clock);
    Ok(Conflict {
        id: r.get(0)?,
        table: r.get(1)?,
        record: key_values(&r.get::<_, String>(2)?)
            .iter()
            .map(|v| match v {
                Value::Integer(i) => i.to_string(),
                Value::Text(t) => t.clone(),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join(", "),
        field: r.get(3)?,
        value: as_text(value),
        current: None,
        person: r.get(6)?,
        device: clock.as_ref().map(|c| c.device.clone()).unwrap_or_default(),
        written_at: clock.map(|c| c.moment()).unwrap_or_default(),
        reason: r.get(7)?,
        found_at: r.get(8)?,
        kept_at: r.get(9)?,
    })
}

fn as_text(value: Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(t) => Some(t),
        Value::Blob(b) => Some(format!("{} bytes", b.len())),
    }
}

/// The `WHERE` condition and its values that find the record keyed
/// `pk_text` in `table`, when `column` is one of its fields.
fn field_of(conn: &Connection, table: &str, pk_text: &str, column: &str) -> Result<Option<(String, Vec<Value>)>> {
    if !SHARED_TABLES.contains(&table) || column.is_empty() || !columns(conn, table)?.iter().any(|c| c == column) {
        return Ok(None);
    }
    let key_columns = primary_key(conn, table)?;
    let key = key_values(pk_text);
    if key.len() != key_columns.len() {
        return Ok(None);
    }
    let condition = key_columns.iter().enumerate().map(|(i, c)| format!("{c} IS ?{}", i + 1)).collect::<Vec<_>>().join(" AND ");
    Ok(Some((condition, key)))
}

/// The value field `column` of the record keyed `pk_text` holds now.
fn current_value(conn: &Connection, table: &str, pk_text: &str, column: &str) -> Result<Option<String>> {
    let Some((condition, key)) = field_of(conn, table, pk_text, column)? else { return Ok(None) };
    let value: Option<Value> = conn
        .query_row(&format!("SELECT {column} FROM {table} WHERE {condition}"), rusqlite::params_from_iter(key.iter()), |r| r.get(0))
        .optional()?;
    Ok(value.and_then(as_text))
}

/// The values of a key written by [`crate::sync::changes::key_text`].
fn key_values(text: &str) -> Vec<Value> {
    text.split('\u{1f}')
        .map(|part| {
            let (tag, rest) = part.split_at(part.len().min(1));
            match tag {
                "i" => rest.parse().map(Value::Integer).unwrap_or(Value::Null),
                "t" => Value::Text(rest.to_owned()),
                "r" => rest.parse().map(Value::Real).unwrap_or(Value::Null),
                _ => Value::Null,
            }
        })
        .collect()
}

fn applied_map(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT device, seq FROM sync_applied")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn write_device_file(folder: &Folder, device: &str, name: &str, slot: i64) -> Result<()> {
    let file = DeviceFile {
        device: device.to_owned(),
        name: name.to_owned(),
        slot,
        joined: dates::format_moment(dates::now()),
    };
    folder::write_new(
        &folder.devices().join(format!("{device}.json")),
        &serde_json::to_vec_pretty(&file).unwrap_or_default(),
    )?;
    Ok(())
}

/// Refuses to sync while another current device holds this device's slot
/// and joined first (or, joined at the same moment, has the smaller id).
fn check_slot(folder: &Folder, me: &Device) -> Result<()> {
    let members = folder.members()?;
    let Some(mine) = members.get(&me.device) else { return Ok(()) };
    for other in members.values() {
        if other.device != me.device
            && other.slot == me.slot
            && (other.joined.as_str(), other.device.as_str()) < (mine.joined.as_str(), mine.device.as_str())
        {
            return Err(Error::Sync(Message::SyncSlotTaken { slot: me.slot, other: other.name.clone() }));
        }
    }
    Ok(())
}

/// Whether an error stops a sync as the library's own (a damaged or full
/// database, one that cannot be written or is busy, a file system that
/// fails), rather than the change file's.
fn stops_sync(e: &Error) -> bool {
    use rusqlite::ErrorCode as C;
    match e {
        Error::Damaged { .. } | Error::DiskFull(_) | Error::ReadOnly(_) | Error::Io { .. } => true,
        Error::Sqlite(e) => matches!(
            e.sqlite_error_code(),
            Some(C::DatabaseBusy | C::DatabaseLocked | C::SystemIoFailure | C::OutOfMemory | C::CannotOpen | C::OperationInterrupted)
        ),
        _ => false,
    }
}

/// The files this device quarantined, newest first.
fn quarantined(conn: &Connection) -> Result<Vec<QuarantinedFile>> {
    let mut stmt = conn.prepare("SELECT device, seq, reason, found_at FROM sync_quarantine ORDER BY found_at DESC, device, seq DESC")?;
    let rows = stmt.query_map([], |r| {
        let reason: String = r.get(2)?;
        Ok(QuarantinedFile {
            device: r.get(0)?,
            seq: r.get(1)?,
            reason: serde_json::from_str(&reason).unwrap_or(Message::SyncFileMalformed {}),
            found_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The `after` map of this device's next file: per device, the last file
/// applied here, never a quarantined one (no change made here rests on
/// it), and no device whose files were all quarantined. So no device ever
/// waits for a file another refused, or never received.
fn after_map(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let quarantined: std::collections::BTreeSet<(String, i64)> = {
        let mut stmt = conn.prepare("SELECT device, seq FROM sync_quarantine")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut out = BTreeMap::new();
    for (device, mut seq) in applied_map(conn)? {
        while seq > 0 && quarantined.contains(&(device.clone(), seq)) {
            seq -= 1;
        }
        if seq > 0 {
            out.insert(device, seq);
        }
    }
    Ok(out)
}

/// Copies the newest whole snapshot (a regular file whose length and
/// checksum match its description) to `to`, checking it as it is copied:
/// `false` when there is none.
fn copy_newest_whole_snapshot(folder: &Folder, to: &Path) -> Result<bool> {
    use std::io::{Read as _, Write as _};
    for (path, described) in folder.snapshots_newest_first() {
        if described.schema > SCHEMA_VERSION {
            continue;
        }
        let Ok((file, size)) = folder::open_regular(&path) else { continue };
        if size != described.length {
            continue;
        }
        let mut out = fs::File::create(to).map_err(|e| Error::io(to, e))?;
        let mut hasher = Sha256::new();
        let mut reader = file.take(described.length);
        let mut buf = vec![0u8; 1 << 16];
        let mut copied = 0u64;
        let whole = loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break copied == described.length,
                Ok(n) => n,
                Err(_) => break false,
            };
            hasher.update(&buf[..n]);
            out.write_all(&buf[..n]).map_err(|e| Error::io(to, e))?;
            copied += n as u64;
        };
        drop(out);
        if whole && folder::hex(&hasher.finalize()) == described.sha256 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Records file `seq` of `dev` as settled here: applied or set aside.
fn settle(tx: &rusqlite::Connection, dev: &str, seq: i64) -> Result<()> {
    tx.execute(
        "INSERT INTO sync_applied (device, seq) VALUES (?1, ?2)
         ON CONFLICT (device) DO UPDATE SET seq = excluded.seq",
        params![dev, seq],
    )?;
    Ok(())
}

/// The last file of `dev` this library has applied or set aside (0: none).
fn applied_up_to(tx: &rusqlite::Connection, dev: &str) -> Result<i64> {
    Ok(tx
        .query_row("SELECT seq FROM sync_applied WHERE device = ?1", [dev], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}
