//! Files the library writes for the user outside its folder: checking a
//! target before any work, and writing it whole or not at all, readable by
//! its owner only.
//!
//! Promises:
//! - a target's name ends in the extension of what is written (`.pdf`,
//!   `.csv`, `.sqlite`), so the file opens in the program its kind belongs to;
//! - an existing file is replaced only when it already is a file of that
//!   kind (a PDF by a PDF, a Dossier backup… by a SQLite file, a report by
//!   text), never a link, a folder or another kind of file: a wrong choice in
//!   a save dialog, or a script asking for `~/.bashrc`, changes nothing;
//! - the bytes go to a temporary file with an unpredictable name, created
//!   exclusively (a link planted in advance is never followed), then renamed
//!   into place: a reader sees the old file or the whole new one;
//! - what is written is readable by its owner only (mode 0600 on Unix;
//!   elsewhere the folder's own access rules apply).
//!
//! Architecture invariant: below [`crate::library`]; imports only the error
//! type and the messages. Packets, reports, backups, originals and the sync
//! folder all write through here, so a bad target is refused the same way
//! whatever is being written.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use tempfile::{NamedTempFile, TempPath};

use crate::error::{Error, Result};
use crate::message::Message;

/// What is being written: decides the extension, what an existing file
/// must be to be replaced, and the wording of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A PDF: a packet, a lobbying report.
    Pdf,
    /// A CSV: a lobbying report for the Registry's spreadsheet.
    Csv,
    /// A backup of the library database (a SQLite file).
    Backup,
    /// Plain text: a problem report for support.
    Text,
}

impl Target {
    /// The extension a target's name must end in, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Target::Pdf => "pdf",
            Target::Csv => "csv",
            Target::Backup => "sqlite",
            Target::Text => "txt",
        }
    }

    /// The kind named in a refusal.
    fn kind(self) -> &'static str {
        match self {
            Target::Pdf => "PDF",
            Target::Csv => "CSV",
            Target::Backup => "SQLite",
            Target::Text => "text",
        }
    }

    /// True when `head`, the first bytes of an existing file, shows a file
    /// of this kind (an empty file is of every kind).
    fn recognises(self, head: &[u8]) -> bool {
        if head.is_empty() {
            return true;
        }
        match self {
            Target::Pdf => head.starts_with(b"%PDF-"),
            Target::Backup => head.starts_with(b"SQLite format 3\0"),
            // Text: no NUL byte, and UTF-8 but for a character cut off at
            // the end of what was read.
            Target::Csv | Target::Text => {
                !head.contains(&0)
                    && match std::str::from_utf8(head) {
                        Ok(_) => true,
                        Err(e) => e.error_len().is_none(),
                    }
            }
        }
    }
}

/// `path` with the extension of `what` added when its name does not end in
/// it already (`Report` → `Report.csv`, `a.txt` → `a.txt.csv`); for a name
/// chosen in a save dialog, which may leave the extension out.
pub fn with_extension(path: &Path, what: Target) -> PathBuf {
    if has_extension(path, what) {
        return path.to_owned();
    }
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".");
    name.push(what.extension());
    path.with_file_name(name)
}

fn has_extension(path: &Path, what: Target) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case(what.extension()))
}

/// Refuses a target that cannot be written, before any work: no name, a name
/// without the extension of what is written, a folder that does not exist, a
/// folder or link where the file should be, an existing file of another
/// kind. Returns the target with its folder made absolute.
pub fn check_target(out: &Path, what: Target) -> Result<PathBuf> {
    if out.as_os_str().is_empty() {
        return Err(Error::invalid(match what {
            Target::Backup => Message::NoBackupFile {},
            Target::Pdf | Target::Csv | Target::Text => Message::NoOutputFile {},
        }));
    }
    let shown = || out.display().to_string();
    let name = out.file_name().ok_or_else(|| Error::invalid(Message::NotAFileName { path: shown() }))?;
    if !has_extension(out, what) {
        return Err(Error::invalid(Message::TargetWrongExtension { path: shown(), extension: what.extension().into() }));
    }
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::invalid(Message::NoSuchFolder { path: shown(), folder: parent.display().to_string() }));
    }
    let parent = parent.canonicalize().map_err(|e| Error::io(&parent, e))?;
    let target = parent.join(name);
    match std::fs::symlink_metadata(&target) {
        Err(_) => {}
        Ok(meta) if meta.is_dir() => {
            return Err(Error::invalid(match what {
                Target::Backup => Message::BackupTargetIsFolder { path: shown() },
                Target::Pdf | Target::Csv | Target::Text => Message::TargetIsFolder { path: shown() },
            }))
        }
        Ok(meta) if !meta.is_file() => return Err(Error::invalid(Message::TargetNotAFile { path: shown() })),
        Ok(_) if !what.recognises(&head_of(&target)) => {
            return Err(Error::invalid(Message::TargetOtherKind { path: shown(), kind: what.kind().into() }));
        }
        Ok(_) => {}
    }
    Ok(target)
}

/// The first bytes of the file at `path` (none if it cannot be read).
fn head_of(path: &Path) -> Vec<u8> {
    let mut head = Vec::with_capacity(512);
    if let Ok(f) = std::fs::File::open(path) {
        let _ = f.take(512).read_to_end(&mut head);
    }
    head
}

/// A new, empty temporary file beside `out`, with an unpredictable name,
/// created exclusively and readable by its owner only. Removed when dropped
/// unless persisted.
pub fn temp_beside(out: &Path) -> Result<NamedTempFile> {
    temp_file(out, false)
}

/// A new temporary file beside `out` under an unpredictable name, created
/// exclusively: private to its owner, or (`shared`) as readable as the
/// owner's umask allows, for a folder the whole team reads.
fn temp_file(out: &Path, shared: bool) -> Result<NamedTempFile> {
    let dir = folder_of(out);
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".part");
    #[cfg(unix)]
    if shared {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    #[cfg(not(unix))]
    let _ = shared;
    builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))
}

/// [`temp_beside`], kept as a path only (for a writer that opens the file
/// itself, such as SQLite's `VACUUM INTO`, which accepts an empty file).
pub fn temp_path_beside(out: &Path) -> Result<TempPath> {
    Ok(temp_beside(out)?.into_temp_path())
}

fn folder_of(out: &Path) -> &Path {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes `bytes` to a temporary file beside `out`, then renames it into
/// place: a reader sees the old file or the whole new one, never half of it.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let dir = folder_of(out);
    let mut tmp = temp_beside(out)?;
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| Error::io(dir, e))?;
    // A failed rename drops the temporary file, which removes it.
    tmp.persist(out).map_err(|e| Error::io(out, e.error))?;
    sync_folder(dir);
    Ok(())
}

/// Writes `bytes` at `path` unless a file is there already, through a
/// temporary file beside it, readable as the folder's owner allows (umask):
/// for a folder the whole team reads. `Ok(false)` when `path` exists, which
/// is left alone whatever it holds.
pub fn write_shared_new(path: &Path, bytes: &[u8]) -> Result<bool> {
    let dir = folder_of(path);
    let mut tmp = temp_file(path, true)?;
    tmp.write_all(bytes).and_then(|()| tmp.as_file().sync_all()).map_err(|e| Error::io(dir, e))?;
    match tmp.persist_noclobber(path) {
        Ok(_) => {
            sync_folder(dir);
            Ok(true)
        }
        Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(Error::io(path, e.error)),
    }
}

/// Renames a finished temporary file into place.
pub fn persist(tmp: TempPath, out: &Path) -> Result<()> {
    tmp.persist(out).map_err(|e| Error::io(out, e.error))?;
    sync_folder(folder_of(out));
    Ok(())
}

/// Makes a rename durable where the platform allows it.
pub fn sync_folder(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Makes `path` readable and writable by its owner only (a folder: also
/// enterable). Elsewhere than Unix the folder's own access rules apply.
pub fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).map_err(|e| Error::io(path, e))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gets_the_extension_of_what_is_written_once() {
        assert_eq!(with_extension(Path::new("/t/Report"), Target::Csv), Path::new("/t/Report.csv"));
        assert_eq!(with_extension(Path::new("/t/a.txt"), Target::Pdf), Path::new("/t/a.txt.pdf"));
        assert_eq!(with_extension(Path::new("/t/a.PDF"), Target::Pdf), Path::new("/t/a.PDF"));
        assert_eq!(with_extension(Path::new("b"), Target::Backup), Path::new("b.sqlite"));
    }

    #[test]
    fn only_a_file_of_the_same_kind_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        assert!(check_target(&file("old.pdf", b"%PDF-1.7\n..."), Target::Pdf).is_ok());
        assert!(check_target(&file("empty.pdf", b""), Target::Pdf).is_ok());
        assert!(check_target(&file("old.csv", "a,b\né,\"x\"\n".as_bytes()), Target::Csv).is_ok());
        let refused = |p: PathBuf, what| check_target(&p, what).unwrap_err().message();
        assert!(matches!(refused(file("shell.pdf", b"export PATH=x\n"), Target::Pdf), Message::TargetOtherKind { .. }));
        assert!(matches!(refused(file("prog.csv", b"\x7fELF\0\0\0"), Target::Csv), Message::TargetOtherKind { .. }));
        assert!(matches!(refused(file("notes.sqlite", b"plain text"), Target::Backup), Message::TargetOtherKind { .. }));
        assert!(matches!(refused(dir.path().join("rc"), Target::Csv), Message::TargetWrongExtension { .. }));
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_is_neither_followed_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let link = dir.path().join("out.csv");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = check_target(&link, Target::Csv).unwrap_err();
        assert!(matches!(err.message(), Message::TargetNotAFile { .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
    }

    #[cfg(unix)]
    #[test]
    fn what_is_written_is_readable_by_its_owner_only_under_an_unpredictable_temporary_name() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p.pdf");
        let a = temp_beside(&out).unwrap();
        let b = temp_beside(&out).unwrap();
        assert_ne!(a.path(), b.path(), "two temporary names never repeat");
        drop((a, b));
        write_atomically(&out, b"%PDF-1.7").unwrap();
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("p.pdf")], "no temporary file is left behind");
    }
}
