//! The error that crosses IPC: `{ code, message }`, so the front end
//! branches on a stable code and shows the message.

use serde::Serialize;

/// An error as the front end receives it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl IpcError {
    /// No library is open yet (the first-run screen should be showing).
    pub fn no_library() -> Self {
        IpcError {
            code: "no_library".into(),
            message: "no library is open: open or create one first".into(),
        }
    }
}

impl IpcError {
    /// A lock was poisoned or a worker thread died: an earlier operation
    /// failed badly.
    pub fn internal() -> Self {
        IpcError { code: "internal".into(), message: "an earlier operation failed badly; restart Dossier".into() }
    }
}

impl From<dossier::Error> for IpcError {
    fn from(e: dossier::Error) -> Self {
        IpcError {
            code: e.code().into(),
            message: e.to_string(),
        }
    }
}

/// The result of every command.
pub type IpcResult<T> = Result<T, IpcError>;
