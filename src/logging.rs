//! The support log: what Dossier did, at the level of operations, kept for a
//! week so that someone helping a user can read what happened.
//!
//! - **Where.** The OS's folder for an application's logs ([`folder`]):
//!   `$XDG_STATE_HOME/dossier/logs` (`~/.local/state/dossier/logs`) on
//!   Linux, `~/Library/Logs/Dossier` on macOS, `%LOCALAPPDATA%\dossier\logs`
//!   on Windows; `$DOSSIER_LOG_DIR` instead when set (tests, a locked-down
//!   machine).
//! - **Files.** One file per face and day, `app.YYYY-MM-DD.log` and
//!   `cli.YYYY-MM-DD.log`; each face keeps its last [`DAYS_KEPT`] files and
//!   removes older ones when it starts a new day. Lines are plain text, one
//!   event each, time in UTC.
//! - **What.** Operations and their figures: a library opened (its folder
//!   and schema), N files imported, a packet exported (pages, bytes), a sync
//!   (changes sent and applied), a backup, a reindex, a command that failed
//!   with its error code. Never the text of a paper, a note, a title or a
//!   search: events carry ids, counts, codes and folders only, and a test
//!   reads a log after a day's work to hold that.
//! - **Failure.** The log never stops the work it records: a folder that
//!   cannot be made means no log, silently.
//!
//! The core emits events with `tracing`; [`start`] is called by each face's
//! `main` and installs the writer. Without it (the tests, a program using
//! the crate) events go nowhere.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{Builder, Rotation};

/// How many daily files each face keeps.
pub const DAYS_KEPT: usize = 7;

/// Which program writes: names its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// The `dossier` command line.
    Cli,
    /// The desktop app.
    App,
}

impl Face {
    fn prefix(self) -> &'static str {
        match self {
            Face::Cli => "cli",
            Face::App => "app",
        }
    }
}

/// The folder the log is written in on this machine, if it has one.
pub fn folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("DOSSIER_LOG_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    os_folder()
}

#[cfg(target_os = "macos")]
fn os_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.home_dir().join("Library").join("Logs").join("Dossier"))
}

#[cfg(target_os = "windows")]
fn os_folder() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.data_local_dir().join("dossier").join("logs"))
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
fn os_folder() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "dossier")?;
    // The XDG state folder is where logs belong; `state_dir` is `None` only
    // off Linux (a BSD, say), where the data folder serves.
    Some(dirs.state_dir().unwrap_or(dirs.data_local_dir()).join("logs"))
}

/// Keeps the log open while the program runs; drop it to stop logging.
pub struct LogGuard {
    _default: tracing::dispatcher::DefaultGuard,
}

/// Starts writing `face`'s log in [`folder`], if it can be made, for the
/// rest of the thread that calls this and every thread started after
/// (events on other threads go to the global default, set here too).
/// Returns the folder written to.
pub fn start(face: Face) -> Option<PathBuf> {
    let dir = folder()?;
    let dispatch = dispatch_in(&dir, face)?;
    // The first caller wins; a second start (tests) keeps the first writer.
    let _ = tracing::dispatcher::set_global_default(dispatch);
    tracing::info!(version = env!("CARGO_PKG_VERSION"), os = std::env::consts::OS, arch = std::env::consts::ARCH, "started");
    Some(dir)
}

/// Like [`start`], in `dir`, for the current thread only, until the guard
/// is dropped: what tests use, since a process has one global writer.
pub fn start_here(dir: &Path, face: Face) -> Option<LogGuard> {
    let dispatch = dispatch_in(dir, face)?;
    Some(LogGuard { _default: tracing::dispatcher::set_default(&dispatch) })
}

fn dispatch_in(dir: &Path, face: Face) -> Option<tracing::Dispatch> {
    std::fs::create_dir_all(dir).ok()?;
    let _ = crate::files::make_private(dir);
    let appender = Builder::new()
        .rotation(Rotation::DAILY)
        .filename_prefix(face.prefix())
        .filename_suffix("log")
        .max_log_files(DAYS_KEPT)
        .build(dir)
        .ok()?;
    let subscriber = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_target(false)
        .with_max_level(tracing::Level::INFO)
        .finish();
    Some(tracing::Dispatch::new(subscriber))
}

/// Runs `f` with the log silent on this thread: for a job that logs one
/// line of its own for what would be many (the sample, an import).
pub fn quietly<T>(f: impl FnOnce() -> T) -> T {
    tracing::subscriber::with_default(tracing::subscriber::NoSubscriber::default(), f)
}

/// The log files in `dir`, oldest first (by the day in their name, then the
/// face).
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (face, rest) = name.split_once('.')?;
            let day = rest.strip_suffix(".log")?;
            (matches!(face, "app" | "cli") && e.path().is_file()).then(|| (format!("{day} {face}"), e.path()))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, p)| p).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_land_in_the_faces_file_of_the_day_without_colour_codes() {
        let dir = tempfile::tempdir().unwrap();
        {
            let _guard = start_here(dir.path(), Face::Cli).expect("a log in a writable folder");
            tracing::info!(files = 3, "imported");
            tracing::warn!(code = "invalid", "command failed");
        }
        let files = files(dir.path());
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        assert_eq!(name, format!("cli.{today}.log"));
        let text = std::fs::read_to_string(&files[0]).unwrap();
        assert!(text.contains("INFO imported files=3"), "{text}");
        assert!(text.contains("WARN command failed code=\"invalid\""), "{text}");
        assert!(!text.contains('\u{1b}'), "no terminal colours in a file: {text:?}");
    }

    #[test]
    fn no_folder_means_no_log_and_no_failure() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "not a folder").unwrap();
        assert!(start_here(&blocked.join("logs"), Face::App).is_none());
    }

    #[test]
    fn files_are_listed_by_day_then_face_and_others_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["cli.2026-11-29.log", "app.2026-11-28.log", "app.2026-11-29.log", "notes.txt", "other.2026-11-01.log"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let names: Vec<String> =
            files(dir.path()).iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["app.2026-11-28.log", "app.2026-11-29.log", "cli.2026-11-29.log"]);
    }
}
