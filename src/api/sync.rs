//! The team library's use cases: setting up or joining, and the defaults a
//! face may leave out (the device's name, the person).
//!
//! `setup` decides once whether a folder means "start a team" or "join the
//! team it holds": a folder that holds a team library is joined, any other
//! starts one with this library as its first device.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use ts_rs::TS;

use crate::error::Result;
use crate::library::Library;
use crate::sync::folder::Folder;
use crate::sync::handle::SyncStatus;

/// Set up or join a team library.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupRequest {
    /// The shared folder (a network share, a synced folder, a USB stick).
    /// The app never takes it from the page: it sets the folder the user
    /// chose in its dialog.
    #[serde(default)]
    #[ts(skip)]
    pub folder: PathBuf,
    /// What to call this computer; its name when left out.
    #[serde(default)]
    pub device: Option<String>,
    /// Who uses it; the author rule ([`super::author`]) when left out.
    #[serde(default)]
    pub person: Option<String>,
}

/// What setting up did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SetupKind {
    /// This library became the first device of a new team library.
    Created,
    /// This device joined the team library the folder held.
    Joined,
}

/// What setting up did, and where the device then stands.
#[derive(Debug, Clone, PartialEq, serde::Serialize, TS)]
pub struct SetupReport {
    pub setup: SetupKind,
    pub status: SyncStatus,
}

/// The device name used when none is given: the computer's name.
pub fn device_name(given: Option<&str>) -> String {
    if let Some(name) = given.map(str::trim).filter(|n| !n.is_empty()) {
        return name.to_owned();
    }
    let host = whoami::devicename();
    let host: String = host.chars().filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_')).take(40).collect();
    if host.trim().is_empty() { "computer".to_owned() } else { host.trim().to_owned() }
}

/// Whether `folder` already holds a team library (then setting up joins it).
pub fn holds_team(folder: &Path) -> bool {
    matches!(Folder::in_shared(folder).team(), Ok(Some(_)))
}

/// Sets up the library in `root` as a device of the team library in the
/// request's folder: joins the team the folder holds (the library in `root`
/// must be empty or absent), or starts one with this library.
pub fn setup(root: &Path, request: &SetupRequest) -> Result<(Library, SetupKind, SyncStatus)> {
    let device = device_name(request.device.as_deref());
    let person = super::author(request.person.as_deref());
    if holds_team(&request.folder) {
        let lib = Library::join_team(root, &request.folder, &device, &person)?;
        let status = lib.sync_status()?;
        return Ok((lib, SetupKind::Joined, status));
    }
    let mut lib = Library::open(root)?;
    let status = lib.create_team(&request.folder, &device, &person)?;
    Ok((lib, SetupKind::Created, status))
}
