//! What the desktop app's screens receive that is not a core record of its
//! own: the app's start state, an office holder's page, a packet's page
//! count, a file written, a rebuild's progress. Here, not in the shell, so
//! their TypeScript is generated with every other IPC type.

use std::path::PathBuf;

use serde::Serialize;

use super::library::LibraryView;
use crate::engagements::{Engagement, EngagementFilter};
use crate::error::ErrorReply;
use crate::officials::Official;
use crate::{Library, Result};

/// What the window needs to know at start.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppStateView {
    /// The open library, or `None` on first run.
    pub library: Option<LibraryView>,
    /// Where a new library goes unless the user picks another folder.
    #[ts(type = "string")]
    pub default_path: PathBuf,
    /// The default author of new versions (see [`super::author`]).
    pub user_name: String,
    /// The interface language the system asks for (see
    /// [`super::system_lang`]), used until the user chooses one.
    pub system_lang: crate::vocab::Lang,
    /// Why the library named on the command line or opened last time could
    /// not be opened (damaged, from a newer Dossier…), when none is open.
    pub open_error: Option<ErrorReply>,
}

/// An office holder's profile with our engagement history, newest first,
/// and the meetings and calls among them a packet can be prepared for.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct OfficialView {
    pub official: Official,
    pub engagements: Vec<Engagement>,
    pub meetings: Vec<Engagement>,
}

/// The page of office holder `id`.
pub fn official_view(lib: &Library, id: i64) -> Result<OfficialView> {
    Ok(OfficialView {
        official: lib.official(id)?,
        engagements: lib.engagements(&EngagementFilter { official_id: Some(id), ..Default::default() })?,
        meetings: super::packets::meetings_with(lib, id)?,
    })
}

/// What the page count in the packet builder shows.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct PacketPreview {
    pub pages: usize,
    pub draft: bool,
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct SavedFile {
    #[ts(type = "string")]
    pub path: PathBuf,
    pub bytes: u64,
}

/// Where a rebuild of the index is: `(0, total)` before the first document
/// and `(total, total)` once committed.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
pub struct ReindexProgress {
    pub done: u64,
    pub total: u64,
}
