//! The library the window works on, and how commands reach it without ever
//! blocking the window.
//!
//! Two kinds of access, so short commands never wait behind long jobs:
//! - [`AppState::run`]: list, open, search, save… on the window's own
//!   `Library` handle, on a blocking-pool thread (never the main thread);
//! - [`AppState::job`]: import, export, reindex, backup, sync, each on a
//!   `Library` handle of its own (its own SQLite connection and search
//!   handle), so the short handle stays free while the job runs. SQLite's
//!   write-ahead log lets the short handle read while a job writes.
//!
//! Setting up a team library may *replace* the library's file (joining
//! copies the team's snapshot over it), so [`AppState::reopen_with`] closes
//! the window's handle first and keeps the library the set-up returns;
//! short commands wait for it rather than read a file being replaced.
//!
//! Architecture invariant: every command is `async` and goes through one of
//! these two (the shell's tests check that no command is synchronous).
//!
//! What crosses back to the page goes through [`blocking`], which holds the
//! boundary: an error reaches the page with its paths replaced by names
//! ([`ForPage`]), and a command that panics answers `command_failed` instead
//! of taking the app down or leaving the library locked; the window's handle
//! it was using is closed and opened again, so the next command works.
//!
//! The places the user chose in a dialog this run ([`Places`]) live here too:
//! commands find a path only through them.

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use dossier::api::places::{ChosenPlace, ForPage, PlacePurpose, Places};
use dossier::Library;

use crate::error::{IpcError, IpcResult};

/// A library opened by the window.
struct Open {
    root: PathBuf,
    /// The handle short commands share, one at a time; `None` only while
    /// [`AppState::reopen_with`] has it closed, or if reopening failed.
    short: Mutex<Option<Library>>,
}

/// Shared state of the app.
#[derive(Default)]
pub struct AppState {
    open: RwLock<Option<Arc<Open>>>,
    /// Why the library asked for at start could not be opened, if it could
    /// not: shown on the first-run screen instead of a silent fallback.
    startup_error: Mutex<Option<IpcError>>,
    /// The files and folders the user chose in a dialog this run.
    places: Mutex<Places>,
}

impl AppState {
    /// Opens the library asked for on the command line, else the one open
    /// last time, else the default one if it exists; otherwise none, and the
    /// window shows the first-run choices.
    pub fn open_at_start(&self, requested: Option<PathBuf>, remembered: Option<PathBuf>) {
        let default = Library::default_root().ok();
        let candidates = [requested, remembered, default];
        let mut first_error = None;
        for dir in candidates.into_iter().flatten() {
            match Library::open(&dir) {
                Ok(lib) => {
                    self.replace(lib);
                    return;
                }
                // A folder with no library in it is simply not a candidate.
                Err(dossier::Error::NoLibrary(_)) => {}
                Err(e) => {
                    first_error.get_or_insert(IpcError::from(e));
                }
            }
        }
        if let Ok(mut slot) = self.startup_error.lock() {
            *slot = first_error;
        }
    }

    /// Why the library asked for at start could not be opened.
    pub fn startup_error(&self) -> Option<IpcError> {
        self.startup_error.lock().ok().and_then(|e| e.clone()).for_page()
    }

    fn places(&self) -> MutexGuard<'_, Places> {
        // The registry is a map; a panic elsewhere cannot leave it half-made.
        self.places.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps a place the user just chose in a dialog for `purpose`.
    pub fn grant(&self, purpose: PlacePurpose, path: PathBuf) -> ChosenPlace {
        self.places().grant(purpose, path)
    }

    /// The path of place `id`, chosen for one of `purposes`.
    pub fn place(&self, id: &str, purposes: &[PlacePurpose]) -> IpcResult<PathBuf> {
        Ok(self.places().path_for(id, purposes)?)
    }

    /// Keeps a PDF the app wrote in a chosen folder, for the page to open.
    pub fn grant_written(&self, path: PathBuf) -> ChosenPlace {
        self.places().grant_written(path)
    }

    /// Records that the app wrote the file at place `id`.
    pub fn mark_written(&self, id: &str) {
        self.places().mark_written(id);
    }

    /// The file at place `id`, if the app wrote it this run.
    pub fn written_file(&self, id: &str) -> IpcResult<PathBuf> {
        Ok(self.places().written_file(id)?)
    }

    /// Makes `lib` the open library. Jobs still running on the previous
    /// one finish on their own handles.
    pub fn replace(&self, mut lib: Library) {
        lib.set_interactive_search(true);
        let open = Arc::new(Open { root: lib.root().to_owned(), short: Mutex::new(Some(lib)) });
        if let Ok(mut slot) = self.open.write() {
            *slot = Some(open);
        }
    }

    fn current(&self) -> IpcResult<Arc<Open>> {
        self.open.read().map_err(|_| IpcError::internal())?.clone().ok_or_else(IpcError::no_library)
    }

    /// The folder of the open library, if any.
    pub fn root(&self) -> Option<PathBuf> {
        self.current().ok().map(|o| o.root.clone())
    }

    /// Runs a short command on the window's handle, on a blocking thread.
    /// If it panics, the handle is closed and the folder opened again: a
    /// write it was making rolled back with the handle's transaction.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Library) -> dossier::Result<T> + Send + 'static,
    ) -> IpcResult<T> {
        let open = self.current()?;
        blocking(move || {
            let mut slot = open.short.lock().unwrap_or_else(|poisoned| {
                // An earlier command panicked holding it; its handle went.
                let mut slot = poisoned.into_inner();
                *slot = window_handle(&open.root);
                slot
            });
            let lib = slot.as_mut().ok_or_else(IpcError::no_library)?;
            match std::panic::catch_unwind(AssertUnwindSafe(|| f(lib))) {
                Ok(result) => Ok(result?),
                Err(_) => {
                    *slot = None;
                    *slot = window_handle(&open.root);
                    Err(command_failed())
                }
            }
        })
        .await
    }

    /// Runs a long job on a handle of its own, on a blocking thread.
    pub async fn job<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Library) -> IpcResult<T> + Send + 'static,
    ) -> IpcResult<T> {
        let root = self.current()?.root.clone();
        blocking(move || {
            let mut lib = Library::open(&root)?;
            f(&mut lib)
        })
        .await
    }

    /// Runs `f` on the open library's folder with the window's handle
    /// closed, on a blocking thread, and keeps the library `f` returns as the
    /// open one (the same folder). Short commands wait meanwhile. If `f`
    /// fails, the folder is opened again as it is.
    pub async fn reopen_with<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Path) -> dossier::Result<(Library, T)> + Send + 'static,
    ) -> IpcResult<T> {
        let open = self.current()?;
        blocking(move || {
            let mut slot = open.short.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            drop(slot.take());
            match f(&open.root) {
                Ok((mut lib, value)) => {
                    lib.set_interactive_search(true);
                    *slot = Some(lib);
                    Ok(value)
                }
                Err(e) => {
                    *slot = window_handle(&open.root);
                    Err(e.into())
                }
            }
        })
        .await
    }

    /// Opens (or creates, or fills with the sample) a library with `open`,
    /// off the main thread, and makes it the open one.
    pub async fn open_with(
        &self,
        dir: PathBuf,
        open: impl FnOnce(&Path) -> dossier::Result<Library> + Send + 'static,
    ) -> IpcResult<dossier::api::library::LibraryView> {
        let lib = blocking(move || Ok(open(&dir)?)).await?;
        let view = dossier::api::library::view(&lib)?;
        self.replace(lib);
        Ok(view)
    }
}

/// Runs `f` on Tauri's blocking pool and waits for it without blocking.
/// The one way out of a command: its error reaches the page without paths,
/// and a panic becomes `command_failed`.
pub async fn blocking<T: Send + 'static>(f: impl FnOnce() -> IpcResult<T> + Send + 'static) -> IpcResult<T> {
    let outcome = tauri::async_runtime::spawn_blocking(move || std::panic::catch_unwind(AssertUnwindSafe(f))).await;
    match outcome {
        Ok(Ok(result)) => result.map_err(ForPage::for_page),
        Ok(Err(_)) | Err(_) => Err(command_failed()),
    }
}

/// The window's own handle on the library at `root`: its searches answer at
/// once while a long job indexes (`Library::set_interactive_search`).
fn window_handle(root: &Path) -> Option<Library> {
    let mut lib = Library::open(root).ok()?;
    lib.set_interactive_search(true);
    Some(lib)
}

/// What the page hears when a command panicked.
fn command_failed() -> IpcError {
    IpcError::new(crate::error::ErrorCode::Internal, dossier::Message::CommandFailed {})
}
