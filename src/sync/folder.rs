//! The team folder: where it keeps what, and the change file format.
//!
//! Every name is lowercase ASCII, digits and dashes, so it means one file on
//! every file system. A file is written beside its name and renamed; one
//! that already exists is never overwritten, only compared (see
//! [`write_new`]). Nothing here deletes anything in the folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::sync::apply::Entry;
use crate::sync::clock::Clock;

/// The folder inside the shared folder that holds a team library.
pub const TEAM_DIR: &str = "dossier-team";
/// The first line of every change file.
const MAGIC: &str = "dossier-changes 1";
/// A change file larger than this is not read (it is not one of ours).
const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// `team.json`: written once by the first device.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TeamFile {
    pub team: String,
    pub step: i64,
}

/// `devices/<device>.json`: written once by each device as it joins.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DeviceFile {
    pub device: String,
    pub name: String,
    pub slot: i64,
    pub joined: String,
}

/// A change file's header line.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    pub device: String,
    pub seq: i64,
    pub schema: i64,
    /// The last file this device had applied from each other device: the
    /// files this one may depend on.
    pub after: BTreeMap<String, i64>,
    pub entries: usize,
    pub length: u64,
    pub sha256: String,
}

/// A snapshot's description, written after the snapshot itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SnapshotFile {
    pub device: String,
    pub seq: i64,
    pub schema: i64,
    /// The files the snapshot holds, per device.
    pub applied: BTreeMap<String, i64>,
    pub length: u64,
    pub sha256: String,
}

/// The parts of a team folder.
#[derive(Debug, Clone)]
pub struct Folder {
    pub root: PathBuf,
}

impl Folder {
    /// The team library inside the shared folder `shared`.
    pub fn in_shared(shared: &Path) -> Folder {
        Folder { root: shared.join(TEAM_DIR) }
    }

    pub fn team_file(&self) -> PathBuf {
        self.root.join("team.json")
    }

    pub fn devices(&self) -> PathBuf {
        self.root.join("devices")
    }

    pub fn changes_of(&self, device: &str) -> PathBuf {
        self.root.join("changes").join(device)
    }

    pub fn change_file(&self, device: &str, seq: i64) -> PathBuf {
        self.changes_of(device).join(format!("{seq:08}.changes"))
    }

    pub fn snapshots(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    /// The team, when the folder holds one.
    pub fn team(&self) -> Result<Option<TeamFile>> {
        match fs::read(self.team_file()) {
            Ok(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(self.team_file(), e)),
        }
    }

    /// Every device that joined and has not left, by id.
    pub fn members(&self) -> Result<BTreeMap<String, DeviceFile>> {
        let (joined, left) = self.devices_ever()?;
        Ok(joined.into_iter().filter(|(id, _)| !left.contains(id)).collect())
    }

    /// Every device that ever joined, and the ids of those that left.
    pub fn devices_ever(&self) -> Result<(BTreeMap<String, DeviceFile>, Vec<String>)> {
        let mut out = BTreeMap::new();
        let entries = match fs::read_dir(self.devices()) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((out, Vec::new())),
            Err(e) => return Err(Error::io(self.devices(), e)),
        };
        let mut left = Vec::new();
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(id) = name.strip_suffix(".left").filter(|id| is_device_id(id)) {
                left.push(id.to_owned());
            } else if let Some(id) = name.strip_suffix(".json").filter(|id| is_device_id(id)) {
                if let Ok(file) = fs::read(entry.path()).map_err(|_| ()).and_then(|b| serde_json::from_slice::<DeviceFile>(&b).map_err(|_| ())) {
                    if file.device == id {
                        out.insert(id.to_owned(), file);
                    }
                }
            }
        }
        Ok((out, left))
    }

    /// The other devices that have change files, with the sequence numbers
    /// found, in order. Names that are not ours (conflicted copies, files
    /// still being written under a temporary name) are left alone.
    pub fn change_files(&self, except: &str) -> Result<BTreeMap<String, Vec<i64>>> {
        let mut out = BTreeMap::new();
        let dir = self.root.join("changes");
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(Error::io(dir, e)),
        };
        for entry in entries.flatten() {
            let device = entry.file_name().to_string_lossy().into_owned();
            if !is_device_id(&device) || device == except {
                continue;
            }
            let mut seqs: Vec<i64> = fs::read_dir(entry.path())
                .map(|files| {
                    files
                        .flatten()
                        .filter_map(|f| parse_change_name(&f.file_name().to_string_lossy()))
                        .collect()
                })
                .unwrap_or_default();
            seqs.sort_unstable();
            out.insert(device, seqs);
        }
        Ok(out)
    }

    /// The newest snapshot whose description reads, newest first by the
    /// number of files it holds.
    pub fn snapshots_newest_first(&self) -> Vec<(PathBuf, SnapshotFile)> {
        let mut found: Vec<(PathBuf, SnapshotFile)> = fs::read_dir(self.snapshots())
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
                    .filter_map(|e| {
                        let file: SnapshotFile = serde_json::from_slice(&fs::read(e.path()).ok()?).ok()?;
                        Some((e.path().with_extension("sqlite"), file))
                    })
                    .collect()
            })
            .unwrap_or_default();
        found.sort_by_key(|(_, s)| std::cmp::Reverse((s.applied.values().sum::<i64>(), s.seq)));
        found
    }
}

/// A device id: 16 lowercase hex digits.
pub fn is_device_id(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

fn parse_change_name(name: &str) -> Option<i64> {
    let digits = name.strip_suffix(".changes")?;
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n >= 1)
}

/// A change file's bytes.
pub fn encode(device: &str, seq: i64, schema: i64, after: &BTreeMap<String, i64>, entries: &[Entry]) -> Vec<u8> {
    let mut body = Vec::new();
    for entry in entries {
        let meta = serde_json::json!({ "clock": entry.clock.to_string(), "person": entry.person }).to_string();
        body.extend_from_slice(&(meta.len() as u32).to_be_bytes());
        body.extend_from_slice(meta.as_bytes());
        body.extend_from_slice(&(entry.changeset.len() as u32).to_be_bytes());
        body.extend_from_slice(&entry.changeset);
    }
    let header = Header {
        device: device.to_owned(),
        seq,
        schema,
        after: after.clone(),
        entries: entries.len(),
        length: body.len() as u64,
        sha256: hex(&Sha256::digest(&body)),
    };
    let mut out = Vec::with_capacity(body.len() + 256);
    out.extend_from_slice(MAGIC.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(serde_json::to_string(&header).unwrap_or_default().as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&body);
    out
}

/// What reading a change file found.
#[derive(Debug)]
pub enum Read {
    Whole(Header, Vec<Entry>),
    /// Short, damaged or not one of ours: read again later.
    Incomplete,
}

/// Reads a change file, checking its length and checksum.
pub fn read(path: &Path) -> Result<Read> {
    let size = match fs::metadata(path) {
        Ok(m) => m.len(),
        Err(_) => return Ok(Read::Incomplete),
    };
    if size > MAX_FILE_BYTES {
        return Ok(Read::Incomplete);
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(_) => return Ok(Read::Incomplete),
    };
    Ok(decode(&bytes).map_or(Read::Incomplete, |(h, e)| Read::Whole(h, e)))
}

/// Parses a change file's bytes; `None` unless whole and unaltered.
pub fn decode(bytes: &[u8]) -> Option<(Header, Vec<Entry>)> {
    let first = bytes.iter().position(|&b| b == b'\n')?;
    if &bytes[..first] != MAGIC.as_bytes() {
        return None;
    }
    let rest = &bytes[first + 1..];
    let second = rest.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&rest[..second]).ok()?;
    let body = &rest[second + 1..];
    if body.len() as u64 != header.length || hex(&Sha256::digest(body)) != header.sha256 {
        return None;
    }
    let mut entries = Vec::with_capacity(header.entries);
    let mut at = 0usize;
    let mut take = |n: usize| -> Option<&[u8]> {
        let part = body.get(at..at.checked_add(n)?)?;
        at += n;
        Some(part)
    };
    for _ in 0..header.entries {
        let len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
        let meta: serde_json::Value = serde_json::from_slice(take(len)?).ok()?;
        let len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
        let changeset = take(len)?.to_vec();
        entries.push(Entry {
            clock: Clock::parse(meta.get("clock")?.as_str()?)?,
            person: meta.get("person")?.as_str()?.to_owned(),
            changeset,
        });
    }
    Some((header, entries))
}

/// Writes `bytes` at `path` whole: beside it first, then renamed. When the
/// file exists already it is left alone, and `Ok(false)` says its content
/// differs.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(existing) = fs::read(path) {
        return Ok(existing == bytes);
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // The folder is writable by others: the temporary name is unpredictable
    // and created exclusively, and a file that appeared meanwhile is kept.
    if crate::files::write_shared_new(path, bytes)? {
        return Ok(true);
    }
    Ok(fs::read(path).is_ok_and(|existing| existing == bytes))
}

/// Lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(n: u8) -> Entry {
        Entry {
            clock: Clock { millis: 1_700_000_000_000 + n as u64, counter: 0, device: "00000000000000aa".into() },
            person: format!("person {n}"),
            changeset: vec![n; 10 + n as usize],
        }
    }

    #[test]
    fn a_change_file_reads_back_and_any_cut_or_flipped_byte_is_noticed() {
        let after = BTreeMap::from([("00000000000000bb".to_owned(), 4)]);
        let bytes = encode("00000000000000aa", 7, 3, &after, &[entry(1), entry(2)]);
        let (header, entries) = decode(&bytes).expect("whole file");
        assert_eq!((header.seq, header.schema, header.after.clone()), (7, 3, after));
        assert_eq!(entries, vec![entry(1), entry(2)]);
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "a file cut at {cut} bytes is not read");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(decode(&flipped).is_none(), "a changed byte fails the checksum");
        assert!(decode(b"garbage\n{}\n").is_none());
    }

    #[test]
    fn only_our_names_are_change_files() {
        assert_eq!(parse_change_name("00000012.changes"), Some(12));
        for name in ["00000012 (laptop's conflicted copy 2026-11-29).changes", ".00000012.changes.partial",
                     "12.changes", "00000012.CHANGES", "00000000.changes", "0000001a.changes"] {
            assert_eq!(parse_change_name(name), None, "{name}");
        }
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a").join("00000001.changes");
        assert!(write_new(&path, b"one").unwrap());
        assert!(write_new(&path, b"one").unwrap(), "the same bytes again: fine");
        assert!(!write_new(&path, b"two").unwrap(), "other bytes: refused");
        assert_eq!(fs::read(&path).unwrap(), b"one");
    }
}
