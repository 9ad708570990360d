//! The team folder: where it keeps what, and the change file format.
//!
//! Every name is lowercase ASCII, digits and dashes, so it means one file on
//! every file system. A file is written beside its name and renamed; one
//! that already exists is never overwritten, only compared (see
//! [`write_new`]). Nothing here deletes anything in the folder.
//!
//! Anyone with access to the folder can write in it, so nothing is read
//! but regular files ([`read_regular`]: no link followed, no FIFO or device
//! opened in a way that blocks, never more than a limit), and no count or
//! length read from a file sizes an allocation ([`decode`]).

use std::collections::BTreeMap;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::message::Message;
use crate::sync::apply::Entry;
use crate::sync::clock::Clock;

/// The folder inside the shared folder that holds a team library.
pub const TEAM_DIR: &str = "dossier-team";
/// The first line of every change file.
const MAGIC: &str = "dossier-changes 1";
/// A change file larger than this is not read (it is not one of ours).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// The most entries (transactions) one change file holds.
pub const MAX_ENTRIES: usize = 100_000;
/// The largest changeset one entry holds.
pub const MAX_CHANGESET_BYTES: usize = 256 * 1024 * 1024;
/// The largest header line, and the largest clock-and-person part of an entry.
const MAX_HEADER_BYTES: usize = 1024 * 1024;
const MAX_META_BYTES: usize = 64 * 1024;
/// The largest `team.json`, device file or snapshot description.
pub const MAX_JSON_BYTES: u64 = 1024 * 1024;
/// The smallest an entry can be: two lengths and `{"clock":"…","person":""}`.
const MIN_ENTRY_BYTES: usize = 8 + 2;

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
        match read_regular(&self.team_file(), MAX_JSON_BYTES) {
            Regular::Bytes(bytes) => Ok(serde_json::from_slice(&bytes).ok()),
            Regular::Missing => Ok(None),
            Regular::Unreadable(e) => Err(Error::io(self.team_file(), e)),
            Regular::NotRegular | Regular::TooLarge(_) => Ok(None),
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
                let Regular::Bytes(bytes) = read_regular(&entry.path(), MAX_JSON_BYTES) else { continue };
                if let Ok(file) = serde_json::from_slice::<DeviceFile>(&bytes) {
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
            // A device's folder is a folder, not a link to one elsewhere.
            if !is_device_id(&device) || device == except || !entry.file_type().is_ok_and(|t| t.is_dir()) {
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
                        let Regular::Bytes(bytes) = read_regular(&e.path(), MAX_JSON_BYTES) else { return None };
                        let file: SnapshotFile = serde_json::from_slice(&bytes).ok()?;
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

/// What reading a file of the folder found.
#[derive(Debug)]
pub enum Regular {
    Bytes(Vec<u8>),
    Missing,
    /// A link, a folder, a FIFO, a device file: never read.
    NotRegular,
    /// Larger than the limit (its size).
    TooLarge(u64),
    /// A regular file the system would not read (permissions, a network hiccup).
    Unreadable(std::io::Error),
}

/// Opens `path` only if it is a regular file, without following a link or
/// blocking (a FIFO opened for reading waits for a writer): on Unix with
/// `O_NOFOLLOW | O_NONBLOCK`, then checked on the open handle, so a file
/// swapped for something else meanwhile is still refused. Returns the file
/// and its size.
pub fn open_regular(path: &Path) -> std::result::Result<(fs::File, u64), Regular> {
    let refused = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Regular::Missing,
        _ if is_link_refusal(&e) => Regular::NotRegular,
        _ => Regular::Unreadable(e),
    };
    #[cfg(windows)]
    {
        // No reparse point (a link or a junction) is followed.
        use std::os::windows::fs::MetadataExt;
        const FILE_ATTRIBUTE_REPARSE_POINT: u32 = 0x400;
        let meta = fs::symlink_metadata(path).map_err(refused)?;
        if !meta.file_type().is_file() || meta.file_attributes() & FILE_ATTRIBUTE_REPARSE_POINT != 0 {
            return Err(Regular::NotRegular);
        }
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        // FILE_FLAG_OPEN_REPARSE_POINT: open a reparse point itself, never its target.
        options.custom_flags(0x0020_0000);
    }
    let file = options.open(path).map_err(refused)?;
    let meta = file.metadata().map_err(Regular::Unreadable)?;
    if !meta.file_type().is_file() {
        return Err(Regular::NotRegular);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::MetadataExt;
        if meta.file_attributes() & 0x400 != 0 {
            return Err(Regular::NotRegular);
        }
    }
    Ok((file, meta.len()))
}

/// `O_NOFOLLOW` on a link fails with `ELOOP` (`EMLINK` on FreeBSD).
fn is_link_refusal(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::EMLINK))
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Reads `path` whole when it is a regular file of at most `limit` bytes
/// (see [`open_regular`]); never reads more than `limit`, even from a file
/// that grows while it is read.
pub fn read_regular(path: &Path, limit: u64) -> Regular {
    let (file, size) = match open_regular(path) {
        Ok(found) => found,
        Err(refused) => return refused,
    };
    if size > limit {
        return Regular::TooLarge(size);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    match file.take(limit + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > limit => Regular::TooLarge(bytes.len() as u64),
        Ok(_) => Regular::Bytes(bytes),
        Err(e) => Regular::Unreadable(e),
    }
}

/// What reading a change file found.
#[derive(Debug)]
pub enum Read {
    Whole(Header, Vec<Entry>),
    /// Short, damaged or not one of ours: read again later.
    Incomplete,
    /// Whole, but never to be applied: quarantined with this reason.
    Refused(Message),
}

/// Reads a change file, checking its length and checksum.
pub fn read(path: &Path) -> Read {
    match read_regular(path, MAX_FILE_BYTES) {
        Regular::Bytes(bytes) => decode(&bytes),
        Regular::Missing | Regular::Unreadable(_) => Read::Incomplete,
        Regular::NotRegular => Read::Refused(Message::SyncNotRegularFile {}),
        Regular::TooLarge(_) => Read::Refused(Message::SyncFileTooLarge { limit_mb: (MAX_FILE_BYTES >> 20) as i64 }),
    }
}

/// Parses a change file's bytes: whole and unaltered, still arriving (its
/// length or checksum does not match), or refused (whole, but its content
/// is not what its header says, or breaks a limit).
pub fn decode(bytes: &[u8]) -> Read {
    let Some(first) = bytes.iter().take(MAGIC.len() + 1).position(|&b| b == b'\n') else { return Read::Incomplete };
    if &bytes[..first] != MAGIC.as_bytes() {
        return Read::Incomplete;
    }
    let rest = &bytes[first + 1..];
    let Some(second) = rest.iter().take(MAX_HEADER_BYTES + 1).position(|&b| b == b'\n') else {
        return if rest.len() > MAX_HEADER_BYTES { Read::Refused(Message::SyncFileMalformed {}) } else { Read::Incomplete };
    };
    let Ok(header) = serde_json::from_slice::<Header>(&rest[..second]) else { return Read::Incomplete };
    if header.length > MAX_FILE_BYTES {
        return Read::Refused(Message::SyncFileTooLarge { limit_mb: (MAX_FILE_BYTES >> 20) as i64 });
    }
    let body = &rest[second + 1..];
    if body.len() as u64 != header.length || hex(&Sha256::digest(body)) != header.sha256 {
        return Read::Incomplete;
    }
    // The file is whole: from here, what does not fit is refused. No count
    // from the header sizes anything: entries are read one by one, each
    // length checked against the bytes left.
    match entries_of(&header, body) {
        Some(entries) => Read::Whole(header, entries),
        None => Read::Refused(Message::SyncFileMalformed {}),
    }
}

fn entries_of(header: &Header, body: &[u8]) -> Option<Vec<Entry>> {
    if header.entries > MAX_ENTRIES || header.entries > body.len() / MIN_ENTRY_BYTES + 1 || header.seq < 1 {
        return None;
    }
    if !header.after.iter().all(|(d, s)| is_device_id(d) && *s >= 0) || header.schema < 1 {
        return None;
    }
    let mut entries = Vec::new();
    let mut at = 0usize;
    let mut take = |n: usize| -> Option<&[u8]> {
        let part = body.get(at..at.checked_add(n)?)?;
        at += n;
        Some(part)
    };
    for _ in 0..header.entries {
        let len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
        if len > MAX_META_BYTES {
            return None;
        }
        let meta: serde_json::Value = serde_json::from_slice(take(len)?).ok()?;
        let len = u32::from_be_bytes(take(4)?.try_into().ok()?) as usize;
        if len > MAX_CHANGESET_BYTES {
            return None;
        }
        let changeset = take(len)?.to_vec();
        entries.push(Entry {
            clock: Clock::parse(meta.get("clock")?.as_str()?)?,
            person: meta.get("person")?.as_str()?.to_owned(),
            changeset,
        });
    }
    // Nothing after the last entry.
    (at == body.len()).then_some(entries)
}

/// Writes `bytes` at `path` whole: beside it first, then renamed. When the
/// file exists already it is left alone, and `Ok(false)` says its content
/// differs.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    match read_regular(path, bytes.len() as u64) {
        Regular::Bytes(existing) => return Ok(existing == bytes),
        // Something else holds the name: never ours to replace.
        Regular::NotRegular | Regular::TooLarge(_) => return Ok(false),
        Regular::Missing | Regular::Unreadable(_) => {}
    }
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // The folder is writable by others: the temporary name is unpredictable
    // and created exclusively, and a file that appeared meanwhile is kept.
    if crate::files::write_shared_new(path, bytes)? {
        return Ok(true);
    }
    Ok(matches!(read_regular(path, bytes.len() as u64), Regular::Bytes(existing) if existing == bytes))
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
        let Read::Whole(header, entries) = decode(&bytes) else { panic!("whole file") };
        assert_eq!((header.seq, header.schema, header.after.clone()), (7, 3, after));
        assert_eq!(entries, vec![entry(1), entry(2)]);
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            assert!(matches!(decode(&bytes[..cut]), Read::Incomplete), "a file cut at {cut} bytes is waited for");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(decode(&flipped), Read::Incomplete), "a changed byte fails the checksum");
        assert!(matches!(decode(b"garbage\n{}\n"), Read::Incomplete));
    }

    /// A file whose header is forged with the right length and checksum.
    fn forged(header: serde_json::Value, body: &[u8]) -> Vec<u8> {
        let mut header = header;
        header["length"] = body.len().into();
        header["sha256"] = hex(&Sha256::digest(body)).into();
        [format!("{MAGIC}\n{header}\n").as_bytes(), body].concat()
    }

    #[test]
    fn attack_a_header_that_lies_about_its_entries_is_refused_without_allocating_them() {
        let good = encode("00000000000000aa", 1, 3, &BTreeMap::new(), &[entry(1)]);
        let Read::Whole(_, _) = decode(&good) else { panic!() };
        let body = &good[good.iter().skip(MAGIC.len() + 1).position(|&b| b == b'\n').unwrap() + MAGIC.len() + 2..];
        let header = |entries: u64| serde_json::json!({"device": "00000000000000aa", "seq": 1, "schema": 3, "after": {}, "entries": entries});
        for entries in [1u64 << 40, u32::MAX as u64, MAX_ENTRIES as u64 + 1, 2, 0] {
            assert!(matches!(decode(&forged(header(entries), body)), Read::Refused(Message::SyncFileMalformed {})), "{entries} entries");
        }
        // A length inside the body that runs past its end, or that claims a huge changeset.
        let mut long = body.to_vec();
        let meta_len = u32::from_be_bytes(long[..4].try_into().unwrap()) as usize;
        long[4 + meta_len..8 + meta_len].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(decode(&forged(header(1), &long)), Read::Refused(Message::SyncFileMalformed {})));
        long[..4].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(matches!(decode(&forged(header(1), &long)), Read::Refused(Message::SyncFileMalformed {})));
        // A header promising more than any change file holds never completes.
        let mut huge = header(1);
        huge["length"] = (1u64 << 50).into();
        huge["sha256"] = "0".repeat(64).into();
        let bytes = [format!("{MAGIC}\n{huge}\n").as_bytes(), body].concat();
        assert!(matches!(decode(&bytes), Read::Refused(Message::SyncFileTooLarge { .. })));
        // An unreadable clock, or a clock past the 16 digits.
        let bad_clock = encode("00000000000000aa", 1, 3, &BTreeMap::new(), &[entry(1)]);
        let text = String::from_utf8_lossy(&bad_clock).replace("0001700000000001-0000", "10001700000000001-000");
        let cut = text.find('\n').unwrap() + 1;
        let cut = cut + text[cut..].find('\n').unwrap() + 1;
        let body = text[cut..].as_bytes();
        assert!(matches!(decode(&forged(header(1), body)), Read::Refused(Message::SyncFileMalformed {})));
    }

    #[cfg(unix)]
    #[test]
    fn attack_only_regular_files_are_read_never_a_link_a_fifo_a_device_or_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("00000001.changes");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let started = std::time::Instant::now();
        assert!(matches!(read(&link), Read::Refused(Message::SyncNotRegularFile {})), "a link to /dev/zero");
        let fifo = dir.path().join("00000002.changes");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(read(&fifo), Read::Refused(Message::SyncNotRegularFile {})), "a FIFO never blocks");
        assert!(matches!(read(Path::new("/dev/null")), Read::Refused(Message::SyncNotRegularFile {})), "a device");
        let folder = dir.path().join("00000003.changes");
        fs::create_dir(&folder).unwrap();
        assert!(matches!(read(&folder), Read::Refused(Message::SyncNotRegularFile {})), "a folder");
        let target = dir.path().join("real.json");
        fs::write(&target, b"{}").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("team.json")).unwrap();
        assert!(matches!(read_regular(&dir.path().join("team.json"), 10), Regular::NotRegular), "a link to a regular file");
        assert!(matches!(read_regular(&target, 1), Regular::TooLarge(2)));
        assert!(matches!(read_regular(&dir.path().join("absent"), 1), Regular::Missing));
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "nothing blocked");
        // The folder's own readers see nothing there.
        let team = Folder { root: dir.path().to_owned() };
        assert_eq!(team.team().unwrap(), None);
        assert!(!write_new(&link, b"mine").unwrap(), "a name held by a link is never written through");
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
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
