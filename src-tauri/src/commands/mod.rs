//! The IPC commands, one file per area. Each command converts its
//! arguments, makes one call on the core, and converts the result.

pub mod imports;
pub mod library;
pub mod packets;
pub mod papers;
pub mod places;
pub mod records;
pub mod reports;
pub mod safekeeping;
pub mod search;
pub mod support;
pub mod sync;
