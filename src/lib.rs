//! Dossier's core: an offline library of position papers with every version,
//! the organisation's campaign history, the officials it meets and its
//! engagements with them, and the briefing packets made from them.
//!
//! Everything goes through a [`Library`], one folder holding a SQLite
//! database that is the source of truth. This crate knows nothing of the
//! desktop window: the `dossier` command line and the desktop shell are both
//! thin layers over it.

pub mod api;
pub mod backup;
pub mod bindings;
pub mod campaigns;
pub mod corpus;
pub mod dates;
pub mod diff;
pub mod engagements;
pub mod html;
pub mod error;
pub mod export;
pub mod files;
pub mod import;
pub mod layout;
pub mod library;
pub mod links;
pub mod lobbying;
pub mod location;
pub mod logging;
pub mod message;
pub mod menu_labels;
pub mod officials;
pub mod originals;
pub mod packets;
pub mod papers;
pub mod parliament;
pub mod progress;
pub mod registry;
pub mod sample;
pub mod search;
pub mod settings;
mod store;
pub mod subjects;
pub mod sync;
pub mod vocab;

pub use error::{Error, Result};
pub use message::Message;
pub use library::Library;
pub use store::SCHEMA_VERSION;
