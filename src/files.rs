//! Files the library writes for the user outside its folder: checking a
//! target before any work, and writing it whole or not at all.
//!
//! Architecture invariant: below [`crate::library`]; imports only the error
//! type. Packets, reports and backups all check their target here, so a bad
//! target is refused the same way whatever is being written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::message::Message;

/// What is being written, for the wording of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A PDF (a packet) or a report file.
    Export,
    /// A backup of the library database.
    Backup,
}

/// Refuses a target that cannot be written, before any work: no name, a
/// folder that does not exist, a folder where the file should be. Returns
/// the target with its folder made absolute.
pub fn check_target(out: &Path, what: Target) -> Result<PathBuf> {
    if out.as_os_str().is_empty() {
        return Err(Error::invalid(match what {
            Target::Export => Message::NoOutputFile {},
            Target::Backup => Message::NoBackupFile {},
        }));
    }
    let name = out.file_name().ok_or_else(|| Error::invalid(Message::NotAFileName { path: out.display().to_string() }))?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    if !parent.is_dir() {
        return Err(Error::invalid(Message::NoSuchFolder {
            path: out.display().to_string(),
            folder: parent.display().to_string(),
        }));
    }
    let parent = parent.canonicalize().map_err(|e| Error::io(&parent, e))?;
    if parent.join(name).is_dir() {
        return Err(Error::invalid(match what {
            Target::Export => Message::TargetIsFolder { path: out.display().to_string() },
            Target::Backup => Message::BackupTargetIsFolder { path: out.display().to_string() },
        }));
    }
    Ok(parent.join(name))
}

/// Writes to a temporary file beside `out`, then renames it into place: a
/// reader sees the old file or the whole new one, never half of it.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let dir = out.parent().unwrap_or(Path::new("."));
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if let Err(e) = result {
        // The temporary file must not outlive a failed write.
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(dir, e));
    }
    Ok(())
}
