//! The library the window works on. One at a time, behind a mutex: the core
//! `Library` owns a single SQLite connection.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use dossier::Library;

use crate::error::{IpcError, IpcResult};

/// Shared state of the app.
#[derive(Default)]
pub struct AppState {
    library: Mutex<Option<Library>>,
    /// Why the library asked for at start could not be opened, if it could
    /// not: shown on the first-run screen instead of a silent fallback.
    startup_error: Mutex<Option<IpcError>>,
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
        self.startup_error.lock().ok().and_then(|e| e.clone())
    }

    /// Makes `lib` the open library.
    pub fn replace(&self, lib: Library) {
        if let Ok(mut guard) = self.library.lock() {
            *guard = Some(lib);
        }
    }

    /// Runs `f` on the open library.
    pub fn with<T>(&self, f: impl FnOnce(&mut Library) -> dossier::Result<T>) -> IpcResult<T> {
        let mut guard = self.library.lock().map_err(|_| IpcError::new("internal", dossier::Message::AppBroken {}))?;
        let lib = guard.as_mut().ok_or_else(IpcError::no_library)?;
        Ok(f(lib)?)
    }

    /// Runs `f`, which may fail with an IPC error of its own, on the open library.
    pub fn with_ipc<T>(&self, f: impl FnOnce(&mut Library) -> IpcResult<T>) -> IpcResult<T> {
        let mut result = None;
        self.with(|lib| {
            result = Some(f(lib));
            Ok(())
        })?;
        result.unwrap_or_else(|| Err(IpcError::no_library()))
    }

    /// The folder of the open library, if any.
    pub fn root(&self) -> Option<PathBuf> {
        self.library
            .lock()
            .ok()
            .and_then(|g| g.as_ref().map(|l| l.root().to_owned()))
    }

    /// Opens the library in `dir` and makes it the open one.
    pub fn open(&self, dir: &Path) -> IpcResult<()> {
        self.replace(Library::open(dir)?);
        Ok(())
    }
}
