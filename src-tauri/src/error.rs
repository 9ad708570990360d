//! The error that crosses IPC: `{ code, message, key, params }`. The front
//! end branches on the coarse `code`, words `key` with its `params` in the
//! interface language, and falls back to `message` (English) for a key it
//! does not know.

use dossier::Message;
use serde::Serialize;

/// An error as the front end receives it.
#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
pub struct IpcError {
    pub code: String,
    /// The English wording, for a key the front end cannot word.
    pub message: String,
    /// `key` and `params`.
    #[serde(flatten)]
    #[ts(flatten)]
    pub detail: Message,
}

impl IpcError {
    /// An error of the shell's own, with its coarse code.
    pub fn new(code: &str, detail: Message) -> Self {
        IpcError {
            code: code.into(),
            message: detail.to_string(),
            detail,
        }
    }

    /// No library is open yet (the first-run screen should be showing).
    pub fn no_library() -> Self {
        IpcError::new("no_library", Message::NoLibraryOpen {})
    }
}

impl IpcError {
    /// A lock was poisoned or a worker thread died: an earlier operation
    /// failed badly.
    pub fn internal() -> Self {
        IpcError::new("internal", Message::AppBroken {})
    }
}

impl From<dossier::Error> for IpcError {
    fn from(e: dossier::Error) -> Self {
        let detail = e.message();
        IpcError {
            code: e.code().into(),
            message: detail.to_string(),
            detail,
        }
    }
}

/// The result of every command.
pub type IpcResult<T> = Result<T, IpcError>;
