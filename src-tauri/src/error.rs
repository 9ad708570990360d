//! The error that crosses IPC: the core's [`dossier::error::ErrorReply`],
//! `{ code, message, key, params }`, under the name the commands use. The
//! front end branches on `code`, words `key` with its `params` in the
//! interface language, and falls back to `message` (English).

pub use dossier::error::{ErrorCode, ErrorReply as IpcError};

/// The result of every command.
pub type IpcResult<T> = Result<T, IpcError>;
