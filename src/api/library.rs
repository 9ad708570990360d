//! Opening and describing a library, the same way from both faces.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::library::LibrarySummary;
use crate::sample::SampleCounts;
use crate::{Error, Library, Result};

/// The library in `root` filled with the sample: created when the folder
/// holds none, refused when it holds papers or records already. Its recent
/// months are those of `as_of`, else of today where the user is
/// (`sample`'s module documentation says how).
pub fn open_sample(root: &Path, as_of: Option<chrono::NaiveDate>) -> Result<(Library, SampleCounts)> {
    let mut lib = match Library::open(root) {
        Ok(lib) => lib,
        Err(Error::NoLibrary(_)) => Library::init(root)?,
        Err(e) => return Err(e),
    };
    let counts = lib.load_sample(as_of.unwrap_or_else(crate::dates::local_today))?;
    Ok((lib, counts))
}

/// An open library as a face shows it: what it holds, and what the user
/// must be told about where it sits.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LibraryView {
    #[serde(flatten)]
    #[ts(flatten)]
    pub summary: LibrarySummary,
    /// Set when the folder is cloud-synced or on a network drive.
    pub location_warning: Option<crate::message::Message>,
    /// Opened for reading only (read-only folder or media, or a public copy).
    pub read_only: bool,
    /// A public copy: only what the organisation published, always read-only.
    pub public_copy: bool,
}

/// Describes the open library.
pub fn view(lib: &Library) -> Result<LibraryView> {
    Ok(LibraryView {
        summary: lib.summary()?,
        location_warning: lib.location_warning(),
        read_only: lib.is_read_only(),
        public_copy: lib.is_public_copy()?,
    })
}

/// Where a library goes when none is named: the OS data folder.
pub fn default_root() -> Result<PathBuf> {
    Library::default_root()
}
